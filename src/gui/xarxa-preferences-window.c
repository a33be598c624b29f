/* xarxa-preferences-window.c — Preferences: the sync account and automatic sync.
 *
 * Log In sends the address, user name and password to the server off the
 * main thread (XarxaSyncController); the device token it gets back goes to
 * the desktop keyring.  A failure is explained under the fields: wrong
 * password, server not found or not reachable, a certificate that cannot be
 * trusted, not a Xarxa server, no keyring.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-preferences-window.h"

struct _XarxaPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  XarxaSyncController *controller;
  GCancellable        *cancellable;
  gboolean             busy;

  AdwPreferencesGroup *account_group;
  AdwPreferencesGroup *logged_in_group;
  AdwEntryRow         *url_row;
  AdwEntryRow         *user_row;
  AdwEntryRow         *password_row;
  GtkLabel            *message_label;
  GtkSpinner          *login_spinner;
  GtkWidget           *login_button;
  AdwActionRow        *logged_in_row;
  GtkWidget           *logout_button;
  GtkSwitch           *automatic_switch;

  char                *kept_in_keyring;   /* the logged-in row's usual subtitle */
};

G_DEFINE_FINAL_TYPE (XarxaPreferencesWindow, xarxa_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
can_log_in (XarxaPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (row_text (self->url_row)));

  return !self->busy && url[0] != '\0' &&
         row_text (self->user_row)[0] != '\0' &&
         row_text (self->password_row)[0] != '\0';
}

static void
update_sensitivity (XarxaPreferencesWindow *self)
{
  gboolean ready = can_log_in (self);

  gtk_widget_set_sensitive (self->login_button, ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->login_spinner), self->busy);
  gtk_spinner_set_spinning (self->login_spinner, self->busy);
}

static void
show_message (XarxaPreferencesWindow *self,
              const char             *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_account (XarxaPreferencesWindow *self)
{
  gboolean logged_in = xarxa_sync_controller_is_logged_in (self->controller);

  gtk_widget_set_visible (GTK_WIDGET (self->account_group), !logged_in);
  gtk_widget_set_visible (GTK_WIDGET (self->logged_in_group), logged_in);
  if (logged_in)
    {
      g_autofree char *title = NULL;

      /* Translators: "Logged in as anna on https://xarxa.example/". */
      title = g_strdup_printf (_("Logged in as %s on %s"),
                               xarxa_sync_controller_get_user (self->controller),
                               xarxa_sync_controller_get_server_url (self->controller));
      const char *notice = xarxa_sync_controller_get_login_notice (self->controller);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->logged_in_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->logged_in_row),
                                   notice != NULL ? notice : self->kept_in_keyring);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->logout_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Log Out"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title,
                                      -1);
    }
  update_sensitivity (self);
}

static void
entry_changed_cb (XarxaPreferencesWindow *self)
{
  update_sensitivity (self);
}

static void
entry_activated_cb (XarxaPreferencesWindow *self)
{
  if (can_log_in (self))
    xarxa_preferences_window_login (self);
}

static void
login_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(XarxaPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!xarxa_sync_controller_login_finish (XARXA_SYNC_CONTROLLER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
    }
  else
    {
      show_message (self, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
    }
  update_account (self);
}

void
xarxa_preferences_window_login (XarxaPreferencesWindow *self)
{
  g_return_if_fail (XARXA_IS_PREFERENCES_WINDOW (self));

  if (self->busy)
    return;
  self->busy = TRUE;
  show_message (self, NULL);
  update_sensitivity (self);
  xarxa_sync_controller_login_async (self->controller,
                                     row_text (self->url_row),
                                     row_text (self->user_row),
                                     row_text (self->password_row),
                                     self->cancellable,
                                     login_done_cb,
                                     g_object_ref (self));
}

gboolean
xarxa_preferences_window_is_busy (XarxaPreferencesWindow *self)
{
  g_return_val_if_fail (XARXA_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->busy;
}

static void
logout_clicked_cb (XarxaPreferencesWindow *self)
{
  xarxa_sync_controller_logout (self->controller);
  update_account (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
xarxa_preferences_window_dispose (GObject *object)
{
  XarxaPreferencesWindow *self = XARXA_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_func (self->controller, update_account, self);
  g_clear_object (&self->controller);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->kept_in_keyring, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (xarxa_preferences_window_parent_class)->dispose (object);
}

static void
xarxa_preferences_window_class_init (XarxaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaPreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaPreferencesWindow, logged_in_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaPreferencesWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaPreferencesWindow, login_spinner);
  gtk_widget_class_bind_template_child (widget_class, XarxaPreferencesWindow, login_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaPreferencesWindow, logged_in_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaPreferencesWindow, logout_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaPreferencesWindow, automatic_switch);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, xarxa_preferences_window_login);
  gtk_widget_class_bind_template_callback (widget_class, logout_clicked_cb);
}

static void
xarxa_preferences_window_init (XarxaPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->kept_in_keyring = g_strdup (adw_action_row_get_subtitle (self->logged_in_row));
}

XarxaPreferencesWindow *
xarxa_preferences_window_new (GtkWindow           *parent,
                              XarxaSyncController *controller)
{
  XarxaPreferencesWindow *self;
  GSettings *settings;
  const char *url, *user;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (controller), NULL);

  self = g_object_new (XARXA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->controller = g_object_ref (controller);
  g_signal_connect_swapped (controller, "changed", G_CALLBACK (update_account), self);

  url = xarxa_sync_controller_get_server_url (controller);
  user = xarxa_sync_controller_get_user (controller);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user != NULL ? user : "");

  settings = xarxa_sync_controller_get_settings (controller);
  if (settings != NULL)
    g_settings_bind (settings, "sync-automatic", self->automatic_switch, "active", G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->automatic_switch), FALSE);

  update_account (self);
  return self;
}
