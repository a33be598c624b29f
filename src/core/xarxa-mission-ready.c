/* xarxa-mission-ready.c — "ready to travel": what a mission still needs
 * on this device before it goes where there may be no connection.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-mission"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-library.h"
#include "xarxa-mission.h"
#include "xarxa-mission-ready.h"
#include "xarxa-sync-state.h"
#include "xarxa-values.h"

void
xarxa_ready_item_free (XarxaReadyItem *item)
{
  if (item == NULL)
    return;
  g_free (item->code);
  g_free (item->record_type);
  g_free (item->record_id);
  g_free (item->message);
  g_free (item);
}

static void
add_item (GPtrArray  *items,
          const char *code,
          const char *record_type,
          const char *record_id,
          char       *message)
{
  XarxaReadyItem *item = g_new0 (XarxaReadyItem, 1);

  item->code = g_strdup (code);
  item->record_type = g_strdup (record_type);
  item->record_id = g_strdup (record_id);
  item->message = message;
  g_ptr_array_add (items, item);
}

static gboolean
reachable (JsonObject *record)
{
  return xarxa_value_string_of (record, "phone") != NULL || xarxa_value_string_of (record, "email") != NULL;
}

static const char *
stop_name (JsonObject *stop)
{
  const char *title = xarxa_value_string_of (stop, "title");

  return title != NULL ? title : xarxa_value_string_of (stop, "starts_at");
}

static void
check_stops (XarxaStore *store,
             GPtrArray  *stops,
             GPtrArray  *items)
{
  g_autoptr(GHashTable) hosts_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < stops->len; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (stops, i);
      const char *id = xarxa_value_string_of (stop->record, "id");
      const char *host_id = xarxa_value_string_of (stop->record, "host_entity_id");
      g_autoptr(JsonObject) host = NULL;
      g_autoptr(JsonObject) contact = NULL;
      const char *kind = xarxa_value_string_of (stop->record, "kind");

      /* Free time and travel happen anywhere. */
      if (xarxa_value_string_of (stop->record, "address") == NULL &&
          g_strcmp0 (kind, "free-time") != 0 && g_strcmp0 (kind, "travel") != 0)
        add_item (items, "stop-address", "itinerary_stop", id,
                  g_strdup_printf (_("“%s” has no address. Add it to the stop, or take the host’s."),
                                   stop_name (stop->record)));
      /* Each host once (twenty hosts of three hundred stops are read
       * twenty times, not three hundred), its contact person only when the
       * organisation itself cannot be reached. */
      if (host_id == NULL || g_hash_table_contains (hosts_seen, host_id) ||
          (host = xarxa_store_get_live_record (store, "entity", host_id)) == NULL)
        continue;
      g_hash_table_add (hosts_seen, g_strdup (host_id));
      if (reachable (host))
        continue;
      contact = xarxa_store_get_live_record (store, "contact", xarxa_value_string_of (stop->record, "host_contact_id"));
      if (!reachable (contact))
        add_item (items, "host-contact", "entity", host_id,
                  g_strdup_printf (_("There is no phone number or email address for the host %s. Add one to the organisation or to its contact person."),
                                   xarxa_value_string_of (host, "name")));
    }
}

static void
check_participants (XarxaStore *store,
                    GPtrArray  *participants,
                    GPtrArray  *items)
{
  for (guint i = 0; i < participants->len; i++)
    {
      JsonObject *participant = g_ptr_array_index (participants, i);
      g_autoptr(JsonObject) contact = xarxa_store_get_live_record (store, "contact", xarxa_value_string_of (participant, "contact_id"));
      const char *name = xarxa_value_string_of (participant, "name");

      if (name == NULL)
        name = xarxa_value_string_of (contact, "full_name");
      if (name == NULL)
        name = _("A participant");
      if (contact == NULL)
        add_item (items, "participant-contact", "participant", xarxa_value_string_of (participant, "id"),
                  g_strdup_printf (_("%s is not in the directory, so there is no way to reach them on the road. Add them as a contact person with a phone number."),
                                   name));
      else if (!reachable (contact))
        add_item (items, "participant-contact", "contact", xarxa_value_string_of (contact, "id"),
                  g_strdup_printf (_("There is no phone number or email address for %s. Add one to their contact details."),
                                   name));
    }
}

/* The documents linked to the mission whose attachment this device does
 * not hold: on the road there is no server to fetch it from.  One item per
 * document, so that it can be opened (and its file fetched) from there. */
static gboolean
check_documents (XarxaStore  *store,
                 const char  *mission_id,
                 GPtrArray   *items,
                 GError     **error)
{
  g_autoptr(GPtrArray) ids = xarxa_library_documents_of (store, "mission", mission_id, error);
  g_autofree char *files_dir = NULL;

  if (ids == NULL)
    return FALSE;
  files_dir = xarxa_library_files_dir (store);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) document = xarxa_store_get_live_record (store, "document", ids->pdata[i]);
      const char *hash = xarxa_value_string_of (document, "file_hash");
      const char *title;

      if (hash == NULL || xarxa_attachments_has (files_dir, hash))
        continue;
      title = xarxa_value_string_of (document, "title");
      if (title == NULL)
        title = xarxa_value_string_of (document, "file_name");
      add_item (items, "document-attachment", "document", ids->pdata[i],
                g_strdup_printf (_("The file of “%s” is not on this device yet. Sync while you are online, or open the document to fetch it, so that you have it on the road."),
                                 title != NULL ? title : _("a document")));
    }
  return TRUE;
}

char *
xarxa_mission_ready_last_sync (XarxaStore *store)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  return xarxa_sync_state_get (store, "last_sync_at");
}

static void
check_sync (XarxaStore *store,
            GPtrArray  *items)
{
  g_autofree char *last = xarxa_mission_ready_last_sync (store);
  gint64 unsent = xarxa_store_count_outbox (store);

  if (unsent > 0)
    {
      g_autofree char *number = g_strdup_printf ("%'" G_GINT64_FORMAT, unsent);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      add_item (items, "unsent-changes", NULL, NULL,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s change made on this device has not been sent. Sync before you leave, so that the others have it.",
                                              "%s changes made on this device have not been sent. Sync before you leave, so that the others have them.",
                                              (gulong) unsent),
                                 number));
#pragma GCC diagnostic pop
    }
  if (last == NULL)
    add_item (items, "never-synced", NULL, NULL,
              g_strdup (_("This device has never synced, so it may lack what the others planned. Sync before you leave.")));
}

GPtrArray *
xarxa_mission_ready (XarxaStore  *store,
                     const char  *mission_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) xarxa_ready_item_free);

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  if ((stops = xarxa_mission_list_stops (store, mission_id, error)) == NULL ||
      (participants = xarxa_mission_list_records (store, "participant", mission_id, error)) == NULL)
    return NULL;
  check_stops (store, stops, items);
  check_participants (store, participants, items);
  if (!check_documents (store, mission_id, items, error))
    return NULL;
  check_sync (store, items);
  return g_steal_pointer (&items);
}
