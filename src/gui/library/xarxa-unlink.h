/* xarxa-unlink.h — a document unlinked from a record, with Undo.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

/* Unlinks @document_id from the record @target_id of @target_type and shows
 * @done (as written) on @widget's window with an Undo that links them
 * again.  The views follow the store's "changed::document_link".  FALSE,
 * showing nothing, with the store's message when it cannot. */
gboolean xarxa_unlink_with_undo (GtkWidget   *widget,
                                 XarxaStore  *store,
                                 const char  *document_id,
                                 const char  *target_type,
                                 const char  *target_id,
                                 const char  *done,
                                 GError     **error);

G_END_DECLS
