/* xarxa-entity-list.h — the directory as a GListModel of XarxaEntity.
 *
 * The list asks SQLite for the matching row ids only (search, filter and sort
 * in SQL) and builds an XarxaEntity when a row is asked for, keeping a small
 * cache; 100,000 organisations cost 100,000 integers, not objects.  It follows
 * the store's "changed" signal and reports the smallest items-changed it can.
 *
 * A long directory can also be read once the window is up: a deferred list
 * starts empty and not loaded, and xarxa_entity_list_load() reads its ids in
 * a thread, on a connection of its own.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xarxa-store.h"
#include "xarxa-entity.h"

G_BEGIN_DECLS

#define XARXA_TYPE_ENTITY_LIST (xarxa_entity_list_get_type ())
G_DECLARE_FINAL_TYPE (XarxaEntityList, xarxa_entity_list, XARXA, ENTITY_LIST, GObject)

XarxaEntityList *xarxa_entity_list_new        (XarxaStore             *store);
/* Reads the rows at once only when the store holds few organisations;
 * otherwise the list starts empty and not loaded. */
XarxaEntityList *xarxa_entity_list_new_deferred (XarxaStore           *store);
/* FALSE only between xarxa_entity_list_new_deferred() and the first time
 * the rows are in; "notify::loaded" tells when. */
gboolean         xarxa_entity_list_get_loaded (XarxaEntityList        *self);
/* Reads the rows of the query in a thread, on a connection of its own, and
 * shows them (items-changed) back on the main loop.  Whatever re-runs the
 * query meanwhile (set_query, refresh, the store's "changed") reads the rows
 * at once, and the thread's, older by then, are dropped.  Does nothing if
 * the list is loaded or loading. */
void             xarxa_entity_list_load       (XarxaEntityList        *self);
/* Whether a thread started by xarxa_entity_list_load() is still reading. */
gboolean         xarxa_entity_list_get_loading (XarxaEntityList       *self);
/* Copies the query; re-runs it and emits items-changed.  A deferred list
 * not loaded yet (nor loading) only keeps the query for its load, and
 * likewise lets the store's changes wait for it. */
void             xarxa_entity_list_set_query  (XarxaEntityList        *self,
                                               const XarxaQuery       *query);
const XarxaQuery *xarxa_entity_list_get_query (XarxaEntityList        *self);
void             xarxa_entity_list_refresh    (XarxaEntityList        *self);
/* Position of the entity with this id, or G_MAXUINT. */
guint            xarxa_entity_list_find       (XarxaEntityList        *self,
                                               const char             *id);

G_END_DECLS
