/* library-bench.c — the knowledge library at real scale: search and PDF text.
 *
 * Fills a library of N documents (default 20,000) with about 5 KB of text
 * each, in the three languages, through the store's write path (so the
 * search index is the one the app keeps), then times 1,000 varied queries
 * through the same document query the Library view lists (FTS5, ranked);
 * and times the text extraction of a 200-page PDF drawn with cairo here.
 * Prints one line per figure: "name value unit".
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xarxa-query.h"
#include "xarxa-store.h"
#include "xarxa-text-extract.h"

/* Words of reports on the transitions, in Catalan, Spanish and English, so
 * that queries find some documents and not all. */
static const char *const words[] = {
  "cooperació", "cooperativa", "habitatge", "energia", "comunitat", "transició", "ecològica",
  "democràcia", "participació", "desigualtat", "digitalització", "cures", "migracions", "aigua",
  "alimentació", "economia", "social", "solidària", "barri", "municipi", "xarxa", "territori",
  "cooperación", "vivienda", "comunidad", "transición", "desigualdad", "digitalización", "cuidados",
  "agua", "alimentación", "barrio", "municipio", "red", "territorio", "juventud", "empleo",
  "housing", "energy", "community", "transition", "inequality", "democracy", "participation",
  "digital", "care", "migration", "water", "food", "neighbourhood", "network", "employment",
  "renewable", "climate", "adaptation", "resilience", "commons", "platform", "union", "rights",
  "gender", "youth", "elderly", "rural", "urban", "mobility", "waste", "circular", "finance",
};

static const char *const kinds[] = { "report", "interview", "case-study", "shared-agenda", "article", "dataset" };
static const char *const languages[] = { "ca", "es", "en", "fr" };

static guint32 rng_state = 20261206;

static guint32
rnd (guint32 n)
{
  /* xorshift: the same library on every run, so figures compare. */
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state % n;
}

#define PICK(a) (a[rnd (G_N_ELEMENTS (a))])

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Function words of the three languages: every text has them. */
static const char *const common[] = {
  "de", "la", "el", "i", "y", "and", "the", "of", "que", "per", "para", "with", "amb", "con", "en", "a",
};

/* About @bytes of text on a dozen of the topic words (so that a query finds
 * a share of the library, not all of it), with the function words, and a
 * few names and figures of its own. */
static char *
make_text (gsize bytes,
           guint serial)
{
  GString *text = g_string_sized_new (bytes + 64);
  const char *topic[12];

  for (guint i = 0; i < G_N_ELEMENTS (topic); i++)
    topic[i] = PICK (words);
  while (text->len < bytes)
    {
      guint n = 8 + rnd (12);

      for (guint i = 0; i < n; i++)
        {
          switch (rnd (6))
            {
            case 0: case 1: g_string_append (text, PICK (common)); break;
            case 2: g_string_append_printf (text, "ref%u", serial * 7 + rnd (50)); break;
            default: g_string_append (text, topic[rnd (G_N_ELEMENTS (topic))]); break;
            }
          g_string_append_c (text, i + 1 < n ? ' ' : '.');
        }
      g_string_append_c (text, rnd (5) == 0 ? '\n' : ' ');
    }
  return g_string_free (text, FALSE);
}

static void
fill (XarxaStore *store,
      guint       n)
{
  g_autoptr(GError) error = NULL;
  double t0 = now_ms ();

  g_assert (xarxa_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) values = json_object_new ();
      g_autofree char *title = g_strdup_printf ("%s %s %s (%u)", PICK (words), PICK (words), PICK (words), i);
      g_autofree char *summary = g_strdup_printf ("%s, %s i %s", PICK (words), PICK (words), PICK (words));
      g_autofree char *text = make_text (5 * 1024, i);
      g_autofree char *id = NULL;

      json_object_set_string_member (values, "title", title);
      json_object_set_string_member (values, "kind", PICK (kinds));
      json_object_set_string_member (values, "language", PICK (languages));
      json_object_set_string_member (values, "summary", summary);
      json_object_set_string_member (values, "full_text", text);
      id = xarxa_store_create_record (store, "document", values, &error);
      g_assert_no_error (error);
      /* Commit now and then: a library is filled over time, not at once. */
      if (i % 1000 == 999)
        {
          g_assert (xarxa_store_commit (store, &error));
          g_assert (xarxa_store_begin (store, &error));
        }
    }
  g_assert (xarxa_store_commit (store, &error));
  printf ("library_documents %u rows\n", n);
  printf ("library_fill_docs_per_s %.0f docs/s\n", n / ((now_ms () - t0) / 1000.0));
}

static void
bench_search (XarxaStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint total_hits = 0;

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(XarxaQuery) q = xarxa_query_new ("document");
      g_autoptr(GArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *query = NULL;
      const char *word = PICK (words);
      guint len = 3 + rnd (6);
      double t0, dt;

      /* Prefixes of 3 to 8 letters as people type them, without accents
       * one time in three, sometimes two words. */
      query = g_utf8_substring (word, 0, MIN (len, (guint) g_utf8_strlen (word, -1)));
      if (i % 3 == 0)
        {
          g_autofree char *plain = g_str_to_ascii (query, "C");

          g_free (query);
          query = g_steal_pointer (&plain);
        }
      if (i % 4 == 0)
        {
          g_autofree char *second = g_utf8_substring (PICK (words), 0, 4);
          g_autofree char *both = g_strdup_printf ("%s %s", query, second);

          g_free (query);
          query = g_steal_pointer (&both);
        }
      xarxa_query_set_search (q, query);
      t0 = now_ms ();
      rows = xarxa_store_query_rowids (store, q, &error);
      dt = now_ms () - t0;
      g_assert_no_error (error);
      g_array_append_val (times, dt);
      total_hits += rows->len;
    }
  g_array_sort (times, compare_doubles);
  printf ("library_search_p50_ms %.2f ms\n", g_array_index (times, double, 499));
  printf ("library_search_p95_ms %.2f ms\n", g_array_index (times, double, 949));
  printf ("library_search_mean_hits %.0f rows\n", total_hits / 1000.0);
}

static char *
make_pdf (const char *dir,
          int         n_pages)
{
  char *path = g_build_filename (dir, "report.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  for (int p = 0; p < n_pages; p++)
    {
      /* About 45 lines of text a page, like a report's. */
      for (int line = 0; line < 45; line++)
        {
          g_autofree char *text = g_strdup_printf ("%s %s %s %s %s %s %s %s %s %s",
                                                   PICK (words), PICK (words), PICK (words), PICK (words),
                                                   PICK (words), PICK (words), PICK (words), PICK (words),
                                                   PICK (words), PICK (words));

          cairo_move_to (cr, 60, 60 + line * 16);
          cairo_show_text (cr, text);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static void
bench_pdf (const char *dir,
           int         n_pages)
{
  g_autofree char *path = make_pdf (dir, n_pages);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(XarxaExtractedText) text = NULL;
  g_autoptr(GError) error = NULL;
  double t0 = now_ms ();
  double dt;

  text = xarxa_text_extract (file, "application/pdf", NULL, NULL, NULL, &error);
  dt = now_ms () - t0;
  g_assert_no_error (error);
  g_assert (text->text != NULL && strlen (text->text) > (gsize) n_pages * 100);
  printf ("pdf_pages %d pages\n", n_pages);
  printf ("pdf_text_pages_per_s %.0f pages/s\n", n_pages / (dt / 1000.0));
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 20000;
  int pages = 200;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--n") == 0 && i + 1 < argc)
        n = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (strcmp (argv[i], "--pages") == 0 && i + 1 < argc)
        pages = (int) g_ascii_strtoll (argv[++i], NULL, 10);
      else
        {
          g_printerr ("usage: library-bench [--n DOCUMENTS] [--pages PDF-PAGES]\n");
          return 2;
        }
    }

  dir = g_dir_make_tmp ("xarxa-library-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "xarxa.db", NULL);
  store = xarxa_store_open (db, &error);
  g_assert_no_error (error);

  fill (store, n);
  bench_search (store);
  g_clear_object (&store);
  bench_pdf (dir, MAX (pages, 1));

  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (db);
    g_rmdir (dir);
  }
  return 0;
}
