/* xarxa-sync-client.c — HTTP calls to a xarxa-server, with retries.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "xarxa-json.h"
#include "xarxa-sync-client.h"

G_DEFINE_QUARK (xarxa-sync-error-quark, xarxa_sync_error)

struct _XarxaSyncClient
{
  SoupSession *session;
  char        *base_url;
  char        *token;
  guint        max_retries;
  guint        base_ms;
  guint        max_ms;
  guint        n_retries;
  guint        n_rate_limited;
};

XarxaSyncClient *
xarxa_sync_client_new (const char *base_url)
{
  XarxaSyncClient *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_new0 (XarxaSyncClient, 1);
  self->session = soup_session_new_with_options ("timeout", 120,
                                                 "user-agent", "xarxa/" PACKAGE_VERSION,
                                                 NULL);
  self->base_url = g_strdup (base_url);
  /* Keep "http://host:port/prefix" without a trailing slash. */
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->max_retries = 5;
  self->base_ms = 500;
  self->max_ms = 30000;
  return self;
}

void
xarxa_sync_client_free (XarxaSyncClient *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->token);
  g_free (self);
}

void
xarxa_sync_client_set_token (XarxaSyncClient *self,
                             const char      *token)
{
  g_return_if_fail (self != NULL);
  g_free (self->token);
  self->token = g_strdup (token);
}

void
xarxa_sync_client_set_retries (XarxaSyncClient *self,
                               guint            max_retries,
                               guint            base_ms,
                               guint            max_ms)
{
  g_return_if_fail (self != NULL);
  self->max_retries = max_retries;
  self->base_ms = MAX (base_ms, 1);
  self->max_ms = MAX (max_ms, self->base_ms);
}

guint
xarxa_sync_client_get_retries (XarxaSyncClient *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_retries;
}

guint
xarxa_sync_client_get_rate_limited (XarxaSyncClient *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rate_limited;
}

/* Waits @ms milliseconds, or less when @cancellable fires. */
static gboolean
wait_ms (guint64        ms,
         GCancellable  *cancellable,
         GError       **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (MIN (20000, MAX (1, end - g_get_monotonic_time ())));
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static JsonObject *
parse_object (GBytes *bytes)
{
  gsize len = 0;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    return NULL;
  return xarxa_json_parse_object (data, (gssize) len, NULL);
}

/* Sets @error for a non-2xx answer. */
static void
set_status_error (XarxaSyncClient *self,
                  guint            status,
                  const char      *reason,
                  JsonObject      *body,
                  GError         **error)
{
  const char *code = body != NULL ? json_object_get_string_member_with_default (body, "error", "") : "";
  const char *message = body != NULL ? json_object_get_string_member_with_default (body, "message", "") : "";

  if (status == 401 && g_strcmp0 (code, "wrong-credentials") == 0)
    g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_WRONG_CREDENTIALS,
                 _("The user name or the password is wrong. Check them and log in again."));
  else if (status == 401 && g_strcmp0 (code, "revoked-token") == 0)
    g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_REVOKED,
                 _("The server's administrator has signed this device out. Log in again with your user name and password."));
  else if (status == 401)
    g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_AUTH,
                 _("The server no longer accepts this device's sign-in. Log in again with your user name and password."));
  else if (status == 403)
    g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_READ_ONLY,
                 _("Your account may only read from this server, so your changes were not sent. Ask the server's administrator for an editor account."));
  else if (status == 410)
    g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_CURSOR_EXPIRED,
                 _("The server asks for a full sync: %s"), message);
  else if (status == 409 && g_strcmp0 (code, "sequence-gap") == 0)
    g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_SEQUENCE_GAP,
                 _("The server expected other change numbers: %s"), message);
  else if (status == 429)
    g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_RATE_LIMITED,
                 _("The server at %s is receiving too many requests. Wait a minute and sync again."),
                 self->base_url);
  else if (status >= 500)
    g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_SERVER,
                 _("The server at %s failed (%u %s). Try again later; if it goes on, tell the server's administrator."),
                 self->base_url, status, *message != '\0' ? message : reason);
  else
    g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                 _("The server refused the request (%u %s). Update Xarxa, or tell the server's administrator."),
                 status, *message != '\0' ? message : (*code != '\0' ? code : reason));
}

JsonObject *
xarxa_sync_client_call_bytes (XarxaSyncClient  *self,
                              const char       *method,
                              const char       *path,
                              GBytes           *body,
                              const char       *content_type,
                              const char       *content_range,
                              guint            *out_status,
                              JsonObject      **out_error_body,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (method != NULL && path != NULL, NULL);

  url = g_strconcat (self->base_url, path, NULL);
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(JsonObject) object = NULL;
      g_autoptr(GError) local_error = NULL;
      guint64 delay;
      guint status;

      msg = soup_message_new (method, url);
      if (msg == NULL)
        {
          g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_FAILED,
                       _("“%s” is not a valid server address. Write it like https://sync.example.org."),
                       self->base_url);
          return NULL;
        }
      if (self->token != NULL)
        {
          g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);

          soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
        }
      if (content_range != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Range", content_range);
      if (body != NULL)
        soup_message_set_request_body_from_bytes (msg, content_type != NULL ? content_type : "application/json", body);

      delay = MIN ((guint64) self->base_ms << MIN (attempt, 20u), (guint64) self->max_ms);
      answer = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
      if (answer == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
              attempt >= self->max_retries)
            {
              if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                g_propagate_error (error, g_steal_pointer (&local_error));
              else
                g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NETWORK,
                             _("The server at %s cannot be reached (%s). Check the address and the connection, then sync again."),
                             self->base_url, local_error->message);
              return NULL;
            }
          g_debug ("%s %s failed (%s), trying again in %" G_GUINT64_FORMAT " ms",
                   method, path, local_error->message, delay);
          self->n_retries++;
          if (!wait_ms (delay, cancellable, error))
            return NULL;
          continue;
        }

      status = soup_message_get_status (msg);
      if (out_status != NULL)
        *out_status = status;
      object = parse_object (answer);
      if (status >= 200 && status < 300)
        {
          if (object == NULL)
            {
              g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                           _("The server at %s answered something that is not Xarxa's protocol. Check the server address."),
                           self->base_url);
              return NULL;
            }
          return g_steal_pointer (&object);
        }

      if ((status == 429 || status >= 500) && attempt < self->max_retries)
        {
          if (status == 429)
            {
              const char *retry_after = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                      "Retry-After");
              guint64 seconds = retry_after != NULL ? g_ascii_strtoull (retry_after, NULL, 10) : 0;

              if (seconds == 0 && object != NULL)
                seconds = (guint64) json_object_get_int_member_with_default (object, "retry_after", 0);
              /* Wait at least what the server asks, never hours. */
              if (seconds > 0)
                delay = MAX (delay, MIN (seconds, 3600) * 1000);
              self->n_rate_limited++;
            }
          g_debug ("%s %s answered %u, trying again in %" G_GUINT64_FORMAT " ms", method, path, status, delay);
          self->n_retries++;
          if (!wait_ms (delay, cancellable, error))
            return NULL;
          continue;
        }

      set_status_error (self, status, soup_message_get_reason_phrase (msg), object, error);
      if (out_error_body != NULL)
        *out_error_body = g_steal_pointer (&object);
      return NULL;
    }
}

JsonObject *
xarxa_sync_client_call (XarxaSyncClient  *self,
                        const char       *method,
                        const char       *path,
                        JsonNode         *body,
                        JsonObject      **out_error_body,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (body != NULL)
    {
      gsize len = 0;
      char *text = xarxa_json_node_to_text (body);

      len = strlen (text);
      bytes = g_bytes_new_take (text, len);
    }
  return xarxa_sync_client_call_bytes (self, method, path, bytes, "application/json", NULL,
                                       NULL, out_error_body, cancellable, error);
}

static gint64
held_bytes (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return 0;
  return st.st_size;
}

gboolean
xarxa_sync_client_download (XarxaSyncClient           *self,
                            const char                *path,
                            const char                *partial_path,
                            guint64                   *received,
                            XarxaSyncDownloadProgress  progress,
                            gpointer                   progress_data,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = NULL;
  gint64 held;
  goffset start = 0, end = 0, total = -1;
  guint status;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL && partial_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *received = 0;
  url = g_strconcat (self->base_url, path, NULL);
  msg = soup_message_new ("GET", url);
  if (msg == NULL)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_FAILED,
                   _("“%s” is not a valid server address. Write it like https://sync.example.org."),
                   self->base_url);
      return FALSE;
    }
  if (self->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  held = held_bytes (partial_path);
  if (held > 0)
    {
      g_autofree char *range = g_strdup_printf ("bytes=%" G_GINT64_FORMAT "-", held);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Range", range);
    }

  in = soup_session_send (self->session, msg, cancellable, &local_error);
  if (in == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NETWORK,
                     _("The server at %s cannot be reached (%s). Check the address and the connection, then sync again."),
                     self->base_url, local_error->message);
      return FALSE;
    }
  status = soup_message_get_status (msg);
  if (status == 416)
    return TRUE;   /* it holds every byte already: the hash decides */
  if (status == 404)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_FILE_NOT_ON_SERVER,
                   _("The server does not have this file yet. It arrives once the device that added it syncs."));
      return FALSE;
    }
  if (status != 200 && status != 206)
    {
      g_autoptr(GBytes) body = g_input_stream_read_bytes (in, 65536, cancellable, NULL);
      g_autoptr(JsonObject) object = parse_object (body);

      set_status_error (self, status, soup_message_get_reason_phrase (msg), object, error);
      return FALSE;
    }

  file = g_file_new_for_path (partial_path);
  if (status == 206)
    {
      if (!soup_message_headers_get_content_range (soup_message_get_response_headers (msg), &start, &end, &total) ||
          start != held)
        {
          g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                       _("The server sent another part of the file than the one asked for. Update Xarxa, or tell the server's administrator."));
          return FALSE;
        }
      out = g_file_append_to (file, G_FILE_CREATE_PRIVATE, cancellable, error);
    }
  else
    out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
  if (out == NULL)
    return FALSE;

  buffer = g_malloc (256 * 1024);
  held = status == 206 ? held : 0;
  if (total < 0)
    total = soup_message_headers_get_content_length (soup_message_get_response_headers (msg));
  for (;;)
    {
      gssize n = g_input_stream_read (in, buffer, 256 * 1024, cancellable, &local_error);

      if (n < 0)
        {
          /* What arrived stays in the partial file for the next try. */
          g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NETWORK,
                         _("The download from %s was cut short (%s). It goes on from where it stopped at the next sync."),
                         self->base_url, local_error->message);
          return FALSE;
        }
      if (n == 0)
        break;
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buffer, (gsize) n, NULL, NULL, error) ||
          !g_output_stream_flush (G_OUTPUT_STREAM (out), NULL, error))
        return FALSE;
      held += n;
      *received += (guint64) n;
      if (progress != NULL && !progress ((guint64) held, total > 0 ? (guint64) total : 0, progress_data))
        {
          g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
          g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_INTERRUPTED,
                       "Stopped by a test hook after %" G_GINT64_FORMAT " bytes", held);
          return FALSE;
        }
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

void
xarxa_sync_client_set_timeout (XarxaSyncClient *self,
                               guint            seconds)
{
  g_return_if_fail (self != NULL);
  g_object_set (self->session, "timeout", seconds, NULL);
}

gboolean
xarxa_sync_client_probe (XarxaSyncClient  *self,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *info_url = NULL;
  const char *url;
  JsonNode *root;
  const char *data;
  gsize len = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  url = self->base_url;
  info_url = g_strconcat (url, "/api/v1/info", NULL);
  msg = soup_message_new ("GET", info_url);
  if (msg == NULL)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_FAILED,
                   _("“%s” is not a valid server address. Write it like https://xarxa.example/."), url);
      return FALSE;
    }
  body = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
  if (body == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (local_error->domain == G_TLS_ERROR)
        g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NETWORK,
                     _("The server at %s has a certificate that cannot be trusted (%s), so Xarxa did not send your password. "
                       "Check the address; if it is right, ask whoever runs the server to install a valid certificate."),
                     url, local_error->message);
      else if (local_error->domain == G_RESOLVER_ERROR)
        g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NETWORK,
                     _("The server name in %s cannot be found (%s). Check the address for typing mistakes, and your network connection."),
                     url, local_error->message);
      else
        g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NETWORK,
                     _("The server at %s cannot be reached (%s). Check the address and your network connection; the server may also be down."),
                     url, local_error->message);
      return FALSE;
    }

  parser = json_parser_new_immutable ();
  data = g_bytes_get_data (body, &len);
  if (soup_message_get_status (msg) != SOUP_STATUS_OK || len == 0 ||
      !json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "protocol_version"))
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                   _("The address %s answers, but it is not a Xarxa server. Check the address: it is the one your network’s administrator gave you."),
                   url);
      return FALSE;
    }
  return TRUE;
}
