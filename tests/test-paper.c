/* test-paper.c — paper and PDF without a display: the paginating writer
 * (pages, A4, footers, a table's header on every page, headings kept with
 * what follows), and the example network's cluster dossier, Montréal
 * itinerary and agenda written as PDF files and read back with poppler.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "pdf-test-util.h"
#include "test-util.h"
#include "xarxa-agenda-paper.h"
#include "xarxa-dossier.h"
#include "xarxa-error.h"
#include "xarxa-example.h"
#include "xarxa-mission-paper.h"
#include "xarxa-paper.h"
#include "xarxa-values.h"

typedef struct
{
  TestStore  base;
  char      *pdf;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  test_store_set_up (&f->base, data);
  f->pdf = g_build_filename (f->base.dir, "out.pdf", NULL);
}

static void
set_up_example (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_up (f, data);
  g_assert_true (xarxa_example_load (f->base.store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_free (f->pdf);
  test_store_tear_down (&f->base, data);
}

/* The one live record of @type_name whose text holds @words. */
static char *
find (XarxaStore *store,
      const char *type_name,
      const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = xarxa_store_search (store, type_name, words, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, 1);
  return g_strdup (g_ptr_array_index (ids, 0));
}

/* ---- the writer ---------------------------------------------------------- */

static guint draw_calls;

static void
count_draw_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  g_assert_cmpfloat (width, >, 400);
  g_assert_cmpfloat (height, ==, 120);
  draw_calls++;
}

static void
test_writer_pages (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(XarxaPaper) paper = xarxa_paper_new ("en", "Long document");
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  const char *header[] = { "Organisation", "Phone" };
  guint n;

  xarxa_paper_add_title (paper, "Long document", "A test");
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *text = g_strdup_printf ("Paragraph %u. %s", i,
                                               "Cooperation between organisations that work in the same or "
                                               "complementary fields raises the impact of each of them.");

      xarxa_paper_add_paragraph (paper, text);
    }
  xarxa_paper_add_drawing (paper, 120, count_draw_cb, NULL, NULL);
  xarxa_paper_add_heading (paper, 1, "The table");
  xarxa_paper_begin_table (paper, 2, NULL, header);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *name = g_strdup_printf ("Entity number %u", i);
      const char *cells[] = { name, "+34 600 000 000" };

      xarxa_paper_add_row (paper, cells);
    }

  n = xarxa_paper_paginate (paper);
  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpuint (xarxa_paper_get_n_pages (paper), ==, n);
  g_assert_true (xarxa_paper_write_pdf (paper, f->pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (draw_calls, ==, 1);

  pages = test_pdf_read_pages (f->pdf);
  g_assert_cmpuint (pages->len, ==, n);
  for (guint i = 0; i < pages->len; i++)
    {
      const char *text = g_ptr_array_index (pages, i);
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1, n);

      g_assert_nonnull (strstr (text, footer));
    }
  /* The table runs over the last pages, each with its header again. */
  g_assert_nonnull (strstr (g_ptr_array_index (pages, n - 1), "Organisation"));
  g_assert_nonnull (strstr (g_ptr_array_index (pages, n - 2), "Organisation"));
  g_assert_nonnull (strstr (g_ptr_array_index (pages, n - 1), "Entity number 119"));
  /* Every row once, none lost at a page break. */
  {
    g_autofree char *text = test_pdf_all_text (pages);

    for (guint i = 0; i < 120; i++)
      {
        g_autofree char *row = g_strdup_printf ("Entity number %u+34", i);

        g_assert_nonnull (strstr (text, row));
      }
    g_assert_nonnull (strstr (text, "Paragraph 39."));
  }
}

static void
test_writer_keep_with_next (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(XarxaPaper) paper = xarxa_paper_new ("en", "Headings");
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  guint i = 0;

  /* As many lines as leave room for the heading alone on page 1: then
   * the heading and its text must go over together, not leave the
   * heading alone at the foot of the page. */
  for (i = 1; i < 200; i++)
    {
      g_autoptr(XarxaPaper) probe = xarxa_paper_new ("en", "Headings");

      for (guint j = 0; j < i; j++)
        xarxa_paper_add_paragraph (probe, "Filler line.");
      xarxa_paper_add_heading (probe, 2, "Kept heading");
      if (xarxa_paper_paginate (probe) > 1)
        break;
    }
  g_assert_cmpuint (i, <, 200);
  for (guint j = 0; j < i - 1; j++)
    xarxa_paper_add_paragraph (paper, "Filler line.");
  xarxa_paper_add_heading (paper, 2, "Kept heading");
  g_assert_cmpuint (xarxa_paper_paginate (paper), ==, 1);
  xarxa_paper_add_paragraph (paper, "The heading’s first line of text.\nAnd its second.\nAnd a third.");
  g_assert_cmpuint (xarxa_paper_paginate (paper), ==, 2);
  g_assert_true (xarxa_paper_write_pdf (paper, f->pdf, &error));
  g_assert_no_error (error);
  pages = test_pdf_read_pages (f->pdf);
  g_assert_null (strstr (g_ptr_array_index (pages, 0), "Kept heading"));
  g_assert_nonnull (strstr (g_ptr_array_index (pages, 1), "Kept heading"));
  g_assert_nonnull (strstr (g_ptr_array_index (pages, 1), "first line of text"));
}

/* A row higher than a page goes over in slices: every word of it is
 * printed, once, and the row after it too. */
static void
test_writer_tall_row (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(XarxaPaper) paper = xarxa_paper_new ("en", "Tall row");
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *text = NULL;
  const char *header[] = { "Stop", "Notes" };
  const double widths[] = { 0.3, 0.7 };
  const char *last[] = { "After", "The row after the tall one." };

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (notes, "note%04u ", i);
  xarxa_paper_add_paragraph (paper, "Before the table.");
  xarxa_paper_begin_table (paper, 2, widths, header);
  {
    const char *row[] = { "Tall", notes->str };

    xarxa_paper_add_row (paper, row);
  }
  xarxa_paper_add_row (paper, last);
  g_assert_true (xarxa_paper_write_pdf (paper, f->pdf, &error));
  g_assert_no_error (error);
  pages = test_pdf_read_pages (f->pdf);
  g_assert_cmpuint (pages->len, >=, 2);
  text = test_pdf_all_text (pages);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *word = g_strdup_printf ("note%04u", i);
      const char *at = strstr (text, word);

      if (at == NULL)
        g_error ("“%s” is not printed", word);
      g_assert_null (strstr (at + 1, word));
    }
  g_assert_nonnull (strstr (text, "The row after the tall one."));
  /* The header comes back over the slice on the next page. */
  g_assert_nonnull (strstr (g_ptr_array_index (pages, 1), "Notes"));
}

static void
test_writer_unwritable (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(XarxaPaper) paper = xarxa_paper_new (NULL, "Nothing");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->base.dir, "no-such-folder", "out.pdf", NULL);

  xarxa_paper_add_paragraph (paper, "Text");
  g_assert_false (xarxa_paper_write_pdf (paper, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* ---- the documents ------------------------------------------------------- */

static void
test_dossier (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = find (f->base.store, "cluster", "Aigua Territori");
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaPaper) paper = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_DECEMBER, 2026);
  paper = xarxa_dossier_new (f->base.store, id, &today, &error);
  g_assert_no_error (error);
  g_assert_true (xarxa_paper_write_pdf (paper, f->pdf, &error));
  g_assert_no_error (error);

  pages = test_pdf_read_pages (f->pdf);
  g_assert_cmpuint (pages->len, >=, 2);
  text = test_pdf_all_text (pages);
  g_assert_nonnull (strstr (text, "Clúster Aigua i Territori"));
  g_assert_nonnull (strstr (text, "Page 1 of"));
  /* Members and their roles, the coordinator first among them. */
  g_assert_nonnull (strstr (text, "Cooperativa Agroecològica"));
  g_assert_nonnull (strstr (text, "Fundación Mar de Huerta"));
  g_assert_nonnull (strstr (text, "Coordinator"));
  /* Rights, gender perspective, indicators and their progress. */
  g_assert_nonnull (strstr (text, "Rights addressed"));
  g_assert_nonnull (strstr (text, "Gender perspective"));
  g_assert_nonnull (strstr (text, "Consum domèstic per persona i dia"));
  g_assert_nonnull (strstr (text, "40 % of the way"));
  /* Each indicator's chart, with its baseline and target marked. */
  g_assert_nonnull (strstr (text, "Baseline 130 litres"));
  g_assert_nonnull (strstr (text, "Target 100 litres"));
  /* An indicator's name stands on the page of its chart. */
  for (guint p = 0; p < pages->len; p++)
    if (strstr (g_ptr_array_index (pages, p), "Persones formades en gestió comunitària de l’aigua:") != NULL)
      g_assert_nonnull (strstr (g_ptr_array_index (pages, p), "Target 400"));
  /* The overdue action, the blocked decision, the agenda. */
  g_assert_nonnull (strstr (text, "Overdue"));
  g_assert_nonnull (strstr (text, "No consensus: blocked by Fundación Mar de Huerta"));
  g_assert_nonnull (strstr (text, "La sequera fa més desigual"));
}

static void
test_dossier_missing (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(XarxaPaper) paper = xarxa_dossier_new (f->base.store, id, NULL, &error);

  g_assert_null (paper);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
}

static void
test_mission (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = find (f->base.store, "mission", "habitatge cooperatiu Montréal");
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaPaper) paper = xarxa_mission_paper_new (f->base.store, id, &error);
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (xarxa_paper_write_pdf (paper, f->pdf, &error));
  g_assert_no_error (error);
  pages = test_pdf_read_pages (f->pdf);
  g_assert_cmpuint (pages->len, >=, 2);
  text = test_pdf_all_text (pages);
  /* The cover: title, destination, dates, participants. */
  g_assert_nonnull (strstr (g_ptr_array_index (pages, 0), "Economia social i habitatge cooperatiu"));
  g_assert_nonnull (strstr (g_ptr_array_index (pages, 0), "Montréal, Canada"));
  g_assert_nonnull (strstr (g_ptr_array_index (pages, 0), "Marta Vidal Soler"));
  /* A participant's needs are private. */
  g_assert_null (strstr (text, "vegetarià"));
  /* One section a day, in the destination's wall-clock time, with hosts
   * and their phones. */
  g_assert_nonnull (strstr (text, "Saturday 13 March 2027"));
  g_assert_nonnull (strstr (text, "10:00–12:30"));
  g_assert_nonnull (strstr (text, "Chantier Solidaire"));
  g_assert_nonnull (strstr (text, "+1 514 555 0140"));
  /* The stop on the morning after the clocks change stays at 10:00. */
  g_assert_nonnull (strstr (text, "Sunday 14 March 2027"));
  g_assert_nonnull (strstr (text, "10:00–12:00"));
  g_assert_nonnull (strstr (g_ptr_array_index (pages, pages->len - 1), "Emergency contacts"));
}

static void
test_mission_catalan_days (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *id = find (f->base.store, "mission", "habitatge cooperatiu Montréal");
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaPaper) paper = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "ca_ES.UTF-8") == NULL)
    {
      g_test_skip ("The ca_ES.UTF-8 locale is not installed (build-aux/deps.sh makes it)");
      return;
    }
  paper = xarxa_mission_paper_new (f->base.store, id, &error);
  setlocale (LC_ALL, before);
  g_assert_no_error (error);
  g_assert_true (xarxa_paper_write_pdf (paper, f->pdf, &error));
  g_assert_no_error (error);
  pages = test_pdf_read_pages (f->pdf);
  text = test_pdf_all_text (pages);
  g_assert_nonnull (strstr (text, "Dissabte"));
  g_assert_nonnull (strstr (text, "març"));
  g_assert_null (strstr (text, "Saturday"));
}

static void
test_agenda (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaPaper) paper = xarxa_agenda_paper_new (f->base.store, NULL, NULL, &error);
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;
  const char *first, *second;

  g_assert_no_error (error);
  g_assert_true (xarxa_paper_write_pdf (paper, f->pdf, &error));
  g_assert_no_error (error);
  pages = test_pdf_read_pages (f->pdf);
  text = test_pdf_all_text (pages);
  g_assert_nonnull (strstr (text, "Shared social agenda of the network"));
  g_assert_nonnull (strstr (text, "Challenge"));
  /* Ranked: the item four organisations support comes before the one three do. */
  first = strstr (text, "L’emergència habitacional");
  second = strstr (text, "La sequera fa més desigual");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_true (first < second);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/paper/writer/pages", Fixture, NULL, set_up, test_writer_pages, tear_down);
  g_test_add ("/paper/writer/keep-with-next", Fixture, NULL, set_up, test_writer_keep_with_next, tear_down);
  g_test_add ("/paper/writer/tall-row", Fixture, NULL, set_up, test_writer_tall_row, tear_down);
  g_test_add ("/paper/writer/unwritable", Fixture, NULL, set_up, test_writer_unwritable, tear_down);
  g_test_add ("/paper/dossier", Fixture, NULL, set_up_example, test_dossier, tear_down);
  g_test_add ("/paper/dossier/missing", Fixture, NULL, set_up, test_dossier_missing, tear_down);
  g_test_add ("/paper/mission", Fixture, NULL, set_up_example, test_mission, tear_down);
  g_test_add ("/paper/mission/catalan-days", Fixture, NULL, set_up_example, test_mission_catalan_days, tear_down);
  g_test_add ("/paper/agenda", Fixture, NULL, set_up_example, test_agenda, tear_down);
  return g_test_run ();
}
