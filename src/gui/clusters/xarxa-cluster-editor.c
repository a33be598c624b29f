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
#include "xarxa-cluster-editor.h"
#include "xarxa-field-row.h"
#include "xarxa-member-picker.h"
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
  AdwPreferencesGroup *members_group;
  GtkWidget           *no_coordinator_row;

  GPtrArray *member_rows;   /* the rows added to members_group */
  guint      reload_id;
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

/* Members */

static const char *
role_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_member_role_list, id);
}

static const char *
status_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_cluster_status_list, id);
}

static const char *
row_member_id (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "member-id") : NULL;
}

static gboolean
save_member_value (XarxaClusterEditor *self,
                   const char         *member_id,
                   const char         *field,
                   JsonNode           *value,
                   GError            **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();

  if (self->store == NULL || member_id == NULL)
    return TRUE;
  if (!xarxa_validate_field (xarxa_schema_lookup ("cluster_member"), field, value, error))
    return FALSE;
  json_object_set_member (changes, field, json_node_copy (value));
  return xarxa_store_update_record (self->store, "cluster_member", member_id, changes, error);
}

static gboolean
save_member_field_cb (XarxaFieldRow *row,
                      const char    *field,
                      JsonNode      *value,
                      gpointer       user_data,
                      GError       **error)
{
  return save_member_value (user_data, row_member_id (GTK_WIDGET (row)), field, value, error);
}

static gboolean
reload_members_cb (gpointer user_data)
{
  XarxaClusterEditor *self = user_data;

  self->reload_id = 0;
  xarxa_cluster_editor_reload_members (self);
  return G_SOURCE_REMOVE;
}

static void
member_role_changed_cb (XarxaChoiceDropDown *drop_down,
                        GParamSpec          *pspec,
                        XarxaClusterEditor  *self)
{
  const char *role = xarxa_choice_drop_down_get_selected_id (drop_down);
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;

  value = role != NULL ? json_node_init_string (json_node_alloc (), role) : json_node_new (JSON_NODE_NULL);
  if (!save_member_value (self, row_member_id (GTK_WIDGET (drop_down)), "role", value, &error))
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
  /* Not from inside the drop-down's own signal: the rows are rebuilt. */
  else if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_members_cb, self);
}

static void
remove_member_cb (GtkButton          *button,
                  XarxaClusterEditor *self)
{
  g_autofree char *member_id = g_strdup (row_member_id (GTK_WIDGET (button)));
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_EXPANDER_ROW);
  g_autofree char *name = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->store == NULL || member_id == NULL)
    return;

  if (!xarxa_store_delete_record (self->store, "cluster_member", member_id, &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not remove “%s”: %s"), name, error->message));
      return;
    }
  /* The button goes with its row: nothing of it is used after this. */
  xarxa_cluster_editor_reload_members (self);

  toast = xarxa_toast_new (_("“%s” removed from the cluster"), name);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undelete");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", "cluster_member", member_id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  xarxa_toast_show (GTK_WIDGET (self), toast);
}

static GtkWidget *
member_field_row (XarxaClusterEditor *self,
                  JsonObject         *member,
                  const char         *field)
{
  GtkWidget *row = xarxa_field_row_new ("cluster_member", field);
  const XarxaFieldInfo *info = xarxa_record_type_field (xarxa_schema_lookup ("cluster_member"), field);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), xarxa_field_info_get_label (info));
  xarxa_field_row_set_value (XARXA_FIELD_ROW (row), record_member (member, field));
  xarxa_field_row_set_saver (XARXA_FIELD_ROW (row), save_member_field_cb, self);
  return row;
}

static void
name_lists (GtkWidget  *widget,
            const char *name)
{
  if (GTK_IS_LIST_BOX (widget) || ADW_IS_EXPANDER_ROW (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (!XARXA_IS_FIELD_ROW (c) && !ADW_IS_ACTION_ROW (c))
      name_lists (c, name);
}

static GtkWidget *
member_row (XarxaClusterEditor *self,
            JsonObject         *member)
{
  const char *member_id = xarxa_value_string_of (member, "id");
  const char *entity_id = xarxa_value_string_of (member, "entity_id");
  const char *role = xarxa_value_string_of (member, "role");
  const char *joined = xarxa_value_string_of (member, "joined_on");
  g_autoptr(JsonObject) entity = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *remove_label = NULL;
  GtkWidget *row;
  GtkWidget *role_row;
  GtkWidget *drop_down;
  GtkWidget *button;
  const char *name = NULL;

  if (entity_id != NULL)
    entity = xarxa_store_get_record (self->store, "entity", entity_id, NULL);
  name = xarxa_value_string_of (entity, "name");
  if (name == NULL)
    name = _("Unknown organisation");

  g_string_append (subtitle, role != NULL ? xarxa_choice_list_label (&xarxa_member_role_list, role)
                                          : C_("member role", "No role"));
  if (joined != NULL)
    /* TRANSLATORS: after a member's role, the day it joined */
    g_string_append_printf (subtitle, _(" · joined on %s"), joined);

  row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  g_object_set_data_full (G_OBJECT (row), "member-id", g_strdup (member_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "entity-id", g_strdup (entity_id), g_free);

  role_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (role_row), _("Role in the cluster"));
  drop_down = xarxa_choice_drop_down_new ();
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  xarxa_choice_drop_down_set_title (XARXA_CHOICE_DROP_DOWN (drop_down), _("Role in the cluster"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Role in the cluster"), -1);
  xarxa_choice_drop_down_set_choices_func (XARXA_CHOICE_DROP_DOWN (drop_down), C_("member role", "No role"),
                                           xarxa_member_roles, role_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (role_row), drop_down);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), role_row);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), member_field_row (self, member, "joined_on"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), member_field_row (self, member, "commitment"));

  /* TRANSLATORS: %s is an organisation's name */
  remove_label = g_strdup_printf (_("Remove %s from the cluster"), name);
  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove from Cluster"));
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_member_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  /* AdwExpanderRow 1.2 names neither itself nor its inner lists. */
  name_lists (row, name);

  /* Set after the row is whole, so that finding the expander works. */
  self->loading = TRUE;
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (drop_down), role);
  self->loading = FALSE;
  g_signal_connect_object (drop_down, "notify::selected-id", G_CALLBACK (member_role_changed_cb), self, 0);

  return row;
}

void
xarxa_cluster_editor_reload_members (XarxaClusterEditor *self)
{
  g_autoptr(GPtrArray) members = NULL;
  gboolean has_coordinator = FALSE;

  g_return_if_fail (XARXA_IS_CLUSTER_EDITOR (self));

  for (guint i = 0; i < self->member_rows->len; i++)
    adw_preferences_group_remove (self->members_group, self->member_rows->pdata[i]);
  g_ptr_array_set_size (self->member_rows, 0);

  if (self->store == NULL || self->id == NULL)
    return;

  members = xarxa_cluster_children (self->store, "cluster_member", "cluster_id", self->id, NULL);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      JsonObject *member = members->pdata[i];
      GtkWidget *row = member_row (self, member);

      if (g_strcmp0 (xarxa_value_string_of (member, "role"), "coordinator") == 0)
        has_coordinator = TRUE;
      adw_preferences_group_add (self->members_group, row);
      g_ptr_array_add (self->member_rows, row);
    }
  gtk_widget_set_visible (self->no_coordinator_row, !has_coordinator);
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

/* Public */

void
xarxa_cluster_editor_set_store (XarxaClusterEditor *self,
                                XarxaStore         *store)
{
  g_return_if_fail (XARXA_IS_CLUSTER_EDITOR (self));
  g_return_if_fail (XARXA_IS_STORE (store));

  g_set_object (&self->store, store);
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

  xarxa_cluster_editor_reload_members (self);
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

  g_clear_handle_id (&self->reload_id, g_source_remove);
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
  g_ptr_array_unref (self->member_rows);

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
  g_type_ensure (XARXA_TYPE_CHOICE_DROP_DOWN);
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
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterEditor, no_coordinator_row);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, transition_toggled_cb);

  gtk_widget_class_install_action (widget_class, "cluster.add-member", NULL, add_member_action);
}

static void
xarxa_cluster_editor_init (XarxaClusterEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->member_rows = g_ptr_array_new ();
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    xarxa_field_row_set_saver (self->entries[i], save_field_cb, self);
  xarxa_choice_drop_down_set_choices_func (self->status_drop_down, C_("cluster status", "Not set"),
                                           xarxa_cluster_statuses, status_label);
}
