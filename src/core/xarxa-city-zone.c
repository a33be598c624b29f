/* xarxa-city-zone.c — a city's time zone from libgweather's database.
 *
 * The database is a tree: world, regions, countries, states, cities,
 * weather stations.  A city's zone is its own or its nearest parent's; a
 * country lists every zone it has.  Names are compared folded (case and
 * accents ignored), in English and in the current language, so
 * "Montreal", "Montréal" and "montreal" find the same city.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-city-zone"

#include "config.h"

#include <glib/gi18n.h>
#include <libgweather/gweather.h>

#include "xarxa-city-zone.h"
#include "xarxa-error.h"
#include "xarxa-values.h"

static gboolean
name_matches (GWeatherLocation *location,
              const char       *folded)
{
  g_autofree char *english = xarxa_fold_key (gweather_location_get_english_name (location));
  g_autofree char *local = xarxa_fold_key (gweather_location_get_name (location));

  return g_strcmp0 (english, folded) == 0 || g_strcmp0 (local, folded) == 0;
}

/* The first city under @parent, depth first, called @folded. */
static GWeatherLocation *
find_city (GWeatherLocation *parent,
           const char       *folded)
{
  g_autoptr(GWeatherLocation) child = NULL;

  while ((child = gweather_location_next_child (parent, child)) != NULL)
    {
      GWeatherLocationLevel level = gweather_location_get_level (child);
      GWeatherLocation *found;

      if (level == GWEATHER_LOCATION_CITY && name_matches (child, folded))
        return g_object_ref (child);
      if (level == GWEATHER_LOCATION_ADM1 || level == GWEATHER_LOCATION_COUNTRY)
        {
          found = find_city (child, folded);
          if (found != NULL)
            return found;
        }
    }
  return NULL;
}

char *
xarxa_city_zone_lookup (const char  *country_code,
                        const char  *city,
                        GError     **error)
{
  g_autoptr(GWeatherLocation) world = NULL;
  g_autoptr(GWeatherLocation) country = NULL;
  g_autofree char *upper = NULL;
  GTimeZone **zones;
  char *zone = NULL;
  guint n_zones = 0;

  g_return_val_if_fail (country_code != NULL, NULL);

  upper = g_ascii_strup (country_code, -1);
  world = gweather_location_get_world ();
  if (world != NULL)
    country = gweather_location_find_by_country_code (world, upper);
  if (country == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("“%s” is not a country the location database knows. Use a two-letter country code such as CA or SN."),
                   country_code);
      return NULL;
    }
  if (city != NULL && *city != '\0')
    {
      g_autofree char *folded = xarxa_fold_key (city);
      g_autoptr(GWeatherLocation) found = find_city (country, folded);

      if (found != NULL && gweather_location_get_timezone_str (found) != NULL)
        return g_strdup (gweather_location_get_timezone_str (found));
    }

  zones = gweather_location_get_timezones (country);
  while (zones != NULL && zones[n_zones] != NULL)
    n_zones++;
  if (n_zones == 1)
    zone = g_strdup (g_time_zone_get_identifier (zones[0]));
  if (zones != NULL)
    gweather_location_free_timezones (country, zones);
  if (zone != NULL)
    return zone;

  if (city != NULL && *city != '\0')
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                 _("The location database has no city called “%s” in %s, and the country has several time zones. Check the city’s name, or choose the time zone yourself."),
                 city, upper);
  else
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                 _("%s has several time zones. Give the city, or choose the time zone yourself."), upper);
  return NULL;
}
