/* test-chart-cairo.c — the indicator chart drawn for paper
 * (xarxa-chart-cairo.h): ink where the lines are, inside the rectangle
 * it was given and nowhere else.
 *
 * XARXA_CHART_PNG=DIR saves each drawing there, to look at.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-chart-cairo"

#include "config.h"

#include <locale.h>

#include "xarxa-chart-cairo.h"

#define MARGIN 20
#define WIDTH 400
#define HEIGHT 150

static XarxaChart *
chart_of (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return xarxa_chart_new (json_node_get_object (json_parser_get_root (parser)));
}

/* The chart drawn at (MARGIN, MARGIN) on a white page a little larger. */
static cairo_surface_t *
draw (const XarxaChart *chart,
      const char       *name)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH + 2 * MARGIN,
                                                         HEIGHT + 2 * MARGIN);
  cairo_t *cr = cairo_create (surface);
  const char *dir = g_getenv ("XARXA_CHART_PNG");

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  xarxa_chart_draw_cairo (cr, chart, WIDTH, HEIGHT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (dir != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);

      cairo_surface_write_to_png (surface, path);
    }
  return surface;
}

/* Pixels darker than @below (0–255, on each channel) in the region. */
static guint
count_dark (cairo_surface_t *surface,
            int              x0,
            int              y0,
            int              x1,
            int              y1,
            guint            below)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

        if (((pixel >> 16) & 0xff) < below && ((pixel >> 8) & 0xff) < below && (pixel & 0xff) < below)
          n++;
      }
  return n;
}

static void
test_cairo_lines (void)
{
  g_autoptr(XarxaChart) chart = chart_of (
    "{\"name\": \"People trained\", \"baseline\": 0, \"target\": 100, \"gender_breakdown\": true,"
    " \"measurements\": ["
    "  {\"measured_on\": \"2025-03-01\", \"value\": 40, \"value_women\": 25, \"value_men\": 15},"
    "  {\"measured_on\": \"2026-03-01\", \"value\": 80, \"value_women\": 45, \"value_men\": 35}]}");
  cairo_surface_t *surface = draw (chart, "paper");
  const XarxaChartSeries *total = xarxa_chart_series (chart, XARXA_CHART_TOTAL);
  const XarxaChartPoint *last = &g_array_index (total->points, XarxaChartPoint, 1);

  /* Ink in the middle of the page, where the plot is. */
  g_assert_cmpuint (count_dark (surface, MARGIN + WIDTH / 4, MARGIN + HEIGHT / 4,
                                MARGIN + 3 * WIDTH / 4, MARGIN + 3 * HEIGHT / 4, 100), >, 50);
  /* The total's last point, black, near where the model puts it (the
   * plot is inset by the labels, so within a margin). */
  g_assert_cmpuint (count_dark (surface, MARGIN + (int) (last->x * WIDTH) - 40, MARGIN + (int) ((1 - last->y) * HEIGHT) - 30,
                                MARGIN + (int) (last->x * WIDTH) + 10, MARGIN + (int) ((1 - last->y) * HEIGHT) + 30, 40), >, 8);
  /* Nothing outside the rectangle it was given. */
  g_assert_cmpuint (count_dark (surface, 0, 0, WIDTH + 2 * MARGIN, MARGIN, 250), ==, 0);
  g_assert_cmpuint (count_dark (surface, 0, MARGIN + HEIGHT, WIDTH + 2 * MARGIN, HEIGHT + 2 * MARGIN, 250), ==, 0);
  g_assert_cmpuint (count_dark (surface, 0, 0, MARGIN, HEIGHT + 2 * MARGIN, 250), ==, 0);
  g_assert_cmpuint (count_dark (surface, MARGIN + WIDTH, 0, WIDTH + 2 * MARGIN, HEIGHT + 2 * MARGIN, 250), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_cairo_empty (void)
{
  g_autoptr(XarxaChart) chart = chart_of ("{\"name\": \"Vans\", \"measurements\": []}");
  cairo_surface_t *surface = draw (chart, "paper-empty");

  /* The words saying there is no measurement, in the middle… */
  g_assert_cmpuint (count_dark (surface, MARGIN + WIDTH / 4, MARGIN + HEIGHT / 3,
                                MARGIN + 3 * WIDTH / 4, MARGIN + 2 * HEIGHT / 3, 100), >, 20);
  /* …and no line above or below them. */
  g_assert_cmpuint (count_dark (surface, MARGIN + 40, MARGIN + 10, MARGIN + WIDTH, MARGIN + HEIGHT / 3, 100), ==, 0);
  g_assert_cmpuint (count_dark (surface, MARGIN + 40, MARGIN + 2 * HEIGHT / 3, MARGIN + WIDTH,
                                MARGIN + HEIGHT - 20, 100), ==, 0);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart-cairo/lines", test_cairo_lines);
  g_test_add_func ("/chart-cairo/empty", test_cairo_empty);
  return g_test_run ();
}
