/* test-mission-cluster.c — after a mission: who was met on it, and a
 * cluster started from it with its hosts as members.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "xarxa-cluster.h"
#include "xarxa-error.h"
#include "xarxa-mission-cluster.h"
#include "xarxa-values.h"

typedef TestStore Fixture;

static char *
create (XarxaStore *store,
        const char *type_name,
        ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *field;
  char *id;
  va_list args;

  va_start (args, type_name);
  while ((field = va_arg (args, const char *)) != NULL)
    json_object_set_string_member (values, field, va_arg (args, const char *));
  va_end (args);

  id = xarxa_store_create_record (store, type_name, values, &error);
  g_assert_no_error (error);
  return id;
}

/* A past mission to Dakar: two stops hosted by Enda (one by its contact
 * Awa), one by Caritas, one with no host; a note. */
typedef struct
{
  char *mission, *enda, *caritas, *unrelated, *awa;
} Dakar;

static void
dakar_clear (Dakar *d)
{
  g_free (d->mission);
  g_free (d->enda);
  g_free (d->caritas);
  g_free (d->unrelated);
  g_free (d->awa);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Dakar, dakar_clear)

static void
make_dakar (XarxaStore *store,
            Dakar      *d)
{
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL, *note = NULL;

  d->mission = create (store, "mission", "title", "Dakar 2025", "country", "SN", "city", "Dakar",
                       "time_zone", "Africa/Dakar", "start_date", "2025-11-03", "end_date", "2025-11-07",
                       "status", "completed", NULL);
  d->enda = test_add_entity (store, "Enda Tiers Monde", "Dakar");
  d->caritas = test_add_entity (store, "Caritas Sénégal", "Dakar");
  d->unrelated = test_add_entity (store, "Fundació Lluny", "Girona");
  d->awa = create (store, "contact", "full_name", "Awa Diop", "entity_id", d->enda, NULL);
  /* Caritas's stop comes first in time, though made last. */
  s1 = create (store, "itinerary_stop", "mission_id", d->mission, "title", "Workshop",
               "starts_at", "2025-11-04T10:00", "ends_at", "2025-11-04T12:00",
               "host_entity_id", d->enda, "host_contact_id", d->awa, NULL);
  s2 = create (store, "itinerary_stop", "mission_id", d->mission, "title", "Visit",
               "starts_at", "2025-11-05T10:00", "ends_at", "2025-11-05T12:00",
               "host_entity_id", d->enda, NULL);
  s3 = create (store, "itinerary_stop", "mission_id", d->mission, "title", "Free time",
               "starts_at", "2025-11-05T15:00", "ends_at", "2025-11-05T18:00", NULL);
  s4 = create (store, "itinerary_stop", "mission_id", d->mission, "title", "Cooperative",
               "starts_at", "2025-11-03T09:00", "ends_at", "2025-11-03T11:00",
               "host_entity_id", d->caritas, NULL);
  note = create (store, "field_note", "mission_id", d->mission, "stop_id", s1,
                 "text", "Savings groups run by women.", NULL);
}

static void
test_people_met (Fixture      *f,
                 gconstpointer data)
{
  g_auto(Dakar) d = { 0 };
  g_autoptr(GPtrArray) met = NULL;
  g_autoptr(GError) error = NULL;
  XarxaMissionMet *m;

  make_dakar (f->store, &d);
  met = xarxa_mission_people_met (f->store, d.mission, &error);
  g_assert_no_error (error);
  /* Each once, organisations first, by name: not the unrelated one. */
  g_assert_cmpuint (met->len, ==, 3);
  m = met->pdata[0];
  g_assert_cmpstr (m->type_name, ==, "entity");
  g_assert_cmpstr (m->title, ==, "Caritas Sénégal");
  g_assert_true (m->host);
  m = met->pdata[1];
  g_assert_cmpstr (m->title, ==, "Enda Tiers Monde");
  m = met->pdata[2];
  g_assert_cmpstr (m->type_name, ==, "contact");
  g_assert_cmpstr (m->title, ==, "Awa Diop");
  g_assert_cmpstr (m->entity_id, ==, d.enda);

  g_clear_pointer (&met, g_ptr_array_unref);
  met = xarxa_mission_people_met (f->store, "no-such-mission", &error);
  g_assert_null (met);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
}

/* The people a note names as met join the list, with their organisation;
 * a person is named once per note; a deleted contact or note drops out. */
static void
test_people_met_in_notes (Fixture      *f,
                          gconstpointer data)
{
  g_auto(Dakar) d = { 0 };
  g_autoptr(GPtrArray) met = NULL;
  g_autoptr(GPtrArray) named = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cooperative = NULL, *fatou = NULL, *moussa = NULL, *note = NULL, *other_note = NULL;
  XarxaMissionMet *m;

  make_dakar (f->store, &d);
  cooperative = test_add_entity (f->store, "Coopérative Yaakaar", "Thiès");
  fatou = create (f->store, "contact", "full_name", "Fatou Ndiaye", "entity_id", cooperative, NULL);
  moussa = create (f->store, "contact", "full_name", "Moussa Sow", NULL);
  note = create (f->store, "field_note", "mission_id", d.mission, "text", "Met two organisers.", NULL);
  other_note = create (f->store, "field_note", "mission_id", d.mission, "text", "Lunch.", NULL);
  g_assert_true (xarxa_field_note_add_person (f->store, note, fatou, &error));
  g_assert_no_error (error);
  g_assert_true (xarxa_field_note_add_person (f->store, note, moussa, &error));
  g_assert_no_error (error);
  g_assert_true (xarxa_field_note_add_person (f->store, other_note, fatou, &error));
  g_assert_no_error (error);

  /* Named twice on one note: refused, nothing written. */
  g_assert_false (xarxa_field_note_add_person (f->store, note, fatou, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Fatou Ndiaye is already among the people met"));
  g_clear_error (&error);
  g_assert_cmpint (xarxa_store_count (f->store, "field_note_person"), ==, 3);
  /* A person who is not in the directory cannot be named. */
  g_assert_false (xarxa_field_note_add_person (f->store, note, "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a99", &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_clear_error (&error);

  named = xarxa_field_note_people (f->store, note, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (named->len, ==, 2);
  g_assert_cmpstr (named->pdata[0], ==, fatou);
  g_assert_cmpstr (named->pdata[1], ==, moussa);

  /* Caritas, Coopérative Yaakaar, Enda; then Awa, Fatou, Moussa: each once. */
  met = xarxa_mission_people_met (f->store, d.mission, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (met->len, ==, 6);
  m = met->pdata[1];
  g_assert_cmpstr (m->title, ==, "Coopérative Yaakaar");
  g_assert_false (m->host);
  m = met->pdata[4];
  g_assert_cmpstr (m->title, ==, "Fatou Ndiaye");
  g_assert_cmpstr (m->entity_id, ==, cooperative);
  m = met->pdata[5];
  g_assert_cmpstr (m->title, ==, "Moussa Sow");

  /* Moussa deleted from the directory, the first note deleted: Fatou stays
   * through the other note, Moussa goes. */
  g_assert_true (xarxa_store_delete_record (f->store, "contact", moussa, &error));
  g_assert_no_error (error);
  g_clear_pointer (&named, g_ptr_array_unref);
  named = xarxa_field_note_people (f->store, note, &error);
  g_assert_cmpuint (named->len, ==, 1);
  g_assert_true (xarxa_store_delete_record (f->store, "field_note", note, &error));
  g_assert_no_error (error);
  g_clear_pointer (&met, g_ptr_array_unref);
  met = xarxa_mission_people_met (f->store, d.mission, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (met->len, ==, 5);
  m = met->pdata[4];
  g_assert_cmpstr (m->title, ==, "Fatou Ndiaye");
}

static void
test_host_ids (Fixture      *f,
               gconstpointer data)
{
  g_auto(Dakar) d = { 0 };
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  make_dakar (f->store, &d);
  /* A deleted host is not offered. */
  ids = xarxa_mission_host_entity_ids (f->store, d.mission, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  /* In the order of the itinerary. */
  g_assert_cmpstr (ids->pdata[0], ==, d.caritas);
  g_assert_cmpstr (ids->pdata[1], ==, d.enda);

  g_assert_true (xarxa_store_delete_record (f->store, "entity", d.caritas, &error));
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = xarxa_mission_host_entity_ids (f->store, d.mission, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (ids->pdata[0], ==, d.enda);
}

static void
test_is_over (void)
{
  g_autoptr(JsonObject) m = json_object_new ();

  /* No dates, not completed: not over. */
  json_object_set_string_member (m, "status", "planning");
  g_assert_false (xarxa_mission_is_over (m, "2026-12-06"));
  json_object_set_string_member (m, "start_date", "2026-12-01");
  g_assert_true (xarxa_mission_is_over (m, "2026-12-06"));
  json_object_set_string_member (m, "end_date", "2026-12-06");
  /* Its last day is not past yet. */
  g_assert_false (xarxa_mission_is_over (m, "2026-12-06"));
  g_assert_true (xarxa_mission_is_over (m, "2026-12-07"));
  json_object_set_string_member (m, "end_date", "2027-01-10");
  json_object_set_string_member (m, "status", "completed");
  g_assert_true (xarxa_mission_is_over (m, "2026-12-06"));
}

static void
test_start_cluster (Fixture      *f,
                    gconstpointer data)
{
  g_auto(Dakar) d = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) cluster = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *cluster_id = NULL;
  const char *chosen[3];

  make_dakar (f->store, &d);
  chosen[0] = d.enda;
  chosen[1] = d.caritas;
  chosen[2] = NULL;
  cluster_id = xarxa_mission_start_cluster (f->store, d.mission, chosen, "2026-12-06", &error);
  g_assert_no_error (error);
  g_assert_nonnull (cluster_id);

  cluster = xarxa_store_get_live_record (f->store, "cluster", cluster_id);
  g_assert_cmpstr (xarxa_value_string_of (cluster, "name"), ==, "Dakar 2025");
  g_assert_cmpstr (xarxa_value_string_of (cluster, "status"), ==, "forming");
  g_assert_cmpstr (xarxa_value_string_of (cluster, "start_date"), ==, "2026-12-06");
  g_assert_nonnull (strstr (xarxa_value_string_of (cluster, "description"), "Dakar 2025"));

  members = xarxa_cluster_children (f->store, "cluster_member", "cluster_id", cluster_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
  for (guint i = 0; i < members->len; i++)
    {
      const char *entity_id = xarxa_value_string_of (members->pdata[i], "entity_id");

      g_assert_true (g_strcmp0 (entity_id, d.enda) == 0 || g_strcmp0 (entity_id, d.caritas) == 0);
      g_assert_cmpstr (xarxa_value_string_of (members->pdata[i], "joined_on"), ==, "2026-12-06");
    }
}

static void
test_start_cluster_refused (Fixture      *f,
                            gconstpointer data)
{
  g_auto(Dakar) d = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *cluster_id = NULL;
  const char *chosen[] = { NULL, "no-such-organisation", NULL };
  gint64 clusters = xarxa_store_count (f->store, "cluster");

  make_dakar (f->store, &d);
  chosen[0] = d.enda;
  cluster_id = xarxa_mission_start_cluster (f->store, d.mission, chosen, NULL, &error);
  g_assert_null (cluster_id);
  g_assert_nonnull (error);
  /* Nothing written: not the cluster, not its first member. */
  g_assert_cmpint (xarxa_store_count (f->store, "cluster"), ==, clusters);
  g_assert_cmpint (xarxa_store_count (f->store, "cluster_member"), ==, 0);

  g_clear_error (&error);
  cluster_id = xarxa_mission_start_cluster (f->store, "no-such-mission", NULL, NULL, &error);
  g_assert_null (cluster_id);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/mission-cluster/people-met", Fixture, NULL, test_store_set_up, test_people_met, test_store_tear_down);
  g_test_add ("/mission-cluster/people-met-in-notes", Fixture, NULL, test_store_set_up, test_people_met_in_notes,
              test_store_tear_down);
  g_test_add ("/mission-cluster/host-ids", Fixture, NULL, test_store_set_up, test_host_ids, test_store_tear_down);
  g_test_add_func ("/mission-cluster/is-over", test_is_over);
  g_test_add ("/mission-cluster/start", Fixture, NULL, test_store_set_up, test_start_cluster, test_store_tear_down);
  g_test_add ("/mission-cluster/refused", Fixture, NULL, test_store_set_up, test_start_cluster_refused,
              test_store_tear_down);
  return g_test_run ();
}
