/* xarxa-record-search.c — one organisation or contact person picked from
 * the directory by a few words, or created on the spot.
 *
 * The words go to the store as a XarxaQuery's search (full-text where the
 * type has an index, the fields its description names where it has not),
 * so the picker stays quick with 100,000 records; only the first few
 * matches are read and shown, then "Create “…”" with the words typed as
 * the new record's name.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-record-search"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-record-search.h"
#include "xarxa-values.h"

#define MAX_RESULTS 6

struct _XarxaRecordSearch
{
  GtkBox parent_instance;

  XarxaStore     *store;
  char           *type_name;
  char           *selected_id;
  char           *entity_id;
  gboolean        can_create;

  GtkLabel       *heading_label;
  GtkWidget      *picked_box;
  GtkLabel       *picked_label;
  GtkSearchEntry *search_entry;
  GtkListBox     *results_list;
};

G_DEFINE_FINAL_TYPE (XarxaRecordSearch, xarxa_record_search, GTK_TYPE_BOX)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
name_field (XarxaRecordSearch *self)
{
  return g_str_equal (self->type_name, "contact") ? "full_name" : "name";
}

/* "Name — Organisation" for a contact, "Name — City" for an organisation. */
static char *
describe (XarxaRecordSearch *self,
          JsonObject        *record)
{
  const char *name = xarxa_value_string_of (record, name_field (self));
  const char *detail = NULL;
  g_autoptr(JsonObject) entity = NULL;

  if (g_str_equal (self->type_name, "contact"))
    {
      entity = xarxa_store_get_live_record (self->store, "entity", xarxa_value_string_of (record, "entity_id"));
      if (entity != NULL)
        detail = xarxa_value_string_of (entity, "name");
    }
  else
    detail = xarxa_value_string_of (record, "city");
  if (detail == NULL)
    return g_strdup (name != NULL ? name : "");
  /* TRANSLATORS: a person's or organisation's name, then their organisation or city */
  return g_strdup_printf (_("%s — %s"), name != NULL ? name : "", detail);
}

static void
update_picked (XarxaRecordSearch *self)
{
  g_autoptr(JsonObject) record = xarxa_store_get_live_record (self->store, self->type_name, self->selected_id);

  gtk_widget_set_visible (self->picked_box, record != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), record == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), FALSE);
  if (record != NULL)
    {
      g_autofree char *text = describe (self, record);

      gtk_label_set_label (self->picked_label, text);
    }
}

static void
pick (XarxaRecordSearch *self,
      const char        *id)
{
  if (g_strcmp0 (self->selected_id, id) == 0)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  update_picked (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
result_row (const char *title,
            const char *id)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "record-id", g_strdup (id), g_free);
  return row;
}

static void
search_changed_cb (XarxaRecordSearch *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(XarxaQuery) query = NULL;
  g_autoptr(GArray) rowids = NULL;
  GtkWidget *row;
  guint shown = 0;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, row);
  if (text[0] == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->results_list), FALSE);
      return;
    }
  query = xarxa_query_new (self->type_name);
  xarxa_query_set_search (query, text);
  rowids = xarxa_store_query_rowids (self->store, query, NULL);
  for (guint i = 0; rowids != NULL && i < rowids->len && shown < MAX_RESULTS; i++)
    {
      g_autoptr(JsonObject) record = xarxa_store_get_record_by_rowid (self->store, self->type_name,
                                                                      g_array_index (rowids, gint64, i), NULL);
      g_autofree char *title = NULL;

      if (record == NULL)
        continue;
      title = describe (self, record);
      gtk_list_box_append (self->results_list, result_row (title, xarxa_value_string_of (record, "id")));
      shown++;
    }
  if (self->can_create)
    {
      /* TRANSLATORS: the words typed, made the name of a new organisation or person */
      g_autofree char *create = g_strdup_printf (_("Create “%s”"), text);

      row = result_row (create, NULL);
      gtk_widget_set_name (row, "create-row");
      gtk_list_box_append (self->results_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->results_list)) != NULL);
}

static void
row_activated_cb (XarxaRecordSearch *self,
                  GtkListBoxRow     *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "record-id");
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_id = NULL;

  if (id != NULL)
    {
      pick (self, id);
      return;
    }
  /* Created here and now, as any local edit, to be synced later. */
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  values = json_object_new ();
  json_object_set_string_member (values, name_field (self), text);
  if (g_str_equal (self->type_name, "contact") && self->entity_id != NULL)
    json_object_set_string_member (values, "entity_id", self->entity_id);
  new_id = xarxa_store_create_record (self->store, self->type_name, values, &error);
  if (new_id == NULL)
    {
      gtk_label_set_label (self->picked_label, error->message);
      gtk_widget_set_visible (self->picked_box, TRUE);
      return;
    }
  pick (self, new_id);
}

static void
clear_clicked_cb (XarxaRecordSearch *self)
{
  pick (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
xarxa_record_search_dispose (GObject *object)
{
  XarxaRecordSearch *self = XARXA_RECORD_SEARCH (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_RECORD_SEARCH);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (xarxa_record_search_parent_class)->dispose (object);
}

static void
xarxa_record_search_finalize (GObject *object)
{
  XarxaRecordSearch *self = XARXA_RECORD_SEARCH (object);

  g_free (self->type_name);
  g_free (self->selected_id);
  g_free (self->entity_id);
  G_OBJECT_CLASS (xarxa_record_search_parent_class)->finalize (object);
}

static void
xarxa_record_search_class_init (XarxaRecordSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_record_search_dispose;
  object_class->finalize = xarxa_record_search_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/transicions/Xarxa/missions/xarxa-record-search.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaRecordSearch, heading_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaRecordSearch, picked_box);
  gtk_widget_class_bind_template_child (widget_class, XarxaRecordSearch, picked_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaRecordSearch, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XarxaRecordSearch, results_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
}

static void
xarxa_record_search_init (XarxaRecordSearch *self)
{
  self->can_create = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
xarxa_record_search_new (XarxaStore *store,
                         const char *type_name,
                         const char *label)
{
  XarxaRecordSearch *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (g_strcmp0 (type_name, "entity") == 0 || g_strcmp0 (type_name, "contact") == 0, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (XARXA_TYPE_RECORD_SEARCH, NULL);
  self->store = g_object_ref (store);
  self->type_name = g_strdup (type_name);
  gtk_label_set_label (self->heading_label, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return GTK_WIDGET (self);
}

const char *
xarxa_record_search_get_selected_id (XarxaRecordSearch *self)
{
  g_return_val_if_fail (XARXA_IS_RECORD_SEARCH (self), NULL);

  return self->selected_id;
}

void
xarxa_record_search_set_selected_id (XarxaRecordSearch *self,
                                     const char        *id)
{
  g_return_if_fail (XARXA_IS_RECORD_SEARCH (self));

  pick (self, id);
  update_picked (self);
}

void
xarxa_record_search_set_entity_id (XarxaRecordSearch *self,
                                   const char        *entity_id)
{
  g_return_if_fail (XARXA_IS_RECORD_SEARCH (self));

  g_free (self->entity_id);
  self->entity_id = g_strdup (entity_id);
}

void
xarxa_record_search_set_can_create (XarxaRecordSearch *self,
                                    gboolean           can_create)
{
  g_return_if_fail (XARXA_IS_RECORD_SEARCH (self));

  self->can_create = can_create;
}

void
xarxa_record_search_set_text (XarxaRecordSearch *self,
                              const char        *text)
{
  g_return_if_fail (XARXA_IS_RECORD_SEARCH (self));
  g_return_if_fail (text != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Not waiting for the entry's delay. */
  search_changed_cb (self);
}
