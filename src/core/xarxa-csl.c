/* xarxa-csl.c — documents as CSL-JSON and CSV, and CSL-JSON imported
 * (see xarxa-csl.h).
 *
 * Kinds and CSL types: a report is "report", an interview "interview", an
 * article "article", a video "motion_picture", a dataset "dataset"; a case
 * study is a "report" and a shared agenda a "document", each told apart by
 * its "genre", so that they come back as they left.  Authors are kept as
 * one text, "Family, Given; Family, Given" (or a name as written), which
 * is what CSL's names become and come from.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-library"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-csl.h"
#include "xarxa-csv.h"
#include "xarxa-library.h"
#include "xarxa-validate.h"
#include "xarxa-value.h"
#include "xarxa-values.h"

static const struct
{
  const char *kind;
  const char *csl_type;
  const char *genre;   /* written on export and read back, or NULL */
} kind_types[] = {
  { "report", "report", NULL },
  { "interview", "interview", NULL },
  { "case-study", "report", "case study" },
  { "shared-agenda", "document", "shared agenda" },
  { "article", "article", NULL },
  { "video", "motion_picture", NULL },
  { "dataset", "dataset", NULL },
  { "other", "document", NULL },
};

/* CSL types that Zotero writes and that a kind of ours covers. */
static const struct
{
  const char *csl_type;
  const char *kind;
} csl_kinds[] = {
  { "report", "report" },
  { "interview", "interview" },
  { "article", "article" },
  { "article-journal", "article" },
  { "article-magazine", "article" },
  { "article-newspaper", "article" },
  { "post", "article" },
  { "post-weblog", "article" },
  { "webpage", "article" },
  { "motion_picture", "video" },
  { "broadcast", "video" },
  { "dataset", "dataset" },
};

GPtrArray *
xarxa_library_documents_to_export (XarxaStore        *store,
                                   const XarxaQuery  *query,
                                   guint             *n_left_out,
                                   GError           **error)
{
  g_autoptr(XarxaQuery) all = NULL;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GPtrArray) out = NULL;
  guint left_out = 0;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (query == NULL || g_strcmp0 (xarxa_query_get_type_name (query), "document") == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (query == NULL)
    query = all = xarxa_query_new ("document");
  rowids = xarxa_store_query_rowids (store, query, error);
  if (rowids == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < rowids->len; i++)
    {
      JsonObject *doc = xarxa_store_get_record_by_rowid (store, "document",
                                                         g_array_index (rowids, gint64, i), error);

      if (doc == NULL)
        return NULL;
      if (xarxa_document_may_export (doc))
        g_ptr_array_add (out, doc);
      else
        {
          left_out++;
          json_object_unref (doc);
        }
    }
  if (n_left_out != NULL)
    *n_left_out = left_out;
  return g_steal_pointer (&out);
}

/* ---- out ---------------------------------------------------------------- */

static JsonArray *
authors_to_csl (const char *authors)
{
  g_auto(GStrv) names = g_strsplit (authors, ";", -1);
  JsonArray *array = json_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      char *name = g_strstrip (names[i]);
      const char *comma = strchr (name, ',');
      JsonObject *person;

      if (*name == '\0')
        continue;
      person = json_object_new ();
      if (comma != NULL)
        {
          g_autofree char *family = g_strndup (name, comma - name);

          json_object_set_string_member (person, "family", g_strstrip (family));
          json_object_set_string_member (person, "given", g_strstrip ((char *) comma + 1) );
        }
      else
        json_object_set_string_member (person, "literal", name);
      json_array_add_object_element (array, person);
    }
  return array;
}

static JsonObject *
date_to_csl (const char *date)
{
  JsonObject *issued = json_object_new ();
  JsonArray *parts = json_array_new ();
  JsonArray *ymd = json_array_new ();
  g_auto(GStrv) pieces = g_strsplit (date, "-", 3);

  for (guint i = 0; pieces[i] != NULL; i++)
    json_array_add_int_element (ymd, g_ascii_strtoll (pieces[i], NULL, 10));
  json_array_add_array_element (parts, ymd);
  json_object_set_array_member (issued, "date-parts", parts);
  return issued;
}

char *
xarxa_csl_from_documents (XarxaStore *store,
                          GPtrArray  *documents)
{
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (documents != NULL, NULL);

  for (guint i = 0; i < documents->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (documents, i);
      JsonObject *item = json_object_new ();
      const char *kind = xarxa_value_string_of (doc, "kind");
      const char *text;
      JsonNode *tags;

      json_object_set_string_member (item, "id", xarxa_value_string_of (doc, "id"));
      json_object_set_string_member (item, "type", "document");
      for (guint k = 0; k < G_N_ELEMENTS (kind_types); k++)
        if (g_strcmp0 (kind, kind_types[k].kind) == 0)
          {
            json_object_set_string_member (item, "type", kind_types[k].csl_type);
            if (kind_types[k].genre != NULL)
              json_object_set_string_member (item, "genre", kind_types[k].genre);
          }
      json_object_set_string_member (item, "title", xarxa_value_string_of (doc, "title"));
      if ((text = xarxa_value_string_of (doc, "authors")) != NULL)
        json_object_set_array_member (item, "author", authors_to_csl (text));
      if ((text = xarxa_value_string_of (doc, "date")) != NULL)
        json_object_set_object_member (item, "issued", date_to_csl (text));
      if ((text = xarxa_value_string_of (doc, "url")) != NULL)
        json_object_set_string_member (item, "URL", text);
      if ((text = xarxa_value_string_of (doc, "summary")) != NULL)
        json_object_set_string_member (item, "abstract", text);
      if ((text = xarxa_value_string_of (doc, "language")) != NULL)
        json_object_set_string_member (item, "language", text);
      tags = json_object_get_member (doc, "tags");
      if (!xarxa_value_is_empty (tags))
        {
          g_autofree char *joined =
            xarxa_field_value_to_text (xarxa_record_type_field (xarxa_schema_lookup ("document"), "tags"), tags);

          json_object_set_string_member (item, "keyword", joined);
        }
      if ((text = xarxa_value_string_of (doc, "publisher_entity_id")) != NULL)
        {
          g_autoptr(JsonObject) publisher = xarxa_store_get_record (store, "entity", text, NULL);

          if (publisher != NULL && xarxa_value_string_of (publisher, "name") != NULL)
            json_object_set_string_member (item, "publisher", xarxa_value_string_of (publisher, "name"));
        }
      json_array_add_object_element (items, item);
    }
  json_node_set_array (root, items);
  return json_to_string (root, TRUE);
}

char *
xarxa_csv_from_documents (GPtrArray *documents)
{
  const XarxaRecordType *type = xarxa_schema_lookup ("document");
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (documents != NULL, NULL);

  g_string_append (out, "id");
  for (guint f = 0; f < type->n_fields; f++)
    if (strcmp (type->fields[f].name, "full_text") != 0)
      {
        g_string_append_c (out, ',');
        xarxa_csv_append_cell (out, type->fields[f].name);
      }
  g_string_append (out, "\r\n");
  for (guint i = 0; i < documents->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (documents, i);

      xarxa_csv_append_cell (out, xarxa_value_string_of (doc, "id"));
      for (guint f = 0; f < type->n_fields; f++)
        {
          const XarxaFieldInfo *field = &type->fields[f];
          g_autofree char *text = NULL;

          if (strcmp (field->name, "full_text") == 0)
            continue;
          text = xarxa_field_value_to_text (field, json_object_get_member (doc, field->name));
          g_string_append_c (out, ',');
          xarxa_csv_append_cell (out, text);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- in ----------------------------------------------------------------- */

/* "Family, Given; …" from CSL names; NULL when there is none. */
static char *
authors_from_csl (JsonNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *person;
      const char *family, *given, *literal;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      person = json_node_get_object (element);
      family = xarxa_value_string_of (person, "family");
      given = xarxa_value_string_of (person, "given");
      literal = xarxa_value_string_of (person, "literal");
      if (family == NULL && given == NULL && literal == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      if (family != NULL && given != NULL)
        g_string_append_printf (out, "%s, %s", family, given);
      else if (family != NULL || given != NULL)
        g_string_append (out, family != NULL ? family : given);
      else
        g_string_append (out, literal);
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A date of ours from CSL's date-parts or its raw text, when it has a
 * day: the field holds whole dates, and a year alone is not made into
 * the first of January. */
static char *
date_from_csl (JsonNode *node)
{
  JsonObject *date;
  JsonNode *parts;
  const char *raw;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  date = json_node_get_object (node);
  parts = json_object_get_member (date, "date-parts");
  if (parts != NULL && JSON_NODE_HOLDS_ARRAY (parts) && json_array_get_length (json_node_get_array (parts)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (parts), 0);
      gint64 ymd[3] = { 0, 0, 0 };
      JsonArray *a;

      if (!JSON_NODE_HOLDS_ARRAY (first))
        return NULL;
      a = json_node_get_array (first);
      for (guint i = 0; i < 3 && i < json_array_get_length (a); i++)
        {
          JsonNode *n = json_array_get_element (a, i);

          /* Zotero writes numbers, some tools strings. */
          if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
            ymd[i] = g_ascii_strtoll (json_node_get_string (n), NULL, 10);
          else if (JSON_NODE_HOLDS_VALUE (n))
            ymd[i] = json_node_get_int (n);
        }
      if (ymd[0] > 0 && ymd[1] > 0 && ymd[2] > 0)
        return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02" G_GINT64_FORMAT "-%02" G_GINT64_FORMAT,
                                ymd[0], ymd[1], ymd[2]);
      return NULL;
    }
  raw = xarxa_value_string_of (date, "raw");
  if (raw == NULL)
    raw = xarxa_value_string_of (date, "literal");
  if (raw != NULL)
    {
      if (xarxa_validate_date (raw))
        return g_strdup (raw);
    }
  return NULL;
}

static const char *
kind_from_csl (const char *csl_type,
               const char *genre)
{
  for (guint k = 0; k < G_N_ELEMENTS (kind_types); k++)
    if (kind_types[k].genre != NULL && g_strcmp0 (csl_type, kind_types[k].csl_type) == 0 &&
        genre != NULL && g_ascii_strcasecmp (genre, kind_types[k].genre) == 0)
      return kind_types[k].kind;
  for (guint k = 0; k < G_N_ELEMENTS (csl_kinds); k++)
    if (g_strcmp0 (csl_type, csl_kinds[k].csl_type) == 0)
      return csl_kinds[k].kind;
  return "other";
}

static JsonNode *
keywords_to_set (const char *keywords)
{
  g_auto(GStrv) words = g_strsplit_set (keywords, ",;", -1);
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *word = g_strstrip (words[i]);

      if (*word != '\0')
        json_array_add_string_element (array, word);
    }
  json_node_take_array (node, array);
  return node;
}

static void
reject (XarxaImportReport *report,
        guint              number,
        const char        *title,
        const char        *reason)
{
  XarxaImportRejection *rejection = g_new0 (XarxaImportRejection, 1);

  rejection->line = number;
  rejection->name = g_strdup (title);
  rejection->reason = g_strdup (reason);
  g_ptr_array_add (report->rejections, rejection);
  report->rejected++;
}

/* The document an item makes, or NULL with the reason it cannot be one. */
static JsonObject *
item_to_values (XarxaStore  *store,
                JsonObject  *item,
                char       **reason)
{
  g_autoptr(JsonObject) values = json_object_new ();
  const char *title = xarxa_value_string_of (item, "title");
  const char *id = xarxa_value_string_of (item, "id");
  const char *text;
  g_autofree char *authors = NULL;
  g_autofree char *date = NULL;

  if (title == NULL || *title == '\0')
    {
      *reason = g_strdup (_("It has no title: a document needs one."));
      return NULL;
    }
  json_object_set_string_member (values, "title", title);
  /* An id of ours comes back as itself: imported twice, it is found. */
  if (id != NULL && g_uuid_string_is_valid (id))
    {
      g_autoptr(JsonObject) existing = xarxa_store_get_record (store, "document", id, NULL);

      if (existing != NULL)
        {
          *reason = g_strdup (_("It is in the library already."));
          return NULL;
        }
      json_object_set_string_member (values, "id", id);
    }
  json_object_set_string_member (values, "kind",
                                 kind_from_csl (xarxa_value_string_of (item, "type"),
                                                xarxa_value_string_of (item, "genre")));
  if ((authors = authors_from_csl (json_object_get_member (item, "author"))) != NULL)
    json_object_set_string_member (values, "authors", authors);
  else if ((authors = authors_from_csl (json_object_get_member (item, "editor"))) != NULL)
    json_object_set_string_member (values, "authors", authors);
  if ((date = date_from_csl (json_object_get_member (item, "issued"))) != NULL)
    json_object_set_string_member (values, "date", date);
  if ((text = xarxa_value_string_of (item, "URL")) != NULL && *text != '\0')
    json_object_set_string_member (values, "url", text);
  if ((text = xarxa_value_string_of (item, "abstract")) != NULL && *text != '\0')
    json_object_set_string_member (values, "summary", text);
  /* Zotero writes what people typed ("English", "cat"): a code that is
   * not one is left out rather than refusing the item. */
  if ((text = xarxa_value_string_of (item, "language")) != NULL)
    {
      g_autoptr(JsonNode) language = json_node_new (JSON_NODE_VALUE);

      json_node_set_string (language, text);
      if (xarxa_validate_field (xarxa_schema_lookup ("document"), "language", language, NULL))
        json_object_set_string_member (values, "language", text);
    }
  if ((text = xarxa_value_string_of (item, "keyword")) != NULL)
    json_object_set_member (values, "tags", keywords_to_set (text));
  if ((text = xarxa_value_string_of (item, "publisher")) != NULL)
    {
      g_autofree char *publisher = xarxa_store_find_entity_by_name (store, text, NULL);

      if (publisher != NULL)
        json_object_set_string_member (values, "publisher_entity_id", publisher);
    }
  return g_steal_pointer (&values);
}

XarxaImportReport *
xarxa_csl_import (XarxaStore  *store,
                  const char  *data,
                  gssize       length,
                  GError     **error)
{
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;
  JsonArray *items;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("The file is not CSL-JSON: %s. Export it from Zotero as “CSL JSON”."),
                   parse_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("The file is not CSL-JSON: it holds no list of items. "
                     "Export it from Zotero as “CSL JSON”."));
      return NULL;
    }
  items = json_node_get_array (root);
  report = g_new0 (XarxaImportReport, 1);
  report->batch = -1;
  report->delimiter = ',';
  report->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) xarxa_import_rejection_free);

  if (!xarxa_store_begin (store, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      g_autoptr(JsonObject) values = NULL;
      g_autoptr(GError) item_error = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *id = NULL;
      JsonObject *item;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          reject (report, i + 1, NULL, _("It is not a CSL item (an object with a type and a title)."));
          continue;
        }
      item = json_node_get_object (element);
      values = item_to_values (store, item, &reason);
      if (values == NULL)
        {
          reject (report, i + 1, xarxa_value_string_of (item, "title"), reason);
          continue;
        }
      id = xarxa_store_create_record (store, "document", values, &item_error);
      if (id == NULL)
        {
          if (item_error->domain != XARXA_ERROR || item_error->code != XARXA_ERROR_INVALID)
            {
              xarxa_store_rollback (store);
              g_propagate_error (error, g_steal_pointer (&item_error));
              return NULL;
            }
          reject (report, i + 1, xarxa_value_string_of (item, "title"), item_error->message);
          continue;
        }
      report->imported++;
    }
  if (!xarxa_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&report);
}
