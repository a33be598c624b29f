/* test-shell-ui.c — the window around the views: a database that cannot be
 * opened, help where no help viewer is installed, and views that cost
 * nothing until they are first shown.
 *
 * Builds the real window over a damaged file, under Xvfb in a private D-Bus
 * session, and takes each way out as a person would: Start a New Database
 * (the damaged bytes kept under a dated name, an empty directory, a message
 * that names where they went), Open Another File, and Show in Files (a
 * stand-in file manager on the session bus records what it was asked to
 * show).  The damaged file is never written to.  Then F1 on a system with
 * no viewer for help: URIs (the test's data folders are empty).  Last, a
 * window on a healthy database: the views not shown have read no list and
 * built no row (counted, not timed), and everything that reaches them
 * first — a change from elsewhere, the example network, opening a record
 * from the search, New, a narrow window — finds them whole.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-shell-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "xarxa-application.h"
#include "xarxa-cluster-row.h"
#include "xarxa-clusters-page.h"
#include "xarxa-library-page.h"
#include "xarxa-mission-row.h"
#include "xarxa-missions-page.h"
#include "xarxa-move-aside.h"
#include "xarxa-page.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  char  *dir;
  char  *db;
  char  *contents;   /* the damaged database's bytes */
  gsize  length;
  char  *wal;        /* its write-ahead log's bytes */
  gsize  wal_length;
} Fixture;

/* A database with one organisation, its schema page wrecked, and a
 * write-ahead log beside it. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *wal_path = NULL;

  f->dir = test_make_dir ("damaged");
  f->db = g_build_filename (f->dir, "xarxa.db", NULL);
  {
    g_autoptr(XarxaStore) store = xarxa_store_open (f->db, NULL);

    g_assert_nonnull (store);
    g_free (test_add_entity (store, "Before the damage", NULL));
  }
  g_assert_true (g_file_get_contents (f->db, &f->contents, &f->length, NULL));
  g_assert_cmpuint (f->length, >, 4096);
  memset (f->contents + 100, 0xa5, 3000);
  g_assert_true (g_file_set_contents (f->db, f->contents, f->length, NULL));

  wal_path = g_strconcat (f->db, "-wal", NULL);
  f->wal = g_strdup ("what the log held");
  f->wal_length = strlen (f->wal);
  g_assert_true (g_file_set_contents (wal_path, f->wal, f->wal_length, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->contents);
  g_free (f->wal);
}

static void
assert_file_holds (const char *path,
                   const char *contents,
                   gsize       length)
{
  g_autofree char *now = NULL;
  gsize now_length = 0;

  g_assert_true (g_file_get_contents (path, &now, &now_length, NULL));
  g_assert_cmpmem (now, now_length, contents, length);
}

static XarxaWindow *
open_window (const char *path)
{
  XarxaWindow *window = xarxa_window_new_for_path (NULL, path);

  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

static void
close_window (XarxaWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_assert_finalize_object (window);
}

static gboolean
label_shows (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static GtkWidget *
find_label (gpointer    widget,
            const char *text)
{
  return find_descendant (GTK_WIDGET (widget), label_shows, text);
}

/* The button showing this label, as a person finds it. */
static GtkWidget *
button_labelled (gpointer    window,
                 const char *text)
{
  GtkWidget *label = find_label (window, text);

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON);
}

static const char *
visible_page (XarxaWindow *window)
{
  return gtk_stack_get_visible_child_name (child (window, XARXA_TYPE_WINDOW, "main_stack"));
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  XarxaWindow *window = open_window (f->db);
  AdwStatusPage *status = child (window, XARXA_TYPE_WINDOW, "error_page");
  g_autofree char *wal_path = g_strconcat (f->db, "-wal", NULL);

  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_null (xarxa_window_get_store (window));
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "damaged"));
  /* Every way out is there, and no longer only a command to type. */
  g_assert_nonnull (button_labelled (window, "Start a New Database"));
  g_assert_nonnull (button_labelled (window, "Open Another File…"));
  g_assert_nonnull (button_labelled (window, "Show in Files"));
  g_assert_nonnull (button_labelled (window, "Quit"));
  g_assert_null (strstr (adw_status_page_get_description (status), "--db"));

  close_window (window);
  assert_file_holds (f->db, f->contents, f->length);
  assert_file_holds (wal_path, f->wal, f->wal_length);
}

/* The one file in dir whose name starts with prefix. */
static char *
find_moved (const char *dir_path,
            const char *prefix,
            const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  char *found = NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, suffix))
      {
        g_assert_null (found);
        found = g_build_filename (dir_path, name, NULL);
      }
  return found;
}

static void
test_start_new (Fixture       *f,
                gconstpointer  data)
{
  XarxaWindow *window = open_window (f->db);
  g_autofree char *moved = NULL;
  g_autofree char *moved_wal = NULL;
  g_autofree char *moved_name = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *message;
  XarxaStore *store;

  gtk_widget_activate (button_labelled (window, "Start a New Database"));
  WAIT_FOR (g_strcmp0 (visible_page (window), "main") == 0);

  /* The old bytes, and its log, under the dated name beside it. */
  moved = find_moved (f->dir, "xarxa.damaged-", ".db");
  g_assert_nonnull (moved);
  assert_file_holds (moved, f->contents, f->length);
  moved_wal = g_strconcat (moved, "-wal", NULL);
  assert_file_holds (moved_wal, f->wal, f->wal_length);

  /* A new database under the usual name, with nothing in it. */
  store = xarxa_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_cmpstr (xarxa_store_get_path (store), ==, f->db);
  g_assert_cmpint (xarxa_store_count (store, "entity"), ==, 0);
  g_assert_true (gtk_widget_is_sensitive (child (window, XARXA_TYPE_WINDOW, "new_button")));

  /* The message says where the old one went, in full, and offers to show
   * it. */
  message = find_toplevel ("moved-aside-dialog");
  g_assert_nonnull (message);
  g_assert_true (gtk_window_get_transient_for (message) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "New Database Started");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), moved));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "new, empty database"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (message), "show"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "close");
  drain ();

  close_window (window);
  /* The new one is a database that opens again. */
  {
    g_autoptr(XarxaStore) again = xarxa_store_open (f->db, &error);

    g_assert_no_error (error);
    g_assert_cmpint (xarxa_store_count (again, "entity"), ==, 0);
  }
  moved_name = g_path_get_basename (moved);
  g_test_message ("moved to %s", moved_name);
}

static void
test_open_another (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *not_ours = g_build_filename (f->dir, "notes.txt", NULL);
  XarxaWindow *window = open_window (f->db);
  AdwStatusPage *status = child (window, XARXA_TYPE_WINDOW, "error_page");

  {
    g_autoptr(XarxaStore) store = xarxa_store_open (other, NULL);

    g_free (test_add_entity (store, "Cooperativa Alternativa", NULL));
  }
  g_assert_true (g_file_set_contents (not_ours, "Not a database.\n", -1, NULL));

  /* Another file that cannot be opened either: the page says so for it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-database", "s", not_ours);
  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "notes.txt"));
  assert_file_holds (not_ours, "Not a database.\n", strlen ("Not a database.\n"));

  /* What the file chooser hands over when a good one is chosen. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-database", "s", other);
  g_assert_cmpstr (visible_page (window), ==, "main");
  g_assert_cmpstr (xarxa_store_get_path (xarxa_window_get_store (window)), ==, other);
  g_assert_cmpint (xarxa_store_count (xarxa_window_get_store (window), "entity"), ==, 1);

  close_window (window);
  assert_file_holds (f->db, f->contents, f->length);
}

/* A stand-in for the file manager: what ShowItems was asked to show. */
static const char introspection[] =
  "<node><interface name='org.freedesktop.FileManager1'>"
  "<method name='ShowItems'><arg type='as' name='uris' direction='in'/>"
  "<arg type='s' name='startup_id' direction='in'/></method>"
  "</interface></node>";

static void
file_manager_call_cb (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  GStrv *shown = user_data;
  const char *startup_id;

  g_assert_cmpstr (method_name, ==, "ShowItems");
  g_strfreev (*shown);
  g_variant_get (parameters, "(^as&s)", shown, &startup_id);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_show_in_files (Fixture       *f,
                    gconstpointer  data)
{
  static const GDBusInterfaceVTable vtable = { .method_call = file_manager_call_cb };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (f->db);
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) shown = NULL;
  gboolean owned = FALSE;
  XarxaWindow *window;
  guint object_id, owner_id;

  g_assert_nonnull (bus);
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/FileManager1",
                                                 info->interfaces[0], &vtable, &shown, NULL, NULL);
  owner_id = g_bus_own_name_on_connection (bus, "org.freedesktop.FileManager1",
                                           G_BUS_NAME_OWNER_FLAGS_NONE,
                                           name_acquired_cb, NULL, &owned, NULL);
  WAIT_FOR (owned);

  window = open_window (f->db);
  gtk_widget_activate (button_labelled (window, "Show in Files"));
  WAIT_FOR (shown != NULL);
  g_assert_cmpuint (g_strv_length (shown), ==, 1);
  g_assert_cmpstr (shown[0], ==, uri);

  close_window (window);
  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (bus, object_id);
  assert_file_holds (f->db, f->contents, f->length);
}

/* A newer Xarxa's database is not damaged: nothing offers to put it aside. */
static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  XarxaWindow *window;
  sqlite3 *db = NULL;

  {
    g_autoptr(XarxaStore) store = xarxa_store_open (newer, NULL);
  }
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = open_window (newer);
  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_false (gtk_widget_get_visible (child (window, XARXA_TYPE_WINDOW, "new_database_button")));
  g_assert_nonnull (button_labelled (window, "Open Another File…"));
  close_window (window);
}

/* A dated name already taken gets a number; nothing is replaced. */
static void
test_name_taken (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 6, 19, 7, 22);
  g_autofree char *taken = g_build_filename (f->dir, "xarxa.damaged-2026-12-06-190722.db", NULL);
  g_autofree char *expected = g_build_filename (f->dir, "xarxa.damaged-2026-12-06-190722-2.db", NULL);
  g_autofree char *moved = NULL;
  g_autofree char *moved_wal = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (taken, "an earlier one", -1, NULL));
  moved = xarxa_move_aside (f->db, when, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved, ==, expected);
  assert_file_holds (taken, "an earlier one", strlen ("an earlier one"));
  assert_file_holds (moved, f->contents, f->length);
  moved_wal = g_strconcat (moved, "-wal", NULL);
  assert_file_holds (moved_wal, f->wal, f->wal_length);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  /* Nothing left to move: said, and nothing made. */
  g_clear_pointer (&moved, g_free);
  moved = xarxa_move_aside (f->db, when, &error);
  g_assert_null (moved);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND);
}

/* F1 where nothing opens help: URIs says so in words, and what to install,
 * instead of GTK's "Operation not supported". */
static void
test_help_without_viewer (void)
{
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWindow *dialog;

  g_assert_null (viewer);
  gtk_window_present (parent);
  xarxa_application_show_help (parent);
  dialog = find_toplevel ("help-problem-dialog");
  g_assert_nonnull (dialog);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == parent);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "No Help Viewer Installed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "install"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "“yelp” package"));
  g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "not supported"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  drain ();
  gtk_window_destroy (parent);
  drain ();
}

/* Data folders like the system's without their applications/ (so with
 * MIME types, icons and schemas, but nothing that opens help: URIs), and
 * an empty home: this process sees no help viewer, installed or not. */
static char *
hide_applications (void)
{
  g_autofree char *root = test_make_dir ("no-apps");
  /* Read here, not with g_get_system_data_dirs(), which would keep the
   * folders it returns for the rest of the process. */
  const char *env = g_getenv ("XDG_DATA_DIRS");
  g_auto(GStrv) dirs = g_strsplit (env != NULL && *env != '\0' ? env : "/usr/local/share:/usr/share", ":", -1);
  g_autoptr(GString) data_dirs = g_string_new (NULL);
  g_autofree char *home = g_build_filename (root, "home", NULL);

  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *copy = g_strdup_printf ("%s/%u", root, i);
      g_autoptr(GDir) dir = g_dir_open (dirs[i], 0, NULL);
      const char *name;

      g_assert_cmpint (g_mkdir (copy, 0700), ==, 0);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (strcmp (name, "applications") != 0)
          {
            g_autofree char *target = g_build_filename (dirs[i], name, NULL);
            g_autofree char *link = g_build_filename (copy, name, NULL);

            g_assert_cmpint (symlink (target, link), ==, 0);
          }
      g_string_append_printf (data_dirs, "%s%s", i > 0 ? ":" : "", copy);
    }
  g_setenv ("XDG_DATA_DIRS", data_dirs->str, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_DIRS", home, TRUE);
  return g_steal_pointer (&root);
}


/* Views shown only when asked for */

typedef struct
{
  char        *dir;
  char        *db;
  XarxaStore  *store;
  XarxaWindow *window;
  char        *cluster;
  char        *mission;
  char        *stop;
  char        *document;
} Views;

static char *
add_named (XarxaStore *store,
           const char *type_name,
           const char *field,
           const char *value,
           const char *parent_field,
           const char *parent)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, field, value);
  if (parent_field != NULL)
    json_object_set_string_member (values, parent_field, parent);
  id = xarxa_store_create_record (store, type_name, values, &error);
  g_assert_no_error (error);
  return id;
}

/* An itinerary's row for the stop @data, or any stop's row (@data NULL). */
static gboolean
is_stop_row (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "stop-id"), data) == 0;
}

static gboolean
is_any_stop_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_object_get_data (G_OBJECT (widget), "stop-id") != NULL;
}

/* Whether @row lies within the visible part of the page that scrolls it. */
static gboolean
row_in_view (GtkWidget *row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t at;

  if (scrolled == NULL || !gtk_widget_get_mapped (row) ||
      !gtk_widget_compute_point (row, scrolled, &GRAPHENE_POINT_INIT (0, 0), &at))
    return FALSE;
  return at.y >= 0 && at.y + gtk_widget_get_height (row) <= gtk_widget_get_height (scrolled);
}

static guint
count_descendants (GtkWidget  *root,
                   gboolean  (*match) (GtkWidget *, gconstpointer))
{
  guint n = match (root, NULL) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_descendants (c, match);
  return n;
}

/* Three clusters, two missions (one with a stop), two documents and an
 * organisation; the window opened on the Directory, its list read. */
static void
views_set_up (Views         *f,
              gconstpointer  data)
{
  f->store = test_open_store (&f->dir, &f->db);
  g_free (test_add_entity (f->store, "Fundació Terra Viva", "Girona"));
  f->cluster = add_named (f->store, "cluster", "name", "Clúster Aigua", NULL, NULL);
  g_free (add_named (f->store, "cluster", "name", "Clúster Energia", NULL, NULL));
  g_free (add_named (f->store, "cluster", "name", "Clúster Habitatge", NULL, NULL));
  f->mission = add_named (f->store, "mission", "title", "Xerta 2027", NULL, NULL);
  g_free (add_named (f->store, "mission", "title", "Dakar 2028", NULL, NULL));
  f->stop = add_named (f->store, "itinerary_stop", "title", "Visit to the cooperative", "mission_id", f->mission);
  f->document = add_named (f->store, "document", "title", "Informe sobre l’aigua", NULL, NULL);
  g_free (add_named (f->store, "document", "title", "Entrevista a la cooperativa", NULL, NULL));

  if (data != NULL)
    {
      /* A narrow window, as on a phone. */
      f->window = xarxa_window_new (NULL, f->store, NULL);
      gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
      gtk_window_present (GTK_WINDOW (f->window));
      WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
    }
  else
    f->window = ui_test_open_window (f->store);
  drain ();
}

static void
views_tear_down (Views         *f,
                 gconstpointer  data)
{
  destroy_window (g_steal_pointer (&f->window));
  g_free (f->cluster);
  g_free (f->mission);
  g_free (f->stop);
  g_free (f->document);
  test_close_store (&f->store, &f->dir, &f->db);
}

static gpointer
view (Views      *f,
      const char *name)
{
  g_autofree char *id = g_strconcat (name, "_page", NULL);

  return child (f->window, XARXA_TYPE_WINDOW, id);
}

static const char *
view_shown (Views *f)
{
  return adw_view_stack_get_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack"));
}

static void
show_view (Views      *f,
           const char *name)
{
  adw_view_stack_set_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack"), name);
  WAIT_FOR (gtk_widget_get_mapped (view (f, name)));
}

/* How many items the list of a view holds (none before it has a model). */
static guint
n_listed (gpointer page,
          GType    page_type)
{
  GtkListView *list_view = child (page, page_type, "list_view");
  GtkSelectionModel *model = gtk_list_view_get_model (list_view);

  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

static guint
count_of_type (GtkWidget *root,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_of_type (c, type);
  return n;
}

static guint
n_rows (Views *f,
        GType  row_type)
{
  return count_of_type (GTK_WIDGET (f->window), row_type);
}

static void
assert_not_loaded (Views      *f,
                   const char *name)
{
  if (g_str_equal (name, "clusters"))
    {
      g_assert_cmpuint (n_listed (view (f, name), XARXA_TYPE_CLUSTERS_PAGE), ==, 0);
      g_assert_cmpuint (n_rows (f, XARXA_TYPE_CLUSTER_ROW), ==, 0);
    }
  else if (g_str_equal (name, "missions"))
    {
      g_assert_cmpuint (n_listed (view (f, name), XARXA_TYPE_MISSIONS_PAGE), ==, 0);
      g_assert_cmpuint (n_rows (f, XARXA_TYPE_MISSION_ROW), ==, 0);
    }
  else
    g_assert_cmpuint (n_listed (view (f, name), XARXA_TYPE_LIBRARY_PAGE), ==, 0);
}

/* At start only the Directory reads its list; a change made elsewhere
 * (a sync, another window) before a view is shown is in it when it is. */
static void
test_views_load_when_shown (Views         *f,
                            gconstpointer  data)
{
  g_autofree char *late = NULL;

  g_assert_cmpstr (view_shown (f), ==, "directory");
  assert_not_loaded (f, "clusters");
  assert_not_loaded (f, "missions");
  assert_not_loaded (f, "library");

  late = add_named (f->store, "cluster", "name", "Clúster Cures", NULL, NULL);
  g_free (add_named (f->store, "mission", "title", "Bogotá 2029", NULL, NULL));
  drain ();
  assert_not_loaded (f, "clusters");
  assert_not_loaded (f, "missions");

  show_view (f, "clusters");
  WAIT_FOR (n_listed (view (f, "clusters"), XARXA_TYPE_CLUSTERS_PAGE) == 4);
  WAIT_FOR (n_rows (f, XARXA_TYPE_CLUSTER_ROW) > 0);
  assert_not_loaded (f, "missions");
  assert_not_loaded (f, "library");

  show_view (f, "missions");
  WAIT_FOR (n_listed (view (f, "missions"), XARXA_TYPE_MISSIONS_PAGE) == 3);
  WAIT_FOR (n_rows (f, XARXA_TYPE_MISSION_ROW) > 0);
  assert_not_loaded (f, "library");

  show_view (f, "library");
  WAIT_FOR (n_listed (view (f, "library"), XARXA_TYPE_LIBRARY_PAGE) == 2);

  /* And once read, a view follows the store while another is shown. */
  show_view (f, "directory");
  g_free (add_named (f->store, "cluster", "name", "Clúster Memòria", NULL, NULL));
  WAIT_FOR (n_listed (view (f, "clusters"), XARXA_TYPE_CLUSTERS_PAGE) == 5);
}

/* A record opened from the search (win.open-record) into a view never
 * shown: the view comes up with the record open and selected in its list. */
static void
test_open_into_unshown_view (Views         *f,
                             gconstpointer  data)
{
  XarxaClustersPage *clusters = view (f, "clusters");
  XarxaMissionsPage *missions = view (f, "missions");
  XarxaLibraryPage *library = view (f, "library");
  GtkSingleSelection *selection;
  XarxaRecord *selected;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "cluster", f->cluster);
  g_assert_cmpstr (view_shown (f), ==, "clusters");
  g_assert_cmpstr (xarxa_clusters_page_get_shown_id (clusters), ==, f->cluster);
  WAIT_FOR (n_listed (clusters, XARXA_TYPE_CLUSTERS_PAGE) == 3);
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (child (clusters, XARXA_TYPE_CLUSTERS_PAGE, "list_view")));
  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (selected);
  g_assert_cmpstr (xarxa_record_get_id (selected), ==, f->cluster);
  assert_not_loaded (f, "missions");

  /* A stop of a mission: its mission. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "itinerary_stop", f->stop);
  g_assert_cmpstr (view_shown (f), ==, "missions");
  g_assert_cmpstr (xarxa_missions_page_get_shown_id (missions), ==, f->mission);
  WAIT_FOR (n_listed (missions, XARXA_TYPE_MISSIONS_PAGE) == 2);
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (child (missions, XARXA_TYPE_MISSIONS_PAGE, "list_view")));
  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (selected);
  g_assert_cmpstr (xarxa_record_get_id (selected), ==, f->mission);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "document", f->document);
  g_assert_cmpstr (view_shown (f), ==, "library");
  g_assert_cmpstr (xarxa_library_page_get_shown_id (library), ==, f->document);
  WAIT_FOR (n_listed (library, XARXA_TYPE_LIBRARY_PAGE) == 2);

  /* A stop of a long mission, whose days open folded: the stop's day is
   * unfolded and its row has the focus. */
  {
    g_autofree char *big = add_named (f->store, "mission", "title", "Llarga", NULL, NULL);
    g_autofree char *last = NULL;
    GtkWidget *row = NULL;

    for (guint i = 0; i < 45; i++)
      {
        g_autoptr(JsonObject) values = json_object_new ();
        g_autofree char *starts = g_strdup_printf ("2027-05-%02uT%02u:00", 1 + i / 15, 8 + i % 15);
        g_autoptr(GError) error = NULL;
        char *id;

        json_object_set_string_member (values, "mission_id", big);
        json_object_set_string_member (values, "title", "Parada");
        json_object_set_string_member (values, "starts_at", starts);
        id = xarxa_store_create_record (f->store, "itinerary_stop", values, &error);
        g_assert_no_error (error);
        g_free (last);
        last = id;
      }
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "itinerary_stop", last);
    g_assert_cmpstr (view_shown (f), ==, "missions");
    g_assert_cmpstr (xarxa_missions_page_get_shown_id (missions), ==, big);
    WAIT_FOR ((row = find_descendant (GTK_WIDGET (missions), is_stop_row, last)) != NULL &&
              gtk_widget_has_focus (row));
    /* And scrolled into the page's view, below the fold as it is. */
    WAIT_FOR (row_in_view (row));
    /* The other days stay folded: the first stop's row is not built. */
    g_assert_cmpuint (count_descendants (GTK_WIDGET (missions), is_any_stop_row), ==, 15);
  }
}

/* On a narrow window the record takes the list's place, with Back. */
static void
test_open_into_unshown_view_narrow (Views         *f,
                                    gconstpointer  data)
{
  XarxaClustersPage *clusters = view (f, "clusters");
  GtkWidget *back = child (f->window, XARXA_TYPE_WINDOW, "back_button");

  g_assert_false (gtk_widget_get_visible (back));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "cluster", f->cluster);
  g_assert_cmpstr (view_shown (f), ==, "clusters");
  WAIT_FOR (xarxa_page_get_showing_detail (XARXA_PAGE (clusters)));
  g_assert_cmpstr (xarxa_clusters_page_get_shown_id (clusters), ==, f->cluster);
  WAIT_FOR (gtk_widget_get_visible (back));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL);
  WAIT_FOR (!xarxa_page_get_showing_detail (XARXA_PAGE (clusters)));
  WAIT_FOR (n_rows (f, XARXA_TYPE_CLUSTER_ROW) > 0);
  g_assert_cmpuint (n_listed (clusters, XARXA_TYPE_CLUSTERS_PAGE), ==, 3);
}

/* The example network added from the Directory is in the other views
 * when they are first shown; New and Search work in a view just shown. */
static void
test_example_then_views (Views         *f,
                         gconstpointer  data)
{
  XarxaClustersPage *clusters = view (f, "clusters");
  XarxaMissionsPage *missions = view (f, "missions");
  GtkWidget *search_entry;
  g_autofree char *name = NULL;
  guint n_clusters;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-example", NULL);
  drain ();
  n_clusters = (guint) xarxa_store_count (f->store, "cluster");
  g_assert_cmpuint (n_clusters, >, 3);
  assert_not_loaded (f, "clusters");

  show_view (f, "clusters");
  WAIT_FOR (n_listed (clusters, XARXA_TYPE_CLUSTERS_PAGE) == n_clusters);

  ui_test_create_through_dialog (f->window, "new-cluster-dialog", "Clúster Nou");
  WAIT_FOR (n_listed (clusters, XARXA_TYPE_CLUSTERS_PAGE) == n_clusters + 1);
  g_assert_nonnull (xarxa_clusters_page_get_shown_id (clusters));
  name = stored_string (f->store, "cluster", xarxa_clusters_page_get_shown_id (clusters), "name");
  g_assert_cmpstr (name, ==, "Clúster Nou");

  /* Ctrl+F in a view shown for the first time: its own search. */
  show_view (f, "missions");
  search_entry = child (missions, XARXA_TYPE_MISSIONS_PAGE, "search_entry");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  WAIT_FOR (gtk_widget_has_focus (search_entry) ||
            gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), search_entry));
  gtk_editable_set_text (GTK_EDITABLE (search_entry), "Xert");
  WAIT_FOR (n_listed (missions, XARXA_TYPE_MISSIONS_PAGE) == 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *no_apps = NULL;
  int status;

  no_apps = hide_applications ();
  ui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/shell-ui/damaged/page", test_page);
  ADD ("/shell-ui/damaged/start-new", test_start_new);
  ADD ("/shell-ui/damaged/open-another", test_open_another);
  ADD ("/shell-ui/damaged/show-in-files", test_show_in_files);
  ADD ("/shell-ui/damaged/too-new", test_too_new);
  ADD ("/shell-ui/damaged/name-taken", test_name_taken);
#undef ADD
  g_test_add_func ("/shell-ui/help-without-viewer", test_help_without_viewer);
#define ADD(path, func, narrow) g_test_add (path, Views, narrow, views_set_up, func, views_tear_down)
  ADD ("/shell-ui/views/load-when-shown", test_views_load_when_shown, NULL);
  ADD ("/shell-ui/views/open-into-unshown", test_open_into_unshown_view, NULL);
  ADD ("/shell-ui/views/open-into-unshown-narrow", test_open_into_unshown_view_narrow, "narrow");
  ADD ("/shell-ui/views/example-then-views", test_example_then_views, NULL);
#undef ADD

  status = g_test_run ();
  test_remove_tree (no_apps);
  return status;
}
