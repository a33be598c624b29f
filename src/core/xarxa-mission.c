/* xarxa-mission.c — a mission's itinerary: stops in order with their
 * warnings, the mission as JSON, a day's plan copied, a stop moved, and
 * the checks the store runs before a stop, participant or note is written.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-mission"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-mission.h"
#include "xarxa-mission-cluster.h"
#include "xarxa-query.h"
#include "xarxa-validate.h"
#include "xarxa-values.h"
#include "xarxa-zone.h"

void
xarxa_mission_stop_free (XarxaMissionStop *stop)
{
  if (stop == NULL)
    return;
  g_clear_pointer (&stop->record, json_object_unref);
  g_free (stop->zone_id);
  g_clear_pointer (&stop->starts, g_date_time_unref);
  g_clear_pointer (&stop->ends, g_date_time_unref);
  g_clear_pointer (&stop->warnings, g_ptr_array_unref);
  g_clear_pointer (&stop->warning_codes, g_ptr_array_unref);
  g_free (stop);
}

/* The live mission @id, or NULL with a message that says what to do:
 * XARXA_ERROR_NOT_FOUND, or XARXA_ERROR_INVALID when a record being
 * written names it (a refused value, not a failure). */
static JsonObject *
find_mission (XarxaStore  *store,
              const char  *id,
              XarxaError   code,
              GError     **error)
{
  g_autoptr(JsonObject) mission = xarxa_store_get_record (store, "mission", id, NULL);

  if (mission == NULL || json_object_get_boolean_member_with_default (mission, "deleted", FALSE))
    {
      g_set_error (error, XARXA_ERROR, code,
                   _("There is no mission with the id %s. List the missions to find its id."), id);
      return NULL;
    }
  return g_steal_pointer (&mission);
}

static JsonObject *
get_mission (XarxaStore  *store,
             const char  *id,
             GError     **error)
{
  return find_mission (store, id, XARXA_ERROR_NOT_FOUND, error);
}

GPtrArray *
xarxa_mission_list_records (XarxaStore  *store,
                            const char  *type_name,
                            const char  *mission_id,
                            GError     **error)
{
  g_autoptr(XarxaQuery) query = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  query = xarxa_query_new (type_name);
  g_return_val_if_fail (query != NULL, NULL);
  if (!xarxa_query_set_filter (query, "mission_id", mission_id))
    g_return_val_if_reached (NULL);
  return xarxa_store_query_records (store, query, error);
}

/* ---- the checks before a write ------------------------------------------ */

/* The zone a record's times are in: its own, or else its mission's.
 * NULL with *zone_id NULL when neither has one. */
static gboolean
resolve_zone (XarxaStore  *store,
              JsonObject  *record,
              JsonObject **out_mission,
              GTimeZone  **out_zone,
              char       **out_zone_id,
              GError     **error)
{
  const char *mission_id = xarxa_value_string_of (record, "mission_id");
  const char *zone_id = xarxa_value_string_of (record, "time_zone");
  g_autoptr(JsonObject) mission = NULL;

  if (mission_id != NULL && (mission = find_mission (store, mission_id, XARXA_ERROR_INVALID, error)) == NULL)
    return FALSE;
  if (zone_id == NULL)
    zone_id = xarxa_value_string_of (mission, "time_zone");
  if (zone_id != NULL)
    {
      *out_zone = xarxa_zone_new (zone_id, error);
      if (*out_zone == NULL)
        return FALSE;
      *out_zone_id = g_strdup (zone_id);
    }
  else
    {
      *out_zone = g_time_zone_new_utc ();
      *out_zone_id = NULL;
    }
  if (out_mission != NULL)
    *out_mission = g_steal_pointer (&mission);
  return TRUE;
}

/* Reads @start and @end (either may be NULL) in @zone and refuses an end
 * before the start. */
static gboolean
check_times (GTimeZone          *zone,
             const char         *start,
             const char         *end,
             XarxaRepeatedTime   repeated,
             const char         *end_before_start_format,
             GError            **error)
{
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;

  if (start != NULL &&
      (starts = xarxa_zone_wall_clock_to_instant (zone, start, repeated, error)) == NULL)
    return FALSE;
  if (end != NULL &&
      (ends = xarxa_zone_wall_clock_to_instant (zone, end, repeated, error)) == NULL)
    return FALSE;
  if (starts != NULL && ends != NULL && g_date_time_compare (ends, starts) < 0)
    {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID, end_before_start_format, end, start);
#pragma GCC diagnostic pop
      return FALSE;
    }
  return TRUE;
}

gboolean
xarxa_mission_check_stop (XarxaStore  *store,
                          JsonObject  *before,
                          JsonObject  *record,
                          GError     **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *zone_id = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!resolve_zone (store, record, NULL, &zone, &zone_id, error))
    return FALSE;
  return check_times (zone, xarxa_value_string_of (record, "starts_at"), xarxa_value_string_of (record, "ends_at"),
                      xarxa_repeated_time_from_string (xarxa_value_string_of (record, "repeated_time")),
                      _("The stop ends (%s) before it starts (%s). Check the end time and its day."),
                      error);
}

gboolean
xarxa_mission_check_participant (XarxaStore  *store,
                                 JsonObject  *before,
                                 JsonObject  *record,
                                 GError     **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *zone_id = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!resolve_zone (store, record, NULL, &zone, &zone_id, error))
    return FALSE;
  /* An arrival in the hour the clocks repeat is read as the first one:
   * a flight's times are rarely that close, and the stop is what counts. */
  return check_times (zone, xarxa_value_string_of (record, "arrival"), xarxa_value_string_of (record, "departure"),
                      XARXA_REPEATED_EARLIER,
                      _("The departure (%s) is before the arrival (%s). Check the departure date."),
                      error);
}

gboolean
xarxa_mission_check_field_note (XarxaStore  *store,
                                JsonObject  *before,
                                JsonObject  *record,
                                GError     **error)
{
  const char *mission_id = xarxa_value_string_of (record, "mission_id");
  const char *stop_id = xarxa_value_string_of (record, "stop_id");
  g_autoptr(JsonObject) mission = NULL;
  g_autoptr(JsonObject) stop = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (mission_id != NULL && (mission = find_mission (store, mission_id, XARXA_ERROR_INVALID, error)) == NULL)
    return FALSE;
  if (stop_id == NULL)
    return TRUE;
  /* A note keeps the stop it was written at, even once that stop is
   * deleted (on another device, while the note was written offline): it
   * can still be corrected. */
  if (before != NULL && g_strcmp0 (xarxa_value_string_of (before, "stop_id"), stop_id) == 0)
    return TRUE;
  stop = xarxa_store_get_record (store, "itinerary_stop", stop_id, NULL);
  if (stop == NULL || json_object_get_boolean_member_with_default (stop, "deleted", FALSE))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("There is no itinerary stop with the id %s. Choose a stop of the note’s mission, or none."),
                   stop_id);
      return FALSE;
    }
  if (mission_id != NULL && g_strcmp0 (xarxa_value_string_of (stop, "mission_id"), mission_id) != 0)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("The itinerary stop %s belongs to another mission. Choose a stop of the note’s own mission."),
                   stop_id);
      return FALSE;
    }
  return TRUE;
}

/* ---- the itinerary ------------------------------------------------------ */

static int
compare_stops (gconstpointer a,
               gconstpointer b)
{
  const XarxaMissionStop *x = *(XarxaMissionStop *const *) a;
  const XarxaMissionStop *y = *(XarxaMissionStop *const *) b;
  int c;

  if (x->starts == NULL || y->starts == NULL)
    c = (x->starts == NULL) - (y->starts == NULL);
  else
    c = g_date_time_compare (x->starts, y->starts);
  if (c == 0 && x->ends != NULL && y->ends != NULL)
    c = g_date_time_compare (x->ends, y->ends);
  if (c == 0)
    c = g_strcmp0 (xarxa_value_string_of (x->record, "id"), xarxa_value_string_of (y->record, "id"));
  return c;
}

static void
add_warning (XarxaMissionStop *stop,
             const char       *code,
             char             *message)
{
  /* One warning of a kind is enough: the message names the first clash. */
  for (guint i = 0; i < stop->warning_codes->len; i++)
    if (strcmp (g_ptr_array_index (stop->warning_codes, i), code) == 0)
      {
        g_free (message);
        return;
      }
  g_ptr_array_add (stop->warning_codes, g_strdup (code));
  g_ptr_array_add (stop->warnings, message);
}

static const char *
stop_title (XarxaMissionStop *stop)
{
  const char *title = xarxa_value_string_of (stop->record, "title");

  return title != NULL ? title : xarxa_value_string_of (stop->record, "starts_at");
}

static gboolean
is_accommodation (XarxaMissionStop *stop)
{
  return g_strcmp0 (xarxa_value_string_of (stop->record, "kind"), "accommodation") == 0;
}

/* The date of @instant in @zone, YYYY-MM-DD. */
static char *
date_in (GDateTime *instant,
         GTimeZone *zone)
{
  g_autoptr(GDateTime) there = g_date_time_to_timezone (instant, zone);

  return g_date_time_format (there, "%Y-%m-%d");
}

static void
flag_stops (GPtrArray  *stops,
            JsonObject *mission,
            GTimeZone  *mission_zone)
{
  const char *first_day = xarxa_value_string_of (mission, "start_date");
  const char *last_day = xarxa_value_string_of (mission, "end_date");

  for (guint i = 0; i < stops->len; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (stops, i);

      if (stop->starts != NULL)
        {
          g_autofree char *start_day = date_in (stop->starts, mission_zone);
          g_autofree char *end_day = date_in (stop->ends != NULL ? stop->ends : stop->starts, mission_zone);

          if ((first_day != NULL && strcmp (start_day, first_day) < 0) ||
              (last_day != NULL && strcmp (end_day, last_day) > 0))
            add_warning (stop, "outside-dates",
                         g_strdup_printf (_("This stop is outside the mission’s dates (%s to %s). Move it, or change the mission’s dates."),
                                          first_day != NULL ? first_day : "…",
                                          last_day != NULL ? last_day : "…"));
        }
      if (stop->starts == NULL || stop->ends == NULL || is_accommodation (stop))
        continue;
      /* Sorted by start: only the stops that start before this one ends. */
      for (guint j = i + 1; j < stops->len; j++)
        {
          XarxaMissionStop *next = g_ptr_array_index (stops, j);

          if (next->starts == NULL || g_date_time_compare (next->starts, stop->ends) >= 0)
            break;
          if (is_accommodation (next))
            continue;
          add_warning (stop, "overlap",
                       g_strdup_printf (_("This stop overlaps “%s”. Move one of them."), stop_title (next)));
          add_warning (next, "overlap",
                       g_strdup_printf (_("This stop overlaps “%s”. Move one of them."), stop_title (stop)));
        }
    }
}

/* The zone of @zone_id, read once per list: a stop's zone is nearly
 * always its mission's, and checking an id against the zone database
 * (a file looked up) for each of 300 stops costs more than the rest of
 * the list.  NULL when the id is not a known zone. */
static GTimeZone *
cached_zone (GHashTable *zones,
             const char *zone_id)
{
  GTimeZone *zone;

  if (!g_hash_table_lookup_extended (zones, zone_id, NULL, (gpointer *) &zone))
    {
      zone = xarxa_zone_new (zone_id, NULL);
      g_hash_table_insert (zones, g_strdup (zone_id), zone);
    }
  return zone;
}

static void
zone_unref_or_null (gpointer zone)
{
  if (zone != NULL)
    g_time_zone_unref (zone);
}

/* The stop as a view shows it; times that cannot be read (written by
 * another device before this one knew the zone) are left NULL. */
static XarxaMissionStop *
stop_new (JsonObject *record,
          JsonObject *mission,
          GHashTable *zones,
          GTimeZone  *utc)
{
  XarxaMissionStop *stop = g_new0 (XarxaMissionStop, 1);
  const char *zone_id = xarxa_value_string_of (record, "time_zone");
  XarxaRepeatedTime repeated = xarxa_repeated_time_from_string (xarxa_value_string_of (record, "repeated_time"));
  GTimeZone *zone = NULL;
  const char *start = xarxa_value_string_of (record, "starts_at");
  const char *end = xarxa_value_string_of (record, "ends_at");

  stop->record = json_object_ref (record);
  stop->warnings = g_ptr_array_new_with_free_func (g_free);
  stop->warning_codes = g_ptr_array_new_with_free_func (g_free);
  if (zone_id == NULL)
    zone_id = xarxa_value_string_of (mission, "time_zone");
  if (zone_id != NULL && (zone = cached_zone (zones, zone_id)) != NULL)
    stop->zone_id = g_strdup (zone_id);
  else
    zone = utc;
  /* A repeated time nobody chose is shown as the first. */
  if (repeated == XARXA_REPEATED_REFUSE)
    repeated = XARXA_REPEATED_EARLIER;
  if (start != NULL)
    stop->starts = xarxa_zone_wall_clock_to_instant (zone, start, repeated, NULL);
  if (end != NULL)
    stop->ends = xarxa_zone_wall_clock_to_instant (zone, end, repeated, NULL);
  return stop;
}

static GPtrArray *
list_stops (XarxaStore  *store,
            JsonObject  *mission,
            GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) stops = g_ptr_array_new_with_free_func ((GDestroyNotify) xarxa_mission_stop_free);
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, zone_unref_or_null);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *zone_id = xarxa_value_string_of (mission, "time_zone");
  GTimeZone *zone = zone_id != NULL ? cached_zone (zones, zone_id) : NULL;

  records = xarxa_mission_list_records (store, "itinerary_stop", xarxa_value_string_of (mission, "id"), error);
  if (records == NULL)
    return NULL;
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (stops, stop_new (g_ptr_array_index (records, i), mission, zones, utc));
  g_ptr_array_sort (stops, compare_stops);
  flag_stops (stops, mission, zone != NULL ? zone : utc);
  return g_steal_pointer (&stops);
}

GPtrArray *
xarxa_mission_list_stops (XarxaStore  *store,
                          const char  *mission_id,
                          GError     **error)
{
  g_autoptr(JsonObject) mission = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  if ((mission = get_mission (store, mission_id, error)) == NULL)
    return NULL;
  return list_stops (store, mission, error);
}

/* A new object with the members of @record but @drop_field.  (A copied
 * node would share the object.) */
static JsonObject *
copy_object (JsonObject *record,
             const char *drop_field)
{
  JsonObject *out = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (record);

  /* In the record's own order: its fields, then its bookkeeping. */
  for (GList *l = names; l != NULL; l = l->next)
    if (g_strcmp0 (l->data, drop_field) != 0)
      json_object_set_member (out, l->data, json_node_copy (json_object_get_member (record, l->data)));
  return out;
}

static JsonArray *
records_array (GPtrArray  *records,
               const char *drop_field)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < records->len; i++)
    json_array_add_object_element (array, copy_object (g_ptr_array_index (records, i), drop_field));
  return array;
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  JsonObject *x = *(JsonObject *const *) a;
  JsonObject *y = *(JsonObject *const *) b;
  int c = g_strcmp0 (xarxa_value_string_of (x, "written_at"), xarxa_value_string_of (y, "written_at"));

  return c != 0 ? c : g_strcmp0 (xarxa_value_string_of (x, "created_at"), xarxa_value_string_of (y, "created_at"));
}

/* The notes; one whose stop was deleted (on another device, while the note
 * was being written) is kept, and says so: "stop_deleted" and a
 * "stop_message" to show. */
static JsonArray *
notes_array (XarxaStore *store,
             GPtrArray  *notes)
{
  JsonArray *array = records_array (notes, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *note = json_array_get_object_element (array, i);
      const char *stop_id = xarxa_value_string_of (note, "stop_id");
      g_autoptr(JsonObject) stop = NULL;
      g_autoptr(GPtrArray) people = xarxa_field_note_people (store, xarxa_value_string_of (note, "id"), NULL);
      g_autofree char *message = NULL;
      JsonArray *met = json_array_new ();
      const char *title;

      /* The people it names as met, with their names. */
      for (guint p = 0; people != NULL && p < people->len; p++)
        {
          g_autoptr(JsonObject) contact = xarxa_store_get_live_record (store, "contact", people->pdata[p]);
          JsonObject *person = json_object_new ();

          json_object_set_string_member (person, "contact_id", people->pdata[p]);
          json_object_set_string_member (person, "full_name", xarxa_value_string_of (contact, "full_name"));
          json_array_add_object_element (met, person);
        }
      json_object_set_array_member (note, "people_met", met);

      if (stop_id == NULL)
        continue;
      stop = xarxa_store_get_record (store, "itinerary_stop", stop_id, NULL);
      if (stop != NULL && !json_object_get_boolean_member_with_default (stop, "deleted", FALSE))
        continue;
      title = xarxa_value_string_of (stop, "title");
      json_object_set_boolean_member (note, "stop_deleted", TRUE);
      message = title != NULL
                ? g_strdup_printf (_("Written at the stop “%s”, which has been deleted from the itinerary since. The note is kept."), title)
                : g_strdup (_("Written at a stop that has been deleted from the itinerary since. The note is kept."));
      json_object_set_string_member (note, "stop_message", message);
    }
  return array;
}

JsonObject *
xarxa_mission_to_json (XarxaStore  *store,
                       const char  *mission_id,
                       gboolean     include_private,
                       GError     **error)
{
  g_autoptr(JsonObject) mission = NULL;
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  JsonArray *stops_array;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  if ((mission = get_mission (store, mission_id, error)) == NULL ||
      (stops = list_stops (store, mission, error)) == NULL ||
      (participants = xarxa_mission_list_records (store, "participant", mission_id, error)) == NULL ||
      (notes = xarxa_mission_list_records (store, "field_note", mission_id, error)) == NULL)
    return NULL;

  json_object_set_array_member (mission, "participants",
                                records_array (participants, include_private ? NULL : "needs"));
  stops_array = json_array_new ();
  for (guint i = 0; i < stops->len; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (stops, i);
      JsonObject *out = copy_object (stop->record, NULL);
      JsonArray *warnings = json_array_new ();

      if (stop->zone_id != NULL)
        json_object_set_string_member (out, "zone", stop->zone_id);
      else
        json_object_set_null_member (out, "zone");
      for (guint w = 0; w < stop->warnings->len; w++)
        {
          JsonObject *warning = json_object_new ();

          json_object_set_string_member (warning, "code", g_ptr_array_index (stop->warning_codes, w));
          json_object_set_string_member (warning, "message", g_ptr_array_index (stop->warnings, w));
          json_array_add_object_element (warnings, warning);
        }
      json_object_set_array_member (out, "warnings", warnings);
      json_array_add_object_element (stops_array, out);
    }
  json_object_set_array_member (mission, "stops", stops_array);
  g_ptr_array_sort (notes, compare_notes);
  json_object_set_array_member (mission, "field_notes", notes_array (store, notes));
  return g_steal_pointer (&mission);
}

/* ---- changes to the plan ------------------------------------------------ */

/* Whole days from @from to @to (YYYY-MM-DD each), or FALSE. */
static gboolean
days_between (const char *from,
              const char *to,
              int        *days)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  if (!xarxa_validate_date (from) || !xarxa_validate_date (to))
    return FALSE;
  g_date_set_parse (&a, from);
  g_date_set_parse (&b, to);
  if (!g_date_valid (&a) || !g_date_valid (&b))
    return FALSE;
  *days = g_date_days_between (&a, &b);
  return TRUE;
}

/* The fields of a stop a copy takes: all but the bookkeeping. */
static JsonObject *
stop_fields (JsonObject *record)
{
  const XarxaRecordType *type = xarxa_schema_lookup ("itinerary_stop");
  JsonObject *out = json_object_new ();

  for (guint i = 0; i < type->n_fields; i++)
    {
      JsonNode *node = json_object_get_member (record, type->fields[i].name);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        json_object_set_member (out, type->fields[i].name, json_node_copy (node));
    }
  return out;
}

GPtrArray *
xarxa_mission_duplicate_day (XarxaStore  *store,
                             const char  *mission_id,
                             const char  *from_date,
                             const char  *to_date,
                             GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int days;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);
  g_return_val_if_fail (from_date != NULL && to_date != NULL, NULL);

  if (!days_between (from_date, to_date, &days))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("Give both days as dates like 2027-03-14."));
      return NULL;
    }
  if (!xarxa_store_begin (store, error))
    return NULL;
  records = xarxa_mission_list_records (store, "itinerary_stop", mission_id, error);
  if (records == NULL)
    goto fail;
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);
      const char *start = xarxa_value_string_of (record, "starts_at");
      const char *end = xarxa_value_string_of (record, "ends_at");
      g_autoptr(JsonObject) copy = NULL;
      char *id;

      if (start == NULL || strncmp (start, from_date, 10) != 0)
        continue;
      copy = stop_fields (record);
      {
        g_autofree char *new_start = xarxa_zone_shift_days (start, days);
        json_object_set_string_member (copy, "starts_at", new_start);
      }
      if (end != NULL)
        {
          g_autofree char *new_end = xarxa_zone_shift_days (end, days);
          json_object_set_string_member (copy, "ends_at", new_end);
        }
      id = xarxa_store_create_record (store, "itinerary_stop", copy, error);
      if (id == NULL)
        goto fail;
      g_ptr_array_add (ids, id);
    }
  if (!xarxa_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&ids);

fail:
  xarxa_store_rollback (store);
  return NULL;
}

gboolean
xarxa_mission_move_stop (XarxaStore  *store,
                         const char  *stop_id,
                         const char  *starts_at,
                         GError     **error)
{
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) mission = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *zone_id = NULL;
  g_autoptr(GDateTime) new_start = NULL;
  XarxaRepeatedTime repeated;
  const char *old_start, *old_end;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (stop_id != NULL, FALSE);
  g_return_val_if_fail (starts_at != NULL, FALSE);

  record = xarxa_store_get_record (store, "itinerary_stop", stop_id, error);
  if (record == NULL)
    return FALSE;
  if (!resolve_zone (store, record, &mission, &zone, &zone_id, error))
    return FALSE;
  repeated = xarxa_repeated_time_from_string (xarxa_value_string_of (record, "repeated_time"));
  new_start = xarxa_zone_wall_clock_to_instant (zone, starts_at, repeated, error);
  if (new_start == NULL)
    return FALSE;
  json_object_set_string_member (changes, "starts_at", starts_at);
  old_start = xarxa_value_string_of (record, "starts_at");
  old_end = xarxa_value_string_of (record, "ends_at");
  if (old_start != NULL && old_end != NULL)
    {
      g_autoptr(GDateTime) a = xarxa_zone_wall_clock_to_instant (zone, old_start, repeated, NULL);
      g_autoptr(GDateTime) b = xarxa_zone_wall_clock_to_instant (zone, old_end, repeated, NULL);

      if (a != NULL && b != NULL)
        {
          g_autoptr(GDateTime) new_end = g_date_time_add (new_start, g_date_time_difference (b, a));
          g_autofree char *text = xarxa_zone_format_wall_clock (new_end, zone);

          json_object_set_string_member (changes, "ends_at", text);
        }
    }
  return xarxa_store_update_record (store, "itinerary_stop", stop_id, changes, error);
}
