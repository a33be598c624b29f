/* test-global-search-ui.c — one search across the four views, as a person
 * uses it: Ctrl+K's window, words typed, the hits grouped by kind with
 * their words marked, and a hit opened in its view with Enter.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-global-search-ui"

#include "config.h"

#include <string.h>

#include "xarxa-clusters-page.h"
#include "xarxa-entity-editor.h"
#include "xarxa-search-window.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  TestStore    base;
  XarxaWindow *window;
  char        *entity;
  char        *person;
  char        *cluster;
  char        *mission;
  char        *note;
} Fixture;

/* A record of @type with one or two text fields. */
#define add(store, type, field, value, field2, value2) \
  test_add_record ((store), (type), (field), (value), (field2), (value2), NULL)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  test_store_set_up (&f->base, data);
  f->entity = test_add_entity (f->base.store, "Cooperativa Solar del Pla", NULL);
  f->person = add (f->base.store, "contact", "entity_id", f->entity, "full_name", "Jordi Solà");
  f->cluster = add (f->base.store, "cluster", "name", "Energia solar compartida", "objective", "Roofs for all");
  f->mission = add (f->base.store, "mission", "title", "Visit to Bologna", NULL, NULL);
  f->note = add (f->base.store, "field_note", "mission_id", f->mission, "text", "The solar <b>panels</b> & the street");
  f->window = ui_test_open_window (f->base.store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *search = find_toplevel ("global-search");

  if (search != NULL)
    gtk_window_destroy (search);
  destroy_window (f->window);
  g_free (f->entity);
  g_free (f->person);
  g_free (f->cluster);
  g_free (f->mission);
  g_free (f->note);
  test_store_tear_down (&f->base, data);
}

static XarxaSearchWindow *
open_search (Fixture *f)
{
  GtkWindow *search;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.global-search", NULL);
  WAIT_FOR ((search = find_toplevel ("global-search")) != NULL);
  return XARXA_SEARCH_WINDOW (search);
}

static gboolean
is_list_box (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget);
}

static gboolean
is_search_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static GtkListBoxRow *
row_at (XarxaSearchWindow *search,
        guint              i)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (search), is_list_box, NULL);

  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) i);
}

static const char *
row_string (GtkListBoxRow *row,
            const char    *key)
{
  return g_object_get_data (G_OBJECT (row), key);
}

static gboolean
is_view_stack (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_VIEW_STACK (widget);
}

static GtkWidget *
page (Fixture    *f,
      const char *name)
{
  GtkWidget *stack = find_descendant (GTK_WIDGET (f->window), is_view_stack, NULL);

  return adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), name);
}

static const char *
visible_view (Fixture *f)
{
  GtkWidget *stack = find_descendant (GTK_WIDGET (f->window), is_view_stack, NULL);

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

static gboolean
is_entity_editor (GtkWidget     *widget,
                  gconstpointer  data)
{
  return XARXA_IS_ENTITY_EDITOR (widget);
}

/* Every kind in one list, grouped, each hit's words marked and nothing of
 * a record read as markup. */
static void
test_grouped_hits (Fixture       *f,
                   gconstpointer  data)
{
  XarxaSearchWindow *search = open_search (f);
  const char *kinds[] = { "entity", "contact", "cluster", "field_note" };
  GtkListBoxRow *row;
  GtkWidget *header;

  /* Nothing typed: nothing listed. */
  g_assert_cmpuint (xarxa_search_window_get_n_hits (search), ==, 0);

  xarxa_search_window_search (search, "sola");
  g_assert_cmpuint (xarxa_search_window_get_n_hits (search), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpstr (row_string (row_at (search, i), "xarxa-type"), ==, kinds[i]);
  g_assert_cmpstr (row_string (row_at (search, 1), "xarxa-id"), ==, f->person);

  /* A heading over the first of each kind only. */
  drain ();
  header = gtk_list_box_row_get_header (row_at (search, 0));
  g_assert_true (GTK_IS_LABEL (header));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (header)), ==, "Organisations");
  g_assert_nonnull (gtk_list_box_row_get_header (row_at (search, 1)));

  /* The note's words: marked in bold, its own "<b>" shown as typed. */
  row = row_at (search, 3);
  {
    GtkWidget *box = gtk_list_box_row_get_child (row);
    GtkWidget *snippet = gtk_widget_get_last_child (box);
    const char *markup = gtk_label_get_label (GTK_LABEL (snippet));

    g_assert_nonnull (strstr (markup, "<b>solar</b>"));
    g_assert_nonnull (strstr (markup, "&lt;b&gt;panels&lt;/b&gt; &amp;"));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (snippet)), "<b>panels</b> & the street"));
  }

  /* Words nothing holds: no hits, and the page says so. */
  xarxa_search_window_search (search, "sola zzzz");
  g_assert_cmpuint (xarxa_search_window_get_n_hits (search), ==, 0);
  g_assert_null (row_at (search, 0));
}

/* Enter in the entry opens the first hit in its view; a person's hit opens
 * their organisation; a cluster opens in the Clusters view. */
static void
test_enter_opens (Fixture       *f,
                  gconstpointer  data)
{
  XarxaSearchWindow *search = open_search (f);
  GtkWidget *entry = find_descendant (GTK_WIDGET (search), is_search_entry, NULL);
  XarxaEntityEditor *editor;

  gtk_editable_set_text (GTK_EDITABLE (entry), "cooperativa");
  g_signal_emit_by_name (entry, "activate");
  WAIT_FOR (find_toplevel ("global-search") == NULL);
  g_assert_cmpstr (visible_view (f), ==, "directory");
  editor = XARXA_ENTITY_EDITOR (find_descendant (page (f, "directory"), is_entity_editor, NULL));
  WAIT_FOR (g_strcmp0 (xarxa_entity_editor_get_entity_id (editor), f->entity) == 0);

  /* To the Clusters view, then a person: back to the directory, on their
   * organisation. */
  search = open_search (f);
  xarxa_search_window_search (search, "compartida");
  g_signal_emit_by_name (row_at (search, 0), "activate");
  WAIT_FOR (find_toplevel ("global-search") == NULL);
  g_assert_cmpstr (visible_view (f), ==, "clusters");
  g_assert_cmpstr (xarxa_clusters_page_get_shown_id (XARXA_CLUSTERS_PAGE (page (f, "clusters"))), ==, f->cluster);

  xarxa_entity_editor_set_entity (editor, NULL);
  search = open_search (f);
  xarxa_search_window_search (search, "jordi");
  /* The organisation holds the person's name too; the person comes next. */
  g_assert_cmpstr (row_string (row_at (search, 0), "xarxa-type"), ==, "entity");
  g_assert_cmpstr (row_string (row_at (search, 1), "xarxa-type"), ==, "contact");
  g_signal_emit_by_name (row_at (search, 1), "activate");
  WAIT_FOR (find_toplevel ("global-search") == NULL);
  g_assert_cmpstr (visible_view (f), ==, "directory");
  WAIT_FOR (g_strcmp0 (xarxa_entity_editor_get_entity_id (editor), f->entity) == 0);

  /* Escape closes it without opening anything. */
  search = open_search (f);
  gtk_widget_activate_action (GTK_WIDGET (search), "window.close", NULL);
  WAIT_FOR (find_toplevel ("global-search") == NULL);
  g_assert_cmpstr (visible_view (f), ==, "directory");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/global-search-ui/grouped-hits", Fixture, NULL, fixture_set_up, test_grouped_hits, fixture_tear_down);
  g_test_add ("/global-search-ui/enter-opens", Fixture, NULL, fixture_set_up, test_enter_opens, fixture_tear_down);
  return g_test_run ();
}
