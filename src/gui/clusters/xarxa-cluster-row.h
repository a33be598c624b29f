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

GtkWidget *xarxa_cluster_row_new           (void);
/* Shows @cluster (NULL: nothing): its name, status, field and transitions
 * at once; the figures the store computes from other records (members,
 * coordinator, next action, progress) only with
 * xarxa_cluster_row_show_figures(). */
void       xarxa_cluster_row_set_cluster   (XarxaClusterRow *self,
                                            XarxaStore      *store,
                                            XarxaRecord     *cluster);
/* Computes its figures, if they are not shown yet. */
void       xarxa_cluster_row_show_figures  (XarxaClusterRow *self);
/* Whether its figures are shown (computed since the cluster was set). */
gboolean   xarxa_cluster_row_get_figures_shown (XarxaClusterRow *self);
/* Computes its figures again (a member, action or measurement changed),
 * or, when they are not shown yet, leaves them to be computed then. */
void       xarxa_cluster_row_refresh       (XarxaClusterRow *self);

G_END_DECLS
