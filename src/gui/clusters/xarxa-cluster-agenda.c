/* xarxa-cluster-agenda.c — the shared social agenda in a cluster's page,
 * and of the whole network in its own window.
 *
 * The items come ranked and grouped from the cluster core
 * (xarxa_agenda_to_json()): one inner group per kind or transition, an
 * expander row per item, opening to its kind, transition, text, the
 * meeting it came from and one switch per member organisation saying
 * whether it supports the item (agenda_support records).  A change that
 * moves the item (its kind, transition or support) rebuilds the agenda,
 * keeping open rows open; the store's changes from elsewhere do too.
 * "Save to Library" keeps the Markdown of the agenda as a document
 * (xarxa_agenda_save_to_library()).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster-agenda"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-cluster-agenda.h"
#include "xarxa-field-note-promote.h"
#include "xarxa-field-row.h"
#include "xarxa-member-choices.h"
#include "xarxa-query.h"
#include "xarxa-toast.h"
#include "xarxa-values.h"

struct _XarxaClusterAgenda
{
  AdwPreferencesGroup parent_instance;

  XarxaStore          *store;
  char                *cluster_id;
  gboolean             network;
  XarxaAgendaGrouping  grouping;
  gboolean             saving;    /* a change of ours is being written */
  gboolean             stale;     /* changed while off screen */
  guint                reload_id;

  GtkWidget           *menu_button;
  GtkWidget           *add_button;

  GPtrArray           *groups;    /* the inner groups shown */
  GPtrArray           *item_ids;  /* the items shown, in order */
  GHashTable          *expanded;  /* ids of the items whose rows are open */
  GHashTable          *switches;  /* "item entity" → GtkSwitch */
};

G_DEFINE_FINAL_TYPE (XarxaClusterAgenda, xarxa_cluster_agenda, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_GROUPING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ITEM_ID "xarxa-item-id"
#define ITEM "xarxa-item"
#define SUPPORTERS_BUILT "xarxa-supporters-built"
#define ENTITY_ID "xarxa-entity-id"
#define FIELD "xarxa-field"

static void rebuild (XarxaClusterAgenda *self);

static gboolean
reload_cb (gpointer user_data)
{
  XarxaClusterAgenda *self = user_data;

  self->reload_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Not from inside a signal of a widget the rebuild removes. */
static void
reload_later (XarxaClusterAgenda *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cb, self);
}

static gboolean
shows_something (XarxaClusterAgenda *self)
{
  return self->store != NULL && (self->network || self->cluster_id != NULL);
}

/* Writing */

static const char *
item_of (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), ITEM_ID) != NULL)
      return g_object_get_data (G_OBJECT (w), ITEM_ID);
  return NULL;
}

static void
tell_error (XarxaClusterAgenda *self,
            GError             *error)
{
  xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
}

static void
save_item_field (XarxaClusterAgenda *self,
                 const char         *item_id,
                 const char         *field,
                 const char         *value)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (value != NULL)
    json_object_set_string_member (changes, field, value);
  else
    json_object_set_null_member (changes, field);
  self->saving = TRUE;
  ok = xarxa_store_update_record (self->store, "agenda_item", item_id, changes, &error);
  self->saving = FALSE;
  if (!ok)
    tell_error (self, error);
  /* The item moves to its new group, or back to what is stored. */
  reload_later (self);
}

static void
choice_changed_cb (XarxaChoiceDropDown *drop_down,
                   GParamSpec          *pspec,
                   XarxaClusterAgenda  *self)
{
  const char *item_id = item_of (GTK_WIDGET (drop_down));

  if (self->store == NULL || item_id == NULL)
    return;
  save_item_field (self, item_id, g_object_get_data (G_OBJECT (drop_down), FIELD),
                   xarxa_choice_drop_down_get_selected_id (drop_down));
}

static gboolean
save_text_cb (XarxaFieldRow *row,
              const char    *field,
              JsonNode      *value,
              gpointer       user_data,
              GError       **error)
{
  XarxaClusterAgenda *self = user_data;
  const char *item_id = item_of (GTK_WIDGET (row));
  g_autoptr(JsonObject) record = NULL;
  GtkWidget *expander;
  gboolean ok;

  if (self->store == NULL || item_id == NULL ||
      (record = xarxa_store_get_live_record (self->store, "agenda_item", item_id)) == NULL)
    return TRUE;
  self->saving = TRUE;
  ok = xarxa_field_row_save_to_record (self->store, "agenda_item", item_id, record, field,
                                       json_node_copy (value), error);
  self->saving = FALSE;
  /* The row keeps its place: only its title follows. */
  expander = gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_EXPANDER_ROW);
  if (ok && expander != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                   xarxa_value_string_of (record, "text") != NULL
                                   ? xarxa_value_string_of (record, "text") : "");
  return ok;
}

static void
support_changed_cb (GtkSwitch          *toggle,
                    GParamSpec         *pspec,
                    XarxaClusterAgenda *self)
{
  const char *item_id = item_of (GTK_WIDGET (toggle));
  const char *entity_id = g_object_get_data (G_OBJECT (toggle), ENTITY_ID);
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) existing = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->store == NULL || item_id == NULL)
    return;
  id = xarxa_record_type_pair_id (xarxa_schema_lookup ("agenda_support"), item_id, entity_id);
  existing = xarxa_store_get_live_record (self->store, "agenda_support", id);
  self->saving = TRUE;
  if (gtk_switch_get_active (toggle) && existing == NULL)
    {
      g_autoptr(JsonObject) values = json_object_new ();
      g_autofree char *made = NULL;

      json_object_set_string_member (values, "agenda_item_id", item_id);
      json_object_set_string_member (values, "entity_id", entity_id);
      made = xarxa_store_create_record (self->store, "agenda_support", values, &error);
      ok = made != NULL;
    }
  else if (!gtk_switch_get_active (toggle) && existing != NULL)
    ok = xarxa_store_delete_record (self->store, "agenda_support", id, &error);
  self->saving = FALSE;
  if (!ok)
    tell_error (self, error);
  /* Ranked again. */
  reload_later (self);
}

static void
remove_cb (GtkButton          *button,
           XarxaClusterAgenda *self)
{
  const char *item_id = item_of (GTK_WIDGET (button));
  g_autofree char *id = g_strdup (item_id);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->store == NULL || id == NULL)
    return;
  if (!xarxa_store_delete_record (self->store, "agenda_item", id, &error))
    {
      tell_error (self, error);
      return;
    }
  reload_later (self);
  toast = xarxa_toast_new ("%s", _("Agenda item removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undelete");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", "agenda_item", id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  xarxa_toast_show (GTK_WIDGET (self), toast);
}

/* Rows */

static GtkWidget *
suffix_row (const char *title,
            GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (suffix), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  return row;
}

static GtkWidget *
choice_row (XarxaClusterAgenda *self,
            const char         *field,
            const char         *title,
            const char         *none_label,
            GPtrArray          *ids,
            GPtrArray          *labels,
            const char         *selected)
{
  GtkWidget *drop_down = xarxa_choice_drop_down_new ();

  g_ptr_array_add (ids, NULL);
  xarxa_choice_drop_down_set_choices (XARXA_CHOICE_DROP_DOWN (drop_down), none_label,
                                      (const char *const *) ids->pdata,
                                      (const char *const *) labels->pdata, labels->len);
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (drop_down), selected);
  xarxa_choice_drop_down_set_title (XARXA_CHOICE_DROP_DOWN (drop_down), title);
  g_object_set_data_full (G_OBJECT (drop_down), FIELD, g_strdup (field), g_free);
  g_signal_connect_object (drop_down, "notify::selected-id", G_CALLBACK (choice_changed_cb), self, 0);
  return suffix_row (title, drop_down);
}

static GtkWidget *
list_choice_row (XarxaClusterAgenda    *self,
                 const char            *field,
                 const char            *title,
                 const XarxaChoiceList *list,
                 const char            *selected)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; i < list->n_choices; i++)
    {
      g_ptr_array_add (ids, (gpointer) list->choices[i].value);
      g_ptr_array_add (labels, (gpointer) xarxa_choice_list_label (list, list->choices[i].value));
    }
  return choice_row (self, field, title, C_("no value", "None"), ids, labels, selected);
}

/* The cluster whose members may support @item: its own, or its
 * meeting's. */
static char *
item_cluster (XarxaClusterAgenda *self,
              JsonObject         *item)
{
  g_autoptr(JsonObject) meeting = NULL;

  if (xarxa_value_string_of (item, "cluster_id") != NULL)
    return g_strdup (xarxa_value_string_of (item, "cluster_id"));
  if (xarxa_value_string_of (item, "meeting_id") != NULL)
    meeting = xarxa_store_get_live_record (self->store, "meeting", xarxa_value_string_of (item, "meeting_id"));
  return g_strdup (xarxa_value_string_of (meeting, "cluster_id"));
}

static char *
item_subtitle (XarxaClusterAgenda *self,
               JsonObject         *item)
{
  const char *other_field = self->grouping == XARXA_AGENDA_BY_KIND ? "transition" : "kind";
  const XarxaChoiceList *other_list = self->grouping == XARXA_AGENDA_BY_KIND ? &xarxa_transition_list
                                                                             : &xarxa_agenda_kind_list;
  const char *other = xarxa_value_string_of (item, other_field);
  guint n = (guint) json_object_get_int_member (item, "support_count");
  GString *text = g_string_new (NULL);

  if (other != NULL)
    g_string_append_printf (text, "%s · ", xarxa_choice_list_label (other_list, other));
  if (n == 0)
    g_string_append (text, _("No organisation supports it yet"));
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Supported by %u organisation",
                                               "Supported by %u organisations", n), n);
  return g_string_free (text, FALSE);
}

static void
expanded_cb (AdwExpanderRow     *row,
             GParamSpec         *pspec,
             XarxaClusterAgenda *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), ITEM_ID);

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (id));
  else
    g_hash_table_remove (self->expanded, id);
}

/* An item's fields, under its row. */
static void
add_item_fields (XarxaClusterAgenda *self,
                 AdwExpanderRow     *row,
                 JsonObject         *item)
{
  g_autofree char *cluster = item_cluster (self, item);
  GtkWidget *text_row;

  text_row = xarxa_field_row_new ("agenda_item", "text");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (text_row), _("Text"));
  xarxa_field_row_set_value (XARXA_FIELD_ROW (text_row), json_object_get_member (item, "text"));
  xarxa_field_row_set_saver (XARXA_FIELD_ROW (text_row), save_text_cb, self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text_row);

  /* Where it came from, when it was a field note of a mission. */
  {
    g_autofree char *source = xarxa_agenda_item_source (self->store, item);

    if (source != NULL)
      {
        GtkWidget *source_row = adw_action_row_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (source_row), _("Promoted from a field note"));
        adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (source_row), FALSE);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (source_row), source);
        gtk_widget_add_css_class (source_row, "property");
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), source_row);
      }
  }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            list_choice_row (self, "kind", _("Kind"), &xarxa_agenda_kind_list,
                                             xarxa_value_string_of (item, "kind")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            list_choice_row (self, "transition", _("Transition"), &xarxa_transition_list,
                                             xarxa_value_string_of (item, "transition")));

  /* The meeting it came from: one of its cluster's meetings. */
  if (cluster != NULL)
    {
      g_autoptr(GPtrArray) meetings = xarxa_cluster_children (self->store, "meeting", "cluster_id", cluster, NULL);
      g_autoptr(GPtrArray) meeting_ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) meeting_names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; meetings != NULL && i < meetings->len; i++)
        {
          g_ptr_array_add (meeting_ids, g_strdup (xarxa_value_string_of (meetings->pdata[i], "id")));
          g_ptr_array_add (meeting_names, g_strdup (xarxa_value_string_of (meetings->pdata[i], "title")));
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                choice_row (self, "meeting_id", _("Meeting"), C_("no value", "None"),
                                            meeting_ids, meeting_names, xarxa_value_string_of (item, "meeting_id")));
    }
}

/* Who supports an item: a switch per member.  Made when the row is first
 * opened, after its fields: a cluster of five hundred members would
 * otherwise make five hundred switches under every item, closed, and its
 * page would take seconds to appear. */
static void
build_supporters (XarxaClusterAgenda *self,
                  AdwExpanderRow     *row)
{
  JsonObject *item = g_object_get_data (G_OBJECT (row), ITEM);
  const char *id = xarxa_value_string_of (item, "id");
  g_autofree char *cluster = item_cluster (self, item);
  g_autoptr(GHashTable) supporters = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *support = json_object_get_array_member (item, "supporters");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (g_object_get_data (G_OBJECT (row), SUPPORTERS_BUILT) != NULL)
    return;
  g_object_set_data (G_OBJECT (row), SUPPORTERS_BUILT, GINT_TO_POINTER (TRUE));

  /* Who supports it: a switch per member organisation. */
  for (guint i = 0; i < json_array_get_length (support); i++)
    g_hash_table_add (supporters, (gpointer) xarxa_value_string_of (json_array_get_object_element (support, i),
                                                                    "entity_id"));
  if (cluster != NULL)
    xarxa_member_choices_append (self->store, cluster, ids, names);
  for (guint i = 0; i < ids->len; i++)
    {
      GtkWidget *toggle = gtk_switch_new ();
      g_autofree char *title = NULL;
      GtkWidget *support_row;

      gtk_switch_set_active (GTK_SWITCH (toggle), g_hash_table_contains (supporters, ids->pdata[i]));
      g_hash_table_remove (supporters, ids->pdata[i]);
      g_object_set_data_full (G_OBJECT (toggle), ENTITY_ID, g_strdup (ids->pdata[i]), g_free);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (support_changed_cb), self, 0);
      /* TRANSLATORS: an organisation's name */
      title = g_strdup_printf (_("Supported by %s"), (const char *) names->pdata[i]);
      support_row = suffix_row (title, toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (support_row), toggle);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), support_row);
      g_hash_table_insert (self->switches, g_strconcat (id, " ", ids->pdata[i], NULL), toggle);
    }
  /* Supporters that are not (or no longer) members are named all the same. */
  for (guint i = 0; i < json_array_get_length (support); i++)
    {
      JsonObject *one = json_array_get_object_element (support, i);
      GtkWidget *other;

      if (!g_hash_table_contains (supporters, xarxa_value_string_of (one, "entity_id")))
        continue;
      other = adw_action_row_new ();
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (other), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (other), xarxa_value_string_of (one, "name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (other), _("Supports it"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), other);
    }
}

static void
supporters_expanded_cb (AdwExpanderRow     *row,
                     GParamSpec         *pspec,
                     XarxaClusterAgenda *self)
{
  if (adw_expander_row_get_expanded (row))
    build_supporters (self, row);
}

static GtkWidget *
item_row (XarxaClusterAgenda *self,
          JsonObject         *item)
{
  const char *id = xarxa_value_string_of (item, "id");
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *button;
  g_autofree char *subtitle = item_subtitle (self, item);

  g_object_set_data_full (G_OBJECT (row), ITEM_ID, g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (row), ITEM, json_object_ref (item), (GDestroyNotify) json_object_unref);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), xarxa_value_string_of (item, "text") != NULL
                                                            ? xarxa_value_string_of (item, "text") : "");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  xarxa_value_string_of (item, "text") != NULL
                                  ? xarxa_value_string_of (item, "text") : "", -1);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Hidden first: GTK 4.8 asks the display where the pointer is when the
   * tooltip of a shown widget is set. */
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_widget_set_visible (button, TRUE);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove agenda item"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  add_item_fields (self, ADW_EXPANDER_ROW (row), item);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (supporters_expanded_cb), self, 0);
  if (g_hash_table_contains (self->expanded, id))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);
  return row;
}

/* The meetings of the whole network (of no cluster), by title: where an
 * item of the network's agenda comes from. */
static guint
network_meetings (XarxaClusterAgenda *self,
                  GPtrArray          *ids,
                  GPtrArray          *titles)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new ("meeting");
  g_autoptr(GPtrArray) meetings = xarxa_store_query_records (self->store, query, NULL);
  guint n = 0;

  for (guint i = 0; meetings != NULL && i < meetings->len; i++)
    if (xarxa_value_string_of (meetings->pdata[i], "cluster_id") == NULL)
      {
        g_ptr_array_add (ids, g_strdup (xarxa_value_string_of (meetings->pdata[i], "id")));
        g_ptr_array_add (titles, g_strdup (xarxa_value_string_of (meetings->pdata[i], "title")));
        n++;
      }
  return n;
}

static void
rebuild (XarxaClusterAgenda *self)
{
  g_autoptr(JsonObject) agenda = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *groups;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  /* The whole network's agenda reads every item: not while nobody sees it
   * (an import of organisations would read it again and again). */
  if (self->network && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->groups->pdata[i]);
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_set_size (self->item_ids, 0);
  g_hash_table_remove_all (self->switches);

  if (self->network && self->store != NULL)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
      gboolean any = network_meetings (self, ids, titles) > 0;

      /* An item of the network's agenda comes from one of its meetings. */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.add", any);
      gtk_widget_set_tooltip_text (self->add_button, any ? _("Add Agenda Item")
                                                         : _("Add a network-wide meeting first"));
    }
  else
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.add", self->cluster_id != NULL);
      gtk_widget_set_tooltip_text (self->add_button, _("Add Agenda Item"));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.save", shows_something (self));
  if (!shows_something (self))
    return;

  agenda = xarxa_agenda_to_json (self->store, self->network ? NULL : self->cluster_id, NULL, self->grouping, &error);
  if (agenda == NULL)
    {
      g_warning ("Could not read the agenda: %s", error->message);
      return;
    }
  groups = json_object_get_array_member (agenda, "groups");
  if (json_array_get_length (groups) == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           self->network ? _("No cluster or meeting has agenda items yet.")
                                                         : _("No agenda items yet. Add what the members name as a challenge, a need, an innovation trend or a priority."));
  else if (self->network)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("What the organisations of every cluster and meeting share, ranked by how many support each."));
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Challenges, needs, innovation trends and priorities the members share, ranked by how many organisations support each."));
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *items = json_object_get_array_member (group, "items");
      GtkWidget *inner = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (inner), xarxa_value_string_of (group, "label"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      xarxa_value_string_of (group, "label"), -1);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (inner), item_row (self, item));
          g_ptr_array_add (self->item_ids, g_strdup (xarxa_value_string_of (item, "id")));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), inner);
      g_ptr_array_add (self->groups, inner);
    }
}

static void
store_changed_cb (XarxaClusterAgenda *self)
{
  if (!self->saving && shows_something (self))
    reload_later (self);
}

/* Actions */

static void
add_response_cb (AdwMessageDialog   *dialog,
                 const char         *response,
                 XarxaClusterAgenda *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "xarxa-entry");
  XarxaChoiceDropDown *kind = g_object_get_data (G_OBJECT (dialog), "xarxa-kind");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  XarxaChoiceDropDown *meeting = g_object_get_data (G_OBJECT (dialog), "xarxa-meeting");

  if (g_strcmp0 (response, "add") != 0 || text[0] == '\0' || self->store == NULL)
    return;
  if (self->network && meeting != NULL && xarxa_choice_drop_down_get_selected_id (meeting) != NULL)
    json_object_set_string_member (values, "meeting_id", xarxa_choice_drop_down_get_selected_id (meeting));
  else if (!self->network && self->cluster_id != NULL)
    json_object_set_string_member (values, "cluster_id", self->cluster_id);
  else
    return;
  json_object_set_string_member (values, "text", text);
  if (xarxa_choice_drop_down_get_selected_id (kind) != NULL)
    json_object_set_string_member (values, "kind", xarxa_choice_drop_down_get_selected_id (kind));
  self->saving = TRUE;
  id = xarxa_store_create_record (self->store, "agenda_item", values, &error);
  self->saving = FALSE;
  if (id == NULL)
    {
      tell_error (self, error);
      return;
    }
  g_hash_table_add (self->expanded, g_strdup (id));
  rebuild (self);
}

static void
add_text_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", text[0] != '\0');
}

static const char *
kind_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_agenda_kind_list, id);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  XarxaClusterAgenda *self = XARXA_CLUSTER_AGENDA (widget);
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *kind;

  if (self->store == NULL || (!self->network && self->cluster_id == NULL))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Add Agenda Item"),
                                   _("What do the members name? Choose whether it is a challenge, a need, an innovation trend or a priority."));
  gtk_widget_set_name (dialog, "add-agenda-item-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Text"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Text"), -1);
  kind = xarxa_choice_drop_down_new ();
  xarxa_choice_drop_down_set_choices_func (XARXA_CHOICE_DROP_DOWN (kind), C_("agenda item kind", "No kind"),
                                           xarxa_agenda_kinds, kind_label);
  xarxa_choice_drop_down_set_title (XARXA_CHOICE_DROP_DOWN (kind), _("Kind"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (kind), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind"), -1);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), kind);
  if (self->network)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
      GtkWidget *meeting = xarxa_choice_drop_down_new ();

      network_meetings (self, ids, titles);
      g_ptr_array_add (ids, NULL);
      xarxa_choice_drop_down_set_choices (XARXA_CHOICE_DROP_DOWN (meeting), NULL,
                                          (const char *const *) ids->pdata,
                                          (const char *const *) titles->pdata, titles->len);
      xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (meeting), ids->pdata[0]);
      xarxa_choice_drop_down_set_title (XARXA_CHOICE_DROP_DOWN (meeting), _("Meeting"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (meeting), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Meeting"), -1);
      gtk_box_append (GTK_BOX (box), meeting);
      g_object_set_data (G_OBJECT (dialog), "xarxa-meeting", meeting);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "xarxa-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "xarxa-kind", kind);
  g_signal_connect_object (entry, "changed", G_CALLBACK (add_text_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

char *
xarxa_cluster_agenda_save_to_library (XarxaClusterAgenda *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = NULL;
  char *id;

  g_return_val_if_fail (XARXA_IS_CLUSTER_AGENDA (self), NULL);

  if (!shows_something (self))
    return NULL;
  id = xarxa_agenda_save_to_library (self->store, self->network ? NULL : self->cluster_id, NULL,
                                     self->grouping, NULL, &error);
  if (id == NULL)
    {
      xarxa_toast_show (GTK_WIDGET (self),
                        xarxa_toast_new (_("Could not save the agenda to the library: %s"), error->message));
      return NULL;
    }
  document = xarxa_store_get_live_record (self->store, "document", id);
  /* TRANSLATORS: a document's title */
  xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("“%s” saved to the library"),
                                                        xarxa_value_string_of (document, "title")));
  return id;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_free (xarxa_cluster_agenda_save_to_library (XARXA_CLUSTER_AGENDA (widget)));
}

/* Public */

GtkWidget *
xarxa_cluster_agenda_new (void)
{
  return g_object_new (XARXA_TYPE_CLUSTER_AGENDA, NULL);
}

void
xarxa_cluster_agenda_set_store (XarxaClusterAgenda *self,
                                XarxaStore         *store)
{
  const char *types[] = { "agenda_item", "agenda_support", "cluster_member", "meeting", "entity" };

  g_return_if_fail (XARXA_IS_CLUSTER_AGENDA (self));
  g_return_if_fail (XARXA_IS_STORE (store));

  if (self->store == store)
    return;
  g_return_if_fail (self->store == NULL);
  self->store = g_object_ref (store);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", types[i], NULL);

      g_signal_connect_object (store, signal, G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
    }
  rebuild (self);
}

void
xarxa_cluster_agenda_set_cluster_id (XarxaClusterAgenda *self,
                                     const char         *cluster_id)
{
  g_return_if_fail (XARXA_IS_CLUSTER_AGENDA (self));

  if (g_strcmp0 (self->cluster_id, cluster_id) != 0)
    g_hash_table_remove_all (self->expanded);
  g_free (self->cluster_id);
  self->cluster_id = g_strdup (cluster_id);
  self->network = FALSE;
  rebuild (self);
}

void
xarxa_cluster_agenda_show_network (XarxaClusterAgenda *self)
{
  g_return_if_fail (XARXA_IS_CLUSTER_AGENDA (self));

  g_clear_pointer (&self->cluster_id, g_free);
  self->network = TRUE;
  rebuild (self);
}

void
xarxa_cluster_agenda_set_grouping (XarxaClusterAgenda  *self,
                                   XarxaAgendaGrouping  grouping)
{
  g_return_if_fail (XARXA_IS_CLUSTER_AGENDA (self));

  if (self->grouping == grouping)
    return;
  self->grouping = grouping;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPING]);
}

XarxaAgendaGrouping
xarxa_cluster_agenda_get_grouping (XarxaClusterAgenda *self)
{
  g_return_val_if_fail (XARXA_IS_CLUSTER_AGENDA (self), XARXA_AGENDA_BY_KIND);

  return self->grouping;
}

GPtrArray *
xarxa_cluster_agenda_dup_item_ids (XarxaClusterAgenda *self)
{
  GPtrArray *ids;

  g_return_val_if_fail (XARXA_IS_CLUSTER_AGENDA (self), NULL);

  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->item_ids->len; i++)
    g_ptr_array_add (ids, g_strdup (self->item_ids->pdata[i]));
  return ids;
}

char *
xarxa_cluster_agenda_dup_group_titles (XarxaClusterAgenda *self)
{
  GString *titles;

  g_return_val_if_fail (XARXA_IS_CLUSTER_AGENDA (self), NULL);

  titles = g_string_new (NULL);
  for (guint i = 0; i < self->groups->len; i++)
    g_string_append_printf (titles, "%s%s", i > 0 ? " | " : "",
                            adw_preferences_group_get_title (self->groups->pdata[i]));
  return g_string_free (titles, FALSE);
}

GtkWidget *
xarxa_cluster_agenda_get_support_switch (XarxaClusterAgenda *self,
                                         const char         *item_id,
                                         const char         *entity_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (XARXA_IS_CLUSTER_AGENDA (self), NULL);
  g_return_val_if_fail (item_id != NULL && entity_id != NULL, NULL);

  key = g_strconcat (item_id, " ", entity_id, NULL);
  return g_hash_table_lookup (self->switches, key);
}

/* GObject */

static void
xarxa_cluster_agenda_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  XarxaClusterAgenda *self = XARXA_CLUSTER_AGENDA (object);

  switch (prop_id)
    {
    case PROP_GROUPING:
      g_value_set_string (value, self->grouping == XARXA_AGENDA_BY_KIND ? "kind" : "transition");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_cluster_agenda_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  XarxaClusterAgenda *self = XARXA_CLUSTER_AGENDA (object);

  switch (prop_id)
    {
    case PROP_GROUPING:
      xarxa_cluster_agenda_set_grouping (self, g_strcmp0 (g_value_get_string (value), "transition") == 0
                                               ? XARXA_AGENDA_BY_TRANSITION : XARXA_AGENDA_BY_KIND);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_cluster_agenda_map (GtkWidget *widget)
{
  XarxaClusterAgenda *self = XARXA_CLUSTER_AGENDA (widget);

  GTK_WIDGET_CLASS (xarxa_cluster_agenda_parent_class)->map (widget);
  if (self->stale)
    rebuild (self);
}

static void
xarxa_cluster_agenda_dispose (GObject *object)
{
  XarxaClusterAgenda *self = XARXA_CLUSTER_AGENDA (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_CLUSTER_AGENDA);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_cluster_agenda_parent_class)->dispose (object);
}

static void
xarxa_cluster_agenda_finalize (GObject *object)
{
  XarxaClusterAgenda *self = XARXA_CLUSTER_AGENDA (object);

  g_free (self->cluster_id);
  g_ptr_array_unref (self->groups);
  g_ptr_array_unref (self->item_ids);
  g_hash_table_unref (self->expanded);
  g_hash_table_unref (self->switches);

  G_OBJECT_CLASS (xarxa_cluster_agenda_parent_class)->finalize (object);
}

static void
xarxa_cluster_agenda_class_init (XarxaClusterAgendaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xarxa_cluster_agenda_get_property;
  object_class->set_property = xarxa_cluster_agenda_set_property;
  object_class->dispose = xarxa_cluster_agenda_dispose;
  object_class->finalize = xarxa_cluster_agenda_finalize;
  widget_class->map = xarxa_cluster_agenda_map;

  /* "kind" or "transition": what the menu's Group By shows. */
  properties[PROP_GROUPING] =
    g_param_spec_string ("grouping", NULL, NULL, "kind",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/clusters/xarxa-cluster-agenda.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterAgenda, menu_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterAgenda, add_button);

  gtk_widget_class_install_action (widget_class, "agenda.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "agenda.save", NULL, save_action);
  gtk_widget_class_install_property_action (widget_class, "agenda.group-by", "grouping");
}

static void
xarxa_cluster_agenda_init (XarxaClusterAgenda *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
  self->item_ids = g_ptr_array_new_with_free_func (g_free);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->switches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Agenda Options"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Shared Social Agenda"), -1);
  rebuild (self);
}
