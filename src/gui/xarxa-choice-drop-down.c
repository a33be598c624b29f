/* xarxa-choice-drop-down.c — a drop-down of values shown by translated
 * labels, sorted as the user's language sorts, that finds as you type.
 *
 * A closed list of values (kinds, transitions, countries, tags) is stored
 * by id and shown by label.  The labels are sorted with the collation of
 * the user's language (g_utf8_collate_key), so that "Espanya" comes after
 * "Alemanya" in Catalan whatever the ISO codes say, and the open list has a
 * search entry: typing a few letters narrows it.  The choice is read and
 * set by id ("selected-id"), never by position.
 *
 * GTK 4.8 leaves the button inside a GtkDropDown unnamed: "title" names it
 * and the drop-down for screen readers (the label beside it names this
 * widget, through its mnemonic).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-choice-drop-down"

#include "config.h"

#include <string.h>

#include "xarxa-choice-drop-down.h"

struct _XarxaChoiceDropDown
{
  GtkWidget parent_instance;

  GtkDropDown *drop_down;
  GPtrArray   *ids;        /* parallel to the drop-down's model; NULL for "any" */
  char        *title;
  gboolean     filling;
};

G_DEFINE_FINAL_TYPE (XarxaChoiceDropDown, xarxa_choice_drop_down, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
selected_cb (XarxaChoiceDropDown *self)
{
  if (!self->filling)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

typedef struct
{
  const char *id;
  const char *label;
  char       *key;
} Choice;

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  const Choice *ca = a, *cb = b;
  int cmp = strcmp (ca->key, cb->key);

  return cmp != 0 ? cmp : g_strcmp0 (ca->id, cb->id);
}

void
xarxa_choice_drop_down_set_choices (XarxaChoiceDropDown *self,
                                    const char          *any_label,
                                    const char *const   *ids,
                                    const char *const   *labels,
                                    guint                n_choices)
{
  g_autofree char *selected = NULL;
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree Choice *choices = g_new0 (Choice, MAX (n_choices, 1));
  guint position = any_label != NULL ? 0 : GTK_INVALID_LIST_POSITION;

  g_return_if_fail (XARXA_IS_CHOICE_DROP_DOWN (self));
  g_return_if_fail (ids != NULL || n_choices == 0);

  selected = g_strdup (xarxa_choice_drop_down_get_selected_id (self));

  for (guint i = 0; i < n_choices; i++)
    {
      choices[i].id = ids[i];
      choices[i].label = labels != NULL && labels[i] != NULL ? labels[i] : ids[i];
      choices[i].key = g_utf8_collate_key (choices[i].label, -1);
    }
  qsort (choices, n_choices, sizeof (Choice), compare_choices);

  if (any_label != NULL)
    {
      gtk_string_list_append (list, any_label);
      g_ptr_array_add (new_ids, NULL);
    }
  for (guint i = 0; i < n_choices; i++)
    {
      gtk_string_list_append (list, choices[i].label);
      g_ptr_array_add (new_ids, g_strdup (choices[i].id));
      if (selected != NULL && g_strcmp0 (choices[i].id, selected) == 0)
        position = new_ids->len - 1;
      g_free (choices[i].key);
    }

  self->filling = TRUE;
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  self->ids = g_steal_pointer (&new_ids);
  gtk_drop_down_set_model (self->drop_down, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->drop_down, position);
  self->filling = FALSE;

  if (g_strcmp0 (selected, xarxa_choice_drop_down_get_selected_id (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

void
xarxa_choice_drop_down_set_choices_func (XarxaChoiceDropDown *self,
                                         const char          *any_label,
                                         const char *const   *ids,
                                         const char         *(*label) (const char *id))
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  g_return_if_fail (XARXA_IS_CHOICE_DROP_DOWN (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (label != NULL);

  for (; ids[n] != NULL; n++)
    g_ptr_array_add (labels, (gpointer) label (ids[n]));

  xarxa_choice_drop_down_set_choices (self, any_label, ids, (const char *const *) labels->pdata, n);
}

guint
xarxa_choice_drop_down_get_n_choices (XarxaChoiceDropDown *self)
{
  g_return_val_if_fail (XARXA_IS_CHOICE_DROP_DOWN (self), 0);

  return self->ids != NULL ? self->ids->len : 0;
}

const char *
xarxa_choice_drop_down_get_label (XarxaChoiceDropDown *self,
                                  guint                position)
{
  GListModel *model;

  g_return_val_if_fail (XARXA_IS_CHOICE_DROP_DOWN (self), NULL);

  model = gtk_drop_down_get_model (self->drop_down);
  if (model == NULL || position >= g_list_model_get_n_items (model))
    return NULL;
  return gtk_string_list_get_string (GTK_STRING_LIST (model), position);
}

const char *
xarxa_choice_drop_down_get_selected_id (XarxaChoiceDropDown *self)
{
  guint selected;

  g_return_val_if_fail (XARXA_IS_CHOICE_DROP_DOWN (self), NULL);

  selected = gtk_drop_down_get_selected (self->drop_down);
  if (self->ids == NULL || selected >= self->ids->len)
    return NULL;
  return self->ids->pdata[selected];
}

/* NULL, or an id not in the list, chooses "any" (or nothing). */
void
xarxa_choice_drop_down_set_selected_id (XarxaChoiceDropDown *self,
                                        const char          *id)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (XARXA_IS_CHOICE_DROP_DOWN (self));

  for (guint i = 0; self->ids != NULL && i < self->ids->len; i++)
    if (g_strcmp0 (self->ids->pdata[i], id) == 0)
      {
        position = i;
        break;
      }
  if (position == GTK_INVALID_LIST_POSITION && self->ids != NULL && self->ids->len > 0 &&
      self->ids->pdata[0] == NULL)
    position = 0;

  gtk_drop_down_set_selected (self->drop_down, position);
}

const char *
xarxa_choice_drop_down_get_title (XarxaChoiceDropDown *self)
{
  g_return_val_if_fail (XARXA_IS_CHOICE_DROP_DOWN (self), NULL);

  return self->title;
}

void
xarxa_choice_drop_down_set_title (XarxaChoiceDropDown *self,
                                  const char          *title)
{
  g_return_if_fail (XARXA_IS_CHOICE_DROP_DOWN (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->drop_down)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_TOGGLE_BUTTON (c))
      gtk_accessible_update_property (GTK_ACCESSIBLE (c),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static gboolean
xarxa_choice_drop_down_mnemonic_activate (GtkWidget *widget,
                                          gboolean   group_cycling)
{
  return gtk_widget_mnemonic_activate (GTK_WIDGET (XARXA_CHOICE_DROP_DOWN (widget)->drop_down), group_cycling);
}

static gboolean
xarxa_choice_drop_down_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (XARXA_CHOICE_DROP_DOWN (widget)->drop_down));
}

static void
xarxa_choice_drop_down_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  XarxaChoiceDropDown *self = XARXA_CHOICE_DROP_DOWN (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      g_value_set_string (value, xarxa_choice_drop_down_get_selected_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_choice_drop_down_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  XarxaChoiceDropDown *self = XARXA_CHOICE_DROP_DOWN (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      xarxa_choice_drop_down_set_selected_id (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      xarxa_choice_drop_down_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_choice_drop_down_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_CHOICE_DROP_DOWN);

  G_OBJECT_CLASS (xarxa_choice_drop_down_parent_class)->dispose (object);
}

static void
xarxa_choice_drop_down_finalize (GObject *object)
{
  XarxaChoiceDropDown *self = XARXA_CHOICE_DROP_DOWN (object);

  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_free (self->title);

  G_OBJECT_CLASS (xarxa_choice_drop_down_parent_class)->finalize (object);
}

static void
xarxa_choice_drop_down_class_init (XarxaChoiceDropDownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xarxa_choice_drop_down_get_property;
  object_class->set_property = xarxa_choice_drop_down_set_property;
  object_class->dispose = xarxa_choice_drop_down_dispose;
  object_class->finalize = xarxa_choice_drop_down_finalize;
  widget_class->mnemonic_activate = xarxa_choice_drop_down_mnemonic_activate;
  widget_class->grab_focus = xarxa_choice_drop_down_grab_focus;

  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-choice-drop-down.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaChoiceDropDown, drop_down);
  gtk_widget_class_bind_template_callback (widget_class, selected_cb);
}

static void
xarxa_choice_drop_down_init (XarxaChoiceDropDown *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* What the search matches: the label shown. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->drop_down, expression);
}

GtkWidget *
xarxa_choice_drop_down_new (void)
{
  return g_object_new (XARXA_TYPE_CHOICE_DROP_DOWN, NULL);
}
