/* xarxa-labels.h — translated names for the stable values of enumerations.
 *
 * Shorthands over the one description in xarxa-schema.h
 * (xarxa_choice_list_label(), xarxa_field_info_get_label()).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Translated label for a stable value ("foundation" → "Fundació"), or the
 * value itself when it is not known. */
const char *xarxa_kind_label        (const char *kind);
const char *xarxa_transition_label  (const char *transition);
const char *xarxa_membership_label  (const char *membership);
/* Translated label of a field by its name alone ("short_name" → "Short
 * name"): the first type's in the schema's order that has the field, so an
 * organisation's before a contact's; the name itself when no type has it.
 * Code that knows the type reads xarxa_field_info_get_label() instead. */
const char *xarxa_field_label       (const char *field);

G_END_DECLS
