/* test-import-ui.c — the CSV import window, driven as a person would.
 *
 * Runs in-process under Xvfb: builds the real import window for a file,
 * reads what its pages show, presses its buttons and checks the database.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-import-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "xarxa-import-dialog.h"
#include "xarxa-store.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  char       *dir;
  char       *db_path;
  XarxaStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = test_open_store (&fixture->dir, &fixture->db_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_close_store (&fixture->store, &fixture->dir, &fixture->db_path);
}

/* Writes text (UTF-8 in the source) to a file in the fixture's directory,
 * converted to Latin-1 when asked. */
static GFile *
write_csv (Fixture    *fixture,
           const char *name,
           const char *text,
           gboolean    latin1)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = strlen (text);

  if (latin1)
    {
      bytes = g_convert (text, -1, "ISO-8859-1", "UTF-8", NULL, &len, &error);
      g_assert_no_error (error);
    }
  else
    bytes = g_strdup (text);

  g_file_set_contents (path, bytes, len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
run_pending (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Waits while the window reads or imports in its thread. */
static void
wait_until_idle (XarxaImportDialog *dialog)
{
  while (g_str_equal (xarxa_import_dialog_get_page (dialog), "loading") ||
         g_str_equal (xarxa_import_dialog_get_page (dialog), "importing"))
    g_main_context_iteration (NULL, TRUE);
  run_pending ();
}

static XarxaImportDialog *
open_dialog (Fixture *fixture,
             GFile   *file)
{
  XarxaImportDialog *dialog = xarxa_import_dialog_new_for_file (NULL, fixture->store, file);

  g_assert_nonnull (dialog);
  /* The toplevel is owned by GTK; the test keeps one reference to check
   * that it is finalized once closed. */
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  while (!gtk_widget_get_mapped (GTK_WIDGET (dialog)))
    g_main_context_iteration (NULL, TRUE);
  wait_until_idle (dialog);
  return dialog;
}

static void
close_dialog (XarxaImportDialog *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
  run_pending ();
  g_assert_finalize_object (dialog);
}

/* Finding what a person sees: mapped widgets only. */

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static void
collect_widgets (GtkWidget   *widget,
                 WidgetMatch  match,
                 gconstpointer data,
                 GPtrArray   *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (match (widget, data))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, match, data, found);
}

static GtkWidget *
find_one (XarxaImportDialog *dialog,
          WidgetMatch        match,
          gconstpointer      data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (dialog), match, data, found);
  return found->len == 1 ? g_ptr_array_index (found, 0) : NULL;
}

static guint
count_widgets (XarxaImportDialog *dialog,
               WidgetMatch        match,
               gconstpointer      data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (dialog), match, data, found);
  return found->len;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_combo_row_titled (GtkWidget     *widget,
                     gconstpointer  data)
{
  return ADW_IS_COMBO_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_combo_row (GtkWidget     *widget,
              gconstpointer  data)
{
  return ADW_IS_COMBO_ROW (widget);
}

static gboolean
is_report_row (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) && !ADW_IS_COMBO_ROW (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Line ");
}

static gboolean
is_action_row_titled (GtkWidget     *widget,
                      gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static GtkWidget *
find_button (XarxaImportDialog *dialog,
             const char        *label)
{
  GtkWidget *button = find_one (dialog, is_button_labelled, label);

  if (button == NULL)
    g_error ("No single button “%s” on show", label);
  return button;
}

static const char *
combo_choice (GtkWidget *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

static guint
choice_index (GtkWidget  *row,
              const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        return i;
    }
  g_error ("No choice “%s”", label);
}

/* A spreadsheet saved by a Catalan office suite: semicolons, Latin-1, and
 * one row (line 4) with no name. */
static const char partners_csv[] =
  "Nom;País;Ciutat;Correu electrònic\r\n"
  "Fundació Pere Tarrés;ES;Barcelona;info@example.org\r\n"
  "Cooperativa Abacus;ES;Barcelona;hola@example.coop\r\n"
  ";ES;Girona;sense-nom@example.cat\r\n"
  "Associació Drecera;ES;Lleida;drecera@example.org\r\n";

static void
count_changed_cb (XarxaStore *store,
                  const char *type_name,
                  const char *id,
                  guint      *n_changed)
{
  (*n_changed)++;
}

static void
test_import_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (fixture, "socis.csv", partners_csv, TRUE);
  XarxaImportDialog *dialog;
  GtkWidget *import_button;
  GtkWidget *row;
  guint n_changed = 0;

  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 0);
  /* The directory refreshes when the store says it changed. */
  g_signal_connect (fixture->store, "changed::entity", G_CALLBACK (count_changed_cb), &n_changed);

  dialog = open_dialog (fixture, file);
  g_assert_cmpstr (xarxa_import_dialog_get_page (dialog), ==, "preview");

  /* The preview says what was detected and maps the columns by name. */
  g_assert_nonnull (find_one (dialog, is_label_with_text, "Semicolon-separated, Latin-1"));
  g_assert_nonnull (find_one (dialog, is_label_with_text, "socis.csv")); /* the window's subtitle */
  g_assert_cmpuint (count_widgets (dialog, is_combo_row, NULL), ==, 4);
  row = find_one (dialog, is_combo_row_titled, "Nom");
  g_assert_nonnull (row);
  g_assert_cmpstr (combo_choice (row), ==, "Name");
  row = find_one (dialog, is_combo_row_titled, "País");
  g_assert_nonnull (row);
  g_assert_cmpstr (combo_choice (row), ==, "Country");
  /* The first rows, decoded from Latin-1. */
  g_assert_nonnull (find_one (dialog, is_label_with_text, "Fundació Pere Tarrés"));
  g_assert_nonnull (find_one (dialog, is_label_with_text, "Associació Drecera"));

  import_button = find_button (dialog, "_Import");
  g_assert_true (gtk_widget_is_sensitive (import_button));
  g_signal_emit_by_name (import_button, "clicked");
  wait_until_idle (dialog);

  /* The report: three imported, the nameless row rejected with its line. */
  g_assert_cmpstr (xarxa_import_dialog_get_page (dialog), ==, "report");
  g_assert_nonnull (find_one (dialog, is_label_with_text, "Imported 3 organisations"));
  g_assert_cmpuint (count_widgets (dialog, is_report_row, NULL), ==, 1);
  row = find_one (dialog, is_action_row_titled, "Line 4");
  g_assert_nonnull (row);
  g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), !=, "");
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 3);
  g_assert_cmpuint (n_changed, ==, 1);

  /* Undo removes exactly what the import added. */
  g_signal_emit_by_name (find_button (dialog, "_Undo Import"), "clicked");
  run_pending ();
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 0);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_nonnull (find_one (dialog, is_label_with_text, "Import Undone"));
  g_assert_null (find_one (dialog, is_button_labelled, "_Undo Import"));

  g_signal_emit_by_name (find_button (dialog, "_Done"), "clicked");
  run_pending ();
  g_assert_finalize_object (dialog);
  g_signal_handlers_disconnect_by_func (fixture->store, count_changed_cb, &n_changed);
}

static void
test_no_name_column (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (fixture, "llocs.csv",
                                     "País,Ciutat\nES,Girona\nFR,Perpinyà\n", FALSE);
  XarxaImportDialog *dialog;
  GtkWidget *import_button;
  GtkWidget *row;

  dialog = open_dialog (fixture, file);
  g_assert_cmpstr (xarxa_import_dialog_get_page (dialog), ==, "preview");
  g_assert_nonnull (find_one (dialog, is_label_with_text, "Comma-separated, UTF-8"));

  /* Nothing fills Name: the import cannot start, and the window says why. */
  import_button = find_button (dialog, "_Import");
  g_assert_false (gtk_widget_is_sensitive (import_button));
  g_assert_nonnull (find_one (dialog, is_label_with_text,
                              "No column fills Name, and every organisation needs a name. "
                              "Choose Name for the column that holds the names of the organisations."));

  /* Choosing Name for a column allows it. */
  row = find_one (dialog, is_combo_row_titled, "Ciutat");
  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), choice_index (row, "Name"));
  run_pending ();
  g_assert_true (gtk_widget_is_sensitive (import_button));

  /* Two columns filling Name is refused again. */
  row = find_one (dialog, is_combo_row_titled, "País");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), choice_index (row, "Name"));
  run_pending ();
  g_assert_false (gtk_widget_is_sensitive (import_button));

  close_dialog (dialog);
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 0);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Name,City\n");
  g_autoptr(GFile) file = NULL;
  XarxaImportDialog *dialog;

  /* Big enough that the import cannot end before the click that cancels it
   * reaches its thread. */
  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (text, "Organisation %u,Girona\n", i);
  file = write_csv (fixture, "gran.csv", text->str, FALSE);

  dialog = open_dialog (fixture, file);
  g_signal_emit_by_name (find_button (dialog, "_Import"), "clicked");
  g_assert_cmpstr (xarxa_import_dialog_get_page (dialog), ==, "importing");
  g_signal_emit_by_name (find_button (dialog, "_Cancel Import"), "clicked");
  wait_until_idle (dialog);

  /* Back to the preview, told that nothing changed, and nothing did. */
  g_assert_cmpstr (xarxa_import_dialog_get_page (dialog), ==, "preview");
  g_assert_nonnull (find_one (dialog, is_label_with_text,
                              "The import was cancelled: the directory was not changed. "
                              "You can change the columns and import again."));
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 0);
  g_assert_true (gtk_widget_is_sensitive (find_button (dialog, "_Import")));

  close_dialog (dialog);
}

static void
test_long_report (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Nombre;Ciudad\nAsociación Única;Sevilla\n");
  g_autoptr(GFile) file = NULL;
  XarxaImportDialog *dialog;

  for (guint i = 0; i < 520; i++)
    g_string_append (text, ";Sevilla\n");
  file = write_csv (fixture, "largo.csv", text->str, FALSE);

  dialog = open_dialog (fixture, file);
  g_signal_emit_by_name (find_button (dialog, "_Import"), "clicked");
  wait_until_idle (dialog);

  /* The first 500 rejected rows are listed, the rest counted. */
  g_assert_cmpstr (xarxa_import_dialog_get_page (dialog), ==, "report");
  g_assert_nonnull (find_one (dialog, is_label_with_text, "Imported 1 organisation"));
  g_assert_cmpuint (count_widgets (dialog, is_report_row, NULL), ==, 500);
  g_assert_nonnull (find_one (dialog, is_action_row_titled, "Line 3"));
  g_assert_nonnull (find_one (dialog, is_action_row_titled, "Line 502"));
  g_assert_null (find_one (dialog, is_action_row_titled, "Line 503"));
  g_assert_nonnull (find_one (dialog, is_action_row_titled, "And 20 more rows"));
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 1);

  close_dialog (dialog);
}

/* The report names each rejected row; Copy puts the report on the
 * clipboard and Save as CSV… writes the rejected rows as they were, with
 * the reason, for a person to fix and import again. */
static void
test_keep_report (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (fixture, "socis.csv",
                                     "Nom;País;Ciutat\r\n"
                                     "Fundació Pere Tarrés;ES;Barcelona\r\n"
                                     "Casal del Barri;Xyz;Sant Boi\r\n"
                                     ";ES;Girona\r\n",
                                     FALSE);
  g_autofree char *saved_path = g_build_filename (fixture->dir, "socis (not imported).csv", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(GString) fixed = NULL;
  g_autoptr(GFile) fixed_file = NULL;
  GValue value = G_VALUE_INIT;
  GdkContentProvider *content;
  XarxaImportDialog *dialog;
  GtkWidget *report_page;
  GtkWidget *row;

  dialog = open_dialog (fixture, file);
  g_signal_emit_by_name (find_button (dialog, "_Import"), "clicked");
  wait_until_idle (dialog);
  g_assert_cmpstr (xarxa_import_dialog_get_page (dialog), ==, "report");
  g_assert_cmpuint (count_widgets (dialog, is_report_row, NULL), ==, 2);

  /* Each rejected row: its line, its name when it had one, the reason. */
  row = find_one (dialog, is_action_row_titled, "Line 3, “Casal del Barri”");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Unknown country “Xyz”"));
  row = find_one (dialog, is_action_row_titled, "Line 4");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "name"));

  /* Copy: the report as text on the clipboard. */
  g_signal_emit_by_name (find_button (dialog, "_Copy"), "clicked");
  run_pending ();
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (dialog)));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  copied = g_value_dup_string (&value);
  g_value_unset (&value);
  g_assert_nonnull (strstr (copied, "Imported 1 organisation\n2 rows were not imported:\n"));
  g_assert_nonnull (strstr (copied, "Line 3, “Casal del Barri”: Unknown country “Xyz”"));
  g_assert_nonnull (find_one (dialog, is_label_with_text, "Copied the report. Paste it where you need it."));

  /* Save as CSV…: what the file chooser hands over is written there. */
  g_assert_true (gtk_widget_is_sensitive (find_button (dialog, "_Save as CSV…")));
  report_page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), XARXA_TYPE_IMPORT_DIALOG,
                                                          "report_page"));
  gtk_widget_activate_action (report_page, "report.save-to", "s", saved_path);
  g_assert_nonnull (find_one (dialog, is_label_with_text,
                              "Saved the rows that were not imported to “socis (not imported).csv”. "
                              "Fix them there, then import that file."));
  g_assert_true (g_file_get_contents (saved_path, &saved, NULL, NULL));
  g_assert_true (g_str_has_prefix (saved, "Nom;País;Ciutat;Why it was not imported\r\n"
                                          "Casal del Barri;Xyz;Sant Boi;\"Unknown country “Xyz”"));
  g_assert_nonnull (strstr (saved, "\r\n;ES;Girona;"));

  /* Undone, there is nothing left to keep. */
  g_signal_emit_by_name (find_button (dialog, "_Undo Import"), "clicked");
  run_pending ();
  g_assert_null (find_one (dialog, is_button_labelled, "_Save as CSV…"));
  close_dialog (dialog);

  /* Fixed in a spreadsheet, the saved file imports cleanly. */
  fixed = g_string_new (saved);
  g_string_replace (fixed, ";Xyz;", ";ES;", 1);
  g_string_replace (fixed, "\r\n;ES;Girona;", "\r\nCasal de Girona;ES;Girona;", 1);
  fixed_file = write_csv (fixture, "socis (fixed).csv", fixed->str, FALSE);
  dialog = open_dialog (fixture, fixed_file);
  g_signal_emit_by_name (find_button (dialog, "_Import"), "clicked");
  wait_until_idle (dialog);
  g_assert_nonnull (find_one (dialog, is_label_with_text, "Imported 2 organisations"));
  g_assert_nonnull (find_one (dialog, is_label_with_text, "Every row of the file was imported."));
  g_assert_null (find_one (dialog, is_button_labelled, "_Copy"));
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 2);
  close_dialog (dialog);
}

static void
test_empty_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (fixture, "buit.csv", "", FALSE);
  XarxaImportDialog *dialog;

  dialog = open_dialog (fixture, file);

  /* The whole file fails: its error and a way to pick another one. */
  g_assert_cmpstr (xarxa_import_dialog_get_page (dialog), ==, "error");
  g_assert_nonnull (find_one (dialog, is_label_with_text, "Could Not Read the File"));
  g_assert_true (gtk_widget_is_sensitive (find_button (dialog, "_Choose Another File…")));
  g_assert_null (find_one (dialog, is_button_labelled, "_Import"));

  close_dialog (dialog);
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/import-ui/import-and-undo", Fixture, NULL,
              fixture_set_up, test_import_and_undo, fixture_tear_down);
  g_test_add ("/import-ui/no-name-column", Fixture, NULL,
              fixture_set_up, test_no_name_column, fixture_tear_down);
  g_test_add ("/import-ui/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/import-ui/long-report", Fixture, NULL,
              fixture_set_up, test_long_report, fixture_tear_down);
  g_test_add ("/import-ui/keep-report", Fixture, NULL,
              fixture_set_up, test_keep_report, fixture_tear_down);
  g_test_add ("/import-ui/empty-file", Fixture, NULL,
              fixture_set_up, test_empty_file, fixture_tear_down);

  return g_test_run ();
}
