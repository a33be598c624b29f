/* xarxa-import-report-page.c — the import window's report page.
 *
 * What an import did: how many organisations went in and, for each row that
 * did not, its line, its organisation's name and the reason.  Copy puts the
 * report on the clipboard as text; Save as CSV… writes the rejected rows as
 * they were, with the reason beside each, to fix and import again.  Undo is
 * the window's (it holds the store); the page then says so.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-import-report-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-import-report-page.h"

/* The most rejected rows listed (a list of 100,000 widgets would freeze the
 * window; the rest are counted, and all of them copied and saved). */
#define MAX_REPORTED_ROWS  500

struct _XarxaImportReportPage
{
  AdwBin             parent_instance;

  XarxaImportReport *report;
  GFile             *source;
  GtkFileChooserNative *save_chooser;

  GtkLabel          *report_title;
  GtkLabel          *report_subtitle;
  GtkWidget         *report_actions;
  GtkLabel          *report_status_label;
  GtkListBox        *rejections_list;
};

G_DEFINE_FINAL_TYPE (XarxaImportReportPage, xarxa_import_report_page, ADW_TYPE_BIN)

/* "1,234" in locales that group digits. */
static char *
format_count (guint n)
{
  return g_strdup_printf ("%'u", n);
}

static void
show_report (XarxaImportReportPage *self)
{
  const XarxaImportReport *report = self->report;
  g_autofree char *imported = format_count (report->imported);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint n_listed = 0;
  GtkWidget *child;

  if (report->imported == 0)
    title = g_strdup (_("No Organisations Were Imported"));
  else
    title = g_strdup_printf (ngettext ("Imported %s organisation",
                                       "Imported %s organisations",
                                       report->imported),
                             imported);

  if (report->rejected == 0)
    {
      subtitle = g_strdup (_("Every row of the file was imported."));
    }
  else
    {
      g_autofree char *rejected = format_count (report->rejected);

      subtitle = g_strdup_printf (ngettext ("%s row was not imported. Correct it in the file "
                                            "and import the file again, or add it by hand.",
                                            "%s rows were not imported. Correct them in the file "
                                            "and import the file again, or add them by hand.",
                                            report->rejected),
                                  rejected);
    }

  gtk_label_set_text (self->report_title, title);
  gtk_label_set_text (self->report_subtitle, subtitle);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rejections_list))) != NULL)
    gtk_list_box_remove (self->rejections_list, child);

  for (guint i = 0; report->rejections != NULL && i < report->rejections->len; i++)
    {
      const XarxaImportRejection *rejection = g_ptr_array_index (report->rejections, i);
      g_autofree char *line = NULL;
      GtkWidget *row;

      if (n_listed == MAX_REPORTED_ROWS)
        break;

      if (rejection->name != NULL)
        /* Translators: a row the import rejected: its line in the file and
         * the organisation's name. */
        line = g_strdup_printf (_("Line %u, “%s”"), rejection->line, rejection->name);
      else
        line = g_strdup_printf (_("Line %u"), rejection->line);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rejection->reason);
      gtk_list_box_append (self->rejections_list, row);
      n_listed++;
    }

  if (report->rejected > n_listed)
    {
      guint more = report->rejected - n_listed;
      g_autofree char *count = format_count (more);
      g_autofree char *text = g_strdup_printf (ngettext ("And %s more row",
                                                         "And %s more rows", more),
                                               count);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_list_box_append (self->rejections_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->rejections_list), report->rejected > 0);
  gtk_widget_set_visible (self->report_actions, report->rejected > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->report_status_label), FALSE);
}

static void
show_report_status (XarxaImportReportPage *self,
                    const char        *text)
{
  gtk_label_set_text (self->report_status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->report_status_label), TRUE);
}

static void
copy_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XarxaImportReportPage *self = XARXA_IMPORT_REPORT_PAGE (widget);
  g_autofree char *text = NULL;

  if (self->report == NULL)
    return;
  text = xarxa_import_report_to_text (self->report);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  show_report_status (self, _("Copied the report. Paste it where you need it."));
}

static void
save_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  XarxaImportReportPage *self = XARXA_IMPORT_REPORT_PAGE (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (self->report == NULL)
    return;
  /* A few megabytes at most (a line per rejected row): written here, the
   * window waits no longer than for the file chooser. */
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &error);
  if (out == NULL ||
      !xarxa_import_report_write_csv (self->report, G_OUTPUT_STREAM (out), NULL, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
    message = g_strdup_printf (_("Could not save “%s”: %s"), basename, error->message);
  else
    message = g_strdup_printf (_("Saved the rows that were not imported to “%s”. Fix them there, "
                                 "then import that file."), basename);
  show_report_status (self, message);
}

static void
save_chooser_response_cb (GtkNativeDialog   *chooser,
                          int                response,
                          XarxaImportReportPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->save_chooser);
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "report.save-to", "s", path);
}

static void
save_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaImportReportPage *self = XARXA_IMPORT_REPORT_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *basename = NULL;
  g_autofree char *suggested = NULL;
  char *dot;

  if (self->report == NULL || self->save_chooser != NULL)
    return;

  self->save_chooser = gtk_file_chooser_native_new (_("Save the Rows Not Imported"),
                                                    GTK_WINDOW (gtk_widget_get_root (widget)),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->save_chooser), filter);

  /* Beside the file it came from, named after it. */
  basename = g_file_get_basename (self->source);
  if ((dot = strrchr (basename, '.')) != NULL && dot != basename)
    *dot = '\0';
  /* Translators: the suggested name of the file of rows that were not
   * imported; %s is the imported file's name without its extension. */
  suggested = g_strdup_printf (_("%s (not imported).csv"), basename);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), suggested);
  {
    g_autoptr(GFile) folder = g_file_get_parent (self->source);

    if (folder != NULL)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->save_chooser), folder, NULL);
  }
  g_signal_connect (self->save_chooser, "response", G_CALLBACK (save_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

void
xarxa_import_report_page_set_report (XarxaImportReportPage *self,
                                      XarxaImportReport     *report,
                                      GFile                 *source)
{
  g_return_if_fail (XARXA_IS_IMPORT_REPORT_PAGE (self));
  g_return_if_fail (report != NULL);
  g_return_if_fail (G_IS_FILE (source));

  g_clear_pointer (&self->report, xarxa_import_report_free);
  self->report = report;
  g_set_object (&self->source, source);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.copy", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save-to", TRUE);
  show_report (self);
}

const XarxaImportReport *
xarxa_import_report_page_get_report (XarxaImportReportPage *self)
{
  g_return_val_if_fail (XARXA_IS_IMPORT_REPORT_PAGE (self), NULL);

  return self->report;
}

void
xarxa_import_report_page_show_undone (XarxaImportReportPage *self)
{
  g_return_if_fail (XARXA_IS_IMPORT_REPORT_PAGE (self));

  gtk_label_set_text (self->report_title, _("Import Undone"));
  gtk_label_set_text (self->report_subtitle,
                      _("Every organisation this import added was removed: "
                        "the directory is as it was before."));
  gtk_widget_set_visible (GTK_WIDGET (self->rejections_list), FALSE);
  gtk_widget_set_visible (self->report_actions, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->report_status_label), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.copy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save-to", FALSE);
}

void
xarxa_import_report_page_set_message (XarxaImportReportPage *self,
                                      const char            *text)
{
  g_return_if_fail (XARXA_IS_IMPORT_REPORT_PAGE (self));
  g_return_if_fail (text != NULL);

  gtk_label_set_text (self->report_subtitle, text);
}

static void
xarxa_import_report_page_dispose (GObject *object)
{
  XarxaImportReportPage *self = XARXA_IMPORT_REPORT_PAGE (object);

  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  g_clear_object (&self->save_chooser);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (xarxa_import_report_page_parent_class)->dispose (object);
}

static void
xarxa_import_report_page_finalize (GObject *object)
{
  XarxaImportReportPage *self = XARXA_IMPORT_REPORT_PAGE (object);

  g_clear_pointer (&self->report, xarxa_import_report_free);

  G_OBJECT_CLASS (xarxa_import_report_page_parent_class)->finalize (object);
}

static void
xarxa_import_report_page_class_init (XarxaImportReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_import_report_page_dispose;
  object_class->finalize = xarxa_import_report_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/transicions/Xarxa/xarxa-import-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaImportReportPage, report_title);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportReportPage, report_subtitle);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportReportPage, report_actions);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportReportPage, report_status_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportReportPage, rejections_list);

  gtk_widget_class_install_action (widget_class, "report.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "report.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "report.save-to", "s", save_to_action);
}

static void
xarxa_import_report_page_init (XarxaImportReportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
