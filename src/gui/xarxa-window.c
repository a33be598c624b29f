/* xarxa-window.c — the main window: header bar, view switcher, views, toasts.
 *
 * The window owns the store the views share.  When the database could not be
 * opened it shows why instead of the views, with the ways out: start a new
 * database (the old file is moved aside, never deleted), open another file,
 * or show the file in the file manager.  The file itself is never written.
 *
 * It is over 1,000 lines because it is where the views meet: the actions
 * that open a record in its view (win.open-record and one per view), the
 * search across them, the map page and the database's ways out.  Splitting
 * the opening of records into a file of its own is the next cut.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-window"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "xarxa-a11y.h"
#include "xarxa-conflicts-window.h"
#include "xarxa-clusters-page.h"
#include "xarxa-missions-page.h"
#include "xarxa-directory-page.h"
#include "xarxa-library-page.h"
#include "xarxa-example.h"
#include "xarxa-gui-resources.h"
#include "xarxa-held-views.h"
#include "xarxa-import-dialog.h"
#include "xarxa-import.h"
#include "xarxa-move-aside.h"
#include "xarxa-network-map-page.h"
#include "xarxa-page.h"
#include "xarxa-preferences-window.h"
#include "xarxa-search-window.h"
#include "xarxa-sync-controller.h"
#include "xarxa-sync-indicator.h"
#include "xarxa-window.h"
#include "xarxa-toast.h"
#include "xarxa-values.h"

struct _XarxaWindow
{
  AdwApplicationWindow parent_instance;

  XarxaStore *store;
  GSettings  *settings;
  XarxaSyncController *sync_controller;
  GtkWindow  *preferences_window;   /* weak */
  GtkWindow  *conflicts_window;     /* weak */

  AdwToastOverlay    *toast_overlay;
  GtkStack           *main_stack;
  GtkWidget          *back_button;
  GtkWidget          *new_button;
  AdwSqueezer        *switcher_title;
  GtkWidget          *window_title;
  AdwViewStack       *view_stack;
  XarxaDirectoryPage *directory_page;   /* the first view */
  XarxaClustersPage  *clusters_page;
  GtkWidget          *map_page;   /* the network map, made when first shown */
  XarxaMissionsPage  *missions_page;
  XarxaLibraryPage   *library_page;
  AdwStatusPage      *error_page;
  GtkWidget          *new_database_button;
  GtkWidget          *show_in_files_button;
  XarxaSyncIndicator *sync_indicator;

  GtkFileChooserNative *open_chooser;
  guint                 restore_views_id;   /* the held views, after the first frame */
  char                 *db_path;   /* of the file that could not be opened */
};

G_DEFINE_FINAL_TYPE (XarxaWindow, xarxa_window, ADW_TYPE_APPLICATION_WINDOW)

void
xarxa_gui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) probe = NULL;

      /* Referencing the resource pulls its object file out of the static
       * library, and with it the constructor that registers it; register
       * by hand where constructors don't run. */
      probe = g_resources_lookup_data ("/org/transicions/Xarxa/xarxa-window.ui", 0, NULL);
      if (probe == NULL)
        g_resources_register (xarxa_gui_get_resource ());
      g_type_ensure (XARXA_TYPE_DIRECTORY_PAGE);
      g_type_ensure (XARXA_TYPE_CLUSTERS_PAGE);
      g_type_ensure (XARXA_TYPE_MISSIONS_PAGE);
      g_type_ensure (XARXA_TYPE_LIBRARY_PAGE);
      g_type_ensure (XARXA_TYPE_SYNC_INDICATOR);
      g_once_init_leave (&initialized, 1);
    }
}

static void
toast_dismissed_cb (XarxaWindow *self)
{
  /* The next toast in the queue is on screen now. */
  if (self->toast_overlay != NULL)
    xarxa_a11y_name_toast_buttons (self->toast_overlay);
}

/* Every toast goes through here, so that its buttons are read plainly. */
static void
show_toast (XarxaWindow *self,
            AdwToast    *toast)
{
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  xarxa_a11y_name_toast_buttons (self->toast_overlay);
}

static XarxaPage *visible_page (XarxaWindow *self);
static gboolean   views_shown  (XarxaWindow *self);

/* The header follows the view shown: Back while it shows a record in place
 * of its list, else its "New …" button, named by the view. */
static void
update_header_cb (XarxaWindow *self)
{
  XarxaPage *page = visible_page (self);
  gboolean detail = page != NULL && xarxa_page_get_showing_detail (page);
  const char *new_label = page != NULL ? xarxa_page_get_new_label (page) : NULL;

  gtk_widget_set_visible (self->back_button, detail);
  gtk_widget_set_visible (self->new_button, !detail && self->store != NULL && new_label != NULL);
  if (new_label != NULL)
    {
      /* Translators: the tooltip of the header's "New …" button; %s is
       * the view's "New Organisation". */
      g_autofree char *tooltip = g_strdup_printf (_("%s (Ctrl+N)"), new_label);

      gtk_widget_set_tooltip_text (self->new_button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, new_label,
                                      -1);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 self->store != NULL && page != NULL && xarxa_page_can_export (page));
}

/* The view shown: the window's actions go to it. */
static XarxaPage *
visible_page (XarxaWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);

  return XARXA_IS_PAGE (child) ? XARXA_PAGE (child) : NULL;
}

/* The views not shown when the window is made (all but the Directory) are
 * made with it, but their content is held out of the view stack
 * (xarxa-held-views.h) until the first frame is drawn, or until they are
 * shown before: the first frame is what a person waits for.  The views
 * (given the store, see attach_store()) read nothing before they are
 * mapped.  After the first frame their content goes back in them one at a
 * time when nothing else is to be done, so that the first switch to a view
 * does not style it then. */
static gboolean
restore_held_views_cb (gpointer user_data)
{
  XarxaWindow *self = user_data;

  if (xarxa_held_views_restore_one (self->view_stack))
    return G_SOURCE_CONTINUE;
  self->restore_views_id = 0;
  return G_SOURCE_REMOVE;
}

static void
first_paint_cb (GdkFrameClock *clock,
                XarxaWindow   *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  if (self->restore_views_id == 0)
    self->restore_views_id = g_idle_add_full (G_PRIORITY_LOW, restore_held_views_cb, self, NULL);
}

static void
window_mapped_cb (XarxaWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_handlers_disconnect_by_func (self, window_mapped_cb, NULL);
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_paint_cb), self, 0);
}

static void
visible_view_changed_cb (XarxaWindow *self)
{
  xarxa_held_views_restore (adw_view_stack_get_visible_child (self->view_stack));
  update_header_cb (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);
  XarxaPage *page = visible_page (self);

  if (self->store != NULL && page != NULL && views_shown (self))
    xarxa_page_export (page);
}

/* Other actions */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->store != NULL)
    xarxa_import_dialog_present (GTK_WINDOW (self), self->store);
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  gint64 batch = -1;
  guint n = 0, n_skipped = 0;

  if (self->store == NULL)
    return;

  if (!xarxa_example_load_full (self->store, &n, &n_skipped, &batch, &error))
    {
      toast = xarxa_toast_new (_("Could not add the example network: %s"), error->message);
      adw_toast_set_timeout (toast, 0);
    }
  else if (n == 0)
    {
      /* Every example organisation is there already: nothing to undo. */
      toast = xarxa_toast_new ("%s", _("The example network is already in the directory"));
    }
  else
    {
      g_autofree char *added = NULL;

      xarxa_store_emit_changed (self->store, "entity", NULL);
      added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Added %u example organisation",
                                            "Added %u example organisations", n), n);
      if (n_skipped == 0)
        toast = xarxa_toast_new ("%s", added);
      else
        {
          g_autofree char *already = NULL;

          /* Translators: the second half of “Added 3 example organisations;
           * 37 were already in the directory”; the number counts the
           * example organisations that were not added again. */
          already = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u was already in the directory",
                                                  "%u were already in the directory", n_skipped),
                                     n_skipped);
          /* Translators: joins “Added 3 example organisations” and “37 were
           * already in the directory” into one message. */
          toast = xarxa_toast_new (_("%s; %s"), added, already);
        }
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-example");
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (batch));
    }
  show_toast (self, toast);
}

static void
undo_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (xarxa_store_import_batch_undo (self->store, g_variant_get_int64 (parameter), &error) < 0)
    {
      AdwToast *toast = xarxa_toast_new (_("Could not remove the example network: %s"), error->message);

      adw_toast_set_timeout (toast, 0);
      show_toast (self, toast);
    }
}

/* Whether the views are shown, not the network map that takes their
 * place: New, Find and Export act on a view only while it can be seen. */
static gboolean
views_shown (XarxaWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") == 0;
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->store != NULL && views_shown (self) && visible_page (self) != NULL)
    xarxa_page_new_record (visible_page (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->store != NULL && views_shown (self) && visible_page (self) != NULL)
    xarxa_page_focus_search (visible_page (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (visible_page (self) != NULL)
    xarxa_page_go_back (visible_page (self));
}

static void
undelete_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);
  const char *type_name, *id;

  g_variant_get (parameter, "(&s&s)", &type_name, &id);
  if (visible_page (self) != NULL)
    xarxa_page_undelete (visible_page (self), type_name, id);
}

/* A record found by the global search, or named elsewhere: shown in its
 * view.  A person opens their organisation. */
static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);
  const char *type_name, *id;
  g_autoptr(JsonObject) contact = NULL;

  g_variant_get (parameter, "(&s&s)", &type_name, &id);
  if (self->store == NULL)
    return;
  /* From the network map, too: the views come back. */
  gtk_stack_set_visible_child_name (self->main_stack, "main");

  if (g_str_equal (type_name, "contact"))
    {
      contact = xarxa_store_get_live_record (self->store, "contact", id);
      type_name = "entity";
      id = xarxa_value_string_of (contact, "entity_id");
      if (id == NULL)
        return;
    }

  if (g_str_equal (type_name, "entity"))
    {
      adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->directory_page));
      xarxa_directory_page_open_entity (self->directory_page, id);
    }
  else if (g_str_equal (type_name, "cluster"))
    gtk_widget_activate_action (widget, "win.open-cluster", "s", id);
  else if (g_str_equal (type_name, "document"))
    gtk_widget_activate_action (widget, "win.open-document", "s", id);
  else if (g_str_equal (type_name, "mission"))
    gtk_widget_activate_action (widget, "win.open-mission", "s", id);
  else if (g_str_equal (type_name, "meeting"))
    {
      /* A meeting is on its cluster's page; a network-wide one, with the
       * network's agenda. */
      g_autoptr(JsonObject) meeting = xarxa_store_get_live_record (self->store, "meeting", id);
      const char *cluster_id = xarxa_value_string_of (meeting, "cluster_id");

      if (cluster_id != NULL)
        gtk_widget_activate_action (widget, "win.open-cluster", "s", cluster_id);
      else if (meeting != NULL)
        {
          adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->clusters_page));
          xarxa_clusters_page_show_network_agenda (self->clusters_page);
        }
    }
  else if (g_str_equal (type_name, "itinerary_stop"))
    {
      /* A stop: its mission, with the stop's day open and the stop focused. */
      adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->missions_page));
      xarxa_missions_page_open_stop (self->missions_page, id);
    }
  else if (g_str_equal (type_name, "participant") || g_str_equal (type_name, "field_note"))
    {
      /* A mission's part: its mission. */
      g_autoptr(JsonObject) part = xarxa_store_get_live_record (self->store, type_name, id);
      const char *mission_id = xarxa_value_string_of (part, "mission_id");

      if (mission_id != NULL)
        gtk_widget_activate_action (widget, "win.open-mission", "s", mission_id);
    }
  else
    g_warning ("No view shows records of type %s", type_name);
}

static void
global_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->store == NULL)
    return;
  gtk_window_present (GTK_WINDOW (xarxa_search_window_new (GTK_WINDOW (self), self->store)));
}

/* A link to a cluster (from an organisation's page): the Clusters view,
 * with that cluster open. */
static void
open_cluster_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->store == NULL)
    return;
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->clusters_page));
  xarxa_clusters_page_open_cluster (self->clusters_page, g_variant_get_string (parameter, NULL));
}

/* The network map, in place of the views until Back. */

static void
map_back_cb (XarxaWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "main");
}

static void
show_map (XarxaWindow *self,
          const char  *cluster_id)
{
  if (self->store == NULL)
    return;
  if (self->map_page == NULL)
    {
      self->map_page = xarxa_network_map_page_new ();
      g_signal_connect_object (self->map_page, "back", G_CALLBACK (map_back_cb), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->main_stack, self->map_page, "map");
    }
  xarxa_network_map_page_show (XARXA_NETWORK_MAP_PAGE (self->map_page), self->store, cluster_id);
  gtk_stack_set_visible_child_name (self->main_stack, "map");
}

/* win.show-network-map: "" for the whole network, or a cluster's id. */
static void
show_network_map_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);

  show_map (XARXA_WINDOW (widget), id[0] != '\0' ? id : NULL);
}

/* win.show-cluster-map: the map of the cluster the Clusters view shows. */
static void
show_cluster_map_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  show_map (self, xarxa_clusters_page_get_shown_id (self->clusters_page));
}

/* A link to a mission: the Missions view, with that mission open. */
static void
open_mission_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->store == NULL)
    return;
  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->missions_page));
  xarxa_missions_page_open_mission (self->missions_page, g_variant_get_string (parameter, NULL));
}

/* The switcher goes to the bottom when the header has room only for the
 * app's name. */
static gboolean
title_shown_cb (XarxaWindow *self,
                GtkWidget   *visible_child)
{
  return visible_child != NULL && visible_child == self->window_title;
}

/* A link to a document (from the page of a record it is linked to): the
 * Library view, with that document open; and back, to an organisation. */
static void
open_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->store == NULL)
    return;
  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->library_page));
  xarxa_library_page_open_document (self->library_page, g_variant_get_string (parameter, NULL));
}

static void
open_entity_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->store == NULL)
    return;
  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->directory_page));
  xarxa_directory_page_open_entity (self->directory_page, g_variant_get_string (parameter, NULL));
}

/* Sync */

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->sync_controller == NULL)
    return;
  if (!xarxa_sync_controller_is_logged_in (self->sync_controller))
    {
      AdwToast *toast = xarxa_toast_new ("%s", _("Sync is not set up: log in to your network’s server in Preferences."));

      adw_toast_set_button_label (toast, _("_Preferences"));
      adw_toast_set_action_name (toast, "win.preferences");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  xarxa_sync_controller_sync (self->sync_controller);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->sync_controller == NULL)
    return;
  if (self->preferences_window == NULL)
    {
      self->preferences_window = GTK_WINDOW (xarxa_preferences_window_new (GTK_WINDOW (self), self->sync_controller));
      gtk_widget_set_name (GTK_WIDGET (self->preferences_window), "preferences-window");
      g_object_add_weak_pointer (G_OBJECT (self->preferences_window), (gpointer *) &self->preferences_window);
    }
  gtk_window_present (self->preferences_window);
}

static void
show_conflicts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->store == NULL)
    return;
  if (self->conflicts_window == NULL)
    {
      self->conflicts_window = GTK_WINDOW (xarxa_conflicts_window_new (GTK_WINDOW (self), self->store));
      g_object_add_weak_pointer (G_OBJECT (self->conflicts_window), (gpointer *) &self->conflicts_window);
    }
  gtk_window_present (self->conflicts_window);
}

/* The shortcuts window is built when first shown, not with the window. */
static void
show_help_overlay_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/transicions/Xarxa/xarxa-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Finding this action in place, the window adds no action of its own. */
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* Window state */

static gboolean
xarxa_window_close_request (GtkWindow *window)
{
  XarxaWindow *self = XARXA_WINDOW (window);

  /* A sync in flight stops; what it applied is committed already. */
  if (self->sync_controller != NULL)
    xarxa_sync_controller_shutdown (self->sync_controller);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (xarxa_window_parent_class)->close_request (window);
}

static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Run from the build tree without the schema installed: no memory of the
   * window size, but no abort either. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed; settings will not be remembered.", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
set_database_actions_enabled (XarxaWindow *self,
                              gboolean     enabled)
{
  static const char *const actions[] = {
    "win.new", "win.search", "win.import", "win.export", "win.open-example",
    "win.sync", "win.preferences", "win.show-conflicts", "win.show-network-map",
    "win.show-cluster-map",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], enabled);
}

/* path: the file that could not be opened, when known; the ways out that
 * need it are offered only then. */
static void
show_open_error (XarxaWindow  *self,
                 const char   *path,
                 const GError *error)
{
  g_autofree char *description = NULL;
  gboolean exists = path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);
  /* A database from a newer Xarxa is not damaged: the way out is to update
   * Xarxa, not to put the file aside. */
  gboolean too_new = g_error_matches (error, XARXA_ERROR, XARXA_ERROR_TOO_NEW);
  const char *advice;

  g_free (self->db_path);
  self->db_path = g_strdup (path);

  if (exists && !too_new)
    advice = _("Start a new database to keep working: this file is then moved aside under "
               "a dated name in the same folder, never deleted. Or open another file.");
  else
    advice = _("Open another file to keep working meanwhile.");

  /* The status page reads its description as markup; a path may hold "&". */
  description = g_markup_printf_escaped ("%s\n\n%s", error->message, advice);
  adw_status_page_set_description (self->error_page, description);
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  gtk_widget_set_visible (self->new_database_button, exists && !too_new);
  gtk_widget_set_visible (self->show_in_files_button, exists);
  if (exists)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->show_in_files_button), "s", path);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->show_in_files_button), "win.show-in-files");
    }
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  set_database_actions_enabled (self, FALSE);
}

static void
attach_store (XarxaWindow *self,
              XarxaStore  *store)
{
  g_autoptr(GListModel) pages = NULL;

  g_assert (self->store == NULL);

  self->store = g_object_ref (store);
  pages = G_LIST_MODEL (adw_view_stack_get_pages (self->view_stack));
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      GtkWidget *view = adw_view_stack_page_get_child (page);

      if (XARXA_IS_PAGE (view))
        xarxa_page_set_store (XARXA_PAGE (view), store, self->settings);
    }
  self->sync_controller = xarxa_sync_controller_new (store, self->settings);
  xarxa_sync_indicator_set_controller (self->sync_indicator, self->sync_controller);
  xarxa_sync_controller_start (self->sync_controller);
  g_clear_pointer (&self->db_path, g_free);
  set_database_actions_enabled (self, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  update_header_cb (self);
}

/* Opens (or makes) the database at path: the views if it opens, else the
 * page that says why. */
static XarxaStore *
open_database (XarxaWindow *self,
               const char  *path)
{
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The folder “%s” could not be created: %s. Check that you may write there, or open another file."),
                   dir, g_strerror (saved_errno));
    }
  else
    store = xarxa_store_open (path, &error);

  if (store != NULL)
    attach_store (self, store);
  else
    show_open_error (self, path, error);
  return g_steal_pointer (&store);
}

/* The damaged database's ways out */

static void
moved_aside_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  const char *moved_to = g_object_get_data (G_OBJECT (dialog), "moved-to");

  if (g_strcmp0 (response, "show") == 0 && window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-in-files", "s", moved_to);
}

static void
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *moved_to = NULL;
  GtkWidget *dialog;

  if (self->store != NULL || self->db_path == NULL)
    return;

  path = g_strdup (self->db_path);
  moved_to = xarxa_move_aside (path, NULL, &error);
  if (moved_to == NULL)
    {
      AdwToast *toast = xarxa_toast_new ("%s", error->message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  store = open_database (self, path);

  /* Where the old file went is said in full, in a message that wraps (a
   * toast would cut the path short), whether or not the new one opened. */
  if (store != NULL)
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Database Started"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("The damaged database was moved to “%s”, where it is kept: nothing "
                                        "in it was deleted. Xarxa now works with a new, empty database."),
                                      moved_to);
    }
  else
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Damaged Database Moved Aside"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("The damaged database was moved to “%s”, where it is kept: nothing "
                                        "in it was deleted."),
                                      moved_to);
    }
  gtk_widget_set_name (dialog, "moved-aside-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "moved-to", g_steal_pointer (&moved_to), g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "show", _("Show in _Files"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect (dialog, "response", G_CALLBACK (moved_aside_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);
  g_autoptr(XarxaStore) store = NULL;

  if (self->store != NULL)
    return;
  store = open_database (self, g_variant_get_string (parameter, NULL));
}

static void
open_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          XarxaWindow     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->open_chooser);
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-database", "s", path);
}

static void
choose_database_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);

  if (self->store != NULL || self->open_chooser != NULL)
    return;

  self->open_chooser = gtk_file_chooser_native_new (_("Open a Database"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->open_chooser), TRUE);
  g_signal_connect (self->open_chooser, "response", G_CALLBACK (open_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->open_chooser));
}

typedef struct
{
  GWeakRef  window;      /* the file manager's answer may come after it closed */
  char     *folder_uri;
} ShowInFiles;

static void
show_in_files_free (ShowInFiles *data)
{
  g_weak_ref_clear (&data->window);
  g_free (data->folder_uri);
  g_free (data);
}

static void
show_items_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ShowInFiles *data = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_autoptr(GtkWindow) window = g_weak_ref_get (&data->window);

      /* No file manager that selects a file (none installed, or not one
       * that speaks FileManager1): open the folder instead. */
      g_debug ("ShowItems failed, opening the folder: %s", error->message);
      gtk_show_uri (window, data->folder_uri, GDK_CURRENT_TIME);
    }
  show_in_files_free (data);
}

static void
show_in_files_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaWindow *self = XARXA_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, NULL };
  ShowInFiles *data;

  if (folder == NULL)
    return;
  if (bus == NULL)
    {
      g_autofree char *folder_uri = g_file_get_uri (folder);

      gtk_show_uri (GTK_WINDOW (self), folder_uri, GDK_CURRENT_TIME);
      return;
    }
  data = g_new0 (ShowInFiles, 1);
  g_weak_ref_init (&data->window, self);
  data->folder_uri = g_file_get_uri (folder);
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, show_items_done_cb, data);
}

static void
xarxa_window_dispose (GObject *object)
{
  XarxaWindow *self = XARXA_WINDOW (object);

  if (self->open_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->open_chooser));
  g_clear_object (&self->open_chooser);

  if (self->preferences_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->preferences_window), (gpointer *) &self->preferences_window);
      gtk_window_destroy (self->preferences_window);
      self->preferences_window = NULL;
    }
  if (self->conflicts_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->conflicts_window), (gpointer *) &self->conflicts_window);
      gtk_window_destroy (self->conflicts_window);
      self->conflicts_window = NULL;
    }
  if (self->sync_controller != NULL)
    xarxa_sync_controller_shutdown (self->sync_controller);

  g_clear_handle_id (&self->restore_views_id, g_source_remove);
  /* Each view goes with its content, shown or not. */
  if (self->view_stack != NULL)
    xarxa_held_views_restore_all (self->view_stack);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_WINDOW);

  g_clear_object (&self->sync_controller);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (xarxa_window_parent_class)->dispose (object);
}

static void
xarxa_window_class_init (XarxaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  xarxa_gui_init ();

  object_class->dispose = xarxa_window_dispose;
  window_class->close_request = xarxa_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, title_shown_cb);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, directory_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, clusters_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, missions_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, library_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, new_database_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, show_in_files_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaWindow, sync_indicator);
  gtk_widget_class_bind_template_callback (widget_class, update_header_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_view_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_action);
  gtk_widget_class_install_action (widget_class, "win.undo-example", "x", undo_example_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.undelete", "(ss)", undelete_action);
  gtk_widget_class_install_action (widget_class, "win.open-cluster", "s", open_cluster_action);
  gtk_widget_class_install_action (widget_class, "win.open-document", "s", open_document_action);
  gtk_widget_class_install_action (widget_class, "win.open-entity", "s", open_entity_action);
  gtk_widget_class_install_action (widget_class, "win.show-network-map", "s", show_network_map_action);
  gtk_widget_class_install_action (widget_class, "win.show-cluster-map", NULL, show_cluster_map_action);
  gtk_widget_class_install_action (widget_class, "win.open-mission", "s", open_mission_action);
  gtk_widget_class_install_action (widget_class, "win.open-record", "(ss)", open_record_action);
  gtk_widget_class_install_action (widget_class, "win.global-search", NULL, global_search_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.show-conflicts", NULL, show_conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", "s", open_database_action);
  gtk_widget_class_install_action (widget_class, "win.choose-database", NULL, choose_database_action);
  gtk_widget_class_install_action (widget_class, "win.show-in-files", "s", show_in_files_action);

  /* The same keys work when the window has no application (tests). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

/* Files dropped anywhere on the window (the Library view takes its own
 * drops first) become documents of the library, which is shown. */
static gboolean
drop_files_cb (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               XarxaWindow   *self)
{
  GSList *files;

  if (self->store == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->library_page));
  for (GSList *l = files; l != NULL; l = l->next)
    xarxa_library_page_add_file (self->library_page, l->data, NULL);
  g_slist_free (files);
  return TRUE;
}

static void
xarxa_window_init (XarxaWindow *self)
{
  static const GActionEntry win_entries[] = {
    { .name = "show-help-overlay", .activate = show_help_overlay_activated },
  };
  GdkDisplay *display = gdk_display_get_default ();
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  xarxa_held_views_hold (self->view_stack);
  g_signal_connect (self, "map", G_CALLBACK (window_mapped_cb), NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_files_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  if (display != NULL)
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                      "/org/transicions/Xarxa/icons");

  self->settings = lookup_settings ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}

XarxaWindow *
xarxa_window_new (GtkApplication *application,
                  XarxaStore     *store,
                  const GError   *open_error)
{
  XarxaWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (store != NULL || open_error != NULL, NULL);

  self = g_object_new (XARXA_TYPE_WINDOW,
                       "application", application,
                       NULL);

  if (store != NULL)
    attach_store (self, store);
  else
    show_open_error (self, NULL, open_error);

  update_header_cb (self);

  return self;
}

/**
 * xarxa_window_new_for_path:
 * @application: (nullable): the application
 * @path: the database file, made (with its folder) if it is not there
 *
 * Returns: a window on the database at @path, or on the page that says why
 * it could not be opened, with the ways out.
 */
XarxaWindow *
xarxa_window_new_for_path (GtkApplication *application,
                           const char     *path)
{
  XarxaWindow *self;
  g_autoptr(XarxaStore) store = NULL;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (XARXA_TYPE_WINDOW,
                       "application", application,
                       NULL);
  store = open_database (self, path);
  update_header_cb (self);

  return self;
}

XarxaStore *
xarxa_window_get_store (XarxaWindow *self)
{
  g_return_val_if_fail (XARXA_IS_WINDOW (self), NULL);

  return self->store;
}

XarxaSyncController *
xarxa_window_get_sync_controller (XarxaWindow *self)
{
  g_return_val_if_fail (XARXA_IS_WINDOW (self), NULL);

  return self->sync_controller;
}

void
xarxa_window_add_toast (XarxaWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (XARXA_IS_WINDOW (self));

  show_toast (self, toast);
}
