/* xarxa-example-missions.c — the example network's study missions: one
 * upcoming to Montréal across the night the clocks go forward, one past
 * to the Senegal with its field notes (example-network.json, "missions").
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-example"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-example.h"
#include "xarxa-example-missions.h"
#include "xarxa-query.h"
#include "xarxa-store-private.h"

/* The members of a part that are not fields: names to look up, parts. */
static const char *const mission_extras[] = { "organiser", "participants", "stops", "field_notes", NULL };
static const char *const participant_extras[] = { "contact", NULL };
static const char *const stop_extras[] = { "host", "host_contact", NULL };
static const char *const note_extras[] = { "stop", NULL };

static gboolean
damaged (const char  *what,
         GError     **error)
{
  g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
               _("The example network in this build of Xarxa is damaged (%s). Reinstall Xarxa."), what);
  return FALSE;
}

/* The fields of @type in @src, refusing a member that is neither a field
 * nor one of @extras, so that a misspelt name cannot pass unnoticed. */
static JsonObject *
fields_of (const char        *type_name,
           JsonObject        *src,
           const char *const *extras,
           GError           **error)
{
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (src);

  for (GList *l = names; l != NULL; l = l->next)
    {
      if (g_strv_contains (extras, l->data))
        continue;
      if (xarxa_record_type_field (type, l->data) == NULL)
        {
          damaged (l->data, error);
          return NULL;
        }
      json_object_set_member (out, l->data, json_node_copy (json_object_get_member (src, l->data)));
    }
  return g_steal_pointer (&out);
}

/* The id of the first live record of @type_name whose @field is @value. */
static char *
find_by (XarxaStore *store,
         const char *type_name,
         const char *field,
         const char *value)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new (type_name);
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(JsonObject) record = NULL;

  xarxa_query_set_filter (query, field, value);
  rowids = xarxa_store_query_rowids (store, query, NULL);
  if (rowids == NULL || rowids->len == 0)
    return NULL;
  record = xarxa_store_get_record_by_rowid (store, type_name, g_array_index (rowids, gint64, 0), NULL);
  return record != NULL ? g_strdup (json_object_get_string_member (record, "id")) : NULL;
}

/* Sets @field of @values to the id of the record @name names. */
static gboolean
set_ref (XarxaStore  *store,
         JsonObject  *values,
         const char  *field,
         JsonObject  *src,
         const char  *member,
         GError     **error)
{
  const char *name = json_object_get_string_member_with_default (src, member, NULL);
  g_autofree char *id = NULL;

  if (name == NULL)
    return TRUE;
  if (g_str_equal (field, "contact_id") || g_str_equal (field, "host_contact_id"))
    id = find_by (store, "contact", "full_name", name);
  else
    id = xarxa_store_find_entity_by_name (store, name, NULL);
  if (id == NULL)
    return damaged (name, error);
  json_object_set_string_member (values, field, id);
  return TRUE;
}

static char *
create_in_batch (XarxaStore  *store,
                 gint64      *batch,
                 const char  *type_name,
                 JsonObject  *values,
                 GError     **error)
{
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;

  if (*batch < 0 && (*batch = xarxa_store_import_batch_new (store, XARXA_EXAMPLE_SOURCE, error)) < 0)
    return NULL;
  if ((id = xarxa_store_create_record (store, type_name, values, error)) == NULL)
    return NULL;
  stmt = xarxa_store_prepare (store,
                              "INSERT INTO import_item (batch_id, record_type, record_id) VALUES (?1, ?2, ?3)",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *batch);
  xarxa_sqlite_bind_text (stmt, 2, type_name);
  xarxa_sqlite_bind_text (stmt, 3, id);
  if (!xarxa_store_step_done (store, stmt, error))
    return NULL;
  return g_steal_pointer (&id);
}

static JsonArray *
parts (JsonObject *mission,
       const char *name)
{
  JsonNode *node = json_object_get_member (mission, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
add_mission (XarxaStore  *store,
             JsonObject  *mission,
             gint64      *batch,
             GError     **error)
{
  g_autoptr(JsonObject) values = fields_of ("mission", mission, mission_extras, error);
  g_autoptr(GPtrArray) stop_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *existing = NULL;
  g_autofree char *mission_id = NULL;
  JsonArray *list;

  if (values == NULL || !set_ref (store, values, "organiser_entity_id", mission, "organiser", error))
    return FALSE;
  existing = find_by (store, "mission", "title", json_object_get_string_member_with_default (values, "title", ""));
  if (existing != NULL)
    return TRUE;
  if ((mission_id = create_in_batch (store, batch, "mission", values, error)) == NULL)
    return FALSE;

  list = parts (mission, "participants");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *src = json_array_get_object_element (list, i);
      g_autoptr(JsonObject) pv = fields_of ("participant", src, participant_extras, error);
      g_autofree char *id = NULL;

      if (pv == NULL || !set_ref (store, pv, "contact_id", src, "contact", error))
        return FALSE;
      json_object_set_string_member (pv, "mission_id", mission_id);
      if ((id = create_in_batch (store, batch, "participant", pv, error)) == NULL)
        return FALSE;
    }
  list = parts (mission, "stops");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *src = json_array_get_object_element (list, i);
      g_autoptr(JsonObject) sv = fields_of ("itinerary_stop", src, stop_extras, error);
      char *id;

      if (sv == NULL || !set_ref (store, sv, "host_entity_id", src, "host", error) ||
          !set_ref (store, sv, "host_contact_id", src, "host_contact", error))
        return FALSE;
      json_object_set_string_member (sv, "mission_id", mission_id);
      if ((id = create_in_batch (store, batch, "itinerary_stop", sv, error)) == NULL)
        return FALSE;
      g_ptr_array_add (stop_ids, id);
    }
  list = parts (mission, "field_notes");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *src = json_array_get_object_element (list, i);
      g_autoptr(JsonObject) nv = fields_of ("field_note", src, note_extras, error);
      g_autofree char *id = NULL;

      if (nv == NULL)
        return FALSE;
      if (json_object_has_member (src, "stop"))
        {
          gint64 index = json_object_get_int_member (src, "stop");

          if (index < 0 || index >= stop_ids->len)
            return damaged ("stop", error);
          json_object_set_string_member (nv, "stop_id", g_ptr_array_index (stop_ids, index));
        }
      json_object_set_string_member (nv, "mission_id", mission_id);
      if ((id = create_in_batch (store, batch, "field_note", nv, error)) == NULL)
        return FALSE;
    }
  return TRUE;
}

gboolean
xarxa_example_add_missions (XarxaStore  *store,
                            JsonObject  *root,
                            gint64      *batch,
                            GError     **error)
{
  JsonArray *missions;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  missions = parts (root, "missions");
  for (guint i = 0; missions != NULL && i < json_array_get_length (missions); i++)
    if (!add_mission (store, json_array_get_object_element (missions, i), batch, error))
      return FALSE;
  return TRUE;
}
