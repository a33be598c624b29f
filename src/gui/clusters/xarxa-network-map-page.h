/* xarxa-network-map-page.h — the network map in the window: the drawing,
 * zoom buttons and the list of bridging organisations beside it, the
 * keyboard's and screen reader's way in.  Clicking a cluster or an
 * organisation opens it in its view (win.open-record).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_NETWORK_MAP_PAGE (xarxa_network_map_page_get_type ())
G_DECLARE_FINAL_TYPE (XarxaNetworkMapPage, xarxa_network_map_page, XARXA, NETWORK_MAP_PAGE, AdwBin)

GtkWidget *xarxa_network_map_page_new  (void);
/* Lays out and shows the map of the whole network (@cluster_id NULL) or
 * of one cluster, from the database @store is open on; a spinner until
 * the layout, made in a thread, is ready.  Emits "back" when the person
 * leaves the map. */
void       xarxa_network_map_page_show (XarxaNetworkMapPage *self,
                                        XarxaStore          *store,
                                        const char          *cluster_id);
/* Whether a map is being laid out. */
gboolean   xarxa_network_map_page_is_loading (XarxaNetworkMapPage *self);

G_END_DECLS
