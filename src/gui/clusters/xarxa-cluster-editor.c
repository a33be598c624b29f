/* xarxa-cluster-editor.c — the form that edits one cluster in place, with
 * its members.
 *
 * As in the organisation's form, each field is saved on its own through
 * the store when applied or left: the text fields are XarxaFieldRows, which
 * parse, check, mark and show values by the field's description (a bad
 * date stays typed, marked, with the store's message under it, and nothing
 * is saved).  Members are listed under the cluster, each row opening to its
 * role, the day it joined and its commitment, edited the same way.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-cluster.h"
#include "xarxa-cluster-actions.h"
#include "xarxa-cluster-agenda.h"
#include "xarxa-cluster-decisions.h"
#include "xarxa-cluster-meetings.h"
#include "xarxa-cluster-editor.h"
#include "xarxa-cluster-objectives.h"
#include "xarxa-documents-group.h"
#include "xarxa-field-row.h"
#include "xarxa-member-picker.h"
#include "xarxa-print.h"
#include "xarxa-records-group.h"
#include "xarxa-toast.h"
#include "xarxa-validate.h"
#include "xarxa-value.h"
#include "xarxa-values.h"

/* The text fields, by the names of their rows in the template. */
static const char *const entry_rows[] = {
  "name_row", "objective_row", "description_row", "field_row",
  "rights_row", "gender_perspective_row", "start_date_row",
};

#define N_ENTRY_FIELDS G_N_ELEMENTS (entry_rows)

struct _XarxaClusterEditor
{
  AdwBin parent_instance;

  XarxaStore *store;
  char       *id;
  JsonObject *record;
  gboolean    loading;

  XarxaFieldRow       *entries[N_ENTRY_FIELDS];
  XarxaChoiceDropDown *status_drop_down;
  GtkCheckButton      *social_check;
  GtkCheckButton      *political_check;
  GtkCheckButton      *ecological_check;
  GtkCheckButton      *technological_check;
  AdwPreferencesPage  *preferences_page;
  XarxaRecordsGroup   *members_group;
  XarxaClusterActions *actions_group;
  XarxaClusterDecisions *decisions_group;
  XarxaClusterMeetings *meetings_group;
  XarxaClusterAgenda  *agenda_group;
  XarxaDocumentsGroup *documents_group;
  GtkWidget           *no_coordinator_row;
  XarxaClusterObjectives *objectives;
};

G_DEFINE_FINAL_TYPE (XarxaClusterEditor, xarxa_cluster_editor, ADW_TYPE_BIN)

static const XarxaRecordType *
cluster_type (void)
{
  return xarxa_schema_lookup ("cluster");
}

static JsonNode *
record_member (JsonObject *record,
               const char *field)
{
  if (record == NULL || !json_object_has_member (record, field))
    return NULL;
  return json_object_get_member (record, field);
}

/* Saves one field of the cluster (value taken) if it changed. */
static gboolean
save_value (XarxaClusterEditor *self,
            const char         *field,
            JsonNode           *value,
            GError            **error)
{
  return xarxa_field_row_save_to_record (self->store, "cluster", self->id, self->record, field, value, error);
}

static gboolean
save_field_cb (XarxaFieldRow *row,
               const char    *field,
               JsonNode      *value,
               gpointer       user_data,
               GError       **error)
{
  return save_value (user_data, field, json_node_copy (value), error);
}

static void
status_changed_cb (XarxaClusterEditor *self)
{
  const char *status = xarxa_choice_drop_down_get_selected_id (self->status_drop_down);
  g_autoptr(GError) error = NULL;
  JsonNode *value;

  if (self->loading || self->id == NULL)
    return;

  value = status != NULL ? json_node_init_string (json_node_alloc (), status) : json_node_new (JSON_NODE_NULL);
  if (!save_value (self, "status", value, &error))
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
}

/* Transitions */

static GtkCheckButton *
transition_check (XarxaClusterEditor *self,
                  guint               i)
{
  GtkCheckButton *checks[] = {
    self->social_check, self->political_check,
    self->ecological_check, self->technological_check,
  };

  g_assert (i < G_N_ELEMENTS (checks));
  return checks[i];
}

static void
transition_toggled_cb (XarxaClusterEditor *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *value;

  if (self->loading || self->id == NULL)
    return;

  for (guint i = 0; xarxa_transitions[i] != NULL && i < 4; i++)
    if (gtk_check_button_get_active (transition_check (self, i)))
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", xarxa_transitions[i]);

  if (text->len == 0)
    value = json_node_new (JSON_NODE_NULL);
  else
    {
      /* Through the one reading of a set: sorted, as the store keeps it. */
      value = xarxa_field_value_from_text (xarxa_record_type_field (cluster_type (), "transitions"),
                                           text->str, &error);
      if (value == NULL)
        {
          xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
          return;
        }
    }

  if (!save_value (self, "transitions", value, &error))
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
}

/* Members: the group lists them; the editor says how a row reads, adds
 * them through the picker and tells when none coordinates. */

static const char *
status_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_cluster_status_list, id);
}

static const char *const member_fields[] = { "role", "joined_on", "commitment", NULL };

static char *
member_subtitle (XarxaRecordsGroup *group,
                 JsonObject        *member,
                 gpointer           user_data)
{
  const char *role = xarxa_value_string_of (member, "role");
  const char *joined = xarxa_value_string_of (member, "joined_on");
  GString *subtitle = g_string_new (role != NULL ? xarxa_choice_list_label (&xarxa_member_role_list, role)
                                                 : C_("member role", "No role"));

  if (joined != NULL)
    /* TRANSLATORS: after a member's role, the day it joined */
    g_string_append_printf (subtitle, _(" · joined on %s"), joined);
  return g_string_free (subtitle, FALSE);
}

static void
update_coordinator (XarxaClusterEditor *self)
{
  gboolean has_coordinator = FALSE;

  if (self->store != NULL && self->id != NULL)
    g_free (xarxa_cluster_coordinator (self->store, self->id, &has_coordinator, NULL));
  gtk_widget_set_visible (self->no_coordinator_row, self->id != NULL && !has_coordinator);
}

static void
members_changed_cb (XarxaClusterEditor *self)
{
  update_coordinator (self);
}

void
xarxa_cluster_editor_reload_members (XarxaClusterEditor *self)
{
  g_return_if_fail (XARXA_IS_CLUSTER_EDITOR (self));

  xarxa_records_group_reload (self->members_group);
  update_coordinator (self);
}

static void
add_member_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  XarxaClusterEditor *self = XARXA_CLUSTER_EDITOR (widget);
  GtkWidget *picker;

  if (self->store == NULL || self->id == NULL)
    return;

  picker = xarxa_member_picker_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, self->id);
  g_signal_connect_object (picker, "added", G_CALLBACK (xarxa_cluster_editor_reload_members), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (picker));
}

/* The dossier, printed or saved as PDF (xarxa-print.h). */
static void
print_dossier_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaClusterEditor *self = XARXA_CLUSTER_EDITOR (widget);

  if (self->store != NULL && self->id != NULL)
    xarxa_print_cluster (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, self->id);
}

/* Public */

void
xarxa_cluster_editor_set_store (XarxaClusterEditor *self,
                                XarxaStore         *store)
{
  g_return_if_fail (XARXA_IS_CLUSTER_EDITOR (self));
  g_return_if_fail (XARXA_IS_STORE (store));

  g_set_object (&self->store, store);
  xarxa_records_group_set_store (self->members_group, store);
  xarxa_cluster_actions_set_store (self->actions_group, store);
  xarxa_cluster_decisions_set_store (self->decisions_group, store);
  xarxa_cluster_meetings_set_store (self->meetings_group, store);
  xarxa_cluster_agenda_set_store (self->agenda_group, store);
  xarxa_documents_group_set_store (self->documents_group, store);
  xarxa_cluster_objectives_set_store (self->objectives, store);
}

void
xarxa_cluster_editor_flush (XarxaClusterEditor *self)
{
  g_return_if_fail (XARXA_IS_CLUSTER_EDITOR (self));

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    if (xarxa_field_row_get_changed (self->entries[i]))
      xarxa_field_row_commit (self->entries[i]);
}

void
xarxa_cluster_editor_set_cluster (XarxaClusterEditor *self,
                                  const char         *id)
{
  JsonNode *transitions;

  g_return_if_fail (XARXA_IS_CLUSTER_EDITOR (self));

  if (self->id != NULL)
    xarxa_cluster_editor_flush (self);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->record, json_object_unref);
  if (id != NULL && self->store != NULL)
    self->record = xarxa_store_get_record (self->store, "cluster", id, NULL);
  if (self->record != NULL)
    self->id = g_strdup (id);

  self->loading = TRUE;
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    xarxa_field_row_set_value (self->entries[i],
                               record_member (self->record, xarxa_field_row_get_field (self->entries[i])));
  xarxa_choice_drop_down_set_selected_id (self->status_drop_down, xarxa_value_string_of (self->record, "status"));
  transitions = record_member (self->record, "transitions");
  for (guint i = 0; xarxa_transitions[i] != NULL && i < 4; i++)
    {
      gboolean active = FALSE;

      if (transitions != NULL && JSON_NODE_HOLDS_ARRAY (transitions))
        {
          JsonArray *array = json_node_get_array (transitions);

          for (guint j = 0; j < json_array_get_length (array); j++)
            if (g_strcmp0 (json_array_get_string_element (array, j), xarxa_transitions[i]) == 0)
              active = TRUE;
        }
      gtk_check_button_set_active (transition_check (self, i), active);
    }
  self->loading = FALSE;

  xarxa_records_group_set_parent_id (self->members_group, self->id);
  xarxa_cluster_actions_set_cluster_id (self->actions_group, self->id);
  xarxa_cluster_decisions_set_cluster_id (self->decisions_group, self->id);
  xarxa_cluster_meetings_set_cluster_id (self->meetings_group, self->id);
  xarxa_cluster_agenda_set_cluster_id (self->agenda_group, self->id);
  xarxa_documents_group_set_target (self->documents_group, "cluster", self->id);
  update_coordinator (self);
  xarxa_cluster_objectives_set_cluster (self->objectives, self->id);
}

const char *
xarxa_cluster_editor_get_cluster_id (XarxaClusterEditor *self)
{
  g_return_val_if_fail (XARXA_IS_CLUSTER_EDITOR (self), NULL);

  return self->id;
}

const char *
xarxa_cluster_editor_get_name (XarxaClusterEditor *self)
{
  g_return_val_if_fail (XARXA_IS_CLUSTER_EDITOR (self), NULL);

  return xarxa_value_string_of (self->record, "name");
}

void
xarxa_cluster_editor_focus_first (XarxaClusterEditor *self)
{
  g_return_if_fail (XARXA_IS_CLUSTER_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entries[0]));
}

static void
xarxa_cluster_editor_dispose (GObject *object)
{
  XarxaClusterEditor *self = XARXA_CLUSTER_EDITOR (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_CLUSTER_EDITOR);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_cluster_editor_parent_class)->dispose (object);
}

static void
xarxa_cluster_editor_finalize (GObject *object)
{
  XarxaClusterEditor *self = XARXA_CLUSTER_EDITOR (object);

  g_free (self->id);
  g_clear_pointer (&self->record, json_object_unref);

  G_OBJECT_CLASS (xarxa_cluster_editor_parent_class)->finalize (object);
}

static void
xarxa_cluster_editor_class_init (XarxaClusterEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_cluster_editor_dispose;
  object_class->finalize = xarxa_cluster_editor_finalize;

  g_type_ensure (XARXA_TYPE_FIELD_ROW);
  g_type_ensure (XARXA_TYPE_DOCUMENTS_GROUP);
  g_type_ensure (XARXA_TYPE_CHOICE_DROP_DOWN);
  g_type_ensure (XARXA_TYPE_RECORDS_GROUP);
  g_type_ensure (XARXA_TYPE_CLUSTER_ACTIONS);
  g_type_ensure (XARXA_TYPE_CLUSTER_DECISIONS);
  g_type_ensure (XARXA_TYPE_CLUSTER_MEETINGS);
  g_type_ensure (XARXA_TYPE_CLUSTER_AGENDA);
  g_type_ensure (XARXA_TYPE_CLUSTER_OBJECTIVES);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/clusters/xarxa-cluster-editor.ui");
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, entry_rows[i], FALSE,
                                               G_STRUCT_OFFSET (XarxaClusterEditor, entries) + i * sizeof (XarxaFieldRow *));
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, status_drop_down);
  /* The error labels, for tests that look for them. */
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    {
      g_autofree char *field = g_strndup (entry_rows[i], strlen (entry_rows[i]) - strlen ("_row"));
      g_autofree char *label = g_strconcat (field, "_error_label", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, label, FALSE, 0);
    }
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, social_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, political_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, ecological_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, technological_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, members_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, actions_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, decisions_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, meetings_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, agenda_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, documents_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, no_coordinator_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, objectives);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, transition_toggled_cb);

  gtk_widget_class_install_action (widget_class, "cluster.add-member", NULL, add_member_action);
  gtk_widget_class_install_action (widget_class, "cluster.print-dossier", NULL, print_dossier_action);
}

static void
xarxa_cluster_editor_init (XarxaClusterEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  xarxa_records_group_set_fields (self->members_group, member_fields);
  xarxa_records_group_set_subtitle_func (self->members_group, member_subtitle, NULL, NULL);
  xarxa_records_group_set_untitled_label (self->members_group, _("Unknown organisation"));
  g_signal_connect_object (self->members_group, "changed", G_CALLBACK (members_changed_cb), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    xarxa_field_row_set_saver (self->entries[i], save_field_cb, self);
  xarxa_choice_drop_down_set_choices_func (self->status_drop_down, C_("cluster status", "Not set"),
                                           xarxa_cluster_statuses, status_label);
}
