/* xarxa-zone.c — wall-clock times at a place, and the instants they name.
 *
 * A wall-clock time t (read as if it were UTC, seconds since 1970) names
 * the instant t - offset for an offset the zone has around t.  Clocks
 * change at most a few times a year, so the offsets in force a day before
 * and a day after t are the only candidates: each is kept when the zone
 * really has that offset at t - offset.  None kept: a clocks change
 * skipped the time; two: it repeats it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-zone"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-validate.h"
#include "xarxa-zone.h"

#define DAY_SECONDS 86400

XarxaRepeatedTime
xarxa_repeated_time_from_string (const char *text)
{
  if (g_strcmp0 (text, "earlier") == 0)
    return XARXA_REPEATED_EARLIER;
  if (g_strcmp0 (text, "later") == 0)
    return XARXA_REPEATED_LATER;
  return XARXA_REPEATED_REFUSE;
}

GTimeZone *
xarxa_zone_new (const char  *zone_id,
                GError     **error)
{
  g_return_val_if_fail (zone_id != NULL, NULL);

  if (!xarxa_validate_time_zone (zone_id))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a known time zone. Use a zone name such as Europe/Madrid, America/Montreal or Africa/Dakar."),
                   zone_id);
      return NULL;
    }
  return g_time_zone_new_identifier (zone_id);
}

/* The wall-clock text as seconds since 1970 read as UTC. */
static gboolean
parse_wall_clock (const char *text,
                  gint64     *seconds)
{
  g_autoptr(GDateTime) naive = NULL;
  int y, mo, d, h, mi, s = 0;

  if (text == NULL || !xarxa_validate_date_time (text))
    return FALSE;
  if (sscanf (text, "%4d-%2d-%2d%*1[Tt]%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 5)
    return FALSE;
  naive = g_date_time_new_utc (y, mo, d, h, mi, s);
  if (naive == NULL)
    return FALSE;
  *seconds = g_date_time_to_unix (naive);
  return TRUE;
}

static gint32
offset_at (GTimeZone *zone,
           gint64     utc)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);

  return g_time_zone_get_offset (zone, interval);
}

/* The instant, between @from and @to (UTC), where the offset changes. */
static gint64
find_change (GTimeZone *zone,
             gint64     from,
             gint64     to)
{
  gint32 first = offset_at (zone, from);

  while (to - from > 1)
    {
      gint64 mid = from + (to - from) / 2;

      if (offset_at (zone, mid) == first)
        from = mid;
      else
        to = mid;
    }
  return to;
}

static char *
format_clock (gint64 naive_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (naive_seconds);

  return g_date_time_format (dt, "%H:%M");
}

GDateTime *
xarxa_zone_wall_clock_to_instant (GTimeZone          *zone,
                                  const char         *wall_clock,
                                  XarxaRepeatedTime   repeated,
                                  GError            **error)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 t;
  gint32 before, after;
  gint64 found[2];
  guint n_found = 0;

  g_return_val_if_fail (zone != NULL, NULL);
  g_return_val_if_fail (wall_clock != NULL, NULL);

  if (!parse_wall_clock (wall_clock, &t))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a date and time. Write it like 2027-03-14T10:00."), wall_clock);
      return NULL;
    }
  before = offset_at (zone, t - DAY_SECONDS);
  after = offset_at (zone, t + DAY_SECONDS);
  if (offset_at (zone, t - before) == before)
    found[n_found++] = t - before;
  if (after != before && offset_at (zone, t - after) == after)
    found[n_found++] = t - after;

  if (n_found == 0)
    {
      gint64 change = find_change (zone, t - before - DAY_SECONDS, t - after + DAY_SECONDS);
      g_autofree char *from = format_clock (change + before);
      g_autofree char *to = format_clock (change + after);

      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("%s does not exist in %s: the clocks go forward from %s to %s that night. Choose a time before %s or from %s on."),
                   wall_clock, g_time_zone_get_identifier (zone), from, to, from, to);
      return NULL;
    }
  if (n_found == 2)
    {
      if (repeated == XARXA_REPEATED_REFUSE)
        {
          gint64 change = find_change (zone, MIN (found[0], found[1]) - 1, MAX (found[0], found[1]) + 1);
          g_autofree char *from = format_clock (change + before);
          g_autofree char *to = format_clock (change + after);

          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("%s happens twice in %s: the clocks go back from %s to %s that night. Say which is meant in “When a time is repeated”: the first time or the second."),
                       wall_clock, g_time_zone_get_identifier (zone), from, to);
          return NULL;
        }
      if (found[0] > found[1])
        {
          gint64 swap = found[0];
          found[0] = found[1];
          found[1] = swap;
        }
      t = repeated == XARXA_REPEATED_EARLIER ? found[0] : found[1];
    }
  else
    t = found[0];

  utc = g_date_time_new_from_unix_utc (t);
  return g_date_time_to_timezone (utc, zone);
}

char *
xarxa_zone_format_wall_clock (GDateTime *instant,
                              GTimeZone *zone)
{
  g_autoptr(GDateTime) there = NULL;

  g_return_val_if_fail (instant != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  there = g_date_time_to_timezone (instant, zone);
  if (g_date_time_get_second (there) != 0)
    return g_date_time_format (there, "%Y-%m-%dT%H:%M:%S");
  return g_date_time_format (there, "%Y-%m-%dT%H:%M");
}

char *
xarxa_zone_shift_days (const char *wall_clock,
                       int         days)
{
  g_autoptr(GDateTime) naive = NULL;
  g_autoptr(GDateTime) shifted = NULL;
  gint64 t;

  g_return_val_if_fail (wall_clock != NULL, NULL);

  if (!parse_wall_clock (wall_clock, &t))
    return NULL;
  /* In UTC a day is always 24 hours, so the clock reading is kept. */
  naive = g_date_time_new_from_unix_utc (t);
  shifted = g_date_time_add_days (naive, days);
  if (g_date_time_get_second (shifted) != 0)
    return g_date_time_format (shifted, "%Y-%m-%dT%H:%M:%S");
  return g_date_time_format (shifted, "%Y-%m-%dT%H:%M");
}

char *
xarxa_zone_describe_here (GDateTime  *instant,
                          const char *place_name,
                          GTimeZone  *here)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) here_time = NULL;
  g_autofree char *there_text = NULL;
  g_autofree char *here_text = NULL;
  g_autofree char *there_day = NULL;
  g_autofree char *here_day = NULL;

  g_return_val_if_fail (instant != NULL, NULL);
  g_return_val_if_fail (place_name != NULL, NULL);

  if (here == NULL)
    here = local = g_time_zone_new_local ();
  here_time = g_date_time_to_timezone (instant, here);
  there_text = g_date_time_format (instant, "%H:%M");
  here_text = g_date_time_format (here_time, "%H:%M");
  there_day = g_date_time_format (instant, "%Y-%m-%d");
  here_day = g_date_time_format (here_time, "%Y-%m-%d");
  if (strcmp (there_day, here_day) == 0 && strcmp (there_text, here_text) == 0)
    return NULL;
  if (strcmp (there_day, here_day) != 0)
    {
      g_autofree char *day = g_date_time_format (here_time, "%x");

      /* TRANSLATORS: "10:00 in Montréal, 02:00 here on 15/03/2027" */
      return g_strdup_printf (_("%s in %s, %s here on %s"), there_text, place_name, here_text, day);
    }
  /* TRANSLATORS: "10:00 in Montréal, 16:00 here" */
  return g_strdup_printf (_("%s in %s, %s here"), there_text, place_name, here_text);
}
