/* xarxa-sync-client.h — HTTP calls to a xarxa-server, with retries.
 *
 * A small wrapper over a libsoup3 SoupSession that speaks the JSON of
 * src/server/PROTOCOL.md, retries network failures, 5xx and 429 with
 * exponential back-off (honouring Retry-After), and turns every error answer
 * into a GError of XARXA_SYNC_ERROR that says what to do.  A client belongs
 * to the thread that made it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define XARXA_SYNC_ERROR (xarxa_sync_error_quark ())

typedef enum
{
  XARXA_SYNC_ERROR_FAILED,
  XARXA_SYNC_ERROR_NETWORK,           /* the server cannot be reached */
  XARXA_SYNC_ERROR_WRONG_CREDENTIALS, /* user name or password wrong */
  XARXA_SYNC_ERROR_AUTH,              /* no token, or one the server does not know: log in again */
  XARXA_SYNC_ERROR_REVOKED,           /* the device was revoked: log in again */
  XARXA_SYNC_ERROR_READ_ONLY,         /* a reader tried to push */
  XARXA_SYNC_ERROR_RATE_LIMITED,      /* 429, still after every retry */
  XARXA_SYNC_ERROR_SERVER,            /* 5xx, still after every retry */
  XARXA_SYNC_ERROR_CURSOR_EXPIRED,    /* 410: handled inside the engine */
  XARXA_SYNC_ERROR_SEQUENCE_GAP,      /* 409 sequence-gap: handled inside the engine */
  XARXA_SYNC_ERROR_PROTOCOL,          /* an answer the client cannot use, or another refusal */
  XARXA_SYNC_ERROR_NOT_LOGGED_IN,     /* no server, user or token configured */
  XARXA_SYNC_ERROR_INTERRUPTED,       /* stopped by a test hook */
  XARXA_SYNC_ERROR_FILE_NOT_ON_SERVER,/* 404 for an attachment: not uploaded yet */
  XARXA_SYNC_ERROR_FILE_DAMAGED,      /* a downloaded file does not match its hash */
} XarxaSyncError;

GQuark xarxa_sync_error_quark (void);

typedef struct _XarxaSyncClient XarxaSyncClient;

XarxaSyncClient *xarxa_sync_client_new         (const char       *base_url);
void             xarxa_sync_client_free        (XarxaSyncClient  *self);
void             xarxa_sync_client_set_token   (XarxaSyncClient  *self,
                                                const char       *token);
/* @max_retries further tries after the first; waits base_ms × 2^n, at most
 * max_ms, or Retry-After when the server gives one. */
void             xarxa_sync_client_set_retries (XarxaSyncClient  *self,
                                                guint             max_retries,
                                                guint             base_ms,
                                                guint             max_ms);
/* How many times a request was tried again, and how many of those followed
 * a 429, since the client was made. */
guint            xarxa_sync_client_get_retries (XarxaSyncClient  *self);
guint            xarxa_sync_client_get_rate_limited (XarxaSyncClient *self);

/* Sends @body (or nothing) and returns the JSON object of a 2xx answer.
 * For an error answer, @error is set and, if @out_error_body is given, it
 * gets the server's JSON error object (expected_seq, offset, …). */
JsonObject      *xarxa_sync_client_call        (XarxaSyncClient  *self,
                                                const char       *method,
                                                const char       *path,
                                                JsonNode         *body,
                                                JsonObject      **out_error_body,
                                                GCancellable     *cancellable,
                                                GError          **error);
/* The same with a raw body: for file chunks. */
JsonObject      *xarxa_sync_client_call_bytes  (XarxaSyncClient  *self,
                                                const char       *method,
                                                const char       *path,
                                                GBytes           *body,
                                                const char       *content_type,
                                                const char       *content_range,
                                                guint            *out_status,
                                                JsonObject      **out_error_body,
                                                GCancellable     *cancellable,
                                                GError          **error);

/* Called after each block written by a download, with the bytes the
 * partial file holds; return FALSE to stop (XARXA_SYNC_ERROR_INTERRUPTED). */
typedef gboolean (*XarxaSyncDownloadProgress) (guint64   held,
                                               guint64   total,
                                               gpointer  user_data);

/* GETs @path into the file @partial_path, resuming with
 * "Range: bytes=N-" after the N bytes it already holds (a 200 answer
 * starts it again).  Returns TRUE when the partial file holds the whole
 * file as the server has it (not yet checked against its hash), with the
 * bytes received in *@received.  One try: the caller retries. */
gboolean         xarxa_sync_client_download    (XarxaSyncClient  *self,
                                                const char       *path,
                                                const char       *partial_path,
                                                guint64          *received,
                                                XarxaSyncDownloadProgress progress,
                                                gpointer          progress_data,
                                                GCancellable     *cancellable,
                                                GError          **error);

/* How long a request may wait for the server (120 s unless set). */
void             xarxa_sync_client_set_timeout (XarxaSyncClient  *self,
                                                guint             seconds);

/* One plain GET of /api/v1/info, no retries, to tell apart what a log-in's
 * errors do not: an address that is not one, a name not found, nothing
 * listening, a certificate that cannot be trusted, and something that is
 * not a Xarxa server.  Each is XARXA_SYNC_ERROR with a message that says
 * what to check. */
gboolean         xarxa_sync_client_probe       (XarxaSyncClient  *self,
                                                GCancellable     *cancellable,
                                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaSyncClient, xarxa_sync_client_free)

G_END_DECLS
