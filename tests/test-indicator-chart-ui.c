/* test-indicator-chart-ui.c — the indicator chart widget: what it draws,
 * in light and dark style, at the narrowest width, and what a screen
 * reader is told.  The chart is rendered to a texture and its pixels read.
 *
 * XARXA_CHART_PNG=DIR saves each rendering there, to look at.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-indicator-chart-ui"

#include "config.h"

#include "ui-test-util.h"
#include "xarxa-indicator-chart.h"

static const char gender_json[] =
  "{\"name\": \"People trained\", \"unit\": \"people\", \"baseline\": 0, \"target\": 100,"
  " \"direction\": \"up\", \"gender_breakdown\": true,"
  " \"summary\": \"People trained: 80 people, 80 % of the way from 0 people to the target of 100 people\","
  " \"measurements\": ["
  "  {\"measured_on\": \"2025-03-01\", \"value\": 40, \"value_women\": 25, \"value_men\": 12, \"value_other\": 3},"
  "  {\"measured_on\": \"2025-09-01\", \"value\": 60, \"value_women\": 35, \"value_men\": 20, \"value_other\": 5},"
  "  {\"measured_on\": \"2026-03-01\", \"value\": 80, \"value_women\": 45, \"value_men\": 30, \"value_other\": 5}]}";

static XarxaChart *
chart_of (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return xarxa_chart_new (json_node_get_object (json_parser_get_root (parser)));
}

typedef struct
{
  GtkWindow *window;
  GtkWidget *chart;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->chart = xarxa_indicator_chart_new ();
  gtk_window_set_child (f->window, f->chart);
  gtk_window_set_default_size (f->window, 320, 160);
  gtk_window_present (f->window);
  WAIT_FOR (gtk_widget_get_mapped (f->chart) && gtk_widget_get_width (f->chart) > 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (f->window);
  drain ();
}

/* The chart as a person sees it: RGBA bytes, width × height. */
static GBytes *
render (Fixture    *f,
        const char *name,
        int        *width,
        int        *height)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  const char *dir = g_getenv ("XARXA_CHART_PNG");
  GdkRGBA white = { 1, 1, 1, 1 };
  GdkRGBA dark = { 0.14, 0.14, 0.14, 1 };
  gsize stride;
  guchar *data;

  gtk_widget_queue_draw (f->chart);
  drain ();
  *width = gtk_widget_get_width (f->chart);
  *height = gtk_widget_get_height (f->chart);
  /* Under the window's background, as on screen. */
  gtk_snapshot_append_color (snapshot,
                             adw_style_manager_get_dark (adw_style_manager_get_default ()) ? &dark : &white,
                             &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  /* The widget's own drawing, as GTK asks for it on each frame. */
  GTK_WIDGET_GET_CLASS (f->chart)->snapshot (f->chart, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  if (dir != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);

      gdk_texture_save_to_png (texture, path);
    }
  stride = (gsize) *width * 4;
  data = g_malloc (stride * *height);
  gdk_texture_download (texture, data, stride);
  return g_bytes_new_take (data, stride * *height);
}

/* How many pixels in the region are within a few levels of @hex
 * (gdk_texture_download gives B, G, R, A in memory on little-endian). */
static guint
count_color (GBytes     *pixels,
             int         width,
             int         x0,
             int         y0,
             int         x1,
             int         y1,
             const char *hex)
{
  const guchar *data = g_bytes_get_data (pixels, NULL);
  GdkRGBA color;
  guint n = 0;

  g_assert_true (gdk_rgba_parse (&color, hex));
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guchar *p = data + (gsize) y * width * 4 + (gsize) x * 4;
        guint32 argb = *(const guint32 *) p;
        int r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;

        if (ABS (r - (int) (color.red * 255)) <= 6 && ABS (g - (int) (color.green * 255)) <= 6 &&
            ABS (b - (int) (color.blue * 255)) <= 6)
          n++;
      }
  return n;
}

static void
test_light_and_dark (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(XarxaChart) chart = chart_of (gender_json);
  g_autoptr(GBytes) light = NULL;
  g_autoptr(GBytes) dark = NULL;
  int width, height;

  xarxa_indicator_chart_set_chart (XARXA_INDICATOR_CHART (f->chart), chart);
  g_assert_true (xarxa_indicator_chart_get_chart (XARXA_INDICATOR_CHART (f->chart)) == chart);
  /* Room for the legend over the usual 160 pixels. */
  WAIT_FOR (gtk_widget_get_height (f->chart) == 184);

  light = render (f, "light", &width, &height);
  /* Each line in its own colour: the accent for the total, and the
   * palette's shades for women (squares), men and other genders. */
  g_assert_cmpuint (count_color (light, width, 0, 0, width, height, "#1c71d8"), >, 20);
  g_assert_cmpuint (count_color (light, width, 0, 0, width, height, "#9141ac"), >, 20);
  g_assert_cmpuint (count_color (light, width, 0, 0, width, height, "#c64600"), >, 10);
  g_assert_cmpuint (count_color (light, width, 0, 0, width, height, "#26a269"), >, 10);
  /* Dark labels on the light background. */
  g_assert_cmpuint (count_color (light, width, 0, 0, width, height, "#000000") +
                    count_color (light, width, 0, 0, width, height, "#1e1e1e") +
                    count_color (light, width, 0, 0, width, height, "#2e2e2e"), >, 10);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  WAIT_FOR (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  dark = render (f, "dark", &width, &height);
  /* Lighter shades where the background is dark, and light labels. */
  g_assert_cmpuint (count_color (dark, width, 0, 0, width, height, "#78aeed"), >, 20);
  g_assert_cmpuint (count_color (dark, width, 0, 0, width, height, "#dc8add"), >, 20);
  g_assert_cmpuint (count_color (dark, width, 0, 0, width, height, "#9141ac"), ==, 0);
  g_assert_cmpuint (count_color (dark, width, 0, 0, width, height, "#ffffff"), >, 10);
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(XarxaChart) chart = chart_of (gender_json);
  g_autoptr(XarxaChart) bare = chart_of ("{\"measurements\": []}");
  g_autofree char *mismatch = NULL;

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (f->chart)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  xarxa_indicator_chart_set_chart (XARXA_INDICATOR_CHART (f->chart), chart);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                 chart->summary);
  g_assert_null (mismatch);
  /* A chart with nothing to name has no stale name either. */
  xarxa_indicator_chart_set_chart (XARXA_INDICATOR_CHART (f->chart), bare);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (f->chart), GTK_ACCESSIBLE_PROPERTY_LABEL));
}

/* At 320 pixels the legend wraps and the lines stay inside the widget;
 * with no measurement the chart says so instead of drawing lines. */
static void
test_narrow_and_empty (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(XarxaChart) chart = chart_of (gender_json);
  g_autoptr(XarxaChart) empty = chart_of ("{\"name\": \"Vans\", \"baseline\": 0, \"target\": 4,"
                                          " \"measurements\": []}");
  g_autoptr(GBytes) narrow = NULL;
  g_autoptr(GBytes) none = NULL;
  int width, height, min, nat;

  gtk_widget_measure (f->chart, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, <=, 320);
  gtk_widget_set_size_request (GTK_WIDGET (f->window), 320, -1);
  xarxa_indicator_chart_set_chart (XARXA_INDICATOR_CHART (f->chart), chart);
  narrow = render (f, "narrow", &width, &height);
  g_assert_cmpint (width, <=, 330);
  g_assert_cmpuint (count_color (narrow, width, 0, height / 3, width, height, "#1c71d8"), >, 20);

  xarxa_indicator_chart_set_chart (XARXA_INDICATOR_CHART (f->chart), empty);
  none = render (f, "empty", &width, &height);
  g_assert_cmpuint (count_color (none, width, 0, 0, width, height, "#1c71d8"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend keeps what a screen reader would get,
   * so that the test can read it back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ui_test_init (&argc, &argv);
  g_test_add ("/indicator-chart-ui/light-and-dark", Fixture, NULL, fixture_set_up, test_light_and_dark,
              fixture_tear_down);
  g_test_add ("/indicator-chart-ui/accessible", Fixture, NULL, fixture_set_up, test_accessible,
              fixture_tear_down);
  g_test_add ("/indicator-chart-ui/narrow-and-empty", Fixture, NULL, fixture_set_up, test_narrow_and_empty,
              fixture_tear_down);
  return g_test_run ();
}
