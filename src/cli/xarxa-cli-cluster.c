/* xarxa-cli-cluster.c — the cluster builder on the command line: show of a
 * cluster, a decision or an indicator with its computed figures, and the
 * ranked shared social agenda as Markdown or JSON.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-cli-cluster.h"
#include "xarxa-cli-records.h"
#include "xarxa-cluster.h"

void
xarxa_cli_cluster_print_usage (FILE *out)
{
  g_return_if_fail (out != NULL);

  fprintf (out, "%s\n\n", _("Clusters:\n"
                            "  show cluster|decision|indicator ID --format json\n"
                            "                                    The record with what is computed from it: progress,\n"
                            "                                    overdue actions, consensus, members and the agenda\n"
                            "  agenda [--cluster ID | --meeting ID] [--group-by kind|transition]\n"
                            "         [--format markdown|json]\n"
                            "                                    The shared social agenda, ranked by how many\n"
                            "                                    organisations support each item"));
}

static int
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), object);

  return xarxa_cli_print_json (root);
}

int
xarxa_cli_cluster_show (XarxaCli  *cli,
                        char     **argv,
                        int        argc)
{
  const XarxaRecordType *type;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) shown = NULL;
  XarxaCliFormat format = XARXA_CLI_FORMAT_TEXT;
  XarxaStore *store;
  int status = XARXA_CLI_EXIT_USAGE;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  /* Only the JSON of these three types is computed here. */
  type = argc >= 2 ? xarxa_cli_lookup_type (argv[1]) : NULL;
  if (type == NULL || argc < 3 ||
      (strcmp (type->name, "cluster") != 0 && strcmp (type->name, "decision") != 0 &&
       strcmp (type->name, "indicator") != 0))
    return xarxa_cli_show (cli, argv, argc);
  for (int i = 3; i < argc; i++)
    {
      const char *value;

      if (!xarxa_cli_option_is (argv[i], "--format"))
        return xarxa_cli_show (cli, argv, argc);
      if ((value = xarxa_cli_option_value (argv, argc, &i, "--format")) == NULL)
        return XARXA_CLI_EXIT_USAGE;
      if ((status = xarxa_cli_parse_format (value, FALSE, &format)) >= 0)
        return status;
    }
  if (format != XARXA_CLI_FORMAT_JSON)
    return xarxa_cli_show (cli, argv, argc);

  if ((status = xarxa_cli_check_id_argument (type, argv[2])) >= 0)
    return status;
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if ((record = xarxa_cli_get_live_record (store, type, argv[2], &status)) == NULL)
    return status;
  if (strcmp (type->name, "cluster") == 0)
    shown = xarxa_cluster_to_json (store, argv[2], NULL, &error);
  else if (strcmp (type->name, "decision") == 0)
    shown = xarxa_decision_to_json (store, argv[2], &error);
  else
    shown = xarxa_indicator_to_json (store, argv[2], &error);
  if (shown == NULL)
    return xarxa_cli_report_error (error);
  /* What the generic show gives every record, so scripts find it too. */
  {
    JsonObject *children = xarxa_cli_children_of (store, type, argv[2], &error);

    if (children == NULL)
      return xarxa_cli_report_error (error);
    json_object_set_object_member (shown, "children", children);
  }
  return print_object (shown);
}

/* The id given to --cluster or --meeting: checked, and live. */
static int
expect_live (XarxaStore *store,
             const char *type_name,
             const char *id)
{
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);
  g_autoptr(JsonObject) record = NULL;
  int status;

  if (id == NULL)
    return -1;
  if ((status = xarxa_cli_check_id_argument (type, id)) >= 0)
    return status;
  if ((record = xarxa_cli_get_live_record (store, type, id, &status)) == NULL)
    return status;
  return -1;
}

int
xarxa_cli_agenda (XarxaCli  *cli,
                  char     **argv,
                  int        argc)
{
  g_autoptr(GError) error = NULL;
  const char *cluster_id = NULL;
  const char *meeting_id = NULL;
  gboolean json = FALSE;
  XarxaAgendaGrouping grouping = XARXA_AGENDA_BY_KIND;
  XarxaStore *store;
  int status;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  for (int i = 1; i < argc; i++)
    {
      const char *value;

      if (xarxa_cli_option_is (argv[i], "--cluster"))
        {
          if ((cluster_id = xarxa_cli_option_value (argv, argc, &i, "--cluster")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
        }
      else if (xarxa_cli_option_is (argv[i], "--meeting"))
        {
          if ((meeting_id = xarxa_cli_option_value (argv, argc, &i, "--meeting")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
        }
      else if (xarxa_cli_option_is (argv[i], "--format"))
        {
          if ((value = xarxa_cli_option_value (argv, argc, &i, "--format")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
          if (g_str_equal (value, "json"))
            json = TRUE;
          else if (g_str_equal (value, "markdown"))
            json = FALSE;
          else
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                   _("“%s” is not a format of the agenda. Use markdown or json."), value);
        }
      else if (xarxa_cli_option_is (argv[i], "--group-by"))
        {
          if ((value = xarxa_cli_option_value (argv, argc, &i, "--group-by")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
          if (g_str_equal (value, "kind"))
            grouping = XARXA_AGENDA_BY_KIND;
          else if (g_str_equal (value, "transition"))
            grouping = XARXA_AGENDA_BY_TRANSITION;
          else
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                   _("The agenda is grouped by kind or by transition, not by “%s”."), value);
        }
      else
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                               _("Unexpected argument “%s”. agenda takes --cluster ID or --meeting ID, "
                                 "--group-by kind|transition and --format markdown|json."), argv[i]);
    }
  if (cluster_id != NULL && meeting_id != NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("Give --cluster or --meeting, not both: a meeting’s agenda is part of its cluster’s."));

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if ((status = expect_live (store, "cluster", cluster_id)) >= 0 ||
      (status = expect_live (store, "meeting", meeting_id)) >= 0)
    return status;
  if (json)
    {
      g_autoptr(JsonObject) agenda = xarxa_agenda_to_json (store, cluster_id, meeting_id, grouping, &error);

      if (agenda == NULL)
        return xarxa_cli_report_error (error);
      return print_object (agenda);
    }
  else
    {
      g_autofree char *md = xarxa_agenda_to_markdown (store, cluster_id, meeting_id, grouping, &error);

      if (md == NULL)
        return xarxa_cli_report_error (error);
      if (!xarxa_cli_write_stdout (md, strlen (md)))
        return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, _("The agenda could not be written out."));
      return XARXA_CLI_EXIT_OK;
    }
}
