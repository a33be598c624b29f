/* test-cli-print.c — export-pdf of the real xarxa-cli: the example
 * network's cluster dossier, Montréal itinerary and agenda as PDF files
 * read back with poppler; an unknown id refused with one line and no file;
 * a file that cannot be written a failure that leaves what was there.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli-test-util.h"
#include "pdf-test-util.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *pdf;
} Fixture;

typedef TestCliResult Result;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, test_cli_result_clear)

static void
run_cli (Fixture *f,
         Result  *r,
         ...)
{
  const TestCliOptions options = { .db = f->db, .data_home = f->dir };
  va_list args;
  const char *first;

  va_start (args, r);
  first = va_arg (args, const char *);
  test_cli_run_valist (&options, r, first, args);
  va_end (args);
}

#define run(f, r, ...) run_cli (f, r, __VA_ARGS__, NULL)

static void
run_with (const TestCliOptions *options,
          Result               *r,
          ...)
{
  va_list args;
  const char *first;

  va_start (args, r);
  first = va_arg (args, const char *);
  test_cli_run_valist (options, r, first, args);
  va_end (args);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* The id of the one record "list PLURAL --search WORDS" finds. */
static char *
find (Fixture    *f,
      const char *plural,
      const char *words)
{
  g_auto(Result) r = { 0 };
  g_auto(GStrv) lines = NULL;

  run (f, &r, "list", plural, "--search", words);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (g_strstrip (r.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  *strchr (lines[0], '\t') = '\0';
  return g_strdup (lines[0]);
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  f->dir = test_make_dir (NULL);
  f->db = g_build_filename (f->dir, "xarxa.db", NULL);
  f->pdf = g_build_filename (f->dir, "out.pdf", NULL);
  run (f, &r, "load-example");
  g_assert_cmpint (r.status, ==, 0);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->pdf);
}

static void
test_cluster (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = find (f, "clusters", "Aigua Territori");
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;

  run (f, &r, "export-pdf", "cluster", id, f->pdf);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  pages = test_pdf_read_pages (f->pdf);
  g_assert_cmpuint (pages->len, >=, 2);
  text = test_pdf_all_text (pages);
  g_assert_nonnull (strstr (g_ptr_array_index (pages, 0), "Clúster Aigua i Territori"));
  g_assert_nonnull (strstr (g_ptr_array_index (pages, 0), "Page 1 of"));
  g_assert_nonnull (strstr (text, "Fundación Yaku Kawsay"));
  g_assert_nonnull (strstr (text, "Decisions by consensus"));
}

static void
test_mission (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = find (f, "missions", "habitatge cooperatiu Montréal");
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;

  run (f, &r, "export-pdf", "mission", id, f->pdf);
  g_assert_cmpint (r.status, ==, 0);
  pages = test_pdf_read_pages (f->pdf);
  g_assert_cmpuint (pages->len, >=, 2);
  text = test_pdf_all_text (pages);
  g_assert_nonnull (strstr (text, "Marta Vidal Soler"));
  g_assert_nonnull (strstr (text, "Saturday 13 March 2027"));
  g_assert_null (strstr (text, "vegetarià"));
}

/* In Catalan, day and month names included, when the machine has the
 * locale (build-aux/deps.sh makes it). */
static void
test_mission_catalan (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = find (f, "missions", "habitatge cooperatiu Montréal");
  const TestCliOptions options = { .db = f->db, .data_home = f->dir, .language = "ca" };
  g_autofree char *before = g_strdup (g_getenv ("LC_ALL"));
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;
  gboolean have_locale = setlocale (LC_ALL, "ca_ES.UTF-8") != NULL;
  const char *args[] = { "mission", id, f->pdf, NULL };

  setlocale (LC_ALL, saved);
  if (!have_locale)
    {
      g_test_skip ("The ca_ES.UTF-8 locale is not installed (build-aux/deps.sh makes it)");
      return;
    }
  g_setenv ("LC_ALL", "ca_ES.UTF-8", TRUE);
  run_with (&options, &r, "export-pdf", args[0], args[1], args[2], NULL);
  if (before != NULL)
    g_setenv ("LC_ALL", before, TRUE);
  else
    g_unsetenv ("LC_ALL");
  g_assert_cmpint (r.status, ==, 0);
  pages = test_pdf_read_pages (f->pdf);
  text = test_pdf_all_text (pages);
  /* "Dissabte 13 de març 2027", or with the catalogue's date format
   * "Dissabte, 13 de març de 2027". */
  g_assert_nonnull (strstr (text, "Dissabte"));
  g_assert_nonnull (strstr (text, "13 de març"));
  g_assert_nonnull (strstr (text, "Organitzador"));
  g_assert_null (strstr (text, "Saturday"));
}

static void
test_agenda (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *cluster = find (f, "clusters", "Aigua Territori");
  g_auto(Result) r = { 0 };
  g_auto(Result) r2 = { 0 };
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;

  run (f, &r, "export-pdf", "agenda", "--network", f->pdf);
  g_assert_cmpint (r.status, ==, 0);
  pages = test_pdf_read_pages (f->pdf);
  text = test_pdf_all_text (pages);
  g_assert_nonnull (strstr (text, "Shared social agenda of the network"));
  g_assert_nonnull (strstr (text, "L’emergència habitacional"));
  g_clear_pointer (&pages, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  /* A cluster's agenda holds its own items only. */
  run (f, &r2, "export-pdf", "agenda", "--cluster", cluster, f->pdf);
  g_assert_cmpint (r2.status, ==, 0);
  pages = test_pdf_read_pages (f->pdf);
  text = test_pdf_all_text (pages);
  g_assert_nonnull (strstr (text, "La sequera fa més desigual"));
  g_assert_null (strstr (text, "L’emergència habitacional"));
}

/* Refused: exit @status, one line on stderr with @words, and the file
 * that was there (if any) untouched. */
static void
assert_refused (Fixture    *f,
                int         status,
                const char *words,
                const char *a1,
                const char *a2,
                const char *a3,
                const char *a4)
{
  g_auto(Result) r = { 0 };

  run (f, &r, "export-pdf", a1, a2, a3, a4);
  g_assert_cmpint (r.status, ==, status);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  if (strstr (r.err, words) == NULL)
    g_error ("“%s” not in: %s", words, r.err);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *unknown = g_uuid_string_random ();
  g_autofree char *cluster = find (f, "clusters", "Aigua Territori");
  g_autofree char *folder = g_build_filename (f->dir, "no-such-folder", "out.pdf", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (f, 2, "has the id", "cluster", unknown, f->pdf, NULL);
  assert_refused (f, 2, "has the id", "mission", unknown, f->pdf, NULL);
  assert_refused (f, 2, "has the id", "agenda", "--meeting", unknown, f->pdf);
  assert_refused (f, 2, "is not a record id", "cluster", "nonsense", f->pdf, NULL);
  assert_refused (f, 2, "export-pdf cluster ID FILE", "cluster", cluster, NULL, NULL);
  assert_refused (f, 2, "export-pdf cluster ID FILE", "entity", cluster, f->pdf, NULL);
  g_assert_false (g_file_test (f->pdf, G_FILE_TEST_EXISTS));

  assert_refused (f, 1, "no-such-folder", "cluster", cluster, folder, NULL);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* A file that was there stays as it was when the id names nothing. */
  g_assert_true (g_file_set_contents (f->pdf, "mine", -1, &error));
  assert_refused (f, 2, "has the id", "cluster", unknown, f->pdf, NULL);
  g_assert_true (g_file_get_contents (f->pdf, &kept, NULL, &error));
  g_assert_cmpstr (kept, ==, "mine");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Under LeakSanitizer the program would list the suppressed leaks of
   * fontconfig (build-aux/lsan.supp), which drawing text loads, on stderr,
   * where these tests read what it says. */
  if (g_getenv ("LSAN_OPTIONS") != NULL)
    {
      g_autofree char *options = g_strconcat (g_getenv ("LSAN_OPTIONS"), ":print_suppressions=0", NULL);

      g_setenv ("LSAN_OPTIONS", options, TRUE);
    }

  g_test_add ("/cli-print/cluster", Fixture, NULL, set_up, test_cluster, tear_down);
  g_test_add ("/cli-print/mission", Fixture, NULL, set_up, test_mission, tear_down);
  g_test_add ("/cli-print/mission-catalan", Fixture, NULL, set_up, test_mission_catalan, tear_down);
  g_test_add ("/cli-print/agenda", Fixture, NULL, set_up, test_agenda, tear_down);
  g_test_add ("/cli-print/refusals", Fixture, NULL, set_up, test_refusals, tear_down);
  return g_test_run ();
}
