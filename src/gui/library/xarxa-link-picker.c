/* xarxa-link-picker.c — a dialog that finds a record to link by any word
 * of it, through the global search (xarxa-search.h), each hit with its
 * kind and the words that matched.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-link-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-document-row.h"
#include "xarxa-link-picker.h"
#include "xarxa-search.h"

#define MAX_HITS_PER_TYPE 30

struct _XarxaLinkPicker
{
  AdwWindow parent_instance;

  XarxaStore *store;
  GStrv       types;
  GPtrArray  *hits;   /* XarxaSearchHit*, as listed */

  AdwWindowTitle *window_title;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  AdwStatusPage  *hint_page;
  GtkListBox     *list_box;
};

G_DEFINE_FINAL_TYPE (XarxaLinkPicker, xarxa_link_picker, ADW_TYPE_WINDOW)

enum {
  SIGNAL_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_hits (XarxaLinkPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, row);
  g_clear_pointer (&self->hits, g_ptr_array_unref);

  self->hits = xarxa_search (self->store, text, (const char *const *) self->types, MAX_HITS_PER_TYPE,
                             XARXA_SNIPPET_MARK_START, XARXA_SNIPPET_MARK_END, &error);
  if (self->hits == NULL)
    {
      adw_status_page_set_title (self->hint_page, _("Could Not Search"));
      adw_status_page_set_description (self->hint_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }
  for (guint i = 0; i < self->hits->len; i++)
    {
      XarxaSearchHit *hit = self->hits->pdata[i];
      const XarxaRecordType *type = xarxa_schema_lookup (hit->type);
      g_autofree char *snippet = hit->snippet != NULL ? xarxa_snippet_to_markup (hit->snippet) : NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;

      subtitle = g_strdup_printf ("%s · %s", type != NULL ? xarxa_record_type_get_singular (type) : hit->type,
                                  snippet != NULL ? snippet : "");
      /* Markup: the title escaped, the snippet's matched words in bold. */
      title = g_markup_escape_text (hit->title != NULL ? hit->title : "", -1);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->list_box, row);
    }

  if (self->hits->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "hits");
  else
    {
      g_autofree char *match = xarxa_fts_query_from_text (text);
      gboolean typed = match != NULL;

      adw_status_page_set_title (self->hint_page, typed ? _("Nothing Found") : _("Type to Search"));
      gtk_stack_set_visible_child_name (self->stack, "hint");
    }
}

static void
search_changed_cb (XarxaLinkPicker *self)
{
  show_hits (self);
}

void
xarxa_link_picker_pick (XarxaLinkPicker *self,
                        guint            index)
{
  XarxaSearchHit *hit;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;

  g_return_if_fail (XARXA_IS_LINK_PICKER (self));
  g_return_if_fail (self->hits != NULL && index < self->hits->len);

  hit = self->hits->pdata[index];
  type = g_strdup (hit->type);
  id = g_strdup (hit->id);
  g_signal_emit (self, signals[SIGNAL_PICKED], 0, type, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
row_activated_cb (XarxaLinkPicker *self,
                  GtkListBoxRow   *row)
{
  xarxa_link_picker_pick (self, gtk_list_box_row_get_index (row));
}

static void
search_activate_cb (XarxaLinkPicker *self)
{
  if (self->hits != NULL && self->hits->len > 0)
    xarxa_link_picker_pick (self, 0);
}

static void
stop_search_cb (XarxaLinkPicker *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

void
xarxa_link_picker_search (XarxaLinkPicker *self,
                          const char      *text)
{
  g_return_if_fail (XARXA_IS_LINK_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  show_hits (self);
}

guint
xarxa_link_picker_get_n_hits (XarxaLinkPicker *self)
{
  g_return_val_if_fail (XARXA_IS_LINK_PICKER (self), 0);

  return self->hits != NULL ? self->hits->len : 0;
}

static void
xarxa_link_picker_dispose (GObject *object)
{
  XarxaLinkPicker *self = XARXA_LINK_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_LINK_PICKER);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_link_picker_parent_class)->dispose (object);
}

static void
xarxa_link_picker_finalize (GObject *object)
{
  XarxaLinkPicker *self = XARXA_LINK_PICKER (object);

  g_strfreev (self->types);
  g_clear_pointer (&self->hits, g_ptr_array_unref);

  G_OBJECT_CLASS (xarxa_link_picker_parent_class)->finalize (object);
}

static void
xarxa_link_picker_class_init (XarxaLinkPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_link_picker_dispose;
  object_class->finalize = xarxa_link_picker_finalize;

  signals[SIGNAL_PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                         G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/library/xarxa-link-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaLinkPicker, window_title);
  gtk_widget_class_bind_template_child (widget_class, XarxaLinkPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XarxaLinkPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaLinkPicker, hint_page);
  gtk_widget_class_bind_template_child (widget_class, XarxaLinkPicker, list_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xarxa_link_picker_init (XarxaLinkPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
xarxa_link_picker_new (GtkWindow         *parent,
                       XarxaStore        *store,
                       const char *const *types,
                       const char        *title,
                       const char        *hint)
{
  XarxaLinkPicker *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (types != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (XARXA_TYPE_LINK_PICKER, "transient-for", parent, "title", title, NULL);
  self->store = g_object_ref (store);
  self->types = g_strdupv ((char **) types);
  adw_window_title_set_title (self->window_title, title);
  g_object_set (self->search_entry, "placeholder-text", hint, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_status_page_set_title (self->hint_page, _("Type to Search"));
  adw_status_page_set_description (self->hint_page, hint);
  return GTK_WIDGET (self);
}
