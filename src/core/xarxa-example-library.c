/* xarxa-example-library.c — the example network's library: a dozen
 * invented documents in Catalan, Spanish and English (example-library.json
 * and the PDFs make-example-pdfs draws from it at build time, both in the
 * core's resources), linked to the example's organisations, clusters and
 * missions.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-example"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-cluster.h"
#include "xarxa-core-resources.h"
#include "xarxa-example.h"
#include "xarxa-example-library.h"
#include "xarxa-library.h"
#include "xarxa-query.h"
#include "xarxa-store-private.h"

#define RESOURCE_DIR "/org/transicions/Xarxa/core/"

/* The members of a document that are not fields. */
static const char *const extras[] = { "pdf", "pages", "publisher", "interviewee", "links", "agenda_of", NULL };

static gboolean
damaged (const char  *what,
         GError     **error)
{
  g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
               _("The example network in this build of Xarxa is damaged (%s). Reinstall Xarxa."), what);
  return FALSE;
}

static gboolean
note_in_batch (XarxaStore  *store,
               gint64      *batch,
               const char  *type_name,
               const char  *id,
               GError     **error)
{
  sqlite3_stmt *stmt;

  if (*batch < 0 && (*batch = xarxa_store_import_batch_new (store, XARXA_EXAMPLE_SOURCE, error)) < 0)
    return FALSE;
  stmt = xarxa_store_prepare (store,
                              "INSERT INTO import_item (batch_id, record_type, record_id) VALUES (?1, ?2, ?3)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *batch);
  xarxa_sqlite_bind_text (stmt, 2, type_name);
  xarxa_sqlite_bind_text (stmt, 3, id);
  return xarxa_store_step_done (store, stmt, error);
}

/* The id of the first live record of @type_name whose @field is @value. */
static char *
find_by (XarxaStore *store,
         const char *type_name,
         const char *field,
         const char *value)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new (type_name);
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(JsonObject) record = NULL;

  xarxa_query_set_filter (query, field, value);
  rowids = xarxa_store_query_rowids (store, query, NULL);
  if (rowids == NULL || rowids->len == 0)
    return NULL;
  record = xarxa_store_get_record_by_rowid (store, type_name, g_array_index (rowids, gint64, 0), NULL);
  return record != NULL ? g_strdup (json_object_get_string_member (record, "id")) : NULL;
}

/* The record a link or a name in the JSON means, or NULL. */
static char *
find_named (XarxaStore *store,
            const char *kind,
            const char *name)
{
  if (g_str_equal (kind, "entity"))
    return xarxa_store_find_entity_by_name (store, name, NULL);
  if (g_str_equal (kind, "cluster"))
    return find_by (store, "cluster", "name", name);
  if (g_str_equal (kind, "mission"))
    return find_by (store, "mission", "title", name);
  if (g_str_equal (kind, "contact"))
    return find_by (store, "contact", "full_name", name);
  return NULL;
}

static gboolean
set_named (XarxaStore  *store,
           JsonObject  *values,
           const char  *field,
           const char  *kind,
           JsonObject  *doc,
           const char  *member,
           GError     **error)
{
  const char *name = json_object_get_string_member_with_default (doc, member, NULL);
  g_autofree char *id = NULL;

  if (name == NULL)
    return TRUE;
  if ((id = find_named (store, kind, name)) == NULL)
    return damaged (name, error);
  json_object_set_string_member (values, field, id);
  return TRUE;
}

/* Stores the bundled PDF as an attachment and reads its text, as adding a
 * file in the Library does. */
static gboolean
attach_pdf (XarxaStore  *store,
            JsonObject  *values,
            const char  *pdf,
            GError     **error)
{
  g_autofree char *resource = g_strconcat (RESOURCE_DIR, pdf, NULL);
  g_autofree char *files_dir = xarxa_library_files_dir (store);
  g_autofree char *stored = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(XarxaAttachment) att = NULL;
  g_autoptr(XarxaExtractedText) text = NULL;
  g_autoptr(GFile) file = NULL;

  bytes = g_resource_lookup_data (xarxa_core_get_resource (), resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    return damaged (pdf, error);
  in = g_memory_input_stream_new_from_bytes (bytes);
  att = xarxa_attachments_add_stream (files_dir, in, pdf, NULL, NULL, error);
  if (att == NULL)
    return FALSE;
  stored = xarxa_attachments_path (files_dir, att->hash);
  file = g_file_new_for_path (stored);
  text = xarxa_text_extract (file, att->content_type, NULL, NULL, NULL, error);
  if (text == NULL)
    return FALSE;
  json_object_set_string_member (values, "file_hash", att->hash);
  json_object_set_string_member (values, "file_name", att->file_name);
  json_object_set_string_member (values, "file_type", att->content_type);
  json_object_set_int_member (values, "file_size", att->size);
  json_object_set_string_member (values, "text_status", text->status);
  if (text->text != NULL)
    json_object_set_string_member (values, "full_text", text->text);
  if (text->error != NULL)
    json_object_set_string_member (values, "text_error", text->error);
  return TRUE;
}

static gboolean
add_document (XarxaStore  *store,
              gint64      *batch,
              JsonObject  *doc,
              GError     **error)
{
  const XarxaRecordType *type = xarxa_schema_lookup ("document");
  const char *title = json_object_get_string_member_with_default (doc, "title", NULL);
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *existing = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GList) names = json_object_get_members (doc);
  JsonNode *links;

  if (title == NULL)
    return damaged ("document without a title", error);
  if ((existing = find_by (store, "document", "title", title)) != NULL)
    return TRUE;

  for (GList *l = names; l != NULL; l = l->next)
    {
      if (g_strv_contains (extras, l->data))
        continue;
      if (xarxa_record_type_field (type, l->data) == NULL)
        return damaged (l->data, error);
      json_object_set_member (values, l->data, json_node_copy (json_object_get_member (doc, l->data)));
    }
  if (!set_named (store, values, "publisher_entity_id", "entity", doc, "publisher", error) ||
      !set_named (store, values, "interviewee_id", "contact", doc, "interviewee", error))
    return FALSE;
  if (json_object_has_member (doc, "agenda_of"))
    {
      const char *cluster_name = json_object_get_string_member (doc, "agenda_of");
      g_autofree char *cluster = find_named (store, "cluster", cluster_name);
      g_autofree char *markdown = NULL;

      if (cluster == NULL)
        return damaged (cluster_name, error);
      markdown = xarxa_agenda_to_markdown (store, cluster, NULL, XARXA_AGENDA_BY_KIND, error);
      if (markdown == NULL)
        return FALSE;
      json_object_set_string_member (values, "full_text", markdown);
    }
  if (json_object_has_member (doc, "pdf") &&
      !attach_pdf (store, values, json_object_get_string_member (doc, "pdf"), error))
    return FALSE;

  if ((id = xarxa_store_create_record (store, "document", values, error)) == NULL ||
      !note_in_batch (store, batch, "document", id, error))
    return FALSE;

  links = json_object_get_member (doc, "links");
  for (guint i = 0; links != NULL && JSON_NODE_HOLDS_ARRAY (links) &&
                    i < json_array_get_length (json_node_get_array (links)); i++)
    {
      JsonObject *link = json_array_get_object_element (json_node_get_array (links), i);
      g_autoptr(GList) kinds = link != NULL ? json_object_get_members (link) : NULL;
      const char *kind = kinds != NULL ? kinds->data : "";
      g_autofree char *target = NULL;
      g_autofree char *link_id = NULL;

      if (kinds == NULL || kinds->next != NULL ||
          (target = find_named (store, kind, json_object_get_string_member (link, kind))) == NULL)
        return damaged (title, error);
      if ((link_id = xarxa_library_link (store, id, kind, target, error)) == NULL ||
          !note_in_batch (store, batch, "document_link", link_id, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
xarxa_example_add_documents (XarxaStore  *store,
                             gint64      *batch,
                             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonNode *documents;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = g_resource_lookup_data (xarxa_core_get_resource (), RESOURCE_DIR "example-library.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                   &local_error))
    return damaged (local_error->message, error);
  root = json_parser_get_root (parser);
  documents = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
              ? json_object_get_member (json_node_get_object (root), "documents") : NULL;
  if (documents == NULL || !JSON_NODE_HOLDS_ARRAY (documents))
    return damaged ("no documents", error);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (documents)); i++)
    {
      JsonObject *doc = json_array_get_object_element (json_node_get_array (documents), i);

      if (doc == NULL || !add_document (store, batch, doc, error))
        return FALSE;
    }
  return TRUE;
}
