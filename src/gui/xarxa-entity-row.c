/* xarxa-entity-row.c — one organisation in the directory list.
 *
 * To a screen reader each row is the list item that holds it, named by the
 * organisation and described by a sentence made of its other lines
 * ("Foundation, Barcelona, Spain, Ecological, Social"), so that moving
 * through the list reads each organisation at once.  The row itself is
 * presentation only; a line left empty is hidden from the accessibility
 * tree but stays in the layout.
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
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
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

/* Shows text in label, and lets assistive technologies see the label only
 * when it says something.  The label itself stays visible, empty, so that
 * the row keeps its height. */
static void
set_line (GtkLabel   *label,
          const char *text)
{
  gboolean empty = text == NULL || *text == '\0';

  gtk_label_set_label (label, empty ? "" : text);
  gtk_accessible_update_state (GTK_ACCESSIBLE (label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, empty,
                               -1);
}

/* The row's accessible label: its non-empty lines in order, joined as a
 * list is read out; the dots that part the summary on screen are read as
 * commas too, not as "middle dot". */
static char *
dup_accessible_text (const char *const *lines,
                     guint               n_lines)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_lines; i++)
    {
      if (lines[i] == NULL || *lines[i] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, lines[i]);
    }
  g_string_replace (text, " · ", ", ", 0);
  return g_string_free (text, FALSE);
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

  {
    const char *lines[] = {
      entity != NULL ? xarxa_entity_get_name (entity) : NULL,
      summary,
      transitions,
    };
    g_autofree char *description = dup_accessible_text (lines + 1, G_N_ELEMENTS (lines) - 1);
    GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (self));

    set_line (self->name_label, lines[0]);
    set_line (self->summary_label, lines[1]);
    set_line (self->transitions_label, lines[2]);
    /* The whole name, however the row cuts it. */
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), lines[0]);
    if (item != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, lines[0] != NULL ? lines[0] : "",
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
  }
}

/* A list item factory of these rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, xarxa_entity_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  xarxa_entity_row_set_entity (XARXA_ENTITY_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  xarxa_entity_row_set_entity (XARXA_ENTITY_ROW (gtk_list_item_get_child (item)), NULL);
}

GtkListItemFactory *
xarxa_entity_row_new_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  return factory;
}
