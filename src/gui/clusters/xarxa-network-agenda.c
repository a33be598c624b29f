/* xarxa-network-agenda.c — the shared social agenda of the whole network,
 * in the Clusters view's detail pane: the meetings that belong to no
 * cluster, then every agenda item of every cluster and meeting, ranked by
 * support (XarxaClusterAgenda in its network mode), ready to be saved to
 * the library.  A meeting of the whole network is added here; each one's
 * own agenda is saved from its row.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-network-agenda"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-cluster-meetings.h"
#include "xarxa-field-row.h"
#include "xarxa-network-agenda.h"
#include "xarxa-query.h"
#include "xarxa-toast.h"
#include "xarxa-validate.h"
#include "xarxa-value.h"
#include "xarxa-values.h"

struct _XarxaNetworkAgenda
{
  AdwBin parent_instance;

  XarxaStore          *store;
  GPtrArray           *meeting_rows;
  GHashTable          *expanded;   /* ids of the meetings whose rows are open */
  guint                reload_id;
  gboolean             saving;     /* a change of ours is being written */

  AdwPreferencesGroup *meetings_group;
  XarxaClusterAgenda  *agenda;
};

G_DEFINE_FINAL_TYPE (XarxaNetworkAgenda, xarxa_network_agenda, ADW_TYPE_BIN)

#define MEETING_ID "xarxa-meeting-id"

static JsonObject *
row_meeting (XarxaNetworkAgenda *self,
             GtkWidget          *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), MEETING_ID) : NULL;

  return id != NULL && self->store != NULL ? xarxa_store_get_live_record (self->store, "meeting", id) : NULL;
}

/* The row keeps its place and the focus: only its title and subtitle
 * follow what was saved. */
static void
retitle (GtkWidget  *row,
         JsonObject *meeting)
{
  g_autofree char *subtitle = xarxa_cluster_meetings_subtitle (meeting);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), xarxa_value_string_of (meeting, "title"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
}

static gboolean
save_field_cb (XarxaFieldRow *field_row,
               const char    *field,
               JsonNode      *value,
               gpointer       user_data,
               GError       **error)
{
  XarxaNetworkAgenda *self = user_data;
  g_autoptr(JsonObject) meeting = row_meeting (self, GTK_WIDGET (field_row));
  gboolean ok;

  if (meeting == NULL)
    return TRUE;
  self->saving = TRUE;
  ok = xarxa_field_row_save_to_record (self->store, "meeting", xarxa_value_string_of (meeting, "id"), meeting,
                                       field, json_node_copy (value), error);
  self->saving = FALSE;
  if (ok)
    retitle (gtk_widget_get_ancestor (GTK_WIDGET (field_row), ADW_TYPE_EXPANDER_ROW), meeting);
  return ok;
}

static void
online_changed_cb (GtkSwitch          *toggle,
                   GParamSpec         *pspec,
                   XarxaNetworkAgenda *self)
{
  g_autoptr(JsonObject) meeting = row_meeting (self, GTK_WIDGET (toggle));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (meeting == NULL)
    return;
  self->saving = TRUE;
  ok = xarxa_field_row_save_to_record (self->store, "meeting", xarxa_value_string_of (meeting, "id"), meeting,
                                       "online", json_node_init_int (json_node_alloc (),
                                                                     gtk_switch_get_active (toggle)), &error);
  self->saving = FALSE;
  if (!ok)
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
  else
    retitle (gtk_widget_get_ancestor (GTK_WIDGET (toggle), ADW_TYPE_EXPANDER_ROW), meeting);
}

static void
expanded_cb (AdwExpanderRow     *row,
             GParamSpec         *pspec,
             XarxaNetworkAgenda *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), MEETING_ID);

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (id));
  else
    g_hash_table_remove (self->expanded, id);
}

/* A network meeting's row opens to its fields, edited in place, and the
 * button that saves its own agenda. */
static GtkWidget *
meeting_row (XarxaNetworkAgenda *self,
             JsonObject         *meeting)
{
  static const char *const text_fields[] = { "title", "date", "place", "notes" };
  const XarxaRecordType *type = xarxa_schema_lookup ("meeting");
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *online_row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *agenda_row = adw_action_row_new ();
  JsonNode *online = json_object_get_member (meeting, "online");

  g_object_set_data_full (G_OBJECT (row), MEETING_ID, g_strdup (xarxa_value_string_of (meeting, "id")), g_free);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  retitle (row, meeting);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *field_row = xarxa_field_row_new ("meeting", text_fields[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field_row),
                                     xarxa_field_info_get_label (xarxa_record_type_field (type, text_fields[i])));
      xarxa_field_row_set_value (XARXA_FIELD_ROW (field_row), json_object_get_member (meeting, text_fields[i]));
      xarxa_field_row_set_saver (XARXA_FIELD_ROW (field_row), save_field_cb, self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), field_row);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (online_row),
                                 xarxa_field_info_get_label (xarxa_record_type_field (type, "online")));
  gtk_switch_set_active (GTK_SWITCH (toggle), online != NULL && JSON_NODE_HOLDS_VALUE (online) && json_node_get_int (online) != 0);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  xarxa_field_info_get_label (xarxa_record_type_field (type, "online")), -1);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (online_changed_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (online_row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (online_row), toggle);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), online_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (agenda_row), _("Its agenda"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (agenda_row), xarxa_cluster_meetings_save_button (self->store, meeting));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), agenda_row);
  xarxa_cluster_meetings_add_documents (self->store, ADW_EXPANDER_ROW (row), xarxa_value_string_of (meeting, "id"));

  if (g_hash_table_contains (self->expanded, xarxa_value_string_of (meeting, "id")))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);
  return row;
}

/* The latest first; those without a date last. */
static int
compare_meetings (gconstpointer a,
                  gconstpointer b)
{
  const char *da = xarxa_value_string_of (*(JsonObject *const *) a, "date");
  const char *db = xarxa_value_string_of (*(JsonObject *const *) b, "date");

  if ((da == NULL) != (db == NULL))
    return da == NULL ? 1 : -1;
  return g_strcmp0 (db, da);
}

/* The meetings without a cluster, latest first. */
static void
load_meetings (XarxaNetworkAgenda *self)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new ("meeting");
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->meeting_rows->len; i++)
    adw_preferences_group_remove (self->meetings_group, self->meeting_rows->pdata[i]);
  g_ptr_array_set_size (self->meeting_rows, 0);
  if (self->store == NULL)
    return;

  meetings = xarxa_store_query_records (self->store, query, &error);
  if (meetings == NULL)
    {
      g_warning ("Could not read the meetings: %s", error->message);
      return;
    }
  for (guint i = 0; i < meetings->len; i++)
    if (xarxa_value_string_of (meetings->pdata[i], "cluster_id") == NULL)
      g_ptr_array_add (shown, meetings->pdata[i]);
  g_ptr_array_sort (shown, compare_meetings);
  for (guint i = 0; i < shown->len; i++)
    {
      GtkWidget *row = meeting_row (self, shown->pdata[i]);

      adw_preferences_group_add (self->meetings_group, row);
      g_ptr_array_add (self->meeting_rows, row);
    }
  if (shown->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No network-wide meetings yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("A meeting that belongs to no cluster is the whole network’s."));
      g_object_set_data (G_OBJECT (row), "xarxa-placeholder", GINT_TO_POINTER (TRUE));
      adw_preferences_group_add (self->meetings_group, row);
      g_ptr_array_add (self->meeting_rows, row);
    }
}

static gboolean
reload_cb (gpointer user_data)
{
  XarxaNetworkAgenda *self = user_data;

  self->reload_id = 0;
  load_meetings (self);
  return G_SOURCE_REMOVE;
}

static void
meetings_changed_cb (XarxaNetworkAgenda *self)
{
  if (self->saving)
    return;
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cb, self);
}

/* Adding a meeting of the whole network: its title, and its date if
 * known; Add is offered once the title is there and the date is one. */

static char *
date_problem (const char *text)
{
  const XarxaRecordType *meeting = xarxa_schema_lookup ("meeting");
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;

  if (text[0] == '\0')
    return NULL;
  value = xarxa_field_value_from_text (xarxa_record_type_field (meeting, "date"), text, &error);
  if (value == NULL || !xarxa_validate_field (meeting, "date", value, &error))
    return g_strdup (error->message);
  return NULL;
}

static void
meeting_fields_changed_cb (GtkEditable      *editable,
                           AdwMessageDialog *dialog)
{
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "xarxa-title");
  GtkEditable *date = g_object_get_data (G_OBJECT (dialog), "xarxa-date");
  g_autofree char *title_text = g_strstrip (g_strdup (gtk_editable_get_text (title)));
  g_autofree char *date_text = g_strstrip (g_strdup (gtk_editable_get_text (date)));
  g_autofree char *problem = date_problem (date_text);

  adw_message_dialog_set_response_enabled (dialog, "add", title_text[0] != '\0' && problem == NULL);
  adw_message_dialog_set_body (dialog, problem != NULL ? problem
                                                       : _("A meeting of the whole network belongs to no cluster."));
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (date), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (date), "error");
}

static void
add_meeting_response_cb (AdwMessageDialog   *dialog,
                         const char         *response,
                         XarxaNetworkAgenda *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "xarxa-title"))));
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "xarxa-date"))));
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "add") != 0 || self->store == NULL || title[0] == '\0')
    return;
  json_object_set_string_member (values, "title", title);
  if (date[0] != '\0')
    json_object_set_string_member (values, "date", date);
  id = xarxa_store_create_record (self->store, "meeting", values, &error);
  if (id == NULL)
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
      return;
    }
  g_hash_table_add (self->expanded, g_steal_pointer (&id));
  load_meetings (self);
}

static void
add_meeting_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XarxaNetworkAgenda *self = XARXA_NETWORK_AGENDA (widget);
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *date;

  if (self->store == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Add Network-Wide Meeting"),
                                   _("A meeting of the whole network belongs to no cluster."));
  gtk_widget_set_name (dialog, "add-network-meeting-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  title = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (title), _("Title"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  date = gtk_entry_new ();
  /* TRANSLATORS: how a date is typed: year, month, day, in digits */
  gtk_entry_set_placeholder_text (GTK_ENTRY (date), _("Date (YYYY-MM-DD)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (date), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (title), TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (date), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), date);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "xarxa-title", title);
  g_object_set_data (G_OBJECT (dialog), "xarxa-date", date);
  g_signal_connect_object (title, "changed", G_CALLBACK (meeting_fields_changed_cb), dialog, 0);
  g_signal_connect_object (date, "changed", G_CALLBACK (meeting_fields_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_meeting_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title);
}

void
xarxa_network_agenda_set_store (XarxaNetworkAgenda *self,
                                XarxaStore         *store)
{
  g_return_if_fail (XARXA_IS_NETWORK_AGENDA (self));
  g_return_if_fail (XARXA_IS_STORE (store));

  if (self->store == store)
    return;
  g_return_if_fail (self->store == NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed::meeting", G_CALLBACK (meetings_changed_cb), self, G_CONNECT_SWAPPED);
  /* A meeting's Save button is offered once it gave an item. */
  g_signal_connect_object (store, "changed::agenda_item", G_CALLBACK (meetings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::document_link", G_CALLBACK (meetings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::document", G_CALLBACK (meetings_changed_cb), self, G_CONNECT_SWAPPED);
  xarxa_cluster_agenda_set_store (self->agenda, store);
  xarxa_cluster_agenda_show_network (self->agenda);
  load_meetings (self);
}

XarxaClusterAgenda *
xarxa_network_agenda_get_agenda (XarxaNetworkAgenda *self)
{
  g_return_val_if_fail (XARXA_IS_NETWORK_AGENDA (self), NULL);

  return self->agenda;
}

guint
xarxa_network_agenda_get_n_meetings (XarxaNetworkAgenda *self)
{
  g_return_val_if_fail (XARXA_IS_NETWORK_AGENDA (self), 0);

  if (self->meeting_rows->len == 1 && g_object_get_data (self->meeting_rows->pdata[0], "xarxa-placeholder"))
    return 0;
  return self->meeting_rows->len;
}

static void
xarxa_network_agenda_dispose (GObject *object)
{
  XarxaNetworkAgenda *self = XARXA_NETWORK_AGENDA (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_NETWORK_AGENDA);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_network_agenda_parent_class)->dispose (object);
}

static void
xarxa_network_agenda_finalize (GObject *object)
{
  XarxaNetworkAgenda *self = XARXA_NETWORK_AGENDA (object);

  g_ptr_array_unref (self->meeting_rows);
  g_hash_table_unref (self->expanded);

  G_OBJECT_CLASS (xarxa_network_agenda_parent_class)->finalize (object);
}

static void
xarxa_network_agenda_class_init (XarxaNetworkAgendaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_network_agenda_dispose;
  object_class->finalize = xarxa_network_agenda_finalize;

  g_type_ensure (XARXA_TYPE_CLUSTER_AGENDA);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/clusters/xarxa-network-agenda.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkAgenda, meetings_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaNetworkAgenda, agenda);

  gtk_widget_class_install_action (widget_class, "network.add-meeting", NULL, add_meeting_action);
}

static void
xarxa_network_agenda_init (XarxaNetworkAgenda *self)
{
  self->meeting_rows = g_ptr_array_new ();
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}
