/* xarxa-sync-state.h — what sync keeps beside the records, behind one API.
 *
 * A database that syncs holds four tables of its own besides the records:
 * shadows (each record as last agreed with the server, the base of
 * three-way merges), the outbox (local changes waiting to be pushed, in
 * order), conflicts (what a person has to decide) and sync_state (the pull
 * cursor, the device id and its last push sequence number, the batch in
 * flight, the server's epoch).  The sync engine reads and writes them only
 * through these functions; none of them opens a transaction, so the engine
 * groups them with the records they go with.  The store itself appends to
 * the outbox in its write path (xarxa_store_append_outbox()).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-schema.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

/* ---- sync_state: settings and positions by key ---- */

char       *xarxa_sync_state_get               (XarxaStore   *store,
                                                const char   *key);
/* @value NULL removes the key. */
gboolean    xarxa_sync_state_set               (XarxaStore   *store,
                                                const char   *key,
                                                const char   *value,
                                                GError      **error);
/* A key's value as a number; 0 when it is not there. */
gint64      xarxa_sync_state_get_int           (XarxaStore   *store,
                                                const char   *key);
gboolean    xarxa_sync_state_set_int           (XarxaStore   *store,
                                                const char   *key,
                                                gint64        value,
                                                GError      **error);

/* The pull cursor: the server version up to which changes are applied. */
gint64      xarxa_sync_state_get_cursor        (XarxaStore   *store);
gboolean    xarxa_sync_state_set_cursor        (XarxaStore   *store,
                                                gint64        cursor,
                                                GError      **error);
/* The device's last push sequence number the server acknowledged. */
gint64      xarxa_sync_state_get_last_seq      (XarxaStore   *store);
gboolean    xarxa_sync_state_set_last_seq      (XarxaStore   *store,
                                                gint64        seq,
                                                GError      **error);
/* The batch in flight: the request body as sent, and the JSON array of the
 * outbox seqs it holds.  Returns FALSE when there is none. */
gboolean    xarxa_sync_state_get_pending_batch (XarxaStore   *store,
                                                char        **body,
                                                char        **outbox_seqs);
/* @body NULL forgets the batch in flight. */
gboolean    xarxa_sync_state_set_pending_batch (XarxaStore   *store,
                                                const char   *body,
                                                const char   *outbox_seqs,
                                                GError      **error);

/* ---- shadows ---- */

/* The record as last synced, with its version, or NULL when there is none.
 * A shadow kept "as the record stands" is read from the record. */
JsonObject *xarxa_sync_state_shadow_get        (XarxaStore   *store,
                                                const char   *type_name,
                                                const char   *id,
                                                gint64       *version);
/* The shadow's version alone, 0 when there is none; negative while a full
 * reconcile has not seen the record again (-old_version - 1). */
gint64      xarxa_sync_state_shadow_get_version (XarxaStore  *store,
                                                 const char  *type_name,
                                                 const char  *id);
/* @data NULL keeps the shadow "as the record stands": a record inserted as
 * the server sent it, until this device changes it. */
gboolean    xarxa_sync_state_shadow_put        (XarxaStore   *store,
                                                const char   *type_name,
                                                const char   *id,
                                                JsonObject   *data,
                                                gint64        version,
                                                GError      **error);
/* Sets @fields and the deleted flag in the shadow, in place, and raises its
 * version to @version.  *@patched is FALSE when there was no shadow to
 * patch (none, one being reconciled, or a damaged one): the caller then
 * writes a whole one. */
gboolean    xarxa_sync_state_shadow_patch      (XarxaStore   *store,
                                                const char   *type_name,
                                                const char   *id,
                                                JsonObject   *fields,
                                                gboolean      deleted,
                                                gint64        version,
                                                gboolean     *patched,
                                                GError      **error);

/* A full reconcile: every shadow is marked "not seen since"; pulling a
 * record marks it seen again (shadow_put); what is left unseen at the end
 * is listed, then dropped. */
typedef struct
{
  char *type_name;
  char *id;
} XarxaSyncRecordKey;

void        xarxa_sync_record_key_free         (XarxaSyncRecordKey *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaSyncRecordKey, xarxa_sync_record_key_free)

gboolean    xarxa_sync_state_shadows_mark_unseen (XarxaStore  *store,
                                                  GError     **error);
/* (element-type XarxaSyncRecordKey) */
GPtrArray  *xarxa_sync_state_shadows_unseen    (XarxaStore   *store,
                                                GError      **error);
gboolean    xarxa_sync_state_shadows_drop_unseen (XarxaStore  *store,
                                                  GError     **error);

/* ---- the outbox ---- */

typedef struct
{
  gint64      seq;
  char       *type_name;
  char       *id;
  char       *op;            /* create, update, delete, undelete */
  JsonObject *fields;        /* the values set */
  JsonObject *before;        /* their values before */
  gint64      base_version;
  char       *created_at;
} XarxaOutboxRow;

void        xarxa_outbox_row_free              (XarxaOutboxRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaOutboxRow, xarxa_outbox_row_free)

gboolean    xarxa_sync_state_outbox_is_empty   (XarxaStore   *store);
/* The first @limit rows in order (element-type XarxaOutboxRow). */
GPtrArray  *xarxa_sync_state_outbox_read       (XarxaStore   *store,
                                                guint         limit,
                                                GError      **error);
/* What the outbox holds for one record: adds the names of the fields it
 * changes to @fields (a set of strings it may own), sets *@deletes when its
 * last change deletes it.  Returns FALSE when it holds nothing. */
gboolean    xarxa_sync_state_outbox_for_record (XarxaStore   *store,
                                                const char   *type_name,
                                                const char   *id,
                                                GHashTable   *fields,
                                                gboolean     *deletes);
/* Prunes one row (acknowledged by the server), or every row of a record
 * (a person decides instead). */
gboolean    xarxa_sync_state_outbox_drop       (XarxaStore   *store,
                                                gint64        seq,
                                                GError      **error);
gboolean    xarxa_sync_state_outbox_drop_record (XarxaStore  *store,
                                                 const char  *type_name,
                                                 const char  *id,
                                                 GError     **error);

/* The record learns the version the server gave it (never backwards). */
gboolean    xarxa_sync_state_set_record_version (XarxaStore           *store,
                                                 const XarxaRecordType *type,
                                                 const char           *id,
                                                 gint64                version,
                                                 GError              **error);

/* ---- conflicts ---- */

/* Record-level conflicts (delete against edit) use this field name. */
#define XARXA_SYNC_RECORD_FIELD "*"

typedef struct
{
  gint64    id;
  char     *type_name;
  char     *record_id;
  char     *field;
  char     *kind;       /* field, edit-delete, delete-edit, rejected */
  JsonNode *mine;       /* NULL when unknown */
  JsonNode *theirs;
  JsonNode *base;
  gint64    theirs_version;
  char     *created_at;
} XarxaSyncConflict;

void        xarxa_sync_conflict_free           (XarxaSyncConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaSyncConflict, xarxa_sync_conflict_free)

/* Records a conflict on one field of a record (replacing one there was). */
gboolean    xarxa_sync_state_conflict_record   (XarxaStore   *store,
                                                const char   *type_name,
                                                const char   *id,
                                                const char   *field,
                                                const char   *kind,
                                                JsonNode     *mine,
                                                JsonNode     *theirs,
                                                JsonNode     *base,
                                                gint64        theirs_version,
                                                GError      **error);
/* The server's side moved on: the conflict shows its latest value. */
gboolean    xarxa_sync_state_conflict_set_theirs (XarxaStore  *store,
                                                  const char  *type_name,
                                                  const char  *id,
                                                  const char  *field,
                                                  JsonNode    *theirs,
                                                  gint64       theirs_version,
                                                  GError     **error);
/* Both sides agree again: the conflict on that field goes. */
gboolean    xarxa_sync_state_conflict_drop     (XarxaStore   *store,
                                                const char   *type_name,
                                                const char   *id,
                                                const char   *field,
                                                GError      **error);
/* field → its conflict's "mine" as JSON text, for the conflicts that hold
 * a record back (a rejected change is a note, not a hold). */
GHashTable *xarxa_sync_state_conflicts_for_record (XarxaStore *store,
                                                   const char *type_name,
                                                   const char *id);
/* One conflict by its number; NULL with XARXA_ERROR_NOT_FOUND. */
XarxaSyncConflict *xarxa_sync_state_conflict_get (XarxaStore  *store,
                                                  gint64       conflict_id,
                                                  GError     **error);
/* A person decided: the conflict goes. */
gboolean    xarxa_sync_state_conflict_remove   (XarxaStore   *store,
                                                gint64        conflict_id,
                                                GError      **error);
/* A JsonArray of objects {id, type, record_id, field, kind, mine, theirs,
 * base, theirs_version, created_at}, oldest first. */
JsonArray  *xarxa_sync_state_list_conflicts    (XarxaStore   *store,
                                                GError      **error);
gint64      xarxa_sync_state_count_conflicts   (XarxaStore   *store);
gboolean    xarxa_sync_state_conflicts_is_empty (XarxaStore  *store);

/* ---- attachments ---- */

/* The distinct attachment hashes of the live documents (element-type
 * utf8), in a stable order: what a device should hold. */
GPtrArray  *xarxa_sync_state_attachment_hashes (XarxaStore   *store,
                                                GError      **error);
/* The server refused the file of @hash as larger than its @limit bytes (0:
 * forget that: it was accepted since, or the document changed file).
 * Kept in sync_state, so the next sync does not forget it. */
gboolean    xarxa_sync_state_set_file_refused  (XarxaStore   *store,
                                                const char   *hash,
                                                guint64       limit,
                                                GError      **error);
/* The limit the server gave when it refused @hash, 0 when it did not. */
guint64     xarxa_sync_state_get_file_refused  (XarxaStore   *store,
                                                const char   *hash);
/* What to say on a document whose file @hash the server refused
 * (translated), or NULL when there is nothing to say. */
char       *xarxa_sync_state_dup_file_message  (XarxaStore   *store,
                                                const char   *hash);

G_END_DECLS
