/* test-mission-list.c — how the Missions view groups, orders and filters
 * missions: against a given day, so that the test does not depend on
 * today.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-util.h"
#include "xarxa-mission-list.h"

typedef TestStore Fixture;

static JsonObject *
mission (const char *title,
         const char *start,
         const char *end,
         const char *status)
{
  JsonObject *m = json_object_new ();

  json_object_set_string_member (m, "title", title);
  if (start != NULL)
    json_object_set_string_member (m, "start_date", start);
  if (end != NULL)
    json_object_set_string_member (m, "end_date", end);
  if (status != NULL)
    json_object_set_string_member (m, "status", status);
  return m;
}

static void
test_groups (void)
{
  const char *today = "2026-12-06";
  g_autoptr(JsonObject) none = mission ("No dates", NULL, NULL, "idea");
  g_autoptr(JsonObject) first_day = mission ("Starts today", "2026-12-06", "2026-12-10", NULL);
  g_autoptr(JsonObject) last_day = mission ("Ends today", "2026-12-01", "2026-12-06", NULL);
  g_autoptr(JsonObject) over = mission ("Ended yesterday", "2026-12-01", "2026-12-05", NULL);
  g_autoptr(JsonObject) one_day = mission ("One day, tomorrow", "2026-12-07", NULL, NULL);
  g_autoptr(JsonObject) early = mission ("Completed early", "2026-12-01", "2026-12-10", "completed");
  g_autoptr(JsonObject) said = mission ("Said under way", "2026-12-08", "2026-12-10", "under-way");

  g_assert_cmpint (xarxa_mission_group (none, today), ==, XARXA_MISSION_GROUP_UPCOMING);
  g_assert_cmpint (xarxa_mission_group (first_day, today), ==, XARXA_MISSION_GROUP_UNDER_WAY);
  g_assert_cmpint (xarxa_mission_group (last_day, today), ==, XARXA_MISSION_GROUP_UNDER_WAY);
  g_assert_cmpint (xarxa_mission_group (over, today), ==, XARXA_MISSION_GROUP_PAST);
  g_assert_cmpint (xarxa_mission_group (one_day, today), ==, XARXA_MISSION_GROUP_UPCOMING);
  g_assert_cmpint (xarxa_mission_group (one_day, "2026-12-07"), ==, XARXA_MISSION_GROUP_UNDER_WAY);
  g_assert_cmpint (xarxa_mission_group (one_day, "2026-12-08"), ==, XARXA_MISSION_GROUP_PAST);
  g_assert_cmpint (xarxa_mission_group (early, today), ==, XARXA_MISSION_GROUP_PAST);
  g_assert_cmpint (xarxa_mission_group (said, today), ==, XARXA_MISSION_GROUP_UNDER_WAY);
  g_assert_cmpstr (xarxa_mission_group_label (XARXA_MISSION_GROUP_PAST), ==, "Past");
}

static void
test_order (void)
{
  const char *today = "2026-12-06";
  g_autoptr(JsonObject) soon = mission ("Soon", "2027-01-10", "2027-01-12", NULL);
  g_autoptr(JsonObject) later = mission ("Later", "2027-03-10", "2027-03-12", NULL);
  g_autoptr(JsonObject) undated = mission ("Undated", NULL, NULL, NULL);
  g_autoptr(JsonObject) recent = mission ("Recent", "2026-11-01", "2026-11-03", NULL);
  g_autoptr(JsonObject) old = mission ("Old", "2025-11-01", "2025-11-03", NULL);
  g_autoptr(JsonObject) now = mission ("Now", "2026-12-05", "2026-12-07", NULL);
  g_autoptr(JsonObject) twin = mission ("Alpha", "2027-01-10", "2027-01-12", NULL);

  /* Under way, then upcoming soonest first with no date last, then past
   * latest first; the same dates by title. */
  g_assert_cmpint (xarxa_mission_compare (now, soon, today), <, 0);
  g_assert_cmpint (xarxa_mission_compare (soon, later, today), <, 0);
  g_assert_cmpint (xarxa_mission_compare (later, undated, today), <, 0);
  g_assert_cmpint (xarxa_mission_compare (undated, recent, today), <, 0);
  g_assert_cmpint (xarxa_mission_compare (recent, old, today), <, 0);
  g_assert_cmpint (xarxa_mission_compare (old, recent, today), >, 0);
  g_assert_cmpint (xarxa_mission_compare (twin, soon, today), <, 0);
  g_assert_cmpint (xarxa_mission_compare (soon, soon, today), ==, 0);
}

static void
test_in_year (void)
{
  g_autoptr(JsonObject) new_year = mission ("Over New Year", "2026-12-28", "2027-01-03", NULL);
  g_autoptr(JsonObject) start_only = mission ("Start only", "2027-05-01", NULL, NULL);
  g_autoptr(JsonObject) undated = mission ("Undated", NULL, NULL, NULL);

  g_assert_true (xarxa_mission_in_year (new_year, "2026"));
  g_assert_true (xarxa_mission_in_year (new_year, "2027"));
  g_assert_false (xarxa_mission_in_year (new_year, "2025"));
  g_assert_true (xarxa_mission_in_year (start_only, "2027"));
  g_assert_false (xarxa_mission_in_year (start_only, "2026"));
  g_assert_false (xarxa_mission_in_year (undated, "2026"));
}

static char *
create (XarxaStore *store,
        const char *type_name,
        JsonObject *values)
{
  g_autoptr(GError) error = NULL;
  char *id = xarxa_store_create_record (store, type_name, values, &error);

  g_assert_no_error (error);
  return id;
}

static JsonObject *
entity (const char *name,
        const char *transition)
{
  JsonObject *e = json_object_new ();
  JsonArray *transitions = json_array_new ();

  json_object_set_string_member (e, "name", name);
  json_array_add_string_element (transitions, transition);
  json_object_set_array_member (e, "transitions", transitions);
  return e;
}

static void
test_works_on (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(JsonObject) green = entity ("Coopérative Verte", "ecological");
  g_autoptr(JsonObject) civic = entity ("Ateneu Cívic", "political");
  g_autofree char *green_id = create (f->store, "entity", green);
  g_autofree char *civic_id = create (f->store, "entity", civic);
  g_autoptr(JsonObject) values = mission ("Montréal", "2027-03-12", "2027-03-18", NULL);
  g_autoptr(JsonObject) stop = json_object_new ();
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stop_id = NULL;

  json_object_set_string_member (values, "organiser_entity_id", civic_id);
  json_object_set_string_member (values, "time_zone", "America/Toronto");
  id = create (f->store, "mission", values);
  stored = xarxa_store_get_live_record (f->store, "mission", id);

  /* The organiser's transitions; no host yet. */
  g_assert_true (xarxa_mission_works_on (f->store, stored, "political"));
  g_assert_false (xarxa_mission_works_on (f->store, stored, "ecological"));

  /* A host's too. */
  json_object_set_string_member (stop, "mission_id", id);
  json_object_set_string_member (stop, "title", "Visit");
  json_object_set_string_member (stop, "host_entity_id", green_id);
  json_object_set_string_member (stop, "starts_at", "2027-03-13T10:00");
  json_object_set_string_member (stop, "ends_at", "2027-03-13T12:00");
  stop_id = create (f->store, "itinerary_stop", stop);
  g_assert_true (xarxa_mission_works_on (f->store, stored, "ecological"));
  g_assert_false (xarxa_mission_works_on (f->store, stored, "technological"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mission-list/groups", test_groups);
  g_test_add_func ("/mission-list/order", test_order);
  g_test_add_func ("/mission-list/in-year", test_in_year);
  g_test_add ("/mission-list/works-on", Fixture, NULL, test_store_set_up, test_works_on, test_store_tear_down);
  return g_test_run ();
}
