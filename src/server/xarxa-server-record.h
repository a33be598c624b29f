/* xarxa-server-record.h — a stored record's fields, read only where a
 * mutation needs them (for xarxa-server-push.c).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A stored record's fields as a mutation sees them. */
typedef struct
{
  JsonObject *object;    /* every field, or (with members) those the mutation names */
  GArray     *members;   /* XarxaJsonMember of the stored text, or NULL */
  const char *text;      /* the stored text, with members */
} XarxaServerRecordData;

/* A stored record's fields as an object; an empty one for a text that
 * holds none. */
JsonObject *xarxa_server_record_parse        (const char            *data);
/* Reads @text (a stored record's fields) for a mutation that names
 * @fields: rd->object holds those fields. */
void        xarxa_server_record_data_open    (XarxaServerRecordData *rd,
                                              const char            *text,
                                              JsonObject            *fields);
/* The new JSON text of the record's fields, with rd->object's changes. */
char       *xarxa_server_record_data_to_text (XarxaServerRecordData *rd);
void        xarxa_server_record_data_clear   (XarxaServerRecordData *rd);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XarxaServerRecordData, xarxa_server_record_data_clear)

G_END_DECLS
