/* xarxa-contact-dialog.c — adds or edits one contact person of an organisation.
 *
 * All fields are checked before anything is stored; each invalid one is
 * marked and the first message is shown under the form.  The rows are
 * XarxaFieldRows: they read, check and show values as every editor does.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-contact-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-contact-dialog.h"
#include "xarxa-field-row.h"
#include "xarxa-validate.h"

static const char *const fields[] = {
  "full_name", "role", "email", "phone", "languages", "notes",
};

#define N_FIELDS G_N_ELEMENTS (fields)

struct _XarxaContactDialog
{
  AdwWindow parent_instance;

  XarxaStore *store;
  char       *entity_id;
  char       *contact_id;

  GtkWidget *rows[N_FIELDS];
  GtkWidget *save_button;
  GtkLabel  *error_label;
};

G_DEFINE_FINAL_TYPE (XarxaContactDialog, xarxa_contact_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
xarxa_contact_dialog_save (XarxaContactDialog *self)
{
  const XarxaRecordType *type = xarxa_schema_lookup ("contact");
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first_message = NULL;
  GtkWidget *first_row = NULL;

  g_return_val_if_fail (XARXA_IS_CONTACT_DIALOG (self), FALSE);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autoptr(GError) field_error = NULL;
      JsonNode *value = xarxa_field_row_parse (XARXA_FIELD_ROW (self->rows[i]), &field_error);

      if (value == NULL)
        {
          xarxa_field_row_show_error (XARXA_FIELD_ROW (self->rows[i]), field_error->message);
          if (first_row == NULL)
            {
              first_row = self->rows[i];
              first_message = g_strdup (field_error->message);
            }
          continue;
        }

      xarxa_field_row_show_error (XARXA_FIELD_ROW (self->rows[i]), NULL);
      json_object_set_member (values, fields[i], value);
    }

  if (first_row == NULL && self->contact_id == NULL)
    {
      json_object_set_string_member (values, "entity_id", self->entity_id);
      if (!xarxa_validate_record (type, values, &error))
        {
          /* Only the full name is required. */
          first_row = self->rows[0];
          first_message = g_strdup (error->message);
          xarxa_field_row_show_error (XARXA_FIELD_ROW (first_row), first_message);
          g_clear_error (&error);
        }
    }

  if (first_row == NULL)
    {
      if (self->contact_id == NULL)
        {
          g_autofree char *id = xarxa_store_create_record (self->store, "contact", values, &error);

          if (id != NULL)
            self->contact_id = g_steal_pointer (&id);
        }
      else
        xarxa_store_update_record (self->store, "contact", self->contact_id, values, &error);

      if (error != NULL)
        {
          first_row = self->rows[0];
          first_message = g_strdup (error->message);
        }
    }

  gtk_label_set_label (self->error_label, first_message != NULL ? first_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), first_message != NULL);

  if (first_row != NULL)
    {
      gtk_widget_grab_focus (first_row);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, self->contact_id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_clicked_cb (XarxaContactDialog *self)
{
  xarxa_contact_dialog_save (self);
}

static void
entry_activated_cb (XarxaContactDialog *self)
{
  xarxa_contact_dialog_save (self);
}

static void
entry_changed_cb (XarxaContactDialog *self,
                  GtkEditable        *row)
{
  if (row == GTK_EDITABLE (self->rows[0]))
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (row)));

      gtk_widget_set_sensitive (self->save_button, name[0] != '\0');
    }
}

static void
xarxa_contact_dialog_dispose (GObject *object)
{
  XarxaContactDialog *self = XARXA_CONTACT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_CONTACT_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_contact_dialog_parent_class)->dispose (object);
}

static void
xarxa_contact_dialog_finalize (GObject *object)
{
  XarxaContactDialog *self = XARXA_CONTACT_DIALOG (object);

  g_free (self->entity_id);
  g_free (self->contact_id);

  G_OBJECT_CLASS (xarxa_contact_dialog_parent_class)->finalize (object);
}

static void
xarxa_contact_dialog_class_init (XarxaContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *const row_names[] = {
    "full_name_row", "role_row", "email_row", "phone_row", "languages_row", "notes_row",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (row_names) == N_FIELDS);

  g_type_ensure (XARXA_TYPE_FIELD_ROW);
  object_class->dispose = xarxa_contact_dialog_dispose;
  object_class->finalize = xarxa_contact_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-contact-dialog.ui");
  for (guint i = 0; i < N_FIELDS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, row_names[i], FALSE,
                                               G_STRUCT_OFFSET (XarxaContactDialog, rows) + i * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child (widget_class, XarxaContactDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaContactDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xarxa_contact_dialog_init (XarxaContactDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
xarxa_contact_dialog_new (GtkWindow  *parent,
                          XarxaStore *store,
                          const char *entity_id,
                          const char *contact_id)
{
  XarxaContactDialog *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (entity_id != NULL, NULL);

  self = g_object_new (XARXA_TYPE_CONTACT_DIALOG,
                       "transient-for", parent,
                       "title", contact_id != NULL ? _("Edit Contact") : _("New Contact"),
                       NULL);
  gtk_widget_set_name (GTK_WIDGET (self), "contact-dialog");
  self->store = g_object_ref (store);
  self->entity_id = g_strdup (entity_id);
  self->contact_id = g_strdup (contact_id);

  if (contact_id != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) record = xarxa_store_get_record (store, "contact", contact_id, &error);

      for (guint i = 0; record != NULL && i < N_FIELDS; i++)
        xarxa_field_row_set_value (XARXA_FIELD_ROW (self->rows[i]),
                                   json_object_has_member (record, fields[i]) ? json_object_get_member (record, fields[i]) : NULL);
      if (record == NULL)
        g_warning ("Could not read contact %s: %s", contact_id, error->message);
    }

  entry_changed_cb (self, GTK_EDITABLE (self->rows[0]));

  return GTK_WIDGET (self);
}
