/* test-sync-state.c — what sync keeps beside the records, without a server.
 *
 * The outbox, shadows, conflicts and positions that xarxa-sync-state.h
 * keeps: what a person relies on is that a change waiting to be sent, a
 * conflict waiting for a choice and the place a pull stopped all survive
 * the program being closed, and that both sides of a conflict are kept.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "xarxa-error.h"
#include "xarxa-json.h"
#include "xarxa-store.h"
#include "xarxa-sync-state.h"

#include "test-util.h"

typedef TestStore Fixture;

/* Closes the database and opens it again, as after quitting the app. */
static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (f->store);
  f->store = xarxa_store_open_existing (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static JsonNode *
string_node (const char *s)
{
  return json_node_init_string (json_node_alloc (), s);
}

/* ---- the outbox ---------------------------------------------------------- */

static void
test_outbox_survives_restart (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *id = test_add_entity (f->store, "Cooperativa Terra", "Girona");
  XarxaOutboxRow *row;

  json_object_set_string_member (changes, "city", "Olot");
  g_assert_true (xarxa_store_update_record (f->store, "entity", id, changes, &error));
  g_assert_no_error (error);
  g_assert_false (xarxa_sync_state_outbox_is_empty (f->store));

  reopen (f);

  rows = xarxa_sync_state_outbox_read (f->store, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  row = rows->pdata[0];
  g_assert_cmpstr (row->op, ==, "create");
  g_assert_cmpstr (row->type_name, ==, "entity");
  g_assert_cmpstr (row->id, ==, id);
  g_assert_cmpstr (json_object_get_string_member (row->fields, "name"), ==, "Cooperativa Terra");
  row = rows->pdata[1];
  g_assert_cmpstr (row->op, ==, "update");
  g_assert_cmpstr (json_object_get_string_member (row->fields, "city"), ==, "Olot");
  g_assert_cmpstr (json_object_get_string_member (row->before, "city"), ==, "Girona");
  g_assert_cmpint (row->seq, >, ((XarxaOutboxRow *) rows->pdata[0])->seq);
  g_assert_nonnull (row->created_at);

  /* A limit reads the oldest first. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = xarxa_sync_state_outbox_read (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((XarxaOutboxRow *) rows->pdata[0])->op, ==, "create");
}

static void
test_outbox_for_record_and_prune (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) none = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *a = test_add_entity (f->store, "Fundació Mar", "Tarragona");
  g_autofree char *b = test_add_entity (f->store, "Associació Riu", "Lleida");
  gboolean deletes = TRUE;

  g_assert_true (xarxa_store_delete_record (f->store, "entity", a, &error));
  g_assert_no_error (error);

  g_assert_true (xarxa_sync_state_outbox_for_record (f->store, "entity", a, fields, &deletes));
  g_assert_true (deletes);
  g_assert_true (g_hash_table_contains (fields, "name"));
  g_assert_true (g_hash_table_contains (fields, "city"));
  g_assert_false (xarxa_sync_state_outbox_for_record (f->store, "entity", "no-such-id", none, &deletes));
  g_assert_false (deletes);
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);

  /* Acknowledged one by one, or all of a record at once. */
  rows = xarxa_sync_state_outbox_read (f->store, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_true (xarxa_sync_state_outbox_drop (f->store, ((XarxaOutboxRow *) rows->pdata[1])->seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 2);
  g_assert_true (xarxa_sync_state_outbox_drop_record (f->store, "entity", a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 0);
  g_assert_true (xarxa_sync_state_outbox_is_empty (f->store));
  g_assert_false (xarxa_sync_state_outbox_for_record (f->store, "entity", b, fields, &deletes));
}

/* ---- positions ----------------------------------------------------------- */

static void
test_positions_survive_restart (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *seqs = NULL;

  g_assert_cmpint (xarxa_sync_state_get_cursor (f->store), ==, 0);
  g_assert_cmpint (xarxa_sync_state_get_last_seq (f->store), ==, 0);
  g_assert_false (xarxa_sync_state_get_pending_batch (f->store, &body, &seqs));
  g_assert_null (body);

  g_assert_true (xarxa_sync_state_set_cursor (f->store, 41234, &error));
  g_assert_true (xarxa_sync_state_set_last_seq (f->store, 17, &error));
  g_assert_true (xarxa_sync_state_set_pending_batch (f->store, "{\"mutations\":[]}", "[5,6]", &error));
  g_assert_true (xarxa_sync_state_set (f->store, "device_id", "dev-1", &error));
  g_assert_no_error (error);

  reopen (f);

  g_assert_cmpint (xarxa_sync_state_get_cursor (f->store), ==, 41234);
  g_assert_cmpint (xarxa_sync_state_get_last_seq (f->store), ==, 17);
  g_assert_true (xarxa_sync_state_get_pending_batch (f->store, &body, &seqs));
  g_assert_cmpstr (body, ==, "{\"mutations\":[]}");
  g_assert_cmpstr (seqs, ==, "[5,6]");
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&seqs, g_free);
  {
    g_autofree char *device = xarxa_sync_state_get (f->store, "device_id");

    g_assert_cmpstr (device, ==, "dev-1");
  }

  /* A batch answered is forgotten whole; a key set to NULL goes. */
  g_assert_true (xarxa_sync_state_set_pending_batch (f->store, NULL, NULL, &error));
  g_assert_true (xarxa_sync_state_set (f->store, "device_id", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (xarxa_sync_state_get_pending_batch (f->store, &body, &seqs));
  g_assert_null (body);
  g_assert_null (seqs);
  g_assert_null (xarxa_sync_state_get (f->store, "device_id"));
}

/* A position written in a transaction that is rolled back is not kept: a
 * pull stopped mid-page starts that page again. */
static void
test_positions_follow_transaction (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (xarxa_sync_state_set_cursor (f->store, 10, &error));
  g_assert_true (xarxa_store_begin (f->store, &error));
  g_assert_true (xarxa_sync_state_set_cursor (f->store, 20, &error));
  g_assert_no_error (error);
  xarxa_store_rollback (f->store);
  g_assert_cmpint (xarxa_sync_state_get_cursor (f->store), ==, 10);
}

/* ---- shadows ------------------------------------------------------------- */

static void
test_shadow_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) shadow = json_object_new ();
  g_autoptr(JsonObject) read = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonArray) tags = json_array_new ();
  gint64 version = 0;
  gboolean patched = FALSE;

  g_assert_null (xarxa_sync_state_shadow_get (f->store, "entity", "e1", &version));
  g_assert_cmpint (xarxa_sync_state_shadow_get_version (f->store, "entity", "e1"), ==, 0);

  json_array_add_string_element (tags, "clima");
  json_object_set_string_member (shadow, "name", "Xarxa Sud");
  json_object_set_string_member (shadow, "city", "Reus");
  json_object_set_array_member (shadow, "tags", json_array_ref (tags));
  g_assert_true (xarxa_sync_state_shadow_put (f->store, "entity", "e1", shadow, 7, &error));
  g_assert_no_error (error);

  read = xarxa_sync_state_shadow_get (f->store, "entity", "e1", &version);
  g_assert_nonnull (read);
  g_assert_cmpint (version, ==, 7);
  g_assert_cmpstr (json_object_get_string_member (read, "city"), ==, "Reus");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (read, "tags"), 0), ==, "clima");
  g_clear_pointer (&read, json_object_unref);

  /* A pushed change patches it: a new value, an emptied one, a newer version. */
  json_object_set_string_member (fields, "name", "Xarxa del Sud");
  json_object_set_null_member (fields, "city");
  g_assert_true (xarxa_sync_state_shadow_patch (f->store, "entity", "e1", fields, FALSE, 9, &patched, &error));
  g_assert_no_error (error);
  g_assert_true (patched);
  read = xarxa_sync_state_shadow_get (f->store, "entity", "e1", &version);
  g_assert_cmpint (version, ==, 9);
  g_assert_cmpstr (json_object_get_string_member (read, "name"), ==, "Xarxa del Sud");
  g_assert_true (json_object_has_member (read, "city"));
  g_assert_true (json_object_get_null_member (read, "city"));
  g_assert_false (json_object_get_boolean_member (read, "deleted"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (read, "tags")), ==, 1);

  /* No shadow to patch: the caller is told to write a whole one. */
  g_assert_true (xarxa_sync_state_shadow_patch (f->store, "entity", "e2", fields, FALSE, 9, &patched, &error));
  g_assert_no_error (error);
  g_assert_false (patched);
  g_assert_null (xarxa_sync_state_shadow_get (f->store, "entity", "e2", NULL));
}

/* A shadow kept "as the record stands" reads as the record. */
static void
test_shadow_as_record (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) read = NULL;
  g_autofree char *id = test_add_entity (f->store, "Ateneu Popular", "Manresa");
  gint64 version = 0;

  g_assert_true (xarxa_sync_state_shadow_put (f->store, "entity", id, NULL, 3, &error));
  g_assert_no_error (error);
  read = xarxa_sync_state_shadow_get (f->store, "entity", id, &version);
  g_assert_nonnull (read);
  g_assert_cmpint (version, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (read, "name"), ==, "Ateneu Popular");
  g_assert_cmpstr (json_object_get_string_member (read, "city"), ==, "Manresa");
}

static void
test_shadows_reconcile (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) shadow = json_object_new ();
  g_autoptr(GPtrArray) unseen = NULL;
  XarxaSyncRecordKey *key;

  json_object_set_string_member (shadow, "name", "x");
  g_assert_true (xarxa_sync_state_shadow_put (f->store, "entity", "seen", shadow, 5, &error));
  g_assert_true (xarxa_sync_state_shadow_put (f->store, "entity", "gone", shadow, 6, &error));
  g_assert_true (xarxa_sync_state_shadows_mark_unseen (f->store, &error));
  g_assert_no_error (error);
  /* The old version is kept, as -version - 1. */
  g_assert_cmpint (xarxa_sync_state_shadow_get_version (f->store, "entity", "gone"), ==, -7);

  /* The server lists one of them again. */
  g_assert_true (xarxa_sync_state_shadow_put (f->store, "entity", "seen", shadow, 8, &error));
  unseen = xarxa_sync_state_shadows_unseen (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unseen->len, ==, 1);
  key = unseen->pdata[0];
  g_assert_cmpstr (key->type_name, ==, "entity");
  g_assert_cmpstr (key->id, ==, "gone");

  g_assert_true (xarxa_sync_state_shadows_drop_unseen (f->store, &error));
  g_assert_no_error (error);
  g_assert_null (xarxa_sync_state_shadow_get (f->store, "entity", "gone", NULL));
  g_assert_cmpint (xarxa_sync_state_shadow_get_version (f->store, "entity", "seen"), ==, 8);
}

/* ---- conflicts ----------------------------------------------------------- */

static void
test_conflict_lists_both_values (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) mine = string_node ("Girona");
  g_autoptr(JsonNode) theirs = string_node ("Figueres");
  g_autoptr(JsonNode) base = string_node ("Banyoles");
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(GHashTable) held = NULL;
  JsonObject *c;

  g_assert_true (xarxa_sync_state_conflicts_is_empty (f->store));
  g_assert_true (xarxa_sync_state_conflict_record (f->store, "entity", "e1", "city", "field",
                                                   mine, theirs, base, 12, &error));
  g_assert_no_error (error);

  reopen (f);

  g_assert_false (xarxa_sync_state_conflicts_is_empty (f->store));
  g_assert_cmpint (xarxa_sync_state_count_conflicts (f->store), ==, 1);
  list = xarxa_sync_state_list_conflicts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  c = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "type"), ==, "entity");
  g_assert_cmpstr (json_object_get_string_member (c, "record_id"), ==, "e1");
  g_assert_cmpstr (json_object_get_string_member (c, "field"), ==, "city");
  g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, "field");
  g_assert_cmpstr (json_object_get_string_member (c, "mine"), ==, "Girona");
  g_assert_cmpstr (json_object_get_string_member (c, "theirs"), ==, "Figueres");
  g_assert_cmpstr (json_object_get_string_member (c, "base"), ==, "Banyoles");
  g_assert_cmpint (json_object_get_int_member (c, "theirs_version"), ==, 12);
  g_assert_nonnull (json_object_get_string_member (c, "created_at"));

  /* The record is held on that field, with this device's value. */
  held = xarxa_sync_state_conflicts_for_record (f->store, "entity", "e1");
  g_assert_cmpuint (g_hash_table_size (held), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (held, "city"), ==, "\"Girona\"");
}

static void
test_conflict_updates_and_goes (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) mine = string_node ("a");
  g_autoptr(JsonNode) theirs = string_node ("b");
  g_autoptr(JsonNode) later = string_node ("c");
  g_autoptr(JsonNode) note = string_node ("The name is too long.");
  g_autoptr(XarxaSyncConflict) conflict = NULL;
  g_autoptr(GHashTable) held = NULL;
  g_autoptr(JsonArray) list = NULL;
  gint64 id;

  g_assert_true (xarxa_sync_state_conflict_record (f->store, "entity", "e1", "name", "field",
                                                   mine, theirs, NULL, 4, &error));
  /* Recorded again on the same field: one conflict, the latest values. */
  g_assert_true (xarxa_sync_state_conflict_record (f->store, "entity", "e1", "name", "field",
                                                   mine, theirs, NULL, 5, &error));
  g_assert_true (xarxa_sync_state_conflict_record (f->store, "entity", "e1", "*", "rejected",
                                                   NULL, note, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_sync_state_count_conflicts (f->store), ==, 2);

  /* A rejected change is a note, not a hold on the record. */
  held = xarxa_sync_state_conflicts_for_record (f->store, "entity", "e1");
  g_assert_cmpuint (g_hash_table_size (held), ==, 1);
  g_assert_true (g_hash_table_contains (held, "name"));

  /* The server's side moves on. */
  g_assert_true (xarxa_sync_state_conflict_set_theirs (f->store, "entity", "e1", "name", later, 9, &error));
  g_assert_no_error (error);
  list = xarxa_sync_state_list_conflicts (f->store, &error);
  id = json_object_get_int_member (json_array_get_object_element (list, 0), "id");
  conflict = xarxa_sync_state_conflict_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (conflict);
  g_assert_cmpstr (conflict->field, ==, "name");
  g_assert_cmpstr (json_node_get_string (conflict->mine), ==, "a");
  g_assert_cmpstr (json_node_get_string (conflict->theirs), ==, "c");
  g_assert_null (conflict->base);
  g_assert_cmpint (conflict->theirs_version, ==, 9);

  /* Both sides agree: it goes.  A person decided: the other goes. */
  g_assert_true (xarxa_sync_state_conflict_drop (f->store, "entity", "e1", "name", &error));
  g_assert_cmpint (xarxa_sync_state_count_conflicts (f->store), ==, 1);
  g_clear_pointer (&list, json_array_unref);
  list = xarxa_sync_state_list_conflicts (f->store, &error);
  id = json_object_get_int_member (json_array_get_object_element (list, 0), "id");
  g_assert_true (xarxa_sync_state_conflict_remove (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_true (xarxa_sync_state_conflicts_is_empty (f->store));
}

static void
test_conflict_unknown_number (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaSyncConflict) conflict = xarxa_sync_state_conflict_get (f->store, 999, &error);

  g_assert_null (conflict);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
}

/* ---- the record's version ------------------------------------------------ */

static void
test_record_version_only_forwards (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = test_add_entity (f->store, "Casal Jove", "Vic");
  const XarxaRecordType *type = xarxa_schema_lookup ("entity");
  g_autoptr(JsonObject) record = NULL;

  g_assert_true (xarxa_sync_state_set_record_version (f->store, type, id, 30, &error));
  g_assert_true (xarxa_sync_state_set_record_version (f->store, type, id, 20, &error));
  g_assert_no_error (error);
  record = xarxa_store_get_record (f->store, "entity", id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (record, "version"), ==, 30);
}

/* ---- attachments ----------------------------------------------------------- */

static char *
add_document (Fixture    *f,
              const char *title,
              const char *hash)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, "title", title);
  if (hash != NULL)
    json_object_set_string_member (values, "file_hash", hash);
  id = xarxa_store_create_record (f->store, "document", values, &error);
  g_assert_no_error (error);
  return id;
}

/* The hashes a device should hold: each once, live documents only. */
static void
test_attachment_hashes (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *h1 = g_strnfill (64, 'a');
  g_autofree char *h2 = g_strnfill (64, 'b');
  g_autofree char *h3 = g_strnfill (64, 'c');
  g_autofree char *d1 = add_document (f, "Un", h2);
  g_autofree char *d2 = add_document (f, "Dos", h1);
  g_autofree char *d3 = add_document (f, "Tres", h2);
  g_autofree char *d4 = add_document (f, "Quatre", h3);
  g_autofree char *d5 = add_document (f, "Sense fitxer", NULL);
  g_autoptr(GPtrArray) hashes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (xarxa_store_delete_record (f->store, "document", d4, &error));
  g_assert_no_error (error);
  hashes = xarxa_sync_state_attachment_hashes (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hashes->len, ==, 2);
  g_assert_cmpstr (hashes->pdata[0], ==, h1);
  g_assert_cmpstr (hashes->pdata[1], ==, h2);
}

/* A file the server refused keeps its message through a restart, until it
 * is forgotten. */
static void
test_file_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *hash = g_strnfill (64, 'e');
  g_autofree char *other = g_strnfill (64, 'f');
  g_autofree char *message = NULL;
  g_autofree char *limit_text = g_format_size (10 * 1000 * 1000);
  g_autoptr(GError) error = NULL;

  g_assert_null (xarxa_sync_state_dup_file_message (f->store, hash));
  g_assert_true (xarxa_sync_state_set_file_refused (f->store, hash, 10 * 1000 * 1000, &error));
  g_assert_no_error (error);
  reopen (f);
  g_assert_cmpuint (xarxa_sync_state_get_file_refused (f->store, hash), ==, 10 * 1000 * 1000);
  g_assert_cmpuint (xarxa_sync_state_get_file_refused (f->store, other), ==, 0);
  message = xarxa_sync_state_dup_file_message (f->store, hash);
  g_assert_nonnull (strstr (message, limit_text));
  g_assert_nonnull (strstr (message, "The document syncs without it"));
  g_assert_null (xarxa_sync_state_dup_file_message (f->store, NULL));

  g_assert_true (xarxa_sync_state_set_file_refused (f->store, hash, 0, &error));
  g_assert_no_error (error);
  g_assert_null (xarxa_sync_state_dup_file_message (f->store, hash));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/sync-state/" path, Fixture, NULL, test_store_set_up, fn, test_store_tear_down)
  ADD ("outbox/survives-restart", test_outbox_survives_restart);
  ADD ("outbox/for-record-and-prune", test_outbox_for_record_and_prune);
  ADD ("positions/survive-restart", test_positions_survive_restart);
  ADD ("positions/follow-transaction", test_positions_follow_transaction);
  ADD ("shadow/round-trip", test_shadow_round_trip);
  ADD ("shadow/as-record", test_shadow_as_record);
  ADD ("shadow/reconcile", test_shadows_reconcile);
  ADD ("conflict/lists-both-values", test_conflict_lists_both_values);
  ADD ("conflict/updates-and-goes", test_conflict_updates_and_goes);
  ADD ("conflict/unknown-number", test_conflict_unknown_number);
  ADD ("record/version-only-forwards", test_record_version_only_forwards);
  ADD ("attachments/hashes", test_attachment_hashes);
  ADD ("attachments/file-refused", test_file_refused);
#undef ADD

  return g_test_run ();
}
