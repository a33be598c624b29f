/* xarxa-sync-push.c — push: the outbox in batches, attachments, answers.
 *
 * Outbox rows go in seq order, in batches, each with the device's next
 * sequence number.  The request body is saved in sync_state before it is
 * sent and resent unchanged until the server answers, so a retry after a
 * crash carries the same numbers and the server answers "duplicate" instead
 * of applying a change twice.  The answers are handled, and the batch
 * forgotten, in one transaction.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-attachments.h"
#include "xarxa-json.h"
#include "xarxa-sync-engine-private.h"

/* Builds the next batch from the outbox and saves it as the batch in flight
 * (*@batch: the same, as a tree).  Returns FALSE with no error when the
 * outbox is empty. */
static gboolean
prepare_batch (XarxaSyncRun  *run,
               const char    *device_id,
               JsonNode     **batch,
               GError       **error)
{
  XarxaStore *store = run->store;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonArray) seqs = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) seqs_node = NULL;
  g_autofree char *body = NULL;
  g_autofree char *seqs_text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 next_seq = xarxa_sync_state_get_last_seq (store) + 1;
  guint limit = run->engine->batch_size > 0 ? MIN (run->engine->batch_size, run->max_batch) : run->max_batch;
  guint n = 0;

  rows = xarxa_sync_state_outbox_read (store, limit, error);
  if (rows == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, device_id);
  json_builder_set_member_name (builder, "mutations");
  json_builder_begin_array (builder);
  for (; n < rows->len; n++)
    {
      XarxaOutboxRow *row = rows->pdata[n];
      const char *op = row->op;
      const char *created_at = row->created_at;
      JsonObject *fields = row->fields;
      gboolean create = strcmp (op, "create") == 0 || strcmp (op, "undelete") == 0;

      json_array_add_int_element (seqs, row->seq);
      if (strcmp (op, "create") == 0)
        json_object_set_string_member (fields, "created_at", created_at);
      else if (create)
        {
          /* Brought back whole: with its first creation date. */
          const XarxaRecordType *type = xarxa_schema_lookup (row->type_name);
          g_autoptr(JsonObject) local = type != NULL ? xarxa_sync_get_local (store, type, row->id) : NULL;

          if (local != NULL)
            json_object_set_string_member (fields, "created_at", json_object_get_string_member (local, "created_at"));
        }
      json_object_set_string_member (fields, "updated_at", created_at);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, next_seq + n);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, row->type_name);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, row->id);
      json_builder_set_member_name (builder, "op");
      json_builder_add_string_value (builder, create ? "create" : op);
      json_builder_set_member_name (builder, "fields");
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (), fields));
      if (strcmp (op, "update") == 0 || strcmp (op, "delete") == 0)
        {
          json_builder_set_member_name (builder, "before");
          json_builder_add_value (builder, json_node_init_object (json_node_alloc (), row->before));
          json_builder_set_member_name (builder, "base_version");
          json_builder_add_int_value (builder, row->base_version);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (n == 0)
    return FALSE;

  root = json_builder_get_root (builder);
  body = xarxa_json_node_to_text (root);
  seqs_node = json_node_init_array (json_node_alloc (), seqs);
  seqs_text = xarxa_json_node_to_text (seqs_node);

  if (!xarxa_store_begin (store, error))
    return FALSE;
  if (!xarxa_sync_state_set_pending_batch (store, body, seqs_text, error))
    {
      xarxa_store_rollback (store);
      return FALSE;
    }
  if (!xarxa_store_commit (store, error))
    return FALSE;
  *batch = g_steal_pointer (&root);
  return TRUE;
}

/* Notes that the server refused @hash as too large (@limit bytes): the
 * document still goes, and says why its file did not. */
static gboolean
refuse_file (XarxaSyncRun  *run,
             const char    *hash,
             guint64        limit,
             GError       **error)
{
  g_debug ("Attachment %s is over the server's limit of %" G_GUINT64_FORMAT " bytes", hash, limit);
  run->stats->files_refused++;
  return xarxa_sync_state_set_file_refused (run->store, hash, MAX (limit, 1), error);
}

/* Uploads one file in chunks of the server's max_chunk, from @offset (what
 * the server already holds of it). */
static gboolean
upload_file (XarxaSyncRun  *run,
             const char    *hash,
             gint64         offset,
             GError       **error)
{
  g_autofree char *file_path = xarxa_attachments_path (run->engine->files_dir, hash);
  g_autofree char *path = g_strconcat ("/api/v1/files/", hash, NULL);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize total;
  guint tries = 0;

  mapped = file_path != NULL ? g_mapped_file_new (file_path, FALSE, &local_error) : NULL;
  if (mapped == NULL)
    {
      /* Not here: maybe another device has it; the record can still go. */
      g_debug ("Attachment %s is not in %s, not uploaded", hash, run->engine->files_dir);
      return TRUE;
    }
  data = g_mapped_file_get_contents (mapped);
  total = g_mapped_file_get_length (mapped);
  if (run->max_file > 0 && total > run->max_file)
    return refuse_file (run, hash, run->max_file, error);
  if ((gsize) offset > total)
    offset = 0;

  for (;;)
    {
      gsize len = MIN (total - (gsize) offset, run->max_chunk);
      g_autoptr(GBytes) chunk = g_bytes_new (data != NULL ? data + offset : "", len);
      g_autofree char *range = NULL;
      g_autoptr(JsonObject) answer = NULL;
      g_autoptr(JsonObject) error_body = NULL;
      g_clear_error (&local_error);

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
      if (total > 0)
        range = g_strdup_printf ("bytes %" G_GINT64_FORMAT "-%" G_GSIZE_FORMAT "/%" G_GSIZE_FORMAT,
                                 offset, (gsize) offset + len - 1, total);
      answer = xarxa_sync_client_call_bytes (run->client, "PUT", path, chunk, "application/octet-stream",
                                             range, NULL, &error_body, run->cancellable, &local_error);
      if (answer == NULL)
        {
          const char *code = error_body != NULL ? json_object_get_string_member_with_default (error_body, "error", "") : "";

          if (strcmp (code, "file-too-large") == 0)
            return refuse_file (run, hash, (guint64) json_object_get_int_member_with_default (error_body, "limit", 1),
                                error);
          if (error_body != NULL && json_object_has_member (error_body, "offset") && tries++ < 3)
            {
              offset = CLAMP (json_object_get_int_member (error_body, "offset"), 0, (gint64) total);
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      run->stats->bytes_uploaded += len;
      if (json_object_get_boolean_member_with_default (answer, "complete", FALSE))
        break;
      offset = json_object_get_int_member_with_default (answer, "offset", offset + (gint64) len);
      if (offset < 0 || (gsize) offset >= total)
        {
          g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                       _("The server's answer to a file upload cannot be used. Update Xarxa, or tell the server's administrator."));
          return FALSE;
        }
    }
  run->stats->uploaded++;
  return xarxa_sync_state_set_file_refused (run->store, hash, 0, error);
}

/* Uploads the attachments the batch names and the server lacks, each once
 * (two documents with the same file name one hash), in groups the server
 * accepts. */
static gboolean
upload_attachments (XarxaSyncRun  *run,
                    JsonArray     *mutations,
                    GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) hashes = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (mutations); i++)
    {
      JsonObject *m = json_array_get_object_element (mutations, i);
      JsonObject *fields = json_object_get_object_member (m, "fields");
      const char *hash;

      if (fields == NULL || g_strcmp0 (json_object_get_string_member_with_default (m, "type", NULL), "document") != 0)
        continue;
      hash = json_object_get_string_member_with_default (fields, "file_hash", NULL);
      if (hash == NULL || strlen (hash) != 64 || !g_hash_table_add (seen, (gpointer) hash))
        continue;
      g_ptr_array_add (hashes, (gpointer) hash);
    }

  for (guint first = 0; first < hashes->len; first += run->max_batch)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) request = NULL;
      g_autoptr(JsonObject) answer = NULL;
      JsonArray *missing;
      JsonObject *partial;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "hashes");
      json_builder_begin_array (builder);
      for (guint i = first; i < hashes->len && i < first + run->max_batch; i++)
        json_builder_add_string_value (builder, hashes->pdata[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      request = json_builder_get_root (builder);
      answer = xarxa_sync_client_call (run->client, "POST", "/api/v1/files/missing", request, NULL,
                                       run->cancellable, error);
      if (answer == NULL)
        return FALSE;
      missing = json_object_get_array_member (answer, "missing");
      partial = json_object_get_object_member (answer, "partial");
      for (guint i = 0; missing != NULL && i < json_array_get_length (missing); i++)
        {
          const char *hash = json_array_get_string_element (missing, i);
          gint64 offset = partial != NULL ? json_object_get_int_member_with_default (partial, hash, 0) : 0;

          if (hash == NULL || !g_hash_table_contains (seen, hash))
            continue;
          /* Answered once: a server that repeats itself does not make a
           * file go twice. */
          g_hash_table_remove (seen, hash);
          if (!upload_file (run, hash, offset, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
field_conflicted (JsonArray  *field_conflicts,
                  const char *name)
{
  for (guint i = 0; field_conflicts != NULL && i < json_array_get_length (field_conflicts); i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (field_conflicts, i),
                                                               "field", ""), name) == 0)
      return TRUE;
  return FALSE;
}

/* The fields of a mutation the server applied: all but those in conflict. */
static JsonObject *
agreed_fields (JsonObject *fields,
               JsonArray  *field_conflicts)
{
  JsonObject *agreed;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (field_conflicts == NULL || json_array_get_length (field_conflicts) == 0)
    return json_object_ref (fields);
  agreed = json_object_new ();
  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &value))
    if (!field_conflicted (field_conflicts, name))
      json_object_set_member (agreed, name, json_node_ref (value));
  return agreed;
}

/* Records what the server did with one mutation. */
static gboolean
handle_result (XarxaSyncRun  *run,
               JsonObject    *mutation,
               gint64         outbox_seq,
               JsonObject    *result,
               GError       **error)
{
  XarxaStore *store = run->store;
  const char *type_name = json_object_get_string_member (mutation, "type");
  const char *id = json_object_get_string_member (mutation, "id");
  const char *op = json_object_get_string_member (mutation, "op");
  JsonObject *fields = json_object_get_object_member (mutation, "fields");
  JsonObject *before = json_object_has_member (mutation, "before") ? json_object_get_object_member (mutation, "before") : NULL;
  const char *status = json_object_get_string_member_with_default (result, "status", "");
  gint64 version = json_object_get_int_member_with_default (result, "version", 0);
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);
  g_autoptr(JsonObject) shadow = NULL;
  JsonArray *field_conflicts = NULL;
  gint64 shadow_version = 0;
  gboolean patched = FALSE;

  if (strcmp (status, "duplicate") == 0)
    status = json_object_get_string_member_with_default (result, "original_status", "applied");
  if (!xarxa_sync_state_outbox_drop (store, outbox_seq, error))
    return FALSE;
  if (type == NULL)
    return TRUE;

  if (strcmp (status, "rejected") == 0)
    {
      const char *field = json_object_get_string_member_with_default (result, "field", NULL);
      g_autoptr(JsonNode) mine = json_node_init_object (json_node_alloc (), fields);
      g_autoptr(JsonNode) theirs = json_node_new (JSON_NODE_VALUE);
      g_autoptr(JsonNode) reason = json_node_new (JSON_NODE_VALUE);

      json_node_set_string (theirs, json_object_get_string_member_with_default (result, "message", ""));
      json_node_set_string (reason, json_object_get_string_member_with_default (result, "reason", ""));
      run->stats->rejected++;
      return xarxa_sync_state_conflict_record (store, type_name, id,
                                               field != NULL ? field : XARXA_SYNC_RECORD_FIELD, "rejected",
                                               mine, theirs, reason, version, error);
    }

  if (strcmp (status, "conflict") == 0)
    {
      const char *kind = json_object_get_string_member_with_default (result, "kind", "field");

      if (strcmp (kind, "field") != 0)
        {
          g_autoptr(JsonObject) local = xarxa_sync_get_local (store, type, id);
          g_autoptr(JsonNode) mine = local != NULL ? json_node_init_object (json_node_alloc (), local) : NULL;

          return xarxa_sync_state_conflict_record (store, type_name, id, XARXA_SYNC_RECORD_FIELD, kind,
                                                   mine, NULL, NULL, version, error) &&
                 xarxa_sync_state_outbox_drop_record (store, type_name, id, error);
        }
      field_conflicts = json_object_get_array_member (result, "conflicts");
      for (guint i = 0; field_conflicts != NULL && i < json_array_get_length (field_conflicts); i++)
        {
          JsonObject *c = json_array_get_object_element (field_conflicts, i);
          const char *field = json_object_get_string_member_with_default (c, "field", "");

          if (!xarxa_sync_state_conflict_record (store, type_name, id, field, "field",
                                                 json_object_get_member (c, "client_value"),
                                                 json_object_get_member (c, "server_value"),
                                                 before != NULL ? json_object_get_member (before, field) : NULL,
                                                 version, error))
            return FALSE;
        }
    }

  /* Applied (wholly, or but for the conflicting fields): the shadow learns
   * what the server now holds, the record its version. */
  if (version > 0 && strcmp (op, "create") != 0)
    {
      g_autoptr(JsonObject) agreed = agreed_fields (fields, field_conflicts);

      if (!xarxa_sync_state_shadow_patch (store, type_name, id, agreed, strcmp (op, "delete") == 0,
                                          version, &patched, error))
        return FALSE;
    }
  if (!patched)
    {
      shadow = xarxa_sync_state_shadow_get (store, type_name, id, &shadow_version);
      if (shadow == NULL || strcmp (op, "create") == 0)
        {
          g_clear_pointer (&shadow, json_object_unref);
          shadow = json_object_new ();
        }
    }
  if (shadow != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, fields);
      while (json_object_iter_next (&iter, &name, &value))
        if (!field_conflicted (field_conflicts, name))
          json_object_set_member (shadow, name, json_node_copy (value));
      json_object_set_boolean_member (shadow, "deleted", strcmp (op, "delete") == 0);
    }
  if (shadow != NULL && version > 0 &&
      !xarxa_sync_state_shadow_put (store, type_name, id, shadow, MAX (version, shadow_version), error))
    return FALSE;

  /* The record learns its version (only ever forwards). */
  if (version <= 0)
    return TRUE;
  return xarxa_sync_state_set_record_version (store, type, id, version, error);
}

static gboolean
handle_answer (XarxaSyncRun  *run,
               JsonNode      *body_node,
               const char    *seqs_text,
               JsonObject    *answer,
               GError       **error)
{
  XarxaStore *store = run->store;
  g_autoptr(JsonNode) seqs_node = xarxa_json_parse (seqs_text, -1, NULL);
  JsonArray *mutations = json_object_get_array_member (json_node_get_object (body_node), "mutations");
  JsonArray *seqs = json_node_get_array (seqs_node);
  JsonArray *results = json_object_get_array_member (answer, "results");
  gint64 last_seq = 0;

  if (results == NULL)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                   _("The server's answer to a push cannot be read. Update Xarxa, or tell the server's administrator."));
      return FALSE;
    }

  if (!xarxa_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (mutations); i++)
    {
      JsonObject *m = json_array_get_object_element (mutations, i);
      gint64 seq = json_object_get_int_member (m, "seq");
      JsonObject *r = NULL;

      for (guint j = 0; j < json_array_get_length (results) && r == NULL; j++)
        {
          JsonObject *cand = json_array_get_object_element (results, (i + j) % json_array_get_length (results));

          if (cand != NULL && json_object_get_int_member_with_default (cand, "seq", -1) == seq)
            r = cand;
        }
      if (r == NULL)
        continue;   /* not answered: stays in the outbox, goes again */
      if (!handle_result (run, m, json_array_get_int_element (seqs, i), r, error))
        goto fail;
      last_seq = MAX (last_seq, seq);
      run->stats->pushed++;
    }
  last_seq = MAX (last_seq, json_object_get_int_member_with_default (answer, "last_seq", 0));
  if (!xarxa_sync_state_set_last_seq (store, last_seq, error) ||
      !xarxa_sync_state_set_pending_batch (store, NULL, NULL, error))
    goto fail;
  if (!xarxa_store_commit (store, error))
    return FALSE;
  xarxa_store_emit_changed (store, NULL, NULL);
  return TRUE;

fail:
  xarxa_store_rollback (store);
  return FALSE;
}

gboolean
xarxa_sync_run_push (XarxaSyncRun  *run,
                     GError       **error)
{
  XarxaStore *store = run->store;
  g_autofree char *device_id = xarxa_sync_state_get (store, "device_id");
  guint realigned = 0;

  if (device_id == NULL)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NOT_LOGGED_IN,
                   _("This device has not logged in to a sync server. Log in with your user name and password first."));
      return FALSE;
    }

  for (;;)
    {
      g_autofree char *body = NULL;
      g_autofree char *seqs = NULL;
      g_autoptr(JsonNode) body_node = NULL;
      g_autoptr(JsonObject) answer = NULL;
      g_autoptr(JsonObject) error_body = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonArray *mutations;

      if (!xarxa_sync_state_get_pending_batch (store, &body, &seqs))
        {
          if (!prepare_batch (run, device_id, &body_node, &local_error))
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              return TRUE;   /* nothing left */
            }
          g_clear_pointer (&body, g_free);
          g_clear_pointer (&seqs, g_free);
          xarxa_sync_state_get_pending_batch (store, &body, &seqs);
        }
      /* A batch saved by an earlier run is read back from its text. */
      if (body_node == NULL && body != NULL)
        body_node = xarxa_json_parse (body, -1, NULL);
      if (body_node == NULL || !JSON_NODE_HOLDS_OBJECT (body_node) || seqs == NULL)
        {
          /* Unreadable: forget it, the outbox still holds the changes. */
          if (!xarxa_sync_state_set_pending_batch (store, NULL, NULL, error))
            return FALSE;
          continue;
        }
      mutations = json_object_get_array_member (json_node_get_object (body_node), "mutations");
      if (mutations == NULL || !upload_attachments (run, mutations, error))
        return FALSE;
      if (!xarxa_sync_run_hook (run, XARXA_SYNC_HOOK_BEFORE_PUSH_SEND, run->push_count, error))
        return FALSE;

      answer = xarxa_sync_client_call (run->client, "POST", "/api/v1/push", body_node, &error_body,
                                       run->cancellable, &local_error);
      if (answer == NULL)
        {
          if (g_error_matches (local_error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_SEQUENCE_GAP) &&
              error_body != NULL && json_object_has_member (error_body, "expected_seq") &&
              realigned++ < 2)
            {
              /* The server lost or gained changes (a restore): number the
               * outbox again from where it stands. */
              gint64 expected = json_object_get_int_member (error_body, "expected_seq");

              g_debug ("Sequence gap: the server expects %" G_GINT64_FORMAT, expected);
              if (!xarxa_store_begin (store, error))
                return FALSE;
              if (!xarxa_sync_state_set_last_seq (store, MAX (expected - 1, 0), error) ||
                  !xarxa_sync_state_set_pending_batch (store, NULL, NULL, error))
                {
                  xarxa_store_rollback (store);
                  return FALSE;
                }
              if (!xarxa_store_commit (store, error))
                return FALSE;
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!xarxa_sync_run_hook (run, XARXA_SYNC_HOOK_AFTER_PUSH_SEND, run->push_count++, error))
        return FALSE;
      if (!handle_answer (run, body_node, seqs, answer, error))
        return FALSE;
      xarxa_sync_run_progress (run, "push", run->stats->pushed);
    }
}

