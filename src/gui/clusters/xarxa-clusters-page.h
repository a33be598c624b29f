/* xarxa-clusters-page.h — the Clusters view: list, search, filters, and a
 * cluster's page edited in place.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-query.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_CLUSTERS_PAGE (xarxa_clusters_page_get_type ())
G_DECLARE_FINAL_TYPE (XarxaClustersPage, xarxa_clusters_page, XARXA, CLUSTERS_PAGE, AdwBin)

/* The query the list shows: search, filters and sort. */
XarxaQuery *xarxa_clusters_page_dup_query      (XarxaClustersPage *self);
/* Shows the cluster (NULL: none) and selects it in the list. */
void        xarxa_clusters_page_open_cluster   (XarxaClustersPage *self,
                                                const char        *id);
const char *xarxa_clusters_page_get_shown_id   (XarxaClustersPage *self);
/* Creates a cluster called @name and opens it; its id, or NULL (a toast
 * says why). */
char       *xarxa_clusters_page_create_cluster (XarxaClustersPage *self,
                                                const char        *name);
/* Asks for a new cluster's name. */
void        xarxa_clusters_page_new_cluster    (XarxaClustersPage *self);
/* Deletes the cluster shown, with Undo in a toast. */
void        xarxa_clusters_page_delete_current (XarxaClustersPage *self);
/* Shows the shared social agenda of the whole network, and its meetings,
 * where a cluster's page would be. */
void        xarxa_clusters_page_show_network_agenda (XarxaClustersPage *self);

G_END_DECLS
