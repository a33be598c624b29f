/* xarxa-record-title.c — what names a record for people.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include "xarxa-record-title.h"
#include "xarxa-value.h"

/* A reference names a record that may itself be titled by one: two steps
 * are as deep as the description goes. */
#define MAX_DEPTH 2

static char *
title_at_depth (XarxaStore            *self,
                const XarxaRecordType *type,
                JsonObject            *record,
                guint                  depth)
{
  const char *fields[] = { type->title_field, type->title_fallback };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const XarxaFieldInfo *info = fields[i] != NULL ? xarxa_record_type_field (type, fields[i]) : NULL;
      JsonNode *node = info != NULL ? json_object_get_member (record, info->name) : NULL;
      g_autofree char *title = NULL;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (info->kind == XARXA_FIELD_REF)
        {
          const XarxaRecordType *target = xarxa_schema_lookup (info->ref_type);
          g_autoptr(JsonObject) named = NULL;

          if (target == NULL || depth >= MAX_DEPTH ||
              !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            continue;
          named = xarxa_store_get_record (self, target->name, json_node_get_string (node), NULL);
          if (named != NULL)
            title = title_at_depth (self, target, named, depth + 1);
        }
      else
        title = xarxa_field_value_to_display (info, node);
      if (title != NULL && *title != '\0')
        return g_steal_pointer (&title);
    }
  return NULL;
}

char *
xarxa_store_record_title (XarxaStore            *self,
                          const XarxaRecordType *type,
                          JsonObject            *record)
{
  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  return title_at_depth (self, type, record, 0);
}
