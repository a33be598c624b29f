/* xarxa-mission-paper.h — a mission's itinerary on paper: a cover with
 * its title, destination, dates and participants; one section per day
 * with each stop's times in the destination's zone, its kind, host
 * organisation, host contact and phone, address and notes; and the
 * emergency contacts (the hosts' and the organiser's phones) at the end.
 * Participants' needs are private and never printed.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-paper.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

/* The itinerary in the current language, day and month names included.
 * NULL with an error when the mission is not there or is deleted. */
XarxaPaper *xarxa_mission_paper_new (XarxaStore  *store,
                                     const char  *mission_id,
                                     GError     **error);

G_END_DECLS
