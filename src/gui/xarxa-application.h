/* xarxa-application.h — the application: command line, database, app actions.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define XARXA_TYPE_APPLICATION (xarxa_application_get_type ())
G_DECLARE_FINAL_TYPE (XarxaApplication, xarxa_application, XARXA, APPLICATION, AdwApplication)

XarxaApplication *xarxa_application_new (void);

/* The database file the application opens: --db, else $XARXA_DB, else
 * $XDG_DATA_HOME/xarxa/xarxa.db. */
const char *xarxa_application_get_db_path (XarxaApplication *self);

/* Opens the help in the help viewer; where none is installed, says so
 * and which package to install. */
void        xarxa_application_show_help   (GtkWindow        *parent);

G_END_DECLS
