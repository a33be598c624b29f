/* test-cli-map.c — cluster-map through the real xarxa-cli: the network
 * map's nodes and links as JSON, the whole network and one cluster's, the
 * same output each time, and an unknown cluster refused with one line.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-map"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef TestCliResult Result;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_dir ("cli-map");
  f->db = g_build_filename (f->dir, "xarxa.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static void
run (Fixture    *f,
     Result     *r,
     const char *first,
     ...)
{
  const TestCliOptions options = { .db = f->db, .data_home = f->dir };
  va_list args;

  va_start (args, first);
  test_cli_run_valist (&options, r, first, args);
  va_end (args);
}

/* Adds a record and returns the id xarxa-cli printed. */
static char *
add (Fixture    *f,
     const char *first,
     ...)
{
  g_auto(TestCliResult) r = { 0 };
  const TestCliOptions options = { .db = f->db, .data_home = f->dir };
  va_list args;

  va_start (args, first);
  test_cli_run_valist (&options, &r, first, args);
  va_end (args);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_strstrip (r.out);
  g_assert_true (g_uuid_string_is_valid (r.out));
  return g_steal_pointer (&r.out);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
node_with_id (JsonObject *map,
              const char *id)
{
  JsonArray *nodes = json_object_get_array_member (map, "nodes");

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);

      if (g_str_equal (json_object_get_string_member (node, "id"), id))
        return node;
    }
  return NULL;
}

typedef struct
{
  char *water, *energy, *food, *riu, *pont, *sol, *hort;
} Net;

static void
net_clear (Net *n)
{
  char **p = (char **) n;

  for (guint i = 0; i < sizeof *n / sizeof (char *); i++)
    g_free (p[i]);
}

/* Riu and Pont in Water; Pont and Sol in Energy; Hort in Food. */
static void
net_make (Fixture *f,
          Net     *n)
{
  g_autofree char *m1 = NULL, *m2 = NULL, *m3 = NULL, *m4 = NULL, *m5 = NULL;

  n->water = add (f, "add", "cluster", "--name", "Aigua", NULL);
  n->energy = add (f, "add", "cluster", "--name", "Energia", NULL);
  n->food = add (f, "add", "cluster", "--name", "Alimentació", NULL);
  n->riu = add (f, "add", "entity", "--name", "Fundació Riu", NULL);
  n->pont = add (f, "add", "entity", "--name", "Cooperativa Pont", NULL);
  n->sol = add (f, "add", "entity", "--name", "Ateneu Sol", NULL);
  n->hort = add (f, "add", "entity", "--name", "Hort Comú", NULL);
  m1 = add (f, "add", "cluster-member", "--cluster-id", n->water, "--entity-id", n->riu, "--role", "coordinator", NULL);
  m2 = add (f, "add", "cluster-member", "--cluster-id", n->water, "--entity-id", n->pont, "--role", "member", NULL);
  m3 = add (f, "add", "cluster-member", "--cluster-id", n->energy, "--entity-id", n->pont, "--role", "member", NULL);
  m4 = add (f, "add", "cluster-member", "--cluster-id", n->energy, "--entity-id", n->sol, "--role", "member", NULL);
  m5 = add (f, "add", "cluster-member", "--cluster-id", n->food, "--entity-id", n->hort, "--role", "member", NULL);
}

static void
test_whole (Fixture       *f,
            gconstpointer  data)
{
  Net n = { 0 };
  g_auto(TestCliResult) r = { 0 };
  g_auto(TestCliResult) again = { 0 };
  g_autoptr(JsonObject) map = NULL;
  JsonArray *nodes;
  JsonArray *edges;
  JsonObject *pont;
  gboolean found_edge = FALSE;

  net_make (f, &n);
  run (f, &r, "cluster-map", "--format", "json", NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  map = parse_object (r.out);
  nodes = json_object_get_array_member (map, "nodes");
  edges = json_object_get_array_member (map, "edges");
  g_assert_cmpuint (json_array_get_length (nodes), ==, 7);
  g_assert_cmpuint (json_array_get_length (edges), ==, 5);

  pont = node_with_id (map, n.pont);
  g_assert_nonnull (pont);
  g_assert_cmpstr (json_object_get_string_member (pont, "kind"), ==, "entity");
  g_assert_cmpstr (json_object_get_string_member (pont, "name"), ==, "Cooperativa Pont");
  g_assert_cmpstr (json_object_get_string_member (node_with_id (map, n.water), "kind"), ==, "cluster");
  g_assert_cmpstr (json_object_get_string_member (node_with_id (map, n.food), "name"), ==, "Alimentació");
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      double x = json_object_get_double_member (node, "x");
      double y = json_object_get_double_member (node, "y");

      g_assert_true (x >= 0 && x <= 1 && y >= 0 && y <= 1);
      if (node != pont)
        g_assert_cmpfloat (json_object_get_double_member (node, "betweenness"), <=,
                           json_object_get_double_member (pont, "betweenness"));
    }
  g_assert_cmpfloat (json_object_get_double_member (pont, "betweenness"), >, 0);
  for (guint i = 0; i < json_array_get_length (edges); i++)
    {
      JsonObject *edge = json_array_get_object_element (edges, i);

      g_assert_cmpstr (json_object_get_string_member (node_with_id (map, json_object_get_string_member (edge, "source")), "kind"),
                       ==, "entity");
      if (g_str_equal (json_object_get_string_member (edge, "source"), n.pont) &&
          g_str_equal (json_object_get_string_member (edge, "target"), n.energy))
        found_edge = TRUE;
    }
  g_assert_true (found_edge);

  /* The same data, the same map. */
  run (f, &again, "cluster-map", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, r.out);
  net_clear (&n);
}

static void
test_one_cluster (Fixture       *f,
                  gconstpointer  data)
{
  Net n = { 0 };
  g_auto(TestCliResult) r = { 0 };
  g_autoptr(JsonObject) map = NULL;

  net_make (f, &n);
  run (f, &r, "cluster-map", "--cluster", n.water, "--format", "json", NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  map = parse_object (r.out);
  /* Water, its members Riu and Pont, and Pont's other cluster Energy. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (map, "nodes")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (map, "edges")), ==, 3);
  g_assert_nonnull (node_with_id (map, n.energy));
  g_assert_null (node_with_id (map, n.sol));
  g_assert_null (node_with_id (map, n.food));
  net_clear (&n);
}

static void
assert_refused (Result     *r,
                const char *message)
{
  g_test_message ("%s", r->err);
  g_assert_cmpint (r->status, ==, 2);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_suffix (r->err, "\n"));
  g_assert_true (strchr (r->err, '\n') == r->err + strlen (r->err) - 1);
  g_assert_nonnull (strstr (r->err, message));
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  Net n = { 0 };
  g_auto(TestCliResult) r = { 0 };
  g_auto(TestCliResult) deleted = { 0 };
  g_auto(TestCliResult) format = { 0 };
  g_auto(TestCliResult) extra = { 0 };
  g_auto(TestCliResult) empty = { 0 };
  g_autoptr(JsonObject) map = NULL;

  net_make (f, &n);
  run (f, &r, "cluster-map", "--cluster", "0192aaaa-0000-7000-8000-000000000000", NULL);
  assert_refused (&r, "There is no cluster with the id “0192aaaa-0000-7000-8000-000000000000”");

  run (f, &deleted, "delete", "cluster", n.food, NULL);
  g_assert_cmpint (deleted.status, ==, 0);
  test_cli_result_clear (&deleted);
  run (f, &deleted, "cluster-map", "--cluster", n.food, NULL);
  assert_refused (&deleted, "There is no cluster");

  run (f, &format, "cluster-map", "--format", "csv", NULL);
  assert_refused (&format, "“csv” is not a format of the network map");
  run (f, &extra, "cluster-map", "everything", NULL);
  assert_refused (&extra, "Unexpected argument “everything”");

  /* The deleted cluster and its only member have left the whole map. */
  run (f, &empty, "cluster-map", NULL);
  g_assert_cmpint (empty.status, ==, 0);
  map = parse_object (empty.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (map, "nodes")), ==, 5);
  g_assert_null (node_with_id (map, n.hort));
  net_clear (&n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define TEST(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  TEST ("/cli-map/whole", test_whole);
  TEST ("/cli-map/one-cluster", test_one_cluster);
  TEST ("/cli-map/refusals", test_refusals);
#undef TEST
  return g_test_run ();
}
