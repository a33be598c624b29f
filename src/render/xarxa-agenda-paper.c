/* xarxa-agenda-paper.c — the shared social agenda on paper.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-render"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-agenda-paper.h"
#include "xarxa-cluster.h"
#include "xarxa-error.h"
#include "xarxa-render-util.h"
#include "xarxa-values.h"

static char *
supporters_of (JsonObject *item)
{
  JsonArray *supporters = json_object_get_array_member (item, "supporters");
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; supporters != NULL && i < json_array_get_length (supporters); i++)
    {
      const char *name = xarxa_value_string_of (json_array_get_object_element (supporters, i), "name");

      if (name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

void
xarxa_agenda_paper_add (XarxaPaper *paper,
                        JsonObject *agenda,
                        guint       level)
{
  JsonArray *groups;
  guint n_items = 0;

  g_return_if_fail (XARXA_IS_PAPER (paper));
  g_return_if_fail (agenda != NULL);
  g_return_if_fail (level == 1 || level == 2);

  groups = json_object_get_array_member (agenda, "groups");
  for (guint g = 0; groups != NULL && g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *items = json_object_get_array_member (group, "items");
      const char *header[] = { C_("agenda on paper", "Support"), C_("agenda on paper", "Item"),
                               C_("agenda on paper", "Transition"), C_("agenda on paper", "Supported by") };
      const double widths[] = { 0.1, 0.45, 0.15, 0.3 };

      if (items == NULL || json_array_get_length (items) == 0)
        continue;
      xarxa_paper_add_heading (paper, level, xarxa_value_string_of (group, "label") != NULL
                                             ? xarxa_value_string_of (group, "label") : "");
      xarxa_paper_begin_table (paper, G_N_ELEMENTS (header), widths, header);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    json_object_get_int_member_with_default (item, "support_count", 0));
          g_autofree char *text = xarxa_render_escape (xarxa_value_string_of (item, "text"));
          g_autofree char *transition = xarxa_render_field ("agenda_item", item, "transition");
          g_autofree char *transition_cell = xarxa_render_escape (transition);
          g_autofree char *names = supporters_of (item);
          g_autofree char *names_cell = xarxa_render_escape (names);
          const char *cells[] = { count, text, transition_cell, names_cell };

          xarxa_paper_add_row (paper, cells);
          n_items++;
        }
    }
  if (n_items == 0)
    xarxa_paper_add_paragraph (paper, _("The agenda has no items yet. Add the challenges, needs, innovation trends "
                                        "and priorities that come out of a reflection meeting."));
}

static gboolean
is_live (XarxaStore *store,
         const char *type_name,
         const char *id)
{
  g_autoptr(JsonObject) record = xarxa_store_get_live_record (store, type_name, id);

  return record != NULL;
}

XarxaPaper *
xarxa_agenda_paper_new (XarxaStore  *store,
                        const char  *cluster_id,
                        const char  *meeting_id,
                        GError     **error)
{
  g_autoptr(JsonObject) agenda = NULL;
  g_autoptr(XarxaPaper) paper = NULL;
  g_autofree char *today = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *title;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (cluster_id != NULL && !is_live (store, "cluster", cluster_id))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("There is no cluster %s. Check the id with “xarxa-cli list clusters”."), cluster_id);
      return NULL;
    }
  if (meeting_id != NULL && !is_live (store, "meeting", meeting_id))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("There is no meeting %s. Check the id with “xarxa-cli list meetings”."), meeting_id);
      return NULL;
    }
  agenda = xarxa_agenda_to_json (store, cluster_id, meeting_id, XARXA_AGENDA_BY_KIND, error);
  if (agenda == NULL)
    return NULL;

  title = xarxa_value_string_of (agenda, "title");
  paper = xarxa_paper_new (NULL, title);
  today = xarxa_render_date_time_day (now);
  /* Translators: under the agenda's title on paper: "Ranked by support, 6 December 2026". */
  subtitle = g_strdup_printf (_("Ranked by the organisations that support each item, %s"), today);
  xarxa_paper_add_title (paper, title != NULL ? title : "", subtitle);
  xarxa_agenda_paper_add (paper, agenda, 1);
  return g_steal_pointer (&paper);
}
