/* xarxa-list-page.h — the logic the list views (Directory, Clusters) share:
 * a list of records with search and filters beside a record's editor in an
 * AdwLeaflet.  Each page keeps its own widgets and state and calls these.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-new-record-dialog.h"
#include "xarxa-record-list.h"

G_BEGIN_DECLS

/* A selection over @list (taken: a new reference is made) that selects
 * nothing of itself and can be emptied. */
GtkSingleSelection *xarxa_list_page_new_selection     (XarxaRecordList    *list);

/* Selects the row of @id (none when @id is NULL or the list does not hold
 * it), with *@selecting TRUE meanwhile so the page's handler keeps out. */
void                xarxa_list_page_select            (GtkSingleSelection *selection,
                                                       XarxaRecordList    *list,
                                                       const char         *id,
                                                       gboolean           *selecting);

/* Empties the selection, so that choosing the same row again opens it. */
void                xarxa_list_page_unselect          (GtkSingleSelection *selection,
                                                       gboolean           *selecting);

/* Where the window is wide, list and editor are both on screen and choosing
 * a row keeps the keyboard in the list; only Enter or a double click
 * (@focus TRUE) moves into @editor.  Where it is narrow, the editor takes
 * the list's place.  The leaflet is told to show the editor only when
 * folded: AdwLeaflet moves the focus into the child it makes visible.  A
 * leaflet not laid out yet (its view shown this moment, a record opened
 * into it from elsewhere) is asked once it has its size. */
void                xarxa_list_page_reveal_editor     (AdwLeaflet         *leaflet,
                                                       GtkWidget          *editor,
                                                       gboolean            focus);

/* Whether @leaflet is folded and shows the editor ("content"). */
gboolean            xarxa_list_page_showing_detail    (AdwLeaflet         *leaflet);

/* Reads @entry's text, trimmed, into *@search (NULL when empty); TRUE if
 * it changed, so the query must run again. */
gboolean            xarxa_list_page_take_search       (GtkSearchEntry     *entry,
                                                       char              **search);

/* Marks @filter_button when filters narrow the list. */
void                xarxa_list_page_show_filters_active (GtkWidget        *filter_button,
                                                         gboolean          active);

/* Asks for a new record's title in a dialog named @name over @page's window. */
void                xarxa_list_page_ask_new_record    (GtkWidget                *page,
                                                       const char               *name,
                                                       const XarxaNewRecordText *text,
                                                       XarxaFindRecordFunc       find,
                                                       XarxaCreateRecordFunc     create,
                                                       XarxaOpenRecordFunc       open);

/* Shows on @page's window that @title could not be added (@message says
 * why); the toast stays until dismissed. */
void                xarxa_list_page_show_add_error    (GtkWidget          *page,
                                                       const char         *title,
                                                       const char         *message);

/* Shows on @page's window that @title could not be deleted. */
void                xarxa_list_page_show_delete_error (GtkWidget          *page,
                                                       const char         *title,
                                                       const char         *message);

/* Shows on @page's window that the record @id of @type_name, titled
 * @title, was deleted, with Undo (the window's win.undelete). */
void                xarxa_list_page_show_deleted      (GtkWidget          *page,
                                                       const char         *type_name,
                                                       const char         *id,
                                                       const char         *title);

G_END_DECLS
