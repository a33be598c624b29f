/* xarxa-csv-export.h — exporting the directory's list to a CSV file.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-query.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

/* Asks where (a file chooser over from's window), then writes the
 * organisations query selects there in a thread, and says how it went in a
 * toast.  Once at a time per window. */
void xarxa_csv_export_present (GtkWidget        *from,
                               XarxaStore       *store,
                               const XarxaQuery *query);

G_END_DECLS
