/* xarxa-server-http.h — the HTTP face of xarxa-server (libsoup 3).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-server-store.h"
#include "xarxa-server-sync.h"

G_BEGIN_DECLS

typedef struct _XarxaServerHttp XarxaServerHttp;

XarxaServerHttp *xarxa_server_http_new    (XarxaServerStore        *store,
                                           const char              *files_dir,
                                           const XarxaServerLimits *limits);
/* Listens on @listen ("ADDR:PORT"; port 0 picks a free one), with TLS when
 * @tls_cert and @tls_key are given; returns the URL it listens on. */
char            *xarxa_server_http_listen (XarxaServerHttp         *self,
                                           const char              *listen,
                                           const char              *tls_cert,
                                           const char              *tls_key,
                                           GError                 **error);
void             xarxa_server_http_free   (XarxaServerHttp         *self);

/* A random token of 32 bytes, base64url without padding, and its SHA-256. */
char            *xarxa_server_new_token   (guint8                   hash[32]);
void             xarxa_server_hash_token  (const char              *token,
                                           guint8                   hash[32]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaServerHttp, xarxa_server_http_free)

G_END_DECLS
