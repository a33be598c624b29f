/* xarxa-network-map-view.h — the drawing of a network map: organisations
 * and clusters as shapes, their memberships as lines, panned by dragging
 * and zoomed by scrolling, pinching or the zoom functions below; with the
 * keyboard focus, the arrow keys pan.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-network-map.h"

G_BEGIN_DECLS

#define XARXA_TYPE_NETWORK_MAP_VIEW (xarxa_network_map_view_get_type ())
G_DECLARE_FINAL_TYPE (XarxaNetworkMapView, xarxa_network_map_view, XARXA, NETWORK_MAP_VIEW, GtkWidget)

GtkWidget       *xarxa_network_map_view_new      (void);
/* The map to draw, laid out (NULL: nothing); the view fits it. */
void             xarxa_network_map_view_set_map  (XarxaNetworkMapView *self,
                                                  XarxaNetworkMap     *map);
XarxaNetworkMap *xarxa_network_map_view_get_map  (XarxaNetworkMapView *self);
/* The scale against the map fitted to the view: 1 when fitted. */
double           xarxa_network_map_view_get_zoom (XarxaNetworkMapView *self);
/* Whether it can come closer or go further (zoom has limits). */
gboolean         xarxa_network_map_view_can_zoom_in  (XarxaNetworkMapView *self);
gboolean         xarxa_network_map_view_can_zoom_out (XarxaNetworkMapView *self);
void             xarxa_network_map_view_zoom_in  (XarxaNetworkMapView *self);
void             xarxa_network_map_view_zoom_out (XarxaNetworkMapView *self);
void             xarxa_network_map_view_zoom_fit (XarxaNetworkMapView *self);
/* Moves the drawing by (@dx, @dy) pixels, as dragging does. */
void             xarxa_network_map_view_pan      (XarxaNetworkMapView *self,
                                                  double               dx,
                                                  double               dy);
/* The index of the node drawn at (@x, @y) in the view, or -1. */
int              xarxa_network_map_view_node_at  (XarxaNetworkMapView *self,
                                                  double               x,
                                                  double               y);

G_END_DECLS
