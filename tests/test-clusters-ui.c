/* test-clusters-ui.c — the Clusters view driven as a person would, under Xvfb.
 *
 * Builds the real window over a database in a temporary folder, switches to
 * the Clusters view and works through its widgets and actions: the first-run
 * page, a cluster created through New Cluster, a field edited in place (a bad
 * date refused on its row, nothing saved), members added through the
 * directory picker (the same organisation twice refused, one created on the
 * spot), "No coordinator", delete and Undo, the list's search and filters,
 * an organisation's link to its cluster in the Directory, and a long list
 * whose rows compute their figures only when on screen.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-clusters-ui"

#include "config.h"

#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-cluster-editor.h"
#include "xarxa-cluster-row.h"
#include "xarxa-clusters-page.h"
#include "xarxa-directory-page.h"
#include "xarxa-entity-editor.h"
#include "xarxa-field-row.h"
#include "xarxa-member-picker.h"
#include "xarxa-records-group.h"
#include "xarxa-page.h"
#include "xarxa-record.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  char              *dir;
  char              *db;
  XarxaStore        *store;
  XarxaWindow       *window;
  XarxaClustersPage *page;
} Fixture;

static gpointer
page_child (Fixture    *f,
            const char *name)
{
  return child (f->page, XARXA_TYPE_CLUSTERS_PAGE, name);
}

static gpointer
editor_child (Fixture    *f,
              const char *name)
{
  return child (page_child (f, "editor"), XARXA_TYPE_CLUSTER_EDITOR, name);
}

static guint
n_listed (Fixture *f)
{
  GtkListView *view = page_child (f, "list_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)));
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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_store (&f->dir, &f->db);
  f->window = ui_test_open_window (f->store);
  f->page = child (f->window, XARXA_TYPE_WINDOW, "clusters_page");
  adw_view_stack_set_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack"), "clusters");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = find_toplevel ("new-cluster-dialog")) != NULL ||
         (dialog = find_toplevel ("duplicate-dialog")) != NULL ||
         (dialog = find_toplevel ("member-picker")) != NULL)
    gtk_window_destroy (dialog);

  destroy_window (f->window);
  test_close_store (&f->store, &f->dir, &f->db);
}

/* New Cluster, type a name, Create: what a person does. */
static char *
create_through_dialog (Fixture    *f,
                       const char *name)
{
  ui_test_create_through_dialog (f->window, "new-cluster-dialog", name);
  return g_strdup (xarxa_clusters_page_get_shown_id (f->page));
}

static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *new_button = child (f->window, XARXA_TYPE_WINDOW, "new_button");

  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "welcome");
  g_assert_true (gtk_widget_get_mapped (page_child (f, "welcome_new_button")));
  g_assert_true (gtk_widget_get_mapped (page_child (f, "welcome_example_button")));
  /* The header's "New …" is the view's. */
  g_assert_cmpstr (xarxa_page_get_new_label (XARXA_PAGE (f->page)), ==, "New Cluster");
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (new_button), "New Cluster"));
}

static void
test_create_and_edit (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = create_through_dialog (f, "Clúster Aigua");
  g_autofree char *name = NULL;
  g_autofree char *start = NULL;
  g_autofree char *field = NULL;
  g_autofree char *status = NULL;
  GtkWidget *start_row;

  g_assert_nonnull (id);
  name = stored_string (f->store, "cluster", id, "name");
  g_assert_cmpstr (name, ==, "Clúster Aigua");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "clusters");
  g_assert_cmpstr (visible_child (f, "detail_stack"), ==, "editor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (f, "name_row"))), ==, "Clúster Aigua");

  /* A bad date: refused on the row, with the message, nothing saved. */
  start_row = editor_child (f, "start_date_row");
  set_and_apply (start_row, "2026-02-31");
  g_assert_true (gtk_widget_has_css_class (start_row, "error"));
  g_assert_cmpstr (gtk_label_get_label (editor_child (f, "start_date_error_label")), !=, "");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (editor_child (f, "start_date_error_label"),
                                                                  ADW_TYPE_PREFERENCES_ROW)));
  start = stored_string (f->store, "cluster", id, "start_date");
  g_assert_null (start);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start_row)), ==, "2026-02-31");

  set_and_apply (start_row, "2026-03-01");
  g_assert_false (gtk_widget_has_css_class (start_row, "error"));
  start = stored_string (f->store, "cluster", id, "start_date");
  g_assert_cmpstr (start, ==, "2026-03-01");

  set_and_apply (editor_child (f, "field_row"), "Water and sanitation");
  field = stored_string (f->store, "cluster", id, "field");
  g_assert_cmpstr (field, ==, "Water and sanitation");

  xarxa_choice_drop_down_set_selected_id (editor_child (f, "status_drop_down"), "active");
  status = stored_string (f->store, "cluster", id, "status");
  g_assert_cmpstr (status, ==, "active");

  gtk_check_button_set_active (editor_child (f, "ecological_check"), TRUE);
  {
    g_autoptr(JsonObject) record = xarxa_store_get_record (f->store, "cluster", id, NULL);
    JsonArray *transitions = json_object_get_array_member (record, "transitions");

    g_assert_cmpuint (json_array_get_length (transitions), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (transitions, 0), ==, "ecological");
  }
}

static GtkWindow *
open_picker (Fixture *f)
{
  GtkWindow *picker;

  gtk_widget_activate_action (page_child (f, "editor"), "cluster.add-member", NULL);
  WAIT_FOR ((picker = find_toplevel ("member-picker")) != NULL);
  return picker;
}

static guint
picker_n_listed (GtkWindow *picker)
{
  GtkListView *view = child (picker, XARXA_TYPE_MEMBER_PICKER, "list_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)));
}

/* Types @words in the picker's search and adds the first match as @role. */
static void
pick (GtkWindow  *picker,
      const char *words,
      const char *role)
{
  gtk_editable_set_text (GTK_EDITABLE (child (picker, XARXA_TYPE_MEMBER_PICKER, "search_entry")), words);
  WAIT_FOR (picker_n_listed (picker) == 1);
  xarxa_choice_drop_down_set_selected_id (child (picker, XARXA_TYPE_MEMBER_PICKER, "role_drop_down"), role);
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.add", NULL);
  drain ();
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_remove_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Remove") == 0;
}

static guint
n_member_rows (Fixture *f)
{
  AdwPreferencesGroup *group = editor_child (f, "members_group");
  guint n = 0;

  /* The group's rows live in its list box. */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (group)); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *list = find_descendant (w, is_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_BOX));

      if (list == NULL)
        continue;
      for (GtkWidget *r = gtk_widget_get_first_child (list); r != NULL; r = gtk_widget_get_next_sibling (r))
        if (ADW_IS_EXPANDER_ROW (r))
          n++;
      break;
    }
  return n;
}

static void
test_members (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *terra = add_record (f, "entity", "name", "Fundació Terra Viva", NULL);
  g_autofree char *ateneu = add_record (f, "entity", "name", "Ateneu Popular", NULL);
  g_autofree char *id = create_through_dialog (f, "Clúster Aigua");
  g_autofree char *role = NULL;
  g_autofree char *member_id = NULL;
  GtkWindow *picker;
  GtkWidget *error_label;

  g_assert_nonnull (id);
  /* None yet: the cluster says it has no coordinator. */
  g_assert_true (gtk_widget_get_visible (editor_child (f, "no_coordinator_row")));

  picker = open_picker (f);
  /* The whole directory at first, then what the words find. */
  WAIT_FOR (picker_n_listed (picker) == 2);
  pick (picker, "ateneu", "member");
  WAIT_FOR (find_toplevel ("member-picker") == NULL);
  g_assert_cmpint (xarxa_store_count (f->store, "cluster_member"), ==, 1);
  g_assert_cmpuint (n_member_rows (f), ==, 1);
  g_assert_true (gtk_widget_get_visible (editor_child (f, "no_coordinator_row")));

  picker = open_picker (f);
  pick (picker, "terra viv", "coordinator");
  WAIT_FOR (find_toplevel ("member-picker") == NULL);
  g_assert_cmpint (xarxa_store_count (f->store, "cluster_member"), ==, 2);
  g_assert_cmpuint (n_member_rows (f), ==, 2);
  g_assert_false (gtk_widget_get_visible (editor_child (f, "no_coordinator_row")));
  member_id = xarxa_record_type_pair_id (xarxa_schema_lookup ("cluster_member"), id, terra);
  role = stored_string (f->store, "cluster_member", member_id, "role");
  g_assert_cmpstr (role, ==, "coordinator");
  /* The list says it too. */
  {
    GtkWidget *row = find_descendant (page_child (f, "list_view"), is_type, GSIZE_TO_POINTER (XARXA_TYPE_CLUSTER_ROW));

    g_assert_nonnull (row);
    WAIT_FOR (g_strcmp0 (gtk_label_get_label (child (row, XARXA_TYPE_CLUSTER_ROW, "members_label")),
                         "2 members · Fundació Terra Viva") == 0);
  }

  /* The same organisation twice: refused with the store's message, the
   * picker stays open to choose again, nothing written. */
  picker = open_picker (f);
  pick (picker, "terra", "member");
  error_label = child (picker, XARXA_TYPE_MEMBER_PICKER, "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "already a member"));
  g_assert_true (find_toplevel ("member-picker") == picker);
  g_assert_cmpint (xarxa_store_count (f->store, "cluster_member"), ==, 2);
  g_clear_pointer (&role, g_free);
  role = stored_string (f->store, "cluster_member", member_id, "role");
  g_assert_cmpstr (role, ==, "coordinator");

  /* An organisation not in the directory, created on the spot. */
  gtk_editable_set_text (GTK_EDITABLE (child (picker, XARXA_TYPE_MEMBER_PICKER, "search_entry")), "Cooperativa Nova");
  WAIT_FOR (picker_n_listed (picker) == 0 &&
            gtk_widget_get_visible (child (picker, XARXA_TYPE_MEMBER_PICKER, "create_button")));
  g_assert_false (gtk_widget_get_visible (error_label));
  gtk_widget_activate_action (GTK_WIDGET (picker), "picker.create", NULL);
  WAIT_FOR (find_toplevel ("member-picker") == NULL);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 3);
  g_assert_cmpint (xarxa_store_count (f->store, "cluster_member"), ==, 3);
  g_assert_cmpuint (n_member_rows (f), ==, 3);

  /* Removed from the cluster, then back with Undo. */
  {
    GtkWidget *remove = find_descendant (page_child (f, "editor"), is_remove_button, NULL);
    g_autofree char *removed = NULL;
    g_autoptr(JsonObject) tombstone = NULL;

    g_assert_nonnull (remove);
    removed = g_strdup (xarxa_records_group_row_record_id (remove));
    g_assert_nonnull (removed);
    g_signal_emit_by_name (remove, "clicked");
    drain ();
    g_assert_cmpint (xarxa_store_count (f->store, "cluster_member"), ==, 2);
    g_assert_cmpuint (n_member_rows (f), ==, 2);
    tombstone = xarxa_store_get_record (f->store, "cluster_member", removed, NULL);
    g_assert_true (json_object_get_boolean_member (tombstone, "deleted"));
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undelete", "(ss)", "cluster_member", removed);
    drain ();
    g_assert_cmpint (xarxa_store_count (f->store, "cluster_member"), ==, 3);
    g_assert_cmpuint (n_member_rows (f), ==, 3);
  }
  (void) ateneu;
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *keep = xarxa_clusters_page_create_cluster (f->page, "Digital rights alliance");
  g_autofree char *gone = xarxa_clusters_page_create_cluster (f->page, "Clúster Aigua");
  g_autoptr(JsonObject) tombstone = NULL;

  WAIT_FOR (n_listed (f) == 2);
  g_assert_cmpstr (xarxa_clusters_page_get_shown_id (f->page), ==, gone);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "clusters.delete", NULL);
  WAIT_FOR (n_listed (f) == 1);
  g_assert_null (xarxa_clusters_page_get_shown_id (f->page));
  g_assert_cmpstr (visible_child (f, "detail_stack"), ==, "none");
  g_assert_cmpint (xarxa_store_count (f->store, "cluster"), ==, 1);
  tombstone = xarxa_store_get_record (f->store, "cluster", gone, NULL);
  g_assert_true (json_object_get_boolean_member (tombstone, "deleted"));

  /* What the toast's Undo button activates. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undelete", "(ss)", "cluster", gone);
  WAIT_FOR (n_listed (f) == 2);
  g_assert_cmpstr (xarxa_clusters_page_get_shown_id (f->page), ==, gone);
  g_assert_cmpint (xarxa_store_count (f->store, "cluster"), ==, 2);
  (void) keep;
}

static void
test_search_and_filters (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *water = add_record (f, "cluster", "name", "Clúster Aigua", "status", "active",
                                       "transitions", "ecological", "field", "Water", NULL);
  g_autofree char *digital = add_record (f, "cluster", "name", "Digital rights alliance", "status", "forming",
                                         "transitions", "technological", NULL);
  g_autofree char *housing = add_record (f, "cluster", "name", "Habitatge digne", "status", "active",
                                         "transitions", "social", NULL);
  GtkWidget *search = page_child (f, "search_entry");

  WAIT_FOR (n_listed (f) == 3);
  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "clusters");

  /* Accents folded, words by their beginning. */
  gtk_editable_set_text (GTK_EDITABLE (search), "clust aig");
  WAIT_FOR (n_listed (f) == 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "nothing like this");
  WAIT_FOR (n_listed (f) == 0);
  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "clusters");
  g_assert_cmpstr (visible_child (f, "list_stack"), ==, "empty");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  WAIT_FOR (n_listed (f) == 3);

  xarxa_choice_drop_down_set_selected_id (page_child (f, "status_filter"), "active");
  WAIT_FOR (n_listed (f) == 2);
  xarxa_choice_drop_down_set_selected_id (page_child (f, "transition_filter"), "social");
  WAIT_FOR (n_listed (f) == 1);
  {
    g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (page_child (f, "list_view"))), 0);

    g_assert_cmpstr (xarxa_record_get_id (XARXA_RECORD (item)), ==, housing);
  }

  gtk_widget_activate_action (GTK_WIDGET (f->page), "clusters.clear-filters", NULL);
  WAIT_FOR (n_listed (f) == 3);
  (void) water;
  (void) digital;
}

static void
test_directory_link (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *entity = add_record (f, "entity", "name", "Fundació Terra Viva", NULL);
  g_autofree char *cluster = add_record (f, "cluster", "name", "Clúster Aigua", NULL);
  g_autofree char *member = add_record (f, "cluster_member", "cluster_id", cluster, "entity_id", entity,
                                        "role", "coordinator", NULL);
  AdwViewStack *stack = child (f->window, XARXA_TYPE_WINDOW, "view_stack");
  XarxaDirectoryPage *directory = child (f->window, XARXA_TYPE_WINDOW, "directory_page");
  GtkWidget *editor;
  GtkWidget *group;
  GtkWidget *row;

  adw_view_stack_set_visible_child_name (stack, "directory");
  xarxa_directory_page_open_entity (directory, entity);
  drain ();
  editor = gtk_stack_get_child_by_name (child (directory, XARXA_TYPE_DIRECTORY_PAGE, "detail_stack"), "editor");
  group = child (editor, XARXA_TYPE_ENTITY_EDITOR, "clusters_group");
  g_assert_true (gtk_widget_get_visible (group));
  row = find_descendant (group, is_type, GSIZE_TO_POINTER (ADW_TYPE_ACTION_ROW));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Clúster Aigua");

  gtk_widget_activate (row);
  drain ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "clusters");
  g_assert_cmpstr (xarxa_clusters_page_get_shown_id (f->page), ==, cluster);
  g_assert_cmpstr (visible_child (f, "detail_stack"), ==, "editor");
  (void) member;
}

static int
min_width (GtkWidget *widget)
{
  int min = 0, nat = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return min;
}

/* The HIG's narrowest phone: the window fits in 360 pixels on the
 * Clusters view, empty and with a cluster and its members open. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *entity = add_record (f, "entity", "name", "Associació Veïnal Sant Narcís Obert i Solidari", NULL);
  g_autofree char *cluster = NULL;
  g_autofree char *member = NULL;

  g_assert_cmpint (min_width (GTK_WIDGET (f->window)), <=, 360);
  cluster = xarxa_clusters_page_create_cluster (f->page, "Clúster per l’habitatge digne i la rehabilitació energètica");
  member = add_record (f, "cluster_member", "cluster_id", cluster, "entity_id", entity, "role", "coordinator", NULL);
  xarxa_cluster_editor_reload_members (XARXA_CLUSTER_EDITOR (page_child (f, "editor")));
  drain ();
  g_assert_cmpint (min_width (GTK_WIDGET (f->window)), <=, 360);
  (void) member;
}


/* A long list: GTK 4.8 binds up to 200 rows, but only those on screen (or
 * next to it) compute their figures; those scrolled to compute theirs
 * before they are drawn. */
static gboolean
row_on_screen (GtkWidget *row,
               GtkWidget *view)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (row, view, &bounds))
    return FALSE;
  return bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (view) &&
         bounds.size.height > 0;
}

/* Counts the rows bound, those with their figures, and checks that each
 * row on screen shows them ("1 member · …"). */
static void
count_rows (Fixture *f,
            guint   *n_bound,
            guint   *n_figures,
            guint   *n_on_screen)
{
  GtkWidget *view = page_child (f, "list_view");

  *n_bound = *n_figures = *n_on_screen = 0;
  for (GtkWidget *item = gtk_widget_get_first_child (view); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      const char *name;

      if (!XARXA_IS_CLUSTER_ROW (row))
        continue;
      name = gtk_label_get_label (child (row, XARXA_TYPE_CLUSTER_ROW, "name_label"));
      if (name[0] == '\0')
        continue;
      (*n_bound)++;
      if (xarxa_cluster_row_get_figures_shown (XARXA_CLUSTER_ROW (row)))
        (*n_figures)++;
      if (row_on_screen (row, view))
        {
          (*n_on_screen)++;
          g_assert_true (xarxa_cluster_row_get_figures_shown (XARXA_CLUSTER_ROW (row)));
          g_assert_cmpstr (gtk_label_get_label (child (row, XARXA_TYPE_CLUSTER_ROW, "members_label")),
                           ==, "1 member · Fundació Terra Viva");
        }
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *paints)
{
  (*paints)++;
}

static void
wait_for_paint (Fixture *f,
                guint   *paints)
{
  guint before = *paints;

  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  WAIT_FOR (*paints > before);
}

static void
test_long_list (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *entity = add_record (f, "entity", "name", "Fundació Terra Viva", NULL);
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  guint paints = 0, n_bound, n_figures, n_on_screen;

  g_assert_true (xarxa_store_begin (f->store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Clúster %03u", i);
      g_autofree char *cluster = add_record (f, "cluster", "name", name, NULL);

      g_free (add_record (f, "cluster_member", "cluster_id", cluster, "entity_id", entity, "role", "coordinator", NULL));
    }
  g_assert_true (xarxa_store_commit (f->store, &error));
  xarxa_store_emit_changed (f->store, "cluster", NULL);
  WAIT_FOR (n_listed (f) == 300);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &paints);
  wait_for_paint (f, &paints);
  count_rows (f, &n_bound, &n_figures, &n_on_screen);
  g_test_message ("%u rows bound, %u with figures, %u on screen", n_bound, n_figures, n_on_screen);
  g_assert_cmpuint (n_on_screen, >, 0);
  g_assert_cmpuint (n_figures, >=, n_on_screen);
  /* Not every row GTK bound. */
  g_assert_cmpuint (n_figures, <, n_bound);

  /* To the end: the last clusters on screen show their figures when drawn. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (page_child (f, "list_view")));
  for (guint i = 0; i < 20 && gtk_adjustment_get_value (adjustment) <
                                gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 1; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      wait_for_paint (f, &paints);
      count_rows (f, &n_bound, &n_figures, &n_on_screen);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_cmpuint (n_on_screen, >, 0);

  /* And back to the middle, a step at a time, as a wheel scrolls. */
  for (guint i = 0; i < 40; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) - 150);
      wait_for_paint (f, &paints);
      count_rows (f, &n_bound, &n_figures, &n_on_screen);
    }
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, &paints);
}

/* A row shows its cluster's progress, in a bar made for the rows that
 * have any, read by screen readers as words. */
static gboolean
is_level_bar (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_LEVEL_BAR (widget) && gtk_widget_get_visible (widget);
}

static void
test_row_progress (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cluster = add_record (f, "cluster", "name", "Clúster Aigua", NULL);
  g_autofree char *objective = add_record (f, "objective", "cluster_id", cluster, "title", "Accés a l’aigua", NULL);
  g_autofree char *indicator = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(JsonObject) measurement = json_object_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *bar = NULL;

  WAIT_FOR (n_listed (f) == 1);
  WAIT_FOR ((row = find_descendant (page_child (f, "list_view"), is_type, GSIZE_TO_POINTER (XARXA_TYPE_CLUSTER_ROW))) != NULL);
  drain ();
  /* Nothing measured: no bar. */
  g_assert_null (find_descendant (row, is_level_bar, NULL));

  json_object_set_string_member (values, "cluster_id", cluster);
  json_object_set_string_member (values, "objective_id", objective);
  json_object_set_string_member (values, "name", "Llars amb aigua");
  json_object_set_string_member (values, "unit", "%");
  json_object_set_double_member (values, "baseline", 20);
  json_object_set_double_member (values, "target", 50);
  json_object_set_string_member (values, "direction", "up");
  indicator = xarxa_store_create_record (f->store, "indicator", values, &error);
  g_assert_no_error (error);
  json_object_set_string_member (measurement, "cluster_id", cluster);
  json_object_set_string_member (measurement, "indicator_id", indicator);
  json_object_set_string_member (measurement, "measured_on", "2026-06-01");
  json_object_set_double_member (measurement, "value", 35);
  g_free (xarxa_store_create_record (f->store, "indicator_value", measurement, &error));
  g_assert_no_error (error);

  WAIT_FOR ((bar = find_descendant (row, is_level_bar, NULL)) != NULL);
  g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (GTK_LEVEL_BAR (bar)), 0.5, 1e-9);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (bar), ==, "Progress: 50 %");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/clusters-ui/first-run", Fixture, NULL, fixture_set_up, test_first_run, fixture_tear_down);
  g_test_add ("/clusters-ui/create-and-edit", Fixture, NULL, fixture_set_up, test_create_and_edit, fixture_tear_down);
  g_test_add ("/clusters-ui/members", Fixture, NULL, fixture_set_up, test_members, fixture_tear_down);
  g_test_add ("/clusters-ui/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/clusters-ui/search-and-filters", Fixture, NULL, fixture_set_up, test_search_and_filters, fixture_tear_down);
  g_test_add ("/clusters-ui/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/clusters-ui/directory-link", Fixture, NULL, fixture_set_up, test_directory_link, fixture_tear_down);
  g_test_add ("/clusters-ui/long-list", Fixture, NULL, fixture_set_up, test_long_list, fixture_tear_down);
  g_test_add ("/clusters-ui/row-progress", Fixture, NULL, fixture_set_up, test_row_progress, fixture_tear_down);

  return g_test_run ();
}
