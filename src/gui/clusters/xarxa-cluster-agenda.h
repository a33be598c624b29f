/* xarxa-cluster-agenda.h — the shared social agenda of a cluster, or of
 * the whole network: items ranked by the organisations that support them,
 * grouped by kind or by transition, edited in place, and kept in the
 * library as a document.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-cluster.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_CLUSTER_AGENDA (xarxa_cluster_agenda_get_type ())
G_DECLARE_FINAL_TYPE (XarxaClusterAgenda, xarxa_cluster_agenda, XARXA, CLUSTER_AGENDA, AdwPreferencesGroup)

GtkWidget          *xarxa_cluster_agenda_new            (void);
void                xarxa_cluster_agenda_set_store      (XarxaClusterAgenda  *self,
                                                         XarxaStore          *store);
/* The agenda of @cluster_id; NULL shows nothing. */
void                xarxa_cluster_agenda_set_cluster_id (XarxaClusterAgenda  *self,
                                                         const char          *cluster_id);
/* The agenda of the whole network instead (items of every cluster and
 * meeting): Add asks which network-wide meeting the item comes from. */
void                xarxa_cluster_agenda_show_network   (XarxaClusterAgenda  *self);
void                xarxa_cluster_agenda_set_grouping   (XarxaClusterAgenda  *self,
                                                         XarxaAgendaGrouping  grouping);
XarxaAgendaGrouping xarxa_cluster_agenda_get_grouping   (XarxaClusterAgenda  *self);
/* Saves the agenda shown to the library (xarxa_agenda_save_to_library())
 * and says so in a toast; the document's id, or NULL (told in a toast). */
char               *xarxa_cluster_agenda_save_to_library (XarxaClusterAgenda *self);
/* The ids of the items shown, in the order shown. */
GPtrArray          *xarxa_cluster_agenda_dup_item_ids   (XarxaClusterAgenda  *self);
/* The titles of the groups shown, in order, joined by " | ". */
char               *xarxa_cluster_agenda_dup_group_titles (XarxaClusterAgenda *self);
/* The switch saying whether @entity_id supports @item_id; NULL when not
 * shown (nor before the item's row is first opened). */
GtkWidget          *xarxa_cluster_agenda_get_support_switch (XarxaClusterAgenda *self,
                                                             const char         *item_id,
                                                             const char         *entity_id);

G_END_DECLS
