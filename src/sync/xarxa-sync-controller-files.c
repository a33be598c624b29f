/* xarxa-sync-controller-files.c — the controller's "files" phase: after
 * each sync, the attachments this device lacks are fetched in the
 * background (the records' result is not held back for them), and one
 * file at once when a person opens it (xarxa_sync_controller_fetch_file()).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync-controller"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-sync-controller-private.h"

static void
files_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(XarxaSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  XarxaSyncStats stats = { 0 };

  self->n_pending--;
  self->fetching_files = FALSE;
  if (!xarxa_sync_engine_fetch_files_finish (XARXA_SYNC_ENGINE (source), result, &stats, &error))
    {
      /* Not the records' error: the next sync tries again, resuming. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Fetching attachments stopped: %s", error->message);
    }
  else
    g_debug ("Fetched %u attachments (%" G_GUINT64_FORMAT " bytes), %u not on the server yet",
             stats.downloaded, stats.bytes_downloaded, stats.files_missing);
  self->n_files_missing = stats.files_missing;
  if (self->shut_down)
    return;
  if (stats.downloaded > 0)
    xarxa_store_emit_changed (self->store, "document", NULL);
  if (self->fetch_again)
    xarxa_sync_controller_fetch_missing_files (self);
  xarxa_sync_controller_emit_changed (self);
}

void
xarxa_sync_controller_fetch_missing_files (XarxaSyncController *self)
{
  if (self->engine == NULL || self->shut_down)
    return;
  if (self->fetching_files)
    {
      self->fetch_again = TRUE;
      return;
    }
  self->fetch_again = FALSE;
  self->fetching_files = TRUE;
  self->n_pending++;
  xarxa_sync_engine_fetch_files_async (self->engine, NULL, self->cancellable, files_done_cb,
                                       g_object_ref (self));
}

gboolean
xarxa_sync_controller_is_fetching_files (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), FALSE);
  return self->fetching_files;
}

guint
xarxa_sync_controller_get_n_files_missing (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), 0);
  return self->n_files_missing;
}

static void
fetch_file_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  XarxaSyncController *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->n_pending--;
  if (!xarxa_sync_engine_fetch_files_finish (XARXA_SYNC_ENGINE (source), result, NULL, &error))
    return g_task_return_error (task, error);
  if (!self->shut_down)
    xarxa_store_emit_changed (self->store, "document", NULL);
  g_task_return_boolean (task, TRUE);
}

void
xarxa_sync_controller_fetch_file (XarxaSyncController *self,
                                  const char          *hash,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (XARXA_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (hash != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, xarxa_sync_controller_fetch_file);
  if (self->engine == NULL)
    return g_task_return_new_error (task, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NOT_LOGGED_IN,
                                    _("This file is not on this device, and the device is not logged in to a sync server to fetch it. Log in under Preferences, Sync."));
  self->n_pending++;
  xarxa_sync_engine_fetch_files_async (self->engine, hash, cancellable, fetch_file_done_cb,
                                       g_steal_pointer (&task));
}

gboolean
xarxa_sync_controller_fetch_file_finish (XarxaSyncController  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
