/* xarxa-server-sqlite.h — the SQLite implementation of XarxaServerStore.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-server-store.h"

G_BEGIN_DECLS

#define XARXA_SERVER_APPLICATION_ID 0x58535256 /* "XSRV" */
#define XARXA_SERVER_SCHEMA_VERSION 2

#define XARXA_TYPE_SERVER_SQLITE (xarxa_server_sqlite_get_type ())
G_DECLARE_FINAL_TYPE (XarxaServerSqlite, xarxa_server_sqlite, XARXA, SERVER_SQLITE, GObject)

/* Opens the server database at @path.  With @create, makes it when it does
 * not exist yet (and fails if it does); without, fails when it is missing. */
XarxaServerStore *xarxa_server_sqlite_open (const char  *path,
                                            gboolean     create,
                                            GError     **error);

G_END_DECLS
