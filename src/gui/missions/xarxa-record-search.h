/* xarxa-record-search.h — picks one organisation or contact person from
 * the directory as you type, or creates it on the spot (offline: it is a
 * local record like any other).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_RECORD_SEARCH (xarxa_record_search_get_type ())
G_DECLARE_FINAL_TYPE (XarxaRecordSearch, xarxa_record_search, XARXA, RECORD_SEARCH, GtkBox)

/* @type_name: "entity" or "contact"; @label: what is picked ("Host
 * organisation"), also the search entry's accessible name. */
GtkWidget  *xarxa_record_search_new             (XarxaStore        *store,
                                                 const char        *type_name,
                                                 const char        *label);
/* The record picked, or NULL. */
const char *xarxa_record_search_get_selected_id (XarxaRecordSearch *self);
void        xarxa_record_search_set_selected_id (XarxaRecordSearch *self,
                                                 const char        *id);
/* A contact created on the spot belongs to this organisation (NULL: none). */
void        xarxa_record_search_set_entity_id   (XarxaRecordSearch *self,
                                                 const char        *entity_id);
/* Whether "Create “…”" is offered (it is by default). */
void        xarxa_record_search_set_can_create  (XarxaRecordSearch *self,
                                                 gboolean           can_create);
/* Types @text into the search, as a person would. */
void        xarxa_record_search_set_text        (XarxaRecordSearch *self,
                                                 const char        *text);

G_END_DECLS
