/* xarxa-cli-list.c — list, show and export-csv over every record type.
 *
 * Records are printed as text for people (one line each: id and name),
 * JSON for scripts (the data model's field names) or CSV.  show prints a
 * record with every record that points at it through a reference field,
 * as the schema describes them.  Every list is a XarxaQuery that the store
 * answers in SQL (the directory's for organisations, with its full-text
 * index); no type has code of its own here, except that organisations keep
 * their text line and their CSV export.
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

#include "xarxa-cli-mission.h"
#include "xarxa-cli-records.h"
#include "xarxa-library.h"
#include "xarxa-csv.h"
#include "xarxa-import.h"
#include "xarxa-value.h"

/* ---- output ---------------------------------------------------------------------- */

/* The record as JSON for scripts: id, then every field in the schema's
 * order under its data-model name (sets as arrays, empty ones too), then
 * the times. */
static JsonObject *
record_to_json (const XarxaRecordType *type,
                JsonObject            *record)
{
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
  return obj;
}

static JsonObject *
fetch_record (const char *type_name,
              const char *id,
              gpointer    user_data)
{
  return xarxa_store_get_record (XARXA_STORE (user_data), type_name, id, NULL);
}

/* What names a record in a text line, as the schema says. */
static char *
record_title (XarxaStore            *store,
              const XarxaRecordType *type,
              JsonObject            *record)
{
  char *title = xarxa_record_title (type, record, fetch_record, store);

  return title != NULL ? title : g_strdup ("");
}

/* CSV with the data model's names in the header: id, the fields, the times. */
static int
print_csv (const XarxaRecordType *type,
           GPtrArray             *records)
{
  g_autoptr(GString) out = g_string_new ("id");

  for (guint i = 0; i < type->n_fields; i++)
    g_string_append_printf (out, ",%s", type->fields[i].name);
  g_string_append (out, ",created_at,updated_at\r\n");

  for (guint r = 0; r < records->len; r++)
    {
      JsonObject *record = g_ptr_array_index (records, r);

      xarxa_csv_append_cell (out, json_object_get_string_member (record, "id"));
      for (guint i = 0; i < type->n_fields; i++)
        {
          g_autofree char *text = xarxa_cli_field_value_to_text (&type->fields[i],
                                                                 json_object_get_member (record, type->fields[i].name));

          g_string_append_c (out, ',');
          xarxa_csv_append_cell (out, text);
        }
      g_string_append_printf (out, ",%s,%s\r\n",
                              json_object_get_string_member_with_default (record, "created_at", ""),
                              json_object_get_string_member_with_default (record, "updated_at", ""));
    }
  if (!xarxa_cli_write_stdout (out->str, out->len))
    return XARXA_CLI_EXIT_FAILED;
  return XARXA_CLI_EXIT_OK;
}

static int
print_records (XarxaStore            *store,
               const XarxaRecordType *type,
               GPtrArray             *records,
               XarxaCliFormat         format)
{
  if (format == XARXA_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = NULL;

      for (guint i = 0; i < records->len; i++)
        json_array_add_object_element (array, record_to_json (type, g_ptr_array_index (records, i)));
      root = json_node_init_array (json_node_alloc (), array);
      return xarxa_cli_print_json (root);
    }
  if (format == XARXA_CLI_FORMAT_CSV)
    return print_csv (type, records);

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);
      g_autofree char *title = record_title (store, type, record);
      g_autofree char *line = NULL;

      if (g_str_equal (type->name, "entity"))
        {
          /* The directory's line, as it always was: id, name, "city, country". */
          const char *city = json_object_get_string_member_with_default (record, "city", NULL);
          const char *country = json_object_get_string_member_with_default (record, "country", NULL);

          line = g_strdup_printf ("%s\t%s\t%s%s%s", json_object_get_string_member (record, "id"), title,
                                  city != NULL ? city : "",
                                  city != NULL && country != NULL ? ", " : "",
                                  country != NULL ? country : "");
        }
      else if (g_str_equal (type->name, "document") && !xarxa_document_may_export (record))
        /* TRANSLATORS: after a listed interview's title */
        line = g_strdup_printf ("%s\t%s\t%s", json_object_get_string_member (record, "id"), title,
                                _("(no consent given: not to be used)"));
      else
        line = g_strdup_printf ("%s\t%s", json_object_get_string_member (record, "id"), title);
      if (!xarxa_cli_print_text_line (line))
        return XARXA_CLI_EXIT_FAILED;
    }
  return XARXA_CLI_EXIT_OK;
}

/* An interview whose use has no consent given stays out of what is
 * exported (CSV, JSON), and the user is told how many were left out. */
static void
leave_out_without_consent (GPtrArray *records)
{
  guint n_left_out = 0;

  for (guint i = records->len; i > 0; i--)
    if (!xarxa_document_may_export (g_ptr_array_index (records, i - 1)))
      {
        g_ptr_array_remove_index (records, i - 1);
        n_left_out++;
      }
  if (n_left_out > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%u interview was left out: its interviewee has not given consent.\n",
                             "%u interviews were left out: their interviewees have not given consent.\n",
                             n_left_out), n_left_out);
}

/* ---- list and export-csv ------------------------------------------------------------- */

typedef struct
{
  const XarxaRecordType *type;
  XarxaQuery            *query;      /* what the store answers in SQL */
  JsonObject            *filters;    /* field → value, as typed and checked */
  gboolean               exact;      /* query says all the filters say */
  XarxaCliFormat         format;
} ListOptions;

static void
list_options_clear (ListOptions *opts)
{
  g_clear_pointer (&opts->query, xarxa_query_free);
  g_clear_pointer (&opts->filters, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListOptions, list_options_clear)

/* Puts a checked filter value into the query: the query keeps one value
 * per field (for a set, one item the set must hold), so a list of several
 * items or an empty value is checked on each record instead. */
static void
add_to_query (ListOptions          *opts,
              const XarxaFieldInfo *field,
              JsonNode             *value)
{
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_NULL (value))
    {
      opts->exact = FALSE;
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *items = json_node_get_array (value);

      if (json_array_get_length (items) != 1)
        opts->exact = FALSE;
      if (json_array_get_length (items) == 0)
        return;
      text = g_strdup (json_array_get_string_element (items, 0));
    }
  else
    text = xarxa_cli_field_value_to_text (field, value);
  xarxa_query_set_filter (opts->query, field->name, text);
}

/* Parses [--search TEXT] [--FIELD VALUE…] [--sort …] [--format …] from
 * argv[start].  Returns -1 when all went well, else the exit status. */
static int
parse_list_options (const XarxaRecordType  *type,
                    char                  **argv,
                    int                     argc,
                    int                     start,
                    gboolean                allow_format,
                    ListOptions            *opts)
{
  gboolean is_entity = g_str_equal (type->name, "entity");
  JsonObjectIter iter;
  const char *member;
  JsonNode *value_node;

  memset (opts, 0, sizeof *opts);
  opts->type = type;
  opts->query = xarxa_query_new (type->name);
  opts->filters = json_object_new ();
  opts->exact = TRUE;
  opts->format = XARXA_CLI_FORMAT_TEXT;

  for (int i = start; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value;
      g_autofree char *name = NULL;
      g_autofree char *option = NULL;
      const char *eq;
      int status;

      if (xarxa_cli_option_is (arg, "--search"))
        {
          if ((value = xarxa_cli_option_value (argv, argc, &i, "--search")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
          if (type->search_fields == NULL || type->search_fields[0] == NULL)
            {
              g_autofree char *word = xarxa_cli_type_word (type);

              return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                     _("Records of the kind “%s” cannot be searched by words."), word);
            }
          xarxa_query_set_search (opts->query, value);
          continue;
        }
      if (allow_format && xarxa_cli_option_is (arg, "--format"))
        {
          if ((value = xarxa_cli_option_value (argv, argc, &i, "--format")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
          if ((status = xarxa_cli_parse_format (value, TRUE, &opts->format)) >= 0)
            return status;
          continue;
        }
      if (xarxa_cli_option_is (arg, "--sort"))
        {
          if ((value = xarxa_cli_option_value (argv, argc, &i, "--sort")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
          if (g_str_equal (value, "name"))
            xarxa_query_set_sort (opts->query, XARXA_SORT_NAME);
          else if (g_str_equal (value, "updated"))
            xarxa_query_set_sort (opts->query, XARXA_SORT_UPDATED);
          else if (g_str_equal (value, "due") && xarxa_record_type_sorts_by_due (type))
            xarxa_query_set_sort (opts->query, XARXA_SORT_DUE);
          else if (g_str_equal (value, "due"))
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                   _("Only clusters sort by “due” (their next action due). Use name or updated."));
          else if (xarxa_record_type_sorts_by_due (type))
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                   _("“%s” is not a sort order. Use name, updated or due."), value);
          else
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                   _("“%s” is not a sort order. Use name or updated."), value);
          continue;
        }
      if (!g_str_has_prefix (arg, "--") || arg[2] == '\0')
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                               _("Unexpected argument “%s”. Run “xarxa-cli --help” to see how to use the command."),
                               arg);

      eq = strchr (arg, '=');
      name = eq != NULL ? g_strndup (arg + 2, (gsize) (eq - arg - 2)) : g_strdup (arg + 2);
      option = g_strconcat ("--", name, NULL);
      /* The directory's filters have always been singular. */
      if (is_entity && (g_str_equal (name, "transition") || g_str_equal (name, "tag")))
        {
          char *plural = g_strconcat (name, "s", NULL);

          g_free (name);
          name = plural;
        }
      if (xarxa_cli_expect_field (type, name, option) == NULL)
        return XARXA_CLI_EXIT_USAGE;
      if ((value = xarxa_cli_option_value (argv, argc, &i, option)) == NULL)
        return XARXA_CLI_EXIT_USAGE;
      if ((status = xarxa_cli_add_value (type, opts->filters, name, option, value)) >= 0)
        return status;
    }

  json_object_iter_init (&iter, opts->filters);
  while (json_object_iter_next (&iter, &member, &value_node))
    add_to_query (opts, xarxa_record_type_field (type, member), value_node);
  return -1;
}

/* Whether the record holds every filter's value (every item, for a set). */
static gboolean
record_matches_filters (const XarxaRecordType *type,
                        JsonObject            *record,
                        JsonObject            *filters)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *wanted;

  json_object_iter_init (&iter, filters);
  while (json_object_iter_next (&iter, &name, &wanted))
    {
      const XarxaFieldInfo *field = xarxa_record_type_field (type, name);
      JsonNode *have = json_object_get_member (record, name);

      if (field->kind == XARXA_FIELD_SET && JSON_NODE_HOLDS_ARRAY (wanted))
        {
          JsonArray *items = json_node_get_array (wanted);
          JsonArray *set = have != NULL && JSON_NODE_HOLDS_ARRAY (have) ? json_node_get_array (have) : NULL;

          for (guint i = 0; i < json_array_get_length (items); i++)
            {
              const char *item = json_array_get_string_element (items, i);
              gboolean found = FALSE;

              for (guint j = 0; set != NULL && j < json_array_get_length (set); j++)
                found |= g_strcmp0 (json_array_get_string_element (set, j), item) == 0;
              if (!found)
                return FALSE;
            }
        }
      else
        {
          g_autofree char *a = xarxa_cli_field_value_to_text (field, have);
          g_autofree char *b = xarxa_cli_field_value_to_text (field, wanted);

          if (!g_str_equal (a, b))
            return FALSE;
        }
    }
  return TRUE;
}

/* The records a query selects, in its order; with filters the query could
 * not say whole, checked on each record as well. */
static GPtrArray *
select_records (XarxaStore        *store,
                const XarxaQuery  *query,
                JsonObject        *filters,
                GError           **error)
{
  const XarxaRecordType *type = xarxa_query_get_record_type (query);
  g_autoptr(GArray) rows = xarxa_store_query_rowids (store, query, error);
  g_autoptr(GPtrArray) records = NULL;

  if (rows == NULL)
    return NULL;
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(JsonObject) record = xarxa_store_get_record_by_rowid (store, type->name,
                                                                      g_array_index (rows, gint64, i), error);

      if (record == NULL)
        return NULL;
      if (filters == NULL || record_matches_filters (type, record, filters))
        g_ptr_array_add (records, g_steal_pointer (&record));
    }
  return g_steal_pointer (&records);
}

static GOutputStream *
stdout_stream (void)
{
  fflush (stdout);
  return g_unix_output_stream_new (STDOUT_FILENO, FALSE);
}

/* The directory's CSV, the one the import reads back. */
static int
export_to (XarxaStore       *store,
           const char       *path,
           const XarxaQuery *query)
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
        return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, _("The file “%s” cannot be written: %s"),
                               path, error->message);
    }

  if (!xarxa_export_csv (store, query, out, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error))
    return xarxa_cli_report_error (error);
  return XARXA_CLI_EXIT_OK;
}

int
xarxa_cli_list (XarxaCli  *cli,
                char     **argv,
                int        argc)
{
  const XarxaRecordType *type;
  g_auto(ListOptions) opts = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  XarxaStore *store;
  int status = XARXA_CLI_EXIT_USAGE;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if ((type = xarxa_cli_expect_type (argv, argc, &status)) == NULL)
    return status;
  if ((status = parse_list_options (type, argv, argc, 2, TRUE, &opts)) >= 0)
    return status;
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;

  if (g_str_equal (type->name, "entity") && opts.format == XARXA_CLI_FORMAT_CSV && opts.exact)
    return export_to (store, "-", opts.query);

  records = select_records (store, opts.query, opts.exact ? NULL : opts.filters, &error);
  if (records == NULL)
    return xarxa_cli_report_error (error);
  if (g_str_equal (type->name, "document") && opts.format != XARXA_CLI_FORMAT_TEXT)
    leave_out_without_consent (records);
  return print_records (store, type, records, opts.format);
}

int
xarxa_cli_export_csv (XarxaCli  *cli,
                      char     **argv,
                      int        argc)
{
  g_auto(ListOptions) opts = { 0 };
  XarxaStore *store;
  int status;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if (argc < 2)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("export-csv needs a file to write, or - for standard output."));
  if ((status = parse_list_options (xarxa_schema_lookup ("entity"), argv, argc, 2, FALSE, &opts)) >= 0)
    return status;
  if (!opts.exact)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("export-csv filters each field by one value. For several, or for an empty "
                             "field, use “list entities --format csv”."));
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  return export_to (store, argv[1], opts.query);
}

/* ---- show ----------------------------------------------------------------------------- */

/* The records of every type that point at this one through a reference
 * field: an organisation's contacts, a cluster's members and objectives, a
 * mission's participants and stops.  Keys are the child types' names, in
 * the schema's order; every type that can point here has its (maybe empty)
 * array, so scripts find the same keys each time. */
JsonObject *
xarxa_cli_children_of (XarxaStore             *store,
                       const XarxaRecordType  *type,
                       const char             *id,
                       GError                **error)
{
  g_autoptr(JsonObject) children = json_object_new ();
  const XarxaRecordType *const *types = xarxa_schema_types (NULL);

  for (guint t = 0; types[t] != NULL; t++)
    for (guint f = 0; f < types[t]->n_fields; f++)
      {
        const XarxaFieldInfo *field = &types[t]->fields[f];
        g_autoptr(XarxaQuery) query = NULL;
        g_autoptr(GPtrArray) found = NULL;
        JsonArray *array;

        if (field->kind != XARXA_FIELD_REF || g_strcmp0 (field->ref_type, type->name) != 0)
          continue;
        query = xarxa_query_new (types[t]->name);
        xarxa_query_set_filter (query, field->name, id);
        if ((found = select_records (store, query, NULL, error)) == NULL)
          return NULL;
        if (!json_object_has_member (children, types[t]->name))
          json_object_set_array_member (children, types[t]->name, json_array_new ());
        array = json_object_get_array_member (children, types[t]->name);
        for (guint i = 0; i < found->len; i++)
          {
            JsonObject *child = g_ptr_array_index (found, i);
            const char *child_id = json_object_get_string_member (child, "id");
            gboolean seen = FALSE;

            /* A record that points here through two fields is listed once. */
            for (guint j = 0; j < json_array_get_length (array); j++)
              seen |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, j), "id"),
                                 child_id) == 0;
            if (!seen)
              json_array_add_object_element (array, record_to_json (types[t], child));
          }
      }
  return g_steal_pointer (&children);
}

/* For people: the type and id, each field with a value as "Label: value"
 * in their language, then the records under it by type. */
static int
print_show_text (XarxaStore            *store,
                 const XarxaRecordType *type,
                 JsonObject            *record,
                 JsonObject            *children)
{
  g_autofree char *head = g_strdup_printf ("%s %s", xarxa_record_type_get_singular (type),
                                           json_object_get_string_member (record, "id"));
  JsonObjectIter iter;
  const char *child_type;
  JsonNode *node;

  if (!xarxa_cli_print_text_line (head))
    return XARXA_CLI_EXIT_FAILED;
  for (guint i = 0; i < type->n_fields; i++)
    {
      const XarxaFieldInfo *field = &type->fields[i];
      JsonNode *value = json_object_get_member (record, field->name);
      g_autofree char *shown = NULL;
      g_autofree char *line = NULL;

      if (field->kind == XARXA_FIELD_REF && value != NULL && !JSON_NODE_HOLDS_NULL (value))
        {
          /* A reference as what it names, and its id for scripts. */
          const XarxaRecordType *target = xarxa_schema_lookup (field->ref_type);
          g_autoptr(JsonObject) named = xarxa_store_get_record (store, field->ref_type,
                                                                json_node_get_string (value), NULL);
          g_autofree char *title = named != NULL ? xarxa_record_title (target, named, fetch_record, store) : NULL;

          shown = title != NULL ? g_strdup_printf ("%s (%s)", title, json_node_get_string (value))
                                : g_strdup (json_node_get_string (value));
        }
      else
        shown = xarxa_field_value_to_display (field, value);
      if (shown == NULL || *shown == '\0')
        continue;
      line = g_strdup_printf ("%s: %s", xarxa_field_info_get_label (field), shown);
      if (!xarxa_cli_print_text_line (line))
        return XARXA_CLI_EXIT_FAILED;
    }

  json_object_iter_init (&iter, children);
  while (json_object_iter_next (&iter, &child_type, &node))
    {
      const XarxaRecordType *ctype = xarxa_schema_lookup (child_type);
      JsonArray *array = json_node_get_array (node);
      g_autofree char *heading = NULL;

      if (json_array_get_length (array) == 0)
        continue;
      heading = g_strdup_printf ("%s (%u)", xarxa_record_type_get_plural (ctype), json_array_get_length (array));
      if (!xarxa_cli_write_stdout ("\n", 1) || !xarxa_cli_print_text_line (heading))
        return XARXA_CLI_EXIT_FAILED;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *child = json_array_get_object_element (array, i);
          g_autofree char *title = record_title (store, ctype, child);
          g_autofree char *line = g_strdup_printf ("  %s\t%s", json_object_get_string_member (child, "id"), title);

          if (!xarxa_cli_print_text_line (line))
            return XARXA_CLI_EXIT_FAILED;
        }
    }
  return XARXA_CLI_EXIT_OK;
}

int
xarxa_cli_show (XarxaCli  *cli,
                char     **argv,
                int        argc)
{
  const XarxaRecordType *type;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) children = NULL;
  XarxaCliFormat format = XARXA_CLI_FORMAT_TEXT;
  XarxaStore *store;
  int status = XARXA_CLI_EXIT_USAGE;
  int unexpected;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if ((type = xarxa_cli_expect_type (argv, argc, &status)) == NULL)
    return status;
  if (argc < 3)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("show %s needs the id of the record."), argv[1]);
  if ((status = xarxa_cli_check_id_argument (type, argv[2])) >= 0)
    return status;
  if ((status = xarxa_cli_parse_format_only (argv, argc, 3, &format, &unexpected)) >= 0)
    return status;
  if (unexpected >= 0)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("Unexpected argument “%s”. show takes an id and --format json|text."), argv[unexpected]);

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if ((record = xarxa_cli_get_live_record (store, type, argv[2], &status)) == NULL)
    return status;
  if ((children = xarxa_cli_children_of (store, type, argv[2], &error)) == NULL)
    return xarxa_cli_report_error (error);

  if (format == XARXA_CLI_FORMAT_JSON)
    {
      JsonObject *obj = record_to_json (type, record);
      g_autoptr(JsonNode) root = NULL;

      json_object_set_object_member (obj, "children", g_steal_pointer (&children));
      /* A mission's also holds its itinerary in order, with its warnings. */
      if (g_str_equal (type->name, "mission") &&
          (status = xarxa_cli_mission_add_itinerary (store, argv[2], obj)) >= 0)
        {
          json_object_unref (obj);
          return status;
        }
      root = json_node_init_object (json_node_alloc (), obj);
      json_object_unref (obj);
      return xarxa_cli_print_json (root);
    }
  return print_show_text (store, type, record, children);
}
