/* xarxa-toast.h — toasts whose text is shown as written.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *xarxa_toast_new  (const char *format,
                            ...) G_GNUC_PRINTF (1, 2);
/* Shows @toast (floating: taken) in the window @widget is in, or drops it
 * when @widget is NULL or in no window any more (closed meanwhile). */
void      xarxa_toast_show (GtkWidget  *widget,
                            AdwToast   *toast);

G_END_DECLS
