/* xarxa-cluster-groups.c — what the groups of a cluster's page share.
 *
 * On a narrow window a header with a labelled Add button leaves the
 * group's title a few letters; an icon (named for screen readers, with a
 * tooltip) leaves it whole.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster-groups"

#include "config.h"

#include "xarxa-cluster-groups.h"

static void
icon_clicked_cb (GtkButton *icon,
                 GtkWidget *records_add)
{
  /* The records group's button asks the title, with its label as heading. */
  g_signal_emit_by_name (records_add, "clicked");
}

GtkWidget *
xarxa_cluster_groups_icon_add (XarxaRecordsGroup *records,
                               GtkWidget         *header,
                               const char        *label)
{
  GtkWidget *records_add;
  GtkWidget *button;

  g_return_val_if_fail (XARXA_IS_RECORDS_GROUP (records), NULL);
  g_return_val_if_fail (GTK_IS_BOX (header), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  /* The records group holds its own button: it outlives the header. */
  records_add = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (records));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (records), header);

  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (icon_clicked_cb), records_add, 0);
  g_object_bind_property (records_add, "sensitive", button, "sensitive", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (header), button);
  return button;
}
