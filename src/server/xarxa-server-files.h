/* xarxa-server-files.h — attachments kept by SHA-256, with resumable uploads.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-server-sync.h"

G_BEGIN_DECLS

gboolean xarxa_server_hash_is_valid        (const char *hash);

/* Makes FILES_DIR and FILES_DIR/partial. */
gboolean xarxa_server_files_init           (const char  *files_dir,
                                            GError     **error);
char    *xarxa_server_files_path           (const char  *files_dir,
                                            const char  *hash);
/* Returns the size of the complete file, -1 when the server lacks it. */
gint64   xarxa_server_files_size           (const char  *files_dir,
                                            const char  *hash);
/* Returns how many bytes of a partial upload are held, 0 when none. */
gint64   xarxa_server_files_partial_size   (const char  *files_dir,
                                            const char  *hash);

/* Adds @len bytes at @start of a file of @total bytes.  Returns the HTTP
 * status to answer (200, 201) with *held set, or 0 with @failure set. */
guint    xarxa_server_files_put_chunk      (const char              *files_dir,
                                            const char              *hash,
                                            guint64                  start,
                                            guint64                  total,
                                            const guint8            *data,
                                            gsize                    len,
                                            const XarxaServerLimits *limits,
                                            guint64                 *held,
                                            XarxaServerFailure      *failure);

G_END_DECLS
