/* xarxa-server-http.c — the HTTP face of xarxa-server (libsoup 3).
 *
 * An early handler runs when the headers are in: it applies the rate limit,
 * refuses bodies over the limit before reading them, and checks the token.
 * The handler then routes /api/v1/… to the sync layer, and every answer,
 * errors included, is JSON.  One line per request goes to standard error.
 * It passed 1,000 lines with the files' Range requests; the files'
 * handlers are the part to move out next.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-server"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <sodium.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-json.h"
#include "xarxa-server-files.h"
#include "xarxa-server-http.h"

#define API "/api/v1/"
#define MAX_JSON_DEPTH 64

struct _XarxaServerHttp
{
  XarxaServerStore  *store;
  char              *files_dir;
  XarxaServerLimits  limits;
  SoupServer        *server;
  GHashTable        *rate;   /* remote host → RateEntry */
};

typedef struct
{
  gint64 window_start;   /* µs, monotonic */
  guint  count;
} RateEntry;

char *
xarxa_server_new_token (guint8 hash[32])
{
  guint8 raw[32];
  char text[sodium_base64_ENCODED_LEN (32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (raw, sizeof raw);
  sodium_bin2base64 (text, sizeof text, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (raw, sizeof raw);
  xarxa_server_hash_token (text, hash);
  return g_strdup (text);
}

void
xarxa_server_hash_token (const char *token,
                         guint8      hash[32])
{
  crypto_hash_sha256 (hash, (const guint8 *) token, strlen (token));
}

/* ---- answers ---- */

static void
send_text (SoupServerMessage *msg,
           guint              status,
           char              *json,
           gsize              len)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, len);
}

static void
send_object (SoupServerMessage *msg,
             guint              status,
             JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  gsize len;
  char *text = xarxa_json_node_to_text (node);

  len = strlen (text);
  send_text (msg, status, text, len);
}

static void
send_failure (SoupServerMessage  *msg,
              XarxaServerFailure *failure)
{
  g_autoptr(JsonObject) o = json_object_new ();
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  json_object_set_string_member (o, "error", failure->code);
  json_object_set_string_member (o, "message", failure->message != NULL ? failure->message : "");
  if (failure->extra_name != NULL)
    json_object_set_int_member (o, failure->extra_name, failure->extra_value);
  if (failure->status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer realm=\"xarxa\"");
  if (failure->status == 429)
    {
      char seconds[32];

      g_snprintf (seconds, sizeof seconds, "%" G_GINT64_FORMAT, failure->extra_value);
      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  /* The rest of a refused body is not read: do not keep the connection. */
  if (failure->status == 413)
    soup_message_headers_replace (headers, "Connection", "close");
  send_object (msg, failure->status, o);
  xarxa_server_failure_clear (failure);
}

static void
fail (SoupServerMessage *msg,
      guint              status,
      const char        *code,
      const char        *message)
{
  XarxaServerFailure failure = { 0, };

  xarxa_server_failure_set (&failure, status, code, NULL, 0, "%s", message);
  send_failure (msg, &failure);
}

/* ---- reading requests ---- */

static gboolean
json_too_deep (const char *data,
               gsize       len)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return TRUE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return FALSE;
}

/* Returns the JSON object of the body, or NULL after answering 400/413. */
static JsonNode *
read_json_body (XarxaServerHttp   *self,
                SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  const char *data;
  gsize len;

  data = g_bytes_get_data (bytes, &len);
  if (len > self->limits.max_body)
    {
      XarxaServerFailure failure = { 0, };

      xarxa_server_failure_set (&failure, 413, "body-too-large", "limit", (gint64) self->limits.max_body,
                                _("The request is larger than %zu bytes. Send fewer changes at a time."),
                                self->limits.max_body);
      send_failure (msg, &failure);
      return NULL;
    }
  if (len == 0 || data == NULL || !g_utf8_validate (data, (gssize) len, NULL) ||
      memchr (data, '\0', len) != NULL)
    {
      fail (msg, 400, "malformed-json",
            _("The request body is not JSON text. Fix the client, or report the problem to its developers."));
      return NULL;
    }
  if (json_too_deep (data, len))
    {
      fail (msg, 400, "malformed-json",
            _("The request JSON is nested too deeply. Fix the client, or report the problem to its developers."));
      return NULL;
    }

  root = xarxa_json_parse (data, (gssize) len, &error);
  if (root == NULL)
    {
      XarxaServerFailure failure = { 0, };

      xarxa_server_failure_set (&failure, 400, "malformed-json", NULL, 0,
                                _("The request body is not valid JSON (%s). Fix the client, or report the problem to its developers."),
                                error->message);
      send_failure (msg, &failure);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (msg, 400, "malformed-json",
            _("The request body must be a JSON object. Fix the client, or report the problem to its developers."));
      return NULL;
    }
  return g_steal_pointer (&root);
}

static gboolean
method_is (SoupServerMessage *msg,
           const char        *method)
{
  return strcmp (soup_server_message_get_method (msg), method) == 0;
}

static void
method_not_allowed (SoupServerMessage *msg,
                    const char        *allowed)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allowed);
  fail (msg, 405, "method-not-allowed",
        _("This address does not take that method. Check the protocol document of the client."));
}

static const XarxaServerDevice *
request_device (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), "xarxa-device");
}

static gboolean
needs_token (SoupServerMessage *msg,
             const char        *path)
{
  if (strcmp (path, API "info") == 0)
    return FALSE;
  if (strcmp (path, API "session") == 0 && method_is (msg, "POST"))
    return FALSE;
  return g_str_has_prefix (path, API);
}

static gboolean
is_file_put (SoupServerMessage *msg,
             const char        *path)
{
  return method_is (msg, "PUT") && g_str_has_prefix (path, API "files/");
}

/* ---- the early handler: rate limit, body size, token ---- */

static gboolean
check_rate (XarxaServerHttp   *self,
            SoupServerMessage *msg)
{
  const char *host = soup_server_message_get_remote_host (msg);
  gint64 now = g_get_monotonic_time ();
  gint64 window = (gint64) self->limits.rate_window * G_USEC_PER_SEC;
  RateEntry *entry;

  if (self->limits.max_requests_per_minute == 0)
    return TRUE;
  if (host == NULL)
    host = "";
  entry = g_hash_table_lookup (self->rate, host);
  if (entry == NULL)
    {
      entry = g_new0 (RateEntry, 1);
      entry->window_start = now;
      g_hash_table_insert (self->rate, g_strdup (host), entry);
    }
  if (now - entry->window_start >= window)
    {
      entry->window_start = now;
      entry->count = 0;
    }
  if (++entry->count > self->limits.max_requests_per_minute)
    {
      XarxaServerFailure failure = { 0, };
      gint64 wait = (entry->window_start + window - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

      xarxa_server_failure_set (&failure, 429, "rate-limited", "retry_after", MAX (wait, 1),
                                _("Too many requests. Wait %lld seconds, then try again."),
                                (long long) MAX (wait, 1));
      send_failure (msg, &failure);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_token (XarxaServerHttp   *self,
             SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autoptr(XarxaServerDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  const char *token;
  guint8 hash[32];

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    {
      fail (msg, 401, "missing-token",
            _("This request needs a device token. Log in to the server first."));
      return FALSE;
    }
  token = header + 7;
  while (*token == ' ')
    token++;
  if (*token == '\0' || strlen (token) > 256)
    {
      fail (msg, 401, "invalid-token", _("The server does not know this device token. Log in again."));
      return FALSE;
    }
  xarxa_server_hash_token (token, hash);
  if (!xarxa_server_store_lookup_token (self->store, hash, sizeof hash, &device, &error))
    {
      XarxaServerFailure failure = { 0, };

      xarxa_server_failure_internal (&failure, error);
      send_failure (msg, &failure);
      return FALSE;
    }
  if (device == NULL)
    {
      fail (msg, 401, "invalid-token", _("The server does not know this device token. Log in again."));
      return FALSE;
    }
  g_object_set_data_full (G_OBJECT (msg), "xarxa-user", g_strdup (device->user), g_free);
  if (device->revoked)
    {
      fail (msg, 401, "revoked-token",
            _("The access of this device was revoked. Log in again, or ask the server administrator."));
      return FALSE;
    }
  g_object_set_data_full (G_OBJECT (msg), "xarxa-device", g_steal_pointer (&device),
                          (GDestroyNotify) xarxa_server_device_free);
  return TRUE;
}

static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  XarxaServerHttp *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (!check_rate (self, msg))
    return;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      goffset length = soup_message_headers_get_content_length (headers);
      gsize limit = is_file_put (msg, path) ? self->limits.max_chunk : self->limits.max_body;

      if (length > 0 && (guint64) length > limit)
        {
          XarxaServerFailure failure = { 0, };

          xarxa_server_failure_set (&failure, 413, "body-too-large", "limit", (gint64) limit,
                                    _("The request is larger than %zu bytes. Send less at a time."),
                                    limit);
          send_failure (msg, &failure);
          return;
        }
    }

  if (needs_token (msg, path))
    check_token (self, msg);
}

/* ---- endpoints ---- */

static void
handle_info (XarxaServerHttp   *self,
             SoupServerMessage *msg)
{
  XarxaServerFailure failure = { 0, };
  g_autoptr(JsonObject) info = NULL;

  if (!method_is (msg, "GET"))
    return method_not_allowed (msg, "GET");
  info = xarxa_server_info (self->store, &self->limits, &failure);
  if (info == NULL)
    return send_failure (msg, &failure);
  send_object (msg, 200, info);
}

static const char *
optional_string (JsonObject *o,
                 const char *member,
                 gsize       max_len,
                 gboolean   *ok)
{
  JsonNode *n = json_object_get_member (o, member);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING ||
      strlen (json_node_get_string (n)) > max_len)
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (n);
}

static void
handle_login (XarxaServerHttp   *self,
              SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = read_json_body (self, msg);
  g_autoptr(XarxaServerUser) user = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *new_id = NULL;
  const char *name, *password, *device_name, *device_id;
  gboolean ok = TRUE, opened = FALSE;
  gint64 last_seq = 0;
  guint8 hash[32];
  JsonObject *o;

  if (root == NULL)
    return;
  o = json_node_get_object (root);
  name = optional_string (o, "user", 256, &ok);
  password = optional_string (o, "password", 4096, &ok);
  device_name = optional_string (o, "device", 256, &ok);
  device_id = optional_string (o, "device_id", 256, &ok);
  if (!ok || name == NULL || password == NULL)
    return fail (msg, 400, "invalid-request",
                 _("Logging in needs “user” and “password” as text. Fix the client, or report the problem to its developers."));

  if (!xarxa_server_store_get_user (self->store, name, &user, &error))
    goto db_failed;
  if (user == NULL ||
      crypto_pwhash_str_verify (user->password_hash, password, strlen (password)) != 0)
    {
      g_object_set_data_full (G_OBJECT (msg), "xarxa-user", g_strdup (name), g_free);
      return fail (msg, 401, "wrong-credentials",
                   _("The user name or the password is wrong. Check them, or ask the server administrator."));
    }
  g_object_set_data_full (G_OBJECT (msg), "xarxa-user", g_strdup (user->name), g_free);

  token = xarxa_server_new_token (hash);
  if (!xarxa_server_store_begin (self->store, &error))
    goto db_failed;
  if (device_id != NULL &&
      !xarxa_server_store_open_device (self->store, user->id, device_id, device_name,
                                       hash, sizeof hash, &opened, &last_seq, &error))
    goto rollback;
  if (!opened)
    {
      device_id = new_id = g_uuid_string_random ();
      if (!xarxa_server_store_open_device (self->store, user->id, device_id, device_name,
                                           hash, sizeof hash, &opened, &last_seq, &error))
        goto rollback;
    }
  if (!xarxa_server_store_commit (self->store, &error))
    goto db_failed;

  answer = json_object_new ();
  json_object_set_string_member (answer, "token", token);
  json_object_set_string_member (answer, "device_id", device_id);
  json_object_set_int_member (answer, "last_seq", last_seq);
  json_object_set_string_member (answer, "user", user->name);
  json_object_set_string_member (answer, "role", xarxa_role_to_string (user->role));
  sodium_memzero (token, strlen (token));
  return send_object (msg, 200, answer);

rollback:
  xarxa_server_store_rollback (self->store);
db_failed:
  {
    XarxaServerFailure failure = { 0, };

    xarxa_server_failure_internal (&failure, error);
    send_failure (msg, &failure);
  }
}

static void
handle_session (XarxaServerHttp   *self,
                SoupServerMessage *msg)
{
  if (method_is (msg, "POST"))
    return handle_login (self, msg);
  if (method_is (msg, "DELETE"))
    {
      g_autoptr(JsonObject) answer = json_object_new ();
      g_autoptr(GError) error = NULL;

      if (!xarxa_server_store_revoke_device (self->store, request_device (msg)->device_id, &error))
        {
          XarxaServerFailure failure = { 0, };

          xarxa_server_failure_internal (&failure, error);
          return send_failure (msg, &failure);
        }
      json_object_set_boolean_member (answer, "revoked", TRUE);
      return send_object (msg, 200, answer);
    }
  method_not_allowed (msg, "POST, DELETE");
}

static gboolean
query_int (GHashTable *query,
           const char *name,
           gint64      fallback,
           gint64      min,
           gint64     *out)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  guint64 value;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, (guint64) min, G_MAXINT64, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static void
handle_changes (XarxaServerHttp   *self,
                SoupServerMessage *msg,
                GHashTable        *query)
{
  XarxaServerFailure failure = { 0, };
  gint64 cursor, limit;
  GString *out;
  gsize len;

  if (!method_is (msg, "GET"))
    return method_not_allowed (msg, "GET");
  if (!query_int (query, "cursor", 0, 0, &cursor))
    return fail (msg, 400, "invalid-cursor",
                 _("“cursor” must be a whole number of 0 or more. Sync again from the start."));
  if (!query_int (query, "limit", self->limits.default_page, 1, &limit))
    return fail (msg, 400, "invalid-limit",
                 _("“limit” must be a whole number of 1 or more. Fix the client."));
  if (limit > self->limits.max_page)
    limit = (gint64) self->limits.max_page + 1;   /* refused below */

  out = xarxa_server_changes (self->store, &self->limits, cursor, (guint) limit, &failure);
  if (out == NULL)
    return send_failure (msg, &failure);
  len = out->len;
  send_text (msg, 200, g_string_free (out, FALSE), len);
}

static void
handle_push (XarxaServerHttp   *self,
             SoupServerMessage *msg)
{
  const XarxaServerDevice *device = request_device (msg);
  XarxaServerFailure failure = { 0, };
  g_autoptr(JsonNode) root = NULL;
  GString *answer;
  gsize len;

  if (!method_is (msg, "POST"))
    return method_not_allowed (msg, "POST");
  if (device->role == XARXA_ROLE_READER)
    return fail (msg, 403, "read-only",
                 _("This account may only read. Ask the server administrator for an editor account to send changes."));
  root = read_json_body (self, msg);
  if (root == NULL)
    return;
  answer = xarxa_server_push (self->store, &self->limits, device, root, &failure);
  if (answer == NULL)
    return send_failure (msg, &failure);
  len = answer->len;
  send_text (msg, 200, g_string_free (answer, FALSE), len);
}

static void
handle_files_missing (XarxaServerHttp   *self,
                      SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *hashes, *missing;
  JsonObject *partial;
  JsonNode *n;

  if (!method_is (msg, "POST"))
    return method_not_allowed (msg, "POST");
  root = read_json_body (self, msg);
  if (root == NULL)
    return;
  n = json_object_get_member (json_node_get_object (root), "hashes");
  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return fail (msg, 400, "invalid-request",
                 _("“hashes” must be a list of SHA-256 hashes. Fix the client."));
  hashes = json_node_get_array (n);
  if (json_array_get_length (hashes) > self->limits.max_batch)
    {
      XarxaServerFailure failure = { 0, };

      xarxa_server_failure_set (&failure, 422, "batch-too-large", "limit", self->limits.max_batch,
                                _("Ask about at most %u files at a time."), self->limits.max_batch);
      return send_failure (msg, &failure);
    }

  missing = json_array_new ();
  partial = json_object_new ();
  answer = json_object_new ();
  json_object_set_array_member (answer, "missing", missing);
  json_object_set_object_member (answer, "partial", partial);
  for (guint i = 0; i < json_array_get_length (hashes); i++)
    {
      JsonNode *e = json_array_get_element (hashes, i);
      const char *hash;
      gint64 held;

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING ||
          !xarxa_server_hash_is_valid (json_node_get_string (e)))
        return fail (msg, 400, "invalid-hash",
                     _("A file hash must be 64 lower-case hexadecimal digits (SHA-256). Fix the client."));
      hash = json_node_get_string (e);
      if (xarxa_server_files_size (self->files_dir, hash) >= 0)
        continue;
      json_array_add_string_element (missing, hash);
      held = xarxa_server_files_partial_size (self->files_dir, hash);
      if (held > 0)
        json_object_set_int_member (partial, hash, held);
    }
  send_object (msg, 200, answer);
}

/* "bytes START-END/TOTAL" or "bytes * /TOTAL" (without the space). */
static gboolean
parse_content_range (const char *text,
                     gboolean   *query_only,
                     guint64    *start,
                     guint64    *end,
                     guint64    *total)
{
  g_auto(GStrv) halves = NULL;
  g_auto(GStrv) ends = NULL;

  if (!g_str_has_prefix (text, "bytes "))
    return FALSE;
  halves = g_strsplit (text + 6, "/", 2);
  if (g_strv_length (halves) != 2 ||
      !g_ascii_string_to_unsigned (halves[1], 10, 0, G_MAXINT64, total, NULL))
    return FALSE;
  if (strcmp (halves[0], "*") == 0)
    {
      *query_only = TRUE;
      return TRUE;
    }
  *query_only = FALSE;
  ends = g_strsplit (halves[0], "-", 2);
  return g_strv_length (ends) == 2 &&
         g_ascii_string_to_unsigned (ends[0], 10, 0, G_MAXINT64, start, NULL) &&
         g_ascii_string_to_unsigned (ends[1], 10, 0, G_MAXINT64, end, NULL) &&
         *start <= *end && *end < *total;
}

static void
handle_file_put (XarxaServerHttp   *self,
                 SoupServerMessage *msg,
                 const char        *hash)
{
  const XarxaServerDevice *device = request_device (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *range = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "Content-Range");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) answer = NULL;
  XarxaServerFailure failure = { 0, };
  gboolean query_only = FALSE;
  guint64 start = 0, end = 0, total, held = 0;
  const guint8 *data;
  gsize len;
  guint status;

  if (device->role == XARXA_ROLE_READER)
    return fail (msg, 403, "read-only",
                 _("This account may only read. Ask the server administrator for an editor account to upload files."));
  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &len);
  if (len > self->limits.max_chunk)
    {
      xarxa_server_failure_set (&failure, 413, "body-too-large", "limit", (gint64) self->limits.max_chunk,
                                _("A file chunk may be at most %zu bytes. Upload the file in smaller parts."),
                                self->limits.max_chunk);
      return send_failure (msg, &failure);
    }

  total = len;
  if (range != NULL)
    {
      if (!parse_content_range (range, &query_only, &start, &end, &total) ||
          (query_only && len != 0) || (!query_only && end - start + 1 != len))
        return fail (msg, 400, "invalid-range",
                     _("The Content-Range header is wrong: it must be “bytes START-END/TOTAL” and match the body. Fix the client."));
    }

  if (query_only)
    {
      gint64 size = xarxa_server_files_size (self->files_dir, hash);

      answer = json_object_new ();
      json_object_set_boolean_member (answer, "complete", size >= 0);
      if (size >= 0)
        json_object_set_int_member (answer, "size", size);
      else
        json_object_set_int_member (answer, "offset", xarxa_server_files_partial_size (self->files_dir, hash));
      return send_object (msg, 200, answer);
    }

  status = xarxa_server_files_put_chunk (self->files_dir, hash, start, total, data, len,
                                         &self->limits, &held, &failure);
  if (status == 0)
    return send_failure (msg, &failure);

  answer = json_object_new ();
  if (status == 201 || held >= total || xarxa_server_files_size (self->files_dir, hash) >= 0)
    {
      json_object_set_boolean_member (answer, "complete", TRUE);
      json_object_set_int_member (answer, "size", (gint64) held);
    }
  else
    {
      json_object_set_boolean_member (answer, "complete", FALSE);
      json_object_set_int_member (answer, "offset", (gint64) held);
    }
  send_object (msg, status, answer);
}

/* "bytes=START-" or "bytes=START-END" (END inclusive): one range, enough
 * to resume a download; *@end is left alone when the range is open. */
static gboolean
parse_range (const char *text,
             guint64    *start,
             guint64    *end)
{
  g_auto(GStrv) ends = NULL;

  while (*text == ' ')
    text++;
  if (!g_str_has_prefix (text, "bytes=") || strchr (text, ',') != NULL)
    return FALSE;
  ends = g_strsplit (text + 6, "-", 2);
  if (g_strv_length (ends) != 2 || !g_ascii_string_to_unsigned (ends[0], 10, 0, G_MAXINT64, start, NULL))
    return FALSE;
  if (*ends[1] == '\0')
    return TRUE;
  return g_ascii_string_to_unsigned (ends[1], 10, 0, G_MAXINT64, end, NULL) && *start <= *end;
}

static void
handle_file_get (XarxaServerHttp   *self,
                 SoupServerMessage *msg,
                 const char        *hash)
{
  g_autofree char *path = xarxa_server_files_path (self->files_dir, hash);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers;
  const char *range;
  gsize size;

  if (xarxa_server_files_size (self->files_dir, hash) < 0 ||
      (mapped = g_mapped_file_new (path, FALSE, NULL)) == NULL)
    return fail (msg, 404, "not-found",
                 _("The server does not have this file. Upload it from the device that has it."));
  bytes = g_mapped_file_get_bytes (mapped);
  size = g_bytes_get_size (bytes);
  headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");

  range = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Range");
  if (range != NULL)
    {
      guint64 start = 0, end = size > 0 ? size - 1 : 0;

      if (!parse_range (range, &start, &end))
        return fail (msg, 400, "invalid-range",
                     _("The Range header is wrong: it must be “bytes=START-” or “bytes=START-END”. Fix the client."));
      if (start >= size)
        {
          XarxaServerFailure failure = { 0, };
          g_autofree char *unsatisfied = g_strdup_printf ("bytes */%" G_GSIZE_FORMAT, size);

          soup_message_headers_replace (headers, "Content-Range", unsatisfied);
          xarxa_server_failure_set (&failure, 416, "invalid-range", "size", (gint64) size,
                                    _("The file has only %llu bytes. Ask for a range inside it, or for the whole file."),
                                    (unsigned long long) size);
          return send_failure (msg, &failure);
        }
      end = MIN (end, size - 1);
      soup_server_message_set_status (msg, 206, NULL);
      soup_message_headers_set_content_range (headers, (goffset) start, (goffset) end, (goffset) size);
      soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
      {
        g_autoptr(GBytes) part = g_bytes_new_from_bytes (bytes, start, end - start + 1);

        soup_message_body_append_bytes (soup_server_message_get_response_body (msg), part);
      }
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

static void
handle_file (XarxaServerHttp   *self,
             SoupServerMessage *msg,
             const char        *hash)
{
  if (!xarxa_server_hash_is_valid (hash))
    return fail (msg, 400, "invalid-hash",
                 _("A file hash must be 64 lower-case hexadecimal digits (SHA-256). Fix the client."));
  if (method_is (msg, "PUT"))
    return handle_file_put (self, msg, hash);
  if (method_is (msg, "GET"))
    return handle_file_get (self, msg, hash);
  method_not_allowed (msg, "GET, PUT");
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  XarxaServerHttp *self = user_data;

  if (needs_token (msg, path) && request_device (msg) == NULL)
    return fail (msg, 401, "missing-token",
                 _("This request needs a device token. Log in to the server first."));

  if (strcmp (path, API "info") == 0)
    handle_info (self, msg);
  else if (strcmp (path, API "session") == 0)
    handle_session (self, msg);
  else if (strcmp (path, API "changes") == 0)
    handle_changes (self, msg, query);
  else if (strcmp (path, API "push") == 0)
    handle_push (self, msg);
  else if (strcmp (path, API "files/missing") == 0)
    handle_files_missing (self, msg);
  else if (g_str_has_prefix (path, API "files/"))
    handle_file (self, msg, path + strlen (API "files/"));
  else
    fail (msg, 404, "not-found",
          _("There is nothing at this address. Check the server URL: it should end before “/api/v1”."));
}

/* ---- logging ---- */

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  gint64 *start = g_new (gint64, 1);

  *start = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), "xarxa-start", start, g_free);
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  gint64 *start = g_object_get_data (G_OBJECT (msg), "xarxa-start");
  const char *user = g_object_get_data (G_OBJECT (msg), "xarxa-user");
  GUri *uri = soup_server_message_get_uri (msg);
  double ms = start != NULL ? (g_get_monotonic_time () - *start) / 1000.0 : 0.0;

  g_printerr ("%s %s %u %.1fms %s\n",
              soup_server_message_get_method (msg),
              uri != NULL ? g_uri_get_path (uri) : "-",
              soup_server_message_get_status (msg),
              ms, user != NULL ? user : "-");
}

/* ---- life ---- */

XarxaServerHttp *
xarxa_server_http_new (XarxaServerStore        *store,
                       const char              *files_dir,
                       const XarxaServerLimits *limits)
{
  XarxaServerHttp *self;

  g_return_val_if_fail (XARXA_IS_SERVER_STORE (store), NULL);
  g_return_val_if_fail (files_dir != NULL && limits != NULL, NULL);

  self = g_new0 (XarxaServerHttp, 1);
  self->store = g_object_ref (store);
  self->files_dir = g_strdup (files_dir);
  self->limits = *limits;
  self->rate = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

char *
xarxa_server_http_listen (XarxaServerHttp  *self,
                          const char       *listen,
                          const char       *tls_cert,
                          const char       *tls_key,
                          GError          **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autofree char *host = NULL;
  const char *colon;
  guint64 port;
  GSList *uris;
  char *url;

  g_return_val_if_fail (self != NULL && self->server == NULL, NULL);
  g_return_val_if_fail (listen != NULL, NULL);

  colon = strrchr (listen, ':');
  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not an address and port. Write it like 127.0.0.1:8080 or [::1]:8080."), listen);
      return NULL;
    }
  host = g_strndup (listen, colon - listen);
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);

      g_free (host);
      host = inner;
    }
  if (strcmp (host, "localhost") == 0)
    {
      g_free (host);
      host = g_strdup ("127.0.0.1");
    }
  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not an IP address. Write it like 127.0.0.1, 0.0.0.0 or [::1]."), host);
      return NULL;
    }

  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("TLS needs both --tls-cert and --tls-key. Give both, or neither."));
      return NULL;
    }
  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, error);
      if (certificate == NULL)
        return NULL;
    }

  self->server = soup_server_new ("server-header", "xarxa-server/" PACKAGE_VERSION " ",
                                  "tls-certificate", certificate,
                                  NULL);
  soup_server_add_early_handler (self->server, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (request_started_cb), self);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (request_finished_cb), self);

  socket_address = g_inet_socket_address_new (address, (guint16) port);
  if (!soup_server_listen (self->server, socket_address,
                           certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  url = uris != NULL ? g_uri_to_string (uris->data) : g_strdup ("");
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  return url;
}

void
xarxa_server_http_free (XarxaServerHttp *self)
{
  if (self == NULL)
    return;
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  g_clear_object (&self->store);
  g_clear_pointer (&self->rate, g_hash_table_unref);
  g_free (self->files_dir);
  g_free (self);
}
