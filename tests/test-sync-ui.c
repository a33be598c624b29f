/* test-sync-ui.c — the sync account, indicator and conflicts, driven under Xvfb.
 *
 * Starts the real xarxa-server on loopback and a private Secret Service
 * (gnome-keyring) in the test's D-Bus session, builds the real window over
 * a database in a temporary folder and works as a person would: log in
 * with a wrong password, an address where nothing listens and one that is
 * not a Xarxa server, then the right password; edit and sync; get a
 * conflict from a second device and resolve it; reopen and sync from the
 * keyring; stop the server; log out.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sync-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sync-harness.h"
#include "xarxa-conflicts-window.h"
#include "xarxa-directory-page.h"
#include "xarxa-preferences-window.h"
#include "xarxa-sync-controller.h"
#include "xarxa-sync-indicator.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

static gboolean keyring_ok;
static char *keyring_home;

static const SecretSchema token_schema = {
  "org.transicions.Xarxa.SyncToken", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

typedef struct
{
  char                *dir;
  char                *db;
  XarxaStore          *store;
  XarxaWindow         *window;
  XarxaSyncIndicator  *indicator;
  XarxaSyncController *controller;
  SyncServer          *server;
  GSettings           *settings;
} Fixture;

static gboolean
named (GtkWidget     *widget,
       gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* The first widget called @name under @root, depth first. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  return find_descendant (root, named, name);
}

static const char *
indicator_title (Fixture *f)
{
  return gtk_label_get_label (child (f->indicator, XARXA_TYPE_SYNC_INDICATOR, "title_label"));
}

static const char *
indicator_description (Fixture *f)
{
  return gtk_label_get_label (child (f->indicator, XARXA_TYPE_SYNC_INDICATOR, "description_label"));
}

/* The header's sync button: its tooltip and its name for screen readers
 * are the same words, the state's title; flat unless it needs attention. */
static void
assert_sync_button (Fixture    *f,
                    const char *title,
                    gboolean    framed)
{
  GtkMenuButton *button = child (f->indicator, XARXA_TYPE_SYNC_INDICATOR, "menu_button");
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title);

  g_assert_cmpstr (indicator_title (f), ==, title);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, title);
  g_assert_null (mismatch);
  g_assert_cmpint (gtk_menu_button_get_has_frame (button), ==, framed);
}

static gboolean
settled (Fixture *f)
{
  return !xarxa_sync_controller_is_syncing (f->controller) &&
         !xarxa_sync_controller_is_starting (f->controller);
}

static void
open_window (Fixture *f)
{
  f->window = xarxa_window_new (NULL, f->store, NULL);
  f->indicator = child (f->window, XARXA_TYPE_WINDOW, "sync_indicator");
  f->controller = xarxa_sync_indicator_get_controller (f->indicator);
  g_assert_nonnull (f->controller);
  /* A stopped server answers at once rather than after back-off. */
  xarxa_sync_controller_set_retries (f->controller, 0, 10, 10);
  xarxa_sync_controller_set_debounce (f->controller, 3600);
  gtk_window_present (GTK_WINDOW (f->window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  WAIT_FOR (settled (f));
}

static void
close_window (Fixture *f)
{
  GtkWindow *dialog;

  while ((dialog = find_toplevel ("preferences-window")) != NULL ||
         (dialog = find_toplevel ("conflicts-window")) != NULL)
    gtk_window_destroy (dialog);
  /* What the window starts ends before it goes. */
  WAIT_FOR (settled (f));
  destroy_window (f->window);
  f->window = NULL;
  f->indicator = NULL;
  f->controller = NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "sync-server-url");
  g_settings_reset (f->settings, "sync-user");
  g_settings_set_boolean (f->settings, "sync-automatic", FALSE);

  f->server = sync_server_new ();
  sync_server_start (f->server, NULL);

  f->store = test_open_store (&f->dir, &f->db);
  open_window (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    close_window (f);
  test_close_store (&f->store, &f->dir, &f->db);
  sync_server_free (f->server);
  g_settings_reset (f->settings, "sync-server-url");
  g_settings_reset (f->settings, "sync-user");
  g_settings_reset (f->settings, "sync-automatic");
  g_clear_object (&f->settings);
}

static XarxaPreferencesWindow *
open_preferences (Fixture *f)
{
  GtkWindow *prefs;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL);
  WAIT_FOR ((prefs = find_toplevel ("preferences-window")) != NULL);
  return XARXA_PREFERENCES_WINDOW (prefs);
}

/* Types in the fields and presses Log In; returns the message shown, or
 * NULL when there is none. */
static const char *
log_in (XarxaPreferencesWindow *prefs,
        const char             *url,
        const char             *user,
        const char             *password)
{
  GtkLabel *message = child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "message_label");
  GtkWidget *button = child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "login_button");

  gtk_editable_set_text (child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "url_row"), url);
  gtk_editable_set_text (child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "user_row"), user);
  gtk_editable_set_text (child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "password_row"), password);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (xarxa_preferences_window_is_busy (prefs));
  g_assert_false (gtk_widget_get_sensitive (button));
  WAIT_FOR (!xarxa_preferences_window_is_busy (prefs));
  drain ();
  return gtk_widget_get_visible (GTK_WIDGET (message)) ? gtk_label_get_label (message) : NULL;
}

/* A web server that is not a Xarxa server. */
static void
not_xarxa_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  static const char page[] = "<!doctype html><title>Welcome to nginx!</title>";

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, sizeof page - 1);
}

static char *
start_web_server (SoupServer **out_server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  char *url;

  soup_server_add_handler (server, NULL, not_xarxa_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  *out_server = server;
  return url;
}

static char *
entity_field (XarxaStore *store,
              const char *id,
              const char *field)
{
  g_autoptr(JsonObject) record = xarxa_store_get_record (store, "entity", id, NULL);

  if (record == NULL || !json_object_has_member (record, field) ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (record, field)))
    return NULL;
  return g_strdup (json_object_get_string_member (record, field));
}

static void
set_city (XarxaStore *store,
          const char *id,
          const char *city)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (changes, "city", city);
  xarxa_store_update_record (store, "entity", id, changes, &error);
  g_assert_no_error (error);
}

static void
sync_and_wait (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL);
  g_assert_true (xarxa_sync_controller_is_syncing (f->controller));
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_SYNCING);
  WAIT_FOR (settled (f));
}

static void
test_login_errors (Fixture       *f,
                   gconstpointer  data)
{
  XarxaPreferencesWindow *prefs;
  g_autoptr(SoupServer) web = NULL;
  g_autofree char *web_url = start_web_server (&web);
  const char *message;

  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_NOT_SET_UP);
  assert_sync_button (f, "Sync Not Set Up", FALSE);
  g_assert_nonnull (strstr (indicator_description (f), "Preferences"));

  prefs = open_preferences (f);

  message = log_in (prefs, f->server->url, "anna", "not-the-password");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "password is wrong"));
  g_assert_false (xarxa_sync_controller_is_logged_in (f->controller));

  /* Port 1 on loopback: nothing listens there. */
  message = log_in (prefs, "http://127.0.0.1:1", "anna", EDITOR_PASSWORD);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "cannot be reached"));
  g_assert_null (strstr (message, EDITOR_PASSWORD));

  message = log_in (prefs, web_url, "anna", EDITOR_PASSWORD);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "not a Xarxa server"));

  message = log_in (prefs, "sync.example.org", "anna", EDITOR_PASSWORD);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "https://"));

  g_assert_false (xarxa_sync_controller_is_logged_in (f->controller));
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_NOT_SET_UP);
  /* Nothing was kept anywhere. */
  {
    g_autofree char *user = g_settings_get_string (f->settings, "sync-user");
    g_assert_cmpstr (user, ==, "");
  }
}

static void
test_login_sync_conflict (Fixture       *f,
                          gconstpointer  data)
{
  XarxaPreferencesWindow *prefs;
  XarxaDirectoryPage *page = child (f->window, XARXA_TYPE_WINDOW, "directory_page");
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *title = NULL;
  g_autofree char *stored_url = NULL;
  g_autofree char *city = NULL;
  GtkWindow *conflicts;
  SyncDevice *other;
  const char *message;

  prefs = open_preferences (f);
  message = log_in (prefs, f->server->url, "anna", EDITOR_PASSWORD);
  if (!keyring_ok)
    {
      /* No Secret Service could be had: logged in for this session only,
       * and the person is told so (see /sync-ui/keyring-unreachable). */
      g_assert_null (message);
      g_assert_true (xarxa_sync_controller_is_logged_in (f->controller));
      g_assert_nonnull (strstr (xarxa_sync_controller_get_login_notice (f->controller), "keyring"));
      g_test_skip ("No Secret Service in this session");
      return;
    }
  g_assert_null (message);
  g_assert_true (xarxa_sync_controller_is_logged_in (f->controller));

  /* The token is in the keyring, and only there. */
  token = secret_password_lookup_sync (&token_schema, NULL, NULL,
                                       "server", f->server->url, "user", "anna", NULL);
  g_assert_nonnull (token);
  g_assert_cmpstr (token, !=, "");
  stored_url = g_settings_get_string (f->settings, "sync-server-url");
  g_assert_cmpstr (stored_url, ==, f->server->url);
  {
    g_autofree char *in_db = xarxa_sync_state_get (f->store, "token");
    g_assert_null (in_db);
  }

  g_assert_true (gtk_widget_get_visible (child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "logged_in_group")));
  g_assert_false (gtk_widget_get_visible (child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "account_group")));
  title = g_strdup_printf ("Logged in as anna on %s", f->server->url);
  g_assert_cmpstr (adw_preferences_row_get_title (child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "logged_in_row")), ==, title);
  /* A screen reader says the button as it reads: "Log Out", for whom. */
  {
    GtkAccessible *logout = GTK_ACCESSIBLE (child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "logout_button"));
    g_autofree char *wrong_name = gtk_test_accessible_check_property (logout, GTK_ACCESSIBLE_PROPERTY_LABEL, "Log Out");
    g_autofree char *wrong_description = gtk_test_accessible_check_property (logout, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title);

    GtkAccessible *automatic = GTK_ACCESSIBLE (child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "automatic_switch"));
    g_autofree char *wrong_switch = gtk_test_accessible_check_property (automatic, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                        "Sync Automatically");

    g_assert_null (wrong_name);
    g_assert_null (wrong_description);
    /* The switch is named as its row's title reads. */
    g_assert_null (wrong_switch);
  }
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* Logging in syncs. */
  WAIT_FOR (settled (f));
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_UP_TO_DATE);
  assert_sync_button (f, "Up to Date", FALSE);
  g_assert_cmpstr (indicator_description (f), ==, "Synced just now.");

  /* An edit waits, then Sync sends it. */
  id = xarxa_directory_page_create_entity (page, "Cooperativa Arrel & Fills");
  drain ();
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_WAITING);
  g_assert_cmpstr (indicator_title (f), ==, "1 Change Waiting");
  sync_and_wait (f);
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 0);

  /* Another device of the same person gets it from the server. */
  other = sync_device_new (f->server, "anna", EDITOR_PASSWORD);
  sync_device_sync (other, NULL);
  {
    g_autofree char *name = entity_field (other->store, id, "name");
    g_assert_cmpstr (name, ==, "Cooperativa Arrel & Fills");
  }

  /* Both change the city: the window's sync finds the conflict. */
  set_city (other->store, id, "Girona");
  sync_device_sync (other, NULL);
  set_city (f->store, id, "Barcelona");
  sync_and_wait (f);
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_CONFLICTS);
  assert_sync_button (f, "1 Conflict", TRUE);
  g_assert_true (gtk_widget_get_visible (child (f->indicator, XARXA_TYPE_SYNC_INDICATOR, "conflicts_button")));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-conflicts", NULL);
  WAIT_FOR ((conflicts = find_toplevel ("conflicts-window")) != NULL);
  g_assert_cmpuint (xarxa_conflicts_window_get_n_items (XARXA_CONFLICTS_WINDOW (conflicts)), ==, 1);
  {
    GtkWidget *group = find_named (GTK_WIDGET (conflicts), "conflict");

    g_assert_nonnull (group);
    /* A group's title is markup (libadwaita 1.2 gives back the text it
     * shows): the name is shown as written, "&" and all. */
    g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, "Cooperativa Arrel & Fills");
    g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==, "City");
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_named (group, "mine-value"))), ==, "Barcelona");
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_named (group, "theirs-value"))), ==, "Girona");
    g_assert_true (gtk_widget_get_mapped (find_named (group, "keep-theirs")));
    g_signal_emit_by_name (find_named (group, "keep-theirs"), "clicked");
  }
  WAIT_FOR (xarxa_conflicts_window_get_n_items (XARXA_CONFLICTS_WINDOW (conflicts)) == 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (conflicts, XARXA_TYPE_CONFLICTS_WINDOW, "stack")), ==, "empty");
  city = entity_field (f->store, id, "city");
  g_assert_cmpstr (city, ==, "Girona");
  g_assert_cmpint (xarxa_sync_controller_get_n_conflicts (f->controller), ==, 0);
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), !=, XARXA_SYNC_STATE_CONFLICTS);
  gtk_window_destroy (conflicts);

  /* Automatic sync: a change goes out by itself a moment later. */
  g_settings_set_boolean (f->settings, "sync-automatic", TRUE);
  xarxa_sync_controller_set_debounce (f->controller, 1);
  set_city (f->store, id, "Manresa");
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_WAITING);
  WAIT_FOR (xarxa_sync_controller_is_syncing (f->controller));
  WAIT_FOR (settled (f));
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_UP_TO_DATE);
  sync_device_sync (other, NULL);
  g_clear_pointer (&city, g_free);
  city = entity_field (other->store, id, "city");
  g_assert_cmpstr (city, ==, "Manresa");
  g_settings_set_boolean (f->settings, "sync-automatic", FALSE);

  /* A new window finds the token in the keyring and syncs at start. */
  close_window (f);
  set_city (other->store, id, "Lleida");
  sync_device_sync (other, NULL);
  g_settings_set_boolean (f->settings, "sync-automatic", TRUE);
  open_window (f);
  page = child (f->window, XARXA_TYPE_WINDOW, "directory_page");
  g_assert_true (xarxa_sync_controller_is_logged_in (f->controller));
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_UP_TO_DATE);
  g_clear_pointer (&city, g_free);
  city = entity_field (f->store, id, "city");
  g_assert_cmpstr (city, ==, "Lleida");
  g_settings_set_boolean (f->settings, "sync-automatic", FALSE);

  /* The server goes away: the indicator says so, the window goes on. */
  sync_server_stop (f->server);
  sync_and_wait (f);
  /* Offline when the system says there is no network at all. */
  if (xarxa_sync_controller_get_state (f->controller) == XARXA_SYNC_STATE_OFFLINE)
    g_assert_cmpstr (indicator_title (f), ==, "Offline");
  else
    {
      g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_ERROR);
      g_assert_cmpstr (indicator_title (f), ==, "Server Not Reachable");
      g_assert_nonnull (strstr (indicator_description (f), "cannot be reached"));
    }
  g_assert_true (gtk_widget_get_visible (child (f->indicator, XARXA_TYPE_SYNC_INDICATOR, "sync_button")));
  {
    g_autofree char *other_id = xarxa_directory_page_create_entity (page, "Ateneu Popular");
    g_assert_nonnull (other_id);
    g_assert_cmpint (xarxa_store_count_outbox (f->store), ==, 1);
  }

  /* Log out: the token leaves the keyring. */
  prefs = open_preferences (f);
  g_signal_emit_by_name (child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "logout_button"), "clicked");
  g_assert_false (xarxa_sync_controller_is_logged_in (f->controller));
  g_assert_true (gtk_widget_get_visible (child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "account_group")));
  WAIT_FOR (settled (f));
  g_clear_pointer (&token, g_free);
  token = secret_password_lookup_sync (&token_schema, NULL, NULL,
                                       "server", f->server->url, "user", "anna", NULL);
  g_assert_null (token);
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_NOT_SET_UP);

  sync_device_free (other);
}

/* A private keyring for this test's D-Bus session, unlocked. */
/* The keyring cannot keep the device's key: the log-in still serves until
 * Xarxa quits, the account says so, and a restarted Xarxa asks again. */
static void
test_keyring_unreachable (Fixture       *f,
                          gconstpointer  data)
{
  XarxaPreferencesWindow *prefs;
  AdwActionRow *row;
  const char *notice;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = json_object_new ();

  xarxa_sync_controller_set_keyring_collection (f->controller,
                                                "/org/freedesktop/secrets/collection/xarxa_test_missing");
  prefs = open_preferences (f);
  g_assert_null (log_in (prefs, f->server->url, "anna", EDITOR_PASSWORD));
  g_assert_true (xarxa_sync_controller_is_logged_in (f->controller));
  notice = xarxa_sync_controller_get_login_notice (f->controller);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "for this session only"));
  g_assert_nonnull (strstr (notice, "keyring"));
  row = child (prefs, XARXA_TYPE_PREFERENCES_WINDOW, "logged_in_row");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, notice);

  /* It syncs: a new organisation reaches the server. */
  WAIT_FOR (settled (f));
  json_object_set_string_member (values, "name", "Fundació Sessió Curta");
  id = xarxa_store_create_record (f->store, "entity", values, &error);
  g_assert_no_error (error);
  sync_and_wait (f);
  g_assert_cmpint (xarxa_sync_controller_get_state (f->controller), ==, XARXA_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpint (xarxa_sync_controller_get_n_waiting (f->controller), ==, 0);

  /* Restarted, Xarxa has no key to use: it asks for a log-in again. */
  close_window (f);
  open_window (f);
  g_assert_false (xarxa_sync_controller_is_logged_in (f->controller));
  g_assert_null (xarxa_sync_controller_get_login_notice (f->controller));
}

static void
start_keyring (void)
{
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autoptr(GDBusConnection) bus = NULL;

  keyring_home = test_make_dir ("sync-ui-keyring");
  g_setenv ("XDG_DATA_HOME", keyring_home, TRUE);
  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                             G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             "gnome-keyring-daemon", "--unlock", "--components=secrets", NULL);
  if (daemon == NULL)
    {
      g_test_message ("No gnome-keyring-daemon: %s", error->message);
      return;
    }
  g_subprocess_communicate_utf8 (daemon, "xarxa-test", NULL, NULL, NULL, NULL);

  /* The daemon forks: wait until it owns its bus name, or the first call
   * would start another one through D-Bus activation. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  for (guint i = 0; bus != NULL && i < 200; i++)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean owned = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (owned)
        break;
      g_usleep (50000);
    }

  if (secret_password_store_sync (&token_schema, SECRET_COLLECTION_DEFAULT, "probe", "probe", NULL, &error,
                                  "server", "probe", "user", "probe", NULL))
    {
      found = secret_password_lookup_sync (&token_schema, NULL, NULL, "server", "probe", "user", "probe", NULL);
      secret_password_clear_sync (&token_schema, NULL, NULL, "server", "probe", "user", "probe", NULL);
    }
  else
    g_test_message ("The keyring does not store: %s", error->message);
  keyring_ok = g_strcmp0 (found, "probe") == 0;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's test accessibility backend keeps what a screen reader would get. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ui_test_init (&argc, &argv);
  start_keyring ();

  g_test_add ("/sync-ui/login-errors", Fixture, NULL, fixture_set_up, test_login_errors, fixture_tear_down);
  g_test_add ("/sync-ui/login-sync-conflict", Fixture, NULL, fixture_set_up, test_login_sync_conflict, fixture_tear_down);
  g_test_add ("/sync-ui/keyring-unreachable", Fixture, NULL, fixture_set_up, test_keyring_unreachable, fixture_tear_down);

  status = g_test_run ();
  test_remove_tree (keyring_home);
  g_free (keyring_home);
  return status;
}
