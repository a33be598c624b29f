/* test-a11y-ui.c — what a screen reader is told about the main window.
 *
 * Walks the widgets on screen in four states (first run, the example
 * network, an organisation open, the filter popover open), and the dialog
 * that asks for a new organisation's name, and reads each
 * one's accessible name the way GTK 4.8 makes it for AT-SPI: its label
 * property, then the label of each widget it is labelled by, joined by a
 * space; a widget left with no name is announced by its type name.  The
 * walk fails on a control with no name, a name with a mnemonic underscore,
 * a name said twice ("Social transition Social transition") and a name
 * that is one of the app's own type names.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-a11y-ui"

#include "config.h"

#include <string.h>

#include "xarxa-cluster-editor.h"
#include "xarxa-clusters-page.h"
#include "xarxa-directory-page.h"
#include "xarxa-entity-editor.h"
#include "xarxa-library.h"
#include "xarxa-library-page.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  char        *dir;
  char        *path;
  XarxaStore  *store;
  XarxaWindow *window;
  GtkWidget   *page;
} Fixture;

/* A value the property cannot have: checking for it hands back the value
 * the property does have. */
#define NOT_A_NAME "\x01"

static char *
label_of (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, NOT_A_NAME);
}

static void
collect (GtkWidget *widget,
         GPtrArray *all)
{
  g_ptr_array_add (all, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect (c, all);
}

/* The name AT-SPI gives: GTK 4.8's gtk_at_context_get_name(). */
static char *
accessible_name (GtkWidget *widget,
                 GPtrArray *all)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  char *label = label_of (widget);

  if (label != NULL)
    g_ptr_array_add (names, label);

  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < all->len; i++)
        {
          g_autofree char *mismatch =
            gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                all->pdata[i], NULL);

          if (mismatch == NULL)
            {
              char *other = label_of (all->pdata[i]);

              if (other != NULL)
                g_ptr_array_add (names, other);
              found = TRUE;
              break;
            }
        }
      if (!found)
        g_ptr_array_add (names, g_strdup ("(labelled by widgets off screen)"));
    }

  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static gboolean
is_control (GtkAccessibleRole role)
{
  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_LIST:
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
      return TRUE;
    default:
      return FALSE;
    }
}

/* "Social transition Social transition", "_Quit Quit": the words of the
 * first half again, underscores aside. */
static gboolean
said_twice (const char *name)
{
  g_autoptr(GString) plain = g_string_new (name);
  g_auto(GStrv) words = NULL;
  guint n;

  g_string_replace (plain, "_", "", 0);
  words = g_strsplit_set (g_strstrip (plain->str), " ", -1);
  n = g_strv_length (words);
  if (n < 2 || n % 2 != 0)
    return FALSE;
  for (guint i = 0; i < n / 2; i++)
    if (g_strcmp0 (words[i], words[i + n / 2]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
has_mnemonic (const char *name)
{
  for (const char *p = strchr (name, '_'); p != NULL; p = strchr (p + 1, '_'))
    if (g_unichar_isalnum (g_utf8_get_char (p + 1)) && (p == name || p[-1] == ' '))
      return TRUE;
  return FALSE;
}

static gboolean
is_hidden (GtkWidget *widget)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN))
    return FALSE;
  mismatch = gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);
  return mismatch == NULL;
}

/* Where the widget is, for the report: its type and its ancestors'. */
static char *
where (GtkWidget *widget)
{
  GString *path = g_string_new (G_OBJECT_TYPE_NAME (widget));
  guint depth = 0;

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL && depth < 5; w = gtk_widget_get_parent (w), depth++)
    g_string_append_printf (path, " in %s", G_OBJECT_TYPE_NAME (w));
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (path, " (tooltip “%s”)", gtk_widget_get_tooltip_text (widget));
  return g_string_free (path, FALSE);
}

static void
check_tree (GtkWidget *widget,
            GPtrArray *all,
            GString   *problems)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  const char *type_name = G_OBJECT_TYPE_NAME (widget);
  g_autofree char *name = NULL;
  g_autofree char *here = NULL;

  /* What is not on screen, or hidden from assistive technologies. */
  if (!gtk_widget_get_mapped (widget) || is_hidden (widget) ||
      role == GTK_ACCESSIBLE_ROLE_NONE || role == GTK_ACCESSIBLE_ROLE_PRESENTATION)
    return;

  name = accessible_name (widget, all);
  here = where (widget);
  if (is_control (role) && name[0] == '\0')
    g_string_append_printf (problems, "%s has no name\n", here);
  if (name[0] == '\0' && g_str_has_prefix (type_name, "Xarxa"))
    g_string_append_printf (problems, "%s would be read as its type name\n", here);
  if (has_mnemonic (name))
    g_string_append_printf (problems, "%s is named “%s”, with a mnemonic underscore\n", here, name);
  if (said_twice (name))
    g_string_append_printf (problems, "%s is named “%s”, the same words twice\n", here, name);
  if (g_str_has_prefix (name, "Xarxa") && g_type_from_name (name) != 0)
    g_string_append_printf (problems, "%s is named “%s”, a type name\n", here, name);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    check_tree (c, all, problems);
}

/* The names of the controls on screen, in order, one a line. */
static void
list_names (GtkWidget *widget,
            GPtrArray *all,
            GString   *names)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  if (!gtk_widget_get_mapped (widget) || is_hidden (widget) ||
      role == GTK_ACCESSIBLE_ROLE_NONE || role == GTK_ACCESSIBLE_ROLE_PRESENTATION)
    return;
  if (is_control (role))
    {
      g_autofree char *name = accessible_name (widget, all);

      g_string_append_printf (names, "%s\n", name);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    list_names (c, all, names);
}

/* Checks the tree under root, and returns the names of its controls. */
static GString *
assert_tree_reads_well_in (GtkWidget  *root,
                           const char *state)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  GString *names = g_string_new ("\n");

  drain ();
  collect (root, all);
  check_tree (root, all, problems);
  list_names (root, all, names);
  if (problems->len > 0)
    {
      g_auto(GStrv) lines = g_strsplit (problems->str, "\n", -1);

      for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
        g_test_message ("%s: %s", state, lines[i]);
      g_test_fail_printf ("What the window tells a screen reader %s: %u faults, listed above",
                          state, g_strv_length (lines) - 1);
    }
  return names;
}

static GString *
assert_tree_reads_well (Fixture    *f,
                        const char *state)
{
  return assert_tree_reads_well_in (GTK_WIDGET (f->window), state);
}

static void
assert_reads (GString    *names,
              const char *name)
{
  g_autofree char *line = g_strdup_printf ("\n%s\n", name);

  if (strstr (names->str, line) == NULL)
    g_error ("No control on screen is named “%s”; the names are:%s", name, names->str);
}

static guint
n_listed (Fixture *f)
{
  GtkListView *view = child (f->page, XARXA_TYPE_DIRECTORY_PAGE, "list_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_store (&f->dir, &f->path);
  f->window = ui_test_open_window (f->store);
  f->page = child (f->window, XARXA_TYPE_WINDOW, "directory_page");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_assert_finalize_object (f->window);
  test_close_store (&f->store, &f->dir, &f->path);
}

/* The walk itself can fail: a button built the way GTK 4.8 doubles its
 * name, and a control with no name, are both caught. */
static void
test_walk_catches (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *doubled = gtk_button_new_with_mnemonic ("_Quit");

  gtk_box_append (GTK_BOX (box), doubled);
  gtk_box_append (GTK_BOX (box), gtk_button_new_from_icon_name ("list-add-symbolic"));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (doubled));

  collect (window, all);
  check_tree (window, all, problems);
  g_test_message ("%s", problems->str);
  g_assert_nonnull (strstr (problems->str, "“_Quit Quit”, with a mnemonic underscore"));
  g_assert_nonnull (strstr (problems->str, "“_Quit Quit”, the same words twice"));
  g_assert_nonnull (strstr (problems->str, "has no name"));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
test_main_window (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *list_view = child (f->page, XARXA_TYPE_DIRECTORY_PAGE, "list_view");
  GtkMenuButton *filter_button = child (f->page, XARXA_TYPE_DIRECTORY_PAGE, "filter_button");
  GtkWidget *detail_stack = child (f->page, XARXA_TYPE_DIRECTORY_PAGE, "detail_stack");
  GtkWidget *dialog;

  g_autoptr(GString) names = NULL;

  names = assert_tree_reads_well (f, "on the first run");
  assert_reads (names, "Import from CSV…");
  assert_reads (names, "Open Example Network");
  assert_reads (names, "New Organisation");
  g_string_free (g_steal_pointer (&names), TRUE);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-example", NULL);
  WAIT_FOR (n_listed (f) > 30);
  names = assert_tree_reads_well (f, "with the example network");
  assert_reads (names, "Organisations");
  assert_reads (names, "Search organisations");
  assert_reads (names, "Undo");
  g_string_free (g_steal_pointer (&names), TRUE);

  gtk_widget_activate_action (list_view, "list.select-item", "(ubb)", 0, FALSE, FALSE);
  WAIT_FOR (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (detail_stack)), "editor") == 0);
  names = assert_tree_reads_well (f, "with an organisation open");
  assert_reads (names, xarxa_entity_editor_get_name (XARXA_ENTITY_EDITOR (gtk_stack_get_visible_child (GTK_STACK (detail_stack)))));
  assert_reads (names, "Social transition");
  assert_reads (names, "Add Contact");
  g_string_free (g_steal_pointer (&names), TRUE);

  gtk_menu_button_popup (filter_button);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (filter_button))));
  names = assert_tree_reads_well (f, "with the filter popover open");
  assert_reads (names, "Country");
  assert_reads (names, "Clear Filters");
  gtk_menu_button_popdown (filter_button);
  g_string_free (g_steal_pointer (&names), TRUE);

  /* The question a new organisation starts with. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL);
  WAIT_FOR ((dialog = GTK_WIDGET (find_toplevel ("new-entity-dialog"))) != NULL && gtk_widget_get_mapped (dialog));
  names = assert_tree_reads_well_in (dialog, "asking for a new organisation’s name");
  assert_reads (names, "Name of the new organisation");
  assert_reads (names, "Cancel");
  assert_reads (names, "Create");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
is_expander_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_EXPANDER_ROW (widget);
}

/* The Clusters view: its list, a cluster open with a member opened out,
 * its filters, and the member picker. */
static void
test_clusters (Fixture       *f,
               gconstpointer  data)
{
  XarxaClustersPage *page = child (f->window, XARXA_TYPE_WINDOW, "clusters_page");
  GtkMenuButton *filter_button = child (page, XARXA_TYPE_CLUSTERS_PAGE, "filter_button");
  GtkWidget *editor = child (page, XARXA_TYPE_CLUSTERS_PAGE, "editor");
  g_autoptr(JsonObject) entity = json_object_new ();
  g_autoptr(JsonObject) cluster = json_object_new ();
  g_autoptr(JsonObject) member = json_object_new ();
  g_autofree char *entity_id = NULL;
  g_autofree char *cluster_id = NULL;
  g_autofree char *member_id = NULL;
  g_autoptr(GString) names = NULL;
  GtkWidget *picker;
  GtkWidget *row;

  names = assert_tree_reads_well (f, "with no cluster");
  g_string_free (g_steal_pointer (&names), TRUE);
  adw_view_stack_set_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack"), "clusters");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (page)));
  names = assert_tree_reads_well (f, "on the Clusters view’s first run");
  assert_reads (names, "New Cluster");
  assert_reads (names, "Open Example Network");
  g_string_free (g_steal_pointer (&names), TRUE);

  json_object_set_string_member (entity, "name", "Fundació Terra Viva");
  entity_id = xarxa_store_create_record (f->store, "entity", entity, NULL);
  json_object_set_string_member (cluster, "name", "Clúster Aigua");
  cluster_id = xarxa_store_create_record (f->store, "cluster", cluster, NULL);
  json_object_set_string_member (member, "cluster_id", cluster_id);
  json_object_set_string_member (member, "entity_id", entity_id);
  json_object_set_string_member (member, "role", "coordinator");
  member_id = xarxa_store_create_record (f->store, "cluster_member", member, NULL);
  g_assert_nonnull (member_id);

  xarxa_clusters_page_open_cluster (page, cluster_id);
  /* The page may still be on its first-run screen until the list has read
   * the new cluster: wait for the editor and its member row to be shown. */
  WAIT_FOR (gtk_widget_get_mapped (editor) &&
            (row = find_descendant (editor, is_expander_row, NULL)) != NULL &&
            gtk_widget_get_mapped (row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  names = assert_tree_reads_well (f, "with a cluster open");
  assert_reads (names, "Search clusters");
  assert_reads (names, "Clusters");
  assert_reads (names, "Add Member…");
  assert_reads (names, "Remove Fundació Terra Viva");
  assert_reads (names, "Delete Cluster");
  g_string_free (g_steal_pointer (&names), TRUE);

  gtk_menu_button_popup (filter_button);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (filter_button))));
  names = assert_tree_reads_well (f, "with the clusters’ filters open");
  assert_reads (names, "Transition");
  gtk_menu_button_popdown (filter_button);
  g_string_free (g_steal_pointer (&names), TRUE);

  gtk_widget_activate_action (editor, "cluster.add-member", NULL);
  WAIT_FOR ((picker = GTK_WIDGET (find_toplevel ("member-picker"))) != NULL && gtk_widget_get_mapped (picker));
  names = assert_tree_reads_well_in (picker, "adding a member");
  assert_reads (names, "Search the directory");
  assert_reads (names, "Add");
  gtk_window_destroy (GTK_WINDOW (picker));
}

/* The Library view: its first run, a document open (an interview without
 * consent, linked to an organisation), its filters, and the link picker. */
static void
test_library (Fixture       *f,
              gconstpointer  data)
{
  XarxaLibraryPage *page = child (f->window, XARXA_TYPE_WINDOW, "library_page");
  GtkMenuButton *filter_button = child (page, XARXA_TYPE_LIBRARY_PAGE, "filter_button");
  GtkWidget *editor = child (page, XARXA_TYPE_LIBRARY_PAGE, "editor");
  g_autoptr(JsonObject) document = json_object_new ();
  g_autofree char *entity_id = test_add_entity (f->store, "Fundació Terra Viva", NULL);
  g_autofree char *document_id = NULL;
  g_autofree char *link = NULL;
  g_autoptr(GString) names = NULL;
  GtkWidget *picker;

  adw_view_stack_set_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack"), "library");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (page)));
  names = assert_tree_reads_well (f, "on the Library’s first run");
  assert_reads (names, "Add File…");
  g_string_free (g_steal_pointer (&names), TRUE);

  json_object_set_string_member (document, "title", "Entrevista a la cooperativa");
  json_object_set_string_member (document, "kind", "interview");
  json_object_set_string_member (document, "consent", "pending");
  document_id = xarxa_store_create_record (f->store, "document", document, NULL);
  link = xarxa_library_link (f->store, document_id, "entity", entity_id, NULL);
  g_assert_nonnull (link);
  xarxa_library_page_open_document (page, document_id);
  WAIT_FOR (gtk_widget_get_mapped (editor));
  names = assert_tree_reads_well (f, "with a document open");
  assert_reads (names, "Search documents, their authors and text");
  assert_reads (names, "Attach File…");
  assert_reads (names, "Unlink Fundació Terra Viva");
  assert_reads (names, "Consent to use the interview");
  assert_reads (names, "Delete Document");
  g_string_free (g_steal_pointer (&names), TRUE);

  gtk_menu_button_popup (filter_button);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (filter_button))));
  names = assert_tree_reads_well (f, "with the library’s filters open");
  assert_reads (names, "From year");
  gtk_menu_button_popdown (filter_button);
  g_string_free (g_steal_pointer (&names), TRUE);

  gtk_widget_activate_action (editor, "document.add-link", NULL);
  WAIT_FOR ((picker = GTK_WIDGET (find_toplevel ("link-picker"))) != NULL && gtk_widget_get_mapped (picker));
  names = assert_tree_reads_well_in (picker, "linking a document");
  assert_reads (names, "Link the Document");
  gtk_window_destroy (GTK_WINDOW (picker));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  /* GTK's test accessibility backend keeps what a screen reader would get,
   * so that the test can read it back. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  xarxa_gui_init ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/a11y-ui/walk-catches", test_walk_catches);
  g_test_add ("/a11y-ui/main-window", Fixture, NULL, fixture_set_up, test_main_window, fixture_tear_down);
  g_test_add ("/a11y-ui/clusters", Fixture, NULL, fixture_set_up, test_clusters, fixture_tear_down);
  g_test_add ("/a11y-ui/library", Fixture, NULL, fixture_set_up, test_library, fixture_tear_down);

  return g_test_run ();
}
