/* xarxa-entity-row.c — one organisation in the directory list.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-entity-row"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-entity-row.h"

struct _XarxaEntityRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel  *name_label;
  GtkLabel  *summary_label;
  GtkLabel  *transitions_label;
};

G_DEFINE_FINAL_TYPE (XarxaEntityRow, xarxa_entity_row, GTK_TYPE_WIDGET)

static void
xarxa_entity_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_ENTITY_ROW);

  G_OBJECT_CLASS (xarxa_entity_row_parent_class)->dispose (object);
}

static void
xarxa_entity_row_class_init (XarxaEntityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_entity_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-entity-row.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityRow, box);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaEntityRow, transitions_label);
}

static void
xarxa_entity_row_init (XarxaEntityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
xarxa_entity_row_new (void)
{
  return g_object_new (XARXA_TYPE_ENTITY_ROW, NULL);
}

void
xarxa_entity_row_set_entity (XarxaEntityRow *self,
                             XarxaEntity    *entity)
{
  g_autofree char *summary = NULL;
  g_autofree char *transitions = NULL;

  g_return_if_fail (XARXA_IS_ENTITY_ROW (self));
  g_return_if_fail (entity == NULL || XARXA_IS_ENTITY (entity));

  /* Every row keeps its three lines, so that all rows have one height and
   * the list scrolls evenly through 100,000 of them. */

  if (entity != NULL)
    {
      summary = xarxa_entity_dup_summary (entity);
      transitions = xarxa_entity_dup_transitions_label (entity);
    }

  gtk_label_set_label (self->name_label, entity != NULL ? xarxa_entity_get_name (entity) : "");
  gtk_label_set_label (self->summary_label, summary != NULL ? summary : "");
  gtk_label_set_label (self->transitions_label, transitions != NULL ? transitions : "");
}
