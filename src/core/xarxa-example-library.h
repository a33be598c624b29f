/* xarxa-example-library.h — the example network's library of documents.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store.h"

G_BEGIN_DECLS

/* Adds the documents of example-library.json (reports with their PDFs,
 * interviews, a cluster's shared agenda …) inside the caller's
 * transaction, after the organisations, clusters and missions they name:
 * each PDF stored as an attachment beside the database and its text read
 * from it, each document and link noted in the import batch *@batch (made
 * when it is -1) so that undoing the load removes them.  A document whose
 * title a live document has already is skipped with its links. */
gboolean xarxa_example_add_documents (XarxaStore  *store,
                                      gint64      *batch,
                                      GError     **error);

G_END_DECLS
