/* test-print-ui.c — printing from the application, in-process under Xvfb:
 * the GtkPrintOperation over the cluster's dossier and the mission's
 * itinerary exported to a PDF file and read back with poppler, and the
 * cluster page's Print Dossier… button opening the print dialog.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtkunixprint.h>
#include <string.h>

#include "pdf-test-util.h"
#include "test-util.h"
#include "ui-test-util.h"
#include "xarxa-cluster-editor.h"
#include "xarxa-dossier.h"
#include "xarxa-example.h"
#include "xarxa-mission-editor.h"
#include "xarxa-mission-paper.h"
#include "xarxa-print.h"

typedef struct
{
  XarxaStore *store;
  char       *dir;
  char       *db;
  char       *pdf;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = test_open_store (&f->dir, &f->db);
  f->pdf = g_build_filename (f->dir, "printed.pdf", NULL);
  g_assert_true (xarxa_example_load (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->pdf);
  test_close_store (&f->store, &f->dir, &f->db);
}

static char *
find (XarxaStore *store,
      const char *type_name,
      const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = xarxa_store_search (store, type_name, words, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  return g_strdup (g_ptr_array_index (ids, 0));
}

/* Runs the operation as "Print to File" would, without the dialog. */
static GPtrArray *
export (Fixture    *f,
        XarxaPaper *paper)
{
  g_autoptr(GtkPrintOperation) operation = xarxa_print_operation_new (paper);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (operation, f->pdf);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  return test_pdf_read_pages (f->pdf);
}

static void
test_export_dossier (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = find (f->store, "cluster", "Aigua Territori");
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaPaper) paper = xarxa_dossier_new (f->store, id, NULL, &error);
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  pages = export (f, paper);
  g_assert_cmpuint (pages->len, >=, 2);
  g_assert_cmpuint (pages->len, ==, xarxa_paper_get_n_pages (paper));
  text = test_pdf_all_text (pages);
  g_assert_nonnull (strstr (g_ptr_array_index (pages, 0), "Clúster Aigua i Territori"));
  g_assert_nonnull (strstr (g_ptr_array_index (pages, 0), "Page 1 of"));
  g_assert_nonnull (strstr (text, "Fundación Mar de Huerta"));
  g_assert_nonnull (strstr (text, "Shared social agenda"));
}

static void
test_export_mission (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = find (f->store, "mission", "habitatge cooperatiu Montréal");
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaPaper) paper = xarxa_mission_paper_new (f->store, id, &error);
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  pages = export (f, paper);
  g_assert_cmpuint (pages->len, >=, 2);
  text = test_pdf_all_text (pages);
  g_assert_nonnull (strstr (text, "Emergency contacts"));
  g_assert_nonnull (strstr (text, "Marta Vidal Soler"));
  g_assert_null (strstr (text, "vegetarià"));
}

static gboolean
is_print_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static GtkWindow *
print_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_PRINT_UNIX_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
test_editor_button (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = find (f->store, "cluster", "Aigua Territori");
  GtkWidget *window = gtk_window_new ();
  XarxaClusterEditor *editor = g_object_new (XARXA_TYPE_CLUSTER_EDITOR, NULL);
  GtkWidget *button;
  GtkWindow *dialog;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  xarxa_cluster_editor_set_store (editor, f->store);
  xarxa_cluster_editor_set_cluster (editor, id);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (window));

  button = find_descendant (GTK_WIDGET (editor), is_print_button, "cluster.print-dossier");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)))), ==,
                   "_Print Dossier…");
  gtk_widget_activate (button);
  WAIT_FOR ((dialog = print_dialog ()) != NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  WAIT_FOR (print_dialog () == NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* The mission's page prints its itinerary the same way. */
static void
test_mission_button (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = find (f->store, "mission", "Montréal");
  GtkWidget *window = gtk_window_new ();
  XarxaMissionEditor *editor = g_object_new (XARXA_TYPE_MISSION_EDITOR, NULL);
  GtkWidget *button;
  GtkWindow *dialog;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  xarxa_mission_editor_set_store (editor, f->store);
  xarxa_mission_editor_set_mission (editor, id);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (window));

  button = find_descendant (GTK_WIDGET (editor), is_print_button, "mission.print");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)))), ==,
                   "_Print Itinerary…");
  gtk_widget_activate (button);
  WAIT_FOR ((dialog = print_dialog ()) != NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  WAIT_FOR (print_dialog () == NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  /* Only "Print to File": no printers (CUPS) to find, and no keyring they
   * would ask for credentials. */
  g_object_set (gtk_settings_get_default (), "gtk-print-backends", "file", NULL);

  g_test_add ("/print-ui/export-dossier", Fixture, NULL, fixture_set_up, test_export_dossier, fixture_tear_down);
  g_test_add ("/print-ui/export-mission", Fixture, NULL, fixture_set_up, test_export_mission, fixture_tear_down);
  g_test_add ("/print-ui/editor-button", Fixture, NULL, fixture_set_up, test_editor_button, fixture_tear_down);
  g_test_add ("/print-ui/mission-button", Fixture, NULL, fixture_set_up, test_mission_button, fixture_tear_down);
  return g_test_run ();
}
