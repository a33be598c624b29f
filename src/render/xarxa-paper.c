/* xarxa-paper.c — a small paginating writer for paper and PDF.
 *
 * Blocks are laid out with Pango in a context of its own at 72 dots per
 * inch, so one unit is one point whatever surface draws them later, and
 * with hinted metrics off, so that the pages a PDF file and a printer get
 * break in the same places.  Pagination places "pieces" on pages: a run of
 * a paragraph's lines, a run of a table's rows (under a repeated header),
 * a drawing; drawing a page draws its pieces and the footer.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-render"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "xarxa-paper.h"

#define MARGIN_SIDE   56.69   /* 2 cm */
#define MARGIN_TOP    56.69
#define MARGIN_BOTTOM 70.87   /* 2.5 cm: the footer sits in it */
#define CELL_PAD      4.0
#define FONT_FAMILY   "Sans"

typedef enum
{
  BLOCK_TITLE,
  BLOCK_SUBTITLE,
  BLOCK_HEADING1,
  BLOCK_HEADING2,
  BLOCK_PARAGRAPH,
  BLOCK_TABLE,
  BLOCK_DRAWING,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct
{
  double top;        /* from the layout's top */
  double bottom;
  double baseline;
  double x;
} LineBox;

typedef struct
{
  BlockKind           kind;
  gboolean            keep_with_next;
  char               *markup;        /* text blocks */
  /* tables */
  guint               n_columns;
  double             *widths;        /* shares, adding up to 1 */
  char              **header;        /* NULL: no header row */
  GPtrArray          *rows;          /* of GStrv */
  /* drawings */
  double              height;
  XarxaPaperDrawFunc  draw;
  gpointer            user_data;
  GDestroyNotify      destroy;
  /* laid out */
  PangoLayout        *layout;
  GArray             *lines;         /* of LineBox */
  GPtrArray          *header_cells;  /* of PangoLayout */
  double              header_height;
  GPtrArray          *row_cells;     /* of GPtrArray of PangoLayout */
  GArray             *row_heights;   /* of double */
} Block;

typedef struct
{
  Block  *block;
  double  y;       /* text: where the layout's top would be; else the piece's top */
  guint   first;   /* lines or rows */
  guint   last;    /* one past */
  /* A slice of one row higher than a page, in the row's own points from
   * its top; both 0 for whole rows. */
  double  from;
  double  to;
} Piece;

struct _XarxaPaper
{
  GObject       parent_instance;

  char         *language;
  char         *title;
  GPtrArray    *blocks;       /* of Block */
  PangoContext *context;
  GPtrArray    *pages;        /* of GArray of Piece; NULL: not laid out */
};

G_DEFINE_FINAL_TYPE (XarxaPaper, xarxa_paper, G_TYPE_OBJECT)

static void
block_clear_layout (Block *block)
{
  g_clear_object (&block->layout);
  g_clear_pointer (&block->lines, g_array_unref);
  g_clear_pointer (&block->header_cells, g_ptr_array_unref);
  g_clear_pointer (&block->row_cells, g_ptr_array_unref);
  g_clear_pointer (&block->row_heights, g_array_unref);
}

static void
block_free (gpointer data)
{
  Block *block = data;

  block_clear_layout (block);
  g_free (block->markup);
  g_free (block->widths);
  g_strfreev (block->header);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  if (block->destroy != NULL)
    block->destroy (block->user_data);
  g_free (block);
}

static void
xarxa_paper_finalize (GObject *object)
{
  XarxaPaper *self = XARXA_PAPER (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_free (self->language);
  g_free (self->title);

  G_OBJECT_CLASS (xarxa_paper_parent_class)->finalize (object);
}

static void
xarxa_paper_class_init (XarxaPaperClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xarxa_paper_finalize;
}

static void
xarxa_paper_init (XarxaPaper *self)
{
  self->blocks = g_ptr_array_new_with_free_func (block_free);
}

XarxaPaper *
xarxa_paper_new (const char *language,
                 const char *title)
{
  XarxaPaper *self = g_object_new (XARXA_TYPE_PAPER, NULL);
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  self->language = g_strdup (language != NULL && *language != '\0'
                             ? language
                             : pango_language_to_string (pango_language_get_default ()));
  self->title = g_strdup (title != NULL ? title : "");

  self->context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_language (self->context, pango_language_from_string (self->language));
  return self;
}

const char *
xarxa_paper_get_title (XarxaPaper *self)
{
  g_return_val_if_fail (XARXA_IS_PAPER (self), NULL);
  return self->title;
}

const char *
xarxa_paper_get_language (XarxaPaper *self)
{
  g_return_val_if_fail (XARXA_IS_PAPER (self), NULL);
  return self->language;
}

/* ---- building ------------------------------------------------------------ */

static Block *
add_block (XarxaPaper *self,
           BlockKind   kind,
           char       *markup)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->markup = markup;
  g_ptr_array_add (self->blocks, block);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  return block;
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

void
xarxa_paper_add_title (XarxaPaper *self,
                       const char *title,
                       const char *subtitle)
{
  g_return_if_fail (XARXA_IS_PAPER (self));
  g_return_if_fail (title != NULL);

  add_block (self, BLOCK_TITLE, escape (title));
  if (subtitle != NULL && *subtitle != '\0')
    add_block (self, BLOCK_SUBTITLE, escape (subtitle));
}

void
xarxa_paper_add_heading (XarxaPaper *self,
                         guint       level,
                         const char *text)
{
  g_return_if_fail (XARXA_IS_PAPER (self));
  g_return_if_fail (level == 1 || level == 2);
  g_return_if_fail (text != NULL);

  add_block (self, level == 1 ? BLOCK_HEADING1 : BLOCK_HEADING2, escape (text));
}

void
xarxa_paper_add_paragraph (XarxaPaper *self,
                           const char *text)
{
  g_return_if_fail (XARXA_IS_PAPER (self));
  g_return_if_fail (text != NULL);

  add_block (self, BLOCK_PARAGRAPH, escape (text));
}

void
xarxa_paper_add_markup (XarxaPaper *self,
                        const char *markup)
{
  g_return_if_fail (XARXA_IS_PAPER (self));
  g_return_if_fail (markup != NULL);
  g_return_if_fail (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));

  add_block (self, BLOCK_PARAGRAPH, g_strdup (markup));
}

void
xarxa_paper_begin_table (XarxaPaper        *self,
                         guint              n_columns,
                         const double      *widths,
                         const char *const *header)
{
  Block *block;
  double total = 0;

  g_return_if_fail (XARXA_IS_PAPER (self));
  g_return_if_fail (n_columns > 0);

  block = add_block (self, BLOCK_TABLE, NULL);
  block->n_columns = n_columns;
  block->widths = g_new (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    total += widths != NULL ? MAX (widths[i], 0.01) : 1.0;
  for (guint i = 0; i < n_columns; i++)
    block->widths[i] = (widths != NULL ? MAX (widths[i], 0.01) : 1.0) / total;
  if (header != NULL)
    {
      block->header = g_new0 (char *, n_columns + 1);
      for (guint i = 0; i < n_columns; i++)
        block->header[i] = escape (header[i]);
    }
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

void
xarxa_paper_add_row (XarxaPaper        *self,
                     const char *const *cells)
{
  Block *block;
  char **row;

  g_return_if_fail (XARXA_IS_PAPER (self));
  g_return_if_fail (cells != NULL);
  g_return_if_fail (self->blocks->len > 0);
  block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  g_return_if_fail (block->kind == BLOCK_TABLE);

  row = g_new0 (char *, block->n_columns + 1);
  for (guint i = 0; i < block->n_columns; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (block->rows, row);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
}

void
xarxa_paper_add_drawing (XarxaPaper         *self,
                         double              height,
                         XarxaPaperDrawFunc  draw,
                         gpointer            user_data,
                         GDestroyNotify      destroy)
{
  Block *block;

  g_return_if_fail (XARXA_IS_PAPER (self));
  g_return_if_fail (height > 0);
  g_return_if_fail (draw != NULL);

  block = add_block (self, BLOCK_DRAWING, NULL);
  block->height = MIN (height, XARXA_PAPER_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM);
  block->draw = draw;
  block->user_data = user_data;
  block->destroy = destroy;
}

void
xarxa_paper_keep_with_next (XarxaPaper *self)
{
  Block *block;

  g_return_if_fail (XARXA_IS_PAPER (self));
  g_return_if_fail (self->blocks->len > 0);

  block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  g_return_if_fail (block->kind != BLOCK_TABLE && block->kind != BLOCK_PAGE_BREAK);
  block->keep_with_next = TRUE;
  g_clear_pointer (&self->pages, g_ptr_array_unref);
}

void
xarxa_paper_add_page_break (XarxaPaper *self)
{
  g_return_if_fail (XARXA_IS_PAPER (self));

  add_block (self, BLOCK_PAGE_BREAK, NULL);
}

/* ---- laying out ---------------------------------------------------------- */

double
xarxa_paper_get_text_width (XarxaPaper *self)
{
  g_return_val_if_fail (XARXA_IS_PAPER (self), 0);
  return XARXA_PAPER_WIDTH - 2 * MARGIN_SIDE;
}

static PangoLayout *
make_layout (XarxaPaper *self,
             const char *markup,
             const char *font,
             double      width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1.0)));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static const char *
font_of (BlockKind kind)
{
  switch (kind)
    {
    case BLOCK_TITLE:
      return FONT_FAMILY " Bold 22";
    case BLOCK_SUBTITLE:
      return FONT_FAMILY " 12";
    case BLOCK_HEADING1:
      return FONT_FAMILY " Bold 15";
    case BLOCK_HEADING2:
      return FONT_FAMILY " Bold 12";
    case BLOCK_PARAGRAPH:
    case BLOCK_TABLE:
    case BLOCK_DRAWING:
    case BLOCK_PAGE_BREAK:
    default:
      return FONT_FAMILY " 10";
    }
}

static double
space_before (BlockKind kind)
{
  switch (kind)
    {
    case BLOCK_HEADING1:
      return 18;
    case BLOCK_HEADING2:
      return 12;
    case BLOCK_SUBTITLE:
      return 4;
    case BLOCK_TITLE:
    case BLOCK_PARAGRAPH:
    case BLOCK_TABLE:
    case BLOCK_DRAWING:
    case BLOCK_PAGE_BREAK:
    default:
      return 6;
    }
}

static void
layout_text (XarxaPaper *self,
             Block      *block)
{
  PangoLayoutIter *iter;

  block->layout = make_layout (self, block->markup, font_of (block->kind), xarxa_paper_get_text_width (self));
  block->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  iter = pango_layout_get_iter (block->layout);
  do
    {
      LineBox box;
      PangoRectangle logical;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.top = pango_units_to_double (y0);
      box.bottom = pango_units_to_double (y1);
      box.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      box.x = pango_units_to_double (logical.x);
      g_array_append_val (block->lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* The cells of one row, and the row's height. */
static GPtrArray *
layout_cells (XarxaPaper  *self,
              Block       *block,
              char       **cells,
              const char  *font,
              double      *height)
{
  GPtrArray *layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double width = xarxa_paper_get_text_width (self);

  *height = 0;
  for (guint i = 0; i < block->n_columns; i++)
    {
      PangoLayout *layout = make_layout (self, cells[i], font, width * block->widths[i] - 2 * CELL_PAD);
      int h;

      pango_layout_get_size (layout, NULL, &h);
      *height = MAX (*height, pango_units_to_double (h) + 2 * CELL_PAD);
      g_ptr_array_add (layouts, layout);
    }
  return layouts;
}

static void
layout_table (XarxaPaper *self,
              Block      *block)
{
  block->header_height = 0;
  if (block->header != NULL)
    block->header_cells = layout_cells (self, block, block->header, FONT_FAMILY " Bold 9", &block->header_height);
  block->row_cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  block->row_heights = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint r = 0; r < block->rows->len; r++)
    {
      double h;

      g_ptr_array_add (block->row_cells,
                       layout_cells (self, block, g_ptr_array_index (block->rows, r), FONT_FAMILY " 9", &h));
      g_array_append_val (block->row_heights, h);
    }
}

static gboolean
is_text (const Block *block)
{
  return block->kind != BLOCK_TABLE && block->kind != BLOCK_DRAWING && block->kind != BLOCK_PAGE_BREAK;
}

static gboolean
is_heading (const Block *block)
{
  return block->kind == BLOCK_HEADING1 || block->kind == BLOCK_HEADING2;
}

/* Headings, and blocks marked so, stand on the page of what follows. */
static gboolean
keeps_with_next (const Block *block)
{
  return is_heading (block) || block->keep_with_next;
}

/* The least of a block that must stand on a page with what comes before
 * it: two lines of a paragraph (no orphan), a table's header and first
 * row, a whole drawing, a heading and what it is kept with. */
static double
least_height (XarxaPaper *self,
              guint       index)
{
  Block *block;
  double h = 0;

  if (index >= self->blocks->len)
    return 0;
  block = g_ptr_array_index (self->blocks, index);
  switch (block->kind)
    {
    case BLOCK_TABLE:
      h = block->header_height;
      if (block->row_heights->len > 0)
        h += g_array_index (block->row_heights, double, 0);
      break;
    case BLOCK_DRAWING:
      h = block->height;
      if (block->keep_with_next)
        h += least_height (self, index + 1);
      break;
    case BLOCK_PAGE_BREAK:
      return 0;
    case BLOCK_TITLE:
    case BLOCK_SUBTITLE:
    case BLOCK_HEADING1:
    case BLOCK_HEADING2:
    case BLOCK_PARAGRAPH:
    default:
      {
        guint n = keeps_with_next (block) ? block->lines->len : MIN (block->lines->len, 2);

        h = g_array_index (block->lines, LineBox, n - 1).bottom;
        if (keeps_with_next (block))
          h += least_height (self, index + 1);
      }
      break;
    }
  return space_before (block->kind) + h;
}

#define ROW_HEIGHT(block, r) g_array_index ((block)->row_heights, double, (r))

/* Where to cut row @r of a table so that its slice from @from ends at
 * @limit or before: between two lines of every cell that goes on. */
static double
cut_row (Block  *block,
         guint   r,
         double  from,
         double  limit)
{
  GPtrArray *cells = g_ptr_array_index (block->row_cells, r);
  double cut = ROW_HEIGHT (block, r);

  if (limit >= cut)
    return cut;
  for (guint c = 0; c < cells->len; c++)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (g_ptr_array_index (cells, c));
      double best = from;
      gboolean goes_on = FALSE;

      do
        {
          int y0, y1;
          double line_bottom;

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          line_bottom = CELL_PAD + pango_units_to_double (y1);
          if (line_bottom > limit)
            {
              goes_on = TRUE;
              break;
            }
          if (line_bottom > from)
            best = line_bottom;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      if (goes_on)
        cut = MIN (cut, best);
    }
  /* A line higher than the room left: cut through it rather than stall. */
  return cut > from + 0.5 ? cut : limit;
}

guint
xarxa_paper_paginate (XarxaPaper *self)
{
  const double top = MARGIN_TOP;
  const double bottom = XARXA_PAPER_HEIGHT - MARGIN_BOTTOM;
  GArray *page;
  double y = top;

  g_return_val_if_fail (XARXA_IS_PAPER (self), 0);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      block_clear_layout (block);
      if (is_text (block))
        layout_text (self, block);
      else if (block->kind == BLOCK_TABLE)
        layout_table (self, block);
    }

  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  page = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_ptr_array_add (self->pages, page);

#define NEW_PAGE() G_STMT_START {                            \
    page = g_array_new (FALSE, FALSE, sizeof (Piece));       \
    g_ptr_array_add (self->pages, page);                     \
    y = top;                                                 \
  } G_STMT_END

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double space = page->len == 0 ? 0 : space_before (block->kind);

      if (block->kind == BLOCK_PAGE_BREAK)
        {
          if (page->len > 0)
            NEW_PAGE ();
          continue;
        }
      /* What must stay with what went before does not fit: a new page. */
      if (page->len > 0 && y + least_height (self, i) > bottom)
        {
          NEW_PAGE ();
          space = 0;
        }
      y += space;

      if (is_text (block))
        {
          guint first = 0;
          GArray *lines = block->lines;

          while (first < lines->len)
            {
              double start = g_array_index (lines, LineBox, first).top;
              guint last = first;
              Piece piece = { block, y - start, first, 0, 0, 0 };

              while (last < lines->len && y + g_array_index (lines, LineBox, last).bottom - start <= bottom)
                last++;
              /* A line higher than a whole page still goes somewhere. */
              if (last == first)
                last = first + 1;
              /* Leave no single line at the foot of a page. */
              if (last < lines->len && last - first == 1 && first == 0 && page->len > 0)
                {
                  NEW_PAGE ();
                  continue;
                }
              piece.last = last;
              g_array_append_val (page, piece);
              y += g_array_index (lines, LineBox, last - 1).bottom - start;
              first = last;
              if (first < lines->len)
                NEW_PAGE ();
            }
        }
      else if (block->kind == BLOCK_TABLE)
        {
          guint r = 0;
          double body = bottom - top - block->header_height;

          if (block->rows->len == 0)
            {
              Piece piece = { block, y, 0, 0, 0, 0 };

              g_array_append_val (page, piece);
              y += block->header_height;
            }
          while (r < block->rows->len)
            {
              Piece piece = { block, y, r, r, 0, 0 };
              double h = block->header_height;

              if (ROW_HEIGHT (block, r) > body)
                {
                  /* A row higher than a page goes over in slices cut
                   * between lines, so that none of its text is lost. */
                  double from = 0;

                  if (page->len > 0 && bottom - y - block->header_height < 3 * CELL_PAD + 24)
                    NEW_PAGE ();
                  while (from < ROW_HEIGHT (block, r))
                    {
                      Piece slice = { block, y, r, r + 1, from, 0 };

                      slice.to = cut_row (block, r, from, from + bottom - y - block->header_height);
                      g_array_append_val (page, slice);
                      y += block->header_height + slice.to - from;
                      from = slice.to;
                      if (from < ROW_HEIGHT (block, r))
                        NEW_PAGE ();
                    }
                  r++;
                  if (r < block->rows->len && y + block->header_height + ROW_HEIGHT (block, r) > bottom &&
                      ROW_HEIGHT (block, r) <= body)
                    NEW_PAGE ();
                  continue;
                }
              while (piece.last < block->rows->len && ROW_HEIGHT (block, piece.last) <= body &&
                     (piece.last == r || y + h + ROW_HEIGHT (block, piece.last) <= bottom))
                h += ROW_HEIGHT (block, piece.last++);
              g_array_append_val (page, piece);
              y += h;
              r = piece.last;
              if (r < block->rows->len && ROW_HEIGHT (block, r) <= body)
                NEW_PAGE ();
            }
        }
      else
        {
          Piece piece = { block, y, 0, 0, 0, 0 };

          g_array_append_val (page, piece);
          y += block->height;
        }
    }
#undef NEW_PAGE

  return self->pages->len;
}

guint
xarxa_paper_get_n_pages (XarxaPaper *self)
{
  g_return_val_if_fail (XARXA_IS_PAPER (self), 0);

  if (self->pages == NULL)
    xarxa_paper_paginate (self);
  return self->pages->len;
}

/* ---- drawing ------------------------------------------------------------- */

static void
draw_text_piece (cairo_t     *cr,
                 const Piece *piece)
{
  Block *block = piece->block;

  cairo_set_source_rgb (cr, block->kind == BLOCK_SUBTITLE ? 0.3 : 0.0,
                        block->kind == BLOCK_SUBTITLE ? 0.3 : 0.0,
                        block->kind == BLOCK_SUBTITLE ? 0.3 : 0.0);
  for (guint l = piece->first; l < piece->last; l++)
    {
      const LineBox *box = &g_array_index (block->lines, LineBox, l);

      cairo_move_to (cr, MARGIN_SIDE + box->x, piece->y + box->baseline);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (block->layout, (int) l));
    }
  if (block->kind == BLOCK_TITLE || block->kind == BLOCK_HEADING1)
    {
      const LineBox *box = &g_array_index (block->lines, LineBox, piece->last - 1);

      cairo_set_line_width (cr, block->kind == BLOCK_TITLE ? 1.5 : 0.6);
      cairo_move_to (cr, MARGIN_SIDE, piece->y + box->bottom + 2);
      cairo_rel_line_to (cr, XARXA_PAPER_WIDTH - 2 * MARGIN_SIDE, 0);
      cairo_stroke (cr);
    }
}

static void
draw_cells (cairo_t   *cr,
            Block     *block,
            GPtrArray *cells,
            double     y,
            double     height,
            gboolean   header)
{
  double x = MARGIN_SIDE;
  double width = XARXA_PAPER_WIDTH - 2 * MARGIN_SIDE;

  if (header)
    {
      cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
      cairo_rectangle (cr, x, y, width, height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < block->n_columns; c++)
    {
      cairo_move_to (cr, x + CELL_PAD, y + CELL_PAD);
      pango_cairo_show_layout (cr, g_ptr_array_index (cells, c));
      x += width * block->widths[c];
    }
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, MARGIN_SIDE, y + height);
  cairo_rel_line_to (cr, width, 0);
  cairo_stroke (cr);
}

/* The lines of a row's cells that lie between @from and @to of the row,
 * drawn from @y down. */
static void
draw_row_slice (cairo_t   *cr,
                Block     *block,
                GPtrArray *cells,
                double     y,
                double     from,
                double     to)
{
  double x = MARGIN_SIDE;
  double width = XARXA_PAPER_WIDTH - 2 * MARGIN_SIDE;

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < block->n_columns; c++)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (g_ptr_array_index (cells, c));

      do
        {
          PangoRectangle logical;
          int y0, y1;
          double line_top, line_bottom;

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          line_top = CELL_PAD + pango_units_to_double (y0);
          line_bottom = CELL_PAD + pango_units_to_double (y1);
          if (line_top < from - 0.01 || line_bottom > to + 0.01)
            continue;
          cairo_move_to (cr, x + CELL_PAD + pango_units_to_double (logical.x),
                         y + CELL_PAD + pango_units_to_double (pango_layout_iter_get_baseline (iter)) - from);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      x += width * block->widths[c];
    }
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, MARGIN_SIDE, y + to - from);
  cairo_rel_line_to (cr, width, 0);
  cairo_stroke (cr);
}

static void
draw_table_piece (cairo_t     *cr,
                  const Piece *piece)
{
  Block *block = piece->block;
  double y = piece->y;

  if (block->header_cells != NULL)
    {
      draw_cells (cr, block, block->header_cells, y, block->header_height, TRUE);
      y += block->header_height;
    }
  if (piece->to > 0)
    {
      draw_row_slice (cr, block, g_ptr_array_index (block->row_cells, piece->first), y, piece->from, piece->to);
      return;
    }
  for (guint r = piece->first; r < piece->last; r++)
    {
      double h = g_array_index (block->row_heights, double, r);

      draw_cells (cr, block, g_ptr_array_index (block->row_cells, r), y, h, FALSE);
      y += h;
    }
}

static void
draw_footer (XarxaPaper *self,
             cairo_t    *cr,
             guint       page)
{
  /* Translators: the footer of each printed page: "Page 3 of 7". */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  g_autofree char *markup = escape (number);
  g_autofree char *title = escape (self->title);
  g_autoptr(PangoLayout) left = make_layout (self, title, FONT_FAMILY " 8", (XARXA_PAPER_WIDTH - 2 * MARGIN_SIDE) * 0.7);
  g_autoptr(PangoLayout) right = make_layout (self, markup, FONT_FAMILY " 8", XARXA_PAPER_WIDTH - 2 * MARGIN_SIDE);
  double y = XARXA_PAPER_HEIGHT - MARGIN_BOTTOM + 24;

  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_move_to (cr, MARGIN_SIDE, y);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, MARGIN_SIDE, y);
  pango_cairo_show_layout (cr, right);
}

void
xarxa_paper_draw_page (XarxaPaper *self,
                       cairo_t    *cr,
                       guint       page)
{
  GArray *pieces;

  g_return_if_fail (XARXA_IS_PAPER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < xarxa_paper_get_n_pages (self));

  pieces = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, i);

      cairo_save (cr);
      if (is_text (piece->block))
        draw_text_piece (cr, piece);
      else if (piece->block->kind == BLOCK_TABLE)
        draw_table_piece (cr, piece);
      else
        {
          double width = xarxa_paper_get_text_width (self);

          cairo_translate (cr, MARGIN_SIDE, piece->y);
          cairo_rectangle (cr, 0, 0, width, piece->block->height);
          cairo_clip (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          piece->block->draw (cr, width, piece->block->height, piece->block->user_data);
        }
      cairo_restore (cr);
    }
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

/* ---- PDF ----------------------------------------------------------------- */

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} PdfSink;

static cairo_status_t
pdf_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
xarxa_paper_write_pdf (XarxaPaper  *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  PdfSink sink = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  guint n_pages;

  g_return_val_if_fail (XARXA_IS_PAPER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = g_file_new_for_path (path);
  /* g_file_replace writes beside the file and renames it at the end: a
   * file that was there stays whole if anything fails. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  sink.stream = G_OUTPUT_STREAM (stream);

  n_pages = xarxa_paper_paginate (self);
  surface = cairo_pdf_surface_create_for_stream (pdf_write_cb, &sink, XARXA_PAPER_WIDTH, XARXA_PAPER_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Xarxa " PACKAGE_VERSION);
  for (guint p = 0; p < n_pages; p++)
    {
      cairo_t *cr = cairo_create (surface);

      xarxa_paper_draw_page (self, cr, p);
      cairo_show_page (cr);
      cairo_destroy (cr);
    }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error (&sink.error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
  if (sink.error != NULL)
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      /* Closing cancelled drops the half-written copy. */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
