/* xarxa-indicator-chart.c — an indicator's chart, drawn with GtkSnapshot
 * (see xarxa-indicator-chart.h).
 *
 * GTK 4.8 has no paths: a line is a run of thin rectangles, each rotated
 * along its segment, and a point is a small rounded clip.  Colours come
 * from the style (the foreground, libadwaita's accent and palette), so
 * the chart follows light and dark; the lines of women, men and other
 * genders differ by dashes and markers too, never by colour alone.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-indicator-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xarxa-indicator-chart.h"

#define CHART_HEIGHT 160
/* With a legend above the plot. */
#define CHART_LEGEND_HEIGHT 184
#define CHART_MIN_WIDTH 200
#define CHART_NATURAL_WIDTH 320
#define GAP 6.0
#define LINE_WIDTH 2.0
#define MARKER 7.0
#define LEGEND_SAMPLE 22.0

struct _XarxaIndicatorChart
{
  GtkWidget   parent_instance;

  XarxaChart *chart;
};

G_DEFINE_FINAL_TYPE (XarxaIndicatorChart, xarxa_indicator_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  MARK_CIRCLE,
  MARK_SQUARE,
  MARK_DIAMOND,
  MARK_RING,
} Mark;

/* How each series looks apart from its colour: its dashes (on, off;
 * solid when on is 0) and its marker. */
static const struct
{
  double on;
  double off;
  Mark   mark;
} looks[XARXA_CHART_N_SERIES_KINDS] = {
  [XARXA_CHART_TOTAL] = { 0, 0, MARK_CIRCLE },
  [XARXA_CHART_WOMEN] = { 7, 3, MARK_SQUARE },
  [XARXA_CHART_MEN] = { 2, 3, MARK_DIAMOND },
  [XARXA_CHART_OTHER] = { 10, 3, MARK_RING },
};

typedef struct
{
  GdkRGBA fg;
  GdkRGBA bg;
  GdkRGBA series[XARXA_CHART_N_SERIES_KINDS];
} Colors;

/* ---- drawing primitives -------------------------------------------------- */

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         width,
             double         height)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

/* A line from (x1, y1) to (x2, y2), solid when @on is 0, else dashed. */
static void
append_segment (GtkSnapshot   *snapshot,
                const GdkRGBA *color,
                double         x1,
                double         y1,
                double         x2,
                double         y2,
                double         width,
                double         on,
                double         off)
{
  double length = hypot (x2 - x1, y2 - y1);

  if (length < 0.5)
    return;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x1, y1));
  gtk_snapshot_rotate (snapshot, atan2 (y2 - y1, x2 - x1) * 180 / G_PI);
  if (on <= 0)
    /* Half a width past each end, so that joined segments leave no notch. */
    append_rect (snapshot, color, -width / 2, -width / 2, length + width, width);
  else
    for (double at = 0; at < length; at += on + off)
      append_rect (snapshot, color, at, -width / 2, MIN (on, length - at), width);
  gtk_snapshot_restore (snapshot);
}

static void
append_disc (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         size)
{
  GskRoundedRect clip;

  gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (x - size / 2, y - size / 2, size, size),
                                   size / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  append_rect (snapshot, color, x - size / 2, y - size / 2, size, size);
  gtk_snapshot_pop (snapshot);
}

static void
append_mark (GtkSnapshot   *snapshot,
             const Colors  *colors,
             const GdkRGBA *color,
             Mark           mark,
             double         x,
             double         y)
{
  switch (mark)
    {
    case MARK_CIRCLE:
      append_disc (snapshot, color, x, y, MARKER);
      break;
    case MARK_SQUARE:
      append_rect (snapshot, color, x - MARKER / 2, y - MARKER / 2, MARKER, MARKER);
      break;
    case MARK_DIAMOND:
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_rotate (snapshot, 45);
      append_rect (snapshot, color, -MARKER / 2.4, -MARKER / 2.4, MARKER / 1.2, MARKER / 1.2);
      gtk_snapshot_restore (snapshot);
      break;
    case MARK_RING:
      append_disc (snapshot, color, x, y, MARKER + 1);
      append_disc (snapshot, &colors->bg, x, y, MARKER - 3);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             const GdkRGBA *color,
             double         x,
             double         y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* ---- colours and text ---------------------------------------------------- */

static void
lookup (GtkStyleContext *context,
        const char      *name,
        const char      *fallback,
        GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
colors_of (XarxaIndicatorChart *self,
           Colors              *colors)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  /* A light foreground means a dark style: the palette's lighter shades
   * read better there. */
  gboolean dark;

  gtk_style_context_get_color (context, &colors->fg);
  dark = 0.2126 * colors->fg.red + 0.7152 * colors->fg.green + 0.0722 * colors->fg.blue > 0.5;
  lookup (context, "card_bg_color", dark ? "#383838" : "#ffffff", &colors->bg);
  lookup (context, "accent_color", dark ? "#78aeed" : "#1c71d8", &colors->series[XARXA_CHART_TOTAL]);
  if (dark)
    {
      lookup (context, "purple_1", "#dc8add", &colors->series[XARXA_CHART_WOMEN]);
      lookup (context, "orange_2", "#ffa348", &colors->series[XARXA_CHART_MEN]);
      lookup (context, "green_2", "#8ff0a4", &colors->series[XARXA_CHART_OTHER]);
    }
  else
    {
      lookup (context, "purple_3", "#9141ac", &colors->series[XARXA_CHART_WOMEN]);
      lookup (context, "orange_5", "#c64600", &colors->series[XARXA_CHART_MEN]);
      lookup (context, "green_5", "#26a269", &colors->series[XARXA_CHART_OTHER]);
    }
}

static GdkRGBA
faded (const GdkRGBA *color,
       double         alpha)
{
  GdkRGBA out = *color;

  out.alpha *= alpha;
  return out;
}

/* A layout in the chart's small type. */
static PangoLayout *
small_layout (XarxaIndicatorChart *self,
              const char          *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

/* ---- the chart ----------------------------------------------------------- */

/* The legend across the top, flowing onto a second row when narrow;
 * returns its height. */
static double
append_legend (XarxaIndicatorChart *self,
               GtkSnapshot         *snapshot,
               const Colors        *colors,
               double               width)
{
  const XarxaChart *chart = self->chart;
  double x = 0, y = 0, row_height = 0;

  for (guint i = 0; i < chart->series->len; i++)
    {
      const XarxaChartSeries *series = g_ptr_array_index (chart->series, i);
      g_autoptr(PangoLayout) layout = small_layout (self, series->label);
      const GdkRGBA *color = &colors->series[series->kind];
      double w, h, item;

      text_size (layout, &w, &h);
      item = LEGEND_SAMPLE + 4 + w;
      if (x > 0 && x + item > width)
        {
          x = 0;
          y += row_height;
        }
      row_height = MAX (row_height, h);
      if (snapshot != NULL)
        {
          append_segment (snapshot, color, x, y + h / 2, x + LEGEND_SAMPLE, y + h / 2, LINE_WIDTH,
                          looks[series->kind].on, looks[series->kind].off);
          append_mark (snapshot, colors, color, looks[series->kind].mark, x + LEGEND_SAMPLE / 2, y + h / 2);
          append_text (snapshot, layout, &colors->fg, x + LEGEND_SAMPLE + 4, y);
        }
      x += item + 3 * GAP;
    }
  return y + row_height + GAP;
}

/* A dashed horizontal line across the plot, or its label at the right, on
 * the side away from the plot's middle where there is room, over a patch
 * of the background so that the rules under it do not blur it. */
static void
append_level (XarxaIndicatorChart   *self,
              GtkSnapshot           *snapshot,
              const Colors          *colors,
              const GdkRGBA         *color,
              const graphene_rect_t *plot,
              double                 y,
              const char            *label,
              double                 on,
              gboolean               label_only)
{
  g_autoptr(PangoLayout) layout = small_layout (self, label);
  double w, h, ty, py = plot->origin.y + (1 - y) * plot->size.height;
  double tx;
  GdkRGBA patch = faded (&colors->bg, 0.85);

  if (!label_only)
    {
      append_segment (snapshot, color, plot->origin.x, py, plot->origin.x + plot->size.width, py, 1, on, 3);
      return;
    }
  text_size (layout, &w, &h);
  tx = plot->origin.x + plot->size.width - w - 2;
  if (y >= 0.5)
    ty = py - h >= plot->origin.y - h / 2 ? py - h : py + 1;
  else
    ty = py + 1 + h <= plot->origin.y + plot->size.height ? py + 1 : py - h;
  append_rect (snapshot, &patch, tx - 2, ty, w + 4, h);
  append_text (snapshot, layout, color, tx, ty);
}

/* The lines and their points, the total last so that it stays on top; or
 * a word where there is none. */
static void
append_series (XarxaIndicatorChart   *self,
               GtkSnapshot           *snapshot,
               const Colors          *colors,
               const graphene_rect_t *plot)
{
  const XarxaChart *chart = self->chart;

  if (xarxa_chart_is_empty (chart))
    {
      g_autoptr(PangoLayout) layout = small_layout (self, _("No measurements yet"));
      double w, h;

      text_size (layout, &w, &h);
      append_text (snapshot, layout, &colors->fg, plot->origin.x + (plot->size.width - w) / 2,
                   plot->origin.y + (plot->size.height - h) / 2);
      return;
    }

  for (guint i = chart->series->len; i-- > 0;)
    {
      const XarxaChartSeries *series = g_ptr_array_index (chart->series, i);
      const GdkRGBA *color = &colors->series[series->kind];

      for (guint p = 0; p < series->points->len; p++)
        {
          const XarxaChartPoint *point = &g_array_index (series->points, XarxaChartPoint, p);
          double px = plot->origin.x + point->x * plot->size.width;
          double py = plot->origin.y + (1 - point->y) * plot->size.height;

          if (p > 0)
            {
              const XarxaChartPoint *before = &g_array_index (series->points, XarxaChartPoint, p - 1);

              append_segment (snapshot, color,
                              plot->origin.x + before->x * plot->size.width,
                              plot->origin.y + (1 - before->y) * plot->size.height,
                              px, py, LINE_WIDTH, looks[series->kind].on, looks[series->kind].off);
            }
        }
      for (guint p = 0; p < series->points->len; p++)
        {
          const XarxaChartPoint *point = &g_array_index (series->points, XarxaChartPoint, p);

          append_mark (snapshot, colors, color, looks[series->kind].mark,
                       plot->origin.x + point->x * plot->size.width,
                       plot->origin.y + (1 - point->y) * plot->size.height);
        }
    }
}

static void
xarxa_indicator_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  XarxaIndicatorChart *self = XARXA_INDICATOR_CHART (widget);
  const XarxaChart *chart = self->chart;
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double top = 0, left = 0, bottom, line_height = 0, last_end = -G_MAXDOUBLE;
  graphene_rect_t plot;
  GdkRGBA grid, muted;
  Colors colors;

  if (chart == NULL || width < 1 || height < 1)
    return;
  colors_of (self, &colors);
  grid = faded (&colors.fg, 0.12);
  muted = faded (&colors.fg, 0.7);

  /* Room for the legend, the value labels at the left and the days under
   * the plot. */
  if (chart->series->len > 1)
    top = append_legend (self, NULL, &colors, width);
  for (guint i = 0; i < chart->y_ticks->len; i++)
    {
      g_autoptr(PangoLayout) layout = small_layout (self, g_array_index (chart->y_ticks, XarxaChartTick, i).label);
      double w, h;

      text_size (layout, &w, &h);
      left = MAX (left, w + GAP);
      line_height = MAX (line_height, h);
    }
  /* Half a line above the top tick's label. */
  top += line_height / 2 + 2;
  bottom = line_height + GAP / 2;
  plot = GRAPHENE_RECT_INIT (left, top, MAX (1, width - left - GAP), MAX (1, height - top - bottom));

  if (chart->series->len > 1)
    append_legend (self, snapshot, &colors, width);

  /* The value axis: a faint rule at each tick, its number at the left. */
  for (guint i = 0; i < chart->y_ticks->len; i++)
    {
      const XarxaChartTick *tick = &g_array_index (chart->y_ticks, XarxaChartTick, i);
      g_autoptr(PangoLayout) layout = small_layout (self, tick->label);
      double py = plot.origin.y + (1 - tick->position) * plot.size.height;
      double w, h;

      append_rect (snapshot, &grid, plot.origin.x, py - 0.5, plot.size.width, 1);
      text_size (layout, &w, &h);
      append_text (snapshot, layout, &muted, left - GAP - w, py - h / 2);
    }

  /* The time axis: the days under the plot, each centred on its tick,
   * left out where it would run into the one before. */
  for (guint i = 0; i < chart->x_ticks->len; i++)
    {
      const XarxaChartTick *tick = &g_array_index (chart->x_ticks, XarxaChartTick, i);
      g_autoptr(PangoLayout) layout = small_layout (self, tick->label);
      double px = plot.origin.x + tick->position * plot.size.width;
      double w, h, x;

      text_size (layout, &w, &h);
      x = CLAMP (px - w / 2, plot.origin.x, width - w);
      append_rect (snapshot, &grid, px - 0.5, plot.origin.y + plot.size.height, 1, GAP / 2);
      if (x < last_end + GAP)
        continue;
      append_text (snapshot, layout, &muted, x, plot.origin.y + plot.size.height + GAP / 2);
      last_end = x + w;
    }

  /* The rules, their labels over them, then the lines over everything:
   * a label never hides a measurement. */
  for (int label_only = 0; label_only <= 1; label_only++)
    {
      if (chart->has_baseline)
        append_level (self, snapshot, &colors, &muted, &plot, chart->baseline_y, chart->baseline_label, 2,
                      label_only);
      if (chart->has_target)
        append_level (self, snapshot, &colors, &colors.fg, &plot, chart->target_y, chart->target_label, 6,
                      label_only);
    }
  append_series (self, snapshot, &colors, &plot);
}

static void
xarxa_indicator_chart_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = CHART_MIN_WIDTH;
      *natural = CHART_NATURAL_WIDTH;
    }
  else
    {
      XarxaIndicatorChart *self = XARXA_INDICATOR_CHART (widget);

      *minimum = *natural = self->chart != NULL && self->chart->series->len > 1 ? CHART_LEGEND_HEIGHT : CHART_HEIGHT;
    }
}

static void
xarxa_indicator_chart_finalize (GObject *object)
{
  XarxaIndicatorChart *self = XARXA_INDICATOR_CHART (object);

  g_clear_pointer (&self->chart, xarxa_chart_unref);

  G_OBJECT_CLASS (xarxa_indicator_chart_parent_class)->finalize (object);
}

static void
xarxa_indicator_chart_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  XarxaIndicatorChart *self = XARXA_INDICATOR_CHART (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_boxed (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_indicator_chart_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  XarxaIndicatorChart *self = XARXA_INDICATOR_CHART (object);

  switch (prop_id)
    {
    case PROP_CHART:
      xarxa_indicator_chart_set_chart (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_indicator_chart_class_init (XarxaIndicatorChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = xarxa_indicator_chart_finalize;
  object_class->get_property = xarxa_indicator_chart_get_property;
  object_class->set_property = xarxa_indicator_chart_set_property;
  widget_class->snapshot = xarxa_indicator_chart_snapshot;
  widget_class->measure = xarxa_indicator_chart_measure;

  properties[PROP_CHART] =
    g_param_spec_boxed ("chart", NULL, NULL, XARXA_TYPE_CHART,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "indicator-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
xarxa_indicator_chart_init (XarxaIndicatorChart *self)
{
}

GtkWidget *
xarxa_indicator_chart_new (void)
{
  return g_object_new (XARXA_TYPE_INDICATOR_CHART, NULL);
}

void
xarxa_indicator_chart_set_chart (XarxaIndicatorChart *self,
                                 XarxaChart          *chart)
{
  g_return_if_fail (XARXA_IS_INDICATOR_CHART (self));

  if (chart == self->chart)
    return;
  if (chart != NULL)
    xarxa_chart_ref (chart);
  g_clear_pointer (&self->chart, xarxa_chart_unref);
  self->chart = chart;
  /* What a screen reader says of the picture: the indicator's summary. */
  if (chart != NULL && (chart->summary != NULL || chart->title != NULL))
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    chart->summary != NULL ? chart->summary : chart->title,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

XarxaChart *
xarxa_indicator_chart_get_chart (XarxaIndicatorChart *self)
{
  g_return_val_if_fail (XARXA_IS_INDICATOR_CHART (self), NULL);

  return self->chart;
}
