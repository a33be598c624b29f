/* xarxa-store.c — the local SQLite store: the one way records are written.
 *
 * Every write validates its values and, in the same transaction, appends a
 * row to the sync outbox.  Statements are literal SQL (see xarxa-schema.c and
 * xarxa-migrations.c), prepared once per connection and reset after use.
 *
 * This file holds the connection (open, checks, migrations), the cached
 * statements, transactions and the change signal.  What lists show is in
 * xarxa-store-query.c, reads and writes of records in
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
  GArray     *changes;        /* Change: each type written, once */
  guint64     change_serial;  /* numbers the change notices: xarxa_store_get_change_serial() */
};

/* A type written in the open transaction: the record, or NULL when
 * several of that type were. */
typedef struct
{
  char *type_name;
  char *id;
} Change;

G_DEFINE_FINAL_TYPE (XarxaStore, xarxa_store, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void invalidate_ranks (XarxaStore *self);

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_free (change->type_name);
  g_free (change->id);
}

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

GPtrArray *
xarxa_store_step_strings (XarxaStore    *self,
                          sqlite3_stmt  *stmt,
                          GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  int rc;

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
  g_clear_pointer (&self->changes, g_array_unref);
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
   * Emitted after a change is committed, once for each record type the
   * transaction wrote, with the type's name as the detail: a view
   * connects to "changed::cluster" and hears of clusters only.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
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
  self->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_array_set_clear_func (self->changes, change_clear);
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
  G_STATIC_ASSERT (XARXA_SCHEMA_VERSION == 10);
  g_assert (xarxa_n_migrations == XARXA_SCHEMA_VERSION);
  if (!exec_literal (self, "PRAGMA user_version = 10", error) ||
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
  xarxa_store_forget_ranks (self);
}

static void
note_changed (XarxaStore *self,
              const char *type_name,
              const char *id)
{
  Change change;

  /* The directory's ranks were forgotten by the type's row_written hook. */
  for (guint i = 0; i < self->changes->len; i++)
    {
      Change *seen = &g_array_index (self->changes, Change, i);

      if (g_strcmp0 (seen->type_name, type_name) == 0)
        {
          if (g_strcmp0 (seen->id, id) != 0)
            g_clear_pointer (&seen->id, g_free);
          return;
        }
    }
  change.type_name = g_strdup (type_name);
  change.id = g_strdup (id);
  g_array_append_val (self->changes, change);
}

void
xarxa_store_note_changed_many (XarxaStore *self)
{
  for (guint i = 0; i < self->changes->len; i++)
    g_clear_pointer (&g_array_index (self->changes, Change, i).id, g_free);
}

static void
emit_changed (XarxaStore *self,
              const char *type_name,
              const char *id)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_string (type_name), type_name, id);
}

/* Tells each type the transaction wrote, once, in the order first written. */
static void
flush_changed (XarxaStore *self)
{
  g_autoptr(GArray) changes = g_steal_pointer (&self->changes);

  self->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_array_set_clear_func (self->changes, change_clear);
  if (changes->len > 0)
    self->change_serial++;
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = &g_array_index (changes, Change, i);

      emit_changed (self, change->type_name, change->id);
    }
}

guint64
xarxa_store_get_change_serial (XarxaStore *self)
{
  g_return_val_if_fail (XARXA_IS_STORE (self), 0);
  return self->change_serial;
}

void
xarxa_store_emit_changed (XarxaStore *self,
                          const char *type_name,
                          const char *id)
{
  const XarxaRecordType *const *types;
  guint n_types;

  g_return_if_fail (XARXA_IS_STORE (self));
  g_return_if_fail (type_name == NULL || xarxa_schema_lookup (type_name) != NULL);
  g_return_if_fail (type_name != NULL || id == NULL);

  if (type_name == NULL)
    invalidate_ranks (self);
  else
    {
      const XarxaTypeHooks *hooks = xarxa_schema_lookup (type_name)->hooks;

      if (hooks->row_written != NULL)
        hooks->row_written (self);
    }
  self->change_serial++;
  if (type_name != NULL)
    {
      emit_changed (self, type_name, id);
      return;
    }
  /* Anything may have changed: every type says so. */
  types = xarxa_schema_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    emit_changed (self, types[i]->name, NULL);
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
      g_array_set_size (self->changes, 0);
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
  g_array_set_size (self->changes, 0);
}
