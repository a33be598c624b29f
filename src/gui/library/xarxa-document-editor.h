/* xarxa-document-editor.h — a document's page, edited in place: its
 * metadata, its attachment, an interview's consent and its links.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_DOCUMENT_EDITOR (xarxa_document_editor_get_type ())
G_DECLARE_FINAL_TYPE (XarxaDocumentEditor, xarxa_document_editor, XARXA, DOCUMENT_EDITOR, AdwBin)

void        xarxa_document_editor_set_store       (XarxaDocumentEditor *self,
                                                   XarxaStore          *store);
/* Saves what is being typed in the document shown, then shows @id (NULL:
 * none). */
void        xarxa_document_editor_set_document    (XarxaDocumentEditor *self,
                                                   const char          *id);
const char *xarxa_document_editor_get_document_id (XarxaDocumentEditor *self);
/* The document's title as stored, or NULL. */
const char *xarxa_document_editor_get_title       (XarxaDocumentEditor *self);
/* Reads the document again (its file or text changed, a link was made). */
void        xarxa_document_editor_reload          (XarxaDocumentEditor *self);
void        xarxa_document_editor_flush           (XarxaDocumentEditor *self);
void        xarxa_document_editor_focus_first     (XarxaDocumentEditor *self);
/* What the page says of the attachment's text: "Text of 34 pages
 * indexed", or why it could not be read; NULL without a file. */
const char *xarxa_document_editor_get_text_state  (XarxaDocumentEditor *self);

G_END_DECLS
