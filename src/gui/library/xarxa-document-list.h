/* xarxa-document-list.h — the documents the Library view lists, as a
 * GListModel.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xarxa-library.h"
#include "xarxa-record.h"

G_BEGIN_DECLS

#define XARXA_TYPE_DOCUMENT_LIST (xarxa_document_list_get_type ())
G_DECLARE_FINAL_TYPE (XarxaDocumentList, xarxa_document_list, XARXA, DOCUMENT_LIST, GObject)

XarxaDocumentList        *xarxa_document_list_new        (XarxaStore               *store);
/* Copies @filter, runs it again and reports the change. */
void                      xarxa_document_list_set_filter (XarxaDocumentList        *self,
                                                          const XarxaLibraryFilter *filter);
const XarxaLibraryFilter *xarxa_document_list_get_filter (XarxaDocumentList        *self);
void                      xarxa_document_list_refresh    (XarxaDocumentList        *self);
/* Position of the document @id, or G_MAXUINT. */
guint                     xarxa_document_list_find       (XarxaDocumentList        *self,
                                                          const char               *id);

G_END_DECLS
