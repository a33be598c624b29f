/* xarxa-store.c — the local SQLite store: the one way records are written.
 *
 * Every write validates its values and, in the same transaction, appends a
 * row to the sync outbox.  Statements are literal SQL (see xarxa-schema.c and
 * xarxa-migrations.c), prepared once per connection and reset after use.
 *
 * This file holds the connection (open, checks, migrations), the cached
 * statements, transactions and the change signal, and the directory's
 * query with its rank cache.  Reads and writes of records are in
 * xarxa-store-records.c, the search indexes in xarxa-store-search.c,
 * import batches in xarxa-store-import.c, per-type hooks in
 * xarxa-store-hooks.c; what they share is in xarxa-store-private.h.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "xarxa-checkpointer.h"
#include "xarxa-migrations.h"
#include "xarxa-json.h"
#include "xarxa-store-private.h"

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
  GHashTable *fts_dirty;      /* type → (id → GINT_TO_POINTER (new in this transaction)) */
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

/* The directory's code below reads records by this name. */
static JsonObject *
get_record (XarxaStore             *self,
            const XarxaRecordType  *type,
            const char             *id,
            GError                **error)
{
  return xarxa_store_read_record (self, type, id, error);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
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
  self->fts_dirty = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                           (GDestroyNotify) g_hash_table_unref);
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
  G_STATIC_ASSERT (XARXA_SCHEMA_VERSION == 5);
  g_assert (xarxa_n_migrations == XARXA_SCHEMA_VERSION);
  if (!exec_literal (self, "PRAGMA user_version = 5", error) ||
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

/* For the store's other files (xarxa-store-private.h). */

gboolean
xarxa_store_in_transaction (XarxaStore *self)
{
  return self->tx_depth > 0;
}

gboolean
xarxa_store_outbox_appended (XarxaStore  *self,
                             GError     **error)
{
  self->outbox_added++;
  /* Outside a transaction the count is written now, else at its commit. */
  return self->tx_depth > 0 || flush_outbox_size (self, error);
}

GHashTable *
xarxa_store_get_search_dirty (XarxaStore *self)
{
  return self->fts_dirty;
}

void
xarxa_store_note_changed (XarxaStore *self,
                          const char *type_name,
                          const char *id)
{
  note_changed (self, type_name, id);
}

void
xarxa_store_note_changed_many (XarxaStore *self)
{
  g_clear_pointer (&self->changed_id, g_free);
}

void
xarxa_store_forget_ranks (XarxaStore *self)
{
  invalidate_ranks (self);
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
  if (!xarxa_store_flush_search (self, error) || !flush_outbox_size (self, error) ||
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
