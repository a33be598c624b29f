/* test-sync-files.c — attachments through a real xarxa-server on loopback:
 * a PDF added on one device arrives on another with the same SHA-256; a
 * download stopped half-way resumes without starting again; a partial
 * upload resumes; the same file in two documents goes once; a file over the
 * server's limit keeps a message on its document, which still syncs.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sync-files"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sync-harness.h"
#include "test-util.h"
#include "xarxa-library.h"
#include "xarxa-mission-ready.h"
#include "xarxa-sync-state.h"

static char *
make_pdf (const char *dir)
{
  char *path = g_build_filename (dir, "informe-energia.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *line = g_strdup_printf ("Comunitats energètiques, pàgina %d", i);

      cairo_move_to (cr, 72, 100);
      cairo_show_text (cr, line);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

/* @size bytes that do not repeat in a short period (a file a compressor
 * or a cache could not shortcut). */
static char *
make_file (const char *dir,
           const char *name,
           gsize       size,
           guint32     seed)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree guint8 *data = g_malloc (size);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  return path;
}

static char *
add_document (SyncDevice *d,
              const char *title,
              const char *file_path,
              char      **hash)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, "title", title);
  json_object_set_string_member (values, "kind", "report");
  id = xarxa_library_add_document (d->store, values, file, NULL, NULL, &error);
  g_assert_no_error (error);
  record = xarxa_store_get_record (d->store, "document", id, &error);
  g_assert_no_error (error);
  if (hash != NULL)
    *hash = g_strdup (json_object_get_string_member (record, "file_hash"));
  return id;
}

static char *
sha256_of (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *hash = xarxa_file_sha256 (file, NULL, &error);

  g_assert_no_error (error);
  return hash;
}

static char *
stored_path (SyncDevice *d,
             const char *hash)
{
  g_autofree char *files_dir = xarxa_library_files_dir (d->store);

  return xarxa_attachments_path (files_dir, hash);
}

static char *
partial_path (SyncDevice *d,
              const char *hash)
{
  g_autofree char *files_dir = xarxa_library_files_dir (d->store);

  return g_build_filename (files_dir, ".partial", hash, NULL);
}

static gint64
size_of (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return -1;
  return st.st_size;
}

static guint
count_code (GPtrArray  *items,
            const char *code)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((XarxaReadyItem *) items->pdata[i])->code, code) == 0)
      n++;
  return n;
}

static void
fetch_files (SyncDevice     *d,
             XarxaSyncStats *stats)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (xarxa_sync_engine_fetch_files (d->engine, stats, NULL, &error));
  g_assert_no_error (error);
}

/* A PDF added on A is on B after both sync, byte for byte. */
static void
test_two_devices (void)
{
  SyncServer *server = sync_server_new ();
  g_autofree char *pdf = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *on_b = NULL;
  g_autofree char *on_b_hash = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) mission_values = json_object_new ();
  g_autoptr(GPtrArray) ready = NULL;
  g_autofree char *mission = NULL;
  g_autofree char *link = NULL;
  XarxaSyncStats stats = { 0 };
  XarxaSyncStats fetched = { 0 };
  SyncDevice *a, *b;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  pdf = make_pdf (a->dir);
  id = add_document (a, "Comunitats energètiques", pdf, &hash);
  json_object_set_string_member (mission_values, "title", "Visita a Montréal");
  mission = xarxa_store_create_record (a->store, "mission", mission_values, &error);
  g_assert_no_error (error);
  link = xarxa_library_link (a->store, id, "mission", mission, &error);
  g_assert_no_error (error);
  /* On the device that added it, the file is there: ready. */
  ready = xarxa_mission_ready (a->store, mission, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_code (ready, "document-attachment"), ==, 0);
  g_clear_pointer (&ready, g_ptr_array_unref);
  sync_device_sync (a, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpuint (stats.bytes_uploaded, ==, (guint64) size_of (pdf));

  sync_device_sync (b, NULL);
  doc = xarxa_store_get_record (b->store, "document", id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (doc, "file_hash"), ==, hash);
  /* The record came; the file is fetched after it. */
  missing = xarxa_sync_engine_missing_files (b->engine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (missing->pdata[0], ==, hash);
  /* "Ready to travel" on B names the document whose file it lacks. */
  ready = xarxa_mission_ready (b->store, mission, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_code (ready, "document-attachment"), ==, 1);
  for (guint i = 0; i < ready->len; i++)
    {
      XarxaReadyItem *item = ready->pdata[i];

      if (g_strcmp0 (item->code, "document-attachment") == 0)
        {
          g_assert_cmpstr (item->record_type, ==, "document");
          g_assert_cmpstr (item->record_id, ==, id);
          g_assert_nonnull (strstr (item->message, "Comunitats energètiques"));
        }
    }
  g_clear_pointer (&ready, g_ptr_array_unref);

  fetch_files (b, &fetched);
  g_assert_cmpuint (fetched.downloaded, ==, 1);
  g_assert_cmpuint (fetched.bytes_downloaded, ==, (guint64) size_of (pdf));
  on_b = stored_path (b, hash);
  on_b_hash = sha256_of (on_b);
  g_assert_cmpstr (on_b_hash, ==, hash);
  g_clear_pointer (&missing, g_ptr_array_unref);
  missing = xarxa_sync_engine_missing_files (b->engine, &error);
  g_assert_cmpuint (missing->len, ==, 0);
  ready = xarxa_mission_ready (b->store, mission, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_code (ready, "document-attachment"), ==, 0);

  /* Nothing more to fetch: nothing is fetched again. */
  memset (&fetched, 0, sizeof fetched);
  fetch_files (b, &fetched);
  g_assert_cmpuint (fetched.downloaded, ==, 0);
  g_assert_cmpuint (fetched.bytes_downloaded, ==, 0);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

static gboolean
stop_after_a_megabyte (XarxaSyncEngine    *engine,
                       XarxaSyncHookPoint  point,
                       guint               count,
                       gpointer            user_data)
{
  return point != XARXA_SYNC_HOOK_DOWNLOAD_BLOCK || count < 1024 * 1024;
}

/* A download stopped half-way (the device dies) goes on from where it
 * stopped, and the file is whole. */
static void
test_resume_download (void)
{
  SyncServer *server = sync_server_new ();
  const gsize size = 4 * 1024 * 1024 + 123;
  g_autofree char *big = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *final = NULL;
  g_autofree char *final_hash = NULL;
  g_autoptr(GError) error = NULL;
  XarxaSyncStats first = { 0 };
  XarxaSyncStats second = { 0 };
  SyncDevice *a, *b;
  gint64 held;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  big = make_file (a->dir, "entrevistes.bin", size, 14);
  id = add_document (a, "Entrevistes en brut", big, &hash);
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);

  xarxa_sync_engine_set_test_hook (b->engine, stop_after_a_megabyte, NULL);
  g_assert_false (xarxa_sync_engine_fetch_files (b->engine, &first, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_INTERRUPTED);
  g_clear_error (&error);
  partial = partial_path (b, hash);
  final = stored_path (b, hash);
  held = size_of (partial);
  g_assert_cmpint (held, >=, 1024 * 1024);
  g_assert_cmpint (held, <, (gint64) size);
  g_assert_false (g_file_test (final, G_FILE_TEST_EXISTS));

  /* A new engine, as after a restart: it asks only for the rest. */
  sync_device_reconnect (b, server);
  fetch_files (b, &second);
  g_assert_cmpuint (second.downloaded, ==, 1);
  g_assert_cmpuint (second.bytes_downloaded, ==, (guint64) size - (guint64) held);
  final_hash = sha256_of (final);
  g_assert_cmpstr (final_hash, ==, hash);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

typedef struct
{
  SyncServer *server;
  gboolean    killed;
} KillAt;

static gboolean
kill_server_at_two_megabytes (XarxaSyncEngine    *engine,
                              XarxaSyncHookPoint  point,
                              guint               count,
                              gpointer            user_data)
{
  KillAt *k = user_data;

  if (point == XARXA_SYNC_HOOK_DOWNLOAD_BLOCK && count >= 2 * 1024 * 1024 && !k->killed)
    {
      sync_server_kill (k->server);
      k->killed = TRUE;
    }
  return TRUE;
}

/* The server dies in the middle of a download: what arrived is kept, and
 * once the server is back the download goes on from there. */
static void
test_server_killed_mid_download (void)
{
  SyncServer *server = sync_server_new ();
  const gsize size = 48 * 1024 * 1024;
  g_autofree char *big = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *final = NULL;
  g_autofree char *final_hash = NULL;
  g_autoptr(GError) error = NULL;
  XarxaSyncStats first = { 0 };
  XarxaSyncStats second = { 0 };
  KillAt k = { 0 };
  SyncDevice *a, *b;
  gint64 held;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  big = make_file (a->dir, "gravacio-assemblea.ogg", size, 21);
  id = add_document (a, "Gravació de l’assemblea", big, &hash);
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);

  k.server = server;
  xarxa_sync_engine_set_test_hook (b->engine, kill_server_at_two_megabytes, &k);
  g_assert_false (xarxa_sync_engine_fetch_files (b->engine, &first, NULL, &error));
  g_assert_true (k.killed);
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NETWORK);
  g_clear_error (&error);
  partial = partial_path (b, hash);
  final = stored_path (b, hash);
  held = size_of (partial);
  g_test_message ("held %" G_GINT64_FORMAT " of %" G_GSIZE_FORMAT " bytes when the server died", held, size);
  g_assert_cmpint (held, >=, 2 * 1024 * 1024);
  g_assert_cmpint (held, <, (gint64) size);
  g_assert_false (g_file_test (final, G_FILE_TEST_EXISTS));

  /* Back, on another port: the rest, and only the rest. */
  sync_server_start (server, NULL);
  sync_device_reconnect (b, server);
  fetch_files (b, &second);
  g_assert_cmpuint (second.downloaded, ==, 1);
  g_assert_cmpuint (second.bytes_downloaded, ==, (guint64) size - (guint64) held);
  final_hash = sha256_of (final);
  g_assert_cmpstr (final_hash, ==, hash);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* A partial file that is damaged is dropped and fetched again. */
static void
test_damaged_partial (void)
{
  SyncServer *server = sync_server_new ();
  g_autofree char *file = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *partial_dir = NULL;
  g_autofree char *final = NULL;
  g_autofree char *final_hash = NULL;
  XarxaSyncStats stats = { 0 };
  SyncDevice *a, *b;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  file = make_file (a->dir, "dades.csv", 200000, 3);
  id = add_document (a, "Dades", file, &hash);
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);

  partial = partial_path (b, hash);
  partial_dir = g_path_get_dirname (partial);
  g_assert_cmpint (g_mkdir_with_parents (partial_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (partial, "not what the server has", -1, NULL));
  fetch_files (b, &stats);
  g_assert_cmpuint (stats.downloaded, ==, 1);
  final = stored_path (b, hash);
  final_hash = sha256_of (final);
  g_assert_cmpstr (final_hash, ==, hash);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* Two documents with the same file: one upload. */
static void
test_same_file_twice (void)
{
  SyncServer *server = sync_server_new ();
  g_autofree char *file = NULL;
  g_autofree char *hash1 = NULL;
  g_autofree char *hash2 = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  XarxaSyncStats stats = { 0 };
  XarxaSyncStats again = { 0 };
  XarxaSyncStats fetched = { 0 };
  SyncDevice *a, *b;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  file = make_file (a->dir, "agenda.pdf", 300000, 7);
  id1 = add_document (a, "Agenda compartida", file, &hash1);
  id2 = add_document (a, "Agenda compartida (còpia per a la missió)", file, &hash2);
  g_assert_cmpstr (hash1, ==, hash2);
  sync_device_sync (a, &stats);
  g_assert_cmpuint (stats.pushed, >=, 2);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpuint (stats.bytes_uploaded, ==, 300000);

  /* A later edit of a document does not send its file again. */
  {
    g_autoptr(JsonObject) changes = json_object_new ();
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (changes, "summary", "Prioritats de 2026");
    g_assert_true (xarxa_store_update_record (a->store, "document", id1, changes, &error));
    g_assert_no_error (error);
  }
  sync_device_sync (a, &again);
  g_assert_cmpuint (again.uploaded, ==, 0);
  g_assert_cmpuint (again.bytes_uploaded, ==, 0);

  sync_device_sync (b, NULL);
  fetch_files (b, &fetched);
  g_assert_cmpuint (fetched.downloaded, ==, 1);
  g_assert_cmpuint (fetched.bytes_downloaded, ==, 300000);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

/* An upload the server holds part of goes on from there. */
static void
test_resume_upload (void)
{
  SyncServer *server = sync_server_new ();
  g_autofree char *file = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  XarxaSyncStats stats = { 0 };
  gsize len = 0;
  SyncDevice *a;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  file = make_file (a->dir, "memoria.odt", 500000, 11);
  id = add_document (a, "Memòria", file, &hash);
  g_assert_true (g_file_get_contents (file, &contents, &len, NULL));

  /* An earlier run sent the first 200,000 bytes, then the device died. */
  {
    g_autoptr(XarxaSyncClient) client = xarxa_sync_client_new (server->url);
    g_autoptr(GBytes) chunk = g_bytes_new (contents, 200000);
    g_autofree char *path = g_strconcat ("/api/v1/files/", hash, NULL);
    g_autoptr(JsonObject) answer = NULL;

    xarxa_sync_client_set_token (client, xarxa_sync_engine_get_token (a->engine));
    answer = xarxa_sync_client_call_bytes (client, "PUT", path, chunk, "application/octet-stream",
                                           "bytes 0-199999/500000", NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (json_object_get_boolean_member (answer, "complete"));
  }

  sync_device_sync (a, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpuint (stats.bytes_uploaded, ==, 300000);

  sync_device_free (a);
  sync_server_free (server);
}

/* Over the server's limit: a message on the document, which still syncs,
 * and the message stays through the next syncs. */
static void
test_over_limit (void)
{
  SyncServer *server = sync_server_new ();
  const char *const args[] = { "--max-file-size", "100000", NULL };
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;
  g_autofree char *big_hash = NULL;
  g_autofree char *small_hash = NULL;
  g_autofree char *big_id = NULL;
  g_autofree char *small_id = NULL;
  g_autofree char *message = NULL;
  g_autofree char *limit_text = g_format_size (100000);
  g_autoptr(JsonObject) on_b = NULL;
  g_autoptr(GError) error = NULL;
  XarxaSyncStats stats = { 0 };
  XarxaSyncStats again = { 0 };
  XarxaSyncStats fetched = { 0 };
  SyncDevice *a, *b;

  sync_server_start (server, args);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  big = make_file (a->dir, "video-visita.mp4", 250000, 5);
  small = make_file (a->dir, "acta.txt", 1000, 6);
  big_id = add_document (a, "Vídeo de la visita", big, &big_hash);
  small_id = add_document (a, "Acta", small, &small_hash);

  sync_device_sync (a, &stats);
  g_assert_cmpuint (stats.files_refused, ==, 1);
  g_assert_cmpuint (stats.uploaded, ==, 1);   /* the small one */
  g_assert_cmpuint (stats.rejected, ==, 0);
  g_assert_true (xarxa_sync_state_outbox_is_empty (a->store));
  message = xarxa_sync_state_dup_file_message (a->store, big_hash);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "larger than the server accepts"));
  g_assert_nonnull (strstr (message, limit_text));
  g_assert_null (xarxa_sync_state_dup_file_message (a->store, small_hash));

  /* The next sync does not forget it. */
  sync_device_sync (a, &again);
  g_clear_pointer (&message, g_free);
  message = xarxa_sync_state_dup_file_message (a->store, big_hash);
  g_assert_nonnull (message);
  /* The file stays on A, as it was. */
  {
    g_autofree char *stored = stored_path (a, big_hash);

    g_assert_cmpint (size_of (stored), ==, 250000);
  }

  /* B has the document, and the small file; the big one is not there to
   * fetch, which is no error. */
  sync_device_sync (b, NULL);
  on_b = xarxa_store_get_record (b->store, "document", big_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (on_b, "title"), ==, "Vídeo de la visita");
  fetch_files (b, &fetched);
  g_assert_cmpuint (fetched.downloaded, ==, 1);
  g_assert_cmpuint (fetched.files_missing, ==, 1);
  /* Again, with only that one missing: counted, still no error. */
  memset (&fetched, 0, sizeof fetched);
  fetch_files (b, &fetched);
  g_assert_cmpuint (fetched.downloaded, ==, 0);
  g_assert_cmpuint (fetched.files_missing, ==, 1);
  /* Opened on B: a clear error. */
  g_assert_false (xarxa_sync_engine_fetch_file (b->engine, big_hash, NULL, NULL, &error));
  g_assert_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_FILE_NOT_ON_SERVER);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  XarxaSyncStats stats;
} Wait;

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = xarxa_sync_engine_fetch_files_finish (XARXA_SYNC_ENGINE (source), result, &w->stats, &w->error);
  g_main_loop_quit (w->loop);
}

/* One file on demand, off the main thread. */
static void
test_fetch_one_async (void)
{
  SyncServer *server = sync_server_new ();
  g_autofree char *file = NULL;
  g_autofree char *other = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *other_hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *other_id = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;
  Wait w = { 0 };
  SyncDevice *a, *b;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  b = sync_device_new (server, "anna", EDITOR_PASSWORD);
  file = make_file (a->dir, "a.pdf", 70000, 1);
  other = make_file (a->dir, "b.pdf", 80000, 2);
  id = add_document (a, "A", file, &hash);
  other_id = add_document (a, "B", other, &other_hash);
  sync_device_sync (a, NULL);
  sync_device_sync (b, NULL);

  w.loop = g_main_loop_new (NULL, FALSE);
  xarxa_sync_engine_fetch_files_async (b->engine, hash, NULL, fetched_cb, &w);
  g_main_loop_run (w.loop);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_cmpuint (w.stats.downloaded, ==, 1);
  missing = xarxa_sync_engine_missing_files (b->engine, &error);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (missing->pdata[0], ==, other_hash);
  g_main_loop_unref (w.loop);

  sync_device_free (a);
  sync_device_free (b);
  sync_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-files/two-devices", test_two_devices);
  g_test_add_func ("/sync-files/resume-download", test_resume_download);
  g_test_add_func ("/sync-files/server-killed-mid-download", test_server_killed_mid_download);
  g_test_add_func ("/sync-files/damaged-partial", test_damaged_partial);
  g_test_add_func ("/sync-files/same-file-twice", test_same_file_twice);
  g_test_add_func ("/sync-files/resume-upload", test_resume_upload);
  g_test_add_func ("/sync-files/over-limit", test_over_limit);
  g_test_add_func ("/sync-files/fetch-one-async", test_fetch_one_async);
  return g_test_run ();
}
