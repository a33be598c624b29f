/* test-cluster-indicators-ui.c — a cluster's objectives, indicators and
 * measurements on its page, driven as a person would, under Xvfb.
 *
 * An objective added through Add Objective, an indicator broken down by
 * gender through Add Indicator, its fields typed in, two measurements
 * through Add Measurement; the progress on the row, the row's subtitle
 * and the chart's accessible name are what the core computes; a value
 * that is not a number is refused on its row and nothing is saved; a
 * measurement the store refuses (an indicator of another cluster) says
 * why.  What a closed row holds (an objective's indicators, an
 * indicator's chart and measurements) is made when it is first opened.
 *
 * XARXA_SHOT_PNG=DIR saves a picture of the window there, to look at.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cluster-indicators-ui"

#include "config.h"

#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-cluster.h"
#include "xarxa-cluster-editor.h"
#include "xarxa-cluster-objectives.h"
#include "xarxa-example.h"
#include "xarxa-clusters-page.h"
#include "xarxa-field-row.h"
#include "xarxa-i18n.h"
#include "xarxa-indicator-chart.h"
#include "xarxa-records-group.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  char              *dir;
  char              *db;
  XarxaStore        *store;
  XarxaWindow       *window;
  XarxaClustersPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_store (&f->dir, &f->db);
  f->window = ui_test_open_window (f->store);
  f->page = child (f->window, XARXA_TYPE_WINDOW, "clusters_page");
  adw_view_stack_set_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack"), "clusters");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static gboolean
is_message_dialog (GtkWidget     *widget,
                   gconstpointer  heading)
{
  return ADW_IS_MESSAGE_DIALOG (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (widget)), heading) == 0;
}

/* The visible message dialog whose heading is @heading, if any. */
static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (is_message_dialog (window, heading))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ("Add Objective")) != NULL || (dialog = find_dialog ("Add Indicator")) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (f->window);
  test_close_store (&f->store, &f->dir, &f->db);
}

static char *
add_record (Fixture    *f,
            const char *type_name,
            ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;
  char *id;

  va_start (args, type_name);
  while ((field = va_arg (args, const char *)) != NULL)
    json_object_set_string_member (values, field, va_arg (args, const char *));
  va_end (args);
  id = xarxa_store_create_record (f->store, type_name, values, &error);
  g_assert_no_error (error);
  return id;
}

static XarxaClusterObjectives *
objectives (Fixture *f)
{
  GtkWidget *editor = child (f->page, XARXA_TYPE_CLUSTERS_PAGE, "editor");

  return child (editor, XARXA_TYPE_CLUSTER_EDITOR, "objectives");
}

/* A records group of type @data (a type name). */
static gboolean
is_group_of (GtkWidget     *widget,
             gconstpointer  data)
{
  return XARXA_IS_RECORDS_GROUP (widget) &&
         g_strcmp0 (xarxa_records_group_get_type_name (XARXA_RECORDS_GROUP (widget)), data) == 0;
}

static gboolean
is_field_row (GtkWidget     *widget,
              gconstpointer  data)
{
  return XARXA_IS_FIELD_ROW (widget) && g_strcmp0 (xarxa_field_row_get_field (XARXA_FIELD_ROW (widget)), data) == 0;
}

static gboolean
is_a (GtkWidget     *widget,
      gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_shown_switch (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SWITCH (widget) && gtk_widget_get_visible (widget);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

static GtkWidget *
descendant (GtkWidget     *root,
            WidgetMatch    match,
            gconstpointer  data)
{
  GtkWidget *found = find_descendant (root, match, data);

  g_assert_nonnull (found);
  return found;
}

/* Clicks the Add button in @group's header. */
static void
click_add (GtkWidget *group)
{
  GtkWidget *button = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group));

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* In the dialog called @heading, types @text and answers Add. */
static void
answer (const char *heading,
        const char *text)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  WAIT_FOR ((dialog = find_dialog (heading)) != NULL);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
}

static char *
only_child_id (Fixture    *f,
               const char *type_name,
               const char *field,
               const char *parent_id)
{
  g_autoptr(GPtrArray) records = xarxa_cluster_children (f->store, type_name, field, parent_id, NULL);

  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 1);
  return g_strdup (json_object_get_string_member (records->pdata[0], "id"));
}

static double
stored_number (Fixture    *f,
               const char *type_name,
               const char *id,
               const char *field)
{
  g_autoptr(JsonObject) record = xarxa_store_get_record (f->store, type_name, id, NULL);

  return json_object_get_double_member (record, field);
}

/* Types the measurement's day and values into its row. */
static void
fill_measurement (GtkWidget  *row,
                  const char *day,
                  const char *value,
                  const char *women,
                  const char *men)
{
  set_and_apply (descendant (row, is_field_row, "measured_on"), day);
  set_and_apply (descendant (row, is_field_row, "value"), value);
  set_and_apply (descendant (row, is_field_row, "value_women"), women);
  set_and_apply (descendant (row, is_field_row, "value_men"), men);
}

static void
painted_cb (GdkFrameClock *clock,
            guint         *n)
{
  (*n)++;
}

/* Runs the main loop until the window has been laid out and painted
 * twice, so that every allocation is current. */
static void
wait_for_paint (Fixture *f)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  guint n = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &n);

  gtk_widget_queue_resize (GTK_WIDGET (f->window));
  WAIT_FOR (n >= 2);
  g_signal_handler_disconnect (clock, id);
}

static void
save_shot (Fixture    *f,
           const char *name)
{
  const char *dir = g_getenv ("XARXA_SHOT_PNG");
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  wait_for_paint (f);
  snapshot = gtk_snapshot_new ();
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  GTK_WIDGET_GET_CLASS (f->window)->snapshot (GTK_WIDGET (f->window), snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

static void
test_indicators (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *cluster = NULL;
  g_autofree char *objective = NULL;
  g_autofree char *indicator = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autofree char *mismatch = NULL;
  GtkWidget *objectives_group, *objective_row, *indicators_group, *indicator_row;
  GtkWidget *measurements_group, *measurement_row, *value_row, *chart;
  const char *summary;

  ui_test_create_through_dialog (f->window, "new-cluster-dialog", "Clúster Igualtat");
  cluster = g_strdup (xarxa_clusters_page_get_shown_id (f->page));
  g_assert_nonnull (cluster);

  /* Add Objective asks its title. */
  objectives_group = child (objectives (f), XARXA_TYPE_CLUSTER_OBJECTIVES, "objectives_group");
  click_add (objectives_group);
  answer ("Add Objective", "Equal say in governance");
  objective = only_child_id (f, "objective", "cluster_id", cluster);
  objective_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (objectives_group), objective);
  g_assert_nonnull (objective_row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (objective_row)));

  /* Add Indicator under it: in the objective and in the cluster. */
  indicators_group = descendant (objective_row, is_group_of, "indicator");
  click_add (indicators_group);
  answer ("Add Indicator", "Women on governing boards");
  indicator = only_child_id (f, "indicator", "objective_id", objective);
  {
    g_autofree char *in_cluster = stored_string (f->store, "indicator", indicator, "cluster_id");

    g_assert_cmpstr (in_cluster, ==, cluster);
  }
  indicator_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (indicators_group), indicator);
  g_assert_nonnull (indicator_row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (indicator_row)));

  /* Its fields, typed in place. */
  set_and_apply (descendant (indicator_row, is_field_row, "unit"), "%");
  set_and_apply (descendant (indicator_row, is_field_row, "baseline"), "20");
  set_and_apply (descendant (indicator_row, is_field_row, "target"), "50");
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (descendant (indicator_row, is_a,
                                                                             GSIZE_TO_POINTER (XARXA_TYPE_CHOICE_DROP_DOWN))),
                                          "up");
  /* The row's own switch, not the expander's hidden one. */
  gtk_switch_set_active (GTK_SWITCH (descendant (indicator_row, is_shown_switch, NULL)), TRUE);
  drain ();
  g_assert_cmpfloat (stored_number (f, "indicator", indicator, "target"), ==, 50);
  {
    g_autofree char *direction = stored_string (f->store, "indicator", indicator, "direction");
    g_autoptr(JsonObject) record = xarxa_store_get_record (f->store, "indicator", indicator, NULL);

    g_assert_cmpstr (direction, ==, "up");
    g_assert_true (json_object_get_boolean_member (record, "gender_breakdown"));
  }
  /* No measurement yet: no progress. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (descendant (indicator_row, is_named, "indicator-progress"))), ==, "—");

  /* Two measurements through Add Measurement, each with values for women
   * and men now that the indicator is broken down. */
  measurements_group = descendant (indicator_row, is_group_of, "indicator_value");
  click_add (measurements_group);
  drain ();
  first = only_child_id (f, "indicator_value", "indicator_id", indicator);
  measurement_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (measurements_group), first);
  g_assert_nonnull (measurement_row);
  fill_measurement (measurement_row, "2025-01-15", "26", "10", "16");

  click_add (measurements_group);
  drain ();
  {
    g_autoptr(GPtrArray) all = xarxa_cluster_children (f->store, "indicator_value", "indicator_id", indicator, NULL);

    g_assert_cmpuint (all->len, ==, 2);
    for (guint i = 0; i < all->len; i++)
      if (g_strcmp0 (json_object_get_string_member (all->pdata[i], "id"), first) != 0)
        second = g_strdup (json_object_get_string_member (all->pdata[i], "id"));
  }
  measurement_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (measurements_group), second);
  g_assert_nonnull (measurement_row);
  fill_measurement (measurement_row, "2026-01-15", "35", "18", "17");
  drain ();

  /* What the row and the chart show is what the core computes. */
  json = xarxa_indicator_to_json (f->store, indicator, NULL);
  summary = json_object_get_string_member (json, "summary");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json, "progress"), 0.5, 1e-9);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (descendant (indicator_row, is_named, "indicator-progress"))), ==, "50 %");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (indicator_row)), ==, summary);
  g_assert_nonnull (strstr (summary, "half way"));
  g_clear_pointer (&mismatch, g_free);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (indicator_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                 summary);
  g_assert_null (mismatch);
  chart = descendant (indicator_row, is_a, GSIZE_TO_POINTER (XARXA_TYPE_INDICATOR_CHART));
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, summary);
  g_assert_null (mismatch);
  {
    XarxaChart *drawn = xarxa_indicator_chart_get_chart (XARXA_INDICATOR_CHART (chart));

    g_assert_nonnull (xarxa_chart_series (drawn, XARXA_CHART_WOMEN));
    g_assert_nonnull (xarxa_chart_series (drawn, XARXA_CHART_MEN));
    g_assert_cmpuint (xarxa_chart_series (drawn, XARXA_CHART_TOTAL)->points->len, ==, 2);
  }
  /* The measurements read newest first, with their values by gender. */
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (measurement_row)), ==,
                   "35 % (women 18 %, men 17 %)");
  if (g_getenv ("XARXA_SHOT_PNG") != NULL)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (objectives (f)), GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      double x, y;

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (measurement_row), FALSE);
      wait_for_paint (f);
      g_assert_true (gtk_widget_translate_coordinates (indicator_row, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                       0, 0, &x, &y));
      gtk_adjustment_set_value (adjustment, y - 120);
      save_shot (f, "indicators");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      save_shot (f, "indicators-dark");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
      gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
      wait_for_paint (f);
      adw_leaflet_navigate (ADW_LEAFLET (descendant (GTK_WIDGET (f->page), is_a, GSIZE_TO_POINTER (ADW_TYPE_LEAFLET))),
                            ADW_NAVIGATION_DIRECTION_FORWARD);
      wait_for_paint (f);
      g_assert_true (gtk_widget_translate_coordinates (indicator_row, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                       0, 0, &x, &y));
      gtk_adjustment_set_value (adjustment, y - 60);
      wait_for_paint (f);
      gtk_adjustment_set_value (adjustment, y - 60);
      save_shot (f, "indicators-narrow");
      g_assert_true (gtk_widget_translate_coordinates (chart, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                       0, 0, &x, &y));
      gtk_adjustment_set_value (adjustment, y - 250);
      wait_for_paint (f);
      gtk_adjustment_set_value (adjustment, y - 250);
      save_shot (f, "indicators-narrow-chart");
    }

  /* Narrow windows still fit, charts and all. */
  {
    int min;

    gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <=, 360);
  }

  /* A value that is not a number: refused on its row, nothing saved, the
   * progress unchanged. */
  value_row = descendant (measurement_row, is_field_row, "value");
  set_and_apply (value_row, "thirty");
  g_assert_true (gtk_widget_has_css_class (value_row, "error"));
  g_assert_cmpfloat (stored_number (f, "indicator_value", second, "value"), ==, 35);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (descendant (indicator_row, is_named, "indicator-progress"))), ==, "50 %");

  /* The cluster's own progress counts the indicator. */
  {
    double progress = 0;

    g_assert_true (xarxa_cluster_progress (f->store, cluster, &progress, NULL));
    g_assert_cmpfloat_with_epsilon (progress, 0.5, 1e-9);
  }
}

/* An indicator listed under this cluster's objective but belonging to
 * another cluster: the store refuses a measurement of it here, and the
 * toast says why; an indicator with no objective is listed apart. */
static void
test_refused_and_loose (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *other = add_record (f, "cluster", "name", "Clúster Aigua", NULL);
  g_autofree char *cluster = NULL;
  g_autofree char *objective = NULL;
  g_autofree char *stray = NULL;
  g_autofree char *loose = NULL;
  GtkWidget *objectives_group, *objective_row, *indicator_row, *loose_group;

  ui_test_create_through_dialog (f->window, "new-cluster-dialog", "Clúster Igualtat");
  cluster = g_strdup (xarxa_clusters_page_get_shown_id (f->page));
  objective = add_record (f, "objective", "cluster_id", cluster, "title", "Equal say", NULL);
  stray = add_record (f, "indicator", "cluster_id", other, "objective_id", objective, "name", "Water use", NULL);
  loose = add_record (f, "indicator", "cluster_id", cluster, "name", "Shared vans", NULL);

  objectives_group = child (objectives (f), XARXA_TYPE_CLUSTER_OBJECTIVES, "objectives_group");
  loose_group = child (objectives (f), XARXA_TYPE_CLUSTER_OBJECTIVES, "loose_group");
  WAIT_FOR ((objective_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (objectives_group), objective)) != NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (objective_row), TRUE);
  WAIT_FOR ((indicator_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (descendant (objective_row, is_group_of, "indicator")), stray)) != NULL);

  /* Its measurements are listed once it is opened. */
  g_assert_null (find_descendant (indicator_row, is_group_of, "indicator_value"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (indicator_row), TRUE);
  click_add (descendant (indicator_row, is_group_of, "indicator_value"));
  drain ();
  g_assert_cmpint (xarxa_store_count (f->store, "indicator_value"), ==, 0);
  g_assert_nonnull (find_descendant (GTK_WIDGET (f->window), label_contains, "Record the measurement in its own cluster"));

  /* Not lost: the indicator without an objective has its own list. */
  WAIT_FOR (xarxa_records_group_get_row (XARXA_RECORDS_GROUP (loose_group), loose) != NULL);
  g_assert_true (gtk_widget_get_visible (loose_group));
  g_assert_cmpuint (xarxa_records_group_get_n_records (XARXA_RECORDS_GROUP (loose_group)), ==, 1);
  /* Once it has an objective, it moves there and the list goes. */
  {
    g_autoptr(JsonObject) values = json_object_new ();
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (values, "objective_id", objective);
    xarxa_store_update_record (f->store, "indicator", loose, values, &error);
    g_assert_no_error (error);
  }
  WAIT_FOR (!gtk_widget_get_visible (loose_group));
  WAIT_FOR (xarxa_records_group_get_n_records (XARXA_RECORDS_GROUP (descendant (objective_row, is_group_of, "indicator"))) == 2);

  /* The objective removed: its indicator of this cluster is listed apart
   * again, not lost with it. */
  {
    g_autoptr(GError) error = NULL;

    xarxa_store_delete_record (f->store, "objective", objective, &error);
    g_assert_no_error (error);
  }
  WAIT_FOR (gtk_widget_get_visible (loose_group) &&
            xarxa_records_group_get_row (XARXA_RECORDS_GROUP (loose_group), loose) != NULL);
  g_assert_cmpuint (xarxa_records_group_get_n_records (XARXA_RECORDS_GROUP (loose_group)), ==, 1);
}

/* The example network's indicators broken down by gender show, in their
 * cluster's page, the progress and summary the core computes, and their
 * chart draws a line per gender. */
static void
test_example (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new ("indicator");
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;
  guint n_checked = 0;

  g_assert_true (xarxa_example_load (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
  indicators = xarxa_store_query_records (f->store, query, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < indicators->len; i++)
    {
      JsonObject *indicator = indicators->pdata[i];
      const char *id = json_object_get_string_member (indicator, "id");
      g_autoptr(JsonObject) json = NULL;
      g_autofree char *mismatch = NULL;
      GtkWidget *objectives_group, *objective_row, *indicator_row, *chart;
      XarxaChart *drawn;

      if (!json_object_get_boolean_member_with_default (indicator, "gender_breakdown", FALSE) ||
          json_object_get_null_member (indicator, "objective_id"))
        continue;
      xarxa_clusters_page_open_cluster (f->page, json_object_get_string_member (indicator, "cluster_id"));
      objectives_group = child (objectives (f), XARXA_TYPE_CLUSTER_OBJECTIVES, "objectives_group");
      WAIT_FOR ((objective_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (objectives_group),
                                                                json_object_get_string_member (indicator, "objective_id"))) != NULL);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (objective_row), TRUE);
      indicator_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (descendant (objective_row, is_group_of, "indicator")), id);
      g_assert_nonnull (indicator_row);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (indicator_row), TRUE);

      json = xarxa_indicator_to_json (f->store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (indicator_row)), ==,
                       json_object_get_string_member (json, "summary"));
      chart = descendant (indicator_row, is_a, GSIZE_TO_POINTER (XARXA_TYPE_INDICATOR_CHART));
      mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     json_object_get_string_member (json, "summary"));
      g_assert_null (mismatch);
      drawn = xarxa_indicator_chart_get_chart (XARXA_INDICATOR_CHART (chart));
      g_assert_nonnull (xarxa_chart_series (drawn, XARXA_CHART_WOMEN));
      n_checked++;

      if (g_getenv ("XARXA_SHOT_PNG") != NULL)
        {
          GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (objectives (f)), GTK_TYPE_SCROLLED_WINDOW);
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
          double x, y;

          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (objective_row), TRUE);
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (indicator_row), TRUE);
          gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
          wait_for_paint (f);
          adw_leaflet_navigate (ADW_LEAFLET (descendant (GTK_WIDGET (f->page), is_a, GSIZE_TO_POINTER (ADW_TYPE_LEAFLET))),
                                ADW_NAVIGATION_DIRECTION_FORWARD);
          wait_for_paint (f);
          g_assert_true (gtk_widget_translate_coordinates (chart, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                           0, 0, &x, &y));
          gtk_adjustment_set_value (adjustment, y - 300);
          wait_for_paint (f);
          gtk_adjustment_set_value (adjustment, y - 300);
          save_shot (f, "example-narrow");
        }
    }
  /* The example has one such indicator at least. */
  g_assert_cmpuint (n_checked, >=, 1);
}

static void
add_measurement (Fixture    *f,
                 const char *cluster,
                 const char *indicator,
                 const char *day,
                 double      value)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (values, "cluster_id", cluster);
  json_object_set_string_member (values, "indicator_id", indicator);
  json_object_set_string_member (values, "measured_on", day);
  json_object_set_double_member (values, "value", value);
  g_free (xarxa_store_create_record (f->store, "indicator_value", values, &error));
  g_assert_no_error (error);
}

static char *
add_indicator (Fixture    *f,
               const char *cluster,
               const char *objective,
               const char *name)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, "cluster_id", cluster);
  json_object_set_string_member (values, "objective_id", objective);
  json_object_set_string_member (values, "name", name);
  json_object_set_string_member (values, "unit", "%");
  json_object_set_double_member (values, "baseline", 20);
  json_object_set_double_member (values, "target", 50);
  json_object_set_string_member (values, "direction", "up");
  id = xarxa_store_create_record (f->store, "indicator", values, &error);
  g_assert_no_error (error);
  return id;
}

/* What is inside a closed row is made when it is first opened: a page of
 * many objectives opens with no indicator row and no chart made, and
 * each appears, right, when its row is opened. */
static void
test_made_when_opened (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *cluster = add_record (f, "cluster", "name", "Clúster Igualtat", NULL);
  g_autofree char *first = add_record (f, "objective", "cluster_id", cluster, "title", "Equal say", NULL);
  g_autofree char *second = add_record (f, "objective", "cluster_id", cluster, "title", "Fair pay", NULL);
  g_autofree char *boards = add_indicator (f, cluster, first, "Women on boards");
  g_autofree char *assemblies = add_indicator (f, cluster, first, "Women speaking in assemblies");
  g_autofree char *pay = add_indicator (f, cluster, second, "Pay gap closed");
  g_autoptr(JsonObject) json = NULL;
  g_autofree char *mismatch = NULL;
  GtkWidget *editor, *objectives_group, *first_row, *second_row, *indicators_group, *boards_row, *chart;
  XarxaChart *drawn;

  add_measurement (f, cluster, boards, "2025-01-15", 26);
  add_measurement (f, cluster, boards, "2026-01-15", 35);
  add_measurement (f, cluster, pay, "2025-06-01", 30);
  xarxa_clusters_page_open_cluster (f->page, cluster);
  editor = child (f->page, XARXA_TYPE_CLUSTERS_PAGE, "editor");
  objectives_group = child (objectives (f), XARXA_TYPE_CLUSTER_OBJECTIVES, "objectives_group");
  WAIT_FOR ((first_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (objectives_group), first)) != NULL);
  second_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (objectives_group), second);
  g_assert_nonnull (second_row);
  drain ();

  /* Closed: counted, not made. */
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (first_row)), ==, "2 indicators");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (second_row)), ==, "1 indicator");
  g_assert_null (find_descendant (editor, is_group_of, "indicator_value"));
  g_assert_null (find_descendant (first_row, is_group_of, "indicator"));
  g_assert_null (find_descendant (editor, is_a, GSIZE_TO_POINTER (XARXA_TYPE_INDICATOR_CHART)));

  /* The objective opened: its indicators, each with the progress and
   * summary the core computes, their charts still not made. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (first_row), TRUE);
  indicators_group = descendant (first_row, is_group_of, "indicator");
  g_assert_cmpuint (xarxa_records_group_get_n_records (XARXA_RECORDS_GROUP (indicators_group)), ==, 2);
  boards_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (indicators_group), boards);
  g_assert_nonnull (boards_row);
  json = xarxa_indicator_to_json (f->store, boards, NULL);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (descendant (boards_row, is_named, "indicator-progress"))), ==, "50 %");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (boards_row)), ==,
                   json_object_get_string_member (json, "summary"));
  g_assert_null (find_descendant (editor, is_a, GSIZE_TO_POINTER (XARXA_TYPE_INDICATOR_CHART)));
  g_assert_null (find_descendant (second_row, is_group_of, "indicator"));

  /* A measurement while the row is closed: its figures follow. */
  add_measurement (f, cluster, boards, "2026-06-15", 41);
  g_clear_pointer (&json, json_object_unref);
  json = xarxa_indicator_to_json (f->store, boards, NULL);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (descendant (boards_row, is_named, "indicator-progress"))), ==, "70 %");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (boards_row)), ==,
                   json_object_get_string_member (json, "summary"));

  /* The indicator opened: its chart, drawn from all three measurements,
   * and its measurements listed. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (boards_row), TRUE);
  chart = descendant (boards_row, is_a, GSIZE_TO_POINTER (XARXA_TYPE_INDICATOR_CHART));
  drawn = xarxa_indicator_chart_get_chart (XARXA_INDICATOR_CHART (chart));
  g_assert_nonnull (drawn);
  g_assert_cmpuint (xarxa_chart_series (drawn, XARXA_CHART_TOTAL)->points->len, ==, 3);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                 json_object_get_string_member (json, "summary"));
  g_assert_null (mismatch);
  g_assert_cmpuint (xarxa_records_group_get_n_records (XARXA_RECORDS_GROUP (descendant (boards_row, is_group_of,
                                                                                      "indicator_value"))), ==, 3);
  /* Only that one. */
  g_assert_null (find_descendant (xarxa_records_group_get_row (XARXA_RECORDS_GROUP (indicators_group), assemblies),
                                  is_a, GSIZE_TO_POINTER (XARXA_TYPE_INDICATOR_CHART)));

  /* Another cluster, then this one again: closed, nothing made. */
  xarxa_clusters_page_open_cluster (f->page, NULL);
  xarxa_clusters_page_open_cluster (f->page, cluster);
  WAIT_FOR ((first_row = xarxa_records_group_get_row (XARXA_RECORDS_GROUP (objectives_group), first)) != NULL);
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (first_row)));
  g_assert_null (find_descendant (editor, is_a, GSIZE_TO_POINTER (XARXA_TYPE_INDICATOR_CHART)));
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend keeps what a screen reader would get. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ui_test_init (&argc, &argv);
  /* To look at the pictures in another language (XARXA_SHOT_PNG). */
  if (g_getenv ("XARXA_SHOT_LANGUAGE") != NULL)
    {
      g_setenv ("LANGUAGE", g_getenv ("XARXA_SHOT_LANGUAGE"), TRUE);
      xarxa_i18n_init ();
    }
  g_test_add ("/cluster-indicators-ui/indicators", Fixture, NULL, fixture_set_up, test_indicators, fixture_tear_down);
  g_test_add ("/cluster-indicators-ui/example", Fixture, NULL, fixture_set_up, test_example, fixture_tear_down);
  g_test_add ("/cluster-indicators-ui/made-when-opened", Fixture, NULL, fixture_set_up, test_made_when_opened,
              fixture_tear_down);
  g_test_add ("/cluster-indicators-ui/refused-and-loose", Fixture, NULL, fixture_set_up, test_refused_and_loose,
              fixture_tear_down);
  return g_test_run ();
}
