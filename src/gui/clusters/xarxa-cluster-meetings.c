/* xarxa-cluster-meetings.c — a cluster's reflection meetings, in its page:
 * title, date, place or online, notes, edited in place (a
 * XarxaRecordsGroup), the latest first.  The agenda items they gave are
 * in the shared agenda below them.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster-meetings"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-cluster.h"
#include "xarxa-cluster-meetings.h"
#include "xarxa-cluster-groups.h"
#include "xarxa-due-date.h"
#include "xarxa-library.h"
#include "xarxa-toast.h"
#include "xarxa-values.h"

struct _XarxaClusterMeetings
{
  AdwPreferencesGroup parent_instance;

  XarxaRecordsGroup *records;
};

G_DEFINE_FINAL_TYPE (XarxaClusterMeetings, xarxa_cluster_meetings, ADW_TYPE_PREFERENCES_GROUP)

static const char *const meeting_fields[] = { "title", "date", "place", "online", "notes", NULL };

char *
xarxa_cluster_meetings_subtitle (JsonObject *meeting)
{
  g_autofree char *date = NULL;
  JsonNode *online;
  const char *place;
  GString *text;

  g_return_val_if_fail (meeting != NULL, NULL);

  date = xarxa_due_date_text (xarxa_value_string_of (meeting, "date"), NULL);
  online = json_object_get_member (meeting, "online");
  place = xarxa_value_string_of (meeting, "place");
  text = g_string_new (date != NULL ? date : _("No date yet"));
  if (online != NULL && JSON_NODE_HOLDS_VALUE (online) && json_node_get_int (online) != 0)
    g_string_append_printf (text, " · %s", C_("meeting place", "Online"));
  if (place != NULL)
    g_string_append_printf (text, " · %s", place);
  return g_string_free (text, FALSE);
}

static void
save_clicked_cb (GtkButton  *button,
                 XarxaStore *store)
{
  const char *meeting_id = g_object_get_data (G_OBJECT (button), "xarxa-meeting-id");
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(GError) error = NULL;

  id = xarxa_agenda_save_to_library (store, NULL, meeting_id, XARXA_AGENDA_BY_KIND, NULL, &error);
  if (id == NULL)
    {
      xarxa_toast_show (GTK_WIDGET (button),
                        xarxa_toast_new (_("Could not save the agenda to the library: %s"), error->message));
      return;
    }
  document = xarxa_store_get_live_record (store, "document", id);
  xarxa_toast_show (GTK_WIDGET (button), xarxa_toast_new (_("“%s” saved to the library"),
                                                          xarxa_value_string_of (document, "title")));
}

GtkWidget *
xarxa_cluster_meetings_save_button (XarxaStore *store,
                                    JsonObject *meeting)
{
  const char *meeting_id;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *name = NULL;
  GtkWidget *button;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting != NULL, NULL);

  meeting_id = xarxa_value_string_of (meeting, "id");
  items = xarxa_agenda_ranked (store, NULL, meeting_id, NULL);
  button = gtk_button_new_with_mnemonic (_("_Save Agenda to Library"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* TRANSLATORS: a meeting's title */
  name = g_strdup_printf (_("Save the agenda of %s to the library"), xarxa_value_string_of (meeting, "title"));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (button, items != NULL && items->len > 0 ? name
                                       : _("The meeting has no agenda items yet"));
  gtk_widget_set_sensitive (button, items != NULL && items->len > 0);
  g_object_set_data_full (G_OBJECT (button), "xarxa-meeting-id", g_strdup (meeting_id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (save_clicked_cb), store, 0);
  return button;
}

void
xarxa_cluster_meetings_add_documents (XarxaStore     *store,
                                      AdwExpanderRow *row,
                                      const char     *meeting_id)
{
  g_autoptr(GPtrArray) ids = NULL;

  g_return_if_fail (XARXA_IS_STORE (store));
  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));
  g_return_if_fail (meeting_id != NULL);

  ids = xarxa_library_documents_of (store, "meeting", meeting_id, NULL);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(JsonObject) document = xarxa_store_get_live_record (store, "document", ids->pdata[i]);
      GtkWidget *document_row;

      if (document == NULL)
        continue;
      document_row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (document_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (document_row), xarxa_value_string_of (document, "title"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (document_row), _("In the library"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (document_row),
                                 g_object_new (GTK_TYPE_IMAGE, "icon-name", "folder-documents-symbolic",
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL));
      adw_action_row_add_suffix (ADW_ACTION_ROW (document_row),
                                 g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (document_row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (document_row), "win.open-document");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (document_row), "s", ids->pdata[i]);
      gtk_widget_set_name (document_row, "meeting-document");
      adw_expander_row_add_row (row, document_row);
    }
}

static void
meeting_row (XarxaRecordsGroup *group,
             AdwExpanderRow    *row,
             JsonObject        *meeting,
             gpointer           user_data)
{
  XarxaStore *store = user_data;
  GtkWidget *agenda_row = adw_action_row_new ();
  g_autoptr(GPtrArray) items = xarxa_agenda_ranked (store, NULL, xarxa_value_string_of (meeting, "id"), NULL);
  guint n = items != NULL ? items->len : 0;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (agenda_row), _("Its agenda"));
  if (n > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item in the shared agenda",
                                             "%u items in the shared agenda", n), n);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (agenda_row), subtitle != NULL ? subtitle
                                                                             : _("No agenda items yet"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (agenda_row), xarxa_cluster_meetings_save_button (store, meeting));
  adw_expander_row_add_row (row, agenda_row);
  xarxa_cluster_meetings_add_documents (store, row, xarxa_value_string_of (meeting, "id"));
}

static char *
meeting_subtitle (XarxaRecordsGroup *group,
                  JsonObject        *meeting,
                  gpointer           user_data)
{
  return xarxa_cluster_meetings_subtitle (meeting);
}

/* The latest first; those without a date last. */
static int
compare_meetings (JsonObject *a,
                  JsonObject *b,
                  gpointer    user_data)
{
  const char *da = xarxa_value_string_of (a, "date");
  const char *db = xarxa_value_string_of (b, "date");

  if ((da == NULL) != (db == NULL))
    return da == NULL ? 1 : -1;
  if (g_strcmp0 (da, db) != 0)
    return g_strcmp0 (db, da);
  return g_strcmp0 (xarxa_value_string_of (a, "title"), xarxa_value_string_of (b, "title"));
}

static void
agenda_changed_cb (XarxaClusterMeetings *self)
{
  if (xarxa_records_group_get_parent_id (self->records) != NULL)
    xarxa_records_group_reload (self->records);
}

void
xarxa_cluster_meetings_set_store (XarxaClusterMeetings *self,
                                  XarxaStore           *store)
{
  g_return_if_fail (XARXA_IS_CLUSTER_MEETINGS (self));
  g_return_if_fail (XARXA_IS_STORE (store));

  /* The records group holds the store as long as it has rows. */
  xarxa_records_group_set_row_func (self->records, meeting_row, store, NULL);
  xarxa_records_group_set_store (self->records, store);
  /* How many items each meeting gave. */
  g_signal_connect_object (store, "changed::agenda_item", G_CALLBACK (agenda_changed_cb), self, G_CONNECT_SWAPPED);
  /* The agendas saved from each meeting. */
  g_signal_connect_object (store, "changed::document_link", G_CALLBACK (agenda_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::document", G_CALLBACK (agenda_changed_cb), self, G_CONNECT_SWAPPED);
}

void
xarxa_cluster_meetings_set_cluster_id (XarxaClusterMeetings *self,
                                       const char           *cluster_id)
{
  g_return_if_fail (XARXA_IS_CLUSTER_MEETINGS (self));

  xarxa_records_group_set_parent_id (self->records, cluster_id);
}

XarxaRecordsGroup *
xarxa_cluster_meetings_get_records (XarxaClusterMeetings *self)
{
  g_return_val_if_fail (XARXA_IS_CLUSTER_MEETINGS (self), NULL);

  return self->records;
}

static void
xarxa_cluster_meetings_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_CLUSTER_MEETINGS);

  G_OBJECT_CLASS (xarxa_cluster_meetings_parent_class)->dispose (object);
}

static void
xarxa_cluster_meetings_class_init (XarxaClusterMeetingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_cluster_meetings_dispose;

  g_type_ensure (XARXA_TYPE_RECORDS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/clusters/xarxa-cluster-meetings.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterMeetings, records);
}

static void
xarxa_cluster_meetings_init (XarxaClusterMeetings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  xarxa_records_group_set_fields (self->records, meeting_fields);
  xarxa_records_group_set_subtitle_func (self->records, meeting_subtitle, NULL, NULL);
  xarxa_records_group_set_compare_func (self->records, compare_meetings, NULL, NULL);

  xarxa_cluster_groups_icon_add (self->records, gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6), _("Add Meeting"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reflection Meetings"), -1);
}
