/* xarxa-field-note-dialog.c — a field note captured on the road.
 *
 * Everything is local: the note, a new contact and a new organisation are
 * written in one transaction, so either all of them are there or none,
 * and sync carries them later.  Each person met is a field_note_person
 * record (the mission's list of the people met reads them), and is named
 * in the note's text too ("People met: …"), where a reader of the note and
 * the search see them; each new contact's notes say on which mission they
 * were met.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-field-note-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-field-note-dialog.h"
#include "xarxa-mission.h"
#include "xarxa-mission-cluster.h"
#include "xarxa-record-search.h"
#include "xarxa-values.h"
#include "xarxa-zone.h"

struct _XarxaFieldNoteDialog
{
  AdwWindow parent_instance;

  XarxaStore          *store;
  char                *mission_id;
  GPtrArray           *met_ids;     /* contacts picked from the directory */
  GPtrArray           *stop_ids;
  GPtrArray           *stop_labels;

  GtkLabel            *error_label;
  GtkTextView         *text_view;
  AdwActionRow        *stop_row;
  AdwPreferencesGroup *people_group;
  GtkListBox          *met_list;
  AdwPreferencesGroup *new_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *new_entity_row;

  XarxaChoiceDropDown *stop_drop_down;
  XarxaRecordSearch   *contact_search;
  XarxaRecordSearch   *entity_search;
};

G_DEFINE_FINAL_TYPE (XarxaFieldNoteDialog, xarxa_field_note_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (XarxaFieldNoteDialog *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

const char *
xarxa_field_note_stop_under_way (GPtrArray *stops,
                                 GDateTime *now)
{
  g_return_val_if_fail (stops != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  for (guint i = 0; i < stops->len; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (stops, i);

      if (stop->starts != NULL && stop->ends != NULL &&
          g_date_time_compare (stop->starts, now) <= 0 && g_date_time_compare (now, stop->ends) < 0)
        return xarxa_value_string_of (stop->record, "id");
    }
  return NULL;
}

static char *
contact_name (XarxaStore *store,
              const char *id)
{
  g_autoptr(JsonObject) contact = xarxa_store_get_live_record (store, "contact", id);

  return contact != NULL ? g_strdup (xarxa_value_string_of (contact, "full_name")) : NULL;
}

static void
remove_met_clicked_cb (GtkButton            *button,
                       XarxaFieldNoteDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  const char *id = g_object_get_data (G_OBJECT (row), "contact-id");

  for (guint i = 0; i < self->met_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->met_ids, i), id))
      {
        g_ptr_array_remove_index (self->met_ids, i);
        break;
      }
  gtk_list_box_remove (self->met_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->met_list), self->met_ids->len > 0);
}

static void
contact_picked_cb (XarxaFieldNoteDialog *self)
{
  const char *id = xarxa_record_search_get_selected_id (self->contact_search);
  g_autofree char *name = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *row, *button;

  if (id == NULL)
    return;
  if (!g_ptr_array_find_with_equal_func (self->met_ids, id, g_str_equal, NULL))
    {
      name = contact_name (self->store, id);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : id);
      g_object_set_data_full (G_OBJECT (row), "contact-id", g_strdup (id), g_free);
      button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* TRANSLATORS: a person's name */
      remove_label = g_strdup_printf (_("Remove %s"), name != NULL ? name : id);
      gtk_widget_set_tooltip_text (button, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_met_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->met_list, row);
      g_ptr_array_add (self->met_ids, g_strdup (id));
      gtk_widget_set_visible (GTK_WIDGET (self->met_list), TRUE);
    }
  /* Ready for the next person. */
  xarxa_record_search_set_selected_id (self->contact_search, NULL);
  xarxa_record_search_set_text (self->contact_search, "");
}

/* The mission's clock now, as the note's stamp. */
static char *
written_now (JsonObject *mission)
{
  const char *zone_id = mission != NULL ? xarxa_value_string_of (mission, "time_zone") : NULL;
  g_autoptr(GTimeZone) zone = zone_id != NULL ? xarxa_zone_new (zone_id, NULL) : NULL;
  g_autoptr(GDateTime) now = NULL;

  if (zone == NULL)
    zone = g_time_zone_new_local ();
  now = g_date_time_new_now (zone);
  return g_date_time_format (now, "%Y-%m-%dT%H:%M");
}

static void
set_optional (JsonObject *values,
              const char *name,
              const char *value)
{
  if (value != NULL && value[0] != '\0')
    json_object_set_string_member (values, name, value);
}

gboolean
xarxa_field_note_dialog_save (XarxaFieldNoteDialog *self)
{
  g_autoptr(JsonObject) mission = NULL;
  g_autoptr(JsonObject) note = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *name = entry_text (self->name_row);
  g_autofree char *email = entry_text (self->email_row);
  g_autofree char *phone = entry_text (self->phone_row);
  g_autofree char *new_entity = entry_text (self->new_entity_row);
  g_autofree char *entity_id = NULL;
  g_autofree char *contact_id = NULL;
  g_autofree char *note_id = NULL;
  g_autofree char *stamp = NULL;
  GtkTextIter start, end;
  GtkTextBuffer *buffer;

  g_return_val_if_fail (XARXA_IS_FIELD_NOTE_DIALOG (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  typed = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (typed[0] == '\0')
    {
      show_error (self, _("Write the note first: what you saw, heard or want to remember."));
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
      return FALSE;
    }
  if (name[0] == '\0' && (email[0] != '\0' || phone[0] != '\0' || new_entity[0] != '\0' ||
                          xarxa_record_search_get_selected_id (self->entity_search) != NULL))
    {
      show_error (self, _("Give the new person’s full name, or clear their details."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }
  if (new_entity[0] != '\0' && xarxa_record_search_get_selected_id (self->entity_search) != NULL)
    {
      show_error (self, _("Choose the organisation from the directory or give a new one’s name, not both."));
      return FALSE;
    }

  mission = xarxa_store_get_live_record (self->store, "mission", self->mission_id);
  if (!xarxa_store_begin (self->store, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  if (new_entity[0] != '\0')
    {
      g_autoptr(JsonObject) values = json_object_new ();

      json_object_set_string_member (values, "name", new_entity);
      if ((entity_id = xarxa_store_create_record (self->store, "entity", values, &error)) == NULL)
        goto failed;
    }
  else
    entity_id = g_strdup (xarxa_record_search_get_selected_id (self->entity_search));
  if (name[0] != '\0')
    {
      g_autoptr(JsonObject) values = json_object_new ();
      const char *title = mission != NULL ? xarxa_value_string_of (mission, "title") : NULL;

      json_object_set_string_member (values, "full_name", name);
      set_optional (values, "email", email);
      set_optional (values, "phone", phone);
      set_optional (values, "entity_id", entity_id);
      if (title != NULL)
        {
          /* TRANSLATORS: a mission's title */
          g_autofree char *met = g_strdup_printf (_("Met on the mission “%s”."), title);

          json_object_set_string_member (values, "notes", met);
        }
      if ((contact_id = xarxa_store_create_record (self->store, "contact", values, &error)) == NULL)
        goto failed;
    }

  for (guint i = 0; i < self->met_ids->len; i++)
    {
      char *met = contact_name (self->store, g_ptr_array_index (self->met_ids, i));

      if (met != NULL)
        g_ptr_array_add (names, met);
    }
  if (contact_id != NULL)
    g_ptr_array_add (names, g_strdup (name));
  text = g_string_new (typed);
  if (names->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      g_string_append (text, "\n\n");
      /* TRANSLATORS: the names of the people met, separated by commas */
      g_string_append_printf (text, _("People met: %s"), list);
    }

  stamp = written_now (mission);
  json_object_set_string_member (note, "mission_id", self->mission_id);
  set_optional (note, "stop_id", xarxa_choice_drop_down_get_selected_id (self->stop_drop_down));
  json_object_set_string_member (note, "written_at", stamp);
  json_object_set_string_member (note, "text", text->str);
  if ((note_id = xarxa_store_create_record (self->store, "field_note", note, &error)) == NULL)
    goto failed;
  /* The people met, as records the mission's list reads (each picked
   * once: contact_picked_cb keeps them apart). */
  for (guint i = 0; i < self->met_ids->len; i++)
    if (!xarxa_field_note_add_person (self->store, note_id, g_ptr_array_index (self->met_ids, i), &error))
      goto failed;
  if (contact_id != NULL && !xarxa_field_note_add_person (self->store, note_id, contact_id, &error))
    goto failed;
  if (!xarxa_store_commit (self->store, &error))
    goto failed;

  show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, note_id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;

failed:
  xarxa_store_rollback (self->store);
  show_error (self, error->message);
  return FALSE;
}

static void
save_clicked_cb (XarxaFieldNoteDialog *self)
{
  xarxa_field_note_dialog_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  xarxa_field_note_dialog_save (XARXA_FIELD_NOTE_DIALOG (widget));
}

static void
xarxa_field_note_dialog_dispose (GObject *object)
{
  XarxaFieldNoteDialog *self = XARXA_FIELD_NOTE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_FIELD_NOTE_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (xarxa_field_note_dialog_parent_class)->dispose (object);
}

static void
xarxa_field_note_dialog_finalize (GObject *object)
{
  XarxaFieldNoteDialog *self = XARXA_FIELD_NOTE_DIALOG (object);

  g_free (self->mission_id);
  g_clear_pointer (&self->met_ids, g_ptr_array_unref);
  g_clear_pointer (&self->stop_ids, g_ptr_array_unref);
  g_clear_pointer (&self->stop_labels, g_ptr_array_unref);
  G_OBJECT_CLASS (xarxa_field_note_dialog_parent_class)->finalize (object);
}

static void
xarxa_field_note_dialog_class_init (XarxaFieldNoteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_field_note_dialog_dispose;
  object_class->finalize = xarxa_field_note_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/transicions/Xarxa/missions/xarxa-field-note-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNoteDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNoteDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNoteDialog, stop_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNoteDialog, people_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNoteDialog, met_list);
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNoteDialog, new_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNoteDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNoteDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNoteDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaFieldNoteDialog, new_entity_row);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_install_action (widget_class, "note.save", NULL, save_action);
}

static void
xarxa_field_note_dialog_init (XarxaFieldNoteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->met_ids = g_ptr_array_new_with_free_func (g_free);
  self->stop_ids = g_ptr_array_new_with_free_func (g_free);
  self->stop_labels = g_ptr_array_new_with_free_func (g_free);
}

/* "10:00 Chantier de l’économie sociale", for the stop drop-down. */
static void
fill_stops (XarxaFieldNoteDialog *self,
            GPtrArray            *stops)
{
  for (guint i = 0; i < stops->len; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (stops, i);
      const char *title = xarxa_value_string_of (stop->record, "title");
      const char *starts_at = xarxa_value_string_of (stop->record, "starts_at");
      g_autofree char *when = starts_at != NULL ? g_strdelimit (g_strdup (starts_at), "T", ' ') : NULL;

      g_ptr_array_add (self->stop_ids, g_strdup (xarxa_value_string_of (stop->record, "id")));
      if (when != NULL)
        g_ptr_array_add (self->stop_labels, g_strdup_printf ("%s %s", when, title != NULL ? title : ""));
      else
        g_ptr_array_add (self->stop_labels, g_strdup (title != NULL ? title : _("Untitled stop")));
    }
  xarxa_choice_drop_down_set_choices (self->stop_drop_down, _("None: the whole mission"),
                                      (const char *const *) self->stop_ids->pdata,
                                      (const char *const *) self->stop_labels->pdata, self->stop_ids->len);
}

GtkWidget *
xarxa_field_note_dialog_new (GtkWindow  *parent,
                             XarxaStore *store,
                             const char *mission_id)
{
  XarxaFieldNoteDialog *self;
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  self = g_object_new (XARXA_TYPE_FIELD_NOTE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->mission_id = g_strdup (mission_id);

  self->stop_drop_down = XARXA_CHOICE_DROP_DOWN (xarxa_choice_drop_down_new ());
  xarxa_choice_drop_down_set_title (self->stop_drop_down, _("Stop"));
  gtk_widget_set_valign (GTK_WIDGET (self->stop_drop_down), GTK_ALIGN_CENTER);
  gtk_widget_set_name (GTK_WIDGET (self->stop_drop_down), "note-stop");
  adw_action_row_add_suffix (self->stop_row, GTK_WIDGET (self->stop_drop_down));
  stops = xarxa_mission_list_stops (store, mission_id, NULL);
  if (stops == NULL)
    stops = g_ptr_array_new ();
  fill_stops (self, stops);
  xarxa_choice_drop_down_set_selected_id (self->stop_drop_down, xarxa_field_note_stop_under_way (stops, now));

  self->contact_search = XARXA_RECORD_SEARCH (xarxa_record_search_new (store, "contact",
                                                                       _("Someone from the directory")));
  xarxa_record_search_set_can_create (self->contact_search, FALSE);
  gtk_widget_set_name (GTK_WIDGET (self->contact_search), "met-search");
  adw_preferences_group_add (self->people_group, GTK_WIDGET (self->contact_search));
  g_signal_connect_swapped (self->contact_search, "changed", G_CALLBACK (contact_picked_cb), self);

  /* The new person's organisation: one in the directory, or a new one
   * typed below it. */
  self->entity_search = XARXA_RECORD_SEARCH (xarxa_record_search_new (store, "entity",
                                                                      _("Their organisation, from the directory")));
  xarxa_record_search_set_can_create (self->entity_search, FALSE);
  gtk_widget_set_name (GTK_WIDGET (self->entity_search), "new-person-entity");
  gtk_widget_set_margin_top (GTK_WIDGET (self->entity_search), 12);
  adw_preferences_group_add (self->new_group, GTK_WIDGET (self->entity_search));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  return GTK_WIDGET (self);
}

const char *
xarxa_field_note_dialog_get_stop_id (XarxaFieldNoteDialog *self)
{
  g_return_val_if_fail (XARXA_IS_FIELD_NOTE_DIALOG (self), NULL);

  return xarxa_choice_drop_down_get_selected_id (self->stop_drop_down);
}
