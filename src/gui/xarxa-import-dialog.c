/* xarxa-import-dialog.c — the window that imports a CSV file into the directory.
 *
 * Four pages in one window: the file is read for a preview (detected format,
 * first rows, a field chosen for each column), imported off the main thread
 * with its own connection to the database and a progress bar, then a report
 * (xarxa-import-report-page.c) lists every rejected row with its line, name
 * and reason, and the window offers to undo the whole import.  A file that fails as a whole shows its error and leaves the
 * database as it was.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-import.h"
#include "xarxa-import-dialog.h"
#include "xarxa-import-report-page.h"
#include "xarxa-schema.h"

/* Rows of the preview grid. */
#define N_PREVIEW_ROWS     6

/* Every field a column may fill, in the order the combo rows offer them:
 * an organisation's fields as its description gives them, then what the
 * import fills beside them, then (no field) "Ignore". */
static const struct
{
  const char *field;
  const char *label;
} import_extras[] = {
  { "contact_name",  N_("Contact name") },
  { "contact_email", N_("Contact email") },
  { "contact_role",  N_("Contact role") },
  { "contact_phone", N_("Contact phone") },
  { "id",            N_("Xarxa identifier") },
};

static const XarxaRecordType *
entity_type (void)
{
  return xarxa_schema_lookup ("entity");
}

#define IGNORE_INDEX (entity_type ()->n_fields + G_N_ELEMENTS (import_extras))

/* The field of choice i, NULL for "Ignore". */
static const char *
import_field_name (guint i)
{
  const XarxaRecordType *entity = entity_type ();

  if (i < entity->n_fields)
    return entity->fields[i].name;
  i -= entity->n_fields;
  return i < G_N_ELEMENTS (import_extras) ? import_extras[i].field : NULL;
}

static const char *
import_field_label (guint i)
{
  const XarxaRecordType *entity = entity_type ();

  if (i < entity->n_fields)
    return xarxa_field_info_get_label (&entity->fields[i]);
  i -= entity->n_fields;
  return i < G_N_ELEMENTS (import_extras) ? _(import_extras[i].label) : _("Ignore");
}

struct _XarxaImportDialog
{
  AdwWindow          parent_instance;

  XarxaStore        *store;
  GFile             *file;
  XarxaCsvPreview   *preview;
  GCancellable      *preview_cancellable;
  GCancellable      *import_cancellable;
  GtkStringList     *field_labels;
  GPtrArray         *column_rows;   /* of AdwComboRow, one per column */
  const char        *page;
  gboolean           closing;
  gboolean           undone;

  /* Template children */
  AdwWindowTitle    *window_title;
  GtkButton         *close_button;
  GtkButton         *undo_button;
  GtkButton         *import_button;
  GtkButton         *done_button;
  GtkStack          *stack;
  GtkSpinner        *loading_spinner;
  AdwStatusPage     *error_page;
  GtkLabel          *format_label;
  GtkLabel          *cancelled_label;
  GtkLabel          *mapping_label;
  AdwPreferencesGroup *columns_group;
  GtkGrid           *preview_grid;
  GtkProgressBar    *progress_bar;
  XarxaImportReportPage *report_page;
};

G_DEFINE_FINAL_TYPE (XarxaImportDialog, xarxa_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_file (XarxaImportDialog *self,
                       GFile             *file);

static gboolean
is_cancelled_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, XARXA_ERROR, XARXA_ERROR_CANCELLED);
}

static const char *
describe_format (const XarxaCsvPreview *preview)
{
  switch (preview->delimiter)
    {
    case ';':
      return preview->latin1 ? _("Semicolon-separated, Latin-1")
                             : _("Semicolon-separated, UTF-8");
    case '\t':
      return preview->latin1 ? _("Tab-separated, Latin-1")
                             : _("Tab-separated, UTF-8");
    case ',':
    default:
      return preview->latin1 ? _("Comma-separated, Latin-1")
                             : _("Comma-separated, UTF-8");
    }
}

static guint
field_index (const char *field)
{
  if (field == NULL)
    return IGNORE_INDEX;

  for (guint i = 0; i < IGNORE_INDEX; i++)
    if (g_str_equal (import_field_name (i), field))
      return i;

  g_debug ("No choice for suggested field “%s”: ignoring its column", field);
  return IGNORE_INDEX;
}

static char *
column_title (XarxaImportDialog *self,
              guint              column)
{
  g_autofree char *header = g_strstrip (g_strdup (self->preview->header[column]));

  if (*header == '\0')
    return g_strdup_printf (_("Column %u"), column + 1);

  return g_steal_pointer (&header);
}

static void
set_page (XarxaImportDialog *self,
          const char        *page)
{
  gboolean preview = g_str_equal (page, "preview");
  gboolean report = g_str_equal (page, "report");
  const XarxaImportReport *shown = xarxa_import_report_page_get_report (self->report_page);
  gboolean can_undo = report && shown != NULL && shown->imported > 0 && !self->undone;

  gtk_stack_set_visible_child_name (self->stack, page);

  gtk_widget_set_visible (GTK_WIDGET (self->close_button),
                          !report && !g_str_equal (page, "importing"));
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), preview);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), report);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel",
                                 g_str_equal (page, "importing"));
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));

  if (g_strcmp0 (self->page, page) != 0)
    {
      /* Interned, so the string returned by get_page() stays valid. */
      self->page = g_intern_string (page);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

static void
show_error (XarxaImportDialog *self,
            const char        *title,
            const char        *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  set_page (self, "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->error_page));
}

/* Reads the field chosen for each column, and allows the import only when
 * a column fills Name and no field is filled by two columns. */
static void
update_mapping (XarxaImportDialog *self)
{
  g_autofree char *message = NULL;
  gboolean has_name = FALSE;

  for (guint i = 0; i < self->column_rows->len && message == NULL; i++)
    {
      guint chosen = adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, i));

      if (chosen >= IGNORE_INDEX)
        continue;

      if (g_strcmp0 (import_field_name (chosen), "name") == 0)
        has_name = TRUE;

      for (guint j = 0; j < i; j++)
        {
          if (adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, j)) == chosen)
            {
              const char *a = adw_preferences_row_get_title (g_ptr_array_index (self->column_rows, j));
              const char *b = adw_preferences_row_get_title (g_ptr_array_index (self->column_rows, i));

              message = g_strdup_printf (_("The columns “%s” and “%s” both fill %s. "
                                           "Choose another field, or Ignore, for one of them."),
                                         a, b, import_field_label (chosen));
              break;
            }
        }
    }

  if (message == NULL && !has_name)
    message = g_strdup (_("No column fills Name, and every organisation needs a name. "
                          "Choose Name for the column that holds the names of the organisations."));

  gtk_label_set_text (self->mapping_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_label), message != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", message == NULL);
}

static void
column_row_selected_cb (XarxaImportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->cancelled_label), FALSE);
  update_mapping (self);
}

static GtkWidget *
new_cell (const char *text,
          gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Wide enough to read even in a narrow window, where the grid scrolls
   * sideways rather than squeezing every cell to "…". */
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (g_utf8_strlen (text, -1), 16));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
clear_preview (XarxaImportDialog *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
}

static void
show_preview (XarxaImportDialog *self)
{
  const XarxaCsvPreview *preview = self->preview;
  guint n_columns = g_strv_length (preview->header);
  guint n_suggested = preview->suggested_fields != NULL ? n_columns : 0;

  clear_preview (self);

  gtk_label_set_text (self->format_label, describe_format (preview));
  gtk_widget_set_visible (GTK_WIDGET (self->cancelled_label), FALSE);

  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *title = column_title (self, i);
      g_autofree char *accessible_name = g_strdup_printf (_("Column “%s”"), title);
      const char *sample = NULL;
      AdwComboRow *row;

      if (preview->preview_rows->len > 0)
        {
          GStrv first = g_ptr_array_index (preview->preview_rows, 0);

          if (i < g_strv_length (first) && first[i][0] != '\0')
            sample = first[i];
        }

      row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* A screen reader says "Column “Nom”, Name" rather than "Nom, Name". */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                      -1);
      if (sample != NULL)
        {
          g_autofree char *shortened = NULL;
          g_autofree char *subtitle = NULL;

          /* A long description would fill the row: its start is enough.
           * (g_utf8_substring reads past the end if asked for more.) */
          if (g_utf8_strlen (sample, -1) > 40)
            {
              g_autofree char *start = g_utf8_substring (sample, 0, 39);

              shortened = g_strconcat (start, "…", NULL);
            }
          else
            shortened = g_strdup (sample);
          subtitle = g_strdup_printf (_("For example “%s”"), shortened);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      adw_combo_row_set_model (row, G_LIST_MODEL (self->field_labels));
      adw_combo_row_set_selected (row, field_index (i < n_suggested ? preview->suggested_fields[i] : NULL));
      g_signal_connect_object (row, "notify::selected",
                               G_CALLBACK (column_row_selected_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);

      gtk_grid_attach (self->preview_grid, new_cell (title, TRUE), i, 0, 1, 1);
    }

  for (guint r = 0; r < preview->preview_rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (preview->preview_rows, r);

      for (guint i = 0; cells[i] != NULL; i++)
        if (cells[i][0] != '\0')
          gtk_grid_attach (self->preview_grid, new_cell (cells[i], FALSE), i, r + 1, 1, 1);
    }

  update_mapping (self);
  set_page (self, "preview");
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  XarxaCsvPreview *preview;

  preview = xarxa_csv_preview (file, N_PREVIEW_ROWS, cancellable, &error);
  if (preview == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) xarxa_csv_preview_free);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(XarxaImportDialog) self = user_data;
  g_autoptr(XarxaCsvPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  preview = g_task_propagate_pointer (G_TASK (result), &error);

  /* Closed, or another file chosen meanwhile. */
  if (self->closing || g_task_get_task_data (G_TASK (result)) != self->file)
    return;

  if (preview == NULL)
    {
      if (!is_cancelled_error (error))
        show_error (self, _("Could Not Read the File"), error->message);
      return;
    }

  if (preview->header == NULL || preview->header[0] == NULL)
    {
      show_error (self, _("Could Not Read the File"),
                  _("The file has no header row naming its columns. "
                    "Add one, or choose another file."));
      return;
    }

  g_clear_pointer (&self->preview, xarxa_csv_preview_free);
  self->preview = g_steal_pointer (&preview);
  show_preview (self);
}

static void
load_file (XarxaImportDialog *self,
           GFile             *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display_name = g_filename_display_name (basename);

  g_set_object (&self->file, file);
  g_clear_pointer (&self->preview, xarxa_csv_preview_free);

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  adw_window_title_set_subtitle (self->window_title, display_name);
  set_page (self, "loading");

  /* Not the task's source object: the worker thread may drop the task's
   * last reference, and a window must be finalized on the main thread. */
  task = g_task_new (NULL, self->preview_cancellable, preview_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, preview_thread);
}

/* Import: a job shared by the worker thread and the progress updates. */

typedef struct
{
  char        *db_path;
  GFile       *file;
  const char **fields;     /* one per column, static strings, NULL: ignore */
  GWeakRef     dialog;
  GMutex       mutex;
  guint64      bytes_done;
  guint64      bytes_total;
  gint         update_pending;
} ImportJob;

static void
import_job_clear (gpointer data)
{
  ImportJob *job = data;

  g_free (job->db_path);
  g_clear_object (&job->file);
  g_free (job->fields);
  g_weak_ref_clear (&job->dialog);
  g_mutex_clear (&job->mutex);
}

static void
import_job_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, import_job_clear);
}

static gboolean
import_progress_idle_cb (gpointer data)
{
  ImportJob *job = data;
  g_autoptr(XarxaImportDialog) self = g_weak_ref_get (&job->dialog);
  guint64 done, total;

  g_atomic_int_set (&job->update_pending, 0);

  g_mutex_lock (&job->mutex);
  done = job->bytes_done;
  total = job->bytes_total;
  g_mutex_unlock (&job->mutex);

  if (self != NULL && !self->closing && total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   CLAMP ((double) done / (double) total, 0.0, 1.0));

  return G_SOURCE_REMOVE;
}

/* Called in the worker thread: at most one update waits in the main loop,
 * so a fast import does not flood it. */
static void
import_progress_cb (guint64  bytes_done,
                    guint64  bytes_total,
                    gpointer user_data)
{
  ImportJob *job = user_data;

  g_mutex_lock (&job->mutex);
  job->bytes_done = bytes_done;
  job->bytes_total = bytes_total;
  g_mutex_unlock (&job->mutex);

  if (g_atomic_int_compare_and_exchange (&job->update_pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, import_progress_idle_cb,
                     g_atomic_rc_box_acquire (job), import_job_unref);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  XarxaImportReport *report;

  /* SQLite connections belong to one thread: the import opens its own. */
  store = xarxa_store_open_existing (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report = xarxa_import_csv (store, job->file, job->fields,
                             import_progress_cb, job, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) xarxa_import_report_free);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(XarxaImportDialog) self = user_data;
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  g_clear_object (&self->import_cancellable);

  /* The import may have finished just as the window closed: the directory
   * must show it all the same. */
  if (report != NULL && report->imported > 0)
    xarxa_store_emit_changed (self->store, "entity", NULL);

  if (self->closing)
    return;

  if (report != NULL)
    {
      xarxa_import_report_page_set_report (self->report_page, g_steal_pointer (&report), self->file);
      self->undone = FALSE;
      set_page (self, "report");
      gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
    }
  else if (is_cancelled_error (error))
    {
      set_page (self, "preview");
      gtk_widget_set_visible (GTK_WIDGET (self->cancelled_label), TRUE);
    }
  else
    {
      g_autofree char *message =
        g_strdup_printf (_("%s The directory was not changed."), error->message);

      show_error (self, _("Could Not Import the File"), message);
    }
}

static void
import_start_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  XarxaImportDialog *self = XARXA_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  if (self->preview == NULL || self->import_cancellable != NULL)
    return;

  job = g_atomic_rc_box_new0 (ImportJob);
  job->db_path = g_strdup (xarxa_store_get_path (self->store));
  job->file = g_object_ref (self->file);
  job->fields = g_new0 (const char *, self->column_rows->len + 1);
  for (guint i = 0; i < self->column_rows->len; i++)
    {
      guint chosen = adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, i));

      job->fields[i] = import_field_name (chosen);
    }
  g_weak_ref_init (&job->dialog, self);
  g_mutex_init (&job->mutex);

  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->cancelled_label), FALSE);
  set_page (self, "importing");
  gtk_widget_grab_focus (GTK_WIDGET (self->stack));

  task = g_task_new (NULL, self->import_cancellable, import_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, import_start_action);
  g_task_set_task_data (task, job, import_job_unref);
  g_task_run_in_thread (task, import_thread);
}

static void
import_cancel_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaImportDialog *self = XARXA_IMPORT_DIALOG (widget);

  g_cancellable_cancel (self->import_cancellable);
}

static void
store_changed_cb (gboolean   *store_told,
                  const char *type_name,
                  const char *id)
{
  *store_told = TRUE;
}

static void
import_undo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XarxaImportDialog *self = XARXA_IMPORT_DIALOG (widget);
  const XarxaImportReport *report = xarxa_import_report_page_get_report (self->report_page);
  g_autoptr(GError) error = NULL;
  gboolean store_told = FALSE;
  gulong handler;
  gint64 removed;

  if (report == NULL || self->undone)
    return;

  /* The store may tell its views itself when the undo commits; the
   * directory should not reload 100,000 rows twice. */
  handler = g_signal_connect_swapped (self->store, "changed::entity",
                                      G_CALLBACK (store_changed_cb), &store_told);
  removed = xarxa_store_import_batch_undo (self->store, report->batch, &error);
  g_signal_handler_disconnect (self->store, handler);
  if (removed < 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("Could not undo the import: %s"), error->message);

      xarxa_import_report_page_set_message (self->report_page, message);
      return;
    }

  self->undone = TRUE;
  if (!store_told)
    xarxa_store_emit_changed (self->store, "entity", NULL);

  xarxa_import_report_page_show_undone (self->report_page);
  set_page (self, "report");
  gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
}

static GtkFileChooserNative *
new_csv_chooser (GtkWindow *parent)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Import from CSV"), parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), csv);
  return native;
}

static void
choose_file_response_cb (GtkNativeDialog *native,
                         int              response,
                         gpointer         user_data)
{
  g_autoptr(XarxaImportDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && !self->closing)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        load_file (self, file);
    }

  g_object_unref (native);
}

static void
import_choose_file_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  XarxaImportDialog *self = XARXA_IMPORT_DIALOG (widget);
  GtkFileChooserNative *native = new_csv_chooser (GTK_WINDOW (self));

  g_signal_connect (native, "response", G_CALLBACK (choose_file_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
xarxa_import_dialog_dispose (GObject *object)
{
  XarxaImportDialog *self = XARXA_IMPORT_DIALOG (object);

  /* A running task keeps the window alive: tell it to stop, and its
   * callback to leave the (destroyed) widgets alone. */
  self->closing = TRUE;
  g_cancellable_cancel (self->preview_cancellable);
  g_cancellable_cancel (self->import_cancellable);

  G_OBJECT_CLASS (xarxa_import_dialog_parent_class)->dispose (object);
}

static void
xarxa_import_dialog_finalize (GObject *object)
{
  XarxaImportDialog *self = XARXA_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->field_labels);
  g_clear_pointer (&self->preview, xarxa_csv_preview_free);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (xarxa_import_dialog_parent_class)->finalize (object);
}

static void
xarxa_import_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  XarxaImportDialog *self = XARXA_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PAGE:
      g_value_set_string (value, self->page);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_import_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  XarxaImportDialog *self = XARXA_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_import_dialog_class_init (XarxaImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_import_dialog_dispose;
  object_class->finalize = xarxa_import_dialog_finalize;
  object_class->get_property = xarxa_import_dialog_get_property;
  object_class->set_property = xarxa_import_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         XARXA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/transicions/Xarxa/xarxa-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, undo_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, format_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, cancelled_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, mapping_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, XarxaImportDialog, report_page);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, import_start_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, import_cancel_action);
  gtk_widget_class_install_action (widget_class, "import.undo", NULL, import_undo_action);
  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, import_choose_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xarxa_import_dialog_init (XarxaImportDialog *self)
{
  g_type_ensure (XARXA_TYPE_IMPORT_REPORT_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->column_rows = g_ptr_array_new ();
  self->field_labels = gtk_string_list_new (NULL);
  for (guint i = 0; i <= IGNORE_INDEX; i++)
    gtk_string_list_append (self->field_labels, import_field_label (i));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", FALSE);
  set_page (self, "loading");
}

/**
 * xarxa_import_dialog_new_for_file:
 * @parent: (nullable): the window the import window is modal over
 * @store: the store to import into
 * @file: the CSV file
 *
 * Returns: (transfer none): the import window, reading @file for a preview
 */
XarxaImportDialog *
xarxa_import_dialog_new_for_file (GtkWindow  *parent,
                                  XarxaStore *store,
                                  GFile      *file)
{
  XarxaImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (XARXA_TYPE_IMPORT_DIALOG,
                       "store", store,
                       "transient-for", parent,
                       NULL);
  load_file (self, file);
  return self;
}

const char *
xarxa_import_dialog_get_page (XarxaImportDialog *self)
{
  g_return_val_if_fail (XARXA_IS_IMPORT_DIALOG (self), NULL);

  return self->page;
}

typedef struct
{
  GtkWindow  *parent;
  XarxaStore *store;
} PresentData;

static void
present_data_free (PresentData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->store);
  g_free (data);
}

static void
present_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  PresentData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        gtk_window_present (GTK_WINDOW (xarxa_import_dialog_new_for_file (data->parent,
                                                                          data->store,
                                                                          file)));
    }

  present_data_free (data);
  g_object_unref (native);
}

void
xarxa_import_dialog_present (GtkWindow  *parent,
                             XarxaStore *store)
{
  GtkFileChooserNative *native;
  PresentData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (XARXA_IS_STORE (store));

  data = g_new0 (PresentData, 1);
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->store = g_object_ref (store);

  native = new_csv_chooser (parent);
  g_signal_connect (native, "response", G_CALLBACK (present_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
