/* xarxa-cli-map.c — cluster-map: the network map of organisations and
 * clusters (xarxa-network-map.h) as JSON, for scripts and other tools to
 * draw or analyse.  The layout is the application's own: the same data
 * gives the same positions.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-cli-map.h"
#include "xarxa-network-map.h"

void
xarxa_cli_map_print_usage (FILE *out)
{
  g_return_if_fail (out != NULL);

  fprintf (out, "%s\n\n", _("Network map:\n"
                            "  cluster-map [--cluster ID] [--format json]\n"
                            "                                    Organisations and the clusters they belong to, laid\n"
                            "                                    out, with their betweenness: the whole network, or one\n"
                            "                                    cluster with its members and their other clusters"));
}

int
xarxa_cli_cluster_map (XarxaCli  *cli,
                       char     **argv,
                       int        argc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaNetworkMap) map = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *cluster_id = NULL;
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
      else if (xarxa_cli_option_is (argv[i], "--format"))
        {
          if ((value = xarxa_cli_option_value (argv, argc, &i, "--format")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
          if (!g_str_equal (value, "json"))
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                   _("“%s” is not a format of the network map. Use json."), value);
        }
      else
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                               _("Unexpected argument “%s”. cluster-map takes --cluster ID and --format json."),
                               argv[i]);
    }

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  map = xarxa_network_map_load (store, cluster_id, &error);
  if (map == NULL && g_error_matches (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND))
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("There is no cluster with the id “%s”. Run “xarxa-cli list clusters” to see their ids."),
                           cluster_id);
  if (map == NULL || !xarxa_network_map_layout (map, &error))
    return xarxa_cli_report_error (error);

  json = xarxa_network_map_to_json (map);
  root = json_node_init_object (json_node_alloc (), json);
  return xarxa_cli_print_json (root);
}
