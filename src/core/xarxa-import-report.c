/* xarxa-import-report.c — what an import did, in words and as CSV.
 *
 * The import (xarxa-import.c) keeps, for each row it could not import, its
 * line, its organisation's name and its cells as they were.  This file
 * turns that into the text a person copies into a message, and into a CSV
 * of the rejected rows, with the reason beside each, that a person fixes
 * in a spreadsheet and imports again.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-import-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-csv.h"
#include "xarxa-import.h"

#define FLUSH_AT (64 * 1024)

void
xarxa_import_rejection_free (XarxaImportRejection *rejection)
{
  if (rejection == NULL)
    return;
  g_free (rejection->reason);
  g_free (rejection->name);
  g_strfreev (rejection->fields);
  g_free (rejection);
}

void
xarxa_import_report_free (XarxaImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->rejections, g_ptr_array_unref);
  g_strfreev (report->header);
  g_free (report);
}

char *
xarxa_import_report_to_text (const XarxaImportReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *imported = NULL;
  g_autofree char *rejected = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  imported = g_strdup_printf ("%'u", report->imported);
  g_string_append_printf (text, ngettext ("Imported %s organisation", "Imported %s organisations",
                                          report->imported),
                          imported);
  g_string_append_c (text, '\n');
  if (report->rejected == 0)
    return g_string_free (g_steal_pointer (&text), FALSE);

  rejected = g_strdup_printf ("%'u", report->rejected);
  g_string_append_printf (text, ngettext ("%s row was not imported:", "%s rows were not imported:",
                                          report->rejected),
                          rejected);
  g_string_append_c (text, '\n');
  for (guint i = 0; report->rejections != NULL && i < report->rejections->len; i++)
    {
      const XarxaImportRejection *rejection = g_ptr_array_index (report->rejections, i);

      if (rejection->name != NULL)
        /* Translators: a row the import rejected: its line in the file, the
         * organisation's name, and why it was not imported. */
        g_string_append_printf (text, _("Line %u, “%s”: %s"), rejection->line, rejection->name,
                                rejection->reason);
      else
        /* Translators: a row the import rejected: its line in the file and
         * why it was not imported. */
        g_string_append_printf (text, _("Line %u: %s"), rejection->line, rejection->reason);
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
reason_header (void)
{
  /* Translators: the header of the column that says why each row was not
   * imported, in the CSV of rejected rows.  It must not be a column name
   * the import knows (such as a translation of Name or Notes), so that
   * the import ignores it when the fixed file comes back. */
  return C_("CSV column", "Why it was not imported");
}

static gboolean
same_header (const char *a,
             const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  g_autofree char *sa = g_strstrip (g_strdup (fa));
  g_autofree char *sb = g_strstrip (g_strdup (fb));

  return strcmp (sa, sb) == 0;
}

static gboolean
flush (GString        *buffer,
       GOutputStream  *out,
       GCancellable   *cancellable,
       GError        **error)
{
  if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

gboolean
xarxa_import_report_write_csv (const XarxaImportReport *report,
                               GOutputStream           *out,
                               GCancellable            *cancellable,
                               GError                 **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (FLUSH_AT + 4096);
  char delimiter;
  guint n_header, reason_column;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  delimiter = report->delimiter == ';' ? ';' : ',';
  n_header = report->header != NULL ? g_strv_length (report->header) : 0;
  /* A file of rejected rows that comes back rejected again: its reasons
   * are replaced, not followed by a second column of them. */
  reason_column = n_header;
  if (n_header > 0 && same_header (report->header[n_header - 1], reason_header ()))
    reason_column = n_header - 1;

  for (guint c = 0; c < reason_column; c++)
    {
      xarxa_csv_append_cell (buffer, report->header[c]);
      g_string_append_c (buffer, delimiter);
    }
  xarxa_csv_append_cell (buffer, reason_header ());
  g_string_append (buffer, "\r\n");

  for (guint i = 0; report->rejections != NULL && i < report->rejections->len; i++)
    {
      const XarxaImportRejection *rejection = g_ptr_array_index (report->rejections, i);
      guint n_fields = rejection->fields != NULL ? g_strv_length (rejection->fields) : 0;

      for (guint c = 0; c < reason_column; c++)
        {
          if (c < n_fields)
            xarxa_csv_append_cell (buffer, rejection->fields[c]);
          g_string_append_c (buffer, delimiter);
        }
      xarxa_csv_append_cell (buffer, rejection->reason);
      /* Cells past the header (a delimiter that should have been quoted)
       * are kept, after the reason, for the person fixing the row. */
      for (guint c = MAX (n_header, reason_column + 1); c < n_fields; c++)
        {
          g_string_append_c (buffer, delimiter);
          xarxa_csv_append_cell (buffer, rejection->fields[c]);
        }
      g_string_append (buffer, "\r\n");

      if (buffer->len >= FLUSH_AT && !flush (buffer, out, cancellable, error))
        return FALSE;
    }

  return flush (buffer, out, cancellable, error);
}
