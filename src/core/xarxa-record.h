/* xarxa-record.h — one record of any type as a list shows it.
 *
 * A light GObject over the record's JsonObject (as xarxa-store.h describes
 * it), with its type, id and SQLite rowid, and a title for the rows to
 * bind to.  XarxaRecordList hands these out; a type that needs more for its
 * rows has a subclass (XarxaEntity, for the directory).  Changes are made
 * through XarxaStore, never here.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-schema.h"

G_BEGIN_DECLS

#define XARXA_TYPE_RECORD (xarxa_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (XarxaRecord, xarxa_record, XARXA, RECORD, GObject)

struct _XarxaRecordClass
{
  GObjectClass parent_class;
};

/* The item class a list of this type hands out: XarxaRecord or a subclass. */
GType        xarxa_record_item_type_for   (const char  *type_name);
/* A record of type_name read from rowid (-1 when unknown).  title is how
 * a person reads it (xarxa_record_title(), which may look at the records
 * it names), or NULL to title it from its own fields only. */
XarxaRecord *xarxa_record_new             (const char  *type_name,
                                           gint64       rowid,
                                           JsonObject  *values,
                                           const char  *title);

const char  *xarxa_record_get_type_name   (XarxaRecord *self);
const char  *xarxa_record_get_id          (XarxaRecord *self);
gint64       xarxa_record_get_rowid       (XarxaRecord *self);
JsonObject  *xarxa_record_get_values      (XarxaRecord *self);
/* The record as a person reads it, by its type's description: its title
 * field, the title of the record that field names (a cluster's member, by
 * its organisation), or the fallback field; "" when none has a value. */
const char  *xarxa_record_get_title       (XarxaRecord *self);
/* A text field's value, or NULL. */
const char  *xarxa_record_get_string      (XarxaRecord *self,
                                           const char  *field_name);

G_END_DECLS
