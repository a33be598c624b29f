/* xarxa-validate.h — what makes a field value acceptable.
 *
 * The store calls these before every write; the UI calls them as the user
 * types, to mark a field with the same message the store would give.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-schema.h"

G_BEGIN_DECLS

/* The longest tag, language or other item of a set, in characters.  The
 * server takes up to four bytes for each (xarxa-server-sync.h). */
#define XARXA_MAX_SET_ITEM_CHARS 200

/* Checks one value of a field of a record type.  On failure sets
 * XARXA_ERROR_INVALID with a translated message that names what is wrong and
 * what to do ("The email address needs an @ and a domain, like
 * name@example.org."). A NULL or null value means "empty". */
gboolean xarxa_validate_field  (const XarxaRecordType *type,
                                const char            *field,
                                JsonNode              *value,
                                GError               **error);
/* Checks the fields that must be present (an entity's name, a contact's
 * full name…) in a whole record. */
gboolean xarxa_validate_record (const XarxaRecordType *type,
                                JsonObject            *record,
                                GError               **error);

gboolean xarxa_validate_email  (const char *text);
gboolean xarxa_validate_url    (const char *text);
gboolean xarxa_validate_phone  (const char *text);
gboolean xarxa_validate_date   (const char *text);   /* YYYY-MM-DD */
/* A local wall-clock YYYY-MM-DDTHH:MM[:SS] with no offset. */
gboolean xarxa_validate_date_time (const char *text);
/* An IANA time-zone id this system's zone database knows ("Europe/Madrid"). */
gboolean xarxa_validate_time_zone (const char *id);

G_END_DECLS
