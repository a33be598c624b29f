/* pdf-test-util.c — a PDF file read back with poppler-glib.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <poppler.h>

#include "pdf-test-util.h"

GPtrArray *
test_pdf_read_pages (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 595.28, 0.5);
      g_assert_cmpfloat_with_epsilon (h, 841.89, 0.5);
      g_ptr_array_add (pages, poppler_page_get_text (page));
      g_object_unref (page);
    }
  g_object_unref (doc);
  return pages;
}

char *
test_pdf_all_text (GPtrArray *pages)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < pages->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (pages, i));
  return g_string_free (text, FALSE);
}
