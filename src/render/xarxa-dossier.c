/* xarxa-dossier.c — a cluster's dossier on paper, from the cluster as
 * xarxa_cluster_to_json() computes it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xarxa-agenda-paper.h"
#include "xarxa-chart-cairo.h"
#include "xarxa-cluster.h"
#include "xarxa-dossier.h"
#include "xarxa-render-util.h"
#include "xarxa-values.h"

#define PROGRESS_HEIGHT 14.0
#define CHART_HEIGHT    170.0

static void
add_text_section (XarxaPaper *paper,
                  const char *heading,
                  const char *text,
                  const char *when_empty)
{
  xarxa_paper_add_heading (paper, 1, heading);
  if (text != NULL && *text != '\0')
    xarxa_paper_add_paragraph (paper, text);
  else
    xarxa_paper_add_markup (paper, when_empty);
}

static void
add_labelled (GPtrArray  *lines,
              const char *label,
              char       *text)   /* taken */
{
  char *line = xarxa_render_labelled (label, text);

  if (line != NULL)
    g_ptr_array_add (lines, line);
  g_free (text);
}

static void
add_lines (XarxaPaper *paper,
           GPtrArray  *lines)
{
  g_autofree char *markup = NULL;

  if (lines->len == 0)
    return;
  g_ptr_array_add (lines, NULL);
  markup = g_strjoinv ("\n", (char **) lines->pdata);
  xarxa_paper_add_markup (paper, markup);
}

static void
add_overview (XarxaPaper *paper,
              JsonObject *cluster)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *members = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              json_object_get_int_member_with_default (cluster, "member_count", 0));

  add_labelled (lines, _("Status"), xarxa_render_field ("cluster", cluster, "status"));
  add_labelled (lines, _("Field of work"), xarxa_render_field ("cluster", cluster, "field"));
  add_labelled (lines, _("Transitions"), xarxa_render_field ("cluster", cluster, "transitions"));
  add_labelled (lines, _("Start date"), xarxa_render_date (xarxa_value_string_of (cluster, "start_date"), FALSE));
  add_labelled (lines, _("Coordination"), g_strdup (xarxa_value_string_of (cluster, "coordinators")));
  add_labelled (lines, _("Members"), g_strdup (members));
  if (!json_object_get_null_member (cluster, "progress") && json_object_has_member (cluster, "progress"))
    {
      double progress = json_object_get_double_member (cluster, "progress");

      /* Translators: the mean progress of a cluster's indicators, "49 %". */
      add_labelled (lines, _("Progress of the indicators"), g_strdup_printf (_("%.0f %%"), progress * 100));
    }
  add_lines (paper, lines);
}

static void
add_members (XarxaPaper *paper,
             JsonObject *cluster)
{
  JsonArray *members = json_object_get_array_member (cluster, "members");
  const char *header[] = { _("Organisation"), _("Role"), _("Joined on"), _("Commitment") };
  const double widths[] = { 0.3, 0.15, 0.17, 0.38 };

  xarxa_paper_add_heading (paper, 1, _("Members"));
  if (!json_object_get_boolean_member_with_default (cluster, "has_coordinator", FALSE))
    xarxa_paper_add_paragraph (paper, _("This cluster has no coordinator yet."));
  if (members == NULL || json_array_get_length (members) == 0)
    {
      xarxa_paper_add_paragraph (paper, _("No organisation has joined the cluster yet."));
      return;
    }
  xarxa_paper_begin_table (paper, G_N_ELEMENTS (header), widths, header);
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      g_autofree char *role = xarxa_render_field ("cluster_member", member, "role");
      g_autofree char *joined = xarxa_render_date (xarxa_value_string_of (member, "joined_on"), FALSE);
      g_autofree char *c0 = xarxa_render_escape (xarxa_value_string_of (member, "entity_name"));
      g_autofree char *c1 = xarxa_render_escape (role);
      g_autofree char *c2 = xarxa_render_escape (joined);
      g_autofree char *c3 = xarxa_render_escape (xarxa_value_string_of (member, "commitment"));
      const char *cells[] = { c0, c1, c2, c3 };

      xarxa_paper_add_row (paper, cells);
    }
}

/* Progress from baseline (left) to target (right edge of the bar); a
 * value past the target runs on, one the wrong way stops at the start. */
static void
draw_progress_cb (cairo_t  *cr,
                  double    width,
                  double    height,
                  gpointer  user_data)
{
  double progress = *(double *) user_data;
  double bar = width * 0.75;
  double fill = CLAMP (progress, 0.0, 1.25) * bar;

  cairo_set_line_width (cr, 0.8);
  cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  cairo_rectangle (cr, 0, 2, bar, height - 4);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.16, 0.42, 0.65);
  cairo_rectangle (cr, 0, 2, fill, height - 4);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 0.4, 2.4, bar - 0.8, height - 4.8);
  cairo_stroke (cr);
  /* The target, where the bar ends. */
  cairo_move_to (cr, bar, 0);
  cairo_line_to (cr, bar, height);
  cairo_stroke (cr);
}

static void
draw_chart_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  xarxa_chart_draw_cairo (cr, user_data, width, height);
}

static void
add_indicator (XarxaPaper *paper,
               JsonObject *indicator)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = g_markup_printf_escaped ("<b>%s</b>", xarxa_value_string_of (indicator, "name") != NULL
                                                               ? xarxa_value_string_of (indicator, "name") : "");
  JsonArray *measurements = json_object_get_array_member (indicator, "measurements");

  g_ptr_array_add (lines, g_steal_pointer (&name));
  g_ptr_array_add (lines, xarxa_render_escape (xarxa_value_string_of (indicator, "summary")));
  add_lines (paper, lines);
  xarxa_paper_keep_with_next (paper);
  if (json_object_has_member (indicator, "progress") && !json_object_get_null_member (indicator, "progress"))
    {
      double *progress = g_new (double, 1);

      *progress = json_object_get_double_member (indicator, "progress");
      xarxa_paper_add_drawing (paper, PROGRESS_HEIGHT, draw_progress_cb, progress, g_free);
      xarxa_paper_keep_with_next (paper);
    }
  {
    /* Its measurements over time against baseline and target, one line
     * per gender where broken down. */
    g_autoptr(XarxaChart) chart = xarxa_chart_new (indicator);

    if (!xarxa_chart_is_empty (chart))
      xarxa_paper_add_drawing (paper, CHART_HEIGHT, draw_chart_cb, xarxa_chart_ref (chart),
                               (GDestroyNotify) xarxa_chart_unref);
  }
  if (measurements != NULL && json_array_get_length (measurements) > 0)
    {
      gboolean by_gender = json_object_get_boolean_member_with_default (indicator, "gender_breakdown", FALSE);
      const char *header[] = { _("Measured on"), _("Value"), _("Women"), _("Men"), _("Other"), _("Notes") };
      const double widths[] = { 0.2, 0.12, 0.12, 0.12, 0.12, 0.32 };
      guint n_columns = by_gender ? 6 : 3;
      const char *short_header[] = { header[0], header[1], header[5] };
      const double short_widths[] = { 0.25, 0.2, 0.55 };

      xarxa_paper_begin_table (paper, n_columns, by_gender ? widths : short_widths,
                               by_gender ? header : short_header);
      for (guint i = 0; i < json_array_get_length (measurements); i++)
        {
          JsonObject *m = json_array_get_object_element (measurements, i);
          g_autofree char *day = xarxa_render_date (xarxa_value_string_of (m, "measured_on"), FALSE);
          g_autofree char *c0 = xarxa_render_escape (day);
          g_autofree char *v = xarxa_render_field ("indicator_value", m, "value");
          g_autofree char *w = xarxa_render_field ("indicator_value", m, "value_women");
          g_autofree char *mn = xarxa_render_field ("indicator_value", m, "value_men");
          g_autofree char *o = xarxa_render_field ("indicator_value", m, "value_other");
          g_autofree char *c1 = xarxa_render_escape (v);
          g_autofree char *c2 = xarxa_render_escape (w);
          g_autofree char *c3 = xarxa_render_escape (mn);
          g_autofree char *c4 = xarxa_render_escape (o);
          g_autofree char *c5 = xarxa_render_escape (xarxa_value_string_of (m, "notes"));
          const char *full[] = { c0, c1, c2, c3, c4, c5 };
          const char *brief[] = { c0, c1, c5 };

          xarxa_paper_add_row (paper, by_gender ? full : brief);
        }
    }
}

static void
add_indicators (XarxaPaper *paper,
                JsonObject *cluster)
{
  JsonArray *objectives = json_object_get_array_member (cluster, "objectives");
  JsonArray *indicators = json_object_get_array_member (cluster, "indicators");
  guint n_objectives = objectives != NULL ? json_array_get_length (objectives) : 0;
  guint n_indicators = indicators != NULL ? json_array_get_length (indicators) : 0;
  g_autofree gboolean *shown = g_new0 (gboolean, n_indicators + 1);
  gboolean others = FALSE;

  xarxa_paper_add_heading (paper, 1, _("Shared objectives and indicators"));
  if (n_objectives == 0 && n_indicators == 0)
    {
      xarxa_paper_add_paragraph (paper, _("The cluster has no shared objective yet."));
      return;
    }
  for (guint o = 0; o < n_objectives; o++)
    {
      JsonObject *objective = json_array_get_object_element (objectives, o);
      const char *id = xarxa_value_string_of (objective, "id");
      const char *description = xarxa_value_string_of (objective, "description");

      xarxa_paper_add_heading (paper, 2, xarxa_value_string_of (objective, "title") != NULL
                                         ? xarxa_value_string_of (objective, "title") : "");
      if (description != NULL)
        xarxa_paper_add_paragraph (paper, description);
      for (guint i = 0; i < n_indicators; i++)
        {
          JsonObject *indicator = json_array_get_object_element (indicators, i);

          if (g_strcmp0 (xarxa_value_string_of (indicator, "objective_id"), id) != 0)
            continue;
          shown[i] = TRUE;
          add_indicator (paper, indicator);
        }
    }
  for (guint i = 0; i < n_indicators; i++)
    {
      if (shown[i])
        continue;
      if (!others)
        xarxa_paper_add_heading (paper, 2, _("Indicators of no objective"));
      others = TRUE;
      add_indicator (paper, json_array_get_object_element (indicators, i));
    }
}

static void
add_actions (XarxaPaper *paper,
             XarxaStore *store,
             JsonObject *cluster)
{
  JsonArray *actions = json_object_get_array_member (cluster, "actions");
  const char *header[] = { _("Action"), _("Owner"), _("Due"), _("Status") };
  const double widths[] = { 0.4, 0.25, 0.17, 0.18 };

  xarxa_paper_add_heading (paper, 1, _("Common actions"));
  if (actions == NULL || json_array_get_length (actions) == 0)
    {
      xarxa_paper_add_paragraph (paper, _("No common action is planned yet."));
      return;
    }
  xarxa_paper_begin_table (paper, G_N_ELEMENTS (header), widths, header);
  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonObject *action = json_array_get_object_element (actions, i);
      const char *title = xarxa_value_string_of (action, "title");
      const char *description = xarxa_value_string_of (action, "description");
      g_autofree char *what = description != NULL
                              ? g_markup_printf_escaped ("<b>%s</b>\n%s", title != NULL ? title : "", description)
                              : g_markup_printf_escaped ("<b>%s</b>", title != NULL ? title : "");
      g_autofree char *owner = xarxa_render_title_of (store, "entity", xarxa_value_string_of (action, "owner_entity_id"));
      g_autofree char *due = xarxa_render_date (xarxa_value_string_of (action, "due_date"), FALSE);
      g_autofree char *status = xarxa_render_field ("action", action, "status");
      g_autofree char *c1 = xarxa_render_escape (owner);
      g_autofree char *c2 = xarxa_render_escape (due);
      g_autofree char *c3 = NULL;
      const char *cells[4];

      if (json_object_get_boolean_member_with_default (action, "overdue", FALSE))
        /* Translators: an action's status on paper, then the mark of an action past its due date. */
        c3 = g_markup_printf_escaped ("%s\n<b>%s</b>", status != NULL ? status : "", C_("action", "Overdue"));
      else
        c3 = xarxa_render_escape (status);
      cells[0] = what;
      cells[1] = c1;
      cells[2] = c2;
      cells[3] = c3;
      xarxa_paper_add_row (paper, cells);
    }
}

static char *
names_of (JsonArray *who)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; who != NULL && i < json_array_get_length (who); i++)
    {
      const char *name = xarxa_value_string_of (json_array_get_object_element (who, i), "name");

      if (name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
add_decision (XarxaPaper *paper,
              JsonObject *decision)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *day = xarxa_render_date (xarxa_value_string_of (decision, "decided_on"), FALSE);
  g_autofree char *blocked = names_of (json_object_get_array_member (decision, "blocked_by"));
  g_autofree char *aside = names_of (json_object_get_array_member (decision, "stood_aside"));
  JsonArray *positions = json_object_get_array_member (decision, "positions");
  char *outcome;

  xarxa_paper_add_heading (paper, 2, day != NULL ? day : _("Undated decision"));
  add_labelled (lines, _("Proposal"), g_strdup (xarxa_value_string_of (decision, "proposal")));
  add_labelled (lines, _("Decision"), g_strdup (xarxa_value_string_of (decision, "decision")));
  if (positions == NULL || json_array_get_length (positions) == 0)
    outcome = g_strdup (_("No member has taken a position yet."));
  else if (json_object_get_boolean_member_with_default (decision, "consensus", FALSE))
    outcome = g_strdup (_("Consensus: nobody blocks."));
  else
    /* Translators: the outcome of a decision on paper; the names of the organisations that block it. */
    outcome = g_strdup_printf (_("No consensus: blocked by %s."), blocked);
  add_labelled (lines, _("Outcome"), outcome);
  if (*aside != '\0')
    add_labelled (lines, _("Stood aside"), g_strdup (aside));
  add_lines (paper, lines);

  if (positions != NULL && json_array_get_length (positions) > 0)
    {
      const char *header[] = { _("Organisation"), _("Position"), _("Note") };
      const double widths[] = { 0.35, 0.22, 0.43 };

      xarxa_paper_begin_table (paper, G_N_ELEMENTS (header), widths, header);
      for (guint i = 0; i < json_array_get_length (positions); i++)
        {
          JsonObject *position = json_array_get_object_element (positions, i);
          g_autofree char *label = xarxa_render_field ("decision_position", position, "position");
          g_autofree char *c0 = xarxa_render_escape (xarxa_value_string_of (position, "entity_name"));
          g_autofree char *c1 = xarxa_render_escape (label);
          g_autofree char *c2 = xarxa_render_escape (xarxa_value_string_of (position, "note"));
          const char *cells[] = { c0, c1, c2 };

          xarxa_paper_add_row (paper, cells);
        }
    }
}

static void
add_decisions (XarxaPaper *paper,
               JsonObject *cluster)
{
  JsonArray *decisions = json_object_get_array_member (cluster, "decisions");

  xarxa_paper_add_heading (paper, 1, _("Decisions by consensus"));
  if (decisions == NULL || json_array_get_length (decisions) == 0)
    {
      xarxa_paper_add_paragraph (paper, _("The cluster has taken no decision yet."));
      return;
    }
  for (guint i = 0; i < json_array_get_length (decisions); i++)
    add_decision (paper, json_array_get_object_element (decisions, i));
}

XarxaPaper *
xarxa_dossier_new (XarxaStore  *store,
                   const char  *cluster_id,
                   GDate       *today,
                   GError     **error)
{
  g_autoptr(JsonObject) cluster = NULL;
  g_autoptr(JsonObject) agenda = NULL;
  g_autoptr(XarxaPaper) paper = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *printed = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  g_autofree char *empty = NULL;
  const char *name;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (cluster_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((cluster = xarxa_cluster_to_json (store, cluster_id, today, error)) == NULL)
    return NULL;
  if ((agenda = xarxa_agenda_to_json (store, cluster_id, NULL, XARXA_AGENDA_BY_KIND, error)) == NULL)
    return NULL;

  name = xarxa_value_string_of (cluster, "name");
  /* Translators: the title of a cluster's dossier, "Dossier of Clúster Aigua". */
  title = g_strdup_printf (_("Dossier of %s"), name != NULL ? name : "");
  paper = xarxa_paper_new (NULL, title);
  printed = xarxa_render_date_time_day (now);
  /* Translators: under a cluster's name on its dossier: the day it was printed. */
  subtitle = g_strdup_printf (_("Cluster dossier, %s"), printed);
  xarxa_paper_add_title (paper, name != NULL ? name : "", subtitle);
  add_overview (paper, cluster);

  empty = g_markup_printf_escaped ("<i>%s</i>", _("Not written yet."));
  add_text_section (paper, _("Common objective"), xarxa_value_string_of (cluster, "objective"), empty);
  if (xarxa_value_string_of (cluster, "description") != NULL)
    add_text_section (paper, _("Description"), xarxa_value_string_of (cluster, "description"), empty);
  add_text_section (paper, _("Rights addressed"), xarxa_value_string_of (cluster, "rights"), empty);
  add_text_section (paper, _("Gender perspective"), xarxa_value_string_of (cluster, "gender_perspective"), empty);
  add_members (paper, cluster);
  add_indicators (paper, cluster);
  add_actions (paper, store, cluster);
  add_decisions (paper, cluster);
  xarxa_paper_add_heading (paper, 1, _("Shared social agenda"));
  xarxa_agenda_paper_add (paper, agenda, 2);
  return g_steal_pointer (&paper);
}
