/* test-example.c — the example network loads whole, valid, findable, and once.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-example"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "xarxa-cluster.h"
#include "xarxa-countries.h"
#include "xarxa-example.h"
#include "xarxa-library.h"
#include "xarxa-store.h"
#include "xarxa-validate.h"
#include "test-util.h"

typedef TestStore Fixture;

static gint64
query_int64 (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static GPtrArray *
all_entities (XarxaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaQuery) all = xarxa_query_new ("entity");
  g_autoptr(GArray) rows = xarxa_store_query_rowids (store, all, &error);
  GPtrArray *entities = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *e = xarxa_store_get_record_by_rowid (store, "entity", g_array_index (rows, gint64, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (entities, e);
    }
  return entities;
}

static const char *
continent_of (const char *country)
{
  static const char *const europe[] = {
    "ES", "FR", "PT", "IT", "DE", "BE", "NL", "SE", "GR", "PL", NULL,
  };
  static const char *const latin_america[] = { "MX", "CO", "CL", "AR", "BR", "EC", "PE", NULL };
  static const char *const africa[] = { "SN", "MA", "KE", "ZA", "GH", "MZ", "TN", NULL };
  /* The hosts of the study mission to Montréal. */
  static const char *const north_america[] = { "CA", NULL };

  if (g_strv_contains (europe, country))
    return "Europe";
  if (g_strv_contains (latin_america, country))
    return "Latin America";
  if (g_strv_contains (africa, country))
    return "Africa";
  if (g_strv_contains (north_america, country))
    return "North America";
  return NULL;
}

static void
assert_record_valid (const char *type_name,
                     JsonObject *record)
{
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < type->n_fields; i++)
    {
      xarxa_validate_field (type, type->fields[i].name,
                            json_object_get_member (record, type->fields[i].name), &error);
      g_assert_no_error (error);
    }
  xarxa_validate_record (type, record, &error);
  g_assert_no_error (error);
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GHashTable) continents = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) transitions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) languages = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0, n_contacts = 0, n_catalonia = 0;
  gint64 outbox_before;

  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 0);
  outbox_before = xarxa_store_count_outbox (f->store);

  g_assert_true (xarxa_example_load (f->store, &n, NULL, &error));
  g_assert_no_error (error);

  /* About 40 organisations, each with one to three people. */
  g_assert_cmpuint (n, >=, 35);
  g_assert_cmpuint (n, <=, 50);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n);

  entities = all_entities (f->store);
  g_assert_cmpuint (entities->len, ==, n);
  for (guint i = 0; i < entities->len; i++)
    {
      JsonObject *e = entities->pdata[i];
      const char *id = json_object_get_string_member (e, "id");
      const char *country = json_object_get_string_member_with_default (e, "country", NULL);
      const char *region = json_object_get_string_member_with_default (e, "region", NULL);
      const char *website = json_object_get_string_member_with_default (e, "website", NULL);
      const char *email = json_object_get_string_member_with_default (e, "email", NULL);
      const char *continent;
      g_autoptr(GPtrArray) contacts = NULL;
      JsonArray *set;

      assert_record_valid ("entity", e);

      /* Every organisation is complete enough to show and to reach. */
      g_assert_nonnull (json_object_get_string_member_with_default (e, "kind", NULL));
      g_assert_nonnull (json_object_get_string_member_with_default (e, "description", NULL));
      g_assert_nonnull (json_object_get_string_member_with_default (e, "city", NULL));
      g_assert_nonnull (json_object_get_string_member_with_default (e, "phone", NULL));
      g_assert_nonnull (json_object_get_string_member_with_default (e, "membership", NULL));
      g_assert_nonnull (country);
      g_assert_true (xarxa_country_is_valid (country));
      continent = continent_of (country);
      g_assert_nonnull (continent);
      g_hash_table_add (continents, (gpointer) continent);
      g_hash_table_add (kinds, (gpointer) json_object_get_string_member (e, "kind"));
      if (g_strcmp0 (region, "Catalunya") == 0)
        n_catalonia++;

      /* Invented addresses only: the reserved .example domain. */
      g_assert_nonnull (website);
      g_assert_true (g_str_has_suffix (website, ".example") || strstr (website, ".example/") != NULL);
      g_assert_nonnull (email);
      g_assert_true (g_str_has_suffix (email, ".example"));

      set = json_object_get_array_member (e, "transitions");
      g_assert_nonnull (set);
      g_assert_cmpuint (json_array_get_length (set), >=, 1);
      for (guint t = 0; t < json_array_get_length (set); t++)
        g_hash_table_add (transitions, (gpointer) json_array_get_string_element (set, t));
      set = json_object_get_array_member (e, "languages");
      g_assert_nonnull (set);
      for (guint t = 0; t < json_array_get_length (set); t++)
        g_hash_table_add (languages, (gpointer) json_array_get_string_element (set, t));
      g_assert_nonnull (json_object_get_array_member (e, "tags"));

      contacts = xarxa_store_list_contacts (f->store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (contacts->len, >=, 1);
      g_assert_cmpuint (contacts->len, <=, 3);
      for (guint c = 0; c < contacts->len; c++)
        {
          JsonObject *contact = contacts->pdata[c];
          const char *contact_email = json_object_get_string_member_with_default (contact, "email", NULL);

          assert_record_valid ("contact", contact);
          g_assert_cmpstr (json_object_get_string_member (contact, "entity_id"), ==, id);
          g_assert_nonnull (json_object_get_string_member_with_default (contact, "full_name", NULL));
          g_assert_nonnull (json_object_get_string_member_with_default (contact, "role", NULL));
          g_assert_nonnull (contact_email);
          g_assert_true (g_str_has_suffix (contact_email, ".example"));
        }
      n_contacts += contacts->len;
    }

  g_assert_cmpint (xarxa_store_count (f->store, "contact"), ==, n_contacts);
  g_assert_cmpuint (n_contacts, >=, n);

  /* Catalonia, the rest of Europe, Latin America, Africa and the hosts in
   * North America; every kind of organisation and every transition;
   * Catalan, Spanish and English. */
  g_assert_cmpuint (n_catalonia, >=, 8);
  g_assert_cmpuint (g_hash_table_size (continents), ==, 4);
  for (guint i = 0; xarxa_entity_kinds[i] != NULL; i++)
    if (!g_str_equal (xarxa_entity_kinds[i], "other"))
      g_assert_true (g_hash_table_contains (kinds, xarxa_entity_kinds[i]));
  for (guint i = 0; xarxa_transitions[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (transitions, xarxa_transitions[i]));
  g_assert_true (g_hash_table_contains (languages, "ca"));
  g_assert_true (g_hash_table_contains (languages, "es"));
  g_assert_true (g_hash_table_contains (languages, "en"));

  /* Every record went through the store, so every one is in the outbox. */
  {
    gint64 n_records = n + n_contacts;
    guint n_types;
    const XarxaRecordType *const *types = xarxa_schema_types (&n_types);

    /* …with the clusters and the meeting and everything under them. */
    for (guint i = 0; i < n_types; i++)
      if (!g_str_equal (types[i]->name, "entity") && !g_str_equal (types[i]->name, "contact"))
        n_records += xarxa_store_count (f->store, types[i]->name);
    g_assert_cmpint (xarxa_store_count_outbox (f->store) - outbox_before, ==, n_records);
  }
}

static GArray *
search (XarxaStore *store,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaQuery) query = xarxa_query_new ("entity");
  GArray *rows;

  xarxa_query_set_search (query, text);
  rows = xarxa_store_query_rowids (store, query, &error);

  g_assert_no_error (error);
  return rows;
}

static gboolean
rows_contain_name (XarxaStore *store,
                   GArray     *rows,
                   const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) e = xarxa_store_get_record_by_rowid (store, "entity", g_array_index (rows, gint64, i), &error);

      g_assert_no_error (error);
      if (g_strcmp0 (json_object_get_string_member (e, "name"), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;

  g_assert_true (xarxa_example_load (f->store, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Accents and case folded, prefixes match. */
  rows = search (f->store, "agroecologica");
  g_assert_true (rows_contain_name (f->store, rows, "Cooperativa Agroecològica Terra de Vic"));
  g_clear_pointer (&rows, g_array_unref);

  rows = search (f->store, "FUNDACIO horit");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (rows_contain_name (f->store, rows, "Fundació Horitzó Comú"));
  g_clear_pointer (&rows, g_array_unref);

  rows = search (f->store, "energ");
  g_assert_true (rows_contain_name (f->store, rows, "Coopérative Énergie Citoyenne du Roussillon"));
  g_assert_true (rows_contain_name (f->store, rows, "Maresme Solar SCCL"));
  g_clear_pointer (&rows, g_array_unref);

  /* A contact person's name finds the organisation. */
  rows = search (f->store, "Quishpe");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (rows_contain_name (f->store, rows, "Fundación Yaku Kawsay"));
  g_clear_pointer (&rows, g_array_unref);

  rows = search (f->store, "zzzznothing");
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 batch;
  guint n = 0;

  g_assert_true (xarxa_example_load (f->store, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n);

  batch = query_int64 (f->path, "SELECT id FROM import_batch WHERE source = 'example'");
  g_assert_cmpint (batch, >, 0);
  g_assert_cmpint (xarxa_store_import_batch_undo (f->store, batch, &error), ==, n);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 0);
  g_assert_cmpint (xarxa_store_count (f->store, "contact"), ==, 0);
  /* The clusters and everything under them go with it. */
  {
    static const char *const types[] = {
      "cluster", "cluster_member", "objective", "indicator", "indicator_value", "action",
      "decision", "decision_position", "meeting", "agenda_item", "agenda_support",
    };

    for (guint i = 0; i < G_N_ELEMENTS (types); i++)
      g_assert_cmpint (xarxa_store_count (f->store, types[i]), ==, 0);
  }
}

static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  /* Make the database refuse one contact near the end of the network, as
   * a full disk or a damaged page would: the whole load must go. */
  exec_sql (f->path,
            "CREATE TRIGGER refuse_one BEFORE INSERT ON contact "
            "WHEN NEW.full_name = 'Sisa Quishpe Guamán' "
            "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END;");

  g_assert_false (xarxa_example_load (f->store, &n, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 0);
  g_assert_cmpint (xarxa_store_count (f->store, "contact"), ==, 0);
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 0);
  g_assert_cmpint (query_int64 (f->path, "SELECT count(*) FROM import_batch"), ==, 0);
  g_assert_cmpint (query_int64 (f->path, "SELECT count(*) FROM entity_fts"), ==, 0);

  /* The store is still usable, and the load succeeds once the cause is gone. */
  exec_sql (f->path, "DROP TRIGGER refuse_one;");
  g_assert_true (xarxa_example_load (f->store, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n);
  g_assert_cmpint (query_int64 (f->path, "SELECT count(*) FROM import_batch WHERE source = 'example'"), ==, 1);
}

/* Choosing Open Example Network again adds nothing, says so, and leaves
 * no empty import batch behind. */
static void
test_load_twice (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0, n_added = 99, n_skipped = 0;
  gint64 batch = 0, n_contacts, outbox;

  g_assert_true (xarxa_example_load_full (f->store, &n, &n_skipped, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 35);
  g_assert_cmpuint (n_skipped, ==, 0);
  g_assert_cmpint (batch, >, 0);
  n_contacts = xarxa_store_count (f->store, "contact");
  outbox = xarxa_store_count_outbox (f->store);

  g_assert_true (xarxa_example_load_full (f->store, &n_added, &n_skipped, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 0);
  g_assert_cmpuint (n_skipped, ==, n);
  g_assert_cmpint (batch, ==, -1);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n);
  g_assert_cmpint (xarxa_store_count (f->store, "contact"), ==, n_contacts);
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, outbox);
  g_assert_cmpint (query_int64 (f->path, "SELECT count(*) FROM import_batch"), ==, 1);

  /* The short form, as the command line uses it, skips the same way. */
  g_assert_true (xarxa_example_load (f->store, &n_added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 0);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n);
}

/* A name the user typed with other case and accents counts as the same
 * organisation: that example organisation and its people are left out. */
static void
test_skip_folded_name (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GArray) rows = NULL;
  g_autofree char *id = NULL;
  guint n_added = 0, n_skipped = 0;

  json_object_set_string_member (values, "name", "FUNDACIO  horitzo comu");
  json_object_set_string_member (values, "country", "ES");
  id = xarxa_store_create_record (f->store, "entity", values, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  g_assert_true (xarxa_example_load_full (f->store, &n_added, &n_skipped, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_skipped, ==, 1);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n_added + 1);

  rows = search (f->store, "horitzo");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (rows_contain_name (f->store, rows, "FUNDACIO  horitzo comu"));
}

static char *
entity_id_named (XarxaStore *store,
                 const char *name)
{
  g_autoptr(GPtrArray) entities = all_entities (store);

  for (guint i = 0; i < entities->len; i++)
    if (g_strcmp0 (json_object_get_string_member (entities->pdata[i], "name"), name) == 0)
      return g_strdup (json_object_get_string_member (entities->pdata[i], "id"));
  return NULL;
}

/* Delete one example organisation, load again: only that one comes back,
 * with its people, and Undo of that load removes only it. */
static void
test_reload_after_delete (Fixture       *f,
                          gconstpointer  data)
{
  const char *name = "Fundación Yaku Kawsay";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *kept_id = NULL;
  g_autofree char *gone_id = NULL;
  guint n = 0, n_added = 0, n_skipped = 0;
  gint64 first_batch = -1, batch = -1, n_contacts;

  g_assert_true (xarxa_example_load_full (f->store, &n, NULL, &first_batch, &error));
  g_assert_no_error (error);

  old_id = entity_id_named (f->store, name);
  g_assert_nonnull (old_id);
  g_assert_true (xarxa_store_delete_record (f->store, "entity", old_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n - 1);
  rows = search (f->store, "Quishpe");
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_array_unref);
  n_contacts = xarxa_store_count (f->store, "contact");

  g_assert_true (xarxa_example_load_full (f->store, &n_added, &n_skipped, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 1);
  g_assert_cmpuint (n_skipped, ==, n - 1);
  g_assert_cmpint (batch, >, first_batch);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n);

  /* It came back as a new record, with its people, findable again. */
  new_id = entity_id_named (f->store, name);
  g_assert_nonnull (new_id);
  g_assert_cmpstr (new_id, !=, old_id);
  contacts = xarxa_store_list_contacts (f->store, new_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, >=, 1);
  g_assert_cmpint (xarxa_store_count (f->store, "contact"), ==, n_contacts + contacts->len);
  rows = search (f->store, "Quishpe");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (rows_contain_name (f->store, rows, name));
  g_clear_pointer (&rows, g_array_unref);

  /* Undo of the second load takes away that organisation and its people
   * only: the other example organisations stay. */
  g_assert_cmpint (xarxa_store_import_batch_undo (f->store, batch, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n - 1);
  gone_id = entity_id_named (f->store, name);
  g_assert_null (gone_id);
  kept_id = entity_id_named (f->store, "Fundació Horitzó Comú");
  g_assert_nonnull (kept_id);
  rows = search (f->store, "Quishpe");
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&contacts, g_ptr_array_unref);
  contacts = xarxa_store_list_contacts (f->store, new_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 0);
  g_assert_cmpint (xarxa_store_count (f->store, "contact"), ==, n_contacts);
}

/* What a new user sees of the cluster builder in the example: three
 * clusters with members and a coordinator each, an objective with
 * indicators (one broken down by gender) measured over two years, an
 * overdue action, a blocked decision and one with a stand-aside, and a
 * reflection meeting whose agenda is ranked by its supporters. */
static void
test_clusters (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  gboolean gender = FALSE, overdue = FALSE, blocked = FALSE, stand_aside = FALSE;
  guint n = 0;

  g_assert_true (xarxa_example_load (f->store, &n, NULL, &error));
  g_assert_no_error (error);
  clusters = xarxa_cluster_children (f->store, "cluster", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, 3);
  for (guint i = 0; i < clusters->len; i++)
    {
      const char *id = json_object_get_string_member (g_ptr_array_index (clusters, i), "id");
      g_autoptr(JsonObject) c = xarxa_cluster_to_json (f->store, id, NULL, &error);
      JsonArray *a;

      g_assert_no_error (error);
      g_test_message ("%s", json_object_get_string_member (c, "name"));
      g_assert_cmpint (json_object_get_int_member (c, "member_count"), >=, 4);
      g_assert_true (json_object_get_boolean_member (c, "has_coordinator"));
      g_assert_nonnull (json_object_get_string_member (c, "rights"));
      g_assert_nonnull (json_object_get_string_member (c, "gender_perspective"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "objectives")), >=, 1);
      /* Every indicator has a progress to draw. */
      a = json_object_get_array_member (c, "indicators");
      g_assert_cmpuint (json_array_get_length (a), >=, 1);
      g_assert_false (json_object_get_null_member (c, "progress"));
      for (guint j = 0; j < json_array_get_length (a); j++)
        {
          JsonObject *indicator = json_array_get_object_element (a, j);
          JsonArray *ms = json_object_get_array_member (indicator, "measurements");
          const char *first = json_object_get_string_member (json_array_get_object_element (ms, 0), "measured_on");
          const char *last = json_object_get_string_member (json_array_get_object_element (ms, json_array_get_length (ms) - 1),
                                                            "measured_on");

          g_assert_false (json_object_get_null_member (indicator, "progress"));
          g_assert_cmpuint (json_array_get_length (ms), >=, 2);
          /* Over two years. */
          g_assert_cmpint (atoi (last) - atoi (first), ==, 1);
          if (json_object_get_boolean_member (indicator, "gender_breakdown"))
            {
              JsonObject *m = json_array_get_object_element (ms, 0);

              gender = TRUE;
              g_assert_false (json_object_get_null_member (m, "value_women"));
              g_assert_false (json_object_get_null_member (m, "value_men"));
            }
        }
      a = json_object_get_array_member (c, "actions");
      for (guint j = 0; j < json_array_get_length (a); j++)
        overdue |= json_object_get_boolean_member (json_array_get_object_element (a, j), "overdue");
      a = json_object_get_array_member (c, "decisions");
      for (guint j = 0; j < json_array_get_length (a); j++)
        {
          JsonObject *d = json_array_get_object_element (a, j);

          blocked |= json_array_get_length (json_object_get_array_member (d, "blocked_by")) > 0 &&
                     !json_object_get_boolean_member (d, "consensus");
          stand_aside |= json_array_get_length (json_object_get_array_member (d, "stood_aside")) > 0 &&
                         json_object_get_boolean_member (d, "consensus");
        }
    }
  g_assert_true (gender);
  g_assert_true (overdue);
  g_assert_true (blocked);
  g_assert_true (stand_aside);

  meetings = xarxa_cluster_children (f->store, "meeting", NULL, NULL, &error);
  g_assert_cmpuint (meetings->len, ==, 1);
  agenda = xarxa_agenda_ranked (f->store, NULL,
                                json_object_get_string_member (g_ptr_array_index (meetings, 0), "id"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agenda->len, >=, 4);
  /* Ranked: the most supported first, and all four kinds there. */
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (agenda, 0), "support_count"), >=,
                   json_object_get_int_member (g_ptr_array_index (agenda, 1), "support_count"));
  for (guint k = 0; xarxa_agenda_kinds[k] != NULL; k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < agenda->len; i++)
        found |= g_strcmp0 (json_object_get_string_member (g_ptr_array_index (agenda, i), "kind"),
                            xarxa_agenda_kinds[k]) == 0;
      g_assert_true (found);
    }

  /* Loaded twice: nothing more. */
  g_assert_true (xarxa_example_load (f->store, &n, NULL, &error));
  g_assert_cmpint (xarxa_store_count (f->store, "cluster"), ==, 3);
  g_assert_cmpint (xarxa_store_count (f->store, "meeting"), ==, 1);
}

/* ---- the library ------------------------------------------------------------ */

static GPtrArray *
all_documents (XarxaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaQuery) all = xarxa_query_new ("document");
  g_autoptr(GArray) rows = xarxa_store_query_rowids (store, all, &error);
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *d = xarxa_store_get_record_by_rowid (store, "document", g_array_index (rows, gint64, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (docs, d);
    }
  return docs;
}

static JsonObject *
document_titled (GPtrArray  *docs,
                 const char *title)
{
  for (guint i = 0; i < docs->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (docs->pdata[i], "title", NULL), title) == 0)
      return docs->pdata[i];
  g_assert_not_reached ();
}

static guint
count_member (GPtrArray  *docs,
              const char *member,
              const char *value)
{
  guint n = 0;

  for (guint i = 0; i < docs->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (docs->pdata[i], member, NULL), value) == 0)
      n++;
  return n;
}

static char *
id_of_named (XarxaStore *store,
             const char *type_name,
             const char *field,
             const char *value)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new (type_name);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(JsonObject) record = NULL;

  xarxa_query_set_filter (query, field, value);
  rows = xarxa_store_query_rowids (store, query, NULL);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, 1);
  record = xarxa_store_get_record_by_rowid (store, type_name, g_array_index (rows, gint64, 0), NULL);
  return g_strdup (json_object_get_string_member (record, "id"));
}

/* About a dozen documents in the three languages, reports with their PDFs
 * stored and read, two interviews (consent given and pending), a cluster's
 * shared agenda, each linked to the network, found by words of their PDFs,
 * and gone with the rest when the load is undone. */
static void
test_library (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(XarxaQuery) query = xarxa_query_new ("document");
  g_autofree char *files_dir = NULL;
  g_autofree char *montreal = NULL;
  g_autofree char *water = NULL;
  g_autoptr(GPtrArray) montreal_docs = NULL;
  g_autoptr(GPtrArray) water_docs = NULL;
  JsonObject *maresme, *given, *pending, *agenda;
  guint n_pdfs = 0;
  gint64 batch = -1;

  g_assert_true (xarxa_example_load (f->store, NULL, &batch, &error));
  g_assert_no_error (error);
  docs = all_documents (f->store);
  g_assert_cmpuint (docs->len, >=, 10);
  g_assert_cmpuint (docs->len, <=, 15);
  g_assert_cmpuint (count_member (docs, "language", "ca"), >=, 3);
  g_assert_cmpuint (count_member (docs, "language", "es"), >=, 3);
  g_assert_cmpuint (count_member (docs, "language", "en"), >=, 3);
  g_assert_cmpuint (count_member (docs, "kind", "report"), >=, 4);

  /* Every PDF is stored by its hash and its text read from it. */
  files_dir = xarxa_library_files_dir (f->store);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *d = docs->pdata[i];
      const char *hash = json_object_get_string_member_with_default (d, "file_hash", NULL);

      assert_record_valid ("document", d);
      if (hash == NULL)
        continue;
      n_pdfs++;
      g_assert_cmpstr (json_object_get_string_member (d, "file_type"), ==, "application/pdf");
      g_assert_true (xarxa_attachments_has (files_dir, hash));
      g_assert_cmpstr (json_object_get_string_member (d, "text_status"), ==, "extracted");
      g_assert_nonnull (strstr (json_object_get_string_member (d, "full_text"),
                                json_object_get_string_member (d, "title")));
    }
  g_assert_cmpuint (n_pdfs, >=, 4);

  /* A word only on the second page of a report's PDF finds it. */
  maresme = document_titled (docs, "Comunitats energètiques al Maresme: primer balanç");
  g_assert_nonnull (strstr (json_object_get_string_member (maresme, "full_text"), "fotovoltaica"));
  xarxa_query_set_search (query, "fotovoltaica");
  hits = xarxa_store_query_rowids (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  {
    g_autoptr(JsonObject) hit = xarxa_store_get_record_by_rowid (f->store, "document", g_array_index (hits, gint64, 0), NULL);

    g_assert_cmpstr (json_object_get_string_member (hit, "id"), ==, json_object_get_string_member (maresme, "id"));
  }

  /* Interviews: one with consent given, one pending and kept out of exports. */
  given = document_titled (docs, "Entrevista a Béatrice Lavoie: el Chantier i l’economia social al Quebec");
  pending = document_titled (docs, "Entrevista a Diego Ramírez: el agua como bien común en Ciudad de México");
  g_assert_cmpstr (json_object_get_string_member (given, "consent"), ==, "given");
  g_assert_cmpstr (json_object_get_string_member (pending, "consent"), ==, "pending");
  g_assert_true (xarxa_document_may_export (given));
  g_assert_false (xarxa_document_may_export (pending));
  {
    g_autoptr(JsonObject) person = xarxa_store_get_live_record (f->store, "contact",
                                                                json_object_get_string_member (given, "interviewee_id"));

    g_assert_nonnull (person);
    g_assert_cmpstr (json_object_get_string_member (person, "full_name"), ==, "Béatrice Lavoie");
  }

  /* The cluster's shared agenda, as the cluster exports it, linked to it. */
  agenda = document_titled (docs, "Agenda social compartida del Clúster Aigua i Territori");
  g_assert_cmpstr (json_object_get_string_member (agenda, "kind"), ==, "shared-agenda");
  water = id_of_named (f->store, "cluster", "name", "Clúster Aigua i Territori");
  {
    g_autofree char *markdown = xarxa_agenda_to_markdown (f->store, water, NULL, XARXA_AGENDA_BY_KIND, &error);

    g_assert_no_error (error);
    /* (the store keeps text without its trailing new line) */
    g_assert_cmpstr (json_object_get_string_member (agenda, "full_text"), ==, g_strchomp (markdown));
  }
  water_docs = xarxa_library_documents_of (f->store, "cluster", water, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (water_docs->len, >=, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (water_docs, json_object_get_string_member (agenda, "id"),
                                                   g_str_equal, NULL));

  /* The mission to Montréal has its preparation documents. */
  montreal = id_of_named (f->store, "mission", "title", "Economia social i habitatge cooperatiu a Montréal");
  montreal_docs = xarxa_library_documents_of (f->store, "mission", montreal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (montreal_docs->len, ==, 2);

  /* Undone with the rest: documents and links. */
  g_assert_cmpint (xarxa_store_import_batch_undo (f->store, batch, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (f->store, "document"), ==, 0);
  g_assert_cmpint (xarxa_store_count (f->store, "document_link"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/example/load", Fixture, NULL, test_store_set_up, test_load, test_store_tear_down);
  g_test_add ("/example/search", Fixture, NULL, test_store_set_up, test_search, test_store_tear_down);
  g_test_add ("/example/clusters", Fixture, NULL, test_store_set_up, test_clusters, test_store_tear_down);
  g_test_add ("/example/library", Fixture, NULL, test_store_set_up, test_library, test_store_tear_down);
  g_test_add ("/example/undo", Fixture, NULL, test_store_set_up, test_undo, test_store_tear_down);
  g_test_add ("/example/load-twice", Fixture, NULL, test_store_set_up, test_load_twice, test_store_tear_down);
  g_test_add ("/example/skip-folded-name", Fixture, NULL, test_store_set_up, test_skip_folded_name, test_store_tear_down);
  g_test_add ("/example/reload-after-delete", Fixture, NULL, test_store_set_up, test_reload_after_delete, test_store_tear_down);
  g_test_add ("/example/all-or-nothing", Fixture, NULL, test_store_set_up, test_all_or_nothing, test_store_tear_down);

  return g_test_run ();
}
