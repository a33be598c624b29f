/* xarxa-directory-filters.c — the directory's filter and sort popover.
 *
 * Five choice lists (country, kind, transition, tag, membership), each
 * sorted by its translated labels and searchable, and the sort order.  The
 * countries and tags are read from the store when the popover opens:
 * listing the tags of 100,000 organisations is not start-up work.  A
 * choice made by the user emits "changed"; the page runs its query then.
 *
 * On a narrow window the labels go above their controls, so that the
 * popover fits in 360 pixels in every language.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-directory-filters"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-countries.h"
#include "xarxa-directory-filters.h"
#include "xarxa-labels.h"

struct _XarxaDirectoryFilters
{
  GtkPopover parent_instance;

  XarxaStore *store;
  gboolean    updating;
  gboolean    stacked;

  GtkGrid             *filter_grid;
  XarxaChoiceDropDown *country_dropdown;
  XarxaChoiceDropDown *kind_dropdown;
  XarxaChoiceDropDown *transition_dropdown;
  XarxaChoiceDropDown *tag_dropdown;
  XarxaChoiceDropDown *membership_dropdown;
  GtkToggleButton     *sort_name_button;
  GtkToggleButton     *sort_updated_button;
};

G_DEFINE_FINAL_TYPE (XarxaDirectoryFilters, xarxa_directory_filters, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choice_changed_cb (XarxaDirectoryFilters *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
sort_toggled_cb (XarxaDirectoryFilters *self,
                 GtkToggleButton       *button)
{
  /* Each toggle of the group reports twice (one off, one on): once. */
  if (!self->updating && gtk_toggle_button_get_active (button))
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Fills a drop-down from the store's current values, keeping the choice. */
static void
fill_from_store (XarxaDirectoryFilters *self,
                 XarxaChoiceDropDown   *dropdown,
                 GPtrArray             *values,
                 const char            *any,
                 gboolean               countries)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = values != NULL ? values->len : 0;

  for (guint i = 0; i < n; i++)
    {
      const char *label = countries ? xarxa_country_name (values->pdata[i]) : NULL;

      g_ptr_array_add (labels, (gpointer) (label != NULL ? label : values->pdata[i]));
    }

  self->updating = TRUE;
  xarxa_choice_drop_down_set_choices (dropdown, any,
                                      values != NULL ? (const char *const *) values->pdata : NULL,
                                      (const char *const *) labels->pdata, n);
  self->updating = FALSE;
}

static void
refresh_choices (XarxaDirectoryFilters *self)
{
  g_autoptr(GPtrArray) countries = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  countries = xarxa_store_list_countries (self->store, &error);
  if (countries == NULL)
    {
      g_warning ("Could not list countries: %s", error->message);
      g_clear_error (&error);
    }
  tags = xarxa_store_list_tags (self->store, &error);
  if (tags == NULL)
    g_warning ("Could not list tags: %s", error->message);

  fill_from_store (self, self->country_dropdown, countries, _("Any country"), TRUE);
  fill_from_store (self, self->tag_dropdown, tags, _("Any tag"), FALSE);
}

/* The grid holds a label and its control per line. */
static void
arrange (XarxaDirectoryFilters *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self->filter_grid));
  guint i = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->filter_grid)); c != NULL;
       c = gtk_widget_get_next_sibling (c), i++)
    {
      GtkGridLayoutChild *cell = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, c));
      guint line = i / 2;
      gboolean label = i % 2 == 0;

      gtk_grid_layout_child_set_column (cell, self->stacked || label ? 0 : 1);
      gtk_grid_layout_child_set_row (cell, self->stacked ? 2 * line + (label ? 0 : 1) : line);
      if (label)
        {
          gtk_label_set_xalign (GTK_LABEL (c), self->stacked ? 0.0 : 1.0);
          /* A little air above each label but the first when stacked. */
          gtk_widget_set_margin_top (c, self->stacked && line > 0 ? 6 : 0);
        }
    }
}

static void
show_cb (XarxaDirectoryFilters *self)
{
  refresh_choices (self);
}

void
xarxa_directory_filters_set_stacked (XarxaDirectoryFilters *self,
                                     gboolean               stacked)
{
  g_return_if_fail (XARXA_IS_DIRECTORY_FILTERS (self));

  stacked = !!stacked;
  if (self->stacked == stacked)
    return;
  self->stacked = stacked;
  arrange (self);
}

void
xarxa_directory_filters_set_store (XarxaDirectoryFilters *self,
                                   XarxaStore            *store)
{
  g_return_if_fail (XARXA_IS_DIRECTORY_FILTERS (self));
  g_return_if_fail (store == NULL || XARXA_IS_STORE (store));

  g_set_object (&self->store, store);
}

void
xarxa_directory_filters_apply (XarxaDirectoryFilters *self,
                               XarxaQuery            *query)
{
  g_return_if_fail (XARXA_IS_DIRECTORY_FILTERS (self));
  g_return_if_fail (query != NULL);

  xarxa_query_set_filter (query, "country", xarxa_choice_drop_down_get_selected_id (self->country_dropdown));
  xarxa_query_set_filter (query, "kind", xarxa_choice_drop_down_get_selected_id (self->kind_dropdown));
  xarxa_query_set_filter (query, "transitions", xarxa_choice_drop_down_get_selected_id (self->transition_dropdown));
  xarxa_query_set_filter (query, "tags", xarxa_choice_drop_down_get_selected_id (self->tag_dropdown));
  xarxa_query_set_filter (query, "membership", xarxa_choice_drop_down_get_selected_id (self->membership_dropdown));
  xarxa_query_set_sort (query, xarxa_directory_filters_get_sort (self));
}

gboolean
xarxa_directory_filters_get_active (XarxaDirectoryFilters *self)
{
  XarxaChoiceDropDown *lists[] = {
    self->country_dropdown, self->kind_dropdown, self->transition_dropdown,
    self->tag_dropdown, self->membership_dropdown,
  };

  g_return_val_if_fail (XARXA_IS_DIRECTORY_FILTERS (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (xarxa_choice_drop_down_get_selected_id (lists[i]) != NULL)
      return TRUE;
  return FALSE;
}

XarxaSort
xarxa_directory_filters_get_sort (XarxaDirectoryFilters *self)
{
  g_return_val_if_fail (XARXA_IS_DIRECTORY_FILTERS (self), XARXA_SORT_NAME);

  return gtk_toggle_button_get_active (self->sort_updated_button) ? XARXA_SORT_UPDATED : XARXA_SORT_NAME;
}

void
xarxa_directory_filters_set_sort (XarxaDirectoryFilters *self,
                                  XarxaSort              sort)
{
  g_return_if_fail (XARXA_IS_DIRECTORY_FILTERS (self));

  self->updating = TRUE;
  gtk_toggle_button_set_active (self->sort_updated_button, sort == XARXA_SORT_UPDATED);
  gtk_toggle_button_set_active (self->sort_name_button, sort == XARXA_SORT_NAME);
  self->updating = FALSE;
}

void
xarxa_directory_filters_clear (XarxaDirectoryFilters *self)
{
  g_return_if_fail (XARXA_IS_DIRECTORY_FILTERS (self));

  self->updating = TRUE;
  xarxa_choice_drop_down_set_selected_id (self->country_dropdown, NULL);
  xarxa_choice_drop_down_set_selected_id (self->kind_dropdown, NULL);
  xarxa_choice_drop_down_set_selected_id (self->transition_dropdown, NULL);
  xarxa_choice_drop_down_set_selected_id (self->tag_dropdown, NULL);
  xarxa_choice_drop_down_set_selected_id (self->membership_dropdown, NULL);
  self->updating = FALSE;
}

static void
xarxa_directory_filters_dispose (GObject *object)
{
  XarxaDirectoryFilters *self = XARXA_DIRECTORY_FILTERS (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_DIRECTORY_FILTERS);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_directory_filters_parent_class)->dispose (object);
}

static void
xarxa_directory_filters_class_init (XarxaDirectoryFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_directory_filters_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (XARXA_TYPE_CHOICE_DROP_DOWN);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-directory-filters.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryFilters, filter_grid);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryFilters, country_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryFilters, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryFilters, transition_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryFilters, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryFilters, membership_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryFilters, sort_name_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaDirectoryFilters, sort_updated_button);
  gtk_widget_class_bind_template_callback (widget_class, show_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_toggled_cb);
}

static void
xarxa_directory_filters_init (XarxaDirectoryFilters *self)
{
  static const char *const membership_filter_labels[] = {
    N_("Members"), N_("Partners"), N_("Not members"),
  };
  const char *labels[G_N_ELEMENTS (membership_filter_labels)];
  XarxaChoiceDropDown *lists[5];

  gtk_widget_init_template (GTK_WIDGET (self));

  xarxa_choice_drop_down_set_choices_func (self->kind_dropdown, _("Any kind"), xarxa_entity_kinds, xarxa_kind_label);
  xarxa_choice_drop_down_set_choices_func (self->transition_dropdown, _("Any transition"),
                                           xarxa_transitions, xarxa_transition_label);
  /* Parallel to xarxa_membership_values: yes, partner, no. */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    labels[i] = _(membership_filter_labels[i]);
  xarxa_choice_drop_down_set_choices (self->membership_dropdown, _("Anyone"),
                                      xarxa_membership_values, labels, G_N_ELEMENTS (labels));

  lists[0] = self->country_dropdown;
  lists[1] = self->kind_dropdown;
  lists[2] = self->transition_dropdown;
  lists[3] = self->tag_dropdown;
  lists[4] = self->membership_dropdown;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_signal_connect_swapped (lists[i], "notify::selected-id", G_CALLBACK (choice_changed_cb), self);
}
