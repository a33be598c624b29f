/* xarxa-cluster-objectives.h — a cluster's shared objectives, the
 * indicators under each, their progress, chart and dated measurements,
 * edited in place on the cluster's page.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_CLUSTER_OBJECTIVES (xarxa_cluster_objectives_get_type ())
G_DECLARE_FINAL_TYPE (XarxaClusterObjectives, xarxa_cluster_objectives, XARXA, CLUSTER_OBJECTIVES, AdwPreferencesGroup)

void        xarxa_cluster_objectives_set_store   (XarxaClusterObjectives *self,
                                                  XarxaStore             *store);
/* Shows the objectives and indicators of cluster @id (NULL: none). */
void        xarxa_cluster_objectives_set_cluster (XarxaClusterObjectives *self,
                                                  const char             *id);

G_END_DECLS
