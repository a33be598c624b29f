/* xarxa-store-search.c — the full-text search index, kept in step.
 *
 * A write marks the search rows it changes; at the transaction's commit
 * the marked rows are rewritten from the records, in rowid order.  Also
 * the text of a search as FTS5 reads it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include <string.h>

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

static void
mark_fts_dirty (XarxaStore *self,
                const char *entity_id,
                gboolean    is_new)
{
  gpointer was_new;

  if (entity_id == NULL)
    return;
  if (g_hash_table_lookup_extended (xarxa_store_get_search_dirty (self), entity_id, NULL, &was_new))
    is_new = is_new || GPOINTER_TO_INT (was_new);
  g_hash_table_insert (xarxa_store_get_search_dirty (self), g_strdup (entity_id), GINT_TO_POINTER (is_new));
}

/* Marks the search rows a write changes: an organisation's own, or those
 * of the organisations a contact belonged to and belongs to. */
void
xarxa_store_mark_search_rows (XarxaStore            *self,
                              const XarxaRecordType *type,
                              const char            *id,
                              const char            *old_entity_id,
                              const char            *new_entity_id,
                              gboolean               is_new)
{
  if (strcmp (type->name, "entity") == 0)
    mark_fts_dirty (self, id, is_new);
  else if (strcmp (type->name, "contact") == 0)
    {
      mark_fts_dirty (self, old_entity_id, FALSE);
      mark_fts_dirty (self, new_entity_id, FALSE);
    }
}

static void
append_set_text (GString    *out,
                 const char *json_text)
{
  g_autoptr(JsonNode) node = xarxa_value_set_from_text (json_text);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, json_array_get_string_element (json_node_get_array (node), i));
    }
}

static gboolean
refresh_entity_fts (XarxaStore  *self,
                    gint64       rowid,
                    const char  *entity_id,
                    gboolean     is_new,
                    GError     **error)
{
  sqlite3_stmt *sel, *del, *ins, *contacts;
  g_autoptr(GString) tags = g_string_new (NULL);
  g_autoptr(GString) people = g_string_new (NULL);
  int rc;

  sel = xarxa_store_prepare (self,
                             "SELECT rowid, deleted, name, short_name, description, city, tags, notes "
                             "FROM entity WHERE rowid = ?1", error);
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
      del = xarxa_store_prepare (self, "DELETE FROM entity_fts WHERE rowid = ?1", error);
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
  if (sqlite3_column_int (sel, 1) != 0)
    {
      sqlite3_reset (sel);
      return TRUE;   /* tombstones are not searchable */
    }

  contacts = xarxa_store_prepare (self,
                                  "SELECT full_name, email, role FROM contact "
                                  "WHERE entity_id = ?1 AND deleted = 0", error);
  if (contacts == NULL)
    {
      sqlite3_reset (sel);
      return FALSE;
    }
  xarxa_sqlite_bind_text (contacts, 1, entity_id);
  while ((rc = sqlite3_step (contacts)) == SQLITE_ROW)
    for (int c = 0; c < 3; c++)
      if (sqlite3_column_type (contacts, c) != SQLITE_NULL)
        {
          if (people->len > 0)
            g_string_append_c (people, ' ');
          g_string_append (people, (const char *) sqlite3_column_text (contacts, c));
        }
  sqlite3_reset (contacts);
  if (rc != SQLITE_DONE)
    {
      sqlite3_reset (sel);
      return xarxa_store_sqlite_error (self, rc, error);
    }
  append_set_text (tags, (const char *) sqlite3_column_text (sel, 6));

  ins = xarxa_store_prepare (self,
                             "INSERT INTO entity_fts (rowid, name, short_name, description, city, tags, notes, contacts) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (ins == NULL)
    {
      sqlite3_reset (sel);
      return FALSE;
    }
  sqlite3_bind_int64 (ins, 1, rowid);
  for (int c = 2; c <= 5; c++)
    xarxa_sqlite_bind_text (ins, c, (const char *) sqlite3_column_text (sel, c));
  xarxa_sqlite_bind_text (ins, 6, tags->str);
  xarxa_sqlite_bind_text (ins, 7, (const char *) sqlite3_column_text (sel, 7));
  xarxa_sqlite_bind_text (ins, 8, people->str);
  rc = sqlite3_step (ins);
  sqlite3_reset (ins);
  sqlite3_reset (sel);
  if (rc != SQLITE_DONE)
    return xarxa_store_sqlite_error (self, rc, error);
  return TRUE;
}

typedef struct
{
  gint64      rowid;
  const char *id;
  gboolean    is_new;
} DirtyEntity;

static int
compare_dirty (gconstpointer a,
               gconstpointer b)
{
  const DirtyEntity *x = a, *y = b;

  return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

/* Brings the full-text rows of the entities changed in this transaction up
 * to date.  FTS5 keeps pending rows in memory as long as rowids come in
 * ascending order and flushes a new segment whenever one goes back, so the
 * rows are written sorted by rowid: an import of 100,000 rows then costs
 * a few segments, not 100,000. */
gboolean
xarxa_store_flush_search (XarxaStore  *self,
                          GError     **error)
{
  g_autoptr(GArray) dirty = g_array_sized_new (FALSE, FALSE, sizeof (DirtyEntity),
                                               g_hash_table_size (xarxa_store_get_search_dirty (self)));
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (xarxa_store_get_search_dirty (self)) == 0)
    return TRUE;
  stmt = xarxa_store_prepare (self, "SELECT rowid FROM entity WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, xarxa_store_get_search_dirty (self));
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      DirtyEntity d = { -1, key, GPOINTER_TO_INT (value) };

      sqlite3_reset (stmt);
      xarxa_sqlite_bind_text (stmt, 1, key);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        d.rowid = sqlite3_column_int64 (stmt, 0);
      if (d.rowid >= 0)
        g_array_append_val (dirty, d);
    }
  sqlite3_reset (stmt);
  g_array_sort (dirty, compare_dirty);
  for (guint i = 0; i < dirty->len; i++)
    {
      DirtyEntity *d = &g_array_index (dirty, DirtyEntity, i);

      if (!refresh_entity_fts (self, d->rowid, d->id, d->is_new, error))
        return FALSE;
    }
  g_hash_table_remove_all (xarxa_store_get_search_dirty (self));
  return TRUE;
}

