/* xarxa-itinerary-day.c — one day of a mission's itinerary: its heading,
 * which folds and unfolds the day, its summary and menu, and its stops'
 * rows, built the first time the day is unfolded.
 *
 * A row has up to five lines of text, some wrapped, and takes about half
 * a millisecond to make and lay out: a mission of 300 stops would keep
 * its page from opening for a good part of a second, so a folded day
 * builds none and says in one line what it holds.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-itinerary-day"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-itinerary-day.h"
#include "xarxa-values.h"
#include "xarxa-zone.h"

struct _XarxaItineraryDay
{
  GtkBox      parent_instance;

  XarxaStore *store;
  GPtrArray  *stops;        /* the mission's XarxaMissionStop, this day's among them */
  char       *key;          /* YYYY-MM-DD, or "" for the stops with no time */
  char       *title;        /* "Tuesday 9 March" */
  char       *city;         /* the mission's, and its zone: the place a time is "in" */
  char       *zone_id;
  gboolean    unfolded;

  GtkWidget  *toggle;
  GtkWidget  *arrow;
  GtkWidget  *summary_label;
  GtkWidget  *warnings_label;
  GtkWidget  *list;         /* NULL until the day is first unfolded */
};

G_DEFINE_FINAL_TYPE (XarxaItineraryDay, xarxa_itinerary_day, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_UNFOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* ---- a stop's row ------------------------------------------------------- */

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

/* Tooltips are given when asked for rather than set: setting one
 * (gtk_widget_set_tooltip_text()) asks the display where the pointer is,
 * a round trip to the X server, and three a row cost as much as laying
 * the row out. */
static gboolean
fixed_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  const char *text)
{
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* @text: a translated message (gettext's, never freed). */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (fixed_tooltip_cb), (gpointer) text);
}

/* A label cut short shows all of its text as its tooltip. */
static gboolean
ellipsized_tooltip_cb (GtkLabel   *label,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

/* One line, cut short with "…" in a narrow window (the tooltip and the
 * row's accessible label keep it whole): laying out wrapped text is what
 * costs most when hundreds of stops are shown, and a time rarely needs two
 * lines. */
static GtkWidget *
short_label (const char *text,
             const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (ellipsized_tooltip_cb), NULL);
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
stop_row (XarxaStore       *store,
          XarxaMissionStop *stop,
          const char       *place_name)
{
  JsonObject *record = stop->record;
  const char *id = xarxa_value_string_of (record, "id");
  const char *kind = xarxa_value_string_of (record, "kind");
  const char *title = xarxa_value_string_of (record, "title");
  const char *address = xarxa_value_string_of (record, "address");
  g_autofree char *host = record_name (store, "entity", xarxa_value_string_of (record, "host_entity_id"), "name");
  g_autofree char *contact = record_name (store, "contact", xarxa_value_string_of (record, "host_contact_id"),
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
  set_tooltip (menu_button, _("Stop Actions"));
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

/* ---- the day ------------------------------------------------------------ */

char *
xarxa_itinerary_day_key_of (XarxaMissionStop *stop)
{
  const char *starts_at;

  g_return_val_if_fail (stop != NULL, NULL);

  starts_at = xarxa_value_string_of (stop->record, "starts_at");
  return starts_at != NULL && strlen (starts_at) >= 10 ? g_strndup (starts_at, 10) : g_strdup ("");
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

/* Whether @stop is listed under this day: every day looks through the
 * mission's stops, so without making a string. */
static gboolean
is_on_day (XarxaItineraryDay *self,
           XarxaMissionStop  *stop)
{
  const char *starts_at = xarxa_value_string_of (stop->record, "starts_at");

  if (starts_at == NULL || strlen (starts_at) < 10)
    return self->key[0] == '\0';
  return self->key[0] != '\0' && strncmp (starts_at, self->key, 10) == 0;
}

/* The day's rows, the first time it is unfolded. */
static void
build_list (XarxaItineraryDay *self)
{
  GtkWidget *placeholder;

  if (self->list != NULL)
    return;
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  placeholder = line_label (_("No stops this day. Add one, or drag a stop here."), "dim-label");
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, self->title, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->toggle), GTK_ACCESSIBLE_RELATION_CONTROLS, self->list, NULL, -1);
  gtk_box_append (GTK_BOX (self), self->list);

  for (guint i = 0; i < self->stops->len; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (self->stops, i);
      const char *stop_zone = xarxa_value_string_of (stop->record, "time_zone");
      /* The city names the mission's zone; a stop in another zone is
       * named by its own. */
      const char *place = self->city != NULL && (stop_zone == NULL || g_strcmp0 (stop_zone, self->zone_id) == 0)
                          ? self->city : stop->zone_id;

      if (is_on_day (self, stop))
        gtk_list_box_append (GTK_LIST_BOX (self->list), stop_row (self->store, stop, place != NULL ? place : ""));
    }
}

static void
replace_str (char       **str,
             const char  *value)
{
  g_free (*str);
  *str = g_strdup (value);
}

static void
toggle_clicked_cb (XarxaItineraryDay *self)
{
  xarxa_itinerary_day_set_unfolded (self, !self->unfolded);
}

/* "6 stops · 09:00 – 18:30", "2 warnings" and the toggle's name for
 * screen readers, "Tuesday 9 March, 6 stops, 09:00 – 18:30, 2 warnings". */
static void
summarise (XarxaItineraryDay *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) accessible = g_string_new (self->title);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint n_stops = 0, n_warnings = 0;

  for (guint i = 0; i < self->stops->len; i++)
    {
      XarxaMissionStop *stop = g_ptr_array_index (self->stops, i);
      g_autofree char *start = NULL;

      if (!is_on_day (self, stop))
        continue;
      n_stops++;
      n_warnings += stop->warnings->len;
      if (stop->starts == NULL)
        continue;
      start = g_date_time_format (stop->starts, "%H:%M");
      if (first == NULL || strcmp (start, first) < 0)
        replace_str (&first, start);
      if (last == NULL || strcmp (start, last) > 0)
        replace_str (&last, start);
      /* An end on another day (a night bus, a hotel) is that day's. */
      if (stop->ends != NULL &&
          g_date_time_get_day_of_year (stop->ends) == g_date_time_get_day_of_year (stop->starts) &&
          g_date_time_get_year (stop->ends) == g_date_time_get_year (stop->starts))
        {
          g_autofree char *end = g_date_time_format (stop->ends, "%H:%M");

          if (strcmp (end, last) > 0)
            replace_str (&last, end);
        }
    }

  if (n_stops == 0)
    g_string_append (summary, _("No stops"));
  else
    g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u stop", "%u stops", n_stops), n_stops);
  /* TRANSLATORS: between the parts of a day's name for screen readers, "Tuesday 9 March, 6 stops" */
  g_string_append_printf (accessible, C_("itinerary day summary", ", %s"), summary->str);
  if (first != NULL)
    {
      g_autofree char *range = NULL;

      if (g_str_equal (first, last))
        range = g_strdup (first);
      else
        /* TRANSLATORS: a stop's start and end times */
        range = g_strdup_printf (_("%s – %s"), first, last);
      /* TRANSLATORS: between the parts of a folded day's summary, "6 stops · 09:00 – 18:30" */
      g_string_append (summary, C_("itinerary day summary", " · "));
      g_string_append (summary, range);
      g_string_append_printf (accessible, C_("itinerary day summary", ", %s"), range);
    }
  gtk_label_set_label (GTK_LABEL (self->summary_label), summary->str);
  /* Overlaps and stops outside the dates stay in sight when folded. */
  if (n_warnings > 0)
    {
      g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                                n_warnings), n_warnings);

      gtk_label_set_label (GTK_LABEL (self->warnings_label), warnings);
      g_string_append_printf (accessible, C_("itinerary day summary", ", %s"), warnings);
    }
  gtk_widget_set_visible (self->warnings_label, n_warnings > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str, -1);
}

static void
xarxa_itinerary_day_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  XarxaItineraryDay *self = XARXA_ITINERARY_DAY (object);

  switch (prop_id)
    {
    case PROP_UNFOLDED:
      g_value_set_boolean (value, self->unfolded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_itinerary_day_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  XarxaItineraryDay *self = XARXA_ITINERARY_DAY (object);

  switch (prop_id)
    {
    case PROP_UNFOLDED:
      xarxa_itinerary_day_set_unfolded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_itinerary_day_dispose (GObject *object)
{
  XarxaItineraryDay *self = XARXA_ITINERARY_DAY (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->stops, g_ptr_array_unref);
  G_OBJECT_CLASS (xarxa_itinerary_day_parent_class)->dispose (object);
}

static void
xarxa_itinerary_day_finalize (GObject *object)
{
  XarxaItineraryDay *self = XARXA_ITINERARY_DAY (object);

  g_free (self->key);
  g_free (self->title);
  g_free (self->city);
  g_free (self->zone_id);
  G_OBJECT_CLASS (xarxa_itinerary_day_parent_class)->finalize (object);
}

static void
xarxa_itinerary_day_class_init (XarxaItineraryDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = xarxa_itinerary_day_get_property;
  object_class->set_property = xarxa_itinerary_day_set_property;
  object_class->dispose = xarxa_itinerary_day_dispose;
  object_class->finalize = xarxa_itinerary_day_finalize;

  properties[PROP_UNFOLDED] =
    g_param_spec_boolean ("unfolded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xarxa_itinerary_day_init (XarxaItineraryDay *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
}

/* The heading: a level-3 heading holding the button, as a disclosure is
 * marked up on the web, so screen readers list the days among the page's
 * headings; beside it the day's menu. */
static void
add_heading (XarxaItineraryDay *self)
{
  GtkWidget *heading_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading, *content, *lines;

  heading = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, "hexpand", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3,
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title, -1);
  self->toggle = gtk_button_new ();
  gtk_widget_set_name (self->toggle, "day-toggle");
  gtk_widget_set_hexpand (self->toggle, TRUE);
  gtk_widget_add_css_class (self->toggle, "flat");
  g_signal_connect_swapped (self->toggle, "clicked", G_CALLBACK (toggle_clicked_cb), self);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->toggle), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->arrow = decoration ("pan-end-symbolic");
  gtk_widget_set_valign (self->arrow, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (content), self->arrow);
  lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (lines), line_label (self->title, "heading"));
  self->summary_label = line_label (NULL, "dim-label");
  gtk_widget_set_name (self->summary_label, "day-summary");
  gtk_widget_add_css_class (self->summary_label, "caption");
  gtk_box_append (GTK_BOX (lines), self->summary_label);
  self->warnings_label = line_label (NULL, "warning");
  gtk_widget_set_name (self->warnings_label, "day-warnings");
  gtk_widget_add_css_class (self->warnings_label, "caption");
  gtk_box_append (GTK_BOX (lines), self->warnings_label);
  gtk_box_append (GTK_BOX (content), lines);
  gtk_button_set_child (GTK_BUTTON (self->toggle), content);
  gtk_box_append (GTK_BOX (heading), self->toggle);
  gtk_box_append (GTK_BOX (heading_box), heading);

  if (self->key[0] != '\0')
    {
      GtkWidget *button = gtk_menu_button_new ();
      g_autofree char *menu_label = g_strdup_printf (_("Actions for %s"), self->title);

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      g_object_set_data_full (G_OBJECT (button), "date", g_strdup (self->key), g_free);
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_day_menu_cb, NULL, NULL);
      gtk_widget_set_valign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "flat");
      set_tooltip (button, _("Day Actions"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
      gtk_box_append (GTK_BOX (heading_box), button);
    }
  gtk_box_append (GTK_BOX (self), heading_box);
}

GtkWidget *
xarxa_itinerary_day_new (XarxaStore *store,
                         GPtrArray  *stops,
                         const char *date,
                         gboolean    outside,
                         const char *city,
                         const char *zone_id)
{
  XarxaItineraryDay *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (stops != NULL, NULL);

  self = g_object_new (XARXA_TYPE_ITINERARY_DAY, NULL);
  self->store = g_object_ref (store);
  self->stops = g_ptr_array_ref (stops);
  self->key = g_strdup (date != NULL ? date : "");
  self->city = g_strdup (city);
  self->zone_id = g_strdup (zone_id);
  if (date != NULL)
    {
      g_autoptr(GDateTime) midday = NULL;
      int y, m, d;

      if (sscanf (date, "%d-%d-%d", &y, &m, &d) == 3)
        midday = g_date_time_new_utc (y, m, d, 12, 0, 0);
      /* xgettext:no-c-format */
      self->title = midday != NULL ? g_date_time_format (midday, C_("itinerary day heading, a g_date_time_format() format",
                                                                    "%A %-d %B"))
                                   : g_strdup (date);
      /* The tests and the drop find a day by its date. */
      g_object_set_data_full (G_OBJECT (self), "date", g_strdup (date), g_free);
      gtk_widget_set_name (GTK_WIDGET (self), date);
    }
  else
    self->title = g_strdup (_("Not Scheduled Yet"));

  add_heading (self);
  if (outside)
    gtk_box_append (GTK_BOX (self), warning_line (_("This day is outside the mission’s dates."), "day-outside-dates"));
  summarise (self);
  return GTK_WIDGET (self);
}

const char *
xarxa_itinerary_day_get_key (XarxaItineraryDay *self)
{
  g_return_val_if_fail (XARXA_IS_ITINERARY_DAY (self), NULL);

  return self->key;
}

gboolean
xarxa_itinerary_day_get_unfolded (XarxaItineraryDay *self)
{
  g_return_val_if_fail (XARXA_IS_ITINERARY_DAY (self), FALSE);

  return self->unfolded;
}

void
xarxa_itinerary_day_set_unfolded (XarxaItineraryDay *self,
                                  gboolean           unfolded)
{
  g_return_if_fail (XARXA_IS_ITINERARY_DAY (self));

  unfolded = !!unfolded;
  if (unfolded)
    build_list (self);
  if (self->list != NULL)
    gtk_widget_set_visible (self->list, unfolded);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->arrow), unfolded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->toggle), GTK_ACCESSIBLE_STATE_EXPANDED, unfolded, -1);
  if (self->unfolded == unfolded)
    return;
  self->unfolded = unfolded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNFOLDED]);
}

GtkWidget *
xarxa_itinerary_day_get_toggle (XarxaItineraryDay *self)
{
  g_return_val_if_fail (XARXA_IS_ITINERARY_DAY (self), NULL);

  return self->toggle;
}

GtkWidget *
xarxa_itinerary_day_get_row (XarxaItineraryDay *self,
                             const char        *stop_id)
{
  g_return_val_if_fail (XARXA_IS_ITINERARY_DAY (self), NULL);
  g_return_val_if_fail (stop_id != NULL, NULL);

  for (GtkWidget *row = self->list != NULL ? gtk_widget_get_first_child (self->list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "stop-id"), stop_id) == 0)
      return row;
  return NULL;
}
