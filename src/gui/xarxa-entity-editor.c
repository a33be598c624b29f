/* xarxa-entity-editor.c — the form that edits one organisation in place.
 *
 * Each field is saved on its own, through the store, when the user presses
 * its apply button (or Enter) or moves the focus away.  A value that fails
 * validation is not saved: the row is marked, the message from the validator
 * is shown under it, and the user's text stays where it is to be corrected.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-entity-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-contact-dialog.h"
#include "xarxa-countries.h"
#include "xarxa-entity-editor.h"
#include "xarxa-labels.h"
#include "xarxa-validate.h"
#include "xarxa-window.h"
#include "xarxa-toast.h"

typedef enum
{
  ENTRY_TEXT,
  ENTRY_SET,
  ENTRY_COUNTRY,
} EntryKind;

typedef struct
{
  const char *field;
  EntryKind   kind;
  const char *row_name;
  const char *error_row_name;
  const char *error_label_name;
} EntryField;

#define ENTRY(f, k) { #f, k, #f "_row", #f "_error_row", #f "_error_label" }

static const EntryField entry_fields[] = {
  ENTRY (name, ENTRY_TEXT),
  ENTRY (short_name, ENTRY_TEXT),
  ENTRY (country, ENTRY_COUNTRY),
  ENTRY (region, ENTRY_TEXT),
  ENTRY (city, ENTRY_TEXT),
  ENTRY (address, ENTRY_TEXT),
  ENTRY (website, ENTRY_TEXT),
  ENTRY (email, ENTRY_TEXT),
  ENTRY (phone, ENTRY_TEXT),
  ENTRY (languages, ENTRY_SET),
  ENTRY (tags, ENTRY_SET),
};

#define N_ENTRY_FIELDS G_N_ELEMENTS (entry_fields)

typedef struct
{
  GtkWidget *row;          /* AdwEntryRow */
  GtkWidget *error_row;
  GtkLabel  *error_label;
  char      *shown;        /* the text last loaded or saved */
} EntryState;

struct _XarxaEntityEditor
{
  AdwBin parent_instance;

  XarxaStore *store;
  char       *id;
  JsonObject *record;
  gboolean    loading;

  EntryState  entries[N_ENTRY_FIELDS];

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
};

G_DEFINE_FINAL_TYPE (XarxaEntityEditor, xarxa_entity_editor, ADW_TYPE_BIN)

static const XarxaRecordType *
entity_type (void)
{
  return xarxa_schema_lookup ("entity");
}

static const char *
record_string (JsonObject *record,
               const char *field)
{
  JsonNode *node;

  if (record == NULL || !json_object_has_member (record, field))
    return NULL;
  node = json_object_get_member (record, field);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
join_set (JsonNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("");

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *item = json_array_get_string_element (array, i);

      if (item == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, item);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JsonNode *
record_member (JsonObject *record,
               const char *field)
{
  if (record == NULL || !json_object_has_member (record, field))
    return NULL;
  return json_object_get_member (record, field);
}

/* What an entry shows for the stored value. */
static char *
display_text (XarxaEntityEditor *self,
              const EntryField  *desc)
{
  const char *value;

  switch (desc->kind)
    {
    case ENTRY_SET:
      return join_set (record_member (self->record, desc->field));

    case ENTRY_COUNTRY:
      value = record_string (self->record, desc->field);
      if (value != NULL && xarxa_country_name (value) != NULL)
        return g_strdup (xarxa_country_name (value));
      return g_strdup (value != NULL ? value : "");

    case ENTRY_TEXT:
    default:
      value = record_string (self->record, desc->field);
      return g_strdup (value != NULL ? value : "");
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* "ca, es;en" → ["ca", "en", "es"], or null when empty. */
static JsonNode *
parse_set (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ",;", -1);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  JsonArray *array;
  JsonNode *node;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_ptr_array_add (items, parts[i]);
    }

  if (items->len == 0)
    return json_node_new (JSON_NODE_NULL);

  g_ptr_array_sort (items, compare_strings);
  array = json_array_new ();
  for (guint i = 0; i < items->len; i++)
    if (i == 0 || g_strcmp0 (items->pdata[i], items->pdata[i - 1]) != 0)
      json_array_add_string_element (array, items->pdata[i]);

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null == b_null;

  return json_node_equal (a, b);
}

static void
add_toast (XarxaEntityEditor *self,
           AdwToast          *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (XARXA_IS_WINDOW (root))
    xarxa_window_add_toast (XARXA_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* Saves one field's value (taken) if it changed; the store validates it
 * too, but the form asks first so that it can say which field is wrong. */
static gboolean
save_value (XarxaEntityEditor *self,
            const char        *field,
            JsonNode          *value,
            GError           **error)
{
  g_autoptr(JsonNode) node = value;
  g_autoptr(JsonObject) changes = NULL;

  if (self->store == NULL || self->id == NULL)
    return TRUE;

  if (nodes_equal (node, record_member (self->record, field)))
    return TRUE;

  if (!xarxa_validate_field (entity_type (), field, node, error))
    return FALSE;

  changes = json_object_new ();
  json_object_set_member (changes, field, json_node_copy (node));
  if (!xarxa_store_update_record (self->store, "entity", self->id, changes, error))
    return FALSE;

  json_object_set_member (self->record, field, g_steal_pointer (&node));
  return TRUE;
}

static void
show_entry_error (EntryState *state,
                  const char *message)
{
  gtk_widget_add_css_class (state->row, "error");
  gtk_widget_set_tooltip_text (state->row, message);
  gtk_label_set_label (state->error_label, message);
  gtk_widget_set_visible (state->error_row, TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (state->row),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (state->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

static void
clear_entry_error (EntryState *state)
{
  gtk_widget_remove_css_class (state->row, "error");
  gtk_widget_set_tooltip_text (state->row, NULL);
  gtk_widget_set_visible (state->error_row, FALSE);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (state->row), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (state->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Hides the apply button: AdwEntryRow only hides it itself when the button
 * is pressed, not when we save because the focus left. */
static void
reset_apply_button (EntryState *state)
{
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (state->row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (state->row), TRUE);
}

static void
set_entry_text (XarxaEntityEditor *self,
                guint              i,
                const char        *text)
{
  EntryState *state = &self->entries[i];
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  g_free (state->shown);
  state->shown = g_strdup (text);
  gtk_editable_set_text (GTK_EDITABLE (state->row), text);
  self->loading = was_loading;
}

static gboolean
save_entry (XarxaEntityEditor *self,
            guint              i)
{
  const EntryField *desc = &entry_fields[i];
  EntryState *state = &self->entries[i];
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (state->row)));
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  JsonNode *value = NULL;

  if (self->id == NULL)
    return TRUE;

  g_strstrip (text);

  switch (desc->kind)
    {
    case ENTRY_SET:
      value = parse_set (text);
      break;

    case ENTRY_COUNTRY:
      if (text[0] == '\0')
        value = json_node_new (JSON_NODE_NULL);
      else
        {
          g_autofree char *code = xarxa_country_parse (text);

          if (code == NULL)
            {
              g_set_error (&error, XARXA_ERROR, XARXA_ERROR_INVALID,
                           _("“%s” is not a country Xarxa knows. Type its name or its two-letter code, like “Spain” or “ES”."),
                           text);
              break;
            }
          value = json_node_init_string (json_node_alloc (), code);
        }
      break;

    case ENTRY_TEXT:
    default:
      if (text[0] == '\0')
        value = json_node_new (JSON_NODE_NULL);
      else
        value = json_node_init_string (json_node_alloc (), text);
      break;
    }

  if (value == NULL || !save_value (self, desc->field, value, &error))
    {
      show_entry_error (state, error->message);
      return FALSE;
    }

  clear_entry_error (state);
  reset_apply_button (state);

  /* Show the value as stored: "spain" becomes "Spain", sets are sorted. */
  shown = display_text (self, desc);
  if (g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (state->row))) != 0)
    set_entry_text (self, i, shown);
  else
    {
      g_free (state->shown);
      state->shown = g_steal_pointer (&shown);
    }

  return TRUE;
}

static guint
entry_index (XarxaEntityEditor *self,
             GtkWidget         *row)
{
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    if (self->entries[i].row == row)
      return i;

  g_assert_not_reached ();
}

static void
entry_apply_cb (GtkWidget         *row,
                XarxaEntityEditor *self)
{
  save_entry (self, entry_index (self, row));
}

static void
entry_focus_leave_cb (GtkEventControllerFocus *controller,
                      XarxaEntityEditor       *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint i = entry_index (self, row);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), self->entries[i].shown) != 0)
    save_entry (self, i);
}

static void
entry_changed_cb (GtkEditable       *row,
                  XarxaEntityEditor *self)
{
  EntryState *state = &self->entries[entry_index (self, GTK_WIDGET (row))];

  /* Typing back the stored text takes the mark away. */
  if (!self->loading && g_strcmp0 (gtk_editable_get_text (row), state->shown) == 0)
    clear_entry_error (state);
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
    add_toast (self, xarxa_toast_new ("%s", error->message));
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
      g_autofree char *joined = NULL;
      g_autoptr(GString) text = g_string_new (NULL);

      /* Sorted, as the store keeps sets. */
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (text, "%s%s", i ? "," : "", json_array_get_string_element (array, i));
      json_array_unref (array);
      value = parse_set (text->str);
    }

  if (!save_value (self, "transitions", value, &error))
    add_toast (self, xarxa_toast_new ("%s", error->message));
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
    add_toast (self, xarxa_toast_new ("%s", error->message));
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
      add_toast (self, xarxa_toast_new ("%s", error->message));
      return;
    }

  toast = xarxa_toast_new (_("“%s” removed"), contact_name);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undelete");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", "contact", contact_id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  xarxa_entity_editor_reload_contacts (self);
  add_toast (self, toast);
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
      const char *contact_id = record_string (contact, "id");
      const char *full_name = record_string (contact, "full_name");
      const char *role = record_string (contact, "role");
      const char *email = record_string (contact, "email");
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

/* Loading */

static void
load_record (XarxaEntityEditor *self)
{
  JsonNode *transitions;

  self->loading = TRUE;

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    {
      g_autofree char *text = display_text (self, &entry_fields[i]);

      set_entry_text (self, i, text);
      clear_entry_error (&self->entries[i]);
      reset_apply_button (&self->entries[i]);
    }

  select_combo (self->kind_row, self->kind_ids, record_string (self->record, "kind"));
  select_combo (self->membership_row, self->membership_ids, record_string (self->record, "membership"));

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

  text_view_set_text (self->description_view, record_string (self->record, "description"));
  text_view_set_text (self->notes_view, record_string (self->record, "notes"));

  self->loading = FALSE;

  xarxa_entity_editor_reload_contacts (self);
}

void
xarxa_entity_editor_flush (XarxaEntityEditor *self)
{
  g_return_if_fail (XARXA_IS_ENTITY_EDITOR (self));

  if (self->id == NULL || self->store == NULL)
    return;

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entries[i].row)), self->entries[i].shown) != 0)
      save_entry (self, i);

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

  return record_string (self->record, "name");
}

void
xarxa_entity_editor_set_store (XarxaEntityEditor *self,
                               XarxaStore        *store)
{
  g_return_if_fail (XARXA_IS_ENTITY_EDITOR (self));
  g_return_if_fail (store == NULL || XARXA_IS_STORE (store));

  xarxa_entity_editor_set_entity (self, NULL);
  g_set_object (&self->store, store);
}

void
xarxa_entity_editor_focus_first (XarxaEntityEditor *self)
{
  g_return_if_fail (XARXA_IS_ENTITY_EDITOR (self));

  gtk_widget_grab_focus (self->entries[1].row);
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

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    g_free (self->entries[i].shown);
  g_clear_pointer (&self->record, json_object_unref);
  g_free (self->id);
  g_ptr_array_unref (self->contact_rows);
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

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    {
      gtk_widget_class_bind_template_child_full (widget_class, entry_fields[i].row_name, FALSE,
                                                 G_STRUCT_OFFSET (XarxaEntityEditor, entries) + i * sizeof (EntryState) + G_STRUCT_OFFSET (EntryState, row));
      gtk_widget_class_bind_template_child_full (widget_class, entry_fields[i].error_row_name, FALSE,
                                                 G_STRUCT_OFFSET (XarxaEntityEditor, entries) + i * sizeof (EntryState) + G_STRUCT_OFFSET (EntryState, error_row));
      gtk_widget_class_bind_template_child_full (widget_class, entry_fields[i].error_label_name, FALSE,
                                                 G_STRUCT_OFFSET (XarxaEntityEditor, entries) + i * sizeof (EntryState) + G_STRUCT_OFFSET (EntryState, error_label));
    }

  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, membership_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, social_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, political_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, ecological_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, technological_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityEditor, notes_view);
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

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loading = TRUE;
  kinds = combo_model (xarxa_entity_kinds, xarxa_kind_label, &self->kind_ids);
  memberships = combo_model (xarxa_membership_values, xarxa_membership_label, &self->membership_ids);
  adw_combo_row_set_model (self->kind_row, kinds);
  adw_combo_row_set_model (self->membership_row, memberships);
  self->loading = FALSE;

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (self->entries[i].row, "apply", G_CALLBACK (entry_apply_cb), self);
      g_signal_connect (self->entries[i].row, "changed", G_CALLBACK (entry_changed_cb), self);
      g_signal_connect (focus, "leave", G_CALLBACK (entry_focus_leave_cb), self);
      gtk_widget_add_controller (self->entries[i].row, focus);
    }

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
