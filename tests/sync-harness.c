/* sync-harness.c — a real xarxa-server and client devices, for sync tests.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "sync-harness.h"
#include "test-util.h"

static const char *
server_binary (void)
{
  const char *path = g_getenv ("XARXA_SERVER");

  g_assert_nonnull (path);
  return path;
}

int
sync_server_admin (SyncServer *server,
                   const char *stdin_text,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) server_binary ());
  g_ptr_array_add (argv, (gpointer) "--data");
  g_ptr_array_add (argv, server->dir);
  va_start (args, stdin_text);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, stdin_text, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (proc) != 0)
    g_test_message ("xarxa-server %s: %s", (const char *) argv->pdata[3], err);
  return g_subprocess_get_exit_status (proc);
}

SyncServer *
sync_server_new (void)
{
  SyncServer *server = g_new0 (SyncServer, 1);

  server->dir = test_make_dir ("sync-server");
  g_assert_cmpint (sync_server_admin (server, NULL, "init", NULL), ==, 0);
  g_assert_cmpint (sync_server_admin (server, EDITOR_PASSWORD "\n", "adduser", "anna", "--role", "editor", NULL), ==, 0);
  g_assert_cmpint (sync_server_admin (server, READER_PASSWORD "\n", "adduser", "rita", "--role", "reader", NULL), ==, 0);
  return server;
}

void
sync_server_start (SyncServer        *server,
                   const char *const *extra_args)
{
  sync_server_start_env (server, extra_args, NULL, NULL);
}

void
sync_server_start_env (SyncServer        *server,
                       const char *const *extra_args,
                       const char        *env_name,
                       const char        *env_value)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;

  g_assert_null (server->process);
  g_ptr_array_add (argv, (gpointer) server_binary ());
  g_ptr_array_add (argv, (gpointer) "--data");
  g_ptr_array_add (argv, server->dir);
  g_ptr_array_add (argv, (gpointer) "serve");
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, (gpointer) "127.0.0.1:0");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  /* The server logs a line per request on stderr: let it through to the
   * test log rather than fill a pipe nobody reads. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "XARXA_SERVER_TEST_CRASH");
  if (env_name != NULL)
    g_subprocess_launcher_setenv (launcher, env_name, env_value, TRUE);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  for (;;)
    {
      g_free (line);
      line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);   /* the server died before listening */
      if (g_str_has_prefix (line, "listening on "))
        break;
    }
  g_free (server->url);
  server->url = g_strdup (line + strlen ("listening on "));
  g_strstrip (server->url);
}

void
sync_server_kill (SyncServer *server)
{
  g_assert_nonnull (server->process);
  g_subprocess_send_signal (server->process, SIGKILL);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

void
sync_server_stop (SyncServer *server)
{
  if (server->process == NULL)
    return;
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

void
sync_server_free (SyncServer *server)
{
  sync_server_stop (server);
  test_remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->url);
  g_free (server);
}

gint64
sync_server_version (SyncServer *server)
{
  g_autoptr(XarxaSyncClient) client = xarxa_sync_client_new (server->url);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) info = NULL;

  info = xarxa_sync_client_call (client, "GET", "/api/v1/info", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return json_object_get_int_member (info, "version");
}

static XarxaSyncEngine *
make_engine (XarxaStore *store,
             const char *url)
{
  XarxaSyncEngine *engine = xarxa_sync_engine_new (store, url);

  /* Quick retries: a test waits for nothing. */
  xarxa_sync_engine_set_retries (engine, 2, 20, 200);
  return engine;
}

SyncDevice *
sync_device_new (SyncServer *server,
                 const char *user,
                 const char *password)
{
  g_autoptr(GError) error = NULL;
  SyncDevice *device = g_new0 (SyncDevice, 1);

  device->store = test_open_store (&device->dir, &device->path);
  device->engine = make_engine (device->store, server->url);
  if (user != NULL)
    {
      xarxa_sync_engine_login (device->engine, user, password, "test device", NULL, &error);
      g_assert_no_error (error);
    }
  return device;
}

void
sync_device_reconnect (SyncDevice *device,
                       SyncServer *server)
{
  g_autofree char *token = g_strdup (xarxa_sync_engine_get_token (device->engine));

  g_clear_object (&device->engine);
  device->engine = make_engine (device->store, server->url);
  xarxa_sync_engine_set_token (device->engine, token);
}

void
sync_device_free (SyncDevice *device)
{
  g_clear_object (&device->engine);
  test_close_store (&device->store, &device->dir, &device->path);
  g_free (device);
}

void
sync_device_sync (SyncDevice     *device,
                  XarxaSyncStats *stats)
{
  g_autoptr(GError) error = NULL;
  XarxaSyncStats local = { 0 };

  xarxa_sync_engine_sync (device->engine, stats != NULL ? stats : &local, NULL, &error);
  g_assert_no_error (error);
}

void
sync_copy_tree (const char *from,
                const char *to)
{
  g_autoptr(GDir) d = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  g_mkdir_with_parents (to, 0700);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        sync_copy_tree (src, dst);
      else
        {
          g_autofree char *contents = NULL;
          gsize len = 0;

          g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
          g_assert_true (g_file_set_contents (dst, contents, (gssize) len, NULL));
        }
    }
}
