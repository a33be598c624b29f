/* xarxa-cli-map.h — the network map of clusters on the command line
 * (xarxa-cli-map.c).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "xarxa-cli-util.h"

G_BEGIN_DECLS

/* cluster-map [--cluster ID] [--format json]: the map's nodes, laid out,
 * with their betweenness, and its links, as JSON. */
int  xarxa_cli_cluster_map             (XarxaCli  *cli,
                                        char     **argv,
                                        int        argc);

/* The lines of the usage about this command. */
void xarxa_cli_map_print_usage         (FILE      *out);

G_END_DECLS
