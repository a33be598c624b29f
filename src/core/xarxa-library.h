/* xarxa-library.h — what the knowledge library does with documents beyond
 * the generic record path: attachments and their text, links to the
 * organisations, clusters and missions a document speaks of, and which
 * documents may leave the database (interviews need consent).
 *
 * Every change goes through the store's write API, so it syncs.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-attachments.h"
#include "xarxa-store.h"
#include "xarxa-text-extract.h"

G_BEGIN_DECLS

/* The attachments folder beside the store's database. */
char       *xarxa_library_files_dir     (XarxaStore          *store);

/* Names @attachment (already stored) as the document's file. */
gboolean    xarxa_library_attach        (XarxaStore          *store,
                                         const char          *document_id,
                                         const XarxaAttachment *attachment,
                                         GError             **error);
/* Writes what extraction found: the text into full_text (and so into the
 * search index), text_status and text_error; the file's own authors and
 * date fill those fields only where the document has none. */
gboolean    xarxa_library_set_text      (XarxaStore          *store,
                                         const char          *document_id,
                                         const XarxaExtractedText *text,
                                         GError             **error);
/* The whole of adding a document at once, for the command line: stores
 * @file (may be NULL), extracts its text, creates the document from
 * @values and returns its id.  A file whose text cannot be read still
 * makes its document: *@extracted (when not NULL) says why. */
char       *xarxa_library_add_document  (XarxaStore          *store,
                                         JsonObject          *values,
                                         GFile               *file,
                                         GCancellable        *cancellable,
                                         XarxaExtractedText **extracted,
                                         GError             **error);
/* What the window does with a file dropped or chosen, off the main
 * thread: the file stored (streamed and hashed) and its text read, with
 * the extraction's progress on the caller's context.  The result goes to
 * a document with xarxa_library_attach() and xarxa_library_set_text();
 * the PDF's title, author and date in ->text are offered for the form. */
typedef struct
{
  XarxaAttachment    *attachment;
  XarxaExtractedText *text;
} XarxaStoredFile;

void        xarxa_stored_file_free      (XarxaStoredFile     *stored);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaStoredFile, xarxa_stored_file_free)

void        xarxa_library_store_file_async  (const char          *files_dir,
                                             GFile               *file,
                                             GCancellable        *cancellable,
                                             XarxaExtractProgress progress,
                                             gpointer             progress_data,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
XarxaStoredFile *xarxa_library_store_file_finish (GAsyncResult   *result,
                                                  GError        **error);

/* Writes the document's attachment to @dest, as it was stored. */
gboolean    xarxa_library_export_file   (XarxaStore          *store,
                                         const char          *document_id,
                                         GFile               *dest,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* Links: @target_type is "entity", "cluster" or "mission".  A link's id
 * is made from the pair, so that two devices linking the same pair
 * offline make one link.  Linking twice is linking once. */
char       *xarxa_library_link          (XarxaStore          *store,
                                         const char          *document_id,
                                         const char          *target_type,
                                         const char          *target_id,
                                         GError             **error);
gboolean    xarxa_library_unlink        (XarxaStore          *store,
                                         const char          *document_id,
                                         const char          *target_type,
                                         const char          *target_id,
                                         GError             **error);
/* The ids of the live documents linked to a record, by title. */
GPtrArray  *xarxa_library_documents_of  (XarxaStore          *store,
                                         const char          *target_type,
                                         const char          *target_id,
                                         GError             **error);

typedef struct
{
  char *type;   /* "entity", "cluster", "mission", "meeting" */
  char *id;
} XarxaLinkTarget;

void        xarxa_link_target_free      (XarxaLinkTarget     *target);
/* The records a document is linked to (XarxaLinkTarget*), oldest link first. */
GPtrArray  *xarxa_library_targets_of    (XarxaStore          *store,
                                         const char          *document_id,
                                         GError             **error);

/* What the Library view lists: search words and filters, each NULL (or
 * 0 for a year) when it does not narrow the list. */
typedef struct
{
  const char *search;        /* words, each a prefix, accents folded */
  const char *kind;
  const char *transition;
  const char *territory;
  const char *language;      /* "ca" also keeps "ca-ES" */
  int         year_from;     /* the year of the document's date */
  int         year_to;
  const char *target_type;   /* linked to this record ("entity", …) */
  const char *target_id;
} XarxaLibraryFilter;

/* The rowids (gint64) of the live documents @filter keeps: with search
 * words, best first by FTS5's bm25 (a word in the title weighs more than
 * one in the attachment's text); otherwise by title. */
GArray     *xarxa_library_query_rowids  (XarxaStore               *store,
                                         const XarxaLibraryFilter *filter,
                                         GError                  **error);
/* The words of @search in the document of @rowid, in their context, each
 * between @mark_start and @mark_end; NULL when it holds none of them. */
char       *xarxa_library_snippet       (XarxaStore          *store,
                                         gint64               rowid,
                                         const char          *search,
                                         const char          *mark_start,
                                         const char          *mark_end);
/* The languages and the territories the live documents have, sorted,
 * each once (strings). */
GPtrArray  *xarxa_library_list_languages   (XarxaStore       *store,
                                            GError          **error);
GPtrArray  *xarxa_library_list_territories (XarxaStore       *store,
                                            GError          **error);
/* Every record some live document is linked to (XarxaLinkTarget*), once. */
GPtrArray  *xarxa_library_linked_targets   (XarxaStore       *store,
                                            GError          **error);
/* The id of a live document whose attachment is the file of @hash, or
 * NULL: the same file added twice is found again. */
char       *xarxa_library_find_by_hash     (XarxaStore       *store,
                                            const char       *hash,
                                            GError          **error);

/* FALSE for an interview whose interviewee has not given consent: it is
 * left out of every export. */
gboolean    xarxa_document_may_export   (JsonObject          *document);

G_END_DECLS
