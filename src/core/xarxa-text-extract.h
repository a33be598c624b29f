/* xarxa-text-extract.h — the text of an attachment, for search.
 *
 * PDF through poppler-glib (with the file's own title, author and date),
 * HTML through libxml2's HTML parser (the text, without scripts and
 * styles), plain text and Markdown as they are.  A file whose text cannot
 * be read is not an error of the call: the result says why (damaged,
 * protected by a password, a kind of file with no text), so that its
 * document is kept and says so.  Slow for a long PDF: call the _async
 * form, which works in a thread, reports progress and can be cancelled.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *text;          /* the text, or NULL when it could not be read */
  char *status;        /* a value of xarxa_text_statuses: "extracted", "damaged", … */
  char *error;         /* why the text could not be read, for people; or NULL */
  /* What the file says of itself (a PDF's metadata), or NULL. */
  char *title;
  char *author;
  char *date;          /* YYYY-MM-DD */
  guint n_pages;       /* a PDF's pages, else 0 */
} XarxaExtractedText;

void  xarxa_extracted_text_free (XarxaExtractedText *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaExtractedText, xarxa_extracted_text_free)

/* @done of @total units (pages of a PDF) are read.  Called in the thread
 * that calls xarxa_text_extract(); on the caller's main context for the
 * _async form. */
typedef void (*XarxaExtractProgress) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* Calls @progress (@done, @total, @progress_data) on @context, from the
 * thread that does the work: how the _async forms report. */
void xarxa_extract_progress_relay (GMainContext         *context,
                                   XarxaExtractProgress  progress,
                                   gpointer              progress_data,
                                   guint                 done,
                                   guint                 total);

/* NULL with an error only when the work itself failed: the file cannot be
 * opened, or @cancellable was cancelled. */
XarxaExtractedText *xarxa_text_extract        (GFile                *file,
                                               const char           *content_type,
                                               GCancellable         *cancellable,
                                               XarxaExtractProgress  progress,
                                               gpointer              progress_data,
                                               GError              **error);
/* @progress_data must live until @callback is called. */
void                xarxa_text_extract_async  (GFile                *file,
                                               const char           *content_type,
                                               GCancellable         *cancellable,
                                               XarxaExtractProgress  progress,
                                               gpointer              progress_data,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
XarxaExtractedText *xarxa_text_extract_finish (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
