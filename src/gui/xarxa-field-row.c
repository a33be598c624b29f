/* xarxa-field-row.c — one field of a record, typed as text in a form row.
 *
 * The row knows its field from the one description of every type
 * (xarxa-schema.c): it shows a stored value as a person reads it (a
 * country by its name, a set as "ca, es"), reads text back with
 * xarxa_field_value_from_text() and checks it with xarxa_validate_field(),
 * so that every editor parses, checks and shows values the same way.
 *
 * In an editor that saves as you go, the row saves itself through its
 * saver when applied and when the focus leaves it changed.  What cannot
 * be saved is marked (the "error" style, a tooltip, the accessible
 * "invalid" state and description, and the message in the error label the
 * form gives it, whose row is shown) and the text stays as typed: nothing
 * typed is lost.  Typing back the stored text takes the mark away.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-error.h"
#include "xarxa-field-row.h"
#include "xarxa-validate.h"
#include "xarxa-value.h"
#include "xarxa-values.h"

struct _XarxaFieldRow
{
  AdwEntryRow parent_instance;

  char                  *record_type;
  char                  *field;
  GtkLabel              *error_label;   /* in a row of its own, or NULL */
  char                  *shown;         /* the text last shown or saved */
  XarxaFieldRowSaveFunc  save;
  gpointer               save_data;
  gboolean               loading;
};

G_DEFINE_FINAL_TYPE (XarxaFieldRow, xarxa_field_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_RECORD_TYPE,
  PROP_FIELD,
  PROP_ERROR_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const XarxaRecordType *
record_type (XarxaFieldRow *self)
{
  return self->record_type != NULL ? xarxa_schema_lookup (self->record_type) : NULL;
}

static const XarxaFieldInfo *
field_info (XarxaFieldRow *self)
{
  const XarxaRecordType *type = record_type (self);

  return type != NULL && self->field != NULL ? xarxa_record_type_field (type, self->field) : NULL;
}

void
xarxa_field_row_show_error (XarxaFieldRow *self,
                            const char    *message)
{
  GtkWidget *widget;
  GtkWidget *error_row = NULL;

  g_return_if_fail (XARXA_IS_FIELD_ROW (self));

  widget = GTK_WIDGET (self);
  if (self->error_label != NULL)
    error_row = gtk_widget_get_ancestor (GTK_WIDGET (self->error_label), ADW_TYPE_PREFERENCES_ROW);

  if (message != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      if (self->error_label != NULL)
        gtk_label_set_label (self->error_label, message);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      /* Setting a tooltip asks the display where the pointer is (a round
       * trip to the X server in GTK 4.8): not for every field shown. */
      if (gtk_widget_get_tooltip_text (widget) != NULL)
        gtk_widget_set_tooltip_text (widget, NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  if (error_row != NULL)
    gtk_widget_set_visible (error_row, message != NULL);
}

/* AdwEntryRow hides its apply button itself only when the button is
 * pressed, not when the row is saved because the focus left. */
static void
reset_apply_button (XarxaFieldRow *self)
{
  if (!adw_entry_row_get_show_apply_button (ADW_ENTRY_ROW (self)))
    return;
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), TRUE);
}

static void
show_text (XarxaFieldRow *self,
           const char    *text)
{
  self->loading = TRUE;
  g_free (self->shown);
  self->shown = g_strdup (text != NULL ? text : "");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), self->shown) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), self->shown);
  self->loading = FALSE;
}

void
xarxa_field_row_set_value (XarxaFieldRow *self,
                           JsonNode      *value)
{
  const XarxaFieldInfo *info;
  g_autofree char *text = NULL;

  g_return_if_fail (XARXA_IS_FIELD_ROW (self));

  info = field_info (self);
  g_return_if_fail (info != NULL);

  text = xarxa_field_value_to_display (info, value);
  show_text (self, text);
  xarxa_field_row_show_error (self, NULL);
  reset_apply_button (self);
}

JsonNode *
xarxa_field_row_parse (XarxaFieldRow  *self,
                       GError        **error)
{
  const XarxaFieldInfo *info;
  g_autoptr(JsonNode) value = NULL;

  g_return_val_if_fail (XARXA_IS_FIELD_ROW (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = field_info (self);
  if (info == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   "No field “%s” in “%s”", self->field, self->record_type);
      return NULL;
    }

  value = xarxa_field_value_from_text (info, gtk_editable_get_text (GTK_EDITABLE (self)), error);
  if (value == NULL || !xarxa_validate_field (record_type (self), self->field, value, error))
    return NULL;

  return g_steal_pointer (&value);
}

gboolean
xarxa_field_row_get_changed (XarxaFieldRow *self)
{
  g_return_val_if_fail (XARXA_IS_FIELD_ROW (self), FALSE);

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), self->shown != NULL ? self->shown : "") != 0;
}

gboolean
xarxa_field_row_commit (XarxaFieldRow *self)
{
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (XARXA_IS_FIELD_ROW (self), FALSE);

  value = xarxa_field_row_parse (self, &error);
  if (value == NULL ||
      (self->save != NULL && !self->save (self, self->field, value, self->save_data, &error)))
    {
      xarxa_field_row_show_error (self, error->message);
      return FALSE;
    }

  /* Shown as stored: "spain" becomes "Spain", a set is sorted. */
  xarxa_field_row_set_value (self, value);
  return TRUE;
}

static void
apply_cb (XarxaFieldRow *self)
{
  if (self->save != NULL)
    xarxa_field_row_commit (self);
}

static void
focus_leave_cb (XarxaFieldRow *self)
{
  if (self->save != NULL && xarxa_field_row_get_changed (self))
    xarxa_field_row_commit (self);
}

static void
changed_cb (XarxaFieldRow *self)
{
  /* Typing back the stored text takes the mark away. */
  if (!self->loading && !xarxa_field_row_get_changed (self))
    xarxa_field_row_show_error (self, NULL);
}

void
xarxa_field_row_set_saver (XarxaFieldRow         *self,
                           XarxaFieldRowSaveFunc  save,
                           gpointer               user_data)
{
  g_return_if_fail (XARXA_IS_FIELD_ROW (self));

  self->save = save;
  self->save_data = user_data;
}

const char *
xarxa_field_row_get_field (XarxaFieldRow *self)
{
  g_return_val_if_fail (XARXA_IS_FIELD_ROW (self), NULL);

  return self->field;
}

static void
xarxa_field_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  XarxaFieldRow *self = XARXA_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD_TYPE:
      g_value_set_string (value, self->record_type);
      break;
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROP_ERROR_LABEL:
      g_value_set_object (value, self->error_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_field_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  XarxaFieldRow *self = XARXA_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD_TYPE:
      g_free (self->record_type);
      self->record_type = g_value_dup_string (value);
      break;
    case PROP_FIELD:
      g_free (self->field);
      self->field = g_value_dup_string (value);
      break;
    case PROP_ERROR_LABEL:
      g_set_weak_pointer (&self->error_label, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_field_row_dispose (GObject *object)
{
  XarxaFieldRow *self = XARXA_FIELD_ROW (object);

  g_clear_weak_pointer (&self->error_label);
  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_FIELD_ROW);

  G_OBJECT_CLASS (xarxa_field_row_parent_class)->dispose (object);
}

static void
xarxa_field_row_finalize (GObject *object)
{
  XarxaFieldRow *self = XARXA_FIELD_ROW (object);

  g_free (self->record_type);
  g_free (self->field);
  g_free (self->shown);

  G_OBJECT_CLASS (xarxa_field_row_parent_class)->finalize (object);
}

static void
xarxa_field_row_class_init (XarxaFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xarxa_field_row_get_property;
  object_class->set_property = xarxa_field_row_set_property;
  object_class->dispose = xarxa_field_row_dispose;
  object_class->finalize = xarxa_field_row_finalize;

  properties[PROP_RECORD_TYPE] =
    g_param_spec_string ("record-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_LABEL] =
    g_param_spec_object ("error-label", NULL, NULL, GTK_TYPE_LABEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-field-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, focus_leave_cb);
}

static void
xarxa_field_row_init (XarxaFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
xarxa_field_row_new (const char *record_type,
                     const char *field)
{
  g_return_val_if_fail (record_type != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return g_object_new (XARXA_TYPE_FIELD_ROW,
                       "record-type", record_type,
                       "field", field,
                       NULL);
}

gboolean
xarxa_field_row_save_to_record (XarxaStore  *store,
                                const char  *type_name,
                                const char  *id,
                                JsonObject  *record,
                                const char  *field,
                                JsonNode    *value,
                                GError     **error)
{
  g_autoptr(JsonNode) node = value;
  g_autoptr(JsonObject) changes = NULL;
  JsonNode *stored = NULL;

  g_return_val_if_fail (store == NULL || XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (type_name != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (store == NULL || id == NULL || record == NULL)
    return TRUE;

  if (json_object_has_member (record, field))
    stored = json_object_get_member (record, field);
  if (xarxa_value_equal (node, stored))
    return TRUE;

  if (!xarxa_validate_field (xarxa_schema_lookup (type_name), field, node, error))
    return FALSE;

  changes = json_object_new ();
  json_object_set_member (changes, field, json_node_copy (node));
  if (!xarxa_store_update_record (store, type_name, id, changes, error))
    return FALSE;

  json_object_set_member (record, field, g_steal_pointer (&node));
  return TRUE;
}
