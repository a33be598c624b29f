/* xarxa-window.h — the main window: header bar, view switcher, views, toasts.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"
#include "xarxa-sync-controller.h"

G_BEGIN_DECLS

#define XARXA_TYPE_WINDOW (xarxa_window_get_type ())
G_DECLARE_FINAL_TYPE (XarxaWindow, xarxa_window, XARXA, WINDOW, AdwApplicationWindow)

/* store is NULL when it could not be opened: then open_error says why and the
 * window shows that instead of the views. */
XarxaWindow *xarxa_window_new        (GtkApplication *application,
                                      XarxaStore     *store,
                                      const GError   *open_error);
/* Opens the database at path itself (making it, and its folder, when it is
 * not there); when it cannot, the window says why and offers to start a new
 * database, open another file or show the file in the file manager. */
XarxaWindow *xarxa_window_new_for_path (GtkApplication *application,
                                        const char     *path);
XarxaStore  *xarxa_window_get_store  (XarxaWindow    *self);
/* The window's sync, or NULL (no store, or sync not set up). */
XarxaSyncController *xarxa_window_get_sync_controller (XarxaWindow *self);
void         xarxa_window_add_toast  (XarxaWindow    *self,
                                      AdwToast       *toast);

/* Makes sure the GUI's resources and types are registered (tests call it
 * before building widgets). */
void         xarxa_gui_init          (void);

G_END_DECLS
