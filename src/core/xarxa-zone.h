/* xarxa-zone.h — wall-clock times at a place, and the instants they name.
 *
 * An itinerary keeps the times people read on the clocks at the
 * destination ("2027-03-14T10:00" in America/Toronto).  These functions
 * turn such a time into an instant and back, in any zone, refusing a time
 * that a clocks change skips and, unless the caller says which, one that
 * it repeats.  Nothing here reads the process's own zone unless asked to
 * (xarxa_zone_describe_here()), so results do not depend on TZ.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which instant a repeated wall-clock time means. */
typedef enum
{
  XARXA_REPEATED_REFUSE,   /* refuse it: the caller has not chosen */
  XARXA_REPEATED_EARLIER,  /* the first, before the clocks go back */
  XARXA_REPEATED_LATER,    /* the second, after the clocks go back */
} XarxaRepeatedTime;

/* "earlier", "later" (the values of the itinerary_stop field) or NULL. */
XarxaRepeatedTime  xarxa_repeated_time_from_string (const char *text);

/* The zone of an IANA id this system knows; NULL with a translated
 * message when it is unknown. */
GTimeZone  *xarxa_zone_new              (const char        *zone_id,
                                         GError           **error);
/* The instant a wall-clock YYYY-MM-DDTHH:MM[:SS] names in @zone, as a
 * GDateTime in that zone.  A time skipped by a clocks change, or repeated
 * by one when @repeated is XARXA_REPEATED_REFUSE, fails with
 * XARXA_ERROR_INVALID and a message that says which times do exist. */
GDateTime  *xarxa_zone_wall_clock_to_instant (GTimeZone    *zone,
                                              const char   *wall_clock,
                                              XarxaRepeatedTime repeated,
                                              GError      **error);
/* The wall-clock text YYYY-MM-DDTHH:MM (with :SS when the seconds are
 * not 0) of @instant in @zone. */
char       *xarxa_zone_format_wall_clock (GDateTime        *instant,
                                          GTimeZone        *zone);
/* The same wall-clock time @days later (or earlier), the clock reading
 * kept: a 10:00 stays 10:00 across a clocks change. */
char       *xarxa_zone_shift_days        (const char       *wall_clock,
                                          int               days);
/* "10:00 in Montréal, 16:00 here": the time of @instant at the place
 * (named @place_name) and in @here; NULL when the two read the same.
 * @here NULL means this device's own zone. */
char       *xarxa_zone_describe_here     (GDateTime        *instant,
                                          const char       *place_name,
                                          GTimeZone        *here);

G_END_DECLS
