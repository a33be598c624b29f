/* xarxa-mission-ics.c — a mission's itinerary as an iCalendar file, made
 * with libical; no iCalendar text is written by hand.
 *
 * The time zones are libical's builtin ones (from the system's zone
 * database), renamed to their plain IANA id: libical 3.0 names the ones
 * it reads from the system "/freeassociation.sourceforge.net/Europe/Madrid",
 * which web calendars do not all recognise.
 * DTSTAMP is the stop's last change, not the time of the export, so the
 * same itinerary always gives the same file.
 * Each event and the calendar are written by libical one at a time, and
 * the participants' ATTENDEE lines, the same in every event, once
 * (component_text): the text is what libical writes for the whole
 * calendar, in a fraction of the time.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-mission"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-mission.h"
#include "xarxa-mission-ics.h"
#include "xarxa-values.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/* The zone of @zone_id, or NULL (floating times) when libical lacks it. */
static icaltimezone *
builtin_zone (const char *zone_id)
{
  return zone_id != NULL ? icaltimezone_get_builtin_timezone (zone_id) : NULL;
}

/* The zone's VTIMEZONE, its TZID the plain IANA id. */
static icalcomponent *
zone_component (icaltimezone *zone,
                const char   *zone_id)
{
  icalcomponent *component = icalcomponent_new_clone (icaltimezone_get_component (zone));
  icalproperty *tzid = icalcomponent_get_first_property (component, ICAL_TZID_PROPERTY);

  if (tzid != NULL)
    icalproperty_set_tzid (tzid, zone_id);
  else
    icalcomponent_add_property (component, icalproperty_new_tzid (zone_id));
  return component;
}

static gboolean
wall_clock_to_ical (const char           *text,
                    icaltimezone         *zone,
                    struct icaltimetype  *out)
{
  int y, mo, d, h, mi, s = 0;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%*1[Tt]%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 5)
    return FALSE;
  *out = icaltime_null_time ();
  out->year = y;
  out->month = mo;
  out->day = d;
  out->hour = h;
  out->minute = mi;
  out->second = s;
  out->is_date = 0;
  out->zone = zone;
  return TRUE;
}

/* A DTSTART or DTEND at the wall-clock @text in the zone @zone_id
 * (floating when NULL). */
static icalproperty *
time_property (icalproperty *(*make) (struct icaltimetype),
               const char   *text,
               const char   *zone_id)
{
  struct icaltimetype t;
  icalproperty *prop;
  icalparameter *param;

  if (!wall_clock_to_ical (text, NULL, &t))
    return NULL;
  prop = make (t);
  if (zone_id != NULL)
    {
      if ((param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER)) != NULL)
        icalparameter_set_tzid (param, zone_id);
      else
        icalproperty_add_parameter (prop, icalparameter_new_tzid (zone_id));
    }
  return prop;
}

/* Seconds since 1970 of an ISO 8601 UTC time, or 0. */
static gint64
unix_of (const char *iso)
{
  g_autoptr(GDateTime) dt = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* The live record @id of @type_name, read once per export: twenty hosts
 * and their contact people host three hundred stops.  NULL for none. */
static JsonObject *
cached_record (XarxaStore *store,
               GHashTable *cache,
               const char *type_name,
               const char *id)
{
  g_autofree char *key = NULL;
  JsonObject *record;

  if (id == NULL)
    return NULL;
  key = g_strconcat (type_name, "/", id, NULL);
  if (!g_hash_table_lookup_extended (cache, key, NULL, (gpointer *) &record))
    {
      record = xarxa_store_get_live_record (store, type_name, id);
      g_hash_table_insert (cache, g_steal_pointer (&key), record);
    }
  return record;
}

static void
object_unref_or_null (gpointer object)
{
  if (object != NULL)
    json_object_unref (object);
}

/* "Host: …", "Contact: name, phone, email", then the notes. */
static char *
describe_stop (XarxaStore *store,
               GHashTable *cache,
               JsonObject *stop)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *host = cached_record (store, cache, "entity", xarxa_value_string_of (stop, "host_entity_id"));
  JsonObject *contact = cached_record (store, cache, "contact", xarxa_value_string_of (stop, "host_contact_id"));
  const char *notes = xarxa_value_string_of (stop, "notes");

  if (host != NULL)
    {
      const char *phone = xarxa_value_string_of (host, "phone");

      g_string_append_printf (text, _("Host: %s"), xarxa_value_string_of (host, "name"));
      if (phone != NULL)
        g_string_append_printf (text, ", %s", phone);
      g_string_append_c (text, '\n');
    }
  if (contact != NULL)
    {
      const char *parts[] = { "phone", "email" };

      g_string_append_printf (text, _("Contact: %s"),
                              xarxa_value_string_of (contact, "full_name") != NULL ? xarxa_value_string_of (contact, "full_name") : "");
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (xarxa_value_string_of (contact, parts[i]) != NULL)
          g_string_append_printf (text, ", %s", xarxa_value_string_of (contact, parts[i]));
      g_string_append_c (text, '\n');
    }
  if (notes != NULL)
    g_string_append_printf (text, "%s\n", notes);
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
location_of (JsonObject *stop)
{
  const char *place = xarxa_value_string_of (stop, "place");
  const char *address = xarxa_value_string_of (stop, "address");

  if (place != NULL && address != NULL)
    return g_strdup_printf ("%s, %s", place, address);
  return g_strdup (place != NULL ? place : address);
}

/* The participants with an email address (their own contact's), as
 * ATTENDEE properties to copy into each event. */
static GPtrArray *
attendees_of (XarxaStore  *store,
              const char  *mission_id,
              GError     **error)
{
  g_autoptr(GPtrArray) participants = xarxa_mission_list_records (store, "participant", mission_id, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) icalproperty_free);

  if (participants == NULL)
    return NULL;
  for (guint i = 0; i < participants->len; i++)
    {
      JsonObject *participant = g_ptr_array_index (participants, i);
      g_autoptr(JsonObject) contact = xarxa_store_get_live_record (store, "contact", xarxa_value_string_of (participant, "contact_id"));
      const char *email = xarxa_value_string_of (contact, "email");
      const char *name = xarxa_value_string_of (participant, "name");
      g_autofree char *mailto = NULL;
      icalproperty *attendee;

      if (email == NULL)
        continue;
      if (name == NULL)
        name = xarxa_value_string_of (contact, "full_name");
      mailto = g_strconcat ("mailto:", email, NULL);
      attendee = icalproperty_new_attendee (mailto);
      if (name != NULL)
        icalproperty_add_parameter (attendee, icalparameter_new_cn (name));
      icalproperty_add_parameter (attendee, icalparameter_new_role (ICAL_ROLE_REQPARTICIPANT));
      g_ptr_array_add (out, attendee);
    }
  return g_steal_pointer (&out);
}

static icalcomponent *
stop_event (XarxaStore       *store,
            GHashTable       *cache,
            XarxaMissionStop *stop)
{
  JsonObject *record = stop->record;
  const char *zone_id = builtin_zone (stop->zone_id) != NULL ? stop->zone_id : NULL;
  icalcomponent *event = icalcomponent_new_vevent ();
  g_autofree char *uid = g_strdup_printf ("%s@xarxa", xarxa_value_string_of (record, "id"));
  g_autofree char *location = location_of (record);
  g_autofree char *description = describe_stop (store, cache, record);
  const char *title = xarxa_value_string_of (record, "title");
  const char *kind = xarxa_value_string_of (record, "kind");
  gint64 created = unix_of (xarxa_value_string_of (record, "created_at"));
  gint64 updated = unix_of (xarxa_value_string_of (record, "updated_at"));
  icalproperty *prop;

  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  /* Every change moves updated_at on: the seconds since the stop was made
   * only ever grow. */
  icalcomponent_add_property (event, icalproperty_new_sequence ((int) CLAMP (updated - created, 0, G_MAXINT)));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (
    icaltime_from_timet_with_zone ((time_t) updated, 0, icaltimezone_get_utc_timezone ())));
  if ((prop = time_property (icalproperty_new_dtstart, xarxa_value_string_of (record, "starts_at"), zone_id)) != NULL)
    icalcomponent_add_property (event, prop);
  if ((prop = time_property (icalproperty_new_dtend, xarxa_value_string_of (record, "ends_at"), zone_id)) != NULL)
    icalcomponent_add_property (event, prop);
  if (title == NULL && kind != NULL)
    title = xarxa_choice_list_label (&xarxa_stop_kind_list, kind);
  if (title != NULL)
    icalcomponent_add_property (event, icalproperty_new_summary (title));
  if (location != NULL)
    icalcomponent_add_property (event, icalproperty_new_location (location));
  if (description != NULL)
    icalcomponent_add_property (event, icalproperty_new_description (description));
  return event;
}

/* The text libical writes for @component, and in *@end_at where its
 * closing "END:…" line starts: its serialisation is its BEGIN line, its
 * properties, its components, then that line, so text put there is what
 * libical writes for @component with more properties (or components)
 * added last. */
static char *
component_text (icalcomponent *component,
                gsize         *end_at)
{
  char *text = icalcomponent_as_ical_string_r (component);
  g_autofree char *end_line = g_strdup_printf ("END:%s\r\n", icalcomponent_kind_to_string (icalcomponent_isa (component)));
  gsize len = strlen (text), end_len = strlen (end_line);

  g_assert (len >= end_len && strcmp (text + len - end_len, end_line) == 0);
  *end_at = len - end_len;
  return text;
}

char *
xarxa_mission_to_ics (XarxaStore  *store,
                      const char  *mission_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GPtrArray) zones = g_ptr_array_new ();
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, object_unref_or_null);
  g_autoptr(GString) attendee_lines = g_string_new (NULL);
  char *calendar_text;
  gsize calendar_end;
  GString *out;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  if ((stops = xarxa_mission_list_stops (store, mission_id, error)) == NULL ||
      (attendees = attendees_of (store, mission_id, error)) == NULL)
    return NULL;

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Xarxa//Xarxa " PACKAGE_VERSION "//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));

  /* Each zone once, in the order the stops first use them. */
  for (guint i = 0; i < stops->len; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (stops, i);
      icaltimezone *zone = builtin_zone (stop->zone_id);

      if (zone != NULL && !g_ptr_array_find (zones, zone, NULL))
        {
          g_ptr_array_add (zones, zone);
          icalcomponent_add_component (calendar, zone_component (zone, stop->zone_id));
        }
    }

  /* Every event ends with the same participants.  libical writes their
   * ATTENDEE lines once; each event, as libical writes it, gets them
   * before its END line.  Fifty participants on three hundred stops would
   * otherwise be 15,000 properties copied, written and freed: most of the
   * export's time.  The file is the same, byte for byte. */
  for (guint i = 0; i < attendees->len; i++)
    {
      char *line = icalproperty_as_ical_string_r (g_ptr_array_index (attendees, i));

      g_string_append (attendee_lines, line);
      icalmemory_free_buffer (line);
    }
  calendar_text = component_text (calendar, &calendar_end);
  out = g_string_sized_new (strlen (calendar_text) + stops->len * (attendee_lines->len + 1024));
  g_string_append_len (out, calendar_text, calendar_end);
  /* The events are the calendar's last components. */
  for (guint i = 0; i < stops->len; i++)
    {
      g_autoptr(icalcomponent) event = stop_event (store, cache, g_ptr_array_index (stops, i));
      gsize event_end;
      char *event_text = component_text (event, &event_end);

      g_string_append_len (out, event_text, event_end);
      g_string_append_len (out, attendee_lines->str, attendee_lines->len);
      g_string_append (out, event_text + event_end);
      icalmemory_free_buffer (event_text);
    }
  g_string_append (out, calendar_text + calendar_end);
  icalmemory_free_buffer (calendar_text);
  return g_string_free (out, FALSE);
}
