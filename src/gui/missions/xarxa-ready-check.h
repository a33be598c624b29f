/* xarxa-ready-check.h — "Ready to Travel": whether this device holds
 * everything a mission needs with no connection, what to do about each
 * thing missing, and when it last synced.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_READY_CHECK (xarxa_ready_check_get_type ())
G_DECLARE_FINAL_TYPE (XarxaReadyCheck, xarxa_ready_check, XARXA, READY_CHECK, GtkBox)

/* A missing item's Fix button opens a stop or a contact person here; other
 * records (an organisation, a participant) go to the window's
 * "win.open-record", or where there is none, to the "open-record" signal
 * (type name, id) for the page around it. */
GtkWidget *xarxa_ready_check_new        (XarxaStore      *store,
                                         const char      *mission_id);
/* Checks another mission. */
void       xarxa_ready_check_set_mission_id (XarxaReadyCheck *self,
                                             const char      *mission_id);
/* Checks again now (it does by itself, at idle, after any change). */
void       xarxa_ready_check_refresh    (XarxaReadyCheck *self);
/* How many things are missing. */
guint      xarxa_ready_check_get_n_missing (XarxaReadyCheck *self);

G_END_DECLS
