/* xarxa-values.h — field values: their normal form, comparison, and how
 * they go in and out of SQLite columns.
 *
 * One module for the rules a value follows wherever it is kept: the store,
 * the sync engine and the server.  A value is a JsonNode as xarxa-store.h
 * describes it (TEXT and REF strings, INT integers, REAL doubles, BOOL
 * booleans, SET arrays of strings); empty text, an empty set and null are
 * the same empty value.  (A value from the text a person writes, and back:
 * xarxa-value.h.)
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "xarxa-schema.h"

G_BEGIN_DECLS

/* The text @record holds in @name; NULL when @record is NULL or the member
 * is missing, null or not a string.  Owned by @record. */
const char *xarxa_value_string_of     (JsonObject           *record,
                                       const char           *name);
/* Whether @node is empty: NULL, null, "", or a set with no member. */
gboolean  xarxa_value_is_empty        (JsonNode             *node);
/* Equal as field values: every empty value equals every other, numbers
 * compare by value (3 and 3.0 are equal), the rest as JSON. */
gboolean  xarxa_value_equal           (JsonNode             *a,
                                       JsonNode             *b);
/* The canonical form of @node for @field, as a new node: text trimmed,
 * empty text and empty sets null, sets sorted without repeats.  @node
 * must be of the field's kind (see xarxa_validate_field()). */
JsonNode *xarxa_value_normalize       (const XarxaFieldInfo *field,
                                       JsonNode             *node);

/* Sets are kept as the text of a sorted JSON array of unique, non-empty
 * strings; NULL when the set is empty. */
char     *xarxa_value_set_to_text     (JsonNode             *node);
/* The set a text holds; null for NULL, "" or a text that holds no array. */
JsonNode *xarxa_value_set_from_text   (const char           *text);
/* Three-way merge of a set: what @theirs holds, plus what @mine added
 * to @base, minus what @mine removed from it; sorted, null when empty. */
JsonNode *xarxa_value_merge_sets      (JsonNode             *base,
                                       JsonNode             *mine,
                                       JsonNode             *theirs);

/* Whether @node, as another device or the server sent it, holds a value of
 * the kind @field keeps (a whole number may come as 3.0).  A value that
 * does not fit is kept as empty. */
gboolean  xarxa_value_fits_field      (const XarxaFieldInfo *field,
                                       JsonNode             *node);

/* Binds a value in normal form as @field keeps it.  Text is bound without
 * a copy: @node outlives the statement's step, and the caller clears the
 * bindings. */
void      xarxa_value_bind            (sqlite3_stmt         *stmt,
                                       int                   index,
                                       const XarxaFieldInfo *field,
                                       JsonNode             *node);
/* Binds a value as another device sent it: one that does not fit the
 * field (xarxa_value_fits_field()) as NULL.  Text is bound without a copy,
 * as xarxa_value_bind() does. */
void      xarxa_value_bind_remote     (sqlite3_stmt         *stmt,
                                       int                   index,
                                       const XarxaFieldInfo *field,
                                       JsonNode             *node);
/* The value of column @col of the current row, read as @field keeps it. */
JsonNode *xarxa_value_from_column     (sqlite3_stmt         *stmt,
                                       int                   col,
                                       const XarxaFieldInfo *field);

/* A new time-ordered id (a version-7 UUID): later ids sort after earlier ones. */
char     *xarxa_new_uuid              (void);
/* The time now in UTC, ISO 8601 with milliseconds: 2026-11-25T10:00:00.123Z. */
char     *xarxa_now_iso8601           (void);
/* @text decomposed, without marks, case-folded, white space collapsed:
 * the key names are compared and sorted by. */
char     *xarxa_fold_key              (const char           *text);

G_END_DECLS
