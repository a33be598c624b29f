/* xarxa-migrations.h — the schema of the local database, version by version.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* migrations[i] takes a database from user_version i to i + 1. */
extern const char *const xarxa_migrations[];
extern const guint xarxa_n_migrations;

G_END_DECLS
