/* sync-harness.h — a real xarxa-server and client devices, for sync tests.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xarxa-store.h"
#include "xarxa-sync-engine.h"

G_BEGIN_DECLS

#define EDITOR_PASSWORD "anna-password"
#define READER_PASSWORD "rita-password"

typedef struct
{
  char        *dir;
  char        *url;
  GSubprocess *process;
} SyncServer;

typedef struct
{
  char            *dir;
  char            *path;
  XarxaStore      *store;
  XarxaSyncEngine *engine;
} SyncDevice;

/* init + adduser anna (editor) and rita (reader) */
SyncServer *sync_server_new      (void);
void        sync_server_start    (SyncServer         *server,
                                  const char *const  *extra_args);
/* The same with one more environment variable (NULL: none). */
void        sync_server_start_env (SyncServer        *server,
                                   const char *const *extra_args,
                                   const char        *env_name,
                                   const char        *env_value);
void        sync_server_kill     (SyncServer         *server);
void        sync_server_stop     (SyncServer         *server);
void        sync_server_free     (SyncServer         *server);
/* Runs xarxa-server --data DIR ARGS…, returns its exit status. */
int         sync_server_admin    (SyncServer         *server,
                                  const char         *stdin_text,
                                  ...) G_GNUC_NULL_TERMINATED;
gint64      sync_server_version  (SyncServer         *server);

SyncDevice *sync_device_new      (SyncServer         *server,
                                  const char         *user,
                                  const char         *password);
/* A new engine on the server's current URL, same token. */
void        sync_device_reconnect (SyncDevice        *device,
                                   SyncServer        *server);
void        sync_device_free     (SyncDevice         *device);
void        sync_device_sync     (SyncDevice         *device,
                                  XarxaSyncStats     *stats);

void        sync_copy_tree       (const char         *from,
                                  const char         *to);

G_END_DECLS
