/* xarxa-link-picker.h — a dialog that finds a record to link, by any word
 * (the global search over the types asked for).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_LINK_PICKER (xarxa_link_picker_get_type ())
G_DECLARE_FINAL_TYPE (XarxaLinkPicker, xarxa_link_picker, XARXA, LINK_PICKER, AdwWindow)

/* @types: the record types to find ("document"; or "entity", "cluster",
 * "mission"), NULL-terminated.  Emits "picked" (type, id) and closes when
 * a hit is chosen. */
GtkWidget *xarxa_link_picker_new    (GtkWindow         *parent,
                                     XarxaStore        *store,
                                     const char *const *types,
                                     const char        *title,
                                     const char        *hint);
/* Types @text into the search, as a person would (for tests). */
void       xarxa_link_picker_search (XarxaLinkPicker   *self,
                                     const char        *text);
/* The hits shown now, and choosing one. */
guint      xarxa_link_picker_get_n_hits (XarxaLinkPicker *self);
void       xarxa_link_picker_pick   (XarxaLinkPicker   *self,
                                     guint              index);

G_END_DECLS
