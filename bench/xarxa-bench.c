/* xarxa-bench.c — the directory at real scale: import, search, start-up, memory.
 *
 * Generates a network of N organisations (default 100,000, each with three
 * contact people), imports it through the same CSV import a user runs,
 * searches it with 1,000 varied prefix queries, adds the other views'
 * records (clusters, missions with their stops and field notes, documents
 * with 5 KB of text each) and searches everything with 1,000 more, and,
 * when given the app,
 * starts it five times on that database and reads when its first frame was drawn and
 * how much memory it holds with the whole directory listed.  Prints one
 * line per figure: "name value unit".
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xarxa-import.h"
#include "xarxa-search.h"
#include "xarxa-store.h"

static const char *const first_words[] = {
  "Associació", "Fundació", "Cooperativa", "Xarxa", "Federació", "Asociación",
  "Fundación", "Red", "Network", "Observatori", "Centre", "Institut", "Plataforma",
  "Col·lectiu", "Taller", "Ateneu", "Casal", "Coordinadora", "Alliance", "Forum",
};
static const char *const topic_words[] = {
  "Solidària", "Verda", "Digital", "Comunitària", "Feminista", "Climàtica",
  "Democràtica", "Cooperativa", "Social", "Ecològica", "Tecnològica", "Jove",
  "Intercultural", "Rural", "Urbana", "Sostenible", "Oberta", "Educativa",
  "Mediterrània", "Andina", "Sahel", "Atlàntica", "Popular", "Cívica",
  "Energia", "Habitatge", "Alimentació", "Aigua", "Drets", "Memòria",
};
static const char *const places[][2] = {
  { "Barcelona", "ES" }, { "Girona", "ES" }, { "Lleida", "ES" }, { "Tarragona", "ES" },
  { "Vic", "ES" }, { "Reus", "ES" }, { "Manresa", "ES" }, { "Mataró", "ES" },
  { "València", "ES" }, { "Palma", "ES" }, { "Marseille", "FR" }, { "Lyon", "FR" },
  { "Lisboa", "PT" }, { "Porto", "PT" }, { "Bologna", "IT" }, { "Napoli", "IT" },
  { "Berlin", "DE" }, { "Bruxelles", "BE" }, { "Utrecht", "NL" }, { "Malmö", "SE" },
  { "Thessaloniki", "GR" }, { "Kraków", "PL" }, { "Ciudad de México", "MX" },
  { "Bogotá", "CO" }, { "Medellín", "CO" }, { "Santiago", "CL" }, { "Rosario", "AR" },
  { "São Paulo", "BR" }, { "Quito", "EC" }, { "Cusco", "PE" }, { "Dakar", "SN" },
  { "Saint-Louis", "SN" }, { "Rabat", "MA" }, { "Nairobi", "KE" }, { "Cape Town", "ZA" },
  { "Accra", "GH" }, { "Maputo", "MZ" }, { "Tunis", "TN" },
};
static const char *const given[] = {
  "Anna", "Jordi", "Núria", "Pau", "Marta", "Oriol", "Laia", "Joan", "Aïcha",
  "Moussa", "Lucía", "Andrés", "Camila", "Tomás", "Fatou", "Kwame", "Inês",
  "João", "Giulia", "Marco", "Sofie", "Lukas", "Amina", "Youssef", "Wanjiru",
};
static const char *const family[] = {
  "Puig", "Soler", "Vila", "Ferrer", "Serra", "Pujol", "Martínez", "García",
  "Diallo", "Ndiaye", "Mensah", "Silva", "Rossi", "Kowalska", "Okafor",
  "Benali", "Mwangi", "Rodríguez", "Castells", "Ribas",
};
static const char *const kinds[] = {
  "association", "foundation", "cooperative", "network", "public-body",
  "university", "company", "other",
};
static const char *const transitions[] = { "social", "political", "ecological", "technological" };

static guint32 rng_state = 20261125;

static guint32
rnd (guint32 n)
{
  /* xorshift: the same network on every run, so figures compare. */
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state % n;
}

#define PICK(a) (a[rnd (G_N_ELEMENTS (a))])

static void
write_csv (const char *path,
           guint       n)
{
  FILE *f = fopen (path, "w");

  g_assert (f != NULL);
  fputs ("Name;Kind;City;Country;Transitions;Tags;Email;Description;Contact name;Contact email;Contact role\n", f);
  for (guint i = 0; i < n; i++)
    {
      guint p = rnd (G_N_ELEMENTS (places));
      const char *g = PICK (given), *fam = PICK (family);

      fprintf (f, "%s %s %s %u;%s;%s;%s;%s;%s;info%u@xarxa.example;"
                  "\"Treballem per una transició %s a %s; projectes amb %s.\";%s %s;%s.%u@xarxa.example;Coordinació\n",
               PICK (first_words), PICK (topic_words), PICK (topic_words), i,
               PICK (kinds), places[p][0], places[p][1], PICK (transitions),
               PICK (topic_words), i, PICK (topic_words), places[p][0], PICK (topic_words),
               g, fam, g, i);
    }
  fclose (f);
}

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

/* Two more contacts per organisation, so each has three. */
static void
add_contacts (XarxaStore *store)
{
  g_autoptr(XarxaQuery) all = xarxa_query_new ("entity");
  g_autoptr(GArray) rows = xarxa_store_query_rowids (store, all, NULL);
  g_autoptr(GError) error = NULL;

  g_assert (xarxa_store_begin (store, &error));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(JsonObject) entity = xarxa_store_get_record_by_rowid (store, "entity", g_array_index (rows, gint64, i), NULL);

      for (int c = 0; c < 2; c++)
        {
          g_autoptr(JsonObject) contact = json_object_new ();
          g_autofree char *name = g_strdup_printf ("%s %s", PICK (given), PICK (family));
          g_autofree char *id = NULL;

          json_object_set_string_member (contact, "full_name", name);
          json_object_set_string_member (contact, "entity_id", json_object_get_string_member (entity, "id"));
          json_object_set_string_member (contact, "role", c == 0 ? "Presidència" : "Comunicació");
          id = xarxa_store_create_record (store, "contact", contact, &error);
          g_assert_no_error (error);
        }
    }
  g_assert (xarxa_store_commit (store, &error));
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The store's thread copies an import's log back into its database after
 * the commit: waits until that is done (a minute at most), so that the
 * copy below has the machine to itself, as the import had. */
static void
wait_for_log_copied (sqlite3 *db)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean done;

      g_assert (sqlite3_prepare_v2 (db, "PRAGMA imported.wal_checkpoint(PASSIVE)", -1, &stmt, NULL) == SQLITE_OK);
      g_assert (sqlite3_step (stmt) == SQLITE_ROW);
      /* busy, pages in the log, pages of it copied */
      done = sqlite3_column_int (stmt, 0) == 0 &&
             sqlite3_column_int (stmt, 1) == sqlite3_column_int (stmt, 2);
      sqlite3_finalize (stmt);
      if (done)
        return;
      g_usleep (50000);
    }
  g_printerr ("the import's log was not copied back within a minute; copying anyway\n");
}

/* How long SQLite alone takes to write rows the import wrote: they are
 * copied from the imported database into a new one with the same schema,
 * one INSERT … SELECT per table in one transaction, with nothing to parse,
 * check or make.  The import's figure is best read against it: both move
 * together with the machine.  The WHERE clauses keep SQLite from copying
 * the tables' pages whole (its "transfer optimization"), which no import
 * of new rows can do.  With @everything, the outbox and the search index
 * are copied too; without, only the organisations and people. */
static double
copy_rows_ms (const char *dir,
              const char *imported,
              gboolean    everything)
{
  g_autofree char *path = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(XarxaStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *attach = NULL;
  double t0, dt;

  fresh = xarxa_store_open (path, &error);   /* the schema, as the app makes it */
  g_assert_no_error (error);
  g_clear_object (&fresh);
  g_assert (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK);
  /* As the store writes, but with the log copied back by nobody during
   * the measure (the store leaves that to a thread of its own). */
  exec_or_die (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                   "PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 0");
  g_assert (sqlite3_prepare_v2 (db, "ATTACH DATABASE ?1 AS imported", -1, &attach, NULL) == SQLITE_OK);
  sqlite3_bind_text (attach, 1, imported, -1, SQLITE_STATIC);
  g_assert (sqlite3_step (attach) == SQLITE_DONE);
  sqlite3_finalize (attach);
  wait_for_log_copied (db);

  t0 = now_ms ();
  exec_or_die (db, "BEGIN");
  exec_or_die (db, "INSERT INTO entity SELECT * FROM imported.entity WHERE rowid > 0");
  exec_or_die (db, "INSERT INTO contact SELECT * FROM imported.contact WHERE rowid > 0");
  if (everything)
    {
      exec_or_die (db, "INSERT INTO outbox SELECT * FROM imported.outbox WHERE seq > 0");
      exec_or_die (db, "INSERT INTO entity_fts (rowid, name, short_name, description, city, tags, notes, contacts) "
                       "SELECT id, c0, c1, c2, c3, c4, c5, c6 FROM imported.entity_fts_content");
    }
  exec_or_die (db, "COMMIT");
  dt = now_ms () - t0;

  sqlite3_close (db);
  g_remove (wal);
  g_remove (shm);
  g_remove (path);
  return dt;
}

static void
bench_search (XarxaStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint total_hits = 0;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *query = NULL;
      const char *word;
      g_autoptr(GArray) rows = NULL;
      g_autoptr(XarxaQuery) q = xarxa_query_new ("entity");
      double t0, dt;
      guint len;

      /* Prefixes of 3 to 7 letters of the words people type, sometimes two
       * words, sometimes a person's name or a city. */
      switch (i % 4)
        {
        case 0: word = PICK (topic_words); break;
        case 1: word = PICK (first_words); break;
        case 2: word = PICK (family); break;
        default: word = places[rnd (G_N_ELEMENTS (places))][0]; break;
        }
      len = 3 + rnd (5);
      query = g_utf8_substring (word, 0, MIN (len, (guint) g_utf8_strlen (word, -1)));
      if (i % 5 == 0)
        {
          g_autofree char *second = g_utf8_substring (PICK (topic_words), 0, 4);
          g_autofree char *both = g_strdup_printf ("%s %s", query, second);
          g_free (query);
          query = g_steal_pointer (&both);
        }
      xarxa_query_set_search (q, query);
      t0 = now_ms ();
      rows = xarxa_store_query_rowids (store, q, NULL);
      dt = now_ms () - t0;
      g_array_append_val (times, dt);
      total_hits += rows->len;
    }
  g_array_sort (times, compare_doubles);
  printf ("search_p50_ms %.2f ms\n", g_array_index (times, double, 499));
  printf ("search_p95_ms %.2f ms\n", g_array_index (times, double, 949));
  printf ("search_mean_hits %.0f rows\n", total_hits / 1000.0);
}

/* Text reads like text to the index: a vocabulary of 20,000 made-up
 * words used with Zipf's law (a few words everywhere, most of them rare),
 * with the network's names and places among them. */
#define N_VOCABULARY 20000

static const char *const syllables[] = {
  "ba", "ca", "da", "fe", "ga", "li", "ma", "no", "pa", "qui", "ra", "se", "ta", "vi",
  "xo", "zu", "bre", "cla", "dri", "fro", "gla", "pro", "tra", "ver", "sol", "mar",
  "nel", "ros", "tur", "col",
};

static GPtrArray *vocabulary;
static double     zipf_cumulative[N_VOCABULARY];

static void
make_vocabulary (void)
{
  vocabulary = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < N_VOCABULARY; i++)
    {
      guint n = 2 + i % 3;
      GString *word = g_string_new (NULL);

      /* Now and then one of the network's own words. */
      if (i % 50 == 7)
        g_string_append (word, i % 100 == 7 ? PICK (topic_words) : PICK (family));
      else
        for (guint k = 0, x = i * 7919 + 13; k < n; k++, x /= G_N_ELEMENTS (syllables))
          g_string_append (word, syllables[x % G_N_ELEMENTS (syllables)]);
      g_ptr_array_add (vocabulary, g_string_free (word, FALSE));
      zipf_cumulative[i] = (i > 0 ? zipf_cumulative[i - 1] : 0) + 1.0 / (i + 1);
    }
}

static const char *
zipf_word (void)
{
  guint lo = 0, hi = N_VOCABULARY - 1;
  double target;

  if (vocabulary == NULL)
    make_vocabulary ();
  target = (rnd (1000000) / 1000000.0) * zipf_cumulative[N_VOCABULARY - 1];
  /* The first word whose cumulative weight reaches the target. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (zipf_cumulative[mid] >= target)
        hi = mid;
      else
        lo = mid + 1;
    }
  return vocabulary->pdata[lo];
}

static char *
sentence (guint n_words)
{
  GString *text = g_string_new (NULL);

  for (guint w = 0; w < n_words; w++)
    {
      g_string_append_printf (text, "%s%s", w > 0 ? " " : "", zipf_word ());
      if (w % 12 == 11)
        g_string_append_c (text, '.');
    }
  return g_string_free (text, FALSE);
}

static char *
create (XarxaStore *store,
        const char *type,
        const char *field,
        const char *value,
        const char *field2,
        const char *value2,
        const char *field3,
        const char *value3)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, field, value);
  if (field2 != NULL)
    json_object_set_string_member (values, field2, value2);
  if (field3 != NULL)
    json_object_set_string_member (values, field3, value3);
  id = xarxa_store_create_record (store, type, values, &error);
  g_assert_no_error (error);
  return id;
}

/* The other views' records, in the proportions of a large network: 500
 * clusters, 300 missions with 10 stops and 10 field notes each, and
 * 20,000 documents with about 5 KB of text each. */
static void
add_other_views (XarxaStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert (xarxa_store_begin (store, &error));
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *name = g_strdup_printf ("Clúster %s %s %u", PICK (topic_words), PICK (topic_words), i);
      g_autofree char *objective = sentence (20);

      g_free (create (store, "cluster", "name", name, "objective", objective, NULL, NULL));
    }
  for (guint i = 0; i < 300; i++)
    {
      guint p = rnd (G_N_ELEMENTS (places));
      g_autofree char *title = g_strdup_printf ("Missió a %s %u", places[p][0], i);
      g_autofree char *purpose = sentence (30);
      g_autofree char *mission = create (store, "mission", "title", title, "purpose", purpose, "city", places[p][0]);

      for (guint s = 0; s < 10; s++)
        {
          g_autofree char *stop_title = g_strdup_printf ("Visita a %s %s", PICK (first_words), PICK (topic_words));
          g_autofree char *note = sentence (40);

          g_free (create (store, "itinerary_stop", "mission_id", mission, "title", stop_title, NULL, NULL));
          g_free (create (store, "field_note", "mission_id", mission, "text", note, NULL, NULL));
        }
    }
  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Informe %s %s %u", PICK (topic_words), PICK (topic_words), i);
      g_autofree char *text = sentence (650);   /* about 5 KB */

      g_free (create (store, "document", "title", title, "full_text", text, "authors", PICK (family)));
    }
  g_assert (xarxa_store_commit (store, &error));
}

/* One search across every view, as the global search runs it (eight hits
 * of each kind, marked), over 1,000 varied queries. */
static void
bench_global_search (XarxaStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint total_hits = 0;

  for (guint i = 0; i < 1000; i++)
    {
      /* What people look for: a name, a place, a word of the texts. */
      const char *word = i % 3 == 0 ? PICK (topic_words) : i % 3 == 1 ? PICK (family)
                                                                      : zipf_word ();
      guint len = 3 + rnd (5);
      g_autofree char *query = g_utf8_substring (word, 0, MIN (len, (guint) g_utf8_strlen (word, -1)));
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(GError) error = NULL;
      double t0, dt;

      if (i % 5 == 0)
        {
          g_autofree char *second = g_utf8_substring (PICK (topic_words), 0, 4);
          g_autofree char *both = g_strdup_printf ("%s %s", query, second);

          g_free (query);
          query = g_steal_pointer (&both);
        }
      t0 = now_ms ();
      hits = xarxa_search (store, query, NULL, 8, "<b>", "</b>", &error);
      dt = now_ms () - t0;
      g_assert_no_error (error);
      g_array_append_val (times, dt);
      total_hits += hits->len;
    }
  g_array_sort (times, compare_doubles);
  printf ("global_search_p50_ms %.2f ms\n", g_array_index (times, double, 499));
  printf ("global_search_p95_ms %.2f ms\n", g_array_index (times, double, 949));
  printf ("global_search_mean_hits %.0f hits\n", total_hits / 1000.0);
}

/* Starts the app on the database; it prints "first-frame" when it has drawn
 * its first frame and "rss-kb N" once the whole directory is listed.
 * Returns FALSE if it could not be started. */
static gboolean
run_app (const char *app,
         const char *db,
         double     *first_frame_ms,
         double     *rss_mb,
         char      **listed)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  double t0 = now_ms ();
  char *line;

  *first_frame_ms = *rss_mb = -1;
  g_subprocess_launcher_setenv (launcher, "XARXA_BENCH", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, app, "--db", db, NULL);
  if (proc == NULL)
    {
      g_printerr ("could not start %s: %s\n", app, error->message);
      return FALSE;
    }
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  while ((line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL)) != NULL)
    {
      if (strcmp (line, "first-frame") == 0)
        *first_frame_ms = now_ms () - t0;
      else if (g_str_has_prefix (line, "rss-kb "))
        *rss_mb = g_ascii_strtod (line + 7, NULL) / 1024.0;
      else if (g_str_has_prefix (line, "listed "))
        {
          g_free (*listed);
          *listed = g_strdup (line + 7);
        }
      g_free (line);
    }
  g_subprocess_wait (proc, NULL, NULL);
  return TRUE;
}

/* Five starts: on a shared machine one start can be delayed by anything,
 * so the median is the figure, and the fastest and slowest are shown. */
#define APP_RUNS 5

static void
bench_app (const char *app,
           const char *db)
{
  double frames[APP_RUNS], rss[APP_RUNS];
  g_autofree char *listed = NULL;
  guint n = 0;

  for (guint i = 0; i < APP_RUNS; i++)
    {
      if (!run_app (app, db, &frames[n], &rss[n], &listed))
        return;
      if (frames[n] >= 0 && rss[n] >= 0)
        n++;
    }
  if (n == 0)
    {
      g_printerr ("the app never reported its first frame and memory\n");
      return;
    }
  qsort (frames, n, sizeof (double), compare_doubles);
  qsort (rss, n, sizeof (double), compare_doubles);
  printf ("startup_first_frame_ms %.0f ms\n", frames[n / 2]);
  printf ("startup_first_frame_fastest_ms %.0f ms\n", frames[0]);
  printf ("startup_first_frame_slowest_ms %.0f ms\n", frames[n - 1]);
  printf ("rss_mb %.1f MB\n", rss[n / 2]);
  if (listed != NULL)
    printf ("listed_rows %s rows\n", listed);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *db = NULL;
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 100000;
  const char *app = NULL;
  gboolean keep = FALSE;
  double t0, dt;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--n") == 0 && i + 1 < argc)
        n = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (strcmp (argv[i], "--app") == 0 && i + 1 < argc)
        app = argv[++i];
      else if (strcmp (argv[i], "--keep") == 0)
        keep = TRUE;
      else
        {
          g_printerr ("usage: xarxa-bench [--n ORGANISATIONS] [--app PATH-TO-XARXA] [--keep]\n");
          return 2;
        }
    }

  dir = g_dir_make_tmp ("xarxa-bench-XXXXXX", &error);
  g_assert_no_error (error);
  csv = g_build_filename (dir, "network.csv", NULL);
  db = g_build_filename (dir, "xarxa.db", NULL);
  write_csv (csv, n);

  store = xarxa_store_open (db, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (csv);
  t0 = now_ms ();
  report = xarxa_import_csv (store, file, NULL, NULL, NULL, NULL, &error);
  dt = now_ms () - t0;
  g_assert_no_error (error);
  if (report->imported != n)
    g_printerr ("imported %u of %u rows\n", report->imported, n);
  printf ("organisations %u rows\n", n);
  printf ("import_csv_rows_per_s %.0f rows/s\n", report->imported / (dt / 1000.0));
  {
    double all_ms = copy_rows_ms (dir, db, TRUE);
    double records_ms = copy_rows_ms (dir, db, FALSE);

    printf ("sqlite_copy_rows_per_s %.0f rows/s\n", report->imported / (all_ms / 1000.0));
    printf ("sqlite_copy_records_only_rows_per_s %.0f rows/s\n", report->imported / (records_ms / 1000.0));
    printf ("import_time_vs_sqlite_copy %.2f x\n", dt / all_ms);
  }

  t0 = now_ms ();
  add_contacts (store);
  printf ("add_contacts_per_s %.0f rows/s\n", 2.0 * n / ((now_ms () - t0) / 1000.0));
  printf ("contacts %" G_GINT64_FORMAT " rows\n", xarxa_store_count (store, "contact"));

  bench_search (store);

  t0 = now_ms ();
  add_other_views (store);
  printf ("add_other_views_ms %.0f ms\n", now_ms () - t0);
  bench_global_search (store);
  g_clear_object (&store);

  if (app != NULL)
    bench_app (app, db);

  if (keep)
    g_printerr ("kept %s\n", db);
  else
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
    g_remove (db);
    g_remove (csv);
    g_rmdir (dir);
  }
  return 0;
}
