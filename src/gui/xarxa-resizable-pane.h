/* xarxa-resizable-pane.h — a side pane whose width the user drags.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define XARXA_TYPE_RESIZABLE_PANE (xarxa_resizable_pane_get_type ())
G_DECLARE_FINAL_TYPE (XarxaResizablePane, xarxa_resizable_pane, XARXA, RESIZABLE_PANE, GtkWidget)

GtkWidget *xarxa_resizable_pane_new           (void);
GtkWidget *xarxa_resizable_pane_get_child     (XarxaResizablePane *self);
void       xarxa_resizable_pane_set_child     (XarxaResizablePane *self,
                                               GtkWidget          *child);
/* The width the pane asks for; -1 for its child's own. */
int        xarxa_resizable_pane_get_width     (XarxaResizablePane *self);
void       xarxa_resizable_pane_set_width     (XarxaResizablePane *self,
                                               int                 width);
gboolean   xarxa_resizable_pane_get_resizable (XarxaResizablePane *self);
void       xarxa_resizable_pane_set_resizable (XarxaResizablePane *self,
                                               gboolean            resizable);

G_END_DECLS
