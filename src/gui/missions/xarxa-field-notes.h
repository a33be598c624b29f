/* xarxa-field-notes.h — a mission's field notes, newest first, each
 * stamped and edited in place, with quick capture and "Promote to
 * Agenda…".
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_FIELD_NOTES (xarxa_field_notes_get_type ())
G_DECLARE_FINAL_TYPE (XarxaFieldNotes, xarxa_field_notes, XARXA, FIELD_NOTES, GtkBox)

GtkWidget *xarxa_field_notes_new     (XarxaStore      *store,
                                      const char      *mission_id);
/* Shows another mission's notes. */
void       xarxa_field_notes_set_mission_id (XarxaFieldNotes *self,
                                             const char      *mission_id);
/* Opens the quick capture dialog and returns it.  The mission's page
 * binds this to Ctrl+Shift+N, so a note can be taken from anywhere in the
 * mission (the widget binds it too, for when the focus is in it). */
GtkWidget *xarxa_field_notes_capture (XarxaFieldNotes *self);
/* Opens "Promote to Agenda" for @note_id and returns the dialog. */
GtkWidget *xarxa_field_notes_promote (XarxaFieldNotes *self,
                                      const char      *note_id);
/* The row of a note (an AdwExpanderRow), or NULL. */
GtkWidget *xarxa_field_notes_get_row (XarxaFieldNotes *self,
                                      const char      *note_id);

G_END_DECLS
