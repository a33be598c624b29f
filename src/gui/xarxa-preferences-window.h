/* xarxa-preferences-window.h — Preferences: the sync account and automatic sync.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-sync-controller.h"

G_BEGIN_DECLS

#define XARXA_TYPE_PREFERENCES_WINDOW (xarxa_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (XarxaPreferencesWindow, xarxa_preferences_window, XARXA, PREFERENCES_WINDOW, AdwPreferencesWindow)

XarxaPreferencesWindow *xarxa_preferences_window_new   (GtkWindow              *parent,
                                                        XarxaSyncController    *controller);
/* What the Log In button does. */
void                    xarxa_preferences_window_login (XarxaPreferencesWindow *self);
/* TRUE while a log-in is under way. */
gboolean                xarxa_preferences_window_is_busy (XarxaPreferencesWindow *self);

G_END_DECLS
