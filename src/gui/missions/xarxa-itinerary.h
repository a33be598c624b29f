/* xarxa-itinerary.h — a mission's itinerary, day by day: each day's stops
 * in time order in the destination's clock time (and this device's when
 * the two differ), what is wrong with them, and the planner's moves:
 * add, edit, move to another day or time (keyboard or drag and drop),
 * duplicate a day.  Days fold: a large mission opens with its days folded
 * to a summary each, and a day's rows are built when it is unfolded.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_ITINERARY (xarxa_itinerary_get_type ())
G_DECLARE_FINAL_TYPE (XarxaItinerary, xarxa_itinerary, XARXA, ITINERARY, GtkBox)

GtkWidget  *xarxa_itinerary_new            (XarxaStore     *store,
                                            const char     *mission_id);
const char *xarxa_itinerary_get_mission_id (XarxaItinerary *self);
/* Shows another mission's itinerary (a page that keeps one widget as the
 * user goes from mission to mission). */
void        xarxa_itinerary_set_mission_id (XarxaItinerary *self,
                                            const char     *mission_id);
/* Rebuilds now rather than when the main loop next idles (after a change
 * the itinerary rebuilds by itself). */
void        xarxa_itinerary_reload         (XarxaItinerary *self);
/* A stop opened from elsewhere (a search hit, "open-record"): its day
 * unfolded and its row given the keyboard focus.  FALSE when the stop is
 * not in this itinerary or its row could not take the focus. */
gboolean    xarxa_itinerary_show_stop      (XarxaItinerary *self,
                                            const char     *stop_id);

G_END_DECLS
