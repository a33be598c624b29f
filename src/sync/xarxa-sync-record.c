/* xarxa-sync-record.c — the local record as sync reads, merges and writes it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync"

#include "config.h"

#include "xarxa-sync-engine-private.h"
#include "xarxa-values.h"

JsonNode *
xarxa_sync_local_value (const XarxaFieldInfo *field,
                        JsonNode             *node)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (!xarxa_value_fits_field (field, node))
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
  xarxa_store_copy_fields (type, record, fields);
  return fields;
}

