/* xarxa-due-date.c — a due date as a person reads it, in the current
 * language whatever the locale's month names: each day-and-month form is
 * its own message, since Catalan writes "3 de març" but "3 d’abril".
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-due-date"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xarxa-cluster.h"
#include "xarxa-due-date.h"
#include "xarxa-values.h"

static const char *
day_and_month_format (GDateMonth month)
{
  switch (month)
    {
    /* TRANSLATORS: a day of the month and the month's name, as in "3 January" */
    case G_DATE_JANUARY: return C_("day and month", "%u January");
    case G_DATE_FEBRUARY: return C_("day and month", "%u February");
    case G_DATE_MARCH: return C_("day and month", "%u March");
    case G_DATE_APRIL: return C_("day and month", "%u April");
    case G_DATE_MAY: return C_("day and month", "%u May");
    case G_DATE_JUNE: return C_("day and month", "%u June");
    case G_DATE_JULY: return C_("day and month", "%u July");
    case G_DATE_AUGUST: return C_("day and month", "%u August");
    case G_DATE_SEPTEMBER: return C_("day and month", "%u September");
    case G_DATE_OCTOBER: return C_("day and month", "%u October");
    case G_DATE_NOVEMBER: return C_("day and month", "%u November");
    case G_DATE_DECEMBER: return C_("day and month", "%u December");
    case G_DATE_BAD_MONTH:
    default:
      g_assert_not_reached ();
    }
}

static GDate *
date_from_iso (const char *iso)
{
  unsigned year, month, day;
  char end;

  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return NULL;
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static GDate *
local_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                         (GDateMonth) g_date_time_get_month (now),
                         (GDateYear) g_date_time_get_year (now));
}

char *
xarxa_due_date_text (const char *iso,
                     GDate      *today)
{
  g_autoptr(GDate) date = date_from_iso (iso);
  g_autoptr(GDate) now = NULL;
  g_autofree char *day_month = NULL;

  if (date == NULL)
    return NULL;
  if (today == NULL)
    today = now = local_today ();

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  day_month = g_strdup_printf (day_and_month_format (g_date_get_month (date)), (guint) g_date_get_day (date));
#pragma GCC diagnostic pop
  if (g_date_get_year (date) == g_date_get_year (today))
    return g_steal_pointer (&day_month);
  /* TRANSLATORS: a day and month ("3 March"), then a year */
  return g_strdup_printf (C_("day, month and year", "%s %u"), day_month, (guint) g_date_get_year (date));
}

char *
xarxa_action_due_text (JsonObject *action,
                       GDate      *today)
{
  g_autofree char *due = NULL;
  const char *status;

  g_return_val_if_fail (action != NULL, NULL);

  status = xarxa_value_string_of (action, "status");
  if (g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "dropped") == 0)
    return NULL;
  due = xarxa_due_date_text (xarxa_value_string_of (action, "due_date"), today);
  if (due == NULL)
    return NULL;
  if (xarxa_action_is_overdue (action, today))
    /* TRANSLATORS: a date, as in "Overdue since 3 March" */
    return g_strdup_printf (_("Overdue since %s"), due);
  /* TRANSLATORS: a date, as in "Due 3 March" */
  return g_strdup_printf (_("Due %s"), due);
}
