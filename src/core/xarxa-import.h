/* xarxa-import.h — CSV import and export of the directory.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

/* A parsed CSV file: the header, the first rows for a preview, and what the
 * parser detected. */
typedef struct
{
  char       delimiter;         /* ',' or ';' */
  gboolean   latin1;            /* decoded from Latin-1 (else UTF-8) */
  GStrv      header;            /* column names as in the file */
  GPtrArray *preview_rows;      /* of GStrv, up to the n_preview asked for */
  /* Suggested field for each column: an entity field name, "contact_name",
   * "contact_email", "contact_role", "contact_phone", "id", or NULL (ignore). */
  GStrv      suggested_fields;
} XarxaCsvPreview;

void             xarxa_csv_preview_free (XarxaCsvPreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaCsvPreview, xarxa_csv_preview_free)

/* Reads the file's start; fails (XARXA_ERROR_INVALID with a message that says
 * what is wrong) on an empty file, a file with no header, etc. */
XarxaCsvPreview *xarxa_csv_preview      (GFile       *file,
                                         guint        n_preview,
                                         GCancellable *cancellable,
                                         GError     **error);

/* Maps one header name, in English, Catalan or Spanish, case and accents
 * ignored ("Nom", "País", "Correu electrònic", "Nombre"), to a field as in
 * suggested_fields; NULL if unknown. */
const char      *xarxa_csv_field_for_header (const char *header);

typedef struct
{
  guint  line;       /* 1-based line number in the file where the row starts */
  char  *reason;     /* translated, says what is wrong */
  char  *name;       /* the organisation's name as in the file, or NULL */
  GStrv  fields;     /* the row's cells as they were in the file (UTF-8) */
} XarxaImportRejection;

typedef struct
{
  gint64     batch;      /* import batch id, for xarxa_store_import_batch_undo() */
  guint      imported;
  guint      rejected;
  GPtrArray *rejections; /* of XarxaImportRejection*, in line order */
  GStrv      header;     /* the file's header, as it was */
  char       delimiter;  /* the file's: ',' or ';' */
} XarxaImportReport;

void xarxa_import_rejection_free (XarxaImportRejection *rejection);
void xarxa_import_report_free (XarxaImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaImportReport, xarxa_import_report_free)

/* The report as plain text, to copy: what was imported, then one line per
 * rejected row with its line number, name (when it had one) and reason. */
char     *xarxa_import_report_to_text   (const XarxaImportReport *report);

/* The rejected rows as CSV, to fix in a spreadsheet and import again: the
 * file's header and each rejected row's cells as they were (UTF-8, the
 * file's delimiter), with a last column that gives the reason.  The import
 * ignores that column, so the fixed file imports as it stands. */
gboolean  xarxa_import_report_write_csv (const XarxaImportReport *report,
                                         GOutputStream           *out,
                                         GCancellable            *cancellable,
                                         GError                 **error);

typedef void (*XarxaImportProgress) (guint64  bytes_done,
                                     guint64  bytes_total,
                                     gpointer user_data);

/* Imports the whole file in one transaction of the store: rows that fail
 * validation are rejected with their line and reason, the rest added; a
 * file that fails as a whole (unreadable, no name column, cancelled) leaves
 * the database as it was.  fields: one entry per column, as in
 * suggested_fields (NULL entries ignored); NULL means use the suggestions.
 * May be called in a thread with a store opened in that thread. */
XarxaImportReport *xarxa_import_csv      (XarxaStore          *store,
                                          GFile               *file,
                                          const char *const   *fields,
                                          XarxaImportProgress  progress,
                                          gpointer             progress_data,
                                          GCancellable        *cancellable,
                                          GError             **error);

/* Writes the entities matching query (an "entity" query, or NULL for all)
 * as UTF-8 CSV with an English header, one row per organisation. */
gboolean xarxa_export_csv (XarxaStore             *store,
                           const XarxaQuery       *query,
                           GOutputStream          *out,
                           GCancellable           *cancellable,
                           GError                **error);

G_END_DECLS
