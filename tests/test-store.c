/* test-store.c — the local store: records, outbox, search, bad files.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "xarxa-json.h"
#include "xarxa-record-list.h"
#include "xarxa-migrations.h"
#include "xarxa-store-private.h"
#include "xarxa-store.h"
#include "xarxa-validate.h"
#include "test-util.h"

typedef TestStore Fixture;

static JsonObject *
entity_values (const char *name,
               const char *city,
               const char *country)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "name", name);
  if (city != NULL)
    json_object_set_string_member (o, "city", city);
  if (country != NULL)
    json_object_set_string_member (o, "country", country);
  return o;
}

static char *
add_entity (XarxaStore *store,
            const char *name,
            const char *city,
            const char *country)
{
  g_autoptr(JsonObject) values = entity_values (name, city, country);
  g_autoptr(GError) error = NULL;
  char *id = xarxa_store_create_record (store, "entity", values, &error);

  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (id));
  return id;
}

/* The last outbox row, as (op, fields, before, base_version). */
static void
last_outbox (XarxaStore  *store,
             const char  *path,
             char       **op,
             char       **fields,
             char       **before,
             gint64      *base_version)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT op, fields, before, base_version FROM outbox "
                                           "ORDER BY seq DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *op = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *fields = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  *before = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  *base_version = sqlite3_column_int64 (stmt, 3);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_create_and_read (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = add_entity (f->store, "  Fundació Mar i Terra ", "Girona", "ES");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rec = xarxa_store_get_record (f->store, "entity", id, &error);

  g_assert_no_error (error);
  /* Text is trimmed, empty fields are null, bookkeeping is there. */
  g_assert_cmpstr (json_object_get_string_member (rec, "name"), ==, "Fundació Mar i Terra");
  g_assert_cmpstr (json_object_get_string_member (rec, "city"), ==, "Girona");
  g_assert_true (json_object_get_null_member (rec, "website"));
  g_assert_false (json_object_get_boolean_member (rec, "deleted"));
  g_assert_cmpint (json_object_get_int_member (rec, "version"), ==, 0);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (rec, "created_at"), "Z"));
  g_assert_cmpuint (strlen (json_object_get_string_member (rec, "created_at")), ==, 24);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 1);
}

static void
test_outbox_rows (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = add_entity (f->store, "Cooperativa Teixit", "Manresa", "ES");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *op = NULL, *fields = NULL, *before = NULL;
  gint64 base = -1;

  last_outbox (f->store, f->path, &op, &fields, &before, &base);
  g_assert_cmpstr (op, ==, "create");
  g_assert_nonnull (strstr (fields, "\"name\":\"Cooperativa Teixit\""));
  g_assert_cmpstr (before, ==, "{}");
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 1);
  g_clear_pointer (&op, g_free);
  g_clear_pointer (&fields, g_free);
  g_clear_pointer (&before, g_free);

  /* An update records only what changed, with the values before. */
  json_object_set_string_member (changes, "city", "Vic");
  json_object_set_string_member (changes, "name", "Cooperativa Teixit");
  g_assert_true (xarxa_store_update_record (f->store, "entity", id, changes, &error));
  g_assert_no_error (error);
  last_outbox (f->store, f->path, &op, &fields, &before, &base);
  g_assert_cmpstr (op, ==, "update");
  g_assert_cmpstr (fields, ==, "{\"city\":\"Vic\"}");
  g_assert_cmpstr (before, ==, "{\"city\":\"Manresa\"}");
  g_assert_cmpint (base, ==, 0);
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 2);

  /* Saving the same values again writes nothing. */
  g_assert_true (xarxa_store_update_record (f->store, "entity", id, changes, &error));
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 2);
  g_clear_pointer (&op, g_free);
  g_clear_pointer (&fields, g_free);
  g_clear_pointer (&before, g_free);

  /* A delete is a tombstone plus an outbox row. */
  g_assert_true (xarxa_store_delete_record (f->store, "entity", id, &error));
  last_outbox (f->store, f->path, &op, &fields, &before, &base);
  g_assert_cmpstr (op, ==, "delete");
  {
    g_autoptr(JsonObject) rec = xarxa_store_get_record (f->store, "entity", id, &error);
    g_assert_no_error (error);
    g_assert_true (json_object_get_boolean_member (rec, "deleted"));
  }
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 0);

  /* Undo before sync takes the pending delete back out of the outbox. */
  g_assert_true (xarxa_store_undelete_record (f->store, "entity", id, &error));
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 2);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 1);
}

/* Undo of a delete that a sync is already sending: the delete stays in the
 * outbox and the undo is queued after it, so the server revives the record. */
static void
test_undelete_while_sending (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *id = add_entity (f->store, "Ateneu Sant Roc", "Badalona", "ES");
  g_autoptr(GError) error = NULL;
  g_autofree char *op = NULL, *fields = NULL, *before = NULL;
  g_autofree char *pending = NULL;
  gint64 base = -1;
  sqlite3 *db = NULL;

  g_assert_true (xarxa_store_delete_record (f->store, "entity", id, &error));
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 2);
  /* What the sync engine records when it builds a batch (seq 2 = the delete). */
  pending = g_strdup ("INSERT INTO sync_state (key, value) VALUES ('pending_outbox', '[1,2]')");
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pending, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (xarxa_store_undelete_record (f->store, "entity", id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 3);
  last_outbox (f->store, f->path, &op, &fields, &before, &base);
  g_assert_cmpstr (op, ==, "undelete");
  g_assert_nonnull (strstr (fields, "Ateneu Sant Roc"));
}

static void
test_failed_write_leaves_nothing (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *id = add_entity (f->store, "Associació Arrels", "Lleida", "ES");
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rec = NULL;

  json_object_set_string_member (changes, "city", "Tàrrega");
  json_object_set_string_member (changes, "email", "not an address");
  g_assert_false (xarxa_store_update_record (f->store, "entity", id, changes, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "@"));

  rec = xarxa_store_get_record (f->store, "entity", id, NULL);
  g_assert_cmpstr (json_object_get_string_member (rec, "city"), ==, "Lleida");
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 1);
}

static void
test_validation (void)
{
  const XarxaRecordType *entity = xarxa_schema_lookup ("entity");
  struct { const char *field; const char *value; gboolean ok; } cases[] = {
    { "email", "info@xarxa.example", TRUE },
    { "email", "info@xarxa", FALSE },
    { "email", "info xarxa@example.org", FALSE },
    { "email", "@example.org", FALSE },
    { "website", "https://xarxa.example/qui-som", TRUE },
    { "website", "xarxa.example", FALSE },
    { "website", "ftp://xarxa.example", FALSE },
    { "phone", "+34 933 123 456", TRUE },
    { "phone", "93-312", FALSE },
    { "phone", "call me", FALSE },
    { "country", "SN", TRUE },
    { "country", "XX", FALSE },
    { "kind", "foundation", TRUE },
    { "kind", "club", FALSE },
    { "membership", "partner", TRUE },
    { "name", "", TRUE },   /* emptiness is a record-level rule */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), cases[i].value);
      g_autoptr(GError) error = NULL;
      gboolean ok = xarxa_validate_field (entity, cases[i].field, node, &error);

      g_test_message ("%s = %s", cases[i].field, cases[i].value);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        {
          g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
          g_assert_cmpuint (strlen (error->message), >, 20);
        }
    }
}

/* Tags are measured in characters, as the message says. */
static void
test_tag_length_in_characters (void)
{
  const XarxaRecordType *entity = xarxa_schema_lookup ("entity");
  g_autoptr(GString) tag = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *tags = json_array_new ();
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), tags);

  json_array_unref (tags);
  for (guint i = 0; i < XARXA_MAX_SET_ITEM_CHARS; i++)
    g_string_append (tag, "è");
  json_array_add_string_element (tags, tag->str);
  g_assert_true (xarxa_validate_field (entity, "tags", node, &error));
  g_assert_no_error (error);

  /* One more is too long; the message quotes its start, cut between
   * characters. */
  g_string_append (tag, "è");
  json_array_remove_element (tags, 0);
  json_array_add_string_element (tags, tag->str);
  g_assert_false (xarxa_validate_field (entity, "tags", node, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "200"));
}

static void
test_empty_name_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) values = entity_values ("   ", "Reus", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = xarxa_store_create_record (f->store, "entity", values, &error);

  g_assert_null (id);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 0);
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 0);
}

static guint
count_search (XarxaStore *store,
              const char *text)
{
  g_autoptr(XarxaQuery) q = xarxa_query_new ("entity");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;

  xarxa_query_set_search (q, text);
  rows = xarxa_store_query_rowids (store, q, &error);

  g_assert_no_error (error);
  return rows->len;
}

static void
test_search_folding (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *a = add_entity (f->store, "Cooperació Sud", "Tarragona", "ES");
  g_autofree char *b = add_entity (f->store, "Fundació Àgora", "Barcelona", "ES");
  g_autofree char *c = add_entity (f->store, "Red de Economía Solidaria", "Bogotá", "CO");
  g_autoptr(JsonObject) contact = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cid = NULL;

  g_assert_cmpuint (count_search (f->store, "cooperacio"), ==, 1);
  g_assert_cmpuint (count_search (f->store, "COOPERACIÓ"), ==, 1);
  g_assert_cmpuint (count_search (f->store, "fund"), ==, 1);
  g_assert_cmpuint (count_search (f->store, "agora"), ==, 1);
  g_assert_cmpuint (count_search (f->store, "bogota"), ==, 1);
  g_assert_cmpuint (count_search (f->store, "econ solid"), ==, 1);
  g_assert_cmpuint (count_search (f->store, "zzz"), ==, 0);
  /* FTS syntax typed by a user is just text. */
  g_assert_cmpuint (count_search (f->store, "\"fund* OR"), ==, 0);
  g_assert_cmpuint (count_search (f->store, "NEAR("), ==, 0);
  g_assert_cmpuint (count_search (f->store, ""), ==, 3);

  /* Scripts whose vowel signs are spacing marks (Devanagari, Tamil): the
   * words are found, whole or by their start, and never make an error. */
  {
    g_autofree char *d = add_entity (f->store, "किसान संगठन", "Pune", "IN");
    g_autofree char *e = add_entity (f->store, "தமிழ் கூட்டுறவு", "Chennai", "IN");

    g_assert_cmpuint (count_search (f->store, "किसान"), ==, 1);
    g_assert_cmpuint (count_search (f->store, "संगठन"), ==, 1);
    g_assert_cmpuint (count_search (f->store, "कि"), ==, 1);
    g_assert_cmpuint (count_search (f->store, "தமிழ்"), ==, 1);
    g_assert_cmpuint (count_search (f->store, "கூட்டு"), ==, 1);
    g_assert_true (xarxa_store_delete_record (f->store, "entity", d, &error));
    g_assert_true (xarxa_store_delete_record (f->store, "entity", e, &error));
    g_assert_no_error (error);
  }

  /* Contacts' names and emails find their organisation. */
  json_object_set_string_member (contact, "full_name", "Núria Puigdollers");
  json_object_set_string_member (contact, "email", "nuria@agora.example");
  json_object_set_string_member (contact, "entity_id", b);
  cid = xarxa_store_create_record (f->store, "contact", contact, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_search (f->store, "nuria"), ==, 1);
  g_assert_cmpuint (count_search (f->store, "puigdoll"), ==, 1);

  /* A deleted record is not found. */
  g_assert_true (xarxa_store_delete_record (f->store, "entity", a, &error));
  g_assert_cmpuint (count_search (f->store, "cooperacio"), ==, 0);
}

static void
test_filters_and_sort (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = add_entity (f->store, "Zeta Lab", "Dakar", "SN");
  g_autofree char *b = add_entity (f->store, "àlfa Cooperativa", "Vic", "ES");
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonArray) transitions = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaQuery) q = xarxa_query_new ("entity");
  g_autoptr(GArray) rows = NULL;
  g_autoptr(JsonObject) first = NULL;

  json_array_add_string_element (transitions, "ecological");
  json_object_set_array_member (changes, "transitions", json_array_ref (transitions));
  json_object_set_string_member (changes, "kind", "cooperative");
  g_assert_true (xarxa_store_update_record (f->store, "entity", b, changes, &error));
  g_assert_no_error (error);

  /* By name, accents and case folded: "àlfa" before "Zeta". */
  rows = xarxa_store_query_rowids (f->store, q, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  first = xarxa_store_get_record_by_rowid (f->store, "entity", g_array_index (rows, gint64, 0), &error);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, b);
  g_clear_pointer (&rows, g_array_unref);

  xarxa_query_set_filter (q, "country", "SN");
  rows = xarxa_store_query_rowids (f->store, q, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_array_unref);

  xarxa_query_set_filter (q, "country", NULL);
  xarxa_query_set_filter (q, "transitions", "ecological");
  xarxa_query_set_filter (q, "kind", "cooperative");
  rows = xarxa_store_query_rowids (f->store, q, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_array_unref);

  xarxa_query_set_filter (q, "transitions", "social");
  rows = xarxa_store_query_rowids (f->store, q, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_array_unref);

  (void) a;
}

static char *
name_at (XarxaStore *store,
         GArray     *rows,
         guint       i)
{
  g_autoptr(JsonObject) rec = xarxa_store_get_record_by_rowid (store, "entity", g_array_index (rows, gint64, i), NULL);

  return g_strdup (json_object_get_string_member (rec, "name"));
}

static void
test_search_sorted (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = add_entity (f->store, "Xarxa Zeta", NULL, NULL);
  g_autofree char *b = add_entity (f->store, "xarxa Àlfa", NULL, NULL);
  g_autofree char *c = add_entity (f->store, "Xarxa Mig", NULL, NULL);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaQuery) q = xarxa_query_new ("entity");
  g_autoptr(GArray) rows = NULL;
  g_autofree char *first = NULL, *last = NULL;

  xarxa_query_set_search (q, "xarx");
  rows = xarxa_store_query_rowids (f->store, q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  first = name_at (f->store, rows, 0);
  last = name_at (f->store, rows, 2);
  g_assert_cmpstr (first, ==, "xarxa Àlfa");
  g_assert_cmpstr (last, ==, "Xarxa Zeta");
  g_clear_pointer (&rows, g_array_unref);
  g_clear_pointer (&first, g_free);

  /* A rename moves the row in the next search. */
  json_object_set_string_member (changes, "name", "Xarxa Aaa");
  g_assert_true (xarxa_store_update_record (f->store, "entity", c, changes, &error));
  rows = xarxa_store_query_rowids (f->store, q, &error);
  first = name_at (f->store, rows, 0);
  g_assert_cmpstr (first, ==, "Xarxa Aaa");
  g_clear_pointer (&rows, g_array_unref);
  g_clear_pointer (&first, g_free);

  /* By last change, the renamed one comes first. */
  xarxa_query_set_sort (q, XARXA_SORT_UPDATED);
  rows = xarxa_store_query_rowids (f->store, q, &error);
  first = name_at (f->store, rows, 0);
  g_assert_cmpstr (first, ==, "Xarxa Aaa");
  g_clear_pointer (&rows, g_array_unref);

  /* A delete drops it from the hits. */
  g_assert_true (xarxa_store_delete_record (f->store, "entity", a, &error));
  xarxa_query_set_sort (q, XARXA_SORT_NAME);
  rows = xarxa_store_query_rowids (f->store, q, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  (void) b;
}

static void
test_duplicate_name (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = add_entity (f->store, "Fundació Pere Tarrés", NULL, NULL);
  g_autofree char *found = xarxa_store_find_entity_by_name (f->store, "  fundacio pere  TARRES", NULL);
  g_autofree char *none = xarxa_store_find_entity_by_name (f->store, "Fundació Pere Tarrés", id);

  g_assert_cmpstr (found, ==, id);
  g_assert_null (none);
}

static void
test_entity_list_model (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(XarxaQuery) all = xarxa_query_new ("entity");
  g_autoptr(XarxaRecordList) list = xarxa_record_list_new (f->store, all);
  g_autofree char *a = add_entity (f->store, "Beta", "Reus", "ES");
  g_autofree char *b = NULL;
  g_autoptr(XarxaEntity) item = NULL;
  g_autoptr(XarxaQuery) q = xarxa_query_new ("entity");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  b = add_entity (f->store, "Alfa", "Vic", "ES");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (xarxa_entity_get_name (item), ==, "Alfa");
  g_assert_cmpuint (xarxa_record_list_find (list, a), ==, 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2));

  xarxa_query_set_search (q, "gam");
  xarxa_record_list_set_query (list, q);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  xarxa_query_set_search (q, NULL);
  xarxa_record_list_set_query (list, q);
  g_assert_true (xarxa_store_delete_record (f->store, "entity", a, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

static gboolean
has_entity_named (XarxaStore *store,
                  const char *name)
{
  g_autofree char *id = xarxa_store_find_entity_by_name (store, name, NULL);

  return id != NULL;
}

static void
test_import_batch_undo (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = add_entity (f->store, "Kept", NULL, NULL);
  g_autofree char *first_id = NULL;
  gint64 batch;

  g_assert_true (xarxa_store_begin (f->store, &error));
  batch = xarxa_store_import_batch_new (f->store, "test.csv", &error);
  g_assert_cmpint (batch, >, 0);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Imported %d", i);
      g_autofree char *id = add_entity (f->store, name, NULL, NULL);
    }
  g_assert_true (xarxa_store_import_batch_end (f->store, batch, &error));
  g_assert_true (xarxa_store_commit (f->store, &error));
  /* Saved after the batch: not part of it. */
  g_free (add_entity (f->store, "Later", NULL, NULL));
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 7);
  first_id = xarxa_store_find_entity_by_name (f->store, "Imported 0", NULL);

  /* One was deleted by hand in between: the undo removes the other four. */
  g_assert_true (xarxa_store_delete_record (f->store, "entity", first_id, &error));
  g_assert_cmpint (xarxa_store_import_batch_undo (f->store, batch, &error), ==, 4);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 2);
  g_assert_true (has_entity_named (f->store, "Kept"));
  g_assert_true (has_entity_named (f->store, "Later"));
  /* Undoing twice removes nothing more. */
  g_assert_cmpint (xarxa_store_import_batch_undo (f->store, batch, &error), ==, 0);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 2);
}

/* A batch saved before schema version 4 lists its records one by one
 * (import_item); it is still undone whole. */
static void
test_import_batch_undo_old (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_entity (f->store, "Ateneu Vell", NULL, NULL);
  g_autofree char *b = add_entity (f->store, "Casal Vell", NULL, NULL);
  g_autofree char *c = add_entity (f->store, "Not Imported", NULL, NULL);
  const char *ids[] = { a, b };
  sqlite3_stmt *stmt;
  gint64 batch;

  stmt = xarxa_store_prepare (f->store,
                              "INSERT INTO import_batch (source, imported_at) VALUES ('old.csv', '2026-01-01T00:00:00.000Z')",
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  batch = sqlite3_last_insert_rowid (xarxa_store_get_db (f->store));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      stmt = xarxa_store_prepare (f->store,
                                  "INSERT INTO import_item (batch_id, record_type, record_id) VALUES (?1, 'entity', ?2)",
                                  &error);
      g_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, batch);
      sqlite3_bind_text (stmt, 2, ids[i], -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }

  g_assert_cmpint (xarxa_store_import_batch_undo (f->store, batch, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 1);
  g_assert_true (has_entity_named (f->store, "Not Imported"));
}

/* ---- files that are not ours ----------------------------------------- */

static char *
tmp_file (const char *name,
          const char *contents,
          gssize      len)
{
  g_autofree char *dir = test_make_dir ("bad");
  char *path = g_build_filename (dir, name, NULL);

  if (contents != NULL)
    g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

static void
assert_open_fails_untouched (const char *path,
                             int         code)
{
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  store = xarxa_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, XARXA_ERROR, code);
  g_assert_nonnull (strstr (error->message, "not changed"));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpuint (before_len, ==, after_len);
  g_assert_true (memcmp (before, after, before_len) == 0);
  test_remove_tree (dir);
}

static void
test_not_a_database (void)
{
  g_autofree char *path = tmp_file ("notes.db", "Name;City\nArrels;Lleida\n", -1);

  assert_open_fails_untouched (path, XARXA_ERROR_NOT_XARXA);
}

static void
test_other_programs_database (void)
{
  g_autofree char *path = tmp_file ("other.db", NULL, 0);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                                     "INSERT INTO moz_places (url) VALUES ('about:blank');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_open_fails_untouched (path, XARXA_ERROR_NOT_XARXA);
}

static void
test_newer_version (void)
{
  g_autofree char *path = tmp_file ("newer.db", NULL, 0);
  sqlite3 *db = NULL;

  {
    g_autoptr(XarxaStore) store = xarxa_store_open (path, NULL);
    g_assert_nonnull (store);
  }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_open_fails_untouched (path, XARXA_ERROR_TOO_NEW);
}

static void
test_corrupt_database (void)
{
  g_autofree char *path = tmp_file ("corrupt.db", NULL, 0);
  g_autofree char *contents = NULL;
  gsize len = 0;

  {
    g_autoptr(XarxaStore) store = xarxa_store_open (path, NULL);
    g_autofree char *id = add_entity (store, "Before the damage", NULL, NULL);
  }
  /* Keep the header, wreck the schema page that follows it. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 4096);
  memset (contents + 100, 0xa5, 3000);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  assert_open_fails_untouched (path, XARXA_ERROR_CORRUPT);
}

static void
test_reopen_keeps_data (void)
{
  g_autofree char *path = tmp_file ("reopen.db", NULL, 0);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *id = NULL;

  {
    g_autoptr(XarxaStore) store = xarxa_store_open (path, NULL);
    id = add_entity (store, "Persistent", "Mataró", "ES");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(XarxaStore) store = xarxa_store_open (path, &error);
    g_autoptr(JsonObject) rec = NULL;

    g_assert_no_error (error);
    rec = xarxa_store_get_record (store, "entity", id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (rec, "city"), ==, "Mataró");
    g_assert_cmpuint (count_search (store, "matar"), ==, 1);
  }
  test_remove_tree (dir);
}

/* Migrations: from an empty file (version 0) to the current version, and
 * every table of the schema has every field the record types declare. */
static void
test_migration_from_every_version (void)
{
  g_autofree char *path = tmp_file ("empty.db", "", 0);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const XarxaRecordType *const *types;
  guint n_types = 0;
  sqlite3 *db = NULL;

  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  types = xarxa_schema_types (&n_types);
  g_assert_cmpuint (n_types, ==, 20);
  for (guint t = 0; t < n_types; t++)
    {
      sqlite3_stmt *stmt = NULL;

      /* Every statement of every type prepares against the schema. */
      g_assert_cmpint (sqlite3_prepare_v2 (db, types[t]->sql_select, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_finalize (stmt);
      g_assert_cmpint (sqlite3_prepare_v2 (db, types[t]->sql_insert, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_finalize (stmt);
      g_assert_cmpint (sqlite3_prepare_v2 (db, types[t]->sql_update, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_finalize (stmt);
    }
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, XARXA_SCHEMA_VERSION);
    sqlite3_finalize (stmt);
    sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* A worker's second connection never makes a database of its own. */
static void
test_open_existing (void)
{
  g_autofree char *dir = test_make_dir ("existing");
  g_autofree char *path = g_build_filename (dir, "gone.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaStore) store = xarxa_store_open_existing (path, &error);

  g_assert_null (store);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  store = xarxa_store_open_existing (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* A database written by version 1 (prefix-indexed full-text tables) keeps
 * its records and its search after the upgrade. */
static void
test_migration_keeps_search (void)
{
  g_autofree char *path = tmp_file ("v1.db", NULL, 0);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(XarxaQuery) q = xarxa_query_new ("entity");
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, xarxa_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO entity (name, city, name_key, id, created_at, updated_at) VALUES "
                                 "('Cooperativa Sargantana', 'Vic', 'cooperativa sargantana',"
                                 " '0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a10', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
                                 "INSERT INTO entity_fts (rowid, name, city, contacts) "
                                 "SELECT rowid, name, city, 'Núria Puig' FROM entity;"
                                 "INSERT INTO outbox (record_type, record_id, op, fields, before, base_version, created_at) "
                                 "VALUES ('entity', 'a', 'create', '{}', '{}', 0, 'x'), ('entity', 'b', 'create', '{}', '{}', 0, 'x'),"
                                 " ('entity', '0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a10', 'create', '{}', '{}', 0, 'x');"
                                 "DELETE FROM outbox WHERE seq IN (2, 3);"
                                 "UPDATE outbox_size SET n = 1;"
                                 "PRAGMA application_id = 1480675928; PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (store, "entity"), ==, 1);
  xarxa_query_set_search (q, "nuria");
  rows = xarxa_store_query_rowids (store, q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_array_unref);
  xarxa_query_set_search (q, "sarg");
  rows = xarxa_store_query_rowids (store, q, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_array_unref);
  xarxa_query_set_search (q, "s");
  rows = xarxa_store_query_rowids (store, q, &error);
  g_assert_cmpuint (rows->len, ==, 1);

  /* The change waiting in the outbox is still there, and the next one is
   * numbered after every earlier one, even those already sent. */
  g_assert_cmpint (xarxa_store_count_outbox (store), ==, 1);
  {
    g_autoptr(JsonObject) values = json_object_new ();
    g_autofree char *id = NULL;
    sqlite3_stmt *stmt;

    json_object_set_string_member (values, "name", "Casal Nou");
    id = xarxa_store_create_record (store, "entity", values, &error);
    g_assert_no_error (error);
    g_assert_cmpint (xarxa_store_count_outbox (store), ==, 2);
    stmt = xarxa_store_prepare (store, "SELECT seq FROM outbox WHERE record_id = ?1", &error);
    g_assert_no_error (error);
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 4);
    sqlite3_reset (stmt);
  }

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, XARXA_SCHEMA_VERSION);
    sqlite3_finalize (stmt);
    /* The new table has no prefix index and keeps column-level detail. */
    sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master WHERE name = 'entity_fts'", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_null (strstr ((const char *) sqlite3_column_text (stmt, 0), "prefix"));
    g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 0), "detail = column"));
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_fold_key (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Cooperació", "cooperacio" },
    { "  Àgora   Jove ", "agora jove" },
    { "ÑANDÚ", "nandu" },
    { "Associació L·lacuna", "associacio l·lacuna" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *k = xarxa_fold_key (cases[i].in);
      g_assert_cmpstr (k, ==, cases[i].out);
    }
}

/* Ids are time-ordered version-7 UUIDs, unique and sorted in the order
 * they were made; times are UTC with milliseconds, as DESIGN.md says, and
 * read back as the moment they were made. */
static void
test_ids_and_times (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) shape = g_regex_new ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$",
                                         0, 0, NULL);

  g_autofree char *previous = NULL;
  gint64 first_ms = g_get_real_time () / 1000;
  gint64 id_ms = 0;

  /* 20,000 ids come in a few milliseconds: many share one, so the counter
   * and its running out are both crossed. */
  for (guint i = 0; i < 20000; i++)
    {
      char *id = xarxa_new_uuid ();
      g_autofree char *hex = NULL;

      g_assert_true (g_uuid_string_is_valid (id));
      g_assert_cmpint (id[14], ==, '7');
      g_assert_nonnull (strchr ("89ab", id[19]));
      g_assert_true (g_hash_table_add (seen, id));
      /* Made later, sorted later: by text, as the indexes compare them. */
      if (previous != NULL)
        g_assert_cmpstr (previous, <, id);
      g_free (previous);
      previous = g_strdup (id);
      if (i == 0)
        {
          hex = g_strndup (id, 8);
          id_ms = (gint64) g_ascii_strtoull (hex, NULL, 16) << 16;
          g_free (g_steal_pointer (&hex));
          hex = g_strndup (id + 9, 4);
          id_ms |= (gint64) g_ascii_strtoull (hex, NULL, 16);
        }
    }
  /* The first 48 bits are the time it was made, in Unix milliseconds. */
  g_assert_cmpint (id_ms, >=, first_ms);
  g_assert_cmpint (id_ms, <=, g_get_real_time () / 1000);

  for (guint i = 0; i < 3; i++)
    {
      gint64 before = g_get_real_time () / 1000;
      g_autofree char *now = xarxa_now_iso8601 ();
      gint64 after = g_get_real_time () / 1000;
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (now, NULL);
      gint64 ms;

      g_assert_true (g_regex_match (shape, now, 0, NULL));
      g_assert_nonnull (parsed);
      ms = g_date_time_to_unix (parsed) * 1000 + g_date_time_get_microsecond (parsed) / 1000;
      g_assert_cmpint (ms, >=, before);
      g_assert_cmpint (ms, <=, after);
    }
}

/* Counts the organisations in the database file itself, leaving out what
 * waits in its log (-1 when it cannot be read right now). */
static gint64
entities_in_file (const char *path)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM entity", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return n;
}

/* The log of a database that stays open is copied back into the file by
 * the store's own thread, which the writing connection does not wait for:
 * 6,000 organisations saved in one go reach the file while the store is
 * still open, and the log is not left to grow. */
static void
test_log_copied_in_background (void)
{
  g_autofree char *path = tmp_file ("log.db", NULL, 0);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *description = g_strnfill (400, 'd');
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline, n = -1;
  GStatBuf st;

  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (xarxa_store_begin (store, &error));
  for (guint i = 0; i < 6000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Ateneu %u", i);
      g_autoptr(JsonObject) values = entity_values (name, "Vic", "ES");
      g_autofree char *id = NULL;

      json_object_set_string_member (values, "description", description);
      id = xarxa_store_create_record (store, "entity", values, &error);
      g_assert_no_error (error);
    }
  g_assert_true (xarxa_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1000 * 4096);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((n = entities_in_file (path)) != 6000 && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_cmpint (n, ==, 6000);

  /* The next save starts the log over. */
  g_free (add_entity (store, "Casal Nou", "Olot", "ES"));
  g_assert_cmpint (xarxa_store_count (store, "entity"), ==, 6001);

  g_clear_object (&store);
  test_remove_tree (dir);
}

/* Version 3 repairs the texts that json-glib wrote with a ".0" after an
 * exponent (2e+20.0, not JSON): a shadow, a change waiting to be sent and
 * a conflict come back readable, with their values and strings as they
 * were. */
static void
test_migration_repairs_numbers (void)
{
  g_autofree char *path = tmp_file ("v2.db", "", 0);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* As version 2 was: its own migrations, and none after. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, xarxa_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, xarxa_migrations[1], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA application_id = 1480675928;"
                                 "INSERT INTO shadow (record_type, record_id, data, version) VALUES"
                                 " ('mission', 'm1', '{\"budget\":2e+20.0,\"title\":\"Plan 1e5.0\",\"deleted\":false}', 3);"
                                 "INSERT INTO outbox (record_type, record_id, op, fields, before, base_version, created_at)"
                                 " VALUES ('mission', 'm1', 'update', '{\"budget\":1E-300.0}', '{\"budget\":2e+20.0}', 3, 'x');"
                                 "INSERT INTO conflict (record_type, record_id, field, mine, theirs, base, created_at)"
                                 " VALUES ('mission', 'm1', 'budget', '3e+21.0', '1.5', NULL, 'x');"
                                 "PRAGMA user_version = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);
  stmt = xarxa_store_prepare (store,
                              "SELECT (SELECT data FROM shadow), (SELECT fields FROM outbox), (SELECT before FROM outbox),"
                              " (SELECT mine FROM conflict), (SELECT theirs FROM conflict)", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                   "{\"budget\":2e+20,\"title\":\"Plan 1e5.0\",\"deleted\":false}");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "{\"budget\":1E-300}");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "{\"budget\":2e+20}");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "3e+21");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "1.5");
  sqlite3_reset (stmt);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* The ids xarxa_store_search() finds for @text, as one string: "a b". */
static char *
search_ids (XarxaStore *store,
            const char *type_name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = xarxa_store_search (store, type_name, text, &error);

  g_assert_no_error (error);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

/* An organisation is found by its people's words, and only while they
 * belong to it: a person who moves takes their words along. */
static void
test_search_follows_contacts (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *a = add_entity (f->store, "Casal de Joves", "Manresa", "ES");
  g_autofree char *b = add_entity (f->store, "Xarxa d’Economia Solidària", "Girona", "ES");
  g_autoptr(JsonObject) contact = json_object_new ();
  g_autoptr(JsonObject) move = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cid = NULL;
  g_autofree char *found = NULL;

  json_object_set_string_member (contact, "full_name", "Jordi Vilaseca");
  json_object_set_string_member (contact, "email", "jvilaseca@casal.example");
  json_object_set_string_member (contact, "entity_id", a);
  cid = xarxa_store_create_record (f->store, "contact", contact, &error);
  g_assert_no_error (error);
  found = search_ids (f->store, "entity", "jvilaseca");
  g_assert_cmpstr (found, ==, a);
  g_clear_pointer (&found, g_free);

  json_object_set_string_member (move, "entity_id", b);
  g_assert_true (xarxa_store_update_record (f->store, "contact", cid, move, &error));
  g_assert_no_error (error);
  found = search_ids (f->store, "entity", "jvilaseca casal");
  g_assert_cmpstr (found, ==, b);
  g_clear_pointer (&found, g_free);
  g_assert_cmpuint (count_search (f->store, "vilaseca"), ==, 1);

  g_assert_true (xarxa_store_delete_record (f->store, "contact", cid, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_search (f->store, "vilaseca"), ==, 0);
  found = search_ids (f->store, "entity", "girona");
  g_assert_cmpstr (found, ==, b);
  g_clear_pointer (&found, g_free);

  /* No word: nothing; a type without an index: a clear refusal. */
  found = search_ids (f->store, "entity", " ,; ");
  g_assert_cmpstr (found, ==, "");
  g_assert_null (xarxa_store_search (f->store, "cluster_member", "x", &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
}

/* What an organisation's type description asks for beyond the generic
 * path: a name key kept in step, and a name even when the server's record
 * has none. */
static void
test_entity_hooks (Fixture       *f,
                   gconstpointer  data)
{
  const XarxaRecordType *type = xarxa_schema_lookup ("entity");
  const char *remote_id = "01890a5d-ac96-774b-bcce-b302099a8057";
  g_autofree char *a = add_entity (f->store, "Ateneu Popular", "Reus", "ES");
  g_autoptr(JsonObject) rename = json_object_new ();
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  gboolean inserted = FALSE;

  json_object_set_string_member (rename, "name", "Ateneu Cooperatiu");
  g_assert_true (xarxa_store_update_record (f->store, "entity", a, rename, &error));
  g_assert_no_error (error);
  found = xarxa_store_find_entity_by_name (f->store, "ATENEU COOPERATIU", NULL);
  g_assert_cmpstr (found, ==, a);
  g_clear_pointer (&found, g_free);
  g_assert_null (xarxa_store_find_entity_by_name (f->store, "Ateneu Popular", NULL));

  /* A record from the server without a name keeps its id as its name. */
  json_object_set_string_member (fields, "city", "Lleida");
  g_assert_true (xarxa_store_begin (f->store, &error));
  g_assert_true (xarxa_store_insert_remote (f->store, type, remote_id, fields,
                                            "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z",
                                            FALSE, 7, &inserted, &error));
  g_assert_true (xarxa_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (inserted);
  record = xarxa_store_get_record (f->store, "entity", remote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, remote_id);
  found = xarxa_store_find_entity_by_name (f->store, remote_id, NULL);
  g_assert_cmpstr (found, ==, remote_id);
  g_clear_pointer (&found, g_free);
  found = search_ids (f->store, "entity", "lleida");
  g_assert_cmpstr (found, ==, remote_id);
  g_clear_pointer (&found, g_free);

  /* The sync engine's way to the same. */
  g_clear_pointer (&record, json_object_unref);
  record = json_object_new ();
  json_object_set_string_member (record, "id", remote_id);
  json_object_set_null_member (record, "name");
  xarxa_store_fill_required (type, record);
  g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, remote_id);
  g_clear_pointer (&record, json_object_unref);
  record = json_object_new ();
  json_object_set_string_member (record, "id", remote_id);
  xarxa_store_fill_required (xarxa_schema_lookup ("cluster"), record);
  g_assert_false (json_object_has_member (record, "name"));
}

/* Clusters, missions and documents made through the store are found by
 * the words of their own index, accents folded, and only while they live
 * and say so. */
static void
test_search_per_type (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(JsonObject) cluster = json_object_new ();
  g_autoptr(JsonObject) mission = json_object_new ();
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(JsonArray) tags = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *did = NULL, *cid = NULL, *mid = NULL, *found = NULL;

  json_object_set_string_member (doc, "title", "Sobirania alimentària a les ciutats");
  json_object_set_string_member (doc, "kind", "report");
  json_object_set_string_member (doc, "summary", "Com els menjadors escolars compren als pagesos del territori.");
  json_array_add_string_element (tags, "agroecologia");
  json_object_set_array_member (doc, "tags", json_array_ref (tags));
  did = xarxa_store_create_record (f->store, "document", doc, &error);
  g_assert_no_error (error);

  json_object_set_string_member (cluster, "name", "Energia comunitària");
  json_object_set_string_member (cluster, "objective", "Cooperatives de consum elèctric en cada comarca");
  cid = xarxa_store_create_record (f->store, "cluster", cluster, &error);
  g_assert_no_error (error);

  json_object_set_string_member (mission, "title", "Visita d’estudi al Quebec");
  json_object_set_string_member (mission, "city", "Montréal");
  json_object_set_string_member (mission, "purpose", "Conèixer l’economia social quebequesa");
  mid = xarxa_store_create_record (f->store, "mission", mission, &error);
  g_assert_no_error (error);

  /* A word of the title, a word of the summary, a tag, with or without accents. */
  found = search_ids (f->store, "document", "sobirania");
  g_assert_cmpstr (found, ==, did);
  g_clear_pointer (&found, g_free);
  found = search_ids (f->store, "document", "menjadors");
  g_assert_cmpstr (found, ==, did);
  g_clear_pointer (&found, g_free);
  found = search_ids (f->store, "document", "ALIMENTARIA pages agroeco");
  g_assert_cmpstr (found, ==, did);
  g_clear_pointer (&found, g_free);
  found = search_ids (f->store, "cluster", "electric comarca");
  g_assert_cmpstr (found, ==, cid);
  g_clear_pointer (&found, g_free);
  found = search_ids (f->store, "mission", "montreal quebeq");
  g_assert_cmpstr (found, ==, mid);
  g_clear_pointer (&found, g_free);
  /* Each type its own index: an organisation's search finds none of them. */
  g_assert_cmpuint (count_search (f->store, "sobirania"), ==, 0);
  found = search_ids (f->store, "document", "comarca");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);

  /* A changed summary: the new words find it, the old ones no longer. */
  json_object_set_string_member (change, "summary", "Horts urbans i banc de llavors.");
  g_assert_true (xarxa_store_update_record (f->store, "document", did, change, &error));
  g_assert_no_error (error);
  found = search_ids (f->store, "document", "llavors");
  g_assert_cmpstr (found, ==, did);
  g_clear_pointer (&found, g_free);
  found = search_ids (f->store, "document", "menjadors");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);

  /* A list's query over documents takes its hits from the same index,
   * with the filters beside it. */
  {
    g_autoptr(XarxaQuery) q = xarxa_query_new ("document");
    g_autoptr(GArray) rows = NULL;

    xarxa_query_set_search (q, "agroeco ciutats");
    g_assert_true (xarxa_query_set_filter (q, "kind", "report"));
    rows = xarxa_store_query_rowids (f->store, q, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (g_array_index (rows, gint64, 0), ==, xarxa_store_get_rowid (f->store, "document", did));
    g_clear_pointer (&rows, g_array_unref);
    g_assert_true (xarxa_query_set_filter (q, "kind", "interview"));
    rows = xarxa_store_query_rowids (f->store, q, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 0);
  }

  /* Deleted, it is not found; undeleted, it is again. */
  g_assert_true (xarxa_store_delete_record (f->store, "document", did, &error));
  g_assert_no_error (error);
  found = search_ids (f->store, "document", "sobirania");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);
  g_assert_true (xarxa_store_undelete_record (f->store, "document", did, &error));
  g_assert_no_error (error);
  found = search_ids (f->store, "document", "sobirania llavors");
  g_assert_cmpstr (found, ==, did);
  g_clear_pointer (&found, g_free);
}

/* A database of every earlier version gets the indexes of version 5,
 * filled from the clusters, missions and documents it holds already
 * (and none of its tombstones). */
static void
test_migration_fills_indexes (void)
{
  /* Every version before 5, which made the indexes. */
  for (guint from = 1; from < 5; from++)
    {
      g_autofree char *path = tmp_file ("old.db", NULL, 0);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *version_sql = g_strdup_printf ("PRAGMA application_id = 1480675928;"
                                                      " PRAGMA user_version = %u;", from);
      g_autoptr(XarxaStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *found = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      xarxa_json_add_sql_functions (db);
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
      for (guint v = 0; v < from; v++)
        g_assert_cmpint (sqlite3_exec (db, xarxa_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db,
                                     "INSERT INTO document (title, summary, tags, id, created_at, updated_at) VALUES"
                                     " ('Informe de cures', 'Xarxes veïnals de suport', '[\"feminismes\",\"cures\"]',"
                                     "  '0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a11', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
                                     " ('Esborrany descartat', 'veïnals', NULL,"
                                     "  '0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a12', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
                                     "UPDATE document SET deleted = 1 WHERE title = 'Esborrany descartat';"
                                     "INSERT INTO cluster (name, objective, id, created_at, updated_at) VALUES"
                                     " ('Habitatge', 'Masoveria urbana',"
                                     "  '0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a13', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
                                     "INSERT INTO mission (title, city, id, created_at, updated_at) VALUES"
                                     " ('Cooperatives d’habitatge', 'Montevideo',"
                                     "  '0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a14', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, version_sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = xarxa_store_open (path, &error);
      g_assert_no_error (error);
      found = search_ids (store, "document", "veinals");
      g_assert_cmpstr (found, ==, "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a11");
      g_clear_pointer (&found, g_free);
      found = search_ids (store, "document", "feminisme");
      g_assert_cmpstr (found, ==, "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a11");
      g_clear_pointer (&found, g_free);
      found = search_ids (store, "cluster", "masoveria");
      g_assert_cmpstr (found, ==, "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a13");
      g_clear_pointer (&found, g_free);
      found = search_ids (store, "mission", "montevideo");
      g_assert_cmpstr (found, ==, "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a14");
      g_clear_pointer (&found, g_free);

      /* A record changed after the upgrade has its row rewritten, not doubled. */
      {
        g_autoptr(JsonObject) change = json_object_new ();

        json_object_set_string_member (change, "city", "Asunción");
        g_assert_true (xarxa_store_update_record (store, "mission", "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a14",
                                                  change, &error));
        g_assert_no_error (error);
        found = search_ids (store, "mission", "asuncion cooperatives");
        g_assert_cmpstr (found, ==, "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a14");
        g_clear_pointer (&found, g_free);
        found = search_ids (store, "mission", "montevideo");
        g_assert_cmpstr (found, ==, "");
        g_clear_pointer (&found, g_free);
      }
      g_clear_object (&store);
      test_remove_tree (dir);
    }
}

/* Each type's index holds what its description says search covers:
 * the columns its hooks select are its search_fields, in their order, and
 * every statement of the index prepares against the schema. */
static void
test_search_index_matches_description (Fixture       *f,
                                       gconstpointer  data)
{
  const XarxaRecordType *const *types;
  guint n_types = 0, n_indexed = 0;

  types = xarxa_schema_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      const XarxaSearchIndex *index = types[t]->hooks->search;
      const char *const sql[] = {
        index ? index->sql_select : NULL, index ? index->sql_insert : NULL,
        index ? index->sql_delete : NULL, index ? index->sql_rowid : NULL,
        index ? index->sql_search : NULL, index ? index->sql_match : NULL,
      };
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *select;
      int n_cols;

      if (index == NULL)
        continue;
      n_indexed++;
      for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
        {
          g_assert_nonnull (xarxa_store_prepare (f->store, sql[i], &error));
          g_assert_no_error (error);
        }
      select = xarxa_store_prepare (f->store, index->sql_select, &error);
      n_cols = sqlite3_column_count (select);
      g_assert_cmpstr (sqlite3_column_name (select, 0), ==, "deleted");
      g_assert_nonnull (types[t]->search_fields);
      for (int c = 1; c < n_cols; c++)
        g_assert_cmpstr (sqlite3_column_name (select, c), ==, types[t]->search_fields[c - 1]);
      g_assert_null (types[t]->search_fields[n_cols - 1]);
    }
  /* Organisations, clusters, missions, stops, field notes and documents. */
  g_assert_cmpuint (n_indexed, ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, test_store_set_up, fn, test_store_tear_down)
  ADD ("/store/create-and-read", test_create_and_read);
  ADD ("/store/outbox-rows", test_outbox_rows);
  ADD ("/store/undelete-while-sending", test_undelete_while_sending);
  ADD ("/store/failed-write-leaves-nothing", test_failed_write_leaves_nothing);
  ADD ("/store/empty-name-refused", test_empty_name_refused);
  ADD ("/store/search-folding", test_search_folding);
  ADD ("/store/filters-and-sort", test_filters_and_sort);
  ADD ("/store/search-sorted", test_search_sorted);
  ADD ("/store/duplicate-name", test_duplicate_name);
  ADD ("/store/entity-list-model", test_entity_list_model);
  ADD ("/store/import-batch-undo", test_import_batch_undo);
  ADD ("/store/import-batch-undo-old", test_import_batch_undo_old);
  ADD ("/store/search/follows-contacts", test_search_follows_contacts);
  ADD ("/store/hooks/entity", test_entity_hooks);
  ADD ("/store/search/per-type", test_search_per_type);
  ADD ("/store/search/index-matches-description", test_search_index_matches_description);
#undef ADD
  g_test_add_func ("/store/validation", test_validation);
  g_test_add_func ("/store/tag-length-in-characters", test_tag_length_in_characters);
  g_test_add_func ("/store/fold-key", test_fold_key);
  g_test_add_func ("/store/ids-and-times", test_ids_and_times);
  g_test_add_func ("/store/open/not-a-database", test_not_a_database);
  g_test_add_func ("/store/open/other-programs-database", test_other_programs_database);
  g_test_add_func ("/store/open/newer-version", test_newer_version);
  g_test_add_func ("/store/open/corrupt", test_corrupt_database);
  g_test_add_func ("/store/open/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/store/migration/from-every-version", test_migration_from_every_version);
  g_test_add_func ("/store/migration/keeps-search", test_migration_keeps_search);
  g_test_add_func ("/store/migration/repairs-numbers", test_migration_repairs_numbers);
  g_test_add_func ("/store/migration/fills-indexes", test_migration_fills_indexes);
  g_test_add_func ("/store/open/existing-only", test_open_existing);
  g_test_add_func ("/store/log-copied-in-background", test_log_copied_in_background);

  return g_test_run ();
}
