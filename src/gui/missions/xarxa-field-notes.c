/* xarxa-field-notes.c — a mission's field notes.
 *
 * The list is a XarxaRecordsGroup over the mission's field_note records,
 * newest first; each row is subtitled with when it was written and about
 * which stop, and says where it went once promoted to an agenda
 * (xarxa-field-note-promote.h) or offers "Promote to Agenda…".
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-field-notes"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-a11y.h"
#include "xarxa-choice-drop-down.h"
#include "xarxa-field-note-dialog.h"
#include "xarxa-field-note-promote.h"
#include "xarxa-field-notes.h"
#include "xarxa-mission.h"
#include "xarxa-records-group.h"
#include "xarxa-values.h"

struct _XarxaFieldNotes
{
  GtkBox parent_instance;

  XarxaStore        *store;
  char              *mission_id;
  guint              reload_id;

  GtkLabel          *error_label;
  GtkLabel          *empty_label;
  XarxaRecordsGroup *group;
};

G_DEFINE_FINAL_TYPE (XarxaFieldNotes, xarxa_field_notes, GTK_TYPE_BOX)

static const char *const note_fields[] = { "text", "stop_id", "author", "written_at", NULL };

static void
show_error (XarxaFieldNotes *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static GtkWindow *
parent_window (XarxaFieldNotes *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Newest first; notes without a time after the rest. */
static int
compare_notes (JsonObject *a,
               JsonObject *b,
               gpointer    user_data)
{
  const char *wa = xarxa_value_string_of (a, "written_at");
  const char *wb = xarxa_value_string_of (b, "written_at");

  if (wa == NULL || wb == NULL)
    return (wa == NULL) - (wb == NULL);
  return -g_strcmp0 (wa, wb);
}

static char *
note_subtitle (XarxaRecordsGroup *group,
               JsonObject        *note,
               gpointer           user_data)
{
  XarxaFieldNotes *self = user_data;
  const char *written_at = xarxa_value_string_of (note, "written_at");
  g_autoptr(JsonObject) stop = xarxa_store_get_live_record (self->store, "itinerary_stop",
                                                            xarxa_value_string_of (note, "stop_id"));
  const char *stop_title = stop != NULL ? xarxa_value_string_of (stop, "title") : NULL;
  g_autofree char *when = written_at != NULL ? g_strdelimit (g_strdup (written_at), "T", ' ') : NULL;
  g_autofree char *where = xarxa_field_note_describe_item (self->store, xarxa_value_string_of (note, "id"));
  GString *text = g_string_new (NULL);

  if (when != NULL && stop_title != NULL)
    /* TRANSLATORS: when a note was written, then the stop it is about */
    g_string_append_printf (text, _("Written %s, at “%s”"), when, stop_title);
  else if (when != NULL)
    /* TRANSLATORS: when a note was written */
    g_string_append_printf (text, _("Written %s"), when);
  else if (stop_title != NULL)
    g_string_append_printf (text, _("At “%s”"), stop_title);
  if (where != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", where);
  return g_string_free (text, text->len == 0);
}

static void
note_row (XarxaRecordsGroup *group,
          AdwExpanderRow    *row,
          JsonObject        *note,
          gpointer           user_data)
{
  XarxaFieldNotes *self = user_data;
  const char *id = xarxa_value_string_of (note, "id");
  g_autofree char *where = xarxa_field_note_describe_item (self->store, id);
  GtkWidget *widget;

  if (where != NULL)
    {
      widget = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_set_name (widget, "note-promoted");
      gtk_widget_set_tooltip_text (widget, where);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, where, -1);
    }
  else
    {
      widget = gtk_button_new_with_mnemonic (_("_Promote…"));
      gtk_widget_set_name (widget, "note-promote");
      gtk_widget_set_tooltip_text (widget, _("Promote to Agenda…"));
      gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (widget), "field-notes.promote");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (widget), g_variant_new_string (id));
    }
  adw_expander_row_add_action (row, widget);
}

/* The stop a note is about: one of this mission's. */
static gboolean
note_choices (XarxaRecordsGroup *group,
              const char        *field,
              GPtrArray         *ids,
              GPtrArray         *labels,
              gpointer           user_data)
{
  XarxaFieldNotes *self = user_data;
  g_autoptr(GPtrArray) stops = NULL;

  if (!g_str_equal (field, "stop_id"))
    return FALSE;
  if ((stops = xarxa_mission_list_stops (self->store, self->mission_id, NULL)) == NULL)
    return FALSE;
  for (guint i = 0; i < stops->len; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (stops, i);
      const char *title = xarxa_value_string_of (stop->record, "title");
      const char *starts_at = xarxa_value_string_of (stop->record, "starts_at");
      g_autofree char *when = starts_at != NULL ? g_strdelimit (g_strdup (starts_at), "T", ' ') : g_strdup ("");

      g_ptr_array_add (ids, g_strdup (xarxa_value_string_of (stop->record, "id")));
      g_ptr_array_add (labels, g_strstrip (g_strdup_printf ("%s %s", when, title != NULL ? title : "")));
    }
  return TRUE;
}

static void
update_empty (XarxaFieldNotes *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), xarxa_records_group_get_n_records (self->group) == 0);
}

static gboolean
reload_idle_cb (gpointer data)
{
  XarxaFieldNotes *self = data;

  self->reload_id = 0;
  xarxa_records_group_reload (self->group);
  update_empty (self);
  return G_SOURCE_REMOVE;
}

/* A promotion (or its item deleted) changes what the notes say; a note
 * added changes the empty state. */
static void
store_changed_cb (XarxaFieldNotes *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

GtkWidget *
xarxa_field_notes_capture (XarxaFieldNotes *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (XARXA_IS_FIELD_NOTES (self), NULL);

  dialog = xarxa_field_note_dialog_new (parent_window (self), self->store, self->mission_id);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_note_cb (XarxaRecordsGroup *group,
             gpointer           user_data)
{
  xarxa_field_notes_capture (user_data);
}

static void
capture_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  xarxa_field_notes_capture (XARXA_FIELD_NOTES (widget));
}

static void
promote_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     XarxaFieldNotes  *self)
{
  XarxaChoiceDropDown *agenda = g_object_get_data (G_OBJECT (dialog), "agenda");
  XarxaChoiceDropDown *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  const char *note_id = g_object_get_data (G_OBJECT (dialog), "note-id");
  const char *cluster_id = xarxa_choice_drop_down_get_selected_id (agenda);
  g_autoptr(GError) error = NULL;
  g_autofree char *item_id = NULL;

  if (!g_str_equal (response, "promote"))
    return;
  item_id = xarxa_field_note_promote (self->store, note_id, g_strcmp0 (cluster_id, "") != 0 ? cluster_id : NULL,
                                      xarxa_choice_drop_down_get_selected_id (kind), &error);
  show_error (self, item_id == NULL ? error->message : NULL);
  store_changed_cb (self);
}

static const char *
agenda_kind_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_agenda_kind_list, id);
}

static GtkWidget *
labelled_drop_down (GtkWidget  *box,
                    const char *label,
                    const char *name)
{
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *drop_down = xarxa_choice_drop_down_new ();

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_set_name (drop_down, name);
  xarxa_choice_drop_down_set_title (XARXA_CHOICE_DROP_DOWN (drop_down), label);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), drop_down);
  return drop_down;
}

GtkWidget *
xarxa_field_notes_promote (XarxaFieldNotes *self,
                           const char      *note_id)
{
  g_autoptr(XarxaQuery) query = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *dialog, *box, *agenda, *kind;

  g_return_val_if_fail (XARXA_IS_FIELD_NOTES (self), NULL);
  g_return_val_if_fail (note_id != NULL, NULL);

  dialog = adw_message_dialog_new (parent_window (self), _("Promote to Agenda"),
                                   _("The note becomes an item of a shared social agenda, which keeps where it came from."));
  gtk_widget_set_name (dialog, "xarxa-promote-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "promote", _("_Promote"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "promote", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "promote");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  /* The network's agenda first (the empty id), then every cluster's. */
  g_ptr_array_add (ids, g_strdup (""));
  g_ptr_array_add (labels, g_strdup (_("The network’s agenda")));
  query = xarxa_query_new ("cluster");
  clusters = xarxa_store_query_records (self->store, query, NULL);
  for (guint i = 0; clusters != NULL && i < clusters->len; i++)
    {
      JsonObject *cluster = g_ptr_array_index (clusters, i);

      g_ptr_array_add (ids, g_strdup (xarxa_value_string_of (cluster, "id")));
      g_ptr_array_add (labels, g_strdup (xarxa_value_string_of (cluster, "name")));
    }
  agenda = labelled_drop_down (box, _("Agenda"), "promote-agenda");
  xarxa_choice_drop_down_set_choices (XARXA_CHOICE_DROP_DOWN (agenda), NULL, (const char *const *) ids->pdata,
                                      (const char *const *) labels->pdata, ids->len);
  kind = labelled_drop_down (box, _("Kind"), "promote-kind");
  xarxa_choice_drop_down_set_choices_func (XARXA_CHOICE_DROP_DOWN (kind), NULL, xarxa_agenda_kind_list.values,
                                           agenda_kind_label);
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (agenda), "");
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (kind), "challenge");

  g_object_set_data (G_OBJECT (dialog), "agenda", agenda);
  g_object_set_data (G_OBJECT (dialog), "kind", kind);
  g_object_set_data_full (G_OBJECT (dialog), "note-id", g_strdup (note_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (promote_response_cb), self, 0);
  xarxa_a11y_name_dialog_buttons (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
promote_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  xarxa_field_notes_promote (XARXA_FIELD_NOTES (widget), g_variant_get_string (parameter, NULL));
}

GtkWidget *
xarxa_field_notes_get_row (XarxaFieldNotes *self,
                           const char      *note_id)
{
  g_return_val_if_fail (XARXA_IS_FIELD_NOTES (self), NULL);
  g_return_val_if_fail (note_id != NULL, NULL);

  return xarxa_records_group_get_row (self->group, note_id);
}

static void
xarxa_field_notes_dispose (GObject *object)
{
  XarxaFieldNotes *self = XARXA_FIELD_NOTES (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_FIELD_NOTES);
  G_OBJECT_CLASS (xarxa_field_notes_parent_class)->dispose (object);
}

static void
xarxa_field_notes_finalize (GObject *object)
{
  XarxaFieldNotes *self = XARXA_FIELD_NOTES (object);

  g_free (self->mission_id);
  G_OBJECT_CLASS (xarxa_field_notes_parent_class)->finalize (object);
}

static void
xarxa_field_notes_class_init (XarxaFieldNotesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_field_notes_dispose;
  object_class->finalize = xarxa_field_notes_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/transicions/Xarxa/missions/xarxa-field-notes.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNotes, error_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNotes, empty_label);
  gtk_widget_class_install_action (widget_class, "field-notes.capture", NULL, capture_action);
  gtk_widget_class_install_action (widget_class, "field-notes.promote", "s", promote_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "field-notes.capture", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "field-notes.capture", NULL);
}

static void
xarxa_field_notes_init (XarxaFieldNotes *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
xarxa_field_notes_new (XarxaStore *store,
                       const char *mission_id)
{
  XarxaFieldNotes *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  self = g_object_new (XARXA_TYPE_FIELD_NOTES, NULL);
  self->store = g_object_ref (store);
  self->mission_id = g_strdup (mission_id);

  self->group = XARXA_RECORDS_GROUP (xarxa_records_group_new ("field_note", "mission_id"));
  xarxa_records_group_set_fields (self->group, note_fields);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Field Notes"));
  /* Add is the quick capture, not the group's question for a title. */
  xarxa_records_group_set_add_label (self->group, _("_New Note"));
  xarxa_records_group_set_add_func (self->group, add_note_cb, self, NULL);
  xarxa_records_group_set_untitled_label (self->group, _("Empty note"));
  xarxa_records_group_set_compare_func (self->group, compare_notes, NULL, NULL);
  xarxa_records_group_set_subtitle_func (self->group, note_subtitle, self, NULL);
  xarxa_records_group_set_row_func (self->group, note_row, self, NULL);
  xarxa_records_group_set_choices_func (self->group, note_choices, self, NULL);
  xarxa_records_group_set_store (self->group, store);
  xarxa_records_group_set_parent_id (self->group, mission_id);
  gtk_box_prepend (GTK_BOX (self), GTK_WIDGET (self->group));

  g_signal_connect_swapped (store, "changed::field_note", G_CALLBACK (store_changed_cb), self);
  g_signal_connect_swapped (store, "changed::agenda_item", G_CALLBACK (store_changed_cb), self);
  g_signal_connect_swapped (store, "changed::cluster", G_CALLBACK (store_changed_cb), self);
  update_empty (self);
  return GTK_WIDGET (self);
}

void
xarxa_field_notes_set_mission_id (XarxaFieldNotes *self,
                                  const char      *mission_id)
{
  g_return_if_fail (XARXA_IS_FIELD_NOTES (self));
  g_return_if_fail (mission_id != NULL);

  if (g_strcmp0 (self->mission_id, mission_id) == 0)
    return;
  g_free (self->mission_id);
  self->mission_id = g_strdup (mission_id);
  show_error (self, NULL);
  xarxa_records_group_set_parent_id (self->group, mission_id);
  update_empty (self);
}
