/* xarxa-field-row.h — one field of a record, typed as text in a form row.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_FIELD_ROW (xarxa_field_row_get_type ())
G_DECLARE_FINAL_TYPE (XarxaFieldRow, xarxa_field_row, XARXA, FIELD_ROW, AdwEntryRow)

/* Stores value (not taken) for field; FALSE with a message a person can
 * act on when it cannot. */
typedef gboolean (*XarxaFieldRowSaveFunc) (XarxaFieldRow *row,
                                           const char    *field,
                                           JsonNode      *value,
                                           gpointer       user_data,
                                           GError       **error);

GtkWidget  *xarxa_field_row_new         (const char            *record_type,
                                         const char            *field);
const char *xarxa_field_row_get_field   (XarxaFieldRow         *self);
/* With a saver, the row saves itself when applied (Enter, its apply
 * button) and when the focus leaves it changed; without, a form reads it
 * with xarxa_field_row_parse() when it saves.  user_data must outlive the
 * row. */
void        xarxa_field_row_set_saver   (XarxaFieldRow         *self,
                                         XarxaFieldRowSaveFunc  save,
                                         gpointer               user_data);
/* Shows a stored value (NULL: none), as a person reads it, and clears any
 * error mark. */
void        xarxa_field_row_set_value   (XarxaFieldRow         *self,
                                         JsonNode              *value);
/* The text read as a value of the field and checked by its description;
 * NULL with the message why not. */
JsonNode   *xarxa_field_row_parse       (XarxaFieldRow         *self,
                                         GError               **error);
/* TRUE when the text is not what was last shown or saved. */
gboolean    xarxa_field_row_get_changed (XarxaFieldRow         *self);
/* Saves the text if it changed; on failure marks the row, keeps the text
 * and returns FALSE. */
gboolean    xarxa_field_row_commit      (XarxaFieldRow         *self);
/* Marks the row invalid with message, or clears the mark (NULL). */
void        xarxa_field_row_show_error  (XarxaFieldRow         *self,
                                         const char            *message);

/* What the editors' savers share: saves @value (taken) as @field of the
 * record @id of @type_name in @store when it differs from what @record
 * holds, and @record then holds it too.  The store validates it as well,
 * but this asks first so that the error says which field is wrong.  TRUE,
 * saving nothing, while there is no store or record. */
gboolean    xarxa_field_row_save_to_record (XarxaStore  *store,
                                            const char  *type_name,
                                            const char  *id,
                                            JsonObject  *record,
                                            const char  *field,
                                            JsonNode    *value,
                                            GError     **error);

G_END_DECLS
