/* xarxa-library-filters.c — the Library view's filter popover.
 *
 * Kind and transition offer the schema's choices; territory, language and
 * "Linked to" offer what the documents have (the organisations, clusters
 * and missions they are linked to, by name); the years are typed.  Any
 * change emits "changed", and the view runs its list again.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-library-filters"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-library-filters.h"
#include "xarxa-value.h"

struct _XarxaLibraryFilters
{
  GtkPopover parent_instance;

  GPtrArray           *link_choices;   /* "TYPE:ID" */
  char                *link_type;      /* the chosen link, split */
  char                *link_id;
  gboolean             clearing;

  XarxaChoiceDropDown *kind_filter;
  XarxaChoiceDropDown *transition_filter;
  XarxaChoiceDropDown *territory_filter;
  XarxaChoiceDropDown *language_filter;
  XarxaChoiceDropDown *link_filter;
  GtkEditable         *year_from_entry;
  GtkEditable         *year_to_entry;
};

G_DEFINE_FINAL_TYPE (XarxaLibraryFilters, xarxa_library_filters, GTK_TYPE_POPOVER)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
year_of (GtkEditable *entry)
{
  const char *text = gtk_editable_get_text (entry);
  guint64 year = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 9999, &year, NULL))
    return 0;
  return (int) year;
}

static void
changed_cb (XarxaLibraryFilters *self)
{
  const char *link = xarxa_choice_drop_down_get_selected_id (self->link_filter);
  const char *colon = link != NULL ? strchr (link, ':') : NULL;

  g_clear_pointer (&self->link_type, g_free);
  g_clear_pointer (&self->link_id, g_free);
  if (colon != NULL)
    {
      self->link_type = g_strndup (link, colon - link);
      self->link_id = g_strdup (colon + 1);
    }
  if (!self->clearing)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
xarxa_library_filters_apply (XarxaLibraryFilters *self,
                             XarxaLibraryFilter  *filter)
{
  g_return_if_fail (XARXA_IS_LIBRARY_FILTERS (self));
  g_return_if_fail (filter != NULL);

  filter->kind = xarxa_choice_drop_down_get_selected_id (self->kind_filter);
  filter->transition = xarxa_choice_drop_down_get_selected_id (self->transition_filter);
  filter->territory = xarxa_choice_drop_down_get_selected_id (self->territory_filter);
  filter->language = xarxa_choice_drop_down_get_selected_id (self->language_filter);
  filter->year_from = year_of (self->year_from_entry);
  filter->year_to = year_of (self->year_to_entry);
  filter->target_type = self->link_type;
  filter->target_id = self->link_id;
}

gboolean
xarxa_library_filters_get_active (XarxaLibraryFilters *self)
{
  XarxaLibraryFilter filter = { 0 };

  g_return_val_if_fail (XARXA_IS_LIBRARY_FILTERS (self), FALSE);

  xarxa_library_filters_apply (self, &filter);
  return filter.kind != NULL || filter.transition != NULL || filter.territory != NULL ||
         filter.language != NULL || filter.year_from > 0 || filter.year_to > 0 || filter.target_id != NULL;
}

void
xarxa_library_filters_clear (XarxaLibraryFilters *self)
{
  g_return_if_fail (XARXA_IS_LIBRARY_FILTERS (self));

  self->clearing = TRUE;
  xarxa_choice_drop_down_set_selected_id (self->kind_filter, NULL);
  xarxa_choice_drop_down_set_selected_id (self->transition_filter, NULL);
  xarxa_choice_drop_down_set_selected_id (self->territory_filter, NULL);
  xarxa_choice_drop_down_set_selected_id (self->language_filter, NULL);
  xarxa_choice_drop_down_set_selected_id (self->link_filter, NULL);
  gtk_editable_set_text (self->year_from_entry, "");
  gtk_editable_set_text (self->year_to_entry, "");
  self->clearing = FALSE;
  changed_cb (self);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  xarxa_library_filters_clear (XARXA_LIBRARY_FILTERS (widget));
}

static JsonObject *
fetch_cb (const char *type_name,
          const char *id,
          gpointer    user_data)
{
  return xarxa_store_get_record (user_data, type_name, id, NULL);
}

void
xarxa_library_filters_load_choices (XarxaLibraryFilters *self,
                                    XarxaStore          *store)
{
  g_autoptr(GPtrArray) territories = NULL;
  g_autoptr(GPtrArray) languages = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (XARXA_IS_LIBRARY_FILTERS (self));
  g_return_if_fail (XARXA_IS_STORE (store));

  territories = xarxa_library_list_territories (store, NULL);
  if (territories != NULL)
    xarxa_choice_drop_down_set_choices (self->territory_filter, C_("territory", "Any"),
                                        (const char *const *) territories->pdata, NULL, territories->len);
  languages = xarxa_library_list_languages (store, NULL);
  if (languages != NULL)
    xarxa_choice_drop_down_set_choices (self->language_filter, C_("language", "Any"),
                                        (const char *const *) languages->pdata, NULL, languages->len);

  g_ptr_array_set_size (self->link_choices, 0);
  targets = xarxa_library_linked_targets (store, NULL);
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      XarxaLinkTarget *target = targets->pdata[i];
      const XarxaRecordType *type = xarxa_schema_lookup (target->type);
      g_autoptr(JsonObject) record = type != NULL ? xarxa_store_get_live_record (store, target->type, target->id) : NULL;
      g_autofree char *title = record != NULL ? xarxa_record_title (type, record, fetch_cb, store) : NULL;

      if (title == NULL)
        continue;
      g_ptr_array_add (self->link_choices, g_strdup_printf ("%s:%s", target->type, target->id));
      /* TRANSLATORS: a record's kind and its name: "Organisation: Coop Sud" */
      g_ptr_array_add (labels, g_strdup_printf (_("%s: %s"), xarxa_record_type_get_singular (type), title));
    }
  xarxa_choice_drop_down_set_choices (self->link_filter, C_("linked to", "Anything"),
                                      (const char *const *) self->link_choices->pdata,
                                      (const char *const *) labels->pdata, labels->len);
}

static const char *
kind_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_document_kind_list, id);
}

static const char *
transition_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_transition_list, id);
}

static void
xarxa_library_filters_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_LIBRARY_FILTERS);

  G_OBJECT_CLASS (xarxa_library_filters_parent_class)->dispose (object);
}

static void
xarxa_library_filters_finalize (GObject *object)
{
  XarxaLibraryFilters *self = XARXA_LIBRARY_FILTERS (object);

  g_ptr_array_unref (self->link_choices);
  g_free (self->link_type);
  g_free (self->link_id);

  G_OBJECT_CLASS (xarxa_library_filters_parent_class)->finalize (object);
}

static void
xarxa_library_filters_class_init (XarxaLibraryFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_library_filters_dispose;
  object_class->finalize = xarxa_library_filters_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (XARXA_TYPE_CHOICE_DROP_DOWN);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/library/xarxa-library-filters.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryFilters, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryFilters, transition_filter);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryFilters, territory_filter);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryFilters, language_filter);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryFilters, link_filter);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryFilters, year_from_entry);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryFilters, year_to_entry);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_install_action (widget_class, "filters.clear", NULL, clear_action);
}

static void
xarxa_library_filters_init (XarxaLibraryFilters *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->link_choices = g_ptr_array_new_with_free_func (g_free);
  xarxa_choice_drop_down_set_choices_func (self->kind_filter, C_("document kind", "Any"),
                                           xarxa_document_kinds, kind_label);
  xarxa_choice_drop_down_set_choices_func (self->transition_filter, C_("transition", "Any"),
                                           xarxa_transitions, transition_label);
}
