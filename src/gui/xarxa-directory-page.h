/* xarxa-directory-page.h — the Directory view: list, search, filters, editor.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_DIRECTORY_PAGE (xarxa_directory_page_get_type ())
G_DECLARE_FINAL_TYPE (XarxaDirectoryPage, xarxa_directory_page, XARXA, DIRECTORY_PAGE, AdwBin)

/* settings may be NULL (schema not installed): the sort is then not kept. */
void     xarxa_directory_page_set_store          (XarxaDirectoryPage *self,
                                                  XarxaStore         *store,
                                                  GSettings          *settings);
/* A copy of the query the list shows now. */
XarxaQuery *xarxa_directory_page_dup_query       (XarxaDirectoryPage *self);
/* TRUE when the window is narrow and shows the editor instead of the list. */
gboolean xarxa_directory_page_get_showing_detail (XarxaDirectoryPage *self);
void     xarxa_directory_page_go_back            (XarxaDirectoryPage *self);
void     xarxa_directory_page_focus_search       (XarxaDirectoryPage *self);
/* Asks for a name, warns of a duplicate, creates and opens the organisation. */
void     xarxa_directory_page_new_entity         (XarxaDirectoryPage *self);
/* Creates an organisation with this name (no questions) and opens it. */
char    *xarxa_directory_page_create_entity      (XarxaDirectoryPage *self,
                                                  const char         *name);
void     xarxa_directory_page_open_entity        (XarxaDirectoryPage *self,
                                                  const char         *id);
/* Deletes the organisation open in the editor, with an Undo toast. */
void     xarxa_directory_page_delete_current     (XarxaDirectoryPage *self);
void     xarxa_directory_page_undelete           (XarxaDirectoryPage *self,
                                                  const char         *type_name,
                                                  const char         *id);

G_END_DECLS
