/* test-itinerary-ui.c — a mission's itinerary, field notes and ready
 * check driven as a person would, under Xvfb, in Tokyo.
 *
 * The mission is in Montréal across the night the clocks change (14 March
 * 2027); the process runs in Asia/Tokyo, so the stops read the same
 * Montréal times and show Tokyo's beside them.  A stop is added (an
 * overlap flagged, an end before its start refused, a repeated hour
 * chosen), moved to the next day by keyboard and by a drop, moved with
 * Move…, and a day is duplicated.  A mission of 47 stops opens with its
 * days folded and no stop's row built: a day's rows come when it is
 * unfolded, and it stays unfolded across edits.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-itinerary-ui"

#include "config.h"

#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-field-note-dialog.h"
#include "xarxa-cluster-agenda.h"
#include "xarxa-field-note-promote.h"
#include "xarxa-field-notes.h"
#include "xarxa-itinerary.h"
#include "xarxa-mission-cluster.h"
#include "xarxa-mission-editor.h"
#include "xarxa-ready-check.h"
#include "xarxa-sync-state.h"
#include "xarxa-zone.h"
#include "xarxa-record-search.h"
#include "xarxa-stop-dialog.h"
#include "xarxa-values.h"
#include "test-util.h"
#include "ui-test-util.h"

static gboolean
is_source_row (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Promoted from a field note") == 0;
}

typedef struct
{
  char       *dir;
  char       *db;
  XarxaStore *store;
  char       *mission;
  char       *visit;     /* 2027-03-13 10:00–11:30 */
  char       *meeting;   /* 2027-03-15 10:00–11:00 */
  GtkWindow  *window;
  GtkWidget  *itinerary;
  GtkWidget  *notes;
  GtkWidget  *ready;
} Fixture;

static char *
create (XarxaStore *store,
        const char *type_name,
        ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list args;
  char *id;

  va_start (args, type_name);
  while ((name = va_arg (args, const char *)) != NULL)
    json_object_set_string_member (values, name, va_arg (args, const char *));
  va_end (args);
  id = xarxa_store_create_record (store, type_name, values, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  GtkWidget *scrolled, *box;

  f->store = test_open_store (&f->dir, &f->db);
  f->mission = create (f->store, "mission", "title", "Economia social a Montréal", "country", "CA",
                       "city", "Montréal", "time_zone", "America/Montreal",
                       "start_date", "2027-03-13", "end_date", "2027-03-16", NULL);
  f->visit = create (f->store, "itinerary_stop", "mission_id", f->mission, "kind", "visit",
                     "title", "Chantier de l’économie sociale",
                     "starts_at", "2027-03-13T10:00", "ends_at", "2027-03-13T11:30", NULL);
  f->meeting = create (f->store, "itinerary_stop", "mission_id", f->mission, "kind", "meeting",
                       "title", "Territoires innovants", "address", "1431 rue Fullum",
                       "starts_at", "2027-03-15T10:00", "ends_at", "2027-03-15T11:00", NULL);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 480, 700);
  scrolled = gtk_scrolled_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  f->itinerary = xarxa_itinerary_new (f->store, f->mission);
  f->notes = xarxa_field_notes_new (f->store, f->mission);
  f->ready = xarxa_ready_check_new (f->store, f->mission);
  gtk_box_append (GTK_BOX (box), f->itinerary);
  gtk_box_append (GTK_BOX (box), f->notes);
  gtk_box_append (GTK_BOX (box), f->ready);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_window_set_child (f->window, scrolled);
  gtk_window_present (f->window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  destroy_window (f->window);
  g_free (f->mission);
  g_free (f->visit);
  g_free (f->meeting);
  test_close_store (&f->store, &f->dir, &f->db);
}

static gboolean
name_is (GtkWidget     *widget,
         gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

static gboolean
is_stop_row (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "stop-id"), data) == 0;
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  return find_descendant (root, name_is, name);
}

static GtkWidget *
row_of (Fixture    *f,
        const char *stop_id)
{
  return find_descendant (f->itinerary, is_stop_row, stop_id);
}

/* The day a stop's row is listed under. */
static const char *
day_of_row (GtkWidget *row)
{
  for (GtkWidget *w = row; w != NULL; w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "date") != NULL)
      return g_object_get_data (G_OBJECT (w), "date");
  return NULL;
}

static const char *
label_in (GtkWidget  *root,
          const char *name)
{
  GtkWidget *label = named (root, name);

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

static void
test_times_in_tokyo (Fixture      *f,
                     gconstpointer data)
{
  GtkWidget *visit = row_of (f, f->visit);
  GtkWidget *meeting = row_of (f, f->meeting);

  g_assert_cmpstr (g_getenv ("TZ"), ==, "Asia/Tokyo");
  g_assert_nonnull (visit);
  g_assert_nonnull (meeting);
  g_assert_cmpstr (day_of_row (visit), ==, "2027-03-13");
  g_assert_cmpstr (day_of_row (meeting), ==, "2027-03-15");
  /* The Montréal clock, whatever this device's zone. */
  g_assert_cmpstr (label_in (visit, "stop-times"), ==, "10:00 – 11:30");
  g_assert_cmpstr (label_in (meeting, "stop-times"), ==, "10:00 – 11:00");
  /* Tokyo beside it: 14 hours ahead before the clocks change in Montréal
   * (past midnight, so the next day), 13 after. */
  g_assert_true (g_str_has_prefix (label_in (visit, "stop-here"), "10:00 in Montréal, 00:00 here"));
  g_assert_cmpstr (label_in (meeting, "stop-here"), ==, "10:00 in Montréal, 23:00 here");
  g_assert_nonnull (strstr (label_in (meeting, "stop-title"), "Territoires innovants"));
  /* Every day of the mission has its heading, the empty ones too. */
  for (const char *const *d = (const char *const[]) { "2027-03-13", "2027-03-14", "2027-03-15", "2027-03-16", NULL };
       *d != NULL; d++)
    g_assert_nonnull (named (f->itinerary, *d));
  g_assert_null (named (f->itinerary, "day-outside-dates"));
  g_assert_null (named (f->itinerary, "overlap"));

  /* A stop's menu, made when it opens, acts on that stop. */
  {
    GtkMenuButton *button = GTK_MENU_BUTTON (find_descendant (visit, is_menu_button, NULL));
    GMenuModel *menu;
    g_autoptr(GVariant) target = NULL;
    g_autofree char *action = NULL;

    g_assert_null (gtk_menu_button_get_menu_model (button));
    gtk_menu_button_popup (button);
    menu = gtk_menu_button_get_menu_model (button);
    g_assert_nonnull (menu);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 4);
    g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
    g_assert_cmpstr (action, ==, "itinerary.move-stop");
    target = g_menu_model_get_item_attribute_value (menu, 1, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, f->visit);
    gtk_menu_button_popdown (button);
    drain ();
  }
}

static XarxaStopDialog *
open_stop_dialog (Fixture    *f,
                  const char *action,
                  const char *target)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (f->itinerary, action, "s", target));
  WAIT_FOR ((dialog = find_toplevel ("xarxa-stop-dialog")) != NULL);
  return XARXA_STOP_DIALOG (dialog);
}

static void
set_row (XarxaStopDialog *dialog,
         const char      *name,
         const char      *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, XARXA_TYPE_STOP_DIALOG, name)), text);
}

static guint
n_stops (Fixture *f)
{
  return (guint) xarxa_store_count (f->store, "itinerary_stop");
}

static void
saved_cb (XarxaStopDialog *dialog,
          const char      *id,
          char           **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
test_add_stop (Fixture      *f,
               gconstpointer data)
{
  XarxaStopDialog *dialog = open_stop_dialog (f, "itinerary.add-stop", "");
  g_autofree char *host = create (f->store, "entity", "name", "Maison de l’économie sociale",
                                  "address", "1431 rue Fullum", "city", "Montréal", NULL);
  GtkLabel *error_label;
  GtkWidget *host_search, *contact_search;
  g_autofree char *stop_id = NULL;
  g_autoptr(JsonObject) stop = NULL;
  GtkListBox *results;
  GtkWidget *row;

  /* The header's Add Stop: the mission's first day. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, XARXA_TYPE_STOP_DIALOG, "date_row"))),
                   ==, "2027-03-13");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
  /* A day's Add Stop…: that day. */
  dialog = open_stop_dialog (f, "itinerary.add-stop", "2027-03-15");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, XARXA_TYPE_STOP_DIALOG, "date_row"))),
                   ==, "2027-03-15");
  error_label = child (dialog, XARXA_TYPE_STOP_DIALOG, "error_label");
  set_row (dialog, "date_row", "2027-03-13");
  set_row (dialog, "title_row", "Lunch with the hosts");
  set_row (dialog, "starts_row", "11:00");
  /* An end before the start: the store's message, the dialog stays. */
  set_row (dialog, "ends_row", "10:30");
  g_assert_false (xarxa_stop_dialog_save (dialog));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "before it starts"));
  g_assert_cmpuint (n_stops (f), ==, 2);

  /* The host picked from the directory, its address offered; its contact
   * made on the spot. */
  host_search = named (GTK_WIDGET (dialog), "host-entity");
  xarxa_record_search_set_text (XARXA_RECORD_SEARCH (host_search), "maison");
  results = GTK_LIST_BOX (gtk_widget_get_last_child (host_search));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (results, 0));
  g_assert_nonnull (row);
  g_signal_emit_by_name (results, "row-activated", row);
  g_assert_cmpstr (xarxa_record_search_get_selected_id (XARXA_RECORD_SEARCH (host_search)), ==, host);
  contact_search = named (GTK_WIDGET (dialog), "host-contact");
  xarxa_record_search_set_text (XARXA_RECORD_SEARCH (contact_search), "Béatrice Alain");
  results = GTK_LIST_BOX (gtk_widget_get_last_child (contact_search));
  row = named (GTK_WIDGET (results), "create-row");
  g_assert_nonnull (row);
  g_signal_emit_by_name (results, "row-activated", row);
  g_assert_nonnull (xarxa_record_search_get_selected_id (XARXA_RECORD_SEARCH (contact_search)));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, XARXA_TYPE_STOP_DIALOG, "host_address_button")));
  g_signal_emit_by_name (child (dialog, XARXA_TYPE_STOP_DIALOG, "host_address_button"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, XARXA_TYPE_STOP_DIALOG, "address_row"))),
                   ==, "1431 rue Fullum, Montréal");

  set_row (dialog, "ends_row", "12:00");
  g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), &stop_id);
  g_assert_true (xarxa_stop_dialog_save (dialog));
  g_assert_nonnull (stop_id);
  WAIT_FOR (find_toplevel ("xarxa-stop-dialog") == NULL);
  g_assert_cmpuint (n_stops (f), ==, 3);
  stop = xarxa_store_get_record (f->store, "itinerary_stop", stop_id, NULL);
  g_assert_cmpstr (xarxa_value_string_of (stop, "starts_at"), ==, "2027-03-13T11:00");
  g_assert_cmpstr (xarxa_value_string_of (stop, "host_entity_id"), ==, host);
  {
    g_autoptr(JsonObject) contact = xarxa_store_get_record (f->store, "contact",
                                                            xarxa_value_string_of (stop, "host_contact_id"), NULL);

    g_assert_cmpstr (xarxa_value_string_of (contact, "full_name"), ==, "Béatrice Alain");
    g_assert_cmpstr (xarxa_value_string_of (contact, "entity_id"), ==, host);
  }

  /* It overlaps the visit: both flagged. */
  WAIT_FOR (row_of (f, stop_id) != NULL);
  g_assert_nonnull (named (row_of (f, stop_id), "overlap"));
  g_assert_nonnull (named (row_of (f, f->visit), "overlap"));
  g_assert_nonnull (strstr (label_in (row_of (f, stop_id), "stop-title"), "Lunch with the hosts"));
}

static void
test_clock_change_times (Fixture      *f,
                         gconstpointer data)
{
  XarxaStopDialog *dialog = open_stop_dialog (f, "itinerary.edit-stop", f->visit);
  GtkLabel *error_label = child (dialog, XARXA_TYPE_STOP_DIALOG, "error_label");
  GtkWidget *repeated = child (dialog, XARXA_TYPE_STOP_DIALOG, "repeated_row");
  g_autoptr(JsonObject) stop = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, XARXA_TYPE_STOP_DIALOG, "title_row"))),
                   ==, "Chantier de l’économie sociale");
  /* 02:30 on 14 March does not exist in Montréal. */
  set_row (dialog, "date_row", "2027-03-14");
  set_row (dialog, "starts_row", "02:30");
  set_row (dialog, "ends_row", "");
  g_assert_false (xarxa_stop_dialog_save (dialog));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "does not exist"));
  g_assert_false (gtk_widget_get_visible (repeated));

  /* 01:30 on 7 November happens twice: the choice is offered, then taken. */
  set_row (dialog, "date_row", "2027-11-07");
  set_row (dialog, "starts_row", "01:30");
  g_assert_false (xarxa_stop_dialog_save (dialog));
  g_assert_true (gtk_widget_get_visible (repeated));
  stop = xarxa_store_get_record (f->store, "itinerary_stop", f->visit, NULL);
  g_assert_cmpstr (xarxa_value_string_of (stop, "starts_at"), ==, "2027-03-13T10:00");
  g_clear_pointer (&stop, json_object_unref);
  /* Saved again without choosing: still refused, saying why. */
  g_assert_false (xarxa_stop_dialog_save (dialog));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "happens twice"));
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (named (repeated, "repeated-choice")),
                                          "later");
  g_assert_true (xarxa_stop_dialog_save (dialog));
  stop = xarxa_store_get_record (f->store, "itinerary_stop", f->visit, NULL);
  g_assert_cmpstr (xarxa_value_string_of (stop, "starts_at"), ==, "2027-11-07T01:30");
  g_assert_cmpstr (xarxa_value_string_of (stop, "repeated_time"), ==, "later");
  /* Far outside the mission's dates: that day is shown, flagged. */
  WAIT_FOR (named (f->itinerary, "2027-11-07") != NULL);
  g_assert_nonnull (named (named (f->itinerary, "2027-11-07"), "day-outside-dates"));
}

static char *
starts_at (Fixture    *f,
           const char *stop_id)
{
  g_autoptr(JsonObject) stop = xarxa_store_get_record (f->store, "itinerary_stop", stop_id, NULL);

  return g_strdup (xarxa_value_string_of (stop, "starts_at"));
}

static void
test_move (Fixture      *f,
           gconstpointer data)
{
  g_autofree char *after_key = NULL;
  g_autofree char *after_drop = NULL;
  g_autofree char *after_dialog = NULL;
  GtkWidget *day;
  GtkDropTarget *drop = NULL;
  GtkWindow *dialog;
  gboolean dropped = FALSE;
  GValue value = G_VALUE_INIT;
  GListModel *controllers;

  /* Alt+Down on the focused row: the next day, the same clock time across
   * the night the clocks change. */
  gtk_widget_grab_focus (row_of (f, f->visit));
  g_assert_true (gtk_widget_has_focus (row_of (f, f->visit)));
  g_assert_true (gtk_widget_activate_action (f->itinerary, "itinerary.focused-next-day", NULL));
  after_key = starts_at (f, f->visit);
  g_assert_cmpstr (after_key, ==, "2027-03-14T10:00");
  WAIT_FOR (row_of (f, f->visit) != NULL && g_strcmp0 (day_of_row (row_of (f, f->visit)), "2027-03-14") == 0);
  g_assert_cmpstr (label_in (row_of (f, f->visit), "stop-times"), ==, "10:00 – 11:30");
  g_assert_cmpstr (label_in (row_of (f, f->visit), "stop-here"), ==, "10:00 in Montréal, 23:00 here");
  /* The focus follows the stop, so Alt+Up brings it straight back. */
  g_assert_true (gtk_widget_has_focus (row_of (f, f->visit)));
  g_assert_true (gtk_widget_activate_action (f->itinerary, "itinerary.focused-previous-day", NULL));
  g_free (after_key);
  after_key = starts_at (f, f->visit);
  g_assert_cmpstr (after_key, ==, "2027-03-13T10:00");
  drain ();

  /* Dropped on 16 March. */
  day = named (f->itinerary, "2027-03-16");
  controllers = gtk_widget_observe_controllers (day);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        drop = GTK_DROP_TARGET (controller);
    }
  g_object_unref (controllers);
  g_assert_nonnull (drop);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, f->meeting);
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  after_drop = starts_at (f, f->meeting);
  g_assert_cmpstr (after_drop, ==, "2027-03-16T10:00");
  WAIT_FOR (g_strcmp0 (day_of_row (row_of (f, f->meeting)), "2027-03-16") == 0);

  /* Move… to a day and time. */
  g_assert_true (gtk_widget_activate_action (f->itinerary, "itinerary.move-stop", "s", f->meeting));
  WAIT_FOR ((dialog = find_toplevel ("xarxa-move-stop-dialog")) != NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (GTK_WIDGET (dialog), "move-date"))), ==, "2027-03-16");
  gtk_editable_set_text (GTK_EDITABLE (named (GTK_WIDGET (dialog), "move-date")), "2027-03-14");
  gtk_editable_set_text (GTK_EDITABLE (named (GTK_WIDGET (dialog), "move-time")), "15:30");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  gtk_window_destroy (dialog);
  drain ();
  after_dialog = starts_at (f, f->meeting);
  g_assert_cmpstr (after_dialog, ==, "2027-03-14T15:30");
  WAIT_FOR (g_strcmp0 (day_of_row (row_of (f, f->meeting)), "2027-03-14") == 0);
  g_assert_cmpstr (label_in (row_of (f, f->meeting), "stop-times"), ==, "15:30 – 16:30");
}

static void
test_duplicate_day (Fixture      *f,
                    gconstpointer data)
{
  GtkWindow *dialog;
  GtkWidget *day;

  g_assert_true (gtk_widget_activate_action (f->itinerary, "itinerary.duplicate-day", "s", "2027-03-13"));
  WAIT_FOR ((dialog = find_toplevel ("xarxa-duplicate-day-dialog")) != NULL);
  /* The next day is offered. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (GTK_WIDGET (dialog), "duplicate-to"))), ==, "2027-03-14");
  gtk_editable_set_text (GTK_EDITABLE (named (GTK_WIDGET (dialog), "duplicate-to")), "2027-03-17");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  gtk_window_destroy (dialog);
  drain ();
  g_assert_cmpuint (n_stops (f), ==, 3);
  WAIT_FOR ((day = named (f->itinerary, "2027-03-17")) != NULL);
  /* After the mission's end: flagged, the day and the stop. */
  g_assert_nonnull (named (day, "day-outside-dates"));
  g_assert_nonnull (named (day, "outside-dates"));
  g_assert_cmpstr (label_in (day, "stop-times"), ==, "10:00 – 11:30");
}

/* The wall-clock time in Montréal @minutes from now. */
static char *
montreal_in (int minutes)
{
  g_autoptr(GTimeZone) zone = xarxa_zone_new ("America/Montreal", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) then = g_date_time_add_minutes (now, minutes);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M");
}

static XarxaFieldNoteDialog *
capture (Fixture *f)
{
  GtkWindow *dialog;

  /* The shortcut's action, as Ctrl+Shift+N runs it. */
  g_assert_true (gtk_widget_activate_action (f->notes, "field-notes.capture", NULL));
  WAIT_FOR ((dialog = find_toplevel ("xarxa-field-note-dialog")) != NULL);
  return XARXA_FIELD_NOTE_DIALOG (dialog);
}

static void
set_note_text (XarxaFieldNoteDialog *dialog,
               const char           *text)
{
  GtkTextView *view = child (dialog, XARXA_TYPE_FIELD_NOTE_DIALOG, "text_view");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static void
set_note_row (XarxaFieldNoteDialog *dialog,
              const char           *name,
              const char           *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, XARXA_TYPE_FIELD_NOTE_DIALOG, name)), text);
}

static void
note_saved_cb (XarxaFieldNoteDialog *dialog,
               const char           *id,
               char                **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
test_field_note (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *from = montreal_in (-30);
  g_autofree char *to = montreal_in (90);
  g_autofree char *now_stop = create (f->store, "itinerary_stop", "mission_id", f->mission, "kind", "visit",
                                      "title", "Marché Jean-Talon", "starts_at", from, "ends_at", to, NULL);
  g_autofree char *known = create (f->store, "contact", "full_name", "Nancy Neamtan", NULL);
  g_autofree char *note_id = NULL;
  g_autofree char *cluster = create (f->store, "cluster", "name", "Clúster Alimentació", NULL);
  g_autoptr(JsonObject) note = NULL;
  g_autoptr(JsonObject) contact = NULL;
  g_autoptr(JsonObject) entity = NULL;
  g_autoptr(JsonObject) item = NULL;
  XarxaFieldNoteDialog *dialog;
  GtkLabel *error_label;
  GtkWidget *search, *row;
  GtkWindow *promote;
  gint64 contacts_before, entities_before;

  g_assert_true (gtk_widget_get_visible (child (f->notes, XARXA_TYPE_FIELD_NOTES, "empty_label")));
  dialog = capture (f);
  error_label = child (dialog, XARXA_TYPE_FIELD_NOTE_DIALOG, "error_label");
  /* The stop under way is the one offered. */
  g_assert_cmpstr (xarxa_field_note_dialog_get_stop_id (dialog), ==, now_stop);

  /* Someone from the directory, and someone new of a new organisation. */
  search = named (GTK_WIDGET (dialog), "met-search");
  xarxa_record_search_set_text (XARXA_RECORD_SEARCH (search), "neamtan");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (gtk_widget_get_last_child (search)), 0));
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_last_child (search), "row-activated", row);
  set_note_text (dialog, "Producers sell together through one cooperative.");
  set_note_row (dialog, "name_row", "Aminata Diallo");
  set_note_row (dialog, "email_row", "not an address");
  set_note_row (dialog, "phone_row", "+1 514 555 0199");
  set_note_row (dialog, "new_entity_row", "Coopérative Marché Solidaire");

  /* A bad email: refused with the store's message, nothing written, not
   * even the organisation. */
  contacts_before = xarxa_store_count (f->store, "contact");
  entities_before = xarxa_store_count (f->store, "entity");
  g_assert_false (xarxa_field_note_dialog_save (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpint (xarxa_store_count (f->store, "contact"), ==, contacts_before);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, entities_before);
  g_assert_cmpint (xarxa_store_count (f->store, "field_note"), ==, 0);

  set_note_row (dialog, "email_row", "aminata@example.org");
  g_signal_connect (dialog, "saved", G_CALLBACK (note_saved_cb), &note_id);
  g_assert_true (xarxa_field_note_dialog_save (dialog));
  g_assert_nonnull (note_id);

  /* All three records are there, tied together. */
  note = xarxa_store_get_record (f->store, "field_note", note_id, NULL);
  g_assert_cmpstr (xarxa_value_string_of (note, "stop_id"), ==, now_stop);
  g_assert_cmpstr (xarxa_value_string_of (note, "mission_id"), ==, f->mission);
  g_assert_nonnull (xarxa_value_string_of (note, "written_at"));
  g_assert_true (g_str_has_prefix (xarxa_value_string_of (note, "text"), "Producers sell together"));
  g_assert_nonnull (strstr (xarxa_value_string_of (note, "text"), "People met: Nancy Neamtan, Aminata Diallo"));
  g_assert_cmpint (xarxa_store_count (f->store, "contact"), ==, contacts_before + 1);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, entities_before + 1);
  {
    g_autoptr(XarxaQuery) query = xarxa_query_new ("contact");
    g_autoptr(GPtrArray) found = NULL;

    xarxa_query_set_search (query, "Aminata");
    found = xarxa_store_query_records (f->store, query, NULL);
    g_assert_cmpuint (found->len, ==, 1);
    contact = json_object_ref (g_ptr_array_index (found, 0));
  }
  g_assert_cmpstr (xarxa_value_string_of (contact, "email"), ==, "aminata@example.org");
  entity = xarxa_store_get_record (f->store, "entity", xarxa_value_string_of (contact, "entity_id"), NULL);
  g_assert_cmpstr (xarxa_value_string_of (entity, "name"), ==, "Coopérative Marché Solidaire");
  /* Both people are named on the note as met, so the mission's list of
   * the people met has them, the new one with her new organisation. */
  {
    g_autoptr(GPtrArray) people = xarxa_field_note_people (f->store, note_id, NULL);
    g_autoptr(GPtrArray) met = xarxa_mission_people_met (f->store, f->mission, NULL);
    gboolean aminata_listed = FALSE;

    g_assert_cmpuint (people->len, ==, 2);
    g_assert_cmpstr (people->pdata[0], ==, known);
    g_assert_cmpstr (people->pdata[1], ==, xarxa_value_string_of (contact, "id"));
    for (guint i = 0; i < met->len; i++)
      {
        XarxaMissionMet *m = met->pdata[i];

        if (g_strcmp0 (m->title, "Aminata Diallo") == 0)
          aminata_listed = g_strcmp0 (m->entity_id, xarxa_value_string_of (entity, "id")) == 0;
      }
    g_assert_true (aminata_listed);
  }

  /* Listed, with a Promote button. */
  WAIT_FOR (xarxa_field_notes_get_row (XARXA_FIELD_NOTES (f->notes), note_id) != NULL);
  row = xarxa_field_notes_get_row (XARXA_FIELD_NOTES (f->notes), note_id);
  g_assert_nonnull (named (row, "note-promote"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Marché Jean-Talon"));

  /* Promoted to the cluster's agenda, as a need. */
  g_assert_true (gtk_widget_activate_action (f->notes, "field-notes.promote", "s", note_id));
  WAIT_FOR ((promote = find_toplevel ("xarxa-promote-dialog")) != NULL);
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (named (GTK_WIDGET (promote), "promote-agenda")),
                                          cluster);
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (named (GTK_WIDGET (promote), "promote-kind")),
                                          "need");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (promote), "promote");
  gtk_window_destroy (promote);
  drain ();
  item = xarxa_field_note_promoted_item (f->store, note_id);
  g_assert_nonnull (item);
  g_assert_cmpstr (xarxa_value_string_of (item, "cluster_id"), ==, cluster);
  g_assert_cmpstr (xarxa_value_string_of (item, "kind"), ==, "need");
  WAIT_FOR ((row = xarxa_field_notes_get_row (XARXA_FIELD_NOTES (f->notes), note_id)) != NULL &&
            named (row, "note-promoted") != NULL);
  g_assert_null (named (row, "note-promote"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (named (row, "note-promoted")), ==,
                   "On the agenda of Clúster Alimentació");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                            "On the agenda of Clúster Alimentació"));

  /* And the item, in the cluster's agenda, says where it came from. */
  {
    GtkWidget *window = gtk_window_new ();
    GtkWidget *agenda = xarxa_cluster_agenda_new ();

    gtk_window_set_child (GTK_WINDOW (window), agenda);
    xarxa_cluster_agenda_set_store (XARXA_CLUSTER_AGENDA (agenda), f->store);
    xarxa_cluster_agenda_set_cluster_id (XARXA_CLUSTER_AGENDA (agenda), cluster);
    gtk_window_present (GTK_WINDOW (window));
    WAIT_FOR (find_descendant (agenda, is_source_row, NULL) != NULL);
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_descendant (agenda, is_source_row, NULL))),
                                     "From a field note of "));
    gtk_window_destroy (GTK_WINDOW (window));
    drain ();
  }
}

static gboolean
has_item (Fixture    *f,
          const char *code,
          const char *record_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (child (f->ready, XARXA_TYPE_READY_CHECK, "items_list"))); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), code) == 0 &&
        g_strcmp0 (g_object_get_data (G_OBJECT (row), "record-id"), record_id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_ready (Fixture      *f,
            gconstpointer data)
{
  XarxaReadyCheck *ready = XARXA_READY_CHECK (f->ready);
  GtkLabel *status = child (f->ready, XARXA_TYPE_READY_CHECK, "status_label");
  XarxaStopDialog *dialog;
  GtkWidget *row;

  /* The visit has no address: listed, with what to do and a Fix button. */
  g_assert_true (has_item (f, "stop-address", f->visit));
  g_assert_false (has_item (f, "stop-address", f->meeting));
  g_assert_true (has_item (f, "never-synced", NULL));
  g_assert_nonnull (strstr (gtk_label_get_label (status), "before you go"));
  g_assert_nonnull (strstr (gtk_label_get_label (child (f->ready, XARXA_TYPE_READY_CHECK, "sync_label")), "never synced"));

  /* Fix… opens the stop; its address given, the item goes. */
  for (row = gtk_widget_get_first_child (GTK_WIDGET (child (f->ready, XARXA_TYPE_READY_CHECK, "items_list")));
       row != NULL && !(g_strcmp0 (gtk_widget_get_name (row), "stop-address") == 0);
       row = gtk_widget_get_next_sibling (row))
    ;
  g_assert_nonnull (row);
  g_signal_emit_by_name (named (row, "fix-button"), "clicked");
  WAIT_FOR ((dialog = XARXA_STOP_DIALOG (find_toplevel ("xarxa-stop-dialog"))) != NULL);
  set_row (dialog, "address_row", "2175 boulevard De Maisonneuve Est, Montréal");
  g_assert_true (xarxa_stop_dialog_save (dialog));
  WAIT_FOR (!has_item (f, "stop-address", f->visit));

  /* What a sync leaves behind (every change sent, the time noted), as the
   * sync engine writes it: then nothing is missing. */
  {
    g_autoptr(GError) error = NULL;
    const char *const types[] = { "mission", "itinerary_stop", "itinerary_stop" };
    const char *const ids[] = { f->mission, f->visit, f->meeting };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      g_assert_true (xarxa_sync_state_outbox_drop_record (f->store, types[i], ids[i], &error));
    g_assert_true (xarxa_sync_state_set (f->store, "last_sync_at", "2027-03-10T08:00:00.000Z", &error));
    g_assert_no_error (error);
  }
  xarxa_ready_check_refresh (ready);
  g_assert_cmpuint (xarxa_ready_check_get_n_missing (ready), ==, 0);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (status), "Everything is on this device"));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (child (f->ready, XARXA_TYPE_READY_CHECK, "sync_label")),
                                   "Last synced 10 March 2027"));
}

/* Everything fits a 360 px phone-sized window: no part asks for more. */
static void
test_narrow (Fixture      *f,
             gconstpointer data)
{
  GtkWidget *parts[] = { f->itinerary, f->notes, f->ready };
  XarxaStopDialog *dialog;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      int minimum = 0;

      gtk_widget_measure (parts[i], GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("part %u: %d", i, minimum);
      g_assert_cmpint (minimum, <=, 360);
    }
  dialog = open_stop_dialog (f, "itinerary.edit-stop", f->meeting);
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
}

/* One set of widgets follows the user from mission to mission. */
static void
test_other_mission (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *dakar = create (f->store, "mission", "title", "Economia social a Dakar", "city", "Dakar",
                                   "time_zone", "Africa/Dakar", "start_date", "2026-05-04", "end_date", "2026-05-05", NULL);
  g_autofree char *stop = create (f->store, "itinerary_stop", "mission_id", dakar, "title", "Marché Sandaga",
                                  "address", "Avenue Émile Badiane", "starts_at", "2026-05-04T10:00", NULL);
  g_autofree char *note = create (f->store, "field_note", "mission_id", dakar, "written_at", "2026-05-04T11:00",
                                  "text", "Tontines", NULL);

  xarxa_itinerary_set_mission_id (XARXA_ITINERARY (f->itinerary), dakar);
  xarxa_field_notes_set_mission_id (XARXA_FIELD_NOTES (f->notes), dakar);
  xarxa_ready_check_set_mission_id (XARXA_READY_CHECK (f->ready), dakar);
  drain ();
  g_assert_null (row_of (f, f->visit));
  g_assert_nonnull (row_of (f, stop));
  g_assert_nonnull (named (f->itinerary, "2026-05-05"));
  /* Dakar is on UTC all year, Tokyo nine hours ahead. */
  g_assert_cmpstr (label_in (row_of (f, stop), "stop-here"), ==, "10:00 in Dakar, 19:00 here");
  g_assert_nonnull (xarxa_field_notes_get_row (XARXA_FIELD_NOTES (f->notes), note));
  g_assert_false (has_item (f, "stop-address", f->visit));
  g_assert_false (has_item (f, "stop-address", stop));
}

static gboolean
is_itinerary (GtkWidget     *widget,
              gconstpointer  data)
{
  return XARXA_IS_ITINERARY (widget);
}

/* On the mission's page: the itinerary, the notes and the check of the
 * mission shown, following it to another; Ctrl+Shift+N's action takes a
 * note from anywhere in the page. */
static void
test_mission_page (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *dakar = create (f->store, "mission", "title", "Dakar", "time_zone", "Africa/Dakar", NULL);
  XarxaMissionEditor *editor = g_object_new (XARXA_TYPE_MISSION_EDITOR, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *itinerary;
  GtkWindow *dialog;

  gtk_window_set_child (window, GTK_WIDGET (editor));
  xarxa_mission_editor_set_store (editor, f->store);
  xarxa_mission_editor_set_mission (editor, f->mission);
  gtk_window_present (window);
  drain ();
  itinerary = find_descendant (GTK_WIDGET (editor), is_itinerary, NULL);
  g_assert_nonnull (itinerary);
  g_assert_cmpstr (xarxa_itinerary_get_mission_id (XARXA_ITINERARY (itinerary)), ==, f->mission);
  g_assert_nonnull (find_descendant (itinerary, is_stop_row, f->visit));

  xarxa_mission_editor_set_mission (editor, dakar);
  g_assert_true (find_descendant (GTK_WIDGET (editor), is_itinerary, NULL) == itinerary);
  g_assert_cmpstr (xarxa_itinerary_get_mission_id (XARXA_ITINERARY (itinerary)), ==, dakar);
  g_assert_null (find_descendant (itinerary, is_stop_row, f->visit));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "mission.new-field-note", NULL));
  WAIT_FOR ((dialog = find_toplevel ("xarxa-field-note-dialog")) != NULL);
  gtk_window_destroy (dialog);
  destroy_window (window);
}

/* ---- folding ------------------------------------------------------------ */

static gboolean
is_any_stop_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_object_get_data (G_OBJECT (widget), "stop-id") != NULL;
}

/* The stop rows built under @root, shown or not. */
static guint
count_stop_rows (GtkWidget *root)
{
  guint n = is_any_stop_row (root, NULL) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_stop_rows (c);
  return n;
}

/* Widgets under @root with a tooltip set rather than given when asked:
 * setting one asks the X server where the pointer is, which for hundreds
 * of rows cost as much as laying them out. */
static guint
count_set_tooltips (GtkWidget *root)
{
  guint n = gtk_widget_get_tooltip_text (root) != NULL ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_set_tooltips (c);
  return n;
}

/* @n stops of 15 minutes every 20 from 08:00 on @date. */
static void
add_day_of_stops (Fixture    *f,
                  const char *mission,
                  const char *date,
                  guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      guint minutes = 8 * 60 + i * 20;
      g_autofree char *title = g_strdup_printf ("Visite %u", i);
      g_autofree char *starts = g_strdup_printf ("%sT%02u:%02u", date, minutes / 60, minutes % 60);
      g_autofree char *ends = g_strdup_printf ("%sT%02u:%02u", date, (minutes + 15) / 60, (minutes + 15) % 60);

      g_free (create (f->store, "itinerary_stop", "mission_id", mission, "kind", "visit", "title", title,
                      "starts_at", starts, "ends_at", ends, NULL));
    }
}

/* A mission of 47 stops, more than are unfolded at once: three days of
 * fifteen, an overlap on the second day and a stop after the end. */
static char *
large_mission (Fixture  *f,
               char    **overlapping,
               char    **late)
{
  char *mission = create (f->store, "mission", "title", "Habitatge cooperatiu a Montréal", "city", "Montréal",
                          "time_zone", "America/Montreal", "start_date", "2027-04-05", "end_date", "2027-04-07",
                          "status", "confirmed", NULL);

  add_day_of_stops (f, mission, "2027-04-05", 15);
  add_day_of_stops (f, mission, "2027-04-06", 15);
  add_day_of_stops (f, mission, "2027-04-07", 15);
  *overlapping = create (f->store, "itinerary_stop", "mission_id", mission, "kind", "meeting", "title", "Esmorzar",
                         "starts_at", "2027-04-06T08:05", "ends_at", "2027-04-06T08:12", NULL);
  *late = create (f->store, "itinerary_stop", "mission_id", mission, "kind", "travel", "title", "Tornada",
                  "starts_at", "2027-04-09T18:00", NULL);
  xarxa_itinerary_set_mission_id (XARXA_ITINERARY (f->itinerary), mission);
  drain ();
  return mission;
}

static GtkWidget *
day_toggle (Fixture    *f,
            const char *date)
{
  GtkWidget *day = named (f->itinerary, date);

  g_assert_nonnull (day);
  return named (day, "day-toggle");
}

/* A large mission opens folded: every day's heading and summary, with
 * what is wrong, and not one stop's row built until its day is opened. */
static void
test_large_folded (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *overlapping = NULL;
  g_autofree char *late = NULL;
  g_autofree char *mission = large_mission (f, &overlapping, &late);
  GtkWidget *day6;

  g_assert_cmpuint (count_stop_rows (f->itinerary), ==, 0);
  g_assert_cmpstr (label_in (named (f->itinerary, "2027-04-05"), "day-summary"), ==, "15 stops · 08:00 – 12:55");
  g_assert_false (gtk_widget_get_visible (named (named (f->itinerary, "2027-04-05"), "day-warnings")));
  /* The overlap: both stops flagged, counted on the folded day. */
  g_assert_cmpstr (label_in (named (f->itinerary, "2027-04-06"), "day-summary"), ==, "16 stops · 08:00 – 12:55");
  g_assert_true (gtk_widget_get_visible (named (named (f->itinerary, "2027-04-06"), "day-warnings")));
  g_assert_cmpstr (label_in (named (f->itinerary, "2027-04-06"), "day-warnings"), ==, "2 warnings");
  /* After the end: the day flagged, its stop's warning counted. */
  g_assert_nonnull (named (named (f->itinerary, "2027-04-09"), "day-outside-dates"));
  g_assert_cmpstr (label_in (named (f->itinerary, "2027-04-09"), "day-summary"), ==, "1 stop · 18:00");
  g_assert_cmpstr (label_in (named (f->itinerary, "2027-04-09"), "day-warnings"), ==, "1 warning");
  g_assert_null (named (f->itinerary, "2027-04-08"));
  /* Folded, it fits a phone too. */
  {
    int minimum = 0;

    gtk_widget_measure (f->itinerary, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  /* Unfolded as Space or Enter on its heading does: that day's rows, and
   * only them. */
  gtk_widget_activate (day_toggle (f, "2027-04-06"));
  day6 = named (f->itinerary, "2027-04-06");
  WAIT_FOR (count_stop_rows (day6) > 0);
  g_assert_cmpuint (count_stop_rows (day6), ==, 16);
  g_assert_cmpuint (count_stop_rows (f->itinerary), ==, 16);
  g_assert_nonnull (named (row_of (f, overlapping), "overlap"));
  g_assert_true (gtk_widget_get_mapped (row_of (f, overlapping)));

  /* An edit rebuilds the itinerary: the day stays open, and the keyboard
   * stays on its heading. */
  gtk_widget_grab_focus (day_toggle (f, "2027-04-06"));
  g_assert_true (gtk_widget_has_focus (day_toggle (f, "2027-04-06")));
  {
    g_autoptr(JsonObject) values = json_object_new ();
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (values, "title", "Esmorzar amb les cooperatives");
    g_assert_true (xarxa_store_update_record (f->store, "itinerary_stop", overlapping, values, &error));
    g_assert_no_error (error);
  }
  WAIT_FOR (row_of (f, overlapping) != NULL &&
            strstr (label_in (row_of (f, overlapping), "stop-title"), "amb les cooperatives") != NULL);
  g_assert_cmpuint (count_stop_rows (f->itinerary), ==, 16);
  g_assert_cmpuint (count_stop_rows (named (f->itinerary, "2027-04-06")), ==, 16);
  g_assert_true (gtk_widget_has_focus (day_toggle (f, "2027-04-06")));

  /* Folded again: hidden, and still folded after the next rebuild. */
  g_signal_emit_by_name (day_toggle (f, "2027-04-06"), "clicked");
  g_assert_false (gtk_widget_get_mapped (row_of (f, overlapping)));
  xarxa_itinerary_reload (XARXA_ITINERARY (f->itinerary));
  g_assert_cmpuint (count_stop_rows (f->itinerary), ==, 0);

  /* Expand All, Collapse All. */
  g_assert_true (gtk_widget_activate_action (f->itinerary, "itinerary.unfold-all", NULL));
  g_assert_cmpuint (count_stop_rows (f->itinerary), ==, 47);
  g_assert_cmpuint (count_set_tooltips (child (f->itinerary, XARXA_TYPE_ITINERARY, "days_box")), ==, 0);
  g_assert_true (gtk_widget_activate_action (f->itinerary, "itinerary.fold-all", NULL));
  g_assert_false (gtk_widget_get_mapped (row_of (f, late)));

  /* Back to the small mission: all of it open, as it opens. */
  xarxa_itinerary_set_mission_id (XARXA_ITINERARY (f->itinerary), f->mission);
  g_assert_cmpuint (count_stop_rows (f->itinerary), ==, 2);
  g_assert_true (gtk_widget_get_mapped (row_of (f, f->visit)));
}

/* A stop opened from elsewhere: its day unfolded, its row focused; a stop
 * dropped on a folded day's heading moves there. */
static void
test_large_show_and_drop (Fixture      *f,
                          gconstpointer data)
{
  g_autofree char *overlapping = NULL;
  g_autofree char *late = NULL;
  g_autofree char *mission = large_mission (f, &overlapping, &late);
  g_autofree char *moved = NULL;
  GtkDropTarget *drop = NULL;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  GListModel *controllers;

  g_assert_true (xarxa_itinerary_show_stop (XARXA_ITINERARY (f->itinerary), late));
  g_assert_nonnull (row_of (f, late));
  g_assert_true (gtk_widget_has_focus (row_of (f, late)));
  g_assert_cmpuint (count_stop_rows (f->itinerary), ==, 1);
  /* Not a stop of this mission. */
  g_assert_false (xarxa_itinerary_show_stop (XARXA_ITINERARY (f->itinerary), f->visit));

  /* Dropped on the folded 5 April. */
  g_assert_cmpuint (count_stop_rows (named (f->itinerary, "2027-04-05")), ==, 0);
  controllers = gtk_widget_observe_controllers (named (f->itinerary, "2027-04-05"));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        drop = GTK_DROP_TARGET (controller);
    }
  g_object_unref (controllers);
  g_assert_nonnull (drop);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, late);
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  moved = starts_at (f, late);
  g_assert_cmpstr (moved, ==, "2027-04-05T18:00");
  /* The day it went to opens on it, the focus following the stop. */
  WAIT_FOR (row_of (f, late) != NULL && g_strcmp0 (day_of_row (row_of (f, late)), "2027-04-05") == 0);
  g_assert_true (gtk_widget_has_focus (row_of (f, late)));
  g_assert_cmpstr (label_in (named (f->itinerary, "2027-04-05"), "day-summary"), ==, "16 stops · 08:00 – 18:00");
  g_assert_null (named (f->itinerary, "2027-04-09"));

  /* A stop added to a folded day: shown there, its row focused. */
  {
    XarxaStopDialog *dialog = open_stop_dialog (f, "itinerary.add-stop", "2027-04-07");
    g_autofree char *added = NULL;

    g_assert_cmpuint (count_stop_rows (named (f->itinerary, "2027-04-07")), ==, 0);
    set_row (dialog, "title_row", "Sopar");
    set_row (dialog, "starts_row", "20:00");
    set_row (dialog, "ends_row", "21:30");
    g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), &added);
    g_assert_true (xarxa_stop_dialog_save (dialog));
    g_assert_nonnull (added);
    WAIT_FOR (find_toplevel ("xarxa-stop-dialog") == NULL);
    WAIT_FOR (row_of (f, added) != NULL);
    g_assert_cmpstr (day_of_row (row_of (f, added)), ==, "2027-04-07");
    g_assert_cmpuint (count_stop_rows (named (f->itinerary, "2027-04-07")), ==, 16);
    g_assert_true (gtk_widget_has_focus (row_of (f, added)));
    g_assert_cmpstr (label_in (named (f->itinerary, "2027-04-07"), "day-summary"), ==, "16 stops · 08:00 – 21:30");
  }
}

/* Under way: a large mission opens on today's day at the destination. */
static void
test_large_today (Fixture      *f,
                  gconstpointer data)
{
  g_autofree char *now = montreal_in (0);
  g_autofree char *today = g_strndup (now, 10);
  g_autofree char *noon = g_strconcat (today, "T12:00", NULL);
  g_autofree char *before = xarxa_zone_shift_days (noon, -1);
  g_autofree char *after = xarxa_zone_shift_days (noon, 1);
  g_autofree char *yesterday = g_strndup (before, 10);
  g_autofree char *tomorrow = g_strndup (after, 10);
  g_autofree char *mission = create (f->store, "mission", "title", "Sobirania alimentària", "city", "Montréal",
                                     "time_zone", "America/Montreal", "start_date", yesterday,
                                     "end_date", tomorrow, "status", "under-way", NULL);

  add_day_of_stops (f, mission, yesterday, 15);
  add_day_of_stops (f, mission, today, 15);
  add_day_of_stops (f, mission, tomorrow, 15);
  xarxa_itinerary_set_mission_id (XARXA_ITINERARY (f->itinerary), mission);
  drain ();
  g_assert_cmpuint (count_stop_rows (f->itinerary), ==, 15);
  g_assert_cmpuint (count_stop_rows (named (f->itinerary, today)), ==, 15);
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything reads the local zone. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  ui_test_init (&argc, &argv);

  g_test_add ("/itinerary-ui/times-in-tokyo", Fixture, NULL, fixture_set_up, test_times_in_tokyo, fixture_tear_down);
  g_test_add ("/itinerary-ui/add-stop", Fixture, NULL, fixture_set_up, test_add_stop, fixture_tear_down);
  g_test_add ("/itinerary-ui/clock-change", Fixture, NULL, fixture_set_up, test_clock_change_times, fixture_tear_down);
  g_test_add ("/itinerary-ui/move", Fixture, NULL, fixture_set_up, test_move, fixture_tear_down);
  g_test_add ("/itinerary-ui/duplicate-day", Fixture, NULL, fixture_set_up, test_duplicate_day, fixture_tear_down);
  g_test_add ("/itinerary-ui/field-note", Fixture, NULL, fixture_set_up, test_field_note, fixture_tear_down);
  g_test_add ("/itinerary-ui/ready", Fixture, NULL, fixture_set_up, test_ready, fixture_tear_down);
  g_test_add ("/itinerary-ui/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/itinerary-ui/other-mission", Fixture, NULL, fixture_set_up, test_other_mission, fixture_tear_down);
  g_test_add ("/itinerary-ui/mission-page", Fixture, NULL, fixture_set_up, test_mission_page, fixture_tear_down);
  g_test_add ("/itinerary-ui/large-folded", Fixture, NULL, fixture_set_up, test_large_folded, fixture_tear_down);
  g_test_add ("/itinerary-ui/large-show-and-drop", Fixture, NULL, fixture_set_up, test_large_show_and_drop,
              fixture_tear_down);
  g_test_add ("/itinerary-ui/large-today", Fixture, NULL, fixture_set_up, test_large_today, fixture_tear_down);

  return g_test_run ();
}
