/* xarxa-entity-editor.h — the form that edits one organisation in place.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_ENTITY_EDITOR (xarxa_entity_editor_get_type ())
G_DECLARE_FINAL_TYPE (XarxaEntityEditor, xarxa_entity_editor, XARXA, ENTITY_EDITOR, AdwBin)

void        xarxa_entity_editor_set_store       (XarxaEntityEditor *self,
                                                 XarxaStore        *store);
/* Saves what is pending in the fields, then shows the entity with this id
 * (NULL: none).  Returns FALSE if the record could not be read. */
gboolean    xarxa_entity_editor_set_entity      (XarxaEntityEditor *self,
                                                 const char        *id);
const char *xarxa_entity_editor_get_entity_id   (XarxaEntityEditor *self);
/* The organisation's name as stored. */
const char *xarxa_entity_editor_get_name        (XarxaEntityEditor *self);
/* Saves every field whose text differs from what is stored and is valid. */
void        xarxa_entity_editor_flush           (XarxaEntityEditor *self);
void        xarxa_entity_editor_reload_contacts (XarxaEntityEditor *self);
void        xarxa_entity_editor_focus_first     (XarxaEntityEditor *self);

G_END_DECLS
