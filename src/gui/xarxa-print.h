/* xarxa-print.h — printing and saving as PDF from the application: a
 * GtkPrintOperation over a XarxaPaper (src/render), the same drawing the
 * command line writes.  A4, with "Print to File" offering a PDF named
 * after the document.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-paper.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

/* Makes the operation that prints @paper: begin-print lays it out,
 * draw-page draws each page. */
GtkPrintOperation *xarxa_print_operation_new (XarxaPaper  *paper);

/* Shows the print dialog for @paper over @parent and prints it, or saves
 * it as a PDF file; what goes wrong is said in a dialog. */
void               xarxa_print_paper         (GtkWindow   *parent,
                                              XarxaPaper  *paper);
/* The cluster's dossier, the mission's itinerary, the agenda of a
 * cluster, a meeting or (both NULL) the whole network.  A record that is
 * not there is said in a dialog. */
void               xarxa_print_cluster       (GtkWindow   *parent,
                                              XarxaStore  *store,
                                              const char  *cluster_id);
void               xarxa_print_mission       (GtkWindow   *parent,
                                              XarxaStore  *store,
                                              const char  *mission_id);
void               xarxa_print_agenda        (GtkWindow   *parent,
                                              XarxaStore  *store,
                                              const char  *cluster_id,
                                              const char  *meeting_id);

G_END_DECLS
