/* xarxa-mission-editor.h — a mission's page, edited in place: what it is
 * for, where and when, who organises it and with what budget, who takes
 * part, and what came of it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_MISSION_EDITOR (xarxa_mission_editor_get_type ())
G_DECLARE_FINAL_TYPE (XarxaMissionEditor, xarxa_mission_editor, XARXA, MISSION_EDITOR, AdwBin)

void        xarxa_mission_editor_set_store      (XarxaMissionEditor *self,
                                                 XarxaStore         *store);
/* Saves what is being typed in the mission shown, then shows @id (NULL:
 * none). */
void        xarxa_mission_editor_set_mission    (XarxaMissionEditor *self,
                                                 const char         *id);
const char *xarxa_mission_editor_get_mission_id (XarxaMissionEditor *self);
/* The mission's title as stored, or NULL. */
const char *xarxa_mission_editor_get_title      (XarxaMissionEditor *self);
/* Saves the field being typed, if it changed and can be saved. */
void        xarxa_mission_editor_flush          (XarxaMissionEditor *self);
void        xarxa_mission_editor_focus_first    (XarxaMissionEditor *self);
/* A stop of the mission shown, opened from elsewhere (a search hit): its
 * day unfolded and its row focused.  FALSE when it is not this mission's. */
gboolean    xarxa_mission_editor_show_stop      (XarxaMissionEditor *self,
                                                 const char         *stop_id);
/* Writes the itinerary as iCalendar to @file. */
gboolean    xarxa_mission_editor_export_ics     (XarxaMissionEditor *self,
                                                 GFile              *file,
                                                 GError            **error);
/* Starts a cluster named after the mission with @entity_ids as members
 * and opens it (win.open-cluster); its id, or NULL (a toast says why). */
char       *xarxa_mission_editor_start_cluster  (XarxaMissionEditor *self,
                                                 const char * const *entity_ids);

G_END_DECLS
