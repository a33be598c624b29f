/* xarxa-csv-export.c — exporting the directory's list to a CSV file.
 *
 * The list as shown (search, filters, sort) is written by
 * xarxa_export_csv() on its own connection in a thread, so the window keeps
 * working; a toast on the window says where it went or why it could not.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-csv-export"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-csv-export.h"
#include "xarxa-import.h"
#include "xarxa-toast.h"

/* The chooser open on a window, kept on the window as this. */
#define CHOOSER_KEY "xarxa-csv-export-chooser"

typedef struct
{
  char             *db_path;
  GFile            *file;
  XarxaQuery       *query;
  GWeakRef          window;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->db_path);
  g_clear_object (&data->file);
  g_clear_pointer (&data->query, xarxa_query_free);
  g_weak_ref_clear (&data->window);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  GError *error = NULL;

  /* Its own connection: the window keeps working while this runs. */
  store = xarxa_store_open_existing (data->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  out = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                        cancellable, &error);
  if (out == NULL ||
      !xarxa_export_csv (store, data->query, G_OUTPUT_STREAM (out), cancellable, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GtkWidget) window = g_weak_ref_get (&data->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (data->file);
  AdwToast *toast;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    toast = xarxa_toast_new (_("Could not export to “%s”: %s"), basename, error->message);
  else
    toast = xarxa_toast_new (_("Exported the list to “%s”"), basename);
  adw_toast_set_timeout (toast, error != NULL ? 0 : 5);

  xarxa_toast_show (window, toast);   /* dropped when closed while exporting */
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    ExportData      *data)
{
  g_autoptr(ExportData) owned = data;
  g_autoptr(GtkWidget) window = g_weak_ref_get (&data->window);
  g_autoptr(GTask) task = NULL;

  if (window != NULL)
    g_object_set_data (G_OBJECT (window), CHOOSER_KEY, NULL);
  if (response != GTK_RESPONSE_ACCEPT)
    return;

  data->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (data->file == NULL)
    return;

  /* The window is not the task's source: a worker thread dropping the last
   * reference to a task must not finalize it. */
  task = g_task_new (NULL, NULL, export_done_cb, NULL);
  g_task_set_source_tag (task, xarxa_csv_export_present);
  g_task_set_task_data (task, g_steal_pointer (&owned), (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
destroy_chooser (gpointer chooser)
{
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
xarxa_csv_export_present (GtkWidget              *from,
                          XarxaStore             *store,
                          const XarxaQuery       *query)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *window;
  GtkFileChooserNative *chooser;
  ExportData *data;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (XARXA_IS_STORE (store));
  g_return_if_fail (query != NULL);

  window = gtk_widget_get_root (from);
  if (window == NULL || g_object_get_data (G_OBJECT (window), CHOOSER_KEY) != NULL)
    return;

  data = g_new0 (ExportData, 1);
  data->db_path = g_strdup (xarxa_store_get_path (store));
  data->query = xarxa_query_copy (query);
  g_weak_ref_init (&data->window, window);

  chooser = gtk_file_chooser_native_new (_("Export to CSV"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested file name of an export; keep .csv. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("organisations.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), data);
  /* Kept by the window while open; gone with it. */
  g_object_set_data_full (G_OBJECT (window), CHOOSER_KEY, chooser, destroy_chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
