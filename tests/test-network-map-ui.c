/* test-network-map-ui.c — the network map driven as a person would, under
 * Xvfb: opened from the Clusters view for the whole network and from a
 * cluster's page for that cluster, the list of bridging organisations in
 * order and following a change, a row that opens its organisation in the
 * directory, a cluster on
 * the drawing that opens its page, the zoom buttons, Back, and the page
 * that says there is nothing to draw yet.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-network-map-ui"

#include "config.h"

#include <string.h>

#include "xarxa-clusters-page.h"
#include "xarxa-directory-page.h"
#include "xarxa-entity-editor.h"
#include "xarxa-network-map-page.h"
#include "xarxa-network-map-view.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  char        *dir;
  char        *db;
  XarxaStore  *store;
  XarxaWindow *window;
  char        *water, *energy, *riu, *pont, *sol;
} Fixture;

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

static void
add_member (Fixture    *f,
            const char *cluster,
            const char *entity)
{
  g_autofree char *id = add_record (f, "cluster_member", "cluster_id", cluster, "entity_id", entity,
                                    "role", "member", NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_store (&f->dir, &f->db);
  /* Water (Riu, Pont) and Energy (Pont, Sol): Pont is the bridge. */
  if (data == NULL)
    {
      f->water = add_record (f, "cluster", "name", "Clúster Aigua", NULL);
      f->energy = add_record (f, "cluster", "name", "Clúster Energia", NULL);
      f->riu = test_add_entity (f->store, "Fundació Riu", NULL);
      f->pont = test_add_entity (f->store, "Cooperativa Pont", NULL);
      f->sol = test_add_entity (f->store, "Ateneu Sol", NULL);
      add_member (f, f->water, f->riu);
      add_member (f, f->water, f->pont);
      add_member (f, f->energy, f->pont);
      add_member (f, f->energy, f->sol);
    }
  f->window = ui_test_open_window (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  destroy_window (f->window);
  test_close_store (&f->store, &f->dir, &f->db);
  g_free (f->water);
  g_free (f->energy);
  g_free (f->riu);
  g_free (f->pont);
  g_free (f->sol);
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* The button under @root that activates @action: the map's way in from
 * the views, which know nothing else of it. */
static GtkWidget *
button_for (gpointer    root,
            const char *action)
{
  GtkWidget *button = find_descendant (GTK_WIDGET (root), has_action, action);

  g_assert_nonnull (button);
  return button;
}

/* A click: GtkButton's "activate" (Enter) clicks after a short flash. */
static void
click (gpointer button)
{
  g_signal_emit_by_name (button, "clicked");
  drain ();
}

static const char *
main_child (Fixture *f)
{
  return gtk_stack_get_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "main_stack"));
}

/* The map page once it has laid its map out. */
static XarxaNetworkMapPage *
map_page (Fixture *f)
{
  GtkWidget *page = gtk_stack_get_child_by_name (child (f->window, XARXA_TYPE_WINDOW, "main_stack"), "map");

  g_assert_nonnull (page);
  WAIT_FOR (!xarxa_network_map_page_is_loading (XARXA_NETWORK_MAP_PAGE (page)));
  drain ();
  return XARXA_NETWORK_MAP_PAGE (page);
}

static gpointer
map_child (Fixture    *f,
           const char *name)
{
  return child (map_page (f), XARXA_TYPE_NETWORK_MAP_PAGE, name);
}

static AdwActionRow *
bridge_row (Fixture *f,
            guint    index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (map_child (f, "bridge_list"), (int) index);

  g_assert_nonnull (row);
  return ADW_ACTION_ROW (row);
}

static void
test_bridges (Fixture       *f,
              gconstpointer  data)
{
  XarxaNetworkMapView *view;
  XarxaEntityEditor *editor;
  AdwActionRow *row;
  GtkWidget *map_button;
  XarxaNetworkMap *old_map;
  double zoom;

  /* The Clusters view's Network Map button. */
  adw_view_stack_set_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack"), "clusters");
  map_button = button_for (child (f->window, XARXA_TYPE_WINDOW, "clusters_page"), "win.show-network-map");
  WAIT_FOR (gtk_widget_get_mapped (map_button));
  click (map_button);
  g_assert_cmpstr (main_child (f), ==, "map");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (map_child (f, "stack")), ==, "map");
  g_assert_cmpstr (adw_window_title_get_subtitle (map_child (f, "window_title")), ==, "The whole network");

  /* Ctrl+N and Ctrl+F do not reach the view hidden behind the map. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint before = g_list_model_get_n_items (toplevels);

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL);
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
    drain ();
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before);
    g_assert_cmpstr (main_child (f), ==, "map");
  }

  view = map_child (f, "view");
  g_assert_cmpuint (xarxa_network_map_get_n_nodes (xarxa_network_map_view_get_map (view)), ==, 5);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (view)));

  /* The one bridge, with its betweenness and both its clusters. */
  row = bridge_row (f, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Cooperativa Pont");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Betweenness 0.67"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Clúster Aigua, Clúster Energia"));
  g_assert_null (gtk_list_box_get_row_at_index (map_child (f, "bridge_list"), 1));

  /* Each node is found where it is drawn: the map fitted in the view
   * with a margin of 24 pixels, and nowhere near the corners. */
  {
    XarxaNetworkMap *map = xarxa_network_map_view_get_map (view);
    double width = gtk_widget_get_width (GTK_WIDGET (view));
    double height = gtk_widget_get_height (GTK_WIDGET (view));
    double unit = MIN (width, height) - 48;

    for (guint i = 0; i < xarxa_network_map_get_n_nodes (map); i++)
      {
        const XarxaMapNode *node = xarxa_network_map_get_node (map, i);

        g_assert_cmpint (xarxa_network_map_view_node_at (view, (width - unit) / 2 + node->x * unit,
                                                         (height - unit) / 2 + node->y * unit), ==, (int) i);
      }
    g_assert_cmpint (xarxa_network_map_view_node_at (view, 1, 1), ==, -1);

    /* The arrow keys' action: Left shows what lies to the left, so the
     * drawing moves right by a tenth of the view. */
    g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));
    gtk_widget_activate_action (GTK_WIDGET (view), "map-view.pan", "(ii)", 1, 0);
    for (guint i = 0; i < xarxa_network_map_get_n_nodes (map); i++)
      {
        const XarxaMapNode *node = xarxa_network_map_get_node (map, i);

        g_assert_cmpint (xarxa_network_map_view_node_at (view, (width - unit) / 2 + node->x * unit + width / 10,
                                                         (height - unit) / 2 + node->y * unit), ==, (int) i);
      }
    g_assert_cmpfloat (xarxa_network_map_view_get_zoom (view), ==, 1.0);
  }

  /* The zoom buttons. */
  g_assert_cmpfloat (xarxa_network_map_view_get_zoom (view), ==, 1.0);
  click (map_child (f, "zoom_in_button"));
  g_assert_cmpfloat (xarxa_network_map_view_get_zoom (view), >, 1.4);
  click (map_child (f, "zoom_out_button"));
  click (map_child (f, "zoom_out_button"));
  g_assert_cmpfloat (xarxa_network_map_view_get_zoom (view), <, 1.0);
  click (map_child (f, "zoom_fit_button"));
  g_assert_cmpfloat (xarxa_network_map_view_get_zoom (view), ==, 1.0);
  /* Zoom has a limit, and the button says when it is reached. */
  for (guint i = 0; i < 20 && gtk_widget_is_sensitive (map_child (f, "zoom_in_button")); i++)
    click (map_child (f, "zoom_in_button"));
  g_assert_false (gtk_widget_is_sensitive (map_child (f, "zoom_in_button")));
  g_assert_cmpfloat (xarxa_network_map_view_get_zoom (view), >, 50);
  g_assert_true (gtk_widget_is_sensitive (map_child (f, "zoom_out_button")));
  click (map_child (f, "zoom_fit_button"));
  click (map_child (f, "zoom_in_button"));
  zoom = xarxa_network_map_view_get_zoom (view);
  g_assert_cmpfloat (zoom, >, 1.4);
  old_map = xarxa_network_map_view_get_map (view);

  /* A membership added while the map is shown: the map follows.  Riu and
   * Pont now both link Water and Energy, as much as each other. */
  g_free (add_record (f, "cluster_member", "cluster_id", f->energy, "entity_id", f->riu, "role", "member", NULL));
  WAIT_FOR (gtk_list_box_get_row_at_index (GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (map_page (f)),
                                                                                         XARXA_TYPE_NETWORK_MAP_PAGE,
                                                                                         "bridge_list")), 1) != NULL);
  /* Drawn anew, it keeps the zoom the person chose. */
  g_assert_true (xarxa_network_map_view_get_map (view) != old_map);
  g_assert_cmpfloat (xarxa_network_map_view_get_zoom (view), ==, zoom);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (bridge_row (f, 1))), ==, "Fundació Riu");
  row = bridge_row (f, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Cooperativa Pont");

  /* Activating the row opens the organisation in the directory. */
  gtk_widget_activate (GTK_WIDGET (row));
  drain ();
  g_assert_cmpstr (main_child (f), ==, "main");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack")),
                   ==, "directory");
  editor = XARXA_ENTITY_EDITOR (gtk_stack_get_child_by_name (child (child (f->window, XARXA_TYPE_WINDOW, "directory_page"),
                                                                    XARXA_TYPE_DIRECTORY_PAGE, "detail_stack"),
                                                             "editor"));
  g_assert_nonnull (editor);
  g_assert_cmpstr (xarxa_entity_editor_get_entity_id (editor), ==, f->pont);
}

/* From a cluster's page: its members and their other clusters; a
 * cluster on the drawing opens its page; Back returns. */
static void
test_one_cluster (Fixture       *f,
                  gconstpointer  data)
{
  XarxaClustersPage *clusters = child (f->window, XARXA_TYPE_WINDOW, "clusters_page");
  XarxaNetworkMapView *view;
  XarxaNetworkMap *map;
  GtkWidget *show_button;

  adw_view_stack_set_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack"), "clusters");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-cluster", "s", f->energy);
  drain ();
  g_assert_cmpstr (xarxa_clusters_page_get_shown_id (clusters), ==, f->energy);
  show_button = button_for (child (clusters, XARXA_TYPE_CLUSTERS_PAGE, "editor"), "win.show-cluster-map");
  WAIT_FOR (gtk_widget_get_mapped (show_button));
  click (show_button);

  g_assert_cmpstr (main_child (f), ==, "map");
  g_assert_cmpstr (adw_window_title_get_subtitle (map_child (f, "window_title")), ==, "Clúster Energia");
  view = map_child (f, "view");
  map = xarxa_network_map_view_get_map (view);
  /* Energy, Pont and Sol, and Pont's other cluster; not Riu. */
  g_assert_cmpuint (xarxa_network_map_get_n_nodes (map), ==, 4);
  g_assert_cmpint (xarxa_network_map_find_node (map, f->riu), <, 0);
  g_assert_cmpint (xarxa_network_map_find_node (map, f->water), >=, 0);

  /* Back, then the map again: a click on Water opens Water. */
  click (map_child (f, "back_button"));
  g_assert_cmpstr (main_child (f), ==, "main");
  click (show_button);
  view = map_child (f, "view");
  map = xarxa_network_map_view_get_map (view);
  g_signal_emit_by_name (view, "node-activated", (guint) xarxa_network_map_find_node (map, f->water));
  drain ();
  g_assert_cmpstr (main_child (f), ==, "main");
  g_assert_cmpstr (xarxa_clusters_page_get_shown_id (clusters), ==, f->water);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  AdwStatusPage *empty;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-network-map", "s", "");
  g_assert_cmpstr (main_child (f), ==, "map");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (map_child (f, "stack")), ==, "empty");
  empty = map_child (f, "empty_page");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Memberships Yet");
  g_assert_false (gtk_widget_is_sensitive (map_child (f, "zoom_in_button")));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/network-map-ui/bridges", Fixture, NULL, fixture_set_up, test_bridges, fixture_tear_down);
  g_test_add ("/network-map-ui/one-cluster", Fixture, NULL, fixture_set_up, test_one_cluster, fixture_tear_down);
  g_test_add ("/network-map-ui/empty", Fixture, "empty", fixture_set_up, test_empty, fixture_tear_down);

  return g_test_run ();
}
