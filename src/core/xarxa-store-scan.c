/* xarxa-store-scan.c — every live record of a type, or those whose field
 * holds a value.
 *
 * The store has no generic list of a type's records yet (the directory has
 * its own query, with full-text search), so this reads each table in one
 * pass.  The statements are fixed at compile time from the type names; the
 * field is found by the column's name and compared in C, so no SQL is built
 * at run time.  The types it serves are small next to the directory (a
 * network's clusters, missions and their parts); it reads the whole table,
 * which is what the command line needs, not what a view of 100,000 rows
 * should use.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-store-private.h"
#include "xarxa-store-scan.h"

#define SCAN(t) { #t, "SELECT rowid, * FROM " #t " WHERE deleted = 0 ORDER BY rowid" },

/* One per record type of xarxa-schema.c; test-cli lists every type, so a
 * type missing here fails there. */
static const struct
{
  const char *type;
  const char *sql;
} scans[] = {
  SCAN (entity) SCAN (contact) SCAN (cluster) SCAN (cluster_member)
  SCAN (objective) SCAN (indicator) SCAN (indicator_value) SCAN (action)
  SCAN (decision) SCAN (agenda_item) SCAN (mission) SCAN (participant)
  SCAN (itinerary_stop) SCAN (field_note) SCAN (document) SCAN (document_link)
};

static const char *
scan_sql (const char *type_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (scans); i++)
    if (strcmp (scans[i].type, type_name) == 0)
      return scans[i].sql;
  return NULL;
}

static gboolean
set_text_contains (const char *json_text,
                   const char *item)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (json_text == NULL || !json_parser_load_from_data (parser, json_text, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), item) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
column_holds (sqlite3_stmt         *stmt,
              int                   col,
              const XarxaFieldInfo *field,
              JsonNode             *value)
{
  gboolean empty = sqlite3_column_type (stmt, col) == SQLITE_NULL;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      if (field->kind == XARXA_FIELD_SET && !empty)
        return g_strcmp0 ((const char *) sqlite3_column_text (stmt, col), "[]") == 0;
      return empty;
    }
  if (empty)
    return FALSE;

  switch (field->kind)
    {
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_REF:
      return JSON_NODE_HOLDS_VALUE (value) &&
             json_node_get_value_type (value) == G_TYPE_STRING &&
             g_strcmp0 ((const char *) sqlite3_column_text (stmt, col), json_node_get_string (value)) == 0;
    case XARXA_FIELD_SET:
      {
        JsonArray *items;

        if (!JSON_NODE_HOLDS_ARRAY (value))
          return FALSE;
        /* Every item asked for is in the set. */
        items = json_node_get_array (value);
        for (guint i = 0; i < json_array_get_length (items); i++)
          if (!set_text_contains ((const char *) sqlite3_column_text (stmt, col),
                                  json_array_get_string_element (items, i)))
            return FALSE;
        return TRUE;
      }
    case XARXA_FIELD_INT:
      return JSON_NODE_HOLDS_VALUE (value) &&
             sqlite3_column_int64 (stmt, col) == json_node_get_int (value);
    case XARXA_FIELD_REAL:
      return JSON_NODE_HOLDS_VALUE (value) &&
             sqlite3_column_double (stmt, col) == json_node_get_double (value);
    case XARXA_FIELD_BOOL:
      return JSON_NODE_HOLDS_VALUE (value) &&
             (sqlite3_column_int (stmt, col) != 0) == json_node_get_boolean (value);
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* The full record of a row, read while the scan statement is still open. */
static JsonObject *
record_at_rowid (XarxaStore             *self,
                 const XarxaRecordType  *type,
                 gint64                  rowid,
                 GError                **error)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (self, type->sql_select_rowid, error);
  JsonObject *record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = xarxa_store_row_to_object (type, stmt);
  else
    xarxa_store_sqlite_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
  sqlite3_reset (stmt);
  return record;
}

GPtrArray *
xarxa_store_scan_records (XarxaStore  *self,
                          const char  *type_name,
                          const char  *field,
                          JsonNode    *value,
                          GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  const XarxaRecordType *type;
  const XarxaFieldInfo *info = NULL;
  const char *sql;
  sqlite3_stmt *stmt;
  int col = -1;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  type = xarxa_schema_lookup (type_name);
  sql = type != NULL ? scan_sql (type_name) : NULL;
  if (sql == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a kind of record Xarxa knows."), type_name);
      return NULL;
    }
  if (field != NULL && (info = xarxa_record_type_field (type, field)) == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a field of this kind of record."), field);
      return NULL;
    }

  if ((stmt = xarxa_store_prepare (self, sql, error)) == NULL)
    return NULL;
  if (info != NULL)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      if (g_strcmp0 (sqlite3_column_name (stmt, i), field) == 0)
        col = i;
  g_assert (info == NULL || col >= 0);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *record;

      if (info != NULL && !column_holds (stmt, col, info, value))
        continue;
      record = record_at_rowid (self, type, sqlite3_column_int64 (stmt, 0), error);
      if (record == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}
