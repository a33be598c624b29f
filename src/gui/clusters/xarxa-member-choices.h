/* xarxa-member-choices.h — a cluster's member organisations as the
 * choices of a drop-down or a list (an action's owner, whose position on
 * a decision, who supports an agenda item): ids and names, by name.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store.h"

G_BEGIN_DECLS

/* Appends the live member organisations of @cluster_id to @ids and their
 * names to @labels (new strings; the arrays free them), by name.  Returns
 * how many were added. */
guint  xarxa_member_choices_append  (XarxaStore *store,
                                     const char *cluster_id,
                                     GPtrArray  *ids,
                                     GPtrArray  *labels);
/* The name of organisation @entity_id, or NULL when it is not there. */
char  *xarxa_member_choices_name    (XarxaStore *store,
                                     const char *entity_id);

G_END_DECLS
