/* xarxa-library-transfer.h — the Library view's documents out (CSV or
 * CSL-JSON, for Zotero and citation tools) and in (a Zotero export).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

/* Writes the documents of @rowids (gint64, as listed) to @file: CSV when
 * its name ends in ".csv", else CSL-JSON.  Interviews without consent are
 * left out and counted in *@n_left_out; *@n_written the others. */
gboolean xarxa_library_export_rowids   (XarxaStore  *store,
                                        GArray      *rowids,
                                        GFile       *file,
                                        guint       *n_written,
                                        guint       *n_left_out,
                                        GError     **error);
/* Asks where, then exports, and says in a toast on @widget how many were
 * written and how many interviews were left out. */
void     xarxa_library_export_ask      (GtkWidget   *widget,
                                        XarxaStore  *store,
                                        GArray      *rowids);
/* Asks for a CSL-JSON file (a Zotero export), imports it and shows what
 * was imported and rejected in a report window. */
void     xarxa_library_import_csl_ask  (GtkWidget   *widget,
                                        XarxaStore  *store);
/* Imports @file and shows its report over @widget's window; FALSE with a
 * toast when the file is not CSL-JSON at all. */
gboolean xarxa_library_import_csl_file (GtkWidget   *widget,
                                        XarxaStore  *store,
                                        GFile       *file);

G_END_DECLS
