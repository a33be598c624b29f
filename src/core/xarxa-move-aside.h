/* xarxa-move-aside.h — moving a damaged database out of the way, never deleting it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Renames the database at path, with its -wal and -shm files when they are
 * there, to a dated name in the same folder ("xarxa.db" becomes
 * "xarxa.damaged-2026-12-06-190722.db", its write-ahead log
 * "xarxa.damaged-2026-12-06-190722.db-wal", so that SQLite still finds the
 * log beside its database).  No file is written to, overwritten or deleted:
 * a name already taken gets a number.  when: the date for the name (NULL:
 * now, local time).  Returns the new path of the database, or NULL with
 * error set, and then every file is where it was. */
char *xarxa_move_aside (const char  *path,
                        GDateTime   *when,
                        GError     **error);

G_END_DECLS
