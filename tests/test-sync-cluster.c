/* test-sync-cluster.c — a cluster's records through a real xarxa-server on
 * loopback: the same membership, position or support made on two devices
 * offline ends as one record with both devices' fields, and a member
 * removed on one device while changed on another is a visible conflict.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sync-cluster"

#include "config.h"

#include <string.h>

#include "sync-harness.h"
#include "test-util.h"
#include "xarxa-cluster.h"
#include "xarxa-sync-state.h"

static char *
add (SyncDevice *d,
     const char *type,
     ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  va_list ap;
  const char *name;
  char *id;

  va_start (ap, type);
  while ((name = va_arg (ap, const char *)) != NULL)
    json_object_set_string_member (values, name, va_arg (ap, const char *));
  va_end (ap);
  id = xarxa_store_create_record (d->store, type, values, &error);
  g_assert_no_error (error);
  return id;
}

static void
set (SyncDevice *d,
     const char *type,
     const char *id,
     const char *field,
     const char *value)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (changes, field, value);
  g_assert_true (xarxa_store_update_record (d->store, type, id, changes, &error));
  g_assert_no_error (error);
}

static JsonObject *
get (SyncDevice *d,
     const char *type,
     const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *record = xarxa_store_get_record (d->store, type, id, &error);

  g_assert_no_error (error);
  return record;
}

static gint64
live (SyncDevice *d,
      const char *type,
      const char *field,
      const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = xarxa_cluster_children (d->store, type, field, id, &error);

  g_assert_no_error (error);
  return found->len;
}

typedef struct
{
  SyncServer *server;
  SyncDevice *a, *b;
  char *cluster, *fundacio, *cooperativa, *decision, *item;
} Net;

static void
net_start (Net *n)
{
  n->server = sync_server_new ();
  sync_server_start (n->server, NULL);
  n->a = sync_device_new (n->server, "anna", EDITOR_PASSWORD);
  n->b = sync_device_new (n->server, "anna", EDITOR_PASSWORD);
  n->cluster = add (n->a, "cluster", "name", "Clúster Aigua", NULL);
  n->fundacio = add (n->a, "entity", "name", "Fundació Horitzó Comú", NULL);
  n->cooperativa = add (n->a, "entity", "name", "Cooperativa Terra de Vic", NULL);
  n->decision = add (n->a, "decision", "cluster_id", n->cluster, "decision", "Calendari comú", NULL);
  n->item = add (n->a, "agenda_item", "cluster_id", n->cluster, "kind", "need", "text", "Dades obertes", NULL);
  sync_device_sync (n->a, NULL);
  sync_device_sync (n->b, NULL);
}

static void
net_stop (Net *n)
{
  sync_device_free (n->a);
  sync_device_free (n->b);
  sync_server_free (n->server);
  g_free (n->cluster);
  g_free (n->fundacio);
  g_free (n->cooperativa);
  g_free (n->decision);
  g_free (n->item);
}

static void
assert_no_conflicts (SyncDevice *d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) list = xarxa_sync_state_list_conflicts (d->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (list), ==, 0);
}

/* Both devices add the same organisation to the same cluster offline,
 * each with a field of its own: one membership, both fields. */
static void
test_same_member (void)
{
  Net n = { 0 };
  g_autofree char *on_a = NULL;
  g_autofree char *on_b = NULL;
  g_autoptr(JsonObject) ra = NULL;
  g_autoptr(JsonObject) rb = NULL;

  net_start (&n);
  on_a = add (n.a, "cluster_member", "cluster_id", n.cluster, "entity_id", n.fundacio, "role", "coordinator", NULL);
  on_b = add (n.b, "cluster_member", "cluster_id", n.cluster, "entity_id", n.fundacio,
              "commitment", "Una tècnica dos dies al mes", NULL);
  g_assert_cmpstr (on_a, ==, on_b);
  sync_device_sync (n.a, NULL);
  sync_device_sync (n.b, NULL);
  sync_device_sync (n.a, NULL);

  g_assert_cmpint (live (n.a, "cluster_member", "cluster_id", n.cluster), ==, 1);
  g_assert_cmpint (live (n.b, "cluster_member", "cluster_id", n.cluster), ==, 1);
  ra = get (n.a, "cluster_member", on_a);
  rb = get (n.b, "cluster_member", on_a);
  g_assert_cmpstr (json_object_get_string_member (ra, "role"), ==, "coordinator");
  g_assert_cmpstr (json_object_get_string_member (ra, "commitment"), ==, "Una tècnica dos dies al mes");
  g_assert_cmpstr (json_object_get_string_member (rb, "role"), ==, "coordinator");
  g_assert_cmpstr (json_object_get_string_member (rb, "commitment"), ==, "Una tècnica dos dies al mes");
  assert_no_conflicts (n.a);
  assert_no_conflicts (n.b);
  net_stop (&n);
}

/* The same for a position on a decision and a support of an agenda item. */
static void
test_same_position_and_support (void)
{
  Net n = { 0 };
  g_autofree char *pa = NULL;
  g_autofree char *pb = NULL;
  g_autofree char *sa = NULL;
  g_autofree char *sb = NULL;
  g_autoptr(JsonObject) position = NULL;

  net_start (&n);
  g_free (add (n.a, "cluster_member", "cluster_id", n.cluster, "entity_id", n.cooperativa, NULL));
  sync_device_sync (n.a, NULL);
  sync_device_sync (n.b, NULL);

  pa = add (n.a, "decision_position", "decision_id", n.decision, "entity_id", n.cooperativa,
            "position", "stand-aside", NULL);
  pb = add (n.b, "decision_position", "decision_id", n.decision, "entity_id", n.cooperativa,
            "position", "stand-aside", "note", "Ho decidirà l’assemblea", NULL);
  sa = add (n.a, "agenda_support", "agenda_item_id", n.item, "entity_id", n.cooperativa, NULL);
  sb = add (n.b, "agenda_support", "agenda_item_id", n.item, "entity_id", n.cooperativa, NULL);
  g_assert_cmpstr (pa, ==, pb);
  g_assert_cmpstr (sa, ==, sb);
  sync_device_sync (n.a, NULL);
  sync_device_sync (n.b, NULL);
  sync_device_sync (n.a, NULL);

  for (guint i = 0; i < 2; i++)
    {
      SyncDevice *d = i == 0 ? n.a : n.b;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) agenda = NULL;

      g_assert_cmpint (live (d, "decision_position", "decision_id", n.decision), ==, 1);
      g_assert_cmpint (live (d, "agenda_support", "agenda_item_id", n.item), ==, 1);
      position = get (d, "decision_position", pa);
      g_assert_cmpstr (json_object_get_string_member (position, "note"), ==, "Ho decidirà l’assemblea");
      g_clear_pointer (&position, json_object_unref);
      /* The agenda counts the organisation once. */
      agenda = xarxa_agenda_ranked (d->store, n.cluster, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (agenda, 0), "support_count"), ==, 1);
      assert_no_conflicts (d);
    }
  net_stop (&n);
}

/* A member removed on one device while its role changes on another: the
 * change is kept and a person is asked. */
static void
test_remove_against_role (void)
{
  Net n = { 0 };
  g_autofree char *member = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(JsonObject) record = NULL;
  XarxaSyncStats stats = { 0 };

  net_start (&n);
  member = add (n.a, "cluster_member", "cluster_id", n.cluster, "entity_id", n.fundacio, "role", "member", NULL);
  sync_device_sync (n.a, NULL);
  sync_device_sync (n.b, NULL);

  g_assert_true (xarxa_store_delete_record (n.a->store, "cluster_member", member, &error));
  g_assert_no_error (error);
  set (n.b, "cluster_member", member, "role", "coordinator");
  sync_device_sync (n.a, NULL);
  sync_device_sync (n.b, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  list = xarxa_sync_state_list_conflicts (n.b->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  {
    JsonObject *c = json_array_get_object_element (list, 0);

    g_assert_cmpstr (json_object_get_string_member (c, "type"), ==, "cluster_member");
    g_assert_cmpstr (json_object_get_string_member (c, "record_id"), ==, member);
    g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, "edit-delete");
  }
  /* Nothing lost while it waits. */
  record = get (n.b, "cluster_member", member);
  g_assert_false (json_object_get_boolean_member (record, "deleted"));
  g_assert_cmpstr (json_object_get_string_member (record, "role"), ==, "coordinator");
  net_stop (&n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-cluster/same-member", test_same_member);
  g_test_add_func ("/sync-cluster/same-position-and-support", test_same_position_and_support);
  g_test_add_func ("/sync-cluster/remove-against-role", test_remove_against_role);
  return g_test_run ();
}
