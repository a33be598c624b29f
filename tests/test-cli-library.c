/* test-cli-library.c — the library's commands, run as the built
 * xarxa-cli (its path in $XARXA_CLI) against a database in a temporary
 * folder: add document --file, export-file, search, export-csl and
 * import-csl, with the PDFs the test draws itself.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-library"

#include "config.h"

#include <cairo-pdf.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"
#include "test-util.h"
#include "xarxa-attachments.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef TestCliResult Result;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, test_cli_result_clear)

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  f->dir = test_make_dir ("cli-library");
  f->db = g_build_filename (f->dir, "xarxa.db", NULL);
  (void) data;
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  (void) data;
}

/* Runs xarxa-cli --db DB ARGS… (NULL-terminated); db NULL for f->db. */
static void
run_db (Fixture    *f,
        const char *db,
        Result     *r,
        ...)
{
  const TestCliOptions options = { .db = db != NULL ? db : f->db, .language = "en" };
  va_list args;
  const char *first;

  va_start (args, r);
  first = va_arg (args, const char *);
  test_cli_run_valist (&options, r, first, args);
  va_end (args);
}
#define run(f, r, ...) run_db (f, NULL, r, __VA_ARGS__)

static void
assert_ok (Result *r)
{
  if (r->status != 0)
    g_error ("xarxa-cli failed (%d): %s", r->status, r->err);
}

/* The id the command printed, as its one line. */
static char *
printed_id (Result *r)
{
  char *id;

  assert_ok (r);
  id = g_strstrip (g_strdup (r->out));
  g_assert_true (g_uuid_string_is_valid (id));
  return id;
}

static char *
make_pdf (const char *dir,
          const char *name,
          int         n_pages,
          const char *last_word)
{
  char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Agenda social compartida 2026");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "Clúster d’habitatge");
  cairo_set_font_size (cr, 14);
  for (int i = 1; i <= n_pages; i++)
    {
      cairo_move_to (cr, 72, 100);
      cairo_show_text (cr, i == n_pages ? last_word : "Reptes i prioritats del barri");
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return path;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* add document --file: the file stored, its text searched, its title
 * taken from the PDF; export-file gives the same bytes back. */
static void
test_add_with_file (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *pdf = make_pdf (f->dir, "agenda.pdf", 4, "Masoveria");
  g_autofree char *out_path = g_build_filename (f->dir, "copy.pdf", NULL);
  g_autofree char *id = NULL, *id2 = NULL;
  g_autofree char *files_dir = g_build_filename (f->dir, "files", NULL);
  g_autofree char *expected = NULL, *got = NULL;
  g_autoptr(GFile) in = g_file_new_for_path (pdf);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(JsonNode) shown = NULL, found = NULL;
  g_auto(Result) r = { 0 };
  JsonObject *doc, *hit;

  run (f, &r, "add", "document", "--file", pdf, "--kind", "shared-agenda", NULL);
  id = printed_id (&r);
  g_assert_cmpstr (r.err, ==, "");
  test_cli_result_clear (&r);

  run (f, &r, "show", "document", id, "--format", "json", NULL);
  assert_ok (&r);
  shown = parse (r.out);
  doc = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==, "Agenda social compartida 2026");
  g_assert_cmpstr (json_object_get_string_member (doc, "authors"), ==, "Clúster d’habitatge");
  g_assert_cmpstr (json_object_get_string_member (doc, "kind"), ==, "shared-agenda");
  g_assert_cmpstr (json_object_get_string_member (doc, "file_name"), ==, "agenda.pdf");
  g_assert_cmpstr (json_object_get_string_member (doc, "file_type"), ==, "application/pdf");
  g_assert_cmpstr (json_object_get_string_member (doc, "text_status"), ==, "extracted");
  expected = xarxa_file_sha256 (in, NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (doc, "file_hash"), ==, expected);
  g_assert_true (xarxa_attachments_has (files_dir, expected));
  test_cli_result_clear (&r);

  /* The word of the last page, found by the search across the views. */
  run (f, &r, "search", "masover", "--format", "json", NULL);
  assert_ok (&r);
  found = parse (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 1);
  hit = json_array_get_object_element (json_node_get_array (found), 0);
  g_assert_cmpstr (json_object_get_string_member (hit, "type"), ==, "document");
  g_assert_cmpstr (json_object_get_string_member (hit, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (hit, "title"), ==, "Agenda social compartida 2026");
  g_assert_nonnull (strstr (json_object_get_string_member (hit, "snippet"), "[Masoveria]"));
  test_cli_result_clear (&r);

  /* The same file again, with a title given: one file stored. */
  run (f, &r, "add", "document", "--title", "La mateixa agenda", "--file", pdf, NULL);
  id2 = printed_id (&r);
  test_cli_result_clear (&r);
  {
    g_autofree char *shard = g_build_filename (files_dir, (char[]) { expected[0], expected[1], 0 }, NULL);
    g_autoptr(GDir) dir = g_dir_open (shard, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (dir) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }

  run (f, &r, "export-file", "document", id2, out_path, NULL);
  assert_ok (&r);
  got = xarxa_file_sha256 (out, NULL, NULL);
  g_assert_cmpstr (got, ==, expected);
  (void) data;
}

/* A PDF cut short is added, exit 0, and the reason is told. */
static void
test_add_damaged (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *pdf = make_pdf (f->dir, "whole.pdf", 2, "Tallat");
  g_autofree char *cut = g_build_filename (f->dir, "cut.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *id = NULL;
  g_auto(Result) r = { 0 };
  gsize length;

  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, 200, NULL));
  run (f, &r, "add", "document", "--title", "Informe tallat", "--file", cut, NULL);
  id = printed_id (&r);
  g_assert_nonnull (strstr (r.err, "The PDF is damaged"));
  test_cli_result_clear (&r);
  run (f, &r, "show", "document", id, "--format", "json", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "\"text_status\" : \"damaged\""));
  test_cli_result_clear (&r);

  /* A file that is not there: nothing is added. */
  run (f, &r, "add", "document", "--title", "Res", "--file", "/nonexistent/x.pdf", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "/nonexistent/x.pdf"));
  test_cli_result_clear (&r);
  run (f, &r, "list", "documents", "--format", "csv", NULL);
  assert_ok (&r);
  g_assert_null (strstr (r.out, "Res"));
  (void) data;
}

static void
test_search_groups (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *org = NULL;
  g_auto(Result) r = { 0 };

  run (f, &r, "add", "entity", "--name", "Ateneu Cooperatiu", "--city", "Manresa", NULL);
  org = printed_id (&r);
  test_cli_result_clear (&r);
  run (f, &r, "add", "contact", "--full-name", "Pau Cooper", "--entity-id", org, NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  run (f, &r, "add", "mission", "--title", "Cooperatives a Bolonya", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);

  run (f, &r, "search", "cooper", NULL);
  assert_ok (&r);
  /* Grouped by kind, in the views' order. */
  g_assert_true (g_str_has_prefix (r.out, "Organisations\n"));
  g_assert_nonnull (strstr (r.out, "\nContact people\n"));
  g_assert_nonnull (strstr (r.out, "Pau Cooper"));
  g_assert_true (strstr (r.out, "Contact people") < strstr (r.out, "Missions"));
  test_cli_result_clear (&r);

  run (f, &r, "search", "cooper", "--type", "missions", "--format", "json", NULL);
  assert_ok (&r);
  g_assert_null (strstr (r.out, "Ateneu"));
  g_assert_nonnull (strstr (r.out, "Bolonya"));
  test_cli_result_clear (&r);

  /* Wrong uses say what to do. */
  run (f, &r, "search", NULL);
  g_assert_cmpint (r.status, ==, 2);
  test_cli_result_clear (&r);
  run (f, &r, "search", "x", "--type", "objective", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "cannot be searched"));
  test_cli_result_clear (&r);
  run (f, &r, "export-file", "entity", org, "/tmp/x", NULL);
  g_assert_cmpint (r.status, ==, 2);
  (void) data;
}

/* Links made from the command line: one per pair, to a record that is there. */
static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *doc = NULL, *org = NULL, *link = NULL, *again = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_auto(Result) r = { 0 };
  JsonArray *links;

  run (f, &r, "add", "document", "--title", "Informe de cures", NULL);
  doc = printed_id (&r);
  test_cli_result_clear (&r);
  run (f, &r, "add", "entity", "--name", "Xarxa de Cures", NULL);
  org = printed_id (&r);
  test_cli_result_clear (&r);
  run (f, &r, "add", "document-link", "--document-id", doc, "--target-type", "entity", "--target-id", org, NULL);
  link = printed_id (&r);
  test_cli_result_clear (&r);
  run (f, &r, "add", "document-link", "--document-id", doc, "--target-type", "entity", "--target-id", org, NULL);
  again = printed_id (&r);
  g_assert_cmpstr (link, ==, again);
  test_cli_result_clear (&r);

  run (f, &r, "show", "document", doc, "--format", "json", NULL);
  assert_ok (&r);
  shown = parse (r.out);
  links = json_object_get_array_member (json_object_get_object_member (json_node_get_object (shown), "children"),
                                        "document_link");
  g_assert_cmpuint (json_array_get_length (links), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 0), "target_id"), ==, org);
  test_cli_result_clear (&r);

  /* A target that is not there, or of a kind that cannot be linked. */
  run (f, &r, "add", "document-link", "--document-id", doc, "--target-type", "cluster", "--target-id", org, NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "no cluster"));
  test_cli_result_clear (&r);
  run (f, &r, "add", "document-link", "--document-id", doc, "--target-type", "contact", "--target-id", org, NULL);
  g_assert_cmpint (r.status, ==, 2);
  test_cli_result_clear (&r);
  run (f, &r, "add", "document-link", "--document-id", doc, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--target-type"));
  (void) data;
}

/* export-csl to a file, import-csl into another database; interviews
 * without consent stay; a Zotero export with gaps. */
static void
test_csl (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *csl = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *zotero = g_build_filename (g_getenv ("XARXA_SRCDIR"), "tests", "data", "zotero-library.json", NULL);
  g_auto(Result) r = { 0 };

  run (f, &r, "add", "document", "--title", "Informe d’economia social", "--kind", "report",
       "--authors", "Vidal, Laia", "--date", "2025-04-01", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);
  run (f, &r, "add", "document", "--title", "Entrevista pendent", "--kind", "interview",
       "--consent", "pending", NULL);
  assert_ok (&r);
  test_cli_result_clear (&r);

  run (f, &r, "export-csl", csl, NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.err, "1 interview was left out"));
  test_cli_result_clear (&r);

  /* The generic list's exports leave it out too, and say so; its text
   * listing shows it, marked. */
  run (f, &r, "list", "documents", "--format", "csv", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Informe d’economia social"));
  g_assert_null (strstr (r.out, "Entrevista pendent"));
  g_assert_nonnull (strstr (r.err, "1 interview was left out"));
  test_cli_result_clear (&r);
  run (f, &r, "list", "documents", "--format", "json", NULL);
  assert_ok (&r);
  g_assert_null (strstr (r.out, "Entrevista pendent"));
  test_cli_result_clear (&r);
  run (f, &r, "list", "documents", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Entrevista pendent\t(no consent given: not to be used)"));
  test_cli_result_clear (&r);
  run (f, &r, "export-csl", "-", "--kind", "report", "--format", "csv", NULL);
  assert_ok (&r);
  g_assert_true (g_str_has_prefix (r.out, "id,title,"));
  g_assert_nonnull (strstr (r.out, "Informe d’economia social"));
  test_cli_result_clear (&r);

  run_db (f, other, &r, "import-csl", csl, NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "imported 1, rejected 0\n");
  test_cli_result_clear (&r);
  run_db (f, other, &r, "search", "economia", "--format", "json", NULL);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Informe d’economia social"));
  test_cli_result_clear (&r);

  run_db (f, other, &r, "import-csl", zotero, NULL);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "imported 4, rejected 3\n");
  g_assert_nonnull (strstr (r.err, "item 4: It has no title"));
  g_assert_nonnull (strstr (r.err, "item 5, “Cooperatives d’habitatge a Montevideo”: "));
  test_cli_result_clear (&r);

  /* Not CSL-JSON: refused whole, exit 1. */
  run_db (f, other, &r, "import-csl", f->db, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "CSL JSON"));
  (void) data;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-library/add-with-file", Fixture, NULL, set_up, test_add_with_file, tear_down);
  g_test_add ("/cli-library/add-damaged", Fixture, NULL, set_up, test_add_damaged, tear_down);
  g_test_add ("/cli-library/search", Fixture, NULL, set_up, test_search_groups, tear_down);
  g_test_add ("/cli-library/links", Fixture, NULL, set_up, test_links, tear_down);
  g_test_add ("/cli-library/csl", Fixture, NULL, set_up, test_csl, tear_down);
  return g_test_run ();
}
