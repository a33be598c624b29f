/* xarxa-city-zone.h — the time zone of a city, from libgweather's world
 * location database (the one GNOME Clocks and Weather use).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The IANA id of the zone of @city (any case, accents optional) in the
 * country @country_code (ISO 3166-1 alpha-2), as the database names it;
 * with no city, or a city it does not hold, the country's zone when it
 * has only one.  NULL with a translated message that says what to do
 * otherwise (an unknown country, a country of several zones). */
char *xarxa_city_zone_lookup (const char  *country_code,
                              const char  *city,
                              GError     **error);

G_END_DECLS
