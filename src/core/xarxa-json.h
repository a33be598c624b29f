/* xarxa-json.h — a fast reader of JSON text into json-glib nodes.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define XARXA_JSON_MAX_DEPTH 64

JsonNode   *xarxa_json_parse        (const char  *data,
                                     gssize       length,
                                     GError     **error);
JsonObject *xarxa_json_parse_object (const char  *data,
                                     gssize       length,
                                     GError     **error);

/* One member of an object as written: its name between the quotes, with
 * any escapes as they are written, and its value's JSON text. */
typedef struct
{
  const char *name;
  gsize       name_len;
  gboolean    name_escaped;
  const char *value;
  gsize       value_len;
} XarxaJsonMember;

gboolean    xarxa_json_scan_object  (const char  *data,
                                     gssize       length,
                                     GArray      *members,
                                     GError     **error);

void        xarxa_json_append_string (GString    *out,
                                      const char *s);
char       *xarxa_json_node_to_text   (JsonNode   *node);
char       *xarxa_json_repair_numbers (const char *text);
void        xarxa_json_add_sql_functions (sqlite3  *db);
char       *xarxa_json_object_to_text (JsonObject *data);

G_END_DECLS
