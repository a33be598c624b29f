/* xarxa-network-map.h — the network map: organisations and the clusters
 * they belong to, as a bipartite graph laid out and measured with igraph.
 *
 * A map is read from the store's live memberships (the whole network, or
 * one cluster with its members and the other clusters those members are
 * in), then laid out with igraph's force-directed layout (Fruchterman–
 * Reingold, from a fixed seed, so the same data gives the same drawing;
 * positions scaled to 0..1 keeping proportions) and measured with
 * betweenness centrality.  The bridging organisations are those in two or
 * more clusters of the map, by betweenness, ties by name.
 *
 * Loading needs a store; laying out needs none and may run in any thread
 * (igraph itself is not thread-safe: this module serialises its calls).
 * xarxa_network_map_new_async() does both in a thread with its own
 * connection.  A map does not change once laid out and may be shared.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

typedef enum
{
  XARXA_MAP_NODE_ENTITY,
  XARXA_MAP_NODE_CLUSTER,
} XarxaMapNodeKind;

typedef struct
{
  char             *id;           /* the organisation's or cluster's id */
  char             *name;
  XarxaMapNodeKind  kind;
  double            x;            /* 0..1, after layout */
  double            y;            /* 0..1, after layout */
  /* The share of shortest paths between other nodes that pass through
   * this one: igraph's betweenness, normalised to 0..1 (on a map of more
   * than 1,000 nodes, estimated from the paths of 1,000 of them). */
  double            betweenness;
  guint             degree;       /* links: clusters of an organisation, members of a cluster */
  gboolean          bridge;       /* an organisation in two or more clusters */
} XarxaMapNode;

typedef struct
{
  guint entity;    /* node index */
  guint cluster;   /* node index */
} XarxaMapEdge;

#define XARXA_TYPE_NETWORK_MAP (xarxa_network_map_get_type ())
typedef struct _XarxaNetworkMap XarxaNetworkMap;

GType               xarxa_network_map_get_type   (void) G_GNUC_CONST;
XarxaNetworkMap    *xarxa_network_map_ref        (XarxaNetworkMap  *self);
void                xarxa_network_map_unref      (XarxaNetworkMap  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaNetworkMap, xarxa_network_map_unref)

/* The graph of the live memberships (@cluster_id NULL: the whole network),
 * not laid out yet: every node at the centre, betweenness 0.  A cluster
 * that is not there or was deleted is an XARXA_ERROR_NOT_FOUND. */
XarxaNetworkMap    *xarxa_network_map_load       (XarxaStore       *store,
                                                  const char       *cluster_id,
                                                  GError          **error);
/* Lays the map out and measures it: positions, betweenness, bridges.
 * Any thread; the same graph gives the same positions. */
gboolean            xarxa_network_map_layout     (XarxaNetworkMap  *self,
                                                  GError          **error);

/* Load and layout in a thread, on a connection of its own to the
 * database at @db_path. */
void                xarxa_network_map_new_async  (const char          *db_path,
                                                  const char          *cluster_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
XarxaNetworkMap    *xarxa_network_map_new_finish (GAsyncResult        *result,
                                                  GError             **error);

/* The cluster the map is centred on; NULL for the whole network. */
const char         *xarxa_network_map_get_cluster_id (XarxaNetworkMap *self);
guint               xarxa_network_map_get_n_nodes    (XarxaNetworkMap *self);
const XarxaMapNode *xarxa_network_map_get_node       (XarxaNetworkMap *self,
                                                      guint            index);
guint               xarxa_network_map_get_n_edges    (XarxaNetworkMap *self);
const XarxaMapEdge *xarxa_network_map_get_edge       (XarxaNetworkMap *self,
                                                      guint            index);
/* The index of the node with @id, or -1. */
int                 xarxa_network_map_find_node      (XarxaNetworkMap *self,
                                                      const char      *id);
/* The indices of the nodes linked to node @index, in the order of their
 * names; *@n_neighbours their number. */
const guint        *xarxa_network_map_get_neighbours (XarxaNetworkMap *self,
                                                      guint            index,
                                                      guint           *n_neighbours);
/* The bridging organisations as node indices, first the one with the
 * highest betweenness (ties by name); empty before layout. */
const guint        *xarxa_network_map_get_bridges    (XarxaNetworkMap *self,
                                                      guint           *n_bridges);

/* {"nodes": [{"id", "kind": "entity"|"cluster", "name", "x", "y",
 *   "betweenness"}], "edges": [{"source": entity id, "target": cluster id}]} */
JsonObject         *xarxa_network_map_to_json        (XarxaNetworkMap *self);

G_END_DECLS
