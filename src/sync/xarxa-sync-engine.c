/* xarxa-sync-engine.c — the sync client: one object, one run at a time.
 *
 * The engine holds the server address, the token and the knobs; each
 * push, pull or sync is one run (XarxaSyncRun): log-in check, limits and
 * epoch from GET /info, then the steps, which live in files of their own:
 * xarxa-sync-push.c, xarxa-sync-pull.c, and xarxa-sync-resolve.c for a
 * person's choice.  What sync keeps between runs is in the database
 * (xarxa-sync-state.h), so an engine can be dropped at any moment.
 *
 * Conflict kinds follow the server's naming, "mine-theirs": "field" (the same
 * field changed on both sides), "delete-edit" (deleted here, edited there),
 * "edit-delete" (edited here, deleted there), and "rejected" (the server
 * refused a change; a note for a person, with the reason).  Record-level
 * conflicts use the field name "*".
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-library.h"
#include "xarxa-sync-engine-private.h"

#define MAX_CHUNK (4 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (XarxaSyncEngine, xarxa_sync_engine, G_TYPE_OBJECT)

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
xarxa_sync_engine_dispose (GObject *object)
{
  XarxaSyncEngine *self = XARXA_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (xarxa_sync_engine_parent_class)->dispose (object);
}

static void
xarxa_sync_engine_finalize (GObject *object)
{
  XarxaSyncEngine *self = XARXA_SYNC_ENGINE (object);

  g_free (self->server_url);
  g_free (self->token);
  g_free (self->files_dir);
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  G_OBJECT_CLASS (xarxa_sync_engine_parent_class)->finalize (object);
}

static void
xarxa_sync_engine_class_init (XarxaSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xarxa_sync_engine_dispose;
  object_class->finalize = xarxa_sync_engine_finalize;

  /**
   * XarxaSyncEngine::progress:
   * @phase: "push" or "pull"
   * @done: records pushed or pulled so far in this sync
   *
   * Emitted after each batch or page, in the main context of the caller.
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}

static void
xarxa_sync_engine_init (XarxaSyncEngine *self)
{
  self->max_retries = 5;
  self->base_ms = 500;
  self->max_ms = 30000;
  self->pull_group = XARXA_SYNC_PULL_GROUP;
}

XarxaSyncEngine *
xarxa_sync_engine_new (XarxaStore *store,
                       const char *server_url)
{
  XarxaSyncEngine *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  self = g_object_new (XARXA_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->files_dir = xarxa_library_files_dir (store);
  self->server_url = g_strdup (server_url);
  return self;
}

XarxaStore *
xarxa_sync_engine_get_store (XarxaSyncEngine *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), NULL);
  return self->store;
}

const char *
xarxa_sync_engine_get_server_url (XarxaSyncEngine *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), NULL);
  return self->server_url;
}

const char *
xarxa_sync_engine_get_token (XarxaSyncEngine *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), NULL);
  return self->token;
}

void
xarxa_sync_engine_set_token (XarxaSyncEngine *self,
                             const char      *token)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  g_free (self->token);
  self->token = g_strdup (token);
}

void
xarxa_sync_engine_set_files_dir (XarxaSyncEngine *self,
                                 const char      *dir)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  g_return_if_fail (dir != NULL);
  g_free (self->files_dir);
  self->files_dir = g_strdup (dir);
}

void
xarxa_sync_engine_set_retries (XarxaSyncEngine *self,
                               guint            max_retries,
                               guint            base_ms,
                               guint            max_ms)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  self->max_retries = max_retries;
  self->base_ms = base_ms;
  self->max_ms = max_ms;
}

void
xarxa_sync_engine_set_page_size (XarxaSyncEngine *self,
                                 guint            page_size)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  self->page_size = page_size;
}

void
xarxa_sync_engine_set_pull_group (XarxaSyncEngine *self,
                                  guint            n_changes)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  self->pull_group = MAX (n_changes, 1);
}

void
xarxa_sync_engine_set_batch_size (XarxaSyncEngine *self,
                                  guint            batch_size)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  self->batch_size = batch_size;
}

void
xarxa_sync_engine_set_test_hook (XarxaSyncEngine   *self,
                                 XarxaSyncTestHook  hook,
                                 gpointer           user_data)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  self->hook = hook;
  self->hook_data = user_data;
}

typedef struct
{
  XarxaSyncEngine *engine;
  char            *phase;
  guint            done;
} Progress;

static gboolean
emit_progress_cb (gpointer data)
{
  Progress *p = data;

  g_signal_emit (p->engine, signals[SIGNAL_PROGRESS], 0, p->phase, p->done);
  g_object_unref (p->engine);
  g_free (p->phase);
  g_free (p);
  return G_SOURCE_REMOVE;
}

void
xarxa_sync_run_progress (XarxaSyncRun *run,
                         const char   *phase,
                         guint         done)
{
  XarxaSyncEngine *engine = run->engine;

  if (engine->progress_target != NULL)
    {
      Progress *p = g_new0 (Progress, 1);

      p->engine = g_object_ref (engine->progress_target);
      p->phase = g_strdup (phase);
      p->done = done;
      g_main_context_invoke (engine->progress_context, emit_progress_cb, p);
    }
  else
    g_signal_emit (engine, signals[SIGNAL_PROGRESS], 0, phase, done);
}

gboolean
xarxa_sync_run_hook (XarxaSyncRun        *run,
                     XarxaSyncHookPoint   point,
                     guint                count,
                     GError             **error)
{
  XarxaSyncEngine *engine = run->engine;

  if (engine->hook != NULL && !engine->hook (engine, point, count, engine->hook_data))
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_INTERRUPTED,
                   "Stopped by a test hook");
      return FALSE;
    }
  return TRUE;
}

static void
run_init (XarxaSyncRun    *run,
          XarxaSyncEngine *self,
          XarxaSyncStats  *stats,
          GCancellable    *cancellable)
{
  memset (run, 0, sizeof *run);
  run->engine = self;
  run->store = self->store;
  run->client = xarxa_sync_client_new (self->server_url);
  xarxa_sync_client_set_token (run->client, self->token);
  xarxa_sync_client_set_retries (run->client, self->max_retries, self->base_ms, self->max_ms);
  run->stats = stats;
  run->cancellable = cancellable;
  run->max_batch = 1000;
  run->max_page = 500;
  run->max_chunk = MAX_CHUNK;
}

static void
run_clear (XarxaSyncRun *run)
{
  run->stats->retries += xarxa_sync_client_get_retries (run->client);
  run->stats->rate_limited += xarxa_sync_client_get_rate_limited (run->client);
  g_clear_pointer (&run->client, xarxa_sync_client_free);
  g_clear_pointer (&run->epoch, g_free);
}

/* GET /info: limits and epoch; a new epoch starts a full reconcile. */
static gboolean
fetch_info (XarxaSyncRun  *run,
            GError       **error)
{
  g_autoptr(JsonObject) info = NULL;
  g_autofree char *stored_epoch = NULL;
  JsonObject *limits;
  const char *epoch;

  info = xarxa_sync_client_call (run->client, "GET", "/api/v1/info", NULL, NULL, run->cancellable, error);
  if (info == NULL)
    return FALSE;
  if (json_object_get_int_member_with_default (info, "protocol_version", 0) != 1)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                   _("The server at %s speaks another version of the sync protocol. Update Xarxa or the server."),
                   run->engine->server_url);
      return FALSE;
    }
  limits = json_object_get_object_member (info, "limits");
  if (limits != NULL)
    {
      run->max_batch = (guint) CLAMP (json_object_get_int_member_with_default (limits, "max_batch", 100), 1, 100000);
      run->max_page = (guint) CLAMP (json_object_get_int_member_with_default (limits, "max_page", 500), 1, 100000);
      run->max_chunk = (gsize) CLAMP (json_object_get_int_member_with_default (limits, "max_chunk", MAX_CHUNK), 1024, MAX_CHUNK);
      run->max_file = (guint64) MAX (json_object_get_int_member_with_default (limits, "max_file", 0), 0);
    }
  epoch = json_object_get_string_member_with_default (info, "epoch", "");
  run->epoch = g_strdup (epoch);
  stored_epoch = xarxa_sync_state_get (run->store, "epoch");
  run->server_version = json_object_get_int_member_with_default (info, "version", 0);
  if (stored_epoch != NULL && strcmp (stored_epoch, epoch) != 0)
    return xarxa_sync_run_begin_reconcile (run, "restored", error);
  return TRUE;
}

static gboolean
check_login (XarxaSyncEngine  *self,
             GError          **error)
{
  if (self->token == NULL)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NOT_LOGGED_IN,
                   _("This device has not logged in to a sync server. Log in with your user name and password first."));
      return FALSE;
    }
  return TRUE;
}

gboolean
xarxa_sync_engine_login (XarxaSyncEngine  *self,
                         const char       *user,
                         const char       *password,
                         const char       *device_name,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(XarxaSyncClient) client = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *device_id = NULL;
  const char *token, *new_device;

  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (user != NULL && password != NULL, FALSE);

  device_id = xarxa_sync_state_get (self->store, "device_id");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, device_name != NULL ? device_name : g_get_host_name ());
  if (device_id != NULL)
    {
      json_builder_set_member_name (builder, "device_id");
      json_builder_add_string_value (builder, device_id);
    }
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);

  client = xarxa_sync_client_new (self->server_url);
  xarxa_sync_client_set_retries (client, self->max_retries, self->base_ms, self->max_ms);
  answer = xarxa_sync_client_call (client, "POST", "/api/v1/session", request, NULL, cancellable, error);
  if (answer == NULL)
    return FALSE;
  token = json_object_get_string_member_with_default (answer, "token", NULL);
  new_device = json_object_get_string_member_with_default (answer, "device_id", NULL);
  if (token == NULL || new_device == NULL)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                   _("The server's answer to the log-in cannot be read. Check the server address."));
      return FALSE;
    }

  if (!xarxa_store_begin (self->store, error))
    return FALSE;
  if (g_strcmp0 (device_id, new_device) != 0)
    {
      /* A new device starts its numbers where the server says; a batch
       * numbered for another device cannot be sent. */
      if (!xarxa_sync_state_set (self->store, "device_id", new_device, error) ||
          !xarxa_sync_state_set_last_seq (self->store,
                                          json_object_get_int_member_with_default (answer, "last_seq", 0),
                                          error) ||
          !xarxa_sync_state_set_pending_batch (self->store, NULL, NULL, error))
        goto fail;
    }
  if (!xarxa_sync_state_set (self->store, "role",
                             json_object_get_string_member_with_default (answer, "role", NULL), error))
    goto fail;
  if (!xarxa_store_commit (self->store, error))
    return FALSE;
  xarxa_sync_engine_set_token (self, token);
  return TRUE;

fail:
  xarxa_store_rollback (self->store);
  return FALSE;
}

static gboolean
sync_steps (XarxaSyncRun  *run,
            GError       **error)
{
  g_autofree char *mode = xarxa_sync_state_get (run->engine->store, "reconcile");

  /* After a restore, learn what the server still has before pushing, so
   * that records it lost go back whole. */
  if (mode != NULL && !xarxa_sync_run_pull (run, error))
    return FALSE;
  return xarxa_sync_run_push (run, error) && xarxa_sync_run_pull (run, error);
}

/* One run against the server: log-in check, limits and epoch from info,
 * then the steps, then the conflicts left. */
static gboolean
run_steps (XarxaSyncEngine  *self,
           XarxaSyncStats   *stats,
           GCancellable     *cancellable,
           gboolean        (*steps) (XarxaSyncRun *run, GError **error),
           GError          **error)
{
  XarxaSyncStats local_stats = { 0 };
  XarxaSyncRun run;
  gboolean ok;

  if (!check_login (self, error))
    return FALSE;
  xarxa_store_set_bulk_cache (self->store);
  run_init (&run, self, stats != NULL ? stats : &local_stats, cancellable);
  ok = fetch_info (&run, error) && steps (&run, error);
  run_clear (&run);
  if (stats != NULL)
    stats->conflicts = (guint) xarxa_sync_state_count_conflicts (self->store);
  return ok;
}

gboolean
xarxa_sync_engine_push (XarxaSyncEngine  *self,
                        XarxaSyncStats   *stats,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  return run_steps (self, stats, cancellable, xarxa_sync_run_push, error);
}

gboolean
xarxa_sync_engine_pull (XarxaSyncEngine  *self,
                        XarxaSyncStats   *stats,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  return run_steps (self, stats, cancellable, xarxa_sync_run_pull, error);
}

gboolean
xarxa_sync_engine_sync (XarxaSyncEngine  *self,
                        XarxaSyncStats   *stats,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  if (!run_steps (self, stats, cancellable, sync_steps, error))
    return FALSE;
  /* When this device last had everything: "ready to travel" says it
   * (xarxa-mission-ready.c). */
  now = xarxa_now_iso8601 ();
  return xarxa_sync_state_set (self->store, "last_sync_at", now, error);
}

/* ---- async ------------------------------------------------------------------ */

/* What the worker thread needs, copied on the main thread so that the
 * thread never reads the caller's engine while it may change. */
typedef struct
{
  char           *path;
  char           *server_url;
  char           *token;
  char           *files_dir;
  guint           max_retries;
  guint           base_ms;
  guint           max_ms;
  guint           page_size;
  guint           batch_size;
  guint           pull_group;
  XarxaSyncTestHook hook;
  gpointer        hook_data;
  XarxaSyncStats  stats;
} AsyncData;

static void
async_data_free (AsyncData *data)
{
  g_free (data->path);
  g_free (data->server_url);
  g_free (data->token);
  g_free (data->files_dir);
  g_free (data);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  XarxaSyncEngine *self = source_object;
  AsyncData *data = task_data;
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(XarxaSyncEngine) worker = NULL;
  GError *error = NULL;

  store = xarxa_store_open_existing (data->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  worker = xarxa_sync_engine_new (store, data->server_url);
  xarxa_sync_engine_set_token (worker, data->token);
  xarxa_sync_engine_set_files_dir (worker, data->files_dir);
  xarxa_sync_engine_set_retries (worker, data->max_retries, data->base_ms, data->max_ms);
  worker->page_size = data->page_size;
  worker->batch_size = data->batch_size;
  worker->pull_group = data->pull_group;
  worker->hook = data->hook;
  worker->hook_data = data->hook_data;
  worker->progress_target = self;
  worker->progress_context = g_main_context_ref (g_task_get_context (task));
  if (!xarxa_sync_engine_sync (worker, &data->stats, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
xarxa_sync_engine_sync_async (XarxaSyncEngine     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, xarxa_sync_engine_sync_async);
  data = g_new0 (AsyncData, 1);
  data->path = g_strdup (xarxa_store_get_path (self->store));
  data->server_url = g_strdup (self->server_url);
  data->token = g_strdup (self->token);
  data->files_dir = g_strdup (self->files_dir);
  data->max_retries = self->max_retries;
  data->base_ms = self->base_ms;
  data->max_ms = self->max_ms;
  data->page_size = self->page_size;
  data->batch_size = self->batch_size;
  data->pull_group = self->pull_group;
  data->hook = self->hook;
  data->hook_data = self->hook_data;
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, sync_thread);
}

gboolean
xarxa_sync_engine_sync_finish (XarxaSyncEngine  *self,
                               GAsyncResult     *result,
                               XarxaSyncStats   *stats,
                               GError          **error)
{
  AsyncData *data;

  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    *stats = data->stats;
  /* The worker wrote through its own connection: views reload. */
  xarxa_store_emit_changed (self->store, NULL, NULL);
  return g_task_propagate_boolean (G_TASK (result), error);
}

