/* xarxa-itinerary-day.h — one day of a mission's itinerary (or its stops
 * with no time yet): a heading that folds and unfolds the day, with a
 * summary that stays in sight when folded ("6 stops · 09:00 – 18:30",
 * "2 warnings"), the day's menu, and the stops' rows, built the first
 * time the day is unfolded.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-mission.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_ITINERARY_DAY (xarxa_itinerary_day_get_type ())
G_DECLARE_FINAL_TYPE (XarxaItineraryDay, xarxa_itinerary_day, XARXA, ITINERARY_DAY, GtkBox)

/* @stops: the mission's XarxaMissionStop (xarxa_mission_list_stops()),
 * kept; the day lists those that start on @date (YYYY-MM-DD), or those
 * with no start when @date is NULL.  @outside: the day is before or after
 * the mission's dates.  @city and @zone_id: the mission's, to say where a
 * time is. */
GtkWidget  *xarxa_itinerary_day_new          (XarxaStore        *store,
                                              GPtrArray         *stops,
                                              const char        *date,
                                              gboolean           outside,
                                              const char        *city,
                                              const char        *zone_id);
/* The day's date, or "" for the stops with no time yet. */
const char *xarxa_itinerary_day_get_key      (XarxaItineraryDay *self);
/* The key of the day @stop is listed under (free it). */
char       *xarxa_itinerary_day_key_of       (XarxaMissionStop  *stop);
gboolean    xarxa_itinerary_day_get_unfolded (XarxaItineraryDay *self);
/* Unfolding builds the rows the first time; folding hides them. */
void        xarxa_itinerary_day_set_unfolded (XarxaItineraryDay *self,
                                              gboolean           unfolded);
/* The heading's button (it takes the focus) and a stop's row, if built. */
GtkWidget  *xarxa_itinerary_day_get_toggle   (XarxaItineraryDay *self);
GtkWidget  *xarxa_itinerary_day_get_row      (XarxaItineraryDay *self,
                                              const char        *stop_id);

G_END_DECLS
