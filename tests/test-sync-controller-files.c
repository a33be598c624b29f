/* test-sync-controller-files.c — the window's sync controller fetches the
 * attachments a device lacks after a sync (its "files" phase, which does
 * not hold back the records' result), and one at once on demand.
 *
 * Runs without a desktop keyring: the controller then logs in for this
 * session only, which is all the test needs.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sync-controller-files"

#include "config.h"

#include <string.h>

#include "sync-harness.h"
#include "test-util.h"
#include "xarxa-library.h"
#include "xarxa-sync-controller.h"

typedef struct
{
  GMainLoop *loop;
  gboolean   done;
  gboolean   ok;
  GError    *error;
  guint      fetching_seen;
} Wait;

static gboolean
timeout_cb (gpointer data)
{
  g_error ("The controller took too long");
  return G_SOURCE_REMOVE;
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Wait *w = data;

  w->ok = xarxa_sync_controller_login_finish (XARXA_SYNC_CONTROLLER (source), result, &w->error);
  w->done = TRUE;
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Wait *w = data;

  w->ok = xarxa_sync_controller_fetch_file_finish (XARXA_SYNC_CONTROLLER (source), result, &w->error);
  w->done = TRUE;
}

static void
fetching_cb (GObject    *object,
             GParamSpec *pspec,
             Wait       *w)
{
  if (xarxa_sync_controller_is_fetching_files (XARXA_SYNC_CONTROLLER (object)))
    w->fetching_seen++;
}

static void
spin_until (gboolean (*done) (gpointer),
            gpointer  data)
{
  guint id = g_timeout_add_seconds (60, timeout_cb, NULL);

  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->done;
}

typedef struct
{
  XarxaSyncController *controller;
  const char          *path;
} FileWait;

static gboolean
file_arrived (gpointer data)
{
  FileWait *fw = data;

  return g_file_test (fw->path, G_FILE_TEST_IS_REGULAR) &&
         !xarxa_sync_controller_is_fetching_files (fw->controller);
}

static char *
add_file_document (SyncDevice *d,
                   const char *title,
                   gsize       size,
                   char        fill,
                   char      **hash)
{
  g_autofree char *path = g_build_filename (d->dir, title, NULL);
  g_autofree char *content = g_strnfill (size, fill);
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  json_object_set_string_member (values, "title", title);
  id = xarxa_library_add_document (d->store, values, file, NULL, NULL, &error);
  g_assert_no_error (error);
  record = xarxa_store_get_record (d->store, "document", id, &error);
  *hash = g_strdup (json_object_get_string_member (record, "file_hash"));
  return id;
}

static void
test_files_phase (void)
{
  SyncServer *server = sync_server_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *later_hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *later_id = NULL;
  g_autofree char *files_dir = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *later_stored = NULL;
  XarxaStore *store;
  XarxaSyncController *controller;
  SyncDevice *a;
  Wait w = { 0 };
  FileWait fw;

  sync_server_start (server, NULL);
  a = sync_device_new (server, "anna", EDITOR_PASSWORD);
  id = add_file_document (a, "acta.txt", 90000, 'a', &hash);
  sync_device_sync (a, NULL);

  store = test_open_store (&dir, &path);
  controller = xarxa_sync_controller_new (store, NULL);
  xarxa_sync_controller_set_retries (controller, 1, 10, 50);
  g_signal_connect (controller, "notify::fetching-files", G_CALLBACK (fetching_cb), &w);
  xarxa_sync_controller_login_async (controller, server->url, "anna", EDITOR_PASSWORD, NULL, login_cb, &w);
  spin_until (wait_done, &w);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);

  /* Logged in, it syncs; then the files phase brings the file. */
  files_dir = xarxa_library_files_dir (store);
  stored = xarxa_attachments_path (files_dir, hash);
  fw.controller = controller;
  fw.path = stored;
  spin_until (file_arrived, &fw);
  g_assert_cmpuint (w.fetching_seen, >=, 1);
  {
    g_autoptr(JsonObject) doc = xarxa_store_get_record (store, "document", id, NULL);

    g_assert_nonnull (doc);
  }
  g_assert_cmpuint (xarxa_sync_controller_get_n_files_missing (controller), ==, 0);

  /* A file added later on A, opened on this device before any sync has
   * fetched it: fetched at once. */
  later_id = add_file_document (a, "pressupost.csv", 40000, 'b', &later_hash);
  sync_device_sync (a, NULL);
  {
    g_autoptr(XarxaSyncEngine) engine = xarxa_sync_engine_new (store, server->url);
    g_autoptr(GError) error = NULL;

    /* The record arrives (as a pull would bring it) … */
    xarxa_sync_engine_set_token (engine, xarxa_sync_engine_get_token (a->engine));
    g_assert_true (xarxa_sync_engine_pull (engine, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  later_stored = xarxa_attachments_path (files_dir, later_hash);
  g_assert_false (g_file_test (later_stored, G_FILE_TEST_EXISTS));
  w.done = FALSE;
  xarxa_sync_controller_fetch_file (controller, later_hash, NULL, fetched_cb, &w);
  spin_until (wait_done, &w);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_true (g_file_test (later_stored, G_FILE_TEST_IS_REGULAR));

  /* A hash the server never had: a clear error. */
  w.done = FALSE;
  xarxa_sync_controller_fetch_file (controller, "0000000000000000000000000000000000000000000000000000000000000000",
                                    NULL, fetched_cb, &w);
  spin_until (wait_done, &w);
  g_assert_false (w.ok);
  g_assert_error (w.error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_FILE_NOT_ON_SERVER);
  g_clear_error (&w.error);

  /* Calls still in flight (the keyring, the files phase) hold the
   * controller until they return: let them, then the store can go. */
  xarxa_sync_controller_shutdown (controller);
  g_object_add_weak_pointer (G_OBJECT (controller), (gpointer *) &controller);
  g_object_unref (controller);
  {
    gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    /* A worker thread drops its task (and the engine with the store it
     * holds) just after the callback ran on this one. */
    while ((controller != NULL || G_OBJECT (store)->ref_count > 1) && g_get_monotonic_time () < end)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10000);
      }
    g_assert_null (controller);
  }
  test_close_store (&store, &dir, &path);
  sync_device_free (a);
  sync_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-controller-files/files-phase", test_files_phase);
  return g_test_run ();
}
