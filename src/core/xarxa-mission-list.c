/* xarxa-mission-list.c — how the Missions view groups, orders and filters
 * missions.  See xarxa-mission-list.h.
 *
 * A network has tens or a few hundred missions: year and transition are
 * not fields of a mission, so they are answered here for each mission the
 * store's query (search, status, country) kept.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-mission-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-mission.h"
#include "xarxa-mission-list.h"
#include "xarxa-values.h"

XarxaMissionGroup
xarxa_mission_group (JsonObject *mission,
                     const char *today)
{
  const char *status = xarxa_value_string_of (mission, "status");
  const char *start = xarxa_value_string_of (mission, "start_date");
  const char *end = xarxa_value_string_of (mission, "end_date");

  g_return_val_if_fail (today != NULL, XARXA_MISSION_GROUP_UPCOMING);

  if (end == NULL)
    end = start;
  /* ISO dates compare as text. */
  if (g_strcmp0 (status, "completed") == 0 || (end != NULL && strcmp (end, today) < 0))
    return XARXA_MISSION_GROUP_PAST;
  if (g_strcmp0 (status, "under-way") == 0 || (start != NULL && strcmp (start, today) <= 0))
    return XARXA_MISSION_GROUP_UNDER_WAY;
  return XARXA_MISSION_GROUP_UPCOMING;
}

const char *
xarxa_mission_group_label (XarxaMissionGroup group)
{
  switch (group)
    {
    case XARXA_MISSION_GROUP_UNDER_WAY:
      return C_("missions group", "Under Way");
    case XARXA_MISSION_GROUP_UPCOMING:
      return C_("missions group", "Upcoming");
    case XARXA_MISSION_GROUP_PAST:
    default:
      return C_("missions group", "Past");
    }
}

/* Two dates, a missing one last. */
static int
compare_dates (const char *a,
               const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return strcmp (a, b);
}

static const char *
last_day (JsonObject *mission)
{
  const char *end = xarxa_value_string_of (mission, "end_date");

  return end != NULL ? end : xarxa_value_string_of (mission, "start_date");
}

int
xarxa_mission_compare (JsonObject *a,
                       JsonObject *b,
                       const char *today)
{
  XarxaMissionGroup ga, gb;
  int order;

  g_return_val_if_fail (a != NULL && b != NULL && today != NULL, 0);

  ga = xarxa_mission_group (a, today);
  gb = xarxa_mission_group (b, today);
  if (ga != gb)
    return ga < gb ? -1 : 1;
  if (ga == XARXA_MISSION_GROUP_PAST)
    order = -compare_dates (last_day (a), last_day (b));
  else
    order = compare_dates (xarxa_value_string_of (a, "start_date"), xarxa_value_string_of (b, "start_date"));
  if (order == 0)
    {
      const char *ta = xarxa_value_string_of (a, "title");
      const char *tb = xarxa_value_string_of (b, "title");

      order = g_utf8_collate (ta != NULL ? ta : "", tb != NULL ? tb : "");
    }
  return order;
}

gboolean
xarxa_mission_in_year (JsonObject *mission,
                       const char *year)
{
  const char *start, *end;

  g_return_val_if_fail (mission != NULL, FALSE);
  g_return_val_if_fail (year != NULL && strlen (year) == 4, FALSE);

  start = xarxa_value_string_of (mission, "start_date");
  end = xarxa_value_string_of (mission, "end_date");
  if (start == NULL && end == NULL)
    return FALSE;
  if (start == NULL)
    start = end;
  if (end == NULL)
    end = start;
  /* A mission over New Year is in both. */
  return strncmp (start, year, 4) <= 0 && strncmp (end, year, 4) >= 0;
}

static gboolean
entity_works_on (XarxaStore *store,
                 const char *entity_id,
                 const char *transition)
{
  g_autoptr(JsonObject) entity = NULL;
  JsonNode *node;
  JsonArray *transitions;

  if (entity_id == NULL)
    return FALSE;
  entity = xarxa_store_get_live_record (store, "entity", entity_id);
  node = entity != NULL && json_object_has_member (entity, "transitions")
         ? json_object_get_member (entity, "transitions") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  transitions = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (transitions); i++)
    if (g_strcmp0 (json_array_get_string_element (transitions, i), transition) == 0)
      return TRUE;
  return FALSE;
}

gboolean
xarxa_mission_works_on (XarxaStore *store,
                        JsonObject *mission,
                        const char *transition)
{
  g_autoptr(GPtrArray) stops = NULL;
  const char *id;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (mission != NULL, FALSE);
  g_return_val_if_fail (transition != NULL, FALSE);

  if (entity_works_on (store, xarxa_value_string_of (mission, "organiser_entity_id"), transition))
    return TRUE;
  id = xarxa_value_string_of (mission, "id");
  if (id == NULL)
    return FALSE;
  stops = xarxa_mission_list_records (store, "itinerary_stop", id, NULL);
  for (guint i = 0; stops != NULL && i < stops->len; i++)
    if (entity_works_on (store, xarxa_value_string_of (stops->pdata[i], "host_entity_id"), transition))
      return TRUE;
  return FALSE;
}
