/* xarxa-field-note-dialog.h — quick capture of a field note: its text,
 * the stop it is about (the one under way by default) and the people met,
 * picked from the directory or added as new contacts, with a new
 * organisation if need be, all written in one transaction, offline.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_FIELD_NOTE_DIALOG (xarxa_field_note_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XarxaFieldNoteDialog, xarxa_field_note_dialog, XARXA, FIELD_NOTE_DIALOG, AdwWindow)

GtkWidget *xarxa_field_note_dialog_new  (GtkWindow            *parent,
                                         XarxaStore           *store,
                                         const char           *mission_id);
/* The stop preselected: the one under way at @now (NULL: none). */
const char *xarxa_field_note_dialog_get_stop_id (XarxaFieldNoteDialog *self);
/* Writes the note, and the people and organisation new to the directory,
 * together; FALSE with what is wrong shown in the dialog and nothing
 * written.  The "saved" signal gives the note's id. */
gboolean   xarxa_field_note_dialog_save (XarxaFieldNoteDialog *self);

/* The stop of @stops (XarxaMissionStops) under way at @now, or NULL. */
const char *xarxa_field_note_stop_under_way (GPtrArray *stops,
                                             GDateTime *now);

G_END_DECLS
