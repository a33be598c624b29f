/* xarxa-cluster-meetings.c — a cluster's reflection meetings, in its page:
 * title, date, place or online, notes, edited in place (a
 * XarxaRecordsGroup), the latest first.  The agenda items they gave are
 * in the shared agenda below them.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster-meetings"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-cluster-meetings.h"
#include "xarxa-cluster-groups.h"
#include "xarxa-due-date.h"
#include "xarxa-values.h"

struct _XarxaClusterMeetings
{
  AdwPreferencesGroup parent_instance;

  XarxaRecordsGroup *records;
};

G_DEFINE_FINAL_TYPE (XarxaClusterMeetings, xarxa_cluster_meetings, ADW_TYPE_PREFERENCES_GROUP)

static const char *const meeting_fields[] = { "title", "date", "place", "online", "notes", NULL };

char *
xarxa_cluster_meetings_subtitle (JsonObject *meeting)
{
  g_autofree char *date = NULL;
  JsonNode *online;
  const char *place;
  GString *text;

  g_return_val_if_fail (meeting != NULL, NULL);

  date = xarxa_due_date_text (xarxa_value_string_of (meeting, "date"), NULL);
  online = json_object_get_member (meeting, "online");
  place = xarxa_value_string_of (meeting, "place");
  text = g_string_new (date != NULL ? date : _("No date yet"));
  if (online != NULL && JSON_NODE_HOLDS_VALUE (online) && json_node_get_int (online) != 0)
    g_string_append_printf (text, " · %s", C_("meeting place", "Online"));
  if (place != NULL)
    g_string_append_printf (text, " · %s", place);
  return g_string_free (text, FALSE);
}

static char *
meeting_subtitle (XarxaRecordsGroup *group,
                  JsonObject        *meeting,
                  gpointer           user_data)
{
  return xarxa_cluster_meetings_subtitle (meeting);
}

/* The latest first; those without a date last. */
static int
compare_meetings (JsonObject *a,
                  JsonObject *b,
                  gpointer    user_data)
{
  const char *da = xarxa_value_string_of (a, "date");
  const char *db = xarxa_value_string_of (b, "date");

  if ((da == NULL) != (db == NULL))
    return da == NULL ? 1 : -1;
  if (g_strcmp0 (da, db) != 0)
    return g_strcmp0 (db, da);
  return g_strcmp0 (xarxa_value_string_of (a, "title"), xarxa_value_string_of (b, "title"));
}

void
xarxa_cluster_meetings_set_store (XarxaClusterMeetings *self,
                                  XarxaStore           *store)
{
  g_return_if_fail (XARXA_IS_CLUSTER_MEETINGS (self));

  xarxa_records_group_set_store (self->records, store);
}

void
xarxa_cluster_meetings_set_cluster_id (XarxaClusterMeetings *self,
                                       const char           *cluster_id)
{
  g_return_if_fail (XARXA_IS_CLUSTER_MEETINGS (self));

  xarxa_records_group_set_parent_id (self->records, cluster_id);
}

XarxaRecordsGroup *
xarxa_cluster_meetings_get_records (XarxaClusterMeetings *self)
{
  g_return_val_if_fail (XARXA_IS_CLUSTER_MEETINGS (self), NULL);

  return self->records;
}

static void
xarxa_cluster_meetings_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_CLUSTER_MEETINGS);

  G_OBJECT_CLASS (xarxa_cluster_meetings_parent_class)->dispose (object);
}

static void
xarxa_cluster_meetings_class_init (XarxaClusterMeetingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_cluster_meetings_dispose;

  g_type_ensure (XARXA_TYPE_RECORDS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/clusters/xarxa-cluster-meetings.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterMeetings, records);
}

static void
xarxa_cluster_meetings_init (XarxaClusterMeetings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  xarxa_records_group_set_fields (self->records, meeting_fields);
  xarxa_records_group_set_subtitle_func (self->records, meeting_subtitle, NULL, NULL);
  xarxa_records_group_set_compare_func (self->records, compare_meetings, NULL, NULL);

  xarxa_cluster_groups_icon_add (self->records, gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6), _("Add Meeting"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reflection Meetings"), -1);
}
