/* xarxa-field-note-promote.c — promoting a field note to an agenda item,
 * and the sentences that tie the two together.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-mission"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "xarxa-field-note-promote.h"
#include "xarxa-value.h"
#include "xarxa-values.h"

static JsonObject *
fetch_record (const char *type_name,
              const char *id,
              gpointer    user_data)
{
  return xarxa_store_get_live_record (XARXA_STORE (user_data), type_name, id);
}

/* The record's title as a person reads it (for messages). */
static char *
title_of (XarxaStore *store,
          const char *type_name,
          JsonObject *record)
{
  char *title = xarxa_record_title (xarxa_schema_lookup (type_name), record, fetch_record, store);

  return title != NULL ? title : g_strdup (xarxa_value_string_of (record, "id"));
}

/* The id of the item promoted from @note_id: a name-based (version 5)
 * UUID, the same on every device, so that a note promoted on two devices
 * before they sync makes one agenda item (whose differing fields are then
 * a visible conflict), not two. */
static char *
promoted_item_id (const char *note_id)
{
  static const guint8 name_space[16] = {
    0x6f, 0x1c, 0x2a, 0x5e, 0x93, 0x4b, 0x4e, 0x0d, 0xa1, 0x77, 0x3c, 0x58, 0xd2, 0x0e, 0x91, 0x6b,
  };
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *lower = g_ascii_strdown (note_id, -1);
  guint8 d[20];
  gsize len = sizeof d;

  g_checksum_update (sha1, name_space, sizeof name_space);
  g_checksum_update (sha1, (const guchar *) "agenda_item\nfield_note\n", -1);
  g_checksum_update (sha1, (const guchar *) lower, -1);
  g_checksum_get_digest (sha1, d, &len);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
                          d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

JsonObject *
xarxa_field_note_promoted_item (XarxaStore *store,
                                const char *note_id)
{
  g_autoptr(XarxaQuery) query = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (note_id != NULL, NULL);

  query = xarxa_query_new ("agenda_item");
  xarxa_query_set_filter (query, "field_note_id", note_id);
  items = xarxa_store_query_records (store, query, NULL);
  if (items == NULL || items->len == 0)
    return NULL;
  return json_object_ref (g_ptr_array_index (items, 0));
}

char *
xarxa_field_note_describe_item (XarxaStore *store,
                                const char *note_id)
{
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(JsonObject) cluster = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (note_id != NULL, NULL);

  if ((item = xarxa_field_note_promoted_item (store, note_id)) == NULL)
    return NULL;
  cluster = xarxa_store_get_live_record (store, "cluster", xarxa_value_string_of (item, "cluster_id"));
  if (cluster == NULL)
    return g_strdup (_("On the network’s agenda"));
  name = title_of (store, "cluster", cluster);
  /* TRANSLATORS: a cluster's name */
  return g_strdup_printf (_("On the agenda of %s"), name);
}

char *
xarxa_agenda_item_source (XarxaStore *store,
                          JsonObject *item)
{
  g_autoptr(JsonObject) note = NULL;
  g_autoptr(JsonObject) mission = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  note = xarxa_store_get_live_record (store, "field_note", xarxa_value_string_of (item, "field_note_id"));
  if (note == NULL)
    return NULL;
  text = title_of (store, "field_note", note);
  mission = xarxa_store_get_live_record (store, "mission", xarxa_value_string_of (note, "mission_id"));
  if (mission != NULL)
    {
      g_autofree char *title = title_of (store, "mission", mission);

      /* TRANSLATORS: a mission's title, then the start of a field note */
      return g_strdup_printf (_("From a field note of %s: “%s”"), title, text);
    }
  /* TRANSLATORS: the start of a field note */
  return g_strdup_printf (_("From a field note: “%s”"), text);
}

char *
xarxa_field_note_promote (XarxaStore  *store,
                          const char  *note_id,
                          const char  *cluster_id,
                          const char  *kind,
                          GError     **error)
{
  const XarxaFieldInfo *kind_field;
  g_autoptr(JsonObject) note = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autofree char *where = NULL;
  g_autoptr(JsonObject) previous = NULL;
  char *id;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (note_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kind_field = xarxa_record_type_field (xarxa_schema_lookup ("agenda_item"), "kind");
  if (kind == NULL || !g_strv_contains ((const char *const *) kind_field->choices->values, kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) kind_field->choices->values);

      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   /* TRANSLATORS: the kind given, then the kinds there are */
                   _("“%s” is not a kind of agenda item. Choose one of: %s."),
                   kind != NULL ? kind : "", kinds);
      return NULL;
    }
  if ((note = xarxa_store_get_live_record (store, "field_note", note_id)) == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("There is no field note with id %s. List the mission’s notes with “show mission ID”."), note_id);
      return NULL;
    }
  if (cluster_id != NULL)
    {
      g_autoptr(JsonObject) cluster = xarxa_store_get_live_record (store, "cluster", cluster_id);

      if (cluster == NULL)
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                       _("There is no cluster with id %s. List the clusters with “list clusters”."), cluster_id);
          return NULL;
        }
    }
  if ((where = xarxa_field_note_describe_item (store, note_id)) != NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_DUPLICATE,
                   /* TRANSLATORS: where the note already is, e.g. "On the agenda of Clúster Aigua" */
                   _("This note has already been promoted (%s). Edit that agenda item instead."), where);
      return NULL;
    }

  values = json_object_new ();
  if (cluster_id != NULL)
    json_object_set_string_member (values, "cluster_id", cluster_id);
  else
    json_object_set_null_member (values, "cluster_id");
  json_object_set_string_member (values, "field_note_id", note_id);
  json_object_set_string_member (values, "kind", kind);
  if (xarxa_value_string_of (note, "text") != NULL)
    json_object_set_string_member (values, "text", xarxa_value_string_of (note, "text"));

  id = promoted_item_id (note_id);
  previous = xarxa_store_get_record (store, "agenda_item", id, NULL);
  if (previous == NULL)
    {
      json_object_set_string_member (values, "id", id);
      g_free (id);
      return xarxa_store_create_record (store, "agenda_item", values, error);
    }
  /* Promoted before and that item deleted: the same item comes back, as
   * it is now, so every device still names it by the same id. */
  if (!xarxa_store_begin (store, error))
    {
      g_free (id);
      return NULL;
    }
  if (!xarxa_store_undelete_record (store, "agenda_item", id, error) ||
      !xarxa_store_update_record (store, "agenda_item", id, values, error) ||
      !xarxa_store_commit (store, error))
    {
      xarxa_store_rollback (store);
      g_free (id);
      return NULL;
    }
  return id;
}
