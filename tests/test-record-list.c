/* test-record-list.c — the query type, the store's change signal by type,
 * and the list model over any record type.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "xarxa-record-list.h"
#include "xarxa-query.h"
#include "xarxa-store.h"
#include "test-util.h"

typedef TestStore Fixture;

/* Creates a record from "field", "value" pairs, NULL-terminated. */
static char *
add_record (XarxaStore *store,
            const char *type_name,
            ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;
  char *id;

  va_start (args, type_name);
  while ((field = va_arg (args, const char *)) != NULL)
    json_object_set_string_member (values, field, va_arg (args, const char *));
  va_end (args);
  id = xarxa_store_create_record (store, type_name, values, &error);
  g_assert_no_error (error);
  return id;
}

/* ---- XarxaQuery ----------------------------------------------------------- */

static void
test_query_value (void)
{
  g_autoptr(XarxaQuery) a = xarxa_query_new ("entity");
  g_autoptr(XarxaQuery) b = NULL;
  g_autoptr(XarxaQuery) other_type = xarxa_query_new ("cluster");
  const char *value = NULL;

  g_assert_cmpstr (xarxa_query_get_type_name (a), ==, "entity");
  g_assert_false (xarxa_query_is_narrowed (a));
  g_assert_cmpint (xarxa_query_get_sort (a), ==, XARXA_SORT_NAME);

  /* Filters are kept by field name, whatever order they were set in. */
  g_assert_true (xarxa_query_set_filter (a, "kind", "cooperative"));
  g_assert_true (xarxa_query_set_filter (a, "country", "SN"));
  xarxa_query_set_search (a, "coop");
  g_assert_true (xarxa_query_is_narrowed (a));
  b = xarxa_query_copy (a);
  g_assert_true (xarxa_query_equal (a, b));
  g_assert_cmpuint (xarxa_query_get_n_filters (b), ==, 2);
  g_assert_cmpstr (xarxa_query_get_filter_at (b, 0, &value)->name, ==, "country");
  g_assert_cmpstr (value, ==, "SN");
  g_assert_cmpstr (xarxa_query_get_filter (b, "kind"), ==, "cooperative");

  /* The copy is its own: changing it leaves the first as it was. */
  g_assert_true (xarxa_query_set_filter (b, "kind", "foundation"));
  g_assert_false (xarxa_query_equal (a, b));
  g_assert_cmpstr (xarxa_query_get_filter (a, "kind"), ==, "cooperative");
  g_assert_true (xarxa_query_set_filter (b, "kind", "cooperative"));
  g_assert_true (xarxa_query_equal (a, b));
  xarxa_query_set_sort (b, XARXA_SORT_UPDATED);
  g_assert_false (xarxa_query_equal (a, b));
  xarxa_query_set_sort (b, XARXA_SORT_NAME);

  /* An empty value removes the filter; an empty search is no search. */
  g_assert_true (xarxa_query_set_filter (b, "country", ""));
  g_assert_null (xarxa_query_get_filter (b, "country"));
  g_assert_cmpuint (xarxa_query_get_n_filters (b), ==, 1);
  xarxa_query_set_search (b, "");
  g_assert_null (xarxa_query_get_search (b));
  g_assert_true (xarxa_query_set_filter (b, "kind", NULL));
  g_assert_false (xarxa_query_is_narrowed (b));

  /* A field the type lacks is refused and changes nothing. */
  g_assert_false (xarxa_query_set_filter (a, "no_such_field", "x"));
  g_assert_false (xarxa_query_set_filter (other_type, "country", "SN"));
  g_assert_cmpuint (xarxa_query_get_n_filters (other_type), ==, 0);
  g_assert_false (xarxa_query_equal (other_type, b));

  /* A boxed type, so that it can travel in a GValue. */
  {
    g_auto(GValue) v = G_VALUE_INIT;
    g_value_init (&v, XARXA_TYPE_QUERY);
    g_value_set_boxed (&v, a);
    g_assert_true (xarxa_query_equal (g_value_get_boxed (&v), a));
    g_assert_true (g_value_get_boxed (&v) != a);
  }
}

/* Filters on any field of any type, by the store. */
static void
test_query_other_types (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *forming = add_record (f->store, "cluster", "name", "Habitatge digne",
                                         "status", "forming", "objective", "Un sostre per a tothom", NULL);
  g_autofree char *active = add_record (f->store, "cluster", "name", "Aigua comunitària",
                                        "status", "active", "description", "Cooperació a la conca", NULL);
  g_autoptr(XarxaQuery) q = xarxa_query_new ("cluster");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;

  /* By title, then by a filter, then by words of any text field. */
  rows = xarxa_store_query_rowids (f->store, q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (g_array_index (rows, gint64, 0), ==, xarxa_store_get_rowid (f->store, "cluster", active));
  g_clear_pointer (&rows, g_array_unref);

  g_assert_true (xarxa_query_set_filter (q, "status", "forming"));
  rows = xarxa_store_query_rowids (f->store, q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (g_array_index (rows, gint64, 0), ==, xarxa_store_get_rowid (f->store, "cluster", forming));
  g_clear_pointer (&rows, g_array_unref);

  g_assert_true (xarxa_query_set_filter (q, "status", NULL));
  xarxa_query_set_search (q, "COOPERACIO con");
  rows = xarxa_store_query_rowids (f->store, q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (g_array_index (rows, gint64, 0), ==, xarxa_store_get_rowid (f->store, "cluster", active));
  g_clear_pointer (&rows, g_array_unref);

  /* Words are prefixes of words, not pieces inside them. */
  xarxa_query_set_search (q, "operacio");
  rows = xarxa_store_query_rowids (f->store, q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_array_unref);

  /* A filter value is data, never SQL. */
  xarxa_query_set_search (q, NULL);
  g_assert_true (xarxa_query_set_filter (q, "name", "x' OR 1=1 --"));
  rows = xarxa_store_query_rowids (f->store, q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_array_unref);

  /* A type with no full-text index of its own: the fields the description
   * says search covers, words as prefixes, accents and case folded. */
  {
    g_autofree char *e = add_record (f->store, "entity", "name", "Ateneu", NULL);
    g_autofree char *nuria = add_record (f->store, "contact", "full_name", "Núria Puig",
                                         "role", "Coordinadora", "entity_id", e, NULL);
    g_autoptr(XarxaQuery) people = xarxa_query_new ("contact");

    g_free (add_record (f->store, "contact", "full_name", "Pau Vila", "email", "nuria@example.org",
                        "entity_id", e, NULL));
    xarxa_query_set_search (people, "NURI coord");
    rows = xarxa_store_query_rowids (f->store, people, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (g_array_index (rows, gint64, 0), ==, xarxa_store_get_rowid (f->store, "contact", nuria));
    g_clear_pointer (&rows, g_array_unref);
    /* The email is not among the fields searched. */
    xarxa_query_set_search (people, "example");
    rows = xarxa_store_query_rowids (f->store, people, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 0);
    g_clear_pointer (&rows, g_array_unref);
  }

  /* An organisation filtered on a field the directory does not offer. */
  {
    g_autofree char *e = add_record (f->store, "entity", "name", "Ateneu", "city", "Reus", NULL);
    g_autofree char *other = add_record (f->store, "entity", "name", "Casal", "city", "Vic", NULL);
    g_autoptr(XarxaQuery) by_city = xarxa_query_new ("entity");

    g_assert_true (xarxa_query_set_filter (by_city, "city", "Reus"));
    rows = xarxa_store_query_rowids (f->store, by_city, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (g_array_index (rows, gint64, 0), ==, xarxa_store_get_rowid (f->store, "entity", e));
  }
}

/* ---- XarxaRecord ---------------------------------------------------------- */

/* A record's title is the field its type's description names, on one
 * line, or the fallback field when that is empty. */
static void
test_record_title (void)
{
  g_autoptr(JsonObject) decision = json_object_new ();
  g_autoptr(JsonObject) dated = json_object_new ();
  g_autoptr(JsonObject) member = json_object_new ();
  g_autoptr(XarxaRecord) a = NULL;
  g_autoptr(XarxaRecord) b = NULL;
  g_autoptr(XarxaRecord) c = NULL;
  g_autoptr(XarxaRecord) d = NULL;
  gint64 rowid = 0;

  json_object_set_string_member (decision, "id", "d1");
  json_object_set_string_member (decision, "decided_on", "2026-03-01");
  json_object_set_string_member (decision, "decision", "Compartir la furgoneta\namb el Casal");
  a = xarxa_record_new ("decision", 7, decision, NULL);
  g_assert_true (G_OBJECT_TYPE (a) == XARXA_TYPE_RECORD);
  g_assert_cmpstr (xarxa_record_get_title (a), ==, "Compartir la furgoneta…");
  g_object_get (a, "rowid", &rowid, NULL);
  g_assert_cmpint (rowid, ==, 7);
  g_assert_cmpstr (xarxa_record_get_id (a), ==, "d1");
  g_assert_cmpstr (xarxa_record_get_type_name (a), ==, "decision");

  json_object_set_string_member (dated, "decided_on", "2026-03-01");
  b = xarxa_record_new ("decision", 8, dated, NULL);
  g_assert_nonnull (strstr (xarxa_record_get_title (b), "2026"));

  /* Titled by the organisation it names, which a record alone cannot
   * read: the list gives it (see /list/members). */
  json_object_set_string_member (member, "entity_id", "e1");
  c = xarxa_record_new ("cluster_member", -1, member, NULL);
  g_assert_cmpstr (xarxa_record_get_title (c), ==, "");
  d = xarxa_record_new ("cluster_member", -1, member, "Ateneu");
  g_assert_cmpstr (xarxa_record_get_title (d), ==, "Ateneu");
}

/* ---- the store's change signal ------------------------------------------ */

typedef struct
{
  GPtrArray *heard;   /* "type id" or "type *" for many */
} Heard;

static void
heard_cb (XarxaStore *store,
          const char *type_name,
          const char *id,
          Heard      *heard)
{
  g_ptr_array_add (heard->heard, g_strdup_printf ("%s %s", type_name, id != NULL ? id : "*"));
}

static void
test_changed_by_type (Fixture       *f,
                      gconstpointer  data)
{
  Heard all = { g_ptr_array_new_with_free_func (g_free) };
  Heard entities = { g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *cluster = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  const XarxaRecordType *const *types;
  guint n_types;

  g_signal_connect (f->store, "changed", G_CALLBACK (heard_cb), &all);
  g_signal_connect (f->store, "changed::entity", G_CALLBACK (heard_cb), &entities);

  /* A cluster is news for those who listen to every change, not for the
   * directory. */
  cluster = add_record (f->store, "cluster", "name", "Energia", NULL);
  g_assert_cmpuint (all.heard->len, ==, 1);
  expected = g_strdup_printf ("cluster %s", cluster);
  g_assert_cmpstr (all.heard->pdata[0], ==, expected);
  g_assert_cmpuint (entities.heard->len, ==, 0);
  g_ptr_array_set_size (all.heard, 0);

  /* One transaction over three types tells each once, in the order they
   * were first written; two contacts are "many". */
  g_assert_true (xarxa_store_begin (f->store, &error));
  entity = add_record (f->store, "entity", "name", "Ateneu", NULL);
  g_free (add_record (f->store, "contact", "full_name", "Núria", "entity_id", entity, NULL));
  g_free (add_record (f->store, "contact", "full_name", "Pau", "entity_id", entity, NULL));
  g_free (add_record (f->store, "cluster_member", "cluster_id", cluster, "entity_id", entity, NULL));
  g_assert_cmpuint (all.heard->len, ==, 0);   /* nothing before the commit */
  g_assert_true (xarxa_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (all.heard->len, ==, 3);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("entity %s", entity);
  g_assert_cmpstr (all.heard->pdata[0], ==, expected);
  g_assert_cmpstr (all.heard->pdata[1], ==, "contact *");
  g_assert_true (g_str_has_prefix (all.heard->pdata[2], "cluster_member "));
  g_assert_cmpuint (entities.heard->len, ==, 1);
  g_assert_cmpstr (entities.heard->pdata[0], ==, expected);
  g_ptr_array_set_size (all.heard, 0);
  g_ptr_array_set_size (entities.heard, 0);

  /* A rolled-back transaction tells nothing. */
  g_assert_true (xarxa_store_begin (f->store, &error));
  g_free (add_record (f->store, "entity", "name", "Mai", NULL));
  xarxa_store_rollback (f->store);
  g_assert_cmpuint (all.heard->len, ==, 0);

  /* "Anything may have changed" (after a sync) reaches every type. */
  xarxa_store_emit_changed (f->store, NULL, NULL);
  types = xarxa_schema_types (&n_types);
  g_assert_cmpuint (all.heard->len, ==, n_types);
  for (guint i = 0; i < n_types; i++)
    {
      g_autofree char *one = g_strdup_printf ("%s *", types[i]->name);
      g_assert_true (g_ptr_array_find_with_equal_func (all.heard, one, g_str_equal, NULL));
    }
  g_assert_cmpuint (entities.heard->len, ==, 1);

  g_signal_handlers_disconnect_by_data (f->store, &all);
  g_signal_handlers_disconnect_by_data (f->store, &entities);
  g_ptr_array_unref (all.heard);
  g_ptr_array_unref (entities.heard);
}

/* ---- list models ----------------------------------------------------------- */

typedef struct
{
  guint n_signals;
  guint position, removed, added;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *seen)
{
  seen->n_signals++;
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
}

/* The directory does not read its rows again for a cluster; a contact's
 * name, which is in its organisation's search row, finds the organisation. */
static void
test_directory_hears_its_types (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(XarxaQuery) all = xarxa_query_new ("entity");
  g_autoptr(XarxaRecordList) list = xarxa_record_list_new (f->store, all);
  g_autoptr(XarxaQuery) q = xarxa_query_new ("entity");
  g_autofree char *a = add_record (f->store, "entity", "name", "Ateneu", NULL);
  g_autofree char *b = add_record (f->store, "entity", "name", "Casal", NULL);
  ItemsChanged seen = { 0 };
  g_autoptr(GObject) before = NULL;
  g_autoptr(GObject) after = NULL;

  /* A list that reads its rows again builds its items anew: the same
   * object twice means it did not. */
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &seen);
  before = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_free (add_record (f->store, "cluster", "name", "Energia", NULL));
  g_free (add_record (f->store, "mission", "title", "Visita a Dakar", NULL));
  g_assert_cmpuint (seen.n_signals, ==, 0);
  after = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (before == after);
  g_clear_object (&after);
  /* While an organisation's change does read them again. */
  g_free (add_record (f->store, "entity", "name", "Zoo", NULL));
  after = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (before != after);

  xarxa_query_set_search (q, "nuria");
  xarxa_record_list_set_query (list, q);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  seen.n_signals = 0;
  g_free (add_record (f->store, "contact", "full_name", "Núria Puig", "entity_id", b, NULL));
  g_assert_cmpuint (seen.n_signals, ==, 1);
  g_assert_cmpuint (seen.position, ==, 0);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 1);
  g_assert_cmpuint (xarxa_record_list_find (list, b), ==, 0);
  g_assert_cmpuint (xarxa_record_list_find (list, a), ==, G_MAXUINT);
}

static void
grab_first_cb (XarxaStore  *store,
               const char  *type_name,
               const char  *id,
               GListModel  *list)
{
  g_object_set_data_full (G_OBJECT (list), "first", g_list_model_get_item (list, 0), g_object_unref);
}

/* One transaction that writes organisations and contacts, or a notice that
 * anything may have changed (after a sync), reads the directory once. */
static void
test_one_read_per_notice (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(XarxaQuery) q = xarxa_query_new ("entity");
  g_autoptr(XarxaRecordList) list = xarxa_record_list_new (f->store, q);
  g_autofree char *a = add_record (f->store, "entity", "name", "Ateneu", NULL);
  g_autoptr(GObject) after = NULL;
  g_autoptr(GError) error = NULL;

  /* Connected after the list: runs once the list has heard of the
   * organisations, and before it hears of the contacts. */
  g_signal_connect (f->store, "changed::entity", G_CALLBACK (grab_first_cb), list);

  xarxa_store_emit_changed (f->store, NULL, NULL);
  after = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (after == g_object_get_data (G_OBJECT (list), "first"));
  g_clear_object (&after);

  g_assert_true (xarxa_store_begin (f->store, &error));
  g_free (add_record (f->store, "entity", "name", "Casal", NULL));
  g_free (add_record (f->store, "contact", "full_name", "Pau", "entity_id", a, NULL));
  g_assert_true (xarxa_store_commit (f->store, &error));
  after = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (after == g_object_get_data (G_OBJECT (list), "first"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  g_signal_handlers_disconnect_by_func (f->store, grab_first_cb, list);
}

/* A library list: the same class over documents, with a search. */
static void
test_document_list (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *energy = add_record (f->store, "document", "title", "Energia comunitària",
                                        "kind", "report", NULL);
  g_autofree char *annual = add_record (f->store, "document", "title", "Informe anual",
                                        "summary", "Plaques solars i energia compartida", NULL);
  g_autofree char *water = add_record (f->store, "document", "title", "Aigua", NULL);
  g_autofree char *later = NULL;
  g_autoptr(XarxaQuery) q = xarxa_query_new ("document");
  g_autoptr(XarxaRecordList) list = NULL;
  g_autoptr(XarxaRecord) item = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  ItemsChanged seen = { 0 };

  xarxa_query_set_search (q, "ENERGIA");
  list = xarxa_record_list_new (f->store, q);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == XARXA_TYPE_RECORD);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  /* By title: "Energia…" before "Informe…". */
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (xarxa_record_get_type_name (item), ==, "document");
  g_assert_cmpstr (xarxa_record_get_id (item), ==, energy);
  g_assert_cmpint (xarxa_record_get_rowid (item), ==, xarxa_store_get_rowid (f->store, "document", energy));
  g_assert_cmpstr (xarxa_record_get_string (item, "kind"), ==, "report");
  g_object_get (item, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Energia comunitària");
  g_clear_object (&item);
  g_assert_cmpuint (xarxa_record_list_find (list, annual), ==, 1);
  g_assert_cmpuint (xarxa_record_list_find (list, water), ==, G_MAXUINT);

  /* A new document the search finds: one items-changed, of one item, where
   * the title puts it. */
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &seen);
  later = add_record (f->store, "document", "title", "Guia d’energia", NULL);
  g_assert_cmpuint (seen.n_signals, ==, 1);
  g_assert_cmpuint (seen.position, ==, 1);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (xarxa_record_list_find (list, later), ==, 1);

  /* One it does not find, or a change to another type: nothing. */
  seen.n_signals = 0;
  g_free (add_record (f->store, "document", "title", "Habitatge", NULL));
  g_free (add_record (f->store, "entity", "name", "Energia Sud", NULL));
  g_assert_cmpuint (seen.n_signals, ==, 0);

  /* A row changed in place is told as itself. */
  json_object_set_string_member (changes, "kind", "article");
  g_assert_true (xarxa_store_update_record (f->store, "document", annual, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n_signals, ==, 1);
  g_assert_cmpuint (seen.position, ==, 2);
  g_assert_cmpuint (seen.removed, ==, 1);
  g_assert_cmpuint (seen.added, ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpstr (xarxa_record_get_string (item, "kind"), ==, "article");
  g_clear_object (&item);

  /* A delete takes the row out. */
  seen.n_signals = 0;
  g_assert_true (xarxa_store_delete_record (f->store, "document", energy, &error));
  g_assert_cmpuint (seen.n_signals, ==, 1);
  g_assert_cmpuint (seen.position, ==, 0);
  g_assert_cmpuint (seen.removed, ==, 1);
  g_assert_cmpuint (seen.added, ==, 0);

  /* Another query of the same type; the list holds its own copy. */
  xarxa_query_set_search (q, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  xarxa_record_list_set_query (list, q);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_true (xarxa_query_equal (xarxa_record_list_get_query (list), q));
}

/* An organisation's people: a list of contacts filtered by their parent. */
static void
test_children_list (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *ateneu = add_record (f->store, "entity", "name", "Ateneu", NULL);
  g_autofree char *casal = add_record (f->store, "entity", "name", "Casal", NULL);
  g_autofree char *pau = add_record (f->store, "contact", "full_name", "pau Vila", "entity_id", ateneu, NULL);
  g_autofree char *anna = add_record (f->store, "contact", "full_name", "Anna Puig", "entity_id", ateneu, NULL);
  g_autoptr(XarxaQuery) q = xarxa_query_new ("contact");
  g_autoptr(XarxaRecordList) list = NULL;
  g_autoptr(XarxaRecord) item = NULL;
  ItemsChanged seen = { 0 };

  g_free (add_record (f->store, "contact", "full_name", "Berta", "entity_id", casal, NULL));
  g_assert_true (xarxa_query_set_filter (q, "entity_id", ateneu));
  list = xarxa_record_list_new (f->store, q);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  /* By full name, whatever its case. */
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (xarxa_record_get_id (item), ==, anna);
  g_assert_cmpstr (xarxa_record_get_title (item), ==, "Anna Puig");
  g_assert_cmpuint (xarxa_record_list_find (list, pau), ==, 1);

  /* Someone joining another organisation changes nothing here. */
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &seen);
  g_free (add_record (f->store, "contact", "full_name", "Carles", "entity_id", casal, NULL));
  g_assert_cmpuint (seen.n_signals, ==, 0);
  g_free (add_record (f->store, "contact", "full_name", "Jordi", "entity_id", ateneu, NULL));
  g_assert_cmpuint (seen.n_signals, ==, 1);
  g_assert_cmpuint (seen.position, ==, 1);
  g_assert_cmpuint (seen.added, ==, 1);
}

/* A cluster's members, each titled by the organisation it names. */
static void
test_member_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cluster = add_record (f->store, "cluster", "name", "Energia", NULL);
  g_autofree char *ateneu = add_record (f->store, "entity", "name", "Ateneu", NULL);
  g_autoptr(XarxaQuery) q = xarxa_query_new ("cluster_member");
  g_autoptr(XarxaRecordList) list = NULL;
  g_autoptr(XarxaRecord) item = NULL;

  g_free (add_record (f->store, "cluster_member", "cluster_id", cluster, "entity_id", ateneu,
                      "role", "coordinator", NULL));
  g_assert_true (xarxa_query_set_filter (q, "cluster_id", cluster));
  list = xarxa_record_list_new (f->store, q);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (xarxa_record_get_title (item), ==, "Ateneu");
  g_assert_cmpstr (xarxa_record_get_string (item, "role"), ==, "coordinator");
}

/* The directory's items are organisations, with what their rows show. */
static void
test_entity_items (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(XarxaQuery) q = xarxa_query_new ("entity");
  g_autoptr(XarxaRecordList) list = NULL;
  g_autoptr(XarxaEntity) entity = NULL;
  g_autofree char *id = add_record (f->store, "entity", "name", "Ateneu", "city", "Reus",
                                    "kind", "cooperative", NULL);
  g_autofree char *summary = NULL;

  list = xarxa_record_list_new_deferred (f->store, q);
  /* So few that it read them at once. */
  g_assert_true (xarxa_record_list_get_loaded (list));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == XARXA_TYPE_ENTITY);
  entity = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (XARXA_IS_RECORD (entity));
  g_assert_cmpstr (xarxa_entity_get_id (entity), ==, id);
  g_assert_cmpstr (xarxa_entity_get_name (entity), ==, "Ateneu");
  g_assert_cmpstr (xarxa_record_get_title (XARXA_RECORD (entity)), ==, "Ateneu");
  g_object_get (entity, "summary", &summary, NULL);
  g_assert_cmpstr (summary, ==, "Cooperative · Reus");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, test_store_set_up, fn, test_store_tear_down)
  g_test_add_func ("/query/value", test_query_value);
  ADD ("/query/other-types", test_query_other_types);
  g_test_add_func ("/record/title", test_record_title);
  ADD ("/store/changed-by-type", test_changed_by_type);
  ADD ("/list/directory-hears-its-types", test_directory_hears_its_types);
  ADD ("/list/one-read-per-notice", test_one_read_per_notice);
  ADD ("/list/documents", test_document_list);
  ADD ("/list/children", test_children_list);
  ADD ("/list/members", test_member_list);
  ADD ("/list/entity-items", test_entity_items);
#undef ADD

  return g_test_run ();
}
