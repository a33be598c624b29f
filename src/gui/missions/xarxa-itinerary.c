/* xarxa-itinerary.c — a mission's itinerary as days and their stops.
 *
 * The stops, their zones and warnings come from xarxa_mission_list_stops();
 * every move is a core call (xarxa_mission_move_stop(), _duplicate_day())
 * so the command line and the tests do the same.  The days run from the
 * mission's start to its end, plus any day a stop falls on outside them
 * (flagged); the whole list is rebuilt when the store says stops, the
 * mission or the directory changed, once per change notice.
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
  GPtrArray  *stops;           /* XarxaMissionStop, as last listed: rows built on unfolding */
  char       *zone_id;         /* the mission's */
  char       *city;
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

static const struct
{
  const char *kind;
  const char *icon;
} kind_icons[] = {
  { "visit", "find-location-symbolic" },
  { "meeting", "emoji-people-symbolic" },
  { "workshop", "applications-engineering-symbolic" },
  { "travel", "emoji-travel-symbolic" },
  { "accommodation", "go-home-symbolic" },
  { "free-time", "emoji-food-symbolic" },
};

static const char *
kind_icon (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_icons); i++)
    if (g_strcmp0 (kind_icons[i].kind, kind) == 0)
      return kind_icons[i].icon;
  return "mark-location-symbolic";
}

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

/* ---- rows --------------------------------------------------------------- */

static GtkWidget *
line_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

/* One line, cut short with "…" in a narrow window (the row's accessible
 * label keeps it whole): laying out wrapped text is what costs most when
 * hundreds of stops are shown, and a time rarely needs two lines. */
static GtkWidget *
short_label (const char *text,
             const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_add_css_class (label, style);
  return label;
}

/* An icon that only repeats what the text beside it says: screen readers
 * skip it. */
static GtkWidget *
decoration (const char *icon_name)
{
  return g_object_new (GTK_TYPE_IMAGE, "icon-name", icon_name,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
}

/* An icon and a sentence.  A grid, not a box: a horizontal GtkBox of
 * GTK 4.8 measures some wrapped sentences a pixel short. */
static GtkWidget *
warning_line (const char *text,
              const char *name)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *icon = decoration ("dialog-warning-symbolic");
  GtkWidget *label = line_label (text, NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (GTK_GRID (grid), icon, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), label, 1, 0, 1, 1);
  gtk_widget_set_name (grid, name);
  gtk_widget_add_css_class (grid, "warning");
  return grid;
}

static char *
record_name (XarxaStore *store,
             const char *type_name,
             const char *id,
             const char *field)
{
  g_autoptr(JsonObject) record = xarxa_store_get_live_record (store, type_name, id);

  return record != NULL ? g_strdup (xarxa_value_string_of (record, field)) : NULL;
}

/* "10:00 – 11:30"; an end on another day says which. */
static char *
time_range (XarxaMissionStop *stop)
{
  g_autofree char *start = g_date_time_format (stop->starts, "%H:%M");
  g_autofree char *end = NULL;

  if (stop->ends == NULL)
    return g_steal_pointer (&start);
  if (g_date_time_get_day_of_year (stop->ends) == g_date_time_get_day_of_year (stop->starts) &&
      g_date_time_get_year (stop->ends) == g_date_time_get_year (stop->starts))
    end = g_date_time_format (stop->ends, "%H:%M");
  else
    /* xgettext:no-c-format */
    end = g_date_time_format (stop->ends, C_("end of a stop on another day, a g_date_time_format() format",
                                             "%H:%M on %A %-d"));
  /* TRANSLATORS: a stop's start and end times */
  return g_strdup_printf (_("%s – %s"), start, end);
}

static GMenuModel *
stop_menu (const char *stop_id)
{
  GMenu *menu = g_menu_new ();
  const struct { const char *label, *action; } items[] = {
    { N_("_Edit…"), "itinerary.edit-stop" },
    { N_("_Move…"), "itinerary.move-stop" },
    { N_("Move to _Previous Day"), "itinerary.previous-day" },
    { N_("Move to _Next Day"), "itinerary.next-day" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (stop_id));
      if (i == 2)
        g_menu_item_set_attribute (item, "accel", "s", "<Alt>Up");
      else if (i == 3)
        g_menu_item_set_attribute (item, "accel", "s", "<Alt>Down");
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* A popover for each of hundreds of stops would cost more than all the
 * rest of the itinerary: each menu is made when first opened. */
static void
create_stop_menu_cb (GtkMenuButton *button,
                     gpointer       user_data)
{
  g_autoptr(GMenuModel) menu = NULL;

  if (gtk_menu_button_get_menu_model (button) != NULL)
    return;
  menu = stop_menu (g_object_get_data (G_OBJECT (button), "stop-id"));
  gtk_menu_button_set_menu_model (button, menu);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  return gdk_content_provider_new_typed (G_TYPE_STRING, g_object_get_data (G_OBJECT (row), "stop-id"));
}

static GtkWidget *
stop_row (XarxaItinerary   *self,
          XarxaMissionStop *stop,
          const char       *place_name)
{
  JsonObject *record = stop->record;
  const char *id = xarxa_value_string_of (record, "id");
  const char *kind = xarxa_value_string_of (record, "kind");
  const char *title = xarxa_value_string_of (record, "title");
  const char *address = xarxa_value_string_of (record, "address");
  g_autofree char *host = record_name (self->store, "entity", xarxa_value_string_of (record, "host_entity_id"), "name");
  g_autofree char *contact = record_name (self->store, "contact", xarxa_value_string_of (record, "host_contact_id"),
                                          "full_name");
  g_autofree char *times = NULL;
  g_autofree char *here = NULL;
  g_autoptr(GString) accessible = g_string_new (NULL);
  GtkWidget *row, *box, *icon, *lines, *menu_button;
  GtkDragSource *drag;

  row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (row), "stop-id", g_strdup (id), g_free);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "itinerary.edit-stop");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (id));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  icon = decoration (kind_icon (kind));
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);

  lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (box), lines);

  if (stop->starts != NULL)
    {
      times = time_range (stop);
      here = xarxa_zone_describe_here (stop->starts, place_name, NULL);
    }
  if (times != NULL)
    {
      GtkWidget *label = short_label (times, "numeric");

      gtk_widget_set_name (label, "stop-times");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_box_append (GTK_BOX (lines), label);
      g_string_append_printf (accessible, "%s. ", times);
    }
  if (here != NULL)
    {
      GtkWidget *label = short_label (here, "dim-label");

      gtk_widget_set_name (label, "stop-here");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (lines), label);
      g_string_append_printf (accessible, "%s. ", here);
    }
  {
    const char *kind_text = kind != NULL ? xarxa_choice_list_label (&xarxa_stop_kind_list, kind) : NULL;
    g_autofree char *heading = NULL;
    GtkWidget *label;

    if (title != NULL && kind_text != NULL)
      /* TRANSLATORS: a stop's kind ("Visit"), then its title */
      heading = g_strdup_printf (_("%s: %s"), kind_text, title);
    else
      heading = g_strdup (title != NULL ? title : kind_text != NULL ? kind_text : _("Untitled stop"));
    label = line_label (heading, "heading");
    gtk_widget_set_name (label, "stop-title");
    gtk_box_append (GTK_BOX (lines), label);
    g_string_append_printf (accessible, "%s. ", heading);
  }
  if (host != NULL || contact != NULL)
    {
      g_autofree char *hosts = host != NULL && contact != NULL
                               /* TRANSLATORS: host organisation and host contact person */
                               ? g_strdup_printf (_("Hosted by %s (%s)"), host, contact)
                               : g_strdup_printf (_("Hosted by %s"), host != NULL ? host : contact);

      gtk_box_append (GTK_BOX (lines), line_label (hosts, NULL));
      g_string_append_printf (accessible, "%s. ", hosts);
    }
  if (address != NULL)
    {
      gtk_box_append (GTK_BOX (lines), line_label (address, "dim-label"));
      g_string_append_printf (accessible, "%s. ", address);
    }
  for (guint i = 0; i < stop->warnings->len; i++)
    gtk_box_append (GTK_BOX (lines), warning_line (g_ptr_array_index (stop->warnings, i),
                                                   g_ptr_array_index (stop->warning_codes, i)));
  for (guint i = 0; i < stop->warnings->len; i++)
    g_string_append_printf (accessible, "%s ", (const char *) g_ptr_array_index (stop->warnings, i));

  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  g_object_set_data_full (G_OBJECT (menu_button), "stop-id", g_strdup (id), g_free);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (menu_button), create_stop_menu_cb, NULL, NULL);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("Stop Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stop Actions"), -1);
  gtk_box_append (GTK_BOX (box), menu_button);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_strstrip (accessible->str), -1);

  /* Dragged onto another day, it keeps its time of day. */
  if (stop->starts != NULL)
    {
      drag = gtk_drag_source_new ();
      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
    }
  return row;
}

/* ---- days --------------------------------------------------------------- */

/* A mission of up to this many stops opens with every day unfolded: their
 * rows are built in well under a tenth of a second (each costs about 1.7 ms
 * to lay out), which a person does not wait for, and forty stops is a full
 * week's programme.  A larger one opens folded, each day's heading saying
 * how many stops it has, from when to when and what is wrong, so the
 * whole trip reads at a glance and a day's rows are built when it is
 * opened. */
#define UNFOLD_ALL_MAX_STOPS 40

/* One day of the list (or the stops with no time yet), owned by its box. */
typedef struct
{
  char      *key;        /* YYYY-MM-DD, or "" for the stops with no time */
  char      *title;      /* "Tuesday 9 March" */
  char      *summary;    /* "6 stops · 09:00 – 18:30" */
  char      *warnings;   /* "2 warnings", or NULL */
  guint      n_stops;
  guint      n_warnings;
  char       first[6];   /* the earliest start, HH:MM; "" when none */
  char       last[6];    /* the latest start or same-day end */
  GtkWidget *box;
  GtkWidget *toggle;
  GtkWidget *arrow;
  GtkWidget *summary_label;
  GtkWidget *warnings_label;
  GtkWidget *list;       /* NULL until the day is first unfolded */
} Day;

static void
day_free (Day *day)
{
  g_free (day->key);
  g_free (day->title);
  g_free (day->summary);
  g_free (day->warnings);
  g_free (day);
}

static Day *
day_of_widget (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "day") != NULL)
      return g_object_get_data (G_OBJECT (w), "day");
  return NULL;
}

/* The day a stop is listed under: its wall-clock date, or "" for none. */
static char *
stop_day_key (XarxaMissionStop *stop)
{
  const char *starts_at = xarxa_value_string_of (stop->record, "starts_at");

  return starts_at != NULL && strlen (starts_at) >= 10 ? g_strndup (starts_at, 10) : g_strdup ("");
}

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

static GMenuModel *
day_menu (const char *date)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) add = g_menu_item_new (_("_Add Stop…"), NULL);
  g_autoptr(GMenuItem) duplicate = g_menu_item_new (_("_Duplicate Day…"), NULL);

  g_menu_item_set_action_and_target_value (add, "itinerary.add-stop", g_variant_new_string (date));
  g_menu_item_set_action_and_target_value (duplicate, "itinerary.duplicate-day", g_variant_new_string (date));
  g_menu_append_item (menu, add);
  g_menu_append_item (menu, duplicate);
  return G_MENU_MODEL (menu);
}

static void
create_day_menu_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  g_autoptr(GMenuModel) menu = NULL;

  if (gtk_menu_button_get_menu_model (button) != NULL)
    return;
  menu = day_menu (g_object_get_data (G_OBJECT (button), "date"));
  gtk_menu_button_set_menu_model (button, menu);
}

static void
append_stop_row (XarxaItinerary   *self,
                 GtkListBox       *list,
                 XarxaMissionStop *stop)
{
  const char *stop_zone = xarxa_value_string_of (stop->record, "time_zone");
  /* The city names the mission's zone; a stop in another zone is named by
   * its own. */
  const char *place = self->city != NULL && (stop_zone == NULL || g_strcmp0 (stop_zone, self->zone_id) == 0)
                      ? self->city : stop->zone_id;

  gtk_list_box_append (list, stop_row (self, stop, place != NULL ? place : ""));
}

/* The day's rows, the first time it is unfolded. */
static void
day_build_list (XarxaItinerary *self,
                Day            *day)
{
  GtkWidget *placeholder;

  if (day->list != NULL)
    return;
  day->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (day->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (day->list, "boxed-list");
  placeholder = line_label (_("No stops this day. Add one, or drag a stop here."), "dim-label");
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (day->list), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (day->list), GTK_ACCESSIBLE_PROPERTY_LABEL, day->title, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (day->toggle), GTK_ACCESSIBLE_RELATION_CONTROLS, day->list, NULL, -1);
  gtk_box_append (GTK_BOX (day->box), day->list);

  for (guint i = 0; self->stops != NULL && i < self->stops->len; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (self->stops, i);
      g_autofree char *key = stop_day_key (stop);

      if (g_str_equal (key, day->key))
        append_stop_row (self, GTK_LIST_BOX (day->list), stop);
    }
}

/* Shows or hides the day's stops, building them the first time. */
static void
day_set_unfolded (XarxaItinerary *self,
                  Day            *day,
                  gboolean        unfolded)
{
  if (unfolded)
    {
      g_hash_table_add (self->unfolded_days, g_strdup (day->key));
      day_build_list (self, day);
    }
  else
    g_hash_table_remove (self->unfolded_days, day->key);
  if (day->list != NULL)
    gtk_widget_set_visible (day->list, unfolded);
  gtk_image_set_from_icon_name (GTK_IMAGE (day->arrow), unfolded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (day->toggle), GTK_ACCESSIBLE_STATE_EXPANDED, unfolded, -1);
}

static void
day_toggle_clicked_cb (GtkButton      *button,
                       XarxaItinerary *self)
{
  Day *day = day_of_widget (GTK_WIDGET (button));

  g_assert (day != NULL);
  day_set_unfolded (self, day, !g_hash_table_contains (self->unfolded_days, day->key));
}

/* "6 stops · 09:00 – 18:30" and "2 warnings", from the day's counts. */
static void
day_summarise (Day *day)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  if (day->n_stops == 0)
    g_string_append (summary, _("No stops"));
  else
    g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u stop", "%u stops", day->n_stops),
                            day->n_stops);
  if (day->first[0] != '\0')
    {
      g_autofree char *range = NULL;

      if (g_str_equal (day->first, day->last))
        range = g_strdup (day->first);
      else
        /* TRANSLATORS: a stop's start and end times */
        range = g_strdup_printf (_("%s – %s"), day->first, day->last);
      /* TRANSLATORS: between the parts of a folded day's summary, "6 stops · 09:00 – 18:30" */
      g_string_append (summary, C_("itinerary day summary", " · "));
      g_string_append (summary, range);
    }
  day->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  if (day->n_warnings > 0)
    day->warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", day->n_warnings),
                                     day->n_warnings);
}

/* A day's heading, a button that folds and unfolds its stops, with the
 * day's summary and menu; the rows come later (day_build_list()). */
static Day *
add_day (XarxaItinerary *self,
         const char     *key,
         gboolean        outside)
{
  Day *day = g_new0 (Day, 1);
  GtkWidget *heading_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading, *content, *lines, *label;

  day->key = g_strdup (key);
  day->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_object_set_data_full (G_OBJECT (day->box), "day", day, (GDestroyNotify) day_free);
  if (key[0] != '\0')
    {
      g_autoptr(GDateTime) midday = NULL;
      int y, m, d;

      if (sscanf (key, "%d-%d-%d", &y, &m, &d) == 3)
        midday = g_date_time_new_utc (y, m, d, 12, 0, 0);
      /* xgettext:no-c-format */
      day->title = midday != NULL ? g_date_time_format (midday, C_("itinerary day heading, a g_date_time_format() format",
                                                                   "%A %-d %B"))
                                  : g_strdup (key);
      g_object_set_data_full (G_OBJECT (day->box), "date", g_strdup (key), g_free);
      gtk_widget_set_name (day->box, key);
    }
  else
    day->title = g_strdup (_("Not Scheduled Yet"));

  /* A level-3 heading holding the button, as a disclosure is marked up on
   * the web: screen readers list the days among the page's headings. */
  heading = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, "hexpand", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  day->toggle = gtk_button_new ();
  gtk_widget_set_name (day->toggle, "day-toggle");
  gtk_widget_set_hexpand (day->toggle, TRUE);
  gtk_widget_add_css_class (day->toggle, "flat");
  g_signal_connect (day->toggle, "clicked", G_CALLBACK (day_toggle_clicked_cb), self);
  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  day->arrow = decoration ("pan-end-symbolic");
  gtk_widget_set_valign (day->arrow, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (content), day->arrow);
  lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (lines, TRUE);
  label = line_label (day->title, "heading");
  gtk_box_append (GTK_BOX (lines), label);
  day->summary_label = line_label (NULL, "dim-label");
  gtk_widget_set_name (day->summary_label, "day-summary");
  gtk_widget_add_css_class (day->summary_label, "caption");
  gtk_box_append (GTK_BOX (lines), day->summary_label);
  /* Overlaps and stops outside the dates stay in sight when folded. */
  day->warnings_label = line_label (NULL, "warning");
  gtk_widget_set_name (day->warnings_label, "day-warnings");
  gtk_widget_add_css_class (day->warnings_label, "caption");
  gtk_widget_set_visible (day->warnings_label, FALSE);
  gtk_box_append (GTK_BOX (lines), day->warnings_label);
  gtk_box_append (GTK_BOX (content), lines);
  gtk_button_set_child (GTK_BUTTON (day->toggle), content);
  gtk_box_append (GTK_BOX (heading), day->toggle);
  gtk_box_append (GTK_BOX (heading_box), heading);

  if (key[0] != '\0')
    {
      GtkWidget *button = gtk_menu_button_new ();
      g_autofree char *menu_label = g_strdup_printf (_("Actions for %s"), day->title);
      GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      g_object_set_data_full (G_OBJECT (button), "date", g_strdup (key), g_free);
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_day_menu_cb, NULL, NULL);
      gtk_widget_set_valign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Day Actions"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
      gtk_box_append (GTK_BOX (heading_box), button);

      /* The whole day takes a dropped stop, its heading too when folded. */
      g_signal_connect (drop, "drop", G_CALLBACK (day_drop_cb), self);
      gtk_widget_add_controller (day->box, GTK_EVENT_CONTROLLER (drop));
    }
  gtk_box_append (GTK_BOX (day->box), heading_box);
  if (outside)
    gtk_box_append (GTK_BOX (day->box),
                    warning_line (_("This day is outside the mission’s dates."), "day-outside-dates"));
  gtk_box_append (self->days_box, day->box);
  return day;
}

/* Once the day's stops are counted: its summary, and the button's name
 * for screen readers ("Tuesday 9 March, 6 stops, 09:00 – 18:30"). */
static void
day_finish (Day *day)
{
  g_autoptr(GString) accessible = g_string_new (day->title);

  day_summarise (day);
  gtk_label_set_label (GTK_LABEL (day->summary_label), day->summary);
  /* TRANSLATORS: between the parts of a day's name for screen readers, "Tuesday 9 March, 6 stops" */
  g_string_append_printf (accessible, C_("itinerary day summary", ", %s"), day->summary);
  if (day->warnings != NULL)
    {
      gtk_label_set_label (GTK_LABEL (day->warnings_label), day->warnings);
      gtk_widget_set_visible (day->warnings_label, TRUE);
      g_string_append_printf (accessible, C_("itinerary day summary", ", %s"), day->warnings);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (day->toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str, -1);
}

static void
day_count_stop (Day              *day,
                XarxaMissionStop *stop)
{
  day->n_stops++;
  day->n_warnings += stop->warnings->len;
  if (stop->starts != NULL)
    {
      g_autofree char *start = g_date_time_format (stop->starts, "%H:%M");
      g_autofree char *end = NULL;

      if (day->first[0] == '\0' || strcmp (start, day->first) < 0)
        g_strlcpy (day->first, start, sizeof day->first);
      if (strcmp (start, day->last) > 0)
        g_strlcpy (day->last, start, sizeof day->last);
      /* An end on another day (a night bus, a hotel) is that day's. */
      if (stop->ends != NULL && g_date_time_get_day_of_year (stop->ends) == g_date_time_get_day_of_year (stop->starts) &&
          g_date_time_get_year (stop->ends) == g_date_time_get_year (stop->starts))
        {
          end = g_date_time_format (stop->ends, "%H:%M");
          if (strcmp (end, day->last) > 0)
            g_strlcpy (day->last, end, sizeof day->last);
        }
    }
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
 * rebuild: a stop's row (into focus_stop_id) or a day's heading. */
static char *
remember_focus (XarxaItinerary *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;
  Day *day;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->days_box)))
    return NULL;
  row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row != NULL && g_object_get_data (G_OBJECT (row), "stop-id") != NULL)
    {
      if (self->focus_stop_id == NULL)
        self->focus_stop_id = g_strdup (g_object_get_data (G_OBJECT (row), "stop-id"));
      return NULL;
    }
  day = day_of_widget (focus);
  if (day != NULL && (focus == day->toggle || gtk_widget_is_ancestor (focus, day->toggle)))
    return g_strdup (day->key);
  return NULL;
}

static void
rebuild (XarxaItinerary *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) mission = xarxa_store_get_live_record (self->store, "mission", self->mission_id);
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) days = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *focus_day = remember_focus (self);
  g_autofree char *today = NULL;
  const char *start_date, *end_date;
  gboolean small, unscheduled = FALSE;
  GtkWidget *child, *focus = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->days_box))) != NULL)
    gtk_box_remove (self->days_box, child);
  g_clear_pointer (&self->stops, g_ptr_array_unref);
  if (mission == NULL)
    return;

  start_date = xarxa_value_string_of (mission, "start_date");
  end_date = xarxa_value_string_of (mission, "end_date");
  g_free (self->zone_id);
  self->zone_id = g_strdup (xarxa_value_string_of (mission, "time_zone"));
  g_free (self->city);
  self->city = g_strdup (xarxa_value_string_of (mission, "city"));
  if (self->zone_id != NULL)
    {
      /* TRANSLATORS: a time zone's id, like America/Toronto */
      g_autofree char *text = g_strdup_printf (_("Times are the clock time at the destination (%s)."), self->zone_id);

      gtk_label_set_label (self->zone_label, text);
    }
  else
    gtk_label_set_label (self->zone_label, _("The mission has no time zone yet: times are shown as they were typed."));

  if ((self->stops = xarxa_mission_list_stops (self->store, self->mission_id, &error)) == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* The mission's days, then the days of stops outside them. */
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
  for (guint i = 0; i < self->stops->len; i++)
    {
      g_autofree char *key = stop_day_key (g_ptr_array_index (self->stops, i));
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

  /* A day shown for the first time: unfolded in a small mission, and in a
   * large one when it is today there (the mission under way, whatever its
   * status says); the others keep the state the person left them in. */
  small = self->stops->len <= UNFOLD_ALL_MAX_STOPS;
  today = today_at (self->zone_id);
  for (guint i = 0; i < dates->len; i++)
    {
      const char *key = g_ptr_array_index (dates, i);
      gboolean outside = key[0] != '\0' && ((start_date != NULL && strcmp (key, start_date) < 0) ||
                                            (end_date != NULL && strcmp (key, end_date) > 0));

      if (!g_hash_table_contains (self->seen_days, key))
        {
          g_hash_table_add (self->seen_days, g_strdup (key));
          if (small || g_str_equal (key, today))
            g_hash_table_add (self->unfolded_days, g_strdup (key));
        }
      g_hash_table_insert (days, (gpointer) key, add_day (self, key, outside));
    }

  for (guint i = 0; i < self->stops->len; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (self->stops, i);
      g_autofree char *key = stop_day_key (stop);
      Day *day = g_hash_table_lookup (days, key);

      g_assert (day != NULL);
      day_count_stop (day, stop);
      /* The stop to focus is shown, its day unfolded. */
      if (g_strcmp0 (self->focus_stop_id, xarxa_value_string_of (stop->record, "id")) == 0)
        g_hash_table_add (self->unfolded_days, g_steal_pointer (&key));
    }
  for (guint i = 0; i < dates->len; i++)
    {
      Day *day = g_hash_table_lookup (days, g_ptr_array_index (dates, i));

      day_finish (day);
      day_set_unfolded (self, day, g_hash_table_contains (self->unfolded_days, day->key));
      if (g_strcmp0 (focus_day, day->key) == 0)
        focus = day->toggle;
    }

  if (self->focus_stop_id != NULL)
    for (child = gtk_widget_get_first_child (GTK_WIDGET (self->days_box)); child != NULL && focus == NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        Day *day = g_object_get_data (G_OBJECT (child), "day");

        for (GtkWidget *row = day->list != NULL ? gtk_widget_get_first_child (day->list) : NULL;
             row != NULL && focus == NULL; row = gtk_widget_get_next_sibling (row))
          if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "stop-id"), self->focus_stop_id) == 0)
            focus = row;
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
    day_set_unfolded (self, g_object_get_data (G_OBJECT (child), "day"), unfold);
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
  g_free (self->zone_id);
  g_free (self->city);
  g_clear_pointer (&self->stops, g_ptr_array_unref);
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

gboolean
xarxa_itinerary_show_stop (XarxaItinerary *self,
                           const char     *stop_id)
{
  g_return_val_if_fail (XARXA_IS_ITINERARY (self), FALSE);
  g_return_val_if_fail (stop_id != NULL, FALSE);

  g_free (self->focus_stop_id);
  self->focus_stop_id = g_strdup (stop_id);
  xarxa_itinerary_reload (self);
  return stop_has_focus (self, stop_id);
}
