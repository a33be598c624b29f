/* xarxa-network-map-page.c — the network map in the window (see
 * xarxa-network-map-page.h).
 *
 * The map is read and laid out in a thread (xarxa_network_map_new_async)
 * on its own connection; a newer request cancels an older one, and a
 * change to memberships, clusters or organisations while the map is on
 * screen (made here or by sync) lays it out again.  On a
 * narrow window the leaflet folds, and a header button switches between
 * the drawing and the list.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-network-map-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-network-map.h"
#include "xarxa-network-map-page.h"
#include "xarxa-network-map-view.h"
#include "xarxa-values.h"

/* A list of thousands of rows helps nobody; the drawing shows them all. */
#define MAX_BRIDGE_ROWS 200

struct _XarxaNetworkMapPage
{
  AdwBin               parent_instance;

  GCancellable        *cancellable;
  XarxaStore          *store;
  char                *cluster_id;
  guint                reload_source;

  GtkWidget           *back_button;
  AdwWindowTitle      *window_title;
  GtkToggleButton     *list_button;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *error_page;
  GtkWidget           *zoom_in_button;
  GtkWidget           *zoom_out_button;
  GtkWidget           *zoom_fit_button;
  AdwLeaflet          *leaflet;
  XarxaNetworkMapView *view;
  GtkWidget           *sidebar;
  GtkListBox          *bridge_list;
};

G_DEFINE_FINAL_TYPE (XarxaNetworkMapPage, xarxa_network_map_page, ADW_TYPE_BIN)

enum
{
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_zoom_actions (XarxaNetworkMapPage *self)
{
  gboolean shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "map") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-in",
                                 shown && xarxa_network_map_view_can_zoom_in (self->view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-out",
                                 shown && xarxa_network_map_view_can_zoom_out (self->view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-fit", shown);
}

static void
zoom_changed_cb (XarxaNetworkMapPage *self)
{
  update_zoom_actions (self);
}

static void
open_node (XarxaNetworkMapPage *self,
           const XarxaMapNode  *node)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ss)",
                              node->kind == XARXA_MAP_NODE_CLUSTER ? "cluster" : "entity", node->id);
}

static void
node_activated_cb (XarxaNetworkMapPage *self,
                   guint                index)
{
  XarxaNetworkMap *map = xarxa_network_map_view_get_map (self->view);

  if (map != NULL && index < xarxa_network_map_get_n_nodes (map))
    open_node (self, xarxa_network_map_get_node (map, index));
}

static void
bridge_activated_cb (XarxaNetworkMapPage *self,
                     GtkListBoxRow       *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "entity-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ss)", "entity", id);
}

static void
leaflet_changed_cb (XarxaNetworkMapPage *self)
{
  gboolean list = adw_leaflet_get_folded (self->leaflet) &&
                  adw_leaflet_get_visible_child (self->leaflet) == self->sidebar;

  if (gtk_toggle_button_get_active (self->list_button) != list)
    gtk_toggle_button_set_active (self->list_button, list);
}

static void
list_toggled_cb (XarxaNetworkMapPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet,
                                 gtk_toggle_button_get_active (self->list_button)
                                 ? self->sidebar : GTK_WIDGET (self->view));
}

static GtkWidget *
bridge_row (XarxaNetworkMap *map,
            guint            index)
{
  const XarxaMapNode *node = xarxa_network_map_get_node (map, index);
  g_autoptr(GString) clusters = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *figure = g_strdup_printf ("%.2f", node->betweenness);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", "go-next-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);
  guint n;
  const guint *neighbours = xarxa_network_map_get_neighbours (map, index, &n);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        /* Translators: between the names of an organisation's clusters. */
        g_string_append (clusters, _(", "));
      g_string_append (clusters, xarxa_network_map_get_node (map, neighbours[i])->name);
    }
  /* Translators: a bridging organisation's betweenness (0.00 to 1.00),
   * then its clusters: "Betweenness 0.42 · Aigua, Energia". */
  subtitle = g_strdup_printf (_("Betweenness %s · %s"), figure, clusters->str);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), node->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data_full (G_OBJECT (row), "entity-id", g_strdup (node->id), g_free);
  return row;
}

static void
fill_bridges (XarxaNetworkMapPage *self,
              XarxaNetworkMap     *map)
{
  GtkWidget *row;
  guint n;
  const guint *bridges = xarxa_network_map_get_bridges (map, &n);

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->bridge_list))) != NULL)
    gtk_list_box_remove (self->bridge_list, row);
  for (guint i = 0; i < MIN (n, MAX_BRIDGE_ROWS); i++)
    gtk_list_box_append (self->bridge_list, bridge_row (map, bridges[i]));
  if (n > MAX_BRIDGE_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more, on the map.",
                                                            "And %u more, on the map.",
                                                            n - MAX_BRIDGE_ROWS),
                                               n - MAX_BRIDGE_ROWS);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->bridge_list, row);
    }
  if (n == 0)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No organisation is in two of these clusters yet."));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->bridge_list, row);
    }
}

static void
map_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(XarxaNetworkMapPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaNetworkMap) map = xarxa_network_map_new_finish (result, &error);

  /* A newer request took over; its own answer will come. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  if (map == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (xarxa_network_map_get_n_edges (map) == 0 && xarxa_network_map_get_cluster_id (map) == NULL)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    {
      xarxa_network_map_view_set_map (self->view, map);
      fill_bridges (self, map);
      gtk_stack_set_visible_child_name (self->stack, "map");
    }
  update_zoom_actions (self);
}

/* Reads and lays out the map again; @quietly keeps the drawing on screen
 * until the new one is ready (a change made while it is shown). */
static void
load (XarxaNetworkMapPage *self,
      gboolean             quietly)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (!quietly)
    {
      xarxa_network_map_view_set_map (self->view, NULL);
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      update_zoom_actions (self);
    }
  xarxa_network_map_new_async (xarxa_store_get_path (self->store), self->cluster_id, self->cancellable,
                               map_ready_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  XarxaNetworkMapPage *self = user_data;

  self->reload_source = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* A membership, cluster or organisation changed (here or by sync): the
 * map on screen follows, once the changes have settled.  A map not on
 * screen is read again when it is next shown. */
static void
store_changed_cb (XarxaNetworkMapPage *self)
{
  if (self->reload_source == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->reload_source = g_timeout_add (300, reload_cb, self);
}

void
xarxa_network_map_page_show (XarxaNetworkMapPage *self,
                             XarxaStore          *store,
                             const char          *cluster_id)
{
  static const char *const watched[] = {
    "changed::cluster_member", "changed::cluster", "changed::entity",
  };
  g_autoptr(JsonObject) cluster = NULL;

  g_return_if_fail (XARXA_IS_NETWORK_MAP_PAGE (self));
  g_return_if_fail (XARXA_IS_STORE (store));

  if (store != self->store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_data (self->store, self);
      g_set_object (&self->store, store);
      for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
        g_signal_connect_object (store, watched[i], G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_free (self->cluster_id);
  self->cluster_id = g_strdup (cluster_id);

  if (cluster_id != NULL)
    cluster = xarxa_store_get_live_record (store, "cluster", cluster_id);
  adw_window_title_set_subtitle (self->window_title,
                                 cluster != NULL ? xarxa_value_string_of (cluster, "name")
                                                 : _("The whole network"));
  /* Keys work on the page at once: Escape leaves, Tab reaches the list. */
  gtk_widget_grab_focus (self->back_button);
  load (self, FALSE);
}

gboolean
xarxa_network_map_page_is_loading (XarxaNetworkMapPage *self)
{
  g_return_val_if_fail (XARXA_IS_NETWORK_MAP_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

GtkWidget *
xarxa_network_map_page_new (void)
{
  return g_object_new (XARXA_TYPE_NETWORK_MAP_PAGE, NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  XarxaNetworkMapPage *self = XARXA_NETWORK_MAP_PAGE (widget);

  if (g_str_equal (action_name, "map.zoom-in"))
    xarxa_network_map_view_zoom_in (self->view);
  else if (g_str_equal (action_name, "map.zoom-out"))
    xarxa_network_map_view_zoom_out (self->view);
  else
    xarxa_network_map_view_zoom_fit (self->view);
}

static void
xarxa_network_map_page_dispose (GObject *object)
{
  XarxaNetworkMapPage *self = XARXA_NETWORK_MAP_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_network_map_page_parent_class)->dispose (object);
}

static void
xarxa_network_map_page_finalize (GObject *object)
{
  XarxaNetworkMapPage *self = XARXA_NETWORK_MAP_PAGE (object);

  g_free (self->cluster_id);

  G_OBJECT_CLASS (xarxa_network_map_page_parent_class)->finalize (object);
}

static void
xarxa_network_map_page_class_init (XarxaNetworkMapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_network_map_page_dispose;
  object_class->finalize = xarxa_network_map_page_finalize;

  /* The person leaves the map (Back, Escape). */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (XARXA_TYPE_NETWORK_MAP_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/transicions/Xarxa/clusters/xarxa-network-map-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, list_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, zoom_in_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, zoom_out_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, zoom_fit_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, view);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkMapPage, bridge_list);
  gtk_widget_class_bind_template_callback (widget_class, zoom_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, bridge_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_toggled_cb);

  gtk_widget_class_install_action (widget_class, "map.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "map.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "map.zoom-fit", NULL);
}

static void
xarxa_network_map_page_init (XarxaNetworkMapPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_zoom_actions (self);
}
