/* xarxa-held-views.h — the views of an AdwViewStack not shown yet, kept
 * out of its styling and layout until they are needed.
 *
 * AdwViewStack styles and measures every child on each layout, shown or
 * not.  A view's content (the child of an AdwBin view) can be taken out of
 * it and kept by the view until it is shown, or until the first frame of
 * the window is drawn and the main loop is idle: the view itself stays in
 * the stack, with its name, title and icon, and keeps every widget it made.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Takes the content out of each AdwBin view of @stack but the one shown. */
void     xarxa_held_views_hold        (AdwViewStack *stack);
/* Puts @view's content back in it, if it was taken out. */
void     xarxa_held_views_restore     (GtkWidget    *view);
/* Puts back the content of the first view of @stack still without it;
 * FALSE when there was none left. */
gboolean xarxa_held_views_restore_one (AdwViewStack *stack);
/* Puts back the content of every view of @stack. */
void     xarxa_held_views_restore_all (AdwViewStack *stack);

G_END_DECLS
