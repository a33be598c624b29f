/* xarxa-example.h — the invented example network offered on first run.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_EXAMPLE_SOURCE "example"

/* Adds the example network (about 40 organisations with their contact
 * people) to the store in one transaction, as one import batch whose source
 * is XARXA_EXAMPLE_SOURCE, so that xarxa_store_import_batch_undo() removes
 * exactly what this call added.  An example organisation whose name matches
 * a live (not deleted) organisation once case and accents are folded (as
 * xarxa_store_find_entity_by_name() does) is skipped with its contacts, so
 * that loading twice adds nothing the second time.  On failure nothing is
 * added.
 *
 * n_added, n_skipped and batch may be NULL.  n_added receives the number of
 * organisations added, n_skipped the number left out because they were
 * already there, and batch the import batch, or -1 when nothing was added
 * (then no batch is made and there is nothing to undo). */
gboolean xarxa_example_load_full (XarxaStore  *store,
                                  guint       *n_added,
                                  guint       *n_skipped,
                                  gint64      *batch,
                                  GError     **error);

/* xarxa_example_load_full() without the count of skipped organisations. */
gboolean xarxa_example_load      (XarxaStore  *store,
                                  guint       *n_entities,
                                  gint64      *batch,
                                  GError     **error);

G_END_DECLS
