/* xarxa-store.h — the one API through which every record is read and written.
 *
 * A XarxaStore owns one SQLite connection.  Every write goes through
 * xarxa_store_create_record(), _update_record() or _delete_record(), which
 * validate the values and, in the same transaction, append the change to the
 * sync outbox.  Threads other than the main one open their own store on the
 * same file (SQLite in WAL mode lets them work side by side).
 *
 * Record values travel as JsonObjects keyed by the field names of
 * xarxa-schema.h: TEXT and REF as strings (or null), INT as integers, REAL as
 * doubles, BOOL as booleans, SET as arrays of strings.  A record read back
 * also carries "id", "created_at", "updated_at", "deleted" and "version".
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "xarxa-error.h"
#include "xarxa-query.h"
#include "xarxa-schema.h"
#include "xarxa-values.h"

G_BEGIN_DECLS

#define XARXA_SCHEMA_VERSION 10
#define XARXA_APPLICATION_ID 0x58415258 /* "XARX" in PRAGMA application_id */

#define XARXA_TYPE_STORE (xarxa_store_get_type ())
G_DECLARE_FINAL_TYPE (XarxaStore, xarxa_store, XARXA, STORE, GObject)

XarxaStore   *xarxa_store_open            (const char        *path,
                                           GError           **error);
XarxaStore   *xarxa_store_open_existing   (const char        *path,
                                           GError           **error);
const char   *xarxa_store_get_path        (XarxaStore        *self);

/* Transactions nest: only the outermost commit writes. */
gboolean      xarxa_store_begin           (XarxaStore        *self,
                                           GError           **error);
gboolean      xarxa_store_commit          (XarxaStore        *self,
                                           GError           **error);
void          xarxa_store_rollback        (XarxaStore        *self);

/* A new record made ready to insert: checked, in normal form, with its id
 * and time.  Preparing needs no store, so an import prepares the next rows
 * in one thread while another writes them. */
typedef struct _XarxaNewRecord XarxaNewRecord;

XarxaNewRecord *xarxa_new_record_prepare  (const char        *type_name,
                                           JsonObject        *values,
                                           GError           **error);
const char   *xarxa_new_record_get_id     (XarxaNewRecord    *record);
void          xarxa_new_record_free       (XarxaNewRecord    *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaNewRecord, xarxa_new_record_free)
/* Fails with XARXA_ERROR_DUPLICATE when the record's given id is in use. */
gboolean      xarxa_store_insert_new_record (XarxaStore      *self,
                                             XarxaNewRecord  *record,
                                             GError         **error);
char         *xarxa_store_create_record   (XarxaStore        *self,
                                           const char        *type_name,
                                           JsonObject        *values,
                                           GError           **error);
gboolean      xarxa_store_update_record   (XarxaStore        *self,
                                           const char        *type_name,
                                           const char        *id,
                                           JsonObject        *changes,
                                           GError           **error);
gboolean      xarxa_store_delete_record   (XarxaStore        *self,
                                           const char        *type_name,
                                           const char        *id,
                                           GError           **error);
/* Undo of a delete: the tombstone becomes a live record again. */
gboolean      xarxa_store_undelete_record (XarxaStore        *self,
                                           const char        *type_name,
                                           const char        *id,
                                           GError           **error);
JsonObject   *xarxa_store_get_record      (XarxaStore        *self,
                                           const char        *type_name,
                                           const char        *id,
                                           GError           **error);
/* The record @id names when it is live: NULL, without an error, for a
 * NULL @id, a record not found or one deleted (a tombstone). */
JsonObject   *xarxa_store_get_live_record (XarxaStore        *self,
                                           const char        *type_name,
                                           const char        *id);
/* The ids of the live records of a type with a full-text index whose
 * index holds every word of @text (as a prefix, accents folded), oldest
 * first; none when @text has no word. */
GPtrArray    *xarxa_store_search          (XarxaStore        *self,
                                           const char        *type_name,
                                           const char        *text,
                                           GError           **error);

/* Lists (xarxa-store-query.c).  The rowids of the records a query
 * matches, in its order, as gint64s. */
GArray       *xarxa_store_query_rowids    (XarxaStore        *self,
                                           const XarxaQuery  *query,
                                           GError           **error);
/* The records themselves (JsonObjects), in the same order. */
GPtrArray    *xarxa_store_query_records   (XarxaStore        *self,
                                           const XarxaQuery  *query,
                                           GError           **error);
JsonObject   *xarxa_store_get_record_by_rowid (XarxaStore      *self,
                                           const char        *type_name,
                                           gint64             rowid,
                                           GError           **error);
/* The rowid of a record, deleted or not, or -1. */
gint64        xarxa_store_get_rowid       (XarxaStore        *self,
                                           const char        *type_name,
                                           const char        *id);
/* How many live records of the type, counting no further than limit. */
gint64        xarxa_store_count_up_to     (XarxaStore        *self,
                                           const char        *type_name,
                                           gint64             limit);
/* The directory's editor and filters. */
char         *xarxa_store_find_entity_by_name (XarxaStore      *self,
                                           const char        *name,
                                           const char        *except_id);
GPtrArray    *xarxa_store_list_contacts   (XarxaStore        *self,
                                           const char        *entity_id,
                                           GError           **error);
GPtrArray    *xarxa_store_list_tags       (XarxaStore        *self,
                                           GError           **error);
GPtrArray    *xarxa_store_list_countries  (XarxaStore        *self,
                                           GError           **error);
gint64        xarxa_store_count           (XarxaStore        *self,
                                           const char        *type_name);
gint64        xarxa_store_count_outbox    (XarxaStore        *self);

/* Import batches, so that one import can be undone exactly: a batch holds
 * the organisations and contact people its transaction inserts between
 * _new() and _end(), both called inside that one transaction. */
gint64        xarxa_store_import_batch_new   (XarxaStore     *self,
                                              const char     *source,
                                              GError        **error);
gboolean      xarxa_store_import_batch_end   (XarxaStore     *self,
                                              gint64          batch,
                                              GError        **error);
gint64        xarxa_store_import_batch_undo  (XarxaStore     *self,
                                              gint64          batch,
                                              GError        **error);

/* For a connection doing bulk work in a thread (import, sync): a larger
 * page cache, so that inserts at random places in the indexes stay in
 * memory.  The window's own connection keeps the small default. */
void          xarxa_store_set_bulk_cache  (XarxaStore        *self);

/* Tell views that many records changed at once (after an import made by
 * another connection, for example). */
void          xarxa_store_emit_changed    (XarxaStore        *self,
                                           const char        *type_name,
                                           const char        *id);
/* The number of the change notice being told: the "changed::TYPE" signals
 * of one transaction (or of one xarxa_store_emit_changed() for every type)
 * share it, so a view that hears several types reads its rows once. */
guint64       xarxa_store_get_change_serial (XarxaStore      *self);

/* The words of @text as a full-text query: each a prefix, all required.
 * (xarxa_new_uuid(), xarxa_now_iso8601() and xarxa_fold_key() are in
 * xarxa-values.h.) */
char         *xarxa_fts_query_from_text   (const char        *text);

G_END_DECLS
