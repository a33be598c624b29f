/* test-cluster-rules.c — a cluster's records through the store: ids made
 * from their pair, the same pair refused or brought back, and the rules
 * across records, each refused with one message and nothing written.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cluster-rules"

#include "config.h"

#include <string.h>

#include "test-util.h"
#include "xarxa-store.h"

typedef TestStore Fixture;

/* Makes a record from NULL-terminated name, value pairs (text values). */
static char *
try_add (XarxaStore  *store,
         const char  *type,
         GError     **error,
         ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  va_list ap;
  const char *name;

  va_start (ap, error);
  while ((name = va_arg (ap, const char *)) != NULL)
    json_object_set_string_member (values, name, va_arg (ap, const char *));
  va_end (ap);
  return xarxa_store_create_record (store, type, values, error);
}

#define add(store, type, ...) add_ok (try_add (store, type, &error, __VA_ARGS__, NULL), error)

static char *
add_ok (char   *id,
        GError *error)
{
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

typedef struct
{
  char *aigua, *habitatge;        /* clusters */
  char *fundacio, *cooperativa, *ateneu; /* organisations */
  char *member;                   /* Fundació in Aigua */
} Network;

static void
network_clear (Network *n)
{
  g_free (n->aigua);
  g_free (n->habitatge);
  g_free (n->fundacio);
  g_free (n->cooperativa);
  g_free (n->ateneu);
  g_free (n->member);
}

static void
network_make (XarxaStore *store,
              Network    *n)
{
  g_autoptr(GError) error = NULL;

  n->aigua = add (store, "cluster", "name", "Clúster Aigua");
  n->habitatge = add (store, "cluster", "name", "Clúster Habitatge");
  n->fundacio = add (store, "entity", "name", "Fundació Horitzó Comú");
  n->cooperativa = add (store, "entity", "name", "Cooperativa Terra de Vic");
  n->ateneu = add (store, "entity", "name", "Ateneu Digital");
  n->member = add (store, "cluster_member", "cluster_id", n->aigua, "entity_id", n->fundacio,
                   "role", "coordinator");
}

static gint64
outbox (XarxaStore *store)
{
  return xarxa_store_count_outbox (store);
}

/* A refusal: the message, and nothing written (no record, no outbox). */
static void
assert_refused (XarxaStore  *store,
                const char  *type,
                GError      *error,
                char        *id,
                gint64       count_before,
                gint64       outbox_before,
                const char  *message)
{
  g_assert_null (id);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpint (xarxa_store_count (store, type), ==, count_before);
  g_assert_cmpint (outbox (store), ==, outbox_before);
}

static void
test_pair_id (Fixture       *f,
              gconstpointer  data)
{
  Network n = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;
  g_autofree char *expected = NULL;
  const XarxaRecordType *type = xarxa_schema_lookup ("cluster_member");

  network_make (f->store, &n);
  /* The id is the pair's, a version-5 UUID, the same on any device. */
  expected = xarxa_record_type_pair_id (type, n.aigua, n.fundacio);
  g_assert_cmpstr (n.member, ==, expected);
  g_assert_true (g_uuid_string_is_valid (n.member));
  g_assert_cmpint (n.member[14], ==, '5');
  g_assert_true (strchr ("89ab", n.member[19]) != NULL);
  {
    g_autofree char *upper = g_ascii_strup (n.aigua, -1);
    g_autofree char *same = xarxa_record_type_pair_id (type, upper, n.fundacio);
    g_autofree char *other = xarxa_record_type_pair_id (type, n.habitatge, n.fundacio);
    g_autofree char *swapped = xarxa_record_type_pair_id (type, n.fundacio, n.aigua);
    g_autofree char *support = xarxa_record_type_pair_id (xarxa_schema_lookup ("agenda_support"),
                                                          n.aigua, n.fundacio);

    g_assert_cmpstr (same, ==, n.member);
    g_assert_cmpstr (other, !=, n.member);
    g_assert_cmpstr (swapped, !=, n.member);
    g_assert_cmpstr (support, !=, n.member);
  }
  /* A fixed pair gives a fixed id: the derivation never changes, or two
   * versions of Xarxa would make two records. */
  {
    g_autofree char *fixed = xarxa_record_type_pair_id (type, "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a01",
                                                        "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a02");
    g_autofree char *fixed_upper = xarxa_record_type_pair_id (type, "0B0E5A6E-8C47-4C1E-9D0F-3F1F4E1F7A01",
                                                              "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a02");

    g_assert_true (g_uuid_string_is_valid (fixed));
    g_assert_cmpstr (fixed, ==, fixed_upper);
  }

  /* The same organisation in another cluster is another record. */
  again = add (f->store, "cluster_member", "cluster_id", n.habitatge, "entity_id", n.fundacio);
  g_assert_cmpstr (again, !=, n.member);
  network_clear (&n);
}

static void
test_pair_twice (Fixture       *f,
                 gconstpointer  data)
{
  Network n = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *id = NULL;
  gint64 members, pending;

  network_make (f->store, &n);
  members = xarxa_store_count (f->store, "cluster_member");
  pending = outbox (f->store);
  id = try_add (f->store, "cluster_member", &error, "cluster_id", n.aigua, "entity_id", n.fundacio,
                "role", "member", NULL);
  assert_refused (f->store, "cluster_member", error, id, members, pending,
                  "Fundació Horitzó Comú is already a member of Clúster Aigua.");
  g_assert_true (g_error_matches (error, XARXA_ERROR, XARXA_ERROR_DUPLICATE));
  g_clear_error (&error);
  /* The first stays as it was. */
  record = xarxa_store_get_record (f->store, "cluster_member", n.member, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (record, "role"), ==, "coordinator");
  g_clear_pointer (&record, json_object_unref);

  /* Removed, then added again: the same record comes back, with the new
   * values, and nothing is refused. */
  g_assert_true (xarxa_store_delete_record (f->store, "cluster_member", n.member, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (f->store, "cluster_member"), ==, members - 1);
  id = try_add (f->store, "cluster_member", &error, "cluster_id", n.aigua, "entity_id", n.fundacio,
                "role", "observer", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, n.member);
  g_assert_cmpint (xarxa_store_count (f->store, "cluster_member"), ==, members);
  record = xarxa_store_get_record (f->store, "cluster_member", n.member, &error);
  g_assert_false (json_object_get_boolean_member (record, "deleted"));
  g_assert_cmpstr (json_object_get_string_member (record, "role"), ==, "observer");
  g_clear_pointer (&record, json_object_unref);

  /* The organisation deleted since: the membership's role still changes. */
  {
    g_autoptr(JsonObject) changes = json_object_new ();

    g_assert_true (xarxa_store_delete_record (f->store, "entity", n.fundacio, &error));
    json_object_set_string_member (changes, "role", "member");
    g_assert_true (xarxa_store_update_record (f->store, "cluster_member", n.member, changes, &error));
    g_assert_no_error (error);
    g_assert_true (xarxa_store_undelete_record (f->store, "entity", n.fundacio, &error));
  }

  /* The pair cannot be changed under its id. */
  {
    g_autoptr(JsonObject) changes = json_object_new ();

    json_object_set_string_member (changes, "entity_id", n.cooperativa);
    pending = outbox (f->store);
    g_assert_false (xarxa_store_update_record (f->store, "cluster_member", n.member, changes, &error));
    g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
    g_assert_cmpint (outbox (f->store), ==, pending);
    g_clear_error (&error);
  }
  network_clear (&n);
}

static void
test_member_rules (Fixture       *f,
                   gconstpointer  data)
{
  Network n = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 members, pending;

  network_make (f->store, &n);
  members = xarxa_store_count (f->store, "cluster_member");
  pending = outbox (f->store);

  id = try_add (f->store, "cluster_member", &error, "cluster_id", n.aigua,
                "entity_id", "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a99", NULL);
  assert_refused (f->store, "cluster_member", error, id, members, pending,
                  "There is no organisation with the id “0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a99”. "
                  "Add the organisation to the directory first.");
  g_clear_error (&error);

  g_assert_true (xarxa_store_delete_record (f->store, "entity", n.ateneu, &error));
  pending = outbox (f->store);
  id = try_add (f->store, "cluster_member", &error, "cluster_id", n.aigua, "entity_id", n.ateneu, NULL);
  assert_refused (f->store, "cluster_member", error, id, members, pending,
                  "The organisation “Ateneu Digital” was deleted. Undo its deletion first, "
                  "or choose another organisation.");
  g_clear_error (&error);

  id = try_add (f->store, "cluster_member", &error, "cluster_id", n.fundacio, "entity_id", n.cooperativa, NULL);
  {
    g_autofree char *message = g_strdup_printf ("There is no cluster with the id “%s”.", n.fundacio);

    assert_refused (f->store, "cluster_member", error, id, members, pending, message);
  }
  g_clear_error (&error);

  /* A membership made with an id of its own (an import, an older
   * version) still counts as the pair. */
  {
    g_autoptr(JsonObject) values = json_object_new ();

    json_object_set_string_member (values, "id", "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a55");
    json_object_set_string_member (values, "cluster_id", n.aigua);
    json_object_set_string_member (values, "entity_id", n.fundacio);
    id = xarxa_store_create_record (f->store, "cluster_member", values, &error);
    assert_refused (f->store, "cluster_member", error, id, members, pending,
                    "Fundació Horitzó Comú is already a member of Clúster Aigua.");
    g_clear_error (&error);
  }
  network_clear (&n);
}

static void
test_position_rules (Fixture       *f,
                     gconstpointer  data)
{
  Network n = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *decision = NULL;
  g_autofree char *position = NULL;
  g_autofree char *id = NULL;
  gint64 pending;

  network_make (f->store, &n);
  decision = add (f->store, "decision", "cluster_id", n.aigua, "decision", "Compartim un tècnic de dades");
  position = add (f->store, "decision_position", "decision_id", decision, "entity_id", n.fundacio,
                  "position", "agree");
  g_assert_cmpint (xarxa_store_count (f->store, "decision_position"), ==, 1);
  pending = outbox (f->store);

  /* Not a member of the decision's cluster. */
  id = try_add (f->store, "decision_position", &error, "decision_id", decision, "entity_id", n.cooperativa,
                "position", "block", NULL);
  assert_refused (f->store, "decision_position", error, id, 1, pending,
                  "Cooperativa Terra de Vic is not a member of Clúster Aigua, so it takes no position "
                  "on its decisions. Add it to the cluster first.");
  g_clear_error (&error);
  /* A member of another cluster is not one of this. */
  g_free (add (f->store, "cluster_member", "cluster_id", n.habitatge, "entity_id", n.cooperativa));
  pending = outbox (f->store);
  id = try_add (f->store, "decision_position", &error, "decision_id", decision, "entity_id", n.cooperativa,
                "position", "block", NULL);
  assert_refused (f->store, "decision_position", error, id, 1, pending,
                  "Cooperativa Terra de Vic is not a member of Clúster Aigua, so it takes no position "
                  "on its decisions. Add it to the cluster first.");
  g_clear_error (&error);

  /* Twice. */
  id = try_add (f->store, "decision_position", &error, "decision_id", decision, "entity_id", n.fundacio,
                "position", "block", NULL);
  assert_refused (f->store, "decision_position", error, id, 1, pending,
                  "Fundació Horitzó Comú has already taken a position on “Compartim un tècnic de dades”.");
  g_clear_error (&error);

  /* No such decision; no position given. */
  id = try_add (f->store, "decision_position", &error, "decision_id", n.aigua, "entity_id", n.fundacio,
                "position", "agree", NULL);
  {
    g_autofree char *message = g_strdup_printf ("There is no decision with the id “%s”.", n.aigua);

    assert_refused (f->store, "decision_position", error, id, 1, pending, message);
  }
  g_clear_error (&error);
  id = try_add (f->store, "decision_position", &error, "decision_id", decision, "entity_id", n.fundacio, NULL);
  g_assert_null (id);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (outbox (f->store), ==, pending);

  /* A position changes like any record. */
  {
    g_autoptr(JsonObject) changes = json_object_new ();

    json_object_set_string_member (changes, "position", "stand-aside");
    json_object_set_string_member (changes, "note", "No tenim pressupost aquest any.");
    g_assert_true (xarxa_store_update_record (f->store, "decision_position", position, changes, &error));
    g_assert_no_error (error);
  }
  network_clear (&n);
}

static void
test_measurement_rules (Fixture       *f,
                        gconstpointer  data)
{
  Network n = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *indicator = NULL;
  g_autofree char *id = NULL;
  gint64 pending;

  network_make (f->store, &n);
  indicator = add (f->store, "indicator", "cluster_id", n.aigua, "name", "Litres per persona i dia");
  g_free (add (f->store, "indicator_value", "indicator_id", indicator, "measured_on", "2026-01-10"));
  g_free (add (f->store, "indicator_value", "indicator_id", indicator, "cluster_id", n.aigua,
               "measured_on", "2026-02-10"));
  pending = outbox (f->store);

  id = try_add (f->store, "indicator_value", &error, "indicator_id", indicator, "cluster_id", n.habitatge,
                "measured_on", "2026-03-10", NULL);
  assert_refused (f->store, "indicator_value", error, id, 2, pending,
                  "The indicator “Litres per persona i dia” belongs to Clúster Aigua, not to Clúster Habitatge. "
                  "Record the measurement in its own cluster.");
  g_clear_error (&error);
  {
    g_autofree char *m = add (f->store, "indicator_value", "indicator_id", indicator, "measured_on", "2026-04-10");
    g_autoptr(JsonObject) changes = json_object_new ();

    pending = outbox (f->store);
    json_object_set_string_member (changes, "cluster_id", n.habitatge);
    g_assert_false (xarxa_store_update_record (f->store, "indicator_value", m, changes, &error));
    g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
    g_assert_cmpint (outbox (f->store), ==, pending);
    g_clear_error (&error);
    g_assert_true (xarxa_store_delete_record (f->store, "indicator_value", m, &error));
    pending = outbox (f->store);
  }
  id = try_add (f->store, "indicator_value", &error, "indicator_id", n.aigua, "measured_on", "2026-03-10", NULL);
  {
    g_autofree char *message = g_strdup_printf ("There is no indicator with the id “%s”.", n.aigua);

    assert_refused (f->store, "indicator_value", error, id, 2, pending, message);
  }
  g_clear_error (&error);
  network_clear (&n);
}

static void
test_support_rules (Fixture       *f,
                    gconstpointer  data)
{
  Network n = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *item = NULL;
  g_autofree char *id = NULL;
  gint64 pending;

  network_make (f->store, &n);
  item = add (f->store, "agenda_item", "kind", "need", "text", "Habitatge assequible per a joves");
  g_free (add (f->store, "agenda_support", "agenda_item_id", item, "entity_id", n.fundacio));
  /* Any organisation may support a network-wide item, member or not. */
  g_free (add (f->store, "agenda_support", "agenda_item_id", item, "entity_id", n.cooperativa));
  pending = outbox (f->store);

  id = try_add (f->store, "agenda_support", &error, "agenda_item_id", item,
                "entity_id", "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a98", NULL);
  assert_refused (f->store, "agenda_support", error, id, 2, pending,
                  "There is no organisation with the id “0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a98”. "
                  "Add the organisation to the directory first.");
  g_clear_error (&error);
  id = try_add (f->store, "agenda_support", &error, "agenda_item_id", item, "entity_id", n.fundacio, NULL);
  assert_refused (f->store, "agenda_support", error, id, 2, pending,
                  "Fundació Horitzó Comú already supports “Habitatge assequible per a joves”.");
  g_clear_error (&error);
  network_clear (&n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, test_store_set_up, fn, test_store_tear_down)
  ADD ("/cluster-rules/pair-id", test_pair_id);
  ADD ("/cluster-rules/pair-twice", test_pair_twice);
  ADD ("/cluster-rules/member", test_member_rules);
  ADD ("/cluster-rules/position", test_position_rules);
  ADD ("/cluster-rules/measurement", test_measurement_rules);
  ADD ("/cluster-rules/support", test_support_rules);
#undef ADD
  return g_test_run ();
}
