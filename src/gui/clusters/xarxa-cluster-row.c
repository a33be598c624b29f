/* xarxa-cluster-row.c — one cluster in the Clusters list: its name, status,
 * field and transitions, how many members and who coordinates, the next
 * action due and the overall progress of its indicators.
 *
 * The name and summary come with the record; the figures are computed by
 * the cluster core (xarxa-cluster.h) apart, when the list asks for them:
 * GTK 4.8 binds up to 200 rows of a long list, and the list computes the
 * figures only of those on screen or about to be.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xarxa-cluster.h"
#include "xarxa-cluster-row.h"
#include "xarxa-due-date.h"
#include "xarxa-schema.h"

struct _XarxaClusterRow
{
  GtkWidget parent_instance;

  GtkWidget   *box;
  GtkLabel    *name_label;
  GtkLabel    *summary_label;
  GtkLabel    *members_label;
  GtkWidget   *next_box;
  GtkWidget   *next_icon;
  GtkLabel    *next_label;
  GtkLevelBar *progress_bar;   /* NULL until a row has progress to show */

  XarxaStore  *store;
  XarxaRecord *cluster;
  gboolean     figures_shown;
};

G_DEFINE_FINAL_TYPE (XarxaClusterRow, xarxa_cluster_row, GTK_TYPE_WIDGET)

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || part[0] == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append (text, part);
}

static char *
summary_text (XarxaRecord *cluster)
{
  JsonObject *values = xarxa_record_get_values (cluster);
  GString *text = g_string_new (NULL);
  const char *status = xarxa_record_get_string (cluster, "status");

  if (status != NULL)
    append_part (text, xarxa_choice_list_label (&xarxa_cluster_status_list, status));
  append_part (text, xarxa_record_get_string (cluster, "field"));
  if (values != NULL && json_object_has_member (values, "transitions") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (values, "transitions")))
    {
      JsonArray *array = json_object_get_array_member (values, "transitions");

      for (guint i = 0; i < json_array_get_length (array); i++)
        append_part (text, xarxa_choice_list_label (&xarxa_transition_list,
                                                    json_array_get_string_element (array, i)));
    }
  return g_string_free (text, FALSE);
}

void
xarxa_cluster_row_set_cluster (XarxaClusterRow *self,
                               XarxaStore      *store,
                               XarxaRecord     *cluster)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (XARXA_IS_CLUSTER_ROW (self));
  g_return_if_fail (store == NULL || XARXA_IS_STORE (store));
  g_return_if_fail (cluster == NULL || XARXA_IS_RECORD (cluster));

  g_set_object (&self->store, store);
  g_set_object (&self->cluster, cluster);
  self->figures_shown = FALSE;

  /* Until its figures are computed the row says nothing of them. */
  gtk_label_set_label (self->members_label, "");
  gtk_widget_set_visible (self->next_box, FALSE);
  if (self->progress_bar != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (cluster == NULL || store == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->summary_label, "");
      return;
    }

  gtk_label_set_label (self->name_label, xarxa_record_get_title (cluster));
  /* The list item is what a screen reader lands on: it reads the name. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, xarxa_record_get_title (cluster), -1);

  summary = summary_text (cluster);
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary[0] != '\0');
}

gboolean
xarxa_cluster_row_get_figures_shown (XarxaClusterRow *self)
{
  g_return_val_if_fail (XARXA_IS_CLUSTER_ROW (self), FALSE);

  return self->figures_shown;
}

static void
compute_figures (XarxaClusterRow *self)
{
  XarxaStore *store;
  g_autofree char *coordinator = NULL;
  g_autofree char *members = NULL;
  g_autoptr(JsonObject) next = NULL;
  const char *id;
  gint64 n_members;
  double progress = 0;

  store = self->store;
  if (self->cluster == NULL || store == NULL)
    return;
  self->figures_shown = TRUE;

  id = xarxa_record_get_id (self->cluster);
  n_members = MAX (xarxa_cluster_member_count (store, id, NULL), 0);
  coordinator = xarxa_cluster_coordinator (store, id, NULL, NULL);
  /* TRANSLATORS: "3 members · Fundació X", or "· No coordinator" */
  members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u member · %s", "%'u members · %s", n_members),
                             (guint) n_members, coordinator != NULL ? coordinator : "");
  gtk_label_set_label (self->members_label, members);

  next = xarxa_cluster_next_action (store, id, NULL);
  if (next != NULL)
    {
      const char *title = json_object_get_string_member_with_default (next, "title", "");
      g_autofree char *due = xarxa_action_due_text (next, NULL);
      g_autofree char *text = NULL;
      gboolean overdue = xarxa_action_is_overdue (next, NULL);

      /* TRANSLATORS: "Due 3 March" or "Overdue since 3 March", then the
       * action's title; the date first, so that a narrow row keeps it */
      text = g_strdup_printf (C_("next action", "%s · %s"), due != NULL ? due : "", title);
      gtk_label_set_label (self->next_label, text);
      /* Overdue says so in words and with an icon, not by colour alone. */
      gtk_widget_set_visible (self->next_icon, overdue);
      if (overdue)
        {
          gtk_widget_add_css_class (self->next_box, "warning");
          gtk_widget_remove_css_class (GTK_WIDGET (self->next_label), "dim-label");
        }
      else
        {
          gtk_widget_remove_css_class (self->next_box, "warning");
          gtk_widget_add_css_class (GTK_WIDGET (self->next_label), "dim-label");
        }
      gtk_widget_set_visible (self->next_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->next_box, FALSE);

  if (xarxa_cluster_progress (store, id, &progress, NULL))
    {
      g_autofree char *label = NULL;

      /* TRANSLATORS: the overall progress of a cluster's indicators */
      label = g_strdup_printf (_("Progress: %d %%"), (int) round (progress * 100));
      /* Most clusters measure nothing: GTK 4.8 makes 200 rows of a long
       * list, and a level bar is a handful of widgets. */
      if (self->progress_bar == NULL)
        {
          self->progress_bar = GTK_LEVEL_BAR (gtk_level_bar_new ());
          gtk_widget_set_margin_top (GTK_WIDGET (self->progress_bar), 4);
          gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->progress_bar));
        }
      gtk_level_bar_set_value (self->progress_bar, CLAMP (progress, 0, 1));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress_bar), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
    }
  else if (self->progress_bar != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
}

void
xarxa_cluster_row_show_figures (XarxaClusterRow *self)
{
  g_return_if_fail (XARXA_IS_CLUSTER_ROW (self));

  if (!self->figures_shown)
    compute_figures (self);
}

void
xarxa_cluster_row_refresh (XarxaClusterRow *self)
{
  g_return_if_fail (XARXA_IS_CLUSTER_ROW (self));

  if (self->figures_shown)
    compute_figures (self);
}

GtkWidget *
xarxa_cluster_row_new (void)
{
  return g_object_new (XARXA_TYPE_CLUSTER_ROW, NULL);
}

static void
xarxa_cluster_row_dispose (GObject *object)
{
  XarxaClusterRow *self = XARXA_CLUSTER_ROW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cluster);
  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_CLUSTER_ROW);
  /* Went with the box. */
  self->progress_bar = NULL;

  G_OBJECT_CLASS (xarxa_cluster_row_parent_class)->dispose (object);
}

static void
xarxa_cluster_row_class_init (XarxaClusterRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_cluster_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/clusters/xarxa-cluster-row.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterRow, box);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterRow, members_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterRow, next_box);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterRow, next_icon);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterRow, next_label);
}

/* A name is one line, cut short with "…" when long (wrapped names made
 * the list's 200 rows twice as dear to lay out): the whole name shows as
 * its tooltip then, and the row's accessible name holds it whole. */
static gboolean
name_tooltip_cb (GtkWidget  *label,
                 int         x,
                 int         y,
                 gboolean    keyboard,
                 GtkTooltip *tooltip,
                 gpointer    user_data)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_label (GTK_LABEL (label)));
  return TRUE;
}

static void
xarxa_cluster_row_init (XarxaClusterRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->name_label, "query-tooltip", G_CALLBACK (name_tooltip_cb), NULL);
}
