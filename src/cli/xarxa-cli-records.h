/* xarxa-cli-records.h — add, set, delete, list and show over every record
 * type of the schema.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-cli-util.h"

G_BEGIN_DECLS

/* "cluster-members", "cluster_member", "entities"… → its type, or NULL. */
const XarxaRecordType *xarxa_cli_lookup_type (const char *word);
/* "entity, contact, cluster, …": every type as the command line writes it. */
char                  *xarxa_cli_type_words  (void);

/* Each takes argv[0] = the command's name, argv[1] = the type, and returns
 * the exit status after printing what it did or what is wrong. */
int xarxa_cli_add    (XarxaCli  *cli,
                      char     **argv,
                      int        argc);
int xarxa_cli_set    (XarxaCli  *cli,
                      char     **argv,
                      int        argc);
int xarxa_cli_delete (XarxaCli  *cli,
                      char     **argv,
                      int        argc);
int xarxa_cli_list   (XarxaCli  *cli,
                      char     **argv,
                      int        argc);
int xarxa_cli_show   (XarxaCli  *cli,
                      char     **argv,
                      int        argc);
/* export-csv FILE|- [FILTERS…]: the directory's CSV. */
int xarxa_cli_export_csv (XarxaCli  *cli,
                          char     **argv,
                          int        argc);

G_END_DECLS
