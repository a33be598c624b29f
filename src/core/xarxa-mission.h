/* xarxa-mission.h — a mission's itinerary: its stops in order, what is
 * wrong with them, and the changes a planner makes to a whole day.
 *
 * Stop times are wall-clock times at the destination (xarxa-zone.h), in
 * the stop's own time_zone or else its mission's.  The checks the store
 * runs before a stop, a participant or a field note is written are here
 * too (the itinerary_stop, participant and field_note hooks).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

/* One stop of an itinerary as a view shows it. */
typedef struct
{
  JsonObject *record;
  char       *zone_id;   /* the stop's time_zone or its mission's; NULL: neither has one */
  GDateTime  *starts;    /* in the stop's zone (UTC when there is none); NULL: no start */
  GDateTime  *ends;      /* NULL: no end */
  /* What is wrong, one translated sentence each, and a stable code each
   * ("overlap", "outside-dates") in the same order. */
  GPtrArray  *warnings;
  GPtrArray  *warning_codes;
} XarxaMissionStop;

void        xarxa_mission_stop_free       (XarxaMissionStop *stop);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaMissionStop, xarxa_mission_stop_free)

/* The live records of @type_name ("participant", "field_note") whose
 * mission_id is @mission_id, as JsonObjects, by title. */
GPtrArray  *xarxa_mission_list_records    (XarxaStore   *store,
                                           const char   *type_name,
                                           const char   *mission_id,
                                           GError      **error);
/* The mission's stops (XarxaMissionStop), by start time (stops without
 * one last), overlapping stops and stops outside the mission's dates
 * flagged.  Accommodation is not checked for overlaps: a night at a hotel
 * holds the next morning's visits. */
GPtrArray  *xarxa_mission_list_stops      (XarxaStore   *store,
                                           const char   *mission_id,
                                           GError      **error);
/* The mission as one JSON object: its fields, "participants" (without their private needs unless @include_private),
 * "stops" in order, each with "zone" and "warnings" (objects with "code"
 * and "message"), and "field_notes" by the time written. */
JsonObject *xarxa_mission_to_json         (XarxaStore   *store,
                                           const char   *mission_id,
                                           gboolean      include_private,
                                           GError      **error);
/* Copies every stop that starts on @from_date (YYYY-MM-DD, the stop's
 * wall-clock date) to @to_date, the clock times kept, as new stops, in one
 * transaction.  Returns the new ids; NULL with an error and nothing
 * written when a copy is refused (a time that does not exist that day). */
GPtrArray  *xarxa_mission_duplicate_day   (XarxaStore   *store,
                                           const char   *mission_id,
                                           const char   *from_date,
                                           const char   *to_date,
                                           GError      **error);
/* Moves a stop to start at @starts_at (wall-clock, the stop's zone),
 * keeping how long it lasts. */
gboolean    xarxa_mission_move_stop       (XarxaStore   *store,
                                           const char   *stop_id,
                                           const char   *starts_at,
                                           GError      **error);

/* The store's checks (xarxa-store-hooks.c), before a local write:
 * @before is the record as it stands (NULL for a new one), @record as it
 * would be written. */
gboolean    xarxa_mission_check_stop        (XarxaStore  *store,
                                             JsonObject  *before,
                                             JsonObject  *record,
                                             GError     **error);
gboolean    xarxa_mission_check_participant (XarxaStore  *store,
                                             JsonObject  *before,
                                             JsonObject  *record,
                                             GError     **error);
gboolean    xarxa_mission_check_field_note  (XarxaStore  *store,
                                             JsonObject  *before,
                                             JsonObject  *record,
                                             GError     **error);

G_END_DECLS
