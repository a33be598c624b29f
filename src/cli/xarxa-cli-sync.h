/* xarxa-cli-sync.h — the "sync" and "conflicts" commands of xarxa-cli.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store.h"

G_BEGIN_DECLS

/* argv[0] is the command name; returns the exit status (0 done, 1 failed,
 * 2 bad arguments).  Errors are one line on stderr starting "xarxa-cli: ". */
int xarxa_cli_sync      (XarxaStore *store,
                         int         argc,
                         char      **argv);
int xarxa_cli_conflicts (XarxaStore *store,
                         int         argc,
                         char      **argv);

G_END_DECLS
