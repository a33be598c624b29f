/* test-server.c — the real xarxa-server on loopback, driven over HTTP.
 *
 * Every test starts the built binary ($XARXA_SERVER) on 127.0.0.1 with an
 * ephemeral port and a fresh data folder, talks to it with SoupSession as a
 * client would, and stops it at the end (asserting a clean exit).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "xarxa-validate.h"
#include "test-util.h"

#define EDITOR_PASSWORD "correct horse battery"
#define READER_PASSWORD "reader password"

typedef struct
{
  char        *dir;        /* the temporary folder */
  char        *data;       /* the server's --data */
  GSubprocess *proc;
  char        *base;       /* http://127.0.0.1:PORT/api/v1/ */
  SoupSession *session;
  char        *token;      /* anna, editor */
  char        *device_id;
} Fixture;

static const char *
server_path (void)
{
  const char *path = g_getenv ("XARXA_SERVER");

  g_assert_nonnull (path);
  return path;
}

/* Runs xarxa-server with @input on standard input; returns its exit status. */
static int
run_cli (Fixture     *f,
         const char  *input,
         char       **out,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) server_path ());
  g_ptr_array_add (argv, (gpointer) "--data");
  g_ptr_array_add (argv, f->data);
  va_start (args, out);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &stdout_text, NULL, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  return g_subprocess_get_exit_status (proc);
}

/* A server must not outlive a test that aborts. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

static void
server_start (Fixture    *f,
              const char *const *extra)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = g_build_filename (f->dir, "server.log", NULL);
  g_autofree char *line = NULL;

  g_ptr_array_add (argv, (gpointer) server_path ());
  g_ptr_array_add (argv, (gpointer) "--data");
  g_ptr_array_add (argv, f->data);
  g_ptr_array_add (argv, (gpointer) "serve");
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, (gpointer) "127.0.0.1:0");
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->proc));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  g_free (f->base);
  f->base = g_strconcat (line + strlen ("listening on "), "/api/v1/", NULL);
  g_clear_object (&f->session);
  f->session = soup_session_new ();
  soup_session_set_timeout (f->session, 60);
}

/* Stops the server: SIGTERM must make it exit cleanly; SIGKILL simulates a crash. */
static void
server_stop (Fixture *f,
             int      signum)
{
  g_autoptr(GError) error = NULL;

  if (f->proc == NULL)
    return;
  g_subprocess_send_signal (f->proc, signum);
  g_subprocess_wait (f->proc, NULL, &error);
  g_assert_no_error (error);
  if (signum == SIGTERM)
    {
      g_assert_true (g_subprocess_get_if_exited (f->proc));
      g_assert_cmpint (g_subprocess_get_exit_status (f->proc), ==, 0);
    }
  else
    g_assert_true (g_subprocess_get_if_signaled (f->proc));
  g_clear_object (&f->proc);
  g_clear_object (&f->session);
}

/* One HTTP request; returns the JSON answer (NULL when the body is not JSON). */
static JsonNode *
request_full (Fixture             *f,
              const char          *method,
              const char          *path,
              const char          *token,
              const char          *content_range,
              GBytes              *body,
              guint               *status,
              SoupMessageHeaders **response_headers,
              GBytes             **raw)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (content_range != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Range", content_range);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);

  answer = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  if (response_headers != NULL)
    *response_headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (raw != NULL)
    *raw = g_bytes_ref (answer);
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));

    node = json_from_string (text, NULL);
  }
  return node;
}

static JsonObject *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *token,
         const char *body,
         guint       expected_status)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = request_full (f, method, path, token, NULL, bytes, &status, NULL, NULL);
  if (status != expected_status)
    g_test_message ("%s %s answered %u: %s", method, path, status,
                    node != NULL ? json_to_string (node, FALSE) : "(not JSON)");
  g_assert_cmpuint (status, ==, expected_status);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
assert_error (JsonObject *answer,
              const char *code)
{
  g_assert_cmpstr (json_object_get_string_member (answer, "error"), ==, code);
  g_assert_true (strlen (json_object_get_string_member (answer, "message")) > 10);
}

static void
login (Fixture     *f,
       const char  *user,
       const char  *password,
       const char  *device_id,
       char       **token,
       char       **out_device_id)
{
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) answer = NULL;

  if (device_id != NULL)
    body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"%s\",\"device\":\"test\",\"device_id\":\"%s\"}",
                            user, password, device_id);
  else
    body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"%s\",\"device\":\"test\"}", user, password);
  answer = request (f, "POST", "session", NULL, body, 200);
  *token = g_strdup (json_object_get_string_member (answer, "token"));
  if (out_device_id != NULL)
    *out_device_id = g_strdup (json_object_get_string_member (answer, "device_id"));
  g_assert_cmpuint (strlen (*token), ==, 43);
}

static void
fixture_setup_with (Fixture           *f,
                    const char *const *extra)
{
  f->dir = test_make_dir (NULL);
  f->data = g_build_filename (f->dir, "data", NULL);
  g_assert_cmpint (run_cli (f, NULL, NULL, "init", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, EDITOR_PASSWORD "\n", NULL, "adduser", "anna", "--role", "editor", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, READER_PASSWORD "\n", NULL, "adduser", "rita", "--role", "reader", NULL), ==, 0);
  server_start (f, extra);
  login (f, "anna", EDITOR_PASSWORD, NULL, &f->token, &f->device_id);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_with (f, data);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  server_stop (f, SIGTERM);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data);
  g_free (f->base);
  g_free (f->token);
  g_free (f->device_id);
}

static JsonObject *
push (Fixture    *f,
      const char *token,
      const char *mutations,
      guint       expected_status)
{
  g_autofree char *body = g_strdup_printf ("{\"mutations\":[%s]}", mutations);

  return request (f, "POST", "push", token, body, expected_status);
}

static JsonObject *
result_at (JsonObject *answer,
           guint       i)
{
  return json_array_get_object_element (json_object_get_array_member (answer, "results"), i);
}

static const char *
status_at (JsonObject *answer,
           guint       i)
{
  return json_object_get_string_member (result_at (answer, i), "status");
}

/* All changes after @cursor, following pages. */
static JsonArray *
pull_all (Fixture *f,
          gint64   cursor,
          guint    limit,
          gint64  *out_cursor)
{
  JsonArray *all = json_array_new ();
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("changes?cursor=%" G_GINT64_FORMAT "&limit=%u", cursor, limit);
      g_autoptr(JsonObject) page = request (f, "GET", path, f->token, NULL, 200);
      JsonArray *changes = json_object_get_array_member (page, "changes");

      g_assert_cmpuint (json_array_get_length (changes), <=, limit);
      for (guint i = 0; i < json_array_get_length (changes); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (changes, i)));
      g_assert_cmpint (json_object_get_int_member (page, "cursor"), >=, cursor);
      cursor = json_object_get_int_member (page, "cursor");
      more = json_object_get_boolean_member (page, "has_more");
    }
  if (out_cursor != NULL)
    *out_cursor = cursor;
  return all;
}

/* The record @id among @changes, or NULL. */
static JsonObject *
find_change (JsonArray  *changes,
             const char *id)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (strcmp (json_object_get_string_member (c, "id"), id) == 0)
        {
          g_assert_null (found);   /* each record once */
          found = c;
        }
    }
  return found;
}

static const char *
field_of (JsonObject *change,
          const char *field)
{
  return json_object_get_string_member (json_object_get_object_member (change, "fields"), field);
}

/* ---- tests ---- */

static void
test_info (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonObject) info = request (f, "GET", "info", NULL, NULL, 200);
  g_autoptr(JsonObject) missing = request (f, "GET", "nothing-here", f->token, NULL, 404);
  g_autoptr(JsonObject) wrong_method = request (f, "GET", "push", f->token, NULL, 405);
  g_autofree char *log_path = g_build_filename (f->dir, "server.log", NULL);
  g_autofree char *log = NULL;
  JsonObject *limits = json_object_get_object_member (info, "limits");

  g_assert_cmpint (json_object_get_int_member (info, "protocol_version"), ==, 1);
  g_assert_cmpuint (strlen (json_object_get_string_member (info, "epoch")), ==, 32);
  g_assert_cmpint (json_object_get_int_member (info, "version"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (limits, "max_batch"), >, 0);
  g_assert_cmpint (json_object_get_int_member (limits, "max_page"), >, 0);
  g_assert_cmpint (json_object_get_int_member (limits, "max_body"), >, 0);
  assert_error (missing, "not-found");
  assert_error (wrong_method, "method-not-allowed");

  /* One log line per request, with method, path, status and user. */
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "GET /api/v1/info 200 "));
  g_assert_nonnull (strstr (log, "POST /api/v1/session 200 "));
  g_assert_nonnull (strstr (log, "ms anna\n"));
}

static void
test_session (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonObject) wrong = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  g_autoptr(JsonObject) no_token = NULL;
  g_autoptr(JsonObject) bad_token = NULL;
  g_autoptr(JsonObject) pushed = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *token2 = NULL;
  g_autofree char *device2 = NULL;
  guint status;

  wrong = request (f, "POST", "session", NULL,
                   "{\"user\":\"anna\",\"password\":\"not her password\"}", 401);
  assert_error (wrong, "wrong-credentials");
  unknown = request (f, "POST", "session", NULL,
                     "{\"user\":\"nobody\",\"password\":\"whatever1\"}", 401);
  assert_error (unknown, "wrong-credentials");

  no_token = request (f, "GET", "changes", NULL, NULL, 401);
  assert_error (no_token, "missing-token");
  bad_token = request (f, "GET", "changes", "AAAAbogusbogusbogus", NULL, 401);
  assert_error (bad_token, "invalid-token");

  body = g_bytes_new_static ("{}", 2);
  node = request_full (f, "POST", "push", NULL, NULL, body, &status, &headers, NULL);
  g_assert_cmpuint (status, ==, 401);
  g_assert_nonnull (soup_message_headers_get_one (headers, "WWW-Authenticate"));

  /* Logging in again with the device id keeps the device and its sequence. */
  pushed = push (f, f->token, "{\"seq\":1,\"type\":\"entity\",\"id\":\"s1\",\"op\":\"create\",\"fields\":{\"name\":\"A\"}}", 200);
  login (f, "anna", EDITOR_PASSWORD, f->device_id, &token2, &device2);
  g_assert_cmpstr (device2, ==, f->device_id);
  again = request (f, "POST", "session", NULL,
                   "{\"user\":\"anna\",\"password\":\"" EDITOR_PASSWORD "\",\"device_id\":\"nope\"}", 200);
  g_assert_cmpstr (json_object_get_string_member (again, "device_id"), !=, f->device_id);
  g_assert_cmpint (json_object_get_int_member (again, "last_seq"), ==, 0);
  /* The old token of the re-opened device no longer works. */
  old = request (f, "GET", "changes", f->token, NULL, 401);
  assert_error (old, "invalid-token");
}

static void
test_push_pull (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) empty = NULL;
  g_autoptr(JsonArray) changes = NULL;
  g_autoptr(JsonArray) later = NULL;
  g_autoptr(GString) batch = g_string_new (NULL);
  JsonObject *c;
  gint64 v1, cursor;

  answer = push (f, f->token,
                 "{\"seq\":1,\"type\":\"entity\",\"id\":\"e-1\",\"op\":\"create\","
                 "\"fields\":{\"name\":\"Cooperativa Sud\",\"country\":\"ES\",\"tags\":[\"b\",\"a\",\"a\"],"
                 "\"updated_at\":\"2026-03-01T10:00:00.000Z\"}}", 200);
  g_assert_cmpstr (status_at (answer, 0), ==, "applied");
  v1 = json_object_get_int_member (result_at (answer, 0), "version");
  g_assert_cmpint (v1, ==, 1);
  g_assert_cmpint (json_object_get_int_member (answer, "last_seq"), ==, 1);

  changes = pull_all (f, 0, 100, &cursor);
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  c = find_change (changes, "e-1");
  g_assert_nonnull (c);
  g_assert_cmpstr (json_object_get_string_member (c, "type"), ==, "entity");
  g_assert_cmpint (json_object_get_int_member (c, "version"), ==, v1);
  g_assert_false (json_object_get_boolean_member (c, "deleted"));
  g_assert_cmpstr (field_of (c, "name"), ==, "Cooperativa Sud");
  g_assert_cmpstr (field_of (c, "updated_at"), ==, "2026-03-01T10:00:00.000Z");
  /* Sets come back sorted and without duplicates. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (c, "fields"), "tags")), ==, 2);
  g_assert_cmpint (cursor, ==, v1);

  empty = request (f, "GET", "changes?cursor=1", f->token, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (empty, "changes")), ==, 0);
  g_assert_false (json_object_get_boolean_member (empty, "has_more"));

  /* Seven more, one edited twice: pages of 2 give each record once, latest state. */
  for (int i = 0; i < 7; i++)
    g_string_append_printf (batch, "%s{\"seq\":%d,\"type\":\"contact\",\"id\":\"c-%d\",\"op\":\"create\",\"fields\":{\"full_name\":\"P%d\"}}",
                            i > 0 ? "," : "", i + 2, i, i);
  g_string_append (batch, ",{\"seq\":9,\"type\":\"contact\",\"id\":\"c-0\",\"op\":\"update\",\"fields\":{\"full_name\":\"P0 bis\"},\"before\":{\"full_name\":\"P0\"}}");
  g_clear_pointer (&answer, json_object_unref);
  answer = push (f, f->token, batch->str, 200);
  later = pull_all (f, cursor, 2, &cursor);
  g_assert_cmpuint (json_array_get_length (later), ==, 7);
  g_assert_cmpstr (field_of (find_change (later, "c-0"), "full_name"), ==, "P0 bis");
  g_assert_cmpint (json_object_get_int_member (find_change (later, "c-0"), "version"), ==, 9);
  g_assert_cmpint (cursor, ==, 9);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  const char *batch =
    "{\"seq\":1,\"type\":\"entity\",\"id\":\"d-1\",\"op\":\"create\",\"fields\":{\"name\":\"Once\"}},"
    "{\"seq\":2,\"type\":\"entity\",\"id\":\"d-1\",\"op\":\"update\",\"fields\":{\"notes\":\"x\"},\"before\":{\"notes\":null}}";
  g_autoptr(JsonObject) first = push (f, f->token, batch, 200);
  g_autoptr(JsonObject) second = push (f, f->token, batch, 200);
  g_autoptr(JsonObject) info = request (f, "GET", "info", NULL, NULL, 200);
  g_autoptr(JsonArray) changes = pull_all (f, 0, 100, NULL);

  g_assert_cmpstr (status_at (first, 0), ==, "applied");
  g_assert_cmpstr (status_at (first, 1), ==, "applied");
  g_assert_cmpstr (status_at (second, 0), ==, "duplicate");
  g_assert_cmpstr (status_at (second, 1), ==, "duplicate");
  g_assert_cmpstr (json_object_get_string_member (result_at (second, 0), "original_status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result_at (second, 1), "version"), ==, 2);
  /* Applied once: two versions, one record. */
  g_assert_cmpint (json_object_get_int_member (info, "version"), ==, 2);
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
}

/* How many push answers the server keeps for @device_id with seq < @below,
 * read from its database file as it is (read-only, beside the running
 * server). */
static gint64
kept_results (Fixture    *f,
              const char *device_id,
              gint64      below)
{
  g_autofree char *path = g_build_filename (f->data, "xarxa-server.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM push_results WHERE device_id = ?1 AND seq < ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, below);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* A push starting at seq S drops the device's kept answers below S, and
 * nothing else: the newest batch still repeats its answers, an older retry
 * is still a duplicate that changes nothing. */
static void
test_duplicate_pruned (Fixture       *f,
                       gconstpointer  data)
{
  const char *newest =
    "{\"seq\":6,\"type\":\"entity\",\"id\":\"p-1\",\"op\":\"update\",\"fields\":{\"notes\":\"six\"},\"before\":{\"notes\":null}},"
    "{\"seq\":7,\"type\":\"entity\",\"id\":\"p-1\",\"op\":\"update\",\"fields\":{\"shoe_size\":\"44\"}}";
  const char *old = "{\"seq\":2,\"type\":\"entity\",\"id\":\"p-2\",\"op\":\"create\",\"fields\":{\"name\":\"Two\"}}";
  g_autofree char *token_b = NULL;
  g_autofree char *device_b = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) other = NULL;
  g_autoptr(JsonObject) applied = NULL;
  g_autoptr(JsonObject) retry = NULL;
  g_autoptr(JsonObject) stale = NULL;
  g_autoptr(JsonObject) info_before = NULL;
  g_autoptr(JsonObject) info_after = NULL;
  g_autoptr(JsonArray) changes_before = NULL;
  g_autoptr(JsonArray) changes_after = NULL;
  g_autoptr(JsonObject) gap = NULL;
  g_autoptr(JsonObject) mixed = NULL;
  g_autoptr(JsonObject) replay = NULL;
  JsonObject *r;

  /* Another device of the same user, whose answers must stay. */
  login (f, "anna", EDITOR_PASSWORD, NULL, &token_b, &device_b);
  other = push (f, token_b,
                "{\"seq\":1,\"type\":\"entity\",\"id\":\"b-1\",\"op\":\"create\",\"fields\":{\"name\":\"B\"}}", 200);
  g_assert_cmpstr (status_at (other, 0), ==, "applied");

  first = push (f, f->token,
                "{\"seq\":1,\"type\":\"entity\",\"id\":\"p-1\",\"op\":\"create\",\"fields\":{\"name\":\"One\"}},"
                "{\"seq\":2,\"type\":\"entity\",\"id\":\"p-2\",\"op\":\"create\",\"fields\":{\"name\":\"Two\"}},"
                "{\"seq\":3,\"type\":\"entity\",\"id\":\"p-3\",\"op\":\"create\",\"fields\":{\"name\":\"Three\"}}", 200);
  g_assert_cmpint (kept_results (f, f->device_id, 4), ==, 3);
  second = push (f, f->token,
                 "{\"seq\":4,\"type\":\"entity\",\"id\":\"p-4\",\"op\":\"create\",\"fields\":{\"name\":\"Four\"}},"
                 "{\"seq\":5,\"type\":\"entity\",\"id\":\"p-3\",\"op\":\"delete\"}", 200);
  g_assert_cmpstr (status_at (second, 1), ==, "applied");
  /* The push starting at 4 dropped 1–3 and kept its own answers. */
  g_assert_cmpint (kept_results (f, f->device_id, 4), ==, 0);
  g_assert_cmpint (kept_results (f, f->device_id, 6), ==, 2);

  /* A refused push drops nothing. */
  gap = push (f, f->token, "{\"seq\":9,\"type\":\"entity\",\"id\":\"p-9\",\"op\":\"create\",\"fields\":{\"name\":\"Nine\"}}", 409);
  assert_error (gap, "sequence-gap");
  g_assert_cmpint (kept_results (f, f->device_id, 6), ==, 2);

  applied = push (f, f->token, newest, 200);
  g_assert_cmpstr (status_at (applied, 0), ==, "applied");
  g_assert_cmpstr (status_at (applied, 1), ==, "rejected");
  g_assert_cmpint (kept_results (f, f->device_id, 6), ==, 0);
  g_assert_cmpint (kept_results (f, f->device_id, G_MAXINT64), ==, 2);
  g_assert_cmpint (kept_results (f, device_b, G_MAXINT64), ==, 1);

  info_before = request (f, "GET", "info", NULL, NULL, 200);
  changes_before = pull_all (f, 0, 100, NULL);

  /* The newest batch, retried, repeats its first answers. */
  retry = push (f, f->token, newest, 200);
  r = result_at (retry, 0);
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "duplicate");
  g_assert_cmpstr (json_object_get_string_member (r, "original_status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (r, "version"), ==,
                   json_object_get_int_member (result_at (applied, 0), "version"));
  r = result_at (retry, 1);
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "duplicate");
  g_assert_cmpstr (json_object_get_string_member (r, "original_status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (r, "reason"), ==, "unknown-field");
  g_assert_cmpint (kept_results (f, f->device_id, G_MAXINT64), ==, 2);

  /* An older retry, whose answer is gone: a bare duplicate, not applied again. */
  stale = push (f, f->token, old, 200);
  r = result_at (stale, 0);
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "duplicate");
  g_assert_cmpint (json_object_get_int_member (r, "seq"), ==, 2);
  g_assert_false (json_object_has_member (r, "original_status"));
  g_assert_cmpint (json_object_get_int_member (stale, "last_seq"), ==, 7);

  info_after = request (f, "GET", "info", NULL, NULL, 200);
  changes_after = pull_all (f, 0, 100, NULL);
  g_assert_cmpint (json_object_get_int_member (info_after, "version"), ==,
                   json_object_get_int_member (info_before, "version"));
  g_assert_cmpuint (json_array_get_length (changes_after), ==, json_array_get_length (changes_before));
  g_assert_cmpint (json_object_get_int_member (find_change (changes_after, "p-2"), "version"), ==,
                   json_object_get_int_member (find_change (changes_before, "p-2"), "version"));
  /* It dropped nothing either: the newest batch still repeats. */
  g_assert_cmpint (kept_results (f, f->device_id, G_MAXINT64), ==, 2);

  /* A batch that repeats its last change and adds one: the new answer is
   * kept under its own number, and the older ones go. */
  mixed = push (f, f->token,
                "{\"seq\":7,\"type\":\"entity\",\"id\":\"p-1\",\"op\":\"update\",\"fields\":{\"shoe_size\":\"44\"}},"
                "{\"seq\":8,\"type\":\"entity\",\"id\":\"p-4\",\"op\":\"update\",\"fields\":{\"notes\":\"eight\"}}", 200);
  g_assert_cmpstr (status_at (mixed, 0), ==, "duplicate");
  g_assert_cmpstr (json_object_get_string_member (result_at (mixed, 0), "original_status"), ==, "rejected");
  g_assert_cmpstr (status_at (mixed, 1), ==, "applied");
  g_assert_cmpint (kept_results (f, f->device_id, 7), ==, 0);
  g_assert_cmpint (kept_results (f, f->device_id, G_MAXINT64), ==, 2);
  replay = push (f, f->token,
                 "{\"seq\":8,\"type\":\"entity\",\"id\":\"p-4\",\"op\":\"update\",\"fields\":{\"notes\":\"eight\"}}", 200);
  r = result_at (replay, 0);
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "duplicate");
  g_assert_cmpint (json_object_get_int_member (r, "seq"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (r, "original_status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (r, "version"), ==,
                   json_object_get_int_member (result_at (mixed, 1), "version"));
}

/* Writes a record straight into the server's database, as a record
 * written by an older server or by hand could be. */
static void
put_raw_record (Fixture    *f,
                const char *type,
                const char *id,
                const char *data,
                gint64      version)
{
  g_autofree char *path = g_build_filename (f->data, "xarxa-server.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO records (type, id, data, version, deleted) VALUES (?1, ?2, ?3, ?4, 0)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, data, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, version);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* An update touches only the fields it names: every other field comes back
 * as it was, whatever its kind and however its text is written. */
static void
test_update_keeps_fields (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) updated = NULL;
  g_autoptr(JsonObject) deleted = NULL;
  g_autoptr(JsonArray) changes = NULL;
  JsonObject *c, *fields;
  JsonArray *tags;

  created = push (f, f->token,
                  "{\"seq\":1,\"type\":\"indicator\",\"id\":\"i-1\",\"op\":\"create\","
                  "\"fields\":{\"name\":\"Dones \\\"l\\u00edders\\\" \\\\ \xf0\x9f\x98\x80\\n\",\"unit\":\"%\","
                  "\"baseline\":1.5,\"target\":1e3,\"gender_breakdown\":true,\"direction\":\"increase\","
                  "\"updated_at\":\"2026-03-01T10:00:00.000Z\"}},"
                  "{\"seq\":2,\"type\":\"entity\",\"id\":\"e-1\",\"op\":\"create\","
                  "\"fields\":{\"name\":\"Coop\",\"tags\":[\"b\",\"a\"],\"notes\":\"first\"}}", 200);
  g_assert_cmpstr (status_at (created, 0), ==, "applied");
  g_assert_cmpstr (status_at (created, 1), ==, "applied");

  /* An older record with a repeated member (the reader keeps the last),
   * and one whose member names are escaped. */
  put_raw_record (f, "entity", "raw-1",
                  "{ \"name\" : \"Old\", \"notes\":\"\\u00e9s\", \"name\":\"Dup\",\"tags\":[\"x\"] }", -1);
  put_raw_record (f, "entity", "raw-2",
                  "{\"n\\u0061me\":\"Escaped\",\"notes\":\"old\",\"notes\":\"\\u00e9s\"}", -2);

  updated = push (f, f->token,
                  "{\"seq\":3,\"type\":\"indicator\",\"id\":\"i-1\",\"op\":\"update\","
                  "\"fields\":{\"target\":2000,\"unit\":null,\"updated_at\":\"2026-03-02T10:00:00.000Z\"},"
                  "\"before\":{\"target\":1000,\"unit\":\"%\"}},"
                  "{\"seq\":4,\"type\":\"entity\",\"id\":\"e-1\",\"op\":\"update\","
                  "\"fields\":{\"notes\":\"second\",\"city\":\"Girona\",\"tags\":[\"a\",\"c\"]},"
                  "\"before\":{\"notes\":\"first\",\"city\":null,\"tags\":[\"a\",\"b\"]}},"
                  "{\"seq\":5,\"type\":\"entity\",\"id\":\"raw-1\",\"op\":\"update\","
                  "\"fields\":{\"notes\":\"new\"},\"before\":{\"notes\":\"\xc3\xa9s\"}},"
                  "{\"seq\":6,\"type\":\"entity\",\"id\":\"raw-2\",\"op\":\"update\","
                  "\"fields\":{\"notes\":\"new\"},\"before\":{\"notes\":\"\xc3\xa9s\"}}", 200);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (status_at (updated, i), ==, "applied");
  deleted = push (f, f->token,
                  "{\"seq\":7,\"type\":\"indicator\",\"id\":\"i-1\",\"op\":\"delete\","
                  "\"fields\":{\"updated_at\":\"2026-03-03T10:00:00.000Z\"}}", 200);
  g_assert_cmpstr (status_at (deleted, 0), ==, "applied");

  changes = pull_all (f, 0, 100, NULL);
  g_assert_cmpuint (json_array_get_length (changes), ==, 4);

  /* The tombstone keeps the last fields, with the delete's date. */
  c = find_change (changes, "i-1");
  g_assert_true (json_object_get_boolean_member (c, "deleted"));
  fields = json_object_get_object_member (c, "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "name"), ==, "Dones \"líders\" \\ \xf0\x9f\x98\x80\n");
  g_assert_true (json_object_get_null_member (fields, "unit"));
  g_assert_cmpfloat (json_object_get_double_member (fields, "baseline"), ==, 1.5);
  g_assert_cmpfloat (json_object_get_double_member (fields, "target"), ==, 2000.0);
  g_assert_true (json_object_get_boolean_member (fields, "gender_breakdown"));
  g_assert_cmpstr (json_object_get_string_member (fields, "direction"), ==, "increase");
  g_assert_cmpstr (json_object_get_string_member (fields, "updated_at"), ==, "2026-03-03T10:00:00.000Z");
  g_assert_cmpuint (json_object_get_size (fields), ==, 7);

  c = find_change (changes, "e-1");
  fields = json_object_get_object_member (c, "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "name"), ==, "Coop");
  g_assert_cmpstr (json_object_get_string_member (fields, "notes"), ==, "second");
  g_assert_cmpstr (json_object_get_string_member (fields, "city"), ==, "Girona");
  tags = json_object_get_array_member (fields, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "a");
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "c");
  g_assert_cmpuint (json_object_get_size (fields), ==, 4);

  c = find_change (changes, "raw-1");
  fields = json_object_get_object_member (c, "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "name"), ==, "Dup");
  g_assert_cmpstr (json_object_get_string_member (fields, "notes"), ==, "new");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (fields, "tags"), 0), ==, "x");

  c = find_change (changes, "raw-2");
  fields = json_object_get_object_member (c, "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "name"), ==, "Escaped");
  g_assert_cmpstr (json_object_get_string_member (fields, "notes"), ==, "new");
  g_assert_cmpuint (json_object_get_size (fields), ==, 2);
}

/* A database of schema version 1 may hold texts json-glib wrote with
 * 2e+20.0 in them (not JSON): the upgrade repairs them, so pulls stay JSON
 * and a later update keeps the record's other fields. */
static void
test_upgrade_repairs_numbers (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->data, "xarxa-server.db", NULL);
  g_autoptr(JsonObject) updated = NULL;
  g_autoptr(JsonArray) changes = NULL;
  JsonObject *change;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  server_stop (f, SIGTERM);
  put_raw_record (f, "mission", "m-old",
                  "{\"title\":\"Missió\",\"budget\":2e+20.0,\"outcomes\":\"1e5.0 stays\"}", -1);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  server_start (f, NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT data, (SELECT user_version FROM pragma_user_version) "
                                           "FROM records WHERE id = 'm-old'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                   "{\"title\":\"Missió\",\"budget\":2e+20,\"outcomes\":\"1e5.0 stays\"}");
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 2);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  updated = push (f, f->token,
                  "{\"seq\":1,\"type\":\"mission\",\"id\":\"m-old\",\"op\":\"update\","
                  "\"fields\":{\"outcomes\":\"new\"},\"before\":{\"outcomes\":\"1e5.0 stays\"}}", 200);
  g_assert_cmpstr (status_at (updated, 0), ==, "applied");
  changes = pull_all (f, 0, 100, NULL);
  change = find_change (changes, "m-old");
  g_assert_nonnull (change);
  g_assert_cmpstr (field_of (change, "title"), ==, "Missió");
  g_assert_cmpstr (field_of (change, "outcomes"), ==, "new");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (change, "fields"), "budget"), ==, 2e20);
}

static void
test_sequence_gap (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) ok = push (f, f->token, "{\"seq\":1,\"type\":\"entity\",\"id\":\"g-1\",\"op\":\"create\",\"fields\":{\"name\":\"G1\"}}", 200);
  g_autoptr(JsonObject) gap = push (f, f->token,
                                    "{\"seq\":2,\"type\":\"entity\",\"id\":\"g-2\",\"op\":\"create\",\"fields\":{\"name\":\"G2\"}},"
                                    "{\"seq\":4,\"type\":\"entity\",\"id\":\"g-4\",\"op\":\"create\",\"fields\":{\"name\":\"G4\"}}", 409);
  g_autoptr(JsonObject) gap2 = push (f, f->token, "{\"seq\":3,\"type\":\"entity\",\"id\":\"g-3\",\"op\":\"create\",\"fields\":{\"name\":\"G3\"}}", 409);
  g_autoptr(JsonArray) changes = pull_all (f, 0, 100, NULL);

  assert_error (gap, "sequence-gap");
  g_assert_cmpint (json_object_get_int_member (gap, "expected_seq"), ==, 3);
  assert_error (gap2, "sequence-gap");
  g_assert_cmpint (json_object_get_int_member (gap2, "expected_seq"), ==, 2);
  /* Nothing of a refused push is applied. */
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  g_assert_nonnull (find_change (changes, "g-1"));
}

static void
test_field_conflict (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *token_b = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonArray) changes = NULL;
  JsonObject *conflict, *record, *fields;
  JsonArray *tags;

  login (f, "anna", EDITOR_PASSWORD, NULL, &token_b, NULL);
  created = push (f, f->token,
                  "{\"seq\":1,\"type\":\"entity\",\"id\":\"x\",\"op\":\"create\",\"fields\":{\"name\":\"Old\",\"city\":\"Salt\",\"tags\":[\"t\"]}}", 200);

  /* Device A changes the name and adds a tag. */
  a = push (f, f->token,
            "{\"seq\":2,\"type\":\"entity\",\"id\":\"x\",\"op\":\"update\",\"base_version\":1,"
            "\"fields\":{\"name\":\"Mine\",\"tags\":[\"t\",\"from-a\"]},\"before\":{\"name\":\"Old\",\"tags\":[\"t\"]}}", 200);
  g_assert_cmpstr (status_at (a, 0), ==, "applied");

  /* Device B, based on the same version, changes the name, the city, and
   * adds another tag: the name conflicts, the rest is applied. */
  b = push (f, token_b,
            "{\"seq\":1,\"type\":\"entity\",\"id\":\"x\",\"op\":\"update\",\"base_version\":1,"
            "\"fields\":{\"name\":\"Theirs\",\"city\":\"Girona\",\"tags\":[\"t\",\"from-b\"]},"
            "\"before\":{\"name\":\"Old\",\"city\":\"Salt\",\"tags\":[\"t\"]}}", 200);
  g_assert_cmpstr (status_at (b, 0), ==, "conflict");
  g_assert_cmpstr (json_object_get_string_member (result_at (b, 0), "kind"), ==, "field");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result_at (b, 0), "conflicts")), ==, 1);
  conflict = json_array_get_object_element (json_object_get_array_member (result_at (b, 0), "conflicts"), 0);
  g_assert_cmpstr (json_object_get_string_member (conflict, "field"), ==, "name");
  g_assert_cmpstr (json_object_get_string_member (conflict, "server_value"), ==, "Mine");
  g_assert_cmpstr (json_object_get_string_member (conflict, "client_value"), ==, "Theirs");

  changes = pull_all (f, 0, 100, NULL);
  record = find_change (changes, "x");
  fields = json_object_get_object_member (record, "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "name"), ==, "Mine");
  g_assert_cmpstr (json_object_get_string_member (fields, "city"), ==, "Girona");
  tags = json_object_get_array_member (fields, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "from-a");
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "from-b");
  g_assert_cmpstr (json_array_get_string_element (tags, 2), ==, "t");
  g_assert_cmpint (json_object_get_int_member (record, "version"),
                   ==, json_object_get_int_member (result_at (b, 0), "version"));

  /* B's retry repeats the whole first answer, conflicts included. */
  again = push (f, token_b,
                "{\"seq\":1,\"type\":\"entity\",\"id\":\"x\",\"op\":\"update\",\"base_version\":1,"
                "\"fields\":{\"name\":\"Theirs\",\"city\":\"Girona\",\"tags\":[\"t\",\"from-b\"]},"
                "\"before\":{\"name\":\"Old\",\"city\":\"Salt\",\"tags\":[\"t\"]}}", 200);
  g_assert_cmpstr (status_at (again, 0), ==, "duplicate");
  g_assert_cmpstr (json_object_get_string_member (result_at (again, 0), "original_status"), ==, "conflict");
  g_assert_cmpstr (json_object_get_string_member (result_at (again, 0), "kind"), ==, "field");
  conflict = json_array_get_object_element (json_object_get_array_member (result_at (again, 0), "conflicts"), 0);
  g_assert_cmpstr (json_object_get_string_member (conflict, "field"), ==, "name");
  g_assert_cmpstr (json_object_get_string_member (conflict, "server_value"), ==, "Mine");
  g_assert_cmpstr (json_object_get_string_member (conflict, "client_value"), ==, "Theirs");
  g_assert_cmpint (json_object_get_int_member (result_at (again, 0), "version"),
                   ==, json_object_get_int_member (result_at (b, 0), "version"));
}

/* An empty value is empty whatever its form: a change based on null where
 * the server holds "" is applied, not a conflict; a set merged down to no
 * member is kept as []. */
static void
test_empty_is_empty (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *token_b = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  g_autoptr(JsonArray) changes = NULL;
  JsonObject *fields;

  login (f, "anna", EDITOR_PASSWORD, NULL, &token_b, NULL);
  created = push (f, f->token,
                  "{\"seq\":1,\"type\":\"entity\",\"id\":\"e\",\"op\":\"create\","
                  "\"fields\":{\"name\":\"Buit\",\"city\":\"\",\"tags\":[\"t\"]}}", 200);
  g_assert_cmpstr (status_at (created, 0), ==, "applied");

  /* A removes the last tag. */
  a = push (f, f->token,
            "{\"seq\":2,\"type\":\"entity\",\"id\":\"e\",\"op\":\"update\",\"base_version\":1,"
            "\"fields\":{\"tags\":null},\"before\":{\"tags\":[\"t\"]}}", 200);
  g_assert_cmpstr (status_at (a, 0), ==, "applied");

  /* B saw no city at all (null) and sets one. */
  b = push (f, token_b,
            "{\"seq\":1,\"type\":\"entity\",\"id\":\"e\",\"op\":\"update\",\"base_version\":1,"
            "\"fields\":{\"city\":\"Vic\"},\"before\":{\"city\":null}}", 200);
  g_assert_cmpstr (status_at (b, 0), ==, "applied");

  changes = pull_all (f, 0, 100, NULL);
  fields = json_object_get_object_member (find_change (changes, "e"), "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "city"), ==, "Vic");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (fields, "tags")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fields, "tags")), ==, 0);
}

static void
test_delete_edit (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *token_b = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) edit = NULL;
  g_autoptr(JsonObject) del = NULL;
  g_autoptr(JsonObject) del2 = NULL;
  g_autoptr(JsonObject) late_edit = NULL;
  g_autoptr(JsonArray) before = NULL;
  g_autoptr(JsonArray) after = NULL;
  JsonObject *r;

  login (f, "anna", EDITOR_PASSWORD, NULL, &token_b, NULL);
  created = push (f, f->token, "{\"seq\":1,\"type\":\"entity\",\"id\":\"k\",\"op\":\"create\",\"fields\":{\"name\":\"Keep\"}}", 200);
  edit = push (f, token_b, "{\"seq\":1,\"type\":\"entity\",\"id\":\"k\",\"op\":\"update\",\"base_version\":1,"
                           "\"fields\":{\"notes\":\"edited\"},\"before\":{\"notes\":null}}", 200);
  g_assert_cmpstr (status_at (edit, 0), ==, "applied");

  /* A deletes what it saw at version 1: the edit since wins, nothing is lost. */
  del = push (f, f->token, "{\"seq\":2,\"type\":\"entity\",\"id\":\"k\",\"op\":\"delete\",\"base_version\":1}", 200);
  g_assert_cmpstr (status_at (del, 0), ==, "conflict");
  g_assert_cmpstr (json_object_get_string_member (result_at (del, 0), "kind"), ==, "delete-edit");
  g_assert_cmpint (json_object_get_int_member (result_at (del, 0), "version"), ==, 2);
  before = pull_all (f, 0, 100, NULL);
  r = find_change (before, "k");
  g_assert_false (json_object_get_boolean_member (r, "deleted"));
  g_assert_cmpstr (field_of (r, "notes"), ==, "edited");

  /* Deleting with the current version applies; a later edit from an old
   * base does not bring it back silently. */
  del2 = push (f, f->token, "{\"seq\":3,\"type\":\"entity\",\"id\":\"k\",\"op\":\"delete\",\"base_version\":2}", 200);
  g_assert_cmpstr (status_at (del2, 0), ==, "applied");
  late_edit = push (f, token_b, "{\"seq\":2,\"type\":\"entity\",\"id\":\"k\",\"op\":\"update\",\"base_version\":2,"
                                "\"fields\":{\"notes\":\"again\"},\"before\":{\"notes\":\"edited\"}}", 200);
  g_assert_cmpstr (status_at (late_edit, 0), ==, "conflict");
  g_assert_cmpstr (json_object_get_string_member (result_at (late_edit, 0), "kind"), ==, "edit-delete");
  after = pull_all (f, 0, 100, NULL);
  r = find_change (after, "k");
  g_assert_true (json_object_get_boolean_member (r, "deleted"));
  g_assert_cmpstr (field_of (r, "notes"), ==, "edited");
}

/* A tag is as long as its characters, whatever their bytes: one of 200
 * accented letters, which the device accepts, is taken here too. */
static void
test_long_tags (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) accented = g_string_new (NULL);
  g_autoptr(GString) batch = g_string_new (NULL);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonArray) changes = NULL;
  g_autofree char *too_long = g_strnfill (4 * XARXA_MAX_SET_ITEM_CHARS + 1, 't');

  for (guint i = 0; i < XARXA_MAX_SET_ITEM_CHARS; i++)
    g_string_append (accented, "à");
  g_string_append_printf (batch, "{\"seq\":1,\"type\":\"entity\",\"id\":\"tags-1\",\"op\":\"create\","
                                 "\"fields\":{\"name\":\"Llarga\",\"tags\":[\"%s\"]}},", accented->str);
  g_string_append_printf (batch, "{\"seq\":2,\"type\":\"entity\",\"id\":\"tags-2\",\"op\":\"create\","
                                 "\"fields\":{\"name\":\"Massa\",\"tags\":[\"%s\"]}}", too_long);
  answer = push (f, f->token, batch->str, 200);
  g_assert_cmpstr (status_at (answer, 0), ==, "applied");
  g_assert_cmpstr (status_at (answer, 1), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (result_at (answer, 1), "reason"), ==, "too-long");

  changes = pull_all (f, 0, 100, NULL);
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (
                     json_object_get_object_member (find_change (changes, "tags-1"), "fields"), "tags"), 0),
                   ==, accented->str);
}

static void
test_bad_record (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) batch = g_string_new (NULL);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) next = NULL;
  g_autoptr(JsonArray) changes = NULL;
  g_autofree char *huge = g_strnfill (1024 * 1024 + 1, 'h');

  g_string_append (batch, "{\"seq\":1,\"type\":\"entity\",\"id\":\"ok-1\",\"op\":\"create\",\"fields\":{\"name\":\"Fine\"}},");
  g_string_append (batch, "{\"seq\":2,\"type\":\"entity\",\"id\":\"bad-1\",\"op\":\"create\",\"fields\":{\"name\":\"X\",\"shoe_size\":42}},");
  g_string_append (batch, "{\"seq\":3,\"type\":\"entity\",\"id\":\"bad-2\",\"op\":\"create\",\"fields\":{\"name\":5}},");
  g_string_append (batch, "{\"seq\":4,\"type\":\"spaceship\",\"id\":\"bad-3\",\"op\":\"create\",\"fields\":{}},");
  g_string_append_printf (batch, "{\"seq\":5,\"type\":\"entity\",\"id\":\"bad-4\",\"op\":\"create\",\"fields\":{\"notes\":\"%s\"}},", huge);
  g_string_append (batch, "{\"seq\":6,\"type\":\"entity\",\"id\":\"bad 5!\",\"op\":\"create\",\"fields\":{\"name\":\"X\"}},");
  g_string_append (batch, "{\"seq\":7,\"type\":\"entity\",\"id\":\"nobody\",\"op\":\"update\",\"fields\":{\"name\":\"X\"}},");
  g_string_append (batch, "{\"seq\":8,\"type\":\"entity\",\"id\":\"ok-2\",\"op\":\"create\",\"fields\":{\"name\":\"Also fine\"}}");
  answer = push (f, f->token, batch->str, 200);

  g_assert_cmpstr (status_at (answer, 0), ==, "applied");
  for (guint i = 1; i < 7; i++)
    {
      g_assert_cmpstr (status_at (answer, i), ==, "rejected");
      g_assert_true (strlen (json_object_get_string_member (result_at (answer, i), "message")) > 10);
    }
  g_assert_cmpstr (json_object_get_string_member (result_at (answer, 1), "reason"), ==, "unknown-field");
  g_assert_cmpstr (json_object_get_string_member (result_at (answer, 2), "reason"), ==, "invalid-value");
  g_assert_cmpstr (json_object_get_string_member (result_at (answer, 2), "field"), ==, "name");
  g_assert_cmpstr (json_object_get_string_member (result_at (answer, 3), "reason"), ==, "unknown-type");
  g_assert_cmpstr (json_object_get_string_member (result_at (answer, 4), "reason"), ==, "too-long");
  g_assert_cmpstr (json_object_get_string_member (result_at (answer, 5), "reason"), ==, "invalid-value");
  g_assert_cmpstr (json_object_get_string_member (result_at (answer, 6), "reason"), ==, "not-found");
  g_assert_cmpstr (status_at (answer, 7), ==, "applied");
  /* The rejected numbers are used up: the outbox moves on. */
  g_assert_cmpint (json_object_get_int_member (answer, "last_seq"), ==, 8);
  next = push (f, f->token, "{\"seq\":9,\"type\":\"entity\",\"id\":\"ok-3\",\"op\":\"create\",\"fields\":{\"name\":\"Next\"}}", 200);
  g_assert_cmpstr (status_at (next, 0), ==, "applied");

  changes = pull_all (f, 0, 100, NULL);
  g_assert_cmpuint (json_array_get_length (changes), ==, 3);
  g_assert_nonnull (find_change (changes, "ok-1"));
  g_assert_nonnull (find_change (changes, "ok-2"));
  g_assert_null (find_change (changes, "bad-1"));
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  const struct { const char *body; const char *code; } cases[] = {
    { "{\"mutations\": [", "malformed-json" },
    { "[1, 2, 3]", "malformed-json" },
    { "not json at all", "malformed-json" },
    { "{\"mutations\": \"everything\"}", "invalid-request" },
    { "{\"mutations\": [{\"seq\": \"one\", \"type\": \"entity\", \"id\": \"a\", \"op\": \"create\"}]}", "invalid-request" },
    { "{\"mutations\": [{\"seq\": 1, \"type\": \"entity\", \"id\": \"a\", \"op\": \"explode\"}]}", "invalid-request" },
    { "{\"mutations\": [{\"seq\": 1, \"type\": \"entity\", \"id\": 7, \"op\": \"create\"}]}", "invalid-request" },
    { "{\"mutations\": [{\"seq\": 1, \"type\": \"entity\", \"id\": \"a\", \"op\": \"create\", \"fields\": [1]}]}", "invalid-request" },
    { "{\"device_id\": \"someone-else\", \"mutations\": []}", "device-mismatch" },
  };
  g_autofree char *deep = NULL;
  g_autoptr(JsonObject) deep_answer = NULL;
  g_autoptr(JsonObject) bad_cursor = NULL;
  g_autoptr(JsonObject) bad_limit = NULL;
  g_autoptr(JsonObject) bad_login = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(JsonArray) changes = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) answer = request (f, "POST", "push", f->token, cases[i].body, 400);
      assert_error (answer, cases[i].code);
    }

  {
    g_autofree char *brackets = g_strnfill (100000, '[');
    deep = g_strconcat ("{\"mutations\":", brackets, NULL);
  }
  deep_answer = request (f, "POST", "push", f->token, deep, 400);
  assert_error (deep_answer, "malformed-json");

  bad_cursor = request (f, "GET", "changes?cursor=yesterday", f->token, NULL, 400);
  assert_error (bad_cursor, "invalid-cursor");
  bad_limit = request (f, "GET", "changes?limit=0", f->token, NULL, 400);
  assert_error (bad_limit, "invalid-limit");
  bad_login = request (f, "POST", "session", NULL, "{\"user\": 12}", 400);
  assert_error (bad_login, "invalid-request");

  /* Still serving, and nothing was applied. */
  info = request (f, "GET", "info", NULL, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (info, "version"), ==, 0);
  changes = pull_all (f, 0, 10, NULL);
  g_assert_cmpuint (json_array_get_length (changes), ==, 0);
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) info = request (f, "GET", "info", NULL, NULL, 200);
  JsonObject *limits = json_object_get_object_member (info, "limits");
  gsize max_body = (gsize) json_object_get_int_member (limits, "max_body");
  guint max_batch = (guint) json_object_get_int_member (limits, "max_batch");
  guint max_page = (guint) json_object_get_int_member (limits, "max_page");
  g_autofree char *padding = g_strnfill (max_body + 10, ' ');
  g_autofree char *big = g_strconcat ("{\"mutations\":[]", padding, "}", NULL);
  g_autoptr(GString) batch = g_string_new ("{\"mutations\":[");
  g_autofree char *page_path = g_strdup_printf ("changes?limit=%u", max_page + 1);
  g_autoptr(JsonObject) too_big = NULL;
  g_autoptr(JsonObject) too_many = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) after = NULL;

  too_big = request (f, "POST", "push", f->token, big, 413);
  assert_error (too_big, "body-too-large");
  g_assert_cmpint (json_object_get_int_member (too_big, "limit"), ==, (gint64) max_body);

  for (guint i = 0; i <= max_batch; i++)
    g_string_append_printf (batch, "%s{\"seq\":%u,\"type\":\"entity\",\"id\":\"m-%u\",\"op\":\"create\",\"fields\":{\"name\":\"M\"}}",
                            i > 0 ? "," : "", i + 1, i);
  g_string_append (batch, "]}");
  too_many = request (f, "POST", "push", f->token, batch->str, 422);
  assert_error (too_many, "batch-too-large");

  page = request (f, "GET", page_path, f->token, NULL, 422);
  assert_error (page, "page-too-large");

  after = request (f, "GET", "info", NULL, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==, 0);
}

static void
test_reader (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) pulled = NULL;
  g_autoptr(JsonObject) info = NULL;

  login (f, "rita", READER_PASSWORD, NULL, &token, NULL);
  refused = push (f, token, "{\"seq\":1,\"type\":\"entity\",\"id\":\"r\",\"op\":\"create\",\"fields\":{\"name\":\"R\"}}", 403);
  assert_error (refused, "read-only");
  pulled = request (f, "GET", "changes", token, NULL, 200);
  g_assert_nonnull (json_object_get_array_member (pulled, "changes"));
  info = request (f, "GET", "info", NULL, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (info, "version"), ==, 0);
}

static void
test_revoke (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) before = request (f, "GET", "changes", f->token, NULL, 200);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) fresh = NULL;
  g_autoptr(JsonObject) logout = NULL;
  g_autoptr(JsonObject) logged_out = NULL;
  g_autofree char *out = NULL;
  g_autofree char *token2 = NULL;

  g_assert_cmpint (run_cli (f, NULL, &out, "revoke", "anna", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "anna"));
  after = request (f, "GET", "changes", f->token, NULL, 401);
  assert_error (after, "revoked-token");
  refused = push (f, f->token, "{\"seq\":1,\"type\":\"entity\",\"id\":\"v\",\"op\":\"create\",\"fields\":{\"name\":\"V\"}}", 401);
  assert_error (refused, "revoked-token");

  /* Logging in again gives a working token; logging out revokes it. */
  login (f, "anna", EDITOR_PASSWORD, NULL, &token2, NULL);
  fresh = request (f, "GET", "changes", token2, NULL, 200);
  logout = request (f, "DELETE", "session", token2, NULL, 200);
  logged_out = request (f, "GET", "changes", token2, NULL, 401);
  assert_error (logged_out, "revoked-token");

  g_assert_cmpint (run_cli (f, NULL, NULL, "revoke", "nobody", NULL), !=, 0);
}

static const char *const retention_args[] = { "--retention", "2", NULL };

static void
test_expired_cursor (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  g_autoptr(JsonObject) expired = NULL;
  g_autoptr(JsonObject) future = NULL;
  g_autoptr(JsonObject) fine = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(JsonArray) all = NULL;

  a = push (f, f->token,
            "{\"seq\":1,\"type\":\"entity\",\"id\":\"p\",\"op\":\"create\",\"fields\":{\"name\":\"P\"}},"
            "{\"seq\":2,\"type\":\"entity\",\"id\":\"q\",\"op\":\"create\",\"fields\":{\"name\":\"Q\"}},"
            "{\"seq\":3,\"type\":\"entity\",\"id\":\"p\",\"op\":\"delete\"}", 200);
  g_assert_cmpstr (status_at (a, 2), ==, "applied");
  b = push (f, f->token,
            "{\"seq\":4,\"type\":\"entity\",\"id\":\"r\",\"op\":\"create\",\"fields\":{\"name\":\"R\"}},"
            "{\"seq\":5,\"type\":\"entity\",\"id\":\"s\",\"op\":\"create\",\"fields\":{\"name\":\"S\"}}", 200);

  /* The tombstone of p (version 3) is older than 2 versions: purged. */
  info = request (f, "GET", "info", NULL, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (info, "min_cursor"), ==, 3);
  expired = request (f, "GET", "changes?cursor=2", f->token, NULL, 410);
  assert_error (expired, "cursor-expired");
  g_assert_cmpint (json_object_get_int_member (expired, "min_cursor"), ==, 3);
  future = request (f, "GET", "changes?cursor=99", f->token, NULL, 410);
  assert_error (future, "cursor-expired");
  fine = request (f, "GET", "changes?cursor=3", f->token, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fine, "changes")), ==, 2);

  /* A full pull still works and has no trace of p. */
  all = pull_all (f, 0, 100, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 3);
  g_assert_null (find_change (all, "p"));
}

static void
test_epoch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonObject) before = request (f, "GET", "info", NULL, NULL, 200);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autofree char *epoch = g_strdup (json_object_get_string_member (before, "epoch"));

  g_assert_cmpint (run_cli (f, NULL, NULL, "new-epoch", NULL), ==, 0);
  after = request (f, "GET", "info", NULL, NULL, 200);
  g_assert_cmpuint (strlen (json_object_get_string_member (after, "epoch")), ==, 32);
  g_assert_cmpstr (json_object_get_string_member (after, "epoch"), !=, epoch);
  page = request (f, "GET", "changes", f->token, NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (page, "epoch"), ==,
                   json_object_get_string_member (after, "epoch"));
}

static const char *const rate_args[] = { "--max-requests-per-minute", "3", NULL };

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *retry;
  guint64 seconds = 0;
  guint status;

  /* The login of the fixture was the first request of the window. */
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) ok = request (f, "GET", "info", NULL, NULL, 200);
    }
  node = request_full (f, "GET", "info", NULL, NULL, NULL, &status, &headers, NULL);
  g_assert_cmpuint (status, ==, 429);
  assert_error (json_node_get_object (node), "rate-limited");
  retry = soup_message_headers_get_one (headers, "Retry-After");
  g_assert_nonnull (retry);
  g_assert_true (g_ascii_string_to_unsigned (retry, 10, 1, 60, &seconds, NULL));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "retry_after"), ==, (gint64) seconds);
}

static char *
sha256_hex (const char *data,
            gsize       len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static guint
put_chunk (Fixture     *f,
           const char  *token,
           const char  *hash,
           const char  *data,
           gsize        start,
           gsize        len,
           gsize        total,
           JsonObject **answer)
{
  g_autofree char *path = g_strconcat ("files/", hash, NULL);
  g_autofree char *range = g_strdup_printf ("bytes %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT "/%" G_GSIZE_FORMAT,
                                            start, start + len - 1, total);
  g_autoptr(GBytes) body = g_bytes_new (data + start, len);
  g_autoptr(JsonNode) node = NULL;
  guint status;

  node = request_full (f, "PUT", path, token, range, body, &status, NULL, NULL);
  g_assert_nonnull (node);
  *answer = json_object_ref (json_node_get_object (node));
  return status;
}

static void
test_files (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *content = g_strnfill (300000, 'x');
  g_autofree char *hash = NULL;
  g_autofree char *missing_body = NULL;
  g_autofree char *get_path = NULL;
  g_autofree char *reader_token = NULL;
  g_autoptr(JsonObject) missing = NULL;
  g_autoptr(JsonObject) partial = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) wrong = NULL;
  g_autoptr(JsonObject) last = NULL;
  g_autoptr(JsonObject) none = NULL;
  g_autoptr(JsonObject) bad_hash = NULL;
  g_autoptr(JsonObject) damaged = NULL;
  g_autoptr(JsonObject) reader = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *other = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *other_missing = NULL;
  guint status;

  content[1000] = 'y';
  hash = sha256_hex (content, 300000);
  missing_body = g_strdup_printf ("{\"hashes\":[\"%s\"]}", hash);

  missing = request (f, "POST", "files/missing", f->token, missing_body, 200);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (missing, "missing"), 0), ==, hash);

  /* Resumable: a first part, a retried part at the wrong offset, the rest. */
  g_assert_cmpuint (put_chunk (f, f->token, hash, content, 0, 100000, 300000, &first), ==, 200);
  g_assert_false (json_object_get_boolean_member (first, "complete"));
  g_assert_cmpint (json_object_get_int_member (first, "offset"), ==, 100000);
  partial = request (f, "POST", "files/missing", f->token, missing_body, 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (partial, "partial"), hash), ==, 100000);
  g_assert_cmpuint (put_chunk (f, f->token, hash, content, 0, 100000, 300000, &wrong), ==, 409);
  assert_error (wrong, "wrong-offset");
  g_assert_cmpint (json_object_get_int_member (wrong, "offset"), ==, 100000);
  g_assert_cmpuint (put_chunk (f, f->token, hash, content, 100000, 200000, 300000, &last), ==, 201);
  g_assert_true (json_object_get_boolean_member (last, "complete"));

  none = request (f, "POST", "files/missing", f->token, missing_body, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (none, "missing")), ==, 0);
  get_path = g_strconcat ("files/", hash, NULL);
  node = request_full (f, "GET", get_path, f->token, NULL, NULL, &status, NULL, &raw);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (raw), ==, 300000);
  g_assert_true (memcmp (g_bytes_get_data (raw, NULL), content, 300000) == 0);

  /* Bytes that do not match the hash are refused and dropped. */
  other = g_strdup ("the real content");
  other_path = sha256_hex (other, strlen (other));
  g_assert_cmpuint (put_chunk (f, f->token, other_path, "the fake content", 0, 16, 16, &damaged), ==, 422);
  assert_error (damaged, "hash-mismatch");
  other_missing = g_strdup_printf ("{\"hashes\":[\"%s\"]}", other_path);
  {
    g_autoptr(JsonObject) still = request (f, "POST", "files/missing", f->token, other_missing, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (still, "missing")), ==, 1);
    g_assert_false (json_object_has_member (json_object_get_object_member (still, "partial"), other_path));
  }

  bad_hash = request (f, "POST", "files/missing", f->token, "{\"hashes\":[\"abc\"]}", 400);
  assert_error (bad_hash, "invalid-hash");
  unknown = request (f, "GET", "files/0000000000000000000000000000000000000000000000000000000000000000",
                     f->token, NULL, 404);
  assert_error (unknown, "not-found");

  login (f, "rita", READER_PASSWORD, NULL, &reader_token, NULL);
  g_assert_cmpuint (put_chunk (f, reader_token, other_path, other, 0, strlen (other), strlen (other), &reader), ==, 403);
  assert_error (reader, "read-only");
}

/* GET with a Range header; returns the status, the body and Content-Range. */
static guint
get_range (Fixture     *f,
           const char  *path,
           const char  *range,
           GBytes     **body,
           char       **content_range)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", f->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Range", range);
  *body = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  *content_range = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                           "Content-Range"));
  return soup_message_get_status (msg);
}

/* A download cut short resumes from where it stopped. */
static void
test_files_range (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *content = g_malloc (250000);
  g_autofree char *hash = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) put = NULL;
  g_autoptr(GBytes) tail = NULL;
  g_autoptr(GBytes) middle = NULL;
  g_autoptr(GBytes) beyond = NULL;
  g_autoptr(GBytes) bad = NULL;
  g_autofree char *tail_range = NULL;
  g_autofree char *middle_range = NULL;
  g_autofree char *beyond_range = NULL;
  g_autofree char *bad_range = NULL;
  g_autoptr(JsonNode) beyond_json = NULL;

  for (gsize i = 0; i < 250000; i++)
    content[i] = (char) (i * 7 % 251);
  hash = sha256_hex (content, 250000);
  path = g_strconcat ("files/", hash, NULL);
  g_assert_cmpuint (put_chunk (f, f->token, hash, content, 0, 250000, 250000, &put), ==, 201);

  /* From byte 100000 to the end: 206 with the rest and where it sits. */
  g_assert_cmpuint (get_range (f, path, "bytes=100000-", &tail, &tail_range), ==, 206);
  g_assert_cmpstr (tail_range, ==, "bytes 100000-249999/250000");
  g_assert_cmpuint (g_bytes_get_size (tail), ==, 150000);
  g_assert_true (memcmp (g_bytes_get_data (tail, NULL), content + 100000, 150000) == 0);

  /* A closed range, its end past the file clipped to it. */
  g_assert_cmpuint (get_range (f, path, "bytes=10-19", &middle, &middle_range), ==, 206);
  g_assert_cmpstr (middle_range, ==, "bytes 10-19/250000");
  g_assert_cmpuint (g_bytes_get_size (middle), ==, 10);
  g_assert_true (memcmp (g_bytes_get_data (middle, NULL), content + 10, 10) == 0);

  /* Past the end: 416, and the size, so that the client knows it has it all. */
  g_assert_cmpuint (get_range (f, path, "bytes=250000-", &beyond, &beyond_range), ==, 416);
  g_assert_cmpstr (beyond_range, ==, "bytes */250000");
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (beyond, NULL), g_bytes_get_size (beyond));

    beyond_json = json_from_string (text, NULL);
  }
  g_assert_nonnull (beyond_json);
  assert_error (json_node_get_object (beyond_json), "invalid-range");

  g_assert_cmpuint (get_range (f, path, "lines=1-2", &bad, &bad_range), ==, 400);
}

static void
test_crash (Fixture       *f,
            gconstpointer  data)
{
  const char *batch = "{\"seq\":1,\"type\":\"entity\",\"id\":\"survivor\",\"op\":\"create\",\"fields\":{\"name\":\"Still here\"}}";
  g_autoptr(JsonObject) first = push (f, f->token, batch, 200);
  g_autoptr(JsonObject) replay = NULL;
  g_autoptr(JsonArray) changes = NULL;

  g_assert_cmpstr (status_at (first, 0), ==, "applied");
  server_stop (f, SIGKILL);
  server_start (f, NULL);

  changes = pull_all (f, 0, 100, NULL);
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  g_assert_cmpstr (field_of (find_change (changes, "survivor"), "name"), ==, "Still here");
  /* The device's sequence survived with the change: the replay is a duplicate. */
  replay = push (f, f->token, batch, 200);
  g_assert_cmpstr (status_at (replay, 0), ==, "duplicate");
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { server_path (), "--help", NULL };
  const char *bad[] = { server_path (), "--data", "/nonexistent/xarxa", "serve", "--listen", "127.0.0.1:0", NULL };
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "adduser"));
  g_assert_nonnull (strstr (out, "--listen"));

  g_spawn_sync (NULL, (char **) bad, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "init"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/server/" name, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("info", test_info, NULL);
  ADD ("session", test_session, NULL);
  ADD ("push-pull", test_push_pull, NULL);
  ADD ("duplicate", test_duplicate, NULL);
  ADD ("duplicate-pruned", test_duplicate_pruned, NULL);
  ADD ("update-keeps-fields", test_update_keeps_fields, NULL);
  ADD ("upgrade-repairs-numbers", test_upgrade_repairs_numbers, NULL);
  ADD ("sequence-gap", test_sequence_gap, NULL);
  ADD ("field-conflict", test_field_conflict, NULL);
  ADD ("empty-is-empty", test_empty_is_empty, NULL);
  ADD ("delete-edit", test_delete_edit, NULL);
  ADD ("bad-record", test_bad_record, NULL);
  ADD ("long-tags", test_long_tags, NULL);
  ADD ("malformed", test_malformed, NULL);
  ADD ("limits", test_limits, NULL);
  ADD ("reader", test_reader, NULL);
  ADD ("revoke", test_revoke, NULL);
  ADD ("expired-cursor", test_expired_cursor, retention_args);
  ADD ("epoch", test_epoch, NULL);
  ADD ("rate-limit", test_rate_limit, rate_args);
  ADD ("files", test_files, NULL);
  ADD ("files/range", test_files_range, NULL);
  ADD ("crash", test_crash, NULL);
#undef ADD
  g_test_add_func ("/server/cli", test_cli);

  return g_test_run ();
}
