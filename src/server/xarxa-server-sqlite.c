/* xarxa-server-sqlite.c — the SQLite implementation of XarxaServerStore.
 *
 * Records are rows (type, id, data, version, deleted) where data is the JSON
 * text of the fields: the server does not need a table per record type, and
 * every statement below is a literal with bound parameters.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-server"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-json.h"
#include "xarxa-server-sqlite.h"

struct _XarxaServerSqlite
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* const char *sql (by address) → sqlite3_stmt */
  gboolean    in_transaction;
};

static void xarxa_server_sqlite_iface_init (XarxaServerStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XarxaServerSqlite, xarxa_server_sqlite, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (XARXA_TYPE_SERVER_STORE,
                                                      xarxa_server_sqlite_iface_init))

static const char schema_sql[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  role TEXT NOT NULL,"
  "  password_hash TEXT NOT NULL,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));"
  "CREATE TABLE devices ("
  "  id TEXT PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  name TEXT,"
  "  token_hash BLOB NOT NULL UNIQUE,"
  "  revoked INTEGER NOT NULL DEFAULT 0,"
  "  last_seq INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));"
  "CREATE TABLE records ("
  "  type TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  data TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (type, id)) WITHOUT ROWID;"
  "CREATE UNIQUE INDEX records_by_version ON records (version);"
  "CREATE INDEX records_tombstones ON records (version) WHERE deleted = 1;"
  "CREATE TABLE push_results ("
  "  device_id TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  result TEXT NOT NULL,"
  "  PRIMARY KEY (device_id, seq)) WITHOUT ROWID;"
  "PRAGMA application_id = 1481855574;"   /* XARXA_SERVER_APPLICATION_ID */
  "PRAGMA user_version = 2;";             /* XARXA_SERVER_SCHEMA_VERSION */

/* Version 2: decimal numbers written by json-glib before 2026-11-25
 * (2e+20.0) left some stored texts unreadable; they are repaired in place
 * through the xarxa_json_repair() SQL function registered at open. */
static const char upgrade_2_sql[] =
  "UPDATE records SET data = xarxa_json_repair (data) WHERE NOT json_valid (data);"
  "UPDATE push_results SET result = xarxa_json_repair (result) WHERE NOT json_valid (result);"
  "PRAGMA user_version = 2;";

G_STATIC_ASSERT (XARXA_SERVER_APPLICATION_ID == 1481855574);
G_STATIC_ASSERT (XARXA_SERVER_SCHEMA_VERSION == 2);

static gboolean
set_sqlite_error (XarxaServerSqlite  *self,
                  int                 rc,
                  GError            **error)
{
  int code = (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB
             ? XARXA_ERROR_CORRUPT : XARXA_ERROR_IO;

  g_set_error (error, XARXA_ERROR, code,
               _("The server database failed (%s). Check the disk and the file permissions of the data folder."),
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

/* A cached prepared statement, reset and cleared of bindings.  (So a
 * caller may bind its strings SQLITE_STATIC when they outlive its own
 * steps: the next use clears them before anything reads them.) */
static sqlite3_stmt *
statement (XarxaServerSqlite  *self,
           const char         *sql,
           GError            **error)
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
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Steps a statement that returns no row. */
static gboolean
run (XarxaServerSqlite  *self,
     sqlite3_stmt       *stmt,
     GError            **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
exec (XarxaServerSqlite  *self,
      const char         *sql,
      GError            **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static gboolean
sqlite_begin (XarxaServerStore  *store,
              GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);

  g_return_val_if_fail (!self->in_transaction, FALSE);
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

static gboolean
sqlite_commit (XarxaServerStore  *store,
               GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);

  g_return_val_if_fail (self->in_transaction, FALSE);
  if (!exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      self->in_transaction = FALSE;
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

static void
sqlite_rollback (XarxaServerStore *store)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);

  if (!self->in_transaction)
    return;
  exec (self, "ROLLBACK", NULL);
  self->in_transaction = FALSE;
}

static char *
sqlite_get_meta (XarxaServerStore  *store,
                 const char        *key,
                 GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self, "SELECT value FROM meta WHERE key = ?1", error);
  char *value = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = column_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
sqlite_set_meta (XarxaServerStore  *store,
                 const char        *key,
                 const char        *value,
                 GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self,
                                  "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return run (self, stmt, error);
}

static gboolean
sqlite_add_user (XarxaServerStore  *store,
                 const char        *name,
                 XarxaRole          role,
                 const char        *password_hash,
                 GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self,
                                  "INSERT INTO users (name, role, password_hash) VALUES (?1, ?2, ?3)",
                                  error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, xarxa_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, password_hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_DUPLICATE,
                   _("There is already a user called “%s”. Choose another name, or use “passwd” to change the password."),
                   name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
sqlite_set_password (XarxaServerStore  *store,
                     const char        *name,
                     const char        *password_hash,
                     GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self, "UPDATE users SET password_hash = ?2 WHERE name = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, password_hash, -1, SQLITE_TRANSIENT);
  if (!run (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("There is no user called “%s”. Add the user with “adduser” first."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_get_user (XarxaServerStore  *store,
                 const char        *name,
                 XarxaServerUser  **out,
                 GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self,
                                  "SELECT id, name, role, password_hash FROM users WHERE name = ?1",
                                  error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      XarxaServerUser *user = g_new0 (XarxaServerUser, 1);

      user->id = sqlite3_column_int64 (stmt, 0);
      user->name = column_text (stmt, 1);
      if (!xarxa_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &user->role))
        user->role = XARXA_ROLE_READER;
      user->password_hash = column_text (stmt, 3);
      *out = user;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static gint64
sqlite_revoke_user (XarxaServerStore  *store,
                    const char        *name,
                    GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  g_autoptr(XarxaServerUser) user = NULL;
  sqlite3_stmt *stmt;

  if (!sqlite_get_user (store, name, &user, error))
    return -1;
  if (user == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("There is no user called “%s”. Check the name with the person who gave it."), name);
      return -1;
    }
  stmt = statement (self, "UPDATE devices SET revoked = 1 WHERE user_id = ?1 AND revoked = 0", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, user->id);
  if (!run (self, stmt, error))
    return -1;
  return sqlite3_changes (self->db);
}

static gboolean
sqlite_open_device (XarxaServerStore  *store,
                    gint64             user_id,
                    const char        *device_id,
                    const char        *device_name,
                    const guint8      *token_hash,
                    gsize              token_hash_len,
                    gboolean          *opened,
                    gint64            *out_last_seq,
                    GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt;
  gint64 owner = -1;
  int rc;

  *opened = FALSE;
  *out_last_seq = 0;

  stmt = statement (self, "SELECT user_id, last_seq FROM devices WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      owner = sqlite3_column_int64 (stmt, 0);
      *out_last_seq = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);

  if (owner >= 0 && owner != user_id)
    {
      *out_last_seq = 0;
      return TRUE;
    }

  if (owner >= 0)
    stmt = statement (self,
                      "UPDATE devices SET token_hash = ?2, revoked = 0, name = coalesce(?3, name) WHERE id = ?1",
                      error);
  else
    stmt = statement (self,
                      "INSERT INTO devices (id, token_hash, name, user_id) VALUES (?1, ?2, ?3, ?4)",
                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 2, token_hash, (int) token_hash_len, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, device_name, -1, SQLITE_TRANSIENT);
  if (owner < 0)
    sqlite3_bind_int64 (stmt, 4, user_id);
  if (!run (self, stmt, error))
    return FALSE;
  *opened = TRUE;
  return TRUE;
}

static gboolean
sqlite_lookup_token (XarxaServerStore   *store,
                     const guint8       *token_hash,
                     gsize               token_hash_len,
                     XarxaServerDevice **out,
                     GError            **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self,
                                  "SELECT d.id, u.name, u.role, d.revoked, d.last_seq "
                                  "FROM devices AS d JOIN users AS u ON u.id = d.user_id "
                                  "WHERE d.token_hash = ?1",
                                  error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, token_hash, (int) token_hash_len, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      XarxaServerDevice *device = g_new0 (XarxaServerDevice, 1);

      device->device_id = column_text (stmt, 0);
      device->user = column_text (stmt, 1);
      if (!xarxa_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &device->role))
        device->role = XARXA_ROLE_READER;
      device->revoked = sqlite3_column_int (stmt, 3) != 0;
      device->last_seq = sqlite3_column_int64 (stmt, 4);
      *out = device;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
sqlite_revoke_device (XarxaServerStore  *store,
                      const char        *device_id,
                      GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self, "UPDATE devices SET revoked = 1 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_TRANSIENT);
  return run (self, stmt, error);
}

static gboolean
sqlite_get_device_seq (XarxaServerStore  *store,
                       const char        *device_id,
                       gint64            *out_last_seq,
                       GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self, "SELECT last_seq FROM devices WHERE id = ?1", error);
  int rc;

  *out_last_seq = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_last_seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("This device is not known to the server. Log in again."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_set_device_seq (XarxaServerStore  *store,
                       const char        *device_id,
                       gint64             last_seq,
                       GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self, "UPDATE devices SET last_seq = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, last_seq);
  return run (self, stmt, error);
}

/* One statement for the whole push, SQLite reading the array itself: some
 * 2,500 instructions less per mutation than a statement each. */
static gboolean
sqlite_save_results (XarxaServerStore  *store,
                     const char        *device_id,
                     gint64             first_seq,
                     const char        *results_json,
                     GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self,
                                  "INSERT OR REPLACE INTO push_results (device_id, seq, result) "
                                  "SELECT ?1, ?3 + key, value FROM json_each (?2)",
                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, results_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, first_seq);
  return run (self, stmt, error);
}

static gboolean
sqlite_get_result (XarxaServerStore  *store,
                   const char        *device_id,
                   gint64             seq,
                   char             **out,
                   GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self,
                                  "SELECT result FROM push_results WHERE device_id = ?1 AND seq = ?2",
                                  error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
sqlite_prune_results (XarxaServerStore  *store,
                      const char        *device_id,
                      gint64             before_seq,
                      GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self,
                                  "DELETE FROM push_results WHERE device_id = ?1 AND seq < ?2",
                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, before_seq);
  return run (self, stmt, error);
}

static XarxaServerRecord *
record_from_row (sqlite3_stmt *stmt)
{
  XarxaServerRecord *record = g_new0 (XarxaServerRecord, 1);

  record->type = column_text (stmt, 0);
  record->id = column_text (stmt, 1);
  record->data = column_text (stmt, 2);
  record->version = sqlite3_column_int64 (stmt, 3);
  record->deleted = sqlite3_column_int (stmt, 4) != 0;
  return record;
}

static gboolean
sqlite_get_record (XarxaServerStore   *store,
                   const char         *type,
                   const char         *id,
                   XarxaServerRecord **out,
                   GError            **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self,
                                  "SELECT type, id, data, version, deleted FROM records "
                                  "WHERE type = ?1 AND id = ?2",
                                  error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = record_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}


/* Runs @stmt with @record's type, id, data, version and deleted flag as
 * ?1 to ?5; the record's texts are not copied. */
static gboolean
run_record (XarxaServerSqlite         *self,
            sqlite3_stmt              *stmt,
            const XarxaServerRecord   *record,
            GError                   **error)
{
  gboolean ok;

  sqlite3_bind_text (stmt, 1, record->type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record->data, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, record->version);
  sqlite3_bind_int (stmt, 5, record->deleted ? 1 : 0);
  ok = run (self, stmt, error);
  sqlite3_clear_bindings (stmt);
  return ok;
}

static gboolean
sqlite_put_record (XarxaServerStore         *store,
                   const XarxaServerRecord  *record,
                   GError                  **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt;

  /* Most records a push writes are already there: an UPDATE finds them
   * with one look-up, where an upsert tries the insert first. */
  stmt = statement (self,
                    "UPDATE records SET data = ?3, version = ?4, deleted = ?5 "
                    "WHERE type = ?1 AND id = ?2",
                    error);
  if (stmt == NULL)
    return FALSE;
  if (!run_record (self, stmt, record, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  stmt = statement (self,
                    "INSERT INTO records (type, id, data, version, deleted) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)",
                    error);
  if (stmt == NULL)
    return FALSE;
  if (!run_record (self, stmt, record, error))
    return FALSE;
  return TRUE;
}

static GPtrArray *
sqlite_list_changes (XarxaServerStore  *store,
                     gint64             after,
                     guint              limit,
                     GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) xarxa_server_record_free);
  sqlite3_stmt *stmt = statement (self,
                                  "SELECT type, id, data, version, deleted FROM records "
                                  "WHERE version > ?1 ORDER BY version LIMIT ?2",
                                  error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (changes, record_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

static gint64
sqlite_purge_tombstones (XarxaServerStore  *store,
                         gint64             up_to,
                         GError           **error)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (store);
  sqlite3_stmt *stmt = statement (self,
                                  "SELECT max(version) FROM records WHERE deleted = 1 AND version <= ?1",
                                  error);
  gint64 highest = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, up_to);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    highest = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, error);
      return -1;
    }
  if (highest == 0)
    return 0;

  stmt = statement (self, "DELETE FROM records WHERE deleted = 1 AND version <= ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, up_to);
  if (!run (self, stmt, error))
    return -1;
  return highest;
}

static void
xarxa_server_sqlite_iface_init (XarxaServerStoreInterface *iface)
{
  iface->begin = sqlite_begin;
  iface->commit = sqlite_commit;
  iface->rollback = sqlite_rollback;
  iface->get_meta = sqlite_get_meta;
  iface->set_meta = sqlite_set_meta;
  iface->add_user = sqlite_add_user;
  iface->set_password = sqlite_set_password;
  iface->get_user = sqlite_get_user;
  iface->revoke_user = sqlite_revoke_user;
  iface->open_device = sqlite_open_device;
  iface->lookup_token = sqlite_lookup_token;
  iface->revoke_device = sqlite_revoke_device;
  iface->get_device_seq = sqlite_get_device_seq;
  iface->set_device_seq = sqlite_set_device_seq;
  iface->save_results = sqlite_save_results;
  iface->get_result = sqlite_get_result;
  iface->prune_results = sqlite_prune_results;
  iface->get_record = sqlite_get_record;
  iface->put_record = sqlite_put_record;
  iface->list_changes = sqlite_list_changes;
  iface->purge_tombstones = sqlite_purge_tombstones;
}

static void
xarxa_server_sqlite_finalize (GObject *object)
{
  XarxaServerSqlite *self = XARXA_SERVER_SQLITE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (xarxa_server_sqlite_parent_class)->finalize (object);
}

static void
xarxa_server_sqlite_class_init (XarxaServerSqliteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xarxa_server_sqlite_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
xarxa_server_sqlite_init (XarxaServerSqlite *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

static gint64
pragma_int (XarxaServerSqlite *self,
            const char        *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

XarxaServerStore *
xarxa_server_sqlite_open (const char  *path,
                          gboolean     create,
                          GError     **error)
{
  g_autoptr(XarxaServerSqlite) self = NULL;
  gboolean exists;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (create && exists)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_DUPLICATE,
                   _("“%s” already exists. Use another data folder, or keep the existing database."),
                   path);
      return NULL;
    }
  if (!create && !exists)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("There is no server database at “%s”. Run “xarxa-server --data DIR init” first."),
                   path);
      return NULL;
    }

  self = g_object_new (XARXA_TYPE_SERVER_SQLITE, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 0);
  sqlite3_busy_timeout (self->db, 10000);
  xarxa_json_add_sql_functions (self->db);

  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      /* 128 MB of pages in memory: a partner's network of 100,000
       * organisations and their people is some 250 MB, and pushes update
       * records all over it (with the default 2 MB every one was read
       * from the file again). */
      !exec (self, "PRAGMA cache_size = -131072", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (create)
    {
      if (!exec (self, "BEGIN IMMEDIATE", error))
        return NULL;
      if (!exec (self, schema_sql, error))
        {
          exec (self, "ROLLBACK", NULL);
          return NULL;
        }
      if (!exec (self, "COMMIT", error))
        return NULL;
    }
  else
    {
      gint64 app_id = pragma_int (self, "PRAGMA application_id");
      gint64 version = pragma_int (self, "PRAGMA user_version");

      if (app_id != XARXA_SERVER_APPLICATION_ID)
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_XARXA,
                       _("“%s” is not a Xarxa server database. Point --data at the folder made by “init”."),
                       path);
          return NULL;
        }
      if (version > XARXA_SERVER_SCHEMA_VERSION)
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_TOO_NEW,
                       _("“%s” was written by a newer xarxa-server. Install that version to use it."),
                       path);
          return NULL;
        }
      if (version < 2)
        {
          if (!exec (self, "BEGIN IMMEDIATE", error))
            return NULL;
          if (!exec (self, upgrade_2_sql, error))
            {
              exec (self, "ROLLBACK", NULL);
              return NULL;
            }
          if (!exec (self, "COMMIT", error))
            return NULL;
        }
    }

  return XARXA_SERVER_STORE (g_steal_pointer (&self));
}
