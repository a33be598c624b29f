/* test-mission.c — wall-clock times in a zone, the store's checks on a
 * mission's stops, participants and notes, and the itinerary's order,
 * warnings, copies and moves.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "xarxa-query.h"
#include "xarxa-city-zone.h"
#include "xarxa-example.h"
#include "xarxa-json.h"
#include "xarxa-migrations.h"

#include <sqlite3.h>
#include "xarxa-mission-ics.h"
#include "xarxa-mission-ready.h"
#include "xarxa-sync-state.h"

#include <libical/ical.h>
#include "xarxa-mission.h"
#include "xarxa-zone.h"

/* ---- time zones ---------------------------------------------------------- */

static char *
utc_text (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (instant);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M");
}

static void
test_zone_plain_time (void)
{
  g_autoptr(GTimeZone) zone = xarxa_zone_new ("America/Toronto", NULL);
  g_autoptr(GDateTime) instant = NULL;
  g_autofree char *utc = NULL;
  g_autofree char *back = NULL;

  g_assert_nonnull (zone);
  /* Before the change, EST (UTC-5); after it, EDT (UTC-4). */
  instant = xarxa_zone_wall_clock_to_instant (zone, "2027-03-13T10:00", XARXA_REPEATED_REFUSE, NULL);
  utc = utc_text (instant);
  g_assert_cmpstr (utc, ==, "2027-03-13T15:00");
  back = xarxa_zone_format_wall_clock (instant, zone);
  g_assert_cmpstr (back, ==, "2027-03-13T10:00");

  g_clear_pointer (&instant, g_date_time_unref);
  g_clear_pointer (&utc, g_free);
  instant = xarxa_zone_wall_clock_to_instant (zone, "2027-03-14T10:00", XARXA_REPEATED_REFUSE, NULL);
  utc = utc_text (instant);
  g_assert_cmpstr (utc, ==, "2027-03-14T14:00");
}

static void
test_zone_skipped_time (void)
{
  g_autoptr(GTimeZone) zone = xarxa_zone_new ("America/Toronto", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) instant = NULL;

  instant = xarxa_zone_wall_clock_to_instant (zone, "2027-03-14T02:30", XARXA_REPEATED_EARLIER, &error);
  g_assert_null (instant);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_nonnull (strstr (error->message, "from 02:00 to 03:00"));
}

static void
test_zone_repeated_time (void)
{
  g_autoptr(GTimeZone) zone = xarxa_zone_new ("America/Toronto", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) earlier = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) refused = NULL;
  g_autofree char *earlier_utc = NULL;
  g_autofree char *later_utc = NULL;

  refused = xarxa_zone_wall_clock_to_instant (zone, "2026-11-01T01:30", XARXA_REPEATED_REFUSE, &error);
  g_assert_null (refused);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "happens twice"));
  g_assert_nonnull (strstr (error->message, "from 02:00 to 01:00"));

  earlier = xarxa_zone_wall_clock_to_instant (zone, "2026-11-01T01:30", XARXA_REPEATED_EARLIER, NULL);
  later = xarxa_zone_wall_clock_to_instant (zone, "2026-11-01T01:30", XARXA_REPEATED_LATER, NULL);
  earlier_utc = utc_text (earlier);
  later_utc = utc_text (later);
  g_assert_cmpstr (earlier_utc, ==, "2026-11-01T05:30");
  g_assert_cmpstr (later_utc, ==, "2026-11-01T06:30");
}

static void
test_zone_without_dst (void)
{
  g_autoptr(GTimeZone) zone = xarxa_zone_new ("Africa/Dakar", NULL);
  g_autoptr(GDateTime) instant = NULL;
  g_autofree char *utc = NULL;

  instant = xarxa_zone_wall_clock_to_instant (zone, "2026-03-29T02:30", XARXA_REPEATED_REFUSE, NULL);
  utc = utc_text (instant);
  g_assert_cmpstr (utc, ==, "2026-03-29T02:30");
}

static void
test_zone_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = xarxa_zone_new ("Mars/Olympus_Mons", &error);

  g_assert_null (zone);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Mars/Olympus_Mons"));
}

static void
test_zone_here (void)
{
  g_autoptr(GTimeZone) toronto = xarxa_zone_new ("America/Toronto", NULL);
  g_autoptr(GTimeZone) madrid = xarxa_zone_new ("Europe/Madrid", NULL);
  g_autoptr(GDateTime) instant = NULL;
  g_autofree char *text = NULL;
  g_autofree char *same = NULL;
  g_autofree char *shifted = NULL;

  instant = xarxa_zone_wall_clock_to_instant (toronto, "2027-03-16T10:00", XARXA_REPEATED_REFUSE, NULL);
  text = xarxa_zone_describe_here (instant, "Montréal", madrid);
  g_assert_cmpstr (text, ==, "10:00 in Montréal, 15:00 here");
  same = xarxa_zone_describe_here (instant, "Montréal", toronto);
  g_assert_null (same);
  /* A day moved across the change keeps its clock reading. */
  shifted = xarxa_zone_shift_days ("2027-03-13T10:00", 1);
  g_assert_cmpstr (shifted, ==, "2027-03-14T10:00");
}

/* ---- a city's zone -------------------------------------------------------- */

static void
test_city_zone (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *montreal = xarxa_city_zone_lookup ("CA", "Montréal", &error);
  g_autofree char *plain = xarxa_city_zone_lookup ("ca", "montreal", NULL);
  g_autofree char *dakar = xarxa_city_zone_lookup ("SN", "Dakar", NULL);
  g_autofree char *senegal = xarxa_city_zone_lookup ("SN", NULL, NULL);
  g_autofree char *vancouver = xarxa_city_zone_lookup ("CA", "Vancouver", NULL);
  g_autoptr(GError) several = NULL;
  g_autofree char *canada = xarxa_city_zone_lookup ("CA", NULL, &several);
  g_autoptr(GError) unknown = NULL;
  g_autofree char *nowhere = xarxa_city_zone_lookup ("QQ", "Atlantis", &unknown);

  g_assert_no_error (error);
  /* libgweather 4.2's database gives Montréal "America/Toronto": the
   * tz database keeps America/Montreal only as a backward-compatible link
   * to it (Québec and Ontario have kept the same clocks since 1970), and
   * the location database names the canonical zone. */
  g_assert_cmpstr (montreal, ==, "America/Toronto");
  g_assert_cmpstr (plain, ==, montreal);
  g_assert_cmpstr (vancouver, ==, "America/Vancouver");
  /* Senegal has one zone: the city is not even needed. */
  g_assert_cmpstr (dakar, ==, "Africa/Dakar");
  g_assert_cmpstr (senegal, ==, "Africa/Dakar");
  g_assert_null (canada);
  g_assert_error (several, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
  g_assert_null (nowhere);
  g_assert_error (unknown, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
}

/* ---- the store's checks --------------------------------------------------- */

static char *
make (XarxaStore *store,
      const char *type,
      GError    **error,
      ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  va_list args;
  const char *name;

  va_start (args, error);
  while ((name = va_arg (args, const char *)) != NULL)
    json_object_set_string_member (values, name, va_arg (args, const char *));
  va_end (args);
  return xarxa_store_create_record (store, type, values, error);
}

static char *
make_mission (XarxaStore *store)
{
  char *id = make (store, "mission", NULL, "title", "Montréal", "time_zone", "America/Toronto",
                   "start_date", "2027-03-13", "end_date", "2027-03-16", NULL);
  g_assert_nonnull (id);
  return id;
}

static void
assert_refused (XarxaStore *store,
                GError     *error,
                char       *id,
                const char *type,
                gint64      count_before,
                const char *words)
{
  g_assert_null (id);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpint (xarxa_store_count (store, type), ==, count_before);
}

static void
test_check_stop (TestStore    *f,
                 gconstpointer data)
{
  g_autofree char *mission = make_mission (f->store);
  g_autofree char *ok = NULL;
  g_autofree char *chosen = NULL;
  gint64 outbox;

  ok = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "Visit",
             "starts_at", "2027-03-14T10:00", "ends_at", "2027-03-14T11:30", NULL);
  g_assert_nonnull (ok);
  outbox = xarxa_store_count_outbox (f->store);

  {
    g_autoptr(GError) error = NULL;
    char *id = make (f->store, "itinerary_stop", &error, "mission_id", mission,
                     "starts_at", "2027-03-14T11:00", "ends_at", "2027-03-14T10:00", NULL);
    assert_refused (f->store, error, id, "itinerary_stop", 1, "before it starts");
  }
  {
    g_autoptr(GError) error = NULL;
    char *id = make (f->store, "itinerary_stop", &error, "mission_id", mission,
                     "starts_at", "2027-03-14T02:15", NULL);
    assert_refused (f->store, error, id, "itinerary_stop", 1, "does not exist");
  }
  {
    g_autoptr(GError) error = NULL;
    char *id = make (f->store, "itinerary_stop", &error, "mission_id", mission,
                     "starts_at", "2026-11-01T01:15", NULL);
    assert_refused (f->store, error, id, "itinerary_stop", 1, "happens twice");
  }
  {
    g_autoptr(GError) error = NULL;
    char *id = make (f->store, "itinerary_stop", &error, "mission_id", mission,
                     "time_zone", "Europe/Atlantis", "starts_at", "2027-03-14T10:00", NULL);
    assert_refused (f->store, error, id, "itinerary_stop", 1, "not a known time zone");
  }
  {
    /* An update that makes the stop end before it starts is refused too,
     * and the stop keeps its times. */
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) changes = json_object_new ();
    g_autoptr(JsonObject) after = NULL;

    json_object_set_string_member (changes, "ends_at", "2027-03-14T09:00");
    g_assert_false (xarxa_store_update_record (f->store, "itinerary_stop", ok, changes, &error));
    g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
    after = xarxa_store_get_record (f->store, "itinerary_stop", ok, NULL);
    g_assert_cmpstr (json_object_get_string_member (after, "ends_at"), ==, "2027-03-14T11:30");
  }
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, outbox);

  /* Across the night the clocks go back, with the choice made: 01:30 to
   * 01:15, the second 01:15 being 45 minutes later. */
  chosen = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "repeated_time", "later",
                 "starts_at", "2026-11-01T00:30", "ends_at", "2026-11-01T01:15", NULL);
  g_assert_nonnull (chosen);
}

static void
test_check_note_and_participant (TestStore    *f,
                                 gconstpointer data)
{
  g_autofree char *mission = make_mission (f->store);
  g_autofree char *other = make_mission (f->store);
  g_autofree char *stop = make (f->store, "itinerary_stop", NULL, "mission_id", other,
                                "starts_at", "2027-03-14T10:00", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  char *note;
  char *participant;

  note = make (f->store, "field_note", &error, "mission_id", mission, "stop_id", stop,
               "text", "Met the cooperative", NULL);
  assert_refused (f->store, error, note, "field_note", 0, "belongs to another mission");

  participant = make (f->store, "participant", &error2, "mission_id", mission, "name", "Aina",
                      "arrival", "2027-03-15T10:00", "departure", "2027-03-13T10:00", NULL);
  assert_refused (f->store, error2, participant, "participant", 0, "before the arrival");

  note = make (f->store, "field_note", NULL, "mission_id", other, "stop_id", stop, "text", "ok", NULL);
  g_assert_nonnull (note);
  g_free (note);
}

/* ---- the itinerary -------------------------------------------------------- */

static const char *
warning_code (JsonObject *stop,
              guint       i)
{
  JsonArray *warnings = json_object_get_array_member (stop, "warnings");

  if (i >= json_array_get_length (warnings))
    return NULL;
  return json_object_get_string_member (json_array_get_object_element (warnings, i), "code");
}

static void
test_itinerary (TestStore    *f,
                gconstpointer data)
{
  g_autofree char *mission = make_mission (f->store);
  g_autofree char *a = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "B",
                             "starts_at", "2027-03-14T10:00", "ends_at", "2027-03-14T12:00", NULL);
  g_autofree char *b = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "A",
                             "starts_at", "2027-03-14T11:00", "ends_at", "2027-03-14T12:30", NULL);
  g_autofree char *c = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "C",
                             "starts_at", "2027-03-13T09:00", "ends_at", "2027-03-13T10:00", NULL);
  g_autofree char *late = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "D",
                                "starts_at", "2027-03-18T09:00", NULL);
  g_autofree char *hotel = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "Hotel",
                                 "kind", "accommodation",
                                 "starts_at", "2027-03-13T20:00", "ends_at", "2027-03-16T08:00", NULL);
  g_autofree char *person = make (f->store, "participant", NULL, "mission_id", mission, "name", "Aina",
                                  "needs", "Vegetarian", NULL);
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonObject) with_private = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *stops;
  JsonObject *participant;

  g_assert_nonnull (hotel);
  g_assert_nonnull (person);
  json = xarxa_mission_to_json (f->store, mission, FALSE, &error);
  g_assert_no_error (error);
  stops = json_object_get_array_member (json, "stops");
  g_assert_cmpuint (json_array_get_length (stops), ==, 5);
  /* In order of time: C, Hotel, B, A, D. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stops, 0), "title"), ==, "C");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stops, 1), "title"), ==, "Hotel");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stops, 2), "id"), ==, a);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stops, 3), "id"), ==, b);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stops, 0), "zone"), ==,
                   "America/Toronto");
  g_assert_null (warning_code (json_array_get_object_element (stops, 0), 0));
  g_assert_null (warning_code (json_array_get_object_element (stops, 1), 0));
  g_assert_cmpstr (warning_code (json_array_get_object_element (stops, 2), 0), ==, "overlap");
  g_assert_cmpstr (warning_code (json_array_get_object_element (stops, 3), 0), ==, "overlap");
  g_assert_cmpstr (warning_code (json_array_get_object_element (stops, 4), 0), ==, "outside-dates");

  /* Needs are private. */
  participant = json_array_get_object_element (json_object_get_array_member (json, "participants"), 0);
  g_assert_false (json_object_has_member (participant, "needs"));
  with_private = xarxa_mission_to_json (f->store, mission, TRUE, NULL);
  participant = json_array_get_object_element (json_object_get_array_member (with_private, "participants"), 0);
  g_assert_cmpstr (json_object_get_string_member (participant, "needs"), ==, "Vegetarian");

  /* The 14th's plan copied to the 15th: two new stops, same clock times,
   * though the 14th began in winter time and the 15th is all summer. */
  copies = xarxa_mission_duplicate_day (f->store, mission, "2027-03-14", "2027-03-15", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, 2);
  for (guint i = 0; i < copies->len; i++)
    {
      g_autoptr(JsonObject) copy = xarxa_store_get_record (f->store, "itinerary_stop",
                                                           g_ptr_array_index (copies, i), NULL);
      const char *start = json_object_get_string_member (copy, "starts_at");

      g_assert_true (g_str_equal (start, "2027-03-15T10:00") || g_str_equal (start, "2027-03-15T11:00"));
      g_assert_cmpstr (json_object_get_string_member (copy, "mission_id"), ==, mission);
    }

  /* Moved to the night of the change: two hours long still, so it ends
   * at 04:30 by the clock (01:30 EST + 2 h = 04:30 EDT). */
  g_assert_true (xarxa_mission_move_stop (f->store, a, "2027-03-14T01:30", &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) moved = xarxa_store_get_record (f->store, "itinerary_stop", a, NULL);

    g_assert_cmpstr (json_object_get_string_member (moved, "starts_at"), ==, "2027-03-14T01:30");
    g_assert_cmpstr (json_object_get_string_member (moved, "ends_at"), ==, "2027-03-14T04:30");
  }
}

/* ---- iCalendar ------------------------------------------------------------ */

static icalcomponent *
find_event (icalcomponent *calendar,
            const char    *stop_id)
{
  g_autofree char *uid = g_strconcat (stop_id, "@xarxa", NULL);

  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (c), uid) == 0)
      return c;
  return NULL;
}

static void
test_ics (TestStore    *f,
          gconstpointer data)
{
  g_autofree char *host = make (f->store, "entity", NULL, "name", "Chantier de l’économie sociale",
                                "phone", "+1 514 899 9916", NULL);
  g_autofree char *contact = make (f->store, "contact", NULL, "full_name", "Béatrice Alain", "entity_id", host,
                                   "email", "beatrice@example.org", NULL);
  g_autofree char *aina = make (f->store, "contact", NULL, "full_name", "Aina Puig", "email", "aina@example.org", NULL);
  g_autofree char *mission = make_mission (f->store);
  g_autofree char *dakar = make (f->store, "mission", NULL, "title", "Dakar", "time_zone", "Africa/Dakar", NULL);
  g_autofree char *p1 = make (f->store, "participant", NULL, "mission_id", mission, "contact_id", aina, NULL);
  g_autofree char *p2 = make (f->store, "participant", NULL, "mission_id", mission, "name", "Pau (no email)", NULL);
  /* Across the night the clocks go forward: 22:00 EST to 09:00 EDT. */
  g_autofree char *night = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "Night train",
                                 "kind", "travel", "starts_at", "2027-03-13T22:00", "ends_at", "2027-03-14T09:00", NULL);
  g_autofree char *visit = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "Visit",
                                 "place", "Chantier", "address", "1431 rue Fullum, Montréal",
                                 "host_entity_id", host, "host_contact_id", contact,
                                 "starts_at", "2027-03-14T10:00", "ends_at", "2027-03-14T11:30", NULL);
  g_autofree char *market = make (f->store, "itinerary_stop", NULL, "mission_id", dakar, "title", "Market",
                                  "starts_at", "2026-03-29T02:30", "ends_at", "2026-03-29T04:00", NULL);
  g_autofree char *ics = NULL;
  g_autofree char *again = NULL;
  g_autofree char *dakar_ics = NULL;
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  icalcomponent *zone;
  struct icaltimetype start, end;
  icalproperty *attendee;
  int sequence;

  g_assert_nonnull (p1);
  g_assert_nonnull (p2);
  ics = xarxa_mission_to_ics (f->store, mission, &error);
  g_assert_no_error (error);
  g_test_message ("%s", ics);
  calendar = icalparser_parse_string (ics);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 1);
  zone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (zone, ICAL_TZID_PROPERTY)), ==,
                   "America/Toronto");

  /* The night keeps its clock times, in the zone. */
  event = find_event (calendar, night);
  g_assert_nonnull (event);
  start = icalcomponent_get_dtstart (event);
  end = icalcomponent_get_dtend (event);
  g_assert_cmpint (start.hour, ==, 22);
  g_assert_cmpint (end.hour, ==, 9);
  g_assert_cmpstr (icalparameter_get_tzid (icalproperty_get_first_parameter (
                     icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY), ICAL_TZID_PARAMETER)), ==,
                   "America/Toronto");

  event = find_event (calendar, visit);
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "Chantier, 1431 rue Fullum, Montréal");
  g_assert_nonnull (strstr (icalcomponent_get_description (event), "Host: Chantier de l’économie sociale, +1 514 899 9916"));
  g_assert_nonnull (strstr (icalcomponent_get_description (event), "Contact: Béatrice Alain, beatrice@example.org"));
  attendee = icalcomponent_get_first_property (event, ICAL_ATTENDEE_PROPERTY);
  g_assert_cmpstr (icalproperty_get_attendee (attendee), ==, "mailto:aina@example.org");
  g_assert_null (icalcomponent_get_next_property (event, ICAL_ATTENDEE_PROPERTY));
  sequence = icalcomponent_get_sequence (event);
  icalcomponent_free (calendar);

  /* The same export twice is the same text; a change raises SEQUENCE. */
  again = xarxa_mission_to_ics (f->store, mission, NULL);
  g_assert_cmpstr (again, ==, ics);
  g_usleep (1100 * 1000);
  {
    g_autoptr(JsonObject) changes = json_object_new ();
    g_autofree char *changed = NULL;

    json_object_set_string_member (changes, "title", "Visit and lunch");
    g_assert_true (xarxa_store_update_record (f->store, "itinerary_stop", visit, changes, NULL));
    changed = xarxa_mission_to_ics (f->store, mission, NULL);
    calendar = icalparser_parse_string (changed);
    event = find_event (calendar, visit);
    g_assert_cmpint (icalcomponent_get_sequence (event), >, sequence);
    icalcomponent_free (calendar);
  }

  /* Dakar keeps UTC all year: one STANDARD observance, no DAYLIGHT, and
   * 02:30 on the night Europe's clocks change is an ordinary time. */
  dakar_ics = xarxa_mission_to_ics (f->store, dakar, NULL);
  calendar = icalparser_parse_string (dakar_ics);
  zone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_nonnull (zone);
  g_assert_cmpint (icalcomponent_count_components (zone, ICAL_XDAYLIGHT_COMPONENT), ==, 0);
  g_assert_cmpint (icalcomponent_count_components (zone, ICAL_XSTANDARD_COMPONENT), >=, 1);
  event = find_event (calendar, market);
  g_assert_cmpint (icalcomponent_get_dtstart (event).hour, ==, 2);
  icalcomponent_free (calendar);
}

/* Every event lists every participant with an email address, and each
 * event's text in the file is exactly what libical writes for it (the
 * export writes the shared ATTENDEE lines once and gives them to each
 * event: a slip would show here as a missing or broken line). */
static void
test_ics_attendees (TestStore    *f,
                    gconstpointer data)
{
  const char *const emails[] = { "mailto:aina@example.org", "mailto:joan@example.org" };
  g_autofree char *aina = make (f->store, "contact", NULL, "full_name", "Aina Puig", "email", "aina@example.org", NULL);
  g_autofree char *joan = make (f->store, "contact", NULL, "full_name", "Joan Vidal", "email", "joan@example.org", NULL);
  g_autofree char *mission = make_mission (f->store);
  g_autofree char *p1 = make (f->store, "participant", NULL, "mission_id", mission, "contact_id", aina, NULL);
  g_autofree char *p2 = make (f->store, "participant", NULL, "mission_id", mission, "contact_id", joan, NULL);
  g_autofree char *p3 = make (f->store, "participant", NULL, "mission_id", mission, "name", "Pau (no email)", NULL);
  g_autofree char *ics = NULL;
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar;
  guint n_events = 0;

  g_assert_nonnull (p1);
  g_assert_nonnull (p2);
  g_assert_nonnull (p3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *starts = g_strdup_printf ("2027-03-14T%02u:00", 10 + i);
      g_autofree char *notes = g_strdup_printf ("Notes of stop %u; long enough to be folded by libical when it writes them, "
                                                "as every line past 75 octets is.", i);

      g_free (make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "Visit",
                    "starts_at", starts, "notes", notes, NULL));
    }

  ics = xarxa_mission_to_ics (f->store, mission, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_str_has_suffix (ics, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
  calendar = icalparser_parse_string (ics);
  g_assert_nonnull (calendar);
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      icalproperty *attendee = icalcomponent_get_first_property (event, ICAL_ATTENDEE_PROPERTY);
      char *text;

      for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
        {
          g_assert_nonnull (attendee);
          g_assert_cmpstr (icalproperty_get_attendee (attendee), ==, emails[i]);
          attendee = icalcomponent_get_next_property (event, ICAL_ATTENDEE_PROPERTY);
        }
      g_assert_null (attendee);
      text = icalcomponent_as_ical_string_r (event);
      g_assert_nonnull (strstr (ics, text));
      icalmemory_free_buffer (text);
      n_events++;
    }
  g_assert_cmpuint (n_events, ==, 3);
  icalcomponent_free (calendar);
}

/* ---- ready to travel ----------------------------------------------------- */

static guint
count_code (GPtrArray  *items,
            const char *code,
            const char *record_id)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      XarxaReadyItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->code, code) && (record_id == NULL || g_strcmp0 (item->record_id, record_id) == 0))
        n++;
    }
  return n;
}

static void
test_ready (TestStore    *f,
            gconstpointer data)
{
  g_autofree char *mission = make_mission (f->store);
  g_autofree char *silent = make (f->store, "entity", NULL, "name", "Silent host", NULL);
  g_autofree char *called = make (f->store, "entity", NULL, "name", "Host with phone", "phone", "+1 514 555 0100", NULL);
  g_autofree char *nameless = make (f->store, "participant", NULL, "mission_id", mission, "name", "Pau", NULL);
  g_autofree char *aina = make (f->store, "contact", NULL, "full_name", "Aina Puig", "email", "aina@example.org", NULL);
  g_autofree char *reached = make (f->store, "participant", NULL, "mission_id", mission, "contact_id", aina, NULL);
  g_autofree char *bare = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "No address",
                                "host_entity_id", silent, "starts_at", "2027-03-14T10:00", NULL);
  g_autofree char *full = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "Full",
                                "address", "1431 rue Fullum", "host_entity_id", called,
                                "starts_at", "2027-03-14T12:00", NULL);
  g_autofree char *again = make (f->store, "itinerary_stop", NULL, "mission_id", mission, "title", "Again",
                                 "address", "Somewhere", "host_entity_id", silent,
                                 "starts_at", "2027-03-15T12:00", NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (reached);
  g_assert_nonnull (full);
  g_assert_nonnull (again);
  items = xarxa_mission_ready (f->store, mission, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_code (items, "stop-address", bare), ==, 1);
  g_assert_cmpuint (count_code (items, "stop-address", NULL), ==, 1);
  /* The silent host is named once, though two stops are theirs. */
  g_assert_cmpuint (count_code (items, "host-contact", silent), ==, 1);
  g_assert_cmpuint (count_code (items, "host-contact", NULL), ==, 1);
  g_assert_cmpuint (count_code (items, "participant-contact", nameless), ==, 1);
  g_assert_cmpuint (count_code (items, "participant-contact", NULL), ==, 1);
  g_assert_cmpuint (count_code (items, "unsent-changes", NULL), ==, 1);
  g_assert_cmpuint (count_code (items, "never-synced", NULL), ==, 1);
  for (guint i = 0; i < items->len; i++)
    g_assert_nonnull (((XarxaReadyItem *) g_ptr_array_index (items, i))->message);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Synced: the never-synced item goes. */
  g_assert_true (xarxa_sync_state_set (f->store, "last_sync_at", "2027-03-01T10:00:00.000Z", NULL));
  items = xarxa_mission_ready (f->store, mission, NULL);
  g_assert_cmpuint (count_code (items, "never-synced", NULL), ==, 0);
}

/* ---- the example network ---------------------------------------------------- */

static char *
mission_titled (XarxaStore *store,
                const char *title)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new ("mission");
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(JsonObject) record = NULL;

  xarxa_query_set_filter (query, "title", title);
  rowids = xarxa_store_query_rowids (store, query, NULL);
  g_assert_cmpuint (rowids->len, ==, 1);
  record = xarxa_store_get_record_by_rowid (store, "mission", g_array_index (rowids, gint64, 0), NULL);
  return g_strdup (json_object_get_string_member (record, "id"));
}

static void
test_example (TestStore    *f,
              gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *montreal = NULL;
  g_autofree char *dakar = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonObject) past = NULL;
  g_autoptr(GPtrArray) ready = NULL;
  JsonArray *stops;
  gint64 batch = -1;
  gboolean crossing = FALSE;

  g_assert_true (xarxa_example_load (f->store, NULL, &batch, &error));
  g_assert_no_error (error);
  montreal = mission_titled (f->store, "Economia social i habitatge cooperatiu a Montréal");
  dakar = mission_titled (f->store, "Transformació agroalimentària al Senegal");

  /* Upcoming, in Montréal's zone, across the night of 2027-03-14, with
   * hosts from the directory and no warnings. */
  json = xarxa_mission_to_json (f->store, montreal, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json, "time_zone"), ==, "America/Toronto");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "participants")), ==, 3);
  stops = json_object_get_array_member (json, "stops");
  g_assert_cmpuint (json_array_get_length (stops), ==, 8);
  for (guint i = 0; i < json_array_get_length (stops); i++)
    {
      JsonObject *stop = json_array_get_object_element (stops, i);

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stop, "warnings")), ==, 0);
      if (g_strcmp0 (json_object_get_string_member (stop, "starts_at"), "2027-03-13T23:59") < 0 &&
          g_strcmp0 (json_object_get_string_member (stop, "ends_at"), "2027-03-14T03:00") > 0)
        crossing = TRUE;
    }
  g_assert_true (crossing);
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (stops, 2), "host_entity_id"));

  /* The meeting at the repair workshop has no address yet: ready says so. */
  ready = xarxa_mission_ready (f->store, montreal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_code (ready, "stop-address", NULL), ==, 1);
  g_assert_cmpuint (count_code (ready, "host-contact", NULL), ==, 0);

  /* Past, in Dakar, with its notes in order, two of them on stops. */
  past = xarxa_mission_to_json (f->store, dakar, FALSE, &error);
  g_assert_cmpstr (json_object_get_string_member (past, "status"), ==, "completed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (past, "field_notes")), ==, 3);
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (
                      json_object_get_array_member (past, "field_notes"), 0), "stop_id"));

  /* Loaded again, nothing doubles; undone, the missions go with it. */
  g_assert_true (xarxa_example_load (f->store, NULL, NULL, &error));
  g_assert_cmpint (xarxa_store_count (f->store, "mission"), ==, 2);
  g_assert_cmpint (xarxa_store_import_batch_undo (f->store, batch, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (f->store, "mission"), ==, 0);
  g_assert_cmpint (xarxa_store_count (f->store, "itinerary_stop"), ==, 0);
  g_assert_cmpint (xarxa_store_count (f->store, "field_note"), ==, 0);
  g_assert_cmpint (xarxa_store_count (f->store, "participant"), ==, 0);
}

/* ---- the migration --------------------------------------------------------- */

/* A database of every earlier version keeps its missions, stops and
 * participants, which then take a zone, a choice of repeated time and
 * needs. */
static void
test_migration (gconstpointer data)
{
  guint from = GPOINTER_TO_UINT (data);
  g_autofree char *dir = test_make_dir ("mission-migration");
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *version_sql = g_strdup_printf ("PRAGMA application_id = 1480675928; PRAGMA user_version = %u;", from);
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) stop_changes = json_object_new ();
  g_autoptr(JsonObject) mission = NULL;
  g_autoptr(GPtrArray) stops = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  xarxa_json_add_sql_functions (db);
  for (guint v = 0; v < from; v++)
    g_assert_cmpint (sqlite3_exec (db, xarxa_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO mission (title, id, created_at, updated_at) VALUES"
                                 " ('Montréal', '0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a21', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
                                 "INSERT INTO itinerary_stop (mission_id, starts_at, id, created_at, updated_at) VALUES"
                                 " ('0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a21', '2026-11-01T01:30',"
                                 "  '0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a22', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, version_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);
  mission = xarxa_store_get_record (store, "mission", "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a21", &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (mission, "time_zone")));

  /* Given its zone, the stop's 01:30 is one the clocks repeat: the
   * choice is asked for, and taken. */
  json_object_set_string_member (changes, "time_zone", "America/Toronto");
  g_assert_true (xarxa_store_update_record (store, "mission", "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a21", changes, &error));
  g_assert_no_error (error);
  json_object_set_string_member (stop_changes, "notes", "Night bus");
  g_assert_false (xarxa_store_update_record (store, "itinerary_stop", "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a22",
                                             stop_changes, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_clear_error (&error);
  json_object_set_string_member (stop_changes, "repeated_time", "earlier");
  g_assert_true (xarxa_store_update_record (store, "itinerary_stop", "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a22",
                                            stop_changes, &error));
  g_assert_no_error (error);
  stops = xarxa_mission_list_stops (store, "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a21", &error);
  g_assert_cmpuint (stops->len, ==, 1);
  g_assert_cmpstr (((XarxaMissionStop *) g_ptr_array_index (stops, 0))->zone_id, ==, "America/Toronto");

  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/zone/plain", test_zone_plain_time);
  g_test_add_func ("/zone/skipped", test_zone_skipped_time);
  g_test_add_func ("/zone/repeated", test_zone_repeated_time);
  g_test_add_func ("/zone/without-dst", test_zone_without_dst);
  g_test_add_func ("/zone/unknown", test_zone_unknown);
  g_test_add_func ("/zone/here", test_zone_here);
  g_test_add_func ("/zone/city", test_city_zone);
  g_test_add ("/mission/check-stop", TestStore, NULL, test_store_set_up, test_check_stop, test_store_tear_down);
  g_test_add ("/mission/check-note-participant", TestStore, NULL, test_store_set_up,
              test_check_note_and_participant, test_store_tear_down);
  g_test_add ("/mission/ready", TestStore, NULL, test_store_set_up, test_ready, test_store_tear_down);
  for (guint v = 1; v < xarxa_n_migrations; v++)
    {
      g_autofree char *name = g_strdup_printf ("/mission/migration-from-%u", v);

      g_test_add_data_func (name, GUINT_TO_POINTER (v), test_migration);
    }
  g_test_add ("/mission/example", TestStore, NULL, test_store_set_up, test_example, test_store_tear_down);
  g_test_add ("/mission/ics", TestStore, NULL, test_store_set_up, test_ics, test_store_tear_down);
  g_test_add ("/mission/ics-attendees", TestStore, NULL, test_store_set_up, test_ics_attendees, test_store_tear_down);
  g_test_add ("/mission/itinerary", TestStore, NULL, test_store_set_up, test_itinerary, test_store_tear_down);

  return g_test_run ();
}
