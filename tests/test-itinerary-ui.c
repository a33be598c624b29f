/* test-itinerary-ui.c — a mission's itinerary, field notes and ready
 * check driven as a person would, under Xvfb, in Tokyo.
 *
 * The mission is in Montréal across the night the clocks change (14 March
 * 2027); the process runs in Asia/Tokyo, so the stops read the same
 * Montréal times and show Tokyo's beside them.  A stop is added (an
 * overlap flagged, an end before its start refused, a repeated hour
 * chosen), moved to the next day by keyboard and by a drop, moved with
 * Move…, and a day is duplicated.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-itinerary-ui"

#include "config.h"

#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-itinerary.h"
#include "xarxa-record-search.h"
#include "xarxa-stop-dialog.h"
#include "xarxa-values.h"
#include "test-util.h"
#include "ui-test-util.h"

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
  GtkWidget *scrolled;

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
  f->itinerary = xarxa_itinerary_new (f->store, f->mission);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), f->itinerary);
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
  XarxaStopDialog *dialog = open_stop_dialog (f, "itinerary.add-stop", "2027-03-13");
  g_autofree char *host = create (f->store, "entity", "name", "Maison de l’économie sociale",
                                  "address", "1431 rue Fullum", "city", "Montréal", NULL);
  GtkLabel *error_label = child (dialog, XARXA_TYPE_STOP_DIALOG, "error_label");
  GtkWidget *host_search, *contact_search;
  g_autofree char *stop_id = NULL;
  g_autoptr(JsonObject) stop = NULL;
  GtkListBox *results;
  GtkWidget *row;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, XARXA_TYPE_STOP_DIALOG, "date_row"))),
                   ==, "2027-03-13");
  set_row (dialog, "title_row", "Lunch with the hosts");
  set_row (dialog, "starts_row", "11:00");
  /* An end before the start: the store's message, the dialog stays. */
  set_row (dialog, "ends_row", "10:30");
  g_assert_false (xarxa_stop_dialog_save (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
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

  return g_test_run ();
}
