/* xarxa-chart.h — what the chart of an indicator shows, computed once
 * and drawn by two renderers (the widget with GtkSnapshot, paper with
 * cairo): the time axis, the value axis with "nice" ticks, one series per
 * line (the total, and women, men and other genders when the indicator
 * is broken down by gender), the baseline and target lines and every
 * label in the current locale.  Positions are unit coordinates: x from 0
 * (left) to 1 (right), y from 0 (bottom) to 1 (top).  No GTK, no cairo.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  XARXA_CHART_TOTAL,
  XARXA_CHART_WOMEN,
  XARXA_CHART_MEN,
  XARXA_CHART_OTHER,
} XarxaChartSeriesKind;

#define XARXA_CHART_N_SERIES_KINDS 4

typedef struct
{
  double x;
  double y;
  double value;
  /* The day measured, ISO 8601. */
  char  *day;
} XarxaChartPoint;

typedef struct
{
  XarxaChartSeriesKind kind;
  /* "Total", "Women"… in the current language. */
  char                *label;
  /* XarxaChartPoint, oldest first. */
  GArray              *points;
} XarxaChartSeries;

typedef struct
{
  double position;
  char  *label;
} XarxaChartTick;

typedef struct
{
  /* The indicator's name and unit (either may be NULL) and what a screen
   * reader says of it (xarxa_indicator_summary). */
  char      *title;
  char      *unit;
  char      *summary;

  /* The time axis: the first and last day drawn (ISO 8601; NULL without
   * a dated measurement) and its ticks (XarxaChartTick, left to right,
   * labelled "Jan 2025", "Apr"…). */
  char      *first_day;
  char      *last_day;
  GArray    *x_ticks;

  /* The value axis: its range and ticks (bottom to top), every tick a
   * round number, covering the baseline, the target and every value. */
  double     y_min;
  double     y_max;
  GArray    *y_ticks;

  gboolean   has_baseline;
  double     baseline_y;
  char      *baseline_label;
  gboolean   has_target;
  double     target_y;
  char      *target_label;
  /* The target is below the baseline: the indicator should go down. */
  gboolean   goes_down;

  /* XarxaChartSeries: the total first, then women, men and other genders
   * where the indicator is broken down and has such values.  A series
   * with no point is left out. */
  GPtrArray *series;
  /* Measurements with a value but no day, which no line can place. */
  guint      n_undated;
} XarxaChart;

GType       xarxa_chart_get_type (void) G_GNUC_CONST;
#define XARXA_TYPE_CHART (xarxa_chart_get_type ())

/* The chart of @indicator as xarxa_indicator_to_json() makes it (with
 * "measurements" and "summary").  Never NULL: without a dated
 * measurement the chart has no series and no time axis. */
XarxaChart *xarxa_chart_new      (JsonObject       *indicator);
/* A chart is never changed once made: it is shared by reference. */
XarxaChart *xarxa_chart_ref      (XarxaChart       *chart);
void        xarxa_chart_unref    (XarxaChart       *chart);
/* Whether there is any line to draw. */
gboolean    xarxa_chart_is_empty (const XarxaChart *chart);
/* The series of @kind, or NULL when the chart has none. */
const XarxaChartSeries *
            xarxa_chart_series   (const XarxaChart *chart,
                                  XarxaChartSeriesKind kind);

/* "34 %", "1,250 litres": @value as the current locale writes it, with
 * at most two decimals, then @unit (may be NULL), as the summary and the
 * chart's labels write amounts. */
char       *xarxa_chart_format_amount (double      value,
                                       const char *unit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaChart, xarxa_chart_unref)

G_END_DECLS
