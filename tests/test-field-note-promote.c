/* test-field-note-promote.c — a field note promoted to a cluster's or the
 * network's agenda: the item keeps the note, each tells of the other, and
 * a second promotion, a wrong kind or an unknown cluster write nothing.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "xarxa-field-note-promote.h"
#include "xarxa-values.h"

typedef TestStore Fixture;

static char *
create (XarxaStore *store,
        const char *type_name,
        ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list args;
  char *id;

  va_start (args, type_name);
  while ((name = va_arg (args, const char *)) != NULL)
    json_object_set_string_member (values, name, va_arg (args, const char *));
  va_end (args);
  id = xarxa_store_create_record (store, type_name, values, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_promote (Fixture      *f,
              gconstpointer data)
{
  g_autofree char *mission = create (f->store, "mission", "title", "Economia social a Montréal", NULL);
  g_autofree char *cluster = create (f->store, "cluster", "name", "Clúster Aigua", NULL);
  g_autofree char *note = create (f->store, "field_note", "mission_id", mission,
                                  "text", "Cooperatives run the housing", NULL);
  g_autofree char *other = create (f->store, "field_note", "mission_id", mission, "text", "Food banks", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *network_id = NULL;
  g_autofree char *where = NULL;
  g_autofree char *source = NULL;
  g_autoptr(JsonObject) item = NULL;

  g_assert_null (xarxa_field_note_describe_item (f->store, note));

  item_id = xarxa_field_note_promote (f->store, note, cluster, "challenge", &error);
  g_assert_no_error (error);
  item = xarxa_store_get_record (f->store, "agenda_item", item_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (xarxa_value_string_of (item, "field_note_id"), ==, note);
  g_assert_cmpstr (xarxa_value_string_of (item, "cluster_id"), ==, cluster);
  g_assert_cmpstr (xarxa_value_string_of (item, "kind"), ==, "challenge");
  g_assert_cmpstr (xarxa_value_string_of (item, "text"), ==, "Cooperatives run the housing");

  where = xarxa_field_note_describe_item (f->store, note);
  g_assert_cmpstr (where, ==, "On the agenda of Clúster Aigua");
  source = xarxa_agenda_item_source (f->store, item);
  g_assert_cmpstr (source, ==, "From a field note of Economia social a Montréal: “Cooperatives run the housing”");

  /* The network's agenda: no cluster. */
  network_id = xarxa_field_note_promote (f->store, other, NULL, "innovation-trend", &error);
  g_assert_no_error (error);
  g_clear_pointer (&where, g_free);
  where = xarxa_field_note_describe_item (f->store, other);
  g_assert_cmpstr (where, ==, "On the network’s agenda");
  g_assert_cmpint (xarxa_store_count (f->store, "agenda_item"), ==, 2);
}

static void
test_refused (Fixture      *f,
              gconstpointer data)
{
  g_autofree char *mission = create (f->store, "mission", "title", "Dakar", NULL);
  g_autofree char *note = create (f->store, "field_note", "mission_id", mission, "text", "Tontines", NULL);
  g_autofree char *first = NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  id = xarxa_field_note_promote (f->store, note, NULL, "wish", &error);
  g_assert_null (id);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "innovation-trend"));
  g_clear_error (&error);

  id = xarxa_field_note_promote (f->store, note, "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a11", "need", &error);
  g_assert_null (id);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  id = xarxa_field_note_promote (f->store, "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a11", NULL, "need", &error);
  g_assert_null (id);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (xarxa_store_count (f->store, "agenda_item"), ==, 0);

  first = xarxa_field_note_promote (f->store, note, NULL, "need", &error);
  g_assert_no_error (error);
  id = xarxa_field_note_promote (f->store, note, NULL, "priority", &error);
  g_assert_null (id);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "network’s agenda"));
  g_assert_cmpint (xarxa_store_count (f->store, "agenda_item"), ==, 1);

  /* Once the item is deleted, the note can go on an agenda again. */
  g_clear_error (&error);
  g_assert_true (xarxa_store_delete_record (f->store, "agenda_item", first, &error));
  id = xarxa_field_note_promote (f->store, note, NULL, "priority", &error);
  g_assert_no_error (error);
  /* The same item, come back as it is now. */
  g_assert_cmpstr (id, ==, first);
  {
    g_autoptr(JsonObject) item = xarxa_store_get_live_record (f->store, "agenda_item", id);

    g_assert_nonnull (item);
    g_assert_cmpstr (xarxa_value_string_of (item, "kind"), ==, "priority");
  }
  g_assert_cmpint (xarxa_store_count (f->store, "agenda_item"), ==, 1);
  g_free (id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/field-note-promote/promote", Fixture, NULL, test_store_set_up, test_promote, test_store_tear_down);
  g_test_add ("/field-note-promote/refused", Fixture, NULL, test_store_set_up, test_refused, test_store_tear_down);

  return g_test_run ();
}
