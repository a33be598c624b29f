/* make-example-pdfs.c — draws the example library's PDFs at build time.
 *
 * Reads example-library.json and, for each document with a "pdf", writes
 * OUTDIR/PDF: one page per member of its "pages" (lines of text), with its
 * title, authors and a fixed date as the PDF's metadata, so that the
 * output does not change from build to build.  The core bundles them in
 * its resources; it never links cairo itself.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo-pdf.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

static gboolean
draw (JsonObject *doc,
      const char *path)
{
  JsonArray *pages = json_object_get_array_member (doc, "pages");
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *date = g_strdup_printf ("%sT09:00:00Z",
                                           json_object_get_string_member_with_default (doc, "date", "2026-01-01"));
  gboolean ok;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  json_object_get_string_member (doc, "title"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                  json_object_get_string_member_with_default (doc, "authors", ""));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Xarxa example network");
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (guint p = 0; pages != NULL && p < json_array_get_length (pages); p++)
    {
      JsonArray *lines = json_array_get_array_element (pages, p);

      for (guint l = 0; l < json_array_get_length (lines); l++)
        {
          /* The first line of the first page is the title, larger. */
          cairo_set_font_size (cr, p == 0 && l == 0 ? 16 : 11);
          cairo_move_to (cr, 60, 80 + l * 22);
          cairo_show_text (cr, json_array_get_string_element (lines, l));
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy (surface);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *documents;

  if (argc != 3)
    {
      fprintf (stderr, "usage: make-example-pdfs EXAMPLE-LIBRARY.JSON OUTDIR\n");
      return 2;
    }
  if (!json_parser_load_from_file (parser, argv[1], &error))
    {
      fprintf (stderr, "make-example-pdfs: %s: %s\n", argv[1], error->message);
      return 1;
    }
  documents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "documents");
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *doc = json_array_get_object_element (documents, i);
      g_autofree char *path = NULL;

      if (!json_object_has_member (doc, "pdf"))
        continue;
      path = g_build_filename (argv[2], json_object_get_string_member (doc, "pdf"), NULL);
      if (!draw (doc, path))
        {
          fprintf (stderr, "make-example-pdfs: could not write %s\n", path);
          return 1;
        }
    }
  cairo_debug_reset_static_data ();
  return 0;
}
