/* xarxa-cluster-actions.c — a cluster's common actions, in its page: title,
 * description, the member organisation responsible, due date and status,
 * edited in place (a XarxaRecordsGroup).  Overdue actions come first and
 * say so in words and with an icon; a drop-down in the group's header
 * shows the actions of one owner.  It offers the organisations that are
 * responsible for an action here, not every member: a cluster of five
 * hundred members would otherwise read and list them all each time its
 * page opens, for a list most of whose choices show nothing.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-cluster.h"
#include "xarxa-cluster-actions.h"
#include "xarxa-cluster-groups.h"
#include "xarxa-due-date.h"
#include "xarxa-member-choices.h"
#include "xarxa-values.h"

struct _XarxaClusterActions
{
  AdwPreferencesGroup parent_instance;

  XarxaStore          *store;
  char                *cluster_id;

  XarxaRecordsGroup   *records;
  XarxaChoiceDropDown *owner_filter;
  guint                owners_id;   /* the filter's choices read again at idle */
};

G_DEFINE_FINAL_TYPE (XarxaClusterActions, xarxa_cluster_actions, ADW_TYPE_PREFERENCES_GROUP)

static const char *const action_fields[] = {
  "title", "description", "owner_entity_id", "due_date", "status", NULL,
};

#define OVERDUE_ICON "xarxa-overdue-icon"

static gboolean
is_open (JsonObject *action)
{
  const char *status = xarxa_value_string_of (action, "status");

  return g_strcmp0 (status, "done") != 0 && g_strcmp0 (status, "dropped") != 0;
}

static char *
action_subtitle (XarxaRecordsGroup *group,
                 JsonObject        *action,
                 gpointer           user_data)
{
  XarxaClusterActions *self = user_data;
  const char *status = xarxa_value_string_of (action, "status");
  g_autofree char *owner = NULL;
  g_autofree char *due = xarxa_action_due_text (action, NULL);
  GString *subtitle = g_string_new (NULL);
  GtkWidget *row = xarxa_records_group_get_row (group, xarxa_value_string_of (action, "id"));

  /* The row's icon follows a due date or status just saved. */
  if (row != NULL && g_object_get_data (G_OBJECT (row), OVERDUE_ICON) != NULL)
    gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), OVERDUE_ICON),
                            xarxa_action_is_overdue (action, NULL));

  if (due != NULL)
    g_string_append (subtitle, due);
  if (status != NULL && (due == NULL || !is_open (action)))
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                            xarxa_choice_list_label (&xarxa_action_status_list, status));
  if (self->store != NULL)
    owner = xarxa_member_choices_name (self->store, xarxa_value_string_of (action, "owner_entity_id"));
  g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                          owner != NULL ? owner : _("No organisation responsible"));
  return g_string_free (subtitle, FALSE);
}

static void
action_row (XarxaRecordsGroup *group,
            AdwExpanderRow    *row,
            JsonObject        *action,
            gpointer           user_data)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  /* The subtitle says "Overdue since …": the icon adds nothing to read. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  /* Hidden first: GTK 4.8 asks the display where the pointer is when the
   * tooltip of a shown widget is set. */
  gtk_widget_set_visible (icon, FALSE);
  gtk_widget_set_tooltip_text (icon, _("Overdue"));
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_visible (icon, xarxa_action_is_overdue (action, NULL));
  adw_expander_row_add_prefix (row, icon);
  g_object_set_data (G_OBJECT (row), OVERDUE_ICON, icon);
}

/* Overdue first, then open ones by due date, then open ones without a
 * date, then those done or dropped; by title within each. */
static int
rank_of (JsonObject *action)
{
  if (xarxa_action_is_overdue (action, NULL))
    return 0;
  if (!is_open (action))
    return 3;
  return xarxa_value_string_of (action, "due_date") != NULL ? 1 : 2;
}

static int
compare_actions (JsonObject *a,
                 JsonObject *b,
                 gpointer    user_data)
{
  int ra = rank_of (a), rb = rank_of (b);
  int c;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (ra != rb)
    return ra - rb;
  if ((c = g_strcmp0 (xarxa_value_string_of (a, "due_date"), xarxa_value_string_of (b, "due_date"))) != 0)
    return c;
  ta = xarxa_fold_key (xarxa_value_string_of (a, "title"));
  tb = xarxa_fold_key (xarxa_value_string_of (b, "title"));
  return g_strcmp0 (ta, tb);
}

static gboolean
filter_action (XarxaRecordsGroup *group,
               JsonObject        *action,
               gpointer           user_data)
{
  XarxaClusterActions *self = user_data;
  const char *owner = xarxa_choice_drop_down_get_selected_id (self->owner_filter);

  return owner == NULL || g_strcmp0 (owner, xarxa_value_string_of (action, "owner_entity_id")) == 0;
}

static gboolean
owner_choices (XarxaRecordsGroup *group,
               const char        *field,
               GPtrArray         *ids,
               GPtrArray         *labels,
               gpointer           user_data)
{
  XarxaClusterActions *self = user_data;

  if (g_strcmp0 (field, "owner_entity_id") != 0 || self->store == NULL)
    return FALSE;
  xarxa_member_choices_append (self->store, self->cluster_id, ids, labels);
  return TRUE;
}

static void
update_owner_filter (XarxaClusterActions *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) actions = NULL;

  if (self->store != NULL && self->cluster_id != NULL)
    actions = xarxa_cluster_children (self->store, "action", "cluster_id", self->cluster_id, NULL);
  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      const char *owner = xarxa_value_string_of (actions->pdata[i], "owner_entity_id");
      char *name;

      if (owner == NULL || !g_hash_table_add (seen, (gpointer) owner))
        continue;
      name = xarxa_member_choices_name (self->store, owner);
      if (name == NULL)
        continue;
      g_ptr_array_add (ids, g_strdup (owner));
      g_ptr_array_add (labels, name);
    }
  g_ptr_array_add (ids, NULL);
  /* Sorted by name there. */
  xarxa_choice_drop_down_set_choices (self->owner_filter, C_("action owner", "All"),
                                      (const char *const *) ids->pdata,
                                      (const char *const *) labels->pdata, labels->len);
}

static gboolean
update_owners_cb (gpointer user_data)
{
  XarxaClusterActions *self = user_data;

  self->owners_id = 0;
  update_owner_filter (self);
  return G_SOURCE_REMOVE;
}

/* An action made, removed or given another owner.  At idle: a change of
 * owner comes from a row of the group, which a change of the filter's
 * choice would rebuild under it. */
static void
actions_changed_cb (XarxaClusterActions *self)
{
  if (self->owners_id == 0)
    self->owners_id = g_idle_add (update_owners_cb, self);
}

static void
owner_filter_changed_cb (XarxaClusterActions *self)
{
  xarxa_records_group_reload (self->records);
}

/* The members are the choices of an action's owner, and the owners' names
 * are the filter's. */
static void
members_changed_cb (XarxaClusterActions *self)
{
  update_owner_filter (self);
  xarxa_records_group_reload (self->records);
}

void
xarxa_cluster_actions_set_store (XarxaClusterActions *self,
                                 XarxaStore          *store)
{
  g_return_if_fail (XARXA_IS_CLUSTER_ACTIONS (self));
  g_return_if_fail (XARXA_IS_STORE (store));

  if (self->store == store)
    return;
  g_return_if_fail (self->store == NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed::cluster_member", G_CALLBACK (members_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::entity", G_CALLBACK (members_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::action", G_CALLBACK (actions_changed_cb), self, G_CONNECT_SWAPPED);
  xarxa_records_group_set_store (self->records, store);
}

void
xarxa_cluster_actions_set_cluster_id (XarxaClusterActions *self,
                                      const char          *cluster_id)
{
  g_return_if_fail (XARXA_IS_CLUSTER_ACTIONS (self));

  if (g_strcmp0 (self->cluster_id, cluster_id) != 0)
    {
      g_free (self->cluster_id);
      self->cluster_id = g_strdup (cluster_id);
      xarxa_choice_drop_down_set_selected_id (self->owner_filter, NULL);
    }
  update_owner_filter (self);
  xarxa_records_group_set_parent_id (self->records, cluster_id);
}

XarxaRecordsGroup *
xarxa_cluster_actions_get_records (XarxaClusterActions *self)
{
  g_return_val_if_fail (XARXA_IS_CLUSTER_ACTIONS (self), NULL);

  return self->records;
}

static void
xarxa_cluster_actions_dispose (GObject *object)
{
  XarxaClusterActions *self = XARXA_CLUSTER_ACTIONS (object);

  g_clear_handle_id (&self->owners_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_CLUSTER_ACTIONS);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_cluster_actions_parent_class)->dispose (object);
}

static void
xarxa_cluster_actions_finalize (GObject *object)
{
  XarxaClusterActions *self = XARXA_CLUSTER_ACTIONS (object);

  g_free (self->cluster_id);

  G_OBJECT_CLASS (xarxa_cluster_actions_parent_class)->finalize (object);
}

static void
xarxa_cluster_actions_class_init (XarxaClusterActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_cluster_actions_dispose;
  object_class->finalize = xarxa_cluster_actions_finalize;

  g_type_ensure (XARXA_TYPE_RECORDS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/clusters/xarxa-cluster-actions.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterActions, records);
}

static void
xarxa_cluster_actions_init (XarxaClusterActions *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_init_template (GTK_WIDGET (self));

  xarxa_records_group_set_fields (self->records, action_fields);
  xarxa_records_group_set_untitled_label (self->records, _("Untitled action"));
  xarxa_records_group_set_subtitle_func (self->records, action_subtitle, self, NULL);
  xarxa_records_group_set_row_func (self->records, action_row, self, NULL);
  xarxa_records_group_set_compare_func (self->records, compare_actions, self, NULL);
  xarxa_records_group_set_filter_func (self->records, filter_action, self, NULL);
  xarxa_records_group_set_choices_func (self->records, owner_choices, self, NULL);

  /* The filter by owner beside an Add button, in the group's header. */
  self->owner_filter = XARXA_CHOICE_DROP_DOWN (xarxa_choice_drop_down_new ());
  xarxa_choice_drop_down_set_title (self->owner_filter, _("Organisation responsible"));
  gtk_widget_set_valign (GTK_WIDGET (self->owner_filter), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->owner_filter), _("Filter by organisation responsible"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->owner_filter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter by organisation responsible"), -1);
  gtk_widget_set_name (GTK_WIDGET (self->owner_filter), "owner_filter");
  g_signal_connect_object (self->owner_filter, "notify::selected-id", G_CALLBACK (owner_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->owner_filter));
  xarxa_cluster_groups_icon_add (self->records, header, _("Add Action"));
  /* This group only holds the records group, which is named by its title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Common Actions"), -1);
  update_owner_filter (self);
}
