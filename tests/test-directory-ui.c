/* test-directory-ui.c — the Directory view driven as a person would, under Xvfb.
 *
 * Builds the real window over a database in a temporary folder and works
 * through its widgets and actions: first run, create through the form, find
 * by search, edit in place, invalid input, duplicates, delete and Undo,
 * contacts, a long directory read after the first frame, and a database
 * that cannot be opened.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-directory-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-contact-dialog.h"
#include "xarxa-directory-filters.h"
#include "xarxa-directory-page.h"
#include "xarxa-entity-editor.h"
#include "xarxa-record-list.h"
#include "xarxa-entity-row.h"
#include "xarxa-error.h"
#include "xarxa-field-row.h"
#include "xarxa-page.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  char               *dir;
  char               *db;
  XarxaStore         *store;
  XarxaWindow        *window;
  XarxaDirectoryPage *page;
} Fixture;

static gpointer
page_child (Fixture    *f,
            const char *name)
{
  return child (f->page, XARXA_TYPE_DIRECTORY_PAGE, name);
}

/* A widget of the filter popover. */
static gpointer
filters_child (Fixture    *f,
               const char *name)
{
  return child (page_child (f, "filters"), XARXA_TYPE_DIRECTORY_FILTERS, name);
}

/* The editor is built when first needed, or when the window is idle. */
static XarxaEntityEditor *
editor (Fixture *f)
{
  GtkWidget *editor = gtk_stack_get_child_by_name (GTK_STACK (page_child (f, "detail_stack")), "editor");

  g_assert_nonnull (editor);
  return XARXA_ENTITY_EDITOR (editor);
}

static GtkWidget *
editor_row (Fixture    *f,
            const char *name)
{
  return child (editor (f), XARXA_TYPE_ENTITY_EDITOR, name);
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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_store (&f->dir, &f->db);
  f->window = ui_test_open_window (f->store);
  f->page = child (f->window, XARXA_TYPE_WINDOW, "directory_page");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = find_toplevel ("new-entity-dialog")) != NULL ||
         (dialog = find_toplevel ("duplicate-dialog")) != NULL ||
         (dialog = find_toplevel ("contact-dialog")) != NULL)
    gtk_window_destroy (dialog);

  destroy_window (f->window);
  test_close_store (&f->store, &f->dir, &f->db);
}

/* Creates an organisation the way a person does: New, type a name, Create. */
static char *
create_through_dialog (Fixture    *f,
                       const char *name)
{
  ui_test_create_through_dialog (f->window, "new-entity-dialog", name);
  return g_strdup (xarxa_entity_editor_get_entity_id (editor (f)));
}

static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  AdwStatusPage *welcome = page_child (f, "welcome_page");

  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "welcome");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (welcome)));
  g_assert_cmpstr (adw_status_page_get_title (welcome), ==, "Welcome to Xarxa");
  g_assert_true (gtk_widget_get_mapped (page_child (f, "welcome_import_button")));
  g_assert_true (gtk_widget_get_mapped (page_child (f, "welcome_example_button")));
}

/* Open Example Network from the welcome page, then Undo from its toast. */
static void
test_example_and_undo (Fixture       *f,
                       gconstpointer  data)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-example", NULL);
  WAIT_FOR (n_listed (f) > 30);
  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "directory");
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n_listed (f));

  /* The first import batch of a new database is number 1. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-example", "x", (gint64) 1);
  WAIT_FOR (n_listed (f) == 0);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 0);
  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "welcome");
}

static int
min_width (GtkWidget *widget)
{
  int min = 0, nat = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return min;
}

static void
report_widths (GtkWidget *widget,
               int        depth)
{
  if (depth > 12)
    return;
  if (min_width (widget) > 60)
    g_test_message ("%*s%s %s: min %d", depth * 2, "", G_OBJECT_TYPE_NAME (widget),
                    gtk_widget_get_name (widget), min_width (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    report_widths (c, depth + 1);
}

/* The HIG's narrowest phone: the whole window, header bar included, fits
 * in 360 pixels, with the directory, the welcome page and an organisation
 * open. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = NULL;

  if (min_width (GTK_WIDGET (f->window)) > 360)
    report_widths (GTK_WIDGET (f->window), 0);   /* what is too wide */
  g_assert_cmpint (min_width (GTK_WIDGET (f->window)), <=, 360);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-example", NULL);
  WAIT_FOR (n_listed (f) > 30);
  id = create_through_dialog (f, "Casal Estret");
  drain ();
  if (min_width (GTK_WIDGET (f->window)) > 360)
    report_widths (GTK_WIDGET (f->window), 0);
  g_assert_cmpint (min_width (GTK_WIDGET (f->window)), <=, 360);
}

static void
test_create_search_edit (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;
  g_autofree char *name = NULL;
  g_autofree char *city = NULL;
  GtkWidget *search = page_child (f, "search_entry");

  id = create_through_dialog (f, "Fundació Terra Viva");
  g_assert_nonnull (id);
  name = stored_string (f->store, "entity", id, "name");
  g_assert_cmpstr (name, ==, "Fundació Terra Viva");

  /* The directory replaces the welcome page, the editor shows the record. */
  WAIT_FOR (g_strcmp0 (visible_child (f, "page_stack"), "directory") == 0);
  g_assert_cmpstr (visible_child (f, "detail_stack"), ==, "editor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_row (f, "name_row"))), ==, "Fundació Terra Viva");
  WAIT_FOR (n_listed (f) == 1);

  /* Edit in place: the city is stored when applied. */
  set_and_apply (editor_row (f, "city_row"), "Girona");
  city = stored_string (f->store, "entity", id, "city");
  g_assert_cmpstr (city, ==, "Girona");

  other = xarxa_directory_page_create_entity (f->page, "Cooperativa Arrel");
  g_assert_nonnull (other);
  WAIT_FOR (n_listed (f) == 2);

  /* Search as a person types: prefix, accents and case folded. */
  gtk_editable_set_text (GTK_EDITABLE (search), "fundacio ter");
  WAIT_FOR (n_listed (f) == 1);
  {
    GtkListView *view = page_child (f, "list_view");
    g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), 0);
    g_assert_cmpstr (xarxa_entity_get_id (XARXA_ENTITY (item)), ==, id);
  }
  g_assert_cmpstr (visible_child (f, "list_stack"), ==, "list");

  /* A field edited a moment ago is searchable too. */
  gtk_editable_set_text (GTK_EDITABLE (search), "girona");
  WAIT_FOR (n_listed (f) == 1);

  gtk_editable_set_text (GTK_EDITABLE (search), "zzzzqqq");
  WAIT_FOR (n_listed (f) == 0);
  g_assert_cmpstr (visible_child (f, "list_stack"), ==, "empty");
  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "directory");

  gtk_widget_activate_action (GTK_WIDGET (f->page), "directory.clear-filters", NULL);
  WAIT_FOR (n_listed (f) == 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
}

static void
test_invalid_input (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = create_through_dialog (f, "Xarxa Veïnal");
  GtkWidget *email = editor_row (f, "email_row");
  GtkWidget *email_error = editor_row (f, "email_error_row");
  GtkWidget *country = editor_row (f, "country_row");
  GtkWidget *name = editor_row (f, "name_row");
  g_autofree char *stored_email = NULL;
  g_autofree char *stored_country = NULL;
  g_autofree char *stored_name = NULL;

  g_assert_nonnull (id);
  g_assert_false (gtk_widget_get_visible (email_error));

  set_and_apply (email, "not-an-email");
  g_assert_true (gtk_widget_has_css_class (email, "error"));
  g_assert_true (gtk_widget_get_visible (email_error));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (editor_row (f, "email_error_label"))), !=, "");
  /* Nothing invalid is saved, nothing typed is thrown away. */
  stored_email = stored_string (f->store, "entity", id, "email");
  g_assert_null (stored_email);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email)), ==, "not-an-email");

  set_and_apply (email, "hola@veinal.cat");
  g_assert_false (gtk_widget_has_css_class (email, "error"));
  g_assert_false (gtk_widget_get_visible (email_error));
  g_clear_pointer (&stored_email, g_free);
  stored_email = stored_string (f->store, "entity", id, "email");
  g_assert_cmpstr (stored_email, ==, "hola@veinal.cat");

  /* An unknown country is refused; a name is stored as its code. */
  set_and_apply (country, "Atlantis");
  g_assert_true (gtk_widget_has_css_class (country, "error"));
  stored_country = stored_string (f->store, "entity", id, "country");
  g_assert_null (stored_country);
  set_and_apply (country, "spain");
  g_assert_false (gtk_widget_has_css_class (country, "error"));
  g_clear_pointer (&stored_country, g_free);
  stored_country = stored_string (f->store, "entity", id, "country");
  g_assert_cmpstr (stored_country, ==, "ES");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (country)), ==, "Spain");

  /* An organisation needs a name. */
  set_and_apply (name, "   ");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  stored_name = stored_string (f->store, "entity", id, "name");
  g_assert_cmpstr (stored_name, ==, "Xarxa Veïnal");
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *first = create_through_dialog (f, "Fundació Terra Viva");
  g_autofree char *third = NULL;
  GtkWindow *dialog;
  GtkWidget *entry;

  WAIT_FOR (n_listed (f) == 1);
  xarxa_directory_page_open_entity (f->page, NULL);
  g_assert_null (xarxa_entity_editor_get_entity_id (editor (f)));

  /* Same name once case and accents are folded: offered the existing one. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL);
  WAIT_FOR ((dialog = find_toplevel ("new-entity-dialog")) != NULL);
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "FUNDACIO terra viva");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  gtk_window_destroy (dialog);

  WAIT_FOR ((dialog = find_toplevel ("duplicate-dialog")) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Fundació Terra Viva"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "open");
  gtk_window_destroy (dialog);
  drain ();

  g_assert_cmpstr (xarxa_entity_editor_get_entity_id (editor (f)), ==, first);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 1);

  /* Or create it anyway. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL);
  WAIT_FOR ((dialog = find_toplevel ("new-entity-dialog")) != NULL);
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Fundacio Terra Viva");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  gtk_window_destroy (dialog);
  WAIT_FOR ((dialog = find_toplevel ("duplicate-dialog")) != NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  gtk_window_destroy (dialog);
  drain ();

  third = g_strdup (xarxa_entity_editor_get_entity_id (editor (f)));
  g_assert_nonnull (third);
  g_assert_cmpstr (third, !=, first);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 2);
  WAIT_FOR (n_listed (f) == 2);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *keep = xarxa_directory_page_create_entity (f->page, "Associació Codi Comú");
  g_autofree char *gone = xarxa_directory_page_create_entity (f->page, "Cooperativa Arrel");
  g_autoptr(JsonObject) tombstone = NULL;
  XarxaRecordList *list;

  WAIT_FOR (n_listed (f) == 2);
  g_assert_cmpstr (xarxa_entity_editor_get_entity_id (editor (f)), ==, gone);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "directory.delete", NULL);
  WAIT_FOR (n_listed (f) == 1);
  g_assert_null (xarxa_entity_editor_get_entity_id (editor (f)));
  g_assert_cmpstr (visible_child (f, "detail_stack"), ==, "none");
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 1);
  list = XARXA_RECORD_LIST (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (gtk_list_view_get_model (page_child (f, "list_view")))));
  g_assert_cmpuint (xarxa_record_list_find (list, gone), ==, G_MAXUINT);
  g_assert_cmpuint (xarxa_record_list_find (list, keep), !=, G_MAXUINT);

  /* The record stays, as a tombstone for sync. */
  tombstone = xarxa_store_get_record (f->store, "entity", gone, NULL);
  g_assert_nonnull (tombstone);
  g_assert_true (json_object_get_boolean_member (tombstone, "deleted"));

  /* What the toast's Undo button activates. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undelete", "(ss)", "entity", gone);
  WAIT_FOR (n_listed (f) == 2);
  g_assert_cmpstr (xarxa_entity_editor_get_entity_id (editor (f)), ==, gone);
  g_assert_cmpuint (xarxa_record_list_find (list, gone), !=, G_MAXUINT);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, 2);
}

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = xarxa_directory_page_create_entity (f->page, "Associació Codi Comú");
  g_autoptr(GPtrArray) contacts = NULL;
  GtkWidget *dialog;
  GtkWidget *full_name, *email;

  g_assert_true (gtk_widget_get_visible (editor_row (f, "no_contacts_row")));
  g_signal_emit_by_name (editor_row (f, "add_contact_button"), "clicked");
  WAIT_FOR ((dialog = GTK_WIDGET (find_toplevel ("contact-dialog"))) != NULL);
  full_name = child (dialog, XARXA_TYPE_CONTACT_DIALOG, "full_name_row");
  email = child (dialog, XARXA_TYPE_CONTACT_DIALOG, "email_row");

  gtk_editable_set_text (GTK_EDITABLE (full_name), "Núria Puig");
  gtk_editable_set_text (GTK_EDITABLE (email), "nuria@");
  g_assert_false (xarxa_contact_dialog_save (XARXA_CONTACT_DIALOG (dialog)));
  g_assert_true (gtk_widget_has_css_class (email, "error"));
  contacts = xarxa_store_list_contacts (f->store, id, NULL);
  g_assert_cmpuint (contacts->len, ==, 0);
  g_clear_pointer (&contacts, g_ptr_array_unref);

  gtk_editable_set_text (GTK_EDITABLE (email), "nuria@codicomu.cat");
  g_assert_true (xarxa_contact_dialog_save (XARXA_CONTACT_DIALOG (dialog)));
  drain ();
  g_assert_null (find_toplevel ("contact-dialog"));
  contacts = xarxa_store_list_contacts (f->store, id, NULL);
  g_assert_cmpuint (contacts->len, ==, 1);

  /* The editor lists the new contact instead of "No contact people yet". */
  g_assert_false (gtk_widget_get_visible (editor_row (f, "no_contacts_row")));
}

/* Keyboard Shortcuts from the menu: built when first asked for, then the
 * same window each time. */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkShortcutsWindow *overlay;

  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  g_assert_nonnull (overlay);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (f->window));

  gtk_window_close (GTK_WINDOW (overlay));
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)) == overlay);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
}

/* A directory longer than what is read before the first frame. */
#define N_LONG 1200

static void
fill_long_directory (XarxaStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (xarxa_store_begin (store, &error));
  for (guint i = 0; i < N_LONG; i++)
    {
      g_autoptr(JsonObject) values = json_object_new ();
      g_autofree char *name = g_strdup_printf ("Organització %04u", i);
      g_autofree char *id = NULL;

      json_object_set_string_member (values, "name", i == 700 ? "Cooperativa Arrel" : name);
      id = xarxa_store_create_record (store, "entity", values, &error);
      g_assert_no_error (error);
    }
  g_assert_true (xarxa_store_commit (store, &error));
}

typedef struct
{
  Fixture  *f;
  gboolean  painted;
  guint     listed_at_first_frame;
  gboolean  saw_welcome;
  gboolean  saw_nothing_found;
} LongWatch;

static void
long_first_paint_cb (GdkFrameClock *clock,
                     LongWatch     *watch)
{
  g_signal_handlers_disconnect_by_func (clock, long_first_paint_cb, watch);
  watch->painted = TRUE;
  watch->listed_at_first_frame = n_listed (watch->f);
}

static void
long_stack_changed_cb (GtkStack  *stack,
                       GParamSpec *pspec,
                       LongWatch *watch)
{
  const char *name = gtk_stack_get_visible_child_name (stack);

  watch->saw_welcome |= g_strcmp0 (name, "welcome") == 0;
  watch->saw_nothing_found |= g_strcmp0 (name, "empty") == 0;
}

static XarxaRecordList *
directory_list (Fixture *f)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (page_child (f, "list_view"));

  return XARXA_RECORD_LIST (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)));
}

/* A long directory: the window is drawn first, with a blank list (never
 * the welcome page or "no organisations found"), then the list fills; the
 * editor is ready by the time an organisation is opened. */
static void
test_long_directory (void)
{
  g_autofree char *expected_count = NULL;
  Fixture fixture = { 0 }, *f = &fixture;
  LongWatch watch = { f };
  GtkWidget *search, *focus;

  f->store = test_open_store (&f->dir, &f->db);
  fill_long_directory (f->store);

  f->window = xarxa_window_new (NULL, f->store, NULL);
  f->page = child (f->window, XARXA_TYPE_WINDOW, "directory_page");
  g_signal_connect (page_child (f, "page_stack"), "notify::visible-child-name", G_CALLBACK (long_stack_changed_cb), &watch);
  g_signal_connect (page_child (f, "list_stack"), "notify::visible-child-name", G_CALLBACK (long_stack_changed_cb), &watch);

  /* Before the first frame: the directory's frame, its list still blank. */
  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "directory");
  g_assert_cmpstr (visible_child (f, "list_stack"), ==, "list");
  g_assert_cmpstr (gtk_label_get_label (page_child (f, "count_label")), ==, "");
  g_assert_cmpstr (visible_child (f, "detail_stack"), ==, "none");

  gtk_window_present (GTK_WINDOW (f->window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), "after-paint",
                    G_CALLBACK (long_first_paint_cb), &watch);
  WAIT_FOR (watch.painted);
  g_assert_cmpuint (watch.listed_at_first_frame, ==, 0);

  WAIT_FOR (n_listed (f) == N_LONG);
  g_assert_true (xarxa_record_list_get_loaded (directory_list (f)));
  /* As the locale writes the number: gtk_test_init() runs the test in
   * en_US.UTF-8 where the machine has it ("1,200"), else in C ("1200"). */
  expected_count = g_strdup_printf ("%'u organisations", (guint) N_LONG);
  g_assert_cmpstr (gtk_label_get_label (page_child (f, "count_label")), ==, expected_count);
  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "directory");
  g_assert_cmpstr (visible_child (f, "list_stack"), ==, "list");
  g_assert_false (watch.saw_welcome);
  g_assert_false (watch.saw_nothing_found);

  /* The editor is built while the window is idle, and not shown. */
  WAIT_FOR (gtk_stack_get_child_by_name (GTK_STACK (page_child (f, "detail_stack")), "editor") != NULL);
  g_assert_cmpstr (visible_child (f, "detail_stack"), ==, "none");

  /* Ctrl+F, then Enter opens the first match. */
  search = page_child (f, "search_entry");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == search || gtk_widget_is_ancestor (focus, search));
  gtk_editable_set_text (GTK_EDITABLE (search), "arrel");
  WAIT_FOR (n_listed (f) == 1);
  g_signal_emit_by_name (search, "activate");
  drain ();
  g_assert_cmpstr (visible_child (f, "detail_stack"), ==, "editor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_row (f, "name_row"))), ==, "Cooperativa Arrel");

  fixture_tear_down (f, NULL);
}

/* A new window over the long directory of f->store, not yet shown. */
static XarxaRecordList *
open_long_window (Fixture *f)
{
  f->window = xarxa_window_new (NULL, f->store, NULL);
  f->page = child (f->window, XARXA_TYPE_WINDOW, "directory_page");
  g_assert_false (xarxa_record_list_get_loaded (directory_list (f)));
  return directory_list (f);
}

static void
close_long_window (Fixture *f)
{
  destroy_window (f->window);
  f->window = NULL;
  f->page = NULL;
}

static void
type_search (Fixture    *f,
             const char *text)
{
  GtkWidget *search = page_child (f, "search_entry");

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  /* At once, not after the entry's typing delay. */
  g_signal_emit_by_name (search, "search-changed");
}

/* What changes the query before or while the long directory is read is
 * what the list shows: a search typed, an organisation added; and a
 * window closed meanwhile leaves nothing behind. */
static void
test_long_directory_changed_while_loading (void)
{
  g_autofree char *id = NULL;
  g_autofree char *wal = NULL;
  Fixture fixture = { 0 }, *f = &fixture;
  XarxaRecordList *list;

  f->store = test_open_store (&f->dir, &f->db);
  fill_long_directory (f->store);
  wal = g_strconcat (f->db, "-wal", NULL);

  /* The window closed while the thread reads: the window goes at once and
   * the thread's late answer finds nobody. */
  list = open_long_window (f);
  xarxa_record_list_load (list);
  g_assert_true (xarxa_record_list_get_loading (list));
  close_long_window (f);

  /* A search typed before the reading starts: the reading answers it. */
  list = open_long_window (f);
  type_search (f, "arrel");
  g_assert_false (xarxa_record_list_get_loaded (list));
  g_assert_cmpstr (visible_child (f, "list_stack"), ==, "list");
  g_assert_cmpstr (visible_child (f, "page_stack"), ==, "directory");
  xarxa_record_list_load (list);
  WAIT_FOR (xarxa_record_list_get_loaded (list));
  g_assert_cmpuint (n_listed (f), ==, 1);
  g_assert_cmpstr (gtk_label_get_label (page_child (f, "count_label")), ==, "1 organisation found");
  close_long_window (f);

  /* A search typed while the thread reads every organisation. */
  list = open_long_window (f);
  xarxa_record_list_load (list);
  g_assert_true (xarxa_record_list_get_loading (list));
  type_search (f, "arrel");
  g_assert_cmpuint (n_listed (f), ==, 1);
  WAIT_FOR (!xarxa_record_list_get_loading (list));
  drain ();
  g_assert_cmpuint (n_listed (f), ==, 1);
  g_assert_cmpstr (gtk_label_get_label (page_child (f, "count_label")), ==, "1 organisation found");
  close_long_window (f);

  /* An organisation added while the thread reads. */
  list = open_long_window (f);
  xarxa_record_list_load (list);
  id = xarxa_directory_page_create_entity (f->page, "Ateneu Popular");
  g_assert_nonnull (id);
  g_assert_cmpuint (n_listed (f), ==, N_LONG + 1);
  WAIT_FOR (!xarxa_record_list_get_loading (list));
  drain ();
  g_assert_cmpuint (n_listed (f), ==, N_LONG + 1);
  g_assert_cmpuint (xarxa_record_list_find (list, id), !=, G_MAXUINT);
  g_assert_cmpstr (xarxa_entity_editor_get_entity_id (editor (f)), ==, id);
  close_long_window (f);
  g_assert_finalize_object (f->store);

  /* The last connection closed, the write-ahead log goes: then no thread
   * reads the file any more, and the folder can go. */
  WAIT_FOR (!g_file_test (wal, G_FILE_TEST_EXISTS));
  test_remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static gboolean
label_shows (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* The label under @widget whose shown text contains @text, if any. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  return find_descendant (widget, label_shows, text);
}

static void
test_open_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_dir (NULL);
  /* A name with markup characters in it is shown as written. */
  g_autofree char *path = g_build_filename (dir, "notes & <drafts>.db", NULL);
  const char *contents = "These are my notes, not a database.\n";
  g_autofree char *after = NULL;
  XarxaStore *store;
  XarxaWindow *window;
  GtkStack *stack;
  AdwStatusPage *status;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  store = xarxa_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);

  window = xarxa_window_new (NULL, NULL, error);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));

  stack = child (window, XARXA_TYPE_WINDOW, "main_stack");
  status = child (window, XARXA_TYPE_WINDOW, "error_page");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "notes &amp; &lt;drafts&gt;.db"));
  g_assert_nonnull (find_label (GTK_WIDGET (status), "notes & <drafts>.db"));
  g_assert_false (gtk_widget_is_sensitive (child (window, XARXA_TYPE_WINDOW, "new_button")) &&
                  gtk_widget_get_visible (child (window, XARXA_TYPE_WINDOW, "new_button")) &&
                  gtk_widget_get_mapped (child (window, XARXA_TYPE_WINDOW, "new_button")));

  /* The file is never touched. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, contents);

  destroy_window (window);

  test_remove_tree (dir);
}

static gboolean
entity_row_named (GtkWidget     *widget,
                  gconstpointer  name)
{
  return XARXA_IS_ENTITY_ROW (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (widget, XARXA_TYPE_ENTITY_ROW,
                                                                                  "name_label"))),
                    name) == 0;
}

/* The directory row whose first line reads name, once the list shows it. */
static GtkWidget *
find_entity_row (GtkWidget  *widget,
                 const char *name)
{
  return find_descendant (widget, entity_row_named, name);
}

static GtkAccessible *
row_line (GtkWidget  *row,
          const char *name)
{
  return GTK_ACCESSIBLE (gtk_widget_get_template_child (row, XARXA_TYPE_ENTITY_ROW, name));
}

/* The list item that holds the row is named by the organisation and
 * described by the row's other lines. */
static gboolean
row_reads (GtkWidget  *row,
           const char *name,
           const char *description)
{
  GtkAccessible *item = GTK_ACCESSIBLE (gtk_widget_get_parent (row));
  g_autofree char *wrong_name = gtk_test_accessible_check_property (item, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  g_autofree char *wrong_description = gtk_test_accessible_check_property (item, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                          description);

  if (wrong_name != NULL || wrong_description != NULL)
    g_test_message ("The row reads “%s”, “%s”", wrong_name != NULL ? wrong_name : name,
                    wrong_description != NULL ? wrong_description : description);
  return wrong_name == NULL && wrong_description == NULL;
}

static void
assert_hidden (GtkAccessible *line,
               gboolean       hidden)
{
  g_autofree char *mismatch = gtk_test_accessible_check_state (line, GTK_ACCESSIBLE_STATE_HIDDEN, hidden);

  g_assert_null (mismatch);
}

/* A screen reader reaches each row as a list item named by the
 * organisation and described by a sentence of its other lines, and does
 * not read an empty line out; the rows keep one height, and the whole name
 * shows on hover. */
static void
test_row_accessible (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *full = xarxa_directory_page_create_entity (f->page, "Cooperativa Prova");
  g_autofree char *bare = xarxa_directory_page_create_entity (f->page, "Associació Nua");
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonArray) transitions = json_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *list_view = page_child (f, "list_view");
  GtkWidget *full_row, *bare_row;
  const char *summary;

  json_object_set_string_member (changes, "kind", "cooperative");
  json_object_set_string_member (changes, "city", "Girona");
  json_object_set_string_member (changes, "country", "ES");
  json_array_add_string_element (transitions, "social");
  json_object_set_array_member (changes, "transitions", json_array_ref (transitions));
  g_assert_true (xarxa_store_update_record (f->store, "entity", full, changes, &error));
  g_assert_no_error (error);
  g_clear_pointer (&changes, json_object_unref);
  changes = json_object_new ();
  json_object_set_string_member (changes, "country", "FR");
  g_assert_true (xarxa_store_update_record (f->store, "entity", bare, changes, &error));
  g_assert_no_error (error);

  WAIT_FOR (n_listed (f) == 2);
  WAIT_FOR ((full_row = find_entity_row (list_view, "Cooperativa Prova")) != NULL &&
            (bare_row = find_entity_row (list_view, "Associació Nua")) != NULL &&
            gtk_label_get_text (GTK_LABEL (row_line (full_row, "transitions_label")))[0] != '\0' &&
            gtk_label_get_text (GTK_LABEL (row_line (bare_row, "summary_label")))[0] != '\0');

  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (gtk_widget_get_parent (full_row)),
                                               GTK_ACCESSIBLE_ROLE_LIST_ITEM));
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (full_row), GTK_ACCESSIBLE_ROLE_PRESENTATION));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row_line (full_row, "name_label"))), ==, "Cooperativa Prova");

  /* Name, then what and where, then the transitions. */
  summary = gtk_label_get_text (GTK_LABEL (row_line (full_row, "summary_label")));
  g_assert_nonnull (strstr (summary, "Girona"));
  {
    g_auto(GStrv) parts = g_strsplit (summary, " · ", -1);
    g_autofree char *spoken = g_strjoinv (", ", parts);
    /* What dots part on screen, commas part when it is read. */
    g_autofree char *expected = g_strdup_printf ("%s, Social", spoken);

    g_assert_cmpuint (g_strv_length (parts), >, 1);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_line (full_row, "transitions_label"))), ==, "Social");
    g_assert_true (row_reads (full_row, "Cooperativa Prova", expected));
  }
  assert_hidden (row_line (full_row, "name_label"), FALSE);
  assert_hidden (row_line (full_row, "summary_label"), FALSE);
  assert_hidden (row_line (full_row, "transitions_label"), FALSE);

  /* No transitions: nothing empty is read, yet the line keeps its room. */
  g_assert_true (row_reads (bare_row, "Associació Nua", "France"));
  assert_hidden (row_line (bare_row, "transitions_label"), TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row_line (bare_row, "transitions_label"))));
  g_assert_cmpint (gtk_widget_get_height (bare_row), ==, gtk_widget_get_height (full_row));

  /* A change of name reaches the screen reader too. */
  g_clear_pointer (&changes, json_object_unref);
  changes = json_object_new ();
  json_object_set_string_member (changes, "name", "Associació Nua i Clara");
  g_assert_true (xarxa_store_update_record (f->store, "entity", bare, changes, &error));
  g_assert_no_error (error);
  WAIT_FOR ((bare_row = find_entity_row (list_view, "Associació Nua i Clara")) != NULL);
  g_assert_true (row_reads (bare_row, "Associació Nua i Clara", "France"));
}

static char *
add_stored (Fixture    *f,
            const char *name)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, "name", name);
  id = xarxa_store_create_record (f->store, "entity", values, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
focus_within (Fixture   *f,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static const char *
listed_id (Fixture *f,
           guint    position)
{
  GtkListView *view = page_child (f, "list_view");
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);

  /* The list keeps its rows alive: the id outlives this reference. */
  return xarxa_entity_get_id (XARXA_ENTITY (item));
}

/* Choosing a row (a click, or the arrow keys) shows it in the editor and
 * leaves the keyboard in the list, the first time as every time; Enter or a
 * double click moves into the form. */
static void
test_focus_rule (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *list_view = page_child (f, "list_view");
  g_autofree char *a = add_stored (f, "Ateneu Popular");
  g_autofree char *b = add_stored (f, "Banc de Temps");
  g_autofree char *c = add_stored (f, "Casal de Joves");

  WAIT_FOR (n_listed (f) == 3);
  WAIT_FOR (gtk_stack_get_child_by_name (GTK_STACK (page_child (f, "detail_stack")), "editor") != NULL);
  g_assert_false (adw_leaflet_get_folded (page_child (f, "leaflet")));

  for (guint i = 0; i < 3; i++)
    {
      gtk_widget_grab_focus (list_view);
      gtk_widget_activate_action (list_view, "list.select-item", "(ubb)", i, FALSE, FALSE);
      drain ();
      g_assert_cmpstr (visible_child (f, "detail_stack"), ==, "editor");
      g_assert_cmpstr (xarxa_entity_editor_get_entity_id (editor (f)), ==, listed_id (f, i));
      g_assert_true (focus_within (f, list_view));
      g_assert_false (focus_within (f, GTK_WIDGET (editor (f))));
    }

  /* Enter (or a double click) activates the row: now the form has it. */
  gtk_widget_activate_action (list_view, "list.activate-item", "u", 1);
  drain ();
  g_assert_cmpstr (xarxa_entity_editor_get_entity_id (editor (f)), ==, listed_id (f, 1));
  g_assert_true (focus_within (f, editor_row (f, "name_row")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_row (f, "name_row"))), ==, "Banc de Temps");
}

/* On a wide window the list takes a fair share, more than its narrowest;
 * dragging its trailing edge resizes it, and the width is remembered. */
static void
test_list_width (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *pane = page_child (f, "sidebar_pane");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (pane);
  GtkGesture *drag = NULL;
  g_autofree char *id = xarxa_directory_page_create_entity (f->page, "Associació per a la Defensa dels Drets de les Persones Migrants a Catalunya");
  int width;

  /* The window opens 1,000 pixels wide (the settings' default), less its
   * shadow. */
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (f->window)) >= 950);
  WAIT_FOR (gtk_widget_get_width (pane) == g_settings_get_int (settings, "directory-list-width"));
  g_assert_cmpint (gtk_widget_get_width (pane), >, 400);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
    }
  g_assert_nonnull (drag);

  /* A press in the list itself is not a drag of the edge. */
  width = gtk_widget_get_width (pane);
  g_signal_emit_by_name (drag, "drag-begin", 100.0, 50.0);
  g_signal_emit_by_name (drag, "drag-update", 80.0, 0.0);
  g_signal_emit_by_name (drag, "drag-end", 80.0, 0.0);
  drain ();
  g_assert_cmpint (gtk_widget_get_width (pane), ==, width);

  /* On its edge: 80 pixels wider, kept in the settings. */
  g_signal_emit_by_name (drag, "drag-begin", (double) width - 2, 50.0);
  g_signal_emit_by_name (drag, "drag-update", 80.0, 0.0);
  g_signal_emit_by_name (drag, "drag-end", 80.0, 0.0);
  WAIT_FOR (gtk_widget_get_width (pane) == width + 80);
  g_assert_cmpint (g_settings_get_int (settings, "directory-list-width"), ==, width + 80);

  /* The whole name is there on hover, however the row cuts it. */
  {
    GtkWidget *row;

    WAIT_FOR ((row = find_entity_row (page_child (f, "list_view"),
                                      "Associació per a la Defensa dels Drets de les Persones Migrants a Catalunya")) != NULL);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row_line (row, "name_label"))), ==,
                     "Associació per a la Defensa dels Drets de les Persones Migrants a Catalunya");
  }

  g_settings_reset (settings, "directory-list-width");
}

/* Every choice list is in the order of its labels as the language sorts
 * them ("Germany" before "Spain" although DE… ES… FR… says otherwise),
 * "any" first; a choice filters the list. */
static void
test_filter_choices (Fixture       *f,
                     gconstpointer  data)
{
  XarxaChoiceDropDown *lists[] = {
    filters_child (f, "country_dropdown"), filters_child (f, "kind_dropdown"),
    filters_child (f, "transition_dropdown"), filters_child (f, "tag_dropdown"),
    filters_child (f, "membership_dropdown"),
  };
  XarxaChoiceDropDown *countries = lists[0];
  GtkMenuButton *filter_button = page_child (f, "filter_button");
  int germany = -1, spain = -1, france = -1;
  gint64 n_spain = 0;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-example", NULL);
  WAIT_FOR (n_listed (f) > 30);
  gtk_menu_button_popup (filter_button);
  WAIT_FOR (xarxa_choice_drop_down_get_n_choices (countries) > 20);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n = xarxa_choice_drop_down_get_n_choices (lists[l]);

      g_assert_cmpuint (n, >, 3);
      g_assert_null (xarxa_choice_drop_down_get_selected_id (lists[l]));   /* "any" */
      for (guint i = 2; i < n; i++)
        {
          const char *before = xarxa_choice_drop_down_get_label (lists[l], i - 1);
          const char *label = xarxa_choice_drop_down_get_label (lists[l], i);

          if (g_utf8_collate (before, label) > 0)
            g_error ("“%s” comes before “%s”", before, label);
        }
    }

  for (guint i = 1; i < xarxa_choice_drop_down_get_n_choices (countries); i++)
    {
      const char *label = xarxa_choice_drop_down_get_label (countries, i);

      if (g_str_equal (label, "Germany"))
        germany = i;
      else if (g_str_equal (label, "Spain"))
        spain = i;
      else if (g_str_equal (label, "France"))
        france = i;
    }
  g_assert_cmpint (france, >, 0);
  g_assert_cmpint (france, <, germany);
  g_assert_cmpint (germany, <, spain);

  /* Choosing Spain shows the Spanish organisations only. */
  xarxa_choice_drop_down_set_selected_id (countries, "ES");
  {
    g_autoptr(GArray) rows = NULL;
    g_autoptr(XarxaQuery) query = xarxa_query_new ("entity");
    g_autoptr(GError) error = NULL;

    g_assert_true (xarxa_query_set_filter (query, "country", "ES"));
    rows = xarxa_store_query_rowids (f->store, query, &error);
    g_assert_no_error (error);
    n_spain = rows->len;
  }
  g_assert_cmpint (n_spain, >, 5);
  WAIT_FOR (n_listed (f) == n_spain);
  g_assert_cmpstr (xarxa_choice_drop_down_get_selected_id (countries), ==, "ES");

  /* Choices re-read when the popover opens again keep the choice. */
  gtk_menu_button_popdown (filter_button);
  gtk_menu_button_popup (filter_button);
  drain ();
  g_assert_cmpstr (xarxa_choice_drop_down_get_selected_id (countries), ==, "ES");
  g_assert_cmpint (n_listed (f), ==, n_spain);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "directory.clear-filters", NULL);
  g_assert_null (xarxa_choice_drop_down_get_selected_id (countries));
  WAIT_FOR (n_listed (f) > 30);
  gtk_menu_button_popdown (filter_button);
}

/* On a 360-pixel window the filters stack, each label above its control,
 * and the popover fits; on a wide one they stand side by side. */
static void
test_filters_narrow (Fixture       *f,
                     gconstpointer  data)
{
  GtkMenuButton *filter_button = page_child (f, "filter_button");
  GtkWidget *grid = filters_child (f, "filter_grid");
  GtkWidget *country = filters_child (f, "country_dropdown");
  GtkWidget *label = gtk_widget_get_prev_sibling (country);
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (filter_button));
  graphene_rect_t label_box, country_box;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-example", NULL);
  WAIT_FOR (n_listed (f) > 30);

  /* Wide: beside. */
  gtk_menu_button_popup (filter_button);
  WAIT_FOR (gtk_widget_get_mapped (popover) && gtk_widget_get_width (country) > 0);
  g_assert_true (gtk_widget_compute_bounds (label, grid, &label_box));
  g_assert_true (gtk_widget_compute_bounds (country, grid, &country_box));
  g_assert_cmpfloat (label_box.origin.x + label_box.size.width, <=, country_box.origin.x);
  gtk_menu_button_popdown (filter_button);

  /* Narrow: above, and the popover no wider than the window. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  WAIT_FOR (adw_leaflet_get_folded (page_child (f, "leaflet")));
  gtk_menu_button_popup (filter_button);
  WAIT_FOR (gtk_widget_get_mapped (popover));
  drain ();
  WAIT_FOR (gtk_widget_compute_bounds (label, grid, &label_box) &&
            gtk_widget_compute_bounds (country, grid, &country_box) &&
            label_box.origin.y + label_box.size.height <= country_box.origin.y);
  g_assert_cmpfloat (label_box.origin.x, ==, country_box.origin.x);
  {
    int min = 0, nat = 0;

    gtk_widget_measure (popover, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_assert_cmpint (nat, <=, 360);
  }
  gtk_menu_button_popdown (filter_button);
}

/* The editor's choice rows are sorted by label too, and store the value
 * chosen, not its position. */
static void
test_editor_choices (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = xarxa_directory_page_create_entity (f->page, "Cooperativa Ordenada");
  AdwComboRow *kind = ADW_COMBO_ROW (editor_row (f, "kind_row"));
  GListModel *model = adw_combo_row_get_model (kind);
  guint n = g_list_model_get_n_items (model);
  guint cooperative = 0;
  g_autofree char *stored = NULL;

  g_assert_cmpuint (n, >, 5);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Not set");
  for (guint i = 2; i < n; i++)
    g_assert_cmpint (g_utf8_collate (gtk_string_list_get_string (GTK_STRING_LIST (model), i - 1),
                                     gtk_string_list_get_string (GTK_STRING_LIST (model), i)), <=, 0);
  for (guint i = 1; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "Cooperative"))
      cooperative = i;
  g_assert_cmpuint (cooperative, >, 0);

  adw_combo_row_set_selected (kind, cooperative);
  drain ();
  stored = stored_string (f->store, "entity", id, "kind");
  g_assert_cmpstr (stored, ==, "cooperative");
}

typedef struct
{
  guint     calls;
  gboolean  refuse;
  char     *saved;
} Saver;

static gboolean
saver_cb (XarxaFieldRow *row,
          const char    *field,
          JsonNode      *value,
          gpointer       user_data,
          GError       **error)
{
  Saver *saver = user_data;

  saver->calls++;
  if (saver->refuse)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID, "The store said no");
      return FALSE;
    }
  g_free (saver->saved);
  saver->saved = json_to_string (value, FALSE);
  return TRUE;
}

/* The editor kit's field row on its own: it shows a stored value as a
 * person reads it, reads text back by the field's description, saves
 * through its saver, and marks what cannot be saved without losing it. */
static void
test_field_row (void)
{
  GtkWidget *row = g_object_ref_sink (xarxa_field_row_new ("entity", "country"));
  GtkWidget *languages = g_object_ref_sink (xarxa_field_row_new ("contact", "languages"));
  g_autoptr(JsonNode) es = json_from_string ("\"ES\"", NULL);
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  Saver saver = { 0 };

  xarxa_field_row_set_value (XARXA_FIELD_ROW (row), es);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Spain");
  g_assert_false (xarxa_field_row_get_changed (XARXA_FIELD_ROW (row)));

  /* Without a saver, applying saves nothing; a form reads the value. */
  gtk_editable_set_text (GTK_EDITABLE (row), "france");
  g_assert_true (xarxa_field_row_get_changed (XARXA_FIELD_ROW (row)));
  parsed = xarxa_field_row_parse (XARXA_FIELD_ROW (row), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (parsed), ==, "FR");

  /* With one: applied, saved as the code, shown by its name. */
  xarxa_field_row_set_saver (XARXA_FIELD_ROW (row), saver_cb, &saver);
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpuint (saver.calls, ==, 1);
  g_assert_cmpstr (saver.saved, ==, "\"FR\"");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "France");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* Not a country: not saved, marked, the text kept. */
  gtk_editable_set_text (GTK_EDITABLE (row), "Atlantis");
  g_assert_false (xarxa_field_row_commit (XARXA_FIELD_ROW (row)));
  g_assert_cmpuint (saver.calls, ==, 1);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Atlantis");

  /* Typing back what is stored takes the mark away. */
  gtk_editable_set_text (GTK_EDITABLE (row), "France");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* The store refuses: the row says so and keeps the text. */
  saver.refuse = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), "Portugal");
  g_assert_false (xarxa_field_row_commit (XARXA_FIELD_ROW (row)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, "The store said no");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Portugal");

  /* A set is read one way everywhere: split, trimmed, sorted, once each. */
  gtk_editable_set_text (GTK_EDITABLE (languages), " es; ca,es ,en");
  g_clear_pointer (&parsed, json_node_unref);
  parsed = xarxa_field_row_parse (XARXA_FIELD_ROW (languages), &error);
  g_assert_no_error (error);
  {
    g_autofree char *json = json_to_string (parsed, FALSE);

    g_assert_cmpstr (json, ==, "[\"ca\",\"en\",\"es\"]");
  }

  g_free (saver.saved);
  g_assert_finalize_object (row);
  g_assert_finalize_object (languages);
}

/* The window hosts its views as XarxaPages: its header's "New …" button
 * is named by the view shown, and its actions reach that view. */
static void
test_window_hosts_pages (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *new_button = child (f->window, XARXA_TYPE_WINDOW, "new_button");
  g_autofree char *mismatch = NULL;
  GtkWindow *dialog;

  g_assert_true (XARXA_IS_PAGE (f->page));
  g_assert_cmpstr (xarxa_page_get_new_label (XARXA_PAGE (f->page)), ==, "New Organisation");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (new_button), ==, "New Organisation (Ctrl+N)");
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                 "New Organisation");
  g_assert_null (mismatch);
  g_assert_true (gtk_widget_get_visible (new_button));
  g_assert_false (xarxa_page_get_showing_detail (XARXA_PAGE (f->page)));

  /* win.new asks the view for a new record: here, an organisation. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL);
  WAIT_FOR ((dialog = find_toplevel ("new-entity-dialog")) != NULL);
  gtk_window_destroy (dialog);

  /* win.search reaches the view's search. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  drain ();
  g_assert_true (focus_within (f, page_child (f, "search_entry")));
  g_assert_true (xarxa_page_can_export (XARXA_PAGE (f->page)));
}

static gboolean
toast_label_shows (GtkWidget     *widget,
                   gconstpointer  text)
{
  return label_shows (widget, text) && gtk_widget_get_ancestor (widget, g_type_from_name ("AdwToastWidget")) != NULL;
}

/* The toast whose text contains text; NULL while there is none. */
static GtkWidget *
find_toast (GtkWidget  *widget,
            const char *text)
{
  GtkWidget *label = find_descendant (widget, toast_label_shows, text);

  return label != NULL ? gtk_widget_get_ancestor (label, g_type_from_name ("AdwToastWidget")) : NULL;
}

static gboolean
is_undo_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0;
}

/* The toast's Undo button, if it shows one (every toast also has a close
 * button, with an icon and no label). */
static GtkWidget *
find_undo_button (GtkWidget *widget)
{
  return find_descendant (widget, is_undo_button, NULL);
}

/* Open Example Network is always in the menu: choosing it again adds only
 * what is not in the directory yet, says so, and Undo removes only that. */
static void
test_example_twice (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *gone = NULL;
  GtkWidget *toast, *undo;
  gint64 n, n_contacts;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-example", NULL);
  WAIT_FOR (n_listed (f) > 30);
  n = xarxa_store_count (f->store, "entity");
  n_contacts = xarxa_store_count (f->store, "contact");
  added = g_strdup_printf ("Added %" G_GINT64_FORMAT " example organisations", n);
  WAIT_FOR ((toast = find_toast (GTK_WIDGET (f->window), added)) != NULL);

  /* Again: nothing added, a toast that says why, and no Undo on it. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-example", NULL);
  WAIT_FOR ((toast = find_toast (GTK_WIDGET (f->window), "The example network is already in the directory")) != NULL);
  g_assert_null (find_undo_button (toast));
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n);
  g_assert_cmpint (xarxa_store_count (f->store, "contact"), ==, n_contacts);
  g_assert_cmpint (n_listed (f), ==, n);

  /* Delete one: the next load brings back that one only. */
  {
    g_autoptr(XarxaQuery) all = xarxa_query_new ("entity");
    g_autoptr(GArray) rows = xarxa_store_query_rowids (f->store, all, &error);
    g_autoptr(JsonObject) first = NULL;

    g_assert_no_error (error);
    first = xarxa_store_get_record_by_rowid (f->store, "entity", g_array_index (rows, gint64, 0), &error);
    g_assert_no_error (error);
    gone = g_strdup (json_object_get_string_member (first, "id"));
  }
  g_assert_true (xarxa_store_delete_record (f->store, "entity", gone, &error));
  g_assert_no_error (error);
  WAIT_FOR (n_listed (f) == n - 1);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-example", NULL);
  expected = g_strdup_printf ("Added 1 example organisation; %" G_GINT64_FORMAT " were already in the directory", n - 1);
  WAIT_FOR ((toast = find_toast (GTK_WIDGET (f->window), expected)) != NULL);
  WAIT_FOR (n_listed (f) == n);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n);

  /* Undo on that toast takes away the one it added, nothing else. */
  undo = find_undo_button (toast);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  WAIT_FOR (n_listed (f) == n - 1);
  g_assert_cmpint (xarxa_store_count (f->store, "entity"), ==, n - 1);
}

/* A toast shows a name as it is written, markup characters and all
 * (libadwaita 1.2 reads a toast's title as markup). */
static void
test_toast_plain_text (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = xarxa_directory_page_create_entity (f->page, "Art & Cultura <Coop>");

  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpstr (xarxa_entity_editor_get_entity_id (editor (f)), ==, id);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "directory.delete", NULL);
  WAIT_FOR (n_listed (f) == 0);
  WAIT_FOR (find_toast (GTK_WIDGET (f->window), "“Art & Cultura <Coop>” deleted") != NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend: it keeps the roles, properties and
   * states that a screen reader would get, so tests can read them back
   * (the environment asks for none, which keeps none). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ui_test_init (&argc, &argv);

  g_test_add ("/directory-ui/first-run", Fixture, NULL, fixture_set_up, test_first_run, fixture_tear_down);
  g_test_add ("/directory-ui/example-and-undo", Fixture, NULL, fixture_set_up, test_example_and_undo, fixture_tear_down);
  g_test_add ("/directory-ui/example-twice", Fixture, NULL, fixture_set_up, test_example_twice, fixture_tear_down);
  g_test_add ("/directory-ui/row-accessible", Fixture, NULL, fixture_set_up, test_row_accessible, fixture_tear_down);
  g_test_add ("/directory-ui/focus-rule", Fixture, NULL, fixture_set_up, test_focus_rule, fixture_tear_down);
  g_test_add ("/directory-ui/list-width", Fixture, NULL, fixture_set_up, test_list_width, fixture_tear_down);
  g_test_add ("/directory-ui/filter-choices", Fixture, NULL, fixture_set_up, test_filter_choices, fixture_tear_down);
  g_test_add ("/directory-ui/filters-narrow", Fixture, NULL, fixture_set_up, test_filters_narrow, fixture_tear_down);
  g_test_add ("/directory-ui/editor-choices", Fixture, NULL, fixture_set_up, test_editor_choices, fixture_tear_down);
  g_test_add ("/directory-ui/window-hosts-pages", Fixture, NULL, fixture_set_up, test_window_hosts_pages, fixture_tear_down);
  g_test_add ("/directory-ui/create-search-edit", Fixture, NULL, fixture_set_up, test_create_search_edit, fixture_tear_down);
  g_test_add ("/directory-ui/invalid-input", Fixture, NULL, fixture_set_up, test_invalid_input, fixture_tear_down);
  g_test_add ("/directory-ui/duplicate", Fixture, NULL, fixture_set_up, test_duplicate, fixture_tear_down);
  g_test_add ("/directory-ui/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/directory-ui/toast-plain-text", Fixture, NULL, fixture_set_up, test_toast_plain_text, fixture_tear_down);
  g_test_add ("/directory-ui/contacts", Fixture, NULL, fixture_set_up, test_contacts, fixture_tear_down);
  g_test_add ("/directory-ui/shortcuts-window", Fixture, NULL, fixture_set_up, test_shortcuts_window, fixture_tear_down);
  g_test_add ("/directory-ui/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add_func ("/directory-ui/field-row", test_field_row);
  g_test_add_func ("/directory-ui/long-directory", test_long_directory);
  g_test_add_func ("/directory-ui/long-directory-changed-while-loading", test_long_directory_changed_while_loading);
  g_test_add_func ("/directory-ui/open-error", test_open_error);

  return g_test_run ();
}
