/* xarxa-mission-ics.h — a mission's itinerary as an iCalendar file.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store.h"

G_BEGIN_DECLS

/* The itinerary as iCalendar text (RFC 5545), made with libical: the
 * VTIMEZONE of every zone its stops are in, one VEVENT per stop with a
 * start in its zone, its place and address, its host and host contact in
 * the description and the participants who have an email address as
 * attendees.  Each event's UID comes from the stop's id, so a calendar
 * that imports the file again updates the events; its SEQUENCE grows with
 * every change to the stop.  The text depends on the records only (not on
 * the time or zone of the process that makes it).  NULL with an error
 * when the mission is not there. */
char *xarxa_mission_to_ics (XarxaStore  *store,
                            const char  *mission_id,
                            GError     **error);

G_END_DECLS
