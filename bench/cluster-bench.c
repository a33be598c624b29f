/* cluster-bench.c — the cluster builder at real scale: the Clusters view's
 * list, a large cluster's page, the network map's layout and the list's
 * search.
 *
 * Builds 500 clusters, 20,000 organisations and 50,000 memberships (one
 * cluster with 500 members and 40 indicators with measurements), then, in
 * the real window under Xvfb, in this process:
 *   cluster_list_open_ms   what a person waits for on "Clusters" in the
 *                          view switcher: the window is up on the
 *                          Directory (its list read), the Clusters list
 *                          never shown nor read; from the switch to the
 *                          list filled and its first rows drawn (member
 *                          counts, coordinator, next action, progress);
 *   window_open_on_clusters_ms  what cluster_list_open_ms measured
 *                          before it timed the switch: from making a
 *                          new window with the Clusters view
 *                          shown to its list filled and first rows drawn
 *                          (window, header and views built, the database
 *                          attached, the first frame laid out);
 *   cluster_page_open_ms   the large cluster's page opened and drawn, in
 *                          a window whose start-up has finished;
 * and without a window:
 *   network_map_layout_ms  a map of 2,000 nodes read, laid out and measured
 *                          (what a person waits for after "Network Map");
 *   cluster_search_p95_ms  200 varied searches of the clusters list;
 * and that map of 2,000 nodes drawn in a window:
 *   network_map_pan_frame_ms  a frame while it is panned (its median).
 * Each figure is the median of several runs (the p95 of the searches);
 * prints "name value unit" per figure.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cluster-bench"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"
#include "ui-test-util.h"
#include "xarxa-cluster-row.h"
#include "xarxa-clusters-page.h"
#include "xarxa-directory-page.h"
#include "xarxa-network-map.h"
#include "xarxa-network-map-view.h"
#include "xarxa-store.h"

#define N_CLUSTERS 500
#define N_ENTITIES 20000
#define N_MEMBERSHIPS 50000
#define BIG_MEMBERS 500
#define BIG_INDICATORS 40
#define MEASUREMENTS 6
#define RUNS 5

static const char *const words[] = {
  "Aigua", "Energia", "Habitatge", "Alimentació", "Drets", "Memòria", "Cures",
  "Digital", "Clima", "Territori", "Joves", "Feminismes", "Migracions", "Salut",
  "Educació", "Cultura", "Mobilitat", "Economia", "Democràcia", "Residus",
};
static const char *const kinds[] = {
  "Clúster", "Xarxa", "Aliança", "Plataforma", "Taula", "Consorci",
};
static const char *const org_words[] = {
  "Associació", "Fundació", "Cooperativa", "Ateneu", "Casal", "Institut",
  "Observatori", "Col·lectiu", "Federació", "Centre",
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static char *
create (XarxaStore *store,
        const char *type,
        JsonObject *values)
{
  g_autoptr(GError) error = NULL;
  char *id = xarxa_store_create_record (store, type, values, &error);

  g_assert_no_error (error);
  json_object_unref (values);
  return id;
}

static JsonObject *
named (const char *field,
       const char *value)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, field, value);
  return o;
}

static char *
add_member (XarxaStore *store,
            const char *cluster,
            const char *entity,
            const char *role)
{
  JsonObject *o = named ("cluster_id", cluster);

  json_object_set_string_member (o, "entity_id", entity);
  json_object_set_string_member (o, "role", role);
  return create (store, "cluster_member", o);
}

/* The network; returns the large cluster's id. */
static char *
build_network (XarxaStore *store,
               GPtrArray  *clusters)
{
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree guint *next = g_new0 (guint, N_CLUSTERS);   /* each cluster's next member */
  guint n_memberships = 0;
  double t0 = now_ms ();

  g_assert_true (xarxa_store_begin (store, &error));
  for (guint i = 0; i < N_ENTITIES; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %u", org_words[i % G_N_ELEMENTS (org_words)],
                                               words[(i / 7) % G_N_ELEMENTS (words)], i);

      g_ptr_array_add (entities, create (store, "entity", named ("name", name)));
    }
  for (guint c = 0; c < N_CLUSTERS; c++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %s %u", kinds[c % G_N_ELEMENTS (kinds)],
                                               words[c % G_N_ELEMENTS (words)],
                                               words[(c / 3 + 7) % G_N_ELEMENTS (words)], c);
      JsonObject *o = named ("name", name);

      json_object_set_string_member (o, "objective", "Garantir el dret a l’aigua i a l’energia");
      json_object_set_string_member (o, "field", words[(c + 5) % G_N_ELEMENTS (words)]);
      json_object_set_string_member (o, "status", c % 4 == 0 ? "forming" : "active");
      g_ptr_array_add (clusters, create (store, "cluster", o));
    }
  /* The large cluster: 500 members, one of them coordinator. */
  for (guint j = 0; j < BIG_MEMBERS; j++)
    g_free (add_member (store, clusters->pdata[0], entities->pdata[(j * 37) % N_ENTITIES],
                        j == 0 ? "coordinator" : "member"));
  n_memberships = BIG_MEMBERS;
  /* The rest over the other clusters: every organisation in two or three. */
  for (guint c = 1; n_memberships < N_MEMBERSHIPS; c = c % (N_CLUSTERS - 1) + 1)
    {
      guint j = next[c]++;

      g_free (add_member (store, clusters->pdata[c], entities->pdata[(c * 97 + j * 211) % N_ENTITIES],
                          j == 0 ? "coordinator" : "member"));
      n_memberships++;
    }
  /* 40 indicators under 8 objectives, each measured over two years. */
  for (guint o = 0; o < BIG_INDICATORS / 5; o++)
    {
      g_autofree char *title = g_strdup_printf ("Objectiu %u: %s", o + 1, words[o]);
      JsonObject *objective = named ("title", title);
      g_autofree char *objective_id = NULL;

      json_object_set_string_member (objective, "cluster_id", clusters->pdata[0]);
      objective_id = create (store, "objective", objective);
      for (guint i = 0; i < 5; i++)
        {
          g_autofree char *iname = g_strdup_printf ("Indicador %s %u", words[(o * 5 + i) % G_N_ELEMENTS (words)], i);
          JsonObject *indicator = named ("name", iname);
          g_autofree char *indicator_id = NULL;

          json_object_set_string_member (indicator, "cluster_id", clusters->pdata[0]);
          json_object_set_string_member (indicator, "objective_id", objective_id);
          json_object_set_string_member (indicator, "unit", "%");
          json_object_set_double_member (indicator, "baseline", 20);
          json_object_set_double_member (indicator, "target", 50);
          json_object_set_string_member (indicator, "direction", "up");
          json_object_set_boolean_member (indicator, "gender_breakdown", i == 0);
          indicator_id = create (store, "indicator", indicator);
          for (guint m = 0; m < MEASUREMENTS; m++)
            {
              g_autofree char *day = g_strdup_printf ("%04u-%02u-15", 2025 + m / 3, 1 + (m % 3) * 4);
              JsonObject *value = named ("indicator_id", indicator_id);

              json_object_set_string_member (value, "cluster_id", clusters->pdata[0]);
              json_object_set_string_member (value, "measured_on", day);
              json_object_set_double_member (value, "value", 20 + m * 4 + i);
              if (i == 0)
                {
                  json_object_set_double_member (value, "value_women", 18 + m * 5);
                  json_object_set_double_member (value, "value_men", 22 + m * 3);
                }
              g_free (create (store, "indicator_value", value));
            }
        }
    }
  g_assert_true (xarxa_store_commit (store, &error));
  g_printerr ("built the network in %.0f ms\n", now_ms () - t0);
  printf ("clusters %" G_GINT64_FORMAT " rows\n", xarxa_store_count (store, "cluster"));
  printf ("organisations %" G_GINT64_FORMAT " rows\n", xarxa_store_count (store, "entity"));
  printf ("memberships %" G_GINT64_FORMAT " rows\n", xarxa_store_count (store, "cluster_member"));
  return g_strdup (clusters->pdata[0]);
}

/* ---- in the window ------------------------------------------------------ */

static guint paints;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  paints++;
}

/* Runs the main loop until the window has painted a frame after now. */
static void
wait_for_paint (GtkWidget *window)
{
  guint before = paints;

  gtk_widget_queue_draw (window);
  WAIT_FOR (paints > before);
}

static guint
n_listed (XarxaClustersPage *page)
{
  GtkListView *view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page), XARXA_TYPE_CLUSTERS_PAGE,
                                                                   "list_view"));
  GtkSelectionModel *model = gtk_list_view_get_model (view);

  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

static guint
n_directory_listed (XarxaWindow *window)
{
  GtkWidget *page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), XARXA_TYPE_WINDOW, "directory_page"));
  GtkListView *view = GTK_LIST_VIEW (gtk_widget_get_template_child (page, XARXA_TYPE_DIRECTORY_PAGE, "list_view"));
  GtkSelectionModel *model = gtk_list_view_get_model (view);

  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

/* Whether the first row drawn shows its figures (members and coordinator):
 * the list is not "filled" before that. */
static gboolean
first_row_has_figures (XarxaClustersPage *page)
{
  GtkWidget *view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), XARXA_TYPE_CLUSTERS_PAGE,
                                                               "list_view"));

  for (GtkWidget *item = gtk_widget_get_first_child (view); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (XARXA_IS_CLUSTER_ROW (row))
        {
          GtkLabel *members = GTK_LABEL (gtk_widget_get_template_child (row, XARXA_TYPE_CLUSTER_ROW, "members_label"));

          return gtk_label_get_text (members)[0] != '\0';
        }
    }
  return FALSE;
}

static AdwViewStack *
view_stack (XarxaWindow *window)
{
  return ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), XARXA_TYPE_WINDOW, "view_stack"));
}

static XarxaClustersPage *
clusters_page (XarxaWindow *window)
{
  return XARXA_CLUSTERS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), XARXA_TYPE_WINDOW,
                                                             "clusters_page"));
}

static void
bench_window (XarxaStore *store,
              const char *big_id,
              const char *other_id)
{
  double switch_ms[RUNS], window_ms[RUNS], page_ms[RUNS];

  for (guint run = 0; run < RUNS; run++)
    {
      XarxaWindow *window;
      XarxaClustersPage *page;
      GdkFrameClock *clock;
      double t0;

      /* The switch: the window up on the Directory, as it starts. */
      window = xarxa_window_new (NULL, store, NULL);
      page = clusters_page (window);
      gtk_window_present (GTK_WINDOW (window));
      WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
      clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
      WAIT_FOR (n_directory_listed (window) > 0);
      wait_for_paint (GTK_WIDGET (window));
      drain ();
      /* The first switch: nothing of the list read before it. */
      g_assert_cmpuint (n_listed (page), ==, 0);
      t0 = now_ms ();
      adw_view_stack_set_visible_child_name (view_stack (window), "clusters");
      WAIT_FOR (n_listed (page) > 0);
      wait_for_paint (GTK_WIDGET (window));
      switch_ms[run] = now_ms () - t0;
      g_assert_true (first_row_has_figures (page));
      if (run == 0)
        printf ("cluster_list_rows %u rows\n", n_listed (page));
      g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
      destroy_window (window);

      /* The whole window made with the Clusters view shown. */
      t0 = now_ms ();
      window = xarxa_window_new (NULL, store, NULL);
      adw_view_stack_set_visible_child_name (view_stack (window), "clusters");
      page = clusters_page (window);
      gtk_window_present (GTK_WINDOW (window));
      WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
      clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
      WAIT_FOR (n_listed (page) > 0);
      wait_for_paint (GTK_WIDGET (window));
      window_ms[run] = now_ms () - t0;

      /* The window's start-up finished first (the views and the directory's
       * editor it makes when idle), as it is long before a person picks a
       * cluster; then another cluster, so that the large one is opened
       * anew. */
      drain ();
      xarxa_clusters_page_open_cluster (page, other_id);
      wait_for_paint (GTK_WIDGET (window));
      t0 = now_ms ();
      xarxa_clusters_page_open_cluster (page, big_id);
      wait_for_paint (GTK_WIDGET (window));
      drain ();
      wait_for_paint (GTK_WIDGET (window));
      page_ms[run] = now_ms () - t0;
      g_assert_cmpstr (xarxa_clusters_page_get_shown_id (page), ==, big_id);

      g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
      destroy_window (window);
    }
  printf ("cluster_list_open_ms %.0f ms\n", median (switch_ms, RUNS));
  printf ("window_open_on_clusters_ms %.0f ms\n", median (window_ms, RUNS));
  printf ("cluster_page_open_ms %.0f ms\n", median (page_ms, RUNS));
}

/* ---- without a window ---------------------------------------------------- */

/* A second database whose whole map has 2,000 nodes: 100 clusters and
 * 1,900 organisations, each in one to three clusters. */
/* The map drawn in a window of its own, panned a step a frame. */
static void
bench_pan (XarxaNetworkMap *map)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = xarxa_network_map_view_new ();
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  GdkFrameClock *clock;

  xarxa_network_map_view_set_map (XARXA_NETWORK_MAP_VIEW (view), map);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (view));
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  wait_for_paint (window);
  /* Closer first, as a person looking at part of it would be. */
  xarxa_network_map_view_zoom_in (XARXA_NETWORK_MAP_VIEW (view));
  wait_for_paint (window);
  for (guint i = 0; i < 60; i++)
    {
      double t0 = now_ms (), dt;

      xarxa_network_map_view_pan (XARXA_NETWORK_MAP_VIEW (view), i < 30 ? 8 : -8, i % 2 ? 5 : -5);
      wait_for_paint (window);
      dt = now_ms () - t0;
      g_array_append_val (frames, dt);
    }
  g_array_sort (frames, compare_doubles);
  printf ("network_map_pan_frame_ms %.1f ms\n", g_array_index (frames, double, frames->len / 2));
  printf ("network_map_pan_frame_p95_ms %.1f ms\n", g_array_index (frames, double, frames->len * 95 / 100));
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
bench_map (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "map.db", NULL);
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XarxaNetworkMap) map = NULL;
  g_autoptr(GError) error = NULL;
  double times[RUNS];
  guint n_nodes = 0;
  GRand *rand = g_rand_new_with_seed (2026);

  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (xarxa_store_begin (store, &error));
  for (guint c = 0; c < 100; c++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %u", kinds[c % G_N_ELEMENTS (kinds)],
                                               words[c % G_N_ELEMENTS (words)], c);

      g_ptr_array_add (clusters, create (store, "cluster", named ("name", name)));
    }
  for (guint e = 0; e < 1900; e++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", org_words[e % G_N_ELEMENTS (org_words)], e);
      g_autofree char *entity = create (store, "entity", named ("name", name));
      guint first = g_rand_int_range (rand, 0, 100);
      guint n = e % 5 == 0 ? 3 : e % 3 == 0 ? 2 : 1;

      for (guint k = 0; k < n; k++)
        g_free (add_member (store, clusters->pdata[(first + k * 37) % 100], entity, "member"));
    }
  g_assert_true (xarxa_store_commit (store, &error));
  g_rand_free (rand);

  for (guint run = 0; run < RUNS; run++)
    {
      double t0 = now_ms ();

      g_clear_pointer (&map, xarxa_network_map_unref);
      map = xarxa_network_map_load (store, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (xarxa_network_map_layout (map, &error));
      times[run] = now_ms () - t0;
      n_nodes = xarxa_network_map_get_n_nodes (map);
    }
  printf ("network_map_nodes %u nodes\n", n_nodes);
  printf ("network_map_layout_ms %.0f ms\n", median (times, RUNS));
  bench_pan (map);
}

static void
bench_search (XarxaStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint total = 0;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(XarxaQuery) query = xarxa_query_new ("cluster");
      g_autoptr(GArray) rows = NULL;
      g_autofree char *text = NULL;
      const char *word = words[(i * 7) % G_N_ELEMENTS (words)];
      double t0, dt;

      /* Prefixes of one or two words, a number, a member's name, accents
       * typed or not. */
      switch (i % 5)
        {
        case 0:
          text = g_strndup (word, 2 + i % 4);
          break;
        case 1:
          text = g_strdup_printf ("%s %.3s", kinds[i % G_N_ELEMENTS (kinds)], words[i % G_N_ELEMENTS (words)]);
          break;
        case 2:
          text = g_strdup_printf ("%u", i * 3 % N_CLUSTERS);
          break;
        case 3:
          text = g_strdup_printf ("%s %u", org_words[i % G_N_ELEMENTS (org_words)], i * 101 % N_ENTITIES);
          break;
        default:
          text = g_strdup (i % 2 ? "alimentacio" : "memoria");
          break;
        }
      xarxa_query_set_search (query, text);
      t0 = now_ms ();
      rows = xarxa_store_query_rowids (store, query, NULL);
      dt = now_ms () - t0;
      g_array_append_val (times, dt);
      total += rows != NULL ? rows->len : 0;
    }
  g_array_sort (times, compare_doubles);
  printf ("cluster_search_p50_ms %.2f ms\n", g_array_index (times, double, times->len / 2));
  printf ("cluster_search_p95_ms %.2f ms\n", g_array_index (times, double, times->len * 95 / 100));
  printf ("cluster_search_mean_hits %.1f rows\n", total / (double) times->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func (g_free);
  XarxaStore *store;

  ui_test_init (&argc, &argv);
  /* A benchmark reports; GTK's warnings are not its failures. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  store = test_open_store (&dir, &path);
  big = build_network (store, clusters);
  bench_search (store);
  bench_map (dir);
  bench_window (store, big, clusters->pdata[1]);
  test_close_store (&store, &dir, &path);
  return 0;
}
