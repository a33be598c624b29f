/* xarxa-library-page.h — the Library view: documents found by any word,
 * filters, and a document's page edited in place.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_LIBRARY_PAGE (xarxa_library_page_get_type ())
G_DECLARE_FINAL_TYPE (XarxaLibraryPage, xarxa_library_page, XARXA, LIBRARY_PAGE, AdwBin)

/* Shows the document (NULL: none) and selects it in the list. */
void        xarxa_library_page_open_document   (XarxaLibraryPage *self,
                                                const char       *id);
const char *xarxa_library_page_get_shown_id    (XarxaLibraryPage *self);
/* Creates a document titled @title and opens it; its id, or NULL (a
 * toast says why). */
char       *xarxa_library_page_create_document (XarxaLibraryPage *self,
                                                const char       *title);
/* Adds @file as a new document (@attach_to NULL) or as the file of the
 * document @attach_to: stored and read off the main thread, with progress
 * and Cancel; files added meanwhile wait their turn. */
void        xarxa_library_page_add_file        (XarxaLibraryPage *self,
                                                GFile            *file,
                                                const char       *attach_to);
/* TRUE while a file is being stored and read. */
gboolean    xarxa_library_page_get_busy        (XarxaLibraryPage *self);
/* Deletes the document shown, with Undo in a toast. */
void        xarxa_library_page_delete_current  (XarxaLibraryPage *self);

G_END_DECLS
