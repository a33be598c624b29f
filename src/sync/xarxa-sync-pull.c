/* xarxa-sync-pull.c — pull: pages of changes, three-way merge, reconcile.
 *
 * Each page is applied and the cursor stored in one transaction (pages are
 * grouped, see pull_pages()).  A remote record replaces the local one
 * unless the local one has changes not yet acknowledged (outbox rows) or
 * open conflicts; then fields merge: those changed here stay (the server
 * decides when they are pushed), tag sets merge additions and removals,
 * the others take the remote value.  The same field changed to different
 * values becomes a conflict; a delete against an edit keeps the record and
 * asks (see xarxa-sync-engine.c for the kinds).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-json.h"
#include "xarxa-sync-engine-private.h"
#include "xarxa-values.h"

static gboolean
apply_remote (XarxaSyncRun  *run,
              JsonObject    *change,
              GError       **error)
{
  XarxaStore *store = run->store;
  const char *type_name = json_object_get_string_member_with_default (change, "type", NULL);
  const char *id = json_object_get_string_member_with_default (change, "id", NULL);
  gint64 version = json_object_get_int_member_with_default (change, "version", 0);
  gboolean deleted = json_object_get_boolean_member_with_default (change, "deleted", FALSE);
  JsonObject *fields;
  const XarxaRecordType *type;
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) shadow = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) new_shadow = NULL;
  g_autoptr(GHashTable) changed_here = NULL;
  g_autoptr(GHashTable) conflicts = NULL;
  gboolean has_outbox, deletes_here;
  gint64 shadow_version = 0;
  g_autofree char *now = NULL;
  const char *created_at, *updated_at;

  type = type_name != NULL ? xarxa_schema_lookup (type_name) : NULL;
  if (type == NULL || id == NULL || !json_object_has_member (change, "fields") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (change, "fields")))
    {
      /* A newer server may know more types: skip what this build cannot hold. */
      g_debug ("Skipping a change of unknown type %s", type_name != NULL ? type_name : "(none)");
      return TRUE;
    }
  fields = json_object_get_object_member (change, "fields");

  new_shadow = json_object_ref (fields);
  created_at = json_object_get_string_member_with_default (fields, "created_at", NULL);
  updated_at = json_object_get_string_member_with_default (fields, "updated_at", NULL);
  if (created_at == NULL || updated_at == NULL)
    now = xarxa_now_iso8601 ();

  /* New here (the common case of a first sync): inserted as it is, nothing
   * to merge.  The insert does nothing if this device holds the record. */
  {
    gboolean inserted = FALSE;

    if (!xarxa_store_insert_remote (store, type, id, fields,
                                    created_at != NULL ? created_at : now,
                                    updated_at != NULL ? updated_at : now,
                                    deleted, version, &inserted, error))
      return FALSE;
    if (inserted)
      {
        if (!xarxa_sync_state_shadow_put (store, type->name, id, NULL, version, error))
          return FALSE;
        run->stats->pulled++;
        return TRUE;
      }
  }

  local = xarxa_sync_get_local (store, type, id);
  /* What only matters for a record this device already holds: its last
   * synced version, its changes waiting and its conflicts (when there are
   * any at all).  The shadow's fields are read when they are merged. */
  if (local != NULL)
    shadow_version = xarxa_sync_state_shadow_get_version (store, type->name, id);
  /* Not needed for a record new here (most of a first sync). */
  changed_here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  has_outbox = !run->outbox_empty &&
               xarxa_sync_state_outbox_for_record (store, type->name, id, changed_here, &deletes_here);
  if (!has_outbox)
    deletes_here = FALSE;
  conflicts = run->conflicts_empty ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free)
                                   : xarxa_sync_state_conflicts_for_record (store, type->name, id);

  if (local == NULL)
    {
      /* The insert above found the id taken, yet it cannot be read. */
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
                   _("The record %s could not be read back from the database. Check the disk, then sync again."), id);
      return FALSE;
    }
  if (created_at == NULL)
    created_at = json_object_get_string_member (local, "created_at");

  /* The remote record in local form. */
  record = json_object_new ();
  for (guint i = 0; i < type->n_fields; i++)
    json_object_set_member (record, type->fields[i].name,
                            xarxa_sync_local_value (&type->fields[i], json_object_get_member (fields, type->fields[i].name)));
  json_object_set_string_member (record, "id", id);
  json_object_set_string_member (record, "created_at", created_at != NULL ? created_at : now);
  json_object_set_string_member (record, "updated_at", updated_at != NULL ? updated_at : now);
  json_object_set_boolean_member (record, "deleted", deleted);
  json_object_set_int_member (record, "version", version);

  if (!has_outbox && g_hash_table_size (conflicts) == 0 &&
           shadow_version < 0 && -shadow_version - 1 > version &&
           !deleted && !json_object_get_boolean_member (local, "deleted"))
    {
      /* A server restored from a backup holds an older state than this
       * device saw: send again what it lost. */
      g_autoptr(JsonObject) lost = json_object_new ();
      g_autoptr(JsonObject) before = json_object_new ();
      g_autoptr(JsonObject) old = json_object_ref (local);
      g_autoptr(JsonObject) kept = xarxa_sync_all_fields (type, local);

      for (guint i = 0; i < type->n_fields; i++)
        {
          const char *name = type->fields[i].name;

          if (!xarxa_value_equal (json_object_get_member (local, name), json_object_get_member (record, name)))
            {
              json_object_set_member (lost, name, json_node_copy (json_object_get_member (local, name)));
              json_object_set_member (before, name, json_node_copy (json_object_get_member (record, name)));
            }
        }
      json_object_set_string_member (kept, "id", id);
      json_object_set_string_member (kept, "created_at", json_object_get_string_member (local, "created_at"));
      json_object_set_string_member (kept, "updated_at", json_object_get_string_member (local, "updated_at"));
      json_object_set_boolean_member (kept, "deleted", FALSE);
      json_object_set_int_member (kept, "version", version);
      if (!xarxa_sync_write_record (store, type, old, kept, error))
        return FALSE;
      if (json_object_get_size (lost) > 0)
        run->outbox_empty = FALSE;
      if (json_object_get_size (lost) > 0 &&
          !xarxa_store_append_outbox (store, type->name, id, "update", lost, before, version,
                                      json_object_get_string_member (local, "updated_at"), error))
        return FALSE;
    }
  else if (!has_outbox && g_hash_table_size (conflicts) == 0)
    {
      if (!xarxa_sync_write_record (store, type, local, record, error))
        return FALSE;
    }
  else if (g_hash_table_contains (conflicts, XARXA_SYNC_RECORD_FIELD))
    {
      /* A person has to choose; keep what is here, show them the latest. */
      g_autoptr(JsonNode) theirs = json_node_init_object (json_node_alloc (), fields);
      JsonObject *o = json_node_get_object (theirs);

      json_object_set_boolean_member (o, "deleted", deleted);
      if (!xarxa_sync_state_conflict_set_theirs (store, type->name, id, XARXA_SYNC_RECORD_FIELD,
                                                 theirs, version, error))
        return FALSE;
    }
  else if (deleted && !json_object_get_boolean_member (local, "deleted"))
    {
      /* Deleted there, edited here: keep the record and ask. */
      g_autoptr(JsonNode) mine = json_node_init_object (json_node_alloc (), local);
      g_autoptr(JsonNode) theirs = json_node_init_object (json_node_alloc (), fields);

      json_object_set_boolean_member (json_node_get_object (theirs), "deleted", TRUE);
      run->conflicts_empty = FALSE;
      if (!xarxa_sync_state_conflict_record (store, type->name, id, XARXA_SYNC_RECORD_FIELD, "edit-delete",
                                             mine, theirs, NULL, version, error) ||
          !xarxa_sync_state_outbox_drop_record (store, type->name, id, error))
        return FALSE;
    }
  else if (!deleted && json_object_get_boolean_member (local, "deleted") && deletes_here)
    {
      /* Deleted here, not yet pushed: the push decides against the server's
       * version.  Nothing to apply. */
    }
  else
    {
      g_autoptr(JsonObject) merged = json_object_new ();

      shadow = xarxa_sync_state_shadow_get (store, type->name, id, NULL);
      for (guint i = 0; i < type->n_fields; i++)
        {
          const XarxaFieldInfo *f = &type->fields[i];
          JsonNode *r = json_object_get_member (record, f->name);
          JsonNode *l = json_object_get_member (local, f->name);
          JsonNode *b = shadow != NULL ? json_object_get_member (shadow, f->name) : r;
          const char *mine_text;

          if (g_hash_table_lookup_extended (conflicts, f->name, NULL, (gpointer *) &mine_text))
            {
              g_autoptr(JsonNode) mine = mine_text != NULL ? xarxa_json_parse (mine_text, -1, NULL) : NULL;

              if (xarxa_value_equal (mine, r))
                {
                  /* Both sides now agree: nothing left to choose. */
                  if (!xarxa_sync_state_conflict_drop (store, type->name, id, f->name, error))
                    return FALSE;
                  json_object_set_member (merged, f->name, json_node_copy (r));
                }
              else
                {
                  if (!xarxa_sync_state_conflict_set_theirs (store, type->name, id, f->name, r, version, error))
                    return FALSE;
                  json_object_set_member (merged, f->name, json_node_copy (l));
                }
            }
          else if (g_hash_table_contains (changed_here, f->name))
            {
              if (f->kind == XARXA_FIELD_SET && shadow != NULL)
                json_object_set_member (merged, f->name, xarxa_value_merge_sets (b, l, r));
              else
                json_object_set_member (merged, f->name, json_node_copy (l));
            }
          else
            json_object_set_member (merged, f->name, json_node_copy (r));
        }
      json_object_set_string_member (merged, "id", id);
      json_object_set_string_member (merged, "created_at", json_object_get_string_member (local, "created_at"));
      json_object_set_string_member (merged, "updated_at",
                                     has_outbox ? json_object_get_string_member (local, "updated_at")
                                                : json_object_get_string_member (record, "updated_at"));
      json_object_set_boolean_member (merged, "deleted",
                                      deletes_here ? json_object_get_boolean_member (local, "deleted") : deleted);
      json_object_set_int_member (merged, "version", version);
      if (!xarxa_sync_write_record (store, type, local, merged, error))
        return FALSE;
    }

  json_object_set_boolean_member (new_shadow, "deleted", deleted);
  if (!xarxa_sync_state_shadow_put (store, type->name, id, new_shadow, version, error))
    return FALSE;
  run->stats->pulled++;
  return TRUE;
}

/* @mode: "restored" (the server lost changes: send again what it lacks) or
 * "expired" (this device was away too long: what the server no longer lists
 * was deleted and purged). */
gboolean
xarxa_sync_run_begin_reconcile (XarxaSyncRun  *run,
                                const char    *mode,
                                GError       **error)
{
  XarxaStore *store = run->store;

  g_debug ("Full reconcile (%s)", mode);
  if (!xarxa_store_begin (store, error))
    return FALSE;
  /* Shadows become "not seen since" (a negative version that keeps the old
   * one): what the server no longer has is dealt with at the end, what it
   * has in an older state than we saw is sent again. */
  if (!xarxa_sync_state_shadows_mark_unseen (store, error) ||
      !xarxa_sync_state_set_cursor (store, 0, error) ||
      !xarxa_sync_state_set (store, "reconcile", mode, error) ||
      (run->epoch != NULL && !xarxa_sync_state_set (store, "epoch", run->epoch, error)))
    {
      xarxa_store_rollback (store);
      return FALSE;
    }
  run->stats->reconciled = TRUE;
  return xarxa_store_commit (store, error);
}

/* After a full pull: records this device synced before but that the server
 * does not list are sent again whole if the server lost them (restored from
 * an older backup), or deleted here if their tombstones were purged. */
static gboolean
finish_reconcile (XarxaSyncRun  *run,
                  GError       **error)
{
  XarxaStore *store = run->store;
  g_autofree char *mode = xarxa_sync_state_get (store, "reconcile");
  gboolean restored = g_strcmp0 (mode, "restored") == 0;
  g_autoptr(GPtrArray) missing = NULL;

  if (!xarxa_store_begin (store, error))
    return FALSE;
  missing = xarxa_sync_state_shadows_unseen (store, error);
  if (missing == NULL)
    goto fail;

  for (guint i = 0; i < missing->len; i++)
    {
      XarxaSyncRecordKey *key = missing->pdata[i];
      const XarxaRecordType *type = xarxa_schema_lookup (key->type_name);
      g_autoptr(JsonObject) local = type != NULL ? xarxa_sync_get_local (store, type, key->id) : NULL;

      if (local != NULL && !json_object_get_boolean_member (local, "deleted") && !restored)
        {
          g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_autoptr(JsonObject) old = json_object_ref (local);
          g_autoptr(JsonObject) gone = NULL;
          gboolean deletes;

          /* Changes still waiting here go to the server, which decides. */
          if (xarxa_sync_state_outbox_for_record (store, key->type_name, key->id, changed, &deletes))
            continue;
          gone = xarxa_sync_all_fields (type, local);
          json_object_set_string_member (gone, "id", key->id);
          json_object_set_string_member (gone, "created_at", json_object_get_string_member (local, "created_at"));
          json_object_set_string_member (gone, "updated_at", json_object_get_string_member (local, "updated_at"));
          json_object_set_int_member (gone, "version", json_object_get_int_member (local, "version"));
          json_object_set_boolean_member (gone, "deleted", TRUE);
          if (!xarxa_sync_write_record (store, type, old, gone, error))
            goto fail;
        }
      else if (local != NULL && !json_object_get_boolean_member (local, "deleted"))
        {
          g_autoptr(JsonObject) fields = json_object_new ();
          g_autoptr(JsonObject) before = json_object_new ();
          g_autofree char *now = xarxa_now_iso8601 ();

          for (guint f = 0; f < type->n_fields; f++)
            json_object_set_member (fields, type->fields[f].name,
                                    json_node_copy (json_object_get_member (local, type->fields[f].name)));
          if (!xarxa_sync_state_outbox_drop_record (store, key->type_name, key->id, error) ||
              !xarxa_store_append_outbox (store, key->type_name, key->id, "undelete", fields, before,
                                          0, now, error))
            goto fail;
        }
    }
  if (!xarxa_sync_state_shadows_drop_unseen (store, error) ||
      !xarxa_sync_state_set (store, "reconcile", NULL, error))
    goto fail;
  return xarxa_store_commit (store, error);

fail:
  xarxa_store_rollback (store);
  return FALSE;
}

/* Pages are fetched (and parsed, and freed) in a thread of their own, one
 * page ahead: while page k is applied and committed here, page k+1 is on
 * its way.  The next page's cursor is known as soon as page k is read, and
 * is exactly the cursor stored with page k, so nothing changes in what is
 * asked for or in what is kept. */
typedef struct
{
  GThread         *thread;
  GAsyncQueue     *requests;   /* PageRequest */
  GAsyncQueue     *answers;    /* PageRequest, filled in */
  XarxaSyncClient *client;     /* used in the thread only */
  GCancellable    *cancellable;
  gboolean         pending;    /* a request is out */
  gint64           pending_cursor;
  guint            pending_limit;
} Prefetch;

typedef struct
{
  gboolean    stop;
  gint64      cursor;
  guint       limit;
  JsonObject *garbage;    /* a page done with: freed in the thread */
  JsonObject *page;
  GError     *error;
} PageRequest;

static gpointer
prefetch_thread (gpointer data)
{
  Prefetch *pf = data;

  for (;;)
    {
      PageRequest *req = g_async_queue_pop (pf->requests);
      g_autofree char *path = NULL;

      g_clear_pointer (&req->garbage, json_object_unref);
      if (req->stop)
        {
          g_free (req);
          return NULL;
        }
      if (req->limit == 0)
        {
          g_free (req);   /* only garbage to drop */
          continue;
        }
      path = g_strdup_printf ("/api/v1/changes?cursor=%" G_GINT64_FORMAT "&limit=%u", req->cursor, req->limit);
      req->page = xarxa_sync_client_call (pf->client, "GET", path, NULL, NULL, pf->cancellable, &req->error);
      g_async_queue_push (pf->answers, req);
    }
}

static void
prefetch_init (Prefetch     *pf,
               XarxaSyncRun *run)
{
  XarxaSyncEngine *engine = run->engine;

  memset (pf, 0, sizeof *pf);
  pf->requests = g_async_queue_new ();
  pf->answers = g_async_queue_new ();
  pf->client = xarxa_sync_client_new (engine->server_url);
  xarxa_sync_client_set_token (pf->client, engine->token);
  xarxa_sync_client_set_retries (pf->client, engine->max_retries, engine->base_ms, engine->max_ms);
  pf->cancellable = run->cancellable;
  pf->thread = g_thread_new ("xarxa-sync-pull", prefetch_thread, pf);
}

static void
prefetch_send (Prefetch *pf,
               gint64    cursor,
               guint     limit)
{
  PageRequest *req = g_new0 (PageRequest, 1);

  g_assert (!pf->pending);
  req->cursor = cursor;
  req->limit = limit;
  pf->pending = TRUE;
  pf->pending_cursor = cursor;
  pf->pending_limit = limit;
  g_async_queue_push (pf->requests, req);
}

static JsonObject *
prefetch_wait (Prefetch  *pf,
               GError   **error)
{
  PageRequest *req = g_async_queue_pop (pf->answers);
  JsonObject *page = req->page;

  pf->pending = FALSE;
  if (req->error != NULL)
    g_propagate_error (error, req->error);
  g_free (req);
  return page;
}

/* The page at @cursor: the one fetched ahead if it is that one, else a new
 * request (a fetched-ahead page for another cursor is dropped). */
static JsonObject *
prefetch_take (Prefetch  *pf,
               gint64     cursor,
               guint      limit,
               GError   **error)
{
  if (pf->pending && (pf->pending_cursor != cursor || pf->pending_limit != limit))
    {
      g_autoptr(JsonObject) stale = prefetch_wait (pf, NULL);
    }
  if (!pf->pending)
    prefetch_send (pf, cursor, limit);
  return prefetch_wait (pf, error);
}

/* Lets the thread free @page (a large tree) while this one goes on. */
static void
prefetch_drop (Prefetch   *pf,
               JsonObject *page)
{
  PageRequest *req;

  if (page == NULL)
    return;
  req = g_new0 (PageRequest, 1);
  req->garbage = page;
  g_async_queue_push (pf->requests, req);
}

static void
prefetch_clear (Prefetch     *pf,
                XarxaSyncRun *run)
{
  PageRequest *req;

  if (pf->pending)
    {
      g_autoptr(JsonObject) unused = prefetch_wait (pf, NULL);
    }
  req = g_new0 (PageRequest, 1);
  req->stop = TRUE;
  g_async_queue_push (pf->requests, req);
  g_thread_join (pf->thread);
  run->stats->retries += xarxa_sync_client_get_retries (pf->client);
  run->stats->rate_limited += xarxa_sync_client_get_rate_limited (pf->client);
  g_clear_pointer (&pf->client, xarxa_sync_client_free);
  g_async_queue_unref (pf->requests);
  g_async_queue_unref (pf->answers);
}

/* Whether the page for @cursor arrives (or fails) within @timeout_us, so
 * that taking it will not wait on the network. */
static gboolean
prefetch_ready (Prefetch *pf,
                gint64    cursor,
                guint     limit,
                guint64   timeout_us)
{
  PageRequest *req;

  if (!pf->pending || pf->pending_cursor != cursor || pf->pending_limit != limit)
    return FALSE;
  req = g_async_queue_timeout_pop (pf->answers, timeout_us);
  if (req == NULL)
    return FALSE;
  g_async_queue_push_front (pf->answers, req);
  return TRUE;
}

/* A page that can be applied: its changes and its cursor are there. */
static gboolean
page_is_whole (JsonObject *page)
{
  JsonNode *changes = json_object_get_member (page, "changes");
  JsonNode *cursor = json_object_get_member (page, "cursor");

  return changes != NULL && JSON_NODE_HOLDS_ARRAY (changes) &&
         cursor != NULL && JSON_NODE_HOLDS_VALUE (cursor) &&
         json_node_get_value_type (cursor) == G_TYPE_INT64;
}

typedef struct
{
  guint    changes;     /* applied in the open transaction (+1 a page); 0: none open */
  gint64   opened_at;
  gboolean changed;
} Group;

/* Commits the open group of pages, if any: each was applied whole, with
 * its cursor, so what it holds stands. */
static gboolean
group_close (XarxaSyncRun  *run,
             Group         *group,
             GError       **error)
{
  gboolean changed = group->changed;

  if (group->changes == 0)
    return TRUE;
  group->changes = 0;
  group->changed = FALSE;
  if (!xarxa_store_commit (run->store, error))
    return FALSE;
  if (changed)
    xarxa_store_emit_changed (run->store, NULL, NULL);
  return TRUE;
}

/* Pulled pages are committed in groups, each with the cursor of its last
 * page: a first sync inserts at random places of the id indexes, and
 * committing every page wrote most of the database to the log again and
 * again.  A group waits for the network a fifth of a second at most and
 * stays open a second at most, since the window's own saves wait for it;
 * a stop loses at most the open group, which the next sync pulls again. */
static gboolean
pull_pages (XarxaSyncRun  *run,
            Prefetch      *pf,
            GError       **error)
{
  XarxaStore *store = run->store;
  gboolean restarted = FALSE;
  guint page_no = 0;
  Group group = { 0, 0, FALSE };

  for (;;)
    {
      JsonObject *page = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *stored_epoch = xarxa_sync_state_get (store, "epoch");
      gint64 cursor = xarxa_sync_state_get_cursor (store);
      const char *epoch;
      JsonArray *changes;
      gboolean has_more;
      guint limit = run->engine->page_size > 0 ? MIN (run->engine->page_size, run->max_page) : run->max_page;

      if (group.changes > 0 && !prefetch_ready (pf, cursor, limit, XARXA_SYNC_PULL_GROUP_WAIT_US) &&
          !group_close (run, &group, error))
        return FALSE;
      page = prefetch_take (pf, cursor, limit, &local_error);
      /* Anything but the next page of this epoch closes the group first. */
      if (page == NULL || !page_is_whole (page) ||
          g_strcmp0 (stored_epoch, json_object_get_string_member_with_default (page, "epoch", "")) != 0)
        {
          if (!group_close (run, &group, error))
            {
              prefetch_drop (pf, page);
              return FALSE;
            }
        }
      if (page == NULL)
        {
          if (g_error_matches (local_error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_CURSOR_EXPIRED) &&
              !restarted && cursor > 0)
            {
              restarted = TRUE;
              if (!xarxa_sync_run_begin_reconcile (run, cursor > run->server_version ? "restored" : "expired", error))
                return FALSE;
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!page_is_whole (page))
        {
          prefetch_drop (pf, page);
          g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                       _("The server sent a page of changes Xarxa cannot read. Update Xarxa, or tell the server's administrator."));
          return FALSE;
        }
      epoch = json_object_get_string_member_with_default (page, "epoch", "");
      if (stored_epoch != NULL && strcmp (stored_epoch, epoch) != 0 && !restarted)
        {
          /* Restored from a backup while we were pulling. */
          restarted = TRUE;
          g_free (run->epoch);
          run->epoch = g_strdup (epoch);
          prefetch_drop (pf, page);
          if (!xarxa_sync_run_begin_reconcile (run, "restored", error))
            return FALSE;
          continue;
        }
      if (!xarxa_sync_run_hook (run, XARXA_SYNC_HOOK_AFTER_PULL_FETCH, page_no++, error))
        goto fail;   /* as if the program stopped here: the open group is lost */

      changes = json_object_get_array_member (page, "changes");
      has_more = json_object_get_boolean_member_with_default (page, "has_more", FALSE);
      /* The next page is asked for with the cursor this one stores. */
      if (has_more)
        prefetch_send (pf, json_object_get_int_member (page, "cursor"), limit);

      if (group.changes == 0)
        {
          if (!xarxa_store_begin (store, error))
            {
              prefetch_drop (pf, page);
              return FALSE;
            }
          group.opened_at = g_get_monotonic_time ();
          run->outbox_empty = xarxa_sync_state_outbox_is_empty (store);
          run->conflicts_empty = xarxa_sync_state_conflicts_is_empty (store);
        }
      group.changes += json_array_get_length (changes) + 1;
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonNode *n = json_array_get_element (changes, i);

          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          if (!apply_remote (run, json_node_get_object (n), error))
            goto fail;
        }
      if (!xarxa_sync_state_set_cursor (store, json_object_get_int_member (page, "cursor"), error) ||
          !xarxa_sync_state_set (store, "epoch", epoch, error))
        goto fail;
      group.changed |= json_array_get_length (changes) > 0;
      if ((!has_more || group.changes >= run->engine->pull_group ||
           g_get_monotonic_time () - group.opened_at >= XARXA_SYNC_PULL_GROUP_US) &&
          !group_close (run, &group, error))
        {
          prefetch_drop (pf, page);
          return FALSE;
        }
      prefetch_drop (pf, page);
      xarxa_sync_run_progress (run, "pull", run->stats->pulled);

      if (!has_more)
        break;
      continue;

    fail:
      if (group.changes > 0)
        xarxa_store_rollback (store);
      prefetch_drop (pf, page);
      return FALSE;
    }
  return TRUE;
}

gboolean
xarxa_sync_run_pull (XarxaSyncRun  *run,
                     GError       **error)
{
  Prefetch pf;
  gboolean ok;

  prefetch_init (&pf, run);
  ok = pull_pages (run, &pf, error);
  prefetch_clear (&pf, run);
  if (!ok)
    return FALSE;

  {
    g_autofree char *mode = xarxa_sync_state_get (run->store, "reconcile");

    if (mode != NULL && !finish_reconcile (run, error))
      return FALSE;
  }
  return TRUE;
}

