/* xarxa-import-dialog.h — the window that imports a CSV file into the directory.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_IMPORT_DIALOG (xarxa_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XarxaImportDialog, xarxa_import_dialog, XARXA, IMPORT_DIALOG, AdwWindow)

/* Asks for a CSV file, then shows the import window for it, modal over
 * parent; nothing happens if the user cancels the file chooser. */
void               xarxa_import_dialog_present      (GtkWindow  *parent,
                                                     XarxaStore *store);

/* The import window for a file already chosen (skips the file chooser).  The
 * window is owned by GTK like every toplevel: show it with
 * gtk_window_present(), it is destroyed when closed. */
XarxaImportDialog *xarxa_import_dialog_new_for_file (GtkWindow  *parent,
                                                     XarxaStore *store,
                                                     GFile      *file);

/* The page on show: "loading", "preview", "error", "importing" or "report";
 * notifies "page" when it changes. */
const char        *xarxa_import_dialog_get_page     (XarxaImportDialog *self);

G_END_DECLS
