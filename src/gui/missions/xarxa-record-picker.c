/* xarxa-record-picker.c — chooses one organisation or contact person from
 * the whole directory, found as you type; or takes the name typed.
 *
 * The list is a XarxaRecordList with the words typed as its search,
 * answered by SQLite's full-text index, so it stays quick with 100,000
 * records.  A mission's organiser and its participants are chosen here.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-record-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-record-list.h"
#include "xarxa-record-picker.h"
#include "xarxa-values.h"

struct _XarxaRecordPicker
{
  AdwWindow parent_instance;

  XarxaStore         *store;
  char               *type_name;
  gboolean            offer_typed;
  XarxaRecordList    *list;
  GtkSingleSelection *selection;

  GtkSearchEntry *search_entry;
  GtkListView    *list_view;
  GtkWidget      *typed_button;
  GtkLabel       *typed_label;
};

G_DEFINE_FINAL_TYPE (XarxaRecordPicker, xarxa_record_picker, ADW_TYPE_WINDOW)

enum {
  PICKED,
  TYPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
search_text (XarxaRecordPicker *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

gboolean
xarxa_record_picker_pick (XarxaRecordPicker *self,
                          guint              position)
{
  g_autoptr(XarxaRecord) record = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (XARXA_IS_RECORD_PICKER (self), FALSE);

  record = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (record == NULL)
    return FALSE;
  id = g_strdup (xarxa_record_get_id (record));
  /* Kept alive while the handlers run and the window closes. */
  g_object_ref (self);
  g_signal_emit (self, signals[PICKED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
  return TRUE;
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XarxaRecordPicker *self = XARXA_RECORD_PICKER (widget);
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    xarxa_record_picker_pick (self, position);
}

static void
typed_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  XarxaRecordPicker *self = XARXA_RECORD_PICKER (widget);
  g_autofree char *text = search_text (self);

  if (text[0] == '\0' || !self->offer_typed)
    return;
  g_object_ref (self);
  g_signal_emit (self, signals[TYPED], 0, text);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
update_state (XarxaRecordPicker *self)
{
  g_autofree char *text = search_text (self);
  g_autofree char *label = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.choose",
                                 gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION);
  gtk_widget_set_visible (self->typed_button, self->offer_typed && text[0] != '\0');
  if (!self->offer_typed || text[0] == '\0')
    return;
  /* TRANSLATORS: %s is the name typed in the search, taken without a contact from the directory */
  label = g_strdup_printf (_("_Add “%s” by Name Only"), text);
  gtk_label_set_label (self->typed_label, label);
}

static void
search_changed_cb (XarxaRecordPicker *self)
{
  g_autofree char *text = search_text (self);
  g_autoptr(XarxaQuery) query = xarxa_query_new (self->type_name);

  xarxa_query_set_search (query, text);
  xarxa_record_list_set_query (self->list, query);
  gtk_single_selection_set_selected (self->selection,
                                     g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0
                                     ? 0 : GTK_INVALID_LIST_POSITION);
  update_state (self);
}

static void
search_activate_cb (XarxaRecordPicker *self)
{
  choose_action (GTK_WIDGET (self), NULL, NULL);
}

static void
list_activate_cb (XarxaRecordPicker *self,
                  guint              position)
{
  xarxa_record_picker_pick (self, position);
}

void
xarxa_record_picker_search (XarxaRecordPicker *self,
                            const char        *text)
{
  g_return_if_fail (XARXA_IS_RECORD_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* At once, not after the entry's pause. */
  search_changed_cb (self);
}

void
xarxa_record_picker_offer_typed (XarxaRecordPicker *self)
{
  g_return_if_fail (XARXA_IS_RECORD_PICKER (self));

  self->offer_typed = TRUE;
  update_state (self);
}

/* Rows: the record's title; a person's organisation under it, to tell
 * two people of the same name apart. */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             XarxaRecordPicker        *self)
{
  XarxaRecord *record = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autoptr(JsonObject) entity = NULL;

  gtk_label_set_label (GTK_LABEL (title), xarxa_record_get_title (record));
  if (self->store != NULL && g_str_equal (xarxa_record_get_type_name (record), "contact"))
    entity = xarxa_store_get_live_record (self->store, "entity", xarxa_record_get_string (record, "entity_id"));
  gtk_label_set_label (GTK_LABEL (subtitle), entity != NULL ? xarxa_value_string_of (entity, "name") : "");
  gtk_widget_set_visible (subtitle, entity != NULL);
  /* The list item is what a screen reader lands on. */
  if (gtk_widget_get_parent (gtk_list_item_get_child (item)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (gtk_list_item_get_child (item))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, xarxa_record_get_title (record), -1);
}

GtkWidget *
xarxa_record_picker_new (GtkWindow  *parent,
                         XarxaStore *store,
                         const char *type_name,
                         const char *title)
{
  XarxaRecordPicker *self;
  g_autoptr(XarxaQuery) query = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);

  query = xarxa_query_new (type_name);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (XARXA_TYPE_RECORD_PICKER, "transient-for", parent, "title", title, NULL);
  gtk_widget_set_name (GTK_WIDGET (self), "record-picker");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  xarxa_record_type_get_plural (xarxa_schema_lookup (type_name)), -1);
  self->store = g_object_ref (store);
  self->type_name = g_strdup (type_name);
  self->list = xarxa_record_list_new (store, query);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_state (self);

  return GTK_WIDGET (self);
}

static void
xarxa_record_picker_dispose (GObject *object)
{
  XarxaRecordPicker *self = XARXA_RECORD_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_RECORD_PICKER);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_record_picker_parent_class)->dispose (object);
}

static void
xarxa_record_picker_finalize (GObject *object)
{
  XarxaRecordPicker *self = XARXA_RECORD_PICKER (object);

  g_free (self->type_name);

  G_OBJECT_CLASS (xarxa_record_picker_parent_class)->finalize (object);
}

static void
xarxa_record_picker_class_init (XarxaRecordPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_record_picker_dispose;
  object_class->finalize = xarxa_record_picker_finalize;

  /* The chosen record's id. */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The words typed, trimmed. */
  signals[TYPED] = g_signal_new ("typed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/missions/xarxa-record-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaRecordPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XarxaRecordPicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, XarxaRecordPicker, typed_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaRecordPicker, typed_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "picker.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "picker.typed", NULL, typed_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xarxa_record_picker_init (XarxaRecordPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
}
