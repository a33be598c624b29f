/* xarxa-record-title.h — what names a record for people, by its type's
 * description: its title field, or the record that field names.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store.h"

G_BEGIN_DECLS

/* The title of record: its type's title field in the current language, or,
 * when that field is a reference, the title of the record it names (a
 * cluster's member is titled by its organisation), then the type's
 * fallback field.  NULL when none has a value. */
char *xarxa_store_record_title (XarxaStore            *self,
                                const XarxaRecordType *type,
                                JsonObject            *record);

G_END_DECLS
