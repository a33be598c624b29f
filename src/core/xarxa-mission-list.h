/* xarxa-mission-list.h — how the Missions view groups, orders and filters
 * missions: under way, upcoming or past against a day, soonest or latest
 * first, by year and by the transitions of the organisations involved.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

/* Where a mission stands against a day, in the list's order. */
typedef enum
{
  XARXA_MISSION_GROUP_UNDER_WAY,
  XARXA_MISSION_GROUP_UPCOMING,
  XARXA_MISSION_GROUP_PAST,
} XarxaMissionGroup;

/* By its dates against @today (YYYY-MM-DD): under way from its first day
 * to its last (or while its status says so), past after its last day (or
 * once completed), else upcoming (a mission with no dates yet too). */
XarxaMissionGroup xarxa_mission_group        (JsonObject  *mission,
                                              const char  *today);
/* "Under Way", "Upcoming", "Past", translated. */
const char       *xarxa_mission_group_label  (XarxaMissionGroup group);
/* The list's order: by group; under way and upcoming soonest first (no
 * date last), past latest first; then by title.  <0, 0, >0. */
int               xarxa_mission_compare      (JsonObject  *a,
                                              JsonObject  *b,
                                              const char  *today);
/* Whether any day of the mission falls in @year ("2027"); FALSE for a
 * mission with no dates. */
gboolean          xarxa_mission_in_year      (JsonObject  *mission,
                                              const char  *year);
/* Whether the mission's organiser or an organisation that hosts one of
 * its stops works on @transition ("ecological"). */
gboolean          xarxa_mission_works_on     (XarxaStore  *store,
                                              JsonObject  *mission,
                                              const char  *transition);

G_END_DECLS
