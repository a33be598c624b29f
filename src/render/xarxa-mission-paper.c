/* xarxa-mission-paper.c — a mission's itinerary on paper, from its
 * records and its stops in order (xarxa-mission.h).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-render"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-mission.h"
#include "xarxa-mission-paper.h"
#include "xarxa-render-util.h"
#include "xarxa-values.h"
#include "xarxa-zone.h"

static void
add_labelled (GPtrArray  *lines,
              const char *label,
              char       *text)   /* taken */
{
  char *line = xarxa_render_labelled (label, text);

  if (line != NULL)
    g_ptr_array_add (lines, line);
  g_free (text);
}

static void
add_lines (XarxaPaper *paper,
           GPtrArray  *lines)
{
  g_autofree char *markup = NULL;

  if (lines->len == 0)
    return;
  g_ptr_array_add (lines, NULL);
  markup = g_strjoinv ("\n", (char **) lines->pdata);
  xarxa_paper_add_markup (paper, markup);
}

/* A participant's name: the contact's, or the one typed in. */
static char *
participant_name (XarxaStore *store,
                  JsonObject *participant)
{
  char *name = xarxa_render_title_of (store, "contact", xarxa_value_string_of (participant, "contact_id"));

  if (name == NULL)
    name = g_strdup (xarxa_value_string_of (participant, "name"));
  return name != NULL ? name : g_strdup (_("Unnamed participant"));
}

/* A wall-clock date-time of the mission ("2027-03-12T15:40") as
 * "12 March 2027, 15:40". */
static char *
wall_clock_text (const char *wall_clock)
{
  g_autofree char *day = NULL;

  if (wall_clock == NULL)
    return NULL;
  day = xarxa_render_date (wall_clock, FALSE);
  if (strlen (wall_clock) >= 16 && wall_clock[10] == 'T')
    /* Translators: a day and a time on paper, "12 March 2027, 15:40". */
    return g_strdup_printf (C_("printed date and time", "%s, %.5s"), day, wall_clock + 11);
  return g_steal_pointer (&day);
}

static void
add_cover (XarxaPaper *paper,
           XarxaStore *store,
           JsonObject *mission,
           GPtrArray  *participants)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *country = xarxa_render_field ("mission", mission, "country");
  const char *city = xarxa_value_string_of (mission, "city");
  g_autofree char *destination = NULL;
  g_autofree char *starts = xarxa_render_date (xarxa_value_string_of (mission, "start_date"), TRUE);
  g_autofree char *ends = xarxa_render_date (xarxa_value_string_of (mission, "end_date"), TRUE);
  g_autofree char *dates = NULL;
  const char *title = xarxa_value_string_of (mission, "title");

  if (city != NULL && country != NULL)
    /* Translators: a mission's destination, "Montréal, Canada". */
    destination = g_strdup_printf (C_("destination", "%s, %s"), city, country);
  else
    destination = g_strdup (city != NULL ? city : country);
  if (starts != NULL && ends != NULL)
    /* Translators: a mission's dates on paper, from the first day to the last. */
    dates = g_strdup_printf (_("%s to %s"), starts, ends);
  else
    dates = g_strdup (starts != NULL ? starts : ends);

  xarxa_paper_add_title (paper, title != NULL ? title : "", _("Study mission itinerary"));
  add_labelled (lines, _("Destination"), g_steal_pointer (&destination));
  add_labelled (lines, _("Dates"), g_steal_pointer (&dates));
  add_labelled (lines, _("Destination’s time zone"), g_strdup (xarxa_value_string_of (mission, "time_zone")));
  add_labelled (lines, _("Organiser"),
                xarxa_render_title_of (store, "entity", xarxa_value_string_of (mission, "organiser_entity_id")));
  add_labelled (lines, _("Status"), xarxa_render_field ("mission", mission, "status"));
  add_lines (paper, lines);
  if (xarxa_value_string_of (mission, "purpose") != NULL)
    {
      xarxa_paper_add_heading (paper, 2, _("Purpose"));
      xarxa_paper_add_paragraph (paper, xarxa_value_string_of (mission, "purpose"));
    }
  if (xarxa_value_string_of (mission, "learning_goals") != NULL)
    {
      xarxa_paper_add_heading (paper, 2, _("Learning goals"));
      xarxa_paper_add_paragraph (paper, xarxa_value_string_of (mission, "learning_goals"));
    }

  xarxa_paper_add_heading (paper, 1, _("Participants"));
  if (participants->len == 0)
    xarxa_paper_add_paragraph (paper, _("Nobody has joined the mission yet."));
  else
    {
      const char *header[] = { _("Name"), _("Role in the mission"), _("Arrival"), _("Departure"), _("Phone") };
      const double widths[] = { 0.24, 0.14, 0.2, 0.2, 0.22 };

      xarxa_paper_begin_table (paper, G_N_ELEMENTS (header), widths, header);
      for (guint i = 0; i < participants->len; i++)
        {
          /* Only these fields: a participant's needs are private. */
          JsonObject *participant = g_ptr_array_index (participants, i);
          g_autofree char *name = participant_name (store, participant);
          g_autofree char *role = xarxa_render_field ("participant", participant, "role");
          g_autofree char *arrival = wall_clock_text (xarxa_value_string_of (participant, "arrival"));
          g_autofree char *departure = wall_clock_text (xarxa_value_string_of (participant, "departure"));
          g_autofree char *phone = xarxa_render_field_of (store, "contact",
                                                         xarxa_value_string_of (participant, "contact_id"), "phone");
          g_autofree char *c0 = xarxa_render_escape (name);
          g_autofree char *c1 = xarxa_render_escape (role);
          g_autofree char *c2 = xarxa_render_escape (arrival);
          g_autofree char *c3 = xarxa_render_escape (departure);
          g_autofree char *c4 = xarxa_render_escape (phone);
          const char *cells[] = { c0, c1, c2, c3, c4 };

          xarxa_paper_add_row (paper, cells);
        }
    }
}

/* "10:00–11:30", or "10:00" without an end, or the end's day too when it
 * ends on another. */
static char *
stop_times (const XarxaMissionStop *stop)
{
  g_autofree char *start = g_date_time_format (stop->starts, "%H:%M");

  if (stop->ends == NULL)
    return g_steal_pointer (&start);
  if (g_date_time_get_day_of_year (stop->ends) != g_date_time_get_day_of_year (stop->starts) ||
      g_date_time_get_year (stop->ends) != g_date_time_get_year (stop->starts))
    {
      g_autofree char *iso = g_date_time_format (stop->ends, "%Y-%m-%d");
      g_autofree char *day = xarxa_render_date (iso, FALSE);
      g_autofree char *end = g_date_time_format (stop->ends, "%H:%M");

      /* Translators: a stop that ends another day: "22:00 – 15 March 2027, 08:00". */
      return g_strdup_printf (_("%s – %s, %s"), start, day, end);
    }
  {
    g_autofree char *end = g_date_time_format (stop->ends, "%H:%M");

    /* Translators: a stop's start and end times on paper, "10:00–11:30". */
    return g_strdup_printf (_("%s–%s"), start, end);
  }
}

static void
add_stop_row (XarxaPaper             *paper,
              XarxaStore             *store,
              const XarxaMissionStop *stop)
{
  JsonObject *record = stop->record;
  g_autofree char *times = stop->starts != NULL ? stop_times (stop) : NULL;
  g_autofree char *kind = xarxa_render_field ("itinerary_stop", record, "kind");
  const char *title = xarxa_value_string_of (record, "title");
  const char *host_id = xarxa_value_string_of (record, "host_entity_id");
  const char *contact_id = xarxa_value_string_of (record, "host_contact_id");
  g_autofree char *host = xarxa_render_title_of (store, "entity", host_id);
  g_autofree char *host_phone = xarxa_render_field_of (store, "entity", host_id, "phone");
  g_autofree char *contact = xarxa_render_title_of (store, "contact", contact_id);
  g_autofree char *contact_phone = xarxa_render_field_of (store, "contact", contact_id, "phone");
  g_autoptr(GPtrArray) who = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) where = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *what = NULL;
  g_autofree char *c0 = xarxa_render_escape (times);
  g_autofree char *c2 = NULL;
  g_autofree char *c3 = NULL;
  const char *cells[4];

  what = g_markup_printf_escaped ("<b>%s</b>\n%s", title != NULL ? title : "", kind != NULL ? kind : "");
  if (host != NULL)
    g_ptr_array_add (who, g_markup_printf_escaped ("<b>%s</b>", host));
  if (host_phone != NULL)
    add_labelled (who, _("Phone"), g_steal_pointer (&host_phone));
  if (contact != NULL)
    add_labelled (who, _("Contact"), g_steal_pointer (&contact));
  if (contact_phone != NULL)
    add_labelled (who, _("Phone"), g_steal_pointer (&contact_phone));
  if (xarxa_value_string_of (record, "place") != NULL)
    g_ptr_array_add (where, xarxa_render_escape (xarxa_value_string_of (record, "place")));
  if (xarxa_value_string_of (record, "address") != NULL)
    add_labelled (where, _("Address"), g_strdup (xarxa_value_string_of (record, "address")));
  if (xarxa_value_string_of (record, "notes") != NULL)
    add_labelled (where, _("Notes"), g_strdup (xarxa_value_string_of (record, "notes")));
  g_ptr_array_add (who, NULL);
  g_ptr_array_add (where, NULL);
  c2 = g_strjoinv ("\n", (char **) who->pdata);
  c3 = g_strjoinv ("\n", (char **) where->pdata);
  cells[0] = c0;
  cells[1] = what;
  cells[2] = c2;
  cells[3] = c3;
  xarxa_paper_add_row (paper, cells);
}

static void
begin_day_table (XarxaPaper *paper)
{
  const char *header[] = { _("Time"), _("Stop"), _("Host"), _("Place, address and notes") };
  const double widths[] = { 0.15, 0.26, 0.26, 0.33 };

  xarxa_paper_begin_table (paper, G_N_ELEMENTS (header), widths, header);
}

static void
add_days (XarxaPaper *paper,
          XarxaStore *store,
          GPtrArray  *stops)
{
  g_autofree char *current_day = NULL;
  gboolean unscheduled = FALSE;

  if (stops->len == 0)
    {
      xarxa_paper_add_heading (paper, 1, _("Itinerary"));
      xarxa_paper_add_paragraph (paper, _("The itinerary has no stops yet."));
      return;
    }
  for (guint i = 0; i < stops->len; i++)
    {
      const XarxaMissionStop *stop = g_ptr_array_index (stops, i);

      if (stop->starts != NULL)
        {
          g_autofree char *day = g_date_time_format (stop->starts, "%Y-%m-%d");

          if (g_strcmp0 (day, current_day) != 0)
            {
              g_autofree char *heading = xarxa_render_date_time_day (stop->starts);

              /* Day names start lower case in Catalan and Spanish; a heading starts with a capital. */
              if (heading != NULL && g_unichar_islower (g_utf8_get_char (heading)))
                {
                  g_autofree char *first = g_utf8_strup (heading, g_utf8_next_char (heading) - heading);
                  char *rest = g_strconcat (first, g_utf8_next_char (heading), NULL);

                  g_free (heading);
                  heading = rest;
                }
              xarxa_paper_add_heading (paper, 1, heading);
              begin_day_table (paper);
              g_free (current_day);
              current_day = g_steal_pointer (&day);
            }
        }
      else if (!unscheduled)
        {
          xarxa_paper_add_heading (paper, 1, _("Not yet scheduled"));
          begin_day_table (paper);
          unscheduled = TRUE;
        }
      add_stop_row (paper, store, stop);
    }
}

typedef struct
{
  char *name;
  char *who;
  char *phone;
} Emergency;

static void
emergency_free (gpointer data)
{
  Emergency *e = data;

  g_free (e->name);
  g_free (e->who);
  g_free (e->phone);
  g_free (e);
}

/* Adds the phone of a live entity or contact, once. */
static void
add_emergency (GPtrArray  *list,
               GHashTable *seen,
               XarxaStore *store,
               const char *type_name,
               const char *id,
               const char *who)
{
  Emergency *e;
  char *phone;

  if (id == NULL || g_hash_table_contains (seen, id))
    return;
  if ((phone = xarxa_render_field_of (store, type_name, id, "phone")) == NULL)
    return;
  g_hash_table_add (seen, g_strdup (id));
  e = g_new0 (Emergency, 1);
  e->name = xarxa_render_title_of (store, type_name, id);
  e->who = g_strdup (who);
  e->phone = phone;
  g_ptr_array_add (list, e);
}

static void
add_emergency_contacts (XarxaPaper *paper,
                        XarxaStore *store,
                        JsonObject *mission,
                        GPtrArray  *participants,
                        GPtrArray  *stops)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (emergency_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *header[] = { _("Name"), _("Who"), _("Phone") };
  const double widths[] = { 0.4, 0.35, 0.25 };

  add_emergency (list, seen, store, "entity", xarxa_value_string_of (mission, "organiser_entity_id"),
                 _("Organiser"));
  for (guint i = 0; i < participants->len; i++)
    {
      JsonObject *participant = g_ptr_array_index (participants, i);
      g_autofree char *role = xarxa_render_field ("participant", participant, "role");

      if (g_strcmp0 (xarxa_value_string_of (participant, "role"), "organiser") == 0 ||
          g_strcmp0 (xarxa_value_string_of (participant, "role"), "host") == 0)
        add_emergency (list, seen, store, "contact", xarxa_value_string_of (participant, "contact_id"), role);
    }
  for (guint i = 0; i < stops->len; i++)
    {
      const XarxaMissionStop *stop = g_ptr_array_index (stops, i);

      add_emergency (list, seen, store, "entity", xarxa_value_string_of (stop->record, "host_entity_id"),
                     _("Host organisation"));
      add_emergency (list, seen, store, "contact", xarxa_value_string_of (stop->record, "host_contact_id"),
                     _("Host contact person"));
    }

  xarxa_paper_add_heading (paper, 1, _("Emergency contacts"));
  if (list->len == 0)
    {
      xarxa_paper_add_paragraph (paper, _("Neither the organiser nor the hosts have a phone number in the directory. "
                                          "Add their phones before you travel."));
      return;
    }
  xarxa_paper_begin_table (paper, G_N_ELEMENTS (header), widths, header);
  for (guint i = 0; i < list->len; i++)
    {
      Emergency *e = g_ptr_array_index (list, i);
      g_autofree char *c0 = xarxa_render_escape (e->name);
      g_autofree char *c1 = xarxa_render_escape (e->who);
      g_autofree char *c2 = g_markup_printf_escaped ("<b>%s</b>", e->phone);
      const char *cells[] = { c0, c1, c2 };

      xarxa_paper_add_row (paper, cells);
    }
}

XarxaPaper *
xarxa_mission_paper_new (XarxaStore  *store,
                         const char  *mission_id,
                         GError     **error)
{
  g_autoptr(JsonObject) mission = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(XarxaPaper) paper = NULL;
  const char *title;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((mission = xarxa_store_get_live_record (store, "mission", mission_id)) == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("There is no mission %s. Check the id with “xarxa-cli list missions”."), mission_id);
      return NULL;
    }
  if ((participants = xarxa_mission_list_records (store, "participant", mission_id, error)) == NULL ||
      (stops = xarxa_mission_list_stops (store, mission_id, error)) == NULL)
    return NULL;

  title = xarxa_value_string_of (mission, "title");
  paper = xarxa_paper_new (NULL, title);
  add_cover (paper, store, mission, participants);
  xarxa_paper_add_page_break (paper);
  add_days (paper, store, stops);
  add_emergency_contacts (paper, store, mission, participants, stops);
  return g_steal_pointer (&paper);
}
