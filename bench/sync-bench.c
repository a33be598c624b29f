/* sync-bench.c — sync at real scale: first pull, a big push, small syncs.
 *
 * Fills a fresh xarxa-server database with N organisations (default
 * 100,000), each with three contact people, through the server's own store,
 * then starts the real xarxa-server on 127.0.0.1 and measures the client
 * engine against it over HTTP:
 *
 *   initial_sync_100k_s   a fresh device pulling everything
 *   push_10k_edits_s      a second device pushing 10,000 edited records
 *   pull_10k_edits_s      the first device pulling those edits
 *   incremental_sync_ms   a full sync (push + pull) that brings in 10
 *                         records changed elsewhere, median of several runs
 *
 * Prints one line per figure: "name value unit".  Usage:
 * sync-bench [--n N] [--server PATH] (or XARXA_SERVER in the environment).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "xarxa-server-sqlite.h"
#include "xarxa-store-private.h"
#include "xarxa-sync-engine.h"
#include "test-util.h"

#define PASSWORD "bench-password"
#define N_INCREMENTAL 9
#define N_CHANGED 10

static const char *const first_words[] = {
  "Associació", "Fundació", "Cooperativa", "Xarxa", "Federació", "Asociación",
  "Fundación", "Red", "Network", "Observatori", "Centre", "Institut", "Plataforma",
  "Col·lectiu", "Taller", "Ateneu", "Casal", "Coordinadora", "Alliance", "Forum",
};
static const char *const topic_words[] = {
  "Solidària", "Verda", "Digital", "Comunitària", "Feminista", "Climàtica",
  "Democràtica", "Cooperativa", "Social", "Ecològica", "Tecnològica", "Jove",
  "Intercultural", "Rural", "Urbana", "Sostenible", "Oberta", "Educativa",
};
static const char *const places[][2] = {
  { "Barcelona", "ES" }, { "Girona", "ES" }, { "Lleida", "ES" }, { "València", "ES" },
  { "Marseille", "FR" }, { "Lisboa", "PT" }, { "Bologna", "IT" }, { "Berlin", "DE" },
  { "Bogotá", "CO" }, { "Santiago", "CL" }, { "Dakar", "SN" }, { "Rabat", "MA" },
  { "Nairobi", "KE" }, { "Maputo", "MZ" }, { "Quito", "EC" }, { "Kraków", "PL" },
};
static const char *const given[] = {
  "Anna", "Jordi", "Núria", "Pau", "Marta", "Oriol", "Laia", "Joan", "Aïcha",
  "Moussa", "Lucía", "Andrés", "Camila", "Fatou", "Kwame", "Inês", "Giulia",
};
static const char *const family[] = {
  "Puig", "Soler", "Vila", "Ferrer", "Serra", "Martínez", "García", "Diallo",
  "Ndiaye", "Mensah", "Silva", "Rossi", "Kowalska", "Okafor", "Benali", "Mwangi",
};
static const char *const kinds[] = {
  "association", "foundation", "cooperative", "network", "public-body", "other",
};
static const char *const roles[] = {
  "Coordinator", "President", "Treasurer", "Secretary", "Technician", "Volunteer",
};

static guint32 rng_state = 20261125;

static guint32
rnd (guint32 n)
{
  /* xorshift: the same data on every run, so figures compare. */
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state % n;
}

#define PICK(a) (a[rnd (G_N_ELEMENTS (a))])

static const char *server_path;

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("sync-bench: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* Ids look like those devices make, time-ordered version-7 UUIDs, as if
 * the network had been entered in the order of @seq, eight records a
 * millisecond; the random part comes back the same for the same number. */
static char *
make_id (guint32 seq,
         guint32 salt)
{
  guint32 a = (seq ^ salt) * 2654435761u;
  guint32 b = (a ^ (a >> 15)) * 2246822519u;
  guint64 ms = G_GUINT64_CONSTANT (1768469400000) + seq / 8;

  return g_strdup_printf ("%08x-%04x-7%03x-%04x-%08x%04x", (guint32) (ms >> 16), (guint) (ms & 0xffff),
                          seq % 8, 0x8000 | (a & 0x3fff), b ^ salt, seq & 0xffff);
}

/* Each organisation is made just before its three contact people. */
static char *
entity_id (guint i)
{
  return make_id (4 * i, 0x5eed0001);
}

static char *
contact_id (guint i)
{
  return make_id (4 * (i / 3) + 1 + i % 3, 0x5eed0002);
}

static char *
object_text (JsonObject *o)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), o);

  return json_to_string (node, FALSE);
}

static JsonObject *
entity_fields (guint i)
{
  JsonObject *f = json_object_new ();
  guint p = rnd (G_N_ELEMENTS (places));
  g_autofree char *name = g_strdup_printf ("%s %s %s %u", PICK (first_words), PICK (topic_words),
                                           places[p][0], i);
  g_autofree char *email = g_strdup_printf ("info%u@example.org", i);
  g_autofree char *web = g_strdup_printf ("https://org%u.example.org/", i);
  g_autofree char *phone = g_strdup_printf ("+34 93 %03u %02u %02u", rnd (1000), rnd (100), rnd (100));
  g_autofree char *address = g_strdup_printf ("Carrer de la Pau %u", 1 + rnd (200));
  JsonArray *langs = json_array_new ();
  JsonArray *transitions = json_array_new ();
  JsonArray *tags = json_array_new ();

  json_object_set_string_member (f, "name", name);
  json_object_set_string_member (f, "kind", PICK (kinds));
  json_object_set_string_member (f, "description",
                                 "A member organisation of the network working with local communities "
                                 "on shared projects, trainings and campaigns.");
  json_object_set_string_member (f, "country", places[p][1]);
  json_object_set_string_member (f, "city", places[p][0]);
  json_object_set_string_member (f, "address", address);
  json_object_set_string_member (f, "website", web);
  json_object_set_string_member (f, "email", email);
  json_object_set_string_member (f, "phone", phone);
  json_array_add_string_element (langs, "ca");
  json_array_add_string_element (langs, "es");
  json_object_set_array_member (f, "languages", langs);
  json_array_add_string_element (transitions, rnd (2) ? "ecological" : "social");
  json_object_set_array_member (f, "transitions", transitions);
  json_array_add_string_element (tags, "member");
  json_object_set_array_member (f, "tags", tags);
  json_object_set_string_member (f, "created_at", "2026-01-15T09:30:00.000Z");
  json_object_set_string_member (f, "updated_at", "2026-01-15T09:30:00.000Z");
  return f;
}

static JsonObject *
contact_fields (guint       i,
                const char *entity)
{
  JsonObject *f = json_object_new ();
  const char *g = PICK (given), *fam = PICK (family);
  g_autofree char *name = g_strdup_printf ("%s %s", g, fam);
  g_autofree char *email = g_strdup_printf ("person%u@example.org", i);
  JsonArray *langs = json_array_new ();

  json_object_set_string_member (f, "full_name", name);
  json_object_set_string_member (f, "entity_id", entity);
  json_object_set_string_member (f, "role", PICK (roles));
  json_object_set_string_member (f, "email", email);
  json_object_set_string_member (f, "phone", "+34 600 000 000");
  json_array_add_string_element (langs, "ca");
  json_object_set_array_member (f, "languages", langs);
  json_object_set_string_member (f, "created_at", "2026-01-15T09:30:00.000Z");
  json_object_set_string_member (f, "updated_at", "2026-01-15T09:30:00.000Z");
  return f;
}

static void
put (XarxaServerStore *store,
     const char       *type,
     const char       *id,
     JsonObject       *fields,
     gint64            version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = object_text (fields);
  XarxaServerRecord record = { (char *) type, (char *) id, data, version, FALSE };

  if (!xarxa_server_store_put_record (store, &record, &error))
    die ("filling the server", error);
}

/* Writes N organisations and 3N contacts straight into the server's
 * database, as if pushed in that order; returns the dataset version. */
static gint64
fill_server (const char *dir,
             guint       n)
{
  g_autofree char *path = g_build_filename (dir, "xarxa-server.db", NULL);
  g_autoptr(XarxaServerStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version = 0;

  store = xarxa_server_sqlite_open (path, FALSE, &error);
  if (store == NULL || !xarxa_server_store_begin (store, &error))
    die ("opening the server database", error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *eid = entity_id (i);
      g_autoptr(JsonObject) ef = entity_fields (i);

      put (store, "entity", eid, ef, ++version);
      for (guint c = 0; c < 3; c++)
        {
          g_autofree char *cid = contact_id (3 * i + c);
          g_autoptr(JsonObject) cf = contact_fields (3 * i + c, eid);

          put (store, "contact", cid, cf, ++version);
        }
    }
  if (!xarxa_server_store_set_meta_int (store, XARXA_META_VERSION, version, &error) ||
      !xarxa_server_store_commit (store, &error))
    die ("filling the server", error);
  return version;
}

static void
admin (const char *dir,
       const char *stdin_text,
       const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) server_path);
  g_ptr_array_add (argv, (gpointer) "--data");
  g_ptr_array_add (argv, (gpointer) dir);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, stdin_text, NULL, NULL, NULL, &error))
    die ("running xarxa-server", error);
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    die (args[0], NULL);
}

static void
child_setup (gpointer data)
{
  (void) data;
  /* The server goes when the benchmark goes, however it ends. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
start_server (const char  *dir,
              char       **url)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;
  const char *argv[] = { server_path, "--data", dir, "serve", "--listen", "127.0.0.1:0", NULL };

  /* One log line per request: not wanted in the figures. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (proc == NULL)
    die ("starting xarxa-server", error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

      if (line == NULL)
        die ("xarxa-server stopped before listening", error);
      if (g_str_has_prefix (line, "listening on "))
        {
          *url = g_strstrip (g_strdup (line + strlen ("listening on ")));
          break;
        }
    }
  return proc;
}

typedef struct
{
  char            *dir;
  XarxaStore      *store;
  XarxaSyncEngine *engine;
} Device;

static Device *
device_open (const char *dir,
             const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "xarxa.db", NULL);
  Device *d = g_new0 (Device, 1);

  d->dir = g_strdup (dir);
  d->store = xarxa_store_open (path, &error);
  if (d->store == NULL)
    die ("opening a device database", error);
  d->engine = xarxa_sync_engine_new (d->store, url);
  xarxa_sync_engine_set_files_dir (d->engine, dir);
  if (!xarxa_sync_engine_login (d->engine, "anna", PASSWORD, "bench", NULL, &error))
    die ("logging in", error);
  return d;
}

static void
device_free (Device *d)
{
  g_clear_object (&d->engine);
  g_clear_object (&d->store);
  g_free (d->dir);
  g_free (d);
}

static gint64
count_rows (XarxaStore *store,
            const char *sql)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store, sql, NULL);
  gint64 n = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

/* Edits @count organisations from @first on, in one transaction (not
 * measured: only what sync does with them is). */
static void
edit_entities (XarxaStore *store,
               guint       first,
               guint       count,
               guint       round)
{
  g_autoptr(GError) error = NULL;

  if (!xarxa_store_begin (store, &error))
    die ("editing", error);
  for (guint i = first; i < first + count; i++)
    {
      g_autofree char *id = entity_id (i);
      g_autofree char *notes = g_strdup_printf ("Visited in round %u; follow up in spring.", round);
      g_autoptr(JsonObject) changes = json_object_new ();

      json_object_set_string_member (changes, "notes", notes);
      json_object_set_string_member (changes, "phone", round % 2 ? "+34 93 111 22 33" : "+34 93 444 55 66");
      if (!xarxa_store_update_record (store, "entity", id, changes, &error))
        die ("editing", error);
    }
  if (!xarxa_store_commit (store, &error))
    die ("editing", error);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autofree char *server_dir = NULL;
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autofree char *path_b = NULL;
  g_autofree char *url = NULL;
  g_autofree char *server_arg = NULL;
  Device *a, *b;
  XarxaSyncStats stats = { 0 };
  gint64 total, start;
  double seconds;
  double incremental[N_INCREMENTAL];
  guint edits;
  int n = 100000;
  GOptionEntry entries[] = {
    { "n", 0, 0, G_OPTION_ARG_INT, &n, "Organisations on the server (each with 3 contacts)", "N" },
    { "server", 0, 0, G_OPTION_ARG_FILENAME, &server_arg, "The xarxa-server binary", "PATH" },
    { NULL },
  };

  context = g_option_context_new ("— sync benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);
  if (n < 1000)
    n = 1000;
  server_path = server_arg != NULL ? server_arg : g_getenv ("XARXA_SERVER");
  if (server_path == NULL)
    die ("no xarxa-server: give --server PATH or set XARXA_SERVER", NULL);

  server_dir = test_make_dir ("bench-server");
  dir_a = test_make_dir ("bench-a");
  dir_b = test_make_dir ("bench-b");

  admin (server_dir, NULL, (const char *const[]) { "init", NULL });
  admin (server_dir, PASSWORD "\n", (const char *const[]) { "adduser", "anna", "--role", "editor", NULL });
  start = g_get_monotonic_time ();
  total = fill_server (server_dir, (guint) n);
  printf ("server_fill_s %.2f s\n", (g_get_monotonic_time () - start) / 1e6);
  fflush (stdout);
  server = start_server (server_dir, &url);

  /* A fresh device pulls everything. */
  a = device_open (dir_a, url);
  start = g_get_monotonic_time ();
  if (!xarxa_sync_engine_sync (a->engine, &stats, NULL, &error))
    die ("the first sync", error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  if ((gint64) stats.pulled != total ||
      count_rows (a->store, "SELECT count(*) FROM entity") != n ||
      count_rows (a->store, "SELECT count(*) FROM contact") != 3 * (gint64) n)
    {
      g_printerr ("sync-bench: the first sync pulled %u of %" G_GINT64_FORMAT " records\n", stats.pulled, total);
      return 1;
    }
  printf ("initial_sync_%uk_s %.2f s\n", (guint) n / 1000, seconds);
  printf ("initial_sync_records_per_s %.0f records/s\n", total / seconds);
  fflush (stdout);

  /* A second device: a copy of the first under a new device id. */
  path_b = g_build_filename (dir_b, "xarxa.db", NULL);
  {
    sqlite3_stmt *stmt = xarxa_store_prepare (a->store, "VACUUM INTO ?1", &error);

    if (stmt == NULL)
      die ("copying the device", error);
    sqlite3_bind_text (stmt, 1, path_b, -1, SQLITE_TRANSIENT);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      die ("copying the device", NULL);
    sqlite3_reset (stmt);
  }
  {
    g_autoptr(XarxaStore) copy = xarxa_store_open (path_b, &error);

    if (copy == NULL || !xarxa_sync_state_set (copy, "device_id", NULL, &error))
      die ("copying the device", error);
  }
  b = device_open (dir_b, url);

  /* The second device pushes 10,000 edits, the first pulls them. */
  edits = MIN (10000u, (guint) n / 2);
  edit_entities (b->store, 0, edits, 0);
  memset (&stats, 0, sizeof stats);
  start = g_get_monotonic_time ();
  if (!xarxa_sync_engine_push (b->engine, &stats, NULL, &error))
    die ("the push", error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  if (stats.pushed != edits || stats.conflicts != 0)
    {
      g_printerr ("sync-bench: pushed %u of %u edits, %u conflicts\n", stats.pushed, edits, stats.conflicts);
      return 1;
    }
  printf ("push_%uk_edits_s %.2f s\n", edits / 1000, seconds);
  fflush (stdout);

  memset (&stats, 0, sizeof stats);
  start = g_get_monotonic_time ();
  if (!xarxa_sync_engine_sync (a->engine, &stats, NULL, &error))
    die ("pulling the edits", error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  if (stats.pulled != edits)
    {
      g_printerr ("sync-bench: pulled %u of %u edits\n", stats.pulled, edits);
      return 1;
    }
  printf ("pull_%uk_edits_s %.2f s\n", edits / 1000, seconds);
  fflush (stdout);

  /* Up to date; 10 records change elsewhere; one sync brings them in. */
  for (guint r = 0; r < N_INCREMENTAL; r++)
    {
      edit_entities (b->store, edits + r * N_CHANGED, N_CHANGED, r + 1);
      if (!xarxa_sync_engine_push (b->engine, NULL, NULL, &error))
        die ("pushing a few edits", error);
      memset (&stats, 0, sizeof stats);
      start = g_get_monotonic_time ();
      if (!xarxa_sync_engine_sync (a->engine, &stats, NULL, &error))
        die ("the incremental sync", error);
      incremental[r] = (g_get_monotonic_time () - start) / 1e3;
      if (stats.pulled != N_CHANGED)
        {
          g_printerr ("sync-bench: pulled %u of %u changes\n", stats.pulled, N_CHANGED);
          return 1;
        }
    }
  qsort (incremental, N_INCREMENTAL, sizeof (double), compare_doubles);
  printf ("incremental_sync_ms %.1f ms\n", incremental[N_INCREMENTAL / 2]);
  fflush (stdout);

  device_free (a);
  device_free (b);
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  test_remove_tree (server_dir);
  test_remove_tree (dir_a);
  test_remove_tree (dir_b);
  return 0;
}
