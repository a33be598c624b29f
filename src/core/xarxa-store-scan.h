/* xarxa-store-scan.h — every live record of a type, or those whose field
 * holds a value: for the command line's list and for a record's children
 * (the contacts of an organisation, the members of a cluster).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store.h"

G_BEGIN_DECLS

/* The records of type_name that are not deleted, oldest row first, each as
 * xarxa_store_get_record() gives it (a GPtrArray of JsonObject).  With
 * field, only those whose field holds value: the same text for text and
 * reference fields, the same number or yes/no, an item of a set; a NULL or
 * null value matches an empty field. */
GPtrArray *xarxa_store_scan_records (XarxaStore  *self,
                                     const char  *type_name,
                                     const char  *field,
                                     JsonNode    *value,
                                     GError     **error);

G_END_DECLS
