/* xarxa-cli-records.c — add, set and delete over every record type, and
 * what the record commands share: types, fields and values as the command
 * line writes them.
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
#include <string.h>

#include "xarxa-cli-records.h"
#include "xarxa-validate.h"
#include "xarxa-value.h"

/* ---- types and fields -------------------------------------------------------- */

/* "cluster_member" → "cluster-member": the type as the command line writes it. */
char *
xarxa_cli_type_word (const XarxaRecordType *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  return g_strdelimit (g_strdup (type->name), "_", '-');
}

char *
xarxa_cli_field_word (const XarxaFieldInfo *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return g_strdelimit (g_strdup (field->name), "_", '-');
}

char *
xarxa_cli_plural_of (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

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
      g_autofree char *plural = xarxa_cli_plural_of (types[i]->name);

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
      g_autofree char *word = xarxa_cli_type_word (types[i]);

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
      g_autofree char *word = xarxa_cli_field_word (&type->fields[i]);

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", word);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* argv[1] as a type, or NULL after printing what is wrong in *status. */
const XarxaRecordType *
xarxa_cli_expect_type (char **argv,
                       int    argc,
                       int   *status)
{
  const XarxaRecordType *type;
  g_autofree char *known = xarxa_cli_type_words ();

  g_return_val_if_fail (argv != NULL && status != NULL, NULL);

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
const XarxaFieldInfo *
xarxa_cli_expect_field (const XarxaRecordType *type,
                        const char            *name,
                        const char            *as_typed)
{
  g_autofree char *field_name = NULL;
  const XarxaFieldInfo *field;

  g_return_val_if_fail (type != NULL && name != NULL && as_typed != NULL, NULL);

  field_name = g_strdelimit (g_strdup (name), "-", '_');
  field = xarxa_record_type_field (type, field_name);
  if (field == NULL)
    {
      g_autofree char *word = xarxa_cli_type_word (type);
      g_autofree char *fields = all_field_words (type);

      /* Translators: “--colour” is not a field of Cluster (cluster). Its fields: … */
      xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("“%s” is not a field of %s (%s). Its fields: %s."),
                      as_typed, xarxa_record_type_get_singular (type), word, fields);
    }
  return field;
}

/* ---- values -------------------------------------------------------------------- */

/* Text from the command line as a field's value, by the core's one
 * conversion (sets split on commas or semicolons, numbers, yes/no, choice
 * labels and country names), then checked by the schema's validation, so
 * a bad value is refused before the database is even opened. */
static JsonNode *
field_value_from_text (const XarxaRecordType *type,
                       const XarxaFieldInfo  *field,
                       const char            *text,
                       GError               **error)
{
  g_autoptr(JsonNode) node = xarxa_field_value_from_text (field, text, error);

  if (node == NULL || !xarxa_validate_field (type, field->name, node, error))
    return NULL;
  return g_steal_pointer (&node);
}

char *
xarxa_cli_field_value_to_text (const XarxaFieldInfo *field,
                               JsonNode             *node)
{
  char *text;

  g_return_val_if_fail (field != NULL, NULL);

  text = xarxa_field_value_to_text (field, node);
  return text != NULL ? text : g_strdup ("");
}

/* Converts and checks one FIELD VALUE into values.  Returns -1, or the exit
 * status after printing one line that names the field as typed. */
int
xarxa_cli_add_value (const XarxaRecordType *type,
                     JsonObject            *values,
                     const char            *name,
                     const char            *as_typed,
                     const char            *text)
{
  const XarxaFieldInfo *field;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_return_val_if_fail (type != NULL && values != NULL && name != NULL, XARXA_CLI_EXIT_FAILED);

  if ((field = xarxa_cli_expect_field (type, name, as_typed)) == NULL)
    return XARXA_CLI_EXIT_USAGE;
  node = field_value_from_text (type, field, text, &error);
  if (node == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, "%s (%s): %s",
                           name, xarxa_field_info_get_label (field), error->message);
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

      if (field->kind != XARXA_FIELD_REF || field->ref_type == NULL ||
          !json_object_has_member (values, field->name))
        continue;
      id = json_object_get_string_member_with_default (values, field->name, NULL);
      if (id == NULL)
        continue;
      target = xarxa_store_get_record (store, field->ref_type, id, &error);
      if (target == NULL && !g_error_matches (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND))
        return xarxa_cli_report_error (error);
      if (target == NULL || json_object_get_boolean_member_with_default (target, "deleted", FALSE))
        {
          const XarxaRecordType *target_type = xarxa_schema_lookup (field->ref_type);
          g_autofree char *name = xarxa_cli_field_word (field);
          g_autofree char *word = xarxa_cli_type_word (target_type);
          g_autofree char *plural = xarxa_cli_plural_of (word);

          /* Translators: "cluster-id (Cluster): no Cluster has the id …". */
          return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                 _("%s (%s): no %s has the id %s. Run “xarxa-cli list %s” to see the ids."),
                                 name, xarxa_field_info_get_label (field),
                                 xarxa_record_type_get_singular (target_type), id, plural);
        }
    }
  return -1;
}

int
xarxa_cli_check_id_argument (const XarxaRecordType *type,
                             const char            *id)
{
  g_return_val_if_fail (type != NULL && id != NULL, XARXA_CLI_EXIT_FAILED);

  if (!g_uuid_string_is_valid (id))
    {
      g_autofree char *word = xarxa_cli_type_word (type);
      g_autofree char *plural = xarxa_cli_plural_of (word);

      return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                             _("“%s” is not a record id. Run “xarxa-cli list %s” to see the ids."),
                             id, plural);
    }
  return -1;
}

/* The live record, or NULL after printing that it is not there. */
JsonObject *
xarxa_cli_get_live_record (XarxaStore            *store,
                           const XarxaRecordType *type,
                           const char            *id,
                           int                   *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store) && type != NULL && id != NULL && status != NULL, NULL);

  if ((record = xarxa_store_get_record (store, type->name, id, &error)) == NULL)
    {
      *status = xarxa_cli_report_error (error);
      return NULL;
    }
  if (json_object_get_boolean_member_with_default (record, "deleted", FALSE))
    {
      /* Translators: "The record 0192… (Cluster) is deleted." */
      *status = xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, _("The record %s (%s) is deleted."),
                                id, xarxa_record_type_get_singular (type));
      return NULL;
    }
  return g_steal_pointer (&record);
}

gboolean
xarxa_cli_print_text_line (const char *line)
{
  g_autofree char *one = NULL;

  g_return_val_if_fail (line != NULL, FALSE);

  one = g_strdelimit (g_strdup (line), "\r\n", ' ');
  return xarxa_cli_write_stdout (one, strlen (one)) && xarxa_cli_write_stdout ("\n", 1);
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

  if ((type = xarxa_cli_expect_type (argv, argc, &status)) == NULL)
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

      if (!g_str_equal (name, "id") && xarxa_cli_expect_field (type, name, option) == NULL)
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
      if ((status = xarxa_cli_add_value (type, values, name, option, value)) >= 0)
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
  if (!xarxa_cli_print_text_line (id))
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

  if ((type = xarxa_cli_expect_type (argv, argc, &status)) == NULL)
    return status;
  if (argc < 3)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("set %s needs the id of the record, then FIELD=VALUE."), argv[1]);
  if ((status = xarxa_cli_check_id_argument (type, argv[2])) >= 0)
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
      if ((status = xarxa_cli_add_value (type, changes, name, name, eq + 1)) >= 0)
        return status;
    }

  /* Nothing is there to change in a database that does not exist. */
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if ((record = xarxa_cli_get_live_record (store, type, argv[2], &status)) == NULL)
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

  if ((type = xarxa_cli_expect_type (argv, argc, &status)) == NULL)
    return status;
  if (argc < 3)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("delete %s needs the id of the record."), argv[1]);
  if (argc > 3)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("Unexpected argument “%s”. delete takes one id."), argv[3]);
  if ((status = xarxa_cli_check_id_argument (type, argv[2])) >= 0)
    return status;

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if ((record = xarxa_cli_get_live_record (store, type, argv[2], &status)) == NULL)
    return status;
  if (!xarxa_store_delete_record (store, type->name, argv[2], &error))
    return xarxa_cli_report_error (error);
  return XARXA_CLI_EXIT_OK;
}

