/* xarxa-library-page.c — the Library view: documents found by any word,
 * filters, and a document's page edited in place.
 *
 * The list is a GtkListView over XarxaDocumentList: the search (ranked by
 * bm25, each row with its snippet) and the filters by kind, transition,
 * territory, language, years and linked record are answered by SQLite.
 * Beside it, in an AdwLeaflet that folds on a narrow window, the
 * document's page (XarxaDocumentEditor).  Files chosen or dropped on the
 * view are stored and read in a thread, one after the other, with progress
 * and Cancel (XarxaFileAdder); the same file twice is found again rather
 * than added again.
 *
 * About a thousand lines, of one job: the view's list, search, selection,
 * creating and deleting and its XarxaPage part.  The filters, the rows,
 * the document's page, the files on their way and the exports are in
 * files of their own.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-library-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-a11y.h"
#include "xarxa-document-editor.h"
#include "xarxa-document-list.h"
#include "xarxa-document-row.h"
#include "xarxa-file-adder.h"
#include "xarxa-library-filters.h"
#include "xarxa-library-page.h"
#include "xarxa-library-transfer.h"
#include "xarxa-list-page.h"
#include "xarxa-page.h"
#include "xarxa-toast.h"
#include "xarxa-value.h"
#include "xarxa-values.h"

struct _XarxaLibraryPage
{
  AdwBin parent_instance;

  XarxaStore         *store;
  XarxaDocumentList  *list;
  gboolean            loaded;   /* the list and its filters read once shown */
  GtkSingleSelection *selection;
  char               *search;
  gboolean            selecting;
  gboolean            showing_detail;
  guint               reload_id;

  XarxaFileAdder     *adder;

  GtkStack            *page_stack;
  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  GtkWidget           *filter_button;
  XarxaLibraryFilters *filters;
  GtkRevealer         *progress_revealer;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  XarxaDocumentEditor *editor;
};

static void page_iface_init (XarxaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XarxaLibraryPage, xarxa_library_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (XARXA_TYPE_PAGE, page_iface_init))

enum {
  PROP_0,
  PROP_SHOWING_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
xarxa_library_page_get_shown_id (XarxaLibraryPage *self)
{
  g_return_val_if_fail (XARXA_IS_LIBRARY_PAGE (self), NULL);

  return xarxa_document_editor_get_document_id (self->editor);
}

/* Filters */

static gboolean
filters_active (XarxaLibraryPage *self)
{
  return xarxa_library_filters_get_active (self->filters);
}

static gboolean
query_active (XarxaLibraryPage *self)
{
  return self->search != NULL || filters_active (self);
}

static void
update_state (XarxaLibraryPage *self)
{
  g_autofree char *label = NULL;
  guint n;

  if (self->list == NULL)
    return;

  xarxa_list_page_show_filters_active (self->filter_button, filters_active (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  gtk_stack_set_visible_child_name (self->page_stack,
                                    n == 0 && !query_active (self) && !xarxa_library_page_get_busy (self) ? "welcome" : "documents");
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");

  if (query_active (self))
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u document found", "%'u documents found", n), n);
  else
    label = xarxa_record_type_count_text (xarxa_schema_lookup ("document"), n);
  gtk_label_set_label (self->count_label, label);
}

static void
apply_query (XarxaLibraryPage *self)
{
  XarxaLibraryFilter filter = { .search = self->search };

  if (self->list == NULL)
    return;
  xarxa_library_filters_apply (self->filters, &filter);
  xarxa_document_list_set_filter (self->list, &filter);
  update_state (self);
}

/* Selection */

static void
sync_selection (XarxaLibraryPage *self)
{
  guint position = GTK_INVALID_LIST_POSITION;
  const char *id = xarxa_library_page_get_shown_id (self);

  if (self->selection == NULL)
    return;
  if (id != NULL)
    {
      position = xarxa_document_list_find (self->list, id);
      if (position == G_MAXUINT)
        position = GTK_INVALID_LIST_POSITION;
    }
  if (gtk_single_selection_get_selected (self->selection) == position)
    return;
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

static void
show_document (XarxaLibraryPage *self,
               const char       *id)
{
  if (g_strcmp0 (id, xarxa_library_page_get_shown_id (self)) != 0)
    xarxa_document_editor_set_document (self->editor, id);
  gtk_stack_set_visible_child_name (self->detail_stack,
                                    xarxa_library_page_get_shown_id (self) != NULL ? "editor" : "none");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.delete",
                                 xarxa_library_page_get_shown_id (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.attach-file",
                                 xarxa_library_page_get_shown_id (self) != NULL);
}

static void
reveal_editor (XarxaLibraryPage *self,
               gboolean          focus)
{
  if (xarxa_library_page_get_shown_id (self) != NULL)
    xarxa_list_page_reveal_editor (self->leaflet, GTK_WIDGET (self->editor), focus);
}

static void
selected_changed_cb (XarxaLibraryPage *self)
{
  XarxaRecord *record;

  if (self->selecting)
    return;
  record = gtk_single_selection_get_selected_item (self->selection);
  if (record == NULL || g_strcmp0 (xarxa_record_get_id (record), xarxa_library_page_get_shown_id (self)) == 0)
    return;
  show_document (self, xarxa_record_get_id (record));
  reveal_editor (self, FALSE);
}

static void
list_activate_cb (XarxaLibraryPage *self,
                  guint             position)
{
  g_autoptr(XarxaRecord) record = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (record == NULL)
    return;
  show_document (self, xarxa_record_get_id (record));
  reveal_editor (self, TRUE);
}

static void
items_changed_cb (XarxaLibraryPage *self)
{
  update_state (self);
  sync_selection (self);
}

static gboolean
reload_editor_cb (gpointer user_data)
{
  XarxaLibraryPage *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->reload_id = 0;
  /* The document shown was changed elsewhere (a file attached, a link
   * made from an organisation's page): the page follows, unless one of
   * its own fields is being typed in. */
  if (xarxa_library_page_get_shown_id (self) != NULL &&
      (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->editor))))
    xarxa_document_editor_reload (self->editor);
  return G_SOURCE_REMOVE;
}

/* The documents and the filters' choices are read when the view is first
 * shown (or asked to show a document), not when the window starts: with
 * 20,000 documents of long text they took half a second of every start. */
static void
ensure_loaded (XarxaLibraryPage *self)
{
  if (self->loaded || self->store == NULL)
    return;
  self->loaded = TRUE;
  xarxa_document_list_refresh (self->list);
  xarxa_library_filters_load_choices (self->filters, self->store);
  update_state (self);
}

static void
documents_changed_cb (XarxaLibraryPage *self)
{
  if (self->loaded)
    xarxa_library_filters_load_choices (self->filters, self->store);
  /* Not from inside the store's signal: the editor may be the one saving. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_editor_cb, self);
}

void
xarxa_library_page_open_document (XarxaLibraryPage *self,
                                  const char       *id)
{
  g_return_if_fail (XARXA_IS_LIBRARY_PAGE (self));

  ensure_loaded (self);
  update_state (self);
  show_document (self, id);
  sync_selection (self);
  if (id != NULL)
    reveal_editor (self, FALSE);
}

/* Leaflet */

static void
leaflet_changed_cb (XarxaLibraryPage *self)
{
  gboolean detail = xarxa_list_page_showing_detail (self->leaflet);

  if (detail == self->showing_detail)
    return;
  self->showing_detail = detail;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_DETAIL]);
}

static void
go_back (XarxaLibraryPage *self)
{
  if (!self->showing_detail)
    return;
  xarxa_document_editor_flush (self->editor);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  xarxa_list_page_unselect (self->selection, &self->selecting);
}

/* Search and filters */

static void
search_changed_cb (XarxaLibraryPage *self)
{
  if (xarxa_list_page_take_search (self->search_entry, &self->search))
    apply_query (self);
}

static void
stop_search_cb (XarxaLibraryPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
search_activate_cb (XarxaLibraryPage *self)
{
  if (self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    list_activate_cb (self, 0);
}

static void
filters_changed_cb (XarxaLibraryPage *self)
{
  apply_query (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaLibraryPage *self = XARXA_LIBRARY_PAGE (widget);

  g_clear_pointer (&self->search, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* Runs the query, once: "changed". */
  xarxa_library_filters_clear (self->filters);
}

/* Create */

static char *
create_document (XarxaLibraryPage *self,
                 JsonObject       *values)
{
  g_autoptr(GError) error = NULL;
  char *id;

  id = xarxa_store_create_record (self->store, "document", values, &error);
  if (id == NULL)
    {
      xarxa_list_page_show_add_error (GTK_WIDGET (self), xarxa_value_string_of (values, "title"), error->message);
      return NULL;
    }
  if (xarxa_document_list_find (self->list, id) == G_MAXUINT && query_active (self))
    clear_filters_action (GTK_WIDGET (self), NULL, NULL);
  xarxa_library_page_open_document (self, id);
  return id;
}

char *
xarxa_library_page_create_document (XarxaLibraryPage *self,
                                    const char       *title)
{
  g_autoptr(JsonObject) values = json_object_new ();
  char *id;

  g_return_val_if_fail (XARXA_IS_LIBRARY_PAGE (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (self->store == NULL)
    return NULL;
  json_object_set_string_member (values, "title", title);
  id = create_document (self, values);
  if (id != NULL)
    xarxa_document_editor_focus_first (self->editor);
  return id;
}

static char *
find_document_cb (GObject    *owner,
                  const char *title,
                  char      **out_title)
{
  XarxaLibraryPage *self = XARXA_LIBRARY_PAGE (owner);
  XarxaLibraryFilter filter = { .search = title };
  g_autoptr(GArray) rowids = NULL;
  g_autofree char *wanted = g_utf8_casefold (title, -1);

  if (self->store == NULL)
    return NULL;
  rowids = xarxa_library_query_rowids (self->store, &filter, NULL);
  for (guint i = 0; rowids != NULL && i < rowids->len; i++)
    {
      g_autoptr(JsonObject) record = xarxa_store_get_record_by_rowid (self->store, "document",
                                                                      g_array_index (rowids, gint64, i), NULL);
      const char *found = xarxa_value_string_of (record, "title");
      g_autofree char *folded = found != NULL ? g_utf8_casefold (found, -1) : NULL;

      if (folded != NULL && g_utf8_collate (folded, wanted) == 0)
        {
          *out_title = g_strdup (found);
          return g_strdup (xarxa_value_string_of (record, "id"));
        }
    }
  return NULL;
}

static void
create_document_cb (GObject    *owner,
                    const char *title)
{
  g_free (xarxa_library_page_create_document (XARXA_LIBRARY_PAGE (owner), title));
}

static void
open_document_cb (GObject    *owner,
                  const char *id)
{
  xarxa_library_page_open_document (XARXA_LIBRARY_PAGE (owner), id);
}

static void
new_document (XarxaLibraryPage *self)
{
  ensure_loaded (self);
  const XarxaNewRecordText text = {
    .heading = _("New Document"),
    .body = _("What is the document’s title? You can attach its file and fill in the rest next."),
    .placeholder = _("Title"),
    .entry_name = _("Title of the new document"),
    .duplicate_heading = _("Document Already Exists"),
    .duplicate_body = _("A document titled “%s” already exists. Open it, or create a separate document with the same title."),
  };

  if (self->store == NULL)
    return;
  xarxa_list_page_ask_new_record (GTK_WIDGET (self), "new-document-dialog", &text,
                                  find_document_cb, create_document_cb, open_document_cb);
}

/* Adding files */

gboolean
xarxa_library_page_get_busy (XarxaLibraryPage *self)
{
  g_return_val_if_fail (XARXA_IS_LIBRARY_PAGE (self), FALSE);

  return self->adder != NULL && xarxa_file_adder_get_busy (self->adder);
}

static void
already_there_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           XarxaLibraryPage *self)
{
  if (g_str_equal (response, "open"))
    xarxa_library_page_open_document (self, g_object_get_data (G_OBJECT (dialog), "document-id"));
}

static void
say_already_there (XarxaLibraryPage *self,
                   const char       *id)
{
  g_autoptr(JsonObject) document = xarxa_store_get_record (self->store, "document", id, NULL);
  GtkWidget *dialog;

  /* TRANSLATORS: %s is the title of a document */
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Already in the Library"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("This file is already in the library as “%s”."),
                                  xarxa_value_string_of (document, "title"));
  gtk_widget_set_name (dialog, "already-in-library-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "open", _("_Open Document"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_object_set_data_full (G_OBJECT (dialog), "document-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (already_there_response_cb), self, 0);
  xarxa_a11y_name_dialog_buttons (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The new document's title: the PDF's own, else the file's name without
 * its extension. */
static char *
title_for (XarxaStoredFile *stored)
{
  const char *name = stored->attachment->file_name;
  const char *dot;

  if (stored->text != NULL && stored->text->title != NULL)
    return g_strdup (stored->text->title);
  dot = name != NULL ? strrchr (name, '.') : NULL;
  if (dot != NULL && dot != name)
    return g_strndup (name, dot - name);
  return g_strdup (name != NULL ? name : _("Untitled document"));
}

static void
file_stored_cb (XarxaFileAdder   *adder,
                GFile            *file,
                const char       *attach_to,
                XarxaStoredFile  *stored,
                XarxaLibraryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *title = NULL;
  const char *id = attach_to;
  gboolean from_pdf = stored->text != NULL &&
                      (stored->text->title != NULL || stored->text->author != NULL || stored->text->date != NULL);

  if (id == NULL)
    {
      existing = xarxa_library_find_by_hash (self->store, stored->attachment->hash, NULL);
      if (existing != NULL)
        {
          say_already_there (self, existing);
          return;
        }
    }

  title = title_for (stored);
  if (!xarxa_store_begin (self->store, &error))
    goto failed;
  if (id == NULL)
    {
      g_autoptr(JsonObject) values = json_object_new ();

      json_object_set_string_member (values, "title", title);
      new_id = xarxa_store_create_record (self->store, "document", values, &error);
      id = new_id;
    }
  if (id == NULL ||
      !xarxa_library_attach (self->store, id, stored->attachment, &error) ||
      !xarxa_library_set_text (self->store, id, stored->text, &error) ||
      !xarxa_store_commit (self->store, &error))
    {
      xarxa_store_rollback (self->store);
      goto failed;
    }

  if (new_id != NULL)
    {
      if (xarxa_document_list_find (self->list, new_id) == G_MAXUINT && query_active (self))
        clear_filters_action (GTK_WIDGET (self), NULL, NULL);
      xarxa_library_page_open_document (self, new_id);
      if (from_pdf)
        xarxa_toast_show (GTK_WIDGET (self),
                          xarxa_toast_new (_("“%s” added, with the title, authors and date the PDF gives; "
                                             "correct them on its page if they are wrong"), title));
      else
        xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("“%s” added"), title));
    }
  else
    {
      if (g_strcmp0 (id, xarxa_library_page_get_shown_id (self)) == 0)
        xarxa_document_editor_reload (self->editor);
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("“%s” attached"), stored->attachment->file_name));
    }
  return;

failed:
  xarxa_list_page_show_add_error (GTK_WIDGET (self), stored->attachment->file_name, error->message);
}

static void
file_failed_cb (XarxaFileAdder   *adder,
                GFile            *file,
                GError           *error,
                XarxaLibraryPage *self)
{
  g_autofree char *name = g_file_get_basename (file);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Adding “%s” was cancelled; nothing was added"), name));
  else
    xarxa_list_page_show_add_error (GTK_WIDGET (self), name, error->message);
}

static void
file_started_cb (XarxaFileAdder   *adder,
                 const char       *name,
                 XarxaLibraryPage *self)
{
  /* TRANSLATORS: %s is a file's name */
  g_autofree char *label = g_strdup_printf (_("Adding “%s”…"), name);

  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
}

static void
file_progress_cb (XarxaFileAdder   *adder,
                  double            fraction,
                  XarxaLibraryPage *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
busy_changed_cb (XarxaLibraryPage *self)
{
  gboolean busy = xarxa_library_page_get_busy (self);

  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.cancel-add", busy);
  update_state (self);
}

void
xarxa_library_page_add_file (XarxaLibraryPage *self,
                             GFile            *file,
                             const char       *attach_to)
{
  g_return_if_fail (XARXA_IS_LIBRARY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->adder != NULL)
    xarxa_file_adder_add (self->adder, file, attach_to);
}

static void
cancel_add_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  XarxaLibraryPage *self = XARXA_LIBRARY_PAGE (widget);

  /* The files waiting go too: Cancel stops what the user started. */
  if (self->adder != NULL)
    xarxa_file_adder_cancel (self->adder);
}

static void
choose_file_response_cb (GtkNativeDialog  *chooser,
                         int               response,
                         XarxaLibraryPage *self)
{
  const char *attach_to = g_object_get_data (G_OBJECT (chooser), "attach-to");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          xarxa_library_page_add_file (self, file, attach_to);
        }
    }
  g_object_unref (chooser);
}

static void
choose_file (XarxaLibraryPage *self,
             const char       *attach_to)
{
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;
  chooser = gtk_file_chooser_native_new (attach_to != NULL ? _("Attach a File") : _("Add Files to the Library"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         attach_to != NULL ? _("_Attach") : _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), attach_to == NULL);
  g_object_set_data_full (G_OBJECT (chooser), "attach-to", g_strdup (attach_to), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (choose_file_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
add_file_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  choose_file (XARXA_LIBRARY_PAGE (widget), NULL);
}

static void
attach_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XarxaLibraryPage *self = XARXA_LIBRARY_PAGE (widget);

  if (xarxa_library_page_get_shown_id (self) != NULL)
    choose_file (self, xarxa_library_page_get_shown_id (self));
}

static gboolean
drop_cb (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         XarxaLibraryPage *self)
{
  GdkFileList *list;
  GSList *files;

  if (self->store == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  for (GSList *l = files; l != NULL; l = l->next)
    xarxa_library_page_add_file (self, l->data, NULL);
  g_slist_free (files);
  return TRUE;
}

/* Import and export */

static void
import_csl_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  XarxaLibraryPage *self = XARXA_LIBRARY_PAGE (widget);

  if (self->store != NULL)
    xarxa_library_import_csl_ask (widget, self->store);
}

/* Delete */

void
xarxa_library_page_delete_current (XarxaLibraryPage *self)
{
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (XARXA_IS_LIBRARY_PAGE (self));

  id = g_strdup (xarxa_library_page_get_shown_id (self));
  if (id == NULL || self->store == NULL)
    return;
  title = g_strdup (xarxa_document_editor_get_title (self->editor));

  /* Saves what was being typed, so Undo gives it all back. */
  show_document (self, NULL);
  if (!xarxa_store_delete_record (self->store, "document", id, &error))
    {
      xarxa_list_page_show_delete_error (GTK_WIDGET (self), title, error->message);
      show_document (self, id);
      return;
    }
  update_state (self);
  if (self->showing_detail)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  xarxa_list_page_show_deleted (GTK_WIDGET (self), "document", id, title);
}

static void
undelete (XarxaLibraryPage *self,
          const char       *type_name,
          const char       *id)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!xarxa_store_undelete_record (self->store, type_name, id, &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not undo: %s"), error->message));
      return;
    }
  if (g_str_equal (type_name, "document"))
    xarxa_library_page_open_document (self, id);
  else
    xarxa_document_editor_reload (self->editor);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  xarxa_library_page_delete_current (XARXA_LIBRARY_PAGE (widget));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XarxaLibraryPage *self = XARXA_LIBRARY_PAGE (widget);

  if (self->showing_detail)
    go_back (self);
  else if (self->search != NULL)
    stop_search_cb (self);
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, xarxa_document_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             XarxaLibraryPage         *self)
{
  xarxa_document_row_set_document (XARXA_DOCUMENT_ROW (gtk_list_item_get_child (item)), self->store,
                                   gtk_list_item_get_item (item), self->search);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               XarxaLibraryPage         *self)
{
  xarxa_document_row_set_document (XARXA_DOCUMENT_ROW (gtk_list_item_get_child (item)), NULL, NULL, NULL);
}

static void
set_store (XarxaLibraryPage *self,
           XarxaStore       *store)
{
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  xarxa_document_editor_set_store (self->editor, store);

  self->adder = xarxa_file_adder_new (store);
  g_signal_connect_object (self->adder, "started", G_CALLBACK (file_started_cb), self, 0);
  g_signal_connect_object (self->adder, "progress", G_CALLBACK (file_progress_cb), self, 0);
  g_signal_connect_object (self->adder, "stored", G_CALLBACK (file_stored_cb), self, 0);
  g_signal_connect_object (self->adder, "failed", G_CALLBACK (file_failed_cb), self, 0);
  g_signal_connect_object (self->adder, "notify::busy", G_CALLBACK (busy_changed_cb), self, G_CONNECT_SWAPPED);

  self->list = xarxa_document_list_new (store);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selected_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (store, "changed::document", G_CALLBACK (documents_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::document_link", G_CALLBACK (documents_changed_cb), self, G_CONNECT_SWAPPED);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_loaded (self);
  else
    update_state (self);
}

static void
xarxa_library_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  XarxaLibraryPage *self = XARXA_LIBRARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOWING_DETAIL:
      g_value_set_boolean (value, self->showing_detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_library_page_dispose (GObject *object)
{
  XarxaLibraryPage *self = XARXA_LIBRARY_PAGE (object);

  if (self->adder != NULL)
    xarxa_file_adder_cancel (self->adder);
  g_clear_object (&self->adder);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->editor != NULL)
    xarxa_document_editor_flush (self->editor);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_LIBRARY_PAGE);
  self->editor = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_library_page_parent_class)->dispose (object);
}

static void
xarxa_library_page_finalize (GObject *object)
{
  XarxaLibraryPage *self = XARXA_LIBRARY_PAGE (object);

  g_free (self->search);

  G_OBJECT_CLASS (xarxa_library_page_parent_class)->finalize (object);
}

/* XarxaPage */

static void
page_set_store (XarxaPage  *page,
                XarxaStore *store,
                GSettings  *settings)
{
  set_store (XARXA_LIBRARY_PAGE (page), store);
}

static const char *
page_get_new_label (XarxaPage *page)
{
  return _("New Document");
}

static void
page_new_record (XarxaPage *page)
{
  new_document (XARXA_LIBRARY_PAGE (page));
}

static void
page_focus_search (XarxaPage *page)
{
  XarxaLibraryPage *self = XARXA_LIBRARY_PAGE (page);

  go_back (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
page_go_back (XarxaPage *page)
{
  go_back (XARXA_LIBRARY_PAGE (page));
}

static void
page_undelete (XarxaPage  *page,
               const char *type_name,
               const char *id)
{
  undelete (XARXA_LIBRARY_PAGE (page), type_name, id);
}

static void
page_export (XarxaPage *page)
{
  XarxaLibraryPage *self = XARXA_LIBRARY_PAGE (page);
  g_autoptr(GArray) rowids = NULL;

  if (self->store == NULL)
    return;
  rowids = xarxa_library_query_rowids (self->store, xarxa_document_list_get_filter (self->list), NULL);
  if (rowids != NULL)
    xarxa_library_export_ask (GTK_WIDGET (self), self->store, rowids);
}

static void
page_iface_init (XarxaPageInterface *iface)
{
  iface->set_store = page_set_store;
  iface->get_new_label = page_get_new_label;
  iface->new_record = page_new_record;
  iface->focus_search = page_focus_search;
  iface->go_back = page_go_back;
  iface->undelete = page_undelete;
  iface->export = page_export;
}

static void
xarxa_library_page_class_init (XarxaLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xarxa_library_page_get_property;
  object_class->dispose = xarxa_library_page_dispose;
  object_class->finalize = xarxa_library_page_finalize;

  g_object_class_override_property (object_class, PROP_SHOWING_DETAIL, "showing-detail");
  properties[PROP_SHOWING_DETAIL] = g_object_class_find_property (object_class, "showing-detail");

  g_type_ensure (XARXA_TYPE_LIBRARY_FILTERS);
  g_type_ensure (XARXA_TYPE_DOCUMENT_EDITOR);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/library/xarxa-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, filters);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaLibraryPage, editor);
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_page", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);

  gtk_widget_class_install_action (widget_class, "library.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "library.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "library.escape", NULL, escape_action);
  gtk_widget_class_install_action (widget_class, "library.add-file", NULL, add_file_action);
  gtk_widget_class_install_action (widget_class, "library.attach-file", NULL, attach_file_action);
  gtk_widget_class_install_action (widget_class, "library.cancel-add", NULL, cancel_add_action);
  gtk_widget_class_install_action (widget_class, "library.import-csl", NULL, import_csl_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "library.escape", NULL);
}

static void
xarxa_library_page_init (XarxaLibraryPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (ensure_loaded), NULL);


  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.attach-file", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.cancel-add", FALSE);
}
