/* test-search.c — the global search (xarxa-search.h) as a person relies
 * on it: words found by their beginning with accents folded, every kind
 * of record, the best hits first and the newest of equals first, the
 * same best hits whatever the limit, matched words marked, and deleted
 * records never shown.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include <string.h>

#include "xarxa-search.h"
#include "test-util.h"

typedef TestStore Fixture;

/* A record of @type with one or two text fields. */
#define add(store, type, field, value, field2, value2) \
  test_add_record ((store), (type), (field), (value), (field2), (value2), NULL)

static GPtrArray *
search (XarxaStore *store,
        const char *text,
        const char *type,
        guint       limit)
{
  const char *types[] = { type, NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *hits;

  hits = xarxa_search (store, text, type != NULL ? types : NULL, limit, "[", "]", &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static XarxaSearchHit *
hit_at (GPtrArray *hits,
        guint      i)
{
  g_assert_cmpuint (i, <, hits->len);
  return g_ptr_array_index (hits, i);
}

static gboolean
has_hit (GPtrArray  *hits,
         const char *id)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_strcmp0 (hit_at (hits, i)->id, id) == 0)
      return TRUE;
  return FALSE;
}

/* Words by their beginning, in any case and without their accents; not
 * from their middle. */
static void
test_prefixes_and_accents (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *org = add (f->store, "entity", "name", "Cooperació Solidària del Ripollès",
                              "description", "Habitatge i energia per a tothom");
  const char *finding[] = { "cooperacio", "COOP", "Coopéració", "solid", "ripolles", "habitat", "ener",
                            "coop habit", "Ripollès Cooperació" };
  const char *not_finding[] = { "operacio", "lidaria", "cooperativa", "coop fusta" };

  for (guint i = 0; i < G_N_ELEMENTS (finding); i++)
    {
      g_autoptr(GPtrArray) hits = search (f->store, finding[i], "entity", 8);

      g_test_message ("searching “%s”", finding[i]);
      g_assert_cmpuint (hits->len, ==, 1);
      g_assert_cmpstr (hit_at (hits, 0)->id, ==, org);
      g_assert_cmpstr (hit_at (hits, 0)->title, ==, "Cooperació Solidària del Ripollès");
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_finding); i++)
    {
      g_autoptr(GPtrArray) hits = search (f->store, not_finding[i], NULL, 8);

      g_test_message ("searching “%s”", not_finding[i]);
      g_assert_cmpuint (hits->len, ==, 0);
    }
}

/* A name that matches beats a description that does; of two as good,
 * the newer comes first; the limit cuts the same list, whatever it is:
 * the best hits are never lost for a smaller limit. */
static void
test_best_first (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (xarxa_store_begin (f->store, &error));
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      g_autofree char *words = NULL;

      /* Every seventh has the word in its name, the others in texts of
       * growing length, so that no two of them rank the same. */
      if (i % 7 == 3)
        {
          name = g_strdup_printf ("Horta Viva %u", i);
          description = g_strdup ("Terres del Lluçanès");
          g_ptr_array_add (names, add (f->store, "entity", "name", name, "description", description));
          continue;
        }
      name = g_strdup_printf ("Associació %u", i);
      words = g_strnfill (i * 6, 'x');
      for (guint k = 0; k < i; k++)
        words[k * 6 + 5] = ' ';
      description = g_strconcat (words, "horts comunitaris", NULL);
      g_free (add (f->store, "entity", "name", name, "description", description));
    }
  g_assert_true (xarxa_store_commit (f->store, &error));

  all = search (f->store, "hort", "entity", 100);
  g_assert_cmpuint (all->len, ==, 60);
  /* The names, newest first, then the rest. */
  for (guint i = 0; i < names->len; i++)
    g_assert_cmpstr (hit_at (all, i)->id, ==, g_ptr_array_index (names, names->len - 1 - i));
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpfloat (hit_at (all, i - 1)->rank, <=, hit_at (all, i)->rank);
  /* A shorter description is the better match. */
  g_assert_cmpfloat (hit_at (all, names->len)->rank, <, hit_at (all, all->len - 1)->rank);
  g_assert_cmpstr (hit_at (all, names->len)->title, ==, "Associació 0");
  g_assert_cmpstr (hit_at (all, all->len - 1)->title, ==, "Associació 58");

  for (guint limit = 1; limit <= 20; limit++)
    {
      g_autoptr(GPtrArray) some = search (f->store, "hort", "entity", limit);

      g_assert_cmpuint (some->len, ==, limit);
      for (guint i = 0; i < limit; i++)
        {
          g_assert_cmpstr (hit_at (some, i)->id, ==, hit_at (all, i)->id);
          g_assert_cmpstr (hit_at (some, i)->snippet, ==, hit_at (all, i)->snippet);
        }
    }
}

/* One search finds every kind, grouped in the order the window shows,
 * each with its words marked in its snippet. */
static void
test_every_kind (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *org = add (f->store, "entity", "name", "Xarxa Agroecològica", NULL, NULL);
  g_autofree char *person = add (f->store, "contact", "entity_id", org, "full_name", "Marta Agramunt");
  g_autofree char *other = add (f->store, "contact", "entity_id", org, "full_name", "Pau Roig");
  g_autofree char *cluster = add (f->store, "cluster", "name", "Agricultura de proximitat", NULL, NULL);
  g_autofree char *mission = add (f->store, "mission", "title", "Agricultors de Dakar", NULL, NULL);
  g_autofree char *stop = add (f->store, "itinerary_stop", "mission_id", mission, "title", "Agrobotiga del barri");
  g_autofree char *note = add (f->store, "field_note", "mission_id", mission, "text",
                               "Parlem amb les agricultores\nsobre l’aigua");
  g_autofree char *doc = add (f->store, "document", "title", "Informe anual", "full_text",
                              "La transició agrària als pobles & les ciutats");
  const char *expected[][3] = {
    { "entity", org, "Xarxa [Agroecològica]" },
    { "contact", person, "[Agramunt]" },
    { "cluster", cluster, "[Agricultura] de proximitat" },
    { "mission", mission, "[Agricultors] de Dakar" },
    { "itinerary_stop", stop, "[Agrobotiga] del barri" },
    { "field_note", note, "les [agricultores]" },
    { "document", doc, "transició [agrària] als pobles & les ciutats" },
  };
  g_autoptr(GPtrArray) hits = search (f->store, "agr", NULL, 8);

  g_assert_cmpuint (hits->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      XarxaSearchHit *hit = hit_at (hits, i);

      g_assert_cmpstr (hit->type, ==, expected[i][0]);
      g_assert_cmpstr (hit->id, ==, expected[i][1]);
      g_test_message ("%s: %s", hit->type, hit->snippet);
      g_assert_nonnull (strstr (hit->snippet, expected[i][2]));
    }
  g_assert_cmpstr (hit_at (hits, 1)->title, ==, "Marta Agramunt");   /* and not Pau Roig */
  g_assert_cmpstr (hit_at (hits, 5)->title, ==, "Parlem amb les agricultores sobre l’aigua");
  g_assert_false (has_hit (hits, other));
}

/* A deleted record is never found, of any kind; undeleted, it is again. */
static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *org = add (f->store, "entity", "name", "Ateneu Popular", NULL, NULL);
  g_autofree char *kept = add (f->store, "entity", "name", "Ateneu Cooperatiu", NULL, NULL);
  g_autofree char *person = add (f->store, "contact", "entity_id", kept, "full_name", "Anna Ateca");
  g_autofree char *doc = add (f->store, "document", "title", "Ateneus de barri", NULL, NULL);
  g_autoptr(GPtrArray) before = search (f->store, "ateneu", NULL, 8);
  g_autoptr(GPtrArray) after = NULL;

  g_assert_true (has_hit (before, org));
  g_assert_true (has_hit (before, doc));
  g_assert_true (xarxa_store_delete_record (f->store, "entity", org, &error));
  g_assert_true (xarxa_store_delete_record (f->store, "document", doc, &error));
  g_assert_true (xarxa_store_delete_record (f->store, "contact", person, &error));
  g_assert_no_error (error);

  after = search (f->store, "ateneu", NULL, 8);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (hit_at (after, 0)->id, ==, kept);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = search (f->store, "ateca", NULL, 8);
  g_assert_cmpuint (after->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, test_store_set_up, fn, test_store_tear_down)
  ADD ("/search/prefixes-and-accents", test_prefixes_and_accents);
  ADD ("/search/best-first", test_best_first);
  ADD ("/search/every-kind", test_every_kind);
  ADD ("/search/deleted", test_deleted);
#undef ADD
  return g_test_run ();
}
