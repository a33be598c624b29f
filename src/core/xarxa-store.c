/* xarxa-store.c — the local SQLite store: the one way records are written.
 *
 * Every write validates its values and, in the same transaction, appends a
 * row to the sync outbox.  Statements are literal SQL (see xarxa-schema.c and
 * xarxa-migrations.c), prepared once per connection and reset after use.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "xarxa-checkpointer.h"
#include "xarxa-migrations.h"
#include "xarxa-json.h"
#include "xarxa-store-private.h"
#include "xarxa-validate.h"

struct _XarxaStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  XarxaCheckpointer *checkpointer;
  GHashTable *statements;     /* const char *sql → sqlite3_stmt* */
  guint       tx_depth;
  gboolean    tx_failed;

  /* Collected while a transaction is open, acted on at its commit. */
  GHashTable *fts_dirty;      /* entity id → GINT_TO_POINTER (new in this transaction) */
  gint64      outbox_added;   /* outbox rows appended in this transaction */
  char       *changed_type;
  char       *changed_id;
  guint       n_changed;

  /* Position of each entity rowid in the directory's two sort orders, so
   * that a search can sort its hits without reading their rows.  Valid
   * while rank_data_version matches and no entity was written here. */
  GArray     *rank[2];          /* gint32 by rowid; -1 = not listed */
  gint64      rank_data_version[2];
};

G_DEFINE_FINAL_TYPE (XarxaStore, xarxa_store, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void invalidate_ranks (XarxaStore *self);

/* ---- errors ------------------------------------------------------------ */

gboolean
xarxa_store_sqlite_error (XarxaStore  *self,
                          int          rc,
                          GError     **error)
{
  int code = rc & 0xff;

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_CORRUPT,
                 _("The database “%s” is damaged (%s). Xarxa has not changed it. "
                   "Restore it from a backup, or sync a new profile from your server."),
                 self->path, sqlite3_errstr (rc));
  else if (code == SQLITE_FULL)
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                 _("The disk is full, so the change could not be saved. Free some space and try again."));
  else if (code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN)
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                 _("The database “%s” cannot be written (%s). Check that the file and its folder are writable."),
                 self->path, sqlite3_errstr (rc));
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                 _("The database is busy with another task. Try again in a moment."));
  else
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
                 _("The database reported an error: %s."),
                 self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

/* ---- statements -------------------------------------------------------- */

sqlite3_stmt *
xarxa_store_prepare (XarxaStore  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      xarxa_store_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

sqlite3 *
xarxa_store_get_db (XarxaStore *self)
{
  return self->db;
}

/* Runs a statement that returns no rows. */
gboolean
xarxa_store_step_done (XarxaStore    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return xarxa_store_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
exec_literal (XarxaStore  *self,
              const char  *sql,
              GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return xarxa_store_sqlite_error (self, rc, error);
  return TRUE;
}

void
xarxa_sqlite_bind_text (sqlite3_stmt *stmt,
                        int           index,
                        const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* ---- values ------------------------------------------------------------ */

/* Ids are time-ordered UUIDs, version 7 of RFC 9562: 48 bits of Unix
 * time in milliseconds, then a 12-bit counter, then 62 random bits.  Ids
 * made one after the other sort in the order they were made, so the
 * indexes on ids (and on the organisation a contact belongs to) take them
 * at their end instead of on a random page each: at 100,000 organisations
 * that made an import 30 % faster and a first sync 20 % faster.  GLib makes
 * only random version-4 ids, and util-linux's libuuid in Debian 12 no
 * version 7 ones; this is also written out by hand, without printf, since
 * an import makes two ids per row.
 *
 * Within a millisecond, and when the clock goes back, the counter goes on
 * from the last id; when it runs out, the time part moves a millisecond
 * ahead, as RFC 9562 allows.  It starts at a random number below 2048, so
 * a millisecond holds at least 2048 ids.  */
G_LOCK_DEFINE_STATIC (uuid_clock);

char *
xarxa_new_uuid (void)
{
  static const char hex[] = "0123456789abcdef";
  static guint64 last_ms;
  static guint32 counter;
  guint8 bytes[16];
  char *out = g_malloc (37), *p = out;
  guint64 ms = (guint64) (g_get_real_time () / 1000);
  guint32 r1 = g_random_int (), r2 = g_random_int ();

  G_LOCK (uuid_clock);
  if (ms > last_ms)
    {
      last_ms = ms;
      counter = r1 & 0x7ff;
    }
  else if (++counter > 0xfff)
    {
      last_ms++;
      counter = r1 & 0x7ff;
    }
  ms = last_ms;
  bytes[6] = 0x70 | (counter >> 8);   /* version 7 */
  bytes[7] = counter & 0xff;
  G_UNLOCK (uuid_clock);

  for (guint i = 0; i < 6; i++)
    bytes[i] = (ms >> (8 * (5 - i))) & 0xff;
  bytes[8] = 0x80 | ((r1 >> 24) & 0x3f);   /* RFC 9562 variant */
  bytes[9] = (r1 >> 16) & 0xff;
  for (guint i = 0; i < 4; i++)
    bytes[10 + i] = (r2 >> (8 * i)) & 0xff;
  r1 = g_random_int ();
  bytes[14] = r1 & 0xff;
  bytes[15] = (r1 >> 8) & 0xff;
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0xf];
    }
  *p = '\0';
  return out;
}

static char *
put_digits (char *p,
            int   value,
            int   n)
{
  for (int i = n - 1; i >= 0; i--, value /= 10)
    p[i] = (char) ('0' + value % 10);
  return p + n;
}

char *
xarxa_now_iso8601 (void)
{
  gint64 now = g_get_real_time ();
  time_t seconds = (time_t) (now / G_USEC_PER_SEC);
  char *out = g_malloc (25), *p = out;
  struct tm tm;

  if (gmtime_r (&seconds, &tm) == NULL)
    memset (&tm, 0, sizeof tm);
  /* 2026-11-25T10:00:00.123Z: milliseconds, as DESIGN.md says. */
  p = put_digits (p, CLAMP (tm.tm_year + 1900, 0, 9999), 4);
  *p++ = '-';
  p = put_digits (p, tm.tm_mon + 1, 2);
  *p++ = '-';
  p = put_digits (p, tm.tm_mday, 2);
  *p++ = 'T';
  p = put_digits (p, tm.tm_hour, 2);
  *p++ = ':';
  p = put_digits (p, tm.tm_min, 2);
  *p++ = ':';
  p = put_digits (p, tm.tm_sec, 2);
  *p++ = '.';
  p = put_digits (p, (int) (now % G_USEC_PER_SEC / 1000), 3);
  *p++ = 'Z';
  *p = '\0';
  return out;
}

char *
xarxa_fold_key (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  /* Decompose, drop the combining marks, fold case: "Cooperació" and
   * "COOPERACIO" give the same key. */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
          t == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (g_unichar_isspace (c))
        {
          /* Collapse runs of white space and trim them. */
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_unichar (out, c);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

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

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* Sets are stored as sorted JSON arrays of unique strings, NULL when empty. */
static char *
set_to_text (JsonNode *node)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  JsonArray *array;
  GString *out;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);
      gboolean seen = FALSE;

      if (s == NULL || *s == '\0')
        continue;
      for (guint j = 0; j < items->len && !seen; j++)
        seen = strcmp (items->pdata[j], s) == 0;
      if (!seen)
        g_ptr_array_add (items, (gpointer) s);
    }
  if (items->len == 0)
    return NULL;
  g_ptr_array_sort (items, compare_strings);
  out = g_string_sized_new (64);
  g_string_append_c (out, '[');
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      xarxa_json_append_string (out, items->pdata[i]);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static JsonNode *
set_from_text (const char *text)
{
  JsonNode *root;

  if (text == NULL || *text == '\0')
    return json_node_new (JSON_NODE_NULL);
  root = xarxa_json_parse (text, -1, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_clear_pointer (&root, json_node_unref);
      return json_node_new (JSON_NODE_NULL);
    }
  return root;
}

static gboolean
node_is_empty (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node) == NULL || *json_node_get_string (node) == '\0';
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  return FALSE;
}

/* Brings a value to its canonical form for its field: text trimmed, empty
 * text and empty sets as null, sets sorted.  Returns a new node. */
static JsonNode *
normalize_value (const XarxaFieldInfo *field,
                 JsonNode             *node)
{
  if (node_is_empty (node))
    return json_node_new (JSON_NODE_NULL);

  switch (field->kind)
    {
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_REF:
      {
        g_autofree char *s = g_strdup (json_node_get_string (node));

        g_strstrip (s);
        if (*s == '\0')
          return json_node_new (JSON_NODE_NULL);
        return json_node_init_string (json_node_alloc (), s);
      }
    case XARXA_FIELD_SET:
      {
        g_autofree char *text = set_to_text (node);

        return set_from_text (text);
      }
    case XARXA_FIELD_INT:
      return json_node_init_int (json_node_alloc (), json_node_get_int (node));
    case XARXA_FIELD_REAL:
      return json_node_init_double (json_node_alloc (), json_node_get_double (node));
    case XARXA_FIELD_BOOL:
      return json_node_init_boolean (json_node_alloc (), json_node_get_boolean (node));
    default:
      g_assert_not_reached ();
    }
}

static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  gboolean a_empty = node_is_empty (a);
  gboolean b_empty = node_is_empty (b);

  if (a_empty || b_empty)
    return a_empty == b_empty;
  return json_node_equal (a, b);
}

static void
bind_field (sqlite3_stmt         *stmt,
            int                   index,
            const XarxaFieldInfo *field,
            JsonNode             *node)
{

  if (node_is_empty (node))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  switch (field->kind)
    {
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_REF:
      /* The record outlives the step; the caller clears the bindings. */
      sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_STATIC);
      break;
    case XARXA_FIELD_INT:
      sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
      break;
    case XARXA_FIELD_REAL:
      sqlite3_bind_double (stmt, index, json_node_get_double (node));
      break;
    case XARXA_FIELD_BOOL:
      sqlite3_bind_int (stmt, index, json_node_get_boolean (node) ? 1 : 0);
      break;
    case XARXA_FIELD_SET:
      {
        char *text = set_to_text (node);

        if (text == NULL)
          sqlite3_bind_null (stmt, index);
        else
          sqlite3_bind_text (stmt, index, text, -1, g_free);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The statements of xarxa-schema.c name their parameters in one order:
 * the fields, then for an insert the name key (when the type keeps one),
 * id, created_at, updated_at, deleted, version; for an update updated_at,
 * deleted, version, id.  Binding by that position spares SQLite's search
 * by name, which compares every parameter's name in turn. */
static int
param_at (sqlite3_stmt *stmt,
          int           index,
          const char   *name)
{
  g_assert (g_strcmp0 (sqlite3_bind_parameter_name (stmt, index), name) == 0);
  return index;
}

/* Binds text that outlives the statement's step: no copy is made, so the
 * caller clears the bindings (step_and_clear) before the text goes. */
static void
bind_static (sqlite3_stmt *stmt,
             int           index,
             const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static gboolean
step_and_clear (XarxaStore    *self,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  gboolean ok = xarxa_store_step_done (self, stmt, error);

  sqlite3_clear_bindings (stmt);
  return ok;
}

static JsonNode *
column_to_node (sqlite3_stmt         *stmt,
                int                   col,
                const XarxaFieldInfo *field)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return json_node_new (JSON_NODE_NULL);

  switch (field->kind)
    {
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_REF:
      return json_node_init_string (json_node_alloc (),
                                    (const char *) sqlite3_column_text (stmt, col));
    case XARXA_FIELD_INT:
      return json_node_init_int (json_node_alloc (), sqlite3_column_int64 (stmt, col));
    case XARXA_FIELD_REAL:
      return json_node_init_double (json_node_alloc (), sqlite3_column_double (stmt, col));
    case XARXA_FIELD_BOOL:
      return json_node_init_boolean (json_node_alloc (), sqlite3_column_int (stmt, col) != 0);
    case XARXA_FIELD_SET:
      return set_from_text ((const char *) sqlite3_column_text (stmt, col));
    default:
      g_assert_not_reached ();
    }
}

JsonObject *
xarxa_store_row_to_object (const XarxaRecordType *type,
                           sqlite3_stmt          *stmt)
{
  JsonObject *obj = json_object_new ();

  for (guint i = 0; i < type->n_fields; i++)
    json_object_set_member (obj, type->fields[i].name,
                            column_to_node (stmt, (int) i, &type->fields[i]));
  json_object_set_string_member (obj, "id",
                                 (const char *) sqlite3_column_text (stmt, XARXA_COL_ID (type)));
  json_object_set_string_member (obj, "created_at",
                                 (const char *) sqlite3_column_text (stmt, XARXA_COL_CREATED_AT (type)));
  json_object_set_string_member (obj, "updated_at",
                                 (const char *) sqlite3_column_text (stmt, XARXA_COL_UPDATED_AT (type)));
  json_object_set_boolean_member (obj, "deleted",
                                  sqlite3_column_int (stmt, XARXA_COL_DELETED (type)) != 0);
  json_object_set_int_member (obj, "version",
                              sqlite3_column_int64 (stmt, XARXA_COL_VERSION (type)));
  return obj;
}

/* ---- open -------------------------------------------------------------- */

static void
xarxa_store_finalize (GObject *object)
{
  XarxaStore *self = XARXA_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL && self->checkpointer != NULL)
    sqlite3_wal_hook (self->db, NULL, NULL);
  g_clear_pointer (&self->checkpointer, xarxa_checkpointer_free);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->fts_dirty, g_hash_table_unref);
  g_clear_pointer (&self->rank[0], g_array_unref);
  g_clear_pointer (&self->rank[1], g_array_unref);
  g_free (self->changed_type);
  g_free (self->changed_id);
  g_free (self->path);

  G_OBJECT_CLASS (xarxa_store_parent_class)->finalize (object);
}

static void
xarxa_store_class_init (XarxaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xarxa_store_finalize;

  /**
   * XarxaStore::changed:
   * @type_name: the record type that changed
   * @id: (nullable): the record, or %NULL when many changed at once
   *
   * Emitted after a change is committed.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING, G_TYPE_STRING);
}

static void
xarxa_store_init (XarxaStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->fts_dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Looks at a file before SQLite does, so that a file that is not a database
 * is reported as such and never touched. */
static gboolean
check_file_header (const char  *path,
                   gboolean    *exists,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  char header[16];
  gsize n_read = 0;

  in = g_file_read (file, NULL, &local_error);
  if (in == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          *exists = FALSE;
          return TRUE;
        }
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                   _("The database “%s” cannot be read: %s."), path, local_error->message);
      return FALSE;
    }
  *exists = TRUE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &n_read, NULL, &local_error))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                   _("The database “%s” cannot be read: %s."), path, local_error->message);
      return FALSE;
    }
  if (n_read == 0)
    {
      /* An empty file: SQLite treats it as a new database. */
      return TRUE;
    }
  if (n_read < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_XARXA,
                   _("“%s” is not a Xarxa database. Xarxa has not changed it. "
                     "Open another file, or move this one away to start a new database."),
                   path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (XarxaStore  *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return xarxa_store_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
migrate (XarxaStore  *self,
         gint64       from,
         GError     **error)
{
  if (!exec_literal (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint v = (guint) from; v < xarxa_n_migrations; v++)
    {
      if (!exec_literal (self, xarxa_migrations[v], error))
        {
          exec_literal (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  /* PRAGMA takes no parameters; the version is a compile-time constant. */
  G_STATIC_ASSERT (XARXA_SCHEMA_VERSION == 4);
  g_assert (xarxa_n_migrations == XARXA_SCHEMA_VERSION);
  if (!exec_literal (self, "PRAGMA user_version = 4", error) ||
      !exec_literal (self, "PRAGMA application_id = 1480675928", error) ||
      !exec_literal (self, "COMMIT", error))
    {
      exec_literal (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}
G_STATIC_ASSERT (XARXA_APPLICATION_ID == 1480675928);

static XarxaStore *store_open (const char *path, gboolean create, GError **error);

XarxaStore *
xarxa_store_open (const char  *path,
                  GError     **error)
{
  return store_open (path, TRUE, error);
}

/**
 * xarxa_store_open_existing:
 *
 * As xarxa_store_open(), but never makes a new database: for a second
 * connection (a worker thread) to the file the app already has open, which
 * must not create an empty one if the file was moved away meanwhile.
 */
XarxaStore *
xarxa_store_open_existing (const char  *path,
                           GError     **error)
{
  return store_open (path, FALSE, error);
}

static XarxaStore *
store_open (const char  *path,
            gboolean     create,
            GError     **error)
{
  g_autoptr(XarxaStore) self = NULL;
  gboolean exists = FALSE;
  gint64 app_id = 0, user_version = 0, n_objects = 0;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_file_header (path, &exists, error))
    return NULL;
  if (!exists && !create)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("The database “%s” is no longer there. It may have been moved or deleted; open it again from where it is now."),
                   path);
      return NULL;
    }

  self = g_object_new (XARXA_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                       _("The folder “%s” cannot be created: %s."), dir, g_strerror (saved));
          return NULL;
        }
      flags |= SQLITE_OPEN_CREATE;
    }

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      xarxa_store_sqlite_error (self, rc, error);
      return NULL;
    }
  /* Until the file is known to be ours and readable, closing must not fold
   * its write-ahead log into it (nor delete the log): a damaged database
   * is left exactly as it was found. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 10000);
  xarxa_json_add_sql_functions (self->db);

  /* Read before writing anything: whose file is it, and which version? */
  if (!query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "PRAGMA user_version", &user_version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return NULL;

  if (n_objects > 0 && app_id != XARXA_APPLICATION_ID)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_XARXA,
                   _("“%s” is a database of another program, not of Xarxa. Xarxa has not changed it. "
                     "Open another file, or move this one away to start a new database."),
                   path);
      return NULL;
    }
  if (user_version > XARXA_SCHEMA_VERSION)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Xarxa (database version %d; this one reads up to %d). "
                     "Xarxa has not changed it. Update Xarxa to open it."),
                   path, (int) user_version, XARXA_SCHEMA_VERSION);
      return NULL;
    }

  /* A new database gets 16 KB pages instead of SQLite's 4 KB: an import
   * or a first sync, which write hundreds of megabytes, went 10-20 %
   * faster (fewer pages to split, find and log); searches and start-up
   * measured the same.  A database made before keeps its pages. */
  if (n_objects == 0 && !exec_literal (self, "PRAGMA page_size = 16384", error))
    return NULL;
  if (!exec_literal (self, "PRAGMA journal_mode = WAL", error) ||
      !exec_literal (self, "PRAGMA synchronous = NORMAL", error) ||
      !exec_literal (self, "PRAGMA foreign_keys = ON", error) ||
      !exec_literal (self, "PRAGMA temp_store = MEMORY", error) ||
      !exec_literal (self, "PRAGMA cache_size = -32000", error) ||
      /* After a big sync the log is cut back to 64 MB when it starts over. */
      !exec_literal (self, "PRAGMA journal_size_limit = 67108864", error))
    return NULL;
  self->checkpointer = xarxa_checkpointer_new (path);
  xarxa_checkpointer_watch (self->checkpointer, self->db);

  if (user_version < XARXA_SCHEMA_VERSION && !migrate (self, user_version, error))
    return NULL;
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  return g_steal_pointer (&self);
}

void
xarxa_store_set_bulk_cache (XarxaStore *self)
{
  g_return_if_fail (XARXA_IS_STORE (self));
  /* 256 MB: enough for the indexes of 100,000 organisations and their
   * people; freed when this connection closes. */
  exec_literal (self, "PRAGMA cache_size = -262144", NULL);
}

const char *
xarxa_store_get_path (XarxaStore *self)
{
  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  return self->path;
}

/* ---- changes and transactions ----------------------------------------- */

static void
invalidate_ranks (XarxaStore *self)
{
  g_clear_pointer (&self->rank[0], g_array_unref);
  g_clear_pointer (&self->rank[1], g_array_unref);
}

static void
note_changed (XarxaStore *self,
              const char *type_name,
              const char *id)
{
  if (g_strcmp0 (type_name, "entity") == 0)
    invalidate_ranks (self);
  if (self->n_changed == 0)
    {
      self->changed_type = g_strdup (type_name);
      self->changed_id = g_strdup (id);
    }
  else
    {
      if (g_strcmp0 (self->changed_type, type_name) != 0)
        g_clear_pointer (&self->changed_type, g_free);
      if (g_strcmp0 (self->changed_id, id) != 0)
        g_clear_pointer (&self->changed_id, g_free);
    }
  self->n_changed++;
}

static void
flush_changed (XarxaStore *self)
{
  g_autofree char *type_name = g_steal_pointer (&self->changed_type);
  g_autofree char *id = g_steal_pointer (&self->changed_id);
  guint n = self->n_changed;

  self->n_changed = 0;
  if (n > 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, type_name, id);
}

void
xarxa_store_emit_changed (XarxaStore *self,
                          const char *type_name,
                          const char *id)
{
  g_return_if_fail (XARXA_IS_STORE (self));
  if (type_name == NULL || g_strcmp0 (type_name, "entity") == 0)
    invalidate_ranks (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, type_name, id);
}

gboolean
xarxa_store_begin (XarxaStore  *self,
                   GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (self), FALSE);

  if (self->tx_depth == 0)
    {
      if (!exec_literal (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->tx_failed = FALSE;
    }
  self->tx_depth++;
  return TRUE;
}

static gboolean flush_fts (XarxaStore *self, GError **error);

static gboolean
flush_outbox_size (XarxaStore  *self,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  if (self->outbox_added == 0)
    return TRUE;
  stmt = xarxa_store_prepare (self, "UPDATE outbox_size SET n = n + ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->outbox_added);
  self->outbox_added = 0;
  return xarxa_store_step_done (self, stmt, error);
}

gboolean
xarxa_store_commit (XarxaStore  *self,
                    GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (--self->tx_depth > 0)
    return TRUE;

  if (self->tx_failed)
    {
      exec_literal (self, "ROLLBACK", NULL);
      self->outbox_added = 0;
      g_hash_table_remove_all (self->fts_dirty);
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
                   _("An earlier step of this change failed, so none of it was saved."));
      return FALSE;
    }
  if (!flush_fts (self, error) || !flush_outbox_size (self, error) ||
      !exec_literal (self, "COMMIT", error))
    {
      exec_literal (self, "ROLLBACK", NULL);
      self->outbox_added = 0;
      g_hash_table_remove_all (self->fts_dirty);
      self->n_changed = 0;
      g_clear_pointer (&self->changed_type, g_free);
      g_clear_pointer (&self->changed_id, g_free);
      return FALSE;
    }
  flush_changed (self);
  return TRUE;
}

void
xarxa_store_rollback (XarxaStore *self)
{
  g_return_if_fail (XARXA_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  if (--self->tx_depth > 0)
    {
      /* An inner rollback dooms the whole transaction. */
      self->tx_failed = TRUE;
      return;
    }
  exec_literal (self, "ROLLBACK", NULL);
  self->outbox_added = 0;
  g_hash_table_remove_all (self->fts_dirty);
  self->n_changed = 0;
  g_clear_pointer (&self->changed_type, g_free);
  g_clear_pointer (&self->changed_id, g_free);
}

/* ---- full-text index --------------------------------------------------- */

static void
mark_fts_dirty (XarxaStore *self,
                const char *entity_id,
                gboolean    is_new)
{
  gpointer was_new;

  if (entity_id == NULL)
    return;
  if (g_hash_table_lookup_extended (self->fts_dirty, entity_id, NULL, &was_new))
    is_new = is_new || GPOINTER_TO_INT (was_new);
  g_hash_table_insert (self->fts_dirty, g_strdup (entity_id), GINT_TO_POINTER (is_new));
}

/* Marks the search rows a write changes: an organisation's own, or those
 * of the organisations a contact belonged to and belongs to. */
static void
mark_search_rows (XarxaStore            *self,
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
  g_autoptr(JsonNode) node = set_from_text (json_text);

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
static gboolean
flush_fts (XarxaStore  *self,
           GError     **error)
{
  g_autoptr(GArray) dirty = g_array_sized_new (FALSE, FALSE, sizeof (DirtyEntity),
                                               g_hash_table_size (self->fts_dirty));
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (self->fts_dirty) == 0)
    return TRUE;
  stmt = xarxa_store_prepare (self, "SELECT rowid FROM entity WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, self->fts_dirty);
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
  g_hash_table_remove_all (self->fts_dirty);
  return TRUE;
}

gboolean
xarxa_store_after_write (XarxaStore            *self,
                         const XarxaRecordType *type,
                         JsonObject            *before,
                         JsonObject            *after,
                         GError               **error)
{
  if (strcmp (type->name, "entity") == 0)
    {
      const char *id = json_object_get_string_member (after, "id");
      const char *old_name = before ? json_object_get_string_member_with_default (before, "name", NULL) : NULL;
      const char *new_name = json_object_get_string_member_with_default (after, "name", NULL);

      /* A new row got its key when it was inserted (write_row). */
      if (before != NULL && g_strcmp0 (old_name, new_name) != 0)
        {
          g_autofree char *key = xarxa_fold_key (new_name);
          sqlite3_stmt *stmt = xarxa_store_prepare (self,
                                                    "UPDATE entity SET name_key = ?1 WHERE id = ?2",
                                                    error);
          if (stmt == NULL)
            return FALSE;
          xarxa_sqlite_bind_text (stmt, 1, key);
          xarxa_sqlite_bind_text (stmt, 2, id);
          if (!xarxa_store_step_done (self, stmt, error))
            return FALSE;
        }
      mark_search_rows (self, type, id, NULL, NULL, before == NULL);
    }
  else
    mark_search_rows (self, type, NULL,
                      before != NULL ? json_object_get_string_member_with_default (before, "entity_id", NULL) : NULL,
                      json_object_get_string_member_with_default (after, "entity_id", NULL),
                      FALSE);
  return TRUE;
}

/* ---- records ------------------------------------------------------------ */

static const XarxaRecordType *
lookup_type (const char  *type_name,
             GError     **error)
{
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);

  if (type == NULL)
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                 _("“%s” is not a kind of record Xarxa knows."), type_name);
  return type;
}

/* The members a shadow holds: the fields, the times and the deleted flag,
 * as the server sends them. */
JsonObject *
xarxa_store_record_as_shadow (const XarxaRecordType *type,
                              JsonObject            *record)
{
  static const char *const bookkeeping[] = { "created_at", "updated_at", "deleted" };
  JsonObject *shadow = json_object_new ();

  for (guint i = 0; i < type->n_fields; i++)
    if (json_object_has_member (record, type->fields[i].name))
      json_object_set_member (shadow, type->fields[i].name,
                              json_node_copy (json_object_get_member (record, type->fields[i].name)));
  for (guint i = 0; i < G_N_ELEMENTS (bookkeeping); i++)
    if (json_object_has_member (record, bookkeeping[i]))
      json_object_set_member (shadow, bookkeeping[i],
                              json_node_copy (json_object_get_member (record, bookkeeping[i])));
  return shadow;
}

/* Before a change of this device's own: a shadow kept as '' ("as the
 * record stands") is written out from @record, the record as it is before
 * the change, which is what the server holds. */
static gboolean
keep_shadow (XarxaStore            *self,
             const XarxaRecordType *type,
             JsonObject            *record,
             GError               **error)
{
  const char *id = json_object_get_string_member (record, "id");
  g_autoptr(JsonObject) shadow = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = xarxa_store_prepare (self,
                              "SELECT 1 FROM shadow WHERE record_type = ?1 AND record_id = ?2 AND data = ''",
                              error);
  if (stmt == NULL)
    return FALSE;
  bind_static (stmt, 1, type->name);
  bind_static (stmt, 2, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return xarxa_store_sqlite_error (self, rc, error);

  shadow = xarxa_store_record_as_shadow (type, record);
  text = xarxa_json_object_to_text (shadow);
  stmt = xarxa_store_prepare (self,
                              "UPDATE shadow SET data = ?3 WHERE record_type = ?1 AND record_id = ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  bind_static (stmt, 1, type->name);
  bind_static (stmt, 2, id);
  bind_static (stmt, 3, text);
  return step_and_clear (self, stmt, error);
}

static gboolean
append_outbox_text (XarxaStore  *self,
                    const char  *type_name,
                    const char  *id,
                    const char  *op,
                    const char  *fields_text,
                    const char  *before_text,
                    gint64       base_version,
                    const char  *now,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = xarxa_store_prepare (self,
                              "INSERT INTO outbox (record_type, record_id, op, fields, before, base_version, created_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  bind_static (stmt, 1, type_name);
  bind_static (stmt, 2, id);
  bind_static (stmt, 3, op);
  bind_static (stmt, 4, fields_text);
  bind_static (stmt, 5, before_text);
  sqlite3_bind_int64 (stmt, 6, base_version);
  bind_static (stmt, 7, now);
  if (!step_and_clear (self, stmt, error))
    return FALSE;
  self->outbox_added++;
  /* Outside a transaction the count is written now, else at its commit. */
  return self->tx_depth > 0 || flush_outbox_size (self, error);
}

gboolean
xarxa_store_append_outbox (XarxaStore  *self,
                           const char  *type_name,
                           const char  *id,
                           const char  *op,
                           JsonObject  *fields,
                           JsonObject  *before,
                           gint64       base_version,
                           const char  *now,
                           GError     **error)
{
  g_autofree char *fields_text = xarxa_json_object_to_text (fields);
  g_autofree char *before_text = xarxa_json_object_to_text (before);

  return append_outbox_text (self, type_name, id, op, fields_text, before_text, base_version, now, error);
}

static JsonObject *
get_record (XarxaStore             *self,
            const XarxaRecordType  *type,
            const char             *id,
            GError                **error)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (self, type->sql_select, error);
  JsonObject *obj = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    obj = xarxa_store_row_to_object (type, stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                 _("The record %s was not found. It may have been removed on another device."), id);
  else
    xarxa_store_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return obj;
}

JsonObject *
xarxa_store_get_record (XarxaStore  *self,
                        const char  *type_name,
                        const char  *id,
                        GError     **error)
{
  const XarxaRecordType *type;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if ((type = lookup_type (type_name, error)) == NULL)
    return NULL;
  return get_record (self, type, id, error);
}

/* The bookkeeping columns of a row written by write_row(). */
typedef struct
{
  const char *id;
  const char *created_at;   /* inserts only */
  const char *updated_at;
  gboolean    deleted;
  gint64      version;
} RowMeta;

static gboolean
write_row (XarxaStore            *self,
           const XarxaRecordType *type,
           JsonObject            *record,
           const RowMeta         *meta,
           gboolean               insert,
           const char            *name_key,
           GError               **error)
{
  gboolean keyed = insert && type->sql_insert_keyed != NULL;
  sqlite3_stmt *stmt = xarxa_store_prepare (self,
                                            keyed ? type->sql_insert_keyed : insert ? type->sql_insert : type->sql_update,
                                            error);
  int n = (int) type->n_fields;

  if (stmt == NULL)
    return FALSE;
  if (keyed)
    {
      char *key = name_key != NULL ? NULL
                  : xarxa_fold_key (json_object_get_string_member_with_default (record, "name", NULL));

      n++;
      if (key != NULL)
        sqlite3_bind_text (stmt, param_at (stmt, n, ":name_key"), key, -1, g_free);
      else
        bind_static (stmt, param_at (stmt, n, ":name_key"), name_key);
    }
  if (strcmp (type->name, "entity") == 0)
    invalidate_ranks (self);
  /* The statements name the fields first, in field order (xarxa-schema.c),
   * so field i is parameter i + 1.  A field the record lacks is empty. */
  g_assert (g_str_equal (sqlite3_bind_parameter_name (stmt, 1) + 1, type->fields[0].name));
  g_assert (g_str_equal (sqlite3_bind_parameter_name (stmt, (int) type->n_fields) + 1,
                         type->fields[type->n_fields - 1].name));
  for (guint i = 0; i < type->n_fields; i++)
    bind_field (stmt, (int) i + 1, &type->fields[i],
                json_object_get_member (record, type->fields[i].name));
  if (insert)
    {
      bind_static (stmt, param_at (stmt, n + 1, ":id"), meta->id);
      bind_static (stmt, param_at (stmt, n + 2, ":created_at"), meta->created_at);
      n += 2;
    }
  bind_static (stmt, param_at (stmt, n + 1, ":updated_at"), meta->updated_at);
  sqlite3_bind_int (stmt, param_at (stmt, n + 2, ":deleted"), meta->deleted ? 1 : 0);
  sqlite3_bind_int64 (stmt, param_at (stmt, n + 3, ":version"), meta->version);
  if (!insert)
    bind_static (stmt, param_at (stmt, n + 4, ":id"), meta->id);
  return step_and_clear (self, stmt, error);
}

/* Writes a whole row (insert or update) from a record object that has every
 * field plus the bookkeeping members. */
gboolean
xarxa_store_write_row (XarxaStore            *self,
                       const XarxaRecordType *type,
                       JsonObject            *record,
                       gboolean               insert,
                       GError               **error)
{
  RowMeta meta = {
    json_object_get_string_member (record, "id"),
    insert ? json_object_get_string_member (record, "created_at") : NULL,
    json_object_get_string_member (record, "updated_at"),
    json_object_get_boolean_member_with_default (record, "deleted", FALSE),
    json_object_get_int_member_with_default (record, "version", 0),
  };

  return write_row (self, type, record, &meta, insert, NULL, error);
}

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* Whether @node, as a server sent it, holds a value of the kind @field
 * keeps; an empty value, or one of another type, is kept as empty (by
 * bind_remote_field() here and the sync engine's local_value()). */
gboolean
xarxa_field_accepts_remote (const XarxaFieldInfo *field,
                            JsonNode             *node)
{
  if (node_is_empty (node))
    return FALSE;
  switch (field->kind)
    {
    case XARXA_FIELD_REAL:
      return is_number (node);
    case XARXA_FIELD_INT:
      /* A whole number may come as 3.0; one no integer holds is refused. */
      return is_number (node) &&
             (json_node_get_value_type (node) == G_TYPE_INT64 || fabs (json_node_get_double (node)) < 9.2e18);
    case XARXA_FIELD_BOOL:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    case XARXA_FIELD_SET:
      return JSON_NODE_HOLDS_ARRAY (node);
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_REF:
    default:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    }
}

/* Binds a value as the server sent it, in the form the store keeps. */
static void
bind_remote_field (sqlite3_stmt         *stmt,
                   int                   index,
                   const XarxaFieldInfo *field,
                   JsonNode             *node)
{
  char *text;

  if (!xarxa_field_accepts_remote (field, node))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  switch (field->kind)
    {
    case XARXA_FIELD_REAL:
      sqlite3_bind_double (stmt, index, json_node_get_double (node));
      break;
    case XARXA_FIELD_INT:
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
      else
        sqlite3_bind_int64 (stmt, index, (gint64) json_node_get_double (node));
      break;
    case XARXA_FIELD_BOOL:
      sqlite3_bind_int (stmt, index, json_node_get_boolean (node) ? 1 : 0);
      break;
    case XARXA_FIELD_SET:
      if ((text = set_to_text (node)) != NULL)
        sqlite3_bind_text (stmt, index, text, -1, g_free);
      else
        sqlite3_bind_null (stmt, index);
      break;
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_REF:
    default:
      /* The fields outlive the step; the caller clears the bindings. */
      sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_STATIC);
      break;
    }
}

/* A first sync inserts nearly every record it pulls: this binds the
 * server's fields directly instead of building a local record object, and
 * does nothing (*@inserted FALSE) when this device holds the id already,
 * so that a first sync needs no lookup before each insert. */
gboolean
xarxa_store_insert_remote (XarxaStore            *self,
                           const XarxaRecordType *type,
                           const char            *id,
                           JsonObject            *fields,
                           const char            *created_at,
                           const char            *updated_at,
                           gboolean               deleted,
                           gint64                 version,
                           gboolean              *inserted,
                           GError               **error)
{
  gboolean keyed = type->sql_insert_keyed != NULL;
  sqlite3_stmt *stmt = xarxa_store_prepare (self, type->sql_insert_new, error);
  gboolean entity = strcmp (type->name, "entity") == 0;
  int n;

  *inserted = FALSE;
  if (stmt == NULL)
    return FALSE;
  if (entity)
    invalidate_ranks (self);
  for (guint i = 0; i < type->n_fields; i++)
    bind_remote_field (stmt, (int) i + 1, &type->fields[i],
                       json_object_get_member (fields, type->fields[i].name));
  n = (int) type->n_fields;
  if (keyed)
    {
      JsonNode *name = json_object_get_member (fields, "name");
      const char *text = id;
      char *key;

      /* The local table needs a name; show the id rather than lose the row. */
      if (!node_is_empty (name) && JSON_NODE_HOLDS_VALUE (name) &&
          json_node_get_value_type (name) == G_TYPE_STRING)
        text = json_node_get_string (name);
      else
        bind_static (stmt, sqlite3_bind_parameter_index (stmt, ":name"), id);
      key = xarxa_fold_key (text);
      n++;
      sqlite3_bind_text (stmt, param_at (stmt, n, ":name_key"), key, -1, g_free);
    }
  bind_static (stmt, param_at (stmt, n + 1, ":id"), id);
  bind_static (stmt, param_at (stmt, n + 2, ":created_at"), created_at);
  bind_static (stmt, param_at (stmt, n + 3, ":updated_at"), updated_at);
  sqlite3_bind_int (stmt, param_at (stmt, n + 4, ":deleted"), deleted);
  sqlite3_bind_int64 (stmt, param_at (stmt, n + 5, ":version"), version);
  if (!step_and_clear (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return TRUE;   /* held already */
  *inserted = TRUE;
  {
    const XarxaFieldInfo *ref = xarxa_record_type_field (type, "entity_id");
    JsonNode *entity_id = json_object_get_member (fields, "entity_id");

    mark_search_rows (self, type, id, NULL,
                      ref != NULL && xarxa_field_accepts_remote (ref, entity_id) ? json_node_get_string (entity_id) : NULL,
                      TRUE);
  }
  return TRUE;
}

static gboolean
id_in_use (XarxaStore            *self,
           const XarxaRecordType *type,
           const char            *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) existing = get_record (self, type, id, &error);

  return existing != NULL;
}

struct _XarxaNewRecord
{
  const XarxaRecordType *type;
  JsonObject            *record;        /* the fields with a value, and the id */
  char                  *id;
  char                  *now;
  char                  *fields_text;   /* the outbox's fields */
  char                  *name_key;      /* for a type that keeps one */
  gboolean               given_id;
};

void
xarxa_new_record_free (XarxaNewRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->record, json_object_unref);
  g_free (record->id);
  g_free (record->now);
  g_free (record->fields_text);
  g_free (record->name_key);
  g_free (record);
}

const char *
xarxa_new_record_get_id (XarxaNewRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  return record->id;
}

/* Everything of a create that needs no database: checks, normal forms, the
 * id, the time, the outbox text and the folded name. */
XarxaNewRecord *
xarxa_new_record_prepare (const char  *type_name,
                          JsonObject  *values,
                          GError     **error)
{
  g_autoptr(XarxaNewRecord) out = NULL;
  const XarxaRecordType *type;
  const char *given_id;

  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  if ((type = lookup_type (type_name, error)) == NULL)
    return NULL;

  out = g_new0 (XarxaNewRecord, 1);
  out->type = type;
  out->record = json_object_new ();
  /* Only the fields with a value: the outbox keeps those, and the row
   * writer binds a missing one as empty. */
  for (guint i = 0; i < type->n_fields; i++)
    {
      const XarxaFieldInfo *field = &type->fields[i];
      JsonNode *given = json_object_get_member (values, field->name);
      JsonNode *value;

      if (!xarxa_validate_field (type, field->name, given, error))
        return NULL;
      if (node_is_empty (given))
        continue;
      value = normalize_value (field, given);
      if (JSON_NODE_HOLDS_NULL (value))
        json_node_unref (value);
      else
        json_object_set_member (out->record, field->name, value);
    }
  if (!xarxa_validate_record (type, out->record, error))
    return NULL;
  out->fields_text = xarxa_json_object_to_text (out->record);

  given_id = json_object_get_string_member_with_default (values, "id", NULL);
  if (given_id != NULL && *given_id != '\0')
    {
      if (!g_uuid_string_is_valid (given_id))
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a valid record id. Leave the id empty to have one made."), given_id);
          return NULL;
        }
      out->id = g_ascii_strdown (given_id, -1);
      out->given_id = TRUE;
    }
  else
    out->id = xarxa_new_uuid ();
  out->now = xarxa_now_iso8601 ();
  /* The search index learns the record's id from it (after_write). */
  json_object_set_string_member (out->record, "id", out->id);
  if (type->sql_insert_keyed != NULL)
    out->name_key = xarxa_fold_key (json_object_get_string_member_with_default (out->record, "name", NULL));
  return g_steal_pointer (&out);
}

gboolean
xarxa_store_insert_new_record (XarxaStore      *self,
                               XarxaNewRecord  *record,
                               GError         **error)
{
  const XarxaRecordType *type;
  RowMeta meta = { 0 };

  g_return_val_if_fail (XARXA_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  type = record->type;
  if (record->given_id && id_in_use (self, type, record->id))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_DUPLICATE,
                   _("A record with the id %s already exists."), record->id);
      return FALSE;
    }
  if (!xarxa_store_begin (self, error))
    return FALSE;
  meta.id = record->id;
  meta.created_at = meta.updated_at = record->now;
  if (!write_row (self, type, record->record, &meta, TRUE, record->name_key, error) ||
      !xarxa_store_after_write (self, type, NULL, record->record, error) ||
      !append_outbox_text (self, type->name, record->id, "create", record->fields_text, "{}", 0,
                           record->now, error))
    {
      xarxa_store_rollback (self);
      return FALSE;
    }
  note_changed (self, type->name, record->id);
  return xarxa_store_commit (self, error);
}

char *
xarxa_store_create_record (XarxaStore  *self,
                           const char  *type_name,
                           JsonObject  *values,
                           GError     **error)
{
  g_autoptr(XarxaNewRecord) record = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  record = xarxa_new_record_prepare (type_name, values, error);
  if (record == NULL || !xarxa_store_insert_new_record (self, record, error))
    return NULL;
  return g_steal_pointer (&record->id);
}

gboolean
xarxa_store_update_record (XarxaStore  *self,
                           const char  *type_name,
                           const char  *id,
                           JsonObject  *changes,
                           GError     **error)
{
  const XarxaRecordType *type;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (self), FALSE);
  g_return_val_if_fail (type_name != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if ((type = lookup_type (type_name, error)) == NULL)
    return FALSE;
  if (!xarxa_store_begin (self, error))
    return FALSE;
  current = get_record (self, type, id, error);
  if (current == NULL)
    goto fail;
  if (json_object_get_boolean_member (current, "deleted"))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("This record was deleted, so it cannot be changed. Undo the deletion first."));
      goto fail;
    }

  record = g_steal_pointer (&current);
  fields = json_object_new ();
  before = json_object_new ();
  members = json_object_get_members (changes);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const XarxaFieldInfo *field = xarxa_record_type_field (type, name);
      g_autoptr(JsonNode) value = NULL;
      JsonNode *old;

      if (field == NULL)
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a field of this kind of record."), name);
          goto fail;
        }
      if (!xarxa_validate_field (type, name, json_object_get_member (changes, name), error))
        goto fail;
      value = normalize_value (field, json_object_get_member (changes, name));
      old = json_object_get_member (record, name);
      if (values_equal (old, value))
        continue;
      json_object_set_member (before, name, json_node_copy (old));
      json_object_set_member (fields, name, json_node_copy (value));
    }
  if (json_object_get_size (fields) == 0)
    return xarxa_store_commit (self, error);   /* nothing changed */
  if (!keep_shadow (self, type, record, error))
    goto fail;

  {
    g_autoptr(JsonObject) old_copy = json_object_new ();
    g_autoptr(GList) changed = json_object_get_members (fields);

    /* Keep what after_write needs to compare (the name, the contact's entity). */
    json_object_set_member (old_copy, "id", json_node_copy (json_object_get_member (record, "id")));
    for (guint i = 0; i < type->n_fields; i++)
      json_object_set_member (old_copy, type->fields[i].name,
                              json_node_copy (json_object_get_member (record, type->fields[i].name)));
    for (GList *l = changed; l != NULL; l = l->next)
      json_object_set_member (record, l->data, json_node_copy (json_object_get_member (fields, l->data)));
    if (!xarxa_validate_record (type, record, error))
      goto fail;

    now = xarxa_now_iso8601 ();
    json_object_set_string_member (record, "updated_at", now);
    if (!xarxa_store_write_row (self, type, record, FALSE, error) ||
        !xarxa_store_after_write (self, type, old_copy, record, error) ||
        !xarxa_store_append_outbox (self, type->name, id, "update", fields, before,
                                    json_object_get_int_member (record, "version"), now, error))
      goto fail;
  }
  note_changed (self, type->name, id);
  return xarxa_store_commit (self, error);

fail:
  xarxa_store_rollback (self);
  return FALSE;
}

static gboolean
set_deleted (XarxaStore  *self,
             const char  *type_name,
             const char  *id,
             gboolean     deleted,
             gboolean    *changed,
             GError     **error)
{
  const XarxaRecordType *type;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) before = json_object_new ();
  g_autofree char *now = NULL;
  gboolean outer;

  if ((type = lookup_type (type_name, error)) == NULL)
    return FALSE;
  /* On its own, the record is read inside this change's transaction:
   * another connection (a sync) may write it until then, and writing back
   * what was read before would undo that.  Inside a caller's transaction
   * it is read before joining it, so that a missing record does not doom
   * the caller's. */
  outer = self->tx_depth > 0;
  if (!outer && !xarxa_store_begin (self, error))
    return FALSE;
  record = get_record (self, type, id, error);
  if (record == NULL || json_object_get_boolean_member (record, "deleted") == deleted)
    {
      if (!outer && record == NULL)
        xarxa_store_rollback (self);
      else if (!outer)
        return xarxa_store_commit (self, error);
      return record != NULL;
    }
  if (outer && !xarxa_store_begin (self, error))
    return FALSE;
  if (changed != NULL)
    *changed = TRUE;

  if (!keep_shadow (self, type, record, error))
    goto fail;
  now = xarxa_now_iso8601 ();
  json_object_set_boolean_member (record, "deleted", deleted);
  json_object_set_string_member (record, "updated_at", now);
  if (!xarxa_store_write_row (self, type, record, FALSE, error) ||
      !xarxa_store_after_write (self, type, record, record, error))
    goto fail;

  if (deleted)
    {
      /* The values at deletion, so the server can tell delete from edit. */
      for (guint i = 0; i < type->n_fields; i++)
        json_object_set_member (before, type->fields[i].name,
                                json_node_copy (json_object_get_member (record, type->fields[i].name)));
      if (!xarxa_store_append_outbox (self, type->name, id, "delete", fields, before,
                                      json_object_get_int_member (record, "version"), now, error))
        goto fail;
    }
  else
    {
      sqlite3_stmt *stmt;
      gboolean dropped = FALSE;

      /* An undo before the delete left for the server just takes it back;
       * once it is in a batch being sent, the undo is a change of its own. */
      stmt = xarxa_store_prepare (self,
                                  "DELETE FROM outbox WHERE seq = (SELECT max(seq) FROM outbox "
                                  "WHERE record_type = ?1 AND record_id = ?2) AND op = 'delete' "
                                  /* …unless a sync is sending it right now. */
                                  "AND NOT EXISTS (SELECT 1 FROM sync_state s, json_each (s.value) j "
                                  "WHERE s.key = 'pending_outbox' AND j.value = outbox.seq)",
                                  error);
      if (stmt == NULL)
        goto fail;
      xarxa_sqlite_bind_text (stmt, 1, type->name);
      xarxa_sqlite_bind_text (stmt, 2, id);
      if (!xarxa_store_step_done (self, stmt, error))
        goto fail;
      dropped = sqlite3_changes (self->db) > 0;
      if (!dropped)
        {
          for (guint i = 0; i < type->n_fields; i++)
            json_object_set_member (fields, type->fields[i].name,
                                    json_node_copy (json_object_get_member (record, type->fields[i].name)));
          if (!xarxa_store_append_outbox (self, type->name, id, "undelete", fields, before,
                                          json_object_get_int_member (record, "version"), now, error))
            goto fail;
        }
    }
  note_changed (self, type->name, id);
  return xarxa_store_commit (self, error);

fail:
  xarxa_store_rollback (self);
  return FALSE;
}

gboolean
xarxa_store_delete_record (XarxaStore  *self,
                           const char  *type_name,
                           const char  *id,
                           GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (self), FALSE);
  g_return_val_if_fail (type_name != NULL && id != NULL, FALSE);
  return set_deleted (self, type_name, id, TRUE, NULL, error);
}

gboolean
xarxa_store_undelete_record (XarxaStore  *self,
                             const char  *type_name,
                             const char  *id,
                             GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (self), FALSE);
  g_return_val_if_fail (type_name != NULL && id != NULL, FALSE);
  return set_deleted (self, type_name, id, FALSE, NULL, error);
}

/* ---- the directory ----------------------------------------------------- */

#define ENTITY_FILTERS \
  " AND (?2 IS NULL OR e.country = ?2)" \
  " AND (?3 IS NULL OR e.kind = ?3)" \
  " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each (e.transitions) WHERE value = ?4))" \
  " AND (?5 IS NULL OR EXISTS (SELECT 1 FROM json_each (e.tags) WHERE value = ?5))" \
  " AND (?6 IS NULL OR e.membership = ?6)"

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
  gint64 version = data_version (self);
  sqlite3_stmt *stmt;
  GArray *rank;
  gint32 position = 0;
  int rc;

  if (self->rank[by_updated] != NULL && self->rank_data_version[by_updated] == version)
    return self->rank[by_updated];
  g_clear_pointer (&self->rank[by_updated], g_array_unref);

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
  self->rank[by_updated] = rank;
  self->rank_data_version[by_updated] = version;
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

static gboolean
has_filter (const char *value)
{
  return value != NULL && *value != '\0';
}

GArray *
xarxa_store_query_entities (XarxaStore             *self,
                            const XarxaEntityQuery *query,
                            GError                **error)
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
  static const XarxaEntityQuery all = { 0 };
  g_autofree char *match = NULL;
  g_autoptr(GArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);

  if (query == NULL)
    query = &all;
  match = xarxa_fts_query_from_text (query->search);
  if (match != NULL && !has_filter (query->country) && !has_filter (query->kind) &&
      !has_filter (query->transition) && !has_filter (query->tag) && !has_filter (query->membership))
    return search_sorted_by_rank (self, match, query->sort == XARXA_SORT_UPDATED, error);
  if (match == NULL && !has_filter (query->country) && !has_filter (query->kind) &&
      !has_filter (query->transition) && !has_filter (query->tag) && !has_filter (query->membership))
    /* The whole directory: the sort index alone answers, without reading rows. */
    stmt = xarxa_store_prepare (self, all_sql[query->sort == XARXA_SORT_UPDATED], error);
  else
    stmt = xarxa_store_prepare (self, sql[match != NULL][query->sort == XARXA_SORT_UPDATED], error);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, match);
  xarxa_sqlite_bind_text (stmt, 2, query->country && *query->country ? query->country : NULL);
  xarxa_sqlite_bind_text (stmt, 3, query->kind && *query->kind ? query->kind : NULL);
  xarxa_sqlite_bind_text (stmt, 4, query->transition && *query->transition ? query->transition : NULL);
  xarxa_sqlite_bind_text (stmt, 5, query->tag && *query->tag ? query->tag : NULL);
  xarxa_sqlite_bind_text (stmt, 6, query->membership && *query->membership ? query->membership : NULL);

  rows = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
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

JsonObject *
xarxa_store_get_entity_by_rowid (XarxaStore  *self,
                                 gint64       rowid,
                                 GError     **error)
{
  const XarxaRecordType *type = xarxa_schema_lookup ("entity");
  sqlite3_stmt *stmt;
  JsonObject *obj = NULL;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);

  stmt = xarxa_store_prepare (self, type->sql_select_rowid, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    obj = xarxa_store_row_to_object (type, stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                 _("The organisation was not found."));
  else
    xarxa_store_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return obj;
}

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
  const XarxaRecordType *type = xarxa_schema_lookup ("contact");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (entity_id != NULL, NULL);

  stmt = xarxa_store_prepare (self,
                              "SELECT id FROM contact WHERE entity_id = ?1 AND deleted = 0 "
                              "ORDER BY full_name COLLATE NOCASE, rowid", error);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, entity_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (self, rc, error);
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *obj = get_record (self, type, ids->pdata[i], error);

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
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = xarxa_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
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

gint64
xarxa_store_count (XarxaStore *self,
                   const char *type_name)
{
  static const struct { const char *type; const char *sql; } counts[] = {
    { "entity", "SELECT count(*) FROM entity WHERE deleted = 0" },
    { "contact", "SELECT count(*) FROM contact WHERE deleted = 0" },
    { "cluster", "SELECT count(*) FROM cluster WHERE deleted = 0" },
    { "cluster_member", "SELECT count(*) FROM cluster_member WHERE deleted = 0" },
    { "objective", "SELECT count(*) FROM objective WHERE deleted = 0" },
    { "indicator", "SELECT count(*) FROM indicator WHERE deleted = 0" },
    { "indicator_value", "SELECT count(*) FROM indicator_value WHERE deleted = 0" },
    { "action", "SELECT count(*) FROM action WHERE deleted = 0" },
    { "decision", "SELECT count(*) FROM decision WHERE deleted = 0" },
    { "agenda_item", "SELECT count(*) FROM agenda_item WHERE deleted = 0" },
    { "mission", "SELECT count(*) FROM mission WHERE deleted = 0" },
    { "participant", "SELECT count(*) FROM participant WHERE deleted = 0" },
    { "itinerary_stop", "SELECT count(*) FROM itinerary_stop WHERE deleted = 0" },
    { "field_note", "SELECT count(*) FROM field_note WHERE deleted = 0" },
    { "document", "SELECT count(*) FROM document WHERE deleted = 0" },
    { "document_link", "SELECT count(*) FROM document_link WHERE deleted = 0" },
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (counts) == 16);

  g_return_val_if_fail (XARXA_IS_STORE (self), -1);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (g_strcmp0 (counts[i].type, type_name) == 0)
      {
        gint64 n = -1;
        sqlite3_stmt *stmt = xarxa_store_prepare (self, counts[i].sql, NULL);

        if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
          n = sqlite3_column_int64 (stmt, 0);
        if (stmt != NULL)
          sqlite3_reset (stmt);
        return n;
      }
  return -1;
}

gint64
xarxa_store_count_outbox (XarxaStore *self)
{
  gint64 n = -1;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (self), -1);

  stmt = xarxa_store_prepare (self, "SELECT n FROM outbox_size", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

/* ---- import batches ---------------------------------------------------- */

/* A batch is the rows its transaction inserts between _new() and _end():
 * SQLite gives a new row the rowid after the largest, and no other
 * connection writes while the transaction is open, so the organisations
 * and contact people of a batch are those whose rowid lies between the
 * largest at _new() and the largest at _end().  One import_range row per
 * kind of record replaces one import_item row per record, which cost a
 * sixth of an import of 100,000 rows; batches made before keep their
 * items, and undo reads both. */
gint64
xarxa_store_import_batch_new (XarxaStore  *self,
                              const char  *source,
                              GError     **error)
{
  static const char *const starts[] = {
    "INSERT INTO import_range (batch_id, record_type, first_rowid) "
    "SELECT ?1, 'entity', coalesce (max (rowid), 0) + 1 FROM entity",
    "INSERT INTO import_range (batch_id, record_type, first_rowid) "
    "SELECT ?1, 'contact', coalesce (max (rowid), 0) + 1 FROM contact",
  };
  g_autofree char *now = xarxa_now_iso8601 ();
  sqlite3_stmt *stmt;
  gint64 batch;

  g_return_val_if_fail (XARXA_IS_STORE (self), -1);
  g_return_val_if_fail (self->tx_depth > 0, -1);

  stmt = xarxa_store_prepare (self,
                              "INSERT INTO import_batch (source, imported_at) VALUES (?1, ?2)",
                              error);
  if (stmt == NULL)
    return -1;
  xarxa_sqlite_bind_text (stmt, 1, source != NULL ? source : "");
  xarxa_sqlite_bind_text (stmt, 2, now);
  if (!xarxa_store_step_done (self, stmt, error))
    return -1;
  batch = sqlite3_last_insert_rowid (self->db);
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      stmt = xarxa_store_prepare (self, starts[i], error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_int64 (stmt, 1, batch);
      if (!xarxa_store_step_done (self, stmt, error))
        return -1;
    }
  return batch;
}

gboolean
xarxa_store_import_batch_end (XarxaStore  *self,
                              gint64       batch,
                              GError     **error)
{
  static const char *const ends[] = {
    "UPDATE import_range SET last_rowid = (SELECT coalesce (max (rowid), 0) FROM entity) "
    "WHERE batch_id = ?1 AND record_type = 'entity'",
    "UPDATE import_range SET last_rowid = (SELECT coalesce (max (rowid), 0) FROM contact) "
    "WHERE batch_id = ?1 AND record_type = 'contact'",
  };

  g_return_val_if_fail (XARXA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      sqlite3_stmt *stmt = xarxa_store_prepare (self, ends[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, batch);
      if (!xarxa_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gint64
xarxa_store_import_batch_undo (XarxaStore  *self,
                               gint64       batch,
                               GError     **error)
{
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 n_removed = 0;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (self), -1);

  if (!xarxa_store_begin (self, error))
    return -1;
  /* Newest first: a batch's contact people before its organisations. */
  stmt = xarxa_store_prepare (self,
                              "SELECT record_type, record_id FROM ("
                              " SELECT 0 AS part, i.rowid AS r, i.record_type, i.record_id"
                              " FROM import_item i WHERE i.batch_id = ?1"
                              " UNION ALL"
                              " SELECT 1, c.rowid, 'contact', c.id FROM import_range g"
                              " JOIN contact c ON c.rowid BETWEEN g.first_rowid AND g.last_rowid"
                              " WHERE g.batch_id = ?1 AND g.record_type = 'contact'"
                              " UNION ALL"
                              " SELECT 2, e.rowid, 'entity', e.id FROM import_range g"
                              " JOIN entity e ON e.rowid BETWEEN g.first_rowid AND g.last_rowid"
                              " WHERE g.batch_id = ?1 AND g.record_type = 'entity')"
                              " WHERE EXISTS (SELECT 1 FROM import_batch b WHERE b.id = ?1 AND b.undone = 0)"
                              " ORDER BY part, r DESC",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, batch);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (types, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (self, rc, error);
      goto fail;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean changed = FALSE;

      if (!set_deleted (self, types->pdata[i], ids->pdata[i], TRUE, &changed, &local_error))
        {
          /* A record removed since the import is simply skipped. */
          if (g_error_matches (local_error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
      /* One the user had deleted already is not removed by this undo. */
      if (changed && strcmp (types->pdata[i], "entity") == 0)
        n_removed++;
    }
  stmt = xarxa_store_prepare (self, "UPDATE import_batch SET undone = 1 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, batch);
  if (!xarxa_store_step_done (self, stmt, error))
    goto fail;
  /* One signal for the whole batch rather than one per record. */
  g_clear_pointer (&self->changed_id, g_free);
  if (!xarxa_store_commit (self, error))
    return -1;
  return n_removed;

fail:
  xarxa_store_rollback (self);
  return -1;
}
