/* xarxa-cluster-actions.h — a cluster's common actions, in its page.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-records-group.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_CLUSTER_ACTIONS (xarxa_cluster_actions_get_type ())
G_DECLARE_FINAL_TYPE (XarxaClusterActions, xarxa_cluster_actions, XARXA, CLUSTER_ACTIONS, AdwPreferencesGroup)

void               xarxa_cluster_actions_set_store      (XarxaClusterActions *self,
                                                         XarxaStore          *store);
/* Shows the actions of @cluster_id (NULL: none). */
void               xarxa_cluster_actions_set_cluster_id (XarxaClusterActions *self,
                                                         const char          *cluster_id);
XarxaRecordsGroup *xarxa_cluster_actions_get_records    (XarxaClusterActions *self);

G_END_DECLS
