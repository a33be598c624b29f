/* test-missions-ui.c — the Missions view driven as a person would, under Xvfb.
 *
 * Builds the real window over a database in a temporary folder, switches to
 * the Missions view and works through its widgets and actions: the
 * first-run page, missions under way, upcoming and past (against today)
 * under their headings, search and filters, a new mission through New
 * Mission, the destination's city setting its time zone, an unknown zone
 * refused on its row, delete and Undo, win.open-mission, and a cluster
 * started from a past mission with its hosts.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-missions-ui"

#include "config.h"

#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-cluster.h"
#include "xarxa-clusters-page.h"
#include "xarxa-field-row.h"
#include "xarxa-mission.h"
#include "xarxa-mission-editor.h"
#include "xarxa-mission-row.h"
#include "xarxa-missions-page.h"
#include "xarxa-record.h"
#include "xarxa-record-picker.h"
#include "xarxa-ready-check.h"
#include "xarxa-records-group.h"
#include "xarxa-values.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  char              *dir;
  char              *db;
  XarxaStore        *store;
  XarxaWindow       *window;
  XarxaMissionsPage *page;
} Fixture;

static gpointer
page_child (Fixture    *f,
            const char *name)
{
  return child (f->page, XARXA_TYPE_MISSIONS_PAGE, name);
}

static gpointer
editor_child (Fixture    *f,
              const char *name)
{
  return child (page_child (f, "editor"), XARXA_TYPE_MISSION_EDITOR, name);
}

static guint
n_listed (Fixture *f)
{
  return g_list_model_get_n_items (xarxa_missions_page_get_model (f->page));
}

static const char *
listed_title (Fixture *f,
              guint    position)
{
  g_autoptr(XarxaRecord) record = g_list_model_get_item (xarxa_missions_page_get_model (f->page), position);

  g_assert_nonnull (record);
  /* Owned by the record, which the list keeps. */
  return xarxa_record_get_title (record);
}

static const char *
visible_child (Fixture    *f,
               const char *stack)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, stack)));
}

static char *
add_record (Fixture    *f,
            const char *type_name,
            ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;
  char *id;

  va_start (args, type_name);
  while ((field = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (g_str_equal (field, "transitions"))
        {
          JsonArray *array = json_array_new ();

          json_array_add_string_element (array, value);
          json_object_set_array_member (values, field, array);
        }
      else
        json_object_set_string_member (values, field, value);
    }
  va_end (args);

  id = xarxa_store_create_record (f->store, type_name, values, &error);
  g_assert_no_error (error);
  return id;
}

/* Today plus @days, YYYY-MM-DD. */
static char *
day (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* The stored string, checked and freed. */
static void
assert_stored (XarxaStore *store,
               const char *type_name,
               const char *id,
               const char *field,
               const char *expected)
{
  g_autofree char *value = stored_string (store, type_name, id, field);

  g_assert_cmpstr (value, ==, expected);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_store (&f->dir, &f->db);
  f->window = ui_test_open_window (f->store);
  f->page = child (f->window, XARXA_TYPE_WINDOW, "missions_page");
  adw_view_stack_set_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack"), "missions");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = find_toplevel ("new-mission-dialog")) != NULL ||
         (dialog = find_toplevel ("start-cluster-dialog")) != NULL ||
         (dialog = find_toplevel ("record-picker")) != NULL)
    gtk_window_destroy (dialog);

  destroy_window (f->window);
  test_close_store (&f->store, &f->dir, &f->db);
}

static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = NULL;

  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "welcome");
  g_assert_true (gtk_widget_get_visible (page_child (f, "welcome_new_button")));
  g_assert_true (gtk_widget_get_visible (page_child (f, "welcome_example_button")));

  id = add_record (f, "mission", "title", "Montréal 2027", NULL);
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "missions");
}

static gboolean
is_row_with_heading (GtkWidget     *widget,
                     gconstpointer  data)
{
  return XARXA_IS_MISSION_ROW (widget) &&
         g_strcmp0 (xarxa_mission_row_get_heading (XARXA_MISSION_ROW (widget)), data) == 0;
}

static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *d_m2 = day (-2), *d_p2 = day (2), *d_p30 = day (30), *d_p35 = day (35);
  g_autofree char *d_m40 = day (-40), *d_m35 = day (-35), *d_m400 = day (-400), *d_m395 = day (-395);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;

  /* Made in an order unlike the list's. */
  a = add_record (f, "mission", "title", "Past, long ago", "start_date", d_m400, "end_date", d_m395, NULL);
  b = add_record (f, "mission", "title", "Upcoming, no dates yet", NULL);
  c = add_record (f, "mission", "title", "Under way", "start_date", d_m2, "end_date", d_p2, NULL);
  d = add_record (f, "mission", "title", "Past, last month", "start_date", d_m40, "end_date", d_m35,
                  "status", "completed", NULL);
  e = add_record (f, "mission", "title", "Upcoming, next month", "start_date", d_p30, "end_date", d_p35, NULL);
  WAIT_FOR (n_listed (f) == 5);

  g_assert_cmpstr (listed_title (f, 0), ==, "Under way");
  g_assert_cmpstr (listed_title (f, 1), ==, "Upcoming, next month");
  g_assert_cmpstr (listed_title (f, 2), ==, "Upcoming, no dates yet");
  g_assert_cmpstr (listed_title (f, 3), ==, "Past, last month");
  g_assert_cmpstr (listed_title (f, 4), ==, "Past, long ago");

  g_assert_cmpstr (xarxa_missions_page_heading_at (f->page, 0), ==, "Under Way");
  g_assert_cmpstr (xarxa_missions_page_heading_at (f->page, 1), ==, "Upcoming");
  g_assert_null (xarxa_missions_page_heading_at (f->page, 2));
  g_assert_cmpstr (xarxa_missions_page_heading_at (f->page, 3), ==, "Past");
  g_assert_null (xarxa_missions_page_heading_at (f->page, 4));

  /* On screen: each heading once, above the first row of its group. */
  WAIT_FOR (find_descendant (page_child (f, "list_view"), is_row_with_heading, "Past") != NULL);
  g_assert_nonnull (find_descendant (page_child (f, "list_view"), is_row_with_heading, "Under Way"));
  g_assert_nonnull (find_descendant (page_child (f, "list_view"), is_row_with_heading, "Upcoming"));

  /* The mission under way ends: it moves to Past, which it now heads. */
  {
    g_autoptr(JsonObject) changes = json_object_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *yesterday = day (-1);

    json_object_set_string_member (changes, "end_date", yesterday);
    g_assert_true (xarxa_store_update_record (f->store, "mission", c, changes, &error));
    g_assert_no_error (error);
  }
  WAIT_FOR (g_strcmp0 (listed_title (f, 2), "Under way") == 0);
  g_assert_cmpstr (xarxa_missions_page_heading_at (f->page, 0), ==, "Upcoming");
  g_assert_cmpstr (xarxa_missions_page_heading_at (f->page, 2), ==, "Past");
  WAIT_FOR (find_descendant (page_child (f, "list_view"), is_row_with_heading, "Under Way") == NULL);
}

static void
test_search_and_filters (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *green = NULL, *stop = NULL;
  GtkWidget *search = page_child (f, "search_entry");

  green = add_record (f, "entity", "name", "Coopérative Verte", "transitions", "ecological", NULL);
  a = add_record (f, "mission", "title", "Montréal study visit", "country", "CA", "city", "Montréal",
                  "start_date", "2027-03-12", "end_date", "2027-03-18", "status", "planning",
                  "time_zone", "America/Toronto", NULL);
  b = add_record (f, "mission", "title", "Dakar exchange", "country", "SN", "city", "Dakar",
                  "start_date", "2025-11-03", "end_date", "2025-11-07", "status", "completed", NULL);
  c = add_record (f, "mission", "title", "Bologna cooperatives", "country", "IT",
                  "start_date", "2027-06-01", "status", "idea", NULL);
  stop = add_record (f, "itinerary_stop", "mission_id", a, "title", "Visit", "host_entity_id", green,
                     "starts_at", "2027-03-13T10:00", "ends_at", "2027-03-13T12:00", NULL);
  WAIT_FOR (n_listed (f) == 3);

  /* Search as you type, accents optional. */
  gtk_editable_set_text (GTK_EDITABLE (search), "montreal");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpstr (listed_title (f, 0), ==, "Montréal study visit");
  gtk_editable_set_text (GTK_EDITABLE (search), "nowhere");
  WAIT_FOR (n_listed (f) == 0);
  g_assert_cmpstr (visible_child (f, "list_stack"), ==, "empty");
  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "missions");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  WAIT_FOR (n_listed (f) == 3);

  /* Status, country, year and transition. */
  xarxa_choice_drop_down_set_selected_id (page_child (f, "status_filter"), "completed");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpstr (listed_title (f, 0), ==, "Dakar exchange");
  xarxa_choice_drop_down_set_selected_id (page_child (f, "status_filter"), NULL);

  /* The country filter offers the missions' countries, translated. */
  g_assert_cmpuint (xarxa_choice_drop_down_get_n_choices (page_child (f, "country_filter")), ==, 4);
  xarxa_choice_drop_down_set_selected_id (page_child (f, "country_filter"), "IT");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpstr (listed_title (f, 0), ==, "Bologna cooperatives");
  xarxa_choice_drop_down_set_selected_id (page_child (f, "country_filter"), NULL);

  xarxa_choice_drop_down_set_selected_id (page_child (f, "year_filter"), "2027");
  WAIT_FOR (n_listed (f) == 2);
  xarxa_choice_drop_down_set_selected_id (page_child (f, "year_filter"), "2025");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpstr (listed_title (f, 0), ==, "Dakar exchange");
  xarxa_choice_drop_down_set_selected_id (page_child (f, "year_filter"), NULL);

  /* A mission's transitions are its hosts' and its organiser's. */
  xarxa_choice_drop_down_set_selected_id (page_child (f, "transition_filter"), "ecological");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpstr (listed_title (f, 0), ==, "Montréal study visit");

  gtk_widget_activate_action (GTK_WIDGET (f->page), "missions.clear-filters", NULL);
  WAIT_FOR (n_listed (f) == 3);
  g_assert_null (xarxa_choice_drop_down_get_selected_id (page_child (f, "transition_filter")));
}

static void
test_create_and_zone (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *title = NULL;
  GtkWidget *zone_row;
  GtkWidget *error_label;

  ui_test_create_through_dialog (f->window, "new-mission-dialog", "Montréal 2027");
  id = g_strdup (xarxa_missions_page_get_shown_id (f->page));
  g_assert_nonnull (id);
  title = stored_string (f->store, "mission", id, "title");
  g_assert_cmpstr (title, ==, "Montréal 2027");
  g_assert_cmpstr (visible_child (f, "detail_stack"), ==, "editor");
  WAIT_FOR (n_listed (f) == 1);

  /* Canada has several zones: the country alone sets none. */
  xarxa_choice_drop_down_set_selected_id (editor_child (f, "country_drop_down"), "CA");
  drain ();
  assert_stored (f->store, "mission", id, "country", "CA");
  zone = stored_string (f->store, "mission", id, "time_zone");
  g_assert_null (zone);

  /* The city does, and the row shows it. */
  set_and_apply (editor_child (f, "city_row"), "Montréal");
  zone = stored_string (f->store, "mission", id, "time_zone");
  g_assert_cmpstr (zone, ==, "America/Toronto");
  zone_row = editor_child (f, "time_zone_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (zone_row)), ==, "America/Toronto");

  /* An unknown zone is refused on its row; the stored one stays. */
  error_label = editor_child (f, "time_zone_error_label");
  set_and_apply (zone_row, "Mars/Olympus_Mons");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (error_label)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), !=, "");
  g_clear_pointer (&zone, g_free);
  zone = stored_string (f->store, "mission", id, "time_zone");
  g_assert_cmpstr (zone, ==, "America/Toronto");

  /* A zone the user chose stays when the city changes. */
  set_and_apply (zone_row, "America/Montreal");
  g_clear_pointer (&zone, g_free);
  zone = stored_string (f->store, "mission", id, "time_zone");
  g_assert_cmpstr (zone, ==, "America/Montreal");
  set_and_apply (editor_child (f, "city_row"), "Vancouver");
  g_clear_pointer (&zone, g_free);
  zone = stored_string (f->store, "mission", id, "time_zone");
  g_assert_cmpstr (zone, ==, "America/Montreal");

  /* Currency by its translated name's code. */
  xarxa_choice_drop_down_set_selected_id (editor_child (f, "currency_drop_down"), "CAD");
  drain ();
  assert_stored (f->store, "mission", id, "currency", "CAD");
}

static void
test_delete_undo_and_link (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *a = add_record (f, "mission", "title", "Dakar exchange", NULL);
  g_autofree char *b = add_record (f, "mission", "title", "Bologna cooperatives", NULL);
  GtkWidget *stack = child (f->window, XARXA_TYPE_WINDOW, "view_stack");

  /* Another view links to a mission. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "directory");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-mission", "s", b);
  drain ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "missions");
  g_assert_cmpstr (xarxa_missions_page_get_shown_id (f->page), ==, b);

  /* The global search opens a mission, or a part of one, here. */
  {
    g_autofree char *participant = add_record (f, "participant", "mission_id", a, "name", "Awa Diop", NULL);

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "directory");
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "participant", participant);
    drain ();
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "missions");
    g_assert_cmpstr (xarxa_missions_page_get_shown_id (f->page), ==, a);
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "mission", b);
    drain ();
    g_assert_cmpstr (xarxa_missions_page_get_shown_id (f->page), ==, b);
  }

  gtk_widget_activate_action (GTK_WIDGET (f->page), "missions.delete", NULL);
  drain ();
  g_assert_null (xarxa_store_get_live_record (f->store, "mission", b));
  WAIT_FOR (n_listed (f) == 1);
  g_assert_null (xarxa_missions_page_get_shown_id (f->page));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undelete", "(ss)", "mission", b);
  WAIT_FOR (n_listed (f) == 2);
  g_assert_cmpstr (xarxa_missions_page_get_shown_id (f->page), ==, b);
}

static gboolean
is_list_box (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget);
}

static gboolean
is_check_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

static void
test_start_cluster (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *enda = add_record (f, "entity", "name", "Enda Tiers Monde", NULL);
  g_autofree char *caritas = add_record (f, "entity", "name", "Caritas Sénégal", NULL);
  g_autofree char *awa = add_record (f, "contact", "full_name", "Awa Diop", "entity_id", enda, NULL);
  g_autofree char *future = NULL;
  g_autofree char *past = NULL;
  g_autofree char *s1 = NULL, *s2 = NULL;
  g_autoptr(GPtrArray) members = NULL;
  AdwPreferencesGroup *after;
  XarxaClustersPage *clusters;
  GtkWindow *dialog;
  GtkWidget *list;
  GtkWidget *row;

  future = add_record (f, "mission", "title", "Montréal 2099", "start_date", "2099-03-01", NULL);
  past = add_record (f, "mission", "title", "Dakar 2025", "country", "SN", "city", "Dakar",
                     "time_zone", "Africa/Dakar", "start_date", "2025-11-03", "end_date", "2025-11-07", NULL);
  s1 = add_record (f, "itinerary_stop", "mission_id", past, "title", "Workshop", "host_entity_id", enda,
                   "host_contact_id", awa, "starts_at", "2025-11-04T10:00", "ends_at", "2025-11-04T12:00", NULL);
  s2 = add_record (f, "itinerary_stop", "mission_id", past, "title", "Visit", "host_entity_id", caritas,
                   "starts_at", "2025-11-05T10:00", "ends_at", "2025-11-05T12:00", NULL);
  WAIT_FOR (n_listed (f) == 2);

  /* Before it, nothing of after. */
  xarxa_missions_page_open_mission (f->page, future);
  after = editor_child (f, "after_group");
  WAIT_FOR (gtk_widget_get_visible (editor_child (f, "ready_group")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (after)));

  /* After it: who was met, in one list (below the fold, shown just after
   * the first frame). */
  xarxa_missions_page_open_mission (f->page, past);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (after)));
  list = find_descendant (GTK_WIDGET (after), is_list_box, NULL);
  g_assert_nonnull (list);
  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Caritas Sénégal");
  row = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Awa Diop");

  gtk_widget_activate_action (GTK_WIDGET (page_child (f, "editor")), "mission.start-cluster", NULL);
  WAIT_FOR ((dialog = find_toplevel ("start-cluster-dialog")) != NULL);
  /* Both hosts proposed, ticked: untick one. */
  {
    GtkWidget *extra = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
    GtkWidget *first = gtk_widget_get_first_child (extra);
    GtkWidget *check = find_descendant (first, is_check_button, NULL);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Enda Tiers Monde");
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
    g_assert_nonnull (gtk_widget_get_next_sibling (first));
    check = find_descendant (gtk_widget_get_next_sibling (first), is_check_button, NULL);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "start");
  gtk_window_destroy (dialog);
  drain ();

  /* The new cluster is open in the Clusters view, with Enda only. */
  clusters = child (f->window, XARXA_TYPE_WINDOW, "clusters_page");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack")),
                   ==, "clusters");
  g_assert_nonnull (xarxa_clusters_page_get_shown_id (clusters));
  assert_stored (f->store, "cluster", xarxa_clusters_page_get_shown_id (clusters), "name", "Dakar 2025");
  members = xarxa_cluster_children (f->store, "cluster_member", "cluster_id",
                                    xarxa_clusters_page_get_shown_id (clusters), NULL);
  g_assert_cmpuint (members->len, ==, 1);
  g_assert_cmpstr (xarxa_value_string_of (members->pdata[0], "entity_id"), ==, enda);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static guint
picker_n_listed (GtkWindow *picker)
{
  GtkListView *view = child (picker, XARXA_TYPE_RECORD_PICKER, "list_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)));
}

static void
test_participants (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *enda = add_record (f, "entity", "name", "Enda Tiers Monde", NULL);
  g_autofree char *awa = add_record (f, "contact", "full_name", "Awa Diop", "entity_id", enda, NULL);
  g_autofree char *other = add_record (f, "contact", "full_name", "Marta Vila", NULL);
  g_autofree char *mission = add_record (f, "mission", "title", "Montréal 2027", "time_zone", "America/Toronto", NULL);
  g_autoptr(GPtrArray) participants = NULL;
  g_autofree char *typed_id = NULL;
  g_autofree char *contact_id = NULL;
  XarxaRecordsGroup *group;
  GtkWindow *picker;
  GtkWidget *row;
  GtkWidget *button;

  xarxa_missions_page_open_mission (f->page, mission);
  group = editor_child (f, "participants_group");
  /* Below the fold: shown once the top of the page is on screen. */
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_cmpuint (xarxa_records_group_get_n_records (group), ==, 0);

  /* From the directory: found as you type. */
  button = find_descendant (GTK_WIDGET (group), is_button_labelled, "Add Participant…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR ((picker = find_toplevel ("record-picker")) != NULL);
  xarxa_record_picker_search (XARXA_RECORD_PICKER (picker), "awa");
  g_assert_cmpuint (picker_n_listed (picker), ==, 1);
  g_assert_true (xarxa_record_picker_pick (XARXA_RECORD_PICKER (picker), 0));
  WAIT_FOR (find_toplevel ("record-picker") == NULL);
  WAIT_FOR (xarxa_records_group_get_n_records (group) == 1);

  /* A name typed, not in the directory. */
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR ((picker = find_toplevel ("record-picker")) != NULL);
  xarxa_record_picker_search (XARXA_RECORD_PICKER (picker), "Jordi Puig");
  g_assert_cmpuint (picker_n_listed (picker), ==, 0);
  g_assert_true (gtk_widget_get_visible (child (picker, XARXA_TYPE_RECORD_PICKER, "typed_button")));
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.typed", NULL);
  WAIT_FOR (find_toplevel ("record-picker") == NULL);
  WAIT_FOR (xarxa_records_group_get_n_records (group) == 2);

  participants = xarxa_mission_list_records (f->store, "participant", mission, NULL);
  g_assert_cmpuint (participants->len, ==, 2);
  for (guint i = 0; i < participants->len; i++)
    {
      const char *contact = xarxa_value_string_of (participants->pdata[i], "contact_id");

      if (contact != NULL)
        g_assert_cmpstr (contact, ==, awa);
      else
        {
          g_assert_cmpstr (xarxa_value_string_of (participants->pdata[i], "name"), ==, "Jordi Puig");
          typed_id = g_strdup (xarxa_value_string_of (participants->pdata[i], "id"));
        }
    }
  g_assert_nonnull (typed_id);

  /* Times in the destination's zone, said on the row; needs private. */
  row = xarxa_records_group_get_row (group, typed_id);
  g_assert_nonnull (row);
  g_assert_nonnull (find_descendant (row, is_named, "add-to-directory"));

  /* The typed name becomes a contact, linked. */
  g_signal_emit_by_name (find_descendant (row, is_named, "add-to-directory"), "clicked");
  drain ();
  contact_id = stored_string (f->store, "participant", typed_id, "contact_id");
  g_assert_nonnull (contact_id);
  assert_stored (f->store, "contact", contact_id, "full_name", "Jordi Puig");
  WAIT_FOR ((row = xarxa_records_group_get_row (group, typed_id)) != NULL &&
            find_descendant (row, is_named, "add-to-directory") == NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Jordi Puig");
  (void) other;
}

static gboolean
is_ready_check (GtkWidget     *widget,
                gconstpointer  data)
{
  return XARXA_IS_READY_CHECK (widget);
}

/* Ready to Travel's items, by code and record: "stop-address:ID …". */
static char *
ready_items (Fixture *f)
{
  GtkWidget *ready = find_descendant (editor_child (f, "ready_group"), is_ready_check, NULL);
  GString *items = g_string_new (NULL);

  g_assert_nonnull (ready);
  for (GtkWidget *row = gtk_widget_get_first_child (child (ready, XARXA_TYPE_READY_CHECK, "items_list"));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    g_string_append_printf (items, "%s:%s ", gtk_widget_get_name (row),
                            (const char *) g_object_get_data (G_OBJECT (row), "record-id"));
  return g_string_free (items, FALSE);
}

static gboolean
has_ready_item (Fixture    *f,
                const char *code,
                const char *record_id)
{
  g_autofree char *items = ready_items (f);
  g_autofree char *item = g_strdup_printf ("%s:%s ", code, record_id);

  return strstr (items, item) != NULL;
}

/* The participants and Ready to Travel, below the fold, are filled just
 * after the first frame of a mission's page: not before it (a page of
 * fifty participants would open slowly), hidden until then rather than
 * showing the mission shown before, right once shown, and following
 * changes after that. */
static void
test_filled_after_first_frame (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *montreal = add_record (f, "mission", "title", "Montréal 2027", "time_zone", "America/Toronto", NULL);
  g_autofree char *dakar = add_record (f, "mission", "title", "Dakar 2027", "time_zone", "Africa/Dakar", NULL);
  g_autofree char *no_address = add_record (f, "itinerary_stop", "mission_id", montreal, "title", "Chantier",
                                            "starts_at", "2027-03-14T10:00", NULL);
  g_autofree char *with_address = add_record (f, "itinerary_stop", "mission_id", montreal, "title", "Fullum",
                                              "address", "1431 rue Fullum", "starts_at", "2027-03-14T12:00", NULL);
  g_autofree char *awa = add_record (f, "contact", "full_name", "Awa Diop", "email", "awa@example.org", NULL);
  g_autofree char *dakar_participant = add_record (f, "participant", "mission_id", dakar, "name", "Moussa Ndiaye", NULL);
  g_autofree char *added = NULL;
  XarxaRecordsGroup *group = editor_child (f, "participants_group");
  GtkWidget *ready_group = editor_child (f, "ready_group");
  GtkWindow *picker;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Participant %u", i);

      g_free (add_record (f, "participant", "mission_id", montreal, "name", name, NULL));
    }

  xarxa_missions_page_open_mission (f->page, montreal);
  /* Not filled before the frame that shows the top of the page. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_false (gtk_widget_get_visible (ready_group));
  g_assert_cmpuint (xarxa_records_group_get_n_records (group), ==, 0);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (group)) && gtk_widget_get_visible (ready_group));
  g_assert_cmpuint (xarxa_records_group_get_n_records (group), ==, 3);
  g_assert_true (has_ready_item (f, "stop-address", no_address));
  g_assert_false (has_ready_item (f, "stop-address", with_address));

  /* A change after the page opened still reaches it. */
  {
    g_autoptr(JsonObject) changes = json_object_new ();

    json_object_set_string_member (changes, "address", "2175 boulevard De Maisonneuve Est");
    g_assert_true (xarxa_store_update_record (f->store, "itinerary_stop", no_address, changes, NULL));
  }
  WAIT_FOR (!has_ready_item (f, "stop-address", no_address));

  /* Another mission opened before the first one's frame: only the last
   * one is shown, never the one before it. */
  xarxa_missions_page_open_mission (f->page, montreal);
  xarxa_missions_page_open_mission (f->page, dakar);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group)));
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (group)) && gtk_widget_get_visible (ready_group));
  g_assert_cmpuint (xarxa_records_group_get_n_records (group), ==, 1);
  g_assert_nonnull (xarxa_records_group_get_row (group, dakar_participant));
  g_assert_true (has_ready_item (f, "participant-contact", dakar_participant));
  g_assert_false (has_ready_item (f, "stop-address", with_address));

  /* Adding a participant right after opening, before the frame, adds to
   * the mission on screen, not to the one the group showed before. */
  xarxa_missions_page_open_mission (f->page, montreal);
  g_signal_emit_by_name (find_descendant (GTK_WIDGET (group), is_button_labelled, "Add Participant…"), "clicked");
  WAIT_FOR ((picker = find_toplevel ("record-picker")) != NULL);
  xarxa_record_picker_search (XARXA_RECORD_PICKER (picker), "awa");
  g_assert_true (xarxa_record_picker_pick (XARXA_RECORD_PICKER (picker), 0));
  WAIT_FOR (find_toplevel ("record-picker") == NULL);
  WAIT_FOR (xarxa_records_group_get_n_records (group) == 4);
  {
    g_autoptr(GPtrArray) participants = xarxa_mission_list_records (f->store, "participant", montreal, NULL);

    g_assert_cmpuint (participants->len, ==, 4);
    for (guint i = 0; i < participants->len; i++)
      if (xarxa_value_string_of (participants->pdata[i], "contact_id") != NULL)
        added = g_strdup (xarxa_value_string_of (participants->pdata[i], "contact_id"));
  }
  g_assert_cmpstr (added, ==, awa);
}

static void
test_organiser_and_budget (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *enda = add_record (f, "entity", "name", "Enda Tiers Monde", NULL);
  g_autofree char *other = add_record (f, "entity", "name", "Fundació Lluny", NULL);
  g_autofree char *mission = add_record (f, "mission", "title", "Dakar 2027", NULL);
  g_autofree char *organiser = NULL;
  AdwActionRow *row;
  GtkWindow *picker;

  xarxa_missions_page_open_mission (f->page, mission);
  row = editor_child (f, "organiser_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "None chosen");
  g_assert_false (gtk_widget_get_visible (editor_child (f, "organiser_clear_button")));

  /* Chosen from the directory, found as you type. */
  gtk_widget_activate_action (GTK_WIDGET (page_child (f, "editor")), "mission.choose-organiser", NULL);
  WAIT_FOR ((picker = find_toplevel ("record-picker")) != NULL);
  xarxa_record_picker_search (XARXA_RECORD_PICKER (picker), "enda");
  g_assert_cmpuint (picker_n_listed (picker), ==, 1);
  /* No name-only choice for an organiser. */
  g_assert_false (gtk_widget_get_visible (child (picker, XARXA_TYPE_RECORD_PICKER, "typed_button")));
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.choose", NULL);
  WAIT_FOR (find_toplevel ("record-picker") == NULL);
  organiser = stored_string (f->store, "mission", mission, "organiser_entity_id");
  g_assert_cmpstr (organiser, ==, enda);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Enda Tiers Monde");
  g_assert_true (gtk_widget_get_visible (editor_child (f, "organiser_clear_button")));

  gtk_widget_activate_action (GTK_WIDGET (page_child (f, "editor")), "mission.clear-organiser", NULL);
  g_clear_pointer (&organiser, g_free);
  organiser = stored_string (f->store, "mission", mission, "organiser_entity_id");
  g_assert_null (organiser);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "None chosen");

  /* A budget that is not a number is refused on its row. */
  set_and_apply (editor_child (f, "budget_row"), "a lot");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (editor_child (f, "budget_error_label"))));
  set_and_apply (editor_child (f, "budget_row"), "12500");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (editor_child (f, "budget_error_label"))));
  {
    g_autoptr(JsonObject) record = xarxa_store_get_live_record (f->store, "mission", mission);

    g_assert_cmpfloat (json_object_get_double_member (record, "budget"), ==, 12500);
  }
  (void) other;
}

static void
test_export_ics (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = add_record (f, "mission", "title", "Dakar 2025", "time_zone", "Africa/Dakar", NULL);
  g_autofree char *stop = add_record (f, "itinerary_stop", "mission_id", id, "title", "Workshop",
                                      "starts_at", "2025-11-04T10:00", "ends_at", "2025-11-04T12:00", NULL);
  g_autofree char *path = g_build_filename (f->dir, "dakar.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  xarxa_missions_page_open_mission (f->page, id);
  g_assert_true (xarxa_mission_editor_export_ics (page_child (f, "editor"), file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "BEGIN:VCALENDAR"));
  g_assert_nonnull (strstr (contents, "SUMMARY:Workshop"));
  g_assert_nonnull (strstr (contents, "Africa/Dakar"));
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add ("/missions-ui/first-run", Fixture, NULL, fixture_set_up, test_first_run, fixture_tear_down);
  g_test_add ("/missions-ui/groups", Fixture, NULL, fixture_set_up, test_groups, fixture_tear_down);
  g_test_add ("/missions-ui/search-and-filters", Fixture, NULL, fixture_set_up, test_search_and_filters, fixture_tear_down);
  g_test_add ("/missions-ui/create-and-zone", Fixture, NULL, fixture_set_up, test_create_and_zone, fixture_tear_down);
  g_test_add ("/missions-ui/delete-undo-link", Fixture, NULL, fixture_set_up, test_delete_undo_and_link, fixture_tear_down);
  g_test_add ("/missions-ui/start-cluster", Fixture, NULL, fixture_set_up, test_start_cluster, fixture_tear_down);
  g_test_add ("/missions-ui/participants", Fixture, NULL, fixture_set_up, test_participants, fixture_tear_down);
  g_test_add ("/missions-ui/filled-after-first-frame", Fixture, NULL, fixture_set_up, test_filled_after_first_frame,
              fixture_tear_down);
  g_test_add ("/missions-ui/organiser-and-budget", Fixture, NULL, fixture_set_up, test_organiser_and_budget, fixture_tear_down);
  g_test_add ("/missions-ui/export-ics", Fixture, NULL, fixture_set_up, test_export_ics, fixture_tear_down);

  return g_test_run ();
}
