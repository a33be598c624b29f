/* test-sync-field-notes.c — field notes and their promotion across two
 * devices and the real xarxa-server: a note with the new person met and
 * their new organisation arrives whole; the same note promoted on both
 * devices before they sync ends as one agenda item, which still tells
 * where it came from.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sync-harness.h"
#include "test-util.h"
#include "xarxa-field-note-promote.h"
#include "xarxa-sync-state.h"
#include "xarxa-values.h"

static char *
add (SyncDevice *d,
     const char *type,
     ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list ap;
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
test_promoted_on_both (void)
{
  SyncServer *server = sync_server_new ();
  SyncDevice *a, *b;
  g_autofree char *mission = NULL;
  g_autofree char *cluster = NULL;
  g_autofree char *note = NULL;
  g_autofree char *on_a = NULL;
  g_autofree char *on_b = NULL;
  g_autofree char *source = NULL;
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(GError) error = NULL;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  mission = add (a, "mission", "title", "Economia social a Dakar", NULL);
  cluster = add (a, "cluster", "name", "Clúster Alimentació", NULL);
  note = add (a, "field_note", "mission_id", mission, "written_at", "2026-05-04T10:30",
              "text", "Tontines finance the market women", NULL);
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);

  /* Both promote it, offline, to the same agenda. */
  on_a = xarxa_field_note_promote (a->store, note, cluster, "innovation-trend", &error);
  g_assert_no_error (error);
  on_b = xarxa_field_note_promote (b->store, note, cluster, "innovation-trend", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (on_a, ==, on_b);
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);
  sync_device_sync (a, NULL);

  /* One item on each device, no conflict, the note named on both. */
  g_assert_cmpint (xarxa_store_count (a->store, "agenda_item"), ==, 1);
  g_assert_cmpint (xarxa_store_count (b->store, "agenda_item"), ==, 1);
  g_assert_cmpint (xarxa_sync_state_count_conflicts (a->store), ==, 0);
  g_assert_cmpint (xarxa_sync_state_count_conflicts (b->store), ==, 0);
  item = xarxa_store_get_live_record (b->store, "agenda_item", on_a);
  g_assert_nonnull (item);
  g_assert_cmpstr (xarxa_value_string_of (item, "field_note_id"), ==, note);
  source = xarxa_agenda_item_source (b->store, item);
  g_assert_cmpstr (source, ==, "From a field note of Economia social a Dakar: “Tontines finance the market women”");

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-field-notes/promoted-on-both", test_promoted_on_both);
  return g_test_run ();
}
