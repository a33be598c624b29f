/* xarxa-toast.c — toasts whose text is shown as written.
 *
 * libadwaita 1.2 reads a toast's title as Pango markup, so a name such as
 * "Art & Cultura" or an error message with a "<" in it would leave the
 * toast blank.  The values given to the format are escaped; the format
 * itself is the program's own text.  And one way to show a toast from
 * anywhere in the window.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-toast"

#include "config.h"

#include "xarxa-toast.h"
#include "xarxa-window.h"

AdwToast *
xarxa_toast_new (const char *format,
                 ...)
{
  g_autofree char *title = NULL;
  va_list args;

  va_start (args, format);
  title = g_markup_vprintf_escaped (format, args);
  va_end (args);
  return adw_toast_new (title);
}

void
xarxa_toast_show (GtkWidget *widget,
                  AdwToast  *toast)
{
  GtkRoot *root;

  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  root = widget != NULL ? gtk_widget_get_root (widget) : NULL;
  if (XARXA_IS_WINDOW (root))
    xarxa_window_add_toast (XARXA_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}
