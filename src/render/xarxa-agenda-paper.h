/* xarxa-agenda-paper.h — the shared social agenda on paper: its items
 * ranked by how many organisations support them, grouped by kind, each
 * with its transition and its supporters.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-paper.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

/* Adds the groups of @agenda (as xarxa_agenda_to_json() gives it) to
 * @paper, each under a heading of @level; a sentence when it is empty. */
void        xarxa_agenda_paper_add (XarxaPaper  *paper,
                                    JsonObject  *agenda,
                                    guint        level);
/* The agenda of a cluster, of a meeting, or (both NULL) of the whole
 * network, as a document of its own in the current language.  NULL with
 * an error when the cluster or meeting is not there. */
XarxaPaper *xarxa_agenda_paper_new (XarxaStore  *store,
                                    const char  *cluster_id,
                                    const char  *meeting_id,
                                    GError     **error);

G_END_DECLS
