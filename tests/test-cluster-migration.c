/* test-cluster-migration.c — schema version 5 (the cluster builder) moves
 * the data of every earlier version over: free-text meetings become
 * meeting records, renamed values take their new names, a decision's
 * summary becomes its decision text, and each move waits in the outbox.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cluster-migration"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "test-util.h"
#include "xarxa-migrations.h"
#include "xarxa-search.h"
#include "xarxa-store.h"
#include "xarxa-store-private.h"

#define CLUSTER_ID "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a01"
#define ITEM_A "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a02"
#define ITEM_B "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a03"
#define ITEM_C "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a04"
#define IND_UP "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a05"
#define IND_DOWN "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a06"
#define IND_KEEP "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a07"
#define DECISION_ID "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a08"

/* Records as versions 1 to 4 stored them. */
static const char old_data[] =
  "INSERT INTO cluster (name, id, created_at, updated_at) VALUES"
  " ('Clúster Aigua', '" CLUSTER_ID "', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
  "INSERT INTO agenda_item (cluster_id, meeting, kind, text, supporters, id, created_at, updated_at, version) VALUES"
  " ('" CLUSTER_ID "', ' Jornada de Vic 2025 ', 'trend', 'Comunitats energètiques', 7, '" ITEM_A "', 'x', 'x', 3),"
  " ('" CLUSTER_ID "', 'Jornada de Vic 2025', 'need', 'Habitatge assequible', 2, '" ITEM_B "', 'x', 'x', 0),"
  " (NULL, 'Trobada de xarxa', 'challenge', 'Bretxa digital', NULL, '" ITEM_C "', 'x', 'x', 0);"
  "INSERT INTO indicator (cluster_id, name, baseline, target, direction, id, created_at, updated_at) VALUES"
  " ('" CLUSTER_ID "', 'Dones en juntes', 20, 50, 'increase', '" IND_UP "', 'x', 'x'),"
  " ('" CLUSTER_ID "', 'Litres per persona', 130, 100, 'decrease', '" IND_DOWN "', 'x', 'x'),"
  " ('" CLUSTER_ID "', 'Centres oberts', 12, 12, 'maintain', '" IND_KEEP "', 'x', 'x');"
  "INSERT INTO decision (cluster_id, decided_on, summary, consensus, id, created_at, updated_at) VALUES"
  " ('" CLUSTER_ID "', '2026-03-02', 'Compartim un tècnic de dades', 1, '" DECISION_ID "', 'x', 'x');"
  /* Synced: the server holds the item as it stands. */
  "INSERT INTO shadow (record_type, record_id, data, version) VALUES ('agenda_item', '" ITEM_A "', '', 3);";

static char *
query_text (XarxaStore *store,
            const char *sql,
            const char *param)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = xarxa_store_prepare (store, sql, &error);
  char *out = NULL;

  g_assert_no_error (error);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return out;
}

/* Migration 3 names the store's repair function; on these empty tables it
 * is never called, but SQLite wants it to exist. */
static void
identity (sqlite3_context *ctx,
          int              argc,
          sqlite3_value  **argv)
{
  sqlite3_result_value (ctx, argv[0]);
}

static void
test_from_version (gconstpointer data)
{
  guint from = GPOINTER_TO_UINT (data);
  g_autofree char *dir = test_make_dir ("cluster-migration");
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *version_sql = g_strdup_printf ("PRAGMA application_id = 1480675928; PRAGMA user_version = %u;", from);
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) item_a = NULL;
  g_autoptr(JsonObject) item_b = NULL;
  g_autoptr(JsonObject) item_c = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_create_function (db, "xarxa_json_repair", 1, SQLITE_UTF8, NULL, identity, NULL, NULL);
  for (guint v = 0; v < from; v++)
    g_assert_cmpint (sqlite3_exec (db, xarxa_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, old_data, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, version_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);

  /* One meeting per cluster and text, named by the items it held. */
  g_assert_cmpint (xarxa_store_count (store, "meeting"), ==, 2);
  item_a = xarxa_store_get_record (store, "agenda_item", ITEM_A, &error);
  item_b = xarxa_store_get_record (store, "agenda_item", ITEM_B, &error);
  item_c = xarxa_store_get_record (store, "agenda_item", ITEM_C, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (item_a, "meeting_id"), ==,
                   json_object_get_string_member (item_b, "meeting_id"));
  g_assert_cmpstr (json_object_get_string_member (item_a, "meeting_id"), !=,
                   json_object_get_string_member (item_c, "meeting_id"));
  meeting = xarxa_store_get_record (store, "meeting", json_object_get_string_member (item_a, "meeting_id"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (meeting, "title"), ==, "Jornada de Vic 2025");
  g_assert_cmpstr (json_object_get_string_member (meeting, "cluster_id"), ==, CLUSTER_ID);
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (meeting, "id")));
  g_clear_pointer (&meeting, json_object_unref);
  meeting = xarxa_store_get_record (store, "meeting", json_object_get_string_member (item_c, "meeting_id"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (meeting, "title"), ==, "Trobada de xarxa");
  g_assert_true (json_object_get_null_member (meeting, "cluster_id") ||
                 json_object_get_string_member (meeting, "cluster_id") == NULL);

  /* Renamed values. */
  g_assert_cmpstr (json_object_get_string_member (item_a, "kind"), ==, "innovation-trend");
  g_assert_cmpstr (json_object_get_string_member (item_b, "kind"), ==, "need");
  record = xarxa_store_get_record (store, "indicator", IND_UP, &error);
  g_assert_cmpstr (json_object_get_string_member (record, "direction"), ==, "up");
  g_clear_pointer (&record, json_object_unref);
  record = xarxa_store_get_record (store, "indicator", IND_DOWN, &error);
  g_assert_cmpstr (json_object_get_string_member (record, "direction"), ==, "down");
  g_clear_pointer (&record, json_object_unref);
  record = xarxa_store_get_record (store, "indicator", IND_KEEP, &error);
  g_assert_null (json_object_get_string_member_with_default (record, "direction", NULL));
  g_clear_pointer (&record, json_object_unref);
  record = xarxa_store_get_record (store, "decision", DECISION_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (record, "decision"), ==, "Compartim un tècnic de dades");

  /* What cannot move stays where it was. */
  text = query_text (store, "SELECT supporters FROM agenda_item WHERE id = ?1", ITEM_A);
  g_assert_cmpstr (text, ==, "7");
  g_clear_pointer (&text, g_free);

  /* Every move waits for the server: two meetings made, three items
   * linked, one kind, three directions, one decision. */
  g_assert_cmpint (xarxa_store_count_outbox (store), ==, 2 + 3 + 1 + 3 + 1);
  text = query_text (store, "SELECT before FROM outbox WHERE record_id = ?1 AND fields LIKE '%kind%'", ITEM_A);
  g_assert_cmpstr (text, ==, "{\"kind\":\"trend\"}");
  g_clear_pointer (&text, g_free);
  text = query_text (store, "SELECT base_version FROM outbox WHERE record_id = ?1 AND fields LIKE '%kind%'", ITEM_A);
  g_assert_cmpstr (text, ==, "3");
  g_clear_pointer (&text, g_free);
  /* The synced item's shadow holds what the server has, not the move. */
  text = query_text (store, "SELECT json_extract (data, '$.kind') FROM shadow WHERE record_id = ?1", ITEM_A);
  g_assert_cmpstr (text, ==, "trend");
  g_clear_pointer (&text, g_free);

  /* The new types are writable. */
  {
    g_autoptr(JsonObject) values = json_object_new ();
    g_autofree char *id = NULL;

    json_object_set_string_member (values, "title", "Trobada de tardor");
    json_object_set_boolean_member (values, "online", TRUE);
    id = xarxa_store_create_record (store, "meeting", values, &error);
    g_assert_no_error (error);
    g_assert_nonnull (id);
  }

  g_clear_object (&store);
  test_remove_tree (dir);
}

/* From version 8, the last before one search across the views: a
 * mission's stops and notes already there are found, and the documents'
 * list indexes are made. */
static void
test_search_from_8 (void)
{
  g_autofree char *dir = test_make_dir ("search-migration");
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const char *const parts[] = { "itinerary_stop", "field_note", NULL };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_create_function (db, "xarxa_json_repair", 1, SQLITE_UTF8, NULL, identity, NULL, NULL);
  for (guint v = 0; v < 8; v++)
    g_assert_cmpint (sqlite3_exec (db, xarxa_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO itinerary_stop (title, id, created_at, updated_at, deleted, version)"
                                 " VALUES ('Visita a la cooperativa solar', 's1', 'x', 'x', 0, 0);"
                                 "INSERT INTO field_note (text, id, created_at, updated_at, deleted, version)"
                                 " VALUES ('Panells solars al terrat', 'n1', 'x', 'x', 0, 0),"
                                 " ('Una nota esborrada sobre el solar', 'n2', 'x', 'x', 1, 0);"
                                 "PRAGMA application_id = 1480675928; PRAGMA user_version = 8;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);
  hits = xarxa_search (store, "sola", parts, 10, "", "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (((XarxaSearchHit *) hits->pdata[0])->id, ==, "s1");
  g_assert_cmpstr (((XarxaSearchHit *) hits->pdata[1])->id, ==, "n1");

  stmt = xarxa_store_prepare (store, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                     " ('document_live_by_title', 'document_live_by_language')", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  sqlite3_reset (stmt);
  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Every version before 6, the one that moves the cluster's data. */
  for (guint v = 1; v < 6; v++)
    {
      g_autofree char *name = g_strdup_printf ("/cluster-migration/from-version-%u", v);

      g_test_add_data_func (name, GUINT_TO_POINTER (v), test_from_version);
    }
  g_test_add_func ("/cluster-migration/search-from-version-8", test_search_from_8);
  return g_test_run ();
}
