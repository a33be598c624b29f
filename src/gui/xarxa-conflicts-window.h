/* xarxa-conflicts-window.h — the open sync conflicts, side by side, to resolve.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_CONFLICTS_WINDOW (xarxa_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (XarxaConflictsWindow, xarxa_conflicts_window, XARXA, CONFLICTS_WINDOW, AdwWindow)

XarxaConflictsWindow *xarxa_conflicts_window_new         (GtkWindow            *parent,
                                                          XarxaStore           *store);
/* Conflicts listed now. */
guint                 xarxa_conflicts_window_get_n_items (XarxaConflictsWindow *self);
/* The translated label of a record field, like "City" for "city". */

G_END_DECLS
