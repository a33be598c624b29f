/* xarxa-example.c — loads the invented example network into a store.
 *
 * The network lives in example-network.json, compiled into the core's
 * GResource: an object whose "entities" member is an array of entity
 * records (field names as in xarxa-schema.h), each with a "contacts" array
 * of contact records.  Every name, address and web domain in it is
 * invented (the domains use the reserved .example top-level domain).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-example"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-core-resources.h"
#include "xarxa-example.h"
#include "xarxa-example-missions.h"

#define EXAMPLE_RESOURCE "/org/transicions/Xarxa/core/example-network.json"

/* Copies the members of src that are fields of type into a new object; a
 * member that is neither a field nor one of the allowed extras is an error,
 * so that a misspelt field in the JSON cannot pass unnoticed. */
static JsonObject *
pick_fields (const XarxaRecordType *type,
             JsonObject            *src,
             const char            *extra,
             GError               **error)
{
  g_autoptr(JsonObject) out = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, src);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (extra != NULL && g_str_equal (member, extra))
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
  values = pick_fields (entity_type, entity, "contacts", error);
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
  /* The study missions, with their hosts from the organisations above. */
  if (!xarxa_example_add_missions (store, json_node_get_object (root), &batch, error))
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
