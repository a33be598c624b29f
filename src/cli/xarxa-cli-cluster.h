/* xarxa-cli-cluster.h — the cluster builder's commands: a cluster, a
 * decision or an indicator shown with what is computed from it, and the
 * shared social agenda (xarxa-cli-cluster.c).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "xarxa-cli-util.h"

G_BEGIN_DECLS

/* show TYPE ID [--format json|text]: a cluster, decision or indicator as
 * JSON with its computed figures (xarxa-cluster.h); anything else as the
 * generic show does. */
int xarxa_cli_cluster_show (XarxaCli  *cli,
                            char     **argv,
                            int        argc);
/* agenda [--cluster ID | --meeting ID] [--group-by kind|transition]
 *        [--format markdown|json] */
int xarxa_cli_agenda       (XarxaCli  *cli,
                            char     **argv,
                            int        argc);

/* The lines of the usage about these commands. */
void xarxa_cli_cluster_print_usage (FILE *out);

G_END_DECLS
