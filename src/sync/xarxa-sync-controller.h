/* xarxa-sync-controller.h — when and how the window syncs, and what to show.
 *
 * Properties (read-only, notified when they change): "state"
 * (XarxaSyncState), "title", "description", "progress" (0 to 1, or -1),
 * "n-waiting", "n-conflicts", "syncing", "logged-in", "fetching-files".
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

typedef enum
{
  XARXA_SYNC_STATE_NOT_SET_UP,   /* no account, or logged out */
  XARXA_SYNC_STATE_OFFLINE,      /* no network */
  XARXA_SYNC_STATE_SYNCING,
  XARXA_SYNC_STATE_UP_TO_DATE,
  XARXA_SYNC_STATE_WAITING,      /* changes in the outbox */
  XARXA_SYNC_STATE_CONFLICTS,
  XARXA_SYNC_STATE_ERROR,
} XarxaSyncState;

#define XARXA_TYPE_SYNC_STATE (xarxa_sync_state_get_type ())
GType xarxa_sync_state_get_type (void);

#define XARXA_TYPE_SYNC_CONTROLLER (xarxa_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (XarxaSyncController, xarxa_sync_controller, XARXA, SYNC_CONTROLLER, GObject)

/* settings may be NULL (schema not installed): the account is then kept for
 * this run only. */
XarxaSyncController *xarxa_sync_controller_new        (XarxaStore           *store,
                                                       GSettings            *settings);
/* Looks the token up in the keyring and syncs if logged in. */
void            xarxa_sync_controller_start           (XarxaSyncController  *self);
/* Stops any sync in flight (the window is closing). */
void            xarxa_sync_controller_shutdown        (XarxaSyncController  *self);

XarxaStore     *xarxa_sync_controller_get_store       (XarxaSyncController  *self);
GSettings      *xarxa_sync_controller_get_settings    (XarxaSyncController  *self);
XarxaSyncState  xarxa_sync_controller_get_state       (XarxaSyncController  *self);
gboolean        xarxa_sync_controller_is_syncing      (XarxaSyncController  *self);
gboolean        xarxa_sync_controller_is_logged_in    (XarxaSyncController  *self);
/* TRUE until the keyring lookup at start has answered. */
gboolean        xarxa_sync_controller_is_starting     (XarxaSyncController  *self);
const char     *xarxa_sync_controller_get_login_notice (XarxaSyncController *self);
void            xarxa_sync_controller_set_keyring_collection (XarxaSyncController *self,
                                                              const char          *collection);
const char     *xarxa_sync_controller_get_server_url  (XarxaSyncController  *self);
const char     *xarxa_sync_controller_get_user        (XarxaSyncController  *self);
gint64          xarxa_sync_controller_get_n_waiting   (XarxaSyncController  *self);
gint64          xarxa_sync_controller_get_n_conflicts (XarxaSyncController  *self);
/* Short title, longer description (what happened and what to do), both
 * translated, for the indicator. */
char           *xarxa_sync_controller_dup_title       (XarxaSyncController  *self);
char           *xarxa_sync_controller_dup_description (XarxaSyncController  *self);
const GError   *xarxa_sync_controller_get_error       (XarxaSyncController  *self);

/* Syncs now, or once more after the sync in flight. */
void            xarxa_sync_controller_sync            (XarxaSyncController  *self);

void            xarxa_sync_controller_login_async     (XarxaSyncController  *self,
                                                       const char           *server_url,
                                                       const char           *user,
                                                       const char           *password,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean        xarxa_sync_controller_login_finish    (XarxaSyncController  *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* Forgets the token (keyring) and revokes it on the server if reachable. */
void            xarxa_sync_controller_logout          (XarxaSyncController  *self);

/* The attachments: after each sync the files this device lacks are fetched
 * in the background ("fetching-files" is TRUE meanwhile; the records' result
 * is not held back for them).  How many the last fetch found the server
 * does not have yet (their device has not synced, or they were over its
 * limit). */
gboolean        xarxa_sync_controller_is_fetching_files (XarxaSyncController *self);
guint           xarxa_sync_controller_get_n_files_missing (XarxaSyncController *self);
/* Fetches the file of @hash at once (a person opens a document whose file
 * is not on this device yet): resumes a partial download, checks the
 * SHA-256, puts it where xarxa_attachments_path() says.  Errors are
 * XARXA_SYNC_ERROR with a message to show (NOT_LOGGED_IN,
 * FILE_NOT_ON_SERVER, NETWORK …). */
void            xarxa_sync_controller_fetch_file      (XarxaSyncController  *self,
                                                       const char           *hash,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean        xarxa_sync_controller_fetch_file_finish (XarxaSyncController *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* For tests: retries of the engine, and the delay before a sync after a
 * local change. */
void            xarxa_sync_controller_set_retries     (XarxaSyncController  *self,
                                                       guint                 max_retries,
                                                       guint                 base_ms,
                                                       guint                 max_ms);
void            xarxa_sync_controller_set_debounce    (XarxaSyncController  *self,
                                                       guint                 seconds);

G_END_DECLS
