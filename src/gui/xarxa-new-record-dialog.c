/* xarxa-new-record-dialog.c — asks for a new record's title, and offers the
 * record that already has it.
 *
 * The first question asks for the title only ("What is the organisation
 * called?"); Create stays off while it is blank.  If a record of the type
 * has that title already, a second question says so and offers to open it
 * or to create a separate one anyway: a person who meant the existing
 * record adds to it instead of making a twin.  What each record type says
 * and how it finds a title are the caller's; the dialogs are the same for
 * every type.
 *
 * The second question outlives the first (closing the first is what a
 * response does), so the caller is reached through a weak reference to its
 * owner that the two share, not through signals of the first.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-new-record-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-a11y.h"
#include "xarxa-new-record-dialog.h"

typedef struct
{
  gatomicrefcount        ref_count;
  GWeakRef               owner;
  XarxaFindRecordFunc    find;
  XarxaCreateRecordFunc  create;
  XarxaOpenRecordFunc    open;
  char                  *duplicate_heading;
  char                  *duplicate_body;
} Request;

struct _XarxaNewRecordDialog
{
  AdwMessageDialog parent_instance;

  GtkEntry *entry;
  Request  *request;
};

G_DEFINE_FINAL_TYPE (XarxaNewRecordDialog, xarxa_new_record_dialog, ADW_TYPE_MESSAGE_DIALOG)

static Request *
request_ref (Request *request)
{
  g_atomic_ref_count_inc (&request->ref_count);
  return request;
}

static void
request_unref (Request *request)
{
  if (!g_atomic_ref_count_dec (&request->ref_count))
    return;
  g_weak_ref_clear (&request->owner);
  g_free (request->duplicate_heading);
  g_free (request->duplicate_body);
  g_free (request);
}

static void
request_closure_notify (gpointer  data,
                        GClosure *closure)
{
  request_unref (data);
}

static void
duplicate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Request          *request)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&request->owner);
  const char *existing_id = g_object_get_data (G_OBJECT (dialog), "existing-id");
  const char *title = g_object_get_data (G_OBJECT (dialog), "title");

  if (owner == NULL)
    return;
  if (g_str_equal (response, "open"))
    request->open (owner, existing_id);
  else if (g_str_equal (response, "create"))
    request->create (owner, title);
}

static void
ask_about_duplicate (XarxaNewRecordDialog *self,
                     const char           *title,
                     char                 *existing_id,
                     const char           *existing_title)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *duplicate = adw_message_dialog_new (parent, self->request->duplicate_heading, NULL);
  g_autoptr(GString) body = NULL;

  gtk_widget_set_name (duplicate, "duplicate-dialog");
  /* The body is the caller's translated text with one %s: filled in as
   * text, so that a title holding "%" is shown as it is. */
  body = g_string_new (self->request->duplicate_body);
  g_string_replace (body, "%s", existing_title != NULL ? existing_title : title, 1);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (duplicate), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (duplicate),
                                    "cancel", _("_Cancel"),
                                    "create", _("Create _Anyway"),
                                    "open", _("_Open Existing"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (duplicate), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (duplicate), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (duplicate), "cancel");
  g_object_set_data_full (G_OBJECT (duplicate), "existing-id", existing_id, g_free);
  g_object_set_data_full (G_OBJECT (duplicate), "title", g_strdup (title), g_free);
  g_signal_connect_data (duplicate, "response", G_CALLBACK (duplicate_response_cb),
                         request_ref (self->request), request_closure_notify, 0);
  xarxa_a11y_name_dialog_buttons (ADW_MESSAGE_DIALOG (duplicate));
  gtk_window_present (GTK_WINDOW (duplicate));
}

static void
response_cb (XarxaNewRecordDialog *self,
             const char           *response)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  g_autoptr(GObject) owner = NULL;
  g_autofree char *existing_title = NULL;
  char *existing_id;

  if (!g_str_equal (response, "create") || title[0] == '\0')
    return;
  owner = g_weak_ref_get (&self->request->owner);
  if (owner == NULL)
    return;

  existing_id = self->request->find (owner, title, &existing_title);
  if (existing_id == NULL)
    self->request->create (owner, title);
  else
    ask_about_duplicate (self, title, existing_id, existing_title);
}

static void
entry_changed_cb (XarxaNewRecordDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", title[0] != '\0');
}

static void
xarxa_new_record_dialog_dispose (GObject *object)
{
  XarxaNewRecordDialog *self = XARXA_NEW_RECORD_DIALOG (object);

  g_clear_pointer (&self->request, request_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_NEW_RECORD_DIALOG);

  G_OBJECT_CLASS (xarxa_new_record_dialog_parent_class)->dispose (object);
}

static void
xarxa_new_record_dialog_class_init (XarxaNewRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_new_record_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-new-record-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaNewRecordDialog, entry);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

static void
xarxa_new_record_dialog_init (XarxaNewRecordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
xarxa_new_record_dialog_new (GtkWindow                *parent,
                             GObject                  *owner,
                             const XarxaNewRecordText *text,
                             XarxaFindRecordFunc       find,
                             XarxaCreateRecordFunc     create,
                             XarxaOpenRecordFunc       open)
{
  XarxaNewRecordDialog *self;
  Request *request;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (text != NULL && text->duplicate_body != NULL, NULL);
  g_return_val_if_fail (find != NULL && create != NULL && open != NULL, NULL);

  self = g_object_new (XARXA_TYPE_NEW_RECORD_DIALOG,
                       "transient-for", parent,
                       "heading", text->heading,
                       "body", text->body,
                       NULL);

  request = g_new0 (Request, 1);
  g_atomic_ref_count_init (&request->ref_count);
  g_weak_ref_init (&request->owner, owner);
  request->find = find;
  request->create = create;
  request->open = open;
  request->duplicate_heading = g_strdup (text->duplicate_heading);
  request->duplicate_body = g_strdup (text->duplicate_body);
  self->request = request;

  gtk_entry_set_placeholder_text (self->entry, text->placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text->entry_name,
                                  -1);
  xarxa_a11y_name_dialog_buttons (ADW_MESSAGE_DIALOG (self));

  return GTK_WIDGET (self);
}
