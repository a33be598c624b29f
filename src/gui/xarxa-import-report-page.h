/* xarxa-import-report-page.h — the import window's report page.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-import.h"

G_BEGIN_DECLS

#define XARXA_TYPE_IMPORT_REPORT_PAGE (xarxa_import_report_page_get_type ())
G_DECLARE_FINAL_TYPE (XarxaImportReportPage, xarxa_import_report_page, XARXA, IMPORT_REPORT_PAGE, AdwBin)

/* Shows @report (the page takes it) of the import of @source. */
void                     xarxa_import_report_page_set_report (XarxaImportReportPage *self,
                                                              XarxaImportReport     *report,
                                                              GFile                 *source);
/* The report on show, or NULL. */
const XarxaImportReport *xarxa_import_report_page_get_report (XarxaImportReportPage *self);
/* The import was undone: says so, and there is nothing left to keep. */
void                     xarxa_import_report_page_show_undone (XarxaImportReportPage *self);
/* Says @text where the report says what happened (an undo that failed). */
void                     xarxa_import_report_page_set_message (XarxaImportReportPage *self,
                                                               const char            *text);

G_END_DECLS
