/* sync-cli-main.c — a stand-in xarxa-cli with only "sync" and "conflicts",
 * so that test-sync can run the real command code in a subprocess before
 * (and whether or not) xarxa-cli itself wires them.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "xarxa-cli-sync.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  if (argc < 4 || strcmp (argv[1], "--db") != 0)
    {
      fprintf (stderr, "usage: sync-cli --db FILE sync|conflicts ARGS…\n");
      return 2;
    }
  store = xarxa_store_open (argv[2], &error);
  if (store == NULL)
    {
      fprintf (stderr, "xarxa-cli: %s\n", error->message);
      return 1;
    }
  if (strcmp (argv[3], "sync") == 0)
    status = xarxa_cli_sync (store, argc - 3, argv + 3);
  else if (strcmp (argv[3], "conflicts") == 0)
    status = xarxa_cli_conflicts (store, argc - 3, argv + 3);
  else
    status = 2;
  fflush (stdout);
  return status;
}
