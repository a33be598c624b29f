/* xarxa-entity.h — one organisation as the directory shows it.
 *
 * The directory's item: a XarxaRecord of type "entity" with what its rows
 * show beside the name (kind and place, transitions), as properties rows
 * can bind to.  Changes are made through XarxaStore, never here.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-record.h"

G_BEGIN_DECLS

#define XARXA_TYPE_ENTITY (xarxa_entity_get_type ())
G_DECLARE_FINAL_TYPE (XarxaEntity, xarxa_entity, XARXA, ENTITY, XarxaRecord)

const char  *xarxa_entity_get_id          (XarxaEntity *self);
const char  *xarxa_entity_get_name        (XarxaEntity *self);
const char  *xarxa_entity_get_kind        (XarxaEntity *self);
const char  *xarxa_entity_get_city        (XarxaEntity *self);
const char  *xarxa_entity_get_country     (XarxaEntity *self);
/* "Foundation · Barcelona, Spain": kind, city and translated country. */
char        *xarxa_entity_dup_summary     (XarxaEntity *self);
/* "Social, Ecological": translated transitions. */
char        *xarxa_entity_dup_transitions_label (XarxaEntity *self);

G_END_DECLS
