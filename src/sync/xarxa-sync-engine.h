/* xarxa-sync-engine.h — the sync client: push the outbox, pull changes, merge.
 *
 * A XarxaSyncEngine syncs one XarxaStore with one xarxa-server (see
 * src/server/PROTOCOL.md).  Its state (cursor, epoch, device id, push
 * sequence numbers, a batch in flight) lives in the store's sync_state table,
 * so an engine can be dropped at any moment and a new one carries on.  The
 * token is the caller's to keep (the desktop keyring, or sync_state for the
 * command line).
 *
 * The synchronous functions block and may run in a worker thread if the
 * store was opened in that thread; xarxa_sync_engine_sync_async() does that
 * for the UI, with its own connection to the same database file.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xarxa-store.h"
#include "xarxa-sync-client.h"
#include "xarxa-sync-state.h"

G_BEGIN_DECLS

#define XARXA_TYPE_SYNC_ENGINE (xarxa_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (XarxaSyncEngine, xarxa_sync_engine, XARXA, SYNC_ENGINE, GObject)

typedef enum
{
  XARXA_SYNC_CHOICE_MINE,
  XARXA_SYNC_CHOICE_THEIRS,
} XarxaSyncChoice;

typedef struct
{
  guint pulled;      /* remote records applied */
  guint pushed;      /* outbox rows the server acknowledged */
  guint conflicts;   /* conflicts open after the sync */
  guint rejected;    /* outbox rows the server refused in this sync */
  guint uploaded;    /* attachment files sent */
  guint retries;     /* requests tried again (network, 5xx, 429) */
  guint rate_limited;/* of which after a 429 */
  gboolean reconciled; /* a full reconcile ran (410 or a new epoch) */
  guint files_refused; /* attachments over the server's limit (their documents still went) */
  guint64 bytes_uploaded;   /* attachment bytes sent */
  guint downloaded;    /* attachment files fetched and put in place */
  guint64 bytes_downloaded; /* attachment bytes received */
  guint files_missing; /* attachments still missing after fetching (not on the server yet) */
} XarxaSyncStats;

/* Points where a test may stop the engine, as if the process died there. */
typedef enum
{
  XARXA_SYNC_HOOK_BEFORE_PUSH_SEND,  /* the batch is saved, not yet sent */
  XARXA_SYNC_HOOK_AFTER_PUSH_SEND,   /* the server answered, nothing handled yet */
  XARXA_SYNC_HOOK_AFTER_PULL_FETCH,  /* a page arrived, nothing applied yet */
  XARXA_SYNC_HOOK_DOWNLOAD_BLOCK,    /* a block of an attachment is in its partial
                                      * file; count: the bytes it holds */
} XarxaSyncHookPoint;

/* Return FALSE to stop the engine with XARXA_SYNC_ERROR_INTERRUPTED. */
typedef gboolean (*XarxaSyncTestHook) (XarxaSyncEngine    *engine,
                                       XarxaSyncHookPoint  point,
                                       guint               count,
                                       gpointer            user_data);

XarxaSyncEngine *xarxa_sync_engine_new            (XarxaStore        *store,
                                                   const char        *server_url);
XarxaStore      *xarxa_sync_engine_get_store      (XarxaSyncEngine   *self);
const char      *xarxa_sync_engine_get_server_url (XarxaSyncEngine   *self);
const char      *xarxa_sync_engine_get_token      (XarxaSyncEngine   *self);
void             xarxa_sync_engine_set_token      (XarxaSyncEngine   *self,
                                                   const char        *token);
/* Where attachments are found by hash (files/AB/ABCD…, as
 * xarxa-attachments.h keeps them); default the "files" folder beside the
 * store's database, as the library uses. */
void             xarxa_sync_engine_set_files_dir  (XarxaSyncEngine   *self,
                                                   const char        *dir);
void             xarxa_sync_engine_set_retries    (XarxaSyncEngine   *self,
                                                   guint              max_retries,
                                                   guint              base_ms,
                                                   guint              max_ms);
/* 0: the server's largest; for tests that want several batches or pages. */
void             xarxa_sync_engine_set_page_size  (XarxaSyncEngine   *self,
                                                   guint              page_size);
/* Pulled changes are committed in groups of about this many (each with its
 * cursor); 1 commits every page. */
#define XARXA_SYNC_PULL_GROUP 50000
/* ... and never kept open longer than this (µs), nor while a page takes
 * longer than the second to arrive: other connections, the window's among
 * them, wait for it to write. */
#define XARXA_SYNC_PULL_GROUP_US (G_USEC_PER_SEC)
#define XARXA_SYNC_PULL_GROUP_WAIT_US (G_USEC_PER_SEC / 5)
void             xarxa_sync_engine_set_pull_group (XarxaSyncEngine   *self,
                                                   guint              n_changes);
void             xarxa_sync_engine_set_batch_size (XarxaSyncEngine   *self,
                                                   guint              batch_size);
void             xarxa_sync_engine_set_test_hook  (XarxaSyncEngine   *self,
                                                   XarxaSyncTestHook  hook,
                                                   gpointer           user_data);

/* POST /session: sets the token, keeps the device id in sync_state. */
gboolean         xarxa_sync_engine_login          (XarxaSyncEngine   *self,
                                                   const char        *user,
                                                   const char        *password,
                                                   const char        *device_name,
                                                   GCancellable      *cancellable,
                                                   GError           **error);

gboolean         xarxa_sync_engine_push           (XarxaSyncEngine   *self,
                                                   XarxaSyncStats    *stats,
                                                   GCancellable      *cancellable,
                                                   GError           **error);
gboolean         xarxa_sync_engine_pull           (XarxaSyncEngine   *self,
                                                   XarxaSyncStats    *stats,
                                                   GCancellable      *cancellable,
                                                   GError           **error);
/* Push, then pull (a reader only pulls). */
gboolean         xarxa_sync_engine_sync           (XarxaSyncEngine   *self,
                                                   XarxaSyncStats    *stats,
                                                   GCancellable      *cancellable,
                                                   GError           **error);

/* The same in a worker thread with its own connection; ::progress is
 * emitted in the caller's main context. */
void             xarxa_sync_engine_sync_async     (XarxaSyncEngine   *self,
                                                   GCancellable      *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer           user_data);
gboolean         xarxa_sync_engine_sync_finish    (XarxaSyncEngine   *self,
                                                   GAsyncResult      *result,
                                                   XarxaSyncStats    *stats,
                                                   GError           **error);

/* ---- attachments (xarxa-sync-files.c) ---- */

/* The hashes of the live documents' files this device lacks (element-type
 * utf8). */
GPtrArray       *xarxa_sync_engine_missing_files  (XarxaSyncEngine   *self,
                                                   GError           **error);
/* Fetches every missing file (a sync pushes and pulls records only): each
 * resumes where an interrupted download stopped and is checked against its
 * SHA-256 before it is put in place.  Files the server does not have yet
 * are counted in stats->files_missing, not an error. */
gboolean         xarxa_sync_engine_fetch_files    (XarxaSyncEngine   *self,
                                                   XarxaSyncStats    *stats,
                                                   GCancellable      *cancellable,
                                                   GError           **error);
/* One file at once (a person opens it); a file the server does not have is
 * XARXA_SYNC_ERROR_FILE_NOT_ON_SERVER. */
gboolean         xarxa_sync_engine_fetch_file     (XarxaSyncEngine   *self,
                                                   const char        *hash,
                                                   XarxaSyncStats    *stats,
                                                   GCancellable      *cancellable,
                                                   GError           **error);
/* The same in a worker thread: @hash one file, NULL every missing one
 * (listed on the caller's thread).  The worker reads no store. */
void             xarxa_sync_engine_fetch_files_async  (XarxaSyncEngine     *self,
                                                       const char          *hash,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean         xarxa_sync_engine_fetch_files_finish (XarxaSyncEngine     *self,
                                                       GAsyncResult        *result,
                                                       XarxaSyncStats      *stats,
                                                       GError             **error);

/* Keeps one side of conflict @conflict_id.  @field must match the conflict's
 * field (NULL accepts any): a check that the person chose what they saw. */
gboolean         xarxa_sync_resolve               (XarxaStore        *store,
                                                   gint64             conflict_id,
                                                   const char        *field,
                                                   XarxaSyncChoice    choice,
                                                   GError           **error);
gboolean         xarxa_sync_engine_resolve        (XarxaSyncEngine   *self,
                                                   gint64             conflict_id,
                                                   const char        *field,
                                                   XarxaSyncChoice    choice,
                                                   GError           **error);

G_END_DECLS
