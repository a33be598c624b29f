/* xarxa-cli-library.h — the knowledge library's commands: a document
 * added with its file, its file written back, the search across every
 * view, and CSL-JSON out and in (xarxa-cli-library.c).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "xarxa-cli-util.h"

G_BEGIN_DECLS

/* add document --file PATH [--FIELD VALUE…]; add document-link (its id
 * made from its pair); any other add as the generic add does. */
int  xarxa_cli_library_add         (XarxaCli  *cli,
                                    char     **argv,
                                    int        argc);
/* export-file document ID PATH */
int  xarxa_cli_export_file         (XarxaCli  *cli,
                                    char     **argv,
                                    int        argc);
/* search TEXT [--type TYPE…] [--limit N] [--format json|text] */
int  xarxa_cli_search              (XarxaCli  *cli,
                                    char     **argv,
                                    int        argc);
/* export-csl FILE|- [--format csl|csv] [--search TEXT] [--FIELD VALUE…] */
int  xarxa_cli_export_csl          (XarxaCli  *cli,
                                    char     **argv,
                                    int        argc);
/* import-csl FILE */
int  xarxa_cli_import_csl          (XarxaCli  *cli,
                                    char     **argv,
                                    int        argc);

/* The lines of the usage about these commands. */
void xarxa_cli_library_print_usage (FILE *out);

G_END_DECLS
