/* xarxa-cli-list.c — list, show and export-csv over every record type.
 *
 * Records are printed as text for people (one line each: id and name),
 * JSON for scripts (the data model's field names) or CSV.  show prints a
 * record with every record that points at it through a reference field,
 * as the schema describes them: no type has code of its own here, except
 * that organisations are listed through the directory's query (its
 * full-text index, filters and sort) and keep their text line.
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

#include "xarxa-cli-records.h"
#include "xarxa-import.h"
#include "xarxa-store-hooks.h"
#include "xarxa-store-scan.h"
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

static void
append_csv_cell (GString    *out,
                 const char *text)
{
  if (strpbrk (text, ",;\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
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

      append_csv_cell (out, json_object_get_string_member (record, "id"));
      for (guint i = 0; i < type->n_fields; i++)
        {
          g_autofree char *text = xarxa_cli_field_value_to_text (&type->fields[i],
                                                                 json_object_get_member (record, type->fields[i].name));

          g_string_append_c (out, ',');
          append_csv_cell (out, text);
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
      else
        line = g_strdup_printf ("%s\t%s", json_object_get_string_member (record, "id"), title);
      if (!xarxa_cli_print_text_line (line))
        return XARXA_CLI_EXIT_FAILED;
    }
  return XARXA_CLI_EXIT_OK;
}

/* ---- list and export-csv ------------------------------------------------------------- */

typedef struct
{
  const XarxaRecordType *type;
  XarxaEntityQuery       query;        /* organisations: what the directory query does */
  JsonObject            *query_values; /* holds the values query points into */
  JsonObject            *filters;      /* field → value: the rest, checked on each record */
  const char            *search;
  XarxaCliFormat         format;
} ListOptions;

static void
list_options_clear (ListOptions *opts)
{
  g_clear_pointer (&opts->query_values, json_object_unref);
  g_clear_pointer (&opts->filters, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListOptions, list_options_clear)

/* An organisation filter the directory query answers itself (with its
 * indexes), as the window filters: one country, kind, membership,
 * transition or tag. */
static gboolean
take_into_query (XarxaEntityQuery *query,
                 const char       *field,
                 JsonNode         *value)
{
  JsonArray *items;

  if (JSON_NODE_HOLDS_NULL (value))
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      items = json_node_get_array (value);
      if (json_array_get_length (items) != 1)
        return FALSE;
      if (g_str_equal (field, "transitions") && query->transition == NULL)
        query->transition = json_array_get_string_element (items, 0);
      else if (g_str_equal (field, "tags") && query->tag == NULL)
        query->tag = json_array_get_string_element (items, 0);
      else
        return FALSE;
      return TRUE;
    }
  if (g_str_equal (field, "country") && query->country == NULL)
    query->country = json_node_get_string (value);
  else if (g_str_equal (field, "kind") && query->kind == NULL)
    query->kind = json_node_get_string (value);
  else if (g_str_equal (field, "membership") && query->membership == NULL)
    query->membership = json_node_get_string (value);
  else
    return FALSE;
  return TRUE;
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
  g_autoptr(JsonObject) given = json_object_new ();

  memset (opts, 0, sizeof *opts);
  opts->type = type;
  opts->format = XARXA_CLI_FORMAT_TEXT;
  opts->query_values = json_object_new ();
  opts->filters = json_object_new ();

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
          opts->search = value;
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
          if (!is_entity)
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                   _("--sort is for organisations; other records are listed oldest first."));
          if ((value = xarxa_cli_option_value (argv, argc, &i, "--sort")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
          if (g_str_equal (value, "name"))
            opts->query.sort = XARXA_SORT_NAME;
          else if (g_str_equal (value, "updated"))
            opts->query.sort = XARXA_SORT_UPDATED;
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
      if ((status = xarxa_cli_add_value (type, given, name, option, value)) >= 0)
        return status;
    }

  /* Organisations: what the query answers goes to it, the rest is checked
   * on each record. */
  {
    JsonObjectIter iter;
    const char *field;
    JsonNode *value;

    json_object_iter_init (&iter, given);
    while (json_object_iter_next (&iter, &field, &value))
      {
        json_object_set_member (opts->query_values, field, json_node_copy (value));
        if (!is_entity ||
            !take_into_query (&opts->query, field, json_object_get_member (opts->query_values, field)))
          json_object_set_member (opts->filters, field, json_node_copy (value));
      }
  }
  if (is_entity)
    opts->query.search = opts->search;
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

/* Search in the records of a type that has no full-text index: every
 * word (accents and case folded) must be in one of the fields the type's
 * search covers (its text fields when the schema names none), as they are
 * stored or as they are shown. */
static gboolean
record_matches_search (const XarxaRecordType *type,
                       JsonObject            *record,
                       const char *const     *folded_words)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *folded = NULL;

  for (guint i = 0; i < type->n_fields; i++)
    {
      const XarxaFieldInfo *field = &type->fields[i];
      JsonNode *node = json_object_get_member (record, field->name);
      g_autofree char *stored = NULL;
      g_autofree char *shown = NULL;

      if (type->search_fields != NULL ? !g_strv_contains (type->search_fields, field->name)
                                      : field->kind != XARXA_FIELD_TEXT && field->kind != XARXA_FIELD_SET)
        continue;
      stored = xarxa_field_value_to_text (field, node);
      shown = xarxa_field_value_to_display (field, node);
      g_string_append_printf (text, "%s\n%s\n", stored != NULL ? stored : "", shown != NULL ? shown : "");
    }
  folded = xarxa_fold_key (text->str);
  for (guint w = 0; folded_words[w] != NULL; w++)
    if (*folded_words[w] != '\0' && strstr (folded, folded_words[w]) == NULL)
      return FALSE;
  return TRUE;
}

static char **
fold_words (const char *search)
{
  g_auto(GStrv) words = g_strsplit_set (search, " \t\n", -1);
  GPtrArray *folded = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (folded, xarxa_fold_key (words[i]));
  g_ptr_array_add (folded, NULL);
  return (char **) g_ptr_array_free (folded, FALSE);
}

/* The records the options select, in the order they are listed. */
static GPtrArray *
select_records (XarxaStore   *store,
                ListOptions  *opts,
                GError      **error)
{
  const XarxaRecordType *type = opts->type;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) selected = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_auto(GStrv) words = NULL;
  g_autoptr(GHashTable) found = NULL;

  if (g_str_equal (type->name, "entity"))
    {
      g_autoptr(GArray) rows = xarxa_store_query_entities (store, &opts->query, error);

      if (rows == NULL)
        return NULL;
      records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      for (guint i = 0; i < rows->len; i++)
        {
          JsonObject *record = xarxa_store_get_entity_by_rowid (store, g_array_index (rows, gint64, i), error);

          if (record == NULL)
            return NULL;
          g_ptr_array_add (records, record);
        }
    }
  else
    {
      records = xarxa_store_scan_records (store, type->name, NULL, NULL, error);
      if (records == NULL)
        return NULL;
      if (opts->search != NULL && type->hooks->search != NULL)
        {
          /* The type's own full-text index, as the app searches it. */
          g_autoptr(GPtrArray) ids = xarxa_store_search (store, type->name, opts->search, error);

          if (ids == NULL)
            return NULL;
          found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < ids->len; i++)
            g_hash_table_add (found, g_steal_pointer (&g_ptr_array_index (ids, i)));
        }
      else if (opts->search != NULL)
        words = fold_words (opts->search);
    }

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);

      if (!record_matches_filters (type, record, opts->filters))
        continue;
      if (found != NULL && !g_hash_table_contains (found, json_object_get_string_member (record, "id")))
        continue;
      if (words != NULL && !record_matches_search (type, record, (const char *const *) words))
        continue;
      g_ptr_array_add (selected, json_object_ref (record));
    }
  return g_steal_pointer (&selected);
}

static GOutputStream *
stdout_stream (void)
{
  fflush (stdout);
  return g_unix_output_stream_new (STDOUT_FILENO, FALSE);
}

/* The directory's CSV, the one the import reads back. */
static int
export_to (XarxaStore             *store,
           const char             *path,
           const XarxaEntityQuery *query)
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

  if (g_str_equal (type->name, "entity") && opts.format == XARXA_CLI_FORMAT_CSV &&
      json_object_get_size (opts.filters) == 0)
    return export_to (store, "-", &opts.query);

  if ((records = select_records (store, &opts, &error)) == NULL)
    return xarxa_cli_report_error (error);
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
  if (json_object_get_size (opts.filters) > 0)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("export-csv filters by --search, --country, --kind, --membership, one --transition "
                             "and one --tag. For other fields use “list entities --format csv”."));
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  return export_to (store, argv[1], &opts.query);
}

/* ---- show ----------------------------------------------------------------------------- */

/* The records of every type that point at this one through a reference
 * field: an organisation's contacts, a cluster's members and objectives, a
 * mission's participants and stops.  Keys are the child types' names, in
 * the schema's order; every type that can point here has its (maybe empty)
 * array, so scripts find the same keys each time. */
static JsonObject *
children_of (XarxaStore             *store,
             const XarxaRecordType  *type,
             const char             *id,
             GError                **error)
{
  g_autoptr(JsonObject) children = json_object_new ();
  const XarxaRecordType *const *types = xarxa_schema_types (NULL);
  g_autoptr(JsonNode) id_node = json_node_init_string (json_node_alloc (), id);

  for (guint t = 0; types[t] != NULL; t++)
    for (guint f = 0; f < types[t]->n_fields; f++)
      {
        const XarxaFieldInfo *field = &types[t]->fields[f];
        g_autoptr(GPtrArray) found = NULL;
        JsonArray *array;

        if (field->kind != XARXA_FIELD_REF || g_strcmp0 (field->ref_type, type->name) != 0)
          continue;
        found = xarxa_store_scan_records (store, types[t]->name, field->name, id_node, error);
        if (found == NULL)
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

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if ((type = xarxa_cli_expect_type (argv, argc, &status)) == NULL)
    return status;
  if (argc < 3)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("show %s needs the id of the record."), argv[1]);
  if ((status = xarxa_cli_check_id_argument (type, argv[2])) >= 0)
    return status;
  for (int i = 3; i < argc; i++)
    {
      const char *value;

      if (!xarxa_cli_option_is (argv[i], "--format"))
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                               _("Unexpected argument “%s”. show takes an id and --format json|text."), argv[i]);
      if ((value = xarxa_cli_option_value (argv, argc, &i, "--format")) == NULL)
        return XARXA_CLI_EXIT_USAGE;
      if ((status = xarxa_cli_parse_format (value, FALSE, &format)) >= 0)
        return status;
    }

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if ((record = xarxa_cli_get_live_record (store, type, argv[2], &status)) == NULL)
    return status;
  if ((children = children_of (store, type, argv[2], &error)) == NULL)
    return xarxa_cli_report_error (error);

  if (format == XARXA_CLI_FORMAT_JSON)
    {
      JsonObject *obj = record_to_json (type, record);
      g_autoptr(JsonNode) root = NULL;

      json_object_set_object_member (obj, "children", g_steal_pointer (&children));
      root = json_node_init_object (json_node_alloc (), obj);
      json_object_unref (obj);
      return xarxa_cli_print_json (root);
    }
  return print_show_text (store, type, record, children);
}
