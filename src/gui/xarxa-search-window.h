/* xarxa-search-window.h — one search across the four views.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_SEARCH_WINDOW (xarxa_search_window_get_type ())
G_DECLARE_FINAL_TYPE (XarxaSearchWindow, xarxa_search_window, XARXA, SEARCH_WINDOW, AdwWindow)

/* A hit is opened with the parent's "win.open-record" action, (type, id). */
GtkWidget *xarxa_search_window_new      (GtkWindow         *parent,
                                         XarxaStore        *store);
/* Searches @text now, as if typed (for tests and a search handed over). */
void       xarxa_search_window_search   (XarxaSearchWindow *self,
                                         const char        *text);
/* The hits shown, in order; for tests. */
guint      xarxa_search_window_get_n_hits (XarxaSearchWindow *self);

G_END_DECLS
