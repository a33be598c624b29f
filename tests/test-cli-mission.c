/* test-cli-mission.c — the mission commands of the real xarxa-cli: stops
 * refused with one line and nothing written, the mission as JSON, the
 * iCalendar file parsed back and identical whatever the process's zone,
 * and "ready".
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include "cli-test-util.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *mission;
} Fixture;

typedef TestCliResult Result;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, test_cli_result_clear)

/* xarxa-cli --db DB ARGS…, in the time zone @tz (NULL: the test's own). */
static void
run_in (Fixture    *f,
        const char *tz,
        Result     *r,
        ...)
{
  const TestCliOptions options = { .db = f->db, .data_home = f->dir, .tz = tz };
  va_list args;
  const char *first;

  va_start (args, r);
  first = va_arg (args, const char *);
  test_cli_run_valist (&options, r, first, args);
  va_end (args);
}

#define run(f, r, ...) run_in (f, NULL, r, __VA_ARGS__, NULL)

/* The id that "add" printed. */
static char *
add (Fixture *f,
     ...)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;
  const char *a;

  va_start (args, f);
  while ((a = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  /* At most a dozen arguments: enough for a stop. */
  g_assert_cmpuint (argv->len, <=, 16);
  while (argv->len < 16)
    g_ptr_array_add (argv, NULL);
  run_in (f, NULL, &r, "add",
          argv->pdata[0], argv->pdata[1], argv->pdata[2], argv->pdata[3], argv->pdata[4],
          argv->pdata[5], argv->pdata[6], argv->pdata[7], argv->pdata[8], argv->pdata[9],
          argv->pdata[10], argv->pdata[11], argv->pdata[12], argv->pdata[13], argv->pdata[14],
          argv->pdata[15], NULL);
  if (r.status != 0)
    g_error ("add failed: %s", r.err);
  return g_strstrip (g_steal_pointer (&r.out));
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static guint
count_of (Fixture    *f,
          const char *plural)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();

  run (f, &r, "list", plural, "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  return json_array_get_length (json_node_get_array (json_parser_get_root (parser)));
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = test_make_dir (NULL);
  f->db = g_build_filename (f->dir, "xarxa.db", NULL);
  f->mission = add (f, "mission", "--title", "Economia social a Montréal", "--country", "CA",
                    "--city", "Montréal", "--time-zone", "America/Toronto",
                    "--start-date", "2027-03-13", "--end-date", "2027-03-17", NULL);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->mission);
}

/* A refused add: exit 2, exactly one line on stderr naming the problem,
 * nothing on stdout and no new stop. */
static void
assert_refused_stop (Fixture    *f,
                     const char *words,
                     ...)
{
  g_auto(Result) r = { 0 };
  guint before = count_of (f, "itinerary-stops");
  const char *a[8] = { NULL };
  va_list args;

  va_start (args, words);
  for (guint i = 0; i < G_N_ELEMENTS (a) - 1 && (a[i] = va_arg (args, const char *)) != NULL; i++)
    ;
  va_end (args);
  run_in (f, NULL, &r, "add", "itinerary-stop", "--mission-id", f->mission,
          a[0], a[1], a[2], a[3], a[4], a[5], a[6], NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  if (strstr (r.err, words) == NULL)
    g_error ("“%s” not in: %s", words, r.err);
  g_assert_cmpuint (count_of (f, "itinerary-stops"), ==, before);
}

static void
test_refusals (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *other = add (f, "mission", "--title", "Dakar", "--time-zone", "Africa/Dakar", NULL);
  g_autofree char *stop = add (f, "itinerary-stop", "--mission-id", other, "--starts-at", "2026-05-04T10:00", NULL);
  g_autofree char *chosen = NULL;

  assert_refused_stop (f, "before it starts",
                       "--starts-at", "2027-03-14T11:30", "--ends-at", "2027-03-14T10:00", NULL);
  assert_refused_stop (f, "does not exist in America/Toronto",
                       "--starts-at", "2027-03-14T02:30", NULL);
  assert_refused_stop (f, "happens twice",
                       "--starts-at", "2026-11-01T01:30", NULL);
  assert_refused_stop (f, "not a known time zone",
                       "--time-zone", "America/Atlantis", "--starts-at", "2027-03-14T10:00", NULL);

  /* With the choice made, the repeated time is taken. */
  chosen = add (f, "itinerary-stop", "--mission-id", f->mission, "--starts-at", "2026-11-01T01:30",
                "--repeated-time", "later", NULL);
  g_assert_true (g_uuid_string_is_valid (chosen));

  /* A note on this mission about a stop of another one. */
  {
    g_auto(Result) r = { 0 };

    run (f, &r, "add", "field-note", "--mission-id", f->mission, "--stop-id", stop, "--text", "Notes");
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
    g_assert_nonnull (strstr (r.err, "belongs to another mission"));
    g_assert_cmpuint (count_of (f, "field-notes"), ==, 0);
  }
}

static void
test_show_json (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *late = add (f, "itinerary-stop", "--mission-id", f->mission, "--title", "Late",
                               "--starts-at", "2027-03-18T10:00", NULL);
  g_autofree char *early = add (f, "itinerary-stop", "--mission-id", f->mission, "--title", "Early",
                                "--starts-at", "2027-03-14T09:00", "--ends-at", "2027-03-14T10:00",
                                "--time-zone", "America/Montreal", NULL);
  g_autofree char *note = add (f, "field-note", "--mission-id", f->mission, "--text", "Cooperatives everywhere", NULL);
  g_autofree char *who = add (f, "participant", "--mission-id", f->mission, "--name", "Aina", "--needs", "Wheelchair", NULL);
  g_autofree char *person = add (f, "contact", "--full-name", "Nancy Neamtan", NULL);
  g_autofree char *named = add (f, "field-note-person", "--field-note-id", note, "--contact-id", person, NULL);
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *mission;
  JsonArray *stops;
  JsonObject *first, *second;

  run (f, &r, "show", "mission", f->mission, "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  mission = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (mission, "time_zone"), ==, "America/Toronto");
  stops = json_object_get_array_member (mission, "stops");
  g_assert_cmpuint (json_array_get_length (stops), ==, 2);
  first = json_array_get_object_element (stops, 0);
  second = json_array_get_object_element (stops, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, early);
  g_assert_cmpstr (json_object_get_string_member (first, "zone"), ==, "America/Montreal");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "warnings")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (second, "id"), ==, late);
  g_assert_cmpstr (json_object_get_string_member (second, "zone"), ==, "America/Toronto");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (second, "warnings"), 0), "code"), ==, "outside-dates");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (mission, "field_notes"), 0), "id"), ==, note);
  /* The note names the person met, by id and name. */
  {
    JsonObject *first_note = json_array_get_object_element (json_object_get_array_member (mission, "field_notes"), 0);
    JsonArray *met = json_object_get_array_member (first_note, "people_met");

    g_assert_cmpuint (json_array_get_length (met), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (met, 0), "contact_id"), ==, person);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (met, 0), "full_name"), ==,
                     "Nancy Neamtan");
  }
  /* The itinerary's participants leave private needs out (the generic
   * "children" are the records as they are, as show gives each one). */
  {
    JsonObject *participant = json_array_get_object_element (json_object_get_array_member (mission, "participants"), 0);

    g_assert_cmpstr (json_object_get_string_member (participant, "id"), ==, who);
    g_assert_false (json_object_has_member (participant, "needs"));
  }
}

static char *
export_in (Fixture    *f,
           const char *tz,
           const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_auto(Result) r = { 0 };
  char *text = NULL;

  run_in (f, tz, &r, "export-ics", "mission", f->mission, path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_export_ics (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *aina = add (f, "contact", "--full-name", "Aina Puig", "--email", "aina@example.org", NULL);
  g_autofree char *who = add (f, "participant", "--mission-id", f->mission, "--contact-id", aina, NULL);
  g_autofree char *night = add (f, "itinerary-stop", "--mission-id", f->mission, "--title", "Overnight bus",
                                "--starts-at", "2027-03-13T23:00", "--ends-at", "2027-03-14T08:00", NULL);
  g_autofree char *tokyo = export_in (f, "Asia/Tokyo", "tokyo.ics");
  g_autofree char *la = export_in (f, "America/Los_Angeles", "la.ics");
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "x.ics", NULL);
  g_autofree char *never = g_build_filename (f->dir, "never.ics", NULL);
  icalcomponent *calendar;
  icalcomponent *event;
  struct icaltimetype start, end;

  g_assert_nonnull (who);
  g_assert_cmpstr (tokyo, ==, la);
  calendar = icalparser_parse_string (tokyo);
  g_assert_nonnull (calendar);
  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  g_assert_nonnull (event);
  g_assert_true (g_str_has_prefix (icalcomponent_get_uid (event), night));
  start = icalcomponent_get_dtstart (event);
  end = icalcomponent_get_dtend (event);
  g_assert_cmpint (start.hour, ==, 23);
  g_assert_cmpint (end.hour, ==, 8);
  g_assert_cmpint (end.day, ==, 14);
  g_assert_cmpstr (icalproperty_get_attendee (icalcomponent_get_first_property (event, ICAL_ATTENDEE_PROPERTY)),
                   ==, "mailto:aina@example.org");
  icalcomponent_free (calendar);

  /* Standard output is the same text. */
  {
    g_auto(Result) r = { 0 };

    run (f, &r, "export-ics", "mission", f->mission, "-");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, tokyo);
  }
  /* A folder that is not there, or a mission that is not: one line,
   * failure, no file. */
  {
    g_auto(Result) r = { 0 };

    run (f, &r, "export-ics", "mission", f->mission, missing);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Result) r = { 0 };

    run (f, &r, "export-ics", "mission", "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a11", never);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
    g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
  }
}

static void
test_ready (Fixture      *f,
            gconstpointer data)
{
  g_autofree char *stop = add (f, "itinerary-stop", "--mission-id", f->mission, "--title", "Chantier",
                               "--starts-at", "2027-03-14T10:00", NULL);
  g_auto(Result) text = { 0 };
  g_auto(Result) json = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *items;
  gboolean found = FALSE;

  run (f, &text, "ready", "mission", f->mission);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "“Chantier” has no address."));
  g_assert_nonnull (strstr (text.out, "never synced"));

  run (f, &json, "ready", "mission", f->mission, "--format", "json");
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, NULL));
  items = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (items), ==, count_lines (text.out));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "code"), "stop-address") == 0)
        found = g_strcmp0 (json_object_get_string_member (item, "record_id"), stop) == 0;
    }
  g_assert_true (found);
}

/* promote field-note: the item made, then every refusal one line, exit 2
 * and no second item. */
static void
test_promote (Fixture      *f,
              gconstpointer data)
{
  g_autofree char *note = add (f, "field-note", "--mission-id", f->mission, "--text", "Cooperatives everywhere", NULL);
  g_autofree char *cluster = add (f, "cluster", "--name", "Clúster Habitatge", NULL);
  const char *unknown = "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a11";
  const char *const refusals[][6] = {
    { note, "--cluster", cluster, "--kind", "wish", NULL },
    { note, "--kind", "need", NULL },
    { note, "--network", "--cluster", cluster, "--kind", "need" },
    { note, "--cluster", unknown, "--kind", "need", NULL },
    { unknown, "--network", "--kind", "need", NULL },
    { note, "--network", "--kind", "need", "--colour", NULL },
    { note, "--network", NULL },
  };
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *item;

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_auto(Result) refused = { 0 };

      run_in (f, NULL, &refused, "promote", "field-note", refusals[i][0], refusals[i][1], refusals[i][2],
              refusals[i][3], refusals[i][4], refusals[i][5], NULL);
      g_assert_cmpint (refused.status, ==, 2);
      g_assert_cmpstr (refused.out, ==, "");
      g_assert_cmpuint (count_lines (refused.err), ==, 1);
      g_assert_cmpuint (count_of (f, "agenda-items"), ==, 0);
    }

  run (f, &r, "promote", "field-note", note, "--cluster", cluster, "--kind", "innovation-trend");
  g_assert_cmpint (r.status, ==, 0);
  g_strstrip (r.out);
  g_assert_true (g_uuid_string_is_valid (r.out));
  {
    g_auto(Result) shown = { 0 };

    run (f, &shown, "show", "agenda-item", r.out, "--format", "json");
    g_assert_cmpint (shown.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, shown.out, -1, NULL));
    item = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (item, "field_note_id"), ==, note);
    g_assert_cmpstr (json_object_get_string_member (item, "cluster_id"), ==, cluster);
    g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "innovation-trend");
  }
  /* Already promoted: refused, saying where it is. */
  {
    g_auto(Result) again = { 0 };

    run (f, &again, "promote", "field-note", note, "--network", "--kind", "need");
    g_assert_cmpint (again.status, ==, 2);
    g_assert_cmpuint (count_lines (again.err), ==, 1);
    g_assert_nonnull (strstr (again.err, "Clúster Habitatge"));
    g_assert_cmpuint (count_of (f, "agenda-items"), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-mission/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/cli-mission/show-json", Fixture, NULL, fixture_set_up, test_show_json, fixture_tear_down);
  g_test_add ("/cli-mission/export-ics", Fixture, NULL, fixture_set_up, test_export_ics, fixture_tear_down);
  g_test_add ("/cli-mission/ready", Fixture, NULL, fixture_set_up, test_ready, fixture_tear_down);
  g_test_add ("/cli-mission/promote", Fixture, NULL, fixture_set_up, test_promote, fixture_tear_down);

  return g_test_run ();
}
