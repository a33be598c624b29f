/* main.c — xarxa-cli, the command line over the Xarxa core.
 *
 * It drives the same store as the application, for scripting and for tests.
 * Exit status: 0 on success, 1 when the work itself failed (a damaged or
 * foreign database, a database that is not there, a file that cannot be
 * read), 2 for bad arguments (an unknown command, type or field, a value
 * that is refused); every error is one line on stderr that starts with
 * "xarxa-cli: ".
 *
 * What scripts parse (the lines of import-csv, the list formats, the JSON
 * of stats) stays in English whatever the language; messages and text for
 * people are translated.  The record commands are in xarxa-cli-records.c,
 * sync and conflicts in xarxa-cli-sync.c.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "xarxa-cli-mission.h"
#include "xarxa-cli-cluster.h"
#include "xarxa-cli-library.h"
#include "xarxa-cli-print.h"
#include "xarxa-cli-map.h"
#include "xarxa-cli-records.h"
#include "xarxa-cli-sync.h"
#include "xarxa-cli-util.h"
#include "xarxa-example.h"
#include "xarxa-i18n.h"
#include "xarxa-import.h"
#include "xarxa-sync-state.h"

static void
print_usage (FILE *out)
{
  g_autofree char *words = xarxa_cli_type_words ();

  fprintf (out, "%s\n\n", _("Usage: xarxa-cli [--db FILE] COMMAND [ARGUMENTS…]\n"
                            "\n"
                            "Commands:\n"
                            "  add TYPE --FIELD VALUE…           Add a record and print its id\n"
                            "  set TYPE ID FIELD=VALUE…          Change fields of a record (empty VALUE clears)\n"
                            "  delete TYPE ID                    Delete a record\n"
                            "  list TYPE [--search TEXT] [--FIELD VALUE…] [--sort name|updated|due]\n"
                            "            [--format json|csv|text]\n"
                            "                                    List records, for example: list entities --search coop\n"
                            "  show TYPE ID [--format json|text] Show a record with the records under it\n"
                            "  import-csv FILE                   Import organisations from a CSV file\n"
                            "  export-csv FILE|- [FILTERS…]      Export organisations as CSV (- for standard output)\n"
                            "  stats [--format text|json]        Count organisations, people, clusters, missions,\n"
                            "                                    documents, changes waiting to be sent and conflicts\n"
                            "  load-example                      Add the invented example network\n"
                            "  sync [--server URL --user NAME] [--device NAME]\n"
                            "                                    Send and receive changes (password on standard input the first time)\n"
                            "  conflicts [--format text|json]    List sync conflicts\n"
                            "  conflicts resolve ID FIELD mine|theirs\n"
                            "                                    Keep this device’s value or the server’s; ID is the\n"
                            "                                    record’s id or the conflict’s number\n"
                            "  help [TYPE]                       Show this help, or the fields of a type\n"
                            "\n"
                            "TYPE and FIELD are written with - for _ (cluster-member, --starts-at); a plural\n"
                            "type works too (list entities).  Lists of values (languages, transitions, tags)\n"
                            "are separated by commas.\n"
                            "\n"
                            "Organisations also take --transition T and --tag TAG, as --transitions and --tags.\n"
                            "\n"
                            "Options:\n"
                            "  --db FILE      The database (default: $XDG_DATA_HOME/xarxa/xarxa.db)\n"
                            "  -h, --help     Show this help\n"
                            "  --version      Show the version"));
  xarxa_cli_cluster_print_usage (out);
  xarxa_cli_map_print_usage (out);
  xarxa_cli_mission_print_usage (out);
  xarxa_cli_library_print_usage (out);
  xarxa_cli_print_usage (out);
  fprintf (out, _("Types: %s."), words);
  fprintf (out, "\n");
}

/* "help TYPE": the fields of a type and what each takes. */
static int
print_type_help (const char *word)
{
  const XarxaRecordType *type = xarxa_cli_lookup_type (word);

  if (type == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("“%s” is not a type of record xarxa-cli knows. Run “xarxa-cli --help” to see the types."),
                           word);

  printf (_("Fields of %s (%s):"), xarxa_record_type_get_singular (type), word);
  printf ("\n");
  for (guint i = 0; i < type->n_fields; i++)
    {
      const XarxaFieldInfo *field = &type->fields[i];
      g_autofree char *fword = g_strdelimit (g_strdup (field->name), "_", '-');
      g_autofree char *takes = NULL;

      if (field->choices != NULL)
        {
          g_autofree char *values = g_strjoinv (", ", (char **) field->choices->values);

          takes = field->kind == XARXA_FIELD_SET
                  ? g_strdup_printf (_("some of: %s"), values)
                  : g_strdup_printf (_("one of: %s"), values);
        }
      else if (field->format == XARXA_FORMAT_DATE)
        takes = g_strdup (_("a date, like 2026-03-21"));
      else if (field->format == XARXA_FORMAT_DATE_TIME)
        takes = g_strdup (_("a local date and time, like 2026-03-21T10:00"));
      else if (field->format == XARXA_FORMAT_TIME_ZONE)
        takes = g_strdup (_("a time zone, like Europe/Madrid"));
      else if (field->format == XARXA_FORMAT_COUNTRY)
        takes = g_strdup (_("a country, like ES or Spain"));
      else if (field->format == XARXA_FORMAT_LANGUAGE)
        takes = g_strdup (field->kind == XARXA_FIELD_SET ? _("language codes, like ca, es") : _("a language code, like ca"));
      else if (field->format == XARXA_FORMAT_CURRENCY)
        takes = g_strdup (_("a currency code, like EUR"));
      else if (field->format == XARXA_FORMAT_EMAIL)
        takes = g_strdup (_("an email address"));
      else if (field->format == XARXA_FORMAT_URL)
        takes = g_strdup (_("a web address, starting with https://"));
      else if (field->format == XARXA_FORMAT_PHONE)
        takes = g_strdup (_("a phone number"));
      else
        switch (field->kind)
          {
          case XARXA_FIELD_INT:
            takes = g_strdup (_("a whole number"));
            break;
          case XARXA_FIELD_REAL:
            takes = g_strdup (_("a number"));
            break;
          case XARXA_FIELD_BOOL:
            takes = g_strdup (_("yes or no"));
            break;
          case XARXA_FIELD_SET:
            takes = g_strdup (_("a list, separated by commas"));
            break;
          case XARXA_FIELD_REF:
            {
              g_autofree char *target = g_strdelimit (g_strdup (field->ref_type), "_", '-');

              takes = g_strdup_printf (_("the id of a record of the type %s"), target);
              break;
            }
          case XARXA_FIELD_TEXT:
          default:
            takes = g_strdup (_("text"));
            break;
          }
      printf ("  --%-22s %s%s: %s\n", fword, xarxa_field_info_get_label (field),
              field->required ? _(" (required)") : "", takes);
    }
  return XARXA_CLI_EXIT_OK;
}

/* ---- commands -------------------------------------------------------------- */

static int
cmd_import_csv (XarxaCli  *cli,
                char     **argv,
                int        argc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(XarxaCsvPreview) preview = NULL;
  XarxaStore *store;
  int status;

  if (argc < 2)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("import-csv needs the CSV file to read."));
  if (argc > 2)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("Unexpected argument “%s”. import-csv reads one file."), argv[2]);
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("The file “%s” does not exist or is not a regular file."), argv[1]);

  /* A file that cannot be imported at all (not text, empty, no header)
   * is refused before a database is made for it. */
  file = g_file_new_for_commandline_arg (argv[1]);
  preview = xarxa_csv_preview (file, 0, NULL, &error);
  if (preview == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_WRITES, &status)) == NULL)
    return status;

  report = xarxa_import_csv (store, file, NULL, NULL, NULL, NULL, &error);
  if (report == NULL)
    /* The file failed as a whole: nothing was imported. */
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);

  printf ("imported %u, rejected %u\n", report->imported, report->rejected);
  fflush (stdout);
  for (guint i = 0; report->rejections != NULL && i < report->rejections->len; i++)
    {
      const XarxaImportRejection *r = g_ptr_array_index (report->rejections, i);
      g_autofree char *reason = g_strdelimit (g_strdup (r->reason), "\r\n", ' ');

      g_printerr ("line %u: %s\n", r->line, reason);
    }
  return XARXA_CLI_EXIT_OK;
}

/* What a person counts, under keys that scripts can rely on. */
static const struct
{
  const char *key;
  const char *type;    /* NULL: outbox or conflicts */
  const char *label;
} stat_lines[] = {
  { "organisations", "entity", N_("Organisations") },
  { "people", "contact", N_("People") },
  { "clusters", "cluster", N_("Clusters") },
  { "missions", "mission", N_("Missions") },
  { "documents", "document", N_("Documents") },
  { "outbox", NULL, N_("Changes waiting to be sent") },
  { "conflicts", NULL, N_("Conflicts") },
};

static int
cmd_stats (XarxaCli  *cli,
           char     **argv,
           int        argc)
{
  XarxaCliFormat format = XARXA_CLI_FORMAT_TEXT;
  g_autoptr(JsonObject) counts = json_object_new ();
  XarxaStore *store;
  int status;
  int unexpected;

  if ((status = xarxa_cli_parse_format_only (argv, argc, 1, &format, &unexpected)) >= 0)
    return status;
  if (unexpected >= 0)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("Unexpected argument “%s”. stats takes only --format text|json."), argv[unexpected]);
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;

  for (guint i = 0; i < G_N_ELEMENTS (stat_lines); i++)
    {
      gint64 n;

      if (stat_lines[i].type != NULL)
        n = xarxa_store_count (store, stat_lines[i].type);
      else if (g_str_equal (stat_lines[i].key, "outbox"))
        n = xarxa_store_count_outbox (store);
      else
        n = xarxa_sync_state_count_conflicts (store);
      if (n < 0)
        return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED,
                               _("The database “%s” could not be read. Check that it is a Xarxa database and not damaged."),
                               cli->db_path);
      json_object_set_int_member (counts, stat_lines[i].key, n);
    }

  if (format == XARXA_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), counts);

      return xarxa_cli_print_json (root);
    }
  for (guint i = 0; i < G_N_ELEMENTS (stat_lines); i++)
    printf ("%s: %" G_GINT64_FORMAT "\n", _(stat_lines[i].label),
            json_object_get_int_member (counts, stat_lines[i].key));
  return XARXA_CLI_EXIT_OK;
}

static int
cmd_load_example (XarxaCli  *cli,
                  char     **argv,
                  int        argc)
{
  g_autoptr(GError) error = NULL;
  XarxaStore *store;
  guint n = 0, skipped = 0;
  int status;

  if (argc > 1)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("Unexpected argument “%s”. load-example takes none."), argv[1]);
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_WRITES, &status)) == NULL)
    return status;
  if (!xarxa_example_load_full (store, &n, &skipped, NULL, &error))
    return xarxa_cli_report_error (error);
  /* Organisations already in the directory (by name) are not added twice. */
  printf ("loaded %u, skipped %u\n", n, skipped);
  return XARXA_CLI_EXIT_OK;
}

static int
cmd_sync (XarxaCli  *cli,
          char     **argv,
          int        argc)
{
  XarxaStore *store;
  int status;

  /* A first sync fills a new database from the server. */
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_WRITES, &status)) == NULL)
    return status;
  return xarxa_cli_sync (store, argc, argv);
}

static int
cmd_conflicts (XarxaCli  *cli,
               char     **argv,
               int        argc)
{
  XarxaStore *store;
  int status;

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  return xarxa_cli_conflicts (store, argc, argv);
}

static const struct
{
  const char *name;
  int (*run) (XarxaCli *cli, char **argv, int argc);
} commands[] = {
  { "add", xarxa_cli_library_add },   /* add document --file stores the file; else the generic add */
  { "set", xarxa_cli_set },
  { "delete", xarxa_cli_delete },
  { "list", xarxa_cli_list },
  { "show", xarxa_cli_cluster_show },   /* a cluster's computed JSON, else the generic show */
  { "import-csv", cmd_import_csv },
  { "export-csv", xarxa_cli_export_csv },
  { "stats", cmd_stats },
  { "load-example", cmd_load_example },
  { "sync", cmd_sync },
  { "conflicts", cmd_conflicts },
  { "export-ics", xarxa_cli_export_ics },
  { "export-pdf", xarxa_cli_export_pdf },
  { "ready", xarxa_cli_ready },
  { "promote", xarxa_cli_promote },
  { "agenda", xarxa_cli_agenda },
  { "cluster-map", xarxa_cli_cluster_map },
  { "export-file", xarxa_cli_export_file },
  { "search", xarxa_cli_search },
  { "export-csl", xarxa_cli_export_csl },
  { "import-csl", xarxa_cli_import_csl },
};

/* ---- main ------------------------------------------------------------------ */

static int
run (int    argc,
     char **argv)
{
  g_autofree char *default_db = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  XarxaCli cli = { NULL, FALSE, NULL };
  int status;

  /* --db may come before or after the command; take it out first, and stop
   * at "--" so that a value may be anything. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        {
          for (i++; i < argc; i++)
            g_ptr_array_add (args, argv[i]);
          break;
        }
      if (g_str_equal (argv[i], "--db"))
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("--db needs the path of a database file."));
          cli.db_path = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          if (argv[i][5] == '\0')
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("--db needs the path of a database file."));
          cli.db_path = argv[i] + 5;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return XARXA_CLI_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          printf ("xarxa-cli %s\n", PACKAGE_VERSION);
          return XARXA_CLI_EXIT_OK;
        }
      else
        g_ptr_array_add (args, argv[i]);
    }

  if (args->len == 0)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("No command given. Run “xarxa-cli --help” to see the commands."));
  if (g_str_equal (args->pdata[0], "help"))
    {
      if (args->len > 1)
        return print_type_help (args->pdata[1]);
      print_usage (stdout);
      return XARXA_CLI_EXIT_OK;
    }

  cli.db_given = cli.db_path != NULL;
  if (cli.db_path == NULL)
    {
      default_db = g_build_filename (g_get_user_data_dir (), "xarxa", "xarxa.db", NULL);
      cli.db_path = default_db;
    }

  status = -1;
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (args->pdata[0], commands[c].name))
      {
        g_ptr_array_add (args, NULL);
        status = commands[c].run (&cli, (char **) args->pdata, (int) args->len - 1);
        break;
      }
  if (status < 0)
    status = xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                             _("Unknown command “%s”. Run “xarxa-cli --help” to see the commands."),
                             (const char *) args->pdata[0]);

  if (fflush (stdout) != 0 && status == XARXA_CLI_EXIT_OK)
    {
      xarxa_cli_print_error (_("The output could not be written."));
      status = XARXA_CLI_EXIT_FAILED;
    }
  g_clear_object (&cli.store);
  return status;
}

int
main (int    argc,
      char **argv)
{
  xarxa_i18n_init ();

  return run (argc, argv);
}
