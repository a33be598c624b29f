/* test-cluster-work.c — a cluster's work as the store answers it: the
 * Clusters list sorted by the next due action, and the shared agenda
 * saved to the library.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cluster-work"

#include "config.h"

#include <string.h>

#include "test-util.h"
#include "xarxa-cluster.h"
#include "xarxa-library.h"
#include "xarxa-query.h"
#include "xarxa-store.h"

typedef TestStore Fixture;

static char *
add (XarxaStore *store,
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
  id = xarxa_store_create_record (store, type, values, &error);
  g_assert_no_error (error);
  return id;
}

/* The names of the clusters in the list's order, joined by commas. */
static char *
names_in_order (XarxaStore *store,
                XarxaSort   sort)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new ("cluster");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  xarxa_query_set_sort (query, sort);
  records = xarxa_store_query_records (store, query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "",
                            json_object_get_string_member (g_ptr_array_index (records, i), "name"));
  return g_strdup (out->str);
}

static void
test_sort_due (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = add (f->store, "cluster", "name", "Aigua", NULL);
  g_autofree char *b = add (f->store, "cluster", "name", "Barri", NULL);
  g_autofree char *c = add (f->store, "cluster", "name", "Cures", NULL);
  g_autofree char *d = add (f->store, "cluster", "name", "Dades", NULL);
  g_autofree char *late = NULL;
  g_autofree char *order = NULL;
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(GError) error = NULL;

  /* Aigua's next open action is in May; Barri's in March (its January one
   * is done); Cures has one with no date; Dades none. */
  g_free (add (f->store, "action", "cluster_id", a, "title", "Mapa", "due_date", "2026-05-01", "status", "planned", NULL));
  g_free (add (f->store, "action", "cluster_id", b, "title", "Acta", "due_date", "2026-01-10", "status", "done", NULL));
  late = add (f->store, "action", "cluster_id", b, "title", "Taller", "due_date", "2026-03-03", NULL);
  g_free (add (f->store, "action", "cluster_id", c, "title", "Sense data", "status", "planned", NULL));

  order = names_in_order (f->store, XARXA_SORT_DUE);
  g_assert_cmpstr (order, ==, "Barri,Aigua,Cures,Dades");
  g_clear_pointer (&order, g_free);
  order = names_in_order (f->store, XARXA_SORT_NAME);
  g_assert_cmpstr (order, ==, "Aigua,Barri,Cures,Dades");
  g_clear_pointer (&order, g_free);

  /* Barri's action done: Barri has nothing due any more. */
  json_object_set_string_member (change, "status", "done");
  g_assert_true (xarxa_store_update_record (f->store, "action", late, change, &error));
  g_assert_no_error (error);
  order = names_in_order (f->store, XARXA_SORT_DUE);
  g_assert_cmpstr (order, ==, "Aigua,Barri,Cures,Dades");
  g_clear_pointer (&order, g_free);

  /* A deleted action counts no more either. */
  g_free (add (f->store, "action", "cluster_id", d, "title", "Festa", "due_date", "2026-02-01", NULL));
  order = names_in_order (f->store, XARXA_SORT_DUE);
  g_assert_cmpstr (order, ==, "Dades,Aigua,Barri,Cures");
}

static void
test_agenda_to_library (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *cluster = add (f->store, "cluster", "name", "Clúster Aigua", NULL);
  g_autofree char *fundacio = test_add_entity (f->store, "Fundació Horitzó", NULL);
  g_autofree char *meeting = add (f->store, "meeting", "title", "Jornada", "date", "2026-03-01",
                                  "cluster_id", cluster, NULL);
  g_autofree char *item = add (f->store, "agenda_item", "cluster_id", cluster, "meeting_id", meeting,
                               "kind", "priority", "text", "Aigua pública", NULL);
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *dir = test_make_dir (NULL);
  g_autofree char *out_path = g_build_filename (dir, "out.md", NULL);
  g_autofree char *written = NULL;
  g_autofree char *meeting_doc = NULL;
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GError) error = NULL;

  g_free (add (f->store, "agenda_support", "agenda_item_id", item, "entity_id", fundacio, NULL));
  id = xarxa_agenda_save_to_library (f->store, cluster, NULL, XARXA_AGENDA_BY_KIND, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  document = xarxa_store_get_record (f->store, "document", id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (document, "kind"), ==, "shared-agenda");
  g_assert_cmpstr (json_object_get_string_member (document, "title"), ==, "Shared social agenda of Clúster Aigua");
  g_assert_cmpstr (json_object_get_string_member (document, "file_name"), ==,
                   "shared-social-agenda-of-clúster-aigua.md");
  /* Its text is searchable as the document's. */
  g_assert_nonnull (strstr (json_object_get_string_member (document, "full_text"), "Aigua pública"));

  /* The attachment is the Markdown of the agenda. */
  expected = xarxa_agenda_to_markdown (f->store, cluster, NULL, XARXA_AGENDA_BY_KIND, &error);
  g_assert_no_error (error);
  g_assert_true (xarxa_library_export_file (f->store, id, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out_path, &written, NULL, &error));
  g_assert_cmpstr (written, ==, expected);
  g_assert_nonnull (strstr (written, "Fundació Horitzó"));

  /* Linked to its cluster, so the cluster's documents list it. */
  linked = xarxa_library_documents_of (f->store, "cluster", cluster, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (linked, 0), ==, id);

  /* A meeting's agenda is linked to the meeting's cluster and names the
   * meeting. */
  meeting_doc = xarxa_agenda_save_to_library (f->store, NULL, meeting, XARXA_AGENDA_BY_TRANSITION, NULL, &error);
  g_assert_no_error (error);
  second = xarxa_store_get_record (f->store, "document", meeting_doc, &error);
  g_assert_cmpstr (json_object_get_string_member (second, "summary"), ==, "From the meeting “Jornada” of 2026-03-01.");
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = xarxa_library_documents_of (f->store, "cluster", cluster, &error);
  g_assert_cmpuint (linked->len, ==, 2);
  /* And to the meeting itself, which lists only its own agenda. */
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = xarxa_library_documents_of (f->store, "meeting", meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (linked, 0), ==, meeting_doc);

  /* A meeting that is not there: an error, and no document. */
  g_assert_null (xarxa_agenda_save_to_library (f->store, NULL, "no-such-meeting", XARXA_AGENDA_BY_KIND, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (xarxa_store_count_up_to (f->store, "document", 10), ==, 2);

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, test_store_set_up, fn, test_store_tear_down)
  ADD ("/cluster-work/sort-due", test_sort_due);
  ADD ("/cluster-work/agenda-to-library", test_agenda_to_library);

  return g_test_run ();
}
