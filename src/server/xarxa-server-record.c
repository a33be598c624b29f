/* xarxa-server-record.c — a stored record's fields, read only where a
 * mutation needs them.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-server"

#include "config.h"

#include <string.h>

#include "xarxa-json.h"
#include "xarxa-server-record.h"

JsonObject *
xarxa_server_record_parse (const char *data)
{
  g_autoptr(JsonNode) node = NULL;

  if (data == NULL)
    return json_object_new ();
  node = xarxa_json_parse (data, -1, NULL);
  if (node == NULL)
    {
      /* A text json-glib wrote with 2e+20.0 in it (the upgrade to schema
       * version 2 repairs those; this covers one written back since). */
      g_autofree char *fixed = xarxa_json_repair_numbers (data);

      if (fixed != NULL)
        node = xarxa_json_parse (fixed, -1, NULL);
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();
  return json_object_ref (json_node_get_object (node));
}


/*
 * A mutation reads and writes only the fields it names, so rather than
 * parse a record's whole JSON text into objects and print it all again,
 * the text is checked and cut into members once, the named members alone
 * are parsed, and the new text is spliced from the untouched members'
 * text and the changed members.  The check accepts exactly what
 * xarxa_json_parse() accepts; any text it does not take (not an object,
 * escaped or repeated member names) goes the old way, parsed whole. */

/* Cuts @text into @members (core's scan: it accepts exactly what
 * xarxa_json_parse() accepts); FALSE when it is not one object, or when a
 * member name holds an escape and @escapes is FALSE. */
static gboolean
scan_members (const char *text,
              gsize       len,
              gboolean    escapes,
              GArray     *members)
{
  if (!xarxa_json_scan_object (text, (gssize) len, members, NULL))
    return FALSE;
  for (guint i = 0; !escapes && i < members->len; i++)
    if (g_array_index (members, XarxaJsonMember, i).name_escaped)
      return FALSE;
  return TRUE;
}

void
xarxa_server_record_data_clear (XarxaServerRecordData *rd)
{
  g_return_if_fail (rd != NULL);

  g_clear_pointer (&rd->object, json_object_unref);
  g_clear_pointer (&rd->members, g_array_unref);
  rd->text = NULL;
}

void
xarxa_server_record_data_open (XarxaServerRecordData *rd,
                               const char            *text,
                               JsonObject            *fields)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_if_fail (rd != NULL && text != NULL && fields != NULL);

  rd->object = NULL;
  rd->text = text;
  rd->members = g_array_sized_new (FALSE, FALSE, sizeof (XarxaJsonMember), 32);
  if (!scan_members (text, strlen (text), FALSE, rd->members))
    goto whole;

  rd->object = json_object_new ();
  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &value))
    {
      const XarxaJsonMember *found = NULL;
      gsize len = strlen (name);
      JsonNode *node;

      for (guint i = 0; i < rd->members->len; i++)
        {
          const XarxaJsonMember *m = &g_array_index (rd->members, XarxaJsonMember, i);

          if (m->name_len == len && memcmp (m->name, name, len) == 0)
            {
              if (found != NULL)
                goto whole;   /* a repeated name: the reader keeps the last */
              found = m;
            }
        }
      if (found == NULL)
        continue;
      node = xarxa_json_parse (found->value, (gssize) found->value_len, NULL);
      if (node == NULL)
        goto whole;
      json_object_set_member (rd->object, name, node);
    }
  return;

whole:
  xarxa_server_record_data_clear (rd);
  rd->object = xarxa_server_record_parse (text);
}

static char *
append_member (char                  *out,
               const XarxaJsonMember *name,
               const XarxaJsonMember *value)
{
  *out++ = '"';
  memcpy (out, name->name, name->name_len);
  out += name->name_len;
  *out++ = '"';
  *out++ = ':';
  memcpy (out, value->value, value->value_len);
  return out + value->value_len;
}

char *
xarxa_server_record_data_to_text (XarxaServerRecordData *rd)
{
  g_autofree char *changed = NULL;
  g_autoptr(GArray) spliced = NULL;
  g_autofree guint8 *used = NULL;
  gsize size = 16;
  char *text, *out;

  g_return_val_if_fail (rd != NULL && rd->object != NULL, NULL);

  changed = xarxa_json_object_to_text (rd->object);
  if (rd->members == NULL)
    return g_steal_pointer (&changed);

  /* The members the mutation holds, as text.  (The writer's text is always
   * JSON, but should it not be taken, the old way is still right.) */
  spliced = g_array_sized_new (FALSE, FALSE, sizeof (XarxaJsonMember), json_object_get_size (rd->object));
  if (!scan_members (changed, strlen (changed), TRUE, spliced))
    {
      g_autoptr(JsonObject) all = xarxa_server_record_parse (rd->text);
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, rd->object);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (all, name, json_node_copy (value));
      return xarxa_json_object_to_text (all);
    }

  /* Each stored member keeps its place, with its new value when the
   * mutation holds it; the members new to the record follow. */
  size += strlen (changed) + strlen (rd->text);
  text = out = g_malloc (size);
  used = g_malloc0 (MAX (spliced->len, 1));
  *out++ = '{';
  for (guint i = 0; i < rd->members->len; i++)
    {
      const XarxaJsonMember *m = &g_array_index (rd->members, XarxaJsonMember, i);
      const XarxaJsonMember *value = m;

      for (guint j = 0; j < spliced->len; j++)
        {
          const XarxaJsonMember *c = &g_array_index (spliced, XarxaJsonMember, j);

          if (!used[j] && c->name_len == m->name_len &&
              memcmp (c->name, m->name, m->name_len) == 0)
            {
              used[j] = TRUE;
              value = c;
              break;
            }
        }
      if (out - text > 1)
        *out++ = ',';
      out = append_member (out, m, value);
    }
  for (guint j = 0; j < spliced->len; j++)
    {
      const XarxaJsonMember *c = &g_array_index (spliced, XarxaJsonMember, j);

      if (used[j])
        continue;
      if (out - text > 1)
        *out++ = ',';
      out = append_member (out, c, c);
    }
  *out++ = '}';
  *out = '\0';
  g_assert ((gsize) (out - text) < size);
  return text;
}
