/* xarxa-member-picker.c — adds an organisation to a cluster: finds it in
 * the whole directory as you type, or creates it on the spot.
 *
 * The list is a XarxaRecordList over organisations with the words typed as
 * its search, answered by SQLite's full-text index, so it stays quick with
 * 100,000 organisations.  What the store refuses (the organisation is a
 * member already) is said in the window, which stays open to choose again.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-member-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-entity-row.h"
#include "xarxa-member-picker.h"
#include "xarxa-record-list.h"

struct _XarxaMemberPicker
{
  AdwWindow parent_instance;

  XarxaStore         *store;
  char               *cluster_id;
  XarxaRecordList    *list;
  GtkSingleSelection *selection;

  GtkSearchEntry      *search_entry;
  GtkListView         *list_view;
  GtkWidget           *create_button;
  GtkLabel            *create_label;
  XarxaChoiceDropDown *role_drop_down;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (XarxaMemberPicker, xarxa_member_picker, ADW_TYPE_WINDOW)

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
role_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_member_role_list, id);
}

static void
show_error (XarxaMemberPicker *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
search_text (XarxaMemberPicker *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

/* Makes @entity_id a member; FALSE, with the store's message shown, when
 * it cannot be. */
static gboolean
add_member (XarxaMemberPicker *self,
            const char        *entity_id)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *id = NULL;
  const char *role = xarxa_choice_drop_down_get_selected_id (self->role_drop_down);

  json_object_set_string_member (values, "cluster_id", self->cluster_id);
  json_object_set_string_member (values, "entity_id", entity_id);
  if (role != NULL)
    json_object_set_string_member (values, "role", role);
  json_object_set_string_member (values, "joined_on", today);

  id = xarxa_store_create_record (self->store, "cluster_member", values, &error);
  if (id == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[ADDED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
add_selected (XarxaMemberPicker *self)
{
  XarxaRecord *record = gtk_single_selection_get_selected_item (self->selection);

  if (record == NULL)
    {
      show_error (self, _("Choose an organisation in the list, or type a name to create one."));
      return;
    }
  add_member (self, xarxa_record_get_id (record));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  add_selected (XARXA_MEMBER_PICKER (widget));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XarxaMemberPicker *self = XARXA_MEMBER_PICKER (widget);
  g_autofree char *name = search_text (self);
  g_autofree char *existing = NULL;
  g_autofree char *entity_id = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(GError) error = NULL;

  if (name[0] == '\0')
    return;

  existing = xarxa_store_find_entity_by_name (self->store, name, NULL);
  if (existing != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("An organisation named “%s” is in the directory already: choose it in the list."), name);

      show_error (self, message);
      return;
    }

  values = json_object_new ();
  json_object_set_string_member (values, "name", name);
  entity_id = xarxa_store_create_record (self->store, "entity", values, &error);
  if (entity_id == NULL)
    {
      show_error (self, error->message);
      return;
    }
  add_member (self, entity_id);
}

static void
update_create_button (XarxaMemberPicker *self)
{
  g_autofree char *name = search_text (self);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->create_button, name[0] != '\0');
  if (name[0] == '\0')
    return;
  /* TRANSLATORS: %s is what the user typed, the new organisation's name */
  label = g_strdup_printf (_("_Create Organisation “%s”"), name);
  gtk_label_set_label (self->create_label, label);
}

static void
search_changed_cb (XarxaMemberPicker *self)
{
  g_autofree char *text = search_text (self);
  g_autoptr(XarxaQuery) query = xarxa_query_new ("entity");

  xarxa_query_set_search (query, text);
  xarxa_record_list_set_query (self->list, query);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  show_error (self, NULL);
  update_create_button (self);
}

static void
search_activate_cb (XarxaMemberPicker *self)
{
  add_selected (self);
}

static void
list_activate_cb (XarxaMemberPicker *self,
                  guint              position)
{
  gtk_single_selection_set_selected (self->selection, position);
  add_selected (self);
}

GtkWidget *
xarxa_member_picker_new (GtkWindow  *parent,
                         XarxaStore *store,
                         const char *cluster_id)
{
  XarxaMemberPicker *self;
  g_autoptr(XarxaQuery) query = xarxa_query_new ("entity");

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (cluster_id != NULL, NULL);

  self = g_object_new (XARXA_TYPE_MEMBER_PICKER, "transient-for", parent, NULL);
  gtk_widget_set_name (GTK_WIDGET (self), "member-picker");
  self->store = g_object_ref (store);
  self->cluster_id = g_strdup (cluster_id);
  self->list = xarxa_record_list_new (store, query);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  return GTK_WIDGET (self);
}

static void
xarxa_member_picker_dispose (GObject *object)
{
  XarxaMemberPicker *self = XARXA_MEMBER_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_MEMBER_PICKER);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_member_picker_parent_class)->dispose (object);
}

static void
xarxa_member_picker_finalize (GObject *object)
{
  XarxaMemberPicker *self = XARXA_MEMBER_PICKER (object);

  g_free (self->cluster_id);

  G_OBJECT_CLASS (xarxa_member_picker_parent_class)->finalize (object);
}

static void
xarxa_member_picker_class_init (XarxaMemberPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_member_picker_dispose;
  object_class->finalize = xarxa_member_picker_finalize;

  /* The new member's id. */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (XARXA_TYPE_CHOICE_DROP_DOWN);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/clusters/xarxa-member-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaMemberPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XarxaMemberPicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, XarxaMemberPicker, create_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaMemberPicker, create_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaMemberPicker, role_drop_down);
  gtk_widget_class_bind_template_child (widget_class, XarxaMemberPicker, error_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "picker.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "picker.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xarxa_member_picker_init (XarxaMemberPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = xarxa_entity_row_new_factory ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_view_set_factory (self->list_view, factory);

  xarxa_choice_drop_down_set_choices_func (self->role_drop_down, NULL, xarxa_member_roles, role_label);
  xarxa_choice_drop_down_set_selected_id (self->role_drop_down, "member");
}
