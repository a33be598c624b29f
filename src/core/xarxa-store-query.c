/* xarxa-store-query.c — the store's answers to lists: which rows a
 * XarxaQuery matches, in order, and the small lists the directory's filters
 * offer (tags, countries, an organisation's contact people).
 *
 * A query returns row ids only (SQLite rowids); a list model reads a row
 * when a view shows it.  The directory of organisations has fixed statement
 * texts, tuned for 100,000 rows (a search sorted through a rank cache, the
 * whole list read from the sort index).  Other record types, and filters on
 * other fields of an organisation, get statements put together from the
 * static type description: table and column names come only from
 * xarxa-schema.c, every value the user gives is a bound parameter, and each
 * text is interned, so the store prepares it once per connection.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

#include "xarxa-store-private.h"

/* What the queries keep per connection, beside the store. */
typedef struct
{
  /* Position of each entity rowid in the directory's two sort orders, so
   * that a search can sort its hits without reading their rows.  Valid
   * while rank_data_version matches and no entity was written here. */
  GArray   *rank[2];          /* gint32 by rowid; -1 = not listed */
  gint64    rank_data_version[2];
  gboolean  functions_added;  /* xarxa_match() is known to the connection */
} QueryState;

static void
query_state_free (gpointer data)
{
  QueryState *state = data;

  g_clear_pointer (&state->rank[0], g_array_unref);
  g_clear_pointer (&state->rank[1], g_array_unref);
  g_free (state);
}

static QueryState *
query_state (XarxaStore *self)
{
  static GQuark quark;
  QueryState *state;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("xarxa-store-query-state");
  state = g_object_get_qdata (G_OBJECT (self), quark);
  if (state == NULL)
    {
      state = g_new0 (QueryState, 1);
      g_object_set_qdata_full (G_OBJECT (self), quark, state, query_state_free);
    }
  return state;
}

void
xarxa_store_forget_ranks (XarxaStore *self)
{
  QueryState *state = query_state (self);

  g_clear_pointer (&state->rank[0], g_array_unref);
  g_clear_pointer (&state->rank[1], g_array_unref);
}

/* ---- the directory of organisations ------------------------------------- */

#define ENTITY_FILTERS \
  " AND (?2 IS NULL OR e.country = ?2)" \
  " AND (?3 IS NULL OR e.kind = ?3)" \
  " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each (e.transitions) WHERE value = ?4))" \
  " AND (?5 IS NULL OR EXISTS (SELECT 1 FROM json_each (e.tags) WHERE value = ?5))" \
  " AND (?6 IS NULL OR e.membership = ?6)"

/* The fields ENTITY_FILTERS binds, parameter i + 2 for field i. */
static const char *const entity_filter_fields[] = {
  "country", "kind", "transitions", "tags", "membership",
};

static gint64
data_version (XarxaStore *self)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (self, "PRAGMA data_version", NULL);
  gint64 v = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return v;
}

/* The rank of every listed entity in one sort order, from the covering
 * index of that order (some 10 ms for 100,000 organisations). */
static GArray *
ensure_rank (XarxaStore  *self,
             gboolean     by_updated,
             GError     **error)
{
  static const char *const sql[2] = {
    "SELECT rowid FROM entity WHERE deleted = 0 ORDER BY name_key, rowid",
    "SELECT rowid FROM entity WHERE deleted = 0 ORDER BY updated_at DESC, rowid DESC",
  };
  QueryState *state = query_state (self);
  gint64 version = data_version (self);
  sqlite3_stmt *stmt;
  GArray *rank;
  gint32 position = 0;
  int rc;

  if (state->rank[by_updated] != NULL && state->rank_data_version[by_updated] == version)
    return state->rank[by_updated];
  g_clear_pointer (&state->rank[by_updated], g_array_unref);

  stmt = xarxa_store_prepare (self, sql[by_updated], error);
  if (stmt == NULL)
    return NULL;
  rank = g_array_new (FALSE, FALSE, sizeof (gint32));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (rowid < 0 || rowid > G_MAXINT32)
        continue;
      if ((guint) rowid >= rank->len)
        {
          guint old_len = rank->len;
          g_array_set_size (rank, MAX ((guint) rowid + 1, old_len * 2));
          for (guint i = old_len; i < rank->len; i++)
            g_array_index (rank, gint32, i) = -1;
        }
      g_array_index (rank, gint32, rowid) = position++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (rank);
      xarxa_store_sqlite_error (self, rc, error);
      return NULL;
    }
  state->rank[by_updated] = rank;
  state->rank_data_version[by_updated] = version;
  return rank;
}

typedef struct
{
  gint32 rank;
  gint64 rowid;
} RankedRow;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const RankedRow *x = a, *y = b;

  return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* A search with no filter: FTS5 gives the hits (tombstones are not in the
 * index), and the ranks sort them without a read of each hit's row. */
static GArray *
search_sorted_by_rank (XarxaStore  *self,
                       const char  *match,
                       gboolean     by_updated,
                       GError     **error)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (RankedRow));
  GArray *rank = ensure_rank (self, by_updated, error);
  GArray *rows;
  sqlite3_stmt *stmt;
  int rc;

  if (rank == NULL)
    return NULL;
  stmt = xarxa_store_prepare (self, "SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?1", error);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, match);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RankedRow row = { -1, sqlite3_column_int64 (stmt, 0) };

      if (row.rowid >= 0 && (guint64) row.rowid < rank->len)
        row.rank = g_array_index (rank, gint32, row.rowid);
      if (row.rank >= 0)
        g_array_append_val (hits, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (self, rc, error);
      return NULL;
    }
  g_array_sort (hits, compare_ranked);
  rows = g_array_sized_new (FALSE, FALSE, sizeof (gint64), hits->len);
  for (guint i = 0; i < hits->len; i++)
    g_array_append_val (rows, g_array_index (hits, RankedRow, i).rowid);
  return rows;
}

/* Whether the directory's fixed statements answer the query: an
 * organisation query filtered on no more than its five filter fields. */
static gboolean
is_directory_query (const XarxaQuery *query)
{
  if (strcmp (xarxa_query_get_type_name (query), "entity") != 0)
    return FALSE;
  for (guint i = 0; i < xarxa_query_get_n_filters (query); i++)
    {
      const XarxaFieldInfo *field = xarxa_query_get_filter_at (query, i, NULL);

      if (!g_strv_contains ((const char *const *) entity_filter_fields, field->name))
        return FALSE;
    }
  return TRUE;
}

/* Runs a statement whose one column is a rowid, and collects them. */
static GArray *
collect_rowids (XarxaStore    *self,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rows, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static GArray *
query_directory (XarxaStore        *self,
                 const XarxaQuery  *query,
                 const char        *match,
                 GError           **error)
{
  static const char *const sql[2][2] = {
    { /* no search */
      "SELECT e.rowid FROM entity e WHERE e.deleted = 0 AND ?1 IS NULL" ENTITY_FILTERS
      " ORDER BY e.name_key, e.rowid",
      "SELECT e.rowid FROM entity e WHERE e.deleted = 0 AND ?1 IS NULL" ENTITY_FILTERS
      " ORDER BY e.updated_at DESC, e.rowid DESC",
    },
    { /* search: FTS5 finds the rows first (CROSS JOIN keeps that order: the
       * planner would otherwise walk every entity and probe the index), then
       * filter and sort those */
      "SELECT e.rowid FROM entity_fts f CROSS JOIN entity e ON e.rowid = f.rowid"
      " WHERE entity_fts MATCH ?1 AND e.deleted = 0" ENTITY_FILTERS
      " ORDER BY e.name_key, e.rowid",
      "SELECT e.rowid FROM entity_fts f CROSS JOIN entity e ON e.rowid = f.rowid"
      " WHERE entity_fts MATCH ?1 AND e.deleted = 0" ENTITY_FILTERS
      " ORDER BY e.updated_at DESC, e.rowid DESC",
    },
  };
  static const char *const all_sql[2] = {
    "SELECT rowid FROM entity WHERE deleted = 0 AND ?1 IS NULL AND ?2 IS NULL AND ?3 IS NULL"
    " AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL ORDER BY name_key, rowid",
    "SELECT rowid FROM entity WHERE deleted = 0 AND ?1 IS NULL AND ?2 IS NULL AND ?3 IS NULL"
    " AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL ORDER BY updated_at DESC, rowid DESC",
  };
  gboolean by_updated = xarxa_query_get_sort (query) == XARXA_SORT_UPDATED;
  gboolean filtered = xarxa_query_get_n_filters (query) > 0;
  sqlite3_stmt *stmt;

  if (match != NULL && !filtered)
    return search_sorted_by_rank (self, match, by_updated, error);
  if (match == NULL && !filtered)
    /* The whole directory: the sort index alone answers, without reading rows. */
    stmt = xarxa_store_prepare (self, all_sql[by_updated], error);
  else
    stmt = xarxa_store_prepare (self, sql[match != NULL][by_updated], error);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, match);
  for (guint i = 0; i < G_N_ELEMENTS (entity_filter_fields); i++)
    xarxa_sqlite_bind_text (stmt, (int) i + 2, xarxa_query_get_filter (query, entity_filter_fields[i]));
  return collect_rowids (self, stmt, error);
}

/* ---- any record type ---------------------------------------------------- */

/* Splits folded text into its words, as the full-text index does: letters
 * and digits make words. */
static GPtrArray *
folded_words (const char *text)
{
  g_autofree char *folded = xarxa_fold_key (text);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean in_word = c != 0 && g_unichar_isalnum (c);

      if (in_word && start == NULL)
        start = p;
      else if (!in_word && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      if (c == 0)
        break;
    }
  return words;
}

/* xarxa_match (words, text, …): 1 when every word of the first argument
 * begins a word of one of the texts, accents and case folded — what a
 * full-text index answers, for types with few rows and no index of their
 * own (a cluster's members, a mission's stops). */
static void
match_function (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) have = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  if (argc < 1 || sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_int (context, 1);
      return;
    }
  wanted = folded_words ((const char *) sqlite3_value_text (argv[0]));
  for (int i = 1; i < argc; i++)
    if (sqlite3_value_type (argv[i]) != SQLITE_NULL)
      g_ptr_array_add (have, folded_words ((const char *) sqlite3_value_text (argv[i])));

  for (guint w = 0; w < wanted->len; w++)
    {
      gboolean found = FALSE;

      for (guint t = 0; t < have->len && !found; t++)
        {
          GPtrArray *words = have->pdata[t];

          for (guint k = 0; k < words->len && !found; k++)
            found = g_str_has_prefix (words->pdata[k], wanted->pdata[w]);
        }
      if (!found)
        {
          sqlite3_result_int (context, 0);
          return;
        }
    }
  sqlite3_result_int (context, 1);
}

static gboolean
ensure_functions (XarxaStore  *self,
                  GError     **error)
{
  QueryState *state = query_state (self);
  int rc;

  if (state->functions_added)
    return TRUE;
  rc = sqlite3_create_function_v2 (xarxa_store_get_db (self), "xarxa_match", -1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, match_function, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return xarxa_store_sqlite_error (self, rc, error);
  state->functions_added = TRUE;
  return TRUE;
}

/* The text field that titles a record of this type, to sort by, or NULL
 * (a cluster's member is titled by the organisation it names: the list
 * then keeps the order the records were made in). */
static const XarxaFieldInfo *
title_field (const XarxaRecordType *type)
{
  const XarxaFieldInfo *field = NULL;

  if (type->title_field != NULL)
    field = xarxa_record_type_field (type, type->title_field);
  return field != NULL && field->kind == XARXA_FIELD_TEXT ? field : NULL;
}

/* A statement text made of the static names of the schema and fixed SQL,
 * interned so that its address, the store's key for the prepared
 * statement, stays the same. */
static const char *
intern_sql (GString *sql)
{
  return g_intern_string (sql->str);
}

/* The statement for a list of any type other than the directory's fixed
 * ones.  A list's filters and sort vary by query, so the text is put
 * together here, but only from pieces fixed at compile time: the type's
 * sql_list_rowids, its index's sql_match, and the names of fields of the
 * static description.  Nothing a person types goes into the text — every
 * search word and filter value is bound — and each distinct text is
 * interned, so the store prepares it once. */
static const char *
record_query_sql (const XarxaQuery *query,
                  gboolean          searching)
{
  const XarxaRecordType *type = xarxa_query_get_record_type (query);
  const XarxaFieldInfo *title = title_field (type);
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_append (sql, type->sql_list_rowids);
  if (searching && type->hooks->search != NULL)
    g_string_append_printf (sql, " AND t.rowid IN (%s)", type->hooks->search->sql_match);
  else if (searching)
    {
      /* The fields the type's description says search covers. */
      g_string_append (sql, " AND xarxa_match (?1");
      for (guint i = 0; type->search_fields != NULL && type->search_fields[i] != NULL; i++)
        {
          const XarxaFieldInfo *field = xarxa_record_type_field (type, type->search_fields[i]);

          g_assert (field != NULL);
          g_string_append_printf (sql, ", t.%s", field->name);
        }
      g_string_append (sql, ")");
    }
  for (guint i = 0; i < xarxa_query_get_n_filters (query); i++)
    {
      const XarxaFieldInfo *field = xarxa_query_get_filter_at (query, i, NULL);

      if (field->kind == XARXA_FIELD_SET)
        g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM json_each (t.%s) WHERE value = ?%u)",
                                field->name, i + 2);
      else
        g_string_append_printf (sql, " AND t.%s = ?%u", field->name, i + 2);
    }
  if (xarxa_query_get_sort (query) == XARXA_SORT_UPDATED)
    g_string_append (sql, " ORDER BY t.updated_at DESC, t.rowid DESC");
  else if (xarxa_query_get_sort (query) == XARXA_SORT_DUE && type->hooks->sql_order_due != NULL)
    g_string_append_printf (sql, " ORDER BY %s", type->hooks->sql_order_due);
  else if (type->hooks->key_field != NULL)
    g_string_append (sql, " ORDER BY t.name_key, t.rowid");
  else if (title != NULL)
    g_string_append_printf (sql, " ORDER BY t.%s COLLATE NOCASE, t.rowid", title->name);
  else
    g_string_append (sql, " ORDER BY t.rowid");
  return intern_sql (sql);
}

/* Binds a filter's text as the column holds it. */
static void
bind_filter (sqlite3_stmt         *stmt,
             int                   index,
             const XarxaFieldInfo *field,
             const char           *value)
{
  switch (field->kind)
    {
    case XARXA_FIELD_INT:
      sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (value, NULL, 10));
      break;
    case XARXA_FIELD_REAL:
      sqlite3_bind_double (stmt, index, g_ascii_strtod (value, NULL));
      break;
    case XARXA_FIELD_BOOL:
      sqlite3_bind_int (stmt, index,
                        g_str_equal (value, "1") || g_ascii_strcasecmp (value, "true") == 0 ||
                        g_ascii_strcasecmp (value, "yes") == 0);
      break;
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_SET:
    case XARXA_FIELD_REF:
    default:
      xarxa_sqlite_bind_text (stmt, index, value);
      break;
    }
}

static GArray *
query_records (XarxaStore        *self,
               const XarxaQuery  *query,
               gboolean           searching,
               GError           **error)
{
  const char *sql = record_query_sql (query, searching);
  gboolean indexed = xarxa_query_get_record_type (query)->hooks->search != NULL;
  sqlite3_stmt *stmt;

  if (searching && !indexed && !ensure_functions (self, error))
    return NULL;
  stmt = xarxa_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (searching && indexed)
    {
      g_autofree char *match = xarxa_fts_query_from_text (xarxa_query_get_search (query));
      xarxa_sqlite_bind_text (stmt, 1, match);
    }
  else if (searching)
    xarxa_sqlite_bind_text (stmt, 1, xarxa_query_get_search (query));
  for (guint i = 0; i < xarxa_query_get_n_filters (query); i++)
    {
      const char *value;
      const XarxaFieldInfo *field = xarxa_query_get_filter_at (query, i, &value);

      bind_filter (stmt, (int) i + 2, field, value);
    }
  return collect_rowids (self, stmt, error);
}

GArray *
xarxa_store_query_rowids (XarxaStore        *self,
                          const XarxaQuery  *query,
                          GError           **error)
{
  g_autofree char *match = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  /* A search of no words (only spaces or signs) leaves nothing out. */
  match = xarxa_fts_query_from_text (xarxa_query_get_search (query));
  if (is_directory_query (query))
    return query_directory (self, query, match, error);
  return query_records (self, query, match != NULL, error);
}

GPtrArray *
xarxa_store_query_records (XarxaStore        *self,
                           const XarxaQuery  *query,
                           GError           **error)
{
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GPtrArray) out = NULL;
  const char *type_name;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rowids = xarxa_store_query_rowids (self, query, error);
  if (rowids == NULL)
    return NULL;
  type_name = xarxa_query_get_type_name (query);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < rowids->len; i++)
    {
      JsonObject *record = xarxa_store_get_record_by_rowid (self, type_name,
                                                            g_array_index (rowids, gint64, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (out, record);
    }
  return g_steal_pointer (&out);
}

JsonObject *
xarxa_store_get_record_by_rowid (XarxaStore  *self,
                                 const char  *type_name,
                                 gint64       rowid,
                                 GError     **error)
{
  const XarxaRecordType *type;
  sqlite3_stmt *stmt;
  JsonObject *obj = NULL;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);
  type = xarxa_schema_lookup (type_name);
  g_return_val_if_fail (type != NULL, NULL);

  stmt = xarxa_store_prepare (self, type->sql_select_rowid, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    obj = xarxa_store_row_to_object (type, stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                 _("The record was not found. It may have been removed on another device."));
  else
    xarxa_store_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return obj;
}

gint64
xarxa_store_get_rowid (XarxaStore *self,
                       const char *type_name,
                       const char *id)
{
  const XarxaRecordType *type;
  sqlite3_stmt *stmt;
  gint64 rowid = -1;

  g_return_val_if_fail (XARXA_IS_STORE (self), -1);
  g_return_val_if_fail (type_name != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);
  type = xarxa_schema_lookup (type_name);
  g_return_val_if_fail (type != NULL, -1);

  stmt = xarxa_store_prepare (self, type->sql_rowid_of_id, NULL);
  if (stmt == NULL)
    return -1;
  xarxa_sqlite_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rowid;
}

gint64
xarxa_store_count_up_to (XarxaStore *self,
                         const char *type_name,
                         gint64      limit)
{
  const XarxaRecordType *type;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (XARXA_IS_STORE (self), -1);
  g_return_val_if_fail (type_name != NULL, -1);
  type = xarxa_schema_lookup (type_name);
  g_return_val_if_fail (type != NULL, -1);

  stmt = xarxa_store_prepare (self, type->sql_count_up_to, NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, limit);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* ---- what the directory's filters and editor offer ---------------------- */

char *
xarxa_store_find_entity_by_name (XarxaStore *self,
                                 const char *name,
                                 const char *except_id)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  char *id = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);

  key = xarxa_fold_key (name);
  if (*key == '\0')
    return NULL;
  stmt = xarxa_store_prepare (self,
                              "SELECT id FROM entity WHERE deleted = 0 AND name_key = ?1 "
                              "AND (?2 IS NULL OR id <> ?2) ORDER BY rowid LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, key);
  xarxa_sqlite_bind_text (stmt, 2, except_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return id;
}

GPtrArray *
xarxa_store_list_contacts (XarxaStore  *self,
                           const char  *entity_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (entity_id != NULL, NULL);

  stmt = xarxa_store_prepare (self,
                              "SELECT id FROM contact WHERE entity_id = ?1 AND deleted = 0 "
                              "ORDER BY full_name COLLATE NOCASE, rowid", error);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, entity_id);
  if ((ids = xarxa_store_step_strings (self, stmt, error)) == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *obj = xarxa_store_get_record (self, "contact", ids->pdata[i], error);

      if (obj == NULL)
        return NULL;
      g_ptr_array_add (result, obj);
    }
  return g_steal_pointer (&result);
}

static GPtrArray *
list_strings (XarxaStore  *self,
              const char  *sql,
              GError     **error)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  return xarxa_store_step_strings (self, stmt, error);
}

GPtrArray *
xarxa_store_list_tags (XarxaStore  *self,
                       GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  return list_strings (self,
                       "SELECT DISTINCT j.value FROM entity e, json_each (e.tags) j "
                       "WHERE e.deleted = 0 AND e.tags IS NOT NULL ORDER BY 1 COLLATE NOCASE",
                       error);
}

GPtrArray *
xarxa_store_list_countries (XarxaStore  *self,
                            GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  return list_strings (self,
                       "SELECT DISTINCT country FROM entity INDEXED BY entity_by_country "
                       "WHERE country IS NOT NULL AND deleted = 0 ORDER BY 1",
                       error);
}
