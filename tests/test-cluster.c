/* test-cluster.c — what a cluster adds up to (xarxa-cluster.h): progress,
 * overdue actions, consensus, members and coordinator, the ranked agenda,
 * the screen reader's summary of an indicator, and the cluster as JSON.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cluster"

#include "config.h"

#include <math.h>
#include <string.h>

#include "test-util.h"
#include "xarxa-cluster.h"
#include "xarxa-store.h"

typedef TestStore Fixture;

/* A JsonObject from name, value pairs; a value that parses as a number
 * is stored as one. */
static JsonObject *
object_of (const char *first,
           ...)
{
  JsonObject *o = json_object_new ();
  va_list ap;
  const char *name = first;

  va_start (ap, first);
  while (name != NULL)
    {
      const char *value = va_arg (ap, const char *);
      char *end = NULL;
      double d = value != NULL ? g_ascii_strtod (value, &end) : 0;

      if (value == NULL)
        json_object_set_null_member (o, name);
      else if (end != NULL && end != value && *end == '\0')
        json_object_set_double_member (o, name, d);
      else
        json_object_set_string_member (o, name, value);
      name = va_arg (ap, const char *);
    }
  va_end (ap);
  return o;
}

static char *
add (XarxaStore *store,
     const char *type,
     ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  const XarxaRecordType *t = xarxa_schema_lookup (type);
  va_list ap;
  const char *name;
  char *id;

  va_start (ap, type);
  while ((name = va_arg (ap, const char *)) != NULL)
    {
      const char *value = va_arg (ap, const char *);
      const XarxaFieldInfo *field = xarxa_record_type_field (t, name);

      if (field->kind == XARXA_FIELD_REAL)
        json_object_set_double_member (values, name, g_ascii_strtod (value, NULL));
      else
        json_object_set_string_member (values, name, value);
    }
  va_end (ap);
  id = xarxa_store_create_record (store, type, values, &error);
  g_assert_no_error (error);
  return id;
}

static void
assert_progress (JsonObject *indicator,
                 const char *value,
                 double      expected)
{
  g_autoptr(JsonObject) m = object_of ("value", value, NULL);
  double p = -99;

  g_assert_true (xarxa_indicator_progress (indicator, m, &p));
  g_assert_cmpfloat_with_epsilon (p, expected, 1e-9);
}

static void
assert_no_progress (JsonObject *indicator,
                    JsonObject *measurement)
{
  double p = -99;

  g_assert_false (xarxa_indicator_progress (indicator, measurement, &p));
  g_assert_cmpfloat (p, ==, -99);
}

static void
test_progress (void)
{
  g_autoptr(JsonObject) up = object_of ("baseline", "20", "target", "50", "direction", "up", NULL);
  g_autoptr(JsonObject) down = object_of ("baseline", "130", "target", "100", "direction", "down", NULL);
  g_autoptr(JsonObject) unsaid = object_of ("baseline", "130", "target", "100", NULL);
  g_autoptr(JsonObject) flat = object_of ("baseline", "12", "target", "12", "direction", "up", NULL);
  g_autoptr(JsonObject) wrong = object_of ("baseline", "20", "target", "10", "direction", "up", NULL);
  g_autoptr(JsonObject) no_target = object_of ("baseline", "20", "direction", "up", NULL);
  g_autoptr(JsonObject) empty = object_of ("value", NULL, NULL);

  assert_progress (up, "20", 0);
  assert_progress (up, "35", 0.5);
  assert_progress (up, "50", 1);
  assert_progress (up, "65", 1.5);     /* past the target */
  assert_progress (up, "14", -0.2);    /* the wrong way */
  assert_progress (down, "115", 0.5);
  assert_progress (down, "100", 1);
  assert_progress (down, "90", 1 + 1.0 / 3);
  assert_progress (down, "145", -0.5);
  assert_progress (unsaid, "115", 0.5);  /* the direction from the ends */
  assert_no_progress (up, NULL);
  assert_no_progress (up, empty);
  {
    g_autoptr(JsonObject) m = object_of ("value", "12", NULL);

    assert_no_progress (flat, m);       /* target == baseline */
    assert_no_progress (wrong, m);      /* up, with a lower target */
    assert_no_progress (no_target, m);
  }
}

static void
test_latest (void)
{
  g_autoptr(GPtrArray) ms = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_assert_null (xarxa_indicator_latest (ms));
  g_ptr_array_add (ms, object_of ("measured_on", "2025-06-01", "value", "30", NULL));
  g_ptr_array_add (ms, object_of ("measured_on", "2026-06-01", "value", "34", NULL));
  g_ptr_array_add (ms, object_of ("measured_on", "2025-01-01", "value", "22", NULL));
  /* A later day without a value does not count. */
  g_ptr_array_add (ms, object_of ("measured_on", "2026-09-01", "value", NULL, NULL));
  g_assert_true (xarxa_indicator_latest (ms) == g_ptr_array_index (ms, 1));
}

static void
test_summary (void)
{
  g_autoptr(JsonObject) women = object_of ("name", "Women on governing boards", "unit", "%",
                                           "baseline", "20", "target", "50", "direction", "up", NULL);
  g_autoptr(JsonObject) water = object_of ("name", "Water use", "unit", "litres",
                                           "baseline", "130", "target", "100", "direction", "down", NULL);
  struct { JsonObject *indicator; const char *value; const char *text; } cases[] = {
    { women, "34", "Women on governing boards: 34 %, half way from 20 % to the target of 50 %" },
    { women, "27.5", "Women on governing boards: 27.5 %, a quarter of the way from 20 % to the target of 50 %" },
    { women, "32", "Women on governing boards: 32 %, 40 % of the way from 20 % to the target of 50 %" },
    { women, "50", "Women on governing boards: 50 %, the target of 50 % reached from 20 %" },
    { women, "55", "Women on governing boards: 55 %, past the target of 50 % set from 20 %" },
    { women, "18", "Women on governing boards: 18 %, further from the target of 50 % than the baseline of 20 %" },
    { women, "20", "Women on governing boards: 20 %, still at the baseline; the target is 50 %" },
    { water, "110", "Water use: 110 litres, two thirds of the way from 130 litres to the target of 100 litres" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) m = object_of ("value", cases[i].value, NULL);
      g_autofree char *text = xarxa_indicator_summary (cases[i].indicator, m);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_autoptr(JsonObject) trained = object_of ("name", "People trained", "unit", "people", "baseline", "0",
                                               "target", "400", "direction", "up", NULL);
    g_autoptr(JsonObject) m = object_of ("value", "230", "value_women", "139", "value_men", "88",
                                         "value_other", "3", NULL);
    g_autoptr(JsonObject) two = object_of ("value", "230", "value_women", "139", "value_men", "91", NULL);
    g_autofree char *text = NULL;
    g_autofree char *text_two = NULL;
    g_autofree char *plain = xarxa_indicator_summary (trained, m);

    /* Without a breakdown the gender values are not read out. */
    g_assert_cmpstr (plain, ==, "People trained: 230 people, 57 % of the way from 0 people to the target of 400 people");
    json_object_set_boolean_member (trained, "gender_breakdown", TRUE);
    text = xarxa_indicator_summary (trained, m);
    g_assert_cmpstr (text, ==, "People trained: 230 people, 57 % of the way from 0 people to the target of 400 people "
                               "(women 139 people, men 88 people, other genders 3 people)");
    text_two = xarxa_indicator_summary (trained, two);
    g_assert_true (g_str_has_suffix (text_two, "(women 139 people, men 91 people)"));
  }
  {
    g_autofree char *text = xarxa_indicator_summary (women, NULL);

    g_assert_cmpstr (text, ==, "Women on governing boards: no measurement yet; from 20 % to the target of 50 %");
  }
}

static void
test_overdue (void)
{
  g_autoptr(GDate) today = g_date_new_dmy (10, G_DATE_MARCH, 2026);
  g_autoptr(JsonObject) late = object_of ("due_date", "2026-03-09", "status", "in-progress", NULL);
  g_autoptr(JsonObject) due_today = object_of ("due_date", "2026-03-10", "status", "planned", NULL);
  g_autoptr(JsonObject) late_done = object_of ("due_date", "2026-01-01", "status", "done", NULL);
  g_autoptr(JsonObject) late_dropped = object_of ("due_date", "2026-01-01", "status", "dropped", NULL);
  g_autoptr(JsonObject) late_no_status = object_of ("due_date", "2025-12-31", NULL);
  g_autoptr(JsonObject) undated = object_of ("status", "planned", NULL);
  g_autoptr(JsonObject) long_ago = object_of ("due_date", "2000-01-01", NULL);

  g_assert_true (xarxa_action_is_overdue (late, today));
  g_assert_false (xarxa_action_is_overdue (due_today, today));
  g_assert_false (xarxa_action_is_overdue (late_done, today));
  g_assert_false (xarxa_action_is_overdue (late_dropped, today));
  g_assert_true (xarxa_action_is_overdue (late_no_status, today));
  g_assert_false (xarxa_action_is_overdue (undated, today));
  /* Today by default. */
  g_assert_true (xarxa_action_is_overdue (long_ago, NULL));
}

static void
test_outcome (void)
{
  g_autoptr(GPtrArray) ps = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  XarxaDecisionOutcome o;

  xarxa_decision_outcome (ps, &o);
  g_assert_false (o.consensus);   /* nobody has taken a position */
  g_ptr_array_add (ps, object_of ("position", "agree", NULL));
  g_ptr_array_add (ps, object_of ("position", "agree-with-reservations", NULL));
  g_ptr_array_add (ps, object_of ("position", "stand-aside", "note", "No budget this year", NULL));
  xarxa_decision_outcome (ps, &o);
  g_assert_true (o.consensus);
  g_assert_cmpuint (o.n_agree, ==, 1);
  g_assert_cmpuint (o.n_reservations, ==, 1);
  g_assert_cmpuint (o.n_stand_aside, ==, 1);
  g_ptr_array_add (ps, object_of ("position", "block", NULL));
  xarxa_decision_outcome (ps, &o);
  g_assert_false (o.consensus);
  g_assert_cmpuint (o.n_block, ==, 1);
}

/* ---- against a store ---------------------------------------------------- */

typedef struct
{
  char *cluster, *other;
  char *fundacio, *cooperativa, *ateneu;
  char *women, *water, *unmeasured;
  char *late, *next, *done;
  char *blocked, *aside;
  char *meeting;
  char *item_top, *item_tie_a, *item_tie_b, *item_none, *item_meeting, *item_other;
} Network;

static void
network_clear (Network *n)
{
  char **p = (char **) n;

  for (guint i = 0; i < sizeof *n / sizeof (char *); i++)
    g_free (p[i]);
}

static void
network_make (XarxaStore *s,
              Network    *n)
{
  g_autofree char *objective = NULL;

  n->cluster = add (s, "cluster", "name", "Clúster Aigua", "status", "active", NULL);
  n->other = add (s, "cluster", "name", "Clúster Habitatge", NULL);
  n->fundacio = add (s, "entity", "name", "Fundació Horitzó Comú", NULL);
  n->cooperativa = add (s, "entity", "name", "Cooperativa Terra de Vic", NULL);
  n->ateneu = add (s, "entity", "name", "Ateneu Digital", NULL);
  g_free (add (s, "cluster_member", "cluster_id", n->cluster, "entity_id", n->fundacio, "role", "coordinator", NULL));
  g_free (add (s, "cluster_member", "cluster_id", n->cluster, "entity_id", n->cooperativa, "role", "member", NULL));
  g_free (add (s, "cluster_member", "cluster_id", n->other, "entity_id", n->ateneu, "role", "member", NULL));

  objective = add (s, "objective", "cluster_id", n->cluster, "title", "Governança paritària", NULL);
  n->women = add (s, "indicator", "cluster_id", n->cluster, "objective_id", objective,
                  "name", "Women on governing boards", "unit", "%", "baseline", "20", "target", "50",
                  "direction", "up", NULL);
  g_free (add (s, "indicator_value", "indicator_id", n->women, "measured_on", "2025-01-15", "value", "26", NULL));
  g_free (add (s, "indicator_value", "indicator_id", n->women, "measured_on", "2026-01-15", "value", "35", NULL));
  n->water = add (s, "indicator", "cluster_id", n->cluster, "name", "Water use", "unit", "litres",
                  "baseline", "130", "target", "100", "direction", "down", NULL);
  g_free (add (s, "indicator_value", "indicator_id", n->water, "measured_on", "2026-02-01", "value", "145", NULL));
  n->unmeasured = add (s, "indicator", "cluster_id", n->cluster, "name", "Shared vans", "baseline", "0",
                       "target", "4", NULL);

  n->late = add (s, "action", "cluster_id", n->cluster, "title", "Mapa de fonts", "due_date", "2026-02-01",
                 "status", "in-progress", NULL);
  n->next = add (s, "action", "cluster_id", n->cluster, "title", "Taller obert", "due_date", "2026-04-01",
                 "status", "planned", NULL);
  n->done = add (s, "action", "cluster_id", n->cluster, "title", "Acta de constitució", "due_date", "2025-11-01",
                 "status", "done", NULL);

  n->blocked = add (s, "decision", "cluster_id", n->cluster, "proposal", "Compartir un tècnic",
                    "decision", "No es contracta", NULL);
  g_free (add (s, "decision_position", "decision_id", n->blocked, "entity_id", n->fundacio, "position", "agree", NULL));
  g_free (add (s, "decision_position", "decision_id", n->blocked, "entity_id", n->cooperativa, "position", "block",
               "note", "Cap pressupost", NULL));
  n->aside = add (s, "decision", "cluster_id", n->cluster, "decision", "Calendari comú", NULL);
  g_free (add (s, "decision_position", "decision_id", n->aside, "entity_id", n->fundacio, "position", "agree", NULL));
  g_free (add (s, "decision_position", "decision_id", n->aside, "entity_id", n->cooperativa,
               "position", "stand-aside", "note", "Ho decidirà la nostra assemblea", NULL));

  n->meeting = add (s, "meeting", "cluster_id", n->cluster, "title", "Jornada de reflexió", "date", "2026-03-01", NULL);
  n->item_top = add (s, "agenda_item", "cluster_id", n->cluster, "kind", "priority", "text", "Aigua pública",
                     "transition", "ecological", NULL);
  n->item_tie_b = add (s, "agenda_item", "cluster_id", n->cluster, "kind", "need", "text", "Zeta: dades obertes",
                       "transition", "technological", NULL);
  n->item_tie_a = add (s, "agenda_item", "cluster_id", n->cluster, "kind", "need", "text", "Àlgebra de cures",
                       "transition", "social", NULL);
  n->item_none = add (s, "agenda_item", "cluster_id", n->cluster, "kind", "challenge", "text", "Sequera", NULL);
  n->item_meeting = add (s, "agenda_item", "meeting_id", n->meeting, "kind", "challenge",
                         "text", "Bretxa digital", "transition", "technological", NULL);
  n->item_other = add (s, "agenda_item", "cluster_id", n->other, "kind", "need", "text", "Habitatge jove", NULL);
  g_free (add (s, "agenda_support", "agenda_item_id", n->item_top, "entity_id", n->fundacio, NULL));
  g_free (add (s, "agenda_support", "agenda_item_id", n->item_top, "entity_id", n->cooperativa, NULL));
  g_free (add (s, "agenda_support", "agenda_item_id", n->item_top, "entity_id", n->ateneu, NULL));
  g_free (add (s, "agenda_support", "agenda_item_id", n->item_tie_a, "entity_id", n->fundacio, NULL));
  g_free (add (s, "agenda_support", "agenda_item_id", n->item_tie_b, "entity_id", n->fundacio, NULL));
  g_free (add (s, "agenda_support", "agenda_item_id", n->item_meeting, "entity_id", n->ateneu, NULL));
  g_free (add (s, "agenda_support", "agenda_item_id", n->item_meeting, "entity_id", n->cooperativa, NULL));
}

static void
test_cluster_figures (Fixture       *f,
                      gconstpointer  data)
{
  Network n = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) next = NULL;
  g_autofree char *coordinator = NULL;
  g_autofree char *none = NULL;
  gboolean has = FALSE;
  double progress = 0;

  network_make (f->store, &n);
  /* (35 - 20) / 30 = 0.5 and (145 - 130) / -30 = -0.5; the unmeasured
   * indicator does not count. */
  g_assert_true (xarxa_cluster_progress (f->store, n.cluster, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (progress, 0.0, 1e-9);
  g_assert_false (xarxa_cluster_progress (f->store, n.other, &progress, &error));
  g_assert_no_error (error);

  next = xarxa_cluster_next_action (f->store, n.cluster, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (next, "id"), ==, n.late);
  g_assert_null (xarxa_cluster_next_action (f->store, n.other, &error));
  g_assert_no_error (error);

  g_assert_cmpint (xarxa_cluster_member_count (f->store, n.cluster, &error), ==, 2);
  coordinator = xarxa_cluster_coordinator (f->store, n.cluster, &has, &error);
  g_assert_cmpstr (coordinator, ==, "Fundació Horitzó Comú");
  g_assert_true (has);
  none = xarxa_cluster_coordinator (f->store, n.other, &has, &error);
  g_assert_cmpstr (none, ==, "No coordinator");
  g_assert_false (has);

  /* A member removed is counted no more. */
  {
    g_autofree char *member = xarxa_record_type_pair_id (xarxa_schema_lookup ("cluster_member"),
                                                         n.cluster, n.cooperativa);

    g_assert_true (xarxa_store_delete_record (f->store, "cluster_member", member, &error));
    g_assert_cmpint (xarxa_cluster_member_count (f->store, n.cluster, &error), ==, 1);
  }
  network_clear (&n);
}

/* The cluster's progress takes each indicator's latest measurement with a
 * value, as xarxa_indicator_latest() does: by day, a day before none,
 * never one without a value or one removed. */
static void
test_cluster_progress_latest (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *cluster = add (f->store, "cluster", "name", "Clúster Aigua", NULL);
  g_autofree char *indicator = add (f->store, "indicator", "cluster_id", cluster, "name", "Fonts netes",
                                    "baseline", "0", "target", "100", "direction", "up", NULL);
  g_autofree char *removed = NULL;
  g_autoptr(GError) error = NULL;
  double progress = 0;

  g_free (add (f->store, "indicator_value", "indicator_id", indicator, "measured_on", "2025-01-01", "value", "10", NULL));
  /* Written later, measured earlier. */
  g_free (add (f->store, "indicator_value", "indicator_id", indicator, "measured_on", "2024-01-01", "value", "90", NULL));
  /* No day: older than any with one. */
  g_free (add (f->store, "indicator_value", "indicator_id", indicator, "value", "99", NULL));
  /* No value. */
  g_free (add (f->store, "indicator_value", "indicator_id", indicator, "measured_on", "2026-01-01", NULL));
  removed = add (f->store, "indicator_value", "indicator_id", indicator, "measured_on", "2027-01-01", "value", "70", NULL);
  g_assert_true (xarxa_store_delete_record (f->store, "indicator_value", removed, &error));

  g_assert_true (xarxa_cluster_progress (f->store, cluster, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (progress, 0.1, 1e-9);
}

static const char *
item_text (GPtrArray *items,
           guint      i)
{
  return json_object_get_string_member (g_ptr_array_index (items, i), "text");
}

static void
test_agenda (Fixture       *f,
             gconstpointer  data)
{
  Network n = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cluster = NULL;
  g_autoptr(GPtrArray) meeting = NULL;
  g_autoptr(GPtrArray) network = NULL;
  g_autoptr(JsonObject) by_kind = NULL;
  g_autoptr(JsonObject) by_transition = NULL;
  g_autofree char *md = NULL;
  JsonArray *groups;

  network_make (f->store, &n);
  /* The cluster's own items and its meeting's, by support, then kind
   * (challenge, need, innovation trend, priority), then text. */
  cluster = xarxa_agenda_ranked (f->store, n.cluster, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cluster->len, ==, 5);
  g_assert_cmpstr (item_text (cluster, 0), ==, "Aigua pública");
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (cluster, 0), "support_count"), ==, 3);
  g_assert_cmpstr (item_text (cluster, 1), ==, "Bretxa digital");
  g_assert_cmpstr (item_text (cluster, 2), ==, "Àlgebra de cures");
  g_assert_cmpstr (item_text (cluster, 3), ==, "Zeta: dades obertes");
  g_assert_cmpstr (item_text (cluster, 4), ==, "Sequera");
  {
    JsonArray *supporters = json_object_get_array_member (g_ptr_array_index (cluster, 1), "supporters");

    g_assert_cmpuint (json_array_get_length (supporters), ==, 2);
  }

  meeting = xarxa_agenda_ranked (f->store, NULL, n.meeting, &error);
  g_assert_cmpuint (meeting->len, ==, 1);
  network = xarxa_agenda_ranked (f->store, NULL, NULL, &error);
  g_assert_cmpuint (network->len, ==, 6);

  by_kind = xarxa_agenda_to_json (f->store, n.cluster, NULL, XARXA_AGENDA_BY_KIND, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (by_kind, "title"), ==, "Shared social agenda of Clúster Aigua");
  groups = json_object_get_array_member (by_kind, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 3);   /* no innovation trend */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0), "label"), ==, "Challenge");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 2), "key"), ==, "priority");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (groups, 0),
                                                                          "items")), ==, 2);

  by_transition = xarxa_agenda_to_json (f->store, n.cluster, NULL, XARXA_AGENDA_BY_TRANSITION, &error);
  groups = json_object_get_array_member (by_transition, "groups");
  /* social, ecological, technological, then the one without. */
  g_assert_cmpuint (json_array_get_length (groups), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0), "key"), ==, "social");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 3), "label"), ==,
                   "Without a transition");

  md = xarxa_agenda_to_markdown (f->store, n.cluster, NULL, XARXA_AGENDA_BY_KIND, &error);
  g_assert_no_error (error);
  g_test_message ("%s", md);
  g_assert_true (g_str_has_prefix (md, "# Shared social agenda of Clúster Aigua\n\n## Challenge\n\n"));
  g_assert_nonnull (strstr (md, "1. Bretxa digital — supported by 2 organisations: "));
  g_assert_nonnull (strstr (md, "2. Sequera — no organisation supports it yet\n"));
  g_assert_nonnull (strstr (md, "## Priority\n\n1. Aigua pública — supported by 3 organisations: "));
  g_assert_nonnull (strstr (md, "1. Àlgebra de cures — supported by 1 organisation: Fundació Horitzó Comú\n"));

  /* A deleted meeting has no agenda to show. */
  g_assert_true (xarxa_store_delete_record (f->store, "meeting", n.meeting, &error));
  g_assert_null (xarxa_agenda_to_json (f->store, NULL, n.meeting, XARXA_AGENDA_BY_KIND, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
  network_clear (&n);
}

static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), "id"), id) == 0)
      return json_array_get_object_element (array, i);
  g_assert_not_reached ();
}

static void
test_cluster_json (Fixture       *f,
                   gconstpointer  data)
{
  Network n = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (10, G_DATE_MARCH, 2026);
  g_autoptr(JsonObject) c = NULL;
  g_autoptr(JsonObject) decision = NULL;
  g_autoptr(JsonObject) indicator = NULL;
  JsonObject *o;
  JsonArray *a;

  network_make (f->store, &n);
  c = xarxa_cluster_to_json (f->store, n.cluster, today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (c, "name"), ==, "Clúster Aigua");
  g_assert_cmpint (json_object_get_int_member (c, "member_count"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (c, "coordinators"), ==, "Fundació Horitzó Comú");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (c, "progress"), 0, 1e-9);
  a = json_object_get_array_member (c, "members");
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (a, 0), "entity_name"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "objectives")), ==, 1);

  a = json_object_get_array_member (c, "indicators");
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  o = find_by_id (a, n.women);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "progress"), 0.5, 1e-9);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "measurements")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (o, "measurements"), 0),
                                                  "measured_on"), ==, "2025-01-15");
  g_assert_cmpstr (json_object_get_string_member (o, "summary"), ==,
                   "Women on governing boards: 35 %, half way from 20 % to the target of 50 %");
  o = find_by_id (a, n.unmeasured);
  g_assert_true (json_object_get_null_member (o, "progress"));

  a = json_object_get_array_member (c, "actions");
  g_assert_true (json_object_get_boolean_member (find_by_id (a, n.late), "overdue"));
  g_assert_false (json_object_get_boolean_member (find_by_id (a, n.next), "overdue"));
  g_assert_false (json_object_get_boolean_member (find_by_id (a, n.done), "overdue"));
  g_assert_cmpstr (json_object_get_string_member (c, "next_action_id"), ==, n.late);

  a = json_object_get_array_member (c, "decisions");
  o = find_by_id (a, n.blocked);
  g_assert_false (json_object_get_boolean_member (o, "consensus"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (o, "blocked_by"), 0),
                                                  "name"), ==, "Cooperativa Terra de Vic");
  o = find_by_id (a, n.aside);
  g_assert_true (json_object_get_boolean_member (o, "consensus"));
  {
    JsonObject *who = json_array_get_object_element (json_object_get_array_member (o, "stood_aside"), 0);

    g_assert_cmpstr (json_object_get_string_member (who, "name"), ==, "Cooperativa Terra de Vic");
    g_assert_cmpstr (json_object_get_string_member (who, "note"), ==, "Ho decidirà la nostra assemblea");
  }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "positions")), ==, 2);

  a = json_object_get_array_member (c, "meetings");
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (a, 0), "agenda")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "agenda")), ==, 5);

  decision = xarxa_decision_to_json (f->store, n.aside, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (decision, "consensus"));
  indicator = xarxa_indicator_to_json (f->store, n.water, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (indicator, "progress"), -0.5, 1e-9);

  /* Not a cluster; a deleted one. */
  g_clear_pointer (&c, json_object_unref);
  c = xarxa_cluster_to_json (f->store, n.fundacio, today, &error);
  g_assert_null (c);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (xarxa_store_delete_record (f->store, "cluster", n.other, &error));
  c = xarxa_cluster_to_json (f->store, n.other, today, &error);
  g_assert_null (c);
  g_assert_cmpstr (error->message, ==, "“Clúster Habitatge” was deleted. Undo its deletion to see it.");
  network_clear (&n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cluster/progress", test_progress);
  g_test_add_func ("/cluster/latest", test_latest);
  g_test_add_func ("/cluster/summary", test_summary);
  g_test_add_func ("/cluster/overdue", test_overdue);
  g_test_add_func ("/cluster/outcome", test_outcome);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, test_store_set_up, fn, test_store_tear_down)
  ADD ("/cluster/figures", test_cluster_figures);
  ADD ("/cluster/progress-latest", test_cluster_progress_latest);
  ADD ("/cluster/agenda", test_agenda);
  ADD ("/cluster/json", test_cluster_json);
#undef ADD
  return g_test_run ();
}
