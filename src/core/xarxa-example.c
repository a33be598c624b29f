/* xarxa-example.c — loads the invented example network into a store.
 *
 * The network lives in example-network.json, compiled into the core's
 * GResource: an object whose "entities" member is an array of entity
 * records (field names as in xarxa-schema.h), each with a "contacts" array
 * of contact records.  Every name, address and web domain in it is
 * invented (the domains use the reserved .example top-level domain).
 *
 * Its "clusters" member holds clusters with their "members" (each naming
 * its organisation by name, "entity"), "objectives" with "indicators" and
 * their "measurements", "actions" (the "owner" by name; "due_in_days" for
 * a due date relative to the day it is loaded, so that one is overdue
 * whenever a user loads it) and "decisions" with "positions"; "meetings"
 * holds reflection meetings with their "agenda" of items and each item's
 * "supporters" by name.  These records go into the same import batch, one
 * import_item row each, so that undoing the load removes them too.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-example"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-cluster.h"
#include "xarxa-core-resources.h"
#include "xarxa-example.h"
#include "xarxa-store-private.h"
#include "xarxa-example-library.h"
#include "xarxa-example-missions.h"

#define EXAMPLE_RESOURCE "/org/transicions/Xarxa/core/example-network.json"

/* Copies the members of src that are fields of type into a new object; a
 * member that is neither a field nor one of the allowed extras is an error,
 * so that a misspelt field in the JSON cannot pass unnoticed. */
static JsonObject *
pick_fields (const XarxaRecordType *type,
             JsonObject            *src,
             const char *const     *extras,
             GError               **error)
{
  g_autoptr(JsonObject) out = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, src);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (extras != NULL && g_strv_contains (extras, member))
        continue;
      if (xarxa_record_type_field (type, member) == NULL)
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
                       _("The example network names an unknown field “%s”."), member);
          return NULL;
        }
      json_object_set_member (out, member, json_node_copy (node));
    }
  return g_steal_pointer (&out);
}

/* Adds one example organisation and its contacts to the batch, which is
 * made on the first call that adds something (so that a load that adds
 * nothing leaves no empty batch behind).  *skipped is set when a live
 * organisation of the same name is there already: then nothing is added. */
static gboolean
add_entity (XarxaStore  *store,
            gint64      *batch,
            JsonObject  *entity,
            gboolean    *skipped,
            GError     **error)
{
  const XarxaRecordType *entity_type = xarxa_schema_lookup ("entity");
  const XarxaRecordType *contact_type = xarxa_schema_lookup ("contact");
  g_autoptr(JsonObject) values = NULL;
  g_autofree char *entity_id = NULL;
  g_autofree char *existing_id = NULL;
  JsonArray *contacts = NULL;

  *skipped = FALSE;
  values = pick_fields (entity_type, entity, (const char *const[]) { "contacts", NULL }, error);
  if (values == NULL)
    return FALSE;

  /* The same rule as the duplicate check of the New dialog: a tombstone
   * does not count, so a deleted example organisation comes back. */
  existing_id = xarxa_store_find_entity_by_name (store,
                                                 json_object_get_string_member_with_default (values, "name", NULL),
                                                 NULL);
  if (existing_id != NULL)
    {
      *skipped = TRUE;
      return TRUE;
    }

  if (*batch < 0)
    {
      *batch = xarxa_store_import_batch_new (store, XARXA_EXAMPLE_SOURCE, error);
      if (*batch < 0)
        return FALSE;
    }

  entity_id = xarxa_store_create_record (store, "entity", values, error);
  if (entity_id == NULL)
    return FALSE;

  if (json_object_has_member (entity, "contacts"))
    contacts = json_object_get_array_member (entity, "contacts");
  for (guint i = 0; contacts != NULL && i < json_array_get_length (contacts); i++)
    {
      JsonObject *contact = json_array_get_object_element (contacts, i);
      g_autoptr(JsonObject) contact_values = NULL;
      g_autofree char *contact_id = NULL;

      if (contact == NULL)
        continue;
      contact_values = pick_fields (contact_type, contact, NULL, error);
      if (contact_values == NULL)
        return FALSE;
      json_object_set_string_member (contact_values, "entity_id", entity_id);
      contact_id = xarxa_store_create_record (store, "contact", contact_values, error);
      if (contact_id == NULL)
        return FALSE;
    }
  return TRUE;
}

/* ---- clusters and meetings ---------------------------------------------- */

static gboolean
damaged (GError    **error,
         const char *what)
{
  g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
               _("The example network in this build of Xarxa is damaged (%s). Reinstall Xarxa."), what);
  return FALSE;
}

static gboolean
ensure_batch (XarxaStore  *store,
              gint64      *batch,
              GError     **error)
{
  if (*batch < 0)
    *batch = xarxa_store_import_batch_new (store, XARXA_EXAMPLE_SOURCE, error);
  return *batch >= 0;
}

/* Makes a record of the batch: the undo of the load removes it. */
static char *
create_in_batch (XarxaStore  *store,
                 gint64       batch,
                 const char  *type_name,
                 JsonObject  *values,
                 GError     **error)
{
  g_autofree char *id = xarxa_store_create_record (store, type_name, values, error);
  sqlite3_stmt *stmt;

  if (id == NULL)
    return NULL;
  stmt = xarxa_store_prepare (store,
                              "INSERT INTO import_item (batch_id, record_type, record_id) VALUES (?1, ?2, ?3)",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, batch);
  xarxa_sqlite_bind_text (stmt, 2, type_name);
  xarxa_sqlite_bind_text (stmt, 3, id);
  if (!xarxa_store_step_done (store, stmt, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* The id of the live example organisation called @name into @values[@field]. */
static gboolean
set_entity (XarxaStore  *store,
            JsonObject  *values,
            const char  *field,
            const char  *name,
            GError     **error)
{
  g_autofree char *id = NULL;

  if (name == NULL || (id = xarxa_store_find_entity_by_name (store, name, NULL)) == NULL)
    return damaged (error, name != NULL ? name : "?");
  json_object_set_string_member (values, field, id);
  return TRUE;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  if (!json_object_has_member (object, name) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, name)))
    return NULL;
  return json_object_get_array_member (object, name);
}

/* Runs @each over the objects of @object's array @name. */
#define FOR_EACH_OBJECT(object, name, var) \
  for (JsonArray *var##_array = array_member (object, name); var##_array != NULL; var##_array = NULL) \
    for (guint var##_i = 0; var##_i < json_array_get_length (var##_array); var##_i++) \
      for (JsonObject *var = json_array_get_object_element (var##_array, var##_i); var != NULL; var = NULL)

static char *
today_plus (gint64 days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, (gint) days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Whether a live record of @type_name has @field = @value. */
static gboolean
already_there (XarxaStore  *store,
               const char  *type_name,
               const char  *field,
               const char  *value,
               gboolean    *there,
               GError     **error)
{
  g_autoptr(GPtrArray) found = xarxa_cluster_children (store, type_name, field, value, error);

  if (found == NULL)
    return FALSE;
  *there = found->len > 0;
  return TRUE;
}

static gboolean
add_indicators (XarxaStore  *store,
                gint64       batch,
                JsonObject  *objective,
                const char  *cluster_id,
                const char  *objective_id,
                GError     **error)
{
  FOR_EACH_OBJECT (objective, "indicators", indicator)
    {
      g_autoptr(JsonObject) values = pick_fields (xarxa_schema_lookup ("indicator"), indicator,
                                                  (const char *const[]) { "measurements", NULL }, error);
      g_autofree char *indicator_id = NULL;

      if (values == NULL)
        return FALSE;
      json_object_set_string_member (values, "cluster_id", cluster_id);
      json_object_set_string_member (values, "objective_id", objective_id);
      if ((indicator_id = create_in_batch (store, batch, "indicator", values, error)) == NULL)
        return FALSE;
      FOR_EACH_OBJECT (indicator, "measurements", measurement)
        {
          g_autoptr(JsonObject) mv = pick_fields (xarxa_schema_lookup ("indicator_value"), measurement, NULL, error);
          g_autofree char *id = NULL;

          if (mv == NULL)
            return FALSE;
          json_object_set_string_member (mv, "indicator_id", indicator_id);
          json_object_set_string_member (mv, "cluster_id", cluster_id);
          if ((id = create_in_batch (store, batch, "indicator_value", mv, error)) == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
add_cluster (XarxaStore  *store,
             gint64      *batch,
             JsonObject  *cluster,
             GError     **error)
{
  static const char *const parts[] = { "members", "objectives", "actions", "decisions", NULL };
  g_autoptr(JsonObject) values = pick_fields (xarxa_schema_lookup ("cluster"), cluster, parts, error);
  g_autofree char *cluster_id = NULL;
  gboolean there = FALSE;

  if (values == NULL)
    return FALSE;
  /* Loaded once: a live cluster of the same name stays as the user has it. */
  if (!already_there (store, "cluster", "name",
                      json_object_get_string_member_with_default (values, "name", NULL), &there, error))
    return FALSE;
  if (there)
    return TRUE;
  if (!ensure_batch (store, batch, error) ||
      (cluster_id = create_in_batch (store, *batch, "cluster", values, error)) == NULL)
    return FALSE;

  FOR_EACH_OBJECT (cluster, "members", member)
    {
      g_autoptr(JsonObject) mv = pick_fields (xarxa_schema_lookup ("cluster_member"), member,
                                              (const char *const[]) { "entity", NULL }, error);
      g_autofree char *id = NULL;

      if (mv == NULL ||
          !set_entity (store, mv, "entity_id", json_object_get_string_member_with_default (member, "entity", NULL), error))
        return FALSE;
      json_object_set_string_member (mv, "cluster_id", cluster_id);
      if ((id = create_in_batch (store, *batch, "cluster_member", mv, error)) == NULL)
        return FALSE;
    }
  FOR_EACH_OBJECT (cluster, "objectives", objective)
    {
      g_autoptr(JsonObject) ov = pick_fields (xarxa_schema_lookup ("objective"), objective,
                                              (const char *const[]) { "indicators", NULL }, error);
      g_autofree char *objective_id = NULL;

      if (ov == NULL)
        return FALSE;
      json_object_set_string_member (ov, "cluster_id", cluster_id);
      if ((objective_id = create_in_batch (store, *batch, "objective", ov, error)) == NULL ||
          !add_indicators (store, *batch, objective, cluster_id, objective_id, error))
        return FALSE;
    }
  FOR_EACH_OBJECT (cluster, "actions", action)
    {
      g_autoptr(JsonObject) av = pick_fields (xarxa_schema_lookup ("action"), action,
                                              (const char *const[]) { "owner", "due_in_days", NULL }, error);
      g_autofree char *id = NULL;

      if (av == NULL)
        return FALSE;
      json_object_set_string_member (av, "cluster_id", cluster_id);
      if (json_object_has_member (action, "owner") &&
          !set_entity (store, av, "owner_entity_id", json_object_get_string_member (action, "owner"), error))
        return FALSE;
      if (json_object_has_member (action, "due_in_days"))
        {
          g_autofree char *due = today_plus (json_object_get_int_member (action, "due_in_days"));

          json_object_set_string_member (av, "due_date", due);
        }
      if ((id = create_in_batch (store, *batch, "action", av, error)) == NULL)
        return FALSE;
    }
  FOR_EACH_OBJECT (cluster, "decisions", decision)
    {
      g_autoptr(JsonObject) dv = pick_fields (xarxa_schema_lookup ("decision"), decision,
                                              (const char *const[]) { "positions", NULL }, error);
      g_autofree char *decision_id = NULL;

      if (dv == NULL)
        return FALSE;
      json_object_set_string_member (dv, "cluster_id", cluster_id);
      if ((decision_id = create_in_batch (store, *batch, "decision", dv, error)) == NULL)
        return FALSE;
      FOR_EACH_OBJECT (decision, "positions", position)
        {
          g_autoptr(JsonObject) pv = pick_fields (xarxa_schema_lookup ("decision_position"), position,
                                                  (const char *const[]) { "entity", NULL }, error);
          g_autofree char *id = NULL;

          if (pv == NULL ||
              !set_entity (store, pv, "entity_id", json_object_get_string_member_with_default (position, "entity", NULL), error))
            return FALSE;
          json_object_set_string_member (pv, "decision_id", decision_id);
          if ((id = create_in_batch (store, *batch, "decision_position", pv, error)) == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

/* The live cluster of the example called @name into @values. */
static gboolean
set_cluster (XarxaStore  *store,
             JsonObject  *values,
             const char  *name,
             GError     **error)
{
  g_autoptr(GPtrArray) found = xarxa_cluster_children (store, "cluster", "name", name, error);

  if (found == NULL)
    return FALSE;
  if (found->len == 0)
    return damaged (error, name);
  json_object_set_string_member (values, "cluster_id",
                                 json_object_get_string_member (g_ptr_array_index (found, 0), "id"));
  return TRUE;
}

static gboolean
add_meeting (XarxaStore  *store,
             gint64      *batch,
             JsonObject  *meeting,
             GError     **error)
{
  g_autoptr(JsonObject) values = pick_fields (xarxa_schema_lookup ("meeting"), meeting,
                                              (const char *const[]) { "agenda", "cluster", NULL }, error);
  g_autofree char *meeting_id = NULL;
  gboolean there = FALSE;

  if (values == NULL)
    return FALSE;
  if (!already_there (store, "meeting", "title",
                      json_object_get_string_member_with_default (values, "title", NULL), &there, error))
    return FALSE;
  if (there)
    return TRUE;
  if (json_object_has_member (meeting, "cluster") &&
      !set_cluster (store, values, json_object_get_string_member (meeting, "cluster"), error))
    return FALSE;
  if (!ensure_batch (store, batch, error) ||
      (meeting_id = create_in_batch (store, *batch, "meeting", values, error)) == NULL)
    return FALSE;
  FOR_EACH_OBJECT (meeting, "agenda", item)
    {
      g_autoptr(JsonObject) iv = pick_fields (xarxa_schema_lookup ("agenda_item"), item,
                                              (const char *const[]) { "supporters", "cluster", NULL }, error);
      g_autofree char *item_id = NULL;
      JsonArray *supporters;

      if (iv == NULL)
        return FALSE;
      json_object_set_string_member (iv, "meeting_id", meeting_id);
      if (json_object_has_member (item, "cluster") &&
          !set_cluster (store, iv, json_object_get_string_member (item, "cluster"), error))
        return FALSE;
      if ((item_id = create_in_batch (store, *batch, "agenda_item", iv, error)) == NULL)
        return FALSE;
      supporters = array_member (item, "supporters");
      for (guint i = 0; supporters != NULL && i < json_array_get_length (supporters); i++)
        {
          g_autoptr(JsonObject) sv = json_object_new ();
          g_autofree char *id = NULL;

          json_object_set_string_member (sv, "agenda_item_id", item_id);
          if (!set_entity (store, sv, "entity_id", json_array_get_string_element (supporters, i), error) ||
              (id = create_in_batch (store, *batch, "agenda_support", sv, error)) == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
xarxa_example_load (XarxaStore  *store,
                    guint       *n_entities,
                    gint64      *batch,
                    GError     **error)
{
  return xarxa_example_load_full (store, n_entities, NULL, batch, error);
}

gboolean
xarxa_example_load_full (XarxaStore  *store,
                         guint       *n_added,
                         guint       *n_skipped,
                         gint64      *batch_out,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *entities = NULL;
  gint64 batch = -1;
  guint n = 0, n_already = 0;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Asked of the core's resource itself: naming it also keeps the linker
   * from dropping it out of the static library. */
  bytes = g_resource_lookup_data (xarxa_core_get_resource (), EXAMPLE_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
                   _("The example network is missing from this build of Xarxa (%s). Reinstall Xarxa."),
                   local_error->message);
      return FALSE;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), &local_error))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
                   _("The example network in this build of Xarxa is damaged (%s). Reinstall Xarxa."),
                   local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "entities"))
    entities = json_object_get_array_member (json_node_get_object (root), "entities");
  if (entities == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
                   _("The example network in this build of Xarxa is damaged (no organisations). Reinstall Xarxa."));
      return FALSE;
    }

  if (!xarxa_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = json_array_get_object_element (entities, i);
      gboolean skipped = FALSE;

      if (entity == NULL)
        continue;
      if (!add_entity (store, &batch, entity, &skipped, error))
        goto fail;
      if (skipped)
        n_already++;
      else
        n++;
    }
  {
    JsonObject *root_object = json_node_get_object (root);

    FOR_EACH_OBJECT (root_object, "clusters", cluster)
      if (!add_cluster (store, &batch, cluster, error))
        goto fail;
    FOR_EACH_OBJECT (root_object, "meetings", meeting)
      if (!add_meeting (store, &batch, meeting, error))
        goto fail;
  }
  /* The study missions, with their hosts from the organisations above. */
  if (!xarxa_example_add_missions (store, json_node_get_object (root), &batch, error))
    goto fail;
  /* The library, linked to all of the above. */
  if (!xarxa_example_add_documents (store, &batch, error))
    goto fail;
  if (batch >= 0 && !xarxa_store_import_batch_end (store, batch, error))
    goto fail;
  /* A failed commit has already rolled back. */
  if (!xarxa_store_commit (store, error))
    return FALSE;

  if (n_added != NULL)
    *n_added = n;
  if (n_skipped != NULL)
    *n_skipped = n_already;
  if (batch_out != NULL)
    *batch_out = batch;
  return TRUE;

fail:
  xarxa_store_rollback (store);
  return FALSE;
}
