/* xarxa-search-window.c — one search across the four views.
 *
 * Ctrl+K (or the header's button) opens it over the window: a search
 * entry and, as the words are typed, the organisations, people, clusters,
 * missions, itinerary stops, field notes and documents that hold them all,
 * grouped by kind, each with the words in their context, marked.  It is
 * keyboard-first: Enter in the entry opens the first hit, Down (or Ctrl+G)
 * goes into the list, Enter on a hit opens it, Escape closes.  A hit is
 * opened through the window's "win.open-record" action, which shows it in
 * its view.
 *
 * The search itself is xarxa_search() (one ranked FTS5 statement per kind),
 * fast enough to run on each pause in typing.  Its snippets come marked
 * with two private-use characters, which are replaced by bold markup only
 * after the text is escaped, so that nothing in a record is read as
 * markup.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-search-window"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-schema.h"
#include "xarxa-search.h"
#include "xarxa-search-window.h"

/* How many hits of each kind are shown. */
#define HITS_PER_KIND 8

/* U+E000 and U+E001, which no record holds. */
#define MARK_START "\xee\x80\x80"
#define MARK_END   "\xee\x80\x81"

struct _XarxaSearchWindow
{
  AdwWindow parent_instance;

  XarxaStore     *store;
  GtkWindow      *parent_window;   /* weak */
  GtkSearchEntry *entry;
  GtkStack       *stack;
  GtkListBox     *list;
  guint           n_hits;
};

G_DEFINE_FINAL_TYPE (XarxaSearchWindow, xarxa_search_window, ADW_TYPE_WINDOW)

/* The snippet as Pango markup: escaped, the marked words in bold. */
static char *
snippet_markup (const char *snippet)
{
  g_autofree char *escaped = g_markup_escape_text (snippet != NULL ? snippet : "", -1);
  g_autoptr(GString) markup = g_string_new (escaped);

  g_string_replace (markup, MARK_START, "<b>", 0);
  g_string_replace (markup, MARK_END, "</b>", 0);
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* The snippet as a screen reader reads it, without the marks. */
static char *
snippet_text (const char *snippet)
{
  g_autoptr(GString) text = g_string_new (snippet != NULL ? snippet : "");

  g_string_replace (text, MARK_START, "", 0);
  g_string_replace (text, MARK_END, "", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
kind_label (const char *type_name)
{
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);

  return type != NULL ? xarxa_record_type_get_plural (type) : type_name;
}

static GtkWidget *
hit_row (XarxaSearchHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (hit->title != NULL && hit->title[0] != '\0' ? hit->title : _("Untitled"));
  g_autofree char *markup = snippet_markup (hit->snippet);
  g_autofree char *plain = snippet_text (hit->snippet);
  g_autofree char *name = NULL;
  const XarxaRecordType *type = xarxa_schema_lookup (hit->type);
  GtkWidget *snippet;

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  /* A snippet that is the title itself is not said twice. */
  snippet = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (snippet), markup);
  gtk_widget_set_visible (snippet, g_strcmp0 (plain, gtk_label_get_text (GTK_LABEL (title))) != 0);
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 2);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (snippet, "dim-label");
  gtk_box_append (GTK_BOX (box), snippet);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "xarxa-type", g_strdup (hit->type), g_free);
  g_object_set_data_full (G_OBJECT (row), "xarxa-id", g_strdup (hit->id), g_free);

  /* TRANSLATORS: how a screen reader reads a search result: its title,
   * its kind ("Organisation") and the words around those searched */
  name = g_strdup_printf (_("%s, %s: %s"), gtk_label_get_text (GTK_LABEL (title)),
                          type != NULL ? xarxa_record_type_get_singular (type) : hit->type, plain);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

/* A heading over the first hit of each kind. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const char *type = g_object_get_data (G_OBJECT (row), "xarxa-type");
  const char *type_before = before != NULL ? g_object_get_data (G_OBJECT (before), "xarxa-type") : NULL;
  GtkWidget *header;

  if (g_strcmp0 (type, type_before) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (kind_label (type));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_list_box_row_set_header (row, header);
}

void
xarxa_search_window_search (XarxaSearchWindow *self,
                            const char        *text)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *words = g_strstrip (g_strdup (text != NULL ? text : ""));
  GtkWidget *child;

  g_return_if_fail (XARXA_IS_SEARCH_WINDOW (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    {
      /* Typed in the entry, which searches again through its signal. */
      gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
      gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_hits = 0;

  if (words[0] == '\0')
    {
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }

  hits = xarxa_search (self->store, text, NULL, HITS_PER_KIND, MARK_START, MARK_END, &error);
  if (hits == NULL)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->stack, "empty")),
                                       error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->list, hit_row (hits->pdata[i]));
  self->n_hits = hits->len;
  gtk_stack_set_visible_child_name (self->stack, hits->len > 0 ? "results" : "empty");
}

guint
xarxa_search_window_get_n_hits (XarxaSearchWindow *self)
{
  g_return_val_if_fail (XARXA_IS_SEARCH_WINDOW (self), 0);

  return self->n_hits;
}

static void
open_row (XarxaSearchWindow *self,
          GtkListBoxRow     *row)
{
  const char *type = g_object_get_data (G_OBJECT (row), "xarxa-type");
  const char *id = g_object_get_data (G_OBJECT (row), "xarxa-id");

  if (self->parent_window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->parent_window), "win.open-record", "(ss)", type, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
row_activated_cb (XarxaSearchWindow *self,
                  GtkListBoxRow     *row)
{
  open_row (self, row);
}

static void
search_changed_cb (XarxaSearchWindow *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  xarxa_search_window_search (self, text);
}

static void
entry_activate_cb (XarxaSearchWindow *self)
{
  GtkListBoxRow *first;

  /* The results of the words as they stand, not of a pause ago. */
  search_changed_cb (self);
  first = gtk_list_box_get_row_at_index (self->list, 0);
  if (first != NULL)
    open_row (self, first);
}

static void
stop_search_cb (XarxaSearchWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
next_match_cb (XarxaSearchWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

/* Down from the entry goes into the results. */
static gboolean
entry_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      XarxaSearchWindow     *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  next_match_cb (self);
  return GDK_EVENT_STOP;
}

static void
xarxa_search_window_dispose (GObject *object)
{
  XarxaSearchWindow *self = XARXA_SEARCH_WINDOW (object);

  g_clear_weak_pointer (&self->parent_window);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_SEARCH_WINDOW);

  G_OBJECT_CLASS (xarxa_search_window_parent_class)->dispose (object);
}

static void
xarxa_search_window_class_init (XarxaSearchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_search_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-search-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaSearchWindow, entry);
  gtk_widget_class_bind_template_child (widget_class, XarxaSearchWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaSearchWindow, list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xarxa_search_window_init (XarxaSearchWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* For tests, which find it among the toplevels. */
  gtk_widget_set_name (GTK_WIDGET (self), "global-search");
  gtk_list_box_set_header_func (self->list, update_header, NULL, NULL);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

GtkWidget *
xarxa_search_window_new (GtkWindow  *parent,
                         XarxaStore *store)
{
  XarxaSearchWindow *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  self = g_object_new (XARXA_TYPE_SEARCH_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  g_set_weak_pointer (&self->parent_window, parent);
  return GTK_WIDGET (self);
}
