/* xarxa-search.c — one search across the four views (see xarxa-search.h).
 *
 * One fixed statement per type: the words go in as a bound FTS5 query
 * (xarxa_fts_query_from_text() quotes them), the marks and the limit as
 * parameters.  A mission's stops and field notes are found too: a stop is
 * titled by its title, a note by the start of its text.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-search"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-search.h"
#include "xarxa-store-private.h"

/* ?1 the FTS5 query, ?2 and ?3 the marks, ?4 how many matches are
 * ranked, ?5 the running best (TopHits).  Columns: rowid, rank, and a
 * snippet for the rows that may be among the best (NULL for the others).
 * Titles and names weigh more than long text.
 *
 * Ranking costs a lookup per match, and a prefix of three letters can be
 * in every one of 20,000 documents: ranking all of them took half a
 * second.  So the newest N_RANKED matches are ranked (FTS5 walks its
 * matches by rowid, newest first, without ranking them) and the best of
 * those are kept.  A search whose words are in fewer than N_RANKED
 * records of a kind, as most are, is ranked whole.  The indexes hold
 * live records only (xarxa-store-search.c takes a tombstone's row out),
 * so a record's "deleted" is not read: a document's comes after its long
 * text, and reading it meant reading all of that.
 *
 * All in one walk over the matches, because each walk costs: FTS5 reads
 * every word a prefix starts, whole, before it gives the first match
 * (six milliseconds for "com" at 100,000 organisations).  Joining the
 * best rows back to the index for their snippets matched the words
 * again for each of them.  Instead, a row gets its snippet as it is
 * walked if it enters the best so far (xarxa_search_keep()): about
 * limit × (1 + ln (N_RANKED / limit)) snippets, the best among them.
 * The rank is xarxa_search_rank(), not bm25(): see rank_function(). */
#define N_RANKED 400

#define RANK(fts, weights) "xarxa_search_rank (" fts weights ")"

#define RANKED_SEARCH(fts, weights, match) \
  "SELECT " fts ".rowid, " RANK (fts, weights) ", " \
  "CASE WHEN xarxa_search_keep (?5, " RANK (fts, weights) ") " \
  "THEN snippet (" fts ", -1, ?2, ?3, '…', 12) END " \
  "FROM " fts " WHERE " fts " MATCH " match " ORDER BY " fts ".rowid DESC LIMIT ?4"

/* The id and title of a hit, read only for the hits returned: reading
 * them for every ranked row was a third of the walk's time. */
#define RECORD(table, title) "SELECT x.id, " title " FROM " table " x WHERE x.rowid = ?1"

typedef struct
{
  const char *type;
  const char *sql;
  const char *sql_record;
} TypeSearch;

static const TypeSearch type_searches[] = {
  { "entity",
    RANKED_SEARCH ("entity_fts", ", 10.0, 8.0, 1.0, 2.0, 3.0, 1.0, 0.5", "?1"),
    RECORD ("entity", "x.name") },
  /* The organisations whose people match; the people are picked out below. */
  { "contact",
    RANKED_SEARCH ("entity_fts", "", "'{contacts} : (' || ?1 || ')'"),
    RECORD ("entity", "x.name") },
  { "cluster",
    RANKED_SEARCH ("cluster_fts", ", 10.0, 3.0, 1.0, 2.0, 1.0", "?1"),
    RECORD ("cluster", "x.name") },
  { "mission",
    RANKED_SEARCH ("mission_fts", ", 10.0, 3.0, 2.0, 3.0, 1.0", "?1"),
    RECORD ("mission", "x.title") },
  { "itinerary_stop",
    RANKED_SEARCH ("itinerary_stop_fts", ", 10.0, 5.0, 2.0, 1.0", "?1"),
    RECORD ("itinerary_stop", "coalesce (x.title, x.place)") },
  { "field_note",
    RANKED_SEARCH ("field_note_fts", ", 2.0, 1.0", "?1"),
    RECORD ("field_note", "replace (substr (x.text, 1, 80), char (10), ' ')") },
  { "document",
    RANKED_SEARCH ("document_fts", ", 10.0, 5.0, 3.0, 1.0, 3.0", "?1"),
    RECORD ("document", "x.title") },
};

static const char *const search_types[] = {
  "entity", "contact", "cluster", "mission", "itinerary_stop", "field_note", "document", NULL
};

const char *const *
xarxa_search_types (void)
{
  return search_types;
}

/* ---- ranking, in SQL ------------------------------------------------------ */

/* BM25's constants, as FTS5's bm25() has them. */
#define BM25_K1 1.2
#define BM25_B  0.75

typedef struct
{
  int     n_columns;
  double *average;   /* each column's average length, in words */
} RankData;

static void
rank_data_free (gpointer data)
{
  RankData *rank_data = data;

  g_free (rank_data->average);
  g_free (rank_data);
}

/* xarxa_search_rank (fts, weight…): BM25 as if each word matched once in
 * each column it is in, lower is better.  FTS5's bm25() counts how often
 * each word is in each column; an index with detail=column does not keep
 * that, so bm25() read and split each ranked row's text again to count:
 * 400 documents of 5 KB, eight milliseconds a search.  Which columns a
 * word is in, and how long they are, the index has at hand.  A word's
 * rarity is not counted either (it would walk its matches once more):
 * every hit has every word of the search anyway.  A weight per column,
 * as bm25()'s; missing ones are 1. */
static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_args,
               sqlite3_value          **args)
{
  RankData *data = api->xGetAuxdata (fts, FALSE);
  int n_phrases = api->xPhraseCount (fts);
  double score = 0;
  int rc;

  if (data == NULL)
    {
      sqlite3_int64 n_rows = 0;

      data = g_new0 (RankData, 1);
      data->n_columns = api->xColumnCount (fts);
      data->average = g_new0 (double, data->n_columns);
      rc = api->xRowCount (fts, &n_rows);
      for (int c = 0; c < data->n_columns && rc == SQLITE_OK; c++)
        {
          sqlite3_int64 total = 0;

          rc = api->xColumnTotalSize (fts, c, &total);
          data->average[c] = n_rows > 0 && total > 0 ? (double) total / n_rows : 1.0;
        }
      if (rc == SQLITE_OK)
        rc = api->xSetAuxdata (fts, data, rank_data_free);
      else
        rank_data_free (data);
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
    }

  for (int p = 0; p < n_phrases; p++)
    {
      Fts5PhraseIter iter;
      int column;

      for (rc = api->xPhraseFirstColumn (fts, p, &iter, &column);
           rc == SQLITE_OK && column >= 0;
           api->xPhraseNextColumn (fts, &iter, &column))
        {
          double weight = column < n_args ? sqlite3_value_double (args[column]) : 1.0;
          int length = 0;

          if ((rc = api->xColumnSize (fts, column, &length)) != SQLITE_OK)
            break;
          score += weight * (BM25_K1 + 1.0) /
                   (1.0 + BM25_K1 * (1.0 - BM25_B + BM25_B * length / data->average[column]));
        }
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
    }
  sqlite3_result_double (context, -score);
}

/* The best ranks seen so far in one walk over the matches, best first. */
typedef struct
{
  guint   limit;
  guint   n;
  double *ranks;
} TopHits;

#define TOP_HITS_POINTER "xarxa-search-top-hits"

/* xarxa_search_keep (top, rank): whether a row of @rank is among the best
 * so far, which it then joins.  A row as good as one kept before it (a
 * newer one) does not: the newer stays first. */
static void
keep_function (sqlite3_context  *context,
               int               n_args,
               sqlite3_value   **args)
{
  TopHits *top = sqlite3_value_pointer (args[0], TOP_HITS_POINTER);
  double rank = sqlite3_value_double (args[1]);
  guint at;

  if (top == NULL)
    {
      sqlite3_result_error (context, "xarxa_search_keep: no list of hits", -1);
      return;
    }
  for (at = top->n; at > 0 && rank < top->ranks[at - 1]; at--)
    ;
  if (at >= top->limit)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  if (top->n < top->limit)
    top->n++;
  memmove (&top->ranks[at + 1], &top->ranks[at], (top->n - 1 - at) * sizeof (double));
  top->ranks[at] = rank;
  sqlite3_result_int (context, 1);
}

static fts5_api *
fts5_api_of (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

/* Gives the store's connection the two functions above, once. */
static gboolean
add_sql_functions (XarxaStore  *store,
                   GError     **error)
{
  static GQuark added_quark;
  sqlite3 *db = xarxa_store_get_db (store);
  fts5_api *api;
  int rc;

  if (added_quark == 0)
    added_quark = g_quark_from_static_string ("xarxa-search-sql-functions");
  if (g_object_get_qdata (G_OBJECT (store), added_quark) != NULL)
    return TRUE;
  api = fts5_api_of (db);
  if (api == NULL)
    {
      g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_FAILED,
                           _("The SQLite library on this system has no full-text search (FTS5), which Xarxa "
                             "needs to search. Install a build of SQLite that includes it."));
      return FALSE;
    }
  rc = api->xCreateFunction (api, "xarxa_search_rank", NULL, rank_function, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "xarxa_search_keep", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                  NULL, keep_function, NULL, NULL);
  if (rc != SQLITE_OK)
    return xarxa_store_sqlite_error (store, rc, error);
  g_object_set_qdata (G_OBJECT (store), added_quark, GINT_TO_POINTER (TRUE));
  return TRUE;
}

void
xarxa_search_hit_free (XarxaSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->type);
  g_free (hit->id);
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/* The folded words of @text, split as the index splits them. */
static GStrv
folded_words (const char *text)
{
  g_autofree char *folded = xarxa_fold_key (text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        g_strv_builder_add (builder, word->str);
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return g_strv_builder_end (builder);
}

/* Whether every query word starts some word of the three @fields (each
 * may be NULL), as the index's prefix match would have it. */
static gboolean
words_match (const char *const *query,
             const char *const *fields)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  for (guint i = 0; i < 3; i++)
    if (fields[i] != NULL)
      {
        g_string_append (all, fields[i]);
        g_string_append_c (all, ' ');
      }
  words = folded_words (all->str);
  for (guint q = 0; query[q] != NULL; q++)
    {
      gboolean found = FALSE;

      for (guint w = 0; words[w] != NULL && !found; w++)
        found = g_str_has_prefix (words[w], query[q]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* The people of organisation @entity_id that the words of @text name. */
static gboolean
add_contacts (XarxaStore  *store,
              GPtrArray   *hits,
              const char  *entity_id,
              const char  *snippet,
              double       rank,
              const char  *const *query,
              guint       *n_added,
              guint        limit,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = xarxa_store_prepare (store,
                              "SELECT id, full_name, email, role FROM contact "
                              "WHERE entity_id = ?1 AND deleted = 0 ORDER BY full_name, id", error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, entity_id);
  while (*n_added < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *fields[3] = {
        (const char *) sqlite3_column_text (stmt, 1),
        (const char *) sqlite3_column_text (stmt, 2),
        (const char *) sqlite3_column_text (stmt, 3),
      };
      XarxaSearchHit *hit;

      if (!words_match (query, fields))
        continue;
      hit = g_new0 (XarxaSearchHit, 1);
      hit->type = g_strdup ("contact");
      hit->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->title = g_strdup (fields[0] != NULL ? fields[0] : fields[1]);
      hit->snippet = g_strdup (snippet);
      hit->rank = rank;
      g_ptr_array_add (hits, hit);
      (*n_added)++;
    }
  if (*n_added >= limit)
    rc = SQLITE_DONE;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xarxa_store_sqlite_error (store, rc, error);
  return TRUE;
}

/* A row of a walk that may be among the best. */
typedef struct
{
  gint64  rowid;
  double  rank;
  char   *snippet;
} Ranked;

static void
clear_ranked (gpointer data)
{
  Ranked *row = data;

  g_clear_pointer (&row->snippet, g_free);
}

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static gboolean
search_type (XarxaStore        *store,
             const TypeSearch  *ts,
             const char        *match,
             const char *const *query,
             guint              limit,
             const char        *mark_start,
             const char        *mark_end,
             GPtrArray         *hits,
             GError           **error)
{
  gboolean contacts = strcmp (ts->type, "contact") == 0;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) xarxa_search_hit_free);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  TopHits top = { 0, 0, NULL };
  sqlite3_stmt *stmt;
  guint n_added = 0;
  int rc;

  g_array_set_clear_func (ranked, clear_ranked);
  stmt = xarxa_store_prepare (store, ts->sql, error);
  if (stmt == NULL)
    return FALSE;
  top.limit = limit;
  top.ranks = g_new (double, limit);
  xarxa_sqlite_bind_text (stmt, 1, match);
  xarxa_sqlite_bind_text (stmt, 2, mark_start);
  xarxa_sqlite_bind_text (stmt, 3, mark_end);
  sqlite3_bind_int64 (stmt, 4, MAX (N_RANKED, limit));
  sqlite3_bind_pointer (stmt, 5, &top, TOP_HITS_POINTER, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Ranked row;

      /* No snippet: it was not among the best when it was walked. */
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        continue;
      row.rowid = sqlite3_column_int64 (stmt, 0);
      row.rank = sqlite3_column_double (stmt, 1);
      row.snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_array_append_val (ranked, row);
    }
  sqlite3_reset (stmt);
  g_free (top.ranks);
  if (rc != SQLITE_DONE)
    return xarxa_store_sqlite_error (store, rc, error);

  /* Best first; of two as good, the newer, which was walked first
   * (GLib's sort keeps the order of equals). */
  g_array_sort (ranked, compare_ranked);
  stmt = xarxa_store_prepare (store, ts->sql_record, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ranked->len && rows->len < limit; i++)
    {
      Ranked *row = &g_array_index (ranked, Ranked, i);
      XarxaSearchHit *hit;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, row->rowid);
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          if (rc == SQLITE_DONE)
            continue;   /* the index is kept in step with the records: not seen */
          return xarxa_store_sqlite_error (store, rc, error);
        }
      hit = g_new0 (XarxaSearchHit, 1);
      hit->type = g_strdup (ts->type);
      hit->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      hit->rank = row->rank;
      hit->snippet = g_steal_pointer (&row->snippet);
      g_ptr_array_add (rows, hit);
    }
  sqlite3_reset (stmt);

  if (!contacts)
    {
      g_ptr_array_extend_and_steal (hits, g_steal_pointer (&rows));
      return TRUE;
    }
  /* Each matching organisation's people, done after the statement above
   * is reset: the contact statement is another one of the same connection. */
  for (guint i = 0; i < rows->len && n_added < limit; i++)
    {
      XarxaSearchHit *org = g_ptr_array_index (rows, i);

      if (!add_contacts (store, hits, org->id, org->snippet, org->rank, query, &n_added, limit, error))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
xarxa_search (XarxaStore         *store,
              const char         *text,
              const char *const  *types,
              guint               limit_per_type,
              const char         *mark_start,
              const char         *mark_end,
              GError            **error)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *match = NULL;
  g_auto(GStrv) query = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (limit_per_type > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (mark_start == NULL)
    mark_start = "";
  if (mark_end == NULL)
    mark_end = "";
  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    if (!g_strv_contains (search_types, types[i]))
      {
        g_autofree char *known = g_strjoinv (", ", (char **) search_types);

        g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                     _("Records of the kind “%s” cannot be searched yet. Search one of: %s."),
                     types[i], known);
        return NULL;
      }

  if (!add_sql_functions (store, error))
    return NULL;
  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) xarxa_search_hit_free);
  match = xarxa_fts_query_from_text (text);
  if (match == NULL)
    return g_steal_pointer (&hits);   /* no word: nothing is found */
  query = folded_words (text);

  for (guint t = 0; t < G_N_ELEMENTS (type_searches); t++)
    {
      if (types != NULL && !g_strv_contains (types, type_searches[t].type))
        continue;
      if (!search_type (store, &type_searches[t], match, (const char *const *) query, limit_per_type,
                        mark_start, mark_end, hits, error))
        return NULL;
    }
  return g_steal_pointer (&hits);
}
