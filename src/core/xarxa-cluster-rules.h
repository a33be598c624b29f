/* xarxa-cluster-rules.h — the rules that hold across the records of a
 * cluster, checked by the store before it writes one of this device's
 * own (the store's per-type check hook, xarxa-store-hooks.h).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

/* Each takes the record as it stands (@before, NULL for a new one) and as
 * it would be written (@after, with its "id"), and refuses with one
 * message that names the records and says what to do. */

/* A member's organisation exists and is not deleted; it is not a member
 * of the cluster already. */
gboolean xarxa_cluster_rules_check_member   (XarxaStore  *store,
                                             JsonObject  *before,
                                             JsonObject  *after,
                                             GError     **error);
/* A position's decision exists; its organisation is a member of the
 * decision's cluster and has no position on it yet. */
gboolean xarxa_cluster_rules_check_position (XarxaStore  *store,
                                             JsonObject  *before,
                                             JsonObject  *after,
                                             GError     **error);
/* A measurement's indicator exists, and the cluster it names, if any, is
 * the indicator's. */
gboolean xarxa_cluster_rules_check_measurement (XarxaStore  *store,
                                                JsonObject  *before,
                                                JsonObject  *after,
                                                GError     **error);
/* A support's agenda item and organisation exist; the organisation does
 * not support the item already. */
gboolean xarxa_cluster_rules_check_support  (XarxaStore  *store,
                                             JsonObject  *before,
                                             JsonObject  *after,
                                             GError     **error);

/* A person met's field note and contact exist; the note does not name
 * the person already.  (The one pair outside a cluster, kept with the
 * others for their shared rules.) */
gboolean xarxa_cluster_rules_check_note_person (XarxaStore  *store,
                                                JsonObject  *before,
                                                JsonObject  *after,
                                                GError     **error);

/* The error for a pair made twice: "Fundació X is already a member of
 * Clúster Y." from the type's duplicate_message. */
void     xarxa_cluster_rules_set_duplicate  (XarxaStore            *store,
                                             const XarxaRecordType *type,
                                             JsonObject            *record,
                                             GError               **error);

/* The title of a record as a person reads it ("Fundació Horitzó Comú"),
 * or its id when it has none or is not there. */
char    *xarxa_cluster_rules_title          (XarxaStore  *store,
                                             const char  *type_name,
                                             const char  *id);

G_END_DECLS
