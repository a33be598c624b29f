/* test-sync.c — the sync engine against the real xarxa-server, under faults.
 *
 * Each test starts xarxa-server on 127.0.0.1 (port 0) over a fresh data
 * directory and drives two or more client databases through the engine.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "sync-harness.h"
#include "test-util.h"
#include "xarxa-library.h"
#include "xarxa-store-private.h"

/* ---- helpers ----------------------------------------------------------- */

static void
set_field (SyncDevice *d,
           const char *id,
           const char *field,
           const char *value)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (changes, field, value);
  xarxa_store_update_record (d->store, "entity", id, changes, &error);
  g_assert_no_error (error);
}

static void
set_tags (SyncDevice        *d,
          const char        *id,
          const char *const *tags)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_array_new ();

  for (guint i = 0; tags[i] != NULL; i++)
    json_array_add_string_element (array, tags[i]);
  json_object_set_array_member (changes, "tags", array);
  xarxa_store_update_record (d->store, "entity", id, changes, &error);
  g_assert_no_error (error);
}

static JsonObject *
get_entity (SyncDevice *d,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *record = xarxa_store_get_record (d->store, "entity", id, &error);

  g_assert_no_error (error);
  return record;
}

static char *
field_of (SyncDevice *d,
          const char *id,
          const char *field)
{
  g_autoptr(JsonObject) record = get_entity (d, id);

  return g_strdup (json_object_get_string_member_with_default (record, field, NULL));
}

static gboolean
is_deleted (SyncDevice *d,
            const char *id)
{
  g_autoptr(JsonObject) record = get_entity (d, id);

  return json_object_get_boolean_member (record, "deleted");
}

static char *
record_text (SyncDevice *d,
             const char *id)
{
  g_autoptr(JsonObject) record = get_entity (d, id);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), record);

  return json_to_string (node, FALSE);
}

/* Both devices hold the same record, field by field, bookkeeping included. */
static void
assert_same_record (SyncDevice *a,
                    SyncDevice *b,
                    const char *id)
{
  g_autofree char *ta = record_text (a, id);
  g_autofree char *tb = record_text (b, id);

  g_assert_cmpstr (ta, ==, tb);
}

static JsonArray *
conflicts (SyncDevice *d)
{
  g_autoptr(GError) error = NULL;
  JsonArray *list = xarxa_sync_state_list_conflicts (d->store, &error);

  g_assert_no_error (error);
  return list;
}

static gint64
count_rows (SyncDevice *d,
            const char *sql)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (d->store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* ---- two devices, fields and conflicts -------------------------------------- */

static void
test_different_fields (void)
{
  SyncServer *server = sync_server_new ();
  SyncDevice *a, *b;
  g_autofree char *id = NULL;
  g_autofree char *city = NULL;
  g_autofree char *phone = NULL;
  XarxaSyncStats stats = { 0 };

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);

  id = test_add_entity (a->store, "Coop Sud", "Salt");
  sync_device_sync (a, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, 0);
  sync_device_sync (b, NULL);
  assert_same_record (a, b, id);

  /* Offline on both, then sync in turn. */
  set_field (a, id, "city", "Girona");
  set_field (b, id, "phone", "+34 972 000 000");
  set_tags (a, id, (const char *const[]) { "rural", NULL });
  set_tags (b, id, (const char *const[]) { "youth", NULL });
  sync_device_sync (a, NULL);
  memset (&stats, 0, sizeof stats);
  sync_device_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  sync_device_sync (a, NULL);

  city = field_of (b, id, "city");
  phone = field_of (a, id, "phone");
  g_assert_cmpstr (city, ==, "Girona");
  g_assert_cmpstr (phone, ==, "+34 972 000 000");
  {
    g_autoptr(JsonObject) record = get_entity (a, id);
    JsonArray *tags = json_object_get_array_member (record, "tags");

    /* Tag sets merge their additions. */
    g_assert_cmpuint (json_array_get_length (tags), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "rural");
    g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "youth");
  }
  assert_same_record (a, b, id);
  g_assert_cmpint (xarxa_sync_state_count_conflicts (a->store), ==, 0);
  g_assert_cmpint (xarxa_sync_state_count_conflicts (b->store), ==, 0);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

static char *
shadow_member (SyncDevice *d,
               const char *id,
               const char *path)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (d->store,
                                            "SELECT coalesce (json_extract (data, ?2), 'null') || ' v' || version "
                                            "FROM shadow WHERE record_type = 'entity' AND record_id = ?1", NULL);
  char *text;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

/* What a push leaves as the base of later merges: the values the server
 * now holds, emptied fields included; a tag removed on one device and one
 * added on the other both survive the next merge. */
static void
test_pushed_values_become_base (void)
{
  SyncServer *server = sync_server_new ();
  SyncDevice *a, *b;
  g_autofree char *id = NULL;
  g_autofree char *version = NULL;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);

  id = test_add_entity (a->store, "Ateneu Nord", "Manresa");
  set_field (a, id, "phone", "+34 938 000 000");
  set_tags (a, id, (const char *const[]) { "rural", "youth", NULL });
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);

  /* A empties the phone, changes the city and drops a tag; pushed. */
  set_field (a, id, "phone", NULL);
  set_field (a, id, "city", "Vic");
  set_tags (a, id, (const char *const[]) { "youth", NULL });
  sync_device_sync (a, NULL);
  {
    g_autofree char *phone = shadow_member (a, id, "$.phone");
    g_autofree char *city = shadow_member (a, id, "$.city");
    g_autofree char *tags = shadow_member (a, id, "$.tags");
    g_autofree char *deleted = shadow_member (a, id, "$.deleted");
    g_autoptr(JsonObject) record = get_entity (a, id);

    version = g_strdup_printf (" v%" G_GINT64_FORMAT, json_object_get_int_member (record, "version"));
    g_assert_true (g_str_has_prefix (phone, "null v"));
    g_assert_true (g_str_has_prefix (city, "Vic v"));
    g_assert_true (g_str_has_prefix (tags, "[\"youth\"] v"));
    g_assert_true (g_str_has_prefix (deleted, "0 v"));
    /* The shadow and the record agree on the version the server gave. */
    g_assert_true (g_str_has_suffix (city, version));
  }

  /* Offline: A adds a tag, B (which never saw A's removal) adds another. */
  set_tags (a, id, (const char *const[]) { "youth", "water", NULL });
  sync_device_sync (b, NULL);
  set_tags (b, id, (const char *const[]) { "youth", "energy", NULL });
  sync_device_sync (b, NULL);
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);
  {
    g_autoptr(JsonObject) record = get_entity (a, id);
    JsonArray *tags = json_object_get_array_member (record, "tags");
    g_autofree char *phone = field_of (b, id, "phone");

    /* "rural" stays removed; both additions are kept. */
    g_assert_cmpuint (json_array_get_length (tags), ==, 3);
    g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "energy");
    g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "water");
    g_assert_cmpstr (json_array_get_string_element (tags, 2), ==, "youth");
    g_assert_null (phone);
  }
  assert_same_record (a, b, id);
  g_assert_cmpint (xarxa_sync_state_count_conflicts (a->store), ==, 0);
  g_assert_cmpint (xarxa_sync_state_count_conflicts (b->store), ==, 0);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* A damaged shadow (not JSON) never blocks the device: the next push
 * writes a whole new one, and the changes keep flowing both ways. */
static void
test_damaged_shadow (void)
{
  SyncServer *server = sync_server_new ();
  SyncDevice *a, *b;
  g_autofree char *id = NULL;
  g_autofree char *city = NULL;
  sqlite3_stmt *stmt;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  id = test_add_entity (a->store, "Cooperativa Riu", "Girona");
  sync_device_sync (a, NULL);

  stmt = xarxa_store_prepare (a->store, "UPDATE shadow SET data = 'not JSON {' WHERE record_id = ?1", NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  set_field (a, id, "city", "Olot");
  sync_device_sync (a, NULL);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, 0);
  g_assert_cmpint (count_rows (a, "SELECT count(*) FROM shadow WHERE NOT json_valid (data)"), ==, 0);

  sync_device_sync (b, NULL);
  city = field_of (b, id, "city");
  g_assert_cmpstr (city, ==, "Olot");
  assert_same_record (a, b, id);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

static void
resolve_only_conflict (SyncDevice      *d,
                       const char      *field,
                       XarxaSyncChoice  choice)
{
  g_autoptr(JsonArray) list = conflicts (d);
  g_autoptr(GError) error = NULL;
  JsonObject *c;

  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  c = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "field"), ==, field);
  xarxa_sync_engine_resolve (d->engine, json_object_get_int_member (c, "id"), field, choice, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_sync_state_count_conflicts (d->store), ==, 0);
}

static void
test_same_field (void)
{
  SyncServer *server = sync_server_new ();
  SyncDevice *a, *b;
  g_autofree char *id = NULL;
  XarxaSyncStats stats = { 0 };

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  id = test_add_entity (a->store, "Coop Sud", "Salt");
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);

  /* Round 1: both change the city; B keeps its own. */
  set_field (a, id, "city", "Girona");
  set_field (b, id, "city", "Figueres");
  sync_device_sync (a, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  memset (&stats, 0, sizeof stats);
  sync_device_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  {
    g_autoptr(JsonArray) list = conflicts (b);
    JsonObject *c = json_array_get_object_element (list, 0);
    g_autofree char *shown = field_of (b, id, "city");

    g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, "field");
    g_assert_cmpstr (json_object_get_string_member (c, "mine"), ==, "Figueres");
    g_assert_cmpstr (json_object_get_string_member (c, "theirs"), ==, "Girona");
    g_assert_cmpstr (json_object_get_string_member (c, "record_id"), ==, id);
    /* The record shows the local value until a person chooses. */
    g_assert_cmpstr (shown, ==, "Figueres");
  }
  g_assert_cmpint (xarxa_sync_state_count_conflicts (a->store), ==, 0);
  resolve_only_conflict (b, "city", XARXA_SYNC_CHOICE_MINE);
  sync_device_sync (b, NULL);
  sync_device_sync (a, NULL);
  {
    g_autofree char *ca = field_of (a, id, "city");
    g_autofree char *cb = field_of (b, id, "city");

    g_assert_cmpstr (ca, ==, "Figueres");
    g_assert_cmpstr (cb, ==, "Figueres");
  }
  assert_same_record (a, b, id);

  /* Round 2: the same, B takes theirs. */
  set_field (a, id, "city", "Olot");
  set_field (b, id, "city", "Vic");
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);
  resolve_only_conflict (b, "city", XARXA_SYNC_CHOICE_THEIRS);
  {
    g_autofree char *cb = field_of (b, id, "city");

    g_assert_cmpstr (cb, ==, "Olot");
  }
  sync_device_sync (b, NULL);
  sync_device_sync (a, NULL);
  assert_same_record (a, b, id);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, 0);
  g_assert_cmpint (xarxa_store_count_outbox (b->store), ==, 0);

  /* Round 3: both rename it; B takes theirs, and finds it by that name
   * (its folded name key follows the choice). */
  set_field (a, id, "name", "Àgora Sud");
  set_field (b, id, "name", "Coop del Sud");
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);
  resolve_only_conflict (b, "name", XARXA_SYNC_CHOICE_THEIRS);
  {
    g_autofree char *found = xarxa_store_find_entity_by_name (b->store, "agora sud", NULL);
    g_autofree char *gone = xarxa_store_find_entity_by_name (b->store, "Coop del Sud", NULL);

    g_assert_cmpstr (found, ==, id);
    g_assert_null (gone);
  }

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

static void
test_delete_edit (void)
{
  SyncServer *server = sync_server_new ();
  SyncDevice *a, *b;
  g_autofree char *id = NULL;
  g_autofree char *id2 = NULL;
  XarxaSyncStats stats = { 0 };
  g_autoptr(GError) error = NULL;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  id = test_add_entity (a->store, "Coop Sud", "Salt");
  id2 = test_add_entity (a->store, "Ateneu Nord", "Vic");
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);

  /* A deletes, B edits, A first. */
  xarxa_store_delete_record (a->store, "entity", id, &error);
  g_assert_no_error (error);
  set_field (b, id, "notes", "Met them in March");
  sync_device_sync (a, NULL);
  sync_device_sync (b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  {
    g_autoptr(JsonArray) list = conflicts (b);
    JsonObject *c = json_array_get_object_element (list, 0);
    g_autofree char *notes = field_of (b, id, "notes");

    g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, "edit-delete");
    g_assert_cmpstr (json_object_get_string_member (c, "field"), ==, "*");
    /* No silent loss: the edit is still here. */
    g_assert_false (is_deleted (b, id));
    g_assert_cmpstr (notes, ==, "Met them in March");
  }
  /* No silent resurrection on A. */
  sync_device_sync (a, NULL);
  g_assert_true (is_deleted (a, id));

  resolve_only_conflict (b, "*", XARXA_SYNC_CHOICE_MINE);
  sync_device_sync (b, NULL);
  sync_device_sync (a, NULL);
  g_assert_false (is_deleted (a, id));
  {
    g_autofree char *notes = field_of (a, id, "notes");

    g_assert_cmpstr (notes, ==, "Met them in March");
  }
  assert_same_record (a, b, id);

  /* The other way: B edits and syncs, then A deletes offline. */
  set_field (b, id2, "city", "Manlleu");
  sync_device_sync (b, NULL);
  xarxa_store_delete_record (a->store, "entity", id2, &error);
  g_assert_no_error (error);
  memset (&stats, 0, sizeof stats);
  sync_device_sync (a, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  {
    g_autoptr(JsonArray) list = conflicts (a);
    JsonObject *c = json_array_get_object_element (list, 0);

    g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, "delete-edit");
  }
  /* The server kept the record: B still has it. */
  sync_device_sync (b, NULL);
  g_assert_false (is_deleted (b, id2));
  resolve_only_conflict (a, "*", XARXA_SYNC_CHOICE_THEIRS);
  g_assert_false (is_deleted (a, id2));
  {
    g_autofree char *city = field_of (a, id2, "city");

    g_assert_cmpstr (city, ==, "Manlleu");
  }
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);
  assert_same_record (a, b, id2);

  /* And a delete that a person confirms goes through. */
  set_field (b, id2, "phone", "+34 600 000 001");
  sync_device_sync (b, NULL);
  xarxa_store_delete_record (a->store, "entity", id2, &error);
  g_assert_no_error (error);
  sync_device_sync (a, NULL);
  resolve_only_conflict (a, "*", XARXA_SYNC_CHOICE_MINE);
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);
  g_assert_true (is_deleted (b, id2));
  g_assert_true (is_deleted (a, id2));
  g_assert_cmpint (xarxa_sync_state_count_conflicts (a->store) + xarxa_sync_state_count_conflicts (b->store), ==, 0);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* ---- faults ------------------------------------------------------------------- */

typedef struct
{
  XarxaSyncHookPoint  point;
  guint               at;        /* which occurrence */
  SyncServer         *kill;      /* SIGKILL this server there */
  gboolean            stop;      /* then stop the engine as if it died */
  guint               fired;
} Crash;

static gboolean
crash_hook (XarxaSyncEngine    *engine,
            XarxaSyncHookPoint  point,
            guint               count,
            gpointer            user_data)
{
  Crash *crash = user_data;

  if (point != crash->point || count != crash->at)
    return TRUE;
  crash->fired++;
  if (crash->kill != NULL)
    sync_server_kill (crash->kill);
  return !crash->stop;
}

/* Makes @n records and a few edits on @d: returns how many mutations. */
static guint
make_changes (SyncDevice *d,
              guint       n,
              GPtrArray  *ids)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Entitat %u", i);
      char *id = test_add_entity (d->store, name, "Reus");

      g_ptr_array_add (ids, id);
    }
  for (guint i = 0; i < n; i += 2)
    set_field (d, ids->pdata[i], "city", "Tarragona");
  return n + (n + 1) / 2;
}

/* A fresh device pulls everything: the server holds each record once, with
 * each change applied once. */
static void
assert_server_has (SyncServer *server,
                   SyncDevice *source,
                   GPtrArray  *ids,
                   guint       n_mutations)
{
  SyncDevice *fresh = sync_device_new (server, "anna", EDITOR_PASSWORD);

  /* Every applied mutation takes exactly one dataset version. */
  g_assert_cmpint (sync_server_version (server), ==, n_mutations);
  sync_device_sync (fresh, NULL);
  g_assert_cmpint (xarxa_store_count (fresh->store, "entity"), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    assert_same_record (source, fresh, ids->pdata[i]);
  sync_device_free (fresh);
}

static void
test_server_killed (gconstpointer data)
{
  XarxaSyncHookPoint point = GPOINTER_TO_INT (data);
  SyncServer *server = sync_server_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  Crash crash = { point, 1, server, point == XARXA_SYNC_HOOK_AFTER_PUSH_SEND, 0 };
  XarxaSyncStats stats = { 0 };
  SyncDevice *a;
  guint n;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  n = make_changes (a, 9, ids);
  /* Three batches; the server dies around the second. */
  xarxa_sync_engine_set_batch_size (a->engine, 5);
  xarxa_sync_engine_set_test_hook (a->engine, crash_hook, &crash);
  g_assert_false (xarxa_sync_engine_sync (a->engine, &stats, NULL, &error));
  g_assert_cmpuint (crash.fired, ==, 1);
  if (point == XARXA_SYNC_HOOK_BEFORE_PUSH_SEND)
    g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NETWORK);
  else
    g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_INTERRUPTED);
  g_clear_error (&error);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), >, 0);

  /* Restart everything. */
  sync_server_start (server, NULL);
  sync_device_reconnect (a, server);
  xarxa_sync_engine_set_batch_size (a->engine, 5);
  memset (&stats, 0, sizeof stats);
  sync_device_sync (a, &stats);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, 0);
  g_assert_cmpuint (stats.rejected, ==, 0);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  assert_server_has (server, a, ids, n);

  sync_device_free (a);
  sync_server_free (server);
}

/* The server kills itself inside the push, just before or just after its
 * commit (XARXA_SERVER_TEST_CRASH): nothing or everything was applied, and
 * after a restart each change is there exactly once. */
static void
test_server_crash_point (gconstpointer data)
{
  const char *point = data;
  SyncServer *server = sync_server_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  SyncDevice *a;
  guint n;

  sync_server_start_env (server, NULL, "XARXA_SERVER_TEST_CRASH", point);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  n = make_changes (a, 6, ids);
  g_assert_false (xarxa_sync_engine_sync (a->engine, NULL, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NETWORK);
  g_clear_error (&error);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, n);

  sync_server_start (server, NULL);
  g_assert_cmpint (sync_server_version (server), ==,
                   g_str_equal (point, "after-commit") ? n : 0);
  sync_device_reconnect (a, server);
  sync_device_sync (a, NULL);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, 0);
  g_assert_cmpint (xarxa_sync_state_count_conflicts (a->store), ==, 0);
  assert_server_has (server, a, ids, n);

  sync_device_free (a);
  sync_server_free (server);
}

static void
test_same_batch_twice (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  Crash crash = { XARXA_SYNC_HOOK_AFTER_PUSH_SEND, 0, NULL, TRUE, 0 };
  SyncDevice *a;
  guint n;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  n = make_changes (a, 4, ids);
  xarxa_sync_engine_set_test_hook (a->engine, crash_hook, &crash);
  /* The answer is lost twice in a row: the same body goes three times. */
  g_assert_false (xarxa_sync_engine_sync (a->engine, NULL, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_INTERRUPTED);
  g_clear_error (&error);
  g_assert_false (xarxa_sync_engine_sync (a->engine, NULL, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_INTERRUPTED);
  g_clear_error (&error);
  g_assert_cmpint (sync_server_version (server), ==, n);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, n);

  xarxa_sync_engine_set_test_hook (a->engine, NULL, NULL);
  sync_device_sync (a, NULL);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, 0);
  g_assert_cmpint (count_rows (a, "SELECT count(*) FROM conflict"), ==, 0);
  assert_server_has (server, a, ids, n);

  sync_device_free (a);
  sync_server_free (server);
}

static void
test_client_killed_mid_pull (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  Crash crash = { XARXA_SYNC_HOOK_AFTER_PULL_FETCH, 2, NULL, TRUE, 0 };
  XarxaSyncStats stats = { 0 };
  SyncDevice *a, *b;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  make_changes (a, 10, ids);
  sync_device_sync (a, NULL);

  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  xarxa_sync_engine_set_page_size (b->engine, 3);
  xarxa_sync_engine_set_pull_group (b->engine, 1);   /* commit every page */
  xarxa_sync_engine_set_test_hook (b->engine, crash_hook, &crash);
  g_assert_false (xarxa_sync_engine_sync (b->engine, &stats, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_INTERRUPTED);
  g_clear_error (&error);
  /* Two whole pages were kept with their cursor. */
  g_assert_cmpint (xarxa_store_count (b->store, "entity"), ==, 6);

  sync_device_reconnect (b, server);
  xarxa_sync_engine_set_page_size (b->engine, 3);
  memset (&stats, 0, sizeof stats);
  sync_device_sync (b, &stats);
  g_assert_cmpuint (stats.pulled, ==, 4);
  g_assert_cmpint (xarxa_store_count (b->store, "entity"), ==, 10);
  for (guint i = 0; i < ids->len; i++)
    assert_same_record (a, b, ids->pdata[i]);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* Pages committed in groups: stopped inside a group, the device keeps
 * whole pages only, each with its cursor, and nothing of the open group;
 * the next sync pulls exactly the rest.  (How many pages a group holds
 * depends on when the next page arrives: a group never waits for one.) */
static void
test_client_killed_mid_group (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  Crash crash = { XARXA_SYNC_HOOK_AFTER_PULL_FETCH, 3, NULL, TRUE, 0 };
  XarxaSyncStats stats = { 0 };
  SyncDevice *a, *b;
  gint64 kept;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  make_changes (a, 10, ids);
  sync_device_sync (a, NULL);

  /* Pages of 2 changes, groups of up to 5 (a page counts its changes and
   * one more); the stop comes as page 3 arrives. */
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  xarxa_sync_engine_set_page_size (b->engine, 2);
  xarxa_sync_engine_set_pull_group (b->engine, 5);
  xarxa_sync_engine_set_test_hook (b->engine, crash_hook, &crash);
  g_assert_false (xarxa_sync_engine_sync (b->engine, &stats, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_INTERRUPTED);
  g_clear_error (&error);
  kept = xarxa_store_count (b->store, "entity");
  g_assert_cmpint (kept % 2, ==, 0);        /* whole pages */
  g_assert_cmpint (kept, <=, 6);            /* page 3 never applied */
  g_assert_cmpint (kept, >=, 2);            /* page 0 closed a group at the latest with page 1 */
  g_assert_cmpint (count_rows (b, "SELECT count(*) FROM shadow"), ==, kept);

  sync_device_reconnect (b, server);
  xarxa_sync_engine_set_page_size (b->engine, 2);
  xarxa_sync_engine_set_pull_group (b->engine, 5);
  memset (&stats, 0, sizeof stats);
  sync_device_sync (b, &stats);
  /* The cursor kept matches what was kept: nothing pulled twice. */
  g_assert_cmpuint (stats.pulled, ==, 10 - kept);
  g_assert_cmpint (xarxa_store_count (b->store, "entity"), ==, 10);
  for (guint i = 0; i < ids->len; i++)
    assert_same_record (a, b, ids->pdata[i]);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* ---- a server that answers wrongly ----------------------------------------- */

/* A page of changes that breaks the protocol after a good one, from a
 * small HTTP server of the test's own (the real server never sends one):
 * how a device meets a broken or hostile server. */
typedef struct
{
  const char   *mode;          /* "null-changes" or "no-cursor" */
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  GMutex        lock;
  GCond         ready;
} BrokenServer;

static char *
entity_change (guint i)
{
  return g_strdup_printf ("{\"type\":\"entity\",\"id\":\"0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a1%u\","
                          "\"version\":%u,\"deleted\":false,\"fields\":{\"name\":\"Org %u\","
                          "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}}",
                          i, i, i);
}

static void
broken_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  BrokenServer *bs = user_data;
  g_autofree char *body = NULL;

  if (strcmp (path, "/api/v1/info") == 0)
    body = g_strdup ("{\"protocol_version\":1,\"limits\":{\"max_page\":2},\"epoch\":\"e1\",\"version\":10}");
  else if (strcmp (path, "/api/v1/changes") == 0 && query != NULL &&
           g_strcmp0 (g_hash_table_lookup (query, "cursor"), "0") == 0)
    {
      g_autofree char *one = entity_change (1);
      g_autofree char *two = entity_change (2);

      body = g_strdup_printf ("{\"changes\":[%s,%s],\"cursor\":2,\"has_more\":true,\"epoch\":\"e1\"}", one, two);
    }
  else if (strcmp (path, "/api/v1/changes") == 0 && strcmp (bs->mode, "null-changes") == 0)
    body = g_strdup ("{\"changes\":null,\"cursor\":4,\"has_more\":false,\"epoch\":\"e1\"}");
  else if (strcmp (path, "/api/v1/changes") == 0)
    {
      g_autofree char *three = entity_change (3);

      body = g_strdup_printf ("{\"changes\":[%s],\"has_more\":false,\"epoch\":\"e1\"}", three);
    }
  if (body == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static gpointer
broken_thread (gpointer data)
{
  BrokenServer *bs = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (bs->context);
  bs->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (bs->server, NULL, broken_cb, bs, NULL);
  g_assert_true (soup_server_listen_local (bs->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (bs->server);
  g_mutex_lock (&bs->lock);
  bs->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&bs->ready);
  g_mutex_unlock (&bs->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (bs->loop);
  g_clear_object (&bs->server);
  g_main_context_pop_thread_default (bs->context);
  return NULL;
}

static void
test_broken_page (gconstpointer data)
{
  BrokenServer bs = { .mode = data };
  g_autofree char *dir = test_make_dir ("broken");
  g_autofree char *path = g_build_filename (dir, "xarxa.db", NULL);
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(XarxaSyncEngine) engine = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GThread *thread;

  g_mutex_init (&bs.lock);
  g_cond_init (&bs.ready);
  bs.context = g_main_context_new ();
  bs.loop = g_main_loop_new (bs.context, FALSE);
  thread = g_thread_new ("broken-server", broken_thread, &bs);
  g_mutex_lock (&bs.lock);
  while (bs.url == NULL)
    g_cond_wait (&bs.ready, &bs.lock);
  g_mutex_unlock (&bs.lock);

  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);
  engine = xarxa_sync_engine_new (store, bs.url);
  xarxa_sync_engine_set_token (engine, "a-token");
  xarxa_sync_engine_set_retries (engine, 0, 1, 1);
  g_assert_false (xarxa_sync_engine_pull (engine, NULL, NULL, &error));
  /* A clear message; the good page before it is kept, with its cursor. */
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_cmpint (xarxa_store_count (store, "entity"), ==, 2);

  /* Nothing is left half done: what the person writes next is saved. */
  json_object_set_string_member (values, "name", "Casal Després");
  id = xarxa_store_create_record (store, "entity", values, &error);
  g_assert_no_error (error);
  g_clear_object (&engine);
  g_clear_object (&store);
  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (store, "entity"), ==, 3);
  {
    g_autofree char *cursor = xarxa_sync_state_get (store, "cursor");

    g_assert_cmpstr (cursor, ==, "2");
  }
  g_clear_object (&store);

  g_main_loop_quit (bs.loop);
  g_thread_join (thread);
  g_main_loop_unref (bs.loop);
  g_main_context_unref (bs.context);
  g_free (bs.url);
  g_mutex_clear (&bs.lock);
  g_cond_clear (&bs.ready);
  test_remove_tree (dir);
}

static void
test_bad_record_in_batch (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) before = json_object_new ();
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *now = xarxa_now_iso8601 ();
  XarxaSyncStats stats = { 0 };
  SyncDevice *a, *b;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  id1 = test_add_entity (a->store, "Coop Sud", NULL);
  /* A change this build could not make: as if from a newer schema. */
  json_object_set_int_member (fields, "shoe_size", 42);
  g_assert_true (xarxa_store_append_outbox (a->store, "entity", id1, "update", fields, before,
                                            0, now, &error));
  g_assert_no_error (error);
  id2 = test_add_entity (a->store, "Ateneu Nord", NULL);

  sync_device_sync (a, &stats);
  g_assert_cmpuint (stats.pushed, ==, 3);
  g_assert_cmpuint (stats.rejected, ==, 1);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, 0);
  {
    g_autoptr(JsonArray) list = conflicts (a);
    JsonObject *c = json_array_get_object_element (list, 0);

    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, "rejected");
    g_assert_cmpstr (json_object_get_string_member (c, "base"), ==, "unknown-field");
    g_assert_nonnull (strstr (json_object_get_string_member (c, "theirs"), "shoe_size"));
  }

  /* The rest arrived, and the outbox keeps moving. */
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  sync_device_sync (b, NULL);
  g_assert_cmpint (xarxa_store_count (b->store, "entity"), ==, 2);
  set_field (a, id2, "city", "Lleida");
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);
  assert_same_record (a, b, id2);
  resolve_only_conflict (a, "*", XARXA_SYNC_CHOICE_THEIRS);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* A device's first sync keeps no copy of what it pulls as the base of
 * later merges: the copy is made from the record just before its first
 * change here.  Pulled while that change still waits to be sent, the
 * record merges against the tags as pulled, not as changed here. */
static void
test_merge_base_after_first_sync (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  XarxaSyncStats stats = { 0 };
  SyncDevice *a, *b;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  id = test_add_entity (a->store, "Casal Jove", "Vic");
  set_tags (a, id, (const char *const[]) { "youth", "rural", NULL });
  sync_device_sync (a, NULL);
  sync_device_sync (b, &stats);
  g_assert_cmpuint (stats.pulled, ==, 1);

  /* B adds a tag and keeps it; A adds another and drops one, and sends. */
  set_tags (b, id, (const char *const[]) { "youth", "rural", "water", NULL });
  set_tags (a, id, (const char *const[]) { "youth", "energy", NULL });
  sync_device_sync (a, NULL);
  g_assert_true (xarxa_sync_engine_pull (b->engine, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) record = get_entity (b, id);
    JsonArray *tags = json_object_get_array_member (record, "tags");

    /* Both additions kept, A's removal taken. */
    g_assert_cmpuint (json_array_get_length (tags), ==, 3);
    g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "energy");
    g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "water");
    g_assert_cmpstr (json_array_get_string_element (tags, 2), ==, "youth");
  }
  sync_device_sync (b, NULL);
  sync_device_sync (a, NULL);
  assert_same_record (a, b, id);
  g_assert_cmpint (xarxa_sync_state_count_conflicts (b->store), ==, 0);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* ---- the right error for each refusal ---------------------------------------- */

static void
test_auth_errors (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  SyncDevice *a, *r, *nobody;

  sync_server_start (server, NULL);

  nobody = sync_device_new (server, NULL, NULL);
  g_assert_false (xarxa_sync_engine_login (nobody->engine, "anna", "wrong-password", NULL, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_WRONG_CREDENTIALS);
  g_clear_error (&error);
  g_assert_false (xarxa_sync_engine_sync (nobody->engine, NULL, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NOT_LOGGED_IN);
  g_clear_error (&error);
  xarxa_sync_engine_set_token (nobody->engine, "not-a-token");
  g_assert_false (xarxa_sync_engine_pull (nobody->engine, NULL, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_AUTH);
  g_clear_error (&error);

  /* A reader may pull but not push. */
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  id = test_add_entity (a->store, "Coop Sud", NULL);
  sync_device_sync (a, NULL);
  r = sync_device_new (server, "rita", READER_PASSWORD);
  g_assert_true (xarxa_sync_engine_pull (r->engine, NULL, NULL, &error));
  g_assert_no_error (error);
  set_field (r, id, "city", "Reus");
  g_assert_false (xarxa_sync_engine_sync (r->engine, NULL, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* Nothing lost: the change waits. */
  g_assert_cmpint (xarxa_store_count_outbox (r->store), ==, 1);

  /* Revoked. */
  g_assert_cmpint (sync_server_admin (server, NULL, "revoke", "anna", NULL), ==, 0);
  g_assert_false (xarxa_sync_engine_sync (a->engine, NULL, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_REVOKED);
  g_clear_error (&error);
  /* Logging in again carries on with the same device. */
  g_assert_true (xarxa_sync_engine_login (a->engine, "anna", EDITOR_PASSWORD, NULL, NULL, &error));
  g_assert_no_error (error);
  set_field (a, id, "city", "Valls");
  sync_device_sync (a, NULL);

  sync_device_free (nobody);
  sync_device_free (r);
  sync_device_free (a);
  sync_server_free (server);
}

static void
test_rate_limited (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GError) error = NULL;
  XarxaSyncStats stats = { 0 };
  SyncDevice *a;
  gboolean ok;

  sync_server_start (server, (const char *const[]) { "--max-requests-per-minute", "3", "--rate-window", "1", NULL });
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  g_free (test_add_entity (a->store, "Coop Sud", NULL));

  /* No retries: the refusal itself. */
  xarxa_sync_engine_set_retries (a->engine, 0, 20, 200);
  ok = TRUE;
  for (guint i = 0; i < 5 && ok; i++)
    {
      ok = xarxa_sync_engine_sync (a->engine, NULL, NULL, &error);
      if (ok)
        g_clear_error (&error);
    }
  g_assert_false (ok);
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  /* With retries it waits Retry-After and goes through. */
  xarxa_sync_engine_set_retries (a->engine, 6, 20, 200);
  for (guint i = 0; i < 3; i++)
    {
      XarxaSyncStats s = { 0 };

      sync_device_sync (a, &s);
      stats.rate_limited += s.rate_limited;
    }
  g_assert_cmpuint (stats.rate_limited, >, 0);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, 0);

  sync_device_free (a);
  sync_server_free (server);
}

static void
test_expired_cursor (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *kept = NULL;
  XarxaSyncStats stats = { 0 };
  SyncDevice *a, *b;

  sync_server_start (server, (const char *const[]) { "--retention", "2", NULL });
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  gone = test_add_entity (a->store, "Coop Sud", NULL);
  kept = test_add_entity (a->store, "Ateneu Nord", NULL);
  sync_device_sync (a, NULL);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  sync_device_sync (b, NULL);
  set_field (b, kept, "phone", "+34 600 000 005");   /* waits in B's outbox */

  /* While B is away, a delete is made and purged. */
  xarxa_store_delete_record (a->store, "entity", gone, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *city = g_strdup_printf ("City %u", i);

      set_field (a, kept, "city", city);
    }
  sync_device_sync (a, NULL);

  sync_device_sync (b, &stats);
  g_assert_true (stats.reconciled);
  /* The purged delete reached B; B's waiting change reached the server. */
  g_assert_true (is_deleted (b, gone));
  sync_device_sync (a, NULL);
  assert_same_record (a, b, kept);
  {
    g_autofree char *phone = field_of (a, kept, "phone");
    g_autofree char *city = field_of (b, kept, "city");

    g_assert_cmpstr (phone, ==, "+34 600 000 005");
    g_assert_cmpstr (city, ==, "City 3");
  }

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

static void
test_restored_server (void)
{
  SyncServer *server = sync_server_new ();
  g_autofree char *backup = g_strconcat (server->dir, "-backup", NULL);
  g_autofree char *early = NULL;
  g_autofree char *late = NULL;
  XarxaSyncStats stats = { 0 };
  SyncDevice *a, *b;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  early = test_add_entity (a->store, "Coop Sud", NULL);
  sync_device_sync (a, NULL);

  /* A backup, then more work that the backup lacks. */
  sync_server_stop (server);
  sync_copy_tree (server->dir, backup);
  sync_server_start (server, NULL);
  sync_device_reconnect (a, server);
  late = test_add_entity (a->store, "Ateneu Nord", NULL);
  set_field (a, early, "city", "Girona");
  sync_device_sync (a, NULL);

  /* The disk dies; the backup comes back with a new epoch. */
  sync_server_stop (server);
  test_remove_tree (server->dir);
  sync_copy_tree (backup, server->dir);
  test_remove_tree (backup);
  g_assert_cmpint (sync_server_admin (server, NULL, "new-epoch", NULL), ==, 0);
  sync_server_start (server, NULL);
  sync_device_reconnect (a, server);

  sync_device_sync (a, &stats);
  g_assert_true (stats.reconciled);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, 0);

  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  sync_device_sync (b, NULL);
  g_assert_cmpint (xarxa_store_count (b->store, "entity"), ==, 2);
  {
    g_autofree char *city = field_of (b, early, "city");

    g_assert_cmpstr (city, ==, "Girona");
  }
  sync_device_sync (a, NULL);
  assert_same_record (a, b, early);
  assert_same_record (a, b, late);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* Decimal numbers travel whole, also those written with an exponent
 * (json-glib wrote 2e20 as 2e+20.0, which the server refused as JSON). */
static void
test_decimal_numbers (void)
{
  static const double budgets[] = { 1250000.5, 2e20, 3.0, 1e-7 };
  SyncServer *server = sync_server_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  SyncDevice *a, *b;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  for (guint i = 0; i < G_N_ELEMENTS (budgets); i++)
    {
      g_autoptr(JsonObject) values = json_object_new ();
      g_autofree char *title = g_strdup_printf ("Study mission %u", i);
      char *id;

      json_object_set_string_member (values, "title", title);
      json_object_set_double_member (values, "budget", budgets[i]);
      id = xarxa_store_create_record (a->store, "mission", values, &error);
      g_assert_no_error (error);
      g_ptr_array_add (ids, id);
    }
  sync_device_sync (a, NULL);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, 0);
  g_assert_cmpint (count_rows (a, "SELECT count(*) FROM conflict"), ==, 0);
  sync_device_sync (b, NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) got = xarxa_store_get_record (b->store, "mission", ids->pdata[i], &error);

      g_assert_no_error (error);
      g_assert_cmpfloat (json_object_get_double_member (got, "budget"), ==, budgets[i]);
    }

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

static void
test_attachment (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *content = g_strnfill (100000, 'x');
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
  g_autofree char *file = NULL;
  g_autofree char *on_server = NULL;
  g_autofree char *id = NULL;
  XarxaSyncStats stats = { 0 };
  SyncDevice *a;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  {
    g_autofree char *files_dir = xarxa_library_files_dir (a->store);
    g_autofree char *shard = NULL;

    file = xarxa_attachments_path (files_dir, hash);
    shard = g_path_get_dirname (file);
    g_assert_cmpint (g_mkdir_with_parents (shard, 0700), ==, 0);
    g_assert_true (g_file_set_contents (file, content, -1, NULL));
  }
  json_object_set_string_member (values, "title", "Informe");
  json_object_set_string_member (values, "file_hash", hash);
  json_object_set_string_member (values, "file_name", "informe.txt");
  json_object_set_int_member (values, "file_size", 100000);
  id = xarxa_store_create_record (a->store, "document", values, &error);
  g_assert_no_error (error);
  sync_device_sync (a, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  {
    g_autoptr(XarxaSyncClient) client = xarxa_sync_client_new (server->url);
    g_autoptr(JsonObject) answer = NULL;
    g_autoptr(JsonNode) body = json_from_string ("{\"hashes\":[]}", NULL);
    JsonArray *hashes = json_object_get_array_member (json_node_get_object (body), "hashes");

    json_array_add_string_element (hashes, hash);
    xarxa_sync_client_set_token (client, xarxa_sync_engine_get_token (a->engine));
    answer = xarxa_sync_client_call (client, "POST", "/api/v1/files/missing", body, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "missing")), ==, 0);
  }

  sync_device_free (a);
  sync_server_free (server);
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
  guint         progress;
  guint         changed;
} AsyncWait;

static void
on_progress (XarxaSyncEngine *engine,
             const char      *phase,
             guint            done,
             gpointer         data)
{
  AsyncWait *w = data;

  g_assert_true (g_str_equal (phase, "push") || g_str_equal (phase, "pull"));
  w->progress++;
}

static void
on_changed (XarxaStore *store,
            const char *type_name,
            const char *id,
            gpointer    data)
{
  ((AsyncWait *) data)->changed++;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  AsyncWait *w = data;

  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

static void
test_async (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GError) error = NULL;
  AsyncWait w = { g_main_loop_new (NULL, FALSE), NULL, 0, 0 };
  XarxaSyncStats stats = { 0 };
  SyncDevice *a, *b;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  g_free (test_add_entity (a->store, "Coop Sud", NULL));
  sync_device_sync (a, NULL);

  g_signal_connect (b->engine, "progress", G_CALLBACK (on_progress), &w);
  g_signal_connect (b->store, "changed", G_CALLBACK (on_changed), &w);
  xarxa_sync_engine_sync_async (b->engine, NULL, on_done, &w);
  g_main_loop_run (w.loop);
  g_assert_true (xarxa_sync_engine_sync_finish (b->engine, w.result, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.pulled, ==, 1);
  g_assert_cmpuint (w.progress, >, 0);
  g_assert_cmpuint (w.changed, >, 0);
  /* The worker's writes are visible through the caller's connection. */
  g_assert_cmpint (xarxa_store_count (b->store, "entity"), ==, 1);

  g_clear_object (&w.result);
  g_main_loop_unref (w.loop);
  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* ---- the command line ------------------------------------------------------- */

/* xarxa-cli when it has the sync commands, else the stand-in with the same
 * code. */
static char *
cli_binary (void)
{
  return g_strdup (g_getenv ("XARXA_CLI"));
}

static int
run_cli (const char  *db,
         const char  *stdin_text,
         char       **out,
         char       **err,
         ...)
{
  g_autofree char *binary = cli_binary ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, binary);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, stdin_text != NULL ? stdin_text : "", NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

static void
test_cli (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GStatBuf st;
  SyncDevice *a, *b;

  sync_server_start (server, NULL);
  a = sync_device_new (server, NULL, NULL);   /* logs in through the CLI */
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  id = test_add_entity (a->store, "Coop Sud", "Salt");

  /* A wrong password: a clear error, nothing kept. */
  g_assert_cmpint (run_cli (a->path, "not-the-password\n", &out, &err,
                            "sync", "--server", server->url, "--user", "anna", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "password is wrong"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The first time with the password… */
  g_assert_cmpint (run_cli (a->path, EDITOR_PASSWORD "\n", &out, &err,
                            "sync", "--server", server->url, "--user", "anna", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "pulled 1, pushed 1, conflicts 0\n");
  g_assert_cmpint (g_stat (a->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* …then the stored token. */
  sync_device_sync (b, NULL);
  set_field (b, id, "city", "Girona");
  sync_device_sync (b, NULL);
  set_field (a, id, "city", "Figueres");
  g_assert_cmpint (run_cli (a->path, NULL, &out, &err, "sync", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "pulled 1, pushed 1, conflicts 1\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (a->path, NULL, &out, &err, "conflicts", "--format", "json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) root = json_from_string (out, &error);
    JsonArray *list;
    JsonObject *c;
    g_autofree char *cid = NULL;

    g_assert_no_error (error);
    list = json_node_get_array (root);
    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    c = json_array_get_object_element (list, 0);
    g_assert_cmpstr (json_object_get_string_member (c, "field"), ==, "city");
    g_assert_cmpstr (json_object_get_string_member (c, "mine"), ==, "Figueres");
    g_assert_cmpstr (json_object_get_string_member (c, "theirs"), ==, "Girona");
    cid = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (c, "id"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run_cli (a->path, NULL, &out, &err, "conflicts", "resolve", cid, "phone", "mine", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "city"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (a->path, NULL, &out, &err, "conflicts", "resolve", cid, "city", "mine", NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  g_assert_cmpint (run_cli (a->path, NULL, &out, &err, "conflicts", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (a->path, NULL, &out, &err, "sync", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  sync_device_sync (b, NULL);
  {
    g_autofree char *city = field_of (b, id, "city");

    g_assert_cmpstr (city, ==, "Figueres");
  }
  assert_same_record (a, b, id);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* Starts xarxa-cli sync on @d's database and kills it (SIGKILL) when
 * @stop says so, or after @delay_ms.  Returns whether it was killed before
 * it ended by itself. */
static gboolean
kill_cli_sync (SyncDevice *d,
               guint       delay_ms,
               gboolean  (*stop) (SyncDevice *d, gint64 start),
               gint64      start)
{
  g_autofree char *binary = cli_binary ();
  const char *argv[] = { binary, "--db", d->path, "sync", NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gboolean killed;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  if (stop == NULL)
    g_usleep (delay_ms * 1000);
  else
    while (!stop (d, start) && g_get_monotonic_time () < deadline)
      g_usleep (2000);
  g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  killed = g_subprocess_get_if_signaled (proc);
  return killed;
}

static gboolean
outbox_shrank (SyncDevice *d,
               gint64      start)
{
  return xarxa_store_count_outbox (d->store) < start;
}

/* The real client process killed with SIGKILL while it pushes and while
 * it pulls, at several moments, then run to its end: every change reaches
 * the server exactly once, and both databases end equal and whole. */
static void
test_cli_killed (void)
{
  SyncServer *server = sync_server_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  SyncDevice *a, *c;
  guint n, killed = 0;

  sync_server_start (server, NULL);
  a = sync_device_new (server, NULL, NULL);
  c = sync_device_new (server, NULL, NULL);
  /* Both log in once with nothing to send: the token stays in the database. */
  g_assert_cmpint (run_cli (a->path, EDITOR_PASSWORD "\n", &out, &err,
                            "sync", "--server", server->url, "--user", "anna", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (c->path, EDITOR_PASSWORD "\n", &out, &err,
                            "sync", "--server", server->url, "--user", "anna", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* 2,400 changes: pushes of 1,000.  Killed as soon as a batch was
   * recorded, then while the next one is in flight. */
  n = make_changes (a, 1600, ids);
  for (guint round = 0; round < 4 && xarxa_store_count_outbox (a->store) > 0; round++)
    {
      killed += kill_cli_sync (a, 40 + 60 * round, round % 2 == 0 ? outbox_shrank : NULL,
                               xarxa_store_count_outbox (a->store));
      g_test_message ("killed while pushing: %" G_GINT64_FORMAT " changes still to send",
                      xarxa_store_count_outbox (a->store));
    }
  g_assert_cmpuint (killed, >=, 1);
  g_assert_cmpint (run_cli (a->path, NULL, &out, &err, "sync", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (xarxa_store_count_outbox (a->store), ==, 0);

  /* The other device pulls them, killed a moment into each run (whether
   * a kill lands inside the pull depends on the machine's speed). */
  for (guint round = 0; round < 3; round++)
    {
      kill_cli_sync (c, 20 + 40 * round, NULL, 0);
      g_test_message ("killed while pulling: %" G_GINT64_FORMAT " organisations kept",
                      xarxa_store_count (c->store, "entity"));
    }
  g_assert_cmpint (run_cli (c->path, NULL, &out, &err, "sync", NULL), ==, 0);
  g_assert_cmpint (xarxa_store_count (c->store, "entity"), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    assert_same_record (a, c, ids->pdata[i]);

  /* Each change applied once: one dataset version per mutation. */
  assert_server_has (server, a, ids, n);

  sync_device_free (a);
  sync_device_free (c);
  sync_server_free (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/different-fields", test_different_fields);
  g_test_add_func ("/sync/same-field", test_same_field);
  g_test_add_func ("/sync/pushed-values-become-base", test_pushed_values_become_base);
  g_test_add_func ("/sync/damaged-shadow", test_damaged_shadow);
  g_test_add_func ("/sync/delete-edit", test_delete_edit);
  g_test_add_data_func ("/sync/server-killed-before-commit",
                        GINT_TO_POINTER (XARXA_SYNC_HOOK_BEFORE_PUSH_SEND), test_server_killed);
  g_test_add_data_func ("/sync/server-killed-after-commit",
                        GINT_TO_POINTER (XARXA_SYNC_HOOK_AFTER_PUSH_SEND), test_server_killed);
  g_test_add_data_func ("/sync/server-crash/before-commit", "before-commit", test_server_crash_point);
  g_test_add_data_func ("/sync/server-crash/after-commit", "after-commit", test_server_crash_point);
  g_test_add_func ("/sync/same-batch-twice", test_same_batch_twice);
  g_test_add_func ("/sync/client-killed-mid-pull", test_client_killed_mid_pull);
  g_test_add_func ("/sync/client-killed-mid-group", test_client_killed_mid_group);
  g_test_add_data_func ("/sync/broken-page/null-changes", "null-changes", test_broken_page);
  g_test_add_data_func ("/sync/broken-page/no-cursor", "no-cursor", test_broken_page);
  g_test_add_func ("/sync/bad-record-in-batch", test_bad_record_in_batch);
  g_test_add_func ("/sync/merge-base-after-first-sync", test_merge_base_after_first_sync);
  g_test_add_func ("/sync/auth-errors", test_auth_errors);
  g_test_add_func ("/sync/rate-limited", test_rate_limited);
  g_test_add_func ("/sync/expired-cursor", test_expired_cursor);
  g_test_add_func ("/sync/restored-server", test_restored_server);
  g_test_add_func ("/sync/attachment", test_attachment);
  g_test_add_func ("/sync/decimal-numbers", test_decimal_numbers);
  g_test_add_func ("/sync/async", test_async);
  g_test_add_func ("/sync/cli", test_cli);
  g_test_add_func ("/sync/cli-killed", test_cli_killed);

  return g_test_run ();
}
