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
  guint                reload_id;

  AdwPreferencesGroup *meetings_group;
  XarxaClusterAgenda  *agenda;
};

G_DEFINE_FINAL_TYPE (XarxaNetworkAgenda, xarxa_network_agenda, ADW_TYPE_BIN)

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
  for (guint i = 0; i < shown->len; i++)
    {
      JsonObject *meeting = shown->pdata[i];
      g_autofree char *subtitle = xarxa_cluster_meetings_subtitle (meeting);
      const char *notes = xarxa_value_string_of (meeting, "notes");
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), xarxa_value_string_of (meeting, "title"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (notes != NULL)
        gtk_widget_set_tooltip_text (row, notes);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), xarxa_cluster_meetings_save_button (self->store, meeting));
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
  gtk_widget_init_template (GTK_WIDGET (self));
}
