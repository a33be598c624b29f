/* xarxa-mission-row.c — one mission in the Missions list: its title,
 * destination, dates, status and how many take part, with the heading of
 * its group above the first mission of each group (GTK 4.8's lists have
 * no sections).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-mission-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-countries.h"
#include "xarxa-mission.h"
#include "xarxa-mission-list.h"
#include "xarxa-mission-row.h"
#include "xarxa-schema.h"
#include "xarxa-values.h"

struct _XarxaMissionRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel  *heading_label;
  GtkLabel  *title_label;
  GtkLabel  *where_label;
  GtkLabel  *status_label;

  XarxaStore  *store;
  XarxaRecord *mission;
};

G_DEFINE_FINAL_TYPE (XarxaMissionRow, xarxa_mission_row, GTK_TYPE_WIDGET)

char *
xarxa_mission_destination (JsonObject *mission)
{
  const char *city = xarxa_value_string_of (mission, "city");
  const char *country = xarxa_country_name (xarxa_value_string_of (mission, "country"));

  if (city != NULL && country != NULL)
    /* TRANSLATORS: a mission's destination: a city, then its country */
    return g_strdup_printf (C_("destination", "%s, %s"), city, country);
  return g_strdup (city != NULL ? city : country);
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = g_strconcat (iso, "T00:00:00Z", NULL);

  date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    return g_strdup (iso);
  /* TRANSLATORS: a mission's date in the list, strftime format: "14 Mar 2027" */
  return g_date_time_format (date, C_("mission date", "%-d %b %Y"));
}

char *
xarxa_mission_dates (JsonObject *mission)
{
  const char *start = xarxa_value_string_of (mission, "start_date");
  const char *end = xarxa_value_string_of (mission, "end_date");
  g_autofree char *start_text = start != NULL ? format_date (start) : NULL;
  g_autofree char *end_text = end != NULL ? format_date (end) : NULL;

  if (start_text != NULL && end_text != NULL && g_strcmp0 (start, end) != 0)
    /* TRANSLATORS: a mission's first and last day */
    return g_strdup_printf (C_("mission dates", "%s – %s"), start_text, end_text);
  return g_strdup (start_text != NULL ? start_text : end_text);
}

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || part[0] == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append (text, part);
}

void
xarxa_mission_row_set_mission (XarxaMissionRow *self,
                               XarxaStore      *store,
                               XarxaRecord     *mission,
                               const char      *today,
                               gboolean         heading)
{
  g_return_if_fail (XARXA_IS_MISSION_ROW (self));
  g_return_if_fail (store == NULL || XARXA_IS_STORE (store));
  g_return_if_fail (mission == NULL || XARXA_IS_RECORD (mission));

  g_set_object (&self->store, store);
  g_set_object (&self->mission, mission);
  if (mission != NULL && heading && today != NULL)
    gtk_label_set_label (self->heading_label,
                         xarxa_mission_group_label (xarxa_mission_group (xarxa_record_get_values (mission), today)));
  gtk_widget_set_visible (GTK_WIDGET (self->heading_label), mission != NULL && heading && today != NULL);
  xarxa_mission_row_refresh (self);
}

const char *
xarxa_mission_row_get_heading (XarxaMissionRow *self)
{
  g_return_val_if_fail (XARXA_IS_MISSION_ROW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->heading_label)) ? gtk_label_get_label (self->heading_label) : NULL;
}

void
xarxa_mission_row_refresh (XarxaMissionRow *self)
{
  JsonObject *values;
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GString) status = g_string_new (NULL);
  g_autoptr(GPtrArray) participants = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *count = NULL;
  g_autofree char *accessible = NULL;
  const char *status_id;

  g_return_if_fail (XARXA_IS_MISSION_ROW (self));

  if (self->mission == NULL || self->store == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->where_label, "");
      gtk_label_set_label (self->status_label, "");
      return;
    }

  values = xarxa_record_get_values (self->mission);
  gtk_label_set_label (self->title_label, xarxa_record_get_title (self->mission));

  destination = xarxa_mission_destination (values);
  dates = xarxa_mission_dates (values);
  append_part (where, destination);
  append_part (where, dates);
  gtk_label_set_label (self->where_label, where->str);
  gtk_widget_set_visible (GTK_WIDGET (self->where_label), where->len > 0);

  status_id = xarxa_value_string_of (values, "status");
  if (status_id != NULL)
    append_part (status, xarxa_choice_list_label (&xarxa_mission_status_list, status_id));
  participants = xarxa_mission_list_records (self->store, "participant", xarxa_record_get_id (self->mission), NULL);
  if (participants != NULL)
    {
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u participant", "%'u participants", participants->len),
                               participants->len);
      append_part (status, count);
    }
  gtk_label_set_label (self->status_label, status->str);

  /* The list item is what a screen reader lands on: it reads all of it. */
  accessible = g_strjoin (", ", xarxa_record_get_title (self->mission), where->str, status->str, NULL);
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

GtkWidget *
xarxa_mission_row_new (void)
{
  return g_object_new (XARXA_TYPE_MISSION_ROW, NULL);
}

static void
xarxa_mission_row_dispose (GObject *object)
{
  XarxaMissionRow *self = XARXA_MISSION_ROW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->mission);
  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_MISSION_ROW);

  G_OBJECT_CLASS (xarxa_mission_row_parent_class)->dispose (object);
}

static void
xarxa_mission_row_class_init (XarxaMissionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_mission_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/missions/xarxa-mission-row.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionRow, box);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionRow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionRow, where_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionRow, status_label);
}

static void
xarxa_mission_row_init (XarxaMissionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
