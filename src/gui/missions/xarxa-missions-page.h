/* xarxa-missions-page.h — the Missions view: missions under way, upcoming
 * and past, search, filters, and a mission's page edited in place.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_MISSIONS_PAGE (xarxa_missions_page_get_type ())
G_DECLARE_FINAL_TYPE (XarxaMissionsPage, xarxa_missions_page, XARXA, MISSIONS_PAGE, AdwBin)

/* The list as shown, grouped and in order: XarxaRecords. */
GListModel *xarxa_missions_page_get_model      (XarxaMissionsPage *self);
/* Shows the mission (NULL: none) and selects it in the list. */
void        xarxa_missions_page_open_mission   (XarxaMissionsPage *self,
                                                const char        *id);
/* Opens the mission of the itinerary stop @stop_id with that stop's day
 * unfolded and its row focused (a search hit). */
void        xarxa_missions_page_open_stop      (XarxaMissionsPage *self,
                                                const char        *stop_id);
const char *xarxa_missions_page_get_shown_id   (XarxaMissionsPage *self);
/* Creates a mission called @title and opens it; its id, or NULL (a toast
 * says why). */
char       *xarxa_missions_page_create_mission (XarxaMissionsPage *self,
                                                const char        *title);
/* Asks for a new mission's title. */
void        xarxa_missions_page_new_mission    (XarxaMissionsPage *self);
/* Deletes the mission shown, with Undo in a toast. */
void        xarxa_missions_page_delete_current (XarxaMissionsPage *self);
/* The heading the list shows above the mission at @position, or NULL:
 * "Under Way", "Upcoming", "Past" above the first of each group. */
const char *xarxa_missions_page_heading_at     (XarxaMissionsPage *self,
                                                guint              position);

G_END_DECLS
