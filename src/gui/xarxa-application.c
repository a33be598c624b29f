/* xarxa-application.c — the application: command line, database, app actions.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xarxa-application.h"
#include "xarxa-store.h"
#include "xarxa-window.h"

struct _XarxaApplication
{
  AdwApplication parent_instance;

  char *db_path;
};

G_DEFINE_FINAL_TYPE (XarxaApplication, xarxa_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open this database file instead of the usual one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

static int
xarxa_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  XarxaApplication *self = XARXA_APPLICATION (app);
  g_autofree char *db = NULL;
  const char *env_db;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "xarxa", PACKAGE_VERSION);
      return 0;
    }

  env_db = g_getenv ("XARXA_DB");
  if (g_variant_dict_lookup (options, "db", "^ay", &db) && db != NULL && db[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);
      self->db_path = g_file_get_path (file);
    }
  else if (env_db != NULL && env_db[0] != '\0')
    self->db_path = g_strdup (env_db);

  /* Another database is another instance: don't hand it to a running one. */
  if (self->db_path != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  else
    self->db_path = g_build_filename (g_get_user_data_dir (), "xarxa", "xarxa.db", NULL);

  return -1;
}

/* With XARXA_BENCH set (by bench/xarxa-bench.c), report when the first
 * frame is drawn and the memory held with the whole directory listed, then
 * quit.  Nothing of this runs for a user. */
static long
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static gboolean
bench_report_cb (gpointer user_data)
{
  GtkWindow *window = user_data;

  g_print ("rss-kb %ld\n", read_rss_kb ());
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, window);
  g_print ("first-frame\n");
  fflush (stdout);
  /* Let the list settle on its rows before reading the memory. */
  g_timeout_add (500, bench_report_cb, window);
}

static void
bench_map_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), window);
}

static void
xarxa_application_activate (GApplication *app)
{
  XarxaApplication *self = XARXA_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (xarxa_window_new_for_path (GTK_APPLICATION (app), self->db_path));
  if (g_getenv ("XARXA_BENCH") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (bench_map_cb), NULL);
  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Close the windows first so that each remembers its size. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (app);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  static const char *developers[] = { "The Xarxa developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Xarxa"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Xarxa developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Keep the directory of the organisations your network works with, "
                                      "plan cooperation and study missions, and share what you learn — "
                                      "offline first, synced when you are connected."),
                        "copyright", "© 2026 The Xarxa developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* Help */

static void
show_help_problem (GtkWindow    *parent,
                   const GError *error)
{
  GtkWidget *dialog;

  if (error == NULL)
    {
      dialog = adw_message_dialog_new (parent, _("No Help Viewer Installed"), NULL);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("Xarxa’s help is read in Yelp, the GNOME help viewer, which is not "
                                     "installed on this computer. Install the “yelp” package from your "
                                     "software centre (or ask whoever looks after this computer to), "
                                     "then press F1 again."));
    }
  else
    {
      dialog = adw_message_dialog_new (parent, _("The Help Could Not Be Opened"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("The help viewer did not start: %s. If it keeps failing, "
                                        "reinstall the “yelp” package."),
                                      error->message);
    }
  gtk_widget_set_name (dialog, "help-problem-dialog");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_help_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (parent, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_help_problem (parent, error);
}

void
xarxa_application_show_help (GtkWindow *parent)
{
  g_autoptr(GAppInfo) viewer = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  /* The Mallard pages in help/ are installed for Yelp; without a viewer
   * for help: URIs GTK would only say "Operation not supported". */
  viewer = g_app_info_get_default_for_uri_scheme ("help");
  if (viewer == NULL)
    {
      show_help_problem (parent, NULL);
      return;
    }
  gtk_show_uri_full (parent, "help:xarxa", GDK_CURRENT_TIME, NULL, show_help_done_cb,
                     parent != NULL ? g_object_ref (parent) : NULL);
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  xarxa_application_show_help (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "help", .activate = help_activated },
};

static void
xarxa_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *global_search_accels[] = { "<Control>k", NULL };
  static const char *sync_accels[] = { "<Control>r", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (xarxa_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.global-search", global_search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.sync", sync_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", shortcuts_accels);
}

static void
xarxa_application_finalize (GObject *object)
{
  XarxaApplication *self = XARXA_APPLICATION (object);

  g_free (self->db_path);

  G_OBJECT_CLASS (xarxa_application_parent_class)->finalize (object);
}

static void
xarxa_application_class_init (XarxaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = xarxa_application_finalize;
  app_class->handle_local_options = xarxa_application_handle_local_options;
  app_class->startup = xarxa_application_startup;
  app_class->activate = xarxa_application_activate;
}

static void
xarxa_application_init (XarxaApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

XarxaApplication *
xarxa_application_new (void)
{
  return g_object_new (XARXA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/transicions/Xarxa",
                       NULL);
}

const char *
xarxa_application_get_db_path (XarxaApplication *self)
{
  g_return_val_if_fail (XARXA_IS_APPLICATION (self), NULL);

  return self->db_path;
}
