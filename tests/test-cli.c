/* test-cli.c — xarxa-cli run as a user's script would run it.
 *
 * Every test starts the built program (its path in $XARXA_CLI) against a
 * database in a fresh temporary folder and checks its output, its errors
 * and its exit status.
 *
 * It is longer than our other files: each command of the program has its
 * tests here, run through the real binary, so that one file shows what a
 * script may rely on.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "sync-harness.h"
#include "cli-test-util.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef TestCliResult Result;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, test_cli_result_clear)

/* Runs xarxa-cli with --db DB first (none if NULL), then the
 * NULL-terminated arguments. */
static void
run_on (Fixture    *f,
        const char *db,
        const char *stdin_text,
        Result     *r,
        const char *first,
        va_list     args)
{
  /* Never the user's own database. */
  const TestCliOptions options = { .db = db, .data_home = f->dir, .stdin_text = stdin_text };

  test_cli_run_valist (&options, r, first, args);
}

static void
run_full (Fixture    *f,
          gboolean    with_db,
          const char *stdin_text,
          Result     *r,
          const char *first,
          va_list     args)
{
  run_on (f, with_db ? f->db : NULL, stdin_text, r, first, args);
}

static void
run (Fixture    *f,
     Result     *r,
     const char *first,
     ...)
{
  va_list args;

  va_start (args, first);
  run_full (f, TRUE, NULL, r, first, args);
  va_end (args);
}

/* The same on another database, with text on standard input. */
static void
run_db (Fixture    *f,
        const char *db,
        const char *stdin_text,
        Result     *r,
        const char *first,
        ...)
{
  va_list args;

  va_start (args, first);
  run_on (f, db, stdin_text, r, first, args);
  va_end (args);
}

static void
run_no_db (Fixture    *f,
           Result     *r,
           const char *first,
           ...)
{
  va_list args;

  va_start (args, first);
  run_full (f, FALSE, NULL, r, first, args);
  va_end (args);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_dir (NULL);
  f->db = g_build_filename (f->dir, "test.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

/* ---- helpers on the output -------------------------------------------------- */

static void
assert_ok (Result *r)
{
  if (r->status != 0)
    g_printerr ("stderr: %s\n", r->err);
  g_assert_cmpint (r->status, ==, 0);
}

/* One line on stderr, "xarxa-cli: …", that mentions what is wrong. */
static void
assert_one_error_line (Result     *r,
                       int         status,
                       const char *mentions)
{
  const char *nl;

  g_assert_cmpint (r->status, ==, status);
  g_assert_true (g_str_has_prefix (r->err, "xarxa-cli: "));
  nl = strchr (r->err, '\n');
  g_assert_nonnull (nl);
  g_assert_cmpstr (nl + 1, ==, "");
  g_assert_cmpuint (strlen (r->err), >, strlen ("xarxa-cli: ") + 10);
  if (mentions != NULL && strstr (r->err, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", r->err, mentions);
  g_assert_cmpstr (r->out, ==, "");
}

static char *
add_entity (Fixture    *f,
            const char *first,
            ...)
{
  g_auto(Result) r = { 0 };
  va_list args;

  va_start (args, first);
  run_full (f, TRUE, NULL, &r, first, args);
  va_end (args);
  assert_ok (&r);
  g_strchomp (r.out);
  g_assert_true (g_uuid_string_is_valid (r.out));
  g_assert_cmpstr (r.err, ==, "");
  return g_steal_pointer (&r.out);
}

static JsonArray *
list_json (Fixture    *f,
           const char *search)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (search != NULL)
    run (f, &r, "list", "entities", "--search", search, "--format", "json", NULL);
  else
    run (f, &r, "list", "entities", "--format", "json", NULL);
  assert_ok (&r);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  return NULL;
}

static gboolean
set_has (JsonObject *o,
         const char *member,
         const char *value)
{
  JsonArray *a = json_object_get_array_member (o, member);

  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    if (g_strcmp0 (json_array_get_string_element (a, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* One count of "stats --format json", by its key. */
static gint64
stat_value (Fixture    *f,
            const char *key)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *counts;

  run (f, &r, "stats", "--format", "json", NULL);
  assert_ok (&r);
  root = json_from_string (r.out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  counts = json_node_get_object (root);
  if (!json_object_has_member (counts, key))
    g_error ("no “%s” in stats: %s", key, r.out);
  return json_object_get_int_member (counts, key);
}

static gint64
count_entities (Fixture *f)
{
  return stat_value (f, "organisations");
}

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* ---- tests ------------------------------------------------------------------- */

static void
test_add_list_set_delete (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(JsonArray) found = NULL;
  g_auto(Result) r = { 0 };
  g_autofree char *expected_line = NULL;
  JsonObject *o;

  id = add_entity (f, "add", "entity",
                   "--name", "Xarxa de Cooperació del Gironès",
                   "--short-name", "XCG",
                   "--kind", "network",
                   "--country", "ES",
                   "--city=Girona",
                   "--email", "hola@xcg.example",
                   "--website", "https://xcg.example",
                   "--transitions", "social, ecological",
                   "--tags", "cooperativisme,barris",
                   "--languages", "ca,es",
                   "--membership", "yes",
                   NULL);
  other = add_entity (f, "add", "entity", "--name", "Association des Femmes de Thiès",
                      "--country", "Senegal", "--city", "Thiès", NULL);

  /* JSON: every field under its schema name, sets as arrays, and the id. */
  all = list_json (f, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 2);
  o = find_by_id (all, id);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Xarxa de Cooperació del Gironès");
  g_assert_cmpstr (json_object_get_string_member (o, "short_name"), ==, "XCG");
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "network");
  g_assert_cmpstr (json_object_get_string_member (o, "country"), ==, "ES");
  g_assert_cmpstr (json_object_get_string_member (o, "city"), ==, "Girona");
  g_assert_cmpstr (json_object_get_string_member (o, "email"), ==, "hola@xcg.example");
  g_assert_cmpstr (json_object_get_string_member (o, "website"), ==, "https://xcg.example");
  g_assert_cmpstr (json_object_get_string_member (o, "membership"), ==, "yes");
  g_assert_true (set_has (o, "transitions", "social"));
  g_assert_true (set_has (o, "transitions", "ecological"));
  g_assert_false (set_has (o, "transitions", "political"));
  g_assert_true (set_has (o, "tags", "barris"));
  g_assert_true (set_has (o, "languages", "ca"));
  g_assert_true (json_object_has_member (o, "description"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "description")));
  /* A country given by name is stored as its code. */
  o = find_by_id (all, other);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "country"), ==, "SN");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "tags")), ==, 0);

  /* Text: id, name, "city, country". */
  run (f, &r, "list", "entities", "--country", "ES", NULL);
  assert_ok (&r);
  expected_line = g_strdup_printf ("%s\tXarxa de Cooperació del Gironès\tGirona, ES\n", id);
  g_assert_cmpstr (r.out, ==, expected_line);
  test_cli_result_clear (&r);

  /* Search folds accents and case and matches prefixes. */
  found = list_json (f, "cooperacio");
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  g_assert_nonnull (find_by_id (found, id));
  g_clear_pointer (&found, json_array_unref);
  found = list_json (f, "GIRONES");
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  g_clear_pointer (&found, json_array_unref);
  found = list_json (f, "thies femm");
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  g_assert_nonnull (find_by_id (found, other));
  g_clear_pointer (&found, json_array_unref);

  /* Filters. */
  run (f, &r, "list", "entities", "--transition", "ecological", "--kind", "network", NULL);
  assert_ok (&r);
  g_assert_true (g_str_has_prefix (r.out, id));
  g_assert_null (strstr (r.out, other));
  test_cli_result_clear (&r);
  run (f, &r, "list", "entities", "--tag", "nothing-tagged-so", NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "");
  test_cli_result_clear (&r);

  /* set: change, clear, with - or _ in names. */
  run (f, &r, "set", "entity", id, "city=Salt", "short-name=", "tags=habitatge", "notes=Reunió mensual", NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "");
  test_cli_result_clear (&r);
  g_clear_pointer (&all, json_array_unref);
  all = list_json (f, NULL);
  o = find_by_id (all, id);
  g_assert_cmpstr (json_object_get_string_member (o, "city"), ==, "Salt");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "short_name")));
  g_assert_true (set_has (o, "tags", "habitatge"));
  g_assert_false (set_has (o, "tags", "barris"));
  g_assert_cmpstr (json_object_get_string_member (o, "notes"), ==, "Reunió mensual");
  /* Untouched fields stay. */
  g_assert_cmpstr (json_object_get_string_member (o, "email"), ==, "hola@xcg.example");
  found = list_json (f, "reunio");
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  g_clear_pointer (&found, json_array_unref);

  /* delete: gone from the list and the search, the other stays. */
  run (f, &r, "delete", "entity", id, NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  g_clear_pointer (&all, json_array_unref);
  all = list_json (f, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 1);
  g_assert_null (find_by_id (all, id));
  g_assert_nonnull (find_by_id (all, other));
  found = list_json (f, "cooperacio");
  g_assert_cmpuint (json_array_get_length (found), ==, 0);

  /* Deleting it again, or an id that never was, fails and says so. */
  run (f, &r, "delete", "entity", id, NULL);
  assert_one_error_line (&r, 1, id);
  test_cli_result_clear (&r);
  run (f, &r, "delete", "entity", "00000000-0000-4000-8000-000000000000", NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_true (g_str_has_prefix (r.err, "xarxa-cli: "));
}

/* What a person counts, in their words, and the same under stable keys. */
static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  static const char *const keys[] = {
    "organisations", "people", "clusters", "missions", "documents", "outbox", "conflicts",
  };
  g_autofree char *id = NULL;
  g_autofree char *cluster = NULL;
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *counts;

  id = add_entity (f, "add", "entity", "--name", "Fundació Prova", NULL);
  run (f, &r, "set", "entity", id, "city=Vic", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  g_free (add_entity (f, "add", "contact", "--full-name", "Anna Puig", "--entity-id", id, NULL));
  cluster = add_entity (f, "add", "clusters", "--name", "Habitatge digne", NULL);

  /* Text: one line per count, with the words a person uses, no table names. */
  run (f, &r, "stats", NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==,
                   "Organisations: 1\n"
                   "People: 1\n"
                   "Clusters: 1\n"
                   "Missions: 0\n"
                   "Documents: 0\n"
                   "Changes waiting to be sent: 4\n"
                   "Conflicts: 0\n");
  g_assert_null (strstr (r.out, "cluster_member"));
  test_cli_result_clear (&r);

  /* JSON: exactly the stable keys. */
  run (f, &r, "stats", "--format", "json", NULL);
  assert_ok (&r);
  root = json_from_string (r.out, &error);
  g_assert_no_error (error);
  counts = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (counts), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (counts, keys[i]));
  g_assert_cmpint (json_object_get_int_member (counts, "organisations"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "people"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "clusters"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "outbox"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (counts, "conflicts"), ==, 0);
  test_cli_result_clear (&r);

  /* A deleted record is not counted; its delete waits to be sent. */
  run (f, &r, "delete", "cluster", cluster, NULL);
  assert_ok (&r);
  g_assert_cmpint (stat_value (f, "clusters"), ==, 0);
  g_assert_cmpint (stat_value (f, "outbox"), ==, 5);
  test_cli_result_clear (&r);

  run (f, &r, "stats", "--format", "xml", NULL);
  assert_one_error_line (&r, 2, "xml");
}

static void
test_load_example (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonArray) found = NULL;
  guint n = 0, skipped = 1, again = 1;

  run (f, &r, "load-example", NULL);
  assert_ok (&r);
  g_assert_true (sscanf (r.out, "loaded %u, skipped %u", &n, &skipped) == 2);
  g_assert_cmpuint (n, >=, 35);
  g_assert_cmpuint (skipped, ==, 0);
  test_cli_result_clear (&r);

  /* A second time adds no copies. */
  run (f, &r, "load-example", NULL);
  assert_ok (&r);
  g_assert_true (sscanf (r.out, "loaded %u, skipped %u", &again, &skipped) == 2);
  g_assert_cmpuint (again, ==, 0);
  g_assert_cmpuint (skipped, ==, n);
  test_cli_result_clear (&r);

  g_assert_cmpint (count_entities (f), ==, n);
  found = list_json (f, "fundacio");
  g_assert_cmpuint (json_array_get_length (found), >=, 2);
  g_clear_pointer (&found, json_array_unref);

  run (f, &r, "list", "entities", "--country", "SN", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Saint-Louis, SN"));
}

/* Each bad command line: status 2, one line naming the problem, no change. */
static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  static const struct
  {
    const char *args[8];
    const char *mentions;
  } cases[] = {
    { { "frobnicate", NULL }, "frobnicate" },
    { { NULL }, "command" },
    { { "add", "entity", "--name", NULL }, "--name" },
    { { "add", "entity", "--name", "Bona", "--colour", "blau", NULL }, "colour" },
    { { "add", "entity", "--name", "Bona", "--email", "not-an-email", NULL }, "not-an-email" },
    { { "add", "entity", "--name", "Bona", "--website", "xcg", NULL }, "xcg" },
    { { "add", "entity", "--name", "Bona", "--country", "Atlantis", NULL }, "Atlantis" },
    { { "add", "entity", "--name", "Bona", "--kind", "club", NULL }, "club" },
    { { "add", "entity", "--name", "Bona", "--transitions", "social,spiritual", NULL }, "spiritual" },
    { { "add", "entity", "--city", "Vic", NULL }, "name" },
    { { "add", "entity", "--name", "", NULL }, "name" },
    { { "add", "person", "--name", "Anna", NULL }, "person" },
    { { "add", NULL }, "entity" },
    { { "list", "entities", "--format", "xml", NULL }, "xml" },
    { { "list", "entities", "--search", NULL }, "--search" },
    { { "list", "entities", "--bogus", NULL }, "--bogus" },
    { { "list", "entities", "--country", "XX", NULL }, "XX" },
    { { "set", "entity", "not-an-id", "city=Vic", NULL }, "not-an-id" },
    { { "set", "entity", "00000000-0000-4000-8000-000000000000", "city", NULL }, "city" },
    { { "set", "entity", "00000000-0000-4000-8000-000000000000", "colour=blau", NULL }, "colour" },
    { { "set", "entity", "00000000-0000-4000-8000-000000000000", "phone=call me", NULL }, "call me" },
    { { "set", "entity", "00000000-0000-4000-8000-000000000000", NULL }, "FIELD=VALUE" },
    { { "delete", "entity", NULL }, "id" },
    { { "import-csv", NULL }, "CSV" },
    { { "export-csv", NULL }, "-" },
    { { "stats", "now", NULL }, "now" },
  };
  g_autofree char *keep = add_entity (f, "add", "entity", "--name", "La que queda", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GSubprocess) proc = NULL;
      g_auto(Result) r = { 0 };

      g_ptr_array_add (argv, (gpointer) test_cli_path ());
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, f->db);
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (argv, (gpointer) cases[i].args[a]);
      g_ptr_array_add (argv, NULL);

      proc = g_subprocess_newv ((const char *const *) argv->pdata,
                                G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (proc, NULL, NULL, &r.out, &r.err, &error);
      g_assert_no_error (error);
      r.status = g_subprocess_get_exit_status (proc);
      g_test_message ("case %u: %s", i, r.err);
      assert_one_error_line (&r, 2, cases[i].mentions);
    }

  /* Nothing was added by any of them. */
  g_assert_cmpint (count_entities (f), ==, 1);
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  run (f, &r, "--help", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "import-csv"));
  g_assert_nonnull (strstr (r.out, "--db"));
  test_cli_result_clear (&r);
  run (f, &r, "help", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "list entities"));
  /* Help never creates a database. */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
test_default_db (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "xarxa", "xarxa.db", NULL);
  g_auto(Result) r = { 0 };

  /* Without --db: $XDG_DATA_HOME/xarxa/xarxa.db, folder created. */
  run_no_db (f, &r, "add", "entity", "--name", "Per defecte", NULL);
  assert_ok (&r);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  test_cli_result_clear (&r);
  run_no_db (f, &r, "list", "entities", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "\tPer defecte\t"));
  test_cli_result_clear (&r);
  /* --db may also come after the command. */
  run_no_db (f, &r, "add", "entity", "--name", "Amb --db", "--db", f->db, NULL);
  assert_ok (&r);
  g_assert_cmpint (count_entities (f), ==, 1);
}

static void
test_import_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "in.csv", NULL);
  g_autofree char *out_path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *out_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) found = NULL;
  g_auto(Result) r = { 0 };

  /* Catalan headers, a semicolon file; line 4 has no name, line 5 a bad email. */
  g_file_set_contents (csv,
                       "Nom;País;Ciutat;Correu electrònic\n"
                       "Cooperativa La Teixidora;ES;Manresa;hola@teixidora.example\n"
                       "Association Solidarité Dakar;SN;Dakar;\n"
                       ";FR;Lyon;x@lyon.example\n"
                       "Fundació Sense Correu;ES;Reus;no-es-un-correu\n",
                       -1, &error);
  g_assert_no_error (error);

  run (f, &r, "import-csv", csv, NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "imported 2, rejected 2\n");
  g_assert_true (g_str_has_prefix (r.err, "line 4: "));
  g_assert_nonnull (strstr (r.err, "\nline 5: "));
  test_cli_result_clear (&r);

  g_assert_cmpint (count_entities (f), ==, 2);
  found = list_json (f, "teixid");
  g_assert_cmpuint (json_array_get_length (found), ==, 1);

  /* Export to standard output: a header, then one row per organisation. */
  run (f, &r, "export-csv", "-", NULL);
  assert_ok (&r);
  {
    g_autofree char *header = g_ascii_strdown (r.out, strcspn (r.out, "\n"));

    g_assert_nonnull (strstr (header, "name"));
    g_assert_nonnull (strstr (header, "country"));
  }
  g_assert_nonnull (strstr (r.out, "Cooperativa La Teixidora"));
  g_assert_nonnull (strstr (r.out, "Association Solidarité Dakar"));
  g_assert_null (strstr (r.out, "Sense Correu"));
  test_cli_result_clear (&r);

  /* The same, filtered, to a file; and as list --format csv. */
  run (f, &r, "export-csv", out_path, "--country", "SN", NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "");
  test_cli_result_clear (&r);
  g_file_get_contents (out_path, &out_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out_text, "Association Solidarité Dakar"));
  g_assert_null (strstr (out_text, "Teixidora"));

  run (f, &r, "list", "entities", "--format", "csv", "--search", "teixidora", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Cooperativa La Teixidora"));
  g_assert_null (strstr (r.out, "Dakar"));
  test_cli_result_clear (&r);

  /* A file that is not there: one line, nothing changes. */
  run (f, &r, "import-csv", "/nonexistent/file.csv", NULL);
  g_assert_cmpint (r.status, !=, 0);
  assert_one_error_line (&r, r.status, "file.csv");
  g_assert_cmpint (count_entities (f), ==, 2);
}

/* "list TYPE --format json" as an array. */
static JsonArray *
list_type_json (Fixture    *f,
                const char *type,
                const char *option,
                const char *value)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (option != NULL)
    run (f, &r, "list", type, option, value, "--format", "json", NULL);
  else
    run (f, &r, "list", type, "--format", "json", NULL);
  assert_ok (&r);
  root = json_from_string (r.out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

/* "show TYPE ID --format json" as an object. */
static JsonObject *
show_json (Fixture    *f,
           const char *type,
           const char *id)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  run (f, &r, "show", type, id, "--format", "json", NULL);
  assert_ok (&r);
  root = json_from_string (r.out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static guint
child_count (JsonObject *shown,
             const char *type)
{
  JsonObject *children = json_object_get_object_member (shown, "children");

  g_assert_nonnull (children);
  g_assert_true (json_object_has_member (children, type));
  return json_array_get_length (json_object_get_array_member (children, type));
}

/* A cluster with its members: add, list, show with its children, set,
 * delete; the types and fields written as the data model names them, with
 * - for _. */
static void
test_cluster_records (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *coop = add_entity (f, "add", "entity", "--name", "Coop Sud", "--city", "Salt", NULL);
  g_autofree char *assoc = add_entity (f, "add", "entity", "--name", "Associació Veïnal", NULL);
  g_autofree char *cluster = NULL;
  g_autofree char *other = NULL;
  g_autofree char *member = NULL;
  g_autofree char *second = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_auto(Result) r = { 0 };
  JsonObject *o;

  cluster = add_entity (f, "add", "cluster", "--name", "Habitatge digne", "--status", "active",
                        "--transitions", "social, ecological", "--start-date=2026-01-10", NULL);
  other = add_entity (f, "add", "clusters", "--name", "Energia comunitària", "--status", "forming", NULL);
  member = add_entity (f, "add", "cluster-member", "--cluster-id", cluster, "--entity-id", coop,
                       "--role", "coordinator", "--joined-on", "2026-02-01", NULL);
  second = add_entity (f, "add", "cluster_member", "--cluster-id", cluster, "--entity-id", assoc,
                       "--role", "member", NULL);

  /* JSON keys are the data model's names. */
  list = list_type_json (f, "clusters", NULL, NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  o = find_by_id (list, cluster);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Habitatge digne");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "active");
  g_assert_cmpstr (json_object_get_string_member (o, "start_date"), ==, "2026-01-10");
  g_assert_true (set_has (o, "transitions", "ecological"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "objective")));
  g_clear_pointer (&list, json_array_unref);

  /* A filter by field, and a search with accents folded. */
  list = list_type_json (f, "cluster-members", "--cluster-id", cluster);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_nonnull (find_by_id (list, member));
  g_clear_pointer (&list, json_array_unref);
  list = list_type_json (f, "cluster-members", "--role", "coordinator");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "entity_id"), ==, coop);
  g_clear_pointer (&list, json_array_unref);
  /* By name, or most recently changed first; a set filter of two items
   * keeps the records that hold both. */
  list = list_type_json (f, "clusters", "--sort", "name");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "id"), ==, other);
  g_clear_pointer (&list, json_array_unref);
  list = list_type_json (f, "clusters", "--transitions", "social,ecological");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_nonnull (find_by_id (list, cluster));
  g_clear_pointer (&list, json_array_unref);
  list = list_type_json (f, "clusters", "--transitions", "social,political");
  g_assert_cmpuint (json_array_get_length (list), ==, 0);
  g_clear_pointer (&list, json_array_unref);
  list = list_type_json (f, "clusters", "--search", "COMUNITARIA");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_nonnull (find_by_id (list, other));
  g_clear_pointer (&list, json_array_unref);

  /* Text: id and name; CSV: a header of field names, then the rows. */
  run (f, &r, "list", "cluster", "--status", "forming", NULL);
  assert_ok (&r);
  line = g_strdup_printf ("%s\tEnergia comunitària\n", other);
  g_assert_cmpstr (r.out, ==, line);
  g_clear_pointer (&line, g_free);
  test_cli_result_clear (&r);
  run (f, &r, "list", "clusters", "--format", "csv", NULL);
  assert_ok (&r);
  g_assert_true (g_str_has_prefix (r.out, "id,name,objective,"));
  g_assert_nonnull (strstr (r.out, "\"ecological, social\""));
  g_assert_nonnull (strstr (r.out, "Energia comunitària"));
  test_cli_result_clear (&r);

  /* show: the cluster with everything under it (issue 12 names the keys:
   * members, objectives, …; tests/test-cli-cluster.c checks the figures). */
  shown = show_json (f, "cluster", cluster);
  g_assert_cmpstr (json_object_get_string_member (shown, "name"), ==, "Habitatge digne");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "members")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "objectives")), ==, 0);
  g_clear_pointer (&shown, json_object_unref);
  shown = show_json (f, "cluster", other);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "members")), ==, 0);
  g_clear_pointer (&shown, json_object_unref);
  /* An organisation shows its memberships, as it shows its contacts. */
  shown = show_json (f, "entity", coop);
  g_assert_cmpuint (child_count (shown, "cluster_member"), ==, 1);
  g_assert_cmpuint (child_count (shown, "contact"), ==, 0);
  g_clear_pointer (&shown, json_object_unref);

  /* For people: labels and values in their language, each member by the
   * organisation it is. */
  run (f, &r, "show", "cluster", cluster, NULL);
  assert_ok (&r);
  g_assert_true (g_str_has_prefix (r.out, "Cluster "));
  g_assert_nonnull (strstr (r.out, "\nName: Habitatge digne\n"));
  g_assert_nonnull (strstr (r.out, "\nStatus: Active\n"));
  g_assert_nonnull (strstr (r.out, "\nStart date: 2026-01-10\n"));
  g_assert_nonnull (strstr (r.out, "\n\nCluster members (2)\n"));
  line = g_strdup_printf ("\n  %s\tCoop Sud\n", member);
  g_assert_nonnull (strstr (r.out, line));
  g_clear_pointer (&line, g_free);
  test_cli_result_clear (&r);
  run (f, &r, "list", "cluster-members", "--role", "member", NULL);
  assert_ok (&r);
  line = g_strdup_printf ("%s\tAssociació Veïnal\n", second);
  g_assert_cmpstr (r.out, ==, line);
  g_clear_pointer (&line, g_free);
  test_cli_result_clear (&r);

  /* set: change, clear, a field written with -. */
  run (f, &r, "set", "cluster", cluster, "status=paused", "gender-perspective=Paritat a la coordinació",
       "start-date=", NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "");
  test_cli_result_clear (&r);
  shown = show_json (f, "clusters", cluster);
  g_assert_cmpstr (json_object_get_string_member (shown, "status"), ==, "paused");
  g_assert_cmpstr (json_object_get_string_member (shown, "gender_perspective"), ==, "Paritat a la coordinació");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (shown, "start_date")));
  g_assert_cmpstr (json_object_get_string_member (shown, "name"), ==, "Habitatge digne");
  g_clear_pointer (&shown, json_object_unref);

  /* delete: the member goes, the cluster keeps the other. */
  run (f, &r, "delete", "cluster-member", second, NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  shown = show_json (f, "cluster", cluster);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "members")), ==, 1);
  g_clear_pointer (&shown, json_object_unref);
  run (f, &r, "show", "cluster-member", second, NULL);
  assert_one_error_line (&r, 1, second);
  test_cli_result_clear (&r);
  run (f, &r, "delete", "cluster-member", second, NULL);
  assert_one_error_line (&r, 1, second);
}

/* A mission and its day-by-day itinerary. */
static void
test_mission_records (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *host = add_entity (f, "add", "entity", "--name", "Centre Social Montréal", NULL);
  g_autofree char *mission = NULL;
  g_autofree char *stop = NULL;
  g_autofree char *later = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_auto(Result) r = { 0 };
  JsonObject *o;

  mission = add_entity (f, "add", "mission", "--title", "Visita d’estudi a Montréal", "--country", "Canada",
                        "--city", "Montréal", "--start-date", "2026-05-04", "--end-date", "2026-05-09",
                        "--status", "planning", "--budget", "12500,50", "--currency", "CAD", NULL);
  stop = add_entity (f, "add", "itinerary-stop", "--mission-id", mission, "--kind", "visit",
                     "--title", "Visita al centre social", "--starts-at", "2026-05-05T10:00",
                     "--ends-at", "2026-05-05T12:00", "--time-zone", "America/Toronto",
                     "--host-entity-id", host, NULL);
  later = add_entity (f, "add", "itinerary-stops", "--mission-id", mission, "--kind", "workshop",
                      "--title", "Taller de cooperativisme", "--starts-at", "2026-05-06T15:00", NULL);

  list = list_type_json (f, "missions", NULL, NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  o = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "country"), ==, "CA");
  g_assert_cmpfloat (json_object_get_double_member (o, "budget"), ==, 12500.5);
  g_clear_pointer (&list, json_array_unref);

  list = list_type_json (f, "itinerary-stops", "--mission-id", mission);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  o = find_by_id (list, stop);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "starts_at"), ==, "2026-05-05T10:00");
  g_assert_cmpstr (json_object_get_string_member (o, "time_zone"), ==, "America/Toronto");
  g_assert_cmpstr (json_object_get_string_member (o, "host_entity_id"), ==, host);
  g_clear_pointer (&list, json_array_unref);

  /* The mission shows its stops; the host organisation shows the stop it hosts. */
  shown = show_json (f, "mission", mission);
  g_assert_cmpuint (child_count (shown, "itinerary_stop"), ==, 2);
  g_assert_cmpuint (child_count (shown, "participant"), ==, 0);
  g_clear_pointer (&shown, json_object_unref);
  shown = show_json (f, "entity", host);
  g_assert_cmpuint (child_count (shown, "itinerary_stop"), ==, 1);
  g_clear_pointer (&shown, json_object_unref);

  /* Search folds accents and case, in the fields the type's description
   * says search covers. */
  list = list_type_json (f, "missions", "--search", "montreal visita");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_clear_pointer (&list, json_array_unref);
  list = list_type_json (f, "missions", "--search", "dakar");
  g_assert_cmpuint (json_array_get_length (list), ==, 0);
  g_clear_pointer (&list, json_array_unref);
  list = list_type_json (f, "itinerary-stops", "--search", "COOPERATIVISME");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_nonnull (find_by_id (list, later));
  g_clear_pointer (&list, json_array_unref);

  run (f, &r, "set", "itinerary-stop", later, "place=Ateneu Hochelaga", "kind=meeting", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  run (f, &r, "list", "itinerary-stops", "--kind", "meeting", NULL);
  assert_ok (&r);
  g_assert_true (g_str_has_prefix (r.out, later));
  g_assert_null (strstr (r.out, stop));
  test_cli_result_clear (&r);

  run (f, &r, "delete", "mission", mission, NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  g_assert_cmpint (stat_value (f, "missions"), ==, 0);
}

/* Every type of the data model can be listed, in its singular and plural. */
static void
test_every_type (Fixture       *f,
                 gconstpointer  data)
{
  static const char *const types[] = {
    "entity", "contact", "cluster", "cluster-member", "objective", "indicator", "indicator-value",
    "action", "decision", "agenda-item", "mission", "participant", "itinerary-stop", "field-note",
    "document", "document-link",
  };
  g_free (add_entity (f, "add", "entity", "--name", "Perquè hi hagi base", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *plural = g_str_has_suffix (types[i], "y")
                                ? g_strdup_printf ("%.*sies", (int) strlen (types[i]) - 1, types[i])
                                : g_strconcat (types[i], "s", NULL);
      g_autoptr(JsonArray) one = list_type_json (f, types[i], NULL, NULL);
      g_autoptr(JsonArray) many = list_type_json (f, plural, NULL, NULL);

      g_assert_cmpuint (json_array_get_length (one), ==, json_array_get_length (many));
    }
}

/* A refused value: status 2, one line naming the field and what is wrong,
 * nothing written. */
static void
test_refused_values (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *cluster = add_entity (f, "add", "cluster", "--name", "Aigua", NULL);
  g_autofree char *missing = g_strdup ("00000000-0000-4000-8000-000000000000");
  const struct
  {
    const char *args[8];
    const char *field;
    const char *mentions;
  } cases[] = {
    { { "add", "cluster", "--name", "Nou", "--start-date", "2026-13-40", NULL }, "start-date", "2026-13-40" },
    { { "add", "contact", "--full-name", "Anna", "--email", "anna-at-example", NULL }, "email", "anna-at-example" },
    { { "add", "mission", "--title", "Dakar", "--status", "dreaming", NULL }, "status", "dreaming" },
    { { "add", "cluster-member", "--cluster-id", missing, "--entity-id", missing, "--role", "member" }, "cluster-id", missing },
    { { "add", "cluster-member", "--cluster-id", "not-an-id", NULL }, "cluster-id", "not-an-id" },
    { { "add", "indicator", "--name", "Llars", "--baseline", "molts", NULL }, "baseline", "molts" },
    { { "add", "meeting", "--title", "Trobada", "--online", "potser", NULL }, "online", "potser" },
    { { "set", "cluster", cluster, "start-date=ahir", NULL }, "start-date", "ahir" },
    { { "set", "cluster", cluster, "status=dormant", NULL }, "status", "dormant" },
    { { "set", "cluster", cluster, "name=", NULL }, NULL, "name" },
    { { "add", "cluster", "--status", "active", NULL }, NULL, "name" },
  };
  gint64 outbox = stat_value (f, "outbox");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) r = { 0 };
      g_autofree char *prefix = NULL;

      run (f, &r, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
           cases[i].args[4], cases[i].args[5], cases[i].args[6], cases[i].args[7], NULL);
      g_test_message ("case %u: %s", i, r.err);
      assert_one_error_line (&r, 2, cases[i].mentions);
      if (cases[i].field != NULL)
        {
          /* The field first, as it was typed, then its label. */
          prefix = g_strdup_printf ("xarxa-cli: %s (", cases[i].field);
          g_assert_true (g_str_has_prefix (r.err, prefix));
        }
    }

  /* Nothing was written: the same counts, no change waiting to be sent. */
  g_assert_cmpint (stat_value (f, "clusters"), ==, 1);
  g_assert_cmpint (stat_value (f, "people"), ==, 0);
  g_assert_cmpint (stat_value (f, "missions"), ==, 0);
  g_assert_cmpint (stat_value (f, "outbox"), ==, outbox);
  {
    g_autoptr(JsonObject) shown = show_json (f, "cluster", cluster);

    g_assert_cmpstr (json_object_get_string_member (shown, "name"), ==, "Aigua");
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (shown, "status")));
  }
}

/* An unknown type or field: status 2, one line that says which. */
static void
test_unknown_type_or_field (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *cluster = add_entity (f, "add", "cluster", "--name", "Aigua", NULL);
  const struct
  {
    const char *args[6];
    const char *mentions;
  } cases[] = {
    { { "add", "planet", "--name", "Mart", NULL }, "planet" },
    { { "list", "people", NULL }, "people" },
    { { "show", "galaxy", cluster, NULL }, "galaxy" },
    { { "delete", "widgets", cluster, NULL }, "widgets" },
    { { "add", "cluster", "--name", "Nou", "--colour", "blau" }, "--colour" },
    { { "set", "cluster", cluster, "colour=blau", NULL }, "colour" },
    { { "list", "clusters", "--colour", "blau", NULL }, "--colour" },
    { { "list", "clusters", "--sort", "colour", NULL }, "colour" },
    { { "list", "document-links", "--search", "informe", NULL }, "document-link" },
    { { "show", "cluster", cluster, "--format", "csv", NULL }, "csv" },
    { { "show", "cluster", cluster, "--format", "json", "now" }, "now" },
    { { "add", NULL }, "entity" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) r = { 0 };

      run (f, &r, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
           cases[i].args[4], cases[i].args[5], NULL);
      g_test_message ("case %u: %s", i, r.err);
      assert_one_error_line (&r, 2, cases[i].mentions);
    }
  g_assert_cmpint (stat_value (f, "clusters"), ==, 1);
}

/* A mistyped path is not an empty network: commands that read refuse a
 * database that is not there and create nothing; commands that write
 * create one only in a folder that exists. */
static void
test_missing_db (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "wrong", "folder", NULL);
  g_autofree char *deep = g_build_filename (folder, "x.db", NULL);
  g_autofree char *here = g_build_filename (f->dir, "new.db", NULL);
  const char *const reads[][5] = {
    { "stats", NULL },
    { "list", "entities", NULL },
    { "list", "clusters", "--format", "json", NULL },
    { "show", "entity", "00000000-0000-4000-8000-000000000000", NULL },
    { "export-csv", "-", NULL },
    { "conflicts", NULL },
    { "set", "entity", "00000000-0000-4000-8000-000000000000", "city=Vic", NULL },
    { "delete", "entity", "00000000-0000-4000-8000-000000000000", NULL },
  };
  g_auto(Result) r = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_auto(Result) one = { 0 };

      run_db (f, deep, NULL, &one, reads[i][0], reads[i][1], reads[i][2], reads[i][3], reads[i][4], NULL);
      g_test_message ("%s: %s", reads[i][0], one.err);
      assert_one_error_line (&one, 1, deep);
      g_assert_false (g_file_test (deep, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
      test_cli_result_clear (&one);

      run (f, &one, reads[i][0], reads[i][1], reads[i][2], reads[i][3], reads[i][4], NULL);
      assert_one_error_line (&one, 1, f->db);
      g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
    }

  /* A write into a folder that is not there: one line naming the folder. */
  run_db (f, deep, NULL, &r, "add", "entity", "--name", "Perduda", NULL);
  assert_one_error_line (&r, 1, folder);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  test_cli_result_clear (&r);
  run_db (f, deep, NULL, &r, "load-example", NULL);
  assert_one_error_line (&r, 1, folder);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  test_cli_result_clear (&r);

  /* In a folder that exists, a write makes the database; reads then work. */
  run_db (f, here, NULL, &r, "add", "entity", "--name", "Trobada", NULL);
  assert_ok (&r);
  g_assert_true (g_file_test (here, G_FILE_TEST_IS_REGULAR));
  test_cli_result_clear (&r);
  run_db (f, here, NULL, &r, "list", "entities", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "\tTrobada\t"));
}

/* Two devices change the same field: the conflict is resolved by the
 * record's id, which the user sees everywhere, and the field. */
static void
test_resolve_by_record_id (Fixture       *f,
                           gconstpointer  data)
{
  SyncServer *server = sync_server_new ();
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) all = NULL;
  g_auto(Result) r = { 0 };
  JsonArray *conflicts;

  sync_server_start (server, NULL);
  id = add_entity (f, "add", "entity", "--name", "Coop Sud", "--city", "Salt", NULL);
  run_db (f, f->db, EDITOR_PASSWORD "\n", &r, "sync", "--server", server->url, "--user", "anna", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  run_db (f, other, EDITOR_PASSWORD "\n", &r, "sync", "--server", server->url, "--user", "anna", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);

  /* The other device changes the city first; this one then differs. */
  run_db (f, other, NULL, &r, "set", "entity", id, "city=Girona", "phone=+34 972 000 000", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  run_db (f, other, NULL, &r, "sync", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  run (f, &r, "set", "entity", id, "city=Figueres", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  run (f, &r, "sync", NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "pulled 1, pushed 1, conflicts 1\n");
  test_cli_result_clear (&r);
  g_assert_cmpint (stat_value (f, "conflicts"), ==, 1);

  run (f, &r, "conflicts", "--format", "json", NULL);
  assert_ok (&r);
  root = json_from_string (r.out, &error);
  g_assert_no_error (error);
  conflicts = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  number = g_strdup_printf ("%" G_GINT64_FORMAT,
                            json_object_get_int_member (json_array_get_object_element (conflicts, 0), "id"));
  test_cli_result_clear (&r);

  /* The record's id with a field it has no conflict on: says which it has. */
  run (f, &r, "conflicts", "resolve", id, "phone", "theirs", NULL);
  assert_one_error_line (&r, 2, "city");
  test_cli_result_clear (&r);
  /* An id of no record in conflict, and something that is neither. */
  run (f, &r, "conflicts", "resolve", "00000000-0000-4000-8000-000000000000", "city", "theirs", NULL);
  assert_one_error_line (&r, 2, "00000000-0000-4000-8000-000000000000");
  test_cli_result_clear (&r);
  run (f, &r, "conflicts", "resolve", "Coop", "city", "theirs", NULL);
  assert_one_error_line (&r, 2, "Coop");
  test_cli_result_clear (&r);
  g_assert_cmpint (stat_value (f, "conflicts"), ==, 1);

  /* By the record's id and the field: the server's value is kept. */
  run (f, &r, "conflicts", "resolve", id, "city", "theirs", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  g_assert_cmpint (stat_value (f, "conflicts"), ==, 0);
  all = list_json (f, NULL);
  g_assert_cmpstr (json_object_get_string_member (find_by_id (all, id), "city"), ==, "Girona");
  g_assert_cmpstr (json_object_get_string_member (find_by_id (all, id), "phone"), ==, "+34 972 000 000");

  /* The number still works as before; this one is gone now. */
  run (f, &r, "conflicts", "resolve", number, "city", "mine", NULL);
  assert_one_error_line (&r, 2, number);

  sync_server_free (server);
}

/* A program picked by mistake is not "a CSV without a name column". */
static void
test_import_binary (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *keep = add_entity (f, "add", "entity", "--name", "La que queda", NULL);
  g_auto(Result) r = { 0 };
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.db", NULL);

  run (f, &r, "import-csv", test_cli_path (), NULL);
  assert_one_error_line (&r, 1, "not a CSV or text file");
  g_assert_null (strstr (r.err, "name"));
  g_assert_cmpint (count_entities (f), ==, 1);
  test_cli_result_clear (&r);

  /* Nor is a database made for it. */
  run_db (f, fresh, NULL, &r, "import-csv", test_cli_path (), NULL);
  assert_one_error_line (&r, 1, "not a CSV or text file");
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

static void
assert_refused_untouched (Fixture    *f,
                          const char *what)
{
  g_autoptr(GBytes) before = file_bytes (f->db);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *journal = g_strconcat (f->db, "-journal", NULL);
  const char *const commands[][4] = {
    { "stats", NULL },
    { "list", "entities", NULL },
    { "add", "entity", "--name", "X" },
    { "load-example", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Result) r = { 0 };

      if (commands[i][2] != NULL)
        run (f, &r, commands[i][0], commands[i][1], commands[i][2], commands[i][3], NULL);
      else
        run (f, &r, commands[i][0], commands[i][1], NULL);
      g_test_message ("%s, %s: %s", what, commands[i][0], r.err);
      assert_one_error_line (&r, 1, f->db);
    }

  after = file_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after));
  /* Not even a journal was started beside it. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_garbage_db (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 garbage[8192];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) (i * 131 + 7);
  g_file_set_contents (f->db, (const char *) garbage, sizeof garbage, &error);
  g_assert_no_error (error);
  assert_refused_untouched (f, "garbage");
}

static void
test_damaged_db (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GString *bytes = g_string_new (NULL);

  /* The right magic, then rubbish: SQLite's own checks must catch it. */
  g_string_append_len (bytes, "SQLite format 3\0", 16);
  for (guint i = 0; i < 4096; i++)
    g_string_append_c (bytes, (char) (0xA5 ^ (i * 17)));
  g_file_set_contents (f->db, bytes->str, (gssize) bytes->len, &error);
  g_assert_no_error (error);
  g_string_free (bytes, TRUE);
  assert_refused_untouched (f, "damaged");
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_foreign_db (Fixture       *f,
                 gconstpointer  data)
{
  /* Another program's database. */
  exec_sql (f->db, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);"
                   "INSERT INTO invoices (total) VALUES (12.5);");
  assert_refused_untouched (f, "foreign");
}

static void
test_newer_db (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = add_entity (f, "add", "entity", "--name", "Del futur", NULL);

  /* Written by a later Xarxa: refused, not migrated down. */
  exec_sql (f->db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
  assert_refused_untouched (f, "newer");
}

/* Run from the build tree, as here, the CLI speaks the language asked for
 * with the translations built beside it: no install needed. */
static void
test_speaks_catalan (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));

  g_autofree char *cluster = add_entity (f, "add", "cluster", "--name", "Aigua", "--status", "active", NULL);
  g_auto(Result) shown = { 0 };
  g_auto(Result) counted = { 0 };

  g_setenv ("LANGUAGE", "ca", TRUE);
  run (f, &r, "add", "entity", NULL);
  /* show and stats are for people: labels and values in their language. */
  run (f, &shown, "show", "cluster", cluster, NULL);
  run (f, &counted, "stats", NULL);
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "necessita un nom"));
  assert_ok (&shown);
  g_assert_true (g_str_has_prefix (shown.out, "Clúster "));
  g_assert_nonnull (strstr (shown.out, "\nNom: Aigua\n"));
  g_assert_nonnull (strstr (shown.out, "\nEstat: Actiu\n"));
  assert_ok (&counted);
  g_assert_true (g_str_has_prefix (counted.out, "Organitzacions: 0\nPersones: 0\nClústers: 1\n"));
  g_assert_nonnull (strstr (counted.out, "\nCanvis pendents d’enviar: 1\n"));
}

/* A document's file added on one device is fetched by the other's sync,
 * so that export-file works there, byte for byte. */
static void
test_sync_fetches_files (Fixture       *f,
                         gconstpointer  data)
{
  SyncServer *server = sync_server_new ();
  /* In a folder of its own: attachments are kept beside the database. */
  g_autofree char *other_dir = g_build_filename (f->dir, "other-device", NULL);
  g_autofree char *other = g_build_filename (other_dir, "other.db", NULL);
  g_autofree char *source = g_build_filename (f->dir, "acta.txt", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "acta-copy.txt", NULL);
  g_autofree char *content = g_strnfill (70000, 'a');
  g_autofree char *id = NULL;
  g_autofree char *got = NULL;
  g_auto(Result) r = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (other_dir, 0700), ==, 0);
  memcpy (content + 1000, "Acta de la reunió", strlen ("Acta de la reunió"));
  g_assert_true (g_file_set_contents (source, content, -1, NULL));
  sync_server_start (server, NULL);
  id = add_entity (f, "add", "document", "--title", "Acta", "--file", source, NULL);
  run_db (f, f->db, EDITOR_PASSWORD "\n", &r, "sync", "--server", server->url, "--user", "anna", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);

  /* Not on the other device before it syncs: the message says to sync. */
  run_db (f, other, EDITOR_PASSWORD "\n", &r, "sync", "--server", server->url, "--user", "anna", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "files fetched 1, not on the server yet 0\n"));
  test_cli_result_clear (&r);
  run_db (f, other, NULL, &r, "export-file", "document", id, copy, NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  g_assert_true (g_file_get_contents (copy, &got, NULL, NULL));
  g_assert_cmpstr (got, ==, content);

  /* Nothing left to fetch: the sync says nothing of files. */
  run_db (f, other, NULL, &r, "sync", NULL);
  assert_ok (&r);
  g_assert_null (strstr (r.out, "files"));
  sync_server_free (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cli/add-list-set-delete", test_add_list_set_delete);
  ADD ("/cli/stats", test_stats);
  ADD ("/cli/load-example", test_load_example);
  ADD ("/cli/bad-arguments", test_bad_arguments);
  ADD ("/cli/help", test_help);
  ADD ("/cli/default-db", test_default_db);
  ADD ("/cli/import-export", test_import_export);
  ADD ("/cli/import-binary", test_import_binary);
  ADD ("/cli/cluster-records", test_cluster_records);
  ADD ("/cli/mission-records", test_mission_records);
  ADD ("/cli/every-type", test_every_type);
  ADD ("/cli/refused-values", test_refused_values);
  ADD ("/cli/unknown-type-or-field", test_unknown_type_or_field);
  ADD ("/cli/missing-db", test_missing_db);
  ADD ("/cli/resolve-by-record-id", test_resolve_by_record_id);
  ADD ("/cli/sync-fetches-files", test_sync_fetches_files);
  ADD ("/cli/garbage-db", test_garbage_db);
  ADD ("/cli/damaged-db", test_damaged_db);
  ADD ("/cli/foreign-db", test_foreign_db);
  ADD ("/cli/newer-db", test_newer_db);
  ADD ("/cli/speaks-catalan", test_speaks_catalan);
#undef ADD

  return g_test_run ();
}
