/* test-library.c — the knowledge library's core, without a display:
 * attachments stored once by SHA-256, text extraction (PDFs the test
 * draws itself with cairo, a damaged one, a password-protected one made
 * with qpdf, HTML), links, consent, and the search across every type.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-library"

#include "config.h"

#include <cairo-pdf.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <string.h>

#include "test-util.h"
#include "xarxa-csl.h"
#include "xarxa-json.h"
#include "xarxa-migrations.h"
#include "xarxa-library.h"
#include "xarxa-search.h"

/* ---- helpers ------------------------------------------------------------ */

static char *
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

/* A PDF of @n_pages pages, each saying which it is; @last_word only on the
 * last.  With a title, an author and a creation date of its own. */
static char *
make_pdf (const char *dir,
          const char *name,
          int         n_pages,
          const char *last_word)
{
  char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Local responses to the energy transition");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "Marta Puig");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "2025-03-14T10:00:00Z");
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  for (int i = 1; i <= n_pages; i++)
    {
      g_autofree char *line = g_strdup_printf ("Page %d of the cooperative report", i);

      cairo_move_to (cr, 72, 100);
      cairo_show_text (cr, line);
      if (i == n_pages && last_word != NULL)
        {
          cairo_move_to (cr, 72, 140);
          cairo_show_text (cr, last_word);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static guint
count_stored_files (const char *files_dir)
{
  g_autoptr(GDir) dir = g_dir_open (files_dir, 0, NULL);
  const char *shard;
  guint n = 0;

  if (dir == NULL)
    return 0;
  while ((shard = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *shard_path = g_build_filename (files_dir, shard, NULL);
      g_autoptr(GDir) sub = NULL;

      /* A leftover temporary file would be a plain file here. */
      g_assert_true (g_file_test (shard_path, G_FILE_TEST_IS_DIR));
      sub = g_dir_open (shard_path, 0, NULL);
      while (g_dir_read_name (sub) != NULL)
        n++;
    }
  return n;
}

static char *
new_document (XarxaStore *store,
              const char *title,
              const char *path)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GFile) file = path != NULL ? g_file_new_for_path (path) : NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, "title", title);
  id = xarxa_library_add_document (store, values, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static const char *
member (JsonObject *record,
        const char *name)
{
  return json_object_get_string_member_with_default (record, name, NULL);
}

/* ---- attachments -------------------------------------------------------- */

static void
test_same_file_twice (TestStore    *f,
                      gconstpointer data)
{
  g_autofree char *path = write_file (f->dir, "notes.md", "# Notes\n\nThe **agroecology** network met.\n", -1);
  g_autofree char *copy = write_file (f->dir, "copy of notes.md", "# Notes\n\nThe **agroecology** network met.\n", -1);
  g_autofree char *files_dir = xarxa_library_files_dir (f->store);
  g_autofree char *a = new_document (f->store, "First", path);
  g_autofree char *b = new_document (f->store, "Second", copy);
  g_autoptr(JsonObject) ra = xarxa_store_get_record (f->store, "document", a, NULL);
  g_autoptr(JsonObject) rb = xarxa_store_get_record (f->store, "document", b, NULL);
  g_autofree char *stored = xarxa_attachments_path (files_dir, member (ra, "file_hash"));
  g_autofree char *found = NULL;

  g_assert_cmpstr (member (ra, "file_hash"), ==, member (rb, "file_hash"));
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                             "# Notes\n\nThe **agroecology** network met.\n", -1);

  g_assert_cmpstr (member (ra, "file_hash"), ==, expected);
  g_assert_cmpuint (count_stored_files (files_dir), ==, 1);
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (member (rb, "file_name"), ==, "copy of notes.md");
  g_assert_cmpint (json_object_get_int_member (ra, "file_size"), ==, strlen ("# Notes\n\nThe **agroecology** network met.\n"));
  g_assert_cmpstr (member (ra, "text_status"), ==, "extracted");
  /* The file is found again by its hash, in the first document it came with. */
  found = xarxa_library_find_by_hash (f->store, member (ra, "file_hash"), NULL);
  g_assert_cmpstr (found, ==, a);
  (void) data;
}

/* A 50 MB file goes in and comes out in pieces, and the copy written back
 * is the same file. */
static void
test_large_file (TestStore    *f,
                 gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "survey.bin", NULL);
  g_autofree char *out_path = g_build_filename (f->dir, "exported.bin", NULL);
  g_autofree char *files_dir = xarxa_library_files_dir (f->store);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(XarxaAttachment) att = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported_hash = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  guint32 chunk[16384];
  GRand *rand = g_rand_new_with_seed (14);
  FILE *fp = g_fopen (path, "wb");

  g_assert_nonnull (fp);
  for (int i = 0; i < 50 * 1024 * 1024 / (int) sizeof chunk; i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (chunk); j++)
        chunk[j] = g_rand_int (rand);
      g_checksum_update (sum, (const guchar *) chunk, sizeof chunk);
      g_assert_cmpuint (fwrite (chunk, 1, sizeof chunk, fp), ==, sizeof chunk);
    }
  fclose (fp);
  g_rand_free (rand);

  json_object_set_string_member (values, "title", "Survey data");
  json_object_set_string_member (values, "kind", "dataset");
  id = xarxa_library_add_document (f->store, values, file, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) doc = xarxa_store_get_record (f->store, "document", id, NULL);

    g_assert_cmpstr (member (doc, "file_hash"), ==, g_checksum_get_string (sum));
    g_assert_cmpint (json_object_get_int_member (doc, "file_size"), ==, 50 * 1024 * 1024);
    /* Not a kind of file with text: the document says so, nothing failed. */
    g_assert_cmpstr (member (doc, "text_status"), ==, "unsupported");
  }
  g_assert_true (xarxa_library_export_file (f->store, id, out, NULL, &error));
  g_assert_no_error (error);
  exported_hash = xarxa_file_sha256 (out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exported_hash, ==, g_checksum_get_string (sum));

  /* Added again: still one stored file. */
  att = xarxa_attachments_add (files_dir, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_stored_files (files_dir), ==, 1);
  g_unlink (path);
  g_unlink (out_path);
  (void) data;
}

/* A download whose bytes are not those of the hash it claims stores nothing. */
static void
test_expected_hash (TestStore    *f,
                    gconstpointer data)
{
  g_autofree char *path = write_file (f->dir, "a.txt", "cut short", -1);
  g_autofree char *files_dir = xarxa_library_files_dir (f->store);
  g_autofree char *good = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "cut short", -1);
  g_autofree char *bad = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "cut short, and more", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(XarxaAttachment) att = NULL;
  g_autoptr(GError) error = NULL;

  att = xarxa_attachments_add (files_dir, file, bad, NULL, &error);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_null (att);
  g_assert_cmpuint (count_stored_files (files_dir), ==, 0);
  g_assert_false (xarxa_attachments_has (files_dir, bad));
  {
    g_autoptr(GDir) dir = g_dir_open (files_dir, 0, NULL);

    g_assert_null (g_dir_read_name (dir));   /* no temporary file left */
  }
  g_clear_error (&error);
  att = xarxa_attachments_add (files_dir, file, good, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (xarxa_attachments_has (files_dir, good));
  g_clear_pointer (&att, xarxa_attachment_free);

  /* From a stream, as a download arrives. */
  {
    g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data ("from the server", -1, NULL);
    g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "from the server", -1);

    att = xarxa_attachments_add_stream (files_dir, in, "notes.txt", hash, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (att->hash, ==, hash);
    g_assert_cmpstr (att->content_type, ==, "text/plain");
    g_assert_cmpint (att->size, ==, 15);
    g_assert_cmpuint (count_stored_files (files_dir), ==, 2);
  }
  (void) data;
}

/* ---- text --------------------------------------------------------------- */

static void
test_pdf_text (TestStore    *f,
               gconstpointer data)
{
  g_autofree char *path = make_pdf (f->dir, "report.pdf", 5, "Zyxwanderberg");
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(XarxaExtractedText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *id = NULL;

  json_object_set_string_member (values, "title", "Energy report");
  id = xarxa_library_add_document (f->store, values, file, NULL, &text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text->status, ==, "extracted");
  g_assert_null (text->error);
  g_assert_cmpuint (text->n_pages, ==, 5);
  /* The PDF's own details, offered for the form. */
  g_assert_cmpstr (text->title, ==, "Local responses to the energy transition");
  g_assert_cmpstr (text->author, ==, "Marta Puig");
  g_assert_cmpstr (text->date, ==, "2025-03-14");

  doc = xarxa_store_get_record (f->store, "document", id, NULL);
  g_assert_cmpstr (member (doc, "title"), ==, "Energy report");   /* the person's title stays */
  g_assert_cmpstr (member (doc, "authors"), ==, "Marta Puig");
  g_assert_cmpstr (member (doc, "date"), ==, "2025-03-14");
  g_assert_cmpstr (member (doc, "file_type"), ==, "application/pdf");
  g_assert_nonnull (strstr (member (doc, "full_text"), "Page 1 of the cooperative report"));

  /* The word on the last page only is found by the library's search. */
  found = xarxa_store_search (f->store, "document", "zyxwander", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, id);
  (void) data;
}

static void
test_pdf_damaged (TestStore    *f,
                  gconstpointer data)
{
  g_autofree char *good = make_pdf (f->dir, "whole.pdf", 3, "Brokenword");
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) doc = NULL;
  gsize length;

  /* The first bytes only, as a download cut short leaves it. */
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  path = write_file (f->dir, "cut.pdf", contents, 300);
  id = new_document (f->store, "Cut report", path);
  doc = xarxa_store_get_record (f->store, "document", id, NULL);
  g_assert_cmpstr (member (doc, "title"), ==, "Cut report");
  g_assert_cmpstr (member (doc, "text_status"), ==, "damaged");
  g_assert_nonnull (strstr (member (doc, "text_error"), "damaged"));
  g_assert_null (member (doc, "full_text"));
  g_assert_nonnull (member (doc, "file_hash"));   /* the file is kept as it is */
  (void) data;
}

static void
test_pdf_protected (TestStore    *f,
                    gconstpointer data)
{
  g_autofree char *plain = make_pdf (f->dir, "open.pdf", 2, "Secretword");
  g_autofree char *path = g_build_filename (f->dir, "locked.pdf", NULL);
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *id = NULL;
  int status = -1;

  if (qpdf == NULL)
    {
      g_test_skip ("qpdf is not installed (build-aux/deps.sh installs it): no encrypted PDF to test");
      return;
    }
  {
    const char *argv[] = { qpdf, "--encrypt", "user-secret", "owner-secret", "256", "--",
                           plain, path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
  }
  id = new_document (f->store, "Locked report", path);
  doc = xarxa_store_get_record (f->store, "document", id, NULL);
  g_assert_cmpstr (member (doc, "text_status"), ==, "protected");
  g_assert_nonnull (strstr (member (doc, "text_error"), "password"));
  found = xarxa_store_search (f->store, "document", "secretword", NULL);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = xarxa_store_search (f->store, "document", "locked", NULL);
  g_assert_cmpuint (found->len, ==, 1);
  (void) data;
}

static void
test_html_text (TestStore    *f,
                gconstpointer data)
{
  const char *html =
    "<!DOCTYPE html><html><head><title>Barri cooperatiu</title>"
    "<style>body { font-family: hiddenstyle }</style>"
    "<script>var hiddenscript = 1;</script></head>"
    "<body><h1>Cooperació al barri</h1><p>Les xarxes d&rsquo;habitatge <b>comunitari</b>"
    " creixen.</p><noscript>hiddennoscript</noscript></body></html>";
  g_autofree char *path = write_file (f->dir, "page.html", html, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(XarxaExtractedText) text = NULL;
  g_autoptr(GError) error = NULL;

  text = xarxa_text_extract (file, "text/html", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text->status, ==, "extracted");
  g_assert_cmpstr (text->title, ==, "Barri cooperatiu");
  g_assert_nonnull (strstr (text->text, "Cooperació al barri"));
  g_assert_nonnull (strstr (text->text, "Les xarxes d’habitatge comunitari creixen."));
  g_assert_null (strstr (text->text, "hiddenstyle"));
  g_assert_null (strstr (text->text, "hiddenscript"));
  g_assert_null (strstr (text->text, "hiddennoscript"));
  (void) data;
}

/* A text file larger than what is read: its beginning is searched, and
 * the document says so. */
static void
test_long_text (TestStore    *f,
                gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "log.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(XarxaExtractedText) text = NULL;
  g_autoptr(GError) error = NULL;
  FILE *fp = g_fopen (path, "wb");
  char line[64];

  g_assert_nonnull (fp);
  fputs ("Beginword\n", fp);
  memset (line, 'x', sizeof line - 1);
  line[sizeof line - 1] = '\n';
  for (int i = 0; i < 20 * 1024 * 1024 / (int) sizeof line; i++)
    fwrite (line, 1, sizeof line, fp);
  fputs ("Endword\n", fp);
  fclose (fp);

  text = xarxa_text_extract (file, "text/plain", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text->status, ==, "extracted");
  g_assert_true (g_str_has_prefix (text->text, "Beginword"));
  g_assert_null (strstr (text->text, "Endword"));
  g_assert_cmpuint (strlen (text->text), ==, 16 * 1024 * 1024);
  g_assert_nonnull (strstr (text->error, "first 16 MB"));
  g_unlink (path);
  (void) data;
}

typedef struct
{
  GMainLoop          *loop;
  XarxaExtractedText *result;
  GError             *error;
  guint               last_done, last_total, n_reports;
} AsyncRun;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_cmpuint (done, >, run->last_done);
  run->last_done = done;
  run->last_total = total;
  run->n_reports++;
}

static void
extracted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncRun *run = user_data;

  (void) source;
  run->result = xarxa_text_extract_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

/* In a thread, page by page with progress told on the main loop, and
 * cancellable. */
static void
test_extract_async (TestStore    *f,
                    gconstpointer data)
{
  g_autofree char *path = make_pdf (f->dir, "long.pdf", 40, "Lastpageword");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncRun run = { 0 };

  run.loop = g_main_loop_new (NULL, FALSE);
  xarxa_text_extract_async (file, "application/pdf", NULL, progress_cb, &run, extracted_cb, &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_nonnull (strstr (run.result->text, "Lastpageword"));
  /* Progress reports may still be queued behind the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (run.last_done, ==, 40);
  g_assert_cmpuint (run.last_total, ==, 40);
  g_clear_pointer (&run.result, xarxa_extracted_text_free);

  /* Cancelled: the pages are checked for it one by one.  Cancelled before it
   * starts rather than from the first progress report, which reaches the
   * main loop only after the thread may already have read every page. */
  run.last_done = 0;
  g_cancellable_cancel (cancellable);
  xarxa_text_extract_async (file, "application/pdf", cancellable, progress_cb, &run, extracted_cb, &run);
  g_main_loop_run (run.loop);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.result);
  g_clear_error (&run.error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (run.last_done, <, 40);
  g_main_loop_unref (run.loop);
  (void) data;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  XarxaStoredFile **out = user_data;
  g_autoptr(GError) error = NULL;

  (void) source;
  *out = xarxa_library_store_file_finish (result, &error);
  g_assert_no_error (error);
}

/* As the window adds a file: stored and read in a thread, then written to
 * the document on the main loop. */
static void
test_store_file_async (TestStore    *f,
                       gconstpointer data)
{
  g_autofree char *path = make_pdf (f->dir, "dropped.pdf", 6, "Droppedword");
  g_autofree char *files_dir = xarxa_library_files_dir (f->store);
  g_autofree char *id = new_document (f->store, "Dropped", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(XarxaStoredFile) stored = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;
  AsyncRun run = { 0 };

  xarxa_library_store_file_async (files_dir, file, NULL, progress_cb, &run, stored_cb, &stored);
  while (stored == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (run.last_done, ==, 6);
  g_assert_true (xarxa_attachments_has (files_dir, stored->attachment->hash));
  g_assert_cmpstr (stored->text->title, ==, "Local responses to the energy transition");
  g_assert_true (xarxa_library_attach (f->store, id, stored->attachment, &error));
  g_assert_no_error (error);
  g_assert_true (xarxa_library_set_text (f->store, id, stored->text, &error));
  g_assert_no_error (error);
  doc = xarxa_store_get_record (f->store, "document", id, NULL);
  g_assert_cmpstr (member (doc, "file_name"), ==, "dropped.pdf");
  g_assert_cmpstr (member (doc, "authors"), ==, "Marta Puig");
  found = xarxa_store_search (f->store, "document", "droppedword", NULL);
  g_assert_cmpuint (found->len, ==, 1);
  (void) data;
}

/* Text filled in after the document was made, as the window does it. */
static void
test_set_text (TestStore    *f,
               gconstpointer data)
{
  g_autofree char *id = new_document (f->store, "Agenda", NULL);
  XarxaExtractedText text = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonObject) doc = NULL;

  text.text = (char *) "The shared agenda names housing first";
  text.status = (char *) "extracted";
  text.author = (char *) "Xarxa team";
  g_assert_true (xarxa_library_set_text (f->store, id, &text, &error));
  g_assert_no_error (error);
  found = xarxa_store_search (f->store, "document", "housing", NULL);
  g_assert_cmpuint (found->len, ==, 1);
  doc = xarxa_store_get_record (f->store, "document", id, NULL);
  g_assert_cmpstr (member (doc, "authors"), ==, "Xarxa team");
  g_assert_cmpstr (member (doc, "text_status"), ==, "extracted");
  (void) data;
}

/* ---- links and consent -------------------------------------------------- */

/* A record of @type with one or two text fields. */
#define new_record(store, type, field, value, field2, value2) \
  test_add_record ((store), (type), (field), (value), (field2), (value2), NULL)

static void
test_links (TestStore    *f,
            gconstpointer data)
{
  g_autofree char *doc = new_document (f->store, "Housing report", NULL);
  g_autofree char *other = new_document (f->store, "Agenda 2026", NULL);
  g_autofree char *org = new_record (f->store, "entity", "name", "Coop Habitatge", NULL, NULL);
  g_autofree char *cluster = new_record (f->store, "cluster", "name", "Housing cluster", NULL, NULL);
  g_autofree char *link1 = NULL, *link2 = NULL, *link3 = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;

  link1 = xarxa_library_link (f->store, doc, "entity", org, &error);
  g_assert_no_error (error);
  link2 = xarxa_library_link (f->store, doc, "entity", org, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (link1, ==, link2);   /* linking twice is linking once */
  g_assert_true (g_uuid_string_is_valid (link1));
  g_free (xarxa_library_link (f->store, doc, "cluster", cluster, &error));
  g_assert_no_error (error);
  link3 = xarxa_library_link (f->store, other, "entity", org, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (f->store, "document_link"), ==, 3);

  docs = xarxa_library_documents_of (f->store, "entity", org, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (docs, 0), ==, other);   /* by title */
  g_assert_cmpstr (g_ptr_array_index (docs, 1), ==, doc);
  targets = xarxa_library_targets_of (f->store, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 2);
  g_assert_cmpstr (((XarxaLinkTarget *) g_ptr_array_index (targets, 0))->type, ==, "entity");
  g_assert_cmpstr (((XarxaLinkTarget *) g_ptr_array_index (targets, 0))->id, ==, org);
  g_assert_cmpstr (((XarxaLinkTarget *) g_ptr_array_index (targets, 1))->type, ==, "cluster");

  g_assert_true (xarxa_library_unlink (f->store, doc, "entity", org, &error));
  g_assert_no_error (error);
  g_clear_pointer (&docs, g_ptr_array_unref);
  docs = xarxa_library_documents_of (f->store, "entity", org, &error);
  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (docs, 0), ==, other);
  /* Linked again: the same link comes back. */
  g_free (link2);
  link2 = xarxa_library_link (f->store, doc, "entity", org, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (link1, ==, link2);
  g_assert_cmpint (xarxa_store_count (f->store, "document_link"), ==, 3);

  /* Nothing to link to, or a kind that cannot be linked. */
  g_assert_null (xarxa_library_link (f->store, doc, "mission", org, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (xarxa_library_link (f->store, doc, "contact", org, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  (void) data;
}

static void
test_consent (TestStore    *f,
              gconstpointer data)
{
  g_autofree char *person = new_record (f->store, "contact", "full_name", "Aina Serra", NULL, NULL);
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  json_object_set_string_member (values, "title", "Interview with Aina Serra");
  json_object_set_string_member (values, "kind", "interview");
  json_object_set_string_member (values, "interviewee_id", person);
  json_object_set_string_member (values, "interviewed_on", "2026-05-12");
  json_object_set_string_member (values, "consent", "pending");
  id = xarxa_store_create_record (f->store, "document", values, &error);
  g_assert_no_error (error);
  doc = xarxa_store_get_record (f->store, "document", id, NULL);
  g_assert_cmpstr (member (doc, "interviewee_id"), ==, person);
  g_assert_false (xarxa_document_may_export (doc));
  json_object_set_string_member (changes, "consent", "given");
  g_assert_true (xarxa_store_update_record (f->store, "document", id, changes, &error));
  g_clear_pointer (&doc, json_object_unref);
  doc = xarxa_store_get_record (f->store, "document", id, NULL);
  g_assert_true (xarxa_document_may_export (doc));

  /* A value outside the list is refused with a message. */
  json_object_set_string_member (changes, "consent", "maybe");
  g_assert_false (xarxa_store_update_record (f->store, "document", id, changes, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  (void) data;
}

/* ---- search across the views -------------------------------------------- */

static guint
count_type (GPtrArray  *hits,
            const char *type)
{
  guint n = 0;

  for (guint i = 0; i < hits->len; i++)
    n += strcmp (((XarxaSearchHit *) g_ptr_array_index (hits, i))->type, type) == 0;
  return n;
}

static void
test_global_search (TestStore    *f,
                    gconstpointer data)
{
  g_autofree char *org = new_record (f->store, "entity", "name", "Solar Cooperativa del Pla", "city", "Vic");
  g_autofree char *other = new_record (f->store, "entity", "name", "Banc del Temps", NULL, NULL);
  g_autofree char *person = new_record (f->store, "contact", "full_name", "Jordi Solà", "entity_id", org);
  g_autofree char *nobody = new_record (f->store, "contact", "full_name", "Laia Vidal", "entity_id", org);
  g_autofree char *cluster = new_record (f->store, "cluster", "name", "Energia solar compartida", NULL, NULL);
  g_autofree char *mission = new_record (f->store, "mission", "title", "Visit to solar communities", NULL, NULL);
  g_autofree char *path = make_pdf (f->dir, "solar.pdf", 3, "photovoltaic");
  g_autofree char *doc = new_document (f->store, "Community energy", path);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  const char *only_docs[] = { "document", NULL };
  const char *not_searched[] = { "objective", NULL };
  XarxaSearchHit *hit;

  hits = xarxa_search (f->store, "sola", NULL, 10, "[", "]", &error);
  g_assert_no_error (error);
  /* Grouped by type: organisations, people, clusters, missions, documents. */
  g_assert_cmpuint (hits->len, ==, 4);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->type, ==, "entity");
  g_assert_cmpstr (hit->id, ==, org);
  g_assert_cmpstr (hit->title, ==, "Solar Cooperativa del Pla");
  g_assert_nonnull (strstr (hit->snippet, "[Solar]"));
  hit = g_ptr_array_index (hits, 1);
  g_assert_cmpstr (hit->type, ==, "contact");
  g_assert_cmpstr (hit->id, ==, person);   /* and not Laia, who does not match */
  g_assert_cmpstr (hit->title, ==, "Jordi Solà");
  g_assert_nonnull (strstr (hit->snippet, "[Solà]"));
  hit = g_ptr_array_index (hits, 2);
  g_assert_cmpstr (hit->type, ==, "cluster");
  g_assert_cmpstr (hit->id, ==, cluster);
  g_assert_nonnull (strstr (hit->snippet, "[solar]"));
  hit = g_ptr_array_index (hits, 3);
  g_assert_cmpstr (hit->type, ==, "mission");
  g_assert_cmpstr (hit->id, ==, mission);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A mission's stops and field notes are found too, each with its
   * words marked. */
  {
    g_autofree char *stop = new_record (f->store, "itinerary_stop", "mission_id", mission,
                                        "title", "Visit to the solar roofs");
    g_autofree char *note = new_record (f->store, "field_note", "mission_id", mission,
                                        "text", "They share the solar panels\nacross the street");
    const char *only_mission_parts[] = { "itinerary_stop", "field_note", NULL };

    hits = xarxa_search (f->store, "solar", only_mission_parts, 10, "[", "]", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 2);
    hit = g_ptr_array_index (hits, 0);
    g_assert_cmpstr (hit->type, ==, "itinerary_stop");
    g_assert_cmpstr (hit->id, ==, stop);
    g_assert_cmpstr (hit->title, ==, "Visit to the solar roofs");
    g_assert_nonnull (strstr (hit->snippet, "[solar]"));
    hit = g_ptr_array_index (hits, 1);
    g_assert_cmpstr (hit->type, ==, "field_note");
    g_assert_cmpstr (hit->id, ==, note);
    g_assert_cmpstr (hit->title, ==, "They share the solar panels across the street");
    g_clear_pointer (&hits, g_ptr_array_unref);

    /* A deleted note is not found. */
    g_assert_true (xarxa_store_delete_record (f->store, "field_note", note, &error));
    hits = xarxa_search (f->store, "panels", only_mission_parts, 10, "[", "]", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
    g_clear_pointer (&hits, g_ptr_array_unref);
  }

  /* A word of the attachment's last page, in the document's group. */
  hits = xarxa_search (f->store, "photovolt", NULL, 10, "<b>", "</b>", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->type, ==, "document");
  g_assert_cmpstr (hit->id, ==, doc);
  g_assert_cmpstr (hit->title, ==, "Community energy");
  g_assert_nonnull (strstr (hit->snippet, "<b>photovoltaic</b>"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Restricted to a type; ranked: the name beats the city. */
  hits = xarxa_search (f->store, "energ", only_docs, 10, "", "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_type (hits, "document"), ==, 1);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Every word must match; none matches nothing. */
  hits = xarxa_search (f->store, "solar temps", NULL, 10, "", "", &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = xarxa_search (f->store, "  \"*: ", NULL, 10, "", "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The limit holds per type. */
  hits = xarxa_search (f->store, "del", NULL, 1, "", "", &error);
  g_assert_cmpuint (count_type (hits, "entity"), ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = xarxa_search (f->store, "solar", not_searched, 10, "", "", &error);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_null (hits);
  (void) other;
  (void) nobody;
  (void) data;
}

/* ---- CSL-JSON and CSV ---------------------------------------------------- */

static void
test_csl_round_trip (TestStore    *f,
                     gconstpointer data)
{
  g_autofree char *publisher = new_record (f->store, "entity", "name", "Fundació Horitzó", NULL, NULL);
  g_autofree char *dir2 = NULL, *path2 = NULL;
  g_autoptr(XarxaStore) other = test_open_store (&dir2, &path2);
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(JsonNode) tags = json_from_string ("[\"habitatge\", \"cures\"]", NULL);
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csl = NULL, *csl_again = NULL;
  g_autofree char *case_id = NULL, *pending = NULL;
  const char *kinds[] = { "report", "case-study", "shared-agenda", "article", "video", "dataset", "other", NULL };
  guint left_out = 99;

  json_object_set_string_member (values, "title", "Habitatge cooperatiu: aprenentatges");
  json_object_set_string_member (values, "kind", "case-study");
  json_object_set_string_member (values, "authors", "Puig, Marta; Col·lectiu Raons");
  json_object_set_string_member (values, "date", "2024-10-05");
  json_object_set_string_member (values, "language", "ca");
  json_object_set_string_member (values, "summary", "Què han après les cooperatives.");
  json_object_set_string_member (values, "url", "https://example.org/habitatge");
  json_object_set_string_member (values, "publisher_entity_id", publisher);
  json_object_set_member (values, "tags", json_node_copy (tags));
  case_id = xarxa_store_create_record (f->store, "document", values, &error);
  g_assert_no_error (error);
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autoptr(JsonObject) v = json_object_new ();
      g_autofree char *title = g_strdup_printf ("A %s", kinds[i]);

      json_object_set_string_member (v, "title", title);
      json_object_set_string_member (v, "kind", kinds[i]);
      g_free (xarxa_store_create_record (f->store, "document", v, &error));
      g_assert_no_error (error);
    }
  /* An interview without consent never leaves. */
  g_clear_pointer (&values, json_object_unref);
  values = json_object_new ();
  json_object_set_string_member (values, "title", "Entrevista sense consentiment");
  json_object_set_string_member (values, "kind", "interview");
  json_object_set_string_member (values, "consent", "pending");
  pending = xarxa_store_create_record (f->store, "document", values, &error);
  g_assert_no_error (error);

  docs = xarxa_library_documents_to_export (f->store, NULL, &left_out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 8);
  g_assert_cmpuint (left_out, ==, 1);
  csl = xarxa_csl_from_documents (f->store, docs);
  g_assert_null (strstr (csl, "sense consentiment"));
  g_assert_nonnull (strstr (csl, "\"family\" : \"Puig\""));
  g_assert_nonnull (strstr (csl, "\"publisher\" : \"Fundació Horitzó\""));

  report = xarxa_csl_import (other, csl, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 8);
  g_assert_cmpuint (report->rejected, ==, 0);
  {
    g_autoptr(JsonObject) a = xarxa_store_get_record (f->store, "document", case_id, NULL);
    g_autoptr(JsonObject) b = xarxa_store_get_record (other, "document", case_id, &error);
    const char *same[] = { "title", "kind", "authors", "date", "language", "summary", "url", NULL };

    g_assert_no_error (error);
    for (guint i = 0; same[i] != NULL; i++)
      g_assert_cmpstr (member (a, same[i]), ==, member (b, same[i]));
    g_assert_true (xarxa_value_equal (json_object_get_member (b, "tags"), json_object_get_member (a, "tags")));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b, "tags")), ==, 2);
    /* No organisation of that name on the other device: none is made up. */
    g_assert_null (member (b, "publisher_entity_id"));
  }
  /* Exported again from there, the same items. */
  {
    g_autoptr(GPtrArray) docs2 = xarxa_library_documents_to_export (other, NULL, NULL, &error);
    g_autoptr(JsonNode) n1 = NULL, n2 = NULL;

    csl_again = xarxa_csl_from_documents (other, docs2);
    g_assert_cmpuint (docs2->len, ==, 8);
    g_assert_null (strstr (csl_again, "Fundació Horitzó"));
    n1 = json_from_string (csl, NULL);
    n2 = json_from_string (csl_again, NULL);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (n1)), ==,
                      json_array_get_length (json_node_get_array (n2)));
  }
  /* Imported twice: the ids are known, nothing doubles. */
  g_clear_pointer (&report, xarxa_import_report_free);
  report = xarxa_csl_import (other, csl, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->rejected, ==, 8);
  g_assert_cmpint (xarxa_store_count (other, "document"), ==, 8);

  /* CSV of the same documents: a header of field names, one row each. */
  {
    g_autofree char *csv = xarxa_csv_from_documents (docs);
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

    g_assert_true (g_str_has_prefix (lines[0], "id,title,kind,authors,"));
    g_assert_null (strstr (lines[0], "full_text"));
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 8 + 1);
    g_assert_null (strstr (csv, "sense consentiment"));
    g_assert_nonnull (strstr (csv, "\"Puig, Marta; Col·lectiu Raons\""));
  }
  g_clear_object (&other);
  test_remove_tree (dir2);
  (void) data;
}

/* What Zotero writes, with the gaps real libraries have. */
static void
test_csl_zotero (TestStore    *f,
                 gconstpointer data)
{
  g_autofree char *path = g_build_filename (g_getenv ("XARXA_SRCDIR"), "tests", "data", "zotero-library.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *publisher = new_record (f->store, "entity", "name", "Xarxa per la Sobirania Energètica", NULL, NULL);
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonObject) doc = NULL;
  XarxaImportRejection *r;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  report = xarxa_csl_import (f->store, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 4);
  g_assert_cmpuint (report->rejected, ==, 3);
  r = g_ptr_array_index (report->rejections, 0);
  g_assert_cmpuint (r->line, ==, 4);     /* the book without a title */
  g_assert_nonnull (strstr (r->reason, "title"));
  r = g_ptr_array_index (report->rejections, 1);
  g_assert_cmpuint (r->line, ==, 5);     /* a web address that is not one */
  g_assert_cmpstr (r->name, ==, "Cooperatives d’habitatge a Montevideo");
  g_assert_nonnull (strstr (r->reason, "javascript"));
  r = g_ptr_array_index (report->rejections, 2);
  g_assert_cmpuint (r->line, ==, 7);
  g_assert_null (r->name);

  found = xarxa_store_search (f->store, "document", "comunitats energetiques", &error);
  g_assert_cmpuint (found->len, ==, 1);
  doc = xarxa_store_get_record (f->store, "document", g_ptr_array_index (found, 0), NULL);
  g_assert_cmpstr (member (doc, "kind"), ==, "report");
  g_assert_cmpstr (member (doc, "authors"), ==, "Puig, Marta; Garcia i Soler, Joan");
  g_assert_cmpstr (member (doc, "date"), ==, "2023-06-15");
  g_assert_cmpstr (member (doc, "language"), ==, "ca");
  g_assert_cmpstr (member (doc, "url"), ==, "https://example.org/guia-comunitats-energetiques.pdf");
  g_assert_cmpstr (member (doc, "publisher_entity_id"), ==, publisher);
  g_assert_nonnull (strstr (member (doc, "summary"), "ajuntaments"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "tags")), ==, 3);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&doc, json_object_unref);

  /* A year alone and a language written out: the rest comes in. */
  found = xarxa_store_search (f->store, "document", "welfare mix", &error);
  g_assert_cmpuint (found->len, ==, 1);
  doc = xarxa_store_get_record (f->store, "document", g_ptr_array_index (found, 0), NULL);
  g_assert_cmpstr (member (doc, "kind"), ==, "article");
  g_assert_cmpstr (member (doc, "authors"), ==, "Moulaert, Frank");
  g_assert_null (member (doc, "date"));
  g_assert_null (member (doc, "language"));
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&doc, json_object_unref);

  found = xarxa_store_search (f->store, "document", "cures", &error);
  doc = xarxa_store_get_record (f->store, "document", g_ptr_array_index (found, 0), NULL);
  g_assert_cmpstr (member (doc, "kind"), ==, "other");   /* a thesis */
  g_assert_cmpstr (member (doc, "date"), ==, "2022-11-30");   /* date parts as strings */
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&doc, json_object_unref);

  found = xarxa_store_search (f->store, "document", "pamapam", &error);
  g_assert_cmpuint (found->len, ==, 0);   /* the site's name is not kept */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = xarxa_store_search (f->store, "document", "economia solidaria", &error);
  doc = xarxa_store_get_record (f->store, "document", g_ptr_array_index (found, 0), NULL);
  g_assert_cmpstr (member (doc, "date"), ==, "2020-02-03");
  g_assert_null (member (doc, "authors"));

  /* Not CSL-JSON at all: an error that says what to do, nothing imported. */
  g_clear_pointer (&report, xarxa_import_report_free);
  report = xarxa_csl_import (f->store, "{\"items\": []}", -1, &error);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Zotero"));
  g_clear_error (&error);
  report = xarxa_csl_import (f->store, "Title,Author\n", -1, &error);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_cmpint (xarxa_store_count (f->store, "document"), ==, 4);
  (void) data;
}

/* ---- the migration ------------------------------------------------------ */

/* A database of version 6 keeps its documents and takes the library's new
 * fields (version 8, after the missions' 7). */
static void
test_migration_8 (void)
{
  g_autofree char *dir = test_make_dir ("library-migration");
  g_autofree char *path = g_build_filename (dir, "xarxa.db", NULL);
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GPtrArray) found = NULL;
  const char *id = "0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a21";
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  xarxa_json_add_sql_functions (db);
  for (guint v = 0; v < 6; v++)
    g_assert_cmpint (sqlite3_exec (db, xarxa_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO document (title, kind, full_text, id, created_at, updated_at) VALUES"
                                 " ('Entrevista a la cooperativa', 'interview', 'masoveria urbana',"
                                 "  '0b0e5a6e-8c47-4c1e-9d0f-3f1f4e1f7a21', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
                                 "INSERT INTO document_fts (rowid, title, full_text)"
                                 " SELECT rowid, title, full_text FROM document;"
                                 "PRAGMA application_id = 1480675928; PRAGMA user_version = 6;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = xarxa_store_open (path, &error);
  g_assert_no_error (error);
  doc = xarxa_store_get_record (store, "document", id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member (doc, "title"), ==, "Entrevista a la cooperativa");
  g_assert_null (member (doc, "consent"));
  /* An interview from before consent was asked: not exported until given. */
  g_assert_false (xarxa_document_may_export (doc));
  json_object_set_string_member (changes, "consent", "given");
  json_object_set_string_member (changes, "text_status", "extracted");
  g_assert_true (xarxa_store_update_record (store, "document", id, changes, &error));
  g_assert_no_error (error);
  g_clear_pointer (&doc, json_object_unref);
  doc = xarxa_store_get_record (store, "document", id, NULL);
  g_assert_true (xarxa_document_may_export (doc));
  found = xarxa_store_search (store, "document", "masoveria", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* ---- the Library view's list -------------------------------------------- */

static char *
new_document_with (XarxaStore *store,
                   const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  char *id;

  g_assert_nonnull (node);
  id = xarxa_store_create_record (store, "document", json_node_get_object (node), &error);
  g_assert_no_error (error);
  return id;
}

static const char *
rowid_id (XarxaStore *store,
          GArray     *rowids,
          guint       i)
{
  static char id[64];
  g_autoptr(JsonObject) doc = xarxa_store_get_record_by_rowid (store, "document",
                                                               g_array_index (rowids, gint64, i), NULL);

  g_assert_nonnull (doc);
  g_strlcpy (id, json_object_get_string_member (doc, "id"), sizeof id);
  return id;
}

static void
test_library_query (TestStore    *f,
                    gconstpointer data)
{
  g_autofree char *a = new_document_with (f->store,
    "{\"title\": \"Cooperatives and energy\", \"kind\": \"report\", \"date\": \"2021-05-01\","
    " \"language\": \"ca\", \"transitions\": [\"ecological\"], \"territories\": [\"Catalunya\"],"
    " \"full_text\": \"Long text that speaks of housing once.\"}");
  g_autofree char *b = new_document_with (f->store,
    "{\"title\": \"Housing rights\", \"kind\": \"article\", \"date\": \"2024-02-03\","
    " \"language\": \"es-ES\", \"territories\": [\"Québec\", \"Catalunya\"]}");
  g_autofree char *c = new_document_with (f->store,
    "{\"title\": \"Agenda\", \"kind\": \"report\"}");
  g_autofree char *org = test_add_entity (f->store, "Habitatge Coop", NULL);
  g_autofree char *snippet = NULL;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GPtrArray) languages = NULL;
  g_autoptr(GPtrArray) territories = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  XarxaLibraryFilter filter = { 0 };

  /* Everything, by title. */
  rowids = xarxa_library_query_rowids (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 3);
  g_assert_cmpstr (rowid_id (f->store, rowids, 0), ==, c);
  g_assert_cmpstr (rowid_id (f->store, rowids, 1), ==, a);
  g_clear_pointer (&rowids, g_array_unref);

  /* A word in the title ranks above the same word deep in the text. */
  filter.search = "housing";
  rowids = xarxa_library_query_rowids (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 2);
  g_assert_cmpstr (rowid_id (f->store, rowids, 0), ==, b);
  g_assert_cmpstr (rowid_id (f->store, rowids, 1), ==, a);
  snippet = xarxa_library_snippet (f->store, g_array_index (rowids, gint64, 1), "housing", "[", "]");
  g_assert_nonnull (strstr (snippet, "[housing]"));
  g_clear_pointer (&rowids, g_array_unref);

  /* Filters. */
  filter.search = NULL;
  filter.kind = "report";
  filter.year_from = 2020;
  rowids = xarxa_library_query_rowids (f->store, &filter, &error);
  g_assert_cmpuint (rowids->len, ==, 1);   /* the agenda has no date */
  g_assert_cmpstr (rowid_id (f->store, rowids, 0), ==, a);
  g_clear_pointer (&rowids, g_array_unref);
  filter = (XarxaLibraryFilter) { .language = "es", .territory = "Catalunya", .year_to = 2024 };
  rowids = xarxa_library_query_rowids (f->store, &filter, &error);
  g_assert_cmpuint (rowids->len, ==, 1);
  g_assert_cmpstr (rowid_id (f->store, rowids, 0), ==, b);
  g_clear_pointer (&rowids, g_array_unref);
  filter = (XarxaLibraryFilter) { .transition = "ecological", .year_to = 2020 };
  rowids = xarxa_library_query_rowids (f->store, &filter, &error);
  g_assert_cmpuint (rowids->len, ==, 0);
  g_clear_pointer (&rowids, g_array_unref);

  g_free (xarxa_library_link (f->store, c, "entity", org, &error));
  g_assert_no_error (error);
  filter = (XarxaLibraryFilter) { .target_type = "entity", .target_id = org };
  rowids = xarxa_library_query_rowids (f->store, &filter, &error);
  g_assert_cmpuint (rowids->len, ==, 1);
  g_assert_cmpstr (rowid_id (f->store, rowids, 0), ==, c);

  languages = xarxa_library_list_languages (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (languages->len, ==, 2);
  g_assert_cmpstr (languages->pdata[0], ==, "ca");
  territories = xarxa_library_list_territories (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (territories->len, ==, 2);
  g_assert_cmpstr (territories->pdata[0], ==, "Catalunya");
  targets = xarxa_library_linked_targets (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 1);
  g_assert_cmpstr (((XarxaLinkTarget *) targets->pdata[0])->id, ==, org);

  g_assert_null (xarxa_library_find_by_hash (f->store, "00", &error));
  g_assert_no_error (error);
  (void) data;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, TestStore, NULL, test_store_set_up, fn, test_store_tear_down)
  ADD ("/library/attachments/same-file-twice", test_same_file_twice);
  ADD ("/library/attachments/large-file", test_large_file);
  ADD ("/library/attachments/expected-hash", test_expected_hash);
  ADD ("/library/text/pdf", test_pdf_text);
  ADD ("/library/text/pdf-damaged", test_pdf_damaged);
  ADD ("/library/text/pdf-protected", test_pdf_protected);
  ADD ("/library/text/html", test_html_text);
  ADD ("/library/text/long", test_long_text);
  ADD ("/library/text/async", test_extract_async);
  ADD ("/library/text/set-text", test_set_text);
  ADD ("/library/text/store-file-async", test_store_file_async);
  ADD ("/library/links", test_links);
  ADD ("/library/consent", test_consent);
  ADD ("/library/search/global", test_global_search);
  ADD ("/library/query", test_library_query);
  ADD ("/library/csl/round-trip", test_csl_round_trip);
  ADD ("/library/csl/zotero", test_csl_zotero);
#undef ADD
  g_test_add_func ("/library/migration-8", test_migration_8);
  return g_test_run ();
}
