/* xarxa-text-extract.c — the text of an attachment, for search (see
 * xarxa-text-extract.h).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-library"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <poppler.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-text-extract.h"

/* The most of a text or HTML file that is read for search. */
#define MAX_TEXT (16 * 1024 * 1024)

void
xarxa_extracted_text_free (XarxaExtractedText *result)
{
  if (result == NULL)
    return;
  g_free (result->text);
  g_free (result->status);
  g_free (result->error);
  g_free (result->title);
  g_free (result->author);
  g_free (result->date);
  g_free (result);
}

static XarxaExtractedText *
unreadable (const char *status,
            const char *why)
{
  XarxaExtractedText *result = g_new0 (XarxaExtractedText, 1);

  result->status = g_strdup (status);
  result->error = g_strdup (why);
  return result;
}

/* Metadata is offered to a person, so empty or blank strings are none. */
static char *
non_blank (char *text)
{
  if (text != NULL)
    g_strstrip (text);
  if (text != NULL && (*text == '\0' || !g_utf8_validate (text, -1, NULL)))
    g_clear_pointer (&text, g_free);
  return text;
}

/* ---- PDF ---------------------------------------------------------------- */

static XarxaExtractedText *read_pdf (PopplerDocument      *doc,
                                     GCancellable         *cancellable,
                                     XarxaExtractProgress  progress,
                                     gpointer              progress_data,
                                     GError              **error);

static XarxaExtractedText *
extract_pdf (GFile                *file,
             GCancellable         *cancellable,
             XarxaExtractProgress  progress,
             gpointer              progress_data,
             GError              **error)
{
  /* poppler-glib 22 has no g_autoptr() for its types. */
  PopplerDocument *doc;
  g_autoptr(GError) local_error = NULL;
  XarxaExtractedText *result;

  doc = poppler_document_new_from_gfile (file, NULL, cancellable, &local_error);
  if (doc == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        return unreadable ("protected",
                           _("The PDF is protected by a password, so its text cannot be searched. "
                             "Attach a copy without a password to search it."));
      if (local_error->domain == G_IO_ERROR ||
          g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_OPEN_FILE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return unreadable ("damaged",
                         _("The PDF is damaged, so its text cannot be read. "
                           "The file is kept as it is; attach a good copy to search it."));
    }
  result = read_pdf (doc, cancellable, progress, progress_data, error);
  g_object_unref (doc);
  return result;
}

static XarxaExtractedText *
read_pdf (PopplerDocument      *doc,
          GCancellable         *cancellable,
          XarxaExtractProgress  progress,
          gpointer              progress_data,
          GError              **error)
{
  g_autoptr(GString) text = NULL;
  XarxaExtractedText *result;
  time_t created;
  int n_pages;

  n_pages = poppler_document_get_n_pages (doc);
  if (n_pages <= 0)
    return unreadable ("damaged",
                       _("The PDF is damaged, so its text cannot be read. "
                         "The file is kept as it is; attach a good copy to search it."));

  text = g_string_new (NULL);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page;
      g_autofree char *page_text = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      page = poppler_document_get_page (doc, i);
      if (page != NULL)
        {
          page_text = poppler_page_get_text (page);
          g_object_unref (page);
        }
      if (page_text != NULL && *page_text != '\0')
        {
          if (text->len > 0)
            g_string_append (text, "\n\f\n");
          g_string_append (text, page_text);
        }
      if (progress != NULL)
        progress (i + 1, n_pages, progress_data);
    }

  result = g_new0 (XarxaExtractedText, 1);
  result->n_pages = n_pages;
  result->title = non_blank (poppler_document_get_title (doc));
  result->author = non_blank (poppler_document_get_author (doc));
  created = poppler_document_get_creation_date (doc);
  if (created > 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (created);

      if (dt != NULL)
        result->date = g_date_time_format (dt, "%Y-%m-%d");
    }
  if (text->len == 0)
    {
      /* A scan: pages, but no text in them. */
      result->status = g_strdup ("unsupported");
      result->error = g_strdup (_("The PDF holds no text, only images (a scan, perhaps), "
                                  "so only its details can be searched."));
      return result;
    }
  result->status = g_strdup ("extracted");
  result->text = g_string_free (g_steal_pointer (&text), FALSE);
  return result;
}

/* ---- HTML --------------------------------------------------------------- */

static gboolean
is_skipped (const xmlChar *name)
{
  static const char *const skipped[] = { "script", "style", "noscript", "template", "head", NULL };

  return name != NULL && g_strv_contains (skipped, (const char *) name);
}

static gboolean
is_block (const xmlChar *name)
{
  static const char *const blocks[] = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "tr", "table", "section", "article", "header", "footer", "blockquote",
    "pre", "dd", "dt", "title", NULL
  };

  return name != NULL && g_strv_contains (blocks, (const char *) name);
}

/* Appends the words of @node's text, spaces collapsed. */
static void
append_text (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && !g_ascii_isspace (out->str[out->len - 1]))
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
}

static void
walk_html (xmlNode *node,
           GString *out)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          if (node->content != NULL)
            append_text (out, (const char *) node->content);
        }
      else if (node->type == XML_ELEMENT_NODE && !is_skipped (node->name))
        {
          walk_html (node->children, out);
          if (is_block (node->name) && out->len > 0 && out->str[out->len - 1] != '\n')
            {
              while (out->len > 0 && out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              g_string_append_c (out, '\n');
            }
        }
    }
}

static char *
html_title (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      char *found;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_strcmp0 ((const char *) node->name, "title") == 0)
        {
          xmlChar *content = xmlNodeGetContent (node);
          char *title = g_strdup ((const char *) content);

          xmlFree (content);
          return non_blank (title);
        }
      if ((found = html_title (node->children)) != NULL)
        return found;
    }
  return NULL;
}

static XarxaExtractedText *
extract_html (const char *data,
              gsize       length)
{
  XarxaExtractedText *result;
  g_autoptr(GString) out = g_string_new (NULL);
  htmlDocPtr doc;

  if (length > G_MAXINT)
    return unreadable ("unsupported", _("The page is too large to read its text."));
  doc = htmlReadMemory (data, (int) length, NULL, NULL,
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
  if (doc == NULL)
    return unreadable ("damaged", _("The page cannot be read as HTML."));
  walk_html (xmlDocGetRootElement (doc), out);
  result = g_new0 (XarxaExtractedText, 1);
  result->title = html_title (xmlDocGetRootElement (doc));
  xmlFreeDoc (doc);
  g_strstrip (out->str);
  out->len = strlen (out->str);
  result->status = g_strdup ("extracted");
  result->text = g_utf8_make_valid (out->str, out->len);
  return result;
}

/* ---- any file ----------------------------------------------------------- */

XarxaExtractedText *
xarxa_text_extract (GFile                *file,
                    const char           *content_type,
                    GCancellable         *cancellable,
                    XarxaExtractProgress  progress,
                    gpointer              progress_data,
                    GError              **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean html, text;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (content_type != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_content_type_is_mime_type (content_type, "application/pdf"))
    return extract_pdf (file, cancellable, progress, progress_data, error);

  html = g_content_type_is_mime_type (content_type, "text/html") ||
         g_content_type_is_mime_type (content_type, "application/xhtml+xml");
  /* Markdown and the like are text/plain's subclasses, read as they are. */
  text = g_content_type_is_mime_type (content_type, "text/plain") ||
         g_content_type_is_mime_type (content_type, "text/markdown");
  if (!html && !text)
    return unreadable ("unsupported", _("Text is read from PDF, HTML, Markdown and plain text "
                                        "files only; this file is found by its details."));

  /* At most MAX_TEXT bytes: a huge log or export is searched by its
   * beginning, and never read whole into memory. */
  {
    g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);

    if (in == NULL)
      return NULL;
    data = g_malloc (MAX_TEXT + 1);
    if (!g_input_stream_read_all (G_INPUT_STREAM (in), data, MAX_TEXT + 1, &length, cancellable, error))
      return NULL;
  }
  if (progress != NULL)
    progress (1, 1, progress_data);
  {
    XarxaExtractedText *result;
    gboolean cut = length > MAX_TEXT;

    if (cut)
      length = MAX_TEXT;
    if (html)
      result = extract_html (data, length);
    else
      {
        result = g_new0 (XarxaExtractedText, 1);
        result->status = g_strdup ("extracted");
        result->text = g_utf8_make_valid (data, length);
      }
    if (cut && result->error == NULL)
      result->error = g_strdup_printf (_("The file is long: only its first %d MB of text can be searched."),
                                       MAX_TEXT / (1024 * 1024));
    return result;
  }
}

/* ---- in a thread -------------------------------------------------------- */

typedef struct
{
  GFile                *file;
  char                 *content_type;
  XarxaExtractProgress  progress;
  gpointer              progress_data;
  GMainContext         *context;
} ExtractJob;

static void
extract_job_free (ExtractJob *job)
{
  g_object_unref (job->file);
  g_free (job->content_type);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  XarxaExtractProgress progress;
  gpointer             data;
  guint                done, total;
} ProgressNote;

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressNote *note = user_data;

  note->progress (note->done, note->total, note->data);
  return G_SOURCE_REMOVE;
}

void
xarxa_extract_progress_relay (GMainContext         *context,
                              XarxaExtractProgress  progress,
                              gpointer              progress_data,
                              guint                 done,
                              guint                 total)
{
  ProgressNote *note;

  g_return_if_fail (context != NULL);
  g_return_if_fail (progress != NULL);

  note = g_new (ProgressNote, 1);
  note->progress = progress;
  note->data = progress_data;
  note->done = done;
  note->total = total;
  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, deliver_progress, note, g_free);
}

/* Carries a progress report from the thread to the caller's context. */
static void
relay_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  ExtractJob *job = user_data;

  xarxa_extract_progress_relay (job->context, job->progress, job->progress_data, done, total);
}

static void
extract_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ExtractJob *job = task_data;
  GError *error = NULL;
  XarxaExtractedText *result;

  (void) source_object;
  result = xarxa_text_extract (job->file, job->content_type, cancellable,
                               job->progress != NULL ? relay_progress : NULL, job, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) xarxa_extracted_text_free);
}

void
xarxa_text_extract_async (GFile                *file,
                          const char           *content_type,
                          GCancellable         *cancellable,
                          XarxaExtractProgress  progress,
                          gpointer              progress_data,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ExtractJob *job;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (content_type != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, xarxa_text_extract_async);
  g_task_set_return_on_cancel (task, FALSE);
  job = g_new0 (ExtractJob, 1);
  job->file = g_object_ref (file);
  job->content_type = g_strdup (content_type);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, job, (GDestroyNotify) extract_job_free);
  g_task_run_in_thread (task, extract_thread);
}

XarxaExtractedText *
xarxa_text_extract_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, xarxa_text_extract_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
