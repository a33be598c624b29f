/* xarxa-cli-records.c — add, set, delete, list, show and export-csv over
 * every record type.
 *
 * Nothing here is written for one type: the commands read the schema's
 * description of the types and their fields.  TYPE is the type's name with
 * '-' for '_', singular or plural (cluster-member, cluster-members); FIELD
 * is the field's name the same way (--cluster-id, starts-at=…).  The one
 * exception is the directory: organisations are listed through the store's
 * directory query (full-text search, its filters and sort), as the window
 * lists them.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "xarxa-cli-records.h"
#include "xarxa-countries.h"
#include "xarxa-import.h"
#include "xarxa-store-scan.h"
#include "xarxa-validate.h"

/* ---- types and fields -------------------------------------------------------- */

/* "cluster_member" → "cluster-member": the type as the command line writes it. */
static char *
type_word (const XarxaRecordType *type)
{
  return g_strdelimit (g_strdup (type->name), "_", '-');
}

static char *
field_word (const XarxaFieldInfo *field)
{
  return g_strdelimit (g_strdup (field->name), "_", '-');
}

static char *
plural_of (const char *name)
{
  if (g_str_has_suffix (name, "y"))
    return g_strdup_printf ("%.*sies", (int) strlen (name) - 1, name);
  return g_strconcat (name, "s", NULL);
}

const XarxaRecordType *
xarxa_cli_lookup_type (const char *word)
{
  g_autofree char *name = NULL;
  const XarxaRecordType *const *types = xarxa_schema_types (NULL);

  g_return_val_if_fail (word != NULL, NULL);

  name = g_strdelimit (g_strdup (word), "-", '_');
  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autofree char *plural = plural_of (types[i]->name);

      if (g_str_equal (name, types[i]->name) || g_str_equal (name, plural))
        return types[i];
    }
  return NULL;
}

char *
xarxa_cli_type_words (void)
{
  const XarxaRecordType *const *types = xarxa_schema_types (NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autofree char *word = type_word (types[i]);

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", word);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
all_field_words (const XarxaRecordType *type)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < type->n_fields; i++)
    {
      g_autofree char *word = field_word (&type->fields[i]);

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", word);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* argv[1] as a type, or NULL after printing what is wrong in *status. */
static const XarxaRecordType *
expect_type (char **argv,
             int    argc,
             int   *status)
{
  const XarxaRecordType *type;
  g_autofree char *known = xarxa_cli_type_words ();

  if (argc < 2)
    {
      *status = xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                _("“%s” needs the type of record to work on, like “%s entity”. Types: %s."),
                                argv[0], argv[0], known);
      return NULL;
    }
  if ((type = xarxa_cli_lookup_type (argv[1])) == NULL)
    {
      *status = xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                _("“%s” is not a type of record xarxa-cli knows. Use one of: %s."),
                                argv[1], known);
      return NULL;
    }
  return type;
}

/* "short-name" → the field short_name, if the type has it; else NULL after
 * printing what is wrong (as_typed is how the user wrote it). */
static const XarxaFieldInfo *
expect_field (const XarxaRecordType *type,
              const char            *name,
              const char            *as_typed)
{
  g_autofree char *field_name = g_strdelimit (g_strdup (name), "-", '_');
  const XarxaFieldInfo *field = xarxa_record_type_field (type, field_name);

  if (field == NULL)
    {
      g_autofree char *word = type_word (type);
      g_autofree char *fields = all_field_words (type);

      xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("“%s” is not a field of %s. Its fields: %s."),
                      as_typed, word, fields);
    }
  return field;
}

/* ---- values -------------------------------------------------------------------- */

/* The one place where text from the command line becomes a field value:
 * sets from comma-separated items, numbers, yes/no, a country name into its
 * code; empty text is null.  Then the schema's validation checks it, so a
 * bad value is refused before the database is even opened.
 * (To become xarxa_field_value_from_text() when the core has it.) */
static JsonNode *
field_value_from_text (const XarxaRecordType *type,
                       const XarxaFieldInfo  *field,
                       const char            *text,
                       GError               **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed == '\0')
    return json_node_new (JSON_NODE_NULL);

  switch (field->kind)
    {
    case XARXA_FIELD_SET:
      {
        g_auto(GStrv) items = g_strsplit (trimmed, ",", -1);
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
      {
        gint64 n = 0;

        if (!g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, &n, NULL))
          {
            g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                         _("“%s” is not a whole number. Write digits only, like 12."), trimmed);
            return NULL;
          }
        node = json_node_init_int (json_node_alloc (), n);
        break;
      }
    case XARXA_FIELD_REAL:
      {
        g_autofree char *dotted = g_strdup (trimmed);
        char *end = NULL;
        double d;

        /* A decimal comma, as Catalan and Spanish write it. */
        if (strchr (dotted, '.') == NULL)
          g_strdelimit (dotted, ",", '.');
        d = g_ascii_strtod (dotted, &end);
        if (end == dotted || *end != '\0' || !isfinite (d))
          {
            g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                         _("“%s” is not a number. Write it like 12 or 12.5."), trimmed);
            return NULL;
          }
        node = json_node_init_double (json_node_alloc (), d);
        break;
      }
    case XARXA_FIELD_BOOL:
      {
        static const char *const yes[] = { "yes", "true", "1", NULL };
        static const char *const no[] = { "no", "false", "0", NULL };
        g_autofree char *lower = g_ascii_strdown (trimmed, -1);

        if (g_strv_contains (yes, lower))
          node = json_node_init_boolean (json_node_alloc (), TRUE);
        else if (g_strv_contains (no, lower))
          node = json_node_init_boolean (json_node_alloc (), FALSE);
        else
          {
            g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                         _("“%s” is neither yes nor no. Write yes or no."), trimmed);
            return NULL;
          }
        break;
      }
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_REF:
    default:
      if (g_str_equal (field->name, "country") && !xarxa_country_is_valid (trimmed))
        {
          g_autofree char *code = xarxa_country_parse (trimmed);

          if (code != NULL)
            {
              node = json_node_init_string (json_node_alloc (), code);
              break;
            }
        }
      node = json_node_init_string (json_node_alloc (), trimmed);
      break;
    }

  if (!xarxa_validate_field (type, field->name, node, error))
    return NULL;
  return g_steal_pointer (&node);
}

/* The one place where a value becomes text for people and CSV cells.
 * (To become xarxa_field_value_to_text() when the core has it.) */
static char *
field_value_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                                json_array_get_string_element (array, i));
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    switch (json_node_get_value_type (node))
      {
      case G_TYPE_STRING:
        return g_strdup (json_node_get_string (node));
      case G_TYPE_INT64:
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      case G_TYPE_DOUBLE:
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", json_node_get_double (node)));
        }
      case G_TYPE_BOOLEAN:
        return g_strdup (json_node_get_boolean (node) ? "yes" : "no");
      default:
        break;
      }
  return g_strdup ("");
}

/* Converts and checks one FIELD VALUE into values.  Returns -1, or the exit
 * status after printing one line that names the field as typed. */
static int
add_value (const XarxaRecordType *type,
           JsonObject            *values,
           const char            *name,
           const char            *as_typed,
           const char            *text)
{
  const XarxaFieldInfo *field = expect_field (type, name, as_typed);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (field == NULL)
    return XARXA_CLI_EXIT_USAGE;
  node = field_value_from_text (type, field, text, &error);
  if (node == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, "%s: %s", name, error->message);
  json_object_set_member (values, field->name, node);
  return -1;
}

/* A reference must name a record of its type that is there: else a member
 * would hang from a cluster nobody can see. */
static int
check_references (XarxaStore            *store,
                  const XarxaRecordType *type,
                  JsonObject            *values)
{
  for (guint i = 0; i < type->n_fields; i++)
    {
      const XarxaFieldInfo *field = &type->fields[i];
      const char *id;
      g_autoptr(JsonObject) target = NULL;
      g_autoptr(GError) error = NULL;

      if (field->kind != XARXA_FIELD_REF || !json_object_has_member (values, field->name))
        continue;
      id = json_object_get_string_member_with_default (values, field->name, NULL);
      if (id == NULL)
        continue;
      target = xarxa_store_get_record (store, field->ref_type, id, &error);
      if (target == NULL && !g_error_matches (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND))
        return xarxa_cli_report_error (error);
      if (target == NULL || json_object_get_boolean_member_with_default (target, "deleted", FALSE))
        {
          g_autofree char *name = field_word (field);
          g_autofree char *target_type = type_word (xarxa_schema_lookup (field->ref_type));
          g_autofree char *plural = plural_of (target_type);

          return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                 _("%s: there is no %s with the id %s. Run “xarxa-cli list %s” to see the ids."),
                                 name, target_type, id, plural);
        }
    }
  return -1;
}

static int
check_id_argument (const XarxaRecordType *type,
                   const char            *id)
{
  if (!g_uuid_string_is_valid (id))
    {
      g_autofree char *word = type_word (type);
      g_autofree char *plural = plural_of (word);

      return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                             _("“%s” is not a record id. Run “xarxa-cli list %s” to see the ids."),
                             id, plural);
    }
  return -1;
}

/* The live record, or NULL after printing that it is not there. */
static JsonObject *
get_live_record (XarxaStore            *store,
                 const XarxaRecordType *type,
                 const char            *id,
                 int                   *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = xarxa_store_get_record (store, type->name, id, &error);

  if (record == NULL)
    {
      *status = xarxa_cli_report_error (error);
      return NULL;
    }
  if (json_object_get_boolean_member_with_default (record, "deleted", FALSE))
    {
      g_autofree char *word = type_word (type);

      *status = xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, _("The record %s (%s) is deleted."), id, word);
      return NULL;
    }
  return g_steal_pointer (&record);
}

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

/* What names a record in a text line: its name or title, else its first
 * text field with a value.  (The schema will say which field titles a
 * type; until then this guesses the same way for every type.) */
static char *
record_title (const XarxaRecordType *type,
              JsonObject            *record)
{
  static const char *const titles[] = { "name", "title", "full_name", "summary", "text" };

  for (guint t = 0; t < G_N_ELEMENTS (titles); t++)
    {
      const XarxaFieldInfo *field = xarxa_record_type_field (type, titles[t]);
      const char *text;

      if (field != NULL && field->kind == XARXA_FIELD_TEXT &&
          (text = json_object_get_string_member_with_default (record, field->name, NULL)) != NULL)
        return g_strdup (text);
    }
  for (guint i = 0; i < type->n_fields; i++)
    {
      const char *text;

      if (type->fields[i].kind == XARXA_FIELD_TEXT &&
          (text = json_object_get_string_member_with_default (record, type->fields[i].name, NULL)) != NULL)
        return g_strdup (text);
    }
  return g_strdup ("");
}

static gboolean
print_text_line (const char *line)
{
  g_autofree char *one = g_strdelimit (g_strdup (line), "\r\n", ' ');

  return xarxa_cli_write_stdout (one, strlen (one)) && xarxa_cli_write_stdout ("\n", 1);
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
          g_autofree char *text = field_value_to_text (json_object_get_member (record, type->fields[i].name));

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
print_records (const XarxaRecordType *type,
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
      g_autofree char *title = record_title (type, record);
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
      if (!print_text_line (line))
        return XARXA_CLI_EXIT_FAILED;
    }
  return XARXA_CLI_EXIT_OK;
}

/* ---- add, set, delete ---------------------------------------------------------------- */

int
xarxa_cli_add (XarxaCli  *cli,
               char     **argv,
               int        argc)
{
  const XarxaRecordType *type;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *id = NULL;
  XarxaStore *store;
  int status = XARXA_CLI_EXIT_USAGE;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if ((type = expect_type (argv, argc, &status)) == NULL)
    return status;

  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      g_autofree char *option = NULL;
      const char *eq;
      const char *value;

      if (!g_str_has_prefix (arg, "--") || arg[2] == '\0')
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                               _("Unexpected argument “%s”. Give each field as --FIELD VALUE."), arg);
      eq = strchr (arg, '=');
      name = eq != NULL ? g_strndup (arg + 2, (gsize) (eq - arg - 2)) : g_strdup (arg + 2);
      option = g_strconcat ("--", name, NULL);

      if (!g_str_equal (name, "id") && expect_field (type, name, option) == NULL)
        return XARXA_CLI_EXIT_USAGE;
      if ((value = xarxa_cli_option_value (argv, argc, &i, option)) == NULL)
        return XARXA_CLI_EXIT_USAGE;

      if (g_str_equal (name, "id"))
        {
          if (!g_uuid_string_is_valid (value))
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                   _("“%s” is not a valid record id. Leave --id out to have one made."), value);
          json_object_set_string_member (values, "id", value);
          continue;
        }
      if ((status = add_value (type, values, name, option, value)) >= 0)
        return status;
    }

  if (!xarxa_validate_record (type, values, &error))
    return xarxa_cli_report_error (error);

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_WRITES, &status)) == NULL)
    return status;
  if ((status = check_references (store, type, values)) >= 0)
    return status;
  id = xarxa_store_create_record (store, type->name, values, &error);
  if (id == NULL)
    return xarxa_cli_report_error (error);
  if (!print_text_line (id))
    return XARXA_CLI_EXIT_FAILED;
  return XARXA_CLI_EXIT_OK;
}

int
xarxa_cli_set (XarxaCli  *cli,
               char     **argv,
               int        argc)
{
  const XarxaRecordType *type;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) record = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  XarxaStore *store;
  int status = XARXA_CLI_EXIT_USAGE;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if ((type = expect_type (argv, argc, &status)) == NULL)
    return status;
  if (argc < 3)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("set %s needs the id of the record, then FIELD=VALUE."), argv[1]);
  if ((status = check_id_argument (type, argv[2])) >= 0)
    return status;
  if (argc < 4)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("set %s needs at least one FIELD=VALUE to change."), argv[1]);

  for (int i = 3; i < argc; i++)
    {
      const char *eq = strchr (argv[i], '=');
      g_autofree char *name = NULL;

      if (eq == NULL || eq == argv[i])
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                               _("“%s” is not FIELD=VALUE. Write for example city=Girona."), argv[i]);
      name = g_strndup (argv[i], (gsize) (eq - argv[i]));
      if ((status = add_value (type, changes, name, name, eq + 1)) >= 0)
        return status;
    }

  /* Nothing is there to change in a database that does not exist. */
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if ((record = get_live_record (store, type, argv[2], &status)) == NULL)
    return status;

  /* The record as it would be: a required field may not be emptied. */
  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &member, &node))
    json_object_set_member (record, member, json_node_copy (node));
  if (!xarxa_validate_record (type, record, &error))
    return xarxa_cli_report_error (error);
  if ((status = check_references (store, type, changes)) >= 0)
    return status;
  if (!xarxa_store_update_record (store, type->name, argv[2], changes, &error))
    return xarxa_cli_report_error (error);
  return XARXA_CLI_EXIT_OK;
}

int
xarxa_cli_delete (XarxaCli  *cli,
                  char     **argv,
                  int        argc)
{
  const XarxaRecordType *type;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  XarxaStore *store;
  int status = XARXA_CLI_EXIT_USAGE;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if ((type = expect_type (argv, argc, &status)) == NULL)
    return status;
  if (argc < 3)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("delete %s needs the id of the record."), argv[1]);
  if (argc > 3)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("Unexpected argument “%s”. delete takes one id."), argv[3]);
  if ((status = check_id_argument (type, argv[2])) >= 0)
    return status;

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if ((record = get_live_record (store, type, argv[2], &status)) == NULL)
    return status;
  if (!xarxa_store_delete_record (store, type->name, argv[2], &error))
    return xarxa_cli_report_error (error);
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
      if (expect_field (type, name, option) == NULL)
        return XARXA_CLI_EXIT_USAGE;
      if ((value = xarxa_cli_option_value (argv, argc, &i, option)) == NULL)
        return XARXA_CLI_EXIT_USAGE;
      if ((status = add_value (type, given, name, option, value)) >= 0)
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
          g_autofree char *a = field_value_to_text (have);
          g_autofree char *b = field_value_to_text (wanted);

          if (!g_str_equal (a, b))
            return FALSE;
        }
    }
  return TRUE;
}

/* Search in the records of a type that has no full-text index: every word
 * (accents and case folded) must be in one of its text fields. */
static gboolean
record_matches_search (const XarxaRecordType *type,
                       JsonObject            *record,
                       const char *const     *folded_words)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *folded = NULL;

  for (guint i = 0; i < type->n_fields; i++)
    if (type->fields[i].kind == XARXA_FIELD_TEXT || type->fields[i].kind == XARXA_FIELD_SET)
      {
        g_autofree char *value = field_value_to_text (json_object_get_member (record, type->fields[i].name));

        g_string_append_printf (text, "%s\n", value);
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
      if (opts->search != NULL)
        words = fold_words (opts->search);
    }

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);

      if (!record_matches_filters (type, record, opts->filters))
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

  if ((type = expect_type (argv, argc, &status)) == NULL)
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
  return print_records (type, records, opts.format);
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

static int
print_show_text (const XarxaRecordType *type,
                 JsonObject            *record,
                 JsonObject            *children)
{
  g_autofree char *word = type_word (type);
  g_autofree char *head = g_strdup_printf ("%s %s", word, json_object_get_string_member (record, "id"));
  JsonObjectIter iter;
  const char *child_type;
  JsonNode *node;

  if (!print_text_line (head))
    return XARXA_CLI_EXIT_FAILED;
  for (guint i = 0; i < type->n_fields; i++)
    {
      g_autofree char *value = field_value_to_text (json_object_get_member (record, type->fields[i].name));
      g_autofree char *name = field_word (&type->fields[i]);
      g_autofree char *line = NULL;

      if (*value == '\0')
        continue;
      line = g_strdup_printf ("%s: %s", name, value);
      if (!print_text_line (line))
        return XARXA_CLI_EXIT_FAILED;
    }

  json_object_iter_init (&iter, children);
  while (json_object_iter_next (&iter, &child_type, &node))
    {
      const XarxaRecordType *ctype = xarxa_schema_lookup (child_type);
      JsonArray *array = json_node_get_array (node);
      g_autofree char *cword = type_word (ctype);
      g_autofree char *plural = plural_of (cword);
      g_autofree char *heading = NULL;

      if (json_array_get_length (array) == 0)
        continue;
      heading = g_strdup_printf ("%s (%u)", plural, json_array_get_length (array));
      if (!xarxa_cli_write_stdout ("\n", 1) || !print_text_line (heading))
        return XARXA_CLI_EXIT_FAILED;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *child = json_array_get_object_element (array, i);
          g_autofree char *title = record_title (ctype, child);
          g_autofree char *line = g_strdup_printf ("  %s\t%s", json_object_get_string_member (child, "id"), title);

          if (!print_text_line (line))
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

  if ((type = expect_type (argv, argc, &status)) == NULL)
    return status;
  if (argc < 3)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("show %s needs the id of the record."), argv[1]);
  if ((status = check_id_argument (type, argv[2])) >= 0)
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
  if ((record = get_live_record (store, type, argv[2], &status)) == NULL)
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
  return print_show_text (type, record, children);
}
