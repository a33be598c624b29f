/* xarxa-clusters-page.c — the Clusters view: list, search, filters, and a
 * cluster's page edited in place.
 *
 * The list is a GtkListView over XarxaRecordList with a query on clusters:
 * search (the store's cluster index), filters by status and transition and
 * the sort are answered by SQLite.  Beside it, in an AdwLeaflet that folds
 * on a narrow window, the cluster's editor (XarxaClusterEditor).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-clusters-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-cluster-editor.h"
#include "xarxa-cluster-row.h"
#include "xarxa-clusters-page.h"
#include "xarxa-list-page.h"
#include "xarxa-network-agenda.h"
#include "xarxa-page.h"
#include "xarxa-record-list.h"
#include "xarxa-toast.h"

struct _XarxaClustersPage
{
  AdwBin parent_instance;

  XarxaStore         *store;
  XarxaRecordList    *list;
  GtkSingleSelection *selection;
  char               *search;
  gboolean            selecting;
  gboolean            showing_detail;
  gboolean            loaded;       /* the list read: once the view is first shown */
  gboolean            agenda_loaded;
  GHashTable         *bound_rows;   /* XarxaClusterRow → its GtkListItem */

  GtkStack            *page_stack;
  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  GtkWidget           *filter_button;
  XarxaChoiceDropDown *status_filter;
  XarxaChoiceDropDown *transition_filter;
  XarxaChoiceDropDown *sort_choice;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  XarxaClusterEditor  *editor;
  XarxaNetworkAgenda  *network_agenda;
};

static void page_iface_init (XarxaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XarxaClustersPage, xarxa_clusters_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (XARXA_TYPE_PAGE, page_iface_init))

enum {
  PROP_0,
  PROP_SHOWING_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const sort_ids[] = { "name", "updated", "due", NULL };

static void ensure_loaded (XarxaClustersPage *self);

const char *
xarxa_clusters_page_get_shown_id (XarxaClustersPage *self)
{
  g_return_val_if_fail (XARXA_IS_CLUSTERS_PAGE (self), NULL);

  return xarxa_cluster_editor_get_cluster_id (self->editor);
}

static gboolean
filters_active (XarxaClustersPage *self)
{
  return xarxa_choice_drop_down_get_selected_id (self->status_filter) != NULL ||
         xarxa_choice_drop_down_get_selected_id (self->transition_filter) != NULL;
}

static gboolean
query_active (XarxaClustersPage *self)
{
  return self->search != NULL || filters_active (self);
}

XarxaQuery *
xarxa_clusters_page_dup_query (XarxaClustersPage *self)
{
  XarxaQuery *query;
  const char *sort;

  g_return_val_if_fail (XARXA_IS_CLUSTERS_PAGE (self), NULL);

  query = xarxa_query_new ("cluster");
  xarxa_query_set_search (query, self->search);
  xarxa_query_set_filter (query, "status", xarxa_choice_drop_down_get_selected_id (self->status_filter));
  xarxa_query_set_filter (query, "transitions", xarxa_choice_drop_down_get_selected_id (self->transition_filter));
  sort = xarxa_choice_drop_down_get_selected_id (self->sort_choice);
  xarxa_query_set_sort (query, g_strcmp0 (sort, "updated") == 0 ? XARXA_SORT_UPDATED
                               : g_strcmp0 (sort, "due") == 0 ? XARXA_SORT_DUE
                               : XARXA_SORT_NAME);
  return query;
}

static void
update_state (XarxaClustersPage *self)
{
  g_autofree char *label = NULL;
  guint n;

  if (self->list == NULL)
    return;

  xarxa_list_page_show_filters_active (self->filter_button, filters_active (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  gtk_stack_set_visible_child_name (self->page_stack, n == 0 && !query_active (self) ? "welcome" : "clusters");
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");

  if (query_active (self))
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u cluster found", "%'u clusters found", n), n);
  else
    label = xarxa_record_type_count_text (xarxa_schema_lookup ("cluster"), n);
  gtk_label_set_label (self->count_label, label);
}

static void
apply_query (XarxaClustersPage *self)
{
  g_autoptr(XarxaQuery) query = NULL;

  if (self->list == NULL)
    return;
  query = xarxa_clusters_page_dup_query (self);
  xarxa_record_list_set_query (self->list, query);
  update_state (self);
}

/* Selection */

static void
sync_selection (XarxaClustersPage *self)
{
  xarxa_list_page_select (self->selection, self->list, xarxa_clusters_page_get_shown_id (self), &self->selecting);
}

static void
show_cluster (XarxaClustersPage *self,
              const char        *id)
{
  if (g_strcmp0 (id, xarxa_clusters_page_get_shown_id (self)) != 0)
    xarxa_cluster_editor_set_cluster (self->editor, id);
  gtk_stack_set_visible_child_name (self->detail_stack,
                                    xarxa_clusters_page_get_shown_id (self) != NULL ? "editor" : "none");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.delete",
                                 xarxa_clusters_page_get_shown_id (self) != NULL);
}

static void
reveal_editor (XarxaClustersPage *self,
               gboolean           focus)
{
  if (xarxa_clusters_page_get_shown_id (self) != NULL)
    xarxa_list_page_reveal_editor (self->leaflet, GTK_WIDGET (self->editor), focus);
}

static void
selected_changed_cb (XarxaClustersPage *self)
{
  XarxaRecord *record;

  if (self->selecting)
    return;
  record = gtk_single_selection_get_selected_item (self->selection);
  if (record == NULL || g_strcmp0 (xarxa_record_get_id (record), xarxa_clusters_page_get_shown_id (self)) == 0)
    return;
  show_cluster (self, xarxa_record_get_id (record));
  reveal_editor (self, FALSE);
}

static void
list_activate_cb (XarxaClustersPage *self,
                  guint              position)
{
  g_autoptr(XarxaRecord) record = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (record == NULL)
    return;
  show_cluster (self, xarxa_record_get_id (record));
  reveal_editor (self, TRUE);
}

static void show_figures_on_screen (XarxaClustersPage *self);

static void
items_changed_cb (XarxaClustersPage *self)
{
  update_state (self);
  sync_selection (self);
  /* Rows kept by the list may have moved on screen. */
  show_figures_on_screen (self);
}

void
xarxa_clusters_page_open_cluster (XarxaClustersPage *self,
                                  const char        *id)
{
  g_return_if_fail (XARXA_IS_CLUSTERS_PAGE (self));

  ensure_loaded (self);
  /* A cluster the search or a filter hides is shown all the same. */
  if (id != NULL && self->list != NULL && xarxa_record_list_find (self->list, id) == G_MAXUINT)
    xarxa_record_list_refresh (self->list);
  update_state (self);
  show_cluster (self, id);
  sync_selection (self);
  if (id != NULL)
    reveal_editor (self, FALSE);
}

/* Leaflet */

static void
leaflet_changed_cb (XarxaClustersPage *self)
{
  gboolean detail = xarxa_list_page_showing_detail (self->leaflet);

  if (detail == self->showing_detail)
    return;
  self->showing_detail = detail;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_DETAIL]);
}

static void
go_back (XarxaClustersPage *self)
{
  if (!self->showing_detail)
    return;
  xarxa_cluster_editor_flush (self->editor);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  xarxa_list_page_unselect (self->selection, &self->selecting);
}

/* Search and filters */

static void
search_changed_cb (XarxaClustersPage *self)
{
  if (xarxa_list_page_take_search (self->search_entry, &self->search))
    apply_query (self);
}

static void
stop_search_cb (XarxaClustersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
search_activate_cb (XarxaClustersPage *self)
{
  if (self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    list_activate_cb (self, 0);
}

static void
filters_changed_cb (XarxaClustersPage *self)
{
  apply_query (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaClustersPage *self = XARXA_CLUSTERS_PAGE (widget);

  xarxa_choice_drop_down_set_selected_id (self->status_filter, NULL);
  xarxa_choice_drop_down_set_selected_id (self->transition_filter, NULL);
  g_clear_pointer (&self->search, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_query (self);
}

/* Create */

char *
xarxa_clusters_page_create_cluster (XarxaClustersPage *self,
                                    const char        *name)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (XARXA_IS_CLUSTERS_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->store == NULL)
    return NULL;
  ensure_loaded (self);

  json_object_set_string_member (values, "name", name);
  json_object_set_string_member (values, "status", "forming");
  id = xarxa_store_create_record (self->store, "cluster", values, &error);
  if (id == NULL)
    {
      xarxa_list_page_show_add_error (GTK_WIDGET (self), name, error->message);
      return NULL;
    }

  if (xarxa_record_list_find (self->list, id) == G_MAXUINT && query_active (self))
    clear_filters_action (GTK_WIDGET (self), NULL, NULL);
  xarxa_clusters_page_open_cluster (self, id);
  xarxa_cluster_editor_focus_first (self->editor);
  return g_steal_pointer (&id);
}

static char *
find_cluster_cb (GObject    *owner,
                 const char *name,
                 char      **out_name)
{
  XarxaClustersPage *self = XARXA_CLUSTERS_PAGE (owner);
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(XarxaQuery) query = xarxa_query_new ("cluster");
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  if (self->store == NULL)
    return NULL;

  /* The clusters whose words begin as the name's, then the one named so. */
  xarxa_query_set_search (query, name);
  rowids = xarxa_store_query_rowids (self->store, query, NULL);
  for (guint i = 0; rowids != NULL && i < rowids->len; i++)
    {
      g_autoptr(JsonObject) record = xarxa_store_get_record_by_rowid (self->store, "cluster",
                                                                      g_array_index (rowids, gint64, i), NULL);
      const char *title = record != NULL ? json_object_get_string_member_with_default (record, "name", NULL) : NULL;
      g_autofree char *folded = title != NULL ? g_utf8_casefold (title, -1) : NULL;

      if (folded != NULL && g_utf8_collate (folded, wanted) == 0)
        {
          *out_name = g_strdup (title);
          return g_strdup (json_object_get_string_member (record, "id"));
        }
    }
  return NULL;
}

static void
create_cluster_cb (GObject    *owner,
                   const char *name)
{
  g_free (xarxa_clusters_page_create_cluster (XARXA_CLUSTERS_PAGE (owner), name));
}

static void
open_cluster_cb (GObject    *owner,
                 const char *id)
{
  xarxa_clusters_page_open_cluster (XARXA_CLUSTERS_PAGE (owner), id);
}

void
xarxa_clusters_page_new_cluster (XarxaClustersPage *self)
{
  const XarxaNewRecordText text = {
    .heading = _("New Cluster"),
    .body = _("What is the cluster called? You can fill in its objective, members and everything else next."),
    .placeholder = _("Name"),
    .entry_name = _("Name of the new cluster"),
    .duplicate_heading = _("Cluster Already Exists"),
    .duplicate_body = _("A cluster named “%s” already exists. Open it, or create a separate cluster with the same name."),
  };

  g_return_if_fail (XARXA_IS_CLUSTERS_PAGE (self));

  if (self->store == NULL)
    return;

  xarxa_list_page_ask_new_record (GTK_WIDGET (self), "new-cluster-dialog", &text,
                                  find_cluster_cb, create_cluster_cb, open_cluster_cb);
}

/* Delete */

void
xarxa_clusters_page_delete_current (XarxaClustersPage *self)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (XARXA_IS_CLUSTERS_PAGE (self));

  id = g_strdup (xarxa_clusters_page_get_shown_id (self));
  if (id == NULL || self->store == NULL)
    return;
  name = g_strdup (xarxa_cluster_editor_get_name (self->editor));

  /* Saves what was being typed, so Undo gives it all back. */
  show_cluster (self, NULL);

  if (!xarxa_store_delete_record (self->store, "cluster", id, &error))
    {
      xarxa_list_page_show_delete_error (GTK_WIDGET (self), name, error->message);
      show_cluster (self, id);
      return;
    }

  if (xarxa_record_list_find (self->list, id) != G_MAXUINT)
    xarxa_record_list_refresh (self->list);
  update_state (self);
  if (self->showing_detail)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  xarxa_list_page_show_deleted (GTK_WIDGET (self), "cluster", id, name);
}

static void
undelete (XarxaClustersPage *self,
          const char        *type_name,
          const char        *id)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  ensure_loaded (self);
  if (!xarxa_store_undelete_record (self->store, type_name, id, &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not undo: %s"), error->message));
      return;
    }

  if (g_str_equal (type_name, "cluster"))
    xarxa_clusters_page_open_cluster (self, id);
  else
    xarxa_cluster_editor_reload_members (self->editor);
  /* Member counts and coordinators in the list. */
  xarxa_record_list_refresh (self->list);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  xarxa_clusters_page_delete_current (XARXA_CLUSTERS_PAGE (widget));
}

void
xarxa_clusters_page_show_network_agenda (XarxaClustersPage *self)
{
  g_return_if_fail (XARXA_IS_CLUSTERS_PAGE (self));

  if (self->store == NULL)
    return;
  ensure_loaded (self);
  /* The network's agenda is read when first asked for. */
  if (!self->agenda_loaded)
    {
      self->agenda_loaded = TRUE;
      xarxa_network_agenda_set_store (self->network_agenda, self->store);
    }
  /* No cluster shown: choosing one in the list shows it again. */
  show_cluster (self, NULL);
  xarxa_list_page_unselect (self->selection, &self->selecting);
  gtk_stack_set_visible_child_name (self->detail_stack, "network-agenda");
  xarxa_list_page_reveal_editor (self->leaflet, GTK_WIDGET (self->network_agenda), FALSE);
}

static void
network_agenda_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  xarxa_clusters_page_show_network_agenda (XARXA_CLUSTERS_PAGE (widget));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XarxaClustersPage *self = XARXA_CLUSTERS_PAGE (widget);

  if (self->showing_detail)
    go_back (self);
  else if (self->search != NULL)
    stop_search_cb (self);
}

/* Rows
 *
 * GTK 4.8 binds up to 200 rows of a long list, whatever the height of the
 * window.  Each row shows its name and summary from the record at once, but
 * its figures (members, coordinator, next action, progress) cost queries of
 * other types: they are computed only for the rows on screen or next to
 * it, and for the others when the list is scrolled to them, before they
 * are drawn. */

/* The least and the most a row is high (its margins and two lines of
 * small text, as with large fonts scaled down; name on two lines, summary,
 * members, next action and progress), with room to spare: which positions
 * may be on screen is reckoned from them, erring on the side of too many. */
#define ROW_HEIGHT_MIN 30
#define ROW_HEIGHT_MAX 160

static gboolean
may_be_on_screen (XarxaClustersPage *self,
                  guint              position)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  double top = adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
  double height = adjustment != NULL ? gtk_adjustment_get_page_size (adjustment) : 0;
  double first, last;

  /* Not laid out yet (the view shown this moment): as high as the window. */
  if (height <= 0 && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    height = gtk_widget_get_height (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))));
  if (height <= 0)
    height = 1200;
  first = floor (top / ROW_HEIGHT_MAX) - 2;
  last = ceil ((top + height) / ROW_HEIGHT_MIN) + 2;
  return position >= first && position <= last;
}

static void
show_figures_on_screen (XarxaClustersPage *self)
{
  GHashTableIter iter;
  gpointer row, item;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, &item))
    if (!xarxa_cluster_row_get_figures_shown (row) && may_be_on_screen (self, gtk_list_item_get_position (item)))
      xarxa_cluster_row_show_figures (row);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, xarxa_cluster_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             XarxaClustersPage        *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  xarxa_cluster_row_set_cluster (XARXA_CLUSTER_ROW (row), self->store, gtk_list_item_get_item (item));
  g_hash_table_insert (self->bound_rows, row, item);
  if (may_be_on_screen (self, gtk_list_item_get_position (item)))
    xarxa_cluster_row_show_figures (XARXA_CLUSTER_ROW (row));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               XarxaClustersPage        *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_hash_table_remove (self->bound_rows, row);
  xarxa_cluster_row_set_cluster (XARXA_CLUSTER_ROW (row), NULL, NULL);
}

/* Member counts, coordinators, next actions and progress are read from
 * other types: the rows that show them compute them again when those
 * change (the others will when they are shown). */
static void
related_changed_cb (XarxaClustersPage *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    xarxa_cluster_row_refresh (row);
}

/* Sorted by the next due action, a change to an action may move its
 * cluster in the list. */
static void
actions_changed_cb (XarxaClustersPage *self)
{
  g_autoptr(XarxaQuery) query = NULL;

  if (self->list == NULL)
    return;
  query = xarxa_clusters_page_dup_query (self);
  if (xarxa_query_get_sort (query) == XARXA_SORT_DUE)
    xarxa_record_list_refresh (self->list);
}

/* The list, its rows and the editor are made when the view is first shown
 * (or asked to show a cluster), not when the window starts: a view not
 * shown costs no query and no row. */
static void
ensure_loaded (XarxaClustersPage *self)
{
  g_autoptr(XarxaQuery) query = NULL;
  const char *related[] = { "cluster_member", "entity", "action", "indicator_value", "indicator" };
  GtkAdjustment *adjustment;

  if (self->loaded || self->store == NULL)
    return;
  self->loaded = TRUE;

  xarxa_cluster_editor_set_store (self->editor, self->store);

  query = xarxa_clusters_page_dup_query (self);
  self->list = xarxa_record_list_new (self->store, query);
  self->selection = xarxa_list_page_new_selection (self->list);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selected_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  /* Scrolled or resized: the rows that come on screen show their figures
   * before they are drawn. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  if (adjustment != NULL)
    {
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (show_figures_on_screen), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustment, "changed", G_CALLBACK (show_figures_on_screen), self, G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < G_N_ELEMENTS (related); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", related[i], NULL);

      g_signal_connect_object (self->store, signal, G_CALLBACK (related_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->store, "changed::action", G_CALLBACK (actions_changed_cb), self, G_CONNECT_SWAPPED);

  update_state (self);
}

static void
set_store (XarxaClustersPage *self,
           XarxaStore        *store)
{
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_loaded (self);
}

static void
xarxa_clusters_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  XarxaClustersPage *self = XARXA_CLUSTERS_PAGE (object);

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
xarxa_clusters_page_dispose (GObject *object)
{
  XarxaClustersPage *self = XARXA_CLUSTERS_PAGE (object);

  if (self->editor != NULL)
    xarxa_cluster_editor_flush (self->editor);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_CLUSTERS_PAGE);
  self->editor = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_clusters_page_parent_class)->dispose (object);
}

static void
xarxa_clusters_page_finalize (GObject *object)
{
  XarxaClustersPage *self = XARXA_CLUSTERS_PAGE (object);

  g_free (self->search);
  g_hash_table_unref (self->bound_rows);

  G_OBJECT_CLASS (xarxa_clusters_page_parent_class)->finalize (object);
}

/* XarxaPage */

static void
page_set_store (XarxaPage  *page,
                XarxaStore *store,
                GSettings  *settings)
{
  set_store (XARXA_CLUSTERS_PAGE (page), store);
}

static const char *
page_get_new_label (XarxaPage *page)
{
  return _("New Cluster");
}

static void
page_new_record (XarxaPage *page)
{
  xarxa_clusters_page_new_cluster (XARXA_CLUSTERS_PAGE (page));
}

static void
page_focus_search (XarxaPage *page)
{
  XarxaClustersPage *self = XARXA_CLUSTERS_PAGE (page);

  go_back (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
page_go_back (XarxaPage *page)
{
  go_back (XARXA_CLUSTERS_PAGE (page));
}

static void
page_undelete (XarxaPage  *page,
               const char *type_name,
               const char *id)
{
  undelete (XARXA_CLUSTERS_PAGE (page), type_name, id);
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
}

static const char *
status_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_cluster_status_list, id);
}

static const char *
transition_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_transition_list, id);
}

static const char *
sort_label (const char *id)
{
  if (g_str_equal (id, "updated"))
    return C_("sort", "Last change");
  if (g_str_equal (id, "due"))
    return C_("sort", "Next due action");
  return C_("sort", "Name");
}

static void
xarxa_clusters_page_class_init (XarxaClustersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xarxa_clusters_page_get_property;
  object_class->dispose = xarxa_clusters_page_dispose;
  object_class->finalize = xarxa_clusters_page_finalize;

  g_object_class_override_property (object_class, PROP_SHOWING_DETAIL, "showing-detail");
  properties[PROP_SHOWING_DETAIL] = g_object_class_find_property (object_class, "showing-detail");

  g_type_ensure (XARXA_TYPE_CHOICE_DROP_DOWN);
  g_type_ensure (XARXA_TYPE_CLUSTER_EDITOR);
  g_type_ensure (XARXA_TYPE_NETWORK_AGENDA);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/clusters/xarxa-clusters-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, transition_filter);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, sort_choice);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, editor);
  gtk_widget_class_bind_template_child (widget_class, XarxaClustersPage, network_agenda);
  /* For tests that look for them. */
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_new_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_example_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);

  gtk_widget_class_install_action (widget_class, "clusters.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "clusters.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "clusters.escape", NULL, escape_action);
  gtk_widget_class_install_action (widget_class, "clusters.network-agenda", NULL, network_agenda_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "clusters.escape", NULL);
}

static void
xarxa_clusters_page_init (XarxaClustersPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound_rows = g_hash_table_new (NULL, NULL);
  xarxa_choice_drop_down_set_choices_func (self->status_filter, C_("cluster status", "Any"),
                                           xarxa_cluster_statuses, status_label);
  xarxa_choice_drop_down_set_choices_func (self->transition_filter, C_("transition", "Any"),
                                           xarxa_transitions, transition_label);
  xarxa_choice_drop_down_set_choices_func (self->sort_choice, NULL, sort_ids, sort_label);
  xarxa_choice_drop_down_set_selected_id (self->sort_choice, "name");

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect (self, "map", G_CALLBACK (ensure_loaded), NULL);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.delete", FALSE);
}
