/* xarxa-checkpointer.h — copies a database's write-ahead log back into it,
 * in a thread of its own.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _XarxaCheckpointer XarxaCheckpointer;

XarxaCheckpointer *xarxa_checkpointer_new     (const char        *path);
void               xarxa_checkpointer_watch   (XarxaCheckpointer *self,
                                               sqlite3           *db);
void               xarxa_checkpointer_free    (XarxaCheckpointer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaCheckpointer, xarxa_checkpointer_free)

G_END_DECLS
