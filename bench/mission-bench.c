/* mission-bench.c — a large mission: its page opened and drawn, and its
 * itinerary exported to iCalendar.
 *
 * Builds a mission of 300 stops (ten days of thirty, hosted by twenty
 * organisations and their contact people) and 50 participants with email
 * addresses, then, in a real window under Xvfb, times opening its page in
 * the Missions view until the frame that shows it is painted
 * (mission_page_open_ms) and until the parts filled just after that frame,
 * the participants and Ready to Travel, are there and painted too
 * (mission_page_complete_ms), and times xarxa_mission_to_ics().  Each figure is the median of five runs.  Prints
 * one line per figure: "name value unit".
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "test-util.h"
#include "xarxa-mission-editor.h"
#include "xarxa-mission-ics.h"
#include "xarxa-missions-page.h"
#include "xarxa-window.h"

#define N_STOPS 300
#define N_PARTICIPANTS 50
#define N_HOSTS 20
#define N_RUNS 5

static char *
create (XarxaStore *store,
        const char *type_name,
        JsonObject *values)
{
  g_autoptr(GError) error = NULL;
  char *id = xarxa_store_create_record (store, type_name, values, &error);

  if (id == NULL)
    g_error ("Could not add a %s: %s", type_name, error->message);
  return id;
}

static char *
make_mission (XarxaStore *store)
{
  g_autoptr(JsonObject) mission = json_object_new ();
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) host_contacts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  char *id;

  if (!xarxa_store_begin (store, &error))
    g_error ("%s", error->message);

  json_object_set_string_member (mission, "title", "Economia social a Montréal");
  json_object_set_string_member (mission, "country", "CA");
  json_object_set_string_member (mission, "city", "Montréal");
  json_object_set_string_member (mission, "time_zone", "America/Toronto");
  json_object_set_string_member (mission, "start_date", "2027-03-08");
  json_object_set_string_member (mission, "end_date", "2027-03-17");
  json_object_set_string_member (mission, "status", "confirmed");
  id = create (store, "mission", mission);

  for (guint i = 0; i < N_HOSTS; i++)
    {
      g_autoptr(JsonObject) entity = json_object_new ();
      g_autoptr(JsonObject) contact = json_object_new ();
      g_autofree char *name = g_strdup_printf ("Coopérative d’habitation %u", i);
      g_autofree char *person = g_strdup_printf ("Personne Hôte %u", i);
      char *entity_id;

      json_object_set_string_member (entity, "name", name);
      json_object_set_string_member (entity, "city", "Montréal");
      json_object_set_string_member (entity, "phone", "+1 514 555 0100");
      entity_id = create (store, "entity", entity);
      json_object_set_string_member (contact, "full_name", person);
      json_object_set_string_member (contact, "entity_id", entity_id);
      json_object_set_string_member (contact, "email", "hote@example.org");
      g_ptr_array_add (host_contacts, create (store, "contact", contact));
      g_ptr_array_add (hosts, entity_id);
    }

  for (guint i = 0; i < N_STOPS; i++)
    {
      g_autoptr(JsonObject) stop = json_object_new ();
      g_autofree char *title = g_strdup_printf ("Visite %u", i);
      /* Ten days from the 8th, thirty stops of 20 minutes from 08:00. */
      guint day = 8 + i / 30, minutes = 8 * 60 + (i % 30) * 20;
      g_autofree char *starts = g_strdup_printf ("2027-03-%02uT%02u:%02u", day, minutes / 60, minutes % 60);
      g_autofree char *ends = g_strdup_printf ("2027-03-%02uT%02u:%02u", day, (minutes + 15) / 60, (minutes + 15) % 60);

      json_object_set_string_member (stop, "mission_id", id);
      json_object_set_string_member (stop, "title", title);
      json_object_set_string_member (stop, "kind", "visit");
      json_object_set_string_member (stop, "starts_at", starts);
      json_object_set_string_member (stop, "ends_at", ends);
      json_object_set_string_member (stop, "address", "1000 rue Sherbrooke Ouest, Montréal");
      json_object_set_string_member (stop, "host_entity_id", hosts->pdata[i % N_HOSTS]);
      json_object_set_string_member (stop, "host_contact_id", host_contacts->pdata[i % N_HOSTS]);
      g_free (create (store, "itinerary_stop", stop));
    }

  for (guint i = 0; i < N_PARTICIPANTS; i++)
    {
      g_autoptr(JsonObject) contact = json_object_new ();
      g_autoptr(JsonObject) participant = json_object_new ();
      g_autofree char *name = g_strdup_printf ("Participant %02u", i);
      g_autofree char *email = g_strdup_printf ("participant%02u@example.org", i);
      g_autofree char *contact_id = NULL;

      json_object_set_string_member (contact, "full_name", name);
      json_object_set_string_member (contact, "email", email);
      contact_id = create (store, "contact", contact);
      json_object_set_string_member (participant, "mission_id", id);
      json_object_set_string_member (participant, "contact_id", contact_id);
      json_object_set_string_member (participant, "role", "participant");
      json_object_set_string_member (participant, "arrival", "2027-03-07T18:00");
      json_object_set_string_member (participant, "departure", "2027-03-18T12:00");
      g_free (create (store, "participant", participant));
    }

  if (!xarxa_store_commit (store, &error))
    g_error ("%s", error->message);
  return id;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, N_RUNS, sizeof (double), compare_doubles);
  return values[N_RUNS / 2];
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

/* Opens @id in the page and runs the main loop until a frame is painted. */
static double
open_and_draw (XarxaWindow       *window,
               XarxaMissionsPage *page,
               const char        *id)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gint64 start = g_get_monotonic_time ();
  double ms;

  xarxa_missions_page_open_mission (page, id);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_signal_handler_disconnect (clock, handler);
  return ms;
}

/* Whether the parts of the page filled after its first frame (the
 * participants and Ready to Travel) are there. */
static gboolean
page_complete (XarxaMissionsPage *page)
{
  GtkWidget *editor = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), XARXA_TYPE_MISSIONS_PAGE,
                                                                 "editor"));
  GtkWidget *participants = GTK_WIDGET (gtk_widget_get_template_child (editor, XARXA_TYPE_MISSION_EDITOR,
                                                                       "participants_group"));
  GtkWidget *ready = GTK_WIDGET (gtk_widget_get_template_child (editor, XARXA_TYPE_MISSION_EDITOR, "ready_group"));

  return gtk_widget_get_visible (participants) && gtk_widget_get_visible (ready);
}

/* Opens @id and runs the main loop until the whole page is there: the
 * parts filled after the first frame too, and a frame that shows them. */
static double
open_until_complete (XarxaWindow       *window,
                     XarxaMissionsPage *page,
                     const char        *id)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong handler;
  gint64 start = g_get_monotonic_time ();
  double ms;

  xarxa_missions_page_open_mission (page, id);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!page_complete (page))
    g_main_context_iteration (NULL, TRUE);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_signal_handler_disconnect (clock, handler);
  return ms;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;
  g_autoptr(JsonObject) other = json_object_new ();
  XarxaStore *store;
  XarxaWindow *window;
  XarxaMissionsPage *page;
  double open_ms[N_RUNS], complete_ms[N_RUNS], ics_ms[N_RUNS];

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();
  xarxa_gui_init ();

  store = test_open_store (&dir, &path);
  big = make_mission (store);
  json_object_set_string_member (other, "title", "Una altra missió");
  small = create (store, "mission", other);

  for (guint i = 0; i < N_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GError) error = NULL;
      g_autofree char *ics = xarxa_mission_to_ics (store, big, &error);

      if (ics == NULL)
        g_error ("%s", error->message);
      ics_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  window = xarxa_window_new (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  page = XARXA_MISSIONS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), XARXA_TYPE_WINDOW, "missions_page"));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), XARXA_TYPE_WINDOW, "view_stack")),
                                         "missions");

  for (guint i = 0; i < N_RUNS; i++)
    {
      open_and_draw (window, page, small);
      open_ms[i] = open_and_draw (window, page, big);
    }
  for (guint i = 0; i < N_RUNS; i++)
    {
      open_until_complete (window, page, small);
      complete_ms[i] = open_until_complete (window, page, big);
    }

  printf ("mission_page_open_ms %.1f ms\n", median (open_ms));
  printf ("mission_page_complete_ms %.1f ms\n", median (complete_ms));
  printf ("ics_export_ms %.1f ms\n", median (ics_ms));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_close_store (&store, &dir, &path);
  return 0;
}
