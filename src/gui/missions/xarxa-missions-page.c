/* xarxa-missions-page.c — the Missions view: missions under way, upcoming
 * and past, search, filters, and a mission's page edited in place.
 *
 * The list is a XarxaRecordList over missions whose search (the store's
 * mission index) and filters by status and country are answered by
 * SQLite.  Year and transition (that of the organiser or of a host
 * organisation) are not fields of a mission: a GtkFilterListModel keeps
 * those, over the few hundred missions a network has at most, and a
 * GtkSortListModel puts them in their groups against today.  GTK 4.8's
 * lists have no sections: the first row of each group shows its heading.
 * Beside the list, in an AdwLeaflet that folds on a narrow window, the
 * mission's page (XarxaMissionEditor).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-missions-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-countries.h"
#include "xarxa-list-page.h"
#include "xarxa-mission-editor.h"
#include "xarxa-mission-list.h"
#include "xarxa-mission-row.h"
#include "xarxa-missions-page.h"
#include "xarxa-page.h"
#include "xarxa-record-list.h"
#include "xarxa-toast.h"
#include "xarxa-values.h"

struct _XarxaMissionsPage
{
  AdwBin parent_instance;

  XarxaStore         *store;
  XarxaRecordList    *list;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  char               *search;
  char               *today;
  gboolean            loaded;   /* the list read: once the view is first shown */
  gboolean            selecting;
  gboolean            showing_detail;
  GHashTable         *bound_items;   /* the GtkListItems on screen */

  GtkStack            *page_stack;
  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  GtkWidget           *filter_button;
  XarxaChoiceDropDown *status_filter;
  XarxaChoiceDropDown *country_filter;
  XarxaChoiceDropDown *transition_filter;
  XarxaChoiceDropDown *year_filter;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  XarxaMissionEditor  *editor;
};

static void page_iface_init (XarxaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XarxaMissionsPage, xarxa_missions_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (XARXA_TYPE_PAGE, page_iface_init))

enum {
  PROP_0,
  PROP_SHOWING_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void ensure_loaded (XarxaMissionsPage *self);

const char *
xarxa_missions_page_get_shown_id (XarxaMissionsPage *self)
{
  g_return_val_if_fail (XARXA_IS_MISSIONS_PAGE (self), NULL);

  return xarxa_mission_editor_get_mission_id (self->editor);
}

GListModel *
xarxa_missions_page_get_model (XarxaMissionsPage *self)
{
  g_return_val_if_fail (XARXA_IS_MISSIONS_PAGE (self), NULL);

  return self->sorted != NULL ? G_LIST_MODEL (self->sorted) : NULL;
}

static gboolean
filters_active (XarxaMissionsPage *self)
{
  return xarxa_choice_drop_down_get_selected_id (self->status_filter) != NULL ||
         xarxa_choice_drop_down_get_selected_id (self->country_filter) != NULL ||
         xarxa_choice_drop_down_get_selected_id (self->transition_filter) != NULL ||
         xarxa_choice_drop_down_get_selected_id (self->year_filter) != NULL;
}

static gboolean
query_active (XarxaMissionsPage *self)
{
  return self->search != NULL || filters_active (self);
}

static XarxaQuery *
dup_query (XarxaMissionsPage *self)
{
  XarxaQuery *query = xarxa_query_new ("mission");

  xarxa_query_set_search (query, self->search);
  xarxa_query_set_filter (query, "status", xarxa_choice_drop_down_get_selected_id (self->status_filter));
  xarxa_query_set_filter (query, "country", xarxa_choice_drop_down_get_selected_id (self->country_filter));
  return query;
}

/* Grouping and order */

static char *
today_here (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The day the groups are read against: a window left open overnight
 * moves its missions on. */
static void
update_today (XarxaMissionsPage *self)
{
  g_autofree char *today = today_here ();

  if (g_strcmp0 (today, self->today) == 0)
    return;
  g_free (self->today);
  self->today = g_steal_pointer (&today);
  if (self->sorter != NULL)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static XarxaMissionGroup
group_of (XarxaMissionsPage *self,
          XarxaRecord       *mission)
{
  return xarxa_mission_group (xarxa_record_get_values (mission), self->today);
}

static int
compare_missions (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  XarxaMissionsPage *self = user_data;
  int order = xarxa_mission_compare (xarxa_record_get_values (XARXA_RECORD ((gpointer) a)),
                                     xarxa_record_get_values (XARXA_RECORD ((gpointer) b)),
                                     self->today);

  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

const char *
xarxa_missions_page_heading_at (XarxaMissionsPage *self,
                                guint              position)
{
  g_autoptr(XarxaRecord) mission = NULL;
  g_autoptr(XarxaRecord) previous = NULL;
  XarxaMissionGroup group;

  g_return_val_if_fail (XARXA_IS_MISSIONS_PAGE (self), NULL);

  if (self->sorted == NULL)
    return NULL;
  mission = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  if (mission == NULL)
    return NULL;
  group = group_of (self, mission);
  if (position > 0)
    previous = g_list_model_get_item (G_LIST_MODEL (self->sorted), position - 1);
  if (previous != NULL && group_of (self, previous) == group)
    return NULL;
  return xarxa_mission_group_label (group);
}

/* Year and transition */

static gboolean
filter_mission (gpointer item,
                gpointer user_data)
{
  XarxaMissionsPage *self = user_data;
  const char *year = xarxa_choice_drop_down_get_selected_id (self->year_filter);
  const char *transition = xarxa_choice_drop_down_get_selected_id (self->transition_filter);

  if (year != NULL && !xarxa_mission_in_year (xarxa_record_get_values (item), year))
    return FALSE;
  if (transition != NULL && self->store != NULL &&
      !xarxa_mission_works_on (self->store, xarxa_record_get_values (item), transition))
    return FALSE;
  return TRUE;
}

/* The countries and years the missions have, as filter choices. */
static void
update_filter_choices (XarxaMissionsPage *self)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new ("mission");
  g_autoptr(GPtrArray) missions = NULL;
  g_autoptr(GPtrArray) countries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) country_labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (g_free);

  missions = xarxa_store_query_records (self->store, query, NULL);
  for (guint i = 0; missions != NULL && i < missions->len; i++)
    {
      const char *country = xarxa_value_string_of (missions->pdata[i], "country");
      const char *dates[] = { xarxa_value_string_of (missions->pdata[i], "start_date"),
                              xarxa_value_string_of (missions->pdata[i], "end_date") };

      if (country != NULL && xarxa_country_name (country) != NULL &&
          !g_ptr_array_find_with_equal_func (countries, country, g_str_equal, NULL))
        g_ptr_array_add (countries, g_strdup (country));
      for (guint d = 0; d < G_N_ELEMENTS (dates); d++)
        {
          g_autofree char *year = dates[d] != NULL && strlen (dates[d]) >= 4 ? g_strndup (dates[d], 4) : NULL;

          if (year != NULL && !g_ptr_array_find_with_equal_func (years, year, g_str_equal, NULL))
            g_ptr_array_add (years, g_steal_pointer (&year));
        }
    }
  for (guint i = 0; i < countries->len; i++)
    g_ptr_array_add (country_labels, (gpointer) xarxa_country_name (countries->pdata[i]));
  xarxa_choice_drop_down_set_choices (self->country_filter, C_("country", "Any"),
                                      (const char * const *) countries->pdata,
                                      (const char * const *) country_labels->pdata, countries->len);
  g_ptr_array_sort (years, (GCompareFunc) g_strcmp0);
  xarxa_choice_drop_down_set_choices (self->year_filter, C_("year", "Any"),
                                      (const char * const *) years->pdata, NULL, years->len);
}

static void
update_state (XarxaMissionsPage *self)
{
  g_autofree char *label = NULL;
  guint n;

  if (self->list == NULL)
    return;

  xarxa_list_page_show_filters_active (self->filter_button, filters_active (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  gtk_stack_set_visible_child_name (self->page_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0 && !query_active (self)
                                    ? "welcome" : "missions");
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");

  if (query_active (self))
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u mission found", "%'u missions found", n), n);
  else
    label = xarxa_record_type_count_text (xarxa_schema_lookup ("mission"), n);
  gtk_label_set_label (self->count_label, label);
}

static void
apply_query (XarxaMissionsPage *self)
{
  g_autoptr(XarxaQuery) query = NULL;

  if (self->list == NULL)
    return;
  update_today (self);
  query = dup_query (self);
  xarxa_record_list_set_query (self->list, query);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* Selection */

static guint
find_position (XarxaMissionsPage *self,
               const char        *id)
{
  guint n;

  if (id == NULL || self->sorted == NULL)
    return GTK_INVALID_LIST_POSITION;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(XarxaRecord) record = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (g_strcmp0 (xarxa_record_get_id (record), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
sync_selection (XarxaMissionsPage *self)
{
  if (self->selection == NULL)
    return;
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, find_position (self, xarxa_missions_page_get_shown_id (self)));
  self->selecting = FALSE;
}

static void
show_mission (XarxaMissionsPage *self,
              const char        *id)
{
  if (g_strcmp0 (id, xarxa_missions_page_get_shown_id (self)) != 0)
    xarxa_mission_editor_set_mission (self->editor, id);
  gtk_stack_set_visible_child_name (self->detail_stack,
                                    xarxa_missions_page_get_shown_id (self) != NULL ? "editor" : "none");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "missions.delete",
                                 xarxa_missions_page_get_shown_id (self) != NULL);
}

static void
reveal_editor (XarxaMissionsPage *self,
               gboolean           focus)
{
  if (xarxa_missions_page_get_shown_id (self) != NULL)
    xarxa_list_page_reveal_editor (self->leaflet, GTK_WIDGET (self->editor), focus);
}

static void
selected_changed_cb (XarxaMissionsPage *self)
{
  XarxaRecord *record;

  if (self->selecting)
    return;
  record = gtk_single_selection_get_selected_item (self->selection);
  if (record == NULL || g_strcmp0 (xarxa_record_get_id (record), xarxa_missions_page_get_shown_id (self)) == 0)
    return;
  show_mission (self, xarxa_record_get_id (record));
  reveal_editor (self, FALSE);
}

static void
list_activate_cb (XarxaMissionsPage *self,
                  guint              position)
{
  g_autoptr(XarxaRecord) record = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (record == NULL)
    return;
  show_mission (self, xarxa_record_get_id (record));
  reveal_editor (self, TRUE);
}

static void
refresh_headings (XarxaMissionsPage *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      guint position = gtk_list_item_get_position (item);

      xarxa_mission_row_set_mission (XARXA_MISSION_ROW (gtk_list_item_get_child (item)), self->store,
                                     gtk_list_item_get_item (item), self->today,
                                     xarxa_missions_page_heading_at (self, position) != NULL);
    }
}

static void
items_changed_cb (XarxaMissionsPage *self)
{
  update_state (self);
  sync_selection (self);
  /* A row whose neighbour came or went may gain or lose its heading. */
  refresh_headings (self);
}

void
xarxa_missions_page_open_mission (XarxaMissionsPage *self,
                                  const char        *id)
{
  g_return_if_fail (XARXA_IS_MISSIONS_PAGE (self));

  ensure_loaded (self);
  /* A mission the search or a filter hides is shown all the same. */
  if (id != NULL && self->list != NULL && xarxa_record_list_find (self->list, id) == G_MAXUINT)
    xarxa_record_list_refresh (self->list);
  update_state (self);
  show_mission (self, id);
  sync_selection (self);
  if (id != NULL)
    reveal_editor (self, FALSE);
}

void
xarxa_missions_page_open_stop (XarxaMissionsPage *self,
                               const char        *stop_id)
{
  g_autoptr(JsonObject) stop = NULL;
  const char *mission_id;

  g_return_if_fail (XARXA_IS_MISSIONS_PAGE (self));
  g_return_if_fail (stop_id != NULL);

  if (self->store != NULL)
    stop = xarxa_store_get_live_record (self->store, "itinerary_stop", stop_id);
  mission_id = xarxa_value_string_of (stop, "mission_id");
  if (mission_id == NULL)
    return;
  xarxa_missions_page_open_mission (self, mission_id);
  xarxa_mission_editor_show_stop (self->editor, stop_id);
}

/* Leaflet */

static void
leaflet_changed_cb (XarxaMissionsPage *self)
{
  gboolean detail = xarxa_list_page_showing_detail (self->leaflet);

  if (detail == self->showing_detail)
    return;
  self->showing_detail = detail;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_DETAIL]);
}

static void
go_back (XarxaMissionsPage *self)
{
  if (!self->showing_detail)
    return;
  xarxa_mission_editor_flush (self->editor);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
}

/* Search and filters */

static void
search_changed_cb (XarxaMissionsPage *self)
{
  if (xarxa_list_page_take_search (self->search_entry, &self->search))
    apply_query (self);
}

static void
stop_search_cb (XarxaMissionsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
search_activate_cb (XarxaMissionsPage *self)
{
  if (self->sorted != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) > 0)
    list_activate_cb (self, 0);
}

static void
filters_changed_cb (XarxaMissionsPage *self)
{
  apply_query (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaMissionsPage *self = XARXA_MISSIONS_PAGE (widget);

  xarxa_choice_drop_down_set_selected_id (self->status_filter, NULL);
  xarxa_choice_drop_down_set_selected_id (self->country_filter, NULL);
  xarxa_choice_drop_down_set_selected_id (self->transition_filter, NULL);
  xarxa_choice_drop_down_set_selected_id (self->year_filter, NULL);
  g_clear_pointer (&self->search, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_query (self);
}

/* Create */

char *
xarxa_missions_page_create_mission (XarxaMissionsPage *self,
                                    const char        *title)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (XARXA_IS_MISSIONS_PAGE (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (self->store == NULL)
    return NULL;
  ensure_loaded (self);

  json_object_set_string_member (values, "title", title);
  json_object_set_string_member (values, "status", "idea");
  id = xarxa_store_create_record (self->store, "mission", values, &error);
  if (id == NULL)
    {
      xarxa_list_page_show_add_error (GTK_WIDGET (self), title, error->message);
      return NULL;
    }

  if (find_position (self, id) == GTK_INVALID_LIST_POSITION && query_active (self))
    clear_filters_action (GTK_WIDGET (self), NULL, NULL);
  xarxa_missions_page_open_mission (self, id);
  xarxa_mission_editor_focus_first (self->editor);
  return g_steal_pointer (&id);
}

static char *
find_mission_cb (GObject    *owner,
                 const char *title,
                 char      **out_title)
{
  XarxaMissionsPage *self = XARXA_MISSIONS_PAGE (owner);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(XarxaQuery) query = xarxa_query_new ("mission");
  g_autofree char *wanted = g_utf8_casefold (title, -1);

  if (self->store == NULL)
    return NULL;

  /* The missions whose words begin as the title's, then the one named so. */
  xarxa_query_set_search (query, title);
  records = xarxa_store_query_records (self->store, query, NULL);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const char *found = xarxa_value_string_of (records->pdata[i], "title");
      g_autofree char *folded = found != NULL ? g_utf8_casefold (found, -1) : NULL;

      if (folded != NULL && g_utf8_collate (folded, wanted) == 0)
        {
          *out_title = g_strdup (found);
          return g_strdup (xarxa_value_string_of (records->pdata[i], "id"));
        }
    }
  return NULL;
}

static void
create_mission_cb (GObject    *owner,
                   const char *title)
{
  g_free (xarxa_missions_page_create_mission (XARXA_MISSIONS_PAGE (owner), title));
}

static void
open_mission_cb (GObject    *owner,
                 const char *id)
{
  xarxa_missions_page_open_mission (XARXA_MISSIONS_PAGE (owner), id);
}

void
xarxa_missions_page_new_mission (XarxaMissionsPage *self)
{
  const XarxaNewRecordText text = {
    .heading = _("New Mission"),
    .body = _("What is the mission called? You can fill in its destination, dates, participants and everything else next."),
    .placeholder = _("Title"),
    .entry_name = _("Title of the new mission"),
    .duplicate_heading = _("Mission Already Exists"),
    .duplicate_body = _("A mission called “%s” already exists. Open it, or create a separate mission with the same title."),
  };

  g_return_if_fail (XARXA_IS_MISSIONS_PAGE (self));

  if (self->store == NULL)
    return;

  xarxa_list_page_ask_new_record (GTK_WIDGET (self), "new-mission-dialog", &text,
                                  find_mission_cb, create_mission_cb, open_mission_cb);
}

/* Delete */

void
xarxa_missions_page_delete_current (XarxaMissionsPage *self)
{
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (XARXA_IS_MISSIONS_PAGE (self));

  id = g_strdup (xarxa_missions_page_get_shown_id (self));
  if (id == NULL || self->store == NULL)
    return;
  title = g_strdup (xarxa_mission_editor_get_title (self->editor));

  /* Saves what was being typed, so Undo gives it all back. */
  show_mission (self, NULL);

  if (!xarxa_store_delete_record (self->store, "mission", id, &error))
    {
      xarxa_list_page_show_delete_error (GTK_WIDGET (self), title, error->message);
      show_mission (self, id);
      return;
    }

  if (xarxa_record_list_find (self->list, id) != G_MAXUINT)
    xarxa_record_list_refresh (self->list);
  update_state (self);
  if (self->showing_detail)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  xarxa_list_page_show_deleted (GTK_WIDGET (self), "mission", id, title);
}

static void
undelete (XarxaMissionsPage *self,
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

  if (g_str_equal (type_name, "mission"))
    xarxa_missions_page_open_mission (self, id);
  /* Participant counts in the list. */
  xarxa_record_list_refresh (self->list);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  xarxa_missions_page_delete_current (XARXA_MISSIONS_PAGE (widget));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XarxaMissionsPage *self = XARXA_MISSIONS_PAGE (widget);

  if (self->showing_detail)
    go_back (self);
  else if (self->search != NULL)
    stop_search_cb (self);
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, xarxa_mission_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             XarxaMissionsPage        *self)
{
  guint position = gtk_list_item_get_position (item);

  xarxa_mission_row_set_mission (XARXA_MISSION_ROW (gtk_list_item_get_child (item)), self->store,
                                 gtk_list_item_get_item (item), self->today,
                                 xarxa_missions_page_heading_at (self, position) != NULL);
  g_hash_table_add (self->bound_items, item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               XarxaMissionsPage        *self)
{
  g_hash_table_remove (self->bound_items, item);
  xarxa_mission_row_set_mission (XARXA_MISSION_ROW (gtk_list_item_get_child (item)), NULL, NULL, NULL, FALSE);
}

/* Participant counts are read from another type. */
static void
participants_changed_cb (XarxaMissionsPage *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    xarxa_mission_row_refresh (XARXA_MISSION_ROW (gtk_list_item_get_child (item)));
}

static void
missions_changed_cb (XarxaMissionsPage *self)
{
  update_today (self);
  update_filter_choices (self);
  /* A mission's dates or status may move it to another group. */
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  refresh_headings (self);
}

/* The list, its filters' choices and the editor are made when the view is
 * first shown (or asked to show a mission), not when the window starts. */
static void
ensure_loaded (XarxaMissionsPage *self)
{
  g_autoptr(XarxaQuery) query = NULL;
  XarxaStore *store = self->store;
  GtkFilterListModel *filtered;

  if (self->loaded || store == NULL)
    return;
  self->loaded = TRUE;
  xarxa_mission_editor_set_store (self->editor, store);

  query = dup_query (self);
  self->list = xarxa_record_list_new (store, query);
  self->filter = gtk_custom_filter_new (filter_mission, self, NULL);
  self->sorter = gtk_custom_sorter_new (compare_missions, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->list)),
                                        g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), g_object_ref (GTK_SORTER (self->sorter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selected_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (store, "changed::participant", G_CALLBACK (participants_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::mission", G_CALLBACK (missions_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  update_filter_choices (self);
  update_state (self);
}

static void
set_store (XarxaMissionsPage *self,
           XarxaStore        *store)
{
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_loaded (self);
}

static void
xarxa_missions_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  XarxaMissionsPage *self = XARXA_MISSIONS_PAGE (object);

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
xarxa_missions_page_dispose (GObject *object)
{
  XarxaMissionsPage *self = XARXA_MISSIONS_PAGE (object);

  if (self->editor != NULL)
    xarxa_mission_editor_flush (self->editor);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_MISSIONS_PAGE);
  self->editor = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_missions_page_parent_class)->dispose (object);
}

static void
xarxa_missions_page_finalize (GObject *object)
{
  XarxaMissionsPage *self = XARXA_MISSIONS_PAGE (object);

  g_free (self->search);
  g_free (self->today);
  g_hash_table_unref (self->bound_items);

  G_OBJECT_CLASS (xarxa_missions_page_parent_class)->finalize (object);
}

/* XarxaPage */

static void
page_set_store (XarxaPage  *page,
                XarxaStore *store,
                GSettings  *settings)
{
  set_store (XARXA_MISSIONS_PAGE (page), store);
}

static const char *
page_get_new_label (XarxaPage *page)
{
  return _("New Mission");
}

static void
page_new_record (XarxaPage *page)
{
  xarxa_missions_page_new_mission (XARXA_MISSIONS_PAGE (page));
}

static void
page_focus_search (XarxaPage *page)
{
  XarxaMissionsPage *self = XARXA_MISSIONS_PAGE (page);

  go_back (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
page_go_back (XarxaPage *page)
{
  go_back (XARXA_MISSIONS_PAGE (page));
}

static void
page_undelete (XarxaPage  *page,
               const char *type_name,
               const char *id)
{
  undelete (XARXA_MISSIONS_PAGE (page), type_name, id);
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
  return xarxa_choice_list_label (&xarxa_mission_status_list, id);
}

static const char *
transition_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_transition_list, id);
}

static void
xarxa_missions_page_class_init (XarxaMissionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xarxa_missions_page_get_property;
  object_class->dispose = xarxa_missions_page_dispose;
  object_class->finalize = xarxa_missions_page_finalize;

  g_object_class_override_property (object_class, PROP_SHOWING_DETAIL, "showing-detail");
  properties[PROP_SHOWING_DETAIL] = g_object_class_find_property (object_class, "showing-detail");

  g_type_ensure (XARXA_TYPE_CHOICE_DROP_DOWN);
  g_type_ensure (XARXA_TYPE_MISSION_EDITOR);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/missions/xarxa-missions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, country_filter);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, transition_filter);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, year_filter);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionsPage, editor);
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

  gtk_widget_class_install_action (widget_class, "missions.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "missions.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "missions.escape", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "missions.escape", NULL);
}

static void
xarxa_missions_page_init (XarxaMissionsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->today = today_here ();
  self->bound_items = g_hash_table_new (NULL, NULL);
  xarxa_choice_drop_down_set_choices_func (self->status_filter, C_("mission status", "Any"),
                                           xarxa_mission_statuses, status_label);
  xarxa_choice_drop_down_set_choices_func (self->transition_filter, C_("transition", "Any"),
                                           xarxa_transitions, transition_label);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect (self, "map", G_CALLBACK (ensure_loaded), NULL);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "missions.delete", FALSE);
}
