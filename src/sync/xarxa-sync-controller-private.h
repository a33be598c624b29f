/* xarxa-sync-controller-private.h — what the controller's files share.
 *
 * The controller is split by job: xarxa-sync-controller.c (when to sync,
 * what to show, the object), xarxa-sync-controller-account.c (the token in
 * the keyring, log-in and log-out) and xarxa-sync-controller-files.c (the
 * attachments fetched after a sync and on demand).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsecret/secret.h>

#include "xarxa-sync-client.h"
#include "xarxa-sync-controller.h"
#include "xarxa-sync-engine.h"

G_BEGIN_DECLS

struct _XarxaSyncController
{
  GObject parent_instance;

  XarxaStore      *store;
  GSettings       *settings;
  XarxaSyncEngine *engine;        /* non-NULL while logged in */
  GCancellable    *cancellable;
  GNetworkMonitor *monitor;

  char            *server_url;
  char            *user;
  gboolean         automatic;     /* when there are no settings */
  char            *keyring_collection;
  char            *login_notice;  /* set: logged in, but only for this session */

  GError          *error;
  gboolean         syncing;
  gboolean         sync_again;
  gboolean         starting;
  gboolean         offline;
  gboolean         shut_down;
  guint            n_pending;     /* async calls holding a reference */
  gint64           last_sync;     /* g_get_real_time () of the last success */
  gint64           n_waiting;
  gint64           n_conflicts;

  guint64          change_serial;  /* the store's change notice last acted on */

  char            *progress_phase;
  guint            progress_done;

  gboolean         fetching_files;  /* the "files" phase after a sync */
  gboolean         fetch_again;
  guint            n_files_missing; /* after the last fetch: not on the server yet */
  gint64           expected_total;

  guint            debounce_id;
  guint            debounce_s;
  guint            tick_id;
  guint            max_retries, base_ms, max_ms;

  /* What the properties said when last notified. */
  XarxaSyncState   shown_state;
  char            *shown_title;
  char            *shown_description;
  double           shown_progress;
  gint64           shown_n_waiting;
  gint64           shown_n_conflicts;
  gboolean         shown_syncing;
  gboolean         shown_logged_in;
  gboolean         shown_fetching_files;
};

/* Whether to sync by itself (the GSettings key, or for this run). */
gboolean xarxa_sync_controller_get_automatic    (XarxaSyncController *self);
/* Takes @error (NULL clears) as the one the indicator shows. */
void xarxa_sync_controller_take_error           (XarxaSyncController *self,
                                                 GError              *error);
/* The engine's "progress", connected whenever the engine changes. */
void xarxa_sync_controller_progress_cb          (XarxaSyncEngine     *engine,
                                                 const char          *phase,
                                                 guint                done,
                                                 XarxaSyncController *self);
/* Notifies each property whose value moved, then "changed". */
void xarxa_sync_controller_emit_changed        (XarxaSyncController *self);
/* Starts the files phase, or runs it once more after the one in flight. */
void xarxa_sync_controller_fetch_missing_files (XarxaSyncController *self);

G_END_DECLS
