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
 * it again.  On failure nothing is added.  n_entities and batch (may be
 * NULL) receive the number of organisations added and the import batch. */
gboolean xarxa_example_load (XarxaStore  *store,
                             guint       *n_entities,
                             gint64      *batch,
                             GError     **error);

G_END_DECLS
