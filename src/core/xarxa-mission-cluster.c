/* xarxa-mission-cluster.c — after a mission: the people and organisations
 * met on it, and a cluster started from it with its hosts as members.
 *
 * Who was met is read from the records that name them: a stop's host
 * organisation and host contact, and any reference a field note holds to
 * a contact or an organisation (read through the schema, so a field the
 * notes gain is covered without a change here).  A contact's organisation
 * counts as met too.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-mission-cluster"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-mission.h"
#include "xarxa-mission-cluster.h"
#include "xarxa-schema.h"
#include "xarxa-store-private.h"
#include "xarxa-values.h"

void
xarxa_mission_met_free (XarxaMissionMet *met)
{
  if (met == NULL)
    return;
  g_free (met->type_name);
  g_free (met->id);
  g_free (met->title);
  g_free (met->entity_id);
  g_free (met);
}

static JsonObject *
get_mission (XarxaStore  *store,
             const char  *mission_id,
             GError     **error)
{
  JsonObject *mission = xarxa_store_get_live_record (store, "mission", mission_id);

  if (mission == NULL)
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                 _("There is no mission with the id %s. List the missions to find its id."), mission_id);
  return mission;
}

typedef struct
{
  XarxaStore *store;
  GHashTable *seen;    /* "type:id" → XarxaMissionMet, owned by met */
  GPtrArray  *met;
} Collect;

/* Adds the record @id of @type_name once; marks it a host when @host. */
static XarxaMissionMet *
collect (Collect    *c,
         const char *type_name,
         const char *id,
         gboolean    host)
{
  g_autofree char *key = NULL;
  g_autoptr(JsonObject) record = NULL;
  XarxaMissionMet *met;

  if (id == NULL)
    return NULL;
  key = g_strconcat (type_name, ":", id, NULL);
  met = g_hash_table_lookup (c->seen, key);
  if (met != NULL)
    {
      met->host = met->host || host;
      return met;
    }

  record = xarxa_store_get_live_record (c->store, type_name, id);
  if (record == NULL)
    return NULL;

  met = g_new0 (XarxaMissionMet, 1);
  met->type_name = g_strdup (type_name);
  met->id = g_strdup (id);
  met->title = g_strdup (xarxa_value_string_of (record, g_str_equal (type_name, "entity") ? "name" : "full_name"));
  if (met->title == NULL)
    met->title = g_strdup ("");
  met->host = host;
  g_hash_table_insert (c->seen, g_steal_pointer (&key), met);
  g_ptr_array_add (c->met, met);

  if (g_str_equal (type_name, "contact"))
    {
      met->entity_id = g_strdup (xarxa_value_string_of (record, "entity_id"));
      collect (c, "entity", met->entity_id, FALSE);
    }
  return met;
}

static int
compare_met (gconstpointer a,
             gconstpointer b)
{
  const XarxaMissionMet *ma = *(XarxaMissionMet * const *) a;
  const XarxaMissionMet *mb = *(XarxaMissionMet * const *) b;
  int by_type = strcmp (ma->type_name, mb->type_name);

  /* "contact" < "entity": organisations first. */
  if (by_type != 0)
    return -by_type;
  return g_utf8_collate (ma->title, mb->title);
}

GPtrArray *
xarxa_mission_people_met (XarxaStore  *store,
                          const char  *mission_id,
                          GError     **error)
{
  g_autoptr(JsonObject) mission = NULL;
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) met = NULL;
  const XarxaRecordType *note_type = xarxa_schema_lookup ("field_note");
  Collect c;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  mission = get_mission (store, mission_id, error);
  if (mission == NULL)
    return NULL;
  stops = xarxa_mission_list_records (store, "itinerary_stop", mission_id, error);
  if (stops == NULL)
    return NULL;
  notes = xarxa_mission_list_records (store, "field_note", mission_id, error);
  if (notes == NULL)
    return NULL;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  met = g_ptr_array_new_with_free_func ((GDestroyNotify) xarxa_mission_met_free);
  c = (Collect) { store, seen, met };

  for (guint i = 0; i < stops->len; i++)
    {
      JsonObject *stop = stops->pdata[i];

      collect (&c, "entity", xarxa_value_string_of (stop, "host_entity_id"), TRUE);
      collect (&c, "contact", xarxa_value_string_of (stop, "host_contact_id"), TRUE);
    }

  for (guint i = 0; i < notes->len; i++)
    for (guint f = 0; f < note_type->n_fields; f++)
      {
        const XarxaFieldInfo *field = &note_type->fields[f];

        if (field->kind == XARXA_FIELD_REF && field->ref_type != NULL &&
            (g_str_equal (field->ref_type, "contact") || g_str_equal (field->ref_type, "entity")))
          collect (&c, field->ref_type, xarxa_value_string_of (notes->pdata[i], field->name), FALSE);
      }

  /* The people the notes name as met, and their organisations. */
  {
    sqlite3_stmt *stmt = xarxa_store_prepare (store,
                                              "SELECT p.contact_id FROM field_note_person p"
                                              " JOIN field_note n ON n.id = p.field_note_id"
                                              " WHERE n.mission_id = ?1 AND n.deleted = 0 AND p.deleted = 0"
                                              " ORDER BY p.rowid",
                                              error);
    g_autoptr(GPtrArray) people = NULL;

    if (stmt == NULL)
      return NULL;
    xarxa_sqlite_bind_text (stmt, 1, mission_id);
    if ((people = xarxa_store_step_strings (store, stmt, error)) == NULL)
      return NULL;
    for (guint i = 0; i < people->len; i++)
      collect (&c, "contact", people->pdata[i], FALSE);
  }

  g_ptr_array_sort (met, compare_met);
  return g_steal_pointer (&met);
}

GPtrArray *
xarxa_mission_host_entity_ids (XarxaStore  *store,
                               const char  *mission_id,
                               GError     **error)
{
  g_autoptr(JsonObject) mission = NULL;
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  mission = get_mission (store, mission_id, error);
  if (mission == NULL)
    return NULL;
  stops = xarxa_mission_list_stops (store, mission_id, error);
  if (stops == NULL)
    return NULL;

  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < stops->len; i++)
    {
      XarxaMissionStop *stop = stops->pdata[i];
      const char *entity_id = xarxa_value_string_of (stop->record, "host_entity_id");
      g_autoptr(JsonObject) entity = NULL;

      if (entity_id == NULL || g_ptr_array_find_with_equal_func (ids, entity_id, g_str_equal, NULL))
        continue;
      entity = xarxa_store_get_live_record (store, "entity", entity_id);
      if (entity != NULL)
        g_ptr_array_add (ids, g_strdup (entity_id));
    }
  return g_steal_pointer (&ids);
}

static char *
today_here (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
xarxa_mission_is_over (JsonObject *mission,
                       const char *today)
{
  g_autofree char *own_today = NULL;
  const char *last;

  g_return_val_if_fail (mission != NULL, FALSE);

  if (g_strcmp0 (xarxa_value_string_of (mission, "status"), "completed") == 0)
    return TRUE;
  if (today == NULL)
    today = own_today = today_here ();
  last = xarxa_value_string_of (mission, "end_date");
  if (last == NULL)
    last = xarxa_value_string_of (mission, "start_date");
  /* ISO dates compare as text. */
  return last != NULL && strcmp (last, today) < 0;
}

char *
xarxa_mission_start_cluster (XarxaStore         *store,
                             const char         *mission_id,
                             const char * const *entity_ids,
                             const char         *today,
                             GError            **error)
{
  g_autoptr(JsonObject) mission = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *own_today = NULL;
  g_autofree char *description = NULL;
  g_autofree char *cluster_id = NULL;
  const char *title;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  mission = get_mission (store, mission_id, error);
  if (mission == NULL)
    return NULL;
  if (today == NULL)
    today = own_today = today_here ();

  title = xarxa_value_string_of (mission, "title");
  /* TRANSLATORS: the description of a cluster started from a mission; %s is the mission's title */
  description = g_strdup_printf (_("Started from the mission “%s”, with the organisations that hosted it."), title);
  json_object_set_string_member (values, "name", title);
  json_object_set_string_member (values, "description", description);
  json_object_set_string_member (values, "status", "forming");
  json_object_set_string_member (values, "start_date", today);

  if (!xarxa_store_begin (store, error))
    return NULL;
  cluster_id = xarxa_store_create_record (store, "cluster", values, error);
  if (cluster_id == NULL)
    goto fail;

  for (guint i = 0; entity_ids != NULL && entity_ids[i] != NULL; i++)
    {
      g_autoptr(JsonObject) member = json_object_new ();
      g_autofree char *member_id = NULL;

      json_object_set_string_member (member, "cluster_id", cluster_id);
      json_object_set_string_member (member, "entity_id", entity_ids[i]);
      json_object_set_string_member (member, "role", "member");
      json_object_set_string_member (member, "joined_on", today);
      member_id = xarxa_store_create_record (store, "cluster_member", member, error);
      if (member_id == NULL)
        goto fail;
    }

  if (!xarxa_store_commit (store, error))
    goto fail;
  return g_steal_pointer (&cluster_id);

fail:
  xarxa_store_rollback (store);
  return NULL;
}

GPtrArray *
xarxa_field_note_people (XarxaStore  *store,
                         const char  *note_id,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (note_id != NULL, NULL);

  stmt = xarxa_store_prepare (store,
                              "SELECT p.contact_id FROM field_note_person p"
                              " JOIN contact c ON c.id = p.contact_id"
                              " WHERE p.field_note_id = ?1 AND p.deleted = 0 AND c.deleted = 0"
                              " ORDER BY p.rowid",
                              error);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, note_id);
  return xarxa_store_step_strings (store, stmt, error);
}

gboolean
xarxa_field_note_add_person (XarxaStore  *store,
                             const char  *note_id,
                             const char  *contact_id,
                             GError     **error)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *id = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (note_id != NULL, FALSE);
  g_return_val_if_fail (contact_id != NULL, FALSE);

  json_object_set_string_member (values, "field_note_id", note_id);
  json_object_set_string_member (values, "contact_id", contact_id);
  id = xarxa_store_create_record (store, "field_note_person", values, error);
  return id != NULL;
}
