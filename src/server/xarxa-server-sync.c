/* xarxa-server-sync.c — limits, failures, info and pull, independent of
 * HTTP and of SQL.
 *
 * The rules written down in PROTOCOL.md live here and beside it: pages of
 * changes in version order (this file) and pushes (xarxa-server-push.c).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-server"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-json.h"
#include "xarxa-schema.h"
#include "xarxa-server-sync.h"

void
xarxa_server_limits_init_defaults (XarxaServerLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_page = 5000;
  limits->default_page = 500;
  limits->max_batch = 1000;
  limits->max_body = 16 * 1024 * 1024;
  limits->max_string = 1024 * 1024;
  limits->max_chunk = 16 * 1024 * 1024;
  limits->max_file = G_GUINT64_CONSTANT (1) << 30;
  limits->max_requests_per_minute = 0;
  limits->rate_window = 60;
  limits->retention = 0;
}

void
xarxa_server_failure_set (XarxaServerFailure *failure,
                          guint               status,
                          const char         *code,
                          const char         *extra_name,
                          gint64              extra_value,
                          const char         *format,
                          ...)
{
  va_list args;

  g_return_if_fail (failure != NULL);

  g_free (failure->message);
  failure->status = status;
  failure->code = code;
  failure->extra_name = extra_name;
  failure->extra_value = extra_value;
  va_start (args, format);
  failure->message = g_strdup_vprintf (format, args);
  va_end (args);
}

void
xarxa_server_failure_clear (XarxaServerFailure *failure)
{
  g_clear_pointer (&failure->message, g_free);
  failure->status = 0;
  failure->code = NULL;
  failure->extra_name = NULL;
  failure->extra_value = 0;
}

void
xarxa_server_failure_internal (XarxaServerFailure *failure,
                               const GError       *error)
{
  g_warning ("Database error: %s", error != NULL ? error->message : "unknown");
  xarxa_server_failure_set (failure, 500, "internal", NULL, 0, "%s",
                            error != NULL ? error->message
                                          : _("The server failed. Try again later, and tell its administrator if it goes on."));
}

gboolean
xarxa_server_read_meta (XarxaServerStore  *store,
                        gint64            *version,
                        gint64            *min_cursor,
                        char             **epoch,
                        GError           **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (XARXA_IS_SERVER_STORE (store), FALSE);
  g_return_val_if_fail (version != NULL && min_cursor != NULL, FALSE);

  *version = xarxa_server_store_get_meta_int (store, XARXA_META_VERSION, &local_error);
  if (local_error == NULL)
    *min_cursor = xarxa_server_store_get_meta_int (store, XARXA_META_MIN_CURSOR, &local_error);
  if (local_error == NULL && epoch != NULL)
    *epoch = xarxa_server_store_get_meta (store, XARXA_META_EPOCH, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

JsonObject *
xarxa_server_info (XarxaServerStore        *store,
                   const XarxaServerLimits *limits,
                   XarxaServerFailure      *failure)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *epoch = NULL;
  gint64 version, min_cursor;
  JsonObject *info, *l;

  if (!xarxa_server_read_meta (store, &version, &min_cursor, &epoch, &error))
    {
      xarxa_server_failure_internal (failure, error);
      return NULL;
    }

  info = json_object_new ();
  json_object_set_string_member (info, "server", "xarxa-server " PACKAGE_VERSION);
  json_object_set_int_member (info, "protocol_version", XARXA_PROTOCOL_VERSION);
  json_object_set_string_member (info, "epoch", epoch != NULL ? epoch : "");
  json_object_set_int_member (info, "version", version);
  json_object_set_int_member (info, "min_cursor", min_cursor);
  json_object_set_int_member (info, "retention", limits->retention);
  l = json_object_new ();
  json_object_set_int_member (l, "max_page", limits->max_page);
  json_object_set_int_member (l, "default_page", limits->default_page);
  json_object_set_int_member (l, "max_batch", limits->max_batch);
  json_object_set_int_member (l, "max_body", (gint64) limits->max_body);
  json_object_set_int_member (l, "max_string", (gint64) limits->max_string);
  json_object_set_int_member (l, "max_chunk", (gint64) limits->max_chunk);
  json_object_set_int_member (l, "max_file", (gint64) limits->max_file);
  json_object_set_int_member (l, "max_requests_per_minute", limits->max_requests_per_minute);
  json_object_set_object_member (info, "limits", l);
  return info;
}

GString *
xarxa_server_changes (XarxaServerStore        *store,
                      const XarxaServerLimits *limits,
                      gint64                   cursor,
                      guint                    limit,
                      XarxaServerFailure      *failure)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *epoch = NULL;
  gint64 version, min_cursor, next;
  gboolean has_more;
  GString *out;

  if (limit > limits->max_page)
    {
      xarxa_server_failure_set (failure, 422, "page-too-large", "limit", limits->max_page,
                                _("A page may hold at most %u changes. Ask for fewer with “limit”."),
                                limits->max_page);
      return NULL;
    }
  if (!xarxa_server_read_meta (store, &version, &min_cursor, &epoch, &error))
    {
      xarxa_server_failure_internal (failure, error);
      return NULL;
    }
  if (cursor > version)
    {
      xarxa_server_failure_set (failure, 410, "cursor-expired", "min_cursor", min_cursor,
                                _("The server has fewer changes than this device has seen: it was restored from a backup. Sync again from the start."));
      return NULL;
    }
  if (cursor > 0 && cursor < min_cursor)
    {
      xarxa_server_failure_set (failure, 410, "cursor-expired", "min_cursor", min_cursor,
                                _("This device was away for longer than the server keeps deleted records. Sync again from the start."));
      return NULL;
    }

  changes = xarxa_server_store_list_changes (store, cursor, limit + 1, &error);
  if (changes == NULL)
    {
      xarxa_server_failure_internal (failure, error);
      return NULL;
    }
  has_more = changes->len > limit;
  if (has_more)
    g_ptr_array_set_size (changes, limit);
  next = has_more ? ((XarxaServerRecord *) g_ptr_array_index (changes, changes->len - 1))->version
                  : version;

  /* The stored data is already JSON text: splice it in rather than parse
   * and print every record again. */
  out = g_string_sized_new (256 + changes->len * 256);
  g_string_append (out, "{\"epoch\":");
  xarxa_json_append_string (out, epoch != NULL ? epoch : "");
  g_string_append (out, ",\"changes\":[");
  for (guint i = 0; i < changes->len; i++)
    {
      XarxaServerRecord *r = g_ptr_array_index (changes, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"type\":");
      xarxa_json_append_string (out, r->type);
      g_string_append (out, ",\"id\":");
      xarxa_json_append_string (out, r->id);
      g_string_append_printf (out, ",\"version\":%" G_GINT64_FORMAT ",\"deleted\":%s,\"fields\":",
                              r->version, r->deleted ? "true" : "false");
      g_string_append (out, r->data);
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "],\"cursor\":%" G_GINT64_FORMAT ",\"has_more\":%s}",
                          next, has_more ? "true" : "false");
  return out;
}
