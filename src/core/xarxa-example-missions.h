/* xarxa-example-missions.h — the example network's study missions.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

/* Adds the missions of the example's "missions" member (each with its
 * "participants", "stops" and "field_notes"; organisations and people
 * named by name, a note's stop by its index in "stops") inside the
 * caller's transaction, each record noted in the import batch *@batch
 * (made when it is -1) so that undoing the load removes them.  A mission
 * whose title a live mission has already is skipped with everything
 * under it. */
gboolean xarxa_example_add_missions (XarxaStore  *store,
                                     JsonObject  *root,
                                     gint64      *batch,
                                     GError     **error);

G_END_DECLS
