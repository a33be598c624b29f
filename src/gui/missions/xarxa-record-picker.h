/* xarxa-record-picker.h — chooses one organisation or contact person from
 * the whole directory, found as you type; or takes the name typed.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_RECORD_PICKER (xarxa_record_picker_get_type ())
G_DECLARE_FINAL_TYPE (XarxaRecordPicker, xarxa_record_picker, XARXA, RECORD_PICKER, AdwWindow)

/* A modal window over @parent, titled @title, listing the records of
 * @type_name ("entity" or "contact").  It emits "picked" (the record's id)
 * and closes. */
GtkWidget *xarxa_record_picker_new             (GtkWindow  *parent,
                                                XarxaStore *store,
                                                const char *type_name,
                                                const char *title);
/* Offers the words typed as they are: a button "Add “…” by Name Only"
 * that emits "typed" (the text) and closes. */
void       xarxa_record_picker_offer_typed     (XarxaRecordPicker *self);
/* Types @text in the search, as a person would; for tests. */
void       xarxa_record_picker_search          (XarxaRecordPicker *self,
                                                const char        *text);
/* Picks the record at @position of what the search found; for tests and
 * Enter.  FALSE when there is none. */
gboolean   xarxa_record_picker_pick            (XarxaRecordPicker *self,
                                                guint              position);

G_END_DECLS
