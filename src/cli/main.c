/* main.c — xarxa-cli, the command line over the Xarxa core.
 *
 * It drives the same store as the application, for scripting and for tests.
 * Exit status: 0 on success, 1 when the work itself failed (a damaged or
 * foreign database, a file that cannot be read), 2 for bad arguments; every
 * error is one line on stderr that starts with "xarxa-cli: ".
 *
 * What scripts parse (the lines of import-csv and stats, the list formats)
 * stays in English whatever the language; messages for people are
 * translated.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "xarxa-i18n.h"
#include "xarxa-countries.h"
#include "xarxa-cli-sync.h"
#include "xarxa-example.h"
#include "xarxa-import.h"
#include "xarxa-store.h"
#include "xarxa-validate.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef enum
{
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_CSV,
} OutputFormat;

typedef struct
{
  const char  *db_path;
  XarxaStore  *store;
} Cli;

/* ---- messages ------------------------------------------------------------ */

/* Prints "xarxa-cli: message" as exactly one line on stderr. */
static void
print_error_line (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strstrip (g_strdelimit (line, "\r\n", ' '));
  g_printerr ("xarxa-cli: %s\n", line);
}

static int usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  print_error_line (message);
  return EXIT_USAGE;
}

/* A store error: invalid values are the caller's fault (status 2), the rest
 * is a failure of the work (status 1). */
static int
report_error (const GError *error)
{
  print_error_line (error->message);
  if (g_error_matches (error, XARXA_ERROR, XARXA_ERROR_INVALID) ||
      g_error_matches (error, XARXA_ERROR, XARXA_ERROR_DUPLICATE))
    return EXIT_USAGE;
  return EXIT_FAILED;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n",
           _("Usage: xarxa-cli [--db FILE] COMMAND [ARGUMENTS…]\n"
             "\n"
             "Commands:\n"
             "  import-csv FILE                   Import organisations from a CSV file\n"
             "  export-csv FILE|- [FILTERS…]      Export organisations as CSV (- for standard output)\n"
             "  list entities [FILTERS…] [--format json|csv|text]\n"
             "                                    List organisations\n"
             "  add entity --name NAME [--FIELD VALUE…]\n"
             "                                    Add an organisation and print its id\n"
             "  set entity ID FIELD=VALUE…        Change fields of an organisation (empty VALUE clears)\n"
             "  delete entity ID                  Delete an organisation\n"
             "  stats                             Count records of each type and pending changes\n"
             "  load-example                      Add the invented example network\n"
             "  sync [--server URL --user NAME] [--device NAME]\n"
             "                                    Send and receive changes (password on standard input the first time)\n"
             "  conflicts [--format text|json]    List sync conflicts\n"
             "  conflicts resolve ID FIELD mine|theirs\n"
             "                                    Keep this device's value or the server's\n"
             "  help                              Show this help\n"
             "\n"
             "Filters: --search TEXT, --country CC, --kind KIND, --transition T, --tag TAG,\n"
             "         --membership yes|partner|no, --sort name|updated\n"
             "\n"
             "Fields: name, short-name, kind, description, country, region, city, address,\n"
             "        website, email, phone, languages, transitions, tags, membership, notes.\n"
             "        Lists (languages, transitions, tags) are separated by commas.\n"
             "\n"
             "Options:\n"
             "  --db FILE      The database (default: $XDG_DATA_HOME/xarxa/xarxa.db)\n"
             "  -h, --help     Show this help\n"
             "  --version      Show the version"));
}

/* ---- the store ----------------------------------------------------------- */

static XarxaStore *
cli_get_store (Cli     *cli,
               GError **error)
{
  if (cli->store == NULL)
    cli->store = xarxa_store_open (cli->db_path, error);
  return cli->store;
}

/* ---- field values -------------------------------------------------------- */

/* "short-name" → "short_name", if that is a field of the type. */
static const XarxaFieldInfo *
lookup_field (const XarxaRecordType *type,
              const char            *option_name)
{
  g_autofree char *name = g_strdelimit (g_strdup (option_name), "-", '_');

  return xarxa_record_type_field (type, name);
}

/* Turns the text given for a field into the JSON value the store takes:
 * sets from comma-separated items, a country name into its code; empty text
 * is null.  Then validates it, so bad values are refused before the database
 * is even opened. */
static JsonNode *
field_value_from_text (const XarxaRecordType *type,
                       const XarxaFieldInfo  *field,
                       const char            *text,
                       GError               **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL || *text == '\0')
    return json_node_new (JSON_NODE_NULL);

  switch (field->kind)
    {
    case XARXA_FIELD_SET:
      {
        g_auto(GStrv) items = g_strsplit (text, ",", -1);
        JsonArray *array = json_array_new ();

        for (guint i = 0; items[i] != NULL; i++)
          {
            g_strstrip (items[i]);
            if (*items[i] != '\0')
              json_array_add_string_element (array, items[i]);
          }
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        break;
      }
    case XARXA_FIELD_INT:
    case XARXA_FIELD_REAL:
    case XARXA_FIELD_BOOL:
      /* Entities have none of these; other types are not on the command line yet. */
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("The field “%s” cannot be set from the command line."), field->name);
      return NULL;
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_REF:
    default:
      if (g_str_equal (field->name, "country") && !xarxa_country_is_valid (text))
        {
          g_autofree char *code = xarxa_country_parse (text);

          if (code != NULL)
            {
              node = json_node_init_string (json_node_alloc (), code);
              break;
            }
        }
      node = json_node_init_string (json_node_alloc (), text);
      break;
    }

  if (!xarxa_validate_field (type, field->name, node, error))
    return NULL;
  return g_steal_pointer (&node);
}

/* ---- filters and formats --------------------------------------------------- */

typedef struct
{
  XarxaQuery      *query;
  OutputFormat     format;
  gboolean         format_given;
} ListOptions;

static void
list_options_clear (ListOptions *opts)
{
  g_clear_pointer (&opts->query, xarxa_query_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListOptions, list_options_clear)

/* Reads "--opt VALUE" or "--opt=VALUE" at argv[*i].  Returns the value, or
 * NULL after printing what is wrong. */
static const char *
option_value (char **argv,
              int    argc,
              int   *i,
              const char *name)
{
  const char *arg = argv[*i];
  gsize len = strlen (name);

  if (arg[len] == '=')
    return arg + len + 1;
  if (*i + 1 >= argc)
    {
      usage_error (_("%s needs a value."), name);
      return NULL;
    }
  *i += 1;
  return argv[*i];
}

static gboolean
option_is (const char *arg,
           const char *name)
{
  gsize len = strlen (name);

  return strncmp (arg, name, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

/* Parses the filters of list and export-csv.  Returns -1 when all went well,
 * else the exit status. */
static int
parse_list_options (char        **argv,
                    int           argc,
                    int           start,
                    gboolean      allow_format,
                    ListOptions  *opts)
{
  static const char *const filters[] = {
    "--search", "--country", "--kind", "--transition", "--tag", "--membership",
  };

  list_options_clear (opts);
  memset (opts, 0, sizeof *opts);
  opts->query = xarxa_query_new ("entity");
  opts->format = FORMAT_TEXT;

  for (int i = start; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;
      const char *matched = NULL;

      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        if (option_is (arg, filters[f]))
          matched = filters[f];

      if (matched != NULL)
        {
          if ((value = option_value (argv, argc, &i, matched)) == NULL)
            return EXIT_USAGE;
          if (g_str_equal (matched, "--search"))
            xarxa_query_set_search (opts->query, value);
          else if (g_str_equal (matched, "--country"))
            {
              if (!xarxa_country_is_valid (value))
                return usage_error (_("“%s” is not a known country. Use a two-letter ISO code such as ES, FR or SN."),
                                    value);
              xarxa_query_set_filter (opts->query, "country", value);
            }
          else if (g_str_equal (matched, "--kind"))
            {
              if (!xarxa_strv_contains_value (xarxa_entity_kinds, value))
                {
                  g_autofree char *allowed = g_strjoinv (", ", (GStrv) xarxa_entity_kinds);
                  return usage_error (_("“%s” is not a kind of organisation. Use one of: %s."), value, allowed);
                }
              xarxa_query_set_filter (opts->query, "kind", value);
            }
          else if (g_str_equal (matched, "--transition"))
            {
              if (!xarxa_strv_contains_value (xarxa_transitions, value))
                {
                  g_autofree char *allowed = g_strjoinv (", ", (GStrv) xarxa_transitions);
                  return usage_error (_("“%s” is not a transition. Use one of: %s."), value, allowed);
                }
              xarxa_query_set_filter (opts->query, "transitions", value);
            }
          else if (g_str_equal (matched, "--tag"))
            xarxa_query_set_filter (opts->query, "tags", value);
          else if (g_str_equal (matched, "--membership"))
            {
              if (!xarxa_strv_contains_value (xarxa_membership_values, value))
                {
                  g_autofree char *allowed = g_strjoinv (", ", (GStrv) xarxa_membership_values);
                  return usage_error (_("“%s” is not a membership value. Use one of: %s."), value, allowed);
                }
              xarxa_query_set_filter (opts->query, "membership", value);
            }
        }
      else if (option_is (arg, "--sort"))
        {
          if ((value = option_value (argv, argc, &i, "--sort")) == NULL)
            return EXIT_USAGE;
          if (g_str_equal (value, "name"))
            xarxa_query_set_sort (opts->query, XARXA_SORT_NAME);
          else if (g_str_equal (value, "updated"))
            xarxa_query_set_sort (opts->query, XARXA_SORT_UPDATED);
          else
            return usage_error (_("“%s” is not a sort order. Use name or updated."), value);
        }
      else if (allow_format && option_is (arg, "--format"))
        {
          if ((value = option_value (argv, argc, &i, "--format")) == NULL)
            return EXIT_USAGE;
          if (g_str_equal (value, "json"))
            opts->format = FORMAT_JSON;
          else if (g_str_equal (value, "csv"))
            opts->format = FORMAT_CSV;
          else if (g_str_equal (value, "text"))
            opts->format = FORMAT_TEXT;
          else
            return usage_error (_("“%s” is not an output format. Use json, csv or text."), value);
          opts->format_given = TRUE;
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        return usage_error (_("Unknown option “%s”. Run “xarxa-cli --help” to see the options."), arg);
      else
        return usage_error (_("Unexpected argument “%s”. Run “xarxa-cli --help” to see how to use the command."),
                            arg);
    }
  return -1;
}

static GOutputStream *
stdout_stream (void)
{
  fflush (stdout);
  return g_unix_output_stream_new (STDOUT_FILENO, FALSE);
}

/* Writes all of text to standard output; FALSE when it could not. */
static gboolean
write_stdout (const char *text,
              gsize       len)
{
  return fwrite (text, 1, len, stdout) == len;
}

/* ---- commands -------------------------------------------------------------- */

static gboolean
is_entity_word (const char *word)
{
  return word != NULL && (g_str_equal (word, "entity") || g_str_equal (word, "entities"));
}

static int
expect_entity_word (const char *command,
                    char      **argv,
                    int         argc)
{
  if (argc < 2)
    return usage_error (_("“%s” needs to know what to work on: write “%s entity”."), command, command);
  if (!is_entity_word (argv[1]))
    return usage_error (_("“%s” is not a kind of record xarxa-cli knows. Write “%s entity”."), argv[1], command);
  return -1;
}

static int
cmd_import_csv (Cli   *cli,
                char **argv,
                int    argc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  XarxaStore *store;

  if (argc < 2)
    return usage_error (_("import-csv needs the CSV file to read."));
  if (argc > 2)
    return usage_error (_("Unexpected argument “%s”. import-csv reads one file."), argv[2]);
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    return usage_error (_("The file “%s” does not exist or is not a regular file."), argv[1]);

  if ((store = cli_get_store (cli, &error)) == NULL)
    return report_error (error);

  file = g_file_new_for_commandline_arg (argv[1]);
  report = xarxa_import_csv (store, file, NULL, NULL, NULL, NULL, &error);
  if (report == NULL)
    {
      /* The file failed as a whole: nothing was imported. */
      print_error_line (error->message);
      return EXIT_FAILED;
    }

  printf ("imported %u, rejected %u\n", report->imported, report->rejected);
  fflush (stdout);
  for (guint i = 0; report->rejections != NULL && i < report->rejections->len; i++)
    {
      const XarxaImportRejection *r = g_ptr_array_index (report->rejections, i);
      g_autofree char *reason = g_strdelimit (g_strdup (r->reason), "\r\n", ' ');

      g_printerr ("line %u: %s\n", r->line, reason);
    }
  return EXIT_OK;
}

static int
export_to (XarxaStore             *store,
           const char             *path,
           const XarxaQuery       *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = NULL;

  if (g_str_equal (path, "-"))
    out = stdout_stream ();
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
      if (out == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The file “%s” cannot be written: %s"),
                                                      path, error->message);
          print_error_line (message);
          return EXIT_FAILED;
        }
    }

  if (!xarxa_export_csv (store, query, out, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error))
    return report_error (error);
  return EXIT_OK;
}

static int
cmd_export_csv (Cli   *cli,
                char **argv,
                int    argc)
{
  g_autoptr(GError) error = NULL;
  g_auto(ListOptions) opts = { 0 };
  XarxaStore *store;
  int status;

  if (argc < 2)
    return usage_error (_("export-csv needs a file to write, or - for standard output."));
  if ((status = parse_list_options (argv, argc, 2, FALSE, &opts)) >= 0)
    return status;
  if ((store = cli_get_store (cli, &error)) == NULL)
    return report_error (error);
  return export_to (store, argv[1], opts.query);
}

/* The record as the JSON list shows it: id, then every field in the
 * schema's order (sets as arrays, empty ones too), then the times. */
static JsonNode *
entity_to_json (JsonObject *record)
{
  const XarxaRecordType *type = xarxa_schema_lookup ("entity");
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "id", json_object_get_string_member (record, "id"));
  for (guint i = 0; i < type->n_fields; i++)
    {
      const XarxaFieldInfo *field = &type->fields[i];
      JsonNode *value = json_object_get_member (record, field->name);

      if (field->kind == XARXA_FIELD_SET && (value == NULL || JSON_NODE_HOLDS_NULL (value)))
        json_object_set_array_member (obj, field->name, json_array_new ());
      else if (value == NULL)
        json_object_set_null_member (obj, field->name);
      else
        json_object_set_member (obj, field->name, json_node_copy (value));
    }
  json_object_set_string_member (obj, "created_at",
                                 json_object_get_string_member_with_default (record, "created_at", NULL));
  json_object_set_string_member (obj, "updated_at",
                                 json_object_get_string_member_with_default (record, "updated_at", NULL));
  return json_node_init_object (json_node_alloc (), obj);
}

static int
cmd_list (Cli   *cli,
          char **argv,
          int    argc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(JsonArray) array = NULL;
  g_auto(ListOptions) opts = { 0 };
  XarxaStore *store;
  int status;

  if ((status = expect_entity_word ("list", argv, argc)) >= 0)
    return status;
  if ((status = parse_list_options (argv, argc, 2, TRUE, &opts)) >= 0)
    return status;
  if ((store = cli_get_store (cli, &error)) == NULL)
    return report_error (error);

  if (opts.format == FORMAT_CSV)
    return export_to (store, "-", opts.query);

  rows = xarxa_store_query_rowids (store, opts.query, &error);
  if (rows == NULL)
    return report_error (error);

  if (opts.format == FORMAT_JSON)
    array = json_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(JsonObject) record = NULL;

      record = xarxa_store_get_record_by_rowid (store, "entity", g_array_index (rows, gint64, i), &error);
      if (record == NULL)
        return report_error (error);

      if (opts.format == FORMAT_JSON)
        json_array_add_element (array, entity_to_json (record));
      else
        {
          const char *city = json_object_get_string_member_with_default (record, "city", NULL);
          const char *country = json_object_get_string_member_with_default (record, "country", NULL);
          g_autofree char *line = NULL;

          line = g_strdup_printf ("%s\t%s\t%s%s%s\n",
                                  json_object_get_string_member (record, "id"),
                                  json_object_get_string_member (record, "name"),
                                  city != NULL ? city : "",
                                  city != NULL && country != NULL ? ", " : "",
                                  country != NULL ? country : "");
          if (!write_stdout (line, strlen (line)))
            return EXIT_FAILED;
        }
    }

  if (opts.format == FORMAT_JSON)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = json_node_init_array (json_node_alloc (), array);
      gsize len = 0;
      g_autofree char *text = NULL;

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      text = json_generator_to_data (generator, &len);
      if (!write_stdout (text, len) || !write_stdout ("\n", 1))
        return EXIT_FAILED;
    }
  return EXIT_OK;
}

/* Adds field=value to values, or prints what is wrong and returns its status. */
static int
set_field_from_text (JsonObject  *values,
                     const char  *field_name,
                     const char  *text)
{
  const XarxaRecordType *type = xarxa_schema_lookup ("entity");
  const XarxaFieldInfo *field = lookup_field (type, field_name);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (field == NULL)
    return usage_error (_("“%s” is not a field of an organisation. Run “xarxa-cli --help” to see the fields."),
                        field_name);
  node = field_value_from_text (type, field, text, &error);
  if (node == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", field->name, error->message);
      print_error_line (message);
      return EXIT_USAGE;
    }
  json_object_set_member (values, field->name, node);
  return -1;
}

static int
cmd_add (Cli   *cli,
         char **argv,
         int    argc)
{
  const XarxaRecordType *type = xarxa_schema_lookup ("entity");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *id = NULL;
  XarxaStore *store;
  int status;

  if ((status = expect_entity_word ("add", argv, argc)) >= 0)
    return status;

  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *eq;
      const char *value;

      if (!g_str_has_prefix (arg, "--") || arg[2] == '\0')
        return usage_error (_("Unexpected argument “%s”. Give each field as --FIELD VALUE."), arg);
      eq = strchr (arg, '=');
      name = eq != NULL ? g_strndup (arg + 2, (gsize) (eq - arg - 2)) : g_strdup (arg + 2);

      if (g_str_equal (name, "id"))
        {
          if ((value = option_value (argv, argc, &i, "--id")) == NULL)
            return EXIT_USAGE;
          if (!g_uuid_string_is_valid (value))
            return usage_error (_("“%s” is not a valid record id. Leave --id out to have one made."), value);
          json_object_set_string_member (values, "id", value);
          continue;
        }
      if (lookup_field (type, name) == NULL)
        return usage_error (_("“--%s” is not a field of an organisation. Run “xarxa-cli --help” to see the fields."),
                            name);
      if (eq != NULL)
        value = eq + 1;
      else if (i + 1 >= argc)
        return usage_error (_("--%s needs a value."), name);
      else
        value = argv[++i];
      if ((status = set_field_from_text (values, name, value)) >= 0)
        return status;
    }

  if (!xarxa_validate_record (type, values, &error))
    {
      if (!json_object_has_member (values, "name"))
        return usage_error (_("add entity needs --name NAME: the organisation needs a name."));
      return report_error (error);
    }

  if ((store = cli_get_store (cli, &error)) == NULL)
    return report_error (error);
  id = xarxa_store_create_record (store, "entity", values, &error);
  if (id == NULL)
    return report_error (error);
  printf ("%s\n", id);
  return EXIT_OK;
}

static int
check_id_argument (const char *id)
{
  if (!g_uuid_string_is_valid (id))
    return usage_error (_("“%s” is not an organisation id. Run “xarxa-cli list entities” to see the ids."),
                        id);
  return -1;
}

static int
cmd_set (Cli   *cli,
         char **argv,
         int    argc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  XarxaStore *store;
  int status;

  if ((status = expect_entity_word ("set", argv, argc)) >= 0)
    return status;
  if (argc < 3)
    return usage_error (_("set entity needs the id of the organisation, then FIELD=VALUE."));
  if ((status = check_id_argument (argv[2])) >= 0)
    return status;
  if (argc < 4)
    return usage_error (_("set entity needs at least one FIELD=VALUE to change."));

  for (int i = 3; i < argc; i++)
    {
      const char *eq = strchr (argv[i], '=');
      g_autofree char *name = NULL;

      if (eq == NULL || eq == argv[i])
        return usage_error (_("“%s” is not FIELD=VALUE. Write for example city=Girona."), argv[i]);
      name = g_strndup (argv[i], (gsize) (eq - argv[i]));
      if ((status = set_field_from_text (changes, name, eq + 1)) >= 0)
        return status;
    }

  if ((store = cli_get_store (cli, &error)) == NULL)
    return report_error (error);
  if (!xarxa_store_update_record (store, "entity", argv[2], changes, &error))
    return report_error (error);
  return EXIT_OK;
}

static int
cmd_delete (Cli   *cli,
            char **argv,
            int    argc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  XarxaStore *store;
  int status;

  if ((status = expect_entity_word ("delete", argv, argc)) >= 0)
    return status;
  if (argc < 3)
    return usage_error (_("delete entity needs the id of the organisation."));
  if (argc > 3)
    return usage_error (_("Unexpected argument “%s”. delete entity takes one id."), argv[3]);
  if ((status = check_id_argument (argv[2])) >= 0)
    return status;

  if ((store = cli_get_store (cli, &error)) == NULL)
    return report_error (error);
  record = xarxa_store_get_record (store, "entity", argv[2], &error);
  if (record == NULL)
    return report_error (error);
  if (json_object_get_boolean_member_with_default (record, "deleted", FALSE))
    {
      g_autofree char *message = g_strdup_printf (_("The organisation %s is already deleted."), argv[2]);
      print_error_line (message);
      return EXIT_FAILED;
    }
  if (!xarxa_store_delete_record (store, "entity", argv[2], &error))
    return report_error (error);
  return EXIT_OK;
}

static int
cmd_stats (Cli   *cli,
           char **argv,
           int    argc)
{
  g_autoptr(GError) error = NULL;
  const XarxaRecordType *const *types;
  XarxaStore *store;

  if (argc > 1)
    return usage_error (_("Unexpected argument “%s”. stats takes none."), argv[1]);
  if ((store = cli_get_store (cli, &error)) == NULL)
    return report_error (error);

  types = xarxa_schema_types (NULL);
  for (guint i = 0; types[i] != NULL; i++)
    printf ("%s %" G_GINT64_FORMAT "\n", types[i]->name, xarxa_store_count (store, types[i]->name));
  printf ("outbox %" G_GINT64_FORMAT "\n", xarxa_store_count_outbox (store));
  return EXIT_OK;
}

static int
cmd_load_example (Cli   *cli,
                  char **argv,
                  int    argc)
{
  g_autoptr(GError) error = NULL;
  XarxaStore *store;
  guint n = 0, skipped = 0;

  if (argc > 1)
    return usage_error (_("Unexpected argument “%s”. load-example takes none."), argv[1]);
  if ((store = cli_get_store (cli, &error)) == NULL)
    return report_error (error);
  if (!xarxa_example_load_full (store, &n, &skipped, NULL, &error))
    return report_error (error);
  /* Organisations already in the directory (by name) are not added twice. */
  printf ("loaded %u, skipped %u\n", n, skipped);
  return EXIT_OK;
}

static int
cmd_sync (Cli   *cli,
          char **argv,
          int    argc)
{
  g_autoptr(GError) error = NULL;
  XarxaStore *store;

  if ((store = cli_get_store (cli, &error)) == NULL)
    return report_error (error);
  return xarxa_cli_sync (store, argc, argv);
}

static int
cmd_conflicts (Cli   *cli,
               char **argv,
               int    argc)
{
  g_autoptr(GError) error = NULL;
  XarxaStore *store;

  if ((store = cli_get_store (cli, &error)) == NULL)
    return report_error (error);
  return xarxa_cli_conflicts (store, argc, argv);
}

static const struct
{
  const char *name;
  int (*run) (Cli *cli, char **argv, int argc);
} commands[] = {
  { "sync", cmd_sync },
  { "conflicts", cmd_conflicts },
  { "import-csv", cmd_import_csv },
  { "export-csv", cmd_export_csv },
  { "list", cmd_list },
  { "add", cmd_add },
  { "set", cmd_set },
  { "delete", cmd_delete },
  { "stats", cmd_stats },
  { "load-example", cmd_load_example },
};

/* ---- main ------------------------------------------------------------------ */

static int
run (int    argc,
     char **argv)
{
  g_autofree char *default_db = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  Cli cli = { NULL, NULL };
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
            return usage_error (_("--db needs the path of a database file."));
          cli.db_path = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          if (argv[i][5] == '\0')
            return usage_error (_("--db needs the path of a database file."));
          cli.db_path = argv[i] + 5;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          printf ("xarxa-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      else
        g_ptr_array_add (args, argv[i]);
    }

  if (args->len == 0)
    return usage_error (_("No command given. Run “xarxa-cli --help” to see the commands."));
  if (g_str_equal (args->pdata[0], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }

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
    status = usage_error (_("Unknown command “%s”. Run “xarxa-cli --help” to see the commands."),
                          (const char *) args->pdata[0]);

  if (fflush (stdout) != 0 && status == EXIT_OK)
    {
      print_error_line (_("The output could not be written."));
      status = EXIT_FAILED;
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
