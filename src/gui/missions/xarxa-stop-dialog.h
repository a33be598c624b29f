/* xarxa-stop-dialog.h — adds or edits one stop of a mission's itinerary:
 * kind, title, day and times (the destination's wall-clock time), host
 * organisation and contact from the directory or made on the spot,
 * address (offered from the host's) and notes.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_STOP_DIALOG (xarxa_stop_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XarxaStopDialog, xarxa_stop_dialog, XARXA, STOP_DIALOG, AdwWindow)

/* @stop_id NULL: a new stop of @mission_id on @date (YYYY-MM-DD, or NULL). */
GtkWidget *xarxa_stop_dialog_new  (GtkWindow       *parent,
                                   XarxaStore      *store,
                                   const char      *mission_id,
                                   const char      *stop_id,
                                   const char      *date);
/* Writes the stop; FALSE with what is wrong shown in the dialog, which
 * stays open.  The "saved" signal gives the stop's id. */
gboolean   xarxa_stop_dialog_save (XarxaStopDialog *self);

G_END_DECLS
