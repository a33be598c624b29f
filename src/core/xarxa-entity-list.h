/* xarxa-entity-list.h — the directory as a GListModel of XarxaEntity.
 *
 * The list asks SQLite for the matching row ids only (search, filter and sort
 * in SQL) and builds an XarxaEntity when a row is asked for, keeping a small
 * cache; 100,000 organisations cost 100,000 integers, not objects.  It follows
 * the store's "changed" signal and reports the smallest items-changed it can.
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
/* Copies the query; re-runs it and emits items-changed. */
void             xarxa_entity_list_set_query  (XarxaEntityList        *self,
                                               const XarxaEntityQuery *query);
void             xarxa_entity_list_get_query  (XarxaEntityList        *self,
                                               XarxaEntityQuery       *out_query);
void             xarxa_entity_list_refresh    (XarxaEntityList        *self);
/* Position of the entity with this id, or G_MAXUINT. */
guint            xarxa_entity_list_find       (XarxaEntityList        *self,
                                               const char             *id);

G_END_DECLS
