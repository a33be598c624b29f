/* pdf-test-util.h — a PDF file read back as a person would check it: its
 * pages' text, every page checked to be A4.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of each page of the PDF at @path (a GPtrArray of strings);
 * fails the test when it cannot be read or a page is not A4. */
GPtrArray *test_pdf_read_pages (const char *path);
/* All the pages' text, one after another. */
char      *test_pdf_all_text   (GPtrArray  *pages);

G_END_DECLS
