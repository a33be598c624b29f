/* xarxa-cli-mission.c — xarxa-cli's mission commands.
 *
 * export-ics writes the itinerary's iCalendar (xarxa-mission-ics.c) to a
 * file, whole or not at all, or to standard output; ready lists what the
 * mission still needs on this device (xarxa-mission-ready.c), one item a
 * line or as a JSON array; show mission --format json adds the mission's
 * itinerary (xarxa-mission.c) to what show gives for every record;
 * promote makes a field note an agenda item (xarxa-field-note-promote.c).
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
#include "xarxa-cli-records.h"
#include "xarxa-field-note-promote.h"
#include "xarxa-mission.h"
#include "xarxa-mission-ics.h"
#include "xarxa-mission-ready.h"

void
xarxa_cli_mission_print_usage (FILE *out)
{
  g_return_if_fail (out != NULL);

  fprintf (out, "%s\n\n", _("Missions (times are the destination’s wall-clock time, without offset):\n"
                            "  show mission ID --format json     The mission with its participants, its stops in\n"
                            "                                    order with their zone and warnings, and its notes\n"
                            "  export-ics mission ID FILE|-      The itinerary as an iCalendar file\n"
                            "  ready mission ID [--format json]  What this device still needs for the trip\n"
                            "  promote field-note ID --cluster ID|--network --kind challenge|need|innovation-trend|priority\n"
                            "                                    Put a field note on a cluster’s or the network’s agenda"));
}

/* argv[1] must be "mission" and argv[2] a mission's id: -1, or the exit
 * status after saying what is wrong. */
static int
expect_mission (const char  *command,
                char       **argv,
                int          argc)
{
  if (argc < 3 || g_strcmp0 (argv[1], "mission") != 0)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("%s works on a mission: write “%s mission ID”."), command, command);
  return xarxa_cli_check_id_argument (xarxa_schema_lookup ("mission"), argv[2]);
}

int
xarxa_cli_mission_add_itinerary (XarxaStore *store,
                                 const char *mission_id,
                                 JsonObject *shown)
{
  const char *const members[] = { "participants", "stops", "field_notes" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) mission = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), XARXA_CLI_EXIT_FAILED);
  g_return_val_if_fail (mission_id != NULL, XARXA_CLI_EXIT_FAILED);
  g_return_val_if_fail (shown != NULL, XARXA_CLI_EXIT_FAILED);

  mission = xarxa_mission_to_json (store, mission_id, FALSE, &error);
  if (mission == NULL)
    return xarxa_cli_report_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    json_object_set_member (shown, members[i], json_node_copy (json_object_get_member (mission, members[i])));
  return -1;
}

int
xarxa_cli_export_ics (XarxaCli  *cli,
                      char     **argv,
                      int        argc)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  XarxaStore *store;
  int status;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if ((status = expect_mission ("export-ics", argv, argc)) >= 0)
    return status;
  if (argc < 4)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("export-ics needs a file to write, or - for standard output."));
  if (argc > 4)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("Unexpected argument “%s”. export-ics takes a mission’s id and a file."), argv[4]);
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if ((ics = xarxa_mission_to_ics (store, argv[2], &error)) == NULL)
    return xarxa_cli_report_error (error);
  if (strcmp (argv[3], "-") == 0)
    return xarxa_cli_write_stdout (ics, strlen (ics)) ? XARXA_CLI_EXIT_OK : XARXA_CLI_EXIT_FAILED;
  /* Written to a temporary file and renamed: a file that was there stays
   * whole if anything fails. */
  if (!g_file_set_contents (argv[3], ics, -1, &error))
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, _("Could not write “%s”: %s. Check the folder exists and can be written to."),
                           argv[3], error->message);
  return XARXA_CLI_EXIT_OK;
}

int
xarxa_cli_ready (XarxaCli  *cli,
                 char     **argv,
                 int        argc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  XarxaCliFormat format = XARXA_CLI_FORMAT_TEXT;
  XarxaStore *store;
  int status;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if ((status = expect_mission ("ready", argv, argc)) >= 0)
    return status;
  for (int i = 3; i < argc; i++)
    {
      const char *value;

      if (!xarxa_cli_option_is (argv[i], "--format"))
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                               _("Unexpected argument “%s”. ready takes a mission’s id and --format json|text."), argv[i]);
      if ((value = xarxa_cli_option_value (argv, argc, &i, "--format")) == NULL)
        return XARXA_CLI_EXIT_USAGE;
      if ((status = xarxa_cli_parse_format (value, FALSE, &format)) >= 0)
        return status;
    }
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if ((items = xarxa_mission_ready (store, argv[2], &error)) == NULL)
    return xarxa_cli_report_error (error);

  if (format == XARXA_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = NULL;

      for (guint i = 0; i < items->len; i++)
        {
          XarxaReadyItem *item = g_ptr_array_index (items, i);
          JsonObject *obj = json_object_new ();

          json_object_set_string_member (obj, "code", item->code);
          if (item->record_type != NULL)
            {
              json_object_set_string_member (obj, "record_type", item->record_type);
              json_object_set_string_member (obj, "record_id", item->record_id);
            }
          json_object_set_string_member (obj, "message", item->message);
          json_array_add_object_element (array, obj);
        }
      root = json_node_init_array (json_node_alloc (), array);
      return xarxa_cli_print_json (root);
    }
  if (items->len == 0)
    return xarxa_cli_print_text_line (_("Ready to travel: this device holds everything the mission needs."))
           ? XARXA_CLI_EXIT_OK : XARXA_CLI_EXIT_FAILED;
  for (guint i = 0; i < items->len; i++)
    if (!xarxa_cli_print_text_line (((XarxaReadyItem *) g_ptr_array_index (items, i))->message))
      return XARXA_CLI_EXIT_FAILED;
  return XARXA_CLI_EXIT_OK;
}

int
xarxa_cli_promote (XarxaCli  *cli,
                   char     **argv,
                   int        argc)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *cluster_id = NULL;
  const char *kind = NULL;
  gboolean network = FALSE;
  XarxaStore *store;
  int status;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if (argc < 3 || g_strcmp0 (argv[1], "field-note") != 0)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("promote works on a field note: write “promote field-note ID --cluster ID|--network --kind KIND”."));
  if ((status = xarxa_cli_check_id_argument (xarxa_schema_lookup ("field_note"), argv[2])) >= 0)
    return status;
  for (int i = 3; i < argc; i++)
    {
      if (xarxa_cli_option_is (argv[i], "--cluster"))
        {
          if ((cluster_id = xarxa_cli_option_value (argv, argc, &i, "--cluster")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
        }
      else if (xarxa_cli_option_is (argv[i], "--kind"))
        {
          if ((kind = xarxa_cli_option_value (argv, argc, &i, "--kind")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
        }
      else if (g_strcmp0 (argv[i], "--network") == 0)
        network = TRUE;
      else
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                               _("Unexpected argument “%s”. promote takes a field note’s id, --cluster ID or --network, and --kind."),
                               argv[i]);
    }
  if ((cluster_id != NULL) == network)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("Say whose agenda: --cluster ID or --network, one of the two."));
  if (kind == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("Say what kind of agenda item: --kind challenge, need, innovation-trend or priority."));
  if (cluster_id != NULL &&
      (status = xarxa_cli_check_id_argument (xarxa_schema_lookup ("cluster"), cluster_id)) >= 0)
    return status;
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_WRITES, &status)) == NULL)
    return status;
  if ((id = xarxa_field_note_promote (store, argv[2], cluster_id, kind, &error)) == NULL)
    {
      /* An id that names nothing is the caller's mistake, like a bad kind. */
      if (g_error_matches (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND))
        {
          xarxa_cli_print_error (error->message);
          return XARXA_CLI_EXIT_USAGE;
        }
      return xarxa_cli_report_error (error);
    }
  return xarxa_cli_print_text_line (id) ? XARXA_CLI_EXIT_OK : XARXA_CLI_EXIT_FAILED;
}
