/* xarxa-sync-engine-private.h — what the engine's files share.
 *
 * The engine is split by job: xarxa-sync-engine.c (the object, log-in, one
 * run's set-up, the worker thread), xarxa-sync-pull.c (pages, three-way
 * merge, full reconcile), xarxa-sync-push.c (outbox batches, attachments,
 * the server's answers), xarxa-sync-resolve.c (a person's Mine or Theirs)
 * and xarxa-sync-record.c (the local record as sync writes it).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store-private.h"
#include "xarxa-sync-engine.h"
#include "xarxa-sync-state.h"

G_BEGIN_DECLS

struct _XarxaSyncEngine
{
  GObject            parent_instance;

  XarxaStore        *store;
  char              *server_url;
  char              *token;
  char              *files_dir;
  guint              max_retries;
  guint              base_ms;
  guint              max_ms;
  guint              page_size;
  guint              batch_size;
  guint              pull_group;
  XarxaSyncTestHook  hook;
  gpointer           hook_data;
  GMainContext      *progress_context;  /* for progress from a worker */
  XarxaSyncEngine   *progress_target;
};

/* What one sync run talks to. */
typedef struct
{
  XarxaSyncEngine *engine;
  XarxaStore      *store;
  XarxaSyncClient *client;
  XarxaSyncStats  *stats;
  GCancellable    *cancellable;
  guint            max_batch;
  guint            max_page;
  gsize            max_chunk;
  guint64          max_file;      /* 0: the server did not say */
  char            *epoch;         /* the server's, from info */
  gint64           server_version;
  guint            push_count;
  gboolean         outbox_empty;     /* at the start of the page being applied */
  gboolean         conflicts_empty;
} XarxaSyncRun;

/* xarxa-sync-engine.c */
gboolean    xarxa_sync_run_hook          (XarxaSyncRun          *run,
                                          XarxaSyncHookPoint     point,
                                          guint                  count,
                                          GError               **error);
void        xarxa_sync_run_progress      (XarxaSyncRun          *run,
                                          const char            *phase,
                                          guint                  done);

/* xarxa-sync-pull.c */
gboolean    xarxa_sync_run_pull          (XarxaSyncRun          *run,
                                          GError               **error);
/* @mode: "restored" or "expired" (see the function). */
gboolean    xarxa_sync_run_begin_reconcile (XarxaSyncRun        *run,
                                            const char          *mode,
                                            GError             **error);

/* xarxa-sync-push.c */
gboolean    xarxa_sync_run_push          (XarxaSyncRun          *run,
                                          GError               **error);

/* xarxa-sync-record.c (values are compared and merged by xarxa-values.h) */
/* A remote value in the form the local store keeps. */
JsonNode   *xarxa_sync_local_value       (const XarxaFieldInfo  *field,
                                          JsonNode              *node);
/* The local record, or NULL when this device has none. */
JsonObject *xarxa_sync_get_local         (XarxaStore            *store,
                                          const XarxaRecordType *type,
                                          const char            *id);
/* A new object with every field of @record's type (copies). */
JsonObject *xarxa_sync_all_fields        (const XarxaRecordType *type,
                                          JsonObject            *record);
/* Writes @record (every field and bookkeeping member) over @local (NULL:
 * insert), keeping derived data in step; no outbox. */
gboolean    xarxa_sync_write_record      (XarxaStore            *store,
                                          const XarxaRecordType *type,
                                          JsonObject            *local,
                                          JsonObject            *record,
                                          GError               **error);

G_END_DECLS
