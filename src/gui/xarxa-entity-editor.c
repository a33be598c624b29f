/* xarxa-entity-editor.c — the form that edits one organisation in place.
 *
 * Each field is saved on its own, through the store, when the user presses
 * its apply button (or Enter) or moves the focus away: the text fields are
 * XarxaFieldRows, which parse, check, mark and show values by the field's
 * description; this form gives them the one way to save (save_value()).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-entity-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-cluster.h"
#include "xarxa-contact-dialog.h"
#include "xarxa-countries.h"
#include "xarxa-documents-group.h"
#include "xarxa-entity-editor.h"
#include "xarxa-field-row.h"
#include "xarxa-labels.h"
#include "xarxa-validate.h"
#include "xarxa-value.h"
#include "xarxa-values.h"
#include "xarxa-toast.h"

/* The text fields, by the names of their rows in the template. */
static const char *const entry_rows[] = {
  "name_row", "short_name_row", "country_row", "region_row", "city_row", "address_row",
  "website_row", "email_row", "phone_row", "languages_row", "tags_row",
};

#define N_ENTRY_FIELDS G_N_ELEMENTS (entry_rows)

struct _XarxaEntityEditor
{
  AdwBin parent_instance;

  XarxaStore *store;
  char       *id;
  JsonObject *record;
  gboolean    loading;

  XarxaFieldRow *entries[N_ENTRY_FIELDS];

  AdwComboRow *kind_row;
  AdwComboRow *membership_row;
  GPtrArray   *kind_ids;         /* in the order shown: by translated label */
  GPtrArray   *membership_ids;
  GtkCheckButton *social_check;
  GtkCheckButton *political_check;
  GtkCheckButton *ecological_check;
  GtkCheckButton *technological_check;
  GtkTextView *description_view;
  GtkTextView *notes_view;
  AdwPreferencesGroup *contacts_group;
  GtkWidget *no_contacts_row;
  GtkWidget *add_contact_button;
  GtkWidget *delete_button;

  GPtrArray *contact_rows;
  AdwPreferencesGroup *clusters_group;
  XarxaDocumentsGroup *documents_group;
  GPtrArray *cluster_rows;
};

G_DEFINE_FINAL_TYPE (XarxaEntityEditor, xarxa_entity_editor, ADW_TYPE_BIN)

static const XarxaRecordType *
entity_type (void)
{
  return xarxa_schema_lookup ("entity");
}

static JsonNode *
record_member (JsonObject *record,
               const char *field)
{
  if (record == NULL || !json_object_has_member (record, field))
    return NULL;
  return json_object_get_member (record, field);
}

/* Saves one field's value (taken) if it changed; the store validates it
 * too, but the form asks first so that it can say which field is wrong. */
static gboolean
save_value (XarxaEntityEditor *self,
            const char        *field,
            JsonNode          *value,
            GError           **error)
{
  return xarxa_field_row_save_to_record (self->store, "entity", self->id, self->record, field, value, error);
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

/* Combo rows: item 0 is "Not set", then the identifiers in the order of
 * their translated labels as the user's language sorts them. */

static void
combo_selected_cb (XarxaEntityEditor *self,
                   GParamSpec        *pspec,
                   AdwComboRow       *row)
{
  GPtrArray *ids = row == self->kind_row ? self->kind_ids : self->membership_ids;
  const char *field = row == self->kind_row ? "kind" : "membership";
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;
  JsonNode *value;

  if (self->loading || self->id == NULL)
    return;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    value = json_node_new (JSON_NODE_NULL);
  else
    value = json_node_init_string (json_node_alloc (), ids->pdata[selected - 1]);

  if (!save_value (self, field, value, &error))
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
}

static void
select_combo (AdwComboRow *row,
              GPtrArray   *ids,
              const char  *value)
{
  guint selected = 0;

  for (guint i = 0; value != NULL && i < ids->len; i++)
    if (g_str_equal (ids->pdata[i], value))
      selected = i + 1;

  adw_combo_row_set_selected (row, selected);
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b,
                gpointer      keys)
{
  return strcmp (g_hash_table_lookup (keys, *(const char *const *) a),
                 g_hash_table_lookup (keys, *(const char *const *) b));
}

/* The model for a combo row, and in *out_ids the ids in its order. */
static GListModel *
combo_model (const char *const *ids,
             const char        *(*label) (const char *),
             GPtrArray        **out_ids)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GPtrArray *sorted = g_ptr_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_ptr_array_add (sorted, (gpointer) ids[i]);
      g_hash_table_insert (keys, (gpointer) ids[i], g_utf8_collate_key (label (ids[i]), -1));
    }
  g_ptr_array_sort_with_data (sorted, compare_by_key, keys);

  gtk_string_list_append (list, C_("value", "Not set"));
  for (guint i = 0; i < sorted->len; i++)
    gtk_string_list_append (list, label (sorted->pdata[i]));

  *out_ids = sorted;
  return G_LIST_MODEL (list);
}

/* Transitions */

static GtkCheckButton *
transition_check (XarxaEntityEditor *self,
                  guint              i)
{
  GtkCheckButton *checks[] = {
    self->social_check, self->political_check,
    self->ecological_check, self->technological_check,
  };

  g_assert (i < G_N_ELEMENTS (checks));
  return checks[i];
}

static void
transition_toggled_cb (XarxaEntityEditor *self)
{
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonNode *value;

  if (self->loading || self->id == NULL)
    return;

  array = json_array_new ();
  for (guint i = 0; xarxa_transitions[i] != NULL && i < 4; i++)
    if (gtk_check_button_get_active (transition_check (self, i)))
      json_array_add_string_element (array, xarxa_transitions[i]);

  if (json_array_get_length (array) == 0)
    {
      json_array_unref (array);
      value = json_node_new (JSON_NODE_NULL);
    }
  else
    {
      g_autoptr(GString) text = g_string_new (NULL);

      /* Through the one reading of a set: sorted, as the store keeps it. */
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (text, "%s%s", i ? "," : "", json_array_get_string_element (array, i));
      json_array_unref (array);
      value = xarxa_field_value_from_text (xarxa_record_type_field (entity_type (), "transitions"),
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

/* Text views */

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
save_text_view (XarxaEntityEditor *self,
                GtkTextView       *view)
{
  const char *field = view == self->description_view ? "description" : "notes";
  g_autofree char *text = text_view_get_text (view);
  g_autoptr(GError) error = NULL;
  JsonNode *value;

  if (self->id == NULL)
    return;

  g_strchomp (text);
  if (text[0] == '\0')
    value = json_node_new (JSON_NODE_NULL);
  else
    value = json_node_init_string (json_node_alloc (), text);

  if (!save_value (self, field, value, &error))
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
}

static void
text_view_focus_leave_cb (GtkEventControllerFocus *controller,
                          XarxaEntityEditor       *self)
{
  save_text_view (self, GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
text_view_set_text (GtkTextView *view,
                    const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* Contacts */

static void
contact_saved_cb (XarxaEntityEditor *self)
{
  xarxa_entity_editor_reload_contacts (self);
}

static void
open_contact_dialog (XarxaEntityEditor *self,
                     const char        *contact_id)
{
  GtkWidget *dialog;

  if (self->store == NULL || self->id == NULL)
    return;

  dialog = xarxa_contact_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                     self->store, self->id, contact_id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (contact_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_contact_cb (XarxaEntityEditor *self)
{
  open_contact_dialog (self, NULL);
}

static void
edit_contact_cb (GtkWidget         *button,
                 XarxaEntityEditor *self)
{
  open_contact_dialog (self, g_object_get_data (G_OBJECT (button), "contact-id"));
}

static void
remove_contact_cb (GtkWidget         *button,
                   XarxaEntityEditor *self)
{
  const char *contact_id = g_object_get_data (G_OBJECT (button), "contact-id");
  const char *contact_name = g_object_get_data (G_OBJECT (button), "contact-name");
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!xarxa_store_delete_record (self->store, "contact", contact_id, &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
      return;
    }

  toast = xarxa_toast_new (_("“%s” removed"), contact_name);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undelete");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", "contact", contact_id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  xarxa_entity_editor_reload_contacts (self);
  xarxa_toast_show (GTK_WIDGET (self), toast);
}

static GtkWidget *
contact_button (XarxaEntityEditor *self,
                const char        *icon_name,
                const char        *tooltip,
                const char        *accessible_label,
                const char        *contact_id,
                const char        *contact_name,
                GCallback          callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "contact-id", g_strdup (contact_id), g_free);
  g_object_set_data_full (G_OBJECT (button), "contact-name", g_strdup (contact_name), g_free);
  g_signal_connect (button, "clicked", callback, self);

  return button;
}

void
xarxa_entity_editor_reload_contacts (XarxaEntityEditor *self)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (XARXA_IS_ENTITY_EDITOR (self));

  for (guint i = 0; i < self->contact_rows->len; i++)
    adw_preferences_group_remove (self->contacts_group, self->contact_rows->pdata[i]);
  g_ptr_array_set_size (self->contact_rows, 0);

  if (self->store != NULL && self->id != NULL)
    {
      contacts = xarxa_store_list_contacts (self->store, self->id, &error);
      if (contacts == NULL)
        g_warning ("Could not list the contacts of %s: %s", self->id, error->message);
    }

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      JsonObject *contact = contacts->pdata[i];
      const char *contact_id = xarxa_value_string_of (contact, "id");
      const char *full_name = xarxa_value_string_of (contact, "full_name");
      const char *role = xarxa_value_string_of (contact, "role");
      const char *email = xarxa_value_string_of (contact, "email");
      g_autofree char *subtitle = NULL;
      g_autofree char *edit_label = NULL;
      g_autofree char *remove_label = NULL;
      GtkWidget *row;

      if (contact_id == NULL)
        continue;
      if (full_name == NULL)
        full_name = "";

      if (role != NULL && email != NULL)
        /* Translators: a contact's role and email address, as in "Director · anna@example.org". */
        subtitle = g_strdup_printf (_("%s · %s"), role, email);
      else
        subtitle = g_strdup (role != NULL ? role : email != NULL ? email : "");

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), full_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("avatar-default-symbolic"));

      /* Translators: the accessible name of a button; %s is a person's name. */
      edit_label = g_strdup_printf (_("Edit %s"), full_name);
      /* Translators: the accessible name of a button; %s is a person's name. */
      remove_label = g_strdup_printf (_("Remove %s"), full_name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 contact_button (self, "document-edit-symbolic", _("Edit Contact"),
                                                 edit_label, contact_id, full_name,
                                                 G_CALLBACK (edit_contact_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 contact_button (self, "user-trash-symbolic", _("Remove Contact"),
                                                 remove_label, contact_id, full_name,
                                                 G_CALLBACK (remove_contact_cb)));

      adw_preferences_group_add (self->contacts_group, row);
      g_ptr_array_add (self->contact_rows, row);
    }

  gtk_widget_set_visible (self->no_contacts_row, self->contact_rows->len == 0);
}

/* Clusters: each membership a row that opens the cluster (win.open-cluster). */

static void
reload_clusters (XarxaEntityEditor *self)
{
  g_autoptr(GPtrArray) members = NULL;

  for (guint i = 0; i < self->cluster_rows->len; i++)
    adw_preferences_group_remove (self->clusters_group, self->cluster_rows->pdata[i]);
  g_ptr_array_set_size (self->cluster_rows, 0);

  if (self->store != NULL && self->id != NULL)
    members = xarxa_cluster_children (self->store, "cluster_member", "entity_id", self->id, NULL);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      const char *cluster_id = xarxa_value_string_of (members->pdata[i], "cluster_id");
      const char *role = xarxa_value_string_of (members->pdata[i], "role");
      g_autoptr(JsonObject) cluster = NULL;
      GtkWidget *row;

      if (cluster_id != NULL)
        cluster = xarxa_store_get_record (self->store, "cluster", cluster_id, NULL);
      if (cluster == NULL || xarxa_value_string_of (cluster, "name") == NULL ||
          json_object_get_boolean_member_with_default (cluster, "deleted", FALSE))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), xarxa_value_string_of (cluster, "name"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      if (role != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), xarxa_choice_list_label (&xarxa_member_role_list, role));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-cluster");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", cluster_id);
      adw_preferences_group_add (self->clusters_group, row);
      g_ptr_array_add (self->cluster_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->clusters_group), self->cluster_rows->len > 0);
}

/* Loading */

static void
load_record (XarxaEntityEditor *self)
{
  JsonNode *transitions;

  self->loading = TRUE;

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    xarxa_field_row_set_value (self->entries[i],
                               record_member (self->record, xarxa_field_row_get_field (self->entries[i])));

  select_combo (self->kind_row, self->kind_ids, xarxa_value_string_of (self->record, "kind"));
  select_combo (self->membership_row, self->membership_ids, xarxa_value_string_of (self->record, "membership"));

  transitions = record_member (self->record, "transitions");
  for (guint i = 0; i < 4; i++)
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

  text_view_set_text (self->description_view, xarxa_value_string_of (self->record, "description"));
  text_view_set_text (self->notes_view, xarxa_value_string_of (self->record, "notes"));

  self->loading = FALSE;

  xarxa_entity_editor_reload_contacts (self);
  reload_clusters (self);
}

void
xarxa_entity_editor_flush (XarxaEntityEditor *self)
{
  g_return_if_fail (XARXA_IS_ENTITY_EDITOR (self));

  if (self->id == NULL || self->store == NULL)
    return;

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    if (xarxa_field_row_get_changed (self->entries[i]))
      xarxa_field_row_commit (self->entries[i]);

  save_text_view (self, self->description_view);
  save_text_view (self, self->notes_view);
}

gboolean
xarxa_entity_editor_set_entity (XarxaEntityEditor *self,
                                const char        *id)
{
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (XARXA_IS_ENTITY_EDITOR (self), FALSE);

  xarxa_entity_editor_flush (self);

  if (id != NULL && self->store != NULL)
    {
      record = xarxa_store_get_record (self->store, "entity", id, &error);
      if (record == NULL)
        g_warning ("Could not read organisation %s: %s", id, error->message);
    }

  g_clear_pointer (&self->record, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  if (record != NULL)
    {
      self->record = g_steal_pointer (&record);
      self->id = g_strdup (id);
    }
  else
    self->record = json_object_new ();

  load_record (self);
  xarxa_documents_group_set_target (self->documents_group, "entity", self->id);

  return self->id != NULL || id == NULL;
}

const char *
xarxa_entity_editor_get_entity_id (XarxaEntityEditor *self)
{
  g_return_val_if_fail (XARXA_IS_ENTITY_EDITOR (self), NULL);

  return self->id;
}

const char *
xarxa_entity_editor_get_name (XarxaEntityEditor *self)
{
  g_return_val_if_fail (XARXA_IS_ENTITY_EDITOR (self), NULL);

  return xarxa_value_string_of (self->record, "name");
}

void
xarxa_entity_editor_set_store (XarxaEntityEditor *self,
                               XarxaStore        *store)
{
  g_return_if_fail (XARXA_IS_ENTITY_EDITOR (self));
  g_return_if_fail (store == NULL || XARXA_IS_STORE (store));

  xarxa_entity_editor_set_entity (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, reload_clusters, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    xarxa_documents_group_set_store (self->documents_group, store);
  /* A membership added or removed in the Clusters view. */
  if (store != NULL)
    g_signal_connect_object (store, "changed::cluster_member", G_CALLBACK (reload_clusters), self, G_CONNECT_SWAPPED);
}

void
xarxa_entity_editor_focus_first (XarxaEntityEditor *self)
{
  g_return_if_fail (XARXA_IS_ENTITY_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entries[1]));
}

static void
xarxa_entity_editor_dispose (GObject *object)
{
  XarxaEntityEditor *self = XARXA_ENTITY_EDITOR (object);

  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_ENTITY_EDITOR);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_entity_editor_parent_class)->dispose (object);
}

static void
xarxa_entity_editor_finalize (GObject *object)
{
  XarxaEntityEditor *self = XARXA_ENTITY_EDITOR (object);

  g_clear_pointer (&self->record, json_object_unref);
  g_free (self->id);
  g_ptr_array_unref (self->contact_rows);
  g_ptr_array_unref (self->cluster_rows);
  g_clear_pointer (&self->kind_ids, g_ptr_array_unref);
  g_clear_pointer (&self->membership_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (xarxa_entity_editor_parent_class)->finalize (object);
}

static void
xarxa_entity_editor_class_init (XarxaEntityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_entity_editor_dispose;
  object_class->finalize = xarxa_entity_editor_finalize;

  /* A screen reader meets the form as one named group, never by the
   * class's name. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-entity-editor.ui");

  g_type_ensure (XARXA_TYPE_FIELD_ROW);
  g_type_ensure (XARXA_TYPE_DOCUMENTS_GROUP);
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    {
      g_autofree char *field = g_strndup (entry_rows[i], strlen (entry_rows[i]) - strlen ("_row"));
      g_autofree char *error_row = g_strconcat (field, "_error_row", NULL);
      g_autofree char *error_label = g_strconcat (field, "_error_label", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, entry_rows[i], FALSE,
                                                 G_STRUCT_OFFSET (XarxaEntityEditor, entries) + i * sizeof (XarxaFieldRow *));
      /* Named, not kept: each field row shows its own (and tests read them). */
      gtk_widget_class_bind_template_child_full (widget_class, error_row, FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, error_label, FALSE, 0);
    }

  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, membership_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, social_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, political_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, ecological_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, technological_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, clusters_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, documents_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, no_contacts_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, add_contact_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, combo_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, transition_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_contact_cb);
}

static void
xarxa_entity_editor_init (XarxaEntityEditor *self)
{
  g_autoptr(GListModel) kinds = NULL;
  g_autoptr(GListModel) memberships = NULL;
  GtkTextView *views[2];

  self->contact_rows = g_ptr_array_new ();
  self->cluster_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loading = TRUE;
  kinds = combo_model (xarxa_entity_kinds, xarxa_kind_label, &self->kind_ids);
  memberships = combo_model (xarxa_membership_values, xarxa_membership_label, &self->membership_ids);
  adw_combo_row_set_model (self->kind_row, kinds);
  adw_combo_row_set_model (self->membership_row, memberships);
  self->loading = FALSE;

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    xarxa_field_row_set_saver (self->entries[i], save_field_cb, self);

  views[0] = self->description_view;
  views[1] = self->notes_view;
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "leave", G_CALLBACK (text_view_focus_leave_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (views[i]), focus);
    }

  self->record = json_object_new ();
}
