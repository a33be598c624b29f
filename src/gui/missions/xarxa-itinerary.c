/* xarxa-itinerary.c — a mission's itinerary as days and their stops.
 *
 * The stops, their zones and warnings come from xarxa_mission_list_stops();
 * every move is a core call (xarxa_mission_move_stop(), _duplicate_day())
 * so the command line and the tests do the same.  The days run from the
 * mission's start to its end, plus any day a stop falls on outside them
 * (flagged); the whole list is rebuilt when the store says stops, the
 * mission or the directory changed, once per change notice, each day
 * folded or unfolded as the person left it (xarxa-itinerary-day.h builds
 * a day's rows only when it is unfolded).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-itinerary"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-a11y.h"
#include "xarxa-itinerary.h"
#include "xarxa-itinerary-day.h"
#include "xarxa-mission.h"
#include "xarxa-stop-dialog.h"
#include "xarxa-values.h"
#include "xarxa-zone.h"

struct _XarxaItinerary
{
  GtkBox parent_instance;

  XarxaStore *store;
  char       *mission_id;
  guint       reload_id;
  char       *focus_stop_id;   /* the row to focus again after a rebuild */
  /* Of the mission shown: the days listed so far, and those unfolded (a
   * set of YYYY-MM-DD, "" for the stops with no time), kept across the
   * rebuilds every change brings. */
  GHashTable *seen_days;
  GHashTable *unfolded_days;

  GtkLabel   *zone_label;
  GtkLabel   *error_label;
  GtkBox     *days_box;
};

G_DEFINE_FINAL_TYPE (XarxaItinerary, xarxa_itinerary, GTK_TYPE_BOX)

static void
show_error (XarxaItinerary *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static GtkWindow *
parent_window (XarxaItinerary *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The stop's start as wall-clock text, or NULL. */
static char *
stop_starts_at (XarxaItinerary *self,
                const char     *stop_id)
{
  g_autoptr(JsonObject) stop = xarxa_store_get_live_record (self->store, "itinerary_stop", stop_id);

  return stop != NULL ? g_strdup (xarxa_value_string_of (stop, "starts_at")) : NULL;
}

/* Moves a stop to @date (YYYY-MM-DD), its time of day kept: the drop of a
 * stop onto a day, and Alt+Up/Down. */
static gboolean
move_to_date (XarxaItinerary *self,
              const char     *stop_id,
              const char     *date)
{
  g_autofree char *starts_at = stop_starts_at (self, stop_id);
  g_autofree char *moved = NULL;
  g_autoptr(GError) error = NULL;

  if (starts_at == NULL || strlen (starts_at) < 16 || strlen (date) != 10)
    {
      show_error (self, _("This stop has no time yet: edit it to give its day and time."));
      return FALSE;
    }
  moved = g_strconcat (date, starts_at + 10, NULL);
  if (!xarxa_mission_move_stop (self->store, stop_id, moved, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  g_free (self->focus_stop_id);
  self->focus_stop_id = g_strdup (stop_id);
  return TRUE;
}

static void
move_days (XarxaItinerary *self,
           const char     *stop_id,
           int             days)
{
  g_autofree char *starts_at = stop_starts_at (self, stop_id);
  g_autofree char *shifted = NULL;
  g_autofree char *date = NULL;

  if (starts_at == NULL)
    {
      show_error (self, _("This stop has no time yet: edit it to give its day and time."));
      return;
    }
  shifted = xarxa_zone_shift_days (starts_at, days);
  date = g_strndup (shifted, 10);
  move_to_date (self, stop_id, date);
}

/* ---- days --------------------------------------------------------------- */

/* A mission of up to this many stops opens with every day unfolded: their
 * rows are built in a few tens of milliseconds (each costs about half a
 * millisecond to make and lay out), which a person does not wait for, and
 * forty stops is a full week's programme.  A larger one opens folded, each day's
 * heading saying how many stops it has, from when to when and what is
 * wrong, so the whole trip reads at a glance, and a day's rows are built
 * when it is opened (xarxa-itinerary-day.h). */
#define UNFOLD_ALL_MAX_STOPS 40

static gboolean
day_drop_cb (GtkDropTarget  *target,
             const GValue   *value,
             double          x,
             double          y,
             XarxaItinerary *self)
{
  GtkWidget *day = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const char *date = g_object_get_data (G_OBJECT (day), "date");

  if (!G_VALUE_HOLDS_STRING (value) || g_value_get_string (value) == NULL || date == NULL)
    return FALSE;
  return move_to_date (self, g_value_get_string (value), date);
}

/* Folded or unfolded by the person: remembered for the next rebuild. */
static void
day_unfolded_cb (XarxaItineraryDay *day,
                 GParamSpec        *pspec,
                 XarxaItinerary    *self)
{
  const char *key = xarxa_itinerary_day_get_key (day);

  if (xarxa_itinerary_day_get_unfolded (day))
    g_hash_table_add (self->unfolded_days, g_strdup (key));
  else
    g_hash_table_remove (self->unfolded_days, key);
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Today's date at the destination, YYYY-MM-DD. */
static char *
today_at (const char *zone_id)
{
  g_autoptr(GTimeZone) zone = zone_id != NULL ? xarxa_zone_new (zone_id, NULL) : NULL;
  g_autoptr(GDateTime) now = zone != NULL ? g_date_time_new_now (zone) : g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Where the keyboard focus is in the itinerary, to put it back after a
 * rebuild: a stop's row (into focus_stop_id), or a day's heading (its
 * key returned). */
static char *
remember_focus (XarxaItinerary *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row, *day;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->days_box)))
    return NULL;
  row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row != NULL && g_object_get_data (G_OBJECT (row), "stop-id") != NULL)
    {
      if (self->focus_stop_id == NULL)
        self->focus_stop_id = g_strdup (g_object_get_data (G_OBJECT (row), "stop-id"));
      return NULL;
    }
  day = gtk_widget_get_ancestor (focus, XARXA_TYPE_ITINERARY_DAY);
  if (day != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON) ==
                     xarxa_itinerary_day_get_toggle (XARXA_ITINERARY_DAY (day)))
    return g_strdup (xarxa_itinerary_day_get_key (XARXA_ITINERARY_DAY (day)));
  return NULL;
}

/* The days to list: the mission's, then those of stops outside them, in
 * order, and "" last when some stops have no time yet. */
static GPtrArray *
list_days (GPtrArray  *stops,
           const char *start_date,
           const char *end_date)
{
  GPtrArray *dates = g_ptr_array_new_with_free_func (g_free);
  gboolean unscheduled = FALSE;

  if (start_date != NULL && end_date != NULL)
    {
      GDate day, last;

      g_date_set_parse (&day, start_date);
      g_date_set_parse (&last, end_date);
      /* A mission of more than a year is a typing mistake, not a plan. */
      for (guint n = 0; g_date_valid (&day) && g_date_valid (&last) && g_date_compare (&day, &last) <= 0 && n < 366; n++)
        {
          char text[11];

          g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (&day), g_date_get_month (&day),
                      g_date_get_day (&day));
          g_ptr_array_add (dates, g_strdup (text));
          g_date_add_days (&day, 1);
        }
    }
  for (guint i = 0; i < stops->len; i++)
    {
      g_autofree char *key = xarxa_itinerary_day_key_of (g_ptr_array_index (stops, i));
      gboolean known = FALSE;

      if (key[0] == '\0')
        {
          unscheduled = TRUE;
          continue;
        }
      for (guint j = 0; j < dates->len && !known; j++)
        known = g_str_equal (g_ptr_array_index (dates, j), key);
      if (!known)
        g_ptr_array_add (dates, g_steal_pointer (&key));
    }
  g_ptr_array_sort (dates, compare_dates);
  if (unscheduled)
    g_ptr_array_add (dates, g_strdup (""));
  return dates;
}

static void
rebuild (XarxaItinerary *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) mission = xarxa_store_get_live_record (self->store, "mission", self->mission_id);
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  g_autofree char *focus_day = remember_focus (self);
  g_autofree char *today = NULL;
  g_autofree char *focus_key = NULL;
  const char *start_date, *end_date, *zone_id, *city;
  gboolean small;
  GtkWidget *child, *focus = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->days_box))) != NULL)
    gtk_box_remove (self->days_box, child);
  if (mission == NULL)
    return;

  start_date = xarxa_value_string_of (mission, "start_date");
  end_date = xarxa_value_string_of (mission, "end_date");
  zone_id = xarxa_value_string_of (mission, "time_zone");
  city = xarxa_value_string_of (mission, "city");
  if (zone_id != NULL)
    {
      /* TRANSLATORS: a time zone's id, like America/Toronto */
      g_autofree char *text = g_strdup_printf (_("Times are the clock time at the destination (%s)."), zone_id);

      gtk_label_set_label (self->zone_label, text);
    }
  else
    gtk_label_set_label (self->zone_label, _("The mission has no time zone yet: times are shown as they were typed."));

  if ((stops = xarxa_mission_list_stops (self->store, self->mission_id, &error)) == NULL)
    {
      show_error (self, error->message);
      return;
    }
  dates = list_days (stops, start_date, end_date);

  /* A day shown for the first time: unfolded in a small mission, and in a
   * large one when it is today there (the mission under way, whatever its
   * status says); the others keep the state the person left them in.  The
   * stop to focus is shown, its day unfolded. */
  small = stops->len <= UNFOLD_ALL_MAX_STOPS;
  today = today_at (zone_id);
  for (guint i = 0; i < dates->len; i++)
    {
      const char *key = g_ptr_array_index (dates, i);

      if (!g_hash_table_contains (self->seen_days, key))
        {
          g_hash_table_add (self->seen_days, g_strdup (key));
          if (small || g_str_equal (key, today))
            g_hash_table_add (self->unfolded_days, g_strdup (key));
        }
    }
  for (guint i = 0; self->focus_stop_id != NULL && i < stops->len && focus_key == NULL; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (stops, i);

      if (g_strcmp0 (self->focus_stop_id, xarxa_value_string_of (stop->record, "id")) == 0)
        {
          focus_key = xarxa_itinerary_day_key_of (stop);
          g_hash_table_add (self->unfolded_days, g_strdup (focus_key));
        }
    }

  for (guint i = 0; i < dates->len; i++)
    {
      const char *key = g_ptr_array_index (dates, i);
      gboolean outside = key[0] != '\0' && ((start_date != NULL && strcmp (key, start_date) < 0) ||
                                            (end_date != NULL && strcmp (key, end_date) > 0));
      XarxaItineraryDay *day = XARXA_ITINERARY_DAY (xarxa_itinerary_day_new (self->store, stops,
                                                                             key[0] != '\0' ? key : NULL,
                                                                             outside, city, zone_id));

      if (key[0] != '\0')
        {
          GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

          /* The whole day takes a dropped stop, its heading when folded. */
          g_signal_connect (drop, "drop", G_CALLBACK (day_drop_cb), self);
          gtk_widget_add_controller (GTK_WIDGET (day), GTK_EVENT_CONTROLLER (drop));
        }
      xarxa_itinerary_day_set_unfolded (day, g_hash_table_contains (self->unfolded_days, key));
      g_signal_connect (day, "notify::unfolded", G_CALLBACK (day_unfolded_cb), self);
      gtk_box_append (self->days_box, GTK_WIDGET (day));
      if (g_strcmp0 (focus_key, key) == 0)
        focus = xarxa_itinerary_day_get_row (day, self->focus_stop_id);
      else if (g_strcmp0 (focus_day, key) == 0 && focus == NULL)
        focus = xarxa_itinerary_day_get_toggle (day);
    }
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  g_clear_pointer (&self->focus_stop_id, g_free);
}

void
xarxa_itinerary_reload (XarxaItinerary *self)
{
  g_return_if_fail (XARXA_IS_ITINERARY (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  rebuild (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  XarxaItinerary *self = data;

  self->reload_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (XarxaItinerary *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

/* ---- actions ------------------------------------------------------------ */

/* A stop added or changed in its dialog: shown when the list is rebuilt,
 * its day unfolded and its row focused, so the keyboard stays where the
 * person was. */
static void
stop_saved_cb (XarxaStopDialog *dialog,
               const char      *stop_id,
               XarxaItinerary  *self)
{
  g_free (self->focus_stop_id);
  self->focus_stop_id = g_strdup (stop_id);
}

static void
add_stop_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XarxaItinerary *self = XARXA_ITINERARY (widget);
  const char *date = g_variant_get_string (parameter, NULL);
  g_autoptr(JsonObject) mission = NULL;
  GtkWidget *dialog;

  /* From the header's button: the mission's first day. */
  if (date[0] == '\0')
    {
      mission = xarxa_store_get_live_record (self->store, "mission", self->mission_id);
      date = mission != NULL ? xarxa_value_string_of (mission, "start_date") : NULL;
    }
  dialog = xarxa_stop_dialog_new (parent_window (self), self->store, self->mission_id, NULL, date);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (stop_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_stop_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XarxaItinerary *self = XARXA_ITINERARY (widget);
  GtkWidget *dialog = xarxa_stop_dialog_new (parent_window (self), self->store, self->mission_id,
                                             g_variant_get_string (parameter, NULL), NULL);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (stop_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fold_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XarxaItinerary *self = XARXA_ITINERARY (widget);
  gboolean unfold = g_str_equal (action_name, "itinerary.unfold-all");

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->days_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    xarxa_itinerary_day_set_unfolded (XARXA_ITINERARY_DAY (child), unfold);
}

static void
shift_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  XarxaItinerary *self = XARXA_ITINERARY (widget);

  move_days (self, g_variant_get_string (parameter, NULL),
             g_str_equal (action_name, "itinerary.previous-day") ? -1 : 1);
}

/* Alt+Up/Down: the stop whose row has the focus. */
static void
shift_focused_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaItinerary *self = XARXA_ITINERARY (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  const char *stop_id = row != NULL ? g_object_get_data (G_OBJECT (row), "stop-id") : NULL;

  if (stop_id == NULL || !gtk_widget_is_ancestor (row, widget))
    return;
  move_days (self, stop_id, g_str_equal (action_name, "itinerary.focused-previous-day") ? -1 : 1);
}

static GtkWidget *
dialog_entry (GtkWidget  *box,
              const char *label,
              const char *text,
              const char *name)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_name (entry, name);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static GtkWidget *
ask_dialog (XarxaItinerary *self,
            const char     *heading,
            const char     *body,
            const char     *name,
            const char     *response_label,
            GtkWidget     **box)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  gtk_widget_set_name (dialog, name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "ok", response_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), *box);
  xarxa_a11y_name_dialog_buttons (ADW_MESSAGE_DIALOG (dialog));
  return dialog;
}

static void
move_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  XarxaItinerary   *self)
{
  GtkEditable *date = g_object_get_data (G_OBJECT (dialog), "date-entry");
  GtkEditable *time = g_object_get_data (G_OBJECT (dialog), "time-entry");
  const char *stop_id = g_object_get_data (G_OBJECT (dialog), "stop-id");
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *starts_at = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "ok"))
    return;
  day = g_strstrip (g_strdup (gtk_editable_get_text (date)));
  clock = g_strstrip (g_strdup (gtk_editable_get_text (time)));
  starts_at = g_strdup_printf ("%sT%s", day, clock);
  if (!xarxa_mission_move_stop (self->store, stop_id, starts_at, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  g_free (self->focus_stop_id);
  self->focus_stop_id = g_strdup (stop_id);
}

static void
move_stop_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XarxaItinerary *self = XARXA_ITINERARY (widget);
  const char *stop_id = g_variant_get_string (parameter, NULL);
  g_autofree char *starts_at = stop_starts_at (self, stop_id);
  g_autofree char *date = starts_at != NULL && strlen (starts_at) >= 16 ? g_strndup (starts_at, 10) : g_strdup ("");
  const char *time = starts_at != NULL && strlen (starts_at) >= 16 ? starts_at + 11 : "";
  GtkWidget *box, *dialog, *entry;

  dialog = ask_dialog (self, _("Move Stop"),
                       _("The new day and time, as the clocks read them at the destination. "
                         "The stop keeps its length."),
                       "xarxa-move-stop-dialog", _("_Move"), &box);
  entry = dialog_entry (box, _("_Day (YYYY-MM-DD)"), date, "move-date");
  g_object_set_data (G_OBJECT (dialog), "date-entry", entry);
  entry = dialog_entry (box, _("_Time (HH:MM)"), time, "move-time");
  g_object_set_data (G_OBJECT (dialog), "time-entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "stop-id", g_strdup (stop_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (move_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
duplicate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       XarxaItinerary   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "date-entry");
  const char *from = g_object_get_data (G_OBJECT (dialog), "from-date");
  g_autofree char *to = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "ok"))
    return;
  to = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if ((ids = xarxa_mission_duplicate_day (self->store, self->mission_id, from, to, &error)) == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
}

static void
duplicate_day_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaItinerary *self = XARXA_ITINERARY (widget);
  const char *from = g_variant_get_string (parameter, NULL);
  g_autofree char *noon = g_strconcat (from, "T12:00", NULL);
  g_autofree char *next = xarxa_zone_shift_days (noon, 1);
  g_autofree char *next_date = next != NULL ? g_strndup (next, 10) : g_strdup ("");
  GtkWidget *box, *dialog, *entry;

  dialog = ask_dialog (self, _("Duplicate Day"),
                       _("Every stop of this day is copied to the day you give, at the same clock times."),
                       "xarxa-duplicate-day-dialog", _("_Duplicate"), &box);
  entry = dialog_entry (box, _("_To (YYYY-MM-DD)"), next_date, "duplicate-to");
  g_object_set_data (G_OBJECT (dialog), "date-entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "from-date", g_strdup (from), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (duplicate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- object ------------------------------------------------------------- */

static void
xarxa_itinerary_dispose (GObject *object)
{
  XarxaItinerary *self = XARXA_ITINERARY (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_ITINERARY);
  G_OBJECT_CLASS (xarxa_itinerary_parent_class)->dispose (object);
}

static void
xarxa_itinerary_finalize (GObject *object)
{
  XarxaItinerary *self = XARXA_ITINERARY (object);

  g_free (self->mission_id);
  g_free (self->focus_stop_id);
  g_hash_table_unref (self->seen_days);
  g_hash_table_unref (self->unfolded_days);
  G_OBJECT_CLASS (xarxa_itinerary_parent_class)->finalize (object);
}

static void
xarxa_itinerary_class_init (XarxaItineraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_itinerary_dispose;
  object_class->finalize = xarxa_itinerary_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/transicions/Xarxa/missions/xarxa-itinerary.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaItinerary, zone_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaItinerary, error_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaItinerary, days_box);

  gtk_widget_class_install_action (widget_class, "itinerary.add-stop", "s", add_stop_action);
  gtk_widget_class_install_action (widget_class, "itinerary.edit-stop", "s", edit_stop_action);
  gtk_widget_class_install_action (widget_class, "itinerary.move-stop", "s", move_stop_action);
  gtk_widget_class_install_action (widget_class, "itinerary.previous-day", "s", shift_action);
  gtk_widget_class_install_action (widget_class, "itinerary.next-day", "s", shift_action);
  gtk_widget_class_install_action (widget_class, "itinerary.focused-previous-day", NULL, shift_focused_action);
  gtk_widget_class_install_action (widget_class, "itinerary.focused-next-day", NULL, shift_focused_action);
  gtk_widget_class_install_action (widget_class, "itinerary.duplicate-day", "s", duplicate_day_action);
  gtk_widget_class_install_action (widget_class, "itinerary.unfold-all", NULL, fold_all_action);
  gtk_widget_class_install_action (widget_class, "itinerary.fold-all", NULL, fold_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "itinerary.focused-previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "itinerary.focused-next-day", NULL);
}

static void
xarxa_itinerary_init (XarxaItinerary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->seen_days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unfolded_days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWidget *
xarxa_itinerary_new (XarxaStore *store,
                     const char *mission_id)
{
  XarxaItinerary *self;
  const char *const types[] = { "itinerary_stop", "mission", "entity", "contact" };

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  self = g_object_new (XARXA_TYPE_ITINERARY, NULL);
  self->store = g_object_ref (store);
  self->mission_id = g_strdup (mission_id);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", types[i], NULL);

      g_signal_connect_swapped (store, signal, G_CALLBACK (store_changed_cb), self);
    }
  rebuild (self);
  return GTK_WIDGET (self);
}

const char *
xarxa_itinerary_get_mission_id (XarxaItinerary *self)
{
  g_return_val_if_fail (XARXA_IS_ITINERARY (self), NULL);

  return self->mission_id;
}

void
xarxa_itinerary_set_mission_id (XarxaItinerary *self,
                                const char     *mission_id)
{
  g_return_if_fail (XARXA_IS_ITINERARY (self));
  g_return_if_fail (mission_id != NULL);

  if (g_strcmp0 (self->mission_id, mission_id) == 0)
    return;
  g_free (self->mission_id);
  self->mission_id = g_strdup (mission_id);
  /* Another mission's days open as a new one's do. */
  g_hash_table_remove_all (self->seen_days);
  g_hash_table_remove_all (self->unfolded_days);
  g_clear_pointer (&self->focus_stop_id, g_free);
  show_error (self, NULL);
  xarxa_itinerary_reload (self);
}

static gboolean
stop_has_focus (XarxaItinerary *self,
                const char     *stop_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  return row != NULL && gtk_widget_is_ancestor (row, GTK_WIDGET (self)) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (row), "stop-id"), stop_id) == 0;
}

#define SCROLL_TRIES "xarxa-scroll-tries"

/* Brings @row into the page's view once it is laid out (a stop opened
 * from the search lies below the fold, in a page just shown): GTK 4.8's
 * viewports do not follow the focus by themselves. */
static gboolean
scroll_into_view_cb (GtkWidget     *row,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  guint tries = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), SCROLL_TRIES));
  GtkAdjustment *adjustment;
  graphene_point_t at;
  double page;

  if (scrolled == NULL || tries > 60)
    return G_SOURCE_REMOVE;
  if (!gtk_widget_get_mapped (row) || gtk_widget_get_height (row) == 0)
    {
      g_object_set_data (G_OBJECT (row), SCROLL_TRIES, GUINT_TO_POINTER (tries + 1));
      return G_SOURCE_CONTINUE;
    }
  if (!gtk_widget_compute_point (row, scrolled, &GRAPHENE_POINT_INIT (0, 0), &at))
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  page = gtk_adjustment_get_page_size (adjustment);
  if (at.y < 0 || at.y + gtk_widget_get_height (row) > page)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + at.y - page / 3);
  return G_SOURCE_REMOVE;
}

gboolean
xarxa_itinerary_show_stop (XarxaItinerary *self,
                           const char     *stop_id)
{
  GtkWidget *row = NULL;

  g_return_val_if_fail (XARXA_IS_ITINERARY (self), FALSE);
  g_return_val_if_fail (stop_id != NULL, FALSE);

  g_free (self->focus_stop_id);
  self->focus_stop_id = g_strdup (stop_id);
  xarxa_itinerary_reload (self);
  if (!stop_has_focus (self, stop_id))
    return FALSE;
  row = gtk_widget_get_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self))), GTK_TYPE_LIST_BOX_ROW);
  gtk_widget_add_tick_callback (row, scroll_into_view_cb, NULL, NULL);
  return TRUE;
}
