/* test-cli.c — xarxa-cli run as a user's script would run it.
 *
 * Every test starts the built program (its path in $XARXA_CLI) against a
 * database in a fresh temporary folder and checks its output, its errors
 * and its exit status.
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

#include "test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static const char *
cli_path (void)
{
  const char *path = g_getenv ("XARXA_CLI");

  if (path == NULL)
    g_error ("XARXA_CLI is not set; run this test through meson test.");
  return path;
}

/* Runs xarxa-cli with --db first, then the NULL-terminated arguments. */
static void
run_full (Fixture    *f,
          gboolean    with_db,
          const char *stdin_text,
          Result     *r,
          const char *first,
          va_list     args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;

  g_ptr_array_add (argv, (gpointer) cli_path ());
  if (with_db)
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, f->db);
    }
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (stdin_text != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  /* Never the user's own database. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->dir, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, stdin_text, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
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

static gint64
stat_value (const char *stats,
            const char *name)
{
  g_auto(GStrv) lines = g_strsplit (stats, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);

      if (parts[0] != NULL && g_str_equal (parts[0], name) && parts[1] != NULL)
        return g_ascii_strtoll (parts[1], NULL, 10);
    }
  g_error ("no “%s” in stats: %s", name, stats);
  return -1;
}

static gint64
count_entities (Fixture *f)
{
  g_auto(Result) r = { 0 };

  run (f, &r, "stats", NULL);
  assert_ok (&r);
  return stat_value (r.out, "entity");
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
  result_clear (&r);

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
  result_clear (&r);
  run (f, &r, "list", "entities", "--tag", "nothing-tagged-so", NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);

  /* set: change, clear, with - or _ in names. */
  run (f, &r, "set", "entity", id, "city=Salt", "short-name=", "tags=habitatge", "notes=Reunió mensual", NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
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
  result_clear (&r);
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
  result_clear (&r);
  run (f, &r, "delete", "entity", "00000000-0000-4000-8000-000000000000", NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_true (g_str_has_prefix (r.err, "xarxa-cli: "));
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_auto(Result) r = { 0 };
  gint64 outbox;

  run (f, &r, "stats", NULL);
  assert_ok (&r);
  g_assert_cmpint (stat_value (r.out, "entity"), ==, 0);
  g_assert_cmpint (stat_value (r.out, "contact"), ==, 0);
  g_assert_cmpint (stat_value (r.out, "mission"), ==, 0);
  outbox = stat_value (r.out, "outbox");
  result_clear (&r);

  id = add_entity (f, "add", "entity", "--name", "Fundació Prova", NULL);
  run (f, &r, "set", "entity", id, "city=Vic", NULL);
  assert_ok (&r);
  result_clear (&r);

  /* One entity, and two changes waiting for sync. */
  run (f, &r, "stats", NULL);
  assert_ok (&r);
  g_assert_cmpint (stat_value (r.out, "entity"), ==, 1);
  g_assert_cmpint (stat_value (r.out, "outbox"), ==, outbox + 2);
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
  result_clear (&r);

  /* A second time adds no copies. */
  run (f, &r, "load-example", NULL);
  assert_ok (&r);
  g_assert_true (sscanf (r.out, "loaded %u, skipped %u", &again, &skipped) == 2);
  g_assert_cmpuint (again, ==, 0);
  g_assert_cmpuint (skipped, ==, n);
  result_clear (&r);

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

      g_ptr_array_add (argv, (gpointer) cli_path ());
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
  result_clear (&r);
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
  result_clear (&r);
  run_no_db (f, &r, "list", "entities", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "\tPer defecte\t"));
  result_clear (&r);
  /* --db may also come after the command. */
  run_no_db (f, &r, "stats", "--db", f->db, NULL);
  assert_ok (&r);
  g_assert_cmpint (stat_value (r.out, "entity"), ==, 0);
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
  result_clear (&r);

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
  result_clear (&r);

  /* The same, filtered, to a file; and as list --format csv. */
  run (f, &r, "export-csv", out_path, "--country", "SN", NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
  g_file_get_contents (out_path, &out_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out_text, "Association Solidarité Dakar"));
  g_assert_null (strstr (out_text, "Teixidora"));

  run (f, &r, "list", "entities", "--format", "csv", "--search", "teixidora", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Cooperativa La Teixidora"));
  g_assert_null (strstr (r.out, "Dakar"));
  result_clear (&r);

  /* A file that is not there: one line, nothing changes. */
  run (f, &r, "import-csv", "/nonexistent/file.csv", NULL);
  g_assert_cmpint (r.status, !=, 0);
  assert_one_error_line (&r, r.status, "file.csv");
  g_assert_cmpint (count_entities (f), ==, 2);
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

  g_setenv ("LANGUAGE", "ca", TRUE);
  run (f, &r, "add", "entity", NULL);
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "necessita un nom"));
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
  ADD ("/cli/garbage-db", test_garbage_db);
  ADD ("/cli/damaged-db", test_damaged_db);
  ADD ("/cli/foreign-db", test_foreign_db);
  ADD ("/cli/newer-db", test_newer_db);
  ADD ("/cli/speaks-catalan", test_speaks_catalan);
#undef ADD

  return g_test_run ();
}
