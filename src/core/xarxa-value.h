/* xarxa-value.h — a field's value from the text a person writes, and back.
 *
 * The command line, the editors and the import read values from text; these
 * two functions are the one way they do it, by the field's description.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-schema.h"

G_BEGIN_DECLS

/* Turns text into a value of the field, or NULL with XARXA_ERROR_INVALID
 * and a translated message that says what is wrong and what to write
 * instead, when the text cannot be a value of the field's kind.
 *
 * - Empty text (or only spaces) is JSON null.
 * - Text is trimmed.  A closed choice also takes its label in the current
 *   language, case and accents ignored ("Fundació" → "foundation"); a
 *   country also takes its name ("Spain" → "ES").
 * - A set is split on ',' and ';', items trimmed, empty ones and
 *   duplicates dropped, sorted as the store keeps it; no item is null.
 * - Yes/no takes yes/no, true/false, 1/0, sí/si/no (any case).
 * - A number takes '.' as its decimal mark, or a ',' where that cannot be
 *   a thousands separator ("2,5" but not "2,500").
 *
 * Whether the value is acceptable (an email with an @, a known time zone)
 * is xarxa_validate_field()'s to say. */
JsonNode *xarxa_field_value_from_text (const XarxaFieldInfo *field,
                                       const char           *text,
                                       GError              **error);

/* The text of a value that xarxa_field_value_from_text() reads back into
 * the same value: a set's items joined with ", ", yes/no as "yes"/"no",
 * numbers with '.', choices and codes as their stable ids.  NULL when the
 * value is empty (null, empty text, empty set). */
char     *xarxa_field_value_to_text   (const XarxaFieldInfo *field,
                                       JsonNode             *value);

/* The value as a person reads it in the current language: choice labels,
 * country names, "Yes"/"No".  NULL when empty. */
char     *xarxa_field_value_to_display (const XarxaFieldInfo *field,
                                        JsonNode             *value);

/* Returns the record of type_name with that id (a new reference), or NULL. */
typedef JsonObject *(*XarxaRecordFetchFunc) (const char *type_name,
                                             const char *id,
                                             gpointer    user_data);

/* A record's title as a person reads it, on one line, by its type's
 * description: its title field, or the title of the record that field
 * names (a cluster's member is titled by its organisation, fetched with
 * fetch), then the type's fallback field.  Long text is cut to its first
 * line and about 80 characters.  NULL when none of them has a value. */
char     *xarxa_record_title          (const XarxaRecordType *type,
                                       JsonObject            *record,
                                       XarxaRecordFetchFunc   fetch,
                                       gpointer               user_data);
/* The same, with the record's kind and the record it belongs to when its
 * type has a parent ("Cluster member Fundació Exemple in Clúster Aigua"),
 * for places that name one record out of context, such as a conflict.
 * Just the title when the parent is not there. */
char     *xarxa_record_title_in_parent (const XarxaRecordType *type,
                                        JsonObject            *record,
                                        XarxaRecordFetchFunc   fetch,
                                        gpointer               user_data);

G_END_DECLS
