/* test-chart.c — what the chart of an indicator shows (xarxa-chart.h):
 * axes, ticks, series, baseline and target, from the indicator's JSON.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "xarxa-chart.h"

/* An indicator as xarxa_indicator_to_json() gives it, from JSON text. */
static JsonObject *
indicator_of (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static const char *
tick_label (GArray *ticks,
            guint   i)
{
  return g_array_index (ticks, XarxaChartTick, i).label;
}

static double
tick_position (GArray *ticks,
               guint   i)
{
  return g_array_index (ticks, XarxaChartTick, i).position;
}

static const XarxaChartPoint *
point (const XarxaChartSeries *series,
       guint                   i)
{
  return &g_array_index (series->points, XarxaChartPoint, i);
}

/* Ticks inside the axis, in order. */
static void
assert_ticks_ordered (GArray *ticks)
{
  g_assert_cmpuint (ticks->len, >=, 1);
  for (guint i = 0; i < ticks->len; i++)
    {
      g_assert_cmpfloat (tick_position (ticks, i), >=, -1e-9);
      g_assert_cmpfloat (tick_position (ticks, i), <=, 1 + 1e-9);
      if (i > 0)
        g_assert_cmpfloat (tick_position (ticks, i), >, tick_position (ticks, i - 1));
    }
}

static void
test_chart_measurements (void)
{
  g_autoptr(JsonObject) indicator = indicator_of (
    "{\"name\": \"Women on governing boards\", \"unit\": \"%\", \"baseline\": 20, \"target\": 50,"
    " \"direction\": \"up\", \"gender_breakdown\": false, \"summary\": \"Women on boards: 30 %\","
    " \"measurements\": ["
    "  {\"measured_on\": \"2025-01-15\", \"value\": 26},"
    "  {\"measured_on\": \"2025-07-15\", \"value\": 35, \"value_women\": 80},"
    "  {\"measured_on\": \"2026-01-15\", \"value\": 30.5}]}");
  g_autoptr(XarxaChart) chart = xarxa_chart_new (indicator);
  const XarxaChartSeries *total;
  const char *const y_labels[] = { "20", "30", "40", "50" };
  const char *const x_labels[] = { "Jan 2025", "Apr", "Jul", "Oct", "Jan 2026" };

  g_assert_false (xarxa_chart_is_empty (chart));
  g_assert_cmpstr (chart->title, ==, "Women on governing boards");
  g_assert_cmpstr (chart->summary, ==, "Women on boards: 30 %");

  /* The value axis: round ticks from the baseline to the target, which
   * cover every value. */
  g_assert_cmpfloat (chart->y_min, ==, 20);
  g_assert_cmpfloat (chart->y_max, ==, 50);
  g_assert_cmpuint (chart->y_ticks->len, ==, G_N_ELEMENTS (y_labels));
  for (guint i = 0; i < G_N_ELEMENTS (y_labels); i++)
    g_assert_cmpstr (tick_label (chart->y_ticks, i), ==, y_labels[i]);
  assert_ticks_ordered (chart->y_ticks);
  g_assert_true (chart->has_baseline && chart->has_target);
  g_assert_cmpfloat_with_epsilon (chart->baseline_y, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (chart->target_y, 1, 1e-9);
  g_assert_cmpstr (chart->baseline_label, ==, "Baseline 20 %");
  g_assert_cmpstr (chart->target_label, ==, "Target 50 %");
  g_assert_false (chart->goes_down);

  /* The time axis: a year, padded, a tick every quarter. */
  g_assert_cmpstr (chart->first_day, <, "2025-01-15");
  g_assert_cmpstr (chart->last_day, >, "2026-01-15");
  g_assert_cmpuint (chart->x_ticks->len, ==, G_N_ELEMENTS (x_labels));
  for (guint i = 0; i < G_N_ELEMENTS (x_labels); i++)
    g_assert_cmpstr (tick_label (chart->x_ticks, i), ==, x_labels[i]);
  assert_ticks_ordered (chart->x_ticks);

  /* Only the total: the indicator is not broken down by gender, so the
   * value for women is not drawn. */
  g_assert_cmpuint (chart->series->len, ==, 1);
  total = xarxa_chart_series (chart, XARXA_CHART_TOTAL);
  g_assert_nonnull (total);
  g_assert_null (xarxa_chart_series (chart, XARXA_CHART_WOMEN));
  g_assert_cmpstr (total->label, ==, "Total");
  g_assert_cmpuint (total->points->len, ==, 3);
  g_assert_cmpfloat (point (total, 0)->x, >, 0);
  g_assert_cmpfloat (point (total, 2)->x, <, 1);
  /* Half a year between the first two and the last two. */
  g_assert_cmpfloat_with_epsilon (point (total, 1)->x - point (total, 0)->x,
                                  point (total, 2)->x - point (total, 1)->x, 0.02);
  g_assert_cmpfloat_with_epsilon (point (total, 1)->y, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (point (total, 2)->value, 30.5, 1e-9);
  g_assert_cmpstr (point (total, 2)->day, ==, "2026-01-15");
  g_assert_cmpuint (chart->n_undated, ==, 0);
}

static void
test_chart_gender (void)
{
  g_autoptr(JsonObject) indicator = indicator_of (
    "{\"name\": \"People trained\", \"baseline\": 0, \"target\": 100, \"direction\": \"up\","
    " \"gender_breakdown\": true, \"measurements\": ["
    "  {\"measured_on\": \"2025-03-01\", \"value\": 40, \"value_women\": 25, \"value_men\": 15},"
    "  {\"measured_on\": \"2025-09-01\", \"value\": 130, \"value_women\": 70, \"value_men\": 58,"
    "   \"value_other\": null},"
    "  {\"measured_on\": \"2025-06-01\", \"value\": null, \"value_women\": 50, \"value_men\": null}]}");
  g_autoptr(XarxaChart) chart = xarxa_chart_new (indicator);
  const XarxaChartSeries *total, *women, *men;

  g_assert_cmpuint (chart->series->len, ==, 3);
  total = g_ptr_array_index (chart->series, 0);
  women = g_ptr_array_index (chart->series, 1);
  men = g_ptr_array_index (chart->series, 2);
  g_assert_cmpint (total->kind, ==, XARXA_CHART_TOTAL);
  g_assert_cmpint (women->kind, ==, XARXA_CHART_WOMEN);
  g_assert_cmpint (men->kind, ==, XARXA_CHART_MEN);
  g_assert_cmpstr (women->label, ==, "Women");
  g_assert_cmpstr (men->label, ==, "Men");
  /* Nobody reported a value for other genders: no line for them. */
  g_assert_null (xarxa_chart_series (chart, XARXA_CHART_OTHER));

  /* Each line has the points it has values for. */
  g_assert_cmpuint (total->points->len, ==, 2);
  g_assert_cmpuint (women->points->len, ==, 3);
  g_assert_cmpuint (men->points->len, ==, 2);
  g_assert_cmpstr (point (women, 1)->day, ==, "2025-06-01");
  /* The same day is at the same x on every line. */
  g_assert_cmpfloat (point (total, 1)->x, ==, point (women, 2)->x);
  g_assert_cmpfloat (point (men, 0)->x, ==, point (women, 0)->x);

  /* The value axis covers the total past the target. */
  g_assert_cmpfloat (chart->y_min, ==, 0);
  g_assert_cmpfloat (chart->y_max, >=, 130);
  g_assert_cmpfloat (point (total, 1)->y, <=, 1);
  g_assert_cmpfloat (chart->target_y, <, 1);
  g_assert_cmpfloat_with_epsilon (point (women, 0)->y, 25 / chart->y_max, 1e-9);
  assert_ticks_ordered (chart->y_ticks);
}

static void
test_chart_one (void)
{
  g_autoptr(JsonObject) indicator = indicator_of (
    "{\"name\": \"Water use\", \"unit\": \"litres\", \"measurements\": ["
    "  {\"measured_on\": \"2026-02-01\", \"value\": 145}]}");
  g_autoptr(XarxaChart) chart = xarxa_chart_new (indicator);
  const XarxaChartSeries *total = xarxa_chart_series (chart, XARXA_CHART_TOTAL);

  /* A month around the day, the point in the middle. */
  g_assert_cmpstr (chart->first_day, ==, "2026-01-17");
  g_assert_cmpstr (chart->last_day, ==, "2026-02-16");
  g_assert_cmpuint (total->points->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (point (total, 0)->x, 0.5, 1e-9);
  assert_ticks_ordered (chart->x_ticks);
  /* Days, with their month. */
  g_assert_true (g_str_has_suffix (tick_label (chart->x_ticks, 0), " Jan") ||
                 g_str_has_suffix (tick_label (chart->x_ticks, 0), " Feb"));

  /* Without baseline nor target, the axis still has room around the value. */
  g_assert_false (chart->has_baseline);
  g_assert_false (chart->has_target);
  g_assert_null (chart->baseline_label);
  g_assert_cmpfloat (chart->y_min, <, 145);
  g_assert_cmpfloat (chart->y_max, >, 145);
  g_assert_cmpfloat (point (total, 0)->y, >, 0);
  g_assert_cmpfloat (point (total, 0)->y, <, 1);
  assert_ticks_ordered (chart->y_ticks);
}

static void
test_chart_none (void)
{
  g_autoptr(JsonObject) indicator = indicator_of (
    "{\"name\": \"Shared vans\", \"baseline\": 0, \"target\": 4, \"measurements\": ["
    "  {\"measured_on\": \"2026-02-01\", \"value\": null, \"notes\": \"not counted yet\"},"
    "  {\"measured_on\": null, \"value\": 2}]}");
  g_autoptr(XarxaChart) chart = xarxa_chart_new (indicator);
  g_autoptr(JsonObject) bare = indicator_of ("{}");
  g_autoptr(XarxaChart) empty = xarxa_chart_new (bare);

  g_assert_true (xarxa_chart_is_empty (chart));
  g_assert_null (chart->first_day);
  g_assert_cmpuint (chart->x_ticks->len, ==, 0);
  /* The measurement without a day is counted, not placed. */
  g_assert_cmpuint (chart->n_undated, ==, 1);
  /* Baseline and target can still be drawn. */
  g_assert_cmpfloat_with_epsilon (chart->baseline_y, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (chart->target_y, 1, 1e-9);
  g_assert_cmpstr (tick_label (chart->y_ticks, chart->y_ticks->len - 1), ==, "4");

  g_assert_true (xarxa_chart_is_empty (empty));

  /* The first day there is: the axis does not run before it. */
  {
    g_autoptr(JsonObject) ancient = indicator_of ("{\"measurements\": [{\"measured_on\": \"0001-01-02\", \"value\": 1}]}");
    g_autoptr(XarxaChart) old = xarxa_chart_new (ancient);
    const XarxaChartSeries *total = xarxa_chart_series (old, XARXA_CHART_TOTAL);

    g_assert_cmpstr (old->first_day, ==, "0001-01-01");
    g_assert_cmpfloat (point (total, 0)->x, >, 0);
    g_assert_cmpfloat (point (total, 0)->x, <, 1);
    assert_ticks_ordered (old->x_ticks);
  }
  g_assert_null (empty->title);
  g_assert_cmpfloat (empty->y_min, <, empty->y_max);
}

static void
test_chart_down (void)
{
  g_autoptr(JsonObject) indicator = indicator_of (
    "{\"name\": \"Water use\", \"unit\": \"litres\", \"baseline\": 150, \"target\": 120,"
    " \"direction\": \"down\", \"measurements\": ["
    "  {\"measured_on\": \"2025-02-01\", \"value\": 148.25},"
    "  {\"measured_on\": \"2026-02-01\", \"value\": 1250}]}");
  g_autoptr(XarxaChart) chart = xarxa_chart_new (indicator);
  const XarxaChartSeries *total = xarxa_chart_series (chart, XARXA_CHART_TOTAL);

  g_assert_true (chart->goes_down);
  g_assert_cmpfloat (chart->target_y, <, chart->baseline_y);
  g_assert_cmpfloat (chart->y_min, <=, 120);
  g_assert_cmpfloat (chart->y_max, >=, 1250);
  g_assert_cmpstr (chart->target_label, ==, "Target 120 litres");
  g_assert_cmpfloat (point (total, 1)->y, >, point (total, 0)->y);
  /* Two years of monthly ticks would be too many: they thin out. */
  g_assert_cmpuint (chart->x_ticks->len, <=, 5);
  assert_ticks_ordered (chart->x_ticks);
  assert_ticks_ordered (chart->y_ticks);
}

static void
test_chart_unordered (void)
{
  g_autoptr(JsonObject) indicator = indicator_of (
    "{\"name\": \"Members\", \"baseline\": 0, \"target\": 10, \"measurements\": ["
    "  {\"measured_on\": \"2026-03-01\", \"value\": 9},"
    "  {\"measured_on\": \"2024-03-01\", \"value\": 1},"
    "  {\"measured_on\": \"2025-03-01\", \"value\": 5}]}");
  g_autoptr(XarxaChart) chart = xarxa_chart_new (indicator);
  const XarxaChartSeries *total = xarxa_chart_series (chart, XARXA_CHART_TOTAL);
  const double values[] = { 1, 5, 9 };

  g_assert_cmpuint (total->points->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat (point (total, i)->value, ==, values[i]);
      if (i > 0)
        g_assert_cmpfloat (point (total, i)->x, >, point (total, i - 1)->x);
    }
  g_assert_cmpstr (chart->first_day, <, "2024-03-01");
  /* Two years: a tick every half year, the year on each January. */
  g_assert_cmpuint (chart->x_ticks->len, ==, 4);
  g_assert_cmpstr (tick_label (chart->x_ticks, 0), ==, "Jul 2024");
  g_assert_cmpstr (tick_label (chart->x_ticks, 1), ==, "Jan 2025");
  g_assert_cmpstr (tick_label (chart->x_ticks, 2), ==, "Jul");
  g_assert_cmpstr (tick_label (chart->x_ticks, 3), ==, "Jan 2026");
}

/* Labels as the user's locale writes them, where the machine has it. */
static void
test_chart_locale (void)
{
  g_autoptr(JsonObject) indicator = indicator_of (
    "{\"name\": \"Litres\", \"baseline\": 1000, \"target\": 2500.5, \"measurements\": ["
    "  {\"measured_on\": \"2025-01-15\", \"value\": 1200},"
    "  {\"measured_on\": \"2025-06-15\", \"value\": 1800}]}");
  g_autoptr(XarxaChart) chart = NULL;
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "ca_ES.UTF-8") == NULL)
    {
      g_test_skip ("no Catalan locale on this machine");
      return;
    }
  chart = xarxa_chart_new (indicator);
  setlocale (LC_ALL, old);
  /* Grouped thousands and a decimal comma; a month standing alone. */
  g_assert_cmpstr (tick_label (chart->y_ticks, 0), ==, "1.000");
  g_assert_cmpstr (chart->target_label, ==, "Target 2.500,5");
  g_assert_cmpstr (tick_label (chart->x_ticks, 0), ==, "març 2025");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart/measurements", test_chart_measurements);
  g_test_add_func ("/chart/gender", test_chart_gender);
  g_test_add_func ("/chart/one", test_chart_one);
  g_test_add_func ("/chart/none", test_chart_none);
  g_test_add_func ("/chart/down", test_chart_down);
  g_test_add_func ("/chart/unordered", test_chart_unordered);
  g_test_add_func ("/chart/locale", test_chart_locale);
  return g_test_run ();
}
