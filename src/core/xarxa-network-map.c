/* xarxa-network-map.c — the network map of organisations and clusters
 * (see xarxa-network-map.h).
 *
 * The graph is read with one query over the live memberships, joined to
 * their live clusters and organisations; igraph lays it out and measures
 * it.  igraph 0.10 as Debian builds it keeps its random generator and
 * error handler in globals (IGRAPH_THREAD_SAFE is 0), so every use of it
 * here holds one lock, seeds the generator itself and checks each return.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-network-map"

#include "config.h"

#include <glib/gi18n.h>
#include <igraph.h>
#include <math.h>
#include <string.h>

#include "xarxa-network-map.h"
#include "xarxa-store-private.h"
#include "xarxa-values.h"

/* The seed of every layout: the same graph is drawn the same way. */
#define LAYOUT_SEED 20260314
/* igraph's default on small maps; fewer steps on larger ones keep a map
 * of 2,000 nodes within 200 ms and the whole network within seconds,
 * and the grid igraph uses there settles them sooner anyway. */
#define LAYOUT_ITERATIONS 500
#define LAYOUT_ITERATIONS_MEDIUM 300
#define MEDIUM_MAP 1000
#define LAYOUT_ITERATIONS_LARGE 150
#define LARGE_MAP 5000
/* Exact betweenness takes a search from every node: on a map larger than
 * this many nodes it is estimated from the searches of this many, evenly
 * spread, scaled up.  The searches were two thirds of a 2,000-node map's
 * time; half of them rank its bridging organisations the same but for
 * near ties, and the whole network of a big federation would otherwise
 * keep its spinner for minutes. */
#define BETWEENNESS_SOURCES 1000

struct _XarxaNetworkMap
{
  gatomicrefcount  ref_count;
  char            *cluster_id;
  GArray          *nodes;        /* XarxaMapNode */
  GArray          *edges;        /* XarxaMapEdge */
  GPtrArray       *sort_keys;    /* per node: folded name, for ties and order */
  guint           *adjacency;    /* neighbours of every node, one after another */
  guint           *offsets;      /* n_nodes + 1: where each node's neighbours start */
  GArray          *bridges;      /* guint node indices */
};

G_DEFINE_BOXED_TYPE (XarxaNetworkMap, xarxa_network_map,
                     xarxa_network_map_ref, xarxa_network_map_unref)

static GMutex igraph_lock;

static void
clear_node (gpointer data)
{
  XarxaMapNode *node = data;

  g_clear_pointer (&node->id, g_free);
  g_clear_pointer (&node->name, g_free);
}

static XarxaNetworkMap *
network_map_new (const char *cluster_id)
{
  XarxaNetworkMap *self = g_new0 (XarxaNetworkMap, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->cluster_id = g_strdup (cluster_id);
  self->nodes = g_array_new (FALSE, TRUE, sizeof (XarxaMapNode));
  g_array_set_clear_func (self->nodes, clear_node);
  self->edges = g_array_new (FALSE, FALSE, sizeof (XarxaMapEdge));
  self->sort_keys = g_ptr_array_new_with_free_func (g_free);
  self->bridges = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

XarxaNetworkMap *
xarxa_network_map_ref (XarxaNetworkMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
xarxa_network_map_unref (XarxaNetworkMap *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->cluster_id);
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_ptr_array_unref (self->sort_keys);
  g_free (self->adjacency);
  g_free (self->offsets);
  g_array_unref (self->bridges);
  g_free (self);
}

/* ---- reading the graph ------------------------------------------------- */

/* The index of the node for @id, added when new. */
static guint
node_for (XarxaNetworkMap  *self,
          GHashTable       *index,
          XarxaMapNodeKind  kind,
          const char       *id,
          const char       *name)
{
  gpointer found;
  XarxaMapNode node = { 0 };

  if (g_hash_table_lookup_extended (index, id, NULL, &found))
    return GPOINTER_TO_UINT (found);
  node.id = g_strdup (id);
  node.name = g_strdup (name != NULL ? name : "");
  node.kind = kind;
  node.x = node.y = 0.5;
  g_array_append_val (self->nodes, node);
  g_ptr_array_add (self->sort_keys, xarxa_fold_key (node.name));
  g_hash_table_insert (index, node.id, GUINT_TO_POINTER (self->nodes->len - 1));
  return self->nodes->len - 1;
}

/* By folded name, then by id: a total order that does not depend on the
 * order the rows came in. */
static int
compare_by_name (XarxaNetworkMap *self,
                 guint            a,
                 guint            b)
{
  int c = strcmp (g_ptr_array_index (self->sort_keys, a), g_ptr_array_index (self->sort_keys, b));

  if (c != 0)
    return c;
  return strcmp (g_array_index (self->nodes, XarxaMapNode, a).id,
                 g_array_index (self->nodes, XarxaMapNode, b).id);
}

static int
compare_neighbours (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  return compare_by_name (user_data, *(const guint *) a, *(const guint *) b);
}

static void
build_adjacency (XarxaNetworkMap *self)
{
  guint n = self->nodes->len;
  g_autofree guint *fill = g_new0 (guint, n + 1);

  self->offsets = g_new0 (guint, n + 1);
  for (guint i = 0; i < self->edges->len; i++)
    {
      const XarxaMapEdge *e = &g_array_index (self->edges, XarxaMapEdge, i);

      self->offsets[e->entity + 1]++;
      self->offsets[e->cluster + 1]++;
    }
  for (guint i = 0; i < n; i++)
    {
      g_array_index (self->nodes, XarxaMapNode, i).degree = self->offsets[i + 1];
      self->offsets[i + 1] += self->offsets[i];
    }
  self->adjacency = g_new (guint, MAX (self->offsets[n], 1));
  memcpy (fill, self->offsets, sizeof (guint) * (n + 1));
  for (guint i = 0; i < self->edges->len; i++)
    {
      const XarxaMapEdge *e = &g_array_index (self->edges, XarxaMapEdge, i);

      self->adjacency[fill[e->entity]++] = e->cluster;
      self->adjacency[fill[e->cluster]++] = e->entity;
    }
  for (guint i = 0; i < n; i++)
    g_qsort_with_data (self->adjacency + self->offsets[i], self->offsets[i + 1] - self->offsets[i],
                       sizeof (guint), compare_neighbours, self);
}

/* Rows: cluster id, cluster name, organisation id, organisation name; in
 * a fixed order, so that the nodes are numbered the same way each time. */
static const char whole_network_sql[] =
  "SELECT m.cluster_id, c.name, m.entity_id, e.name FROM cluster_member m "
  "JOIN cluster c ON c.id = m.cluster_id AND c.deleted = 0 "
  "JOIN entity e ON e.id = m.entity_id AND e.deleted = 0 "
  "WHERE m.deleted = 0 ORDER BY m.cluster_id, m.entity_id";

/* The cluster's members, and every live membership of those members. */
static const char one_cluster_sql[] =
  "SELECT m.cluster_id, c.name, m.entity_id, e.name FROM cluster_member m "
  "JOIN cluster c ON c.id = m.cluster_id AND c.deleted = 0 "
  "JOIN entity e ON e.id = m.entity_id AND e.deleted = 0 "
  "WHERE m.deleted = 0 AND m.entity_id IN "
  "(SELECT entity_id FROM cluster_member WHERE cluster_id = ?1 AND deleted = 0) "
  "ORDER BY m.cluster_id <> ?1, m.cluster_id, m.entity_id";

XarxaNetworkMap *
xarxa_network_map_load (XarxaStore  *store,
                        const char  *cluster_id,
                        GError     **error)
{
  g_autoptr(XarxaNetworkMap) self = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GHashTable) pairs = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = network_map_new (cluster_id);
  index = g_hash_table_new (g_str_hash, g_str_equal);
  pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (cluster_id != NULL)
    {
      g_autoptr(JsonObject) cluster = xarxa_store_get_live_record (store, "cluster", cluster_id);

      if (cluster == NULL)
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                       _("There is no cluster with the id “%s”."), cluster_id);
          return NULL;
        }
      /* The cluster is on its own map even before it has members. */
      node_for (self, index, XARXA_MAP_NODE_CLUSTER, cluster_id,
                xarxa_value_string_of (cluster, "name"));
    }

  stmt = xarxa_store_prepare (store, cluster_id != NULL ? one_cluster_sql : whole_network_sql, error);
  if (stmt == NULL)
    return NULL;
  if (cluster_id != NULL)
    xarxa_sqlite_bind_text (stmt, 1, cluster_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *cid = (const char *) sqlite3_column_text (stmt, 0);
      const char *eid = (const char *) sqlite3_column_text (stmt, 2);
      XarxaMapEdge edge;

      if (cid == NULL || eid == NULL)
        continue;
      /* Two devices may each have made the same membership before the
       * pair's id was derived from it: one link is drawn. */
      if (!g_hash_table_add (pairs, g_strconcat (cid, "/", eid, NULL)))
        continue;
      edge.cluster = node_for (self, index, XARXA_MAP_NODE_CLUSTER, cid,
                               (const char *) sqlite3_column_text (stmt, 1));
      edge.entity = node_for (self, index, XARXA_MAP_NODE_ENTITY, eid,
                              (const char *) sqlite3_column_text (stmt, 3));
      g_array_append_val (self->edges, edge);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (store, rc, error);
      return NULL;
    }

  build_adjacency (self);
  return g_steal_pointer (&self);
}

/* ---- layout and measures ---------------------------------------------- */

static gboolean
igraph_failed (igraph_error_t  code,
               GError        **error)
{
  if (code == IGRAPH_SUCCESS)
    return FALSE;
  g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
               _("The network map could not be laid out (%s)."), igraph_strerror (code));
  return TRUE;
}

static int
compare_bridges (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  XarxaNetworkMap *self = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  double ba = g_array_index (self->nodes, XarxaMapNode, ia).betweenness;
  double bb = g_array_index (self->nodes, XarxaMapNode, ib).betweenness;

  if (ba != bb)
    return ba > bb ? -1 : 1;
  return compare_by_name (self, ia, ib);
}

/* Positions into 0..1, the same scale on both axes (the drawing keeps its
 * proportions), centred on the shorter one. */
static void
scale_positions (XarxaNetworkMap *self,
                 igraph_matrix_t *positions)
{
  guint n = self->nodes->len;
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double extent;

  for (guint i = 0; i < n; i++)
    {
      double x = MATRIX (*positions, i, 0), y = MATRIX (*positions, i, 1);

      min_x = MIN (min_x, x);
      max_x = MAX (max_x, x);
      min_y = MIN (min_y, y);
      max_y = MAX (max_y, y);
    }
  extent = MAX (max_x - min_x, max_y - min_y);
  for (guint i = 0; i < n; i++)
    {
      XarxaMapNode *node = &g_array_index (self->nodes, XarxaMapNode, i);

      if (extent <= 0 || !isfinite (extent))
        {
          node->x = node->y = 0.5;
          continue;
        }
      node->x = (MATRIX (*positions, i, 0) - min_x) / extent + (1 - (max_x - min_x) / extent) / 2;
      node->y = (MATRIX (*positions, i, 1) - min_y) / extent + (1 - (max_y - min_y) / extent) / 2;
    }
}

/* With the lock held: igraph's betweenness of every node, exact or, on a
 * map of more than BETWEENNESS_SOURCES nodes, estimated from an even
 * sample of sources. */
static gboolean
measure_betweenness (const igraph_t   *graph,
                     guint             n,
                     igraph_vector_t  *result,
                     GError          **error)
{
  igraph_vector_int_t sources;
  gboolean ok;

  if (n <= BETWEENNESS_SOURCES)
    return !igraph_failed (igraph_betweenness (graph, result, igraph_vss_all (), IGRAPH_UNDIRECTED, NULL), error);

  if (igraph_failed (igraph_vector_int_init (&sources, BETWEENNESS_SOURCES), error))
    return FALSE;
  for (guint i = 0; i < BETWEENNESS_SOURCES; i++)
    VECTOR (sources)[i] = (igraph_integer_t) ((guint64) i * n / BETWEENNESS_SOURCES);
  ok = !igraph_failed (igraph_betweenness_subset (graph, result, igraph_vss_all (), IGRAPH_UNDIRECTED,
                                                  igraph_vss_vector (&sources), igraph_vss_all (), NULL),
                       error);
  igraph_vector_int_destroy (&sources);
  if (ok)
    igraph_vector_scale (result, (double) n / BETWEENNESS_SOURCES);
  return ok;
}

/* With the lock held: positions and betweenness from igraph. */
static gboolean
run_igraph (XarxaNetworkMap  *self,
            GError          **error)
{
  guint n = self->nodes->len;
  igraph_vector_int_t edge_list;
  igraph_matrix_t positions;
  igraph_vector_t betweenness;
  igraph_t graph;
  gboolean ok = FALSE;
  double pairs;

  if (igraph_failed (igraph_vector_int_init (&edge_list, 2 * (igraph_integer_t) self->edges->len), error))
    return FALSE;
  for (guint i = 0; i < self->edges->len; i++)
    {
      const XarxaMapEdge *e = &g_array_index (self->edges, XarxaMapEdge, i);

      VECTOR (edge_list)[2 * i] = e->entity;
      VECTOR (edge_list)[2 * i + 1] = e->cluster;
    }
  if (igraph_failed (igraph_create (&graph, &edge_list, n, IGRAPH_UNDIRECTED), error))
    {
      igraph_vector_int_destroy (&edge_list);
      return FALSE;
    }
  igraph_vector_int_destroy (&edge_list);
  if (igraph_failed (igraph_matrix_init (&positions, 0, 0), error))
    goto out_graph;
  if (igraph_failed (igraph_vector_init (&betweenness, 0), error))
    goto out_positions;

  igraph_rng_seed (igraph_rng_default (), LAYOUT_SEED);
  if (igraph_failed (igraph_layout_fruchterman_reingold (&graph, &positions, FALSE,
                                                         n > LARGE_MAP ? LAYOUT_ITERATIONS_LARGE
                                                         : n > MEDIUM_MAP ? LAYOUT_ITERATIONS_MEDIUM
                                                         : LAYOUT_ITERATIONS,
                                                         sqrt ((double) n) / 10, IGRAPH_LAYOUT_AUTOGRID,
                                                         NULL, NULL, NULL, NULL, NULL), error) ||
      !measure_betweenness (&graph, n, &betweenness, error))
    goto out_betweenness;

  scale_positions (self, &positions);
  /* Normalised: the share of the pairs of other nodes, (n-1)(n-2)/2 in
   * an undirected graph. */
  pairs = n > 2 ? ((double) n - 1) * ((double) n - 2) / 2 : 1;
  for (guint i = 0; i < n; i++)
    g_array_index (self->nodes, XarxaMapNode, i).betweenness = VECTOR (betweenness)[i] / pairs;
  ok = TRUE;

out_betweenness:
  igraph_vector_destroy (&betweenness);
out_positions:
  igraph_matrix_destroy (&positions);
out_graph:
  igraph_destroy (&graph);
  return ok;
}

gboolean
xarxa_network_map_layout (XarxaNetworkMap  *self,
                          GError          **error)
{
  static gsize handlers_set = 0;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_array_set_size (self->bridges, 0);
  if (self->nodes->len == 0)
    return TRUE;

  if (g_once_init_enter (&handlers_set))
    {
      /* igraph's own handlers abort the program or print: errors come
       * back as return values and are reported as GErrors instead. */
      igraph_set_error_handler (igraph_error_handler_ignore);
      igraph_set_warning_handler (igraph_warning_handler_ignore);
      g_once_init_leave (&handlers_set, 1);
    }
  g_mutex_lock (&igraph_lock);
  ok = run_igraph (self, error);
  g_mutex_unlock (&igraph_lock);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      XarxaMapNode *node = &g_array_index (self->nodes, XarxaMapNode, i);

      node->bridge = node->kind == XARXA_MAP_NODE_ENTITY && node->degree >= 2;
      if (node->bridge)
        g_array_append_val (self->bridges, i);
    }
  g_array_sort_with_data (self->bridges, compare_bridges, self);
  return TRUE;
}

/* ---- in a thread ------------------------------------------------------- */

typedef struct
{
  char *db_path;
  char *cluster_id;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->db_path);
  g_free (load->cluster_id);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(XarxaNetworkMap) map = NULL;

  store = xarxa_store_open_existing (load->db_path, &error);
  if (store != NULL)
    map = xarxa_network_map_load (store, load->cluster_id, &error);
  if (map == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!xarxa_network_map_layout (map, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&map), (GDestroyNotify) xarxa_network_map_unref);
}

void
xarxa_network_map_new_async (const char          *db_path,
                             const char          *cluster_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  load = g_new0 (LoadData, 1);
  load->db_path = g_strdup (db_path);
  load->cluster_id = g_strdup (cluster_id);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, xarxa_network_map_new_async);
  g_task_set_task_data (task, load, load_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

XarxaNetworkMap *
xarxa_network_map_new_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == xarxa_network_map_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- reading a map ----------------------------------------------------- */

const char *
xarxa_network_map_get_cluster_id (XarxaNetworkMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->cluster_id;
}

guint
xarxa_network_map_get_n_nodes (XarxaNetworkMap *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->nodes->len;
}

const XarxaMapNode *
xarxa_network_map_get_node (XarxaNetworkMap *self,
                            guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);

  return &g_array_index (self->nodes, XarxaMapNode, index);
}

guint
xarxa_network_map_get_n_edges (XarxaNetworkMap *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->edges->len;
}

const XarxaMapEdge *
xarxa_network_map_get_edge (XarxaNetworkMap *self,
                            guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);

  return &g_array_index (self->edges, XarxaMapEdge, index);
}

int
xarxa_network_map_find_node (XarxaNetworkMap *self,
                             const char      *id)
{
  g_return_val_if_fail (self != NULL, -1);

  if (id == NULL)
    return -1;
  for (guint i = 0; i < self->nodes->len; i++)
    if (g_str_equal (g_array_index (self->nodes, XarxaMapNode, i).id, id))
      return (int) i;
  return -1;
}

const guint *
xarxa_network_map_get_neighbours (XarxaNetworkMap *self,
                                  guint            index,
                                  guint           *n_neighbours)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);
  g_return_val_if_fail (n_neighbours != NULL, NULL);

  *n_neighbours = self->offsets[index + 1] - self->offsets[index];
  return self->adjacency + self->offsets[index];
}

const guint *
xarxa_network_map_get_bridges (XarxaNetworkMap *self,
                               guint           *n_bridges)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_bridges != NULL, NULL);

  *n_bridges = self->bridges->len;
  return (const guint *) self->bridges->data;
}

JsonObject *
xarxa_network_map_to_json (XarxaNetworkMap *self)
{
  JsonObject *root;
  JsonArray *nodes;
  JsonArray *edges;

  g_return_val_if_fail (self != NULL, NULL);

  root = json_object_new ();
  nodes = json_array_sized_new (self->nodes->len);
  edges = json_array_sized_new (self->edges->len);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const XarxaMapNode *node = &g_array_index (self->nodes, XarxaMapNode, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "id", node->id);
      json_object_set_string_member (o, "kind", node->kind == XARXA_MAP_NODE_CLUSTER ? "cluster" : "entity");
      json_object_set_string_member (o, "name", node->name);
      json_object_set_double_member (o, "x", node->x);
      json_object_set_double_member (o, "y", node->y);
      json_object_set_double_member (o, "betweenness", node->betweenness);
      json_array_add_object_element (nodes, o);
    }
  for (guint i = 0; i < self->edges->len; i++)
    {
      const XarxaMapEdge *e = &g_array_index (self->edges, XarxaMapEdge, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "source", g_array_index (self->nodes, XarxaMapNode, e->entity).id);
      json_object_set_string_member (o, "target", g_array_index (self->nodes, XarxaMapNode, e->cluster).id);
      json_array_add_object_element (edges, o);
    }
  json_object_set_array_member (root, "nodes", nodes);
  json_object_set_array_member (root, "edges", edges);
  return root;
}
