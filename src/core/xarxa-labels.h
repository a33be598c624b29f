/* xarxa-labels.h — translated names for the stable values of enumerations.
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
/* Translated label of a record field ("short_name" → "Short name"), or
 * the field's name when it has none. */
const char *xarxa_field_label       (const char *field);

G_END_DECLS
