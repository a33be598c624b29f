/* xarxa-documents-group.c — the documents linked to one record, on that
 * record's page (an organisation's, a cluster's, a mission's).
 *
 * Each row names a document (kind, authors, year; an interview without
 * consent marked with an icon and words) and opens it in the Library
 * (win.open-document).  "Link Document…" finds one in the library by any
 * word; Unlink removes the link, with Undo in a toast.  The list follows
 * the store: a link made from the document's side shows up here too.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-documents-group"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-document-row.h"
#include "xarxa-documents-group.h"
#include "xarxa-library.h"
#include "xarxa-link-picker.h"
#include "xarxa-toast.h"
#include "xarxa-unlink.h"
#include "xarxa-values.h"

struct _XarxaDocumentsGroup
{
  AdwPreferencesGroup parent_instance;

  XarxaStore *store;
  char       *target_type;
  char       *target_id;
  GPtrArray  *rows;         /* the rows added */
  GtkWidget  *empty_row;
  guint       reload_id;
};

G_DEFINE_FINAL_TYPE (XarxaDocumentsGroup, xarxa_documents_group, ADW_TYPE_PREFERENCES_GROUP)

static void reload (XarxaDocumentsGroup *self);

static void
unlink_cb (GtkButton           *button,
           XarxaDocumentsGroup *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  const char *document_id = g_object_get_data (G_OBJECT (row), "document-id");
  g_autofree char *title = g_strdup (g_object_get_data (G_OBJECT (row), "title"));
  g_autofree char *done = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->target_id == NULL)
    return;
  done = g_strdup_printf (_("“%s” unlinked"), title);
  if (!xarxa_unlink_with_undo (GTK_WIDGET (self), self->store, document_id, self->target_type, self->target_id,
                               done, &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not unlink “%s”: %s"), title, error->message));
      return;
    }
  /* The button goes with its row. */
  reload (self);
}

static GtkWidget *
document_row (XarxaDocumentsGroup *self,
              JsonObject          *document)
{
  const char *id = xarxa_value_string_of (document, "id");
  const char *title = xarxa_value_string_of (document, "title");
  const char *warning = xarxa_document_consent_warning (document);
  g_autofree char *summary = xarxa_document_summary_text (document);
  g_autofree char *subtitle = NULL;
  g_autofree char *unlink_label = NULL;
  GtkWidget *row, *button;

  if (title == NULL)
    title = "";
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  subtitle = warning != NULL && summary[0] != '\0' ? g_strdup_printf ("%s · %s", warning, summary)
                                                   : g_strdup (warning != NULL ? warning : summary);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (warning != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, warning, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-document");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", id);
  g_object_set_data_full (G_OBJECT (row), "document-id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (row), "title", g_strdup (title), g_free);

  /* TRANSLATORS: %s is a document's title */
  unlink_label = g_strdup_printf (_("Unlink %s"), title);
  button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Unlink"));
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, unlink_label, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (unlink_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
reload (XarxaDocumentsGroup *self)
{
  g_autoptr(GPtrArray) ids = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  if (self->store != NULL && self->target_id != NULL)
    ids = xarxa_library_documents_of (self->store, self->target_type, self->target_id, NULL);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(JsonObject) document = xarxa_store_get_live_record (self->store, "document", ids->pdata[i]);
      GtkWidget *row;

      if (document == NULL)
        continue;
      row = document_row (self, document);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (self->empty_row, self->rows->len == 0);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  XarxaDocumentsGroup *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Not from inside the store's signal: a row's own button may be emitting. */
static void
store_changed_cb (XarxaDocumentsGroup *self)
{
  if (self->reload_id == 0 && self->target_id != NULL)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

gboolean
xarxa_documents_group_link (XarxaDocumentsGroup *self,
                            const char          *document_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;

  g_return_val_if_fail (XARXA_IS_DOCUMENTS_GROUP (self), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);

  if (self->store == NULL || self->target_id == NULL)
    return FALSE;
  link = xarxa_library_link (self->store, document_id, self->target_type, self->target_id, &error);
  if (link == NULL)
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not link the document: %s"), error->message));
      return FALSE;
    }
  reload (self);
  return TRUE;
}

static void
picked_cb (XarxaLinkPicker     *picker,
           const char          *type,
           const char          *id,
           XarxaDocumentsGroup *self)
{
  xarxa_documents_group_link (self, id);
}

static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  XarxaDocumentsGroup *self = XARXA_DOCUMENTS_GROUP (widget);
  static const char *const types[] = { "document", NULL };
  GtkWidget *picker;

  if (self->store == NULL || self->target_id == NULL)
    return;
  picker = xarxa_link_picker_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, types,
                                  _("Link a Document"),
                                  _("Find a document by any word of its title, authors or text."));
  g_signal_connect_object (picker, "picked", G_CALLBACK (picked_cb), self, 0);
  gtk_window_present (GTK_WINDOW (picker));
}

void
xarxa_documents_group_set_store (XarxaDocumentsGroup *self,
                                 XarxaStore          *store)
{
  g_return_if_fail (XARXA_IS_DOCUMENTS_GROUP (self));
  g_return_if_fail (XARXA_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed::document", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::document_link", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}

void
xarxa_documents_group_set_target (XarxaDocumentsGroup *self,
                                  const char          *target_type,
                                  const char          *target_id)
{
  g_return_if_fail (XARXA_IS_DOCUMENTS_GROUP (self));
  g_return_if_fail (target_type != NULL);

  g_free (self->target_type);
  self->target_type = g_strdup (target_type);
  g_free (self->target_id);
  self->target_id = g_strdup (target_id);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  reload (self);
}

GPtrArray *
xarxa_documents_group_dup_titles (XarxaDocumentsGroup *self)
{
  GPtrArray *titles;

  g_return_val_if_fail (XARXA_IS_DOCUMENTS_GROUP (self), NULL);

  titles = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->rows->len; i++)
    g_ptr_array_add (titles, g_strdup (g_object_get_data (G_OBJECT (self->rows->pdata[i]), "title")));
  return titles;
}

static void
xarxa_documents_group_dispose (GObject *object)
{
  XarxaDocumentsGroup *self = XARXA_DOCUMENTS_GROUP (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_documents_group_parent_class)->dispose (object);
}

static void
xarxa_documents_group_finalize (GObject *object)
{
  XarxaDocumentsGroup *self = XARXA_DOCUMENTS_GROUP (object);

  g_free (self->target_type);
  g_free (self->target_id);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (xarxa_documents_group_parent_class)->finalize (object);
}

static void
xarxa_documents_group_class_init (XarxaDocumentsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_documents_group_dispose;
  object_class->finalize = xarxa_documents_group_finalize;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_install_action (widget_class, "documents.link", NULL, link_action);
}

static void
xarxa_documents_group_init (XarxaDocumentsGroup *self)
{
  GtkWidget *button, *label;

  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Documents"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Documents"), -1);

  button = gtk_button_new ();
  label = gtk_label_new_with_mnemonic (_("_Link Document…"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), button);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "documents.link");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), button);

  self->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No documents linked"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->empty_row),
                               _("Reports, interviews and agendas that speak of it, from the Library."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty_row);
}

GtkWidget *
xarxa_documents_group_new (void)
{
  return g_object_new (XARXA_TYPE_DOCUMENTS_GROUP, NULL);
}
