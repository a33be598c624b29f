/* xarxa-directory-filters.h — the directory's filter and sort popover.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-query.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_DIRECTORY_FILTERS (xarxa_directory_filters_get_type ())
G_DECLARE_FINAL_TYPE (XarxaDirectoryFilters, xarxa_directory_filters, XARXA, DIRECTORY_FILTERS, GtkPopover)

/* The store whose countries and tags are offered (read when shown). */
void       xarxa_directory_filters_set_store   (XarxaDirectoryFilters *self,
                                                XarxaStore            *store);
/* The filters chosen, into query (its search is left alone). */
void       xarxa_directory_filters_apply       (XarxaDirectoryFilters *self,
                                                XarxaQuery            *query);
gboolean   xarxa_directory_filters_get_active  (XarxaDirectoryFilters *self);
XarxaSort  xarxa_directory_filters_get_sort    (XarxaDirectoryFilters *self);
/* Neither of these emits "changed". */
void       xarxa_directory_filters_set_sort    (XarxaDirectoryFilters *self,
                                                XarxaSort              sort);
void       xarxa_directory_filters_clear       (XarxaDirectoryFilters *self);
/* Labels above their controls (a narrow window), or beside them. */
void       xarxa_directory_filters_set_stacked (XarxaDirectoryFilters *self,
                                                gboolean               stacked);

G_END_DECLS
