/* xarxa-documents-group.h — the documents of an organisation, a cluster or
 * a mission, on its page: each opens in the Library, with Link Document…
 * and Unlink (with Undo).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_DOCUMENTS_GROUP (xarxa_documents_group_get_type ())
G_DECLARE_FINAL_TYPE (XarxaDocumentsGroup, xarxa_documents_group, XARXA, DOCUMENTS_GROUP, AdwPreferencesGroup)

GtkWidget  *xarxa_documents_group_new         (void);
void        xarxa_documents_group_set_store   (XarxaDocumentsGroup *self,
                                               XarxaStore          *store);
/* The record whose documents are listed: @target_type "entity",
 * "cluster" or "mission"; @target_id NULL for none. */
void        xarxa_documents_group_set_target  (XarxaDocumentsGroup *self,
                                               const char          *target_type,
                                               const char          *target_id);
/* The titles listed, in order (for tests and the accessible tree). */
GPtrArray  *xarxa_documents_group_dup_titles  (XarxaDocumentsGroup *self);
/* Links the document @document_id to the record shown, as the picker does. */
gboolean    xarxa_documents_group_link        (XarxaDocumentsGroup *self,
                                               const char          *document_id);

G_END_DECLS
