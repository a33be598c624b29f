/* xarxa-csl.h — the library's documents out and in: CSL-JSON (the format
 * Zotero and citation tools read and write) and CSV.
 *
 * Interviews whose interviewee has not given consent never leave
 * (xarxa_document_may_export()).  The import maps CSL's authors, issued
 * dates, types, URL, abstract, language and keywords to a document's
 * fields; an item that cannot be a document is rejected with its reason,
 * as a CSV import rejects a row, and the others are imported.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-import.h"
#include "xarxa-query.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

/* The documents a query lists (NULL: every live document), in its order,
 * as JsonObjects; the interviews left out for want of consent are counted
 * in *@n_left_out. */
GPtrArray          *xarxa_library_documents_to_export (XarxaStore        *store,
                                                       const XarxaQuery  *query,
                                                       guint             *n_left_out,
                                                       GError           **error);

/* A CSL-JSON array of @documents (JsonObjects as the store returns them). */
char               *xarxa_csl_from_documents  (XarxaStore        *store,
                                               GPtrArray         *documents);
/* CSV with a header of field names, one row per document (its full text
 * left out: it is the attachment's, and can be megabytes). */
char               *xarxa_csv_from_documents  (GPtrArray         *documents);

/* Imports the items of a CSL-JSON array.  Each rejection's line is the
 * item's number (1 for the first), its name the item's title if any.
 * Fails only when @data is not a CSL-JSON array at all. */
XarxaImportReport  *xarxa_csl_import          (XarxaStore        *store,
                                               const char        *data,
                                               gssize             length,
                                               GError           **error);

G_END_DECLS
