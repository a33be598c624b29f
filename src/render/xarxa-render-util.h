/* xarxa-render-util.h — what the printed documents share: dates in the
 * user's language, choice labels, the names of the records a record
 * points to, and markup cells made safely from record text.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

/* "14 March 2027" (with the weekday: "Sunday 14 March 2027") in the
 * current language, from an ISO date (or date-time, whose date is taken);
 * a copy of @iso when it does not read as a date; NULL for NULL. */
char *xarxa_render_date          (const char  *iso,
                                  gboolean     with_weekday);
/* The same, of a date-time as it stands in its own zone. */
char *xarxa_render_date_time_day (GDateTime   *when);
/* A field's value as a person reads it (a choice's label, a country's
 * name); NULL when empty. */
char *xarxa_render_field         (const char  *type_name,
                                  JsonObject  *record,
                                  const char  *field_name);
/* The title of the live record @id of @type_name ("entity": its name,
 * "contact": the person's full name); NULL when there is none. */
char *xarxa_render_title_of      (XarxaStore  *store,
                                  const char  *type_name,
                                  const char  *id);
/* The text of @field of the live record @id of @type_name, or NULL. */
char *xarxa_render_field_of      (XarxaStore  *store,
                                  const char  *type_name,
                                  const char  *id,
                                  const char  *field_name);
/* Escaped text for a markup cell ("" for NULL). */
char *xarxa_render_escape        (const char  *text);
/* Escaped "<b>label:</b> text", or NULL when @text is empty. */
char *xarxa_render_labelled      (const char  *label,
                                  const char  *text);

G_END_DECLS
