/* xarxa-entity.h — one organisation as the directory shows it.
 *
 * A light GObject over the record's JsonObject, with properties for what
 * list rows bind to.  Changes are made through XarxaStore, never here.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define XARXA_TYPE_ENTITY (xarxa_entity_get_type ())
G_DECLARE_FINAL_TYPE (XarxaEntity, xarxa_entity, XARXA, ENTITY, GObject)

XarxaEntity *xarxa_entity_new             (JsonObject  *record);
JsonObject  *xarxa_entity_get_record      (XarxaEntity *self);
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
