/* xarxa-library-transfer.c — the Library view's documents out and in.
 *
 * Out: the documents the view lists (its search and filters), as CSV or
 * as CSL-JSON for Zotero and citation tools; interviews whose interviewee
 * has not given consent never leave, and the toast says how many were
 * left out.  In: a Zotero export (CSL-JSON), with a report of the items
 * imported and of each one rejected with its reason, as a CSV import
 * reports its rows.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-library-transfer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-a11y.h"
#include "xarxa-csl.h"
#include "xarxa-library.h"
#include "xarxa-library-transfer.h"
#include "xarxa-toast.h"

/* The most rejected items listed in the report; the rest are counted. */
#define MAX_LISTED_REJECTIONS 200

gboolean
xarxa_library_export_rowids (XarxaStore  *store,
                             GArray      *rowids,
                             GFile       *file,
                             guint       *n_written,
                             guint       *n_left_out,
                             GError     **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  guint left_out = 0;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (rowids != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < rowids->len; i++)
    {
      JsonObject *document = xarxa_store_get_record_by_rowid (store, "document",
                                                              g_array_index (rowids, gint64, i), NULL);

      if (document == NULL)
        continue;
      if (!xarxa_document_may_export (document))
        {
          left_out++;
          json_object_unref (document);
          continue;
        }
      g_ptr_array_add (documents, document);
    }

  name = g_file_get_basename (file);
  if (name != NULL && g_str_has_suffix (name, ".csv"))
    data = xarxa_csv_from_documents (documents);
  else
    data = xarxa_csl_from_documents (store, documents);
  if (!g_file_replace_contents (file, data, strlen (data), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = documents->len;
  if (n_left_out != NULL)
    *n_left_out = left_out;
  return TRUE;
}

typedef struct
{
  GtkWidget  *widget;
  XarxaStore *store;
  GArray     *rowids;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_object_unref (job->widget);
  g_object_unref (job->store);
  g_array_unref (job->rowids);
  g_free (job);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    ExportJob       *job)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  guint written = 0, left_out = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      name = g_file_get_basename (file);
      if (!xarxa_library_export_rowids (job->store, job->rowids, file, &written, &left_out, &error))
        xarxa_toast_show (job->widget, xarxa_toast_new (_("Could not export to “%s”: %s"), name, error->message));
      else if (left_out > 0)
        xarxa_toast_show (job->widget,
                          xarxa_toast_new (g_dngettext (GETTEXT_PACKAGE,
                                                        "Exported %u documents to “%s”; %u interview without consent was left out",
                                                        "Exported %u documents to “%s”; %u interviews without consent were left out",
                                                        left_out),
                                           written, name, left_out));
      else
        xarxa_toast_show (job->widget,
                          xarxa_toast_new (g_dngettext (GETTEXT_PACKAGE, "Exported %u document to “%s”",
                                                        "Exported %u documents to “%s”", written),
                                           written, name));
    }
  export_job_free (job);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
xarxa_library_export_ask (GtkWidget  *widget,
                          XarxaStore *store,
                          GArray     *rowids)
{
  GtkFileChooserNative *chooser;
  ExportJob *job;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (XARXA_IS_STORE (store));
  g_return_if_fail (rowids != NULL);

  chooser = gtk_file_chooser_native_new (_("Export Documents"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSL-JSON, for Zotero and citation tools (.json)"), "*.json");
  add_filter (GTK_FILE_CHOOSER (chooser), _("Spreadsheet (.csv)"), "*.csv");
  /* TRANSLATORS: the file name an export of the library suggests */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("library.json"));
  job = g_new0 (ExportJob, 1);
  job->widget = g_object_ref (widget);
  job->store = g_object_ref (store);
  job->rowids = g_array_ref (rowids);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Import */

static GtkWidget *
rejections_list (const XarxaImportReport *report)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Items that were not imported"), -1);
  for (guint i = 0; i < report->rejections->len && i < MAX_LISTED_REJECTIONS; i++)
    {
      XarxaImportRejection *rejection = report->rejections->pdata[i];
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (rejection->name != NULL)
        /* TRANSLATORS: the number of an item in the imported file, and its title */
        title = g_strdup_printf (_("Item %u, “%s”"), rejection->line, rejection->name);
      else
        title = g_strdup_printf (_("Item %u"), rejection->line);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rejection->reason);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  return scrolled;
}

gboolean
xarxa_library_import_csl_file (GtkWidget  *widget,
                               XarxaStore *store,
                               GFile      *file)
{
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  gsize length = 0;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &error) ||
      (report = xarxa_csl_import (store, data, length, &error)) == NULL)
    {
      xarxa_toast_show (widget, xarxa_toast_new (_("Could not import “%s”: %s"), name, error->message));
      return FALSE;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u Document", "Imported %u Documents",
                                          report->imported), report->imported);
  if (report->rejected == 0)
    body = g_strdup_printf (_("Every item of “%s” was imported."), name);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u item of “%s” was not imported. Correct it in Zotero "
                                         "or in the file, and import it again.",
                                         "%u items of “%s” were not imported. Correct them in Zotero "
                                         "or in the file, and import them again.",
                                         report->rejected),
                            report->rejected, name);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  gtk_widget_set_name (dialog, "csl-import-report");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (report->rejected > 0)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), rejections_list (report));
  xarxa_a11y_name_dialog_buttons (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

typedef struct
{
  GtkWidget  *widget;
  XarxaStore *store;
} ImportJob;

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    ImportJob       *job)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      xarxa_library_import_csl_file (job->widget, job->store, file);
    }
  g_object_unref (job->widget);
  g_object_unref (job->store);
  g_free (job);
  g_object_unref (chooser);
}

void
xarxa_library_import_csl_ask (GtkWidget  *widget,
                              XarxaStore *store)
{
  GtkFileChooserNative *chooser;
  ImportJob *job;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (XARXA_IS_STORE (store));

  chooser = gtk_file_chooser_native_new (_("Import from Zotero (CSL-JSON)"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSL-JSON (.json)"), "*.json");
  job = g_new0 (ImportJob, 1);
  job->widget = g_object_ref (widget);
  job->store = g_object_ref (store);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
