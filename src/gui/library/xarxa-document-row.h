/* xarxa-document-row.h — one document in the Library view's list.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-record.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

/* What surrounds the matched words in a snippet from the store, before
 * the row turns it into markup. */
#define XARXA_SNIPPET_MARK_START "\x02"
#define XARXA_SNIPPET_MARK_END   "\x03"

#define XARXA_TYPE_DOCUMENT_ROW (xarxa_document_row_get_type ())
G_DECLARE_FINAL_TYPE (XarxaDocumentRow, xarxa_document_row, XARXA, DOCUMENT_ROW, GtkWidget)

GtkWidget  *xarxa_document_row_new          (void);
/* Shows @document (NULL: nothing); with @search, the snippet of its
 * matching words. */
void        xarxa_document_row_set_document (XarxaDocumentRow *self,
                                             XarxaStore       *store,
                                             XarxaRecord      *document,
                                             const char       *search);
const char *xarxa_document_row_get_snippet_markup (XarxaDocumentRow *self);

/* Pango markup of a snippet marked with XARXA_SNIPPET_MARK_*: its text
 * escaped, the matched words in bold. */
char       *xarxa_snippet_to_markup         (const char       *snippet);
/* Why an interview may not be used ("Consent pending"…), or NULL when the
 * document may be: shown beside it wherever it is listed. */
const char *xarxa_document_consent_warning  (JsonObject       *document);
/* "Report · Serra, A. · 2024 · ca": a document's kind, authors, year and
 * language. */
char       *xarxa_document_summary_text     (JsonObject       *document);

G_END_DECLS
