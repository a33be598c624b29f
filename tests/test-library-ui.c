/* test-library-ui.c — the Library view driven as a person would, under Xvfb.
 *
 * Builds the real window over a database in a temporary folder, switches to
 * the Library and works through it: a PDF the test draws (its title taken
 * from the file, the word only on its second page found by the search with
 * the word in bold in the row's snippet), the same file added again (one
 * document, and the dialog that offers to open it), a damaged PDF kept with
 * the reason on its page, an interview without consent marked on its page
 * and in the list and left out of the export, and a link made from the
 * document to an organisation, seen on the organisation's page, which opens
 * the document again.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-library-ui"

#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-directory-page.h"
#include "xarxa-document-editor.h"
#include "xarxa-document-row.h"
#include "xarxa-documents-group.h"
#include "xarxa-entity-editor.h"
#include "xarxa-library.h"
#include "xarxa-library-filters.h"
#include "xarxa-library-page.h"
#include "xarxa-library-transfer.h"
#include "xarxa-link-picker.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  char             *dir;
  char             *db;
  XarxaStore       *store;
  XarxaWindow      *window;
  XarxaLibraryPage *page;
} Fixture;

static gpointer
page_child (Fixture    *f,
            const char *name)
{
  return child (f->page, XARXA_TYPE_LIBRARY_PAGE, name);
}

static gpointer
editor_child (Fixture    *f,
              const char *name)
{
  return child (page_child (f, "editor"), XARXA_TYPE_DOCUMENT_EDITOR, name);
}

static guint
n_listed (Fixture *f)
{
  GtkListView *view = page_child (f, "list_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)));
}

/* A PDF of two pages; @word only on the second. */
static GFile *
make_pdf (Fixture    *f,
          const char *name,
          const char *word)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Local responses to the energy transition");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "Marta Puig");
  cairo_set_font_size (cr, 14);
  cairo_move_to (cr, 72, 100);
  cairo_show_text (cr, "Page one of the cooperative report");
  cairo_show_page (cr);
  cairo_move_to (cr, 72, 100);
  cairo_show_text (cr, "Page two speaks of");
  cairo_move_to (cr, 72, 140);
  cairo_show_text (cr, word);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_file_new_for_path (path);
}

static char *
add_document (Fixture    *f,
              const char *title,
              const char *kind,
              const char *consent)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, "title", title);
  if (kind != NULL)
    json_object_set_string_member (values, "kind", kind);
  if (consent != NULL)
    json_object_set_string_member (values, "consent", consent);
  id = xarxa_store_create_record (f->store, "document", values, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_store (&f->dir, &f->db);
  f->window = ui_test_open_window (f->store);
  f->page = child (f->window, XARXA_TYPE_WINDOW, "library_page");
  adw_view_stack_set_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack"), "library");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = find_toplevel ("already-in-library-dialog")) != NULL ||
         (dialog = find_toplevel ("csl-import-report")) != NULL ||
         (dialog = find_toplevel ("link-picker")) != NULL)
    gtk_window_destroy (dialog);

  destroy_window (f->window);
  test_close_store (&f->store, &f->dir, &f->db);
}

static void
add_and_wait (Fixture    *f,
              GFile      *file,
              const char *attach_to)
{
  xarxa_library_page_add_file (f->page, file, attach_to);
  g_assert_true (xarxa_library_page_get_busy (f->page));
  g_assert_true (gtk_revealer_get_reveal_child (page_child (f, "progress_revealer")));
  WAIT_FOR (!xarxa_library_page_get_busy (f->page));
  drain ();
}

static gboolean
is_row_with_snippet (GtkWidget     *widget,
                     gconstpointer  data)
{
  return XARXA_IS_DOCUMENT_ROW (widget) && gtk_widget_get_mapped (widget) &&
         xarxa_document_row_get_snippet_markup (XARXA_DOCUMENT_ROW (widget)) != NULL;
}

static void
test_add_pdf_and_search (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) pdf = make_pdf (f, "report.pdf", "agroecologia");
  g_autoptr(GFile) copy = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *authors = NULL;
  GtkWindow *dialog;
  GtkWidget *row;
  const char *markup;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "page_stack")), ==, "welcome");

  add_and_wait (f, pdf, NULL);
  id = g_strdup (xarxa_library_page_get_shown_id (f->page));
  g_assert_nonnull (id);
  /* The PDF's own title and author, offered in the form. */
  title = stored_string (f->store, "document", id, "title");
  g_assert_cmpstr (title, ==, "Local responses to the energy transition");
  g_assert_cmpstr (gtk_editable_get_text (editor_child (f, "title_row")), ==, title);
  authors = stored_string (f->store, "document", id, "authors");
  g_assert_cmpstr (authors, ==, "Marta Puig");
  g_assert_cmpstr (xarxa_document_editor_get_text_state (page_child (f, "editor")), ==, "Text of 2 pages indexed");
  g_assert_cmpstr (adw_preferences_row_get_title (editor_child (f, "file_row")), ==, "report.pdf");
  g_assert_false (gtk_revealer_get_reveal_child (page_child (f, "progress_revealer")));
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "page_stack")), ==, "documents");

  /* The word only on page 2, found as it is typed, in bold in the snippet. */
  gtk_editable_set_text (page_child (f, "search_entry"), "agroeco");
  WAIT_FOR (n_listed (f) == 1 && find_descendant (page_child (f, "list_view"), is_row_with_snippet, NULL) != NULL);
  row = find_descendant (page_child (f, "list_view"), is_row_with_snippet, NULL);
  markup = xarxa_document_row_get_snippet_markup (XARXA_DOCUMENT_ROW (row));
  g_assert_nonnull (strstr (markup, "<b>agroecologia</b>"));
  gtk_editable_set_text (page_child (f, "search_entry"), "nowhere to be found");
  WAIT_FOR (n_listed (f) == 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "list_stack")), ==, "empty");
  gtk_editable_set_text (page_child (f, "search_entry"), "");
  WAIT_FOR (n_listed (f) == 1);

  /* The same file again, under another name: one document, and a dialog
   * that names it and opens it. */
  copy = g_file_new_build_filename (f->dir, "copy of report.pdf", NULL);
  g_assert_true (g_file_copy (pdf, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  xarxa_library_page_open_document (f->page, NULL);
  add_and_wait (f, copy, NULL);
  WAIT_FOR ((dialog = find_toplevel ("already-in-library-dialog")) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "already in the library as “Local responses to the energy transition”"));
  g_assert_cmpint (xarxa_store_count (f->store, "document"), ==, 1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "open");
  gtk_window_destroy (dialog);
  drain ();
  g_assert_cmpstr (xarxa_library_page_get_shown_id (f->page), ==, id);
}

static void
test_damaged_pdf (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "broken.pdf", NULL);
  g_autoptr(GFile) file = NULL;
  g_autofree char *status = NULL;
  g_autofree char *reason = NULL;
  const char *id;

  g_assert_true (g_file_set_contents (path, "%PDF-1.4\nthis is not a PDF at all\n", -1, NULL));
  file = g_file_new_for_path (path);
  add_and_wait (f, file, NULL);

  /* Kept, with why its text could not be read, on its page. */
  id = xarxa_library_page_get_shown_id (f->page);
  g_assert_nonnull (id);
  g_assert_cmpint (xarxa_store_count (f->store, "document"), ==, 1);
  status = stored_string (f->store, "document", id, "text_status");
  g_assert_cmpstr (status, ==, "damaged");
  reason = stored_string (f->store, "document", id, "text_error");
  g_assert_nonnull (reason);
  g_assert_cmpstr (xarxa_document_editor_get_text_state (page_child (f, "editor")), ==, reason);
  g_assert_cmpstr (adw_preferences_row_get_title (editor_child (f, "text_row")), ==, reason);
  g_assert_true (gtk_widget_get_visible (editor_child (f, "text_row")));
}

/* A big file, cancelled as it is read: nothing is added, the bar goes. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "big.txt", NULL);
  g_autofree char *block = g_strnfill (1024 * 1024, 'a');
  g_autoptr(GFile) file = NULL;
  FILE *out = fopen (path, "w");

  g_assert_nonnull (out);
  for (int i = 0; i < 40; i++)
    g_assert_cmpuint (fwrite (block, 1, 1024 * 1024, out), ==, 1024 * 1024);
  fclose (out);
  file = g_file_new_for_path (path);

  xarxa_library_page_add_file (f->page, file, NULL);
  g_assert_true (xarxa_library_page_get_busy (f->page));
  g_assert_true (gtk_revealer_get_reveal_child (page_child (f, "progress_revealer")));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "library.cancel-add", NULL);
  WAIT_FOR (!xarxa_library_page_get_busy (f->page));
  drain ();
  g_assert_false (gtk_revealer_get_reveal_child (page_child (f, "progress_revealer")));
  g_assert_cmpint (xarxa_store_count (f->store, "document"), ==, 0);
  g_assert_null (xarxa_library_page_get_shown_id (f->page));
}

static gboolean
is_row_with_consent_mark (GtkWidget     *widget,
                          gconstpointer  data)
{
  GtkWidget *box;

  if (!XARXA_IS_DOCUMENT_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  box = GTK_WIDGET (gtk_widget_get_template_child (widget, XARXA_TYPE_DOCUMENT_ROW, "consent_box"));
  return gtk_widget_get_visible (box);
}

static void
test_consent (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *interview = add_document (f, "Entrevista a la cooperativa", "interview", "pending");
  g_autofree char *report = add_document (f, "Informe", "report", NULL);
  g_autofree char *out_path = g_build_filename (f->dir, "library.json", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *consent = NULL;
  XarxaLibraryFilter filter = { 0 };
  guint written = 0, left_out = 0;

  WAIT_FOR (n_listed (f) == 2);
  /* The kind filter keeps the interview; clearing brings the report back. */
  xarxa_choice_drop_down_set_selected_id (child (page_child (f, "filters"), XARXA_TYPE_LIBRARY_FILTERS, "kind_filter"),
                                          "interview");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_true (xarxa_library_filters_get_active (page_child (f, "filters")));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "library.clear-filters", NULL);
  WAIT_FOR (n_listed (f) == 2);
  g_assert_false (xarxa_library_filters_get_active (page_child (f, "filters")));

  /* Marked in the list (an icon and words) and on its page. */
  WAIT_FOR (find_descendant (page_child (f, "list_view"), is_row_with_consent_mark, NULL) != NULL);
  xarxa_library_page_open_document (f->page, interview);
  g_assert_true (gtk_widget_get_visible (editor_child (f, "consent_warning_row")));
  g_assert_cmpstr (adw_preferences_row_get_title (editor_child (f, "consent_warning_row")), ==,
                   "Consent pending: not to be used yet");
  g_assert_true (gtk_widget_get_visible (editor_child (f, "interview_group")));

  /* Left out of the export, and counted. */
  rowids = xarxa_library_query_rowids (f->store, &filter, NULL);
  g_assert_true (xarxa_library_export_rowids (f->store, rowids, out, &written, &left_out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 1);
  g_assert_cmpuint (left_out, ==, 1);
  g_assert_true (g_file_get_contents (out_path, &json, NULL, NULL));
  g_assert_nonnull (strstr (json, "Informe"));
  g_assert_null (strstr (json, "Entrevista"));

  /* Consent given on its page: the mark goes. */
  xarxa_choice_drop_down_set_selected_id (editor_child (f, "consent_drop_down"), "given");
  consent = stored_string (f->store, "document", interview, "consent");
  g_assert_cmpstr (consent, ==, "given");
  g_assert_false (gtk_widget_get_visible (editor_child (f, "consent_warning_row")));
  WAIT_FOR (find_descendant (page_child (f, "list_view"), is_row_with_consent_mark, NULL) == NULL);
}

static gboolean
is_item_2_row (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Item 2");
}

/* A Zotero export with one good item and one without a title: the good
 * one is in the list, and the report names the other with its reason. */
static void
test_import_zotero (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "zotero.json", NULL);
  g_autoptr(GFile) file = NULL;
  GtkWindow *dialog;
  GtkWidget *list;

  g_assert_true (g_file_set_contents (path,
    "[{\"id\": \"item1\", \"type\": \"report\", \"title\": \"Comunitats energètiques locals\","
    "  \"author\": [{\"family\": \"Puig\", \"given\": \"Marta\"}],"
    "  \"issued\": {\"date-parts\": [[2023, 5]]}},"
    " {\"id\": \"item2\", \"type\": \"article-journal\", \"URL\": \"https://example.org/x\"}]", -1, NULL));
  file = g_file_new_for_path (path);
  g_assert_true (xarxa_library_import_csl_file (GTK_WIDGET (f->page), f->store, file));
  WAIT_FOR ((dialog = find_toplevel ("csl-import-report")) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Imported 1 Document");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "1 item of “zotero.json” was not imported"));
  list = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (find_descendant (list, is_item_2_row, NULL));
  gtk_window_destroy (dialog);
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpint (xarxa_store_count (f->store, "document"), ==, 1);
}

static gboolean
is_document_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) && g_object_get_data (G_OBJECT (widget), "document-id") != NULL;
}

/* A row of the document's links, by the linked record's name. */
static gboolean
is_link_row (GtkWidget     *widget,
             gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) && g_object_get_data (G_OBJECT (widget), "target-id") != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static void
test_link_to_organisation (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *document = add_document (f, "Informe sobre habitatge", "report", NULL);
  g_autofree char *entity = test_add_entity (f->store, "Cooperativa Habitatge Sants", "Barcelona");
  g_autofree char *publisher = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  XarxaDirectoryPage *directory = child (f->window, XARXA_TYPE_WINDOW, "directory_page");
  XarxaDocumentsGroup *group;
  GtkWindow *picker;
  GtkWidget *link_row;

  xarxa_library_page_open_document (f->page, document);

  /* The publisher, chosen in the directory by a word of its name. */
  gtk_widget_activate_action (page_child (f, "editor"), "document.choose-publisher", NULL);
  WAIT_FOR ((picker = find_toplevel ("link-picker")) != NULL);
  xarxa_link_picker_search (XARXA_LINK_PICKER (picker), "sants");
  g_assert_cmpuint (xarxa_link_picker_get_n_hits (XARXA_LINK_PICKER (picker)), ==, 1);
  xarxa_link_picker_pick (XARXA_LINK_PICKER (picker), 0);
  drain ();
  publisher = stored_string (f->store, "document", document, "publisher_entity_id");
  g_assert_cmpstr (publisher, ==, entity);
  g_assert_cmpstr (adw_action_row_get_subtitle (editor_child (f, "publisher_row")), ==, "Cooperativa Habitatge Sants");

  gtk_widget_activate_action (page_child (f, "editor"), "document.add-link", NULL);
  WAIT_FOR ((picker = find_toplevel ("link-picker")) != NULL);
  xarxa_link_picker_search (XARXA_LINK_PICKER (picker), "habitatge sants");
  g_assert_cmpuint (xarxa_link_picker_get_n_hits (XARXA_LINK_PICKER (picker)), ==, 1);
  xarxa_link_picker_pick (XARXA_LINK_PICKER (picker), 0);
  drain ();
  g_assert_null (find_toplevel ("link-picker"));

  targets = xarxa_library_targets_of (f->store, document, NULL);
  g_assert_cmpuint (targets->len, ==, 1);
  g_assert_cmpstr (((XarxaLinkTarget *) targets->pdata[0])->id, ==, entity);

  /* On the organisation's page, with the document, which opens it. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-entity", "s", entity);
  drain ();
  g_assert_true (adw_view_stack_get_visible_child (child (f->window, XARXA_TYPE_WINDOW, "view_stack")) ==
                 GTK_WIDGET (directory));
  group = child (gtk_stack_get_child_by_name (child (directory, XARXA_TYPE_DIRECTORY_PAGE, "detail_stack"), "editor"),
                 XARXA_TYPE_ENTITY_EDITOR, "documents_group");
  titles = xarxa_documents_group_dup_titles (group);
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_cmpstr (titles->pdata[0], ==, "Informe sobre habitatge");

  xarxa_library_page_open_document (f->page, NULL);
  gtk_widget_activate (GTK_WIDGET (find_descendant (GTK_WIDGET (group), is_document_row, NULL)));
  drain ();
  g_assert_true (adw_view_stack_get_visible_child (child (f->window, XARXA_TYPE_WINDOW, "view_stack")) ==
                 GTK_WIDGET (f->page));
  g_assert_cmpstr (xarxa_library_page_get_shown_id (f->page), ==, document);

  /* The document's own link row opens the organisation again. */
  link_row = find_descendant (page_child (f, "editor"), is_link_row, "Cooperativa Habitatge Sants");
  g_assert_nonnull (link_row);
  g_assert_true (gtk_widget_activate (link_row));
  drain ();
  g_assert_true (adw_view_stack_get_visible_child (child (f->window, XARXA_TYPE_WINDOW, "view_stack")) ==
                 GTK_WIDGET (directory));
}

/* The window's drop target, the one it holds itself. */
static GtkDropTarget *
window_drop_target (GtkWidget *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* A PDF dropped onto the window while another view is shown: the Library
 * view comes up and the file is added as a document. */
static void
test_drop_on_window (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = make_pdf (f, "dropped.pdf", "agroecologia");
  GtkDropTarget *target = window_drop_target (GTK_WIDGET (f->window));
  g_auto(GValue) value = G_VALUE_INIT;
  AdwViewStack *stack = child (f->window, XARXA_TYPE_WINDOW, "view_stack");
  gboolean taken = FALSE;

  adw_view_stack_set_visible_child_name (stack, "directory");
  drain ();
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &taken);
  g_assert_true (taken);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "library");
  WAIT_FOR (!xarxa_library_page_get_busy (f->page));
  drain ();
  g_assert_cmpint (xarxa_store_count (f->store, "document"), ==, 1);
  g_assert_nonnull (xarxa_library_page_get_shown_id (f->page));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/library-ui/add-pdf-and-search", Fixture, NULL, fixture_set_up, test_add_pdf_and_search, fixture_tear_down);
  g_test_add ("/library-ui/damaged-pdf", Fixture, NULL, fixture_set_up, test_damaged_pdf, fixture_tear_down);
  g_test_add ("/library-ui/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/library-ui/consent", Fixture, NULL, fixture_set_up, test_consent, fixture_tear_down);
  g_test_add ("/library-ui/import-zotero", Fixture, NULL, fixture_set_up, test_import_zotero, fixture_tear_down);
  g_test_add ("/library-ui/link-to-organisation", Fixture, NULL, fixture_set_up, test_link_to_organisation, fixture_tear_down);
  g_test_add ("/library-ui/drop-on-window", Fixture, NULL, fixture_set_up, test_drop_on_window, fixture_tear_down);
  return g_test_run ();
}
