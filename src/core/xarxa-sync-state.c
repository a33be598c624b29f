/* xarxa-sync-state.c — shadows, outbox, conflicts and sync_state in SQLite.
 *
 * Every statement is a literal, cached by the store (xarxa_store_prepare());
 * values are bound, never spliced into the SQL.  Shadows are written for
 * every pulled record, so the common paths avoid reading JSON into objects:
 * a record new here keeps the shadow '' ("as the record stands"), and a
 * pushed change patches the shadow inside SQLite.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-json.h"
#include "xarxa-store-private.h"
#include "xarxa-sync-state.h"
#include "xarxa-values.h"

static JsonNode *
text_to_node (const char *text)
{
  if (text == NULL)
    return NULL;
  return xarxa_json_parse (text, -1, NULL);
}

static JsonObject *
text_to_object (const char *text)
{
  g_autoptr(JsonNode) node = text_to_node (text);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();
  return json_object_ref (json_node_get_object (node));
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

/* A cached statement whose first two parameters are a record's type and
 * id, bound. */
static sqlite3_stmt *
prepare_for_record (XarxaStore  *store,
                    const char  *sql,
                    const char  *type_name,
                    const char  *id,
                    GError     **error)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store, sql, error);

  if (stmt != NULL)
    {
      xarxa_sqlite_bind_text (stmt, 1, type_name);
      xarxa_sqlite_bind_text (stmt, 2, id);
    }
  return stmt;
}

/* Whether a "SELECT EXISTS (…)" answers false. */
static gboolean
exists_is_false (XarxaStore *store,
                 const char *sql)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store, sql, NULL);
  gboolean none = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    none = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return none;
}

/* ---- sync_state ----------------------------------------------------------- */

char *
xarxa_sync_state_get (XarxaStore *store,
                      const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = xarxa_store_prepare (store, "SELECT value FROM sync_state WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
xarxa_sync_state_set (XarxaStore  *store,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    {
      stmt = xarxa_store_prepare (store, "DELETE FROM sync_state WHERE key = ?1", error);
      if (stmt == NULL)
        return FALSE;
      xarxa_sqlite_bind_text (stmt, 1, key);
      return xarxa_store_step_done (store, stmt, error);
    }
  stmt = xarxa_store_prepare (store,
                              "INSERT INTO sync_state (key, value) VALUES (?1, ?2) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, key);
  xarxa_sqlite_bind_text (stmt, 2, value);
  return xarxa_store_step_done (store, stmt, error);
}

gint64
xarxa_sync_state_get_int (XarxaStore *store,
                          const char *key)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), 0);

  text = xarxa_sync_state_get (store, key);
  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

gboolean
xarxa_sync_state_set_int (XarxaStore  *store,
                          const char  *key,
                          gint64       value,
                          GError     **error)
{
  char buf[32];

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  return xarxa_sync_state_set (store, key, buf, error);
}

gint64
xarxa_sync_state_get_cursor (XarxaStore *store)
{
  return xarxa_sync_state_get_int (store, "cursor");
}

gboolean
xarxa_sync_state_set_cursor (XarxaStore  *store,
                             gint64       cursor,
                             GError     **error)
{
  return xarxa_sync_state_set_int (store, "cursor", cursor, error);
}

gint64
xarxa_sync_state_get_last_seq (XarxaStore *store)
{
  return xarxa_sync_state_get_int (store, "last_seq");
}

gboolean
xarxa_sync_state_set_last_seq (XarxaStore  *store,
                               gint64       seq,
                               GError     **error)
{
  return xarxa_sync_state_set_int (store, "last_seq", seq, error);
}

gboolean
xarxa_sync_state_get_pending_batch (XarxaStore  *store,
                                    char       **body,
                                    char       **outbox_seqs)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (body != NULL && outbox_seqs != NULL, FALSE);

  *body = xarxa_sync_state_get (store, "pending_body");
  *outbox_seqs = xarxa_sync_state_get (store, "pending_outbox");
  return *body != NULL;
}

gboolean
xarxa_sync_state_set_pending_batch (XarxaStore  *store,
                                    const char  *body,
                                    const char  *outbox_seqs,
                                    GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (body == NULL || outbox_seqs != NULL, FALSE);

  return xarxa_sync_state_set (store, "pending_body", body, error) &&
         xarxa_sync_state_set (store, "pending_outbox", body != NULL ? outbox_seqs : NULL, error);
}

/* ---- shadows -------------------------------------------------------------- */

JsonObject *
xarxa_sync_state_shadow_get (XarxaStore *store,
                             const char *type_name,
                             const char *id,
                             gint64     *version)
{
  sqlite3_stmt *stmt;
  JsonObject *data = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (type_name != NULL && id != NULL, NULL);

  stmt = prepare_for_record (store, "SELECT data, version FROM shadow WHERE record_type = ?1 AND record_id = ?2",
                                    type_name, id, NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (text != NULL && *text == '\0')
        {
          /* Kept as the record stands. */
          const XarxaRecordType *type = xarxa_schema_lookup (type_name);
          g_autoptr(JsonObject) local = type != NULL ? xarxa_store_get_record (store, type_name, id, NULL) : NULL;

          data = local != NULL ? xarxa_store_record_as_shadow (type, local) : json_object_new ();
        }
      else
        data = text_to_object (text);
      if (version != NULL)
        *version = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return data;
}

gint64
xarxa_sync_state_shadow_get_version (XarxaStore *store,
                                     const char *type_name,
                                     const char *id)
{
  sqlite3_stmt *stmt;
  gint64 version = 0;

  g_return_val_if_fail (XARXA_IS_STORE (store), 0);
  g_return_val_if_fail (type_name != NULL && id != NULL, 0);

  stmt = prepare_for_record (store, "SELECT version FROM shadow WHERE record_type = ?1 AND record_id = ?2",
                                    type_name, id, NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

gboolean
xarxa_sync_state_shadow_put (XarxaStore  *store,
                             const char  *type_name,
                             const char  *id,
                             JsonObject  *data,
                             gint64       version,
                             GError     **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (type_name != NULL && id != NULL, FALSE);

  /* '' for the record as it stands: a first sync so writes no copy of
   * every record, which was a fifth of its time. */
  text = data != NULL ? xarxa_json_object_to_text (data) : g_strdup ("");
  stmt = prepare_for_record (store, "INSERT INTO shadow (record_type, record_id, data, version) VALUES (?1, ?2, ?3, ?4) "
                                    "ON CONFLICT (record_type, record_id) DO UPDATE SET data = excluded.data, version = excluded.version",
                                    type_name, id, error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 3, text);
  sqlite3_bind_int64 (stmt, 4, version);
  return xarxa_store_step_done (store, stmt, error);
}

/* Without reading the shadow into objects: one merge patch (RFC 7396) for
 * the fields with a value, and json_set for the fields emptied (a null in
 * a merge patch would remove the member, not set it null). */
gboolean
xarxa_sync_state_shadow_patch (XarxaStore  *store,
                               const char  *type_name,
                               const char  *id,
                               JsonObject  *fields,
                               gboolean     deleted,
                               gint64       version,
                               gboolean    *patched,
                               GError     **error)
{
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(GPtrArray) emptied = g_ptr_array_new ();
  g_autofree char *patch_text = NULL;
  sqlite3_stmt *stmt;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (type_name != NULL && id != NULL && fields != NULL, FALSE);
  g_return_val_if_fail (patched != NULL, FALSE);

  *patched = FALSE;
  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (JSON_NODE_HOLDS_NULL (value))
        g_ptr_array_add (emptied, (gpointer) name);
      else
        json_object_set_member (patch, name, json_node_ref (value));
    }
  json_object_set_boolean_member (patch, "deleted", deleted);
  patch_text = xarxa_json_object_to_text (patch);

  stmt = prepare_for_record (store, "UPDATE shadow SET data = json_patch (data, ?3), version = max (version, ?4) "
                                    "WHERE record_type = ?1 AND record_id = ?2 AND version > 0 AND json_valid (data)",
                                    type_name, id, error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 3, patch_text);
  sqlite3_bind_int64 (stmt, 4, version);
  if (!xarxa_store_step_done (store, stmt, error))
    return FALSE;
  /* No shadow, one being reconciled (version 0 or less), or one that is
   * not JSON (damaged). */
  if (sqlite3_changes (xarxa_store_get_db (store)) == 0)
    return TRUE;
  *patched = TRUE;

  for (guint i = 0; i < emptied->len; i++)
    {
      g_autofree char *path = NULL;
      const char *field = emptied->pdata[i];

      /* Only field names (letters, digits, underscores) become paths. */
      if (field[0] == '\0' || field[strspn (field, "abcdefghijklmnopqrstuvwxyz0123456789_")] != '\0')
        continue;
      stmt = prepare_for_record (store, "UPDATE shadow SET data = json_set (data, ?3, NULL) "
                                        "WHERE record_type = ?1 AND record_id = ?2",
                                        type_name, id, error);
      if (stmt == NULL)
        return FALSE;
      path = g_strconcat ("$.", field, NULL);
      xarxa_sqlite_bind_text (stmt, 3, path);
      if (!xarxa_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

void
xarxa_sync_record_key_free (XarxaSyncRecordKey *key)
{
  if (key == NULL)
    return;
  g_free (key->type_name);
  g_free (key->id);
  g_free (key);
}

/* A negative version keeps the old one: -version - 1. */
gboolean
xarxa_sync_state_shadows_mark_unseen (XarxaStore  *store,
                                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);

  stmt = xarxa_store_prepare (store, "UPDATE shadow SET version = -version - 1 WHERE version >= 0", error);
  return stmt != NULL && xarxa_store_step_done (store, stmt, error);
}

GPtrArray *
xarxa_sync_state_shadows_unseen (XarxaStore  *store,
                                 GError     **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  stmt = xarxa_store_prepare (store, "SELECT record_type, record_id FROM shadow WHERE version < 0", error);
  if (stmt == NULL)
    return NULL;
  keys = g_ptr_array_new_with_free_func ((GDestroyNotify) xarxa_sync_record_key_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XarxaSyncRecordKey *key = g_new0 (XarxaSyncRecordKey, 1);

      key->type_name = column_dup (stmt, 0);
      key->id = column_dup (stmt, 1);
      g_ptr_array_add (keys, key);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

gboolean
xarxa_sync_state_shadows_drop_unseen (XarxaStore  *store,
                                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);

  stmt = xarxa_store_prepare (store, "DELETE FROM shadow WHERE version < 0", error);
  return stmt != NULL && xarxa_store_step_done (store, stmt, error);
}

/* ---- the outbox ----------------------------------------------------------- */

void
xarxa_outbox_row_free (XarxaOutboxRow *row)
{
  if (row == NULL)
    return;
  g_free (row->type_name);
  g_free (row->id);
  g_free (row->op);
  g_clear_pointer (&row->fields, json_object_unref);
  g_clear_pointer (&row->before, json_object_unref);
  g_free (row->created_at);
  g_free (row);
}

gboolean
xarxa_sync_state_outbox_is_empty (XarxaStore *store)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);

  return exists_is_false (store, "SELECT EXISTS (SELECT 1 FROM outbox)");
}

GPtrArray *
xarxa_sync_state_outbox_read (XarxaStore  *store,
                              guint        limit,
                              GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  stmt = xarxa_store_prepare (store,
                              "SELECT seq, record_type, record_id, op, fields, before, base_version, created_at "
                              "FROM outbox ORDER BY seq LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) xarxa_outbox_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XarxaOutboxRow *row = g_new0 (XarxaOutboxRow, 1);

      row->seq = sqlite3_column_int64 (stmt, 0);
      row->type_name = column_dup (stmt, 1);
      row->id = column_dup (stmt, 2);
      row->op = column_dup (stmt, 3);
      row->fields = text_to_object ((const char *) sqlite3_column_text (stmt, 4));
      row->before = text_to_object ((const char *) sqlite3_column_text (stmt, 5));
      row->base_version = sqlite3_column_int64 (stmt, 6);
      row->created_at = column_dup (stmt, 7);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
xarxa_sync_state_outbox_for_record (XarxaStore *store,
                                    const char *type_name,
                                    const char *id,
                                    GHashTable *fields,
                                    gboolean   *deletes)
{
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (type_name != NULL && id != NULL, FALSE);
  g_return_val_if_fail (fields != NULL && deletes != NULL, FALSE);

  *deletes = FALSE;
  stmt = prepare_for_record (store, "SELECT op, fields FROM outbox WHERE record_type = ?1 AND record_id = ?2 ORDER BY seq",
                                    type_name, id, NULL);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *op = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(JsonObject) f = text_to_object ((const char *) sqlite3_column_text (stmt, 1));
      g_autoptr(GList) names = json_object_get_members (f);

      any = TRUE;
      *deletes = g_strcmp0 (op, "delete") == 0;
      for (GList *l = names; l != NULL; l = l->next)
        g_hash_table_add (fields, g_strdup (l->data));
    }
  sqlite3_reset (stmt);
  return any;
}

gboolean
xarxa_sync_state_outbox_drop (XarxaStore  *store,
                              gint64       seq,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);

  stmt = xarxa_store_prepare (store, "DELETE FROM outbox WHERE seq = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  return xarxa_store_step_done (store, stmt, error);
}

gboolean
xarxa_sync_state_outbox_drop_record (XarxaStore  *store,
                                     const char  *type_name,
                                     const char  *id,
                                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (type_name != NULL && id != NULL, FALSE);

  stmt = prepare_for_record (store, "DELETE FROM outbox WHERE record_type = ?1 AND record_id = ?2",
                                    type_name, id, error);
  if (stmt == NULL)
    return FALSE;
  return xarxa_store_step_done (store, stmt, error);
}

gboolean
xarxa_sync_state_set_record_version (XarxaStore             *store,
                                     const XarxaRecordType  *type,
                                     const char             *id,
                                     gint64                  version,
                                     GError                **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (type != NULL && id != NULL, FALSE);

  /* The schema's statement keeps the larger version. */
  stmt = xarxa_store_prepare (store, type->sql_set_version, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version);
  xarxa_sqlite_bind_text (stmt, 2, id);
  return xarxa_store_step_done (store, stmt, error);
}

/* ---- conflicts ------------------------------------------------------------ */

void
xarxa_sync_conflict_free (XarxaSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->type_name);
  g_free (conflict->record_id);
  g_free (conflict->field);
  g_free (conflict->kind);
  g_clear_pointer (&conflict->mine, json_node_unref);
  g_clear_pointer (&conflict->theirs, json_node_unref);
  g_clear_pointer (&conflict->base, json_node_unref);
  g_free (conflict->created_at);
  g_free (conflict);
}

gboolean
xarxa_sync_state_conflict_record (XarxaStore  *store,
                                  const char  *type_name,
                                  const char  *id,
                                  const char  *field,
                                  const char  *kind,
                                  JsonNode    *mine,
                                  JsonNode    *theirs,
                                  JsonNode    *base,
                                  gint64       theirs_version,
                                  GError     **error)
{
  g_autofree char *mine_text = NULL;
  g_autofree char *theirs_text = NULL;
  g_autofree char *base_text = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (type_name != NULL && id != NULL && field != NULL && kind != NULL, FALSE);

  mine_text = xarxa_json_node_to_text (mine);
  theirs_text = xarxa_json_node_to_text (theirs);
  base_text = xarxa_json_node_to_text (base);
  now = xarxa_now_iso8601 ();
  stmt = prepare_for_record (store, "INSERT INTO conflict (record_type, record_id, field, kind, mine, theirs, base, theirs_version, created_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                                    "ON CONFLICT (record_type, record_id, field) DO UPDATE SET kind = excluded.kind, "
                                    "mine = excluded.mine, theirs = excluded.theirs, base = excluded.base, "
                                    "theirs_version = excluded.theirs_version",
                                    type_name, id, error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 3, field);
  xarxa_sqlite_bind_text (stmt, 4, kind);
  xarxa_sqlite_bind_text (stmt, 5, mine_text);
  xarxa_sqlite_bind_text (stmt, 6, theirs_text);
  xarxa_sqlite_bind_text (stmt, 7, base_text);
  sqlite3_bind_int64 (stmt, 8, theirs_version);
  xarxa_sqlite_bind_text (stmt, 9, now);
  return xarxa_store_step_done (store, stmt, error);
}

gboolean
xarxa_sync_state_conflict_set_theirs (XarxaStore  *store,
                                      const char  *type_name,
                                      const char  *id,
                                      const char  *field,
                                      JsonNode    *theirs,
                                      gint64       theirs_version,
                                      GError     **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (type_name != NULL && id != NULL && field != NULL, FALSE);

  text = xarxa_json_node_to_text (theirs);
  stmt = prepare_for_record (store, "UPDATE conflict SET theirs = ?4, theirs_version = ?5 "
                                    "WHERE record_type = ?1 AND record_id = ?2 AND field = ?3",
                                    type_name, id, error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 3, field);
  xarxa_sqlite_bind_text (stmt, 4, text);
  sqlite3_bind_int64 (stmt, 5, theirs_version);
  return xarxa_store_step_done (store, stmt, error);
}

gboolean
xarxa_sync_state_conflict_drop (XarxaStore  *store,
                                const char  *type_name,
                                const char  *id,
                                const char  *field,
                                GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (type_name != NULL && id != NULL && field != NULL, FALSE);

  stmt = prepare_for_record (store, "DELETE FROM conflict WHERE record_type = ?1 AND record_id = ?2 AND field = ?3",
                                    type_name, id, error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 3, field);
  return xarxa_store_step_done (store, stmt, error);
}

GHashTable *
xarxa_sync_state_conflicts_for_record (XarxaStore *store,
                                       const char *type_name,
                                       const char *id)
{
  GHashTable *out;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (type_name != NULL && id != NULL, NULL);

  out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stmt = prepare_for_record (store, "SELECT field, mine, kind FROM conflict WHERE record_type = ?1 AND record_id = ?2",
                                    type_name, id, NULL);
  if (stmt == NULL)
    return out;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      /* A rejected change is a note, not a hold on the record. */
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "rejected") == 0)
        continue;
      g_hash_table_insert (out, column_dup (stmt, 0), column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  return out;
}

XarxaSyncConflict *
xarxa_sync_state_conflict_get (XarxaStore  *store,
                               gint64       conflict_id,
                               GError     **error)
{
  g_autoptr(XarxaSyncConflict) conflict = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  stmt = xarxa_store_prepare (store,
                              "SELECT record_type, record_id, field, kind, mine, theirs, base, theirs_version, created_at "
                              "FROM conflict WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      conflict = g_new0 (XarxaSyncConflict, 1);
      conflict->id = conflict_id;
      conflict->type_name = column_dup (stmt, 0);
      conflict->record_id = column_dup (stmt, 1);
      conflict->field = column_dup (stmt, 2);
      conflict->kind = column_dup (stmt, 3);
      conflict->mine = text_to_node ((const char *) sqlite3_column_text (stmt, 4));
      conflict->theirs = text_to_node ((const char *) sqlite3_column_text (stmt, 5));
      conflict->base = text_to_node ((const char *) sqlite3_column_text (stmt, 6));
      conflict->theirs_version = sqlite3_column_int64 (stmt, 7);
      conflict->created_at = column_dup (stmt, 8);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (store, rc, error);
      return NULL;
    }
  if (conflict == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("There is no conflict number %lld. List the conflicts to see their numbers."),
                   (long long) conflict_id);
      return NULL;
    }
  return g_steal_pointer (&conflict);
}

gboolean
xarxa_sync_state_conflict_remove (XarxaStore  *store,
                                  gint64       conflict_id,
                                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);

  stmt = xarxa_store_prepare (store, "DELETE FROM conflict WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  return xarxa_store_step_done (store, stmt, error);
}

static void
set_json_member (JsonObject *o,
                 const char *name,
                 const char *text)
{
  JsonNode *node = text_to_node (text);

  json_object_set_member (o, name, node != NULL ? node : json_node_new (JSON_NODE_NULL));
}

JsonArray *
xarxa_sync_state_list_conflicts (XarxaStore  *store,
                                 GError     **error)
{
  g_autoptr(JsonArray) out = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  stmt = xarxa_store_prepare (store,
                              "SELECT id, record_type, record_id, field, kind, mine, theirs, base, theirs_version, created_at "
                              "FROM conflict ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  out = json_array_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "id", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (o, "type", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (o, "record_id", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (o, "field", (const char *) sqlite3_column_text (stmt, 3));
      json_object_set_string_member (o, "kind", (const char *) sqlite3_column_text (stmt, 4));
      set_json_member (o, "mine", (const char *) sqlite3_column_text (stmt, 5));
      set_json_member (o, "theirs", (const char *) sqlite3_column_text (stmt, 6));
      set_json_member (o, "base", (const char *) sqlite3_column_text (stmt, 7));
      json_object_set_int_member (o, "theirs_version", sqlite3_column_int64 (stmt, 8));
      json_object_set_string_member (o, "created_at", (const char *) sqlite3_column_text (stmt, 9));
      json_array_add_object_element (out, o);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gint64
xarxa_sync_state_count_conflicts (XarxaStore *store)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (XARXA_IS_STORE (store), 0);

  stmt = xarxa_store_prepare (store, "SELECT count(*) FROM conflict", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

gboolean
xarxa_sync_state_conflicts_is_empty (XarxaStore *store)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);

  return exists_is_false (store, "SELECT EXISTS (SELECT 1 FROM conflict)");
}

/* ---- attachments ---- */

GPtrArray *
xarxa_sync_state_attachment_hashes (XarxaStore  *store,
                                    GError     **error)
{
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = xarxa_store_prepare (store,
                              "SELECT DISTINCT file_hash FROM document "
                              "WHERE deleted = 0 AND length (file_hash) = 64 ORDER BY file_hash",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (hashes, column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&hashes);
}

static char *
file_refused_key (const char *hash)
{
  return g_strconcat ("file-refused:", hash, NULL);
}

gboolean
xarxa_sync_state_set_file_refused (XarxaStore  *store,
                                   const char  *hash,
                                   guint64      limit,
                                   GError     **error)
{
  g_autofree char *key = NULL;
  char buf[32];

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (hash != NULL, FALSE);

  key = file_refused_key (hash);
  if (limit == 0)
    return xarxa_sync_state_set (store, key, NULL, error);
  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, limit);
  return xarxa_sync_state_set (store, key, buf, error);
}

guint64
xarxa_sync_state_get_file_refused (XarxaStore *store,
                                   const char *hash)
{
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), 0);
  g_return_val_if_fail (hash != NULL, 0);

  key = file_refused_key (hash);
  text = xarxa_sync_state_get (store, key);
  return text != NULL ? g_ascii_strtoull (text, NULL, 10) : 0;
}

char *
xarxa_sync_state_dup_file_message (XarxaStore *store,
                                   const char *hash)
{
  g_autofree char *limit_text = NULL;
  guint64 limit;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  if (hash == NULL || (limit = xarxa_sync_state_get_file_refused (store, hash)) == 0)
    return NULL;
  limit_text = g_format_size (limit);
  /* TRANSLATORS: %s is a size such as "10.5 MB". */
  return g_strdup_printf (_("This file is larger than the server accepts (limit %s). The document syncs without it; share the file another way."),
                          limit_text);
}
