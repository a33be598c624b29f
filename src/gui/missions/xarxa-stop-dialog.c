/* xarxa-stop-dialog.c — one itinerary stop, added or edited.
 *
 * Times are typed as the destination's clock reads them and stored so
 * (xarxa-zone.h).  What the store refuses (an end before the start, a time
 * a clocks change skips) is shown in the dialog, which stays open; a time
 * the clocks change repeats reveals the choice of which of the two.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-stop-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-record-search.h"
#include "xarxa-stop-dialog.h"
#include "xarxa-values.h"
#include "xarxa-zone.h"

struct _XarxaStopDialog
{
  AdwWindow parent_instance;

  XarxaStore          *store;
  char                *mission_id;
  char                *stop_id;
  char                *zone_id;

  GtkWidget           *error_group;
  GtkLabel            *error_label;
  AdwActionRow        *kind_row;
  AdwEntryRow         *title_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *starts_row;
  AdwEntryRow         *ends_row;
  AdwActionRow        *repeated_row;
  AdwPreferencesGroup *host_group;
  AdwEntryRow         *address_row;
  GtkWidget           *host_address_button;
  GtkTextView         *notes_view;

  XarxaChoiceDropDown *kind_drop_down;
  XarxaChoiceDropDown *repeated_drop_down;
  XarxaRecordSearch   *host_entity;
  XarxaRecordSearch   *host_contact;
};

G_DEFINE_FINAL_TYPE (XarxaStopDialog, xarxa_stop_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_stop_kind_list, id);
}

static const char *
repeated_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_repeated_time_list, id);
}

static void
show_error (XarxaStopDialog *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_group, message != NULL);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_string_or_null (JsonObject *values,
                    const char *name,
                    const char *value)
{
  if (value != NULL && value[0] != '\0')
    json_object_set_string_member (values, name, value);
  else
    json_object_set_null_member (values, name);
}

static void
host_changed_cb (XarxaStopDialog *self)
{
  const char *entity_id = xarxa_record_search_get_selected_id (self->host_entity);
  g_autoptr(JsonObject) entity = xarxa_store_get_live_record (self->store, "entity", entity_id);

  xarxa_record_search_set_entity_id (self->host_contact, entity_id);
  gtk_widget_set_sensitive (self->host_address_button,
                            entity != NULL && xarxa_value_string_of (entity, "address") != NULL);
}

static void
host_address_clicked_cb (XarxaStopDialog *self)
{
  g_autoptr(JsonObject) entity = xarxa_store_get_live_record (self->store, "entity",
                                                              xarxa_record_search_get_selected_id (self->host_entity));
  const char *address, *city;
  g_autofree char *text = NULL;

  if (entity == NULL || (address = xarxa_value_string_of (entity, "address")) == NULL)
    return;
  city = xarxa_value_string_of (entity, "city");
  /* The city too, unless the address already names it. */
  if (city != NULL && strstr (address, city) == NULL)
    text = g_strdup_printf ("%s, %s", address, city);
  else
    text = g_strdup (address);
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), text);
}

/* Whether @wall_clock is a time the clocks change makes happen twice in
 * the stop's zone. */
static gboolean
is_repeated (XarxaStopDialog *self,
             const char      *wall_clock)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) refused = NULL;
  g_autoptr(GDateTime) earlier = NULL;

  if (wall_clock == NULL || self->zone_id == NULL || (zone = xarxa_zone_new (self->zone_id, NULL)) == NULL)
    return FALSE;
  refused = xarxa_zone_wall_clock_to_instant (zone, wall_clock, XARXA_REPEATED_REFUSE, NULL);
  if (refused != NULL)
    return FALSE;
  earlier = xarxa_zone_wall_clock_to_instant (zone, wall_clock, XARXA_REPEATED_EARLIER, NULL);
  return earlier != NULL;
}

/* "HH:MM" on @date, or a whole "YYYY-MM-DD HH:MM"; NULL for nothing. */
static char *
wall_clock_of (const char *date,
               const char *text)
{
  if (text[0] == '\0')
    return NULL;
  if (strchr (text, '-') != NULL)
    return g_strdelimit (g_strdup (text), " ", 'T');
  return g_strdup_printf ("%sT%s", date, text);
}

gboolean
xarxa_stop_dialog_save (XarxaStopDialog *self)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = entry_text (self->title_row);
  g_autofree char *date = entry_text (self->date_row);
  g_autofree char *starts = entry_text (self->starts_row);
  g_autofree char *ends = entry_text (self->ends_row);
  g_autofree char *address = entry_text (self->address_row);
  g_autofree char *notes = NULL;
  g_autofree char *starts_at = NULL;
  g_autofree char *ends_at = NULL;
  GtkTextIter start, end;
  GtkTextBuffer *buffer;

  g_return_val_if_fail (XARXA_IS_STOP_DIALOG (self), FALSE);

  if (date[0] == '\0' && (starts[0] != '\0' || (ends[0] != '\0' && strchr (ends, '-') == NULL)))
    {
      show_error (self, _("Give the day of the stop (YYYY-MM-DD) as well as its time."));
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return FALSE;
    }
  if (date[0] != '\0' && starts[0] == '\0')
    {
      show_error (self, _("Give the time the stop starts (HH:MM), as the clocks read it at the destination."));
      gtk_widget_grab_focus (GTK_WIDGET (self->starts_row));
      return FALSE;
    }
  starts_at = wall_clock_of (date, starts);
  ends_at = wall_clock_of (date, ends);

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  json_object_set_string_member (values, "mission_id", self->mission_id);
  set_string_or_null (values, "kind", xarxa_choice_drop_down_get_selected_id (self->kind_drop_down));
  set_string_or_null (values, "title", title);
  set_string_or_null (values, "starts_at", starts_at);
  set_string_or_null (values, "ends_at", ends_at);
  set_string_or_null (values, "host_entity_id", xarxa_record_search_get_selected_id (self->host_entity));
  set_string_or_null (values, "host_contact_id", xarxa_record_search_get_selected_id (self->host_contact));
  set_string_or_null (values, "address", address);
  set_string_or_null (values, "notes", notes);
  if (gtk_widget_get_visible (GTK_WIDGET (self->repeated_row)))
    set_string_or_null (values, "repeated_time", xarxa_choice_drop_down_get_selected_id (self->repeated_drop_down));

  if (self->stop_id == NULL)
    self->stop_id = xarxa_store_create_record (self->store, "itinerary_stop", values, &error);
  else
    xarxa_store_update_record (self->store, "itinerary_stop", self->stop_id, values, &error);

  if (error != NULL)
    {
      /* A repeated hour is not wrong, only unsaid: offer the choice. */
      if (!gtk_widget_get_visible (GTK_WIDGET (self->repeated_row)) &&
          (is_repeated (self, starts_at) || is_repeated (self, ends_at)))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->repeated_row), TRUE);
          show_error (self, _("The clocks go back that night, so this time happens twice. "
                              "Choose which of the two you mean, then save."));
          gtk_widget_grab_focus (GTK_WIDGET (self->repeated_drop_down));
          return FALSE;
        }
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, self->stop_id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_clicked_cb (XarxaStopDialog *self)
{
  xarxa_stop_dialog_save (self);
}

static void
load (XarxaStopDialog *self,
      const char      *date)
{
  g_autoptr(JsonObject) mission = xarxa_store_get_live_record (self->store, "mission", self->mission_id);
  g_autoptr(JsonObject) stop = xarxa_store_get_live_record (self->store, "itinerary_stop", self->stop_id);
  const char *starts_at, *ends_at, *text;

  self->zone_id = g_strdup (xarxa_value_string_of (stop, "time_zone"));
  if (self->zone_id == NULL && mission != NULL)
    self->zone_id = g_strdup (xarxa_value_string_of (mission, "time_zone"));
  if (stop == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Stop"));
      xarxa_choice_drop_down_set_selected_id (self->kind_drop_down, "visit");
      if (date != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
      return;
    }
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Stop"));
  xarxa_choice_drop_down_set_selected_id (self->kind_drop_down, xarxa_value_string_of (stop, "kind"));
  if ((text = xarxa_value_string_of (stop, "title")) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), text);
  starts_at = xarxa_value_string_of (stop, "starts_at");
  ends_at = xarxa_value_string_of (stop, "ends_at");
  if (starts_at != NULL && strlen (starts_at) > 11)
    {
      g_autofree char *day = g_strndup (starts_at, 10);

      gtk_editable_set_text (GTK_EDITABLE (self->date_row), day);
      gtk_editable_set_text (GTK_EDITABLE (self->starts_row), starts_at + 11);
    }
  if (ends_at != NULL && strlen (ends_at) > 11)
    {
      if (starts_at != NULL && strncmp (starts_at, ends_at, 10) == 0)
        gtk_editable_set_text (GTK_EDITABLE (self->ends_row), ends_at + 11);
      else
        {
          g_autofree char *whole = g_strdelimit (g_strdup (ends_at), "T", ' ');

          gtk_editable_set_text (GTK_EDITABLE (self->ends_row), whole);
        }
    }
  if ((text = xarxa_value_string_of (stop, "repeated_time")) != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->repeated_row), TRUE);
      xarxa_choice_drop_down_set_selected_id (self->repeated_drop_down, text);
    }
  xarxa_record_search_set_selected_id (self->host_entity, xarxa_value_string_of (stop, "host_entity_id"));
  xarxa_record_search_set_selected_id (self->host_contact, xarxa_value_string_of (stop, "host_contact_id"));
  if ((text = xarxa_value_string_of (stop, "address")) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), text);
  if ((text = xarxa_value_string_of (stop, "notes")) != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), text, -1);
}

static void
xarxa_stop_dialog_dispose (GObject *object)
{
  XarxaStopDialog *self = XARXA_STOP_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_STOP_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (xarxa_stop_dialog_parent_class)->dispose (object);
}

static void
xarxa_stop_dialog_finalize (GObject *object)
{
  XarxaStopDialog *self = XARXA_STOP_DIALOG (object);

  g_free (self->mission_id);
  g_free (self->stop_id);
  g_free (self->zone_id);
  G_OBJECT_CLASS (xarxa_stop_dialog_parent_class)->finalize (object);
}

static void
xarxa_stop_dialog_class_init (XarxaStopDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_stop_dialog_dispose;
  object_class->finalize = xarxa_stop_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/transicions/Xarxa/missions/xarxa-stop-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, starts_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, ends_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, repeated_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, host_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, host_address_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaStopDialog, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, host_address_clicked_cb);
}

static void
xarxa_stop_dialog_init (XarxaStopDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->kind_drop_down = XARXA_CHOICE_DROP_DOWN (xarxa_choice_drop_down_new ());
  xarxa_choice_drop_down_set_choices_func (self->kind_drop_down, NULL, xarxa_stop_kind_list.values, kind_label);
  xarxa_choice_drop_down_set_title (self->kind_drop_down, _("Kind"));
  gtk_widget_set_valign (GTK_WIDGET (self->kind_drop_down), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->kind_row, GTK_WIDGET (self->kind_drop_down));

  self->repeated_drop_down = XARXA_CHOICE_DROP_DOWN (xarxa_choice_drop_down_new ());
  xarxa_choice_drop_down_set_choices_func (self->repeated_drop_down, _("Choose…"), xarxa_repeated_time_list.values,
                                           repeated_label);
  xarxa_choice_drop_down_set_title (self->repeated_drop_down, _("This time happens twice"));
  gtk_widget_set_valign (GTK_WIDGET (self->repeated_drop_down), GTK_ALIGN_CENTER);
  gtk_widget_set_name (GTK_WIDGET (self->repeated_drop_down), "repeated-choice");
  adw_action_row_add_suffix (self->repeated_row, GTK_WIDGET (self->repeated_drop_down));
}

GtkWidget *
xarxa_stop_dialog_new (GtkWindow  *parent,
                       XarxaStore *store,
                       const char *mission_id,
                       const char *stop_id,
                       const char *date)
{
  XarxaStopDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  self = g_object_new (XARXA_TYPE_STOP_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->mission_id = g_strdup (mission_id);
  self->stop_id = g_strdup (stop_id);

  self->host_entity = XARXA_RECORD_SEARCH (xarxa_record_search_new (store, "entity", _("Host organisation")));
  gtk_widget_set_name (GTK_WIDGET (self->host_entity), "host-entity");
  adw_preferences_group_add (self->host_group, GTK_WIDGET (self->host_entity));
  self->host_contact = XARXA_RECORD_SEARCH (xarxa_record_search_new (store, "contact", _("Host contact person")));
  gtk_widget_set_name (GTK_WIDGET (self->host_contact), "host-contact");
  gtk_widget_set_margin_top (GTK_WIDGET (self->host_contact), 12);
  adw_preferences_group_add (self->host_group, GTK_WIDGET (self->host_contact));
  g_signal_connect_swapped (self->host_entity, "changed", G_CALLBACK (host_changed_cb), self);

  load (self, date);
  host_changed_cb (self);
  return GTK_WIDGET (self);
}
