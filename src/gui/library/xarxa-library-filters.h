/* xarxa-library-filters.h — the Library view's filter popover: kind,
 * transition, territory, language, years and linked record.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-library.h"

G_BEGIN_DECLS

#define XARXA_TYPE_LIBRARY_FILTERS (xarxa_library_filters_get_type ())
G_DECLARE_FINAL_TYPE (XarxaLibraryFilters, xarxa_library_filters, XARXA, LIBRARY_FILTERS, GtkPopover)

/* Reads again the territories, languages and linked records the
 * documents of @store have, keeping what is chosen if still there. */
void     xarxa_library_filters_load_choices (XarxaLibraryFilters *self,
                                             XarxaStore          *store);
/* The filters chosen, into @filter (its search is left alone).  The
 * strings are the popover's, valid until it changes. */
void     xarxa_library_filters_apply        (XarxaLibraryFilters *self,
                                             XarxaLibraryFilter  *filter);
gboolean xarxa_library_filters_get_active   (XarxaLibraryFilters *self);
/* Emits "changed" once. */
void     xarxa_library_filters_clear        (XarxaLibraryFilters *self);

G_END_DECLS
