/* xarxa-cluster-decisions.h — a cluster's decisions by consensus, with
 * every member's position, in its page.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-records-group.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_CLUSTER_DECISIONS (xarxa_cluster_decisions_get_type ())
G_DECLARE_FINAL_TYPE (XarxaClusterDecisions, xarxa_cluster_decisions, XARXA, CLUSTER_DECISIONS, AdwPreferencesGroup)

void               xarxa_cluster_decisions_set_store      (XarxaClusterDecisions *self,
                                                           XarxaStore            *store);
/* Shows the decisions of @cluster_id (NULL: none). */
void               xarxa_cluster_decisions_set_cluster_id (XarxaClusterDecisions *self,
                                                           const char            *cluster_id);
XarxaRecordsGroup *xarxa_cluster_decisions_get_records    (XarxaClusterDecisions *self);
/* What the decision's row says of its outcome ("Consensus", "Blocked by
 * Ateneu X"), as shown; NULL when the decision is not shown or its row has
 * not been opened yet (the positions are made then). */
const char        *xarxa_cluster_decisions_get_outcome    (XarxaClusterDecisions *self,
                                                           const char            *decision_id);
/* The drop-down of @entity_id's position on @decision_id, NULL when not
 * shown (nor before the decision's row is first opened). */
GtkWidget         *xarxa_cluster_decisions_get_position_drop_down (XarxaClusterDecisions *self,
                                                                   const char            *decision_id,
                                                                   const char            *entity_id);

G_END_DECLS
