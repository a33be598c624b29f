/* xarxa-print.c — printing and saving as PDF from the application.
 *
 * The operation works in points from the paper's corner (full page), so
 * that XarxaPaper draws exactly as it does into a PDF file; the default
 * page setup is A4 and the file "Print to File" offers is named after the
 * document.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "xarxa-agenda-paper.h"
#include "xarxa-dossier.h"
#include "xarxa-mission-paper.h"
#include "xarxa-print.h"

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                XarxaPaper        *paper)
{
  gtk_print_operation_set_n_pages (operation, (int) xarxa_paper_paginate (paper));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              XarxaPaper        *paper)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = MIN (gtk_print_context_get_width (context) / XARXA_PAPER_WIDTH,
                      gtk_print_context_get_height (context) / XARXA_PAPER_HEIGHT);

  /* Laid out for A4: on smaller paper (Letter) the page shrinks to fit
   * rather than losing its foot. */
  cairo_save (cr);
  if (scale > 0 && scale < 0.999)
    cairo_scale (cr, scale, scale);
  xarxa_paper_draw_page (paper, cr, (guint) page_nr);
  cairo_restore (cr);
}

/* A file name from a title: no slashes, no leading dots. */
static char *
file_name_of (const char *title)
{
  g_autofree char *name = g_strdelimit (g_strdup (title != NULL && *title != '\0' ? title : "xarxa"), "/\\:", '-');

  return g_strdup (g_strstrip (name[0] == '.' ? name + 1 : name));
}

GtkPrintOperation *
xarxa_print_operation_new (XarxaPaper *paper)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *basename = file_name_of (xarxa_paper_get_title (paper));

  g_return_val_if_fail (XARXA_IS_PAPER (paper), NULL);

  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, xarxa_paper_get_title (paper));
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
  /* "Print to File" proposes BASENAME.pdf. */
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, basename);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_operation_set_print_settings (operation, settings);

  g_object_set_data_full (G_OBJECT (operation), "xarxa-paper", g_object_ref (paper), g_object_unref);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), paper, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), paper, 0);
  return operation;
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  GtkWindow *parent = g_object_get_data (G_OBJECT (operation), "xarxa-parent");
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  show_error (parent, _("Could Not Print"),
              error != NULL ? error->message : _("The document could not be printed. Check the printer and try again."));
}

void
xarxa_print_paper (GtkWindow  *parent,
                   XarxaPaper *paper)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (XARXA_IS_PAPER (paper));

  operation = xarxa_print_operation_new (paper);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (parent != NULL)
    g_object_set_data_full (G_OBJECT (operation), "xarxa-parent", g_object_ref (parent), g_object_unref);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), NULL);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  /* When the work goes on after the dialog, "done" reports the end. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    show_error (parent, _("Could Not Print"), error->message);
}

static void
print_or_say (GtkWindow  *parent,
              XarxaPaper *paper,
              GError     *error)
{
  if (paper == NULL)
    show_error (parent, _("Could Not Print"), error != NULL ? error->message : "");
  else
    xarxa_print_paper (parent, paper);
}

void
xarxa_print_cluster (GtkWindow  *parent,
                     XarxaStore *store,
                     const char *cluster_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaPaper) paper = NULL;

  g_return_if_fail (XARXA_IS_STORE (store));
  g_return_if_fail (cluster_id != NULL);

  paper = xarxa_dossier_new (store, cluster_id, NULL, &error);
  print_or_say (parent, paper, error);
}

void
xarxa_print_mission (GtkWindow  *parent,
                     XarxaStore *store,
                     const char *mission_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaPaper) paper = NULL;

  g_return_if_fail (XARXA_IS_STORE (store));
  g_return_if_fail (mission_id != NULL);

  paper = xarxa_mission_paper_new (store, mission_id, &error);
  print_or_say (parent, paper, error);
}

void
xarxa_print_agenda (GtkWindow  *parent,
                    XarxaStore *store,
                    const char *cluster_id,
                    const char *meeting_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaPaper) paper = NULL;

  g_return_if_fail (XARXA_IS_STORE (store));

  paper = xarxa_agenda_paper_new (store, cluster_id, meeting_id, &error);
  print_or_say (parent, paper, error);
}
