/* xarxa-export.c — CSV export of the entity directory.
 *
 * Writes RFC 4180 CSV (comma, CRLF, UTF-8): a column for each field of the
 * organisation's description, with an English header that
 * xarxa_csv_field_for_header() maps back, so that a file exported here
 * imports again into the same data.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-csv.h"
#include "xarxa-import.h"

#define FLUSH_AT (64 * 1024)

/* A column's header: the field's name as a word ("short_name" → "Short
 * name").  Headers stay in English whatever the language of the interface:
 * the file is data, and the import reads English in any language. */
static void
append_header (GString    *out,
               const char *field_name)
{
  g_autofree char *header = g_strdelimit (g_strdup (field_name), "_", ' ');

  header[0] = g_ascii_toupper (header[0]);
  xarxa_csv_append_cell (out, header);
}

static void
append_value (GString  *out,
              GString  *scratch,
              JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_truncate (scratch, 0);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *item = json_array_get_string_element (array, i);

          if (item == NULL || *item == '\0')
            continue;
          if (scratch->len > 0)
            g_string_append (scratch, "; ");
          g_string_append (scratch, item);
        }
      xarxa_csv_append_cell (out, scratch->str);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    xarxa_csv_append_cell (out, json_node_get_string (node));
}

static gboolean
flush (GOutputStream  *stream,
       GString        *buffer,
       GCancellable   *cancellable,
       GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (stream, buffer->str, buffer->len, NULL, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_CANCELLED,
                             _("The export was cancelled."));
      else
        g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                     _("Could not write the CSV file: %s. Check the free space and that you may write there."),
                     local_error->message);
      return FALSE;
    }
  g_string_truncate (buffer, 0);
  return TRUE;
}

gboolean
xarxa_export_csv (XarxaStore             *store,
                  const XarxaQuery       *query,
                  GOutputStream          *out,
                  GCancellable           *cancellable,
                  GError                **error)
{
  g_autoptr(XarxaQuery) all = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GString) scratch = NULL;
  const XarxaRecordType *type = xarxa_schema_lookup ("entity");

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (query == NULL || g_str_equal (xarxa_query_get_type_name (query), "entity"), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (query == NULL)
    query = all = xarxa_query_new ("entity");
  rows = xarxa_store_query_rowids (store, query, error);
  if (rows == NULL)
    return FALSE;

  /* Every field of an organisation in the description's order, then its id. */
  buffer = g_string_sized_new (FLUSH_AT + 4096);
  scratch = g_string_new (NULL);
  for (guint c = 0; c < type->n_fields; c++)
    {
      append_header (buffer, type->fields[c].name);
      g_string_append_c (buffer, ',');
    }
  append_header (buffer, "id");
  g_string_append (buffer, "\r\n");

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(JsonObject) record = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_CANCELLED,
                               _("The export was cancelled."));
          return FALSE;
        }
      record = xarxa_store_get_record_by_rowid (store, "entity", g_array_index (rows, gint64, i), error);
      if (record == NULL)
        return FALSE;
      for (guint c = 0; c < type->n_fields; c++)
        {
          append_value (buffer, scratch, json_object_get_member (record, type->fields[c].name));
          g_string_append_c (buffer, ',');
        }
      append_value (buffer, scratch, json_object_get_member (record, "id"));
      g_string_append (buffer, "\r\n");
      if (buffer->len >= FLUSH_AT && !flush (out, buffer, cancellable, error))
        return FALSE;
    }
  return flush (out, buffer, cancellable, error);
}
