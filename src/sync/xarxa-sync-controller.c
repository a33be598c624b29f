/* xarxa-sync-controller.c — when and how the window syncs, and what to show.
 *
 * The controller owns the XarxaSyncEngine of the window's store, the device
 * token (kept in the desktop keyring through libsecret, never in GSettings
 * or the database) and the state the sync indicator shows.  It syncs on
 * demand, at start-up, when the network comes back and a while after local
 * changes; everything slow runs off the main thread, so the window never
 * waits for the network.
 *
 * No GTK here: what a view shows is in properties (state, title,
 * description, progress, counts) that it binds to, each notified only when
 * it really changed; "changed" says that anything did (the account too).
 *
 * Split by job around one state (xarxa-sync-controller-private.h): here
 * the object, the timing of syncs and the texts of each state; the account
 * in xarxa-sync-controller-account.c; the attachments fetched after a sync
 * in xarxa-sync-controller-files.c.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync-controller"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "xarxa-sync-client.h"
#include "xarxa-sync-controller-private.h"
#include "xarxa-sync-engine.h"

#define DEFAULT_DEBOUNCE_S 30


G_DEFINE_FINAL_TYPE (XarxaSyncController, xarxa_sync_controller, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (XarxaSyncState, xarxa_sync_state,
  G_DEFINE_ENUM_VALUE (XARXA_SYNC_STATE_NOT_SET_UP, "not-set-up"),
  G_DEFINE_ENUM_VALUE (XARXA_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (XARXA_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (XARXA_SYNC_STATE_UP_TO_DATE, "up-to-date"),
  G_DEFINE_ENUM_VALUE (XARXA_SYNC_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (XARXA_SYNC_STATE_CONFLICTS, "conflicts"),
  G_DEFINE_ENUM_VALUE (XARXA_SYNC_STATE_ERROR, "error"))

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_STATE,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_PROGRESS,
  PROP_N_WAITING,
  PROP_N_CONFLICTS,
  PROP_SYNCING,
  PROP_LOGGED_IN,
  PROP_FETCHING_FILES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Of a sync in flight, the part done, when the whole is known; else -1. */
static double
progress_fraction (XarxaSyncController *self)
{
  if (!self->syncing || self->expected_total <= 0 || g_strcmp0 (self->progress_phase, "pull") != 0)
    return -1.0;
  return CLAMP ((double) self->progress_done / (double) self->expected_total, 0.0, 1.0);
}

static void
set_shown_string (XarxaSyncController *self,
                  char               **shown,
                  char                *now,
                  GParamSpec          *pspec)
{
  if (g_strcmp0 (*shown, now) == 0)
    {
      g_free (now);
      return;
    }
  g_free (*shown);
  *shown = now;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

#define SET_SHOWN(field, value, prop) \
  G_STMT_START { \
    __typeof__ (self->field) now_ = (value); \
    if (self->field != now_) \
      { \
        self->field = now_; \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
      } \
  } G_STMT_END

/* Notifies each property whose value moved, then "changed". */
void
xarxa_sync_controller_emit_changed (XarxaSyncController *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  SET_SHOWN (shown_state, xarxa_sync_controller_get_state (self), PROP_STATE);
  SET_SHOWN (shown_progress, progress_fraction (self), PROP_PROGRESS);
  SET_SHOWN (shown_n_waiting, self->n_waiting, PROP_N_WAITING);
  SET_SHOWN (shown_n_conflicts, self->n_conflicts, PROP_N_CONFLICTS);
  SET_SHOWN (shown_syncing, xarxa_sync_controller_is_syncing (self), PROP_SYNCING);
  SET_SHOWN (shown_logged_in, self->engine != NULL, PROP_LOGGED_IN);
  SET_SHOWN (shown_fetching_files, self->fetching_files, PROP_FETCHING_FILES);
  set_shown_string (self, &self->shown_title, xarxa_sync_controller_dup_title (self),
                    properties[PROP_TITLE]);
  set_shown_string (self, &self->shown_description, xarxa_sync_controller_dup_description (self),
                    properties[PROP_DESCRIPTION]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

gboolean
xarxa_sync_controller_get_automatic (XarxaSyncController *self)
{
  if (self->settings != NULL)
    return g_settings_get_boolean (self->settings, "sync-automatic");
  return self->automatic;
}

static void
refresh_counts (XarxaSyncController *self)
{
  self->n_waiting = xarxa_store_count_outbox (self->store);
  self->n_conflicts = xarxa_sync_state_count_conflicts (self->store);
}

void
xarxa_sync_controller_take_error (XarxaSyncController *self,
                                  GError              *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

static gboolean
is_network_error (const GError *error)
{
  return g_error_matches (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NETWORK);
}

/* Sync */

static gboolean
debounce_cb (gpointer user_data)
{
  XarxaSyncController *self = user_data;

  self->debounce_id = 0;
  xarxa_sync_controller_sync (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_sync (XarxaSyncController *self)
{
  if (self->engine == NULL || self->shut_down || !xarxa_sync_controller_get_automatic (self))
    return;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add_seconds (self->debounce_s, debounce_cb, self);
}

void
xarxa_sync_controller_progress_cb (XarxaSyncEngine     *engine,
                                   const char          *phase,
                                   guint                done,
                                   XarxaSyncController *self)
{
  if (!self->syncing)
    return;
  g_free (self->progress_phase);
  self->progress_phase = g_strdup (phase);
  self->progress_done = done;
  xarxa_sync_controller_emit_changed (self);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(XarxaSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  XarxaSyncStats stats = { 0 };
  gboolean ok;

  self->n_pending--;
  /* Unset first: sync_finish tells the views to reload, and a change seen
   * then is not one to sync again. */
  self->syncing = FALSE;
  ok = xarxa_sync_engine_sync_finish (XARXA_SYNC_ENGINE (source), result, &stats, &error);
  g_clear_pointer (&self->progress_phase, g_free);
  self->progress_done = 0;
  self->expected_total = 0;
  if (self->shut_down)
    return;

  if (ok)
    {
      g_debug ("Synced: pulled %u, pushed %u, %u conflicts", stats.pulled, stats.pushed, stats.conflicts);
      xarxa_sync_controller_take_error (self, NULL);
      self->last_sync = g_get_real_time ();
      self->offline = FALSE;
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Sync failed: %s", error->message);
      xarxa_sync_controller_take_error (self, g_steal_pointer (&error));
    }
  refresh_counts (self);

  if (self->sync_again && self->engine != NULL)
    {
      self->sync_again = FALSE;
      xarxa_sync_controller_sync (self);
      return;
    }
  if (ok && self->n_waiting > 0)
    schedule_sync (self);
  if (ok)
    xarxa_sync_controller_fetch_missing_files (self);
  xarxa_sync_controller_emit_changed (self);
}

typedef struct
{
  char  *url;
  gint64 version;
} InfoData;

static void
info_data_free (InfoData *data)
{
  g_free (data->url);
  g_free (data);
}

static void
info_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  InfoData *data = task_data;
  g_autoptr(XarxaSyncClient) client = xarxa_sync_client_new (data->url);
  g_autoptr(JsonObject) info = NULL;

  xarxa_sync_client_set_retries (client, 0, 1, 1);
  info = xarxa_sync_client_call (client, "GET", "/api/v1/info", NULL, NULL, cancellable, NULL);
  if (info != NULL)
    data->version = json_object_get_int_member_with_default (info, "version", 0);
  g_task_return_boolean (task, info != NULL);
}

static void
info_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  XarxaSyncController *self = XARXA_SYNC_CONTROLLER (source);
  InfoData *data = g_task_get_task_data (G_TASK (result));

  self->n_pending--;
  if (g_task_propagate_boolean (G_TASK (result), NULL) && self->syncing && !self->shut_down)
    {
      self->expected_total = data->version;
      xarxa_sync_controller_emit_changed (self);
    }
}

/* On a first sync, ask the server how many changes it holds, for a
 * "Received 12,000 of ~100,000 changes" while pulling. */
static void
estimate_total (XarxaSyncController *self)
{
  g_autofree char *cursor = xarxa_sync_state_get (self->store, "cursor");
  g_autoptr(GTask) task = NULL;
  InfoData *data;

  if (cursor != NULL && g_ascii_strtoll (cursor, NULL, 10) > 0)
    return;
  data = g_new0 (InfoData, 1);
  data->url = g_strdup (xarxa_sync_engine_get_server_url (self->engine));
  task = g_task_new (self, self->cancellable, info_done_cb, NULL);
  g_task_set_source_tag (task, estimate_total);
  g_task_set_task_data (task, data, (GDestroyNotify) info_data_free);
  self->n_pending++;
  g_task_run_in_thread (task, info_thread);
}

void
xarxa_sync_controller_sync (XarxaSyncController *self)
{
  g_return_if_fail (XARXA_IS_SYNC_CONTROLLER (self));

  if (self->shut_down)
    return;
  if (self->engine == NULL)
    {
      xarxa_sync_controller_emit_changed (self);
      return;
    }
  if (self->syncing)
    {
      self->sync_again = TRUE;
      return;
    }
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->syncing = TRUE;
  self->n_pending++;
  estimate_total (self);
  xarxa_sync_engine_sync_async (self->engine, self->cancellable, sync_done_cb, g_object_ref (self));
  xarxa_sync_controller_emit_changed (self);
}

/* Reactions */

/* Acts once per change notice: a sync or an import that touched every
 * type says "changed::TYPE" for each, with one serial. */
static void
store_changed_cb (XarxaStore          *store,
                  const char          *type_name,
                  const char          *id,
                  XarxaSyncController *self)
{
  guint64 serial = xarxa_store_get_change_serial (store);

  if (serial == self->change_serial)
    return;
  self->change_serial = serial;
  refresh_counts (self);
  if (!self->syncing && self->n_waiting > 0)
    schedule_sync (self);
  xarxa_sync_controller_emit_changed (self);
}

static void
network_changed_cb (GNetworkMonitor     *monitor,
                    gboolean             available,
                    XarxaSyncController *self)
{
  if (!available)
    {
      if (!self->offline)
        {
          self->offline = TRUE;
          xarxa_sync_controller_emit_changed (self);
        }
      return;
    }
  if (self->offline)
    {
      self->offline = FALSE;
      if (self->engine != NULL && xarxa_sync_controller_get_automatic (self))
        xarxa_sync_controller_sync (self);
      xarxa_sync_controller_emit_changed (self);
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  XarxaSyncController *self = user_data;

  /* "Synced 2 minutes ago" moves on. */
  if (self->last_sync != 0)
    xarxa_sync_controller_emit_changed (self);
  return G_SOURCE_CONTINUE;
}

static void
automatic_changed_cb (XarxaSyncController *self)
{
  if (xarxa_sync_controller_get_automatic (self) && self->n_waiting > 0 && !self->syncing)
    schedule_sync (self);
  else if (!xarxa_sync_controller_get_automatic (self))
    g_clear_handle_id (&self->debounce_id, g_source_remove);
  xarxa_sync_controller_emit_changed (self);
}

void
xarxa_sync_controller_shutdown (XarxaSyncController *self)
{
  g_return_if_fail (XARXA_IS_SYNC_CONTROLLER (self));

  if (self->shut_down)
    return;
  self->shut_down = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, network_changed_cb, self);
  g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, automatic_changed_cb, self);
}

/* Object */

static void
xarxa_sync_controller_dispose (GObject *object)
{
  XarxaSyncController *self = XARXA_SYNC_CONTROLLER (object);

  xarxa_sync_controller_shutdown (self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_func (self->engine, xarxa_sync_controller_progress_cb, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (xarxa_sync_controller_parent_class)->dispose (object);
}

static void
xarxa_sync_controller_finalize (GObject *object)
{
  XarxaSyncController *self = XARXA_SYNC_CONTROLLER (object);

  g_free (self->server_url);
  g_free (self->user);
  g_free (self->keyring_collection);
  g_free (self->login_notice);
  g_free (self->progress_phase);
  g_free (self->shown_title);
  g_free (self->shown_description);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (xarxa_sync_controller_parent_class)->finalize (object);
}

static void
xarxa_sync_controller_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  XarxaSyncController *self = XARXA_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->shown_state);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->shown_title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->shown_description);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->shown_progress);
      break;
    case PROP_N_WAITING:
      g_value_set_int64 (value, self->shown_n_waiting);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_int64 (value, self->shown_n_conflicts);
      break;
    case PROP_SYNCING:
      g_value_set_boolean (value, self->shown_syncing);
      break;
    case PROP_LOGGED_IN:
      g_value_set_boolean (value, self->shown_logged_in);
      break;
    case PROP_FETCHING_FILES:
      g_value_set_boolean (value, self->shown_fetching_files);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_sync_controller_class_init (XarxaSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xarxa_sync_controller_dispose;
  object_class->finalize = xarxa_sync_controller_finalize;
  object_class->get_property = xarxa_sync_controller_get_property;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  /* What the indicator shows: the state, its short title and the longer
   * description (what happened, what to do), both translated. */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, XARXA_TYPE_SYNC_STATE, XARXA_SYNC_STATE_NOT_SET_UP, RO);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, RO);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, RO);
  /* The part of a first pull done, 0 to 1; -1 when not known. */
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, -1.0, 1.0, -1.0, RO);
  properties[PROP_N_WAITING] = g_param_spec_int64 ("n-waiting", NULL, NULL, 0, G_MAXINT64, 0, RO);
  properties[PROP_N_CONFLICTS] = g_param_spec_int64 ("n-conflicts", NULL, NULL, 0, G_MAXINT64, 0, RO);
  properties[PROP_SYNCING] = g_param_spec_boolean ("syncing", NULL, NULL, FALSE, RO);
  properties[PROP_LOGGED_IN] = g_param_spec_boolean ("logged-in", NULL, NULL, FALSE, RO);
  /* Attachments are being fetched after a sync (the records are done). */
  properties[PROP_FETCHING_FILES] = g_param_spec_boolean ("fetching-files", NULL, NULL, FALSE, RO);
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * XarxaSyncController::changed:
   *
   * Something the indicator shows changed: state, counts, progress, time.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
xarxa_sync_controller_init (XarxaSyncController *self)
{
  self->cancellable = g_cancellable_new ();
  self->automatic = TRUE;
  self->keyring_collection = g_strdup (SECRET_COLLECTION_DEFAULT);
  self->debounce_s = DEFAULT_DEBOUNCE_S;
  self->max_retries = 3;
  self->base_ms = 1000;
  self->max_ms = 8000;
}

XarxaSyncController *
xarxa_sync_controller_new (XarxaStore *store,
                           GSettings  *settings)
{
  XarxaSyncController *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (XARXA_TYPE_SYNC_CONTROLLER, NULL);
  self->store = g_object_ref (store);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      self->server_url = g_settings_get_string (settings, "sync-server-url");
      self->user = g_settings_get_string (settings, "sync-user");
      g_signal_connect_swapped (settings, "changed::sync-automatic",
                                G_CALLBACK (automatic_changed_cb), self);
    }
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->offline = !g_network_monitor_get_network_available (self->monitor);
  g_signal_connect (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
  g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  self->tick_id = g_timeout_add_seconds (30, tick_cb, self);
  refresh_counts (self);
  self->change_serial = xarxa_store_get_change_serial (store);
  /* The properties hold their first values without a notification. */
  self->shown_state = xarxa_sync_controller_get_state (self);
  self->shown_title = xarxa_sync_controller_dup_title (self);
  self->shown_description = xarxa_sync_controller_dup_description (self);
  self->shown_progress = -1.0;
  self->shown_n_waiting = self->n_waiting;
  self->shown_n_conflicts = self->n_conflicts;
  self->shown_syncing = FALSE;
  self->shown_logged_in = FALSE;
  return self;
}

/* Getters */

XarxaStore *
xarxa_sync_controller_get_store (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), NULL);
  return self->store;
}

GSettings *
xarxa_sync_controller_get_settings (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), NULL);
  return self->settings;
}

XarxaSyncState
xarxa_sync_controller_get_state (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), XARXA_SYNC_STATE_NOT_SET_UP);

  if (self->syncing)
    return XARXA_SYNC_STATE_SYNCING;
  if (self->error != NULL)
    return is_network_error (self->error) && self->offline ? XARXA_SYNC_STATE_OFFLINE : XARXA_SYNC_STATE_ERROR;
  if (self->engine == NULL)
    return XARXA_SYNC_STATE_NOT_SET_UP;
  if (self->n_conflicts > 0)
    return XARXA_SYNC_STATE_CONFLICTS;
  if (self->offline)
    return XARXA_SYNC_STATE_OFFLINE;
  if (self->n_waiting > 0)
    return XARXA_SYNC_STATE_WAITING;
  return XARXA_SYNC_STATE_UP_TO_DATE;
}

gboolean
xarxa_sync_controller_is_syncing (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), FALSE);
  return self->syncing || self->n_pending > 0;
}

gboolean
xarxa_sync_controller_is_logged_in (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), FALSE);
  return self->engine != NULL;
}

/* Set when the last log-in holds only until Xarxa quits, saying why. */
const char *
xarxa_sync_controller_get_login_notice (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), NULL);
  return self->engine != NULL ? self->login_notice : NULL;
}

/* The keyring collection that keeps the device's key: the default one,
 * unless a test asks for another (one that does not exist fails as an
 * unreachable keyring does). */
void
xarxa_sync_controller_set_keyring_collection (XarxaSyncController *self,
                                              const char          *collection)
{
  g_return_if_fail (XARXA_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (collection != NULL);
  g_free (self->keyring_collection);
  self->keyring_collection = g_strdup (collection);
}

gboolean
xarxa_sync_controller_is_starting (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), FALSE);
  return self->starting;
}

const char *
xarxa_sync_controller_get_server_url (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), NULL);
  return self->server_url;
}

const char *
xarxa_sync_controller_get_user (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), NULL);
  return self->user;
}

gint64
xarxa_sync_controller_get_n_waiting (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), 0);
  return self->n_waiting;
}

gint64
xarxa_sync_controller_get_n_conflicts (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), 0);
  return self->n_conflicts;
}

const GError *
xarxa_sync_controller_get_error (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), NULL);
  return self->error;
}

static gboolean
needs_login (const GError *error)
{
  return g_error_matches (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_AUTH) ||
         g_error_matches (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_REVOKED) ||
         g_error_matches (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NOT_LOGGED_IN) ||
         g_error_matches (error, XARXA_ERROR, XARXA_ERROR_IO);
}

char *
xarxa_sync_controller_dup_title (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), NULL);

  switch (xarxa_sync_controller_get_state (self))
    {
    case XARXA_SYNC_STATE_NOT_SET_UP:
      return g_strdup (_("Sync Not Set Up"));
    case XARXA_SYNC_STATE_OFFLINE:
      return g_strdup (_("Offline"));
    case XARXA_SYNC_STATE_SYNCING:
      return g_strdup (_("Syncing…"));
    case XARXA_SYNC_STATE_UP_TO_DATE:
      return g_strdup (self->last_sync != 0 ? _("Up to Date") : _("Not Synced Yet"));
    case XARXA_SYNC_STATE_WAITING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d Change Waiting", "%d Changes Waiting",
                                           (gulong) self->n_waiting),
                              (int) self->n_waiting);
    case XARXA_SYNC_STATE_CONFLICTS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d Conflict", "%d Conflicts",
                                           (gulong) self->n_conflicts),
                              (int) self->n_conflicts);
    case XARXA_SYNC_STATE_ERROR:
      if (g_error_matches (self->error, XARXA_ERROR, XARXA_ERROR_IO))
        return g_strdup (_("Keyring Unavailable"));
      if (needs_login (self->error))
        return g_strdup (_("Log In Again"));
      if (is_network_error (self->error))
        return g_strdup (_("Server Not Reachable"));
      return g_strdup (_("Sync Failed"));
    default:
      g_assert_not_reached ();
    }
}

static char *
describe_last_sync (XarxaSyncController *self)
{
  gint64 minutes;

  if (self->last_sync == 0)
    return g_strdup (_("Nothing has been synced since Xarxa started. Press Ctrl+R to sync now."));
  minutes = (g_get_real_time () - self->last_sync) / G_USEC_PER_SEC / 60;
  if (minutes < 1)
    return g_strdup (_("Synced just now."));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d minute ago.", "Synced %d minutes ago.",
                                         (gulong) minutes), (int) minutes);
  else
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (self->last_sync / G_USEC_PER_SEC);
      /* Translators: a time of day, see g_date_time_format(). */
      g_autofree char *time = g_date_time_format (when, _("%H:%M"));

      /* Translators: %s is a time of day, like 14:05. */
      return g_strdup_printf (_("Synced at %s."), time);
    }
}

char *
xarxa_sync_controller_dup_description (XarxaSyncController *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_CONTROLLER (self), NULL);

  switch (xarxa_sync_controller_get_state (self))
    {
    case XARXA_SYNC_STATE_NOT_SET_UP:
      if (self->starting)
        return g_strdup (_("Looking for this device’s sign-in in the keyring…"));
      return g_strdup (_("Log in to your network’s Xarxa server in Preferences to share the directory with your colleagues."));
    case XARXA_SYNC_STATE_OFFLINE:
      if (self->n_waiting > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "There is no network connection. Keep working: %d change waits on this computer and is sent when the connection comes back.",
                                             "There is no network connection. Keep working: %d changes wait on this computer and are sent when the connection comes back.",
                                             (gulong) self->n_waiting), (int) self->n_waiting);
      return g_strdup (_("There is no network connection. Keep working: your changes wait on this computer and are sent when the connection comes back."));
    case XARXA_SYNC_STATE_SYNCING:
      if (g_strcmp0 (self->progress_phase, "pull") == 0 && self->expected_total > (gint64) self->progress_done)
        /* Translators: a long first sync; "~" means about. */
        return g_strdup_printf (_("Received %'u of ~%'u changes."),
                                self->progress_done, (guint) self->expected_total);
      if (g_strcmp0 (self->progress_phase, "pull") == 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Received %'u change.", "Received %'u changes.",
                                             self->progress_done), self->progress_done);
      if (g_strcmp0 (self->progress_phase, "push") == 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sent %'u change.", "Sent %'u changes.",
                                             self->progress_done), self->progress_done);
      return g_strdup (_("Sending your changes and receiving your colleagues’. You can keep working meanwhile."));
    case XARXA_SYNC_STATE_UP_TO_DATE:
      if (self->fetching_files)
        {
          g_autofree char *last = describe_last_sync (self);

          return g_strdup_printf ("%s %s", last,
                                  _("Attached files this computer lacks are being fetched in the background."));
        }
      return describe_last_sync (self);
    case XARXA_SYNC_STATE_WAITING:
      if (xarxa_sync_controller_get_automatic (self))
        return g_strdup (_("Your latest changes have not reached the server yet. They are sent by themselves in a moment, or press Ctrl+R to sync now."));
      return g_strdup (_("Your latest changes have not reached the server yet. Press Ctrl+R to sync now."));
    case XARXA_SYNC_STATE_CONFLICTS:
      return g_strdup (_("You and a colleague changed the same details. Xarxa kept both versions: choose which one to keep."));
    case XARXA_SYNC_STATE_ERROR:
      if (needs_login (self->error) && !g_error_matches (self->error, XARXA_ERROR, XARXA_ERROR_IO))
        return g_strdup_printf ("%s %s", self->error->message, _("Log in again in Preferences."));
      return g_strdup (self->error->message);
    default:
      g_assert_not_reached ();
    }
}

/* Tests */

void
xarxa_sync_controller_set_retries (XarxaSyncController *self,
                                   guint                max_retries,
                                   guint                base_ms,
                                   guint                max_ms)
{
  g_return_if_fail (XARXA_IS_SYNC_CONTROLLER (self));

  self->max_retries = max_retries;
  self->base_ms = base_ms;
  self->max_ms = max_ms;
  if (self->engine != NULL)
    xarxa_sync_engine_set_retries (self->engine, max_retries, base_ms, max_ms);
}

void
xarxa_sync_controller_set_debounce (XarxaSyncController *self,
                                    guint                seconds)
{
  g_return_if_fail (XARXA_IS_SYNC_CONTROLLER (self));
  self->debounce_s = MAX (seconds, 1);
}
