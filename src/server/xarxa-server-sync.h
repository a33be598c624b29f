/* xarxa-server-sync.h — pull and push, independent of HTTP and of SQL.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-server-store.h"
#include "xarxa-validate.h"

G_BEGIN_DECLS

#define XARXA_PROTOCOL_VERSION 1
#define XARXA_MAX_ID_LENGTH 128
/* In bytes: the device's longest item of a set, in characters, each of up
 * to four bytes in UTF-8. */
#define XARXA_MAX_SET_MEMBER (4 * XARXA_MAX_SET_ITEM_CHARS)
#define XARXA_MAX_ENVELOPE_STRING 1024

typedef struct
{
  guint   max_page;
  guint   default_page;
  guint   max_batch;
  gsize   max_body;
  gsize   max_string;
  gsize   max_chunk;
  guint64 max_file;
  guint   max_requests_per_minute;   /* 0: no limit */
  guint   rate_window;               /* seconds */
  gint64  retention;                 /* versions; 0: keep tombstones for ever */
} XarxaServerLimits;

void xarxa_server_limits_init_defaults (XarxaServerLimits *limits);

/* Why a request failed, as the HTTP layer answers it. */
typedef struct
{
  guint       status;        /* 0: no failure */
  const char *code;          /* a static error code of PROTOCOL.md */
  char       *message;
  const char *extra_name;    /* a static member name, or NULL */
  gint64      extra_value;
} XarxaServerFailure;

void xarxa_server_failure_set   (XarxaServerFailure *failure,
                                 guint               status,
                                 const char         *code,
                                 const char         *extra_name,
                                 gint64              extra_value,
                                 const char         *format,
                                 ...) G_GNUC_PRINTF (6, 7);
void xarxa_server_failure_clear (XarxaServerFailure *failure);
void xarxa_server_failure_internal (XarxaServerFailure *failure,
                                    const GError       *error);

/* The dataset's version, the oldest cursor still served and, when @epoch
 * is not NULL, the epoch. */
gboolean    xarxa_server_read_meta (XarxaServerStore  *store,
                                    gint64            *version,
                                    gint64            *min_cursor,
                                    char             **epoch,
                                    GError           **error);
JsonObject *xarxa_server_info    (XarxaServerStore        *store,
                                  const XarxaServerLimits *limits,
                                  XarxaServerFailure      *failure);

/* Returns the JSON text of the answer, or NULL with @failure set. */
GString    *xarxa_server_changes (XarxaServerStore        *store,
                                  const XarxaServerLimits *limits,
                                  gint64                   cursor,
                                  guint                    limit,
                                  XarxaServerFailure      *failure);

/* Returns the JSON text of the answer, or NULL with @failure set. */
GString    *xarxa_server_push    (XarxaServerStore        *store,
                                  const XarxaServerLimits *limits,
                                  const XarxaServerDevice *device,
                                  JsonNode                *request,
                                  XarxaServerFailure      *failure);

G_END_DECLS
