/* test-cli-cluster.c — the cluster builder through the real xarxa-cli: a
 * cluster, decision and indicator shown with their computed figures, the
 * ranked agenda, and every rule across records refused with one line, a
 * non-zero exit and nothing written.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-cluster"

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
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, test_cli_result_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_dir ("cli-cluster");
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

/* Runs xarxa-cli --db DB with the NULL-terminated arguments. */
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

/* The id an add printed. */
static char *
added (Result *r)
{
  g_test_message ("%s", r->err);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_true (g_uuid_string_is_valid (g_strstrip (r->out)));
  return g_strdup (r->out);
}

#define ADD(f, ...) (run (f, &r, "add", __VA_ARGS__, NULL), added (&r))

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

/* What stats counts, and the changes waiting: nothing written means both
 * stay as they were. */
static char *
state (Fixture *f)
{
  g_auto(Result) r = { 0 };

  run (f, &r, "stats", "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  return g_steal_pointer (&r.out);
}

static gint64
count (Fixture    *f,
       const char *type)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();

  run (f, &r, "list", type, "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  return json_array_get_length (json_node_get_array (json_parser_get_root (parser)));
}

static void
assert_refused (Result     *r,
                const char *message)
{
  g_test_message ("%s", r->err);
  g_assert_cmpint (r->status, !=, 0);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_suffix (r->err, "\n"));
  g_assert_true (strchr (r->err, '\n') == r->err + strlen (r->err) - 1);   /* one line */
  g_assert_nonnull (strstr (r->err, message));
}

typedef struct
{
  char *cluster, *other, *fundacio, *cooperativa, *ateneu;
  char *indicator, *decision, *meeting, *item;
} Net;

static void
net_clear (Net *n)
{
  char **p = (char **) n;

  for (guint i = 0; i < sizeof *n / sizeof (char *); i++)
    g_free (p[i]);
}

static void
net_make (Fixture *f,
          Net     *n)
{
  g_auto(Result) r = { 0 };

  n->cluster = ADD (f, "cluster", "--name", "Clúster Aigua", "--status", "active");
  n->other = ADD (f, "cluster", "--name", "Clúster Habitatge");
  n->fundacio = ADD (f, "entity", "--name", "Fundació Horitzó Comú");
  n->cooperativa = ADD (f, "entity", "--name", "Cooperativa Terra de Vic");
  n->ateneu = ADD (f, "entity", "--name", "Ateneu Digital");
  g_free (ADD (f, "cluster-member", "--cluster-id", n->cluster, "--entity-id", n->fundacio, "--role", "coordinator"));
  g_free (ADD (f, "cluster-member", "--cluster-id", n->cluster, "--entity-id", n->cooperativa, "--role", "member"));
  n->indicator = ADD (f, "indicator", "--cluster-id", n->cluster, "--name", "Dones en juntes", "--unit", "%",
                      "--baseline", "20", "--target", "50", "--direction", "up");
  g_free (ADD (f, "indicator-value", "--indicator-id", n->indicator, "--measured-on", "2025-06-01", "--value", "26"));
  g_free (ADD (f, "indicator-value", "--indicator-id", n->indicator, "--cluster-id", n->cluster,
               "--measured-on", "2026-06-01", "--value", "35"));
  g_free (ADD (f, "action", "--cluster-id", n->cluster, "--title", "Mapa de fonts", "--due-date", "2020-01-01",
               "--status", "planned"));
  n->decision = ADD (f, "decision", "--cluster-id", n->cluster, "--decision", "Calendari comú");
  g_free (ADD (f, "decision-position", "--decision-id", n->decision, "--entity-id", n->fundacio, "--position", "agree"));
  g_free (ADD (f, "decision-position", "--decision-id", n->decision, "--entity-id", n->cooperativa,
               "--position", "stand-aside", "--note", "Ho decidirà l’assemblea"));
  n->meeting = ADD (f, "meeting", "--cluster-id", n->cluster, "--title", "Jornada de reflexió", "--online", "yes");
  n->item = ADD (f, "agenda-item", "--meeting-id", n->meeting, "--kind", "need", "--text", "Dades obertes de l’aigua");
  g_free (ADD (f, "agenda-support", "--agenda-item-id", n->item, "--entity-id", n->ateneu));
  g_free (ADD (f, "agenda-item", "--cluster-id", n->cluster, "--kind", "challenge", "--text", "Sequera"));
}

static void
test_show (Fixture       *f,
           gconstpointer  data)
{
  Net n = { 0 };
  g_auto(Result) r = { 0 };
  g_autoptr(JsonObject) c = NULL;
  g_autoptr(JsonObject) d = NULL;
  g_autoptr(JsonObject) i = NULL;
  JsonObject *o;

  net_make (f, &n);
  run (f, &r, "show", "cluster", n.cluster, "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  c = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (c, "name"), ==, "Clúster Aigua");
  g_assert_cmpint (json_object_get_int_member (c, "member_count"), ==, 2);
  o = json_array_get_object_element (json_object_get_array_member (c, "members"), 0);
  g_assert_nonnull (json_object_get_string_member (o, "entity_name"));
  o = json_array_get_object_element (json_object_get_array_member (c, "indicators"), 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "progress"), 0.5, 1e-9);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "measurements")), ==, 2);
  o = json_array_get_object_element (json_object_get_array_member (c, "actions"), 0);
  g_assert_true (json_object_get_boolean_member (o, "overdue"));
  o = json_array_get_object_element (json_object_get_array_member (c, "decisions"), 0);
  g_assert_true (json_object_get_boolean_member (o, "consensus"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "stood_aside")), ==, 1);
  o = json_array_get_object_element (json_object_get_array_member (c, "meetings"), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "agenda")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "agenda")), ==, 2);

  run (f, &r, "show", "decision", n.decision, "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  d = parse_object (r.out);
  g_assert_true (json_object_get_boolean_member (d, "consensus"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (d, "positions")), ==, 2);

  run (f, &r, "show", "indicator", n.indicator, "--format=json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  i = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (i, "summary"), ==,
                   "Dones en juntes: 35 %, half way from 20 % to the target of 50 %");

  /* Text and other types stay the generic show. */
  run (f, &r, "show", "cluster", n.cluster, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Clúster Aigua"));
  run (f, &r, "show", "meeting", n.meeting, "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Jornada de reflexió"));

  /* Not there. */
  run (f, &r, "show", "cluster", n.fundacio, "--format", "json", NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_cmpstr (r.out, ==, "");
  net_clear (&n);
}

static void
test_agenda (Fixture       *f,
             gconstpointer  data)
{
  Net n = { 0 };
  g_auto(Result) r = { 0 };
  g_autoptr(JsonObject) agenda = NULL;
  JsonArray *groups;

  net_make (f, &n);
  run (f, &r, "agenda", "--cluster", n.cluster, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_test_message ("%s", r.out);
  g_assert_cmpstr (r.out, ==,
                   "# Shared social agenda of Clúster Aigua\n"
                   "\n## Challenge\n\n"
                   "1. Sequera — no organisation supports it yet\n"
                   "\n## Need\n\n"
                   "1. Dades obertes de l’aigua — supported by 1 organisation: Ateneu Digital\n");

  run (f, &r, "agenda", "--meeting", n.meeting, "--format", "json", "--group-by", "transition", NULL);
  g_assert_cmpint (r.status, ==, 0);
  agenda = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (agenda, "grouped_by"), ==, "transition");
  groups = json_object_get_array_member (agenda, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 1);

  run (f, &r, "agenda", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "# Shared social agenda of the network\n"));

  run (f, &r, "agenda", "--cluster", n.cluster, "--meeting", n.meeting, NULL);
  assert_refused (&r, "not both");
  g_assert_cmpint (r.status, ==, 2);
  run (f, &r, "agenda", "--format", "pdf", NULL);
  assert_refused (&r, "Use markdown or json");
  run (f, &r, "agenda", "--cluster", n.fundacio, NULL);
  assert_refused (&r, n.fundacio);
  net_clear (&n);
}

/* Each rule across records: one line, non-zero, and stats and the
 * type's list exactly as before. */
/* list cluster --sort due: the cluster whose next open action is due
 * first comes first, clusters with none last; other types refuse it. */
static void
test_sort_due (Fixture       *f,
               gconstpointer  data)
{
  Net n = { 0 };
  g_auto(Result) r = { 0 };
  g_autofree char *later = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listed = NULL;
  const char *aigua, *habitatge, *energia;

  net_make (f, &n);
  later = ADD (f, "cluster", "--name", "Clúster Energia");
  g_free (ADD (f, "action", "--cluster-id", later, "--title", "Auditoria", "--due-date", "2030-05-01"));
  /* A done action is not what is due next. */
  g_free (ADD (f, "action", "--cluster-id", n.other, "--title", "Fet", "--due-date", "2019-01-01", "--status", "done"));

  test_cli_result_clear (&r);
  run (f, &r, "list", "cluster", "--sort", "due", NULL);
  g_assert_cmpint (r.status, ==, 0);
  listed = g_strdup (r.out);
  aigua = strstr (listed, "Clúster Aigua");
  energia = strstr (listed, "Clúster Energia");
  habitatge = strstr (listed, "Clúster Habitatge");
  g_assert_nonnull (aigua);
  g_assert_nonnull (energia);
  g_assert_nonnull (habitatge);
  g_assert_true (aigua < energia);
  g_assert_true (energia < habitatge);

  /* By name, the order differs: the sort was really applied. */
  test_cli_result_clear (&r);
  run (f, &r, "list", "cluster", "--sort", "name", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (strstr (r.out, "Clúster Energia") < strstr (r.out, "Clúster Habitatge"));
  g_assert_true (strstr (r.out, "Clúster Aigua") < strstr (r.out, "Clúster Energia"));

  before = state (f);
  test_cli_result_clear (&r);
  run (f, &r, "list", "entity", "--sort", "due", NULL);
  assert_refused (&r, "Only clusters sort by “due”");
  test_cli_result_clear (&r);
  run (f, &r, "list", "cluster", "--sort", "soon", NULL);
  assert_refused (&r, "“soon” is not a sort order. Use name, updated or due.");
  after = state (f);
  g_assert_cmpstr (after, ==, before);
  net_clear (&n);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  Net n = { 0 };
  g_auto(Result) r = { 0 };
  g_autofree char *member_message = NULL;
  const char *missing = "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a99";
  struct
  {
    const char *type;
    const char *args[8];
    const char *message;
  } cases[] = {
    { "cluster-members", { "cluster-member", "--cluster-id", NULL, "--entity-id", missing, NULL },
      "no Organisation has the id 0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a99" },
    { "cluster-members", { "cluster-member", "--cluster-id", NULL, "--entity-id", NULL, "--role", "member" },
      "Fundació Horitzó Comú is already a member of Clúster Aigua." },
    { "decision-positions", { "decision-position", "--decision-id", NULL, "--entity-id", NULL, "--position", "block" },
      "Ateneu Digital is not a member of Clúster Aigua, so it takes no position on its decisions." },
    { "indicator-values", { "indicator-value", "--indicator-id", NULL, "--cluster-id", NULL, "--value", "40" },
      "The indicator “Dones en juntes” belongs to Clúster Aigua, not to Clúster Habitatge." },
    { "agenda-supports", { "agenda-support", "--agenda-item-id", NULL, "--entity-id", missing, NULL },
      "no Organisation has the id 0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a99" },
    { "agenda-supports", { "agenda-support", "--agenda-item-id", NULL, "--entity-id", NULL, NULL },
      "Ateneu Digital already supports “Dades obertes de l’aigua”." },
  };

  net_make (f, &n);
  cases[0].args[2] = n.cluster;
  cases[1].args[2] = n.cluster;
  cases[1].args[4] = n.fundacio;
  cases[2].args[2] = n.decision;
  cases[2].args[4] = n.ateneu;
  cases[3].args[2] = n.indicator;
  cases[3].args[4] = n.other;
  cases[4].args[2] = n.item;
  cases[5].args[2] = n.item;
  cases[5].args[4] = n.ateneu;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = state (f);
      g_autofree char *after = NULL;
      gint64 n_before = count (f, cases[i].type);

      run (f, &r, "add", cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
           cases[i].args[4], cases[i].args[5], cases[i].args[6], cases[i].args[7], NULL);
      g_test_message ("case %u", i);
      assert_refused (&r, cases[i].message);
      after = state (f);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpint (count (f, cases[i].type), ==, n_before);
    }

  /* A member removed and added again comes back, not refused. */
  {
    g_autofree char *id = NULL;
    g_autofree char *again = NULL;

    run (f, &r, "list", "cluster-members", "--cluster-id", n.cluster, "--role", "member", "--format", "json", NULL);
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
      id = g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0), "id"));
    }
    run (f, &r, "delete", "cluster-member", id, NULL);
    g_assert_cmpint (r.status, ==, 0);
    again = ADD (f, "cluster-member", "--cluster-id", n.cluster, "--entity-id", n.cooperativa, "--role", "observer");
    g_assert_cmpstr (again, ==, id);
    g_assert_cmpint (count (f, "cluster-members"), ==, 2);
  }
  net_clear (&n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define TEST(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  TEST ("/cli-cluster/show", test_show);
  TEST ("/cli-cluster/agenda", test_agenda);
  TEST ("/cli-cluster/refusals", test_refusals);
  TEST ("/cli-cluster/sort-due", test_sort_due);
#undef TEST
  return g_test_run ();
}
