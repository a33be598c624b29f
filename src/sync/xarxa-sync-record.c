/* xarxa-sync-record.c — the local record as sync reads, merges and writes it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync"

#include "config.h"

#include <string.h>

#include "xarxa-sync-engine-private.h"

gboolean
xarxa_sync_node_empty (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return *json_node_get_string (node) == '\0';
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  return FALSE;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType t;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

gboolean
xarxa_sync_values_same (JsonNode *a,
                        JsonNode *b)
{
  gboolean ae = xarxa_sync_node_empty (a), be = xarxa_sync_node_empty (b);

  if (ae || be)
    return ae == be;
  if (node_is_number (a) && node_is_number (b))
    return json_node_get_double (a) == json_node_get_double (b);
  return json_node_equal (a, b);
}

JsonNode *
xarxa_sync_local_value (const XarxaFieldInfo *field,
                        JsonNode             *node)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (!xarxa_field_accepts_remote (field, node))
    return json_node_new (JSON_NODE_NULL);
  switch (field->kind)
    {
    case XARXA_FIELD_REAL:
      return json_node_init_double (json_node_alloc (), json_node_get_double (node));
    case XARXA_FIELD_INT:
      if (json_node_get_value_type (node) != G_TYPE_INT64)
        return json_node_init_int (json_node_alloc (), (gint64) json_node_get_double (node));
      return json_node_copy (node);
    default:
      return json_node_copy (node);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_strings (GHashTable *set,
             JsonNode   *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);

      if (s != NULL)
        g_hash_table_add (set, (gpointer) s);
    }
}

JsonNode *
xarxa_sync_merge_sets (JsonNode *base,
                       JsonNode *local,
                       JsonNode *remote)
{
  g_autoptr(GHashTable) b = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) l = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) r = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) out = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = NULL;
  GHashTableIter iter;
  gpointer key;
  JsonArray *array;

  add_strings (b, base);
  add_strings (l, local);
  add_strings (r, remote);
  g_hash_table_iter_init (&iter, r);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!(g_hash_table_contains (b, key) && !g_hash_table_contains (l, key)))
      g_hash_table_add (out, key);
  g_hash_table_iter_init (&iter, l);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      g_hash_table_add (out, key);
  if (g_hash_table_size (out) == 0)
    return json_node_new (JSON_NODE_NULL);
  items = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, out);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (items, key);
  g_ptr_array_sort (items, compare_strings);
  array = json_array_new ();
  for (guint i = 0; i < items->len; i++)
    json_array_add_string_element (array, items->pdata[i]);
  return json_node_init_array (json_node_alloc (), array);
}


/* No error is made: on a first sync that is every record. */
JsonObject *
xarxa_sync_get_local (XarxaStore            *store,
                      const XarxaRecordType *type,
                      const char            *id)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (type != NULL && id != NULL, NULL);

  return xarxa_store_get_record (store, type->name, id, NULL);
}

gboolean
xarxa_sync_write_record (XarxaStore             *store,
                         const XarxaRecordType  *type,
                         JsonObject             *local,
                         JsonObject             *record,
                         GError                **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (type != NULL && record != NULL, FALSE);

  xarxa_store_fill_required (type, record);
  return xarxa_store_write_row (store, type, record, local == NULL, error) &&
         xarxa_store_after_write (store, type, local, record, error);
}

JsonObject *
xarxa_sync_all_fields (const XarxaRecordType *type,
                       JsonObject            *record)
{
  JsonObject *fields;

  g_return_val_if_fail (type != NULL && record != NULL, NULL);

  fields = json_object_new ();

  for (guint i = 0; i < type->n_fields; i++)
    json_object_set_member (fields, type->fields[i].name,
                            json_node_copy (json_object_get_member (record, type->fields[i].name)));
  return fields;
}

