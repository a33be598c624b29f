/* test-network-map.c — the network map of organisations and clusters
 * (xarxa-network-map.h): which nodes and links a map holds, the bridging
 * organisations in order, a layout that is the same every time, deleted
 * records left out, and the empty map.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-network-map"

#include "config.h"

#include <string.h>

#include "test-util.h"
#include "xarxa-network-map.h"
#include "xarxa-store.h"

typedef TestStore Fixture;

static char *
add_cluster (XarxaStore *store,
             const char *name)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, "name", name);
  id = xarxa_store_create_record (store, "cluster", values, &error);
  g_assert_no_error (error);
  return id;
}

static char *
add_member (XarxaStore *store,
            const char *cluster_id,
            const char *entity_id)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, "cluster_id", cluster_id);
  json_object_set_string_member (values, "entity_id", entity_id);
  json_object_set_string_member (values, "role", "member");
  id = xarxa_store_create_record (store, "cluster_member", values, &error);
  g_assert_no_error (error);
  return id;
}

static XarxaNetworkMap *
laid_out (XarxaStore *store,
          const char *cluster_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaNetworkMap) map = xarxa_network_map_load (store, cluster_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (map);
  g_assert_true (xarxa_network_map_layout (map, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&map);
}

static const XarxaMapNode *
node_named (XarxaNetworkMap *map,
            const char      *id)
{
  int i = xarxa_network_map_find_node (map, id);

  return i < 0 ? NULL : xarxa_network_map_get_node (map, (guint) i);
}

/* The names of the bridges, in order, joined by commas. */
static char *
bridge_names (XarxaNetworkMap *map)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) v = NULL;
  guint n;
  const guint *bridges = xarxa_network_map_get_bridges (map, &n);

  for (guint i = 0; i < n; i++)
    g_strv_builder_add (names, xarxa_network_map_get_node (map, bridges[i])->name);
  v = g_strv_builder_end (names);
  return g_strjoinv (",", v);
}

/* Water (Fundació Riu) and Energy (Ateneu Sol) share Cooperativa Pont:
 * the path Riu – Water – Pont – Energy – Sol, whose middle is Pont. */
static void
test_bridges (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *water = add_cluster (f->store, "Water");
  g_autofree char *energy = add_cluster (f->store, "Energy");
  g_autofree char *riu = test_add_entity (f->store, "Fundació Riu", NULL);
  g_autofree char *pont = test_add_entity (f->store, "Cooperativa Pont", NULL);
  g_autofree char *sol = test_add_entity (f->store, "Ateneu Sol", NULL);
  g_autofree char *m1 = add_member (f->store, water, riu);
  g_autofree char *m2 = add_member (f->store, water, pont);
  g_autofree char *m3 = add_member (f->store, energy, pont);
  g_autofree char *m4 = add_member (f->store, energy, sol);
  g_autoptr(XarxaNetworkMap) map = laid_out (f->store, NULL);
  g_autofree char *names = NULL;
  const XarxaMapNode *bridge;
  g_autoptr(JsonObject) json = NULL;
  JsonArray *nodes;
  JsonArray *edges;
  guint n;
  const guint *neighbours;

  g_assert_null (xarxa_network_map_get_cluster_id (map));
  g_assert_cmpuint (xarxa_network_map_get_n_nodes (map), ==, 5);
  g_assert_cmpuint (xarxa_network_map_get_n_edges (map), ==, 4);
  names = bridge_names (map);
  g_assert_cmpstr (names, ==, "Cooperativa Pont");

  bridge = node_named (map, pont);
  g_assert_nonnull (bridge);
  g_assert_true (bridge->bridge);
  g_assert_cmpint (bridge->kind, ==, XARXA_MAP_NODE_ENTITY);
  g_assert_cmpuint (bridge->degree, ==, 2);
  /* On the path of 5 nodes the middle one lies between 2 × 2 of the 6
   * pairs of the others. */
  g_assert_cmpfloat_with_epsilon (bridge->betweenness, 4.0 / 6.0, 1e-9);
  for (guint i = 0; i < xarxa_network_map_get_n_nodes (map); i++)
    if (xarxa_network_map_get_node (map, i) != bridge)
      g_assert_cmpfloat (xarxa_network_map_get_node (map, i)->betweenness, <, bridge->betweenness);
  g_assert_false (node_named (map, riu)->bridge);
  g_assert_cmpfloat (node_named (map, riu)->betweenness, ==, 0);
  g_assert_cmpint (node_named (map, water)->kind, ==, XARXA_MAP_NODE_CLUSTER);

  /* The bridge's clusters, by name. */
  neighbours = xarxa_network_map_get_neighbours (map, (guint) xarxa_network_map_find_node (map, pont), &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (xarxa_network_map_get_node (map, neighbours[0])->name, ==, "Energy");
  g_assert_cmpstr (xarxa_network_map_get_node (map, neighbours[1])->name, ==, "Water");

  json = xarxa_network_map_to_json (map);
  nodes = json_object_get_array_member (json, "nodes");
  edges = json_object_get_array_member (json, "edges");
  g_assert_cmpuint (json_array_get_length (nodes), ==, 5);
  g_assert_cmpuint (json_array_get_length (edges), ==, 4);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      const char *kind = json_object_get_string_member (node, "kind");

      g_assert_true (g_str_equal (kind, "entity") || g_str_equal (kind, "cluster"));
      g_assert_true (json_object_has_member (node, "x") && json_object_has_member (node, "y"));
      if (g_str_equal (json_object_get_string_member (node, "id"), pont))
        {
          g_assert_cmpstr (kind, ==, "entity");
          g_assert_cmpstr (json_object_get_string_member (node, "name"), ==, "Cooperativa Pont");
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (node, "betweenness"), 4.0 / 6.0, 1e-9);
        }
    }
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *edge = json_array_get_object_element (edges, i);
      const XarxaMapNode *source = node_named (map, json_object_get_string_member (edge, "source"));
      const XarxaMapNode *target = node_named (map, json_object_get_string_member (edge, "target"));

      g_assert_cmpint (source->kind, ==, XARXA_MAP_NODE_ENTITY);
      g_assert_cmpint (target->kind, ==, XARXA_MAP_NODE_CLUSTER);
    }
}

/* Two organisations that link the same two clusters lie between as many
 * pairs: they are listed by name. */
static void
test_ties (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *c = add_cluster (f->store, "Housing");
  g_autofree char *d = add_cluster (f->store, "Care");
  g_autofree char *zeta = test_add_entity (f->store, "Zeta Cooperativa", NULL);
  g_autofree char *alfa = test_add_entity (f->store, "Àlfa Associació", NULL);
  g_autofree char *m1 = add_member (f->store, c, zeta);
  g_autofree char *m2 = add_member (f->store, d, zeta);
  g_autofree char *m3 = add_member (f->store, c, alfa);
  g_autofree char *m4 = add_member (f->store, d, alfa);
  g_autoptr(XarxaNetworkMap) map = laid_out (f->store, NULL);
  g_autofree char *names = bridge_names (map);

  g_assert_cmpstr (names, ==, "Àlfa Associació,Zeta Cooperativa");
  g_assert_cmpfloat (node_named (map, zeta)->betweenness, ==, node_named (map, alfa)->betweenness);
}

/* One cluster's map: its members, and the other clusters those members
 * are in, but not those clusters' other members. */
static void
test_one_cluster (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *water = add_cluster (f->store, "Water");
  g_autofree char *energy = add_cluster (f->store, "Energy");
  g_autofree char *food = add_cluster (f->store, "Food");
  g_autofree char *riu = test_add_entity (f->store, "Fundació Riu", NULL);
  g_autofree char *pont = test_add_entity (f->store, "Cooperativa Pont", NULL);
  g_autofree char *sol = test_add_entity (f->store, "Ateneu Sol", NULL);
  g_autofree char *hort = test_add_entity (f->store, "Hort Comú", NULL);
  g_autofree char *m1 = add_member (f->store, water, riu);
  g_autofree char *m2 = add_member (f->store, water, pont);
  g_autofree char *m3 = add_member (f->store, energy, pont);
  g_autofree char *m4 = add_member (f->store, energy, sol);
  g_autofree char *m5 = add_member (f->store, food, sol);
  g_autofree char *m6 = add_member (f->store, food, hort);
  g_autoptr(XarxaNetworkMap) map = laid_out (f->store, water);
  g_autoptr(XarxaNetworkMap) whole = laid_out (f->store, NULL);
  g_autofree char *names = bridge_names (map);
  g_autofree char *whole_names = NULL;

  g_assert_cmpstr (xarxa_network_map_get_cluster_id (map), ==, water);
  g_assert_cmpuint (xarxa_network_map_get_n_nodes (map), ==, 4);
  g_assert_cmpuint (xarxa_network_map_get_n_edges (map), ==, 3);
  g_assert_nonnull (node_named (map, water));
  g_assert_nonnull (node_named (map, riu));
  g_assert_nonnull (node_named (map, pont));
  g_assert_nonnull (node_named (map, energy));
  g_assert_null (node_named (map, sol));
  g_assert_null (node_named (map, food));
  g_assert_cmpstr (names, ==, "Cooperativa Pont");

  /* The whole network is the chain Riu – Water – Pont – Energy – Sol –
   * Food – Hort: both bridges lie between 2 × 4 pairs, so by name. */
  g_assert_cmpuint (xarxa_network_map_get_n_nodes (whole), ==, 7);
  whole_names = bridge_names (whole);
  g_assert_cmpstr (whole_names, ==, "Ateneu Sol,Cooperativa Pont");
}

static gboolean
same_positions (XarxaNetworkMap *a,
                XarxaNetworkMap *b)
{
  if (xarxa_network_map_get_n_nodes (a) != xarxa_network_map_get_n_nodes (b))
    return FALSE;
  for (guint i = 0; i < xarxa_network_map_get_n_nodes (a); i++)
    {
      const XarxaMapNode *na = xarxa_network_map_get_node (a, i);
      const XarxaMapNode *nb = xarxa_network_map_get_node (b, i);

      if (!g_str_equal (na->id, nb->id) || na->x != nb->x || na->y != nb->y)
        return FALSE;
    }
  return TRUE;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  XarxaNetworkMap **out = user_data;

  *out = xarxa_network_map_new_finish (result, &error);
  g_assert_no_error (error);
}

/* The same data is drawn the same way, whichever thread lays it out,
 * within 0..1 and spread over the whole of it. */
static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(XarxaNetworkMap) first = NULL;
  g_autoptr(XarxaNetworkMap) second = NULL;
  g_autoptr(XarxaNetworkMap) threaded = NULL;
  g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  double min_x = 1, max_x = 0, min_y = 1, max_y = 0;
  gboolean moved = FALSE;

  for (guint c = 0; c < 6; c++)
    {
      g_autofree char *name = g_strdup_printf ("Cluster %u", c);

      g_ptr_array_add (clusters, add_cluster (f->store, name));
    }
  for (guint e = 0; e < 40; e++)
    {
      g_autofree char *name = g_strdup_printf ("Organisation %02u", e);
      g_autofree char *entity = test_add_entity (f->store, name, NULL);

      g_ptr_array_add (ids, add_member (f->store, clusters->pdata[e % 6], entity));
      if (e % 5 == 0)
        g_ptr_array_add (ids, add_member (f->store, clusters->pdata[(e + 1) % 6], entity));
    }

  first = laid_out (f->store, NULL);
  second = laid_out (f->store, NULL);
  g_assert_cmpuint (xarxa_network_map_get_n_nodes (first), ==, 46);
  g_assert_true (same_positions (first, second));
  /* Laying out again gives the same too. */
  g_assert_true (xarxa_network_map_layout (second, NULL));
  g_assert_true (same_positions (first, second));

  xarxa_network_map_new_async (f->path, NULL, NULL, async_done_cb, &threaded);
  while (threaded == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (same_positions (first, threaded));

  for (guint i = 0; i < xarxa_network_map_get_n_nodes (first); i++)
    {
      const XarxaMapNode *node = xarxa_network_map_get_node (first, i);

      g_assert_cmpfloat (node->x, >=, 0);
      g_assert_cmpfloat (node->x, <=, 1);
      g_assert_cmpfloat (node->y, >=, 0);
      g_assert_cmpfloat (node->y, <=, 1);
      min_x = MIN (min_x, node->x);
      max_x = MAX (max_x, node->x);
      min_y = MIN (min_y, node->y);
      max_y = MAX (max_y, node->y);
      if (node->x != 0.5 || node->y != 0.5)
        moved = TRUE;
    }
  g_assert_true (moved);
  /* The longer side spans the whole range. */
  g_assert_true ((min_x < 1e-9 && max_x > 1 - 1e-9) || (min_y < 1e-9 && max_y > 1 - 1e-9));
}

/* Deleted memberships, organisations and clusters are not on the map. */
static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *water = add_cluster (f->store, "Water");
  g_autofree char *energy = add_cluster (f->store, "Energy");
  g_autofree char *riu = test_add_entity (f->store, "Fundació Riu", NULL);
  g_autofree char *pont = test_add_entity (f->store, "Cooperativa Pont", NULL);
  g_autofree char *sol = test_add_entity (f->store, "Ateneu Sol", NULL);
  g_autofree char *m1 = add_member (f->store, water, riu);
  g_autofree char *m2 = add_member (f->store, water, pont);
  g_autofree char *m3 = add_member (f->store, energy, pont);
  g_autofree char *m4 = add_member (f->store, energy, sol);
  g_autoptr(XarxaNetworkMap) map = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert_true (xarxa_store_delete_record (f->store, "cluster_member", m3, &error));
  g_assert_no_error (error);
  map = laid_out (f->store, NULL);
  g_assert_cmpuint (xarxa_network_map_get_n_edges (map), ==, 3);
  xarxa_network_map_get_bridges (map, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (node_named (map, pont)->bridge);
  g_clear_pointer (&map, xarxa_network_map_unref);

  /* A deleted organisation goes with its links. */
  g_assert_true (xarxa_store_delete_record (f->store, "entity", sol, &error));
  g_assert_no_error (error);
  map = laid_out (f->store, NULL);
  g_assert_null (node_named (map, sol));
  g_assert_null (node_named (map, energy));
  g_assert_cmpuint (xarxa_network_map_get_n_nodes (map), ==, 3);
  g_clear_pointer (&map, xarxa_network_map_unref);

  /* A deleted cluster too, and it has no map of its own. */
  g_assert_true (xarxa_store_delete_record (f->store, "cluster", water, &error));
  g_assert_no_error (error);
  map = laid_out (f->store, NULL);
  g_assert_cmpuint (xarxa_network_map_get_n_nodes (map), ==, 0);
  g_clear_pointer (&map, xarxa_network_map_unref);
  map = xarxa_network_map_load (f->store, water, &error);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
  g_assert_null (map);
}

/* A map of more than 5,000 nodes, whose betweenness is estimated: the
 * bridge between the two large clusters still comes first, the one to
 * the small cluster second. */
static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *a = add_cluster (f->store, "A");
  g_autofree char *b = add_cluster (f->store, "B");
  g_autofree char *c = add_cluster (f->store, "C");
  g_autofree char *p = test_add_entity (f->store, "Pont Gran", NULL);
  g_autofree char *q = test_add_entity (f->store, "Pont Petit", NULL);
  g_autoptr(XarxaNetworkMap) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_true (xarxa_store_begin (f->store, &error));
  for (guint i = 0; i < 5100; i++)
    {
      g_autofree char *name = g_strdup_printf ("Organisation %04u", i);
      g_autofree char *entity = test_add_entity (f->store, name, NULL);

      g_free (add_member (f->store, i < 2500 ? a : i < 5000 ? b : c, entity));
    }
  g_free (add_member (f->store, a, p));
  g_free (add_member (f->store, b, p));
  g_free (add_member (f->store, b, q));
  g_free (add_member (f->store, c, q));
  g_assert_true (xarxa_store_commit (f->store, &error));

  map = laid_out (f->store, NULL);
  g_assert_cmpuint (xarxa_network_map_get_n_nodes (map), ==, 5105);
  names = bridge_names (map);
  g_assert_cmpstr (names, ==, "Pont Gran,Pont Petit");
  /* Pont Gran lies between the 2,501 of A's side and the 2,602 others:
   * about half of all pairs; the estimate is near. */
  g_assert_cmpfloat (node_named (map, p)->betweenness, >, 0.4);
  g_assert_cmpfloat (node_named (map, p)->betweenness, <, 0.6);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(XarxaNetworkMap) map = laid_out (f->store, NULL);
  g_autoptr(XarxaNetworkMap) alone = NULL;
  g_autoptr(XarxaNetworkMap) unknown = NULL;
  g_autoptr(JsonObject) json = xarxa_network_map_to_json (map);
  g_autoptr(GError) error = NULL;
  g_autofree char *lonely = NULL;
  guint n;

  g_assert_cmpuint (xarxa_network_map_get_n_nodes (map), ==, 0);
  g_assert_cmpuint (xarxa_network_map_get_n_edges (map), ==, 0);
  xarxa_network_map_get_bridges (map, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "nodes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "edges")), ==, 0);

  /* A cluster without members is alone in the middle of its map. */
  lonely = add_cluster (f->store, "Lonely");
  alone = laid_out (f->store, lonely);
  g_assert_cmpuint (xarxa_network_map_get_n_nodes (alone), ==, 1);
  g_assert_cmpfloat (xarxa_network_map_get_node (alone, 0)->x, ==, 0.5);
  g_assert_cmpfloat (xarxa_network_map_get_node (alone, 0)->y, ==, 0.5);

  unknown = xarxa_network_map_load (f->store, "no-such-cluster", &error);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
  g_assert_null (unknown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, test_store_set_up, fn, test_store_tear_down)
  ADD ("/network-map/bridges", test_bridges);
  ADD ("/network-map/ties", test_ties);
  ADD ("/network-map/one-cluster", test_one_cluster);
  ADD ("/network-map/deterministic", test_deterministic);
  ADD ("/network-map/deleted", test_deleted);
  ADD ("/network-map/large", test_large);
  ADD ("/network-map/empty", test_empty);
#undef ADD

  return g_test_run ();
}
