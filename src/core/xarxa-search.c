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

/* ?1 the FTS5 query, ?2 and ?3 the marks, ?4 the limit, ?5 how many
 * matches are ranked.  Columns: id, title, snippet, rank.  Titles and
 * names weigh more than long text.
 *
 * Ranking costs a lookup per match, and a prefix of three letters can be
 * in every one of 20,000 documents: bm25 over all of them took half a
 * second.  So the newest N_RANKED matches are ranked (FTS5 walks its
 * matches by rowid, newest first, without ranking them), the best of
 * those are kept, and only they are joined to their records and given a
 * snippet.  A search whose words are in fewer than N_RANKED records of a
 * kind, as most are, is ranked whole.  The indexes hold live records
 * only (xarxa-store-search.c takes a tombstone's row out), so a record's
 * "deleted" is not read: a document's comes after its long text, and
 * reading it meant reading all of that. */
#define N_RANKED 400

#define RANKED_SEARCH(fts, table, title, weights, match) \
  "SELECT x.id, " title ", snippet (" fts ", -1, ?2, ?3, '…', 12), top.r " \
  "FROM (SELECT rowid, r FROM (SELECT rowid, bm25 (" fts weights ") AS r FROM " fts \
  " WHERE " fts " MATCH " match " ORDER BY rowid DESC LIMIT ?5) ORDER BY r LIMIT ?4) AS top " \
  "CROSS JOIN " fts " ON " fts ".rowid = top.rowid " \
  "CROSS JOIN " table " x ON x.rowid = top.rowid " \
  "WHERE " fts " MATCH " match " ORDER BY top.r"

typedef struct
{
  const char *type;
  const char *sql;
} TypeSearch;

static const TypeSearch type_searches[] = {
  { "entity",
    RANKED_SEARCH ("entity_fts", "entity", "x.name", ", 10.0, 8.0, 1.0, 2.0, 3.0, 1.0, 0.5", "?1") },
  /* The organisations whose people match; the people are picked out below. */
  { "contact",
    RANKED_SEARCH ("entity_fts", "entity", "x.name", "", "'{contacts} : (' || ?1 || ')'") },
  { "cluster",
    RANKED_SEARCH ("cluster_fts", "cluster", "x.name", ", 10.0, 3.0, 1.0, 2.0, 1.0", "?1") },
  { "mission",
    RANKED_SEARCH ("mission_fts", "mission", "x.title", ", 10.0, 3.0, 2.0, 3.0, 1.0", "?1") },
  { "itinerary_stop",
    RANKED_SEARCH ("itinerary_stop_fts", "itinerary_stop", "coalesce (x.title, x.place)",
                   ", 10.0, 5.0, 2.0, 1.0", "?1") },
  { "field_note",
    RANKED_SEARCH ("field_note_fts", "field_note", "replace (substr (x.text, 1, 80), char (10), ' ')",
                   ", 2.0, 1.0", "?1") },
  { "document",
    RANKED_SEARCH ("document_fts", "document", "x.title", ", 10.0, 5.0, 3.0, 1.0, 3.0", "?1") },
};

static const char *const search_types[] = {
  "entity", "contact", "cluster", "mission", "itinerary_stop", "field_note", "document", NULL
};

const char *const *
xarxa_search_types (void)
{
  return search_types;
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
  sqlite3_stmt *stmt;
  guint n_added = 0;
  int rc;

  stmt = xarxa_store_prepare (store, ts->sql, error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, match);
  xarxa_sqlite_bind_text (stmt, 2, mark_start);
  xarxa_sqlite_bind_text (stmt, 3, mark_end);
  sqlite3_bind_int64 (stmt, 4, limit);
  sqlite3_bind_int64 (stmt, 5, MAX (N_RANKED, limit));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XarxaSearchHit *hit = g_new0 (XarxaSearchHit, 1);

      hit->type = g_strdup (ts->type);
      hit->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      hit->snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      hit->rank = sqlite3_column_double (stmt, 3);
      g_ptr_array_add (rows, hit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xarxa_store_sqlite_error (store, rc, error);

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
