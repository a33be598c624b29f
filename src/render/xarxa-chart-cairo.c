/* xarxa-chart-cairo.c — an indicator's chart for paper (see
 * xarxa-chart-cairo.h).  The layout follows the on-screen chart
 * (xarxa-indicator-chart.c): a legend on top when there are several
 * lines, values at the left, days underneath, baseline and target as
 * dashed rules with their labels at the right.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-chart-cairo"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "xarxa-chart-cairo.h"

#define GAP 4.0
#define LINE_WIDTH 1.2
#define MARKER 4.0
#define LEGEND_SAMPLE 16.0

typedef enum
{
  MARK_CIRCLE,
  MARK_SQUARE,
  MARK_DIAMOND,
  MARK_RING,
} Mark;

/* Each line's grey, dashes (none when on is 0) and marker: on paper
 * printed in black and white, only these tell the lines apart. */
static const struct
{
  double grey;
  double on;
  double off;
  Mark   mark;
} looks[XARXA_CHART_N_SERIES_KINDS] = {
  [XARXA_CHART_TOTAL] = { 0.0, 0, 0, MARK_CIRCLE },
  [XARXA_CHART_WOMEN] = { 0.25, 4, 2, MARK_SQUARE },
  [XARXA_CHART_MEN] = { 0.4, 1.2, 1.8, MARK_DIAMOND },
  [XARXA_CHART_OTHER] = { 0.5, 7, 2, MARK_RING },
};

static PangoLayout *
layout_of (cairo_t    *cr,
           const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 7");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       grey,
           double       x,
           double       y)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
set_dash (cairo_t *cr,
          double   on,
          double   off)
{
  double dashes[] = { on, off };

  cairo_set_dash (cr, dashes, on > 0 ? 2 : 0, 0);
}

static void
draw_mark (cairo_t *cr,
           Mark     mark,
           double   grey,
           double   x,
           double   y)
{
  cairo_save (cr);
  cairo_new_path (cr);
  set_dash (cr, 0, 0);
  cairo_set_source_rgb (cr, grey, grey, grey);
  switch (mark)
    {
    case MARK_CIRCLE:
      cairo_arc (cr, x, y, MARKER / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case MARK_SQUARE:
      cairo_rectangle (cr, x - MARKER / 2, y - MARKER / 2, MARKER, MARKER);
      cairo_fill (cr);
      break;
    case MARK_DIAMOND:
      cairo_move_to (cr, x, y - MARKER * 0.6);
      cairo_line_to (cr, x + MARKER * 0.6, y);
      cairo_line_to (cr, x, y + MARKER * 0.6);
      cairo_line_to (cr, x - MARKER * 0.6, y);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case MARK_RING:
      cairo_arc (cr, x, y, MARKER / 2, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, grey, grey, grey);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      break;
    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
}

/* The legend across the top, flowing onto more rows when narrow; returns
 * its height.  Measures only when @draw is FALSE. */
static double
legend (cairo_t          *cr,
        const XarxaChart *chart,
        double            width,
        gboolean          draw)
{
  double x = 0, y = 0, row_height = 0;

  for (guint i = 0; i < chart->series->len; i++)
    {
      const XarxaChartSeries *series = g_ptr_array_index (chart->series, i);
      g_autoptr(PangoLayout) layout = layout_of (cr, series->label);
      double w, h, item;

      text_size (layout, &w, &h);
      item = LEGEND_SAMPLE + 3 + w;
      if (x > 0 && x + item > width)
        {
          x = 0;
          y += row_height;
        }
      row_height = MAX (row_height, h);
      if (draw)
        {
          double grey = looks[series->kind].grey;

          cairo_set_source_rgb (cr, grey, grey, grey);
          cairo_set_line_width (cr, LINE_WIDTH);
          set_dash (cr, looks[series->kind].on, looks[series->kind].off);
          cairo_move_to (cr, x, y + h / 2);
          cairo_line_to (cr, x + LEGEND_SAMPLE, y + h / 2);
          cairo_stroke (cr);
          draw_mark (cr, looks[series->kind].mark, grey, x + LEGEND_SAMPLE / 2, y + h / 2);
          show_text (cr, layout, 0, x + LEGEND_SAMPLE + 3, y);
        }
      x += item + 3 * GAP;
    }
  return y + row_height + GAP;
}

static void
level_label (cairo_t            *cr,
             const cairo_rectangle_t *plot,
             double              y,
             const char         *label,
             double              grey)
{
  g_autoptr(PangoLayout) layout = layout_of (cr, label);
  double w, h, tx, ty, py = plot->y + (1 - y) * plot->height;

  text_size (layout, &w, &h);
  tx = plot->x + plot->width - w - 1;
  if (y >= 0.5)
    ty = py - h >= plot->y - h / 2 ? py - h : py + 0.5;
  else
    ty = py + 0.5 + h <= plot->y + plot->height ? py + 0.5 : py - h;
  /* A white patch, so that the rule under the label does not blur it. */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, tx - 1.5, ty, w + 3, h);
  cairo_fill (cr);
  show_text (cr, layout, grey, tx, ty);
}

static void
level_line (cairo_t                 *cr,
            const cairo_rectangle_t *plot,
            double                   y,
            double                   grey,
            double                   on)
{
  double py = plot->y + (1 - y) * plot->height;

  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_set_line_width (cr, 0.7);
  set_dash (cr, on, 2);
  cairo_move_to (cr, plot->x, py);
  cairo_line_to (cr, plot->x + plot->width, py);
  cairo_stroke (cr);
}

void
xarxa_chart_draw_cairo (cairo_t          *cr,
                        const XarxaChart *chart,
                        double            width,
                        double            height)
{
  cairo_rectangle_t plot;
  double top = 0, left = 0, line_height = 0, last_end = -G_MAXDOUBLE;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (chart->series->len > 1)
    top = legend (cr, chart, width, TRUE);
  for (guint i = 0; i < chart->y_ticks->len; i++)
    {
      g_autoptr(PangoLayout) layout = layout_of (cr, g_array_index (chart->y_ticks, XarxaChartTick, i).label);
      double w, h;

      text_size (layout, &w, &h);
      left = MAX (left, w + GAP);
      line_height = MAX (line_height, h);
    }
  top += line_height / 2;
  plot.x = left;
  plot.y = top;
  plot.width = MAX (1, width - left - GAP);
  plot.height = MAX (1, height - top - line_height - GAP / 2);

  /* The value axis. */
  cairo_set_line_width (cr, 0.4);
  for (guint i = 0; i < chart->y_ticks->len; i++)
    {
      const XarxaChartTick *tick = &g_array_index (chart->y_ticks, XarxaChartTick, i);
      g_autoptr(PangoLayout) layout = layout_of (cr, tick->label);
      double py = plot.y + (1 - tick->position) * plot.height;
      double w, h;

      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_move_to (cr, plot.x, py);
      cairo_line_to (cr, plot.x + plot.width, py);
      cairo_stroke (cr);
      text_size (layout, &w, &h);
      show_text (cr, layout, 0.35, left - GAP - w, py - h / 2);
    }

  /* The time axis: a label where it does not run into the one before. */
  for (guint i = 0; i < chart->x_ticks->len; i++)
    {
      const XarxaChartTick *tick = &g_array_index (chart->x_ticks, XarxaChartTick, i);
      g_autoptr(PangoLayout) layout = layout_of (cr, tick->label);
      double px = plot.x + tick->position * plot.width;
      double w, h, x;

      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_move_to (cr, px, plot.y + plot.height);
      cairo_line_to (cr, px, plot.y + plot.height + GAP / 2);
      cairo_stroke (cr);
      text_size (layout, &w, &h);
      x = CLAMP (px - w / 2, plot.x, width - w);
      if (x < last_end + GAP)
        continue;
      show_text (cr, layout, 0.35, x, plot.y + plot.height + GAP / 2);
      last_end = x + w;
    }

  if (chart->has_baseline)
    level_line (cr, &plot, chart->baseline_y, 0.45, 1.5);
  if (chart->has_target)
    level_line (cr, &plot, chart->target_y, 0, 4);

  /* The labels before the lines: a label never hides a measurement. */
  if (chart->has_baseline)
    level_label (cr, &plot, chart->baseline_y, chart->baseline_label, 0.35);
  if (chart->has_target)
    level_label (cr, &plot, chart->target_y, chart->target_label, 0);

  if (xarxa_chart_is_empty (chart))
    {
      g_autoptr(PangoLayout) layout = layout_of (cr, _("No measurements yet"));
      double w, h;

      text_size (layout, &w, &h);
      show_text (cr, layout, 0, plot.x + (plot.width - w) / 2, plot.y + (plot.height - h) / 2);
    }

  /* The lines, the total last so that it stays on top. */
  for (guint i = chart->series->len; i-- > 0;)
    {
      const XarxaChartSeries *series = g_ptr_array_index (chart->series, i);
      double grey = looks[series->kind].grey;

      cairo_set_source_rgb (cr, grey, grey, grey);
      cairo_set_line_width (cr, LINE_WIDTH);
      set_dash (cr, looks[series->kind].on, looks[series->kind].off);
      for (guint p = 0; p < series->points->len; p++)
        {
          const XarxaChartPoint *point = &g_array_index (series->points, XarxaChartPoint, p);

          cairo_line_to (cr, plot.x + point->x * plot.width, plot.y + (1 - point->y) * plot.height);
        }
      cairo_stroke (cr);
      for (guint p = 0; p < series->points->len; p++)
        {
          const XarxaChartPoint *point = &g_array_index (series->points, XarxaChartPoint, p);

          draw_mark (cr, looks[series->kind].mark, grey,
                     plot.x + point->x * plot.width, plot.y + (1 - point->y) * plot.height);
        }
    }
  set_dash (cr, 0, 0);

  cairo_restore (cr);
}
