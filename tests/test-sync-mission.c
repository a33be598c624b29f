/* test-sync-mission.c — a mission's itinerary and field notes through a
 * real xarxa-server on loopback: two organisers editing different stops
 * merge; the same stop's time changed on two devices is a conflict that
 * names the stop and its mission; a note added to a stop deleted meanwhile
 * is kept and says so; a week of notes written offline arrives whole and
 * in order.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sync-mission"

#include "config.h"

#include <string.h>

#include "sync-harness.h"
#include "test-util.h"
#include "xarxa-mission.h"
#include "xarxa-mission-cluster.h"
#include "xarxa-sync-state.h"
#include "xarxa-value.h"

typedef struct
{
  SyncServer *server;
  SyncDevice *a;   /* the organiser's laptop */
  SyncDevice *b;   /* a second organiser, or a participant on the road */
  char       *mission;
  char       *visit;
  char       *workshop;
} Trip;

static char *
add (SyncDevice *d,
     const char *type,
     ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  va_list ap;
  const char *name;
  char *id;

  va_start (ap, type);
  while ((name = va_arg (ap, const char *)) != NULL)
    json_object_set_string_member (values, name, va_arg (ap, const char *));
  va_end (ap);
  id = xarxa_store_create_record (d->store, type, values, &error);
  g_assert_no_error (error);
  return id;
}

static void
set (SyncDevice *d,
     const char *type,
     const char *id,
     const char *field,
     const char *value)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (changes, field, value);
  g_assert_true (xarxa_store_update_record (d->store, type, id, changes, &error));
  g_assert_no_error (error);
}

static JsonObject *
get (SyncDevice *d,
     const char *type,
     const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *record = xarxa_store_get_record (d->store, type, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
trip_start (Trip *t)
{
  t->server = sync_server_new ();
  sync_server_start (t->server, NULL);
  t->a = sync_device_new (t->server, "anna", EDITOR_PASSWORD);
  t->b = sync_device_new (t->server, "anna", EDITOR_PASSWORD);
  t->mission = add (t->a, "mission", "title", "Visita d’estudi a Montréal", "time_zone", "America/Toronto",
                    "start_date", "2027-03-13", "end_date", "2027-03-19", NULL);
  t->visit = add (t->a, "itinerary_stop", "mission_id", t->mission, "title", "Visita a la Cooperativa du Plateau",
                  "kind", "visit", "time_zone", "America/Toronto",
                  "starts_at", "2027-03-14T10:00", "ends_at", "2027-03-14T12:00", NULL);
  t->workshop = add (t->a, "itinerary_stop", "mission_id", t->mission, "title", "Taller d’economia social",
                     "kind", "workshop", "time_zone", "America/Toronto",
                     "starts_at", "2027-03-15T14:00", "ends_at", "2027-03-15T17:00", NULL);
  sync_device_sync (t->a, NULL);
  sync_device_sync (t->b, NULL);
}

static void
trip_stop (Trip *t)
{
  sync_device_free (t->a);
  sync_device_free (t->b);
  sync_server_free (t->server);
  g_free (t->mission);
  g_free (t->visit);
  g_free (t->workshop);
}

/* Two organisers, each changing another stop offline: both changes land
 * on both devices, with no conflict. */
static void
test_different_stops (void)
{
  Trip t = { 0 };
  g_autoptr(JsonObject) visit_a = NULL;
  g_autoptr(JsonObject) workshop_a = NULL;
  g_autoptr(JsonObject) visit_b = NULL;
  g_autoptr(JsonObject) workshop_b = NULL;
  XarxaSyncStats stats = { 0 };

  trip_start (&t);
  set (t.a, "itinerary_stop", t.visit, "address", "4545 av. Pierre-De Coubertin");
  set (t.b, "itinerary_stop", t.workshop, "starts_at", "2027-03-15T15:00");
  set (t.b, "itinerary_stop", t.workshop, "ends_at", "2027-03-15T18:00");
  sync_device_sync (t.a, NULL);
  sync_device_sync (t.b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  sync_device_sync (t.a, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);

  visit_a = get (t.a, "itinerary_stop", t.visit);
  workshop_a = get (t.a, "itinerary_stop", t.workshop);
  visit_b = get (t.b, "itinerary_stop", t.visit);
  workshop_b = get (t.b, "itinerary_stop", t.workshop);
  g_assert_cmpstr (json_object_get_string_member (visit_a, "address"), ==, "4545 av. Pierre-De Coubertin");
  g_assert_cmpstr (json_object_get_string_member (visit_b, "address"), ==, "4545 av. Pierre-De Coubertin");
  g_assert_cmpstr (json_object_get_string_member (workshop_a, "starts_at"), ==, "2027-03-15T15:00");
  g_assert_cmpstr (json_object_get_string_member (workshop_a, "ends_at"), ==, "2027-03-15T18:00");
  g_assert_cmpstr (json_object_get_string_member (workshop_b, "starts_at"), ==, "2027-03-15T15:00");
  /* Untouched fields stay as they were. */
  g_assert_cmpstr (json_object_get_string_member (visit_b, "starts_at"), ==, "2027-03-14T10:00");
  g_assert_cmpstr (json_object_get_string_member (workshop_a, "title"), ==, "Taller d’economia social");
  trip_stop (&t);
}

static JsonObject *
fetch_cb (const char *type_name,
          const char *id,
          gpointer    user_data)
{
  SyncDevice *d = user_data;

  return xarxa_store_get_record (d->store, type_name, id, NULL);
}

/* The same stop moved to different times on two devices: a conflict that
 * keeps both times and names the stop and its mission. */
static void
test_same_stop_time (void)
{
  Trip t = { 0 };
  g_autoptr(JsonArray) conflicts = NULL;
  g_autoptr(JsonObject) stop = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  XarxaSyncStats stats = { 0 };
  JsonObject *c;

  trip_start (&t);
  set (t.a, "itinerary_stop", t.visit, "starts_at", "2027-03-14T09:30");
  set (t.b, "itinerary_stop", t.visit, "starts_at", "2027-03-14T11:00");
  sync_device_sync (t.a, NULL);
  sync_device_sync (t.b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);

  conflicts = xarxa_sync_state_list_conflicts (t.b->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  c = json_array_get_object_element (conflicts, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "type"), ==, "itinerary_stop");
  g_assert_cmpstr (json_object_get_string_member (c, "record_id"), ==, t.visit);
  g_assert_cmpstr (json_object_get_string_member (c, "field"), ==, "starts_at");
  /* Both times are there to choose from. */
  {
    g_autofree char *text = json_to_string (json_object_get_member (c, "mine"), FALSE);
    g_autofree char *theirs = json_to_string (json_object_get_member (c, "theirs"), FALSE);

    g_assert_nonnull (strstr (text, "2027-03-14T11:00"));
    g_assert_nonnull (strstr (theirs, "2027-03-14T09:30"));
  }

  /* What the conflicts window shows for it names the stop and the mission. */
  stop = get (t.b, "itinerary_stop", t.visit);
  name = xarxa_record_title_in_parent (xarxa_schema_lookup ("itinerary_stop"), stop, fetch_cb, t.b);
  g_assert_nonnull (name);
  g_test_message ("conflict names: %s", name);
  g_assert_nonnull (strstr (name, "Visita a la Cooperativa du Plateau"));
  g_assert_nonnull (strstr (name, "Visita d’estudi a Montréal"));

  /* Nothing is decided silently: B still shows its own time meanwhile. */
  g_assert_cmpstr (json_object_get_string_member (stop, "starts_at"), ==, "2027-03-14T11:00");
  trip_stop (&t);
}

/* A stop deleted on A while B wrote a note at it: the note arrives on A,
 * keeps its stop, and the mission says the stop was deleted. */
static void
test_note_on_deleted_stop (void)
{
  Trip t = { 0 };
  g_autofree char *note = NULL;
  g_autoptr(JsonObject) on_a = NULL;
  g_autoptr(JsonObject) mission = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *notes;
  JsonObject *n;

  trip_start (&t);
  g_assert_true (xarxa_store_delete_record (t.a->store, "itinerary_stop", t.workshop, &error));
  g_assert_no_error (error);
  note = add (t.b, "field_note", "mission_id", t.mission, "stop_id", t.workshop, "author", "Pau",
              "written_at", "2027-03-15T16:10",
              "text", "La cooperativa reparteix els beneficis entre 40 sòcies.", NULL);
  sync_device_sync (t.a, NULL);
  sync_device_sync (t.b, NULL);
  sync_device_sync (t.a, NULL);

  on_a = get (t.a, "field_note", note);
  g_assert_false (json_object_get_boolean_member_with_default (on_a, "deleted", FALSE));
  g_assert_cmpstr (json_object_get_string_member (on_a, "text"), ==,
                   "La cooperativa reparteix els beneficis entre 40 sòcies.");
  g_assert_cmpstr (json_object_get_string_member (on_a, "stop_id"), ==, t.workshop);

  mission = xarxa_mission_to_json (t.a->store, t.mission, FALSE, &error);
  g_assert_no_error (error);
  notes = json_object_get_array_member (mission, "field_notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 1);
  n = json_array_get_object_element (notes, 0);
  g_assert_true (json_object_get_boolean_member_with_default (n, "stop_deleted", FALSE));
  g_assert_nonnull (strstr (json_object_get_string_member (n, "stop_message"), "deleted"));
  g_assert_nonnull (strstr (json_object_get_string_member (n, "stop_message"), "Taller d’economia social"));

  /* B, where the note was written, learns the same; the note can still be
   * corrected there. */
  sync_device_sync (t.b, NULL);
  set (t.b, "field_note", note, "text", "La cooperativa reparteix els beneficis entre 42 sòcies.");
  sync_device_sync (t.b, NULL);
  sync_device_sync (t.a, NULL);
  g_clear_pointer (&on_a, json_object_unref);
  on_a = get (t.a, "field_note", note);
  g_assert_cmpstr (json_object_get_string_member (on_a, "text"), ==,
                   "La cooperativa reparteix els beneficis entre 42 sòcies.");
  trip_stop (&t);
}

/* A note written on A and synced; then the same person, met again, named
 * on it on both devices while offline: one record after both sync, so the
 * person is listed once. */
static void
test_same_person_met (void)
{
  Trip t = { 0 };
  g_autofree char *note = NULL;
  g_autofree char *person = NULL;
  g_autofree char *on_a = NULL;
  g_autofree char *on_b = NULL;
  g_autoptr(GPtrArray) met = NULL;

  trip_start (&t);
  note = add (t.a, "field_note", "mission_id", t.mission, "stop_id", t.visit, "text", "Mercat solidari.", NULL);
  person = add (t.a, "contact", "full_name", "Nancy Neamtan", NULL);
  sync_device_sync (t.a, NULL);
  sync_device_sync (t.b, NULL);

  on_a = add (t.a, "field_note_person", "field_note_id", note, "contact_id", person, NULL);
  on_b = add (t.b, "field_note_person", "field_note_id", note, "contact_id", person, NULL);
  g_assert_cmpstr (on_a, ==, on_b);
  sync_device_sync (t.a, NULL);
  sync_device_sync (t.b, NULL);
  sync_device_sync (t.a, NULL);

  for (guint i = 0; i < 2; i++)
    {
      SyncDevice *d = i == 0 ? t.a : t.b;
      g_autoptr(GPtrArray) people = xarxa_field_note_people (d->store, note, NULL);

      g_assert_cmpuint (people->len, ==, 1);
      g_assert_cmpstr (people->pdata[0], ==, person);
      g_assert_cmpint (xarxa_store_count (d->store, "field_note_person"), ==, 1);
    }
  met = xarxa_mission_people_met (t.b->store, t.mission, NULL);
  g_assert_cmpuint (met->len, ==, 1);
  g_assert_cmpstr (((XarxaMissionMet *) met->pdata[0])->title, ==, "Nancy Neamtan");
  trip_stop (&t);
}

/* A week on the road without a connection: 70 notes, some long, some with
 * new lines and every script the team writes in, arrive whole, in the order
 * they were written. */
static void
test_week_offline (void)
{
  Trip t = { 0 };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) mission = NULL;
  g_autoptr(GError) error = NULL;
  XarxaSyncStats stats = { 0 };
  JsonArray *notes;

  trip_start (&t);
  /* Written on B from the last day back to the first, to show that the
   * order comes from when they were written, not when they were typed in. */
  for (int day = 6; day >= 0; day--)
    for (int k = 0; k < 10; k++)
      {
        g_autofree char *written = g_strdup_printf ("2027-03-%02dT%02d:%02d", 13 + day, 8 + k, (k * 7) % 60);
        g_autofree char *text = g_strdup_printf ("Dia %d, nota %d: «Economia social» — l’Ajuntament;\n"
                                                 "segona línia amb accents: àèéíïòóúüç ñ €, 日本語, العربية.%s",
                                                 day + 1, k + 1, k == 9 ? "\n\nUna nota llarga de debò." : "");
        g_autofree char *id = add (t.b, "field_note", "mission_id", t.mission, "author", "Laia",
                                   "written_at", written, "text", text, NULL);

        g_assert_nonnull (id);
        g_ptr_array_add (texts, g_steal_pointer (&text));
      }
  sync_device_sync (t.b, &stats);
  g_assert_cmpuint (stats.pushed, ==, 70);
  g_assert_cmpuint (stats.rejected, ==, 0);
  sync_device_sync (t.a, &stats);

  mission = xarxa_mission_to_json (t.a->store, t.mission, FALSE, &error);
  g_assert_no_error (error);
  notes = json_object_get_array_member (mission, "field_notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 70);
  for (guint i = 0; i < 70; i++)
    {
      JsonObject *n = json_array_get_object_element (notes, i);
      int day = (int) i / 10, k = (int) i % 10;
      /* texts were added from the last day back */
      const char *expected = texts->pdata[(6 - day) * 10 + k];

      g_assert_cmpstr (json_object_get_string_member (n, "text"), ==, expected);
      if (i > 0)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, i - 1), "written_at"),
                         <, json_object_get_string_member (n, "written_at"));
    }
  trip_stop (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-mission/different-stops", test_different_stops);
  g_test_add_func ("/sync-mission/same-stop-time", test_same_stop_time);
  g_test_add_func ("/sync-mission/note-on-deleted-stop", test_note_on_deleted_stop);
  g_test_add_func ("/sync-mission/week-offline", test_week_offline);
  g_test_add_func ("/sync-mission/same-person-met", test_same_person_met);
  return g_test_run ();
}
