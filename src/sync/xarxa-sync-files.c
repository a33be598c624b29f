/* xarxa-sync-files.c — attachments fetched from the server.
 *
 * After a pull, the files that the live documents name and this device
 * lacks are fetched (in a worker thread for the window, see
 * xarxa_sync_engine_fetch_files_async()); one file can be fetched at once
 * when a person opens it.  A download goes to FILES/.partial/HASH and
 * resumes with "Range: bytes=N-" after an interruption; only once its
 * SHA-256 matches is it renamed to its place (FILES/AB/ABCD…), so a file
 * cut short or damaged never takes a hash's name.  Two fetches of the same
 * file in one process wait for each other instead of writing the same
 * partial file.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "xarxa-attachments.h"
#include "xarxa-error.h"
#include "xarxa-sync-engine-private.h"

/* Everything a fetch needs, copied from the engine so that a worker thread
 * never reads the engine (nor its store). */
typedef struct
{
  char              *server_url;
  char              *token;
  char              *files_dir;
  guint              max_retries;
  guint              base_ms;
  guint              max_ms;
  XarxaSyncTestHook  hook;
  XarxaSyncEngine   *hook_engine;   /* passed to the hook, not read */
  gpointer           hook_data;
  GPtrArray         *hashes;        /* (element-type utf8) */
  gboolean           on_demand;     /* one file a person asked for */
  XarxaSyncStats     stats;
} FetchJob;

static void
fetch_job_free (FetchJob *job)
{
  g_free (job->server_url);
  g_free (job->token);
  g_free (job->files_dir);
  g_clear_pointer (&job->hashes, g_ptr_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchJob, fetch_job_free)

static FetchJob *
fetch_job_new (XarxaSyncEngine *self,
               GPtrArray       *hashes)
{
  FetchJob *job = g_new0 (FetchJob, 1);

  job->server_url = g_strdup (self->server_url);
  job->token = g_strdup (self->token);
  job->files_dir = g_strdup (self->files_dir);
  job->max_retries = self->max_retries;
  job->base_ms = self->base_ms;
  job->max_ms = self->max_ms;
  job->hook = self->hook;
  job->hook_engine = self;
  job->hook_data = self->hook_data;
  job->hashes = g_ptr_array_ref (hashes);
  return job;
}

/* The hashes being fetched in this process, and a condition to wait on. */
static GMutex in_flight_lock;
static GCond in_flight_cond;
static GHashTable *in_flight;

static void
claim (const char *path)
{
  g_mutex_lock (&in_flight_lock);
  if (in_flight == NULL)
    in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (g_hash_table_contains (in_flight, path))
    g_cond_wait (&in_flight_cond, &in_flight_lock);
  g_hash_table_add (in_flight, g_strdup (path));
  g_mutex_unlock (&in_flight_lock);
}

static void
release (const char *path)
{
  g_mutex_lock (&in_flight_lock);
  g_hash_table_remove (in_flight, path);
  g_cond_broadcast (&in_flight_cond);
  g_mutex_unlock (&in_flight_lock);
}

static gboolean
download_progress_cb (guint64  held,
                      guint64  total,
                      gpointer user_data)
{
  FetchJob *job = user_data;

  return job->hook == NULL ||
         job->hook (job->hook_engine, XARXA_SYNC_HOOK_DOWNLOAD_BLOCK, (guint) MIN (held, G_MAXUINT), job->hook_data);
}

static gboolean
wait_ms (guint          ms,
         GCancellable  *cancellable,
         GError       **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (MIN (20000, MAX (1, end - g_get_monotonic_time ())));
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
make_dir (const char  *dir,
          GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                   _("Could not make the folder “%s”: %s. Check that the disk is not full and that you may write there."),
                   dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Downloads into the partial file until it is whole, retrying network
 * failures with back-off (each try resumes). */
static gboolean
download (FetchJob         *job,
          XarxaSyncClient  *client,
          const char       *hash,
          const char       *partial,
          GCancellable     *cancellable,
          GError          **error)
{
  g_autofree char *path = g_strconcat ("/api/v1/files/", hash, NULL);

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      guint64 received = 0;
      gboolean ok;

      ok = xarxa_sync_client_download (client, path, partial, &received, download_progress_cb, job,
                                       cancellable, &local_error);
      job->stats.bytes_downloaded += received;
      if (ok)
        return TRUE;
      if (!g_error_matches (local_error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NETWORK) ||
          attempt >= job->max_retries)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("Download of %s stopped (%s), going on in a moment", hash, local_error->message);
      job->stats.retries++;
      if (!wait_ms ((guint) MIN ((guint64) job->base_ms << MIN (attempt, 20u), (guint64) job->max_ms),
                    cancellable, error))
        return FALSE;
    }
}

/* Fetches one file unless it is here already. */
static gboolean
fetch_one (FetchJob         *job,
           XarxaSyncClient  *client,
           const char       *hash,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autofree char *final = xarxa_attachments_path (job->files_dir, hash);
  g_autofree char *partial_dir = g_build_filename (job->files_dir, ".partial", NULL);
  g_autofree char *partial = g_build_filename (partial_dir, hash, NULL);
  g_autofree char *final_dir = NULL;
  gboolean ok = FALSE;

  if (final == NULL)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                   _("“%s” is not the SHA-256 hash of a file. The document's attachment fields are damaged."), hash);
      return FALSE;
    }
  claim (final);
  if (g_file_test (final, G_FILE_TEST_IS_REGULAR))
    {
      release (final);
      return TRUE;
    }
  if (!make_dir (partial_dir, error))
    goto out;

  /* A partial file that turns out damaged is dropped and fetched once more
   * from the start. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (partial);
      g_autofree char *actual = NULL;

      if (!download (job, client, hash, partial, cancellable, error))
        goto out;
      actual = xarxa_file_sha256 (file, cancellable, error);
      if (actual == NULL)
        goto out;
      if (strcmp (actual, hash) == 0)
        {
          final_dir = g_path_get_dirname (final);
          if (!make_dir (final_dir, error))
            goto out;
          if (g_rename (partial, final) != 0)
            {
              int saved = errno;

              g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                           _("Could not put the downloaded file in “%s”: %s. Check that you may write there."),
                           final_dir, g_strerror (saved));
              goto out;
            }
          job->stats.downloaded++;
          ok = TRUE;
          goto out;
        }
      g_debug ("Downloaded %s, but its SHA-256 is %s: starting again", hash, actual);
      g_unlink (partial);
    }
  g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_FILE_DAMAGED,
               _("A downloaded file did not match its SHA-256 hash, twice: it is damaged on the server or on the way. "
                 "Ask whoever added it to add it again."));

out:
  release (final);
  return ok;
}

/* Fetches every file of the job; a file the server does not have yet is
 * counted, not an error. */
static gboolean
fetch_all (FetchJob      *job,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(XarxaSyncClient) client = xarxa_sync_client_new (job->server_url);

  xarxa_sync_client_set_token (client, job->token);
  xarxa_sync_client_set_retries (client, job->max_retries, job->base_ms, job->max_ms);
  for (guint i = 0; i < job->hashes->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (fetch_one (job, client, job->hashes->pdata[i], cancellable, &local_error))
        continue;
      if (g_error_matches (local_error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_FILE_NOT_ON_SERVER) &&
          !job->on_demand)
        {
          job->stats.files_missing++;
          continue;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
xarxa_sync_engine_missing_files (XarxaSyncEngine  *self,
                                 GError          **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *missing;

  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  all = xarxa_sync_state_attachment_hashes (self->store, error);
  if (all == NULL)
    return NULL;
  missing = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < all->len; i++)
    if (!xarxa_attachments_has (self->files_dir, all->pdata[i]))
      g_ptr_array_add (missing, g_strdup (all->pdata[i]));
  return missing;
}

static gboolean
check_token (XarxaSyncEngine  *self,
             GError          **error)
{
  if (self->token != NULL)
    return TRUE;
  g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NOT_LOGGED_IN,
               _("This device has not logged in to a sync server. Log in with your user name and password first."));
  return FALSE;
}

static void
add_stats (XarxaSyncStats       *to,
           const XarxaSyncStats *from)
{
  if (to == NULL)
    return;
  to->downloaded += from->downloaded;
  to->bytes_downloaded += from->bytes_downloaded;
  to->files_missing += from->files_missing;
  to->retries += from->retries;
}

gboolean
xarxa_sync_engine_fetch_files (XarxaSyncEngine  *self,
                               XarxaSyncStats   *stats,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(FetchJob) job = NULL;
  gboolean ok;

  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_token (self, error) || (missing = xarxa_sync_engine_missing_files (self, error)) == NULL)
    return FALSE;
  job = fetch_job_new (self, missing);
  ok = fetch_all (job, cancellable, error);
  add_stats (stats, &job->stats);
  return ok;
}

gboolean
xarxa_sync_engine_fetch_file (XarxaSyncEngine  *self,
                              const char       *hash,
                              XarxaSyncStats   *stats,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(FetchJob) job = NULL;
  gboolean ok;

  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (hash != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_token (self, error))
    return FALSE;
  g_ptr_array_add (one, g_strdup (hash));
  job = fetch_job_new (self, one);
  job->on_demand = TRUE;
  ok = fetch_all (job, cancellable, error);
  add_stats (stats, &job->stats);
  return ok;
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchJob *job = task_data;
  GError *error = NULL;

  if (!fetch_all (job, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
xarxa_sync_engine_fetch_files_async (XarxaSyncEngine     *self,
                                     const char          *hash,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) hashes = NULL;
  GError *error = NULL;
  FetchJob *job;

  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, xarxa_sync_engine_fetch_files_async);
  if (!check_token (self, &error))
    return g_task_return_error (task, error);
  if (hash != NULL)
    {
      hashes = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (hashes, g_strdup (hash));
    }
  else if ((hashes = xarxa_sync_engine_missing_files (self, &error)) == NULL)
    return g_task_return_error (task, error);
  job = fetch_job_new (self, hashes);
  job->on_demand = hash != NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) fetch_job_free);
  if (hashes->len == 0)
    return g_task_return_boolean (task, TRUE);   /* nothing missing: no thread */
  g_task_run_in_thread (task, fetch_thread);
}

gboolean
xarxa_sync_engine_fetch_files_finish (XarxaSyncEngine  *self,
                                      GAsyncResult     *result,
                                      XarxaSyncStats   *stats,
                                      GError          **error)
{
  FetchJob *job;

  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (job != NULL)
    add_stats (stats, &job->stats);
  return g_task_propagate_boolean (G_TASK (result), error);
}
