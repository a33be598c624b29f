/* xarxa-store-hooks.h — what the store does for a record type beyond the
 * generic path.
 *
 * Each XarxaRecordType points at its XarxaTypeHooks (xarxa-schema.c), so
 * that the store, the search index and the sync engine ask the type
 * instead of testing its name: which full-text index it has and what goes
 * in it, whose search rows a change touches, which folded key it keeps, which
 * field its table cannot do without.  The hooks of every type are in
 * xarxa-store-hooks.c.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "xarxa-schema.h"

G_BEGIN_DECLS

typedef struct _XarxaStore XarxaStore;
typedef struct _XarxaTypeHooks XarxaTypeHooks;

/* A type's full-text index: an FTS5 table whose rowid is the record's.
 * Every statement is literal SQL. */
typedef struct
{
  /* SELECT deleted, then the indexed columns of the record's own row,
   * FROM the type's table WHERE rowid = ?1.  A SET column is indexed as
   * its members separated by spaces. */
  const char *sql_select;
  /* INSERT INTO the index (rowid, the selected columns in their order,
   * then those bind_more() fills) VALUES (?1, ?2, …). */
  const char *sql_insert;
  /* DELETE FROM the index WHERE rowid = ?1. */
  const char *sql_delete;
  /* SELECT rowid FROM the type's table WHERE id = ?1. */
  const char *sql_rowid;
  /* The ids of the live records whose row matches ?1 (an FTS5 query),
   * oldest first. */
  const char *sql_search;
  /* SELECT rowid FROM the index WHERE it MATCHes ?1: what a list's query
   * (xarxa-store-query.c) takes the rows of a search from. */
  const char *sql_match;
  /* Binds the columns the row takes from other records, from parameter
   * @first on (an organisation's row holds its people); NULL for none. */
  gboolean  (*bind_more)  (XarxaStore    *store,
                           const char    *id,
                           sqlite3_stmt  *insert,
                           int            first,
                           GError       **error);
  /* The other types whose records bind_more() reads, NULL-terminated
   * (NULL for none): a change to one of them may change what a search of
   * this type finds. */
  const char *const *also_reads;
} XarxaSearchIndex;

struct _XarxaTypeHooks
{
  /* The type's full-text index; NULL when its records are not searched. */
  const XarxaSearchIndex *search;
  /* Marks the search rows of other records that a write of this one
   * changes (a contact's organisation's, before and after the change),
   * with xarxa_store_mark_search_row().  @before is NULL for a new
   * record; @after may be a record as the server sent it.  NULL: none. */
  void      (*mark_related) (XarxaStore *store,
                             JsonObject *before,
                             JsonObject *after);
  /* The field whose folded key (xarxa_fold_key()) the row keeps in
   * name_key, bound at insert by the type's sql_insert_keyed; NULL: none. */
  const char *key_field;
  /* UPDATE … SET name_key = ?1 WHERE id = ?2, when key_field changes. */
  const char *sql_update_key;
  /* A field the local table requires (NOT NULL): a record from another
   * device without it is kept with its id there rather than lost. */
  const char *required_field;
  /* Rules across records, checked before this device writes a record of
   * its own (not one the server sends): @before is the record as it
   * stands (NULL for a new one), @after as it would be written, with its
   * "id".  Refuses with one message; NULL: none. */
  gboolean  (*check)       (XarxaStore  *store,
                            JsonObject  *before,
                            JsonObject  *after,
                            GError     **error);
  /* Called after this connection wrote a row of this type, or was told
   * that another wrote some (xarxa_store_emit_changed()); NULL: none. */
  void      (*row_written) (XarxaStore *store);
  /* The XarxaRecord subclass a list shows a record as, when a title is
   * not enough (the directory's rows: XarxaEntity); NULL: XarxaRecord. */
  GType     (*item_type)   (void);
  /* What a list sorted by XARXA_SORT_DUE orders the type's rows (the
   * table as "t") by, after ORDER BY: literal SQL, fast through an index
   * at the list's size; NULL: by title. */
  const char *sql_order_due;
};

#define XARXA_DECLARE_TYPE_HOOKS(tname) \
  extern const XarxaTypeHooks xarxa_##tname##_hooks;

XARXA_DECLARE_TYPE_HOOKS (entity)
XARXA_DECLARE_TYPE_HOOKS (contact)
XARXA_DECLARE_TYPE_HOOKS (cluster)
XARXA_DECLARE_TYPE_HOOKS (cluster_member)
XARXA_DECLARE_TYPE_HOOKS (objective)
XARXA_DECLARE_TYPE_HOOKS (indicator)
XARXA_DECLARE_TYPE_HOOKS (indicator_value)
XARXA_DECLARE_TYPE_HOOKS (action)
XARXA_DECLARE_TYPE_HOOKS (decision)
XARXA_DECLARE_TYPE_HOOKS (decision_position)
XARXA_DECLARE_TYPE_HOOKS (meeting)
XARXA_DECLARE_TYPE_HOOKS (agenda_item)
XARXA_DECLARE_TYPE_HOOKS (agenda_support)
XARXA_DECLARE_TYPE_HOOKS (mission)
XARXA_DECLARE_TYPE_HOOKS (participant)
XARXA_DECLARE_TYPE_HOOKS (itinerary_stop)
XARXA_DECLARE_TYPE_HOOKS (field_note)
XARXA_DECLARE_TYPE_HOOKS (field_note_person)
XARXA_DECLARE_TYPE_HOOKS (document)
XARXA_DECLARE_TYPE_HOOKS (document_link)

G_END_DECLS
