/* xarxa-a11y.c — names that screen readers read once and plainly.
 *
 * GTK 4.8 names a button whose label has a mnemonic twice: by the label as
 * written ("_Undo") and again by the label widget inside it ("Undo").  Our
 * own buttons avoid that by holding a GtkLabel child (see the .ui files);
 * the buttons libadwaita 1.2 builds inside toasts and message dialogs are
 * named here (the button inside a GtkDropDown: see XarxaChoiceDropDown).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-a11y"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-a11y.h"

static void
name_button_plainly (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);
  const char *name = NULL;

  if (GTK_IS_LABEL (child))
    name = gtk_label_get_text (GTK_LABEL (child));   /* without the underscore */
  else if (gtk_widget_get_tooltip_text (GTK_WIDGET (button)) != NULL)
    name = gtk_widget_get_tooltip_text (GTK_WIDGET (button));
  else if (g_strcmp0 (gtk_button_get_icon_name (button), "window-close-symbolic") == 0)
    name = _("Dismiss");   /* the toast's close button */
  if (name == NULL || *name == '\0')
    return;

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* The buttons under widget, inside an ancestor of within_type. */
static void
name_buttons_in (GtkWidget *widget,
                 GType      within_type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c) && gtk_widget_get_ancestor (c, within_type) != NULL)
        name_button_plainly (GTK_BUTTON (c));
      name_buttons_in (c, within_type);
    }
}

/* Call once its responses are added. */
void
xarxa_a11y_name_dialog_buttons (AdwMessageDialog *dialog)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  name_buttons_in (GTK_WIDGET (dialog), ADW_TYPE_MESSAGE_DIALOG);
}

/* Call after adding a toast, and when one is dismissed (the next one
 * shows then). */
void
xarxa_a11y_name_toast_buttons (AdwToastOverlay *overlay)
{
  GType toast_type;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  toast_type = g_type_from_name ("AdwToastWidget");
  if (toast_type != 0)
    name_buttons_in (GTK_WIDGET (overlay), toast_type);
}
