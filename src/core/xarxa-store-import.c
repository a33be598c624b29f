/* xarxa-store-import.c — import batches, so that one import can be undone.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include <string.h>

#include "xarxa-store-private.h"

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
  g_return_val_if_fail (xarxa_store_in_transaction (self), -1);

  stmt = xarxa_store_prepare (self,
                              "INSERT INTO import_batch (source, imported_at) VALUES (?1, ?2)",
                              error);
  if (stmt == NULL)
    return -1;
  xarxa_sqlite_bind_text (stmt, 1, source != NULL ? source : "");
  xarxa_sqlite_bind_text (stmt, 2, now);
  if (!xarxa_store_step_done (self, stmt, error))
    return -1;
  batch = sqlite3_last_insert_rowid (xarxa_store_get_db (self));
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
  g_return_val_if_fail (xarxa_store_in_transaction (self), FALSE);

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

      if (!xarxa_store_set_deleted (self, types->pdata[i], ids->pdata[i], TRUE, &changed, &local_error))
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
  xarxa_store_note_changed_many (self);
  if (!xarxa_store_commit (self, error))
    return -1;
  return n_removed;

fail:
  xarxa_store_rollback (self);
  return -1;
}
