/* xarxa-cluster-row.h — one cluster in the Clusters list.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-record.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_CLUSTER_ROW (xarxa_cluster_row_get_type ())
G_DECLARE_FINAL_TYPE (XarxaClusterRow, xarxa_cluster_row, XARXA, CLUSTER_ROW, GtkWidget)

GtkWidget *xarxa_cluster_row_new         (void);
/* Shows @cluster (NULL: nothing) with what the store computes from it. */
void       xarxa_cluster_row_set_cluster (XarxaClusterRow *self,
                                          XarxaStore      *store,
                                          XarxaRecord     *cluster);
/* Computes its figures again (a member, action or measurement changed). */
void       xarxa_cluster_row_refresh     (XarxaClusterRow *self);

G_END_DECLS
