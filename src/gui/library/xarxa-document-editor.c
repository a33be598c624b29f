/* xarxa-document-editor.c — a document's page, edited in place.
 *
 * As in the cluster's page, each text field is a XarxaFieldRow that saves
 * itself through the store when applied or left, checked by the field's
 * description.  Beside the metadata: the attachment (open it in the
 * desktop's viewer, save a copy, attach another file: the page's
 * library.attach-file), whether its text could be read and why not, an
 * interview's person, date and consent (an interview without consent is
 * marked and never exported), and the organisations, clusters and missions
 * the document is linked to, each opened with the window's win.open-TYPE.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-document-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-document-editor.h"
#include "xarxa-document-row.h"
#include "xarxa-field-row.h"
#include "xarxa-library.h"
#include "xarxa-link-picker.h"
#include "xarxa-query.h"
#include "xarxa-toast.h"
#include "xarxa-unlink.h"
#include "xarxa-value.h"
#include "xarxa-values.h"
#include "xarxa-window.h"

/* The text fields, by the names of their rows in the template. */
static const char *const entry_rows[] = {
  "title_row", "authors_row", "date_row", "language_row", "url_row",
  "summary_row", "interviewed_on_row", "territories_row", "tags_row",
};

#define N_ENTRY_FIELDS G_N_ELEMENTS (entry_rows)

struct _XarxaDocumentEditor
{
  AdwBin parent_instance;

  XarxaStore *store;
  char       *id;
  JsonObject *record;
  gboolean    loading;
  char       *text_state;
  GPtrArray  *contact_ids;   /* the interviewee drop-down's choices */

  XarxaFieldRow       *entries[N_ENTRY_FIELDS];
  AdwPreferencesPage  *preferences_page;
  GtkWidget           *consent_warning_row;
  XarxaChoiceDropDown *kind_drop_down;
  AdwActionRow        *publisher_row;
  AdwPreferencesGroup *interview_group;
  XarxaChoiceDropDown *interviewee_drop_down;
  XarxaChoiceDropDown *consent_drop_down;
  GtkWidget           *no_file_row;
  GtkWidget           *file_row;
  GtkWidget           *text_row;
  GtkImage            *text_icon;
  AdwPreferencesGroup *links_group;
  GtkCheckButton      *social_check;
  GtkCheckButton      *political_check;
  GtkCheckButton      *ecological_check;
  GtkCheckButton      *technological_check;

  GPtrArray *link_rows;   /* the rows added to links_group */
};

G_DEFINE_FINAL_TYPE (XarxaDocumentEditor, xarxa_document_editor, ADW_TYPE_BIN)

static JsonNode *
record_member (JsonObject *record,
               const char *field)
{
  if (record == NULL || !json_object_has_member (record, field))
    return NULL;
  return json_object_get_member (record, field);
}

static gboolean
save_value (XarxaDocumentEditor *self,
            const char          *field,
            JsonNode            *value,
            GError             **error)
{
  return xarxa_field_row_save_to_record (self->store, "document", self->id, self->record, field, value, error);
}

static void update_marks (XarxaDocumentEditor *self);

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
save_choice (XarxaDocumentEditor *self,
             const char          *field,
             const char          *id)
{
  g_autoptr(GError) error = NULL;
  JsonNode *value;

  if (self->loading || self->id == NULL)
    return;
  value = id != NULL ? json_node_init_string (json_node_alloc (), id) : json_node_new (JSON_NODE_NULL);
  if (!save_value (self, field, value, &error))
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
  update_marks (self);
}

static void
kind_changed_cb (XarxaDocumentEditor *self)
{
  save_choice (self, "kind", xarxa_choice_drop_down_get_selected_id (self->kind_drop_down));
}

static void
interviewee_changed_cb (XarxaDocumentEditor *self)
{
  save_choice (self, "interviewee_id", xarxa_choice_drop_down_get_selected_id (self->interviewee_drop_down));
}

static void
consent_changed_cb (XarxaDocumentEditor *self)
{
  save_choice (self, "consent", xarxa_choice_drop_down_get_selected_id (self->consent_drop_down));
}

/* The publisher: an organisation of the directory, found by name. */

static void
load_publisher (XarxaDocumentEditor *self)
{
  const char *id = xarxa_value_string_of (self->record, "publisher_entity_id");
  g_autoptr(JsonObject) entity = id != NULL && self->store != NULL
                                 ? xarxa_store_get_live_record (self->store, "entity", id) : NULL;
  const char *name = xarxa_value_string_of (entity, "name");

  adw_action_row_set_subtitle (self->publisher_row,
                               name != NULL ? name : id != NULL ? _("An organisation no longer in the directory")
                                                                : C_("publisher", "None"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.clear-publisher", id != NULL);
}

static void
publisher_picked_cb (GtkWidget           *picker,
                     const char          *type,
                     const char          *id,
                     XarxaDocumentEditor *self)
{
  save_choice (self, "publisher_entity_id", id);
  load_publisher (self);
}

static void
choose_publisher_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  XarxaDocumentEditor *self = XARXA_DOCUMENT_EDITOR (widget);
  static const char *const types[] = { "entity", NULL };
  GtkWidget *picker;

  if (self->store == NULL || self->id == NULL)
    return;
  picker = xarxa_link_picker_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, types,
                                  _("Choose the Publisher"),
                                  _("Find the organisation that published the document by any word of its name."));
  g_signal_connect_object (picker, "picked", G_CALLBACK (publisher_picked_cb), self, 0);
  gtk_window_present (GTK_WINDOW (picker));
}

static void
clear_publisher_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  XarxaDocumentEditor *self = XARXA_DOCUMENT_EDITOR (widget);

  save_choice (self, "publisher_entity_id", NULL);
  load_publisher (self);
}

/* Transitions */

static GtkCheckButton *
transition_check (XarxaDocumentEditor *self,
                  guint                i)
{
  GtkCheckButton *checks[] = {
    self->social_check, self->political_check,
    self->ecological_check, self->technological_check,
  };

  g_assert (i < G_N_ELEMENTS (checks));
  return checks[i];
}

static void
transition_toggled_cb (XarxaDocumentEditor *self)
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
      value = xarxa_field_value_from_text (xarxa_record_type_field (xarxa_schema_lookup ("document"), "transitions"),
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

/* Consent and the interview's part */

static void
update_marks (XarxaDocumentEditor *self)
{
  const char *warning = self->record != NULL ? xarxa_document_consent_warning (self->record) : NULL;
  gboolean interview = g_strcmp0 (xarxa_value_string_of (self->record, "kind"), "interview") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->interview_group), interview);
  gtk_widget_set_visible (self->consent_warning_row, warning != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->consent_warning_row), warning != NULL ? warning : "");
}

static const char *
kind_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_document_kind_list, id);
}

static const char *
consent_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_consent_list, id);
}

static void
load_contacts (XarxaDocumentEditor *self)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new ("contact");
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *current = xarxa_value_string_of (self->record, "interviewee_id");
  gboolean has_current = current == NULL;

  g_ptr_array_set_size (self->contact_ids, 0);
  if (self->store != NULL)
    contacts = xarxa_store_query_records (self->store, query, NULL);
  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      JsonObject *contact = contacts->pdata[i];
      const char *id = xarxa_value_string_of (contact, "id");

      g_ptr_array_add (self->contact_ids, g_strdup (id));
      g_ptr_array_add (names, g_strdup (xarxa_value_string_of (contact, "full_name")));
      if (g_strcmp0 (id, current) == 0)
        has_current = TRUE;
    }
  /* A person deleted since keeps their place, so nothing changes unseen. */
  if (!has_current)
    {
      g_ptr_array_add (self->contact_ids, g_strdup (current));
      g_ptr_array_add (names, g_strdup (_("Person no longer in the directory")));
    }
  xarxa_choice_drop_down_set_choices (self->interviewee_drop_down, C_("interviewee", "Nobody chosen"),
                                      (const char *const *) self->contact_ids->pdata,
                                      (const char *const *) names->pdata, names->len);
}

/* The attachment */

static char *
text_state_of (JsonObject *record)
{
  const char *status = xarxa_value_string_of (record, "text_status");
  const char *reason = xarxa_value_string_of (record, "text_error");
  const char *text = xarxa_value_string_of (record, "full_text");

  if (xarxa_value_string_of (record, "file_hash") == NULL)
    return NULL;
  if (g_strcmp0 (status, "extracted") == 0)
    {
      if (g_strcmp0 (xarxa_value_string_of (record, "file_type"), "application/pdf") == 0 && text != NULL)
        {
          guint pages = 1;

          /* The extraction puts a form feed between the pages it read. */
          for (const char *p = text; *p != '\0'; p++)
            if (*p == '\f')
              pages++;
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Text of %u page indexed",
                                               "Text of %u pages indexed", pages), pages);
        }
      return g_strdup (text != NULL ? _("Text indexed") : _("The file holds no text to index"));
    }
  if (reason != NULL)
    return g_strdup (reason);
  if (status != NULL)
    return g_strdup (xarxa_choice_list_label (&xarxa_text_status_list, status));
  return g_strdup (_("The text has not been read yet"));
}

/* The kinds of file whose text the library reads, by name; others by
 * their type.  Not g_content_type_get_description(): GIO keeps what it
 * reads for that, unfreed, which the leak checker of the tests reports. */
static const char *
type_description (const char *type)
{
  if (g_str_equal (type, "application/pdf"))
    return _("PDF document");
  if (g_str_equal (type, "text/html") || g_str_equal (type, "application/xhtml+xml"))
    return _("Web page");
  if (g_str_equal (type, "text/markdown"))
    return _("Markdown text");
  if (g_str_equal (type, "text/plain"))
    return _("Plain text");
  return type;
}

static void
load_attachment (XarxaDocumentEditor *self)
{
  const char *name = xarxa_value_string_of (self->record, "file_name");
  const char *type = xarxa_value_string_of (self->record, "file_type");
  gboolean has_file = xarxa_value_string_of (self->record, "file_hash") != NULL;
  gboolean extracted = g_strcmp0 (xarxa_value_string_of (self->record, "text_status"), "extracted") == 0;
  g_autofree char *size = NULL;
  g_autofree char *description = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->no_file_row, !has_file);
  gtk_widget_set_visible (self->file_row, has_file);
  gtk_widget_set_visible (self->text_row, has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.open-file", has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.save-copy", has_file);

  g_free (self->text_state);
  self->text_state = has_file ? text_state_of (self->record) : NULL;
  if (!has_file)
    return;

  if (self->record != NULL && json_object_has_member (self->record, "file_size") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (self->record, "file_size")))
    size = g_format_size (json_object_get_int_member (self->record, "file_size"));
  description = type != NULL ? g_strdup (type_description (type)) : NULL;
  subtitle = g_strjoin (" · ", size != NULL ? size : "", description != NULL ? description : "", NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), name != NULL ? name : _("Attached file"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->file_row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row), subtitle);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->text_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->text_row), self->text_state);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->text_row),
                               extracted ? _("Its words are found by the library’s search.")
                                         : _("The document is kept; its own fields are still searched."));
  gtk_image_set_from_icon_name (self->text_icon, extracted ? "object-select-symbolic" : "dialog-warning-symbolic");
}

static char *
stored_path (XarxaDocumentEditor *self)
{
  g_autofree char *files_dir = xarxa_library_files_dir (self->store);
  const char *hash = xarxa_value_string_of (self->record, "file_hash");

  return hash != NULL ? xarxa_attachments_path (files_dir, hash) : NULL;
}

static void
show_file (GtkWidget  *widget,
           const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
}

static void
file_fetched_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(XarxaDocumentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!xarxa_sync_controller_fetch_file_finish (XARXA_SYNC_CONTROLLER (source), result, &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not fetch the file: %s"), error->message));
      return;
    }
  path = self->record != NULL ? stored_path (self) : NULL;
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    show_file (GTK_WIDGET (self), path);
}

/* Opens the stored file in the desktop's viewer; a file not on this device
 * yet is fetched from the server first, when sync is set up. */
static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XarxaDocumentEditor *self = XARXA_DOCUMENT_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  XarxaSyncController *sync = XARXA_IS_WINDOW (root) ? xarxa_window_get_sync_controller (XARXA_WINDOW (root)) : NULL;
  g_autofree char *path = NULL;

  if (self->store == NULL || self->record == NULL)
    return;
  path = stored_path (self);
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    show_file (widget, path);
  else if (path != NULL && sync != NULL && xarxa_sync_controller_is_logged_in (sync))
    {
      xarxa_toast_show (widget, xarxa_toast_new ("%s", _("Fetching the file from the server…")));
      xarxa_sync_controller_fetch_file (sync, xarxa_value_string_of (self->record, "file_hash"), NULL,
                                        file_fetched_cb, g_object_ref (self));
    }
  else
    xarxa_toast_show (widget, xarxa_toast_new ("%s", _("The file is not on this device yet. Sync to fetch it, then open it again.")));
}

static void
save_copy_response_cb (GtkNativeDialog     *chooser,
                       int                  response,
                       XarxaDocumentEditor *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->id != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      name = g_file_get_parse_name (file);
      if (xarxa_library_export_file (self->store, self->id, file, NULL, &error))
        xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Saved a copy as “%s”"), name));
      else
        xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not save a copy: %s"), error->message));
    }
  g_object_unref (chooser);
}

static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XarxaDocumentEditor *self = XARXA_DOCUMENT_EDITOR (widget);
  GtkFileChooserNative *chooser;

  if (self->store == NULL || self->record == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save a Copy of the Attachment"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (xarxa_value_string_of (self->record, "file_name") != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), xarxa_value_string_of (self->record, "file_name"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_copy_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Links */

/* A linked record opens in its view (a meeting on its cluster's page). */
static void
set_target_action (GtkWidget  *row,
                   const char *type,
                   const char *id)
{
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-record");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)", type, id);
}

static void
unlink_cb (GtkButton           *button,
           XarxaDocumentEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  const char *type = g_object_get_data (G_OBJECT (row), "target-type");
  const char *id = g_object_get_data (G_OBJECT (row), "target-id");
  g_autofree char *title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_autofree char *done = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->id == NULL)
    return;
  done = g_strdup_printf (_("Document no longer linked to “%s”"), title);
  if (!xarxa_unlink_with_undo (GTK_WIDGET (self), self->store, self->id, type, id, done, &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not unlink “%s”: %s"), title, error->message));
      return;
    }
  /* The button goes with its row. */
  xarxa_document_editor_reload (self);
}

static JsonObject *
fetch_cb (const char *type_name,
          const char *id,
          gpointer    user_data)
{
  return xarxa_store_get_record (user_data, type_name, id, NULL);
}

static void
load_links (XarxaDocumentEditor *self)
{
  g_autoptr(GPtrArray) targets = NULL;

  for (guint i = 0; i < self->link_rows->len; i++)
    adw_preferences_group_remove (self->links_group, self->link_rows->pdata[i]);
  g_ptr_array_set_size (self->link_rows, 0);
  if (self->store == NULL || self->id == NULL)
    return;

  targets = xarxa_library_targets_of (self->store, self->id, NULL);
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      XarxaLinkTarget *target = targets->pdata[i];
      const XarxaRecordType *type = xarxa_schema_lookup (target->type);
      g_autoptr(JsonObject) record = type != NULL ? xarxa_store_get_live_record (self->store, target->type, target->id) : NULL;
      g_autofree char *title = record != NULL ? xarxa_record_title (type, record, fetch_cb, self->store) : NULL;
      g_autofree char *unlink_label = NULL;
      GtkWidget *row, *button;

      if (title == NULL)
        continue;   /* deleted since */
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), xarxa_record_type_get_singular (type));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      set_target_action (row, target->type, target->id);
      g_object_set_data_full (G_OBJECT (row), "target-type", g_strdup (target->type), g_free);
      g_object_set_data_full (G_OBJECT (row), "target-id", g_strdup (target->id), g_free);

      /* TRANSLATORS: %s is an organisation's, a cluster's, a mission's or a meeting's name */
      unlink_label = g_strdup_printf (_("Unlink %s"), title);
      button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Unlink"));
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, unlink_label, -1);
      g_signal_connect_object (button, "clicked", G_CALLBACK (unlink_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

      adw_preferences_group_add (self->links_group, row);
      g_ptr_array_add (self->link_rows, row);
    }
}

static void
picked_cb (XarxaLinkPicker     *picker,
           const char          *type,
           const char          *id,
           XarxaDocumentEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;

  if (self->store == NULL || self->id == NULL)
    return;
  link = xarxa_library_link (self->store, self->id, type, id, &error);
  if (link == NULL)
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not link the document: %s"), error->message));
  load_links (self);
}

static void
add_link_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XarxaDocumentEditor *self = XARXA_DOCUMENT_EDITOR (widget);
  static const char *const types[] = { "entity", "cluster", "mission", NULL };
  GtkWidget *picker;

  if (self->store == NULL || self->id == NULL)
    return;
  picker = xarxa_link_picker_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, types,
                                  _("Link the Document"),
                                  _("Find an organisation, a cluster or a mission by any word of its name."));
  g_signal_connect_object (picker, "picked", G_CALLBACK (picked_cb), self, 0);
  gtk_window_present (GTK_WINDOW (picker));
}

/* Public */

void
xarxa_document_editor_set_store (XarxaDocumentEditor *self,
                                 XarxaStore          *store)
{
  g_return_if_fail (XARXA_IS_DOCUMENT_EDITOR (self));
  g_return_if_fail (XARXA_IS_STORE (store));

  g_set_object (&self->store, store);
}

void
xarxa_document_editor_flush (XarxaDocumentEditor *self)
{
  g_return_if_fail (XARXA_IS_DOCUMENT_EDITOR (self));

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    if (xarxa_field_row_get_changed (self->entries[i]))
      xarxa_field_row_commit (self->entries[i]);
}

void
xarxa_document_editor_reload (XarxaDocumentEditor *self)
{
  JsonNode *transitions;

  g_return_if_fail (XARXA_IS_DOCUMENT_EDITOR (self));

  g_clear_pointer (&self->record, json_object_unref);
  if (self->id != NULL && self->store != NULL)
    self->record = xarxa_store_get_live_record (self->store, "document", self->id);
  if (self->record == NULL)
    g_clear_pointer (&self->id, g_free);

  self->loading = TRUE;
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    xarxa_field_row_set_value (self->entries[i],
                               record_member (self->record, xarxa_field_row_get_field (self->entries[i])));
  xarxa_choice_drop_down_set_selected_id (self->kind_drop_down, xarxa_value_string_of (self->record, "kind"));
  load_contacts (self);
  xarxa_choice_drop_down_set_selected_id (self->interviewee_drop_down, xarxa_value_string_of (self->record, "interviewee_id"));
  xarxa_choice_drop_down_set_selected_id (self->consent_drop_down, xarxa_value_string_of (self->record, "consent"));
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

  update_marks (self);
  load_publisher (self);
  load_attachment (self);
  load_links (self);
}

void
xarxa_document_editor_set_document (XarxaDocumentEditor *self,
                                    const char          *id)
{
  g_return_if_fail (XARXA_IS_DOCUMENT_EDITOR (self));

  if (self->id != NULL)
    xarxa_document_editor_flush (self);
  g_free (self->id);
  self->id = g_strdup (id);
  xarxa_document_editor_reload (self);
}

const char *
xarxa_document_editor_get_document_id (XarxaDocumentEditor *self)
{
  g_return_val_if_fail (XARXA_IS_DOCUMENT_EDITOR (self), NULL);

  return self->id;
}

const char *
xarxa_document_editor_get_title (XarxaDocumentEditor *self)
{
  g_return_val_if_fail (XARXA_IS_DOCUMENT_EDITOR (self), NULL);

  return xarxa_value_string_of (self->record, "title");
}

const char *
xarxa_document_editor_get_text_state (XarxaDocumentEditor *self)
{
  g_return_val_if_fail (XARXA_IS_DOCUMENT_EDITOR (self), NULL);

  return self->text_state;
}

void
xarxa_document_editor_focus_first (XarxaDocumentEditor *self)
{
  g_return_if_fail (XARXA_IS_DOCUMENT_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entries[0]));
}

static void
xarxa_document_editor_dispose (GObject *object)
{
  XarxaDocumentEditor *self = XARXA_DOCUMENT_EDITOR (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_DOCUMENT_EDITOR);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_document_editor_parent_class)->dispose (object);
}

static void
xarxa_document_editor_finalize (GObject *object)
{
  XarxaDocumentEditor *self = XARXA_DOCUMENT_EDITOR (object);

  g_free (self->id);
  g_free (self->text_state);
  g_clear_pointer (&self->record, json_object_unref);
  g_ptr_array_unref (self->link_rows);
  g_ptr_array_unref (self->contact_ids);

  G_OBJECT_CLASS (xarxa_document_editor_parent_class)->finalize (object);
}

static void
xarxa_document_editor_class_init (XarxaDocumentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_document_editor_dispose;
  object_class->finalize = xarxa_document_editor_finalize;

  g_type_ensure (XARXA_TYPE_FIELD_ROW);
  g_type_ensure (XARXA_TYPE_CHOICE_DROP_DOWN);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/library/xarxa-document-editor.ui");
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, entry_rows[i], FALSE,
                                               G_STRUCT_OFFSET (XarxaDocumentEditor, entries) + i * sizeof (XarxaFieldRow *));
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    {
      g_autofree char *field = g_strndup (entry_rows[i], strlen (entry_rows[i]) - strlen ("_row"));
      g_autofree char *label = g_strconcat (field, "_error_label", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, label, FALSE, 0);
    }
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, consent_warning_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, kind_drop_down);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, publisher_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, interview_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, interviewee_drop_down);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, consent_drop_down);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, no_file_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, file_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, text_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, text_icon);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, links_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, social_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, political_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, ecological_check);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentEditor, technological_check);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, interviewee_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, consent_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, transition_toggled_cb);

  gtk_widget_class_install_action (widget_class, "document.open-file", NULL, open_file_action);
  gtk_widget_class_install_action (widget_class, "document.save-copy", NULL, save_copy_action);
  gtk_widget_class_install_action (widget_class, "document.add-link", NULL, add_link_action);
  gtk_widget_class_install_action (widget_class, "document.choose-publisher", NULL, choose_publisher_action);
  gtk_widget_class_install_action (widget_class, "document.clear-publisher", NULL, clear_publisher_action);
}

static void
xarxa_document_editor_init (XarxaDocumentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->link_rows = g_ptr_array_new ();
  self->contact_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    xarxa_field_row_set_saver (self->entries[i], save_field_cb, self);
  xarxa_choice_drop_down_set_choices_func (self->kind_drop_down, C_("document kind", "Not set"),
                                           xarxa_document_kinds, kind_label);
  xarxa_choice_drop_down_set_choices_func (self->consent_drop_down, C_("consent", "Not asked"),
                                           xarxa_consents, consent_label);
}
