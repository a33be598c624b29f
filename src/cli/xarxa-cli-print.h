/* xarxa-cli-print.h — xarxa-cli's export-pdf: a cluster's dossier, a
 * mission's itinerary or a shared agenda as a PDF file.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "xarxa-cli-util.h"

G_BEGIN_DECLS

/* export-pdf's part of the usage text. */
void xarxa_cli_print_usage     (FILE       *out);
/* export-pdf cluster ID FILE | mission ID FILE |
 * agenda --cluster ID|--meeting ID|--network FILE */
int  xarxa_cli_export_pdf      (XarxaCli   *cli,
                                char      **argv,
                                int         argc);

G_END_DECLS
