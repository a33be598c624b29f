/* xarxa-chart.c — what the chart of an indicator shows (see
 * xarxa-chart.h).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xarxa-chart.h"

/* At most this many ticks on either axis: the chart is small. */
#define MAX_TICKS 5

G_DEFINE_BOXED_TYPE (XarxaChart, xarxa_chart, xarxa_chart_ref, xarxa_chart_unref)

static const char *const series_fields[XARXA_CHART_N_SERIES_KINDS] = {
  "value", "value_women", "value_men", "value_other",
};

static const char *
series_label (XarxaChartSeriesKind kind)
{
  switch (kind)
    {
    case XARXA_CHART_TOTAL:
      /* TRANSLATORS: the line of an indicator's chart for all people */
      return C_("chart series", "Total");
    case XARXA_CHART_WOMEN:
      return C_("chart series", "Women");
    case XARXA_CHART_MEN:
      return C_("chart series", "Men");
    case XARXA_CHART_OTHER:
      return C_("chart series", "Other genders");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
number_of (JsonObject *record,
           const char *name,
           double     *out)
{
  JsonNode *node = json_object_get_member (record, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else
    return FALSE;
  return isfinite (*out);
}

static const char *
text_of (JsonObject *record,
         const char *name)
{
  JsonNode *node = json_object_get_member (record, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* An ISO 8601 day as a Julian day number, read by hand (g_date_set_parse
 * follows the locale's order); 0 when it is not one. */
static guint32
julian_of (const char *text)
{
  guint y, m, d;
  GDate date;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

static char *
iso_of_julian (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

/* The day in the locale's words, with a strftime-like @format. */
static char *
format_julian (guint32     julian,
               const char *format)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  return g_date_time_format (time, format);
}

/* The number as the locale writes it, with @decimals decimals. */
static char *
format_number (double value,
               int    decimals)
{
  /* No "-0" on the axis. */
  if (fabs (value) < 0.5 * pow (10, -decimals))
    value = 0;
  return g_strdup_printf ("%'.*f", decimals, value);
}

char *
xarxa_chart_format_amount (double      value,
                           const char *unit)
{
  g_autofree char *number = NULL;
  int decimals = 2;

  if (fabs (value - round (value)) < 0.005)
    decimals = 0;
  else if (fabs (value * 10 - round (value * 10)) < 0.05)
    decimals = 1;
  number = format_number (value, decimals);
  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  /* TRANSLATORS: a number, then its unit: "34 %", "120 litres" */
  return g_strdup_printf (C_("amount", "%s %s"), number, unit);
}

/* The round number near @x (1, 2, 5 times a power of ten): the nearest
 * when @round_it, else the first not below it (Heckbert, "Nice numbers
 * for graph labels", Graphics Gems, 1990). */
static double
nice_number (double   x,
             gboolean round_it)
{
  double exponent = floor (log10 (x));
  double fraction = x / pow (10, exponent);
  double nice;

  if (round_it)
    nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else
    nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * pow (10, exponent);
}

static void
clear_tick (gpointer data)
{
  XarxaChartTick *tick = data;

  g_free (tick->label);
}

static void
clear_point (gpointer data)
{
  XarxaChartPoint *point = data;

  g_free (point->day);
}

static void
add_tick (GArray *ticks,
          double  position,
          char   *label)
{
  XarxaChartTick tick = { position, label };

  g_array_append_val (ticks, tick);
}

static void
series_free (gpointer data)
{
  XarxaChartSeries *series = data;

  g_array_unref (series->points);
  g_free (series->label);
  g_free (series);
}

/* ---- the value axis ------------------------------------------------------ */

static void
value_axis (XarxaChart *chart,
            double      low,
            double      high)
{
  double step;
  int decimals;
  guint n;

  if (high - low < 1e-9 * MAX (1, fabs (high)))
    {
      double pad = low == 0 ? 1 : fabs (low) * 0.1;

      low = low == 0 ? 0 : low - pad;
      high = high + pad;
    }
  step = nice_number (nice_number (high - low, FALSE) / (MAX_TICKS - 1), TRUE);
  chart->y_min = floor (low / step + 1e-9) * step;
  chart->y_max = ceil (high / step - 1e-9) * step;
  n = (guint) round ((chart->y_max - chart->y_min) / step);
  decimals = (int) MAX (0, -floor (log10 (step) + 1e-9));
  for (guint i = 0; i <= n; i++)
    {
      double value = chart->y_min + i * step;

      add_tick (chart->y_ticks, (value - chart->y_min) / (chart->y_max - chart->y_min),
                format_number (value, decimals));
    }
}

static double
y_of (const XarxaChart *chart,
      double            value)
{
  return (value - chart->y_min) / (chart->y_max - chart->y_min);
}

/* ---- the time axis ------------------------------------------------------- */

static double
x_of (guint32 start,
      guint32 end,
      guint32 julian)
{
  return (double) (julian - start) / (double) (end - start);
}

/* Ticks on the first day of every @step months, labelled with the month
 * and, on the first tick and each January, the year. */
static void
month_ticks (XarxaChart *chart,
             guint32     start,
             guint32     end)
{
  static const guint steps[] = { 1, 2, 3, 6, 12, 24, 60, 120, 600 };
  double months = (end - start) / 30.44;
  guint step = steps[G_N_ELEMENTS (steps) - 1];
  GDate date;
  guint index;
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (months / steps[i] <= MAX_TICKS)
      {
        step = steps[i];
        break;
      }
  g_date_clear (&date, 1);
  g_date_set_julian (&date, start);
  /* Months since year 0, rounded up to the step. */
  index = g_date_get_year (&date) * 12 + (g_date_get_month (&date) - 1);
  if (g_date_get_day (&date) > 1)
    index++;
  index = (index + step - 1) / step * step;
  for (;; index += step)
    {
      guint32 julian;
      const char *format;

      g_date_set_dmy (&date, 1, (GDateMonth) (index % 12 + 1), (GDateYear) (index / 12));
      julian = g_date_get_julian (&date);
      if (julian > end)
        break;
      /* "%Ob" is the month's name standing alone ("gen.", not "de gen."). */
      if (step >= 12)
        format = "%Y";
      else if (first || index % 12 == 0)
        format = "%Ob %Y";
      else
        format = "%Ob";
      add_tick (chart->x_ticks, x_of (start, end, julian), format_julian (julian, format));
      first = FALSE;
    }
}

static void
day_ticks (XarxaChart *chart,
           guint32     start,
           guint32     end)
{
  static const guint steps[] = { 1, 2, 7, 14 };
  guint step = 14;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if ((double) (end - start) / steps[i] <= MAX_TICKS)
      {
        step = steps[i];
        break;
      }
  for (guint32 julian = (start + step - 1) / step * step; julian <= end; julian += step)
    add_tick (chart->x_ticks, x_of (start, end, julian), format_julian (julian, "%-d %b"));
}

/* ---- the chart ----------------------------------------------------------- */

typedef struct
{
  guint32     julian;
  guint       order;
  JsonObject *measurement;
} Dated;

static int
compare_dated (gconstpointer a,
               gconstpointer b)
{
  const Dated *x = a;
  const Dated *y = b;

  if (x->julian != y->julian)
    return x->julian < y->julian ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void
chart_free (gpointer data)
{
  XarxaChart *chart = data;

  g_free (chart->title);
  g_free (chart->unit);
  g_free (chart->summary);
  g_free (chart->first_day);
  g_free (chart->last_day);
  g_array_unref (chart->x_ticks);
  g_array_unref (chart->y_ticks);
  g_free (chart->baseline_label);
  g_free (chart->target_label);
  g_ptr_array_unref (chart->series);
}

XarxaChart *
xarxa_chart_new (JsonObject *indicator)
{
  g_autoptr(GArray) dated = g_array_new (FALSE, FALSE, sizeof (Dated));
  XarxaChart *chart;
  JsonNode *node;
  JsonArray *measurements = NULL;
  gboolean by_gender;
  gboolean has_value = FALSE;
  double low = 0, high = 0, baseline = 0, target = 0;
  guint32 start = 0, end = 0;

  g_return_val_if_fail (indicator != NULL, NULL);

  chart = g_atomic_rc_box_new0 (XarxaChart);
  chart->title = g_strdup (text_of (indicator, "name"));
  chart->unit = g_strdup (text_of (indicator, "unit"));
  chart->summary = g_strdup (text_of (indicator, "summary"));
  chart->x_ticks = g_array_new (FALSE, FALSE, sizeof (XarxaChartTick));
  g_array_set_clear_func (chart->x_ticks, clear_tick);
  chart->y_ticks = g_array_new (FALSE, FALSE, sizeof (XarxaChartTick));
  g_array_set_clear_func (chart->y_ticks, clear_tick);
  chart->series = g_ptr_array_new_with_free_func (series_free);

  node = json_object_get_member (indicator, "gender_breakdown");
  by_gender = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
              json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
  node = json_object_get_member (indicator, "measurements");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    measurements = json_node_get_array (node);

  /* What the value axis must cover. */
#define COVER(v) G_STMT_START { \
    if (!has_value) { low = high = (v); has_value = TRUE; } \
    else { low = MIN (low, (v)); high = MAX (high, (v)); } \
  } G_STMT_END
  chart->has_baseline = number_of (indicator, "baseline", &baseline);
  chart->has_target = number_of (indicator, "target", &target);
  if (chart->has_baseline)
    COVER (baseline);
  if (chart->has_target)
    COVER (target);
  chart->goes_down = chart->has_baseline && chart->has_target && target < baseline;

  for (guint i = 0; measurements != NULL && i < json_array_get_length (measurements); i++)
    {
      JsonObject *m = json_array_get_object_element (measurements, i);
      gboolean drawn = FALSE;
      Dated d;

      if (m == NULL)
        continue;
      d.julian = julian_of (text_of (m, "measured_on"));
      for (guint k = 0; k < XARXA_CHART_N_SERIES_KINDS; k++)
        {
          double v;

          if ((k == XARXA_CHART_TOTAL || by_gender) && number_of (m, series_fields[k], &v))
            {
              drawn = TRUE;
              if (d.julian != 0)
                COVER (v);
            }
        }
      if (!drawn)
        continue;
      if (d.julian == 0)
        {
          chart->n_undated++;
          continue;
        }
      d.order = i;
      d.measurement = m;
      g_array_append_val (dated, d);
    }
#undef COVER
  g_array_sort (dated, compare_dated);

  value_axis (chart, low, high);
  if (chart->has_baseline)
    {
      g_autofree char *amount = xarxa_chart_format_amount (baseline, chart->unit);

      chart->baseline_y = y_of (chart, baseline);
      /* TRANSLATORS: the label of the baseline's line on a chart: "Baseline 20 %" */
      chart->baseline_label = g_strdup_printf (C_("chart", "Baseline %s"), amount);
    }
  if (chart->has_target)
    {
      g_autofree char *amount = xarxa_chart_format_amount (target, chart->unit);

      chart->target_y = y_of (chart, target);
      /* TRANSLATORS: the label of the target's line on a chart: "Target 50 %" */
      chart->target_label = g_strdup_printf (C_("chart", "Target %s"), amount);
    }
  if (dated->len == 0)
    return chart;

  /* The time axis: from the first measurement to the last, with a little
   * room on each side so no point sits on the frame; a month around a
   * single measurement. */
  start = g_array_index (dated, Dated, 0).julian;
  end = g_array_index (dated, Dated, dated->len - 1).julian;
  {
    guint32 pad = start == end ? 15 : MAX (1, (guint32) round ((end - start) * 0.04));

    /* Julian day 1 is the first GDate knows. */
    start = start > pad ? start - pad : 1;
    end += pad;
  }
  chart->first_day = iso_of_julian (start);
  chart->last_day = iso_of_julian (end);
  if (end - start > 60)
    month_ticks (chart, start, end);
  else
    day_ticks (chart, start, end);

  for (guint k = 0; k < XARXA_CHART_N_SERIES_KINDS; k++)
    {
      XarxaChartSeries *series;

      if (k != XARXA_CHART_TOTAL && !by_gender)
        break;
      series = g_new0 (XarxaChartSeries, 1);
      series->kind = k;
      series->label = g_strdup (series_label (k));
      series->points = g_array_new (FALSE, FALSE, sizeof (XarxaChartPoint));
      g_array_set_clear_func (series->points, clear_point);
      for (guint i = 0; i < dated->len; i++)
        {
          const Dated *d = &g_array_index (dated, Dated, i);
          XarxaChartPoint point;

          if (!number_of (d->measurement, series_fields[k], &point.value))
            continue;
          point.x = x_of (start, end, d->julian);
          point.y = y_of (chart, point.value);
          point.day = iso_of_julian (d->julian);
          g_array_append_val (series->points, point);
        }
      if (series->points->len > 0)
        g_ptr_array_add (chart->series, series);
      else
        series_free (series);
    }
  return chart;
}

XarxaChart *
xarxa_chart_ref (XarxaChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);

  return g_atomic_rc_box_acquire (chart);
}

void
xarxa_chart_unref (XarxaChart *chart)
{
  g_return_if_fail (chart != NULL);

  g_atomic_rc_box_release_full (chart, chart_free);
}

gboolean
xarxa_chart_is_empty (const XarxaChart *chart)
{
  g_return_val_if_fail (chart != NULL, TRUE);

  return chart->series->len == 0;
}

const XarxaChartSeries *
xarxa_chart_series (const XarxaChart     *chart,
                    XarxaChartSeriesKind  kind)
{
  g_return_val_if_fail (chart != NULL, NULL);

  for (guint i = 0; i < chart->series->len; i++)
    {
      const XarxaChartSeries *series = g_ptr_array_index (chart->series, i);

      if (series->kind == kind)
        return series;
    }
  return NULL;
}
