/* xarxa-library.c — documents' attachments, text, links and consent
 * (see xarxa-library.h).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-library"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-library.h"
#include "xarxa-store-private.h"

char *
xarxa_library_files_dir (XarxaStore *store)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  return xarxa_attachments_dir (xarxa_store_get_path (store));
}

gboolean
xarxa_library_attach (XarxaStore             *store,
                      const char             *document_id,
                      const XarxaAttachment  *attachment,
                      GError                **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);
  g_return_val_if_fail (attachment != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json_object_set_string_member (changes, "file_hash", attachment->hash);
  json_object_set_string_member (changes, "file_name", attachment->file_name);
  json_object_set_string_member (changes, "file_type", attachment->content_type);
  json_object_set_int_member (changes, "file_size", attachment->size);
  return xarxa_store_update_record (store, "document", document_id, changes, error);
}

static gboolean
is_empty_member (JsonObject *record,
                 const char *name)
{
  return xarxa_value_is_empty (json_object_get_member (record, name));
}

gboolean
xarxa_library_set_text (XarxaStore                *store,
                        const char                *document_id,
                        const XarxaExtractedText  *text,
                        GError                   **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) document = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = xarxa_store_get_record (store, "document", document_id, error);
  if (document == NULL)
    return FALSE;
  if (text->text != NULL)
    json_object_set_string_member (changes, "full_text", text->text);
  else
    json_object_set_null_member (changes, "full_text");
  json_object_set_string_member (changes, "text_status", text->status);
  if (text->error != NULL)
    json_object_set_string_member (changes, "text_error", text->error);
  else
    json_object_set_null_member (changes, "text_error");
  if (text->author != NULL && is_empty_member (document, "authors"))
    json_object_set_string_member (changes, "authors", text->author);
  if (text->date != NULL && is_empty_member (document, "date"))
    json_object_set_string_member (changes, "date", text->date);
  return xarxa_store_update_record (store, "document", document_id, changes, error);
}

char *
xarxa_library_add_document (XarxaStore          *store,
                            JsonObject          *values,
                            GFile               *file,
                            GCancellable        *cancellable,
                            XarxaExtractedText **extracted,
                            GError             **error)
{
  g_autoptr(XarxaAttachment) att = NULL;
  g_autoptr(XarxaExtractedText) text = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *files_dir = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The record is copied so that the caller's values stay theirs. */
  record = json_object_new ();
  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *node;

    json_object_iter_init (&iter, values);
    while (json_object_iter_next (&iter, &name, &node))
      json_object_set_member (record, name, json_node_copy (node));
  }

  if (file != NULL)
    {
      files_dir = xarxa_library_files_dir (store);
      att = xarxa_attachments_add (files_dir, file, NULL, cancellable, error);
      if (att == NULL)
        return NULL;
      text = xarxa_text_extract (file, att->content_type, cancellable, NULL, NULL, error);
      if (text == NULL)
        return NULL;
      json_object_set_string_member (record, "file_hash", att->hash);
      json_object_set_string_member (record, "file_name", att->file_name);
      json_object_set_string_member (record, "file_type", att->content_type);
      json_object_set_int_member (record, "file_size", att->size);
      json_object_set_string_member (record, "text_status", text->status);
      if (text->text != NULL)
        json_object_set_string_member (record, "full_text", text->text);
      if (text->error != NULL)
        json_object_set_string_member (record, "text_error", text->error);
      if (text->title != NULL && is_empty_member (record, "title"))
        json_object_set_string_member (record, "title", text->title);
      if (text->author != NULL && is_empty_member (record, "authors"))
        json_object_set_string_member (record, "authors", text->author);
      if (text->date != NULL && is_empty_member (record, "date"))
        json_object_set_string_member (record, "date", text->date);
    }
  id = xarxa_store_create_record (store, "document", record, error);
  if (id == NULL)
    return NULL;
  if (extracted != NULL)
    *extracted = g_steal_pointer (&text);
  return g_steal_pointer (&id);
}

gboolean
xarxa_library_export_file (XarxaStore    *store,
                           const char    *document_id,
                           GFile         *dest,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *files_dir = NULL;
  const char *hash;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = xarxa_store_get_record (store, "document", document_id, error);
  if (document == NULL)
    return FALSE;
  hash = json_object_get_string_member_with_default (document, "file_hash", NULL);
  if (hash == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("The document has no attachment. Add one with its file first."));
      return FALSE;
    }
  files_dir = xarxa_library_files_dir (store);
  return xarxa_attachments_export (files_dir, hash, dest, cancellable, error);
}

/* ---- a file stored and read in a thread ---------------------------------- */

void
xarxa_stored_file_free (XarxaStoredFile *stored)
{
  if (stored == NULL)
    return;
  xarxa_attachment_free (stored->attachment);
  xarxa_extracted_text_free (stored->text);
  g_free (stored);
}

typedef struct
{
  char                 *files_dir;
  GFile                *file;
  XarxaExtractProgress  progress;
  gpointer              progress_data;
  GMainContext         *context;
} StoreJob;

static void
store_job_free (StoreJob *job)
{
  g_free (job->files_dir);
  g_object_unref (job->file);
  g_main_context_unref (job->context);
  g_free (job);
}

static void
relay_store_progress (guint    done,
                      guint    total,
                      gpointer user_data)
{
  StoreJob *job = user_data;

  xarxa_extract_progress_relay (job->context, job->progress, job->progress_data, done, total);
}

static void
store_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  StoreJob *job = task_data;
  g_autoptr(XarxaStoredFile) stored = g_new0 (XarxaStoredFile, 1);
  GError *error = NULL;

  (void) source_object;
  stored->attachment = xarxa_attachments_add (job->files_dir, job->file, NULL, cancellable, &error);
  if (stored->attachment == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  stored->text = xarxa_text_extract (job->file, stored->attachment->content_type, cancellable,
                                     job->progress != NULL ? relay_store_progress : NULL, job, &error);
  if (stored->text == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&stored), (GDestroyNotify) xarxa_stored_file_free);
}

void
xarxa_library_store_file_async (const char          *files_dir,
                                GFile               *file,
                                GCancellable        *cancellable,
                                XarxaExtractProgress progress,
                                gpointer             progress_data,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreJob *job;

  g_return_if_fail (files_dir != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, xarxa_library_store_file_async);
  job = g_new0 (StoreJob, 1);
  job->files_dir = g_strdup (files_dir);
  job->file = g_object_ref (file);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, job, (GDestroyNotify) store_job_free);
  g_task_run_in_thread (task, store_file_thread);
}

XarxaStoredFile *
xarxa_library_store_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, xarxa_library_store_file_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- links -------------------------------------------------------------- */

/* A UUID made from the pair, the same on every device. */
static char *
link_id (const char *document_id,
         const char *target_type,
         const char *target_id)
{
  g_autofree char *key = g_strdup_printf ("document_link\n%s\n%s\n%s", document_id, target_type, target_id);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  hex[12] = '5';                                   /* name-based */
  hex[16] = "89ab"[g_ascii_xdigit_value (hex[16]) & 3];   /* RFC 4122 variant */
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

static gboolean
check_target (XarxaStore  *store,
              const char  *target_type,
              const char  *target_id,
              GError     **error)
{
  g_autoptr(JsonObject) target = NULL;
  g_autoptr(GError) local_error = NULL;

  if (xarxa_choice_list_find (&xarxa_link_target_list, target_type) == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("A document can be linked to an organisation (entity), a cluster or a mission, "
                     "not to “%s”."), target_type);
      return FALSE;
    }
  target = xarxa_store_get_record (store, target_type, target_id, &local_error);
  if (target == NULL || json_object_get_boolean_member_with_default (target, "deleted", FALSE))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("There is no %s with the id “%s” to link the document to."),
                   target_type, target_id);
      return FALSE;
    }
  return TRUE;
}

char *
xarxa_library_link (XarxaStore  *store,
                    const char  *document_id,
                    const char  *target_type,
                    const char  *target_id,
                    GError     **error)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) existing = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autofree char *made = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);
  g_return_val_if_fail (target_type != NULL, NULL);
  g_return_val_if_fail (target_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  document = xarxa_store_get_record (store, "document", document_id, error);
  if (document == NULL)
    return NULL;
  if (!check_target (store, target_type, target_id, error))
    return NULL;

  id = link_id (document_id, target_type, target_id);
  existing = xarxa_store_get_record (store, "document_link", id, NULL);
  if (existing != NULL)
    {
      if (json_object_get_boolean_member_with_default (existing, "deleted", FALSE) &&
          !xarxa_store_undelete_record (store, "document_link", id, error))
        return NULL;
      return g_steal_pointer (&id);
    }
  values = json_object_new ();
  json_object_set_string_member (values, "id", id);
  json_object_set_string_member (values, "document_id", document_id);
  json_object_set_string_member (values, "target_type", target_type);
  json_object_set_string_member (values, "target_id", target_id);
  made = xarxa_store_create_record (store, "document_link", values, error);
  if (made == NULL)
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
xarxa_library_unlink (XarxaStore  *store,
                      const char  *document_id,
                      const char  *target_type,
                      const char  *target_id,
                      GError     **error)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) existing = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);
  g_return_val_if_fail (target_type != NULL, FALSE);
  g_return_val_if_fail (target_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = link_id (document_id, target_type, target_id);
  existing = xarxa_store_get_record (store, "document_link", id, NULL);
  if (existing == NULL || json_object_get_boolean_member_with_default (existing, "deleted", FALSE))
    return TRUE;   /* not linked: nothing to undo */
  return xarxa_store_delete_record (store, "document_link", id, error);
}

static GPtrArray *
collect (XarxaStore   *store,
         const char   *sql,
         const char   *a,
         const char   *b,
         gboolean      pairs,
         GError      **error)
{
  g_autoptr(GPtrArray) out = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = xarxa_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func (pairs ? (GDestroyNotify) xarxa_link_target_free : g_free);
  xarxa_sqlite_bind_text (stmt, 1, a);
  if (b != NULL)
    xarxa_sqlite_bind_text (stmt, 2, b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (pairs)
        {
          XarxaLinkTarget *t = g_new0 (XarxaLinkTarget, 1);

          t->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          t->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          g_ptr_array_add (out, t);
        }
      else
        g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
xarxa_library_documents_of (XarxaStore  *store,
                            const char  *target_type,
                            const char  *target_id,
                            GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (target_type != NULL, NULL);
  g_return_val_if_fail (target_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return collect (store,
                  "SELECT d.id FROM document_link l JOIN document d ON d.id = l.document_id "
                  "WHERE l.target_id = ?2 AND l.target_type = ?1 AND l.deleted = 0 AND d.deleted = 0 "
                  "ORDER BY d.title COLLATE NOCASE, d.id",
                  target_type, target_id, FALSE, error);
}

void
xarxa_link_target_free (XarxaLinkTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->type);
  g_free (target->id);
  g_free (target);
}

GPtrArray *
xarxa_library_targets_of (XarxaStore  *store,
                          const char  *document_id,
                          GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return collect (store,
                  "SELECT target_type, target_id FROM document_link "
                  "WHERE document_id = ?1 AND deleted = 0 ORDER BY rowid",
                  document_id, NULL, TRUE, error);
}

gboolean
xarxa_document_may_export (JsonObject *document)
{
  g_return_val_if_fail (document != NULL, FALSE);

  if (g_strcmp0 (json_object_get_string_member_with_default (document, "kind", NULL), "interview") != 0)
    return TRUE;
  return g_strcmp0 (json_object_get_string_member_with_default (document, "consent", NULL), "given") == 0;
}

/* ---- the Library view's list ---------------------------------------------- */

/* ?2… the filters, each NULL for none. */
#define DOCUMENT_FILTERS \
  " AND (?2 IS NULL OR d.kind = ?2)" \
  " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each (d.transitions) WHERE value = ?3))" \
  " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each (d.territories) WHERE value = ?4))" \
  " AND (?5 IS NULL OR d.language = ?5 OR d.language LIKE ?5 || '-%')" \
  " AND (?6 IS NULL OR CAST (substr (d.date, 1, 4) AS INTEGER) >= ?6)" \
  " AND (?7 IS NULL OR CAST (substr (d.date, 1, 4) AS INTEGER) <= ?7)" \
  " AND (?8 IS NULL OR EXISTS (SELECT 1 FROM document_link l WHERE l.document_id = d.id" \
  " AND l.deleted = 0 AND l.target_type = ?8 AND l.target_id = ?9))"

GArray *
xarxa_library_query_rowids (XarxaStore               *store,
                            const XarxaLibraryFilter *filter,
                            GError                  **error)
{
  /* Titles weigh most, then authors, tags and the summary, then the
   * attachment's text (columns: title, authors, summary, full_text, tags). */
  static const char *const sql_search =
    "SELECT d.rowid FROM document_fts CROSS JOIN document d ON d.rowid = document_fts.rowid"
    " WHERE document_fts MATCH ?1" DOCUMENT_FILTERS
    " ORDER BY bm25 (document_fts, 10.0, 5.0, 3.0, 1.0, 3.0), d.rowid";
  static const char *const sql_all =
    "SELECT d.rowid FROM document d WHERE d.deleted = 0 AND ?1 IS NULL" DOCUMENT_FILTERS
    " ORDER BY d.title COLLATE NOCASE, d.rowid";
  g_autoptr(GArray) rowids = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filter->search != NULL)
    match = xarxa_fts_query_from_text (filter->search);
  stmt = xarxa_store_prepare (store, match != NULL ? sql_search : sql_all, error);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, match);
  xarxa_sqlite_bind_text (stmt, 2, filter->kind);
  xarxa_sqlite_bind_text (stmt, 3, filter->transition);
  xarxa_sqlite_bind_text (stmt, 4, filter->territory);
  xarxa_sqlite_bind_text (stmt, 5, filter->language);
  if (filter->year_from > 0)
    sqlite3_bind_int (stmt, 6, filter->year_from);
  if (filter->year_to > 0)
    sqlite3_bind_int (stmt, 7, filter->year_to);
  if (filter->target_type != NULL && filter->target_id != NULL)
    {
      xarxa_sqlite_bind_text (stmt, 8, filter->target_type);
      xarxa_sqlite_bind_text (stmt, 9, filter->target_id);
    }

  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rowids);
}

char *
xarxa_library_snippet (XarxaStore *store,
                       gint64      rowid,
                       const char *search,
                       const char *mark_start,
                       const char *mark_end)
{
  g_autofree char *match = NULL;
  char *snippet = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mark_start != NULL && mark_end != NULL, NULL);

  match = search != NULL ? xarxa_fts_query_from_text (search) : NULL;
  if (match == NULL)
    return NULL;
  stmt = xarxa_store_prepare (store,
                              "SELECT snippet (document_fts, -1, ?2, ?3, '…', 14) FROM document_fts"
                              " WHERE document_fts MATCH ?1 AND rowid = ?4",
                              NULL);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, match);
  xarxa_sqlite_bind_text (stmt, 2, mark_start);
  xarxa_sqlite_bind_text (stmt, 3, mark_end);
  sqlite3_bind_int64 (stmt, 4, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return snippet;
}

GPtrArray *
xarxa_library_list_languages (XarxaStore  *store,
                              GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return collect (store,
                  "SELECT DISTINCT language FROM document WHERE deleted = 0 AND language IS NOT NULL"
                  " AND language <> '' AND ?1 IS NULL ORDER BY language",
                  NULL, NULL, FALSE, error);
}

GPtrArray *
xarxa_library_list_territories (XarxaStore  *store,
                                GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return collect (store,
                  "SELECT DISTINCT t.value FROM document d, json_each (d.territories) t"
                  " WHERE d.deleted = 0 AND d.territories IS NOT NULL AND ?1 IS NULL"
                  " ORDER BY t.value COLLATE NOCASE",
                  NULL, NULL, FALSE, error);
}

GPtrArray *
xarxa_library_linked_targets (XarxaStore  *store,
                              GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return collect (store,
                  "SELECT DISTINCT l.target_type, l.target_id FROM document_link l"
                  " JOIN document d ON d.id = l.document_id"
                  " WHERE l.deleted = 0 AND d.deleted = 0 AND ?1 IS NULL"
                  " ORDER BY l.target_type, l.target_id",
                  NULL, NULL, TRUE, error);
}

char *
xarxa_library_find_by_hash (XarxaStore  *store,
                            const char  *hash,
                            GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (hash != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ids = collect (store,
                 "SELECT id FROM document WHERE file_hash = ?1 AND deleted = 0 ORDER BY rowid LIMIT 1",
                 hash, NULL, FALSE, error);
  if (ids == NULL || ids->len == 0)
    return NULL;
  return g_strdup (ids->pdata[0]);
}
