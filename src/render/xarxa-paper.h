/* xarxa-paper.h — a small paginating writer for paper and PDF.
 *
 * A document is built as a list of blocks (a title, headings, paragraphs
 * that wrap and break across pages, simple tables whose header comes back
 * on each new page, drawings of a given height) and then laid out on A4
 * pages in two passes: xarxa_paper_paginate() lays everything out and
 * counts the pages, xarxa_paper_draw_page() draws one page, with "Page 3 of
 * 7" in its footer, onto any cairo context whose unit is the point and
 * whose origin is the paper's top-left corner: a cairo PDF surface for the
 * command line, GtkPrintOperation's draw-page in the application.  No GTK
 * here.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* A4, in points. */
#define XARXA_PAPER_WIDTH  595.2756
#define XARXA_PAPER_HEIGHT 841.8898

#define XARXA_TYPE_PAPER (xarxa_paper_get_type ())
G_DECLARE_FINAL_TYPE (XarxaPaper, xarxa_paper, XARXA, PAPER, GObject)

/* Draws in a box of @width × @height points whose top-left corner is the
 * origin of @cr. */
typedef void (*XarxaPaperDrawFunc) (cairo_t  *cr,
                                    double    width,
                                    double    height,
                                    gpointer  user_data);

/* @language: a BCP 47 code for hyphenation and fonts (NULL: the user's).
 * @title: the document's title, for its metadata and a print job's name. */
XarxaPaper *xarxa_paper_new               (const char         *language,
                                           const char         *title);
const char *xarxa_paper_get_title         (XarxaPaper         *self);
const char *xarxa_paper_get_language      (XarxaPaper         *self);

/* ---- building ---------------------------------------------------------- */

/* The document's big title, and a line under it (NULL: none). */
void        xarxa_paper_add_title         (XarxaPaper         *self,
                                           const char         *title,
                                           const char         *subtitle);
/* A heading of level 1 or 2; it is kept on the page of what follows. */
void        xarxa_paper_add_heading       (XarxaPaper         *self,
                                           guint               level,
                                           const char         *text);
/* A paragraph of plain text ("\n" starts a new line). */
void        xarxa_paper_add_paragraph     (XarxaPaper         *self,
                                           const char         *text);
/* A paragraph in Pango markup (escape what comes from records with
 * g_markup_printf_escaped). */
void        xarxa_paper_add_markup        (XarxaPaper         *self,
                                           const char         *markup);
/* A table of @n_columns columns; @widths are their shares of the width
 * (NULL: equal), @header their titles (NULL: no header row).  Rows are
 * added to it with xarxa_paper_add_row() until another block is added. */
void        xarxa_paper_begin_table       (XarxaPaper         *self,
                                           guint               n_columns,
                                           const double       *widths,
                                           const char *const  *header);
/* A row of the current table: @cells as Pango markup, n_columns of them
 * (NULL cells are empty). */
void        xarxa_paper_add_row           (XarxaPaper         *self,
                                           const char *const  *cells);
/* A drawing @height points high across the text's width; @draw is called
 * when the page that holds it is drawn. */
void        xarxa_paper_add_drawing       (XarxaPaper         *self,
                                           double              height,
                                           XarxaPaperDrawFunc  draw,
                                           gpointer            user_data,
                                           GDestroyNotify      destroy);
/* The last block added (a paragraph or a drawing) stands on the page of
 * the block that follows it, as a heading does: an indicator's name over
 * its chart. */
void        xarxa_paper_keep_with_next    (XarxaPaper         *self);
/* What follows starts on a new page. */
void        xarxa_paper_add_page_break    (XarxaPaper         *self);

/* ---- laying out and drawing -------------------------------------------- */

/* The text's width in points: what a drawing has across. */
double      xarxa_paper_get_text_width    (XarxaPaper         *self);
/* Lays the blocks out on pages and returns how many (at least 1).  Blocks
 * added later need another call. */
guint       xarxa_paper_paginate          (XarxaPaper         *self);
guint       xarxa_paper_get_n_pages       (XarxaPaper         *self);
/* Draws page @page (from 0) onto @cr, in points from the paper's top-left
 * corner.  Paginates first if needed. */
void        xarxa_paper_draw_page         (XarxaPaper         *self,
                                           cairo_t            *cr,
                                           guint               page);
/* Writes the whole document as a PDF file, replacing @path only once it
 * is written whole. */
gboolean    xarxa_paper_write_pdf         (XarxaPaper         *self,
                                           const char         *path,
                                           GError            **error);

G_END_DECLS
