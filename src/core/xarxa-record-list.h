/* xarxa-record-list.h — the records a query matches, as a GListModel.
 *
 * One list model for every record type: the directory of organisations, and
 * clusters, missions or documents with another XarxaQuery.  The list asks
 * SQLite for the matching row ids only (search, filter and sort in SQL) and
 * builds a XarxaRecord (XarxaEntity for organisations) when a row is asked
 * for, keeping a small cache; 100,000 organisations cost 100,000 integers,
 * not objects.  It follows the store's "changed::TYPE" signal for its own
 * type (and for the types its search reads: an organisation's contact
 * people), and reports the smallest items-changed it can.
 *
 * A long list can also be read once the window is up: a deferred list
 * starts empty and not loaded, and xarxa_record_list_load() reads its ids in
 * a thread, on a connection of its own.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xarxa-entity.h"
#include "xarxa-query.h"
#include "xarxa-record.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_RECORD_LIST (xarxa_record_list_get_type ())
G_DECLARE_FINAL_TYPE (XarxaRecordList, xarxa_record_list, XARXA, RECORD_LIST, GObject)

/* The query (copied) says the type of the list for good: a later query
 * must be of the same type. */
XarxaRecordList *xarxa_record_list_new        (XarxaStore             *store,
                                               const XarxaQuery       *query);
/* Reads the rows at once only when the store holds few records of the
 * type; otherwise the list starts empty and not loaded. */
XarxaRecordList *xarxa_record_list_new_deferred (XarxaStore           *store,
                                               const XarxaQuery       *query);
/* FALSE only between xarxa_record_list_new_deferred() and the first time
 * the rows are in; "notify::loaded" tells when. */
gboolean         xarxa_record_list_get_loaded (XarxaRecordList        *self);
/* Reads the rows of the query in a thread, on a connection of its own, and
 * shows them (items-changed) back on the main loop.  Whatever re-runs the
 * query meanwhile (set_query, refresh, the store's "changed") reads the rows
 * at once, and the thread's, older by then, are dropped.  Does nothing if
 * the list is loaded or loading. */
void             xarxa_record_list_load       (XarxaRecordList        *self);
/* Whether a thread started by xarxa_record_list_load() is still reading. */
gboolean         xarxa_record_list_get_loading (XarxaRecordList       *self);
/* Copies the query; re-runs it and emits items-changed.  A deferred list
 * not loaded yet (nor loading) only keeps the query for its load, and
 * likewise lets the store's changes wait for it. */
void             xarxa_record_list_set_query  (XarxaRecordList        *self,
                                               const XarxaQuery       *query);
const XarxaQuery *xarxa_record_list_get_query (XarxaRecordList        *self);
void             xarxa_record_list_refresh    (XarxaRecordList        *self);
/* Position of the record with this id, or G_MAXUINT. */
guint            xarxa_record_list_find       (XarxaRecordList        *self,
                                               const char             *id);

G_END_DECLS
