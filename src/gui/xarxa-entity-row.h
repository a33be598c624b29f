/* xarxa-entity-row.h — one organisation in the directory list.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-entity.h"

G_BEGIN_DECLS

#define XARXA_TYPE_ENTITY_ROW (xarxa_entity_row_get_type ())
G_DECLARE_FINAL_TYPE (XarxaEntityRow, xarxa_entity_row, XARXA, ENTITY_ROW, GtkWidget)

GtkWidget *xarxa_entity_row_new        (void);
void       xarxa_entity_row_set_entity (XarxaEntityRow *self,
                                        XarxaEntity    *entity);

/* A factory for a GtkListView over XarxaEntity items: one of these rows each. */
GtkListItemFactory *xarxa_entity_row_new_factory (void);

G_END_DECLS
