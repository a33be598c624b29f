/* xarxa-directory-page.c — the Directory view: list, search, filters, editor.
 *
 * The list is a GtkListView over XarxaRecordList, which answers the search,
 * the filters and the sort from SQLite and builds rows only as they scroll
 * into view; the page never wraps it in filter or sort models.  The editor
 * beside it keeps the organisation it shows even when the list is re-run
 * under it (after an edit, an import…), and the selection follows.
 *
 * Start-up draws the window before the long work: a long directory is read
 * in a thread once the first frame is on screen (the list shows blank
 * meanwhile, never the welcome or "nothing found" pages), and the editor, a
 * big form, is built when the main loop is idle after that, or at once if an
 * organisation is opened first.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-directory-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-csv-export.h"
#include "xarxa-directory-filters.h"
#include "xarxa-directory-page.h"
#include "xarxa-entity-editor.h"
#include "xarxa-record-list.h"
#include "xarxa-entity-row.h"
#include "xarxa-list-page.h"
#include "xarxa-page.h"
#include "xarxa-resizable-pane.h"
#include "xarxa-toast.h"

struct _XarxaDirectoryPage
{
  AdwBin parent_instance;

  XarxaStore         *store;
  GSettings          *settings;
  XarxaRecordList    *list;
  GtkSingleSelection *selection;

  char      *search;

  gboolean   selecting;
  gboolean   showing_detail;
  gboolean   status_icons_set;
  guint      build_editor_id;
  GdkFrameClock *first_paint_clock;   /* weak; set until the first frame */

  GtkStack          *page_stack;
  AdwLeaflet        *leaflet;
  XarxaResizablePane *sidebar_pane;
  GtkSearchEntry    *search_entry;
  GtkWidget         *filter_button;
  GtkStack          *list_stack;
  GtkListView       *list_view;
  GtkLabel          *count_label;
  GtkStack          *detail_stack;
  XarxaEntityEditor *editor;          /* NULL until first needed */
  AdwStatusPage     *welcome_page;
  AdwStatusPage     *empty_page;
  GtkWidget         *welcome_import_button;
  GtkWidget         *welcome_example_button;
  XarxaDirectoryFilters *filters;
};

static void page_iface_init (XarxaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XarxaDirectoryPage, xarxa_directory_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (XARXA_TYPE_PAGE, page_iface_init))

enum {
  PROP_0,
  PROP_SHOWING_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The id of the organisation the editor shows, or NULL. */
static const char *
shown_id (XarxaDirectoryPage *self)
{
  return self->editor != NULL ? xarxa_entity_editor_get_entity_id (self->editor) : NULL;
}

static XarxaEntityEditor *
ensure_editor (XarxaDirectoryPage *self)
{
  if (self->editor == NULL)
    {
      self->editor = g_object_new (XARXA_TYPE_ENTITY_EDITOR, NULL);
      gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->editor), "editor");
      if (self->store != NULL)
        xarxa_entity_editor_set_store (self->editor, self->store);
    }
  g_clear_handle_id (&self->build_editor_id, g_source_remove);

  return self->editor;
}

static gboolean
build_editor_cb (gpointer user_data)
{
  XarxaDirectoryPage *self = user_data;

  self->build_editor_id = 0;
  ensure_editor (self);
  return G_SOURCE_REMOVE;
}

static void
build_editor_when_idle (XarxaDirectoryPage *self)
{
  if (self->editor == NULL && self->build_editor_id == 0)
    self->build_editor_id = g_idle_add_full (G_PRIORITY_LOW, build_editor_cb, self, NULL);
}

static gboolean
query_active (XarxaDirectoryPage *self)
{
  return (self->search != NULL && self->search[0] != '\0') ||
         xarxa_directory_filters_get_active (self->filters);
}

static gboolean
filters_active (XarxaDirectoryPage *self)
{
  return xarxa_directory_filters_get_active (self->filters);
}

XarxaQuery *
xarxa_directory_page_dup_query (XarxaDirectoryPage *self)
{
  XarxaQuery *query;

  g_return_val_if_fail (XARXA_IS_DIRECTORY_PAGE (self), NULL);

  query = xarxa_query_new ("entity");
  xarxa_query_set_search (query, self->search);
  xarxa_directory_filters_apply (self->filters, query);
  return query;
}

static void
update_state (XarxaDirectoryPage *self)
{
  g_autofree char *number = NULL;
  g_autofree char *label = NULL;
  guint n;

  if (self->store == NULL)
    return;

  xarxa_list_page_show_filters_active (self->filter_button, filters_active (self));

  /* Not read yet (a long directory, read after the first frame): a blank
   * list, neither the welcome page nor "no organisations found". */
  if (!xarxa_record_list_get_loaded (self->list))
    {
      gtk_stack_set_visible_child_name (self->page_stack, "directory");
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      gtk_label_set_label (self->count_label, "");
      return;
    }

  /* With no search or filter the list holds every organisation, so an empty
   * list is an empty directory. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (n == 0 && !self->status_icons_set)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

      /* Set only now: a big icon costs its loading even on a hidden page,
       * and start-up with a long directory shows neither page.  Run from
       * the build tree, the app's own icon is not installed. */
      adw_status_page_set_icon_name (self->welcome_page,
                                     gtk_icon_theme_has_icon (theme, APP_ID) ? APP_ID : "system-users-symbolic");
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      self->status_icons_set = TRUE;
    }
  if (n == 0 && !query_active (self))
    gtk_stack_set_visible_child_name (self->page_stack, "welcome");
  else
    gtk_stack_set_visible_child_name (self->page_stack, "directory");

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");

  number = g_strdup_printf ("%'u", n);
  if (query_active (self))
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s organisation found", "%s organisations found", n), number);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s organisation", "%s organisations", n), number);
  gtk_label_set_label (self->count_label, label);
}

static void
apply_query (XarxaDirectoryPage *self)
{
  g_autoptr(XarxaQuery) query = NULL;

  if (self->list == NULL)
    return;

  query = xarxa_directory_page_dup_query (self);
  xarxa_record_list_set_query (self->list, query);
  update_state (self);
}

/* Selection */

static void
sync_selection (XarxaDirectoryPage *self)
{
  xarxa_list_page_select (self->selection, self->list, shown_id (self), &self->selecting);
}

static void
update_actions (XarxaDirectoryPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.delete", shown_id (self) != NULL);
}

static void
show_entity (XarxaDirectoryPage *self,
             const char         *id)
{
  if (g_strcmp0 (id, shown_id (self)) != 0)
    xarxa_entity_editor_set_entity (ensure_editor (self), id);

  gtk_stack_set_visible_child_name (self->detail_stack, shown_id (self) != NULL ? "editor" : "none");
  update_actions (self);
}

/* Wide, choosing a row keeps the keyboard in the list, so that Up and Down
 * go on moving through it; see xarxa_list_page_reveal_editor(). */
static void
reveal_editor (XarxaDirectoryPage *self,
               gboolean            focus)
{
  if (shown_id (self) != NULL)
    xarxa_list_page_reveal_editor (self->leaflet, GTK_WIDGET (self->editor), focus);
}

static void
selected_changed_cb (XarxaDirectoryPage *self)
{
  XarxaEntity *entity;

  if (self->selecting)
    return;

  entity = gtk_single_selection_get_selected_item (self->selection);
  /* No selection: the list was re-run under us; keep what the editor shows. */
  if (entity == NULL)
    return;
  if (g_strcmp0 (xarxa_entity_get_id (entity), shown_id (self)) == 0)
    return;

  show_entity (self, xarxa_entity_get_id (entity));
  reveal_editor (self, FALSE);
}

static void
list_activate_cb (XarxaDirectoryPage *self,
                  guint               position)
{
  g_autoptr(XarxaEntity) entity = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (entity == NULL)
    return;

  show_entity (self, xarxa_entity_get_id (entity));
  reveal_editor (self, TRUE);
}

static void
items_changed_cb (XarxaDirectoryPage *self)
{
  update_state (self);
  sync_selection (self);
}

void
xarxa_directory_page_open_entity (XarxaDirectoryPage *self,
                                  const char         *id)
{
  g_return_if_fail (XARXA_IS_DIRECTORY_PAGE (self));

  show_entity (self, id);
  sync_selection (self);
  if (id != NULL)
    reveal_editor (self, FALSE);
}

/* Leaflet */

static void
leaflet_changed_cb (XarxaDirectoryPage *self)
{
  gboolean detail = xarxa_list_page_showing_detail (self->leaflet);

  /* Folded, the list is the whole width: nothing to drag, and the
   * filters go under their labels. */
  xarxa_resizable_pane_set_resizable (self->sidebar_pane, !adw_leaflet_get_folded (self->leaflet));
  xarxa_directory_filters_set_stacked (self->filters, adw_leaflet_get_folded (self->leaflet));

  if (detail == self->showing_detail)
    return;

  self->showing_detail = detail;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_DETAIL]);
}

gboolean
xarxa_directory_page_get_showing_detail (XarxaDirectoryPage *self)
{
  g_return_val_if_fail (XARXA_IS_DIRECTORY_PAGE (self), FALSE);

  return self->showing_detail;
}

void
xarxa_directory_page_go_back (XarxaDirectoryPage *self)
{
  g_return_if_fail (XARXA_IS_DIRECTORY_PAGE (self));

  if (!self->showing_detail)
    return;

  if (self->editor != NULL)
    xarxa_entity_editor_flush (self->editor);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  xarxa_list_page_unselect (self->selection, &self->selecting);
}

/* Search */

static void
search_changed_cb (XarxaDirectoryPage *self)
{
  if (xarxa_list_page_take_search (self->search_entry, &self->search))
    apply_query (self);
}

static void
stop_search_cb (XarxaDirectoryPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
search_activate_cb (XarxaDirectoryPage *self)
{
  /* Enter in the search opens the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    list_activate_cb (self, 0);
}

void
xarxa_directory_page_focus_search (XarxaDirectoryPage *self)
{
  g_return_if_fail (XARXA_IS_DIRECTORY_PAGE (self));

  if (self->showing_detail)
    xarxa_directory_page_go_back (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Filters */

static void
filters_changed_cb (XarxaDirectoryPage *self)
{
  XarxaSort sort = xarxa_directory_filters_get_sort (self->filters);

  if (self->settings != NULL)
    {
      const char *name = sort == XARXA_SORT_UPDATED ? "updated" : "name";
      g_autofree char *stored = g_settings_get_string (self->settings, "directory-sort");

      if (g_strcmp0 (stored, name) != 0)
        g_settings_set_string (self->settings, "directory-sort", name);
    }
  apply_query (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaDirectoryPage *self = XARXA_DIRECTORY_PAGE (widget);

  xarxa_directory_filters_clear (self->filters);
  g_clear_pointer (&self->search, g_free);
  /* Clearing the entry re-runs the query through search-changed only
   * later; run it now so the list is right at once. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_query (self);
}

/* Create */

char *
xarxa_directory_page_create_entity (XarxaDirectoryPage *self,
                                    const char         *name)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (XARXA_IS_DIRECTORY_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  json_object_set_string_member (values, "name", name);
  id = xarxa_store_create_record (self->store, "entity", values, &error);
  if (id == NULL)
    {
      xarxa_list_page_show_add_error (GTK_WIDGET (self), name, error->message);
      return NULL;
    }

  /* Make sure it can be seen in the list. */
  if (xarxa_record_list_find (self->list, id) == G_MAXUINT && query_active (self))
    clear_filters_action (GTK_WIDGET (self), NULL, NULL);
  if (xarxa_record_list_find (self->list, id) == G_MAXUINT)
    xarxa_record_list_refresh (self->list);

  update_state (self);
  xarxa_directory_page_open_entity (self, id);
  if (self->editor != NULL)
    xarxa_entity_editor_focus_first (self->editor);

  return g_steal_pointer (&id);
}

static char *
find_entity_cb (GObject    *owner,
                const char *name,
                char      **out_name)
{
  XarxaDirectoryPage *self = XARXA_DIRECTORY_PAGE (owner);
  g_autoptr(JsonObject) existing = NULL;
  char *id;

  if (self->store == NULL)
    return NULL;
  id = xarxa_store_find_entity_by_name (self->store, name, NULL);
  if (id != NULL)
    existing = xarxa_store_get_record (self->store, "entity", id, NULL);
  if (existing != NULL && json_object_has_member (existing, "name"))
    *out_name = g_strdup (json_object_get_string_member (existing, "name"));
  return id;
}

static void
create_entity_cb (GObject    *owner,
                  const char *name)
{
  g_free (xarxa_directory_page_create_entity (XARXA_DIRECTORY_PAGE (owner), name));
}

static void
open_entity_cb (GObject    *owner,
                const char *id)
{
  xarxa_directory_page_open_entity (XARXA_DIRECTORY_PAGE (owner), id);
}

void
xarxa_directory_page_new_entity (XarxaDirectoryPage *self)
{
  const XarxaNewRecordText text = {
    .heading = _("New Organisation"),
    .body = _("What is the organisation called? You can fill in everything else next."),
    .placeholder = _("Name"),
    .entry_name = _("Name of the new organisation"),
    .duplicate_heading = _("Organisation Already Exists"),
    .duplicate_body = _("An organisation named “%s” already exists. Open it to add what you know, or create a separate organisation with the same name."),
  };

  g_return_if_fail (XARXA_IS_DIRECTORY_PAGE (self));

  if (self->store == NULL)
    return;

  xarxa_list_page_ask_new_record (GTK_WIDGET (self), "new-entity-dialog", &text,
                                  find_entity_cb, create_entity_cb, open_entity_cb);
}

/* Delete */

void
xarxa_directory_page_delete_current (XarxaDirectoryPage *self)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (XARXA_IS_DIRECTORY_PAGE (self));

  id = g_strdup (shown_id (self));
  if (id == NULL || self->store == NULL)
    return;
  name = g_strdup (xarxa_entity_editor_get_name (self->editor));

  /* Saves what was being typed, so Undo gives it all back. */
  show_entity (self, NULL);

  if (!xarxa_store_delete_record (self->store, "entity", id, &error))
    {
      xarxa_list_page_show_delete_error (GTK_WIDGET (self), name, error->message);
      show_entity (self, id);
      return;
    }

  if (xarxa_record_list_find (self->list, id) != G_MAXUINT)
    xarxa_record_list_refresh (self->list);
  update_state (self);

  if (self->showing_detail)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  xarxa_list_page_show_deleted (GTK_WIDGET (self), "entity", id, name);
}

void
xarxa_directory_page_undelete (XarxaDirectoryPage *self,
                               const char         *type_name,
                               const char         *id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (XARXA_IS_DIRECTORY_PAGE (self));

  if (self->store == NULL)
    return;

  if (!xarxa_store_undelete_record (self->store, type_name, id, &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not undo: %s"), error->message));
      return;
    }

  if (g_str_equal (type_name, "entity"))
    {
      if (xarxa_record_list_find (self->list, id) == G_MAXUINT)
        xarxa_record_list_refresh (self->list);
      update_state (self);
      xarxa_directory_page_open_entity (self, id);
    }
  else if (self->editor != NULL)
    xarxa_entity_editor_reload_contacts (self->editor);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  xarxa_directory_page_delete_current (XARXA_DIRECTORY_PAGE (widget));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XarxaDirectoryPage *self = XARXA_DIRECTORY_PAGE (widget);

  if (self->showing_detail)
    xarxa_directory_page_go_back (self);
  else if (self->search != NULL)
    stop_search_cb (self);
}

/* The first frame with the page is on screen: now the long work. */
static void
first_paint_cb (GdkFrameClock      *clock,
                XarxaDirectoryPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  g_clear_weak_pointer (&self->first_paint_clock);

  if (self->list == NULL)
    return;
  if (xarxa_record_list_get_loaded (self->list))
    build_editor_when_idle (self);
  else
    xarxa_record_list_load (self->list);
}

static void
watch_first_paint (XarxaDirectoryPage *self)
{
  GdkFrameClock *clock;

  if (self->list == NULL || self->first_paint_clock != NULL ||
      (self->editor != NULL && xarxa_record_list_get_loaded (self->list)))
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;
  g_set_weak_pointer (&self->first_paint_clock, clock);
  g_signal_connect (clock, "after-paint", G_CALLBACK (first_paint_cb), self);
}

static void
list_loaded_cb (XarxaDirectoryPage *self)
{
  update_state (self);
  sync_selection (self);
  build_editor_when_idle (self);
}

static void
xarxa_directory_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (xarxa_directory_page_parent_class)->map (widget);

  watch_first_paint (XARXA_DIRECTORY_PAGE (widget));
}

void
xarxa_directory_page_set_store (XarxaDirectoryPage *self,
                                XarxaStore         *store,
                                GSettings          *settings)
{
  g_autoptr(XarxaQuery) query = NULL;

  g_return_if_fail (XARXA_IS_DIRECTORY_PAGE (self));
  g_return_if_fail (XARXA_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  g_set_object (&self->settings, settings);
  xarxa_directory_filters_set_store (self->filters, store);

  if (settings != NULL)
    {
      g_autofree char *sort = g_settings_get_string (settings, "directory-sort");

      /* The pane notifies its width when a drag ends: stored once. */
      g_settings_bind (settings, "directory-list-width", self->sidebar_pane, "width", G_SETTINGS_BIND_DEFAULT);

      xarxa_directory_filters_set_sort (self->filters,
                                        g_strcmp0 (sort, "updated") == 0 ? XARXA_SORT_UPDATED : XARXA_SORT_NAME);
    }

  if (self->editor != NULL)
    xarxa_entity_editor_set_store (self->editor, store);

  /* A long directory is read once the window is on screen. */
  query = xarxa_directory_page_dup_query (self);
  self->list = xarxa_record_list_new_deferred (store, query);
  self->selection = xarxa_list_page_new_selection (self->list);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selected_changed_cb), self, G_CONNECT_SWAPPED);
  /* Connected after the selection's own handler, so it sees the new state. */
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loaded", G_CALLBACK (list_loaded_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* The filter choices are read when the filter popover opens: listing the
   * tags of 100,000 organisations is not start-up work. */
  apply_query (self);
  update_actions (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    watch_first_paint (self);
}

static void
xarxa_directory_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  XarxaDirectoryPage *self = XARXA_DIRECTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOWING_DETAIL:
      g_value_set_boolean (value, self->showing_detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_directory_page_dispose (GObject *object)
{
  XarxaDirectoryPage *self = XARXA_DIRECTORY_PAGE (object);

  if (self->editor != NULL)
    xarxa_entity_editor_flush (self->editor);
  g_clear_handle_id (&self->build_editor_id, g_source_remove);
  if (self->first_paint_clock != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->first_paint_clock, first_paint_cb, self);
      g_clear_weak_pointer (&self->first_paint_clock);
    }

  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_DIRECTORY_PAGE);
  self->editor = NULL;   /* it was a child of the detail stack */

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (xarxa_directory_page_parent_class)->dispose (object);
}

static void
xarxa_directory_page_finalize (GObject *object)
{
  XarxaDirectoryPage *self = XARXA_DIRECTORY_PAGE (object);

  g_free (self->search);

  G_OBJECT_CLASS (xarxa_directory_page_parent_class)->finalize (object);
}

/* XarxaPage */

static void
page_set_store (XarxaPage  *page,
                XarxaStore *store,
                GSettings  *settings)
{
  xarxa_directory_page_set_store (XARXA_DIRECTORY_PAGE (page), store, settings);
}

static const char *
page_get_new_label (XarxaPage *page)
{
  return _("New Organisation");
}

static void
page_new_record (XarxaPage *page)
{
  xarxa_directory_page_new_entity (XARXA_DIRECTORY_PAGE (page));
}

static void
page_focus_search (XarxaPage *page)
{
  xarxa_directory_page_focus_search (XARXA_DIRECTORY_PAGE (page));
}

static void
page_go_back (XarxaPage *page)
{
  xarxa_directory_page_go_back (XARXA_DIRECTORY_PAGE (page));
}

static void
page_undelete (XarxaPage  *page,
               const char *type_name,
               const char *id)
{
  xarxa_directory_page_undelete (XARXA_DIRECTORY_PAGE (page), type_name, id);
}

/* The list as shown, search, filters and sort included. */
static void
page_export (XarxaPage *page)
{
  XarxaDirectoryPage *self = XARXA_DIRECTORY_PAGE (page);
  g_autoptr(XarxaQuery) query = NULL;

  if (self->store == NULL)
    return;
  query = xarxa_directory_page_dup_query (self);
  xarxa_csv_export_present (GTK_WIDGET (self), self->store, query);
}

static void
page_iface_init (XarxaPageInterface *iface)
{
  iface->set_store = page_set_store;
  iface->get_new_label = page_get_new_label;
  iface->new_record = page_new_record;
  iface->focus_search = page_focus_search;
  iface->go_back = page_go_back;
  iface->undelete = page_undelete;
  iface->export = page_export;
}

static void
xarxa_directory_page_class_init (XarxaDirectoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xarxa_directory_page_get_property;
  object_class->dispose = xarxa_directory_page_dispose;
  object_class->finalize = xarxa_directory_page_finalize;
  widget_class->map = xarxa_directory_page_map;

  g_object_class_override_property (object_class, PROP_SHOWING_DETAIL, "showing-detail");
  properties[PROP_SHOWING_DETAIL] = g_object_class_find_property (object_class, "showing-detail");

  g_type_ensure (XARXA_TYPE_DIRECTORY_FILTERS);
  g_type_ensure (XARXA_TYPE_RESIZABLE_PANE);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-directory-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, welcome_import_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, welcome_example_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryPage, filters);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);

  gtk_widget_class_install_action (widget_class, "directory.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "directory.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "directory.escape", NULL, escape_action);

  /* Text fields take Delete themselves; elsewhere it deletes the open
   * organisation (with Undo). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "directory.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "directory.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "directory.escape", NULL);
}

static void
xarxa_directory_page_init (XarxaDirectoryPage *self)
{
  g_autoptr(GtkListItemFactory) factory = xarxa_entity_row_new_factory ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_view_set_factory (self->list_view, factory);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.delete", FALSE);
}
