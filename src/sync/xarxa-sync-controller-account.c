/* xarxa-sync-controller-account.c — the controller's account: the device
 * token kept in the desktop keyring (libsecret), looked up at start, stored
 * after a log-in (or kept for this session only when the keyring cannot be
 * reached), cleared and revoked on the server at log-out.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync-controller"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-sync-controller-private.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "org.transicions.Xarxa.SyncToken", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
use_token (XarxaSyncController *self,
           const char          *server_url,
           const char          *user,
           const char          *token)
{
  if (self->server_url != server_url)
    {
      g_free (self->server_url);
      self->server_url = g_strdup (server_url);
    }
  if (self->user != user)
    {
      g_free (self->user);
      self->user = g_strdup (user);
    }
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_func (self->engine, xarxa_sync_controller_progress_cb, self);
  g_clear_object (&self->engine);
  self->engine = xarxa_sync_engine_new (self->store, server_url);
  xarxa_sync_engine_set_token (self->engine, token);
  xarxa_sync_engine_set_retries (self->engine, self->max_retries, self->base_ms, self->max_ms);
  g_signal_connect_object (self->engine, "progress", G_CALLBACK (xarxa_sync_controller_progress_cb), self, 0);
}

static GError *
keyring_error (const GError *error)
{
  return g_error_new (XARXA_ERROR, XARXA_ERROR_IO,
                      _("The desktop keyring cannot be reached (%s), so Xarxa cannot keep this device’s sign-in. "
                        "Check that a keyring such as GNOME Keyring is installed, running and unlocked, then log in again in Preferences."),
                      error->message);
}

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(XarxaSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = secret_password_lookup_finish (result, &error);

  self->n_pending--;
  self->starting = FALSE;
  if (self->shut_down)
    return;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        xarxa_sync_controller_take_error (self, keyring_error (error));
    }
  else if (token != NULL && self->engine == NULL)
    {
      use_token (self, self->server_url, self->user, token);
      if (xarxa_sync_controller_get_automatic (self))
        {
          xarxa_sync_controller_sync (self);
          return;
        }
    }
  xarxa_sync_controller_emit_changed (self);
}

void
xarxa_sync_controller_start (XarxaSyncController *self)
{
  g_return_if_fail (XARXA_IS_SYNC_CONTROLLER (self));

  if (self->shut_down || self->engine != NULL || self->starting)
    return;
  if (self->server_url == NULL || self->server_url[0] == '\0' ||
      self->user == NULL || self->user[0] == '\0')
    {
      xarxa_sync_controller_emit_changed (self);
      return;
    }
  self->starting = TRUE;
  self->n_pending++;
  secret_password_lookup (token_schema (), self->cancellable, lookup_done_cb, g_object_ref (self),
                          "server", self->server_url,
                          "user", self->user,
                          NULL);
  xarxa_sync_controller_emit_changed (self);
}

/* Log in */

typedef struct
{
  char *db_path;
  char *url;
  char *user;
  char *password;
  char *token;
  guint max_retries, base_ms, max_ms;
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_free (data->db_path);
  g_free (data->url);
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->token);
  g_free (data);
}

static void
login_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LoginData *data = task_data;
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(XarxaSyncEngine) engine = NULL;
  g_autoptr(XarxaSyncClient) probe = xarxa_sync_client_new (data->url);
  GError *error = NULL;

  /* Before the log-in, one plain request tells apart what the engine's
   * errors do not (see xarxa_sync_client_probe()). */
  xarxa_sync_client_set_timeout (probe, 30);
  if (!xarxa_sync_client_probe (probe, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The engine keeps the device id in the database: its own connection. */
  store = xarxa_store_open_existing (data->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  engine = xarxa_sync_engine_new (store, data->url);
  xarxa_sync_engine_set_retries (engine, MIN (data->max_retries, 1), data->base_ms, data->max_ms);
  if (!xarxa_sync_engine_login (engine, data->user, data->password, NULL, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->token = g_strdup (xarxa_sync_engine_get_token (engine));
  g_task_return_boolean (task, TRUE);
}

static void
store_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  XarxaSyncController *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->login_notice, g_free);
  if (!secret_password_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The server let this device in; only keeping its key failed.  The
       * key still serves until Xarxa quits, and the person is told. */
      self->login_notice = g_strdup_printf (_("Logged in for this session only: the desktop keyring cannot be "
                                              "reached (%s), so Xarxa will ask you to log in again after it "
                                              "restarts. To stay logged in, check that a keyring such as GNOME "
                                              "Keyring is installed, running and unlocked, then log out and in again."),
                                            error->message);
    }
  if (self->shut_down)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Shut down");
      return;
    }
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "sync-server-url", data->url);
      g_settings_set_string (self->settings, "sync-user", data->user);
    }
  xarxa_sync_controller_take_error (self, NULL);
  use_token (self, data->url, data->user, data->token);
  g_task_return_boolean (task, TRUE);
  /* Logging in is asking to sync. */
  xarxa_sync_controller_sync (self);
  xarxa_sync_controller_emit_changed (self);
}

static void
login_thread_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  XarxaSyncController *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Translators: the name of the device key in the desktop keyring (Passwords and Keys). */
  label = g_strdup_printf (_("Xarxa sync for %s on %s"), data->user, data->url);
  secret_password_store (token_schema (), self->keyring_collection, label, data->token,
                         g_task_get_cancellable (task), store_done_cb, g_object_ref (task),
                         "server", data->url,
                         "user", data->user,
                         NULL);
}

void
xarxa_sync_controller_login_async (XarxaSyncController *self,
                                   const char          *server_url,
                                   const char          *user,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  g_autofree char *url = NULL;
  LoginData *data;

  g_return_if_fail (XARXA_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (server_url != NULL && user != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, xarxa_sync_controller_login_async);

  url = g_strstrip (g_strdup (server_url));
  if (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
    {
      g_task_return_new_error (task, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_FAILED,
                               _("“%s” is not a server address. Write it with https:// at the start, like https://xarxa.example/."),
                               url);
      return;
    }
  if (user[0] == '\0' || password[0] == '\0')
    {
      g_task_return_new_error (task, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_WRONG_CREDENTIALS,
                               _("Type your user name and your password on the server, then log in."));
      return;
    }

  data = g_new0 (LoginData, 1);
  data->db_path = g_strdup (xarxa_store_get_path (self->store));
  data->url = g_steal_pointer (&url);
  data->user = g_strstrip (g_strdup (user));
  data->password = g_strdup (password);
  data->max_retries = self->max_retries;
  data->base_ms = self->base_ms;
  data->max_ms = self->max_ms;
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);

  thread_task = g_task_new (self, cancellable, login_thread_done_cb, g_object_ref (task));
  g_task_set_source_tag (thread_task, login_thread);
  g_task_set_task_data (thread_task, data, NULL);
  g_task_run_in_thread (thread_task, login_thread);
}

gboolean
xarxa_sync_controller_login_finish (XarxaSyncController  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Log out */

typedef struct
{
  char *url;
  char *token;
} RevokeData;

static void
revoke_data_free (RevokeData *data)
{
  g_free (data->url);
  g_free (data->token);
  g_free (data);
}

static void
revoke_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RevokeData *data = task_data;
  g_autoptr(XarxaSyncClient) client = xarxa_sync_client_new (data->url);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  xarxa_sync_client_set_retries (client, 0, 1, 1);
  xarxa_sync_client_set_token (client, data->token);
  answer = xarxa_sync_client_call (client, "DELETE", "/api/v1/session", NULL, NULL, cancellable, &error);
  if (answer == NULL)
    g_debug ("The server did not revoke the token: %s", error->message);
  g_task_return_boolean (task, answer != NULL);
}

static void
revoke_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  XARXA_SYNC_CONTROLLER (source)->n_pending--;
}

static void
clear_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(XarxaSyncController) self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_pending--;
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_warning ("Could not remove the sync token from the keyring: %s", error->message);
}

void
xarxa_sync_controller_logout (XarxaSyncController *self)
{
  g_autoptr(GTask) task = NULL;
  RevokeData *data;

  g_return_if_fail (XARXA_IS_SYNC_CONTROLLER (self));

  if (self->engine == NULL)
    return;
  g_clear_pointer (&self->login_notice, g_free);

  /* Stop a sync in flight: it would use a token that is going away. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->sync_again = FALSE;

  data = g_new0 (RevokeData, 1);
  data->url = g_strdup (xarxa_sync_engine_get_server_url (self->engine));
  data->token = g_strdup (xarxa_sync_engine_get_token (self->engine));
  task = g_task_new (self, NULL, revoke_done_cb, NULL);
  g_task_set_source_tag (task, xarxa_sync_controller_logout);
  g_task_set_task_data (task, data, (GDestroyNotify) revoke_data_free);
  self->n_pending++;
  g_task_run_in_thread (task, revoke_thread);

  self->n_pending++;
  secret_password_clear (token_schema (), NULL, clear_done_cb, g_object_ref (self),
                         "server", self->server_url,
                         "user", self->user,
                         NULL);

  g_signal_handlers_disconnect_by_func (self->engine, xarxa_sync_controller_progress_cb, self);
  g_clear_object (&self->engine);
  xarxa_sync_controller_take_error (self, NULL);
  self->last_sync = 0;
  xarxa_sync_controller_emit_changed (self);
}
