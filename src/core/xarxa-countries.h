/* xarxa-countries.h — ISO 3166-1 country and ISO 4217 currency names,
 * translated by iso-codes.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Translated name for an alpha-2 code ("ES" → "Espanya" under LANGUAGE=ca),
 * or NULL if the code is unknown.  The string lives for the process. */
const char  *xarxa_country_name        (const char *alpha2);
gboolean     xarxa_country_is_valid    (const char *alpha2);
/* Accepts a code ("es", "ES") or a name in English or the current language
 * ("Spain", "Espanya", "España", accents and case ignored); returns the
 * upper-case alpha-2 code or NULL. */
char        *xarxa_country_parse       (const char *text);
/* All codes, sorted by translated name (NULL-terminated, owned by the module). */
const char *const *xarxa_country_codes (void);

/* Whether an ISO 4217 code ("EUR", upper case) names a currency: the
 * codes for no currency and for tests (XXX, XTS) do not. */
gboolean     xarxa_currency_is_valid   (const char *alpha3);
/* All currency codes, sorted (NULL-terminated, owned by the module). */
const char *const *xarxa_currency_codes (void);
/* Translated name of a currency ("EUR" → "Euro"), or NULL if unknown. */
const char  *xarxa_currency_name       (const char *alpha3);

G_END_DECLS
