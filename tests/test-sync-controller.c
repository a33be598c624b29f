/* test-sync-controller.c — the sync controller's properties, without a display.
 *
 * Links the sync library and nothing of GTK: the controller must stand on
 * its own, and what a view binds to (state, title, description, counts)
 * must say the truth and be notified only when it changes.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sync-controller"

#include "config.h"

#include <string.h>

#include "xarxa-sync-controller.h"
#include "test-util.h"

typedef struct
{
  guint state, title, description, n_waiting, n_conflicts, syncing, logged_in, changed;
} Notified;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Notified   *notified)
{
  const char *name = g_param_spec_get_name (pspec);

  if (strcmp (name, "state") == 0)
    notified->state++;
  else if (strcmp (name, "title") == 0)
    notified->title++;
  else if (strcmp (name, "description") == 0)
    notified->description++;
  else if (strcmp (name, "n-waiting") == 0)
    notified->n_waiting++;
  else if (strcmp (name, "n-conflicts") == 0)
    notified->n_conflicts++;
  else if (strcmp (name, "syncing") == 0)
    notified->syncing++;
  else if (strcmp (name, "logged-in") == 0)
    notified->logged_in++;
}

static void
changed_cb (XarxaSyncController *controller,
            Notified            *notified)
{
  notified->changed++;
}

static void
test_properties (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  XarxaStore *store = test_open_store (&dir, &path);
  XarxaSyncController *controller = xarxa_sync_controller_new (store, NULL);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *state_name = NULL;
  Notified notified = { 0 };
  XarxaSyncState state;
  gint64 n_waiting, n_conflicts;
  gboolean logged_in;
  double progress;

  /* A new profile: sync not set up, nothing waiting. */
  g_object_get (controller,
                "state", &state, "title", &title, "description", &description,
                "n-waiting", &n_waiting, "n-conflicts", &n_conflicts,
                "logged-in", &logged_in, "progress", &progress,
                NULL);
  g_assert_cmpint (state, ==, XARXA_SYNC_STATE_NOT_SET_UP);
  g_assert_cmpstr (title, ==, "Sync Not Set Up");
  g_assert_nonnull (strstr (description, "Preferences"));
  g_assert_cmpint (n_waiting, ==, 0);
  g_assert_cmpint (n_conflicts, ==, 0);
  g_assert_false (logged_in);
  g_assert_cmpfloat (progress, ==, -1.0);
  state_name = g_enum_to_string (XARXA_TYPE_SYNC_STATE, state);
  g_assert_cmpstr (state_name, ==, "XARXA_SYNC_STATE_NOT_SET_UP");

  g_signal_connect (controller, "notify", G_CALLBACK (notify_cb), &notified);
  g_signal_connect (controller, "changed", G_CALLBACK (changed_cb), &notified);

  /* An edit waits in the outbox: the count moves, and only the count. */
  g_free (test_add_entity (store, "Cooperativa Alternativa", NULL));
  g_assert_cmpuint (notified.changed, ==, 1);
  g_assert_cmpuint (notified.n_waiting, ==, 1);
  g_object_get (controller, "n-waiting", &n_waiting, NULL);
  g_assert_cmpint (n_waiting, ==, xarxa_store_count_outbox (store));
  g_assert_cmpint (n_waiting, >=, 1);
  g_assert_cmpuint (notified.state, ==, 0);
  g_assert_cmpuint (notified.title, ==, 0);
  g_assert_cmpuint (notified.logged_in, ==, 0);

  /* Asked to sync without an account: nothing to notify. */
  xarxa_sync_controller_sync (controller);
  g_assert_cmpuint (notified.changed, ==, 2);
  g_assert_cmpuint (notified.n_waiting, ==, 1);
  g_assert_cmpuint (notified.state + notified.title + notified.description + notified.syncing, ==, 0);

  /* After a sync or an import every record type says it changed, in one
   * notice: the controller counts again and tells its views once. */
  g_free (test_add_entity (store, "Ateneu Popular", NULL));
  g_assert_cmpuint (notified.changed, ==, 3);
  xarxa_store_emit_changed (store, NULL, NULL);
  g_assert_cmpuint (notified.changed, ==, 4);
  g_object_get (controller, "n-waiting", &n_waiting, NULL);
  g_assert_cmpint (n_waiting, ==, xarxa_store_count_outbox (store));

  xarxa_sync_controller_shutdown (controller);
  g_assert_finalize_object (controller);
  test_close_store (&store, &dir, &path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-controller/properties", test_properties);

  return g_test_run ();
}
