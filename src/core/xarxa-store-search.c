/* xarxa-store-search.c — the full-text search index, kept in step.
 *
 * A write marks the search rows it changes; at the transaction's commit
 * the marked rows are rewritten from the records, in rowid order.  Which
 * index a type has and what goes in it is the type's description
 * (xarxa-store-hooks.h).  Also a search of any type with an index, and
 * the text of a search as FTS5 reads it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-store-private.h"

char *
xarxa_fts_query_from_text (const char *text)
{
  GString *query;
  GString *word;

  if (text == NULL)
    return NULL;

  /* Split as the index's unicode61 tokenizer does (letters, digits and
   * marks make words: see migration 2), quote each word so no FTS5 syntax
   * can leak in, and make it a prefix.  A quoted text the tokenizer split
   * would be a phrase, which the index (detail=column) cannot answer. */
  query = g_string_new (NULL);
  word = g_string_new (NULL);
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          if (query->len > 0)
            g_string_append (query, " AND ");
          g_string_append_printf (query, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }
  return g_string_free (query, FALSE);
}

void
xarxa_store_mark_search_row (XarxaStore            *self,
                             const XarxaRecordType *type,
                             const char            *id,
                             gboolean               is_new)
{
  GHashTable *dirty = xarxa_store_get_search_dirty (self);
  GHashTable *ids;
  gpointer was_new;

  if (id == NULL || type->hooks->search == NULL)
    return;
  ids = g_hash_table_lookup (dirty, type);
  if (ids == NULL)
    {
      ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (dirty, (gpointer) type, ids);
    }
  if (g_hash_table_lookup_extended (ids, id, NULL, &was_new))
    is_new = is_new || GPOINTER_TO_INT (was_new);
  g_hash_table_insert (ids, g_strdup (id), GINT_TO_POINTER (is_new));
}

void
xarxa_store_mark_search_rows (XarxaStore            *self,
                              const XarxaRecordType *type,
                              const char            *id,
                              JsonObject            *before,
                              JsonObject            *after,
                              gboolean               is_new)
{
  xarxa_store_mark_search_row (self, type, id, is_new);
  if (type->hooks->mark_related != NULL)
    type->hooks->mark_related (self, before, after);
}

/* A set's members as words: what the index holds of it. */
static char *
set_words (const char *json_text)
{
  g_autoptr(JsonNode) node = xarxa_value_set_from_text (json_text);
  GString *out;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, json_array_get_string_element (json_node_get_array (node), i));
    }
  return g_string_free (out, FALSE);
}

/* Rewrites the search row of one record from its row (and the rows the
 * type's bind_more reads).  @is_set: which selected columns hold sets. */
static gboolean
refresh_row (XarxaStore              *self,
             const XarxaSearchIndex  *index,
             const gboolean          *is_set,
             gint64                   rowid,
             const char              *id,
             gboolean                 is_new,
             GError                 **error)
{
  sqlite3_stmt *sel, *del, *ins;
  int n_cols, rc;

  sel = xarxa_store_prepare (self, index->sql_select, error);
  if (sel == NULL)
    return FALSE;
  sqlite3_bind_int64 (sel, 1, rowid);
  rc = sqlite3_step (sel);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (sel);
      return rc == SQLITE_DONE ? TRUE : xarxa_store_sqlite_error (self, rc, error);
    }

  /* A record made in this transaction has no index row to remove yet. */
  if (!is_new)
    {
      del = xarxa_store_prepare (self, index->sql_delete, error);
      if (del == NULL)
        {
          sqlite3_reset (sel);
          return FALSE;
        }
      sqlite3_bind_int64 (del, 1, rowid);
      if (!xarxa_store_step_done (self, del, error))
        {
          sqlite3_reset (sel);
          return FALSE;
        }
    }
  if (sqlite3_column_int (sel, 0) != 0)
    {
      sqlite3_reset (sel);
      return TRUE;   /* tombstones are not searchable */
    }

  ins = xarxa_store_prepare (self, index->sql_insert, error);
  if (ins == NULL)
    {
      sqlite3_reset (sel);
      return FALSE;
    }
  /* Column c of the record (after "deleted") is parameter c + 1. */
  sqlite3_bind_int64 (ins, 1, rowid);
  n_cols = sqlite3_column_count (sel);
  for (int c = 1; c < n_cols; c++)
    {
      const char *text = (const char *) sqlite3_column_text (sel, c);

      if (is_set[c] && text != NULL)
        {
          char *words = set_words (text);

          if (words != NULL)
            sqlite3_bind_text (ins, c + 1, words, -1, g_free);
        }
      else
        xarxa_sqlite_bind_text (ins, c + 1, text);
    }
  sqlite3_reset (sel);
  if (index->bind_more != NULL && !index->bind_more (self, id, ins, n_cols + 1, error))
    return FALSE;
  rc = sqlite3_step (ins);
  sqlite3_reset (ins);
  sqlite3_clear_bindings (ins);
  if (rc != SQLITE_DONE)
    return xarxa_store_sqlite_error (self, rc, error);
  return TRUE;
}

typedef struct
{
  gint64      rowid;
  const char *id;
  gboolean    is_new;
} DirtyRow;

static int
compare_dirty (gconstpointer a,
               gconstpointer b)
{
  const DirtyRow *x = a, *y = b;

  return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

/* Brings the search rows of one type's records changed in this
 * transaction up to date.  FTS5 keeps pending rows in memory as long as
 * rowids come in ascending order and flushes a new segment whenever one
 * goes back, so the rows are written sorted by rowid: an import of
 * 100,000 rows then costs a few segments, not 100,000. */
static gboolean
flush_type (XarxaStore             *self,
            const XarxaRecordType  *type,
            GHashTable             *ids,
            GError                **error)
{
  const XarxaSearchIndex *index = type->hooks->search;
  g_autoptr(GArray) dirty = g_array_sized_new (FALSE, FALSE, sizeof (DirtyRow), g_hash_table_size (ids));
  g_autofree gboolean *is_set = NULL;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;
  int n_cols;

  stmt = xarxa_store_prepare (self, index->sql_rowid, error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      DirtyRow d = { -1, key, GPOINTER_TO_INT (value) };

      sqlite3_reset (stmt);
      xarxa_sqlite_bind_text (stmt, 1, key);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        d.rowid = sqlite3_column_int64 (stmt, 0);
      if (d.rowid >= 0)
        g_array_append_val (dirty, d);
    }
  sqlite3_reset (stmt);
  g_array_sort (dirty, compare_dirty);

  /* Which selected columns hold sets, by their names. */
  stmt = xarxa_store_prepare (self, index->sql_select, error);
  if (stmt == NULL)
    return FALSE;
  n_cols = sqlite3_column_count (stmt);
  is_set = g_new0 (gboolean, n_cols);
  for (int c = 1; c < n_cols; c++)
    {
      const XarxaFieldInfo *field = xarxa_record_type_field (type, sqlite3_column_name (stmt, c));

      is_set[c] = field != NULL && field->kind == XARXA_FIELD_SET;
    }

  for (guint i = 0; i < dirty->len; i++)
    {
      DirtyRow *d = &g_array_index (dirty, DirtyRow, i);

      if (!refresh_row (self, index, is_set, d->rowid, d->id, d->is_new, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
xarxa_store_flush_search (XarxaStore  *self,
                          GError     **error)
{
  GHashTable *dirty = xarxa_store_get_search_dirty (self);
  const XarxaRecordType *const *types;
  guint n_types = 0;

  if (g_hash_table_size (dirty) == 0)
    return TRUE;
  types = xarxa_schema_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      GHashTable *ids = g_hash_table_lookup (dirty, types[t]);

      if (ids != NULL && !flush_type (self, types[t], ids, error))
        return FALSE;
    }
  g_hash_table_remove_all (dirty);
  return TRUE;
}

GPtrArray *
xarxa_store_search (XarxaStore  *self,
                    const char  *type_name,
                    const char  *text,
                    GError     **error)
{
  const XarxaRecordType *type;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((type = xarxa_store_lookup_type (type_name, error)) == NULL)
    return NULL;
  if (type->hooks->search == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("Records of the kind “%s” cannot be searched by words."), type_name);
      return NULL;
    }
  match = xarxa_fts_query_from_text (text);
  if (match == NULL)
    return g_ptr_array_new_with_free_func (g_free);   /* no word: nothing is found */
  stmt = xarxa_store_prepare (self, type->hooks->search->sql_search, error);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, match);
  return xarxa_store_step_strings (self, stmt, error);
}
