/* xarxa-field-note-promote.h — a field note becomes an item of a shared
 * agenda, and each side can tell where the other is.
 *
 * The agenda item keeps the note in its field_note_id; a note is promoted
 * once (a second promotion is refused, saying where the first went), and
 * its item's id is derived from the note's, so that two devices promoting
 * one note offline end with one item.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store.h"

G_BEGIN_DECLS

/* Makes an agenda item of @kind ("challenge", "need", "innovation-trend",
 * "priority") with the note's text, on @cluster_id's agenda or, when it is
 * NULL, the network's.  Returns the item's id; NULL with a translated
 * error and nothing written when the note or cluster is not there, the
 * kind is not one of those, or the note is already on an agenda. */
char       *xarxa_field_note_promote        (XarxaStore  *store,
                                             const char  *note_id,
                                             const char  *cluster_id,
                                             const char  *kind,
                                             GError     **error);
/* The live agenda item promoted from @note_id, or NULL. */
JsonObject *xarxa_field_note_promoted_item  (XarxaStore  *store,
                                             const char  *note_id);
/* What a note shows once promoted: "On the agenda of Clúster Aigua" or
 * "On the network’s agenda"; NULL when it is on no agenda. */
char       *xarxa_field_note_describe_item  (XarxaStore  *store,
                                             const char  *note_id);
/* What an agenda item shows of where it came from: "From a field note of
 * Economia social a Montréal: “Cooperatives everywhere…”"; NULL when it
 * was not promoted from a note (or the note is gone).  For the cluster
 * agenda's rows. */
char       *xarxa_agenda_item_source        (XarxaStore  *store,
                                             JsonObject  *item);

G_END_DECLS
