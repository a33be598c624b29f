/* xarxa-mission-row.h — one mission in the Missions list, with the heading
 * of its group (Under Way, Upcoming, Past) when it is the first of it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-record.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

/* "Montréal, Canada": the city and the translated country, or NULL. */
char             *xarxa_mission_destination    (JsonObject *mission);
/* "14 Mar 2027 – 20 Mar 2027", one date, or NULL. */
char             *xarxa_mission_dates          (JsonObject *mission);

#define XARXA_TYPE_MISSION_ROW (xarxa_mission_row_get_type ())
G_DECLARE_FINAL_TYPE (XarxaMissionRow, xarxa_mission_row, XARXA, MISSION_ROW, GtkWidget)

GtkWidget  *xarxa_mission_row_new         (void);
/* Shows @mission (NULL: nothing), with its group's heading above it when
 * @heading. */
void        xarxa_mission_row_set_mission (XarxaMissionRow *self,
                                           XarxaStore      *store,
                                           XarxaRecord     *mission,
                                           const char      *today,
                                           gboolean         heading);
/* Reads the participants again. */
void        xarxa_mission_row_refresh     (XarxaMissionRow *self);
/* The heading shown above the row, or NULL; for tests. */
const char *xarxa_mission_row_get_heading (XarxaMissionRow *self);

G_END_DECLS
