/* xarxa-store-private.h — what core modules (sync, import) share with the
 * store, and what the store's own files share: xarxa-store.c (the
 * connection, transactions, change notification), xarxa-store-query.c
 * (what lists show), xarxa-store-records.c (reads and writes),
 * xarxa-store-search.c (the full-text indexes), xarxa-store-import.c
 * (import batches) and xarxa-store-hooks.c (per-type hooks).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "xarxa-store.h"
#include "xarxa-store-hooks.h"
#include "xarxa-values.h"

G_BEGIN_DECLS

sqlite3      *xarxa_store_get_db         (XarxaStore            *self);
/* Changes: the directory's sort ranks are stale once an organisation is
 * written on this connection (xarxa-store-query.c); and the open
 * transaction's changes are told as "many of each type", not per record. */
void          xarxa_store_forget_ranks   (XarxaStore            *self);
void          xarxa_store_note_changed_many (XarxaStore         *self);
/* A cached prepared statement for a literal SQL text, reset and unbound. */
sqlite3_stmt *xarxa_store_prepare        (XarxaStore            *self,
                                          const char            *sql,
                                          GError               **error);
/* Runs a statement that returns no rows, and resets it. */
gboolean      xarxa_store_step_done      (XarxaStore            *self,
                                          sqlite3_stmt          *stmt,
                                          GError               **error);
/* Steps a bound statement to its end, and resets it: the text of its
 * first column, a row each (freed with g_free). */
GPtrArray    *xarxa_store_step_strings   (XarxaStore            *self,
                                          sqlite3_stmt          *stmt,
                                          GError               **error);
/* Binds text, or NULL as SQL NULL. */
void          xarxa_sqlite_bind_text     (sqlite3_stmt          *stmt,
                                          int                    index,
                                          const char            *text);
gboolean      xarxa_store_sqlite_error   (XarxaStore            *self,
                                          int                    rc,
                                          GError               **error);
JsonObject   *xarxa_store_row_to_object  (const XarxaRecordType *type,
                                          sqlite3_stmt          *stmt);
/* Writes a whole row from a record with every field and bookkeeping member,
 * without outbox: for the sync engine applying the server's state. */
gboolean      xarxa_store_write_row      (XarxaStore            *self,
                                          const XarxaRecordType *type,
                                          JsonObject            *record,
                                          gboolean               insert,
                                          GError               **error);
/* Inserts a record this device does not hold, straight from the server's
 * fields, keeping derived data in step (no outbox). */
gboolean      xarxa_store_insert_remote  (XarxaStore            *self,
                                          const XarxaRecordType *type,
                                          const char            *id,
                                          JsonObject            *fields,
                                          const char            *created_at,
                                          const char            *updated_at,
                                          gboolean               deleted,
                                          gint64                 version,
                                          gboolean              *inserted,
                                          GError               **error);
/* Keeps derived data (folded name, full-text index) in step after a write. */
gboolean      xarxa_store_after_write    (XarxaStore            *self,
                                          const XarxaRecordType *type,
                                          JsonObject            *before,
                                          JsonObject            *after,
                                          GError               **error);
/* Sets in @to a copy of each of @type's fields in @from, which holds them all. */
void          xarxa_store_copy_fields    (const XarxaRecordType *type,
                                          JsonObject            *from,
                                          JsonObject            *to);
/* Gives a record from the server the fields the local table cannot do
 * without (an organisation's name): its id, rather than lose the row. */
void          xarxa_store_fill_required  (const XarxaRecordType *type,
                                          JsonObject            *record);
/* Shadows (the records as last agreed with the server): one stored as ''
 * stands for the record as this device holds it, which has no change of
 * its own yet.  A first sync stores them so; the store writes one out
 * before a record's first change. */
JsonObject   *xarxa_store_record_as_shadow (const XarxaRecordType *type,
                                            JsonObject            *record);
gboolean      xarxa_store_append_outbox  (XarxaStore            *self,
                                          const char            *type_name,
                                          const char            *id,
                                          const char            *op,
                                          JsonObject            *fields,
                                          JsonObject            *before,
                                          gint64                 base_version,
                                          const char            *now,
                                          GError               **error);

/* Between the store's own files. */

/* xarxa-store.c */
gboolean      xarxa_store_in_transaction (XarxaStore            *self);
/* Counts an outbox row just appended (written at the commit). */
gboolean      xarxa_store_outbox_appended (XarxaStore           *self,
                                           GError              **error);
/* Record type → (record id → GINT_TO_POINTER (new in this transaction)):
 * the search rows to write at the commit. */
GHashTable   *xarxa_store_get_search_dirty (XarxaStore          *self);
/* A change to report when the transaction commits. */
void          xarxa_store_note_changed   (XarxaStore            *self,
                                          const char            *type_name,
                                          const char            *id);

/* xarxa-store-records.c */
/* The type called @type_name, or an error that says it is unknown. */
const XarxaRecordType *xarxa_store_lookup_type (const char     *type_name,
                                                GError        **error);
JsonObject   *xarxa_store_read_record    (XarxaStore            *self,
                                          const XarxaRecordType *type,
                                          const char            *id,
                                          GError               **error);
/* Deletes (@deleted) or undeletes a record; *@changed tells whether it
 * was not so already.  Inside a caller's transaction, a record that is
 * not there fails without dooming that transaction. */
gboolean      xarxa_store_set_deleted    (XarxaStore            *self,
                                          const char            *type_name,
                                          const char            *id,
                                          gboolean               deleted,
                                          gboolean              *changed,
                                          GError               **error);

/* xarxa-store-search.c */
/* Marks the search rows a write of record @id changes, to be rewritten at
 * the commit: its own and those its type's hooks name (mark_related).
 * @is_new: the record was made in this transaction. */
void          xarxa_store_mark_search_rows (XarxaStore            *self,
                                            const XarxaRecordType *type,
                                            const char            *id,
                                            JsonObject            *before,
                                            JsonObject            *after,
                                            gboolean               is_new);
/* Marks the search row of one record, of a type with an index or not. */
void          xarxa_store_mark_search_row  (XarxaStore            *self,
                                            const XarxaRecordType *type,
                                            const char            *id,
                                            gboolean               is_new);
/* Rewrites the marked search rows; at the commit. */
gboolean      xarxa_store_flush_search   (XarxaStore            *self,
                                          GError               **error);

G_END_DECLS
