/* xarxa-cluster-private.h — what xarxa-cluster.c and
 * xarxa-cluster-agenda.c share: reading records' members, copying a
 * record for readers, titles.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-cluster.h"

G_BEGIN_DECLS

/* A text member, or NULL when it is not a string. */
const char *xarxa_cluster_text_of     (JsonObject  *record,
                                       const char  *name);
/* The record's id, fields and times, for readers. */
JsonObject *xarxa_cluster_public_copy (const char  *type_name,
                                       JsonObject  *record);
/* The record if it is there and live, else NULL with an error. */
JsonObject *xarxa_cluster_live_record (XarxaStore  *store,
                                       const char  *type_name,
                                       const char  *id,
                                       GError     **error);
/* Sets @member of @object to the title of the record @id names. */
void        xarxa_cluster_set_title   (JsonObject  *object,
                                       const char  *member,
                                       XarxaStore  *store,
                                       const char  *type_name,
                                       const char  *id);

G_END_DECLS
