/* xarxa-cluster-objectives.c — a cluster's objectives and indicators on
 * its page (see xarxa-cluster-objectives.h).
 *
 * Three lists of XarxaRecordsGroup, one inside the other: the cluster's
 * objectives; in each objective's row, its indicators; in each
 * indicator's row, after its fields, its progress ("45 %"), its chart and
 * its measurements, newest first.  What is inside a row is made when the
 * row is first opened: a large cluster's page shows its objectives at
 * once, not forty charts nobody has looked at yet.  Indicators of the cluster that have no
 * objective (made from the command line, or whose objective was removed)
 * are listed apart, so that none is out of sight.
 *
 * An indicator's row hears the store: when a measurement of it or the
 * indicator itself changes (here, on another row, through sync), its
 * progress, chart and summary are computed again by the core
 * (xarxa_indicator_to_json), never here.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster-objectives"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xarxa-chart.h"
#include "xarxa-cluster.h"
#include "xarxa-cluster-objectives.h"
#include "xarxa-indicator-chart.h"
#include "xarxa-records-group.h"
#include "xarxa-schema.h"
#include "xarxa-toast.h"
#include "xarxa-values.h"

struct _XarxaClusterObjectives
{
  AdwPreferencesGroup parent_instance;

  XarxaRecordsGroup *objectives_group;
  XarxaRecordsGroup *loose_group;

  XarxaStore        *store;
  char              *cluster_id;
  guint              loose_reload_id;
};

G_DEFINE_FINAL_TYPE (XarxaClusterObjectives, xarxa_cluster_objectives, ADW_TYPE_PREFERENCES_GROUP)

static const char *const objective_fields[] = { "title", "description", NULL };
static const char *const indicator_fields[] = {
  "name", "unit", "baseline", "target", "direction", "gender_breakdown", NULL,
};
static const char *const measurement_fields[] = { "measured_on", "value", "notes", NULL };
static const char *const measurement_gender_fields[] = {
  "measured_on", "value", "value_women", "value_men", "value_other", "notes", NULL,
};

static void setup_indicators (XarxaClusterObjectives *self,
                              XarxaRecordsGroup      *group);

/* A row that holds a widget (a chart, a list) under an expander row. */
static GtkWidget *
holder_row (GtkWidget *child)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_widget_set_margin_top (child, 12);
  gtk_widget_set_margin_bottom (child, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  return row;
}

static gboolean
is_gender_breakdown (JsonObject *indicator)
{
  JsonNode *node = json_object_get_member (indicator, "gender_breakdown");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return json_node_get_int (node) != 0;
}

/* ---- measurements -------------------------------------------------------- */

static char *
measurement_subtitle (XarxaRecordsGroup *group,
                      JsonObject        *measurement,
                      gpointer           user_data)
{
  const char *unit = g_object_get_data (G_OBJECT (group), "xarxa-unit");
  gboolean by_gender = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (group), "xarxa-by-gender"));
  const char *names[] = { "value_women", "value_men", "value_other" };
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  JsonNode *node = json_object_get_member (measurement, "value");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree char *amount = xarxa_chart_format_amount (json_node_get_double (node), unit);

      g_string_append (text, amount);
    }
  else
    g_string_append (text, _("No value"));

  for (guint i = 0; by_gender && i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *amount = NULL;

      node = json_object_get_member (measurement, names[i]);
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        continue;
      amount = xarxa_chart_format_amount (json_node_get_double (node), unit);
      switch (i)
        {
        case 0:
          /* TRANSLATORS: a measurement's value for women: "women 20 %" */
          g_ptr_array_add (parts, g_strdup_printf (_("women %s"), amount));
          break;
        case 1:
          g_ptr_array_add (parts, g_strdup_printf (_("men %s"), amount));
          break;
        default:
          g_ptr_array_add (parts, g_strdup_printf (_("other genders %s"), amount));
          break;
        }
    }
  if (parts->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (parts, NULL);
      joined = g_strjoinv (", ", (char **) parts->pdata);

      /* TRANSLATORS: a measurement's value, then its values by gender */
      g_string_append_printf (text, _(" (%s)"), joined);
    }
  return g_string_free (text, FALSE);
}

/* Newest first. */
static int
compare_measurements (JsonObject *a,
                      JsonObject *b,
                      gpointer    user_data)
{
  return g_strcmp0 (xarxa_value_string_of (b, "measured_on"), xarxa_value_string_of (a, "measured_on"));
}

/* Add Measurement: one dated today, in this cluster when the indicator
 * names one (the store refuses an indicator of another cluster, and the
 * toast says so); its row opens on the day and the value. */
static void
add_measurement (XarxaRecordsGroup *group,
                 gpointer           user_data)
{
  XarxaClusterObjectives *self = user_data;
  const char *indicator_cluster = g_object_get_data (G_OBJECT (group), "xarxa-indicator-cluster");
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (values, "measured_on", today);
  if (indicator_cluster != NULL && self->cluster_id != NULL)
    json_object_set_string_member (values, "cluster_id", self->cluster_id);
  id = xarxa_records_group_create (group, values, &error);
  if (id == NULL)
    xarxa_toast_show (GTK_WIDGET (group), xarxa_toast_new ("%s", error->message));
}

static void
setup_measurements (XarxaClusterObjectives *self,
                    XarxaRecordsGroup      *group,
                    JsonObject             *indicator)
{
  gboolean by_gender = is_gender_breakdown (indicator);

  g_object_set_data_full (G_OBJECT (group), "xarxa-unit",
                          g_strdup (xarxa_value_string_of (indicator, "unit")), g_free);
  g_object_set_data_full (G_OBJECT (group), "xarxa-indicator-cluster",
                          g_strdup (xarxa_value_string_of (indicator, "cluster_id")), g_free);
  g_object_set_data (G_OBJECT (group), "xarxa-by-gender", GINT_TO_POINTER (by_gender));
  xarxa_records_group_set_fields (group, by_gender ? measurement_gender_fields : measurement_fields);
}

/* ---- an indicator's row -------------------------------------------------- */

/* What an indicator's row holds besides the fields the group makes.  The
 * progress and summary are on the row from the start; the chart and the
 * measurements are made when the row is first opened: a closed row's
 * content is still measured by GTK at every layout, and forty charts
 * nobody has opened made a large cluster's page slow to appear. */
typedef struct
{
  XarxaClusterObjectives *self;
  char                   *id;
  AdwExpanderRow         *row;
  GtkWidget              *progress_label;
  GtkWidget              *progress_bar;
  char                   *summary;
  GtkWidget              *chart;          /* NULL until the row is first opened */
  XarxaRecordsGroup      *measurements;   /* likewise */
} IndicatorWidgets;

#define INDICATOR_WIDGETS "xarxa-indicator-widgets"

static void
indicator_widgets_free (gpointer data)
{
  IndicatorWidgets *w = data;

  g_free (w->id);
  g_free (w->summary);
  g_free (w);
}

static IndicatorWidgets *
indicator_widgets (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), INDICATOR_WIDGETS);
}

/* Computes the indicator's figures again and shows them on its row. */
static void
refresh_indicator (IndicatorWidgets *w)
{
  XarxaClusterObjectives *self = w->self;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  const char *summary;
  JsonNode *progress;

  if (self->store == NULL)
    return;
  json = xarxa_indicator_to_json (self->store, w->id, &error);
  if (json == NULL)
    return;  /* removed: its row goes when the group reads its records again */

  summary = xarxa_value_string_of (json, "summary");
  g_free (w->summary);
  w->summary = g_strdup (summary != NULL ? summary : "");
  if (w->chart != NULL)
    {
      g_autoptr(XarxaChart) chart = xarxa_chart_new (json);

      xarxa_indicator_chart_set_chart (XARXA_INDICATOR_CHART (w->chart), chart);
    }
  adw_expander_row_set_subtitle (w->row, w->summary);
  /* Read with the row's name, so that moving through the indicators says
   * how far each has come without opening it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, w->summary, -1);

  progress = json_object_get_member (json, "progress");
  if (progress != NULL && JSON_NODE_HOLDS_VALUE (progress))
    {
      double p = json_node_get_double (progress);
      /* TRANSLATORS: an indicator's progress from its baseline to its
       * target, in percent: "45 %" */
      g_autofree char *text = g_strdup_printf (C_("progress", "%d %%"), (int) round (p * 100));

      gtk_label_set_label (GTK_LABEL (w->progress_label), text);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (w->progress_bar), CLAMP (p, 0, 1));
      gtk_widget_set_visible (w->progress_bar, TRUE);
    }
  else
    {
      /* TRANSLATORS: an indicator's progress when it cannot be computed */
      gtk_label_set_label (GTK_LABEL (w->progress_label), C_("progress", "—"));
      gtk_widget_set_visible (w->progress_bar, FALSE);
    }

  /* The measurements' fields follow the gender breakdown. */
  if (w->measurements != NULL)
    {
      g_autoptr(JsonObject) record = xarxa_store_get_live_record (self->store, "indicator", w->id);
      XarxaRecordsGroup *m = w->measurements;

      if (record != NULL &&
          (is_gender_breakdown (record) != GPOINTER_TO_INT (g_object_get_data (G_OBJECT (m), "xarxa-by-gender")) ||
           g_strcmp0 (xarxa_value_string_of (record, "unit"), g_object_get_data (G_OBJECT (m), "xarxa-unit")) != 0 ||
           g_strcmp0 (xarxa_value_string_of (record, "cluster_id"),
                      g_object_get_data (G_OBJECT (m), "xarxa-indicator-cluster")) != 0))
        setup_measurements (self, m, record);
    }
}

static void
indicator_changed_cb (XarxaStore *store,
                      const char *type_name,
                      const char *id,
                      GtkWidget  *row)
{
  IndicatorWidgets *w = indicator_widgets (row);

  if (id != NULL && g_strcmp0 (type_name, "indicator_value") == 0)
    {
      g_autoptr(JsonObject) measurement = xarxa_store_get_record (store, type_name, id, NULL);

      if (measurement != NULL && g_strcmp0 (xarxa_value_string_of (measurement, "indicator_id"), w->id) != 0)
        return;
    }
  else if (id != NULL && g_strcmp0 (id, w->id) != 0)
    return;
  refresh_indicator (w);
}

/* The chart and the measurements, made when the row is first opened. */
static void
indicator_expanded_cb (AdwExpanderRow *row,
                       GParamSpec     *pspec,
                       gpointer        user_data)
{
  IndicatorWidgets *w = indicator_widgets (GTK_WIDGET (row));
  XarxaClusterObjectives *self = w->self;
  g_autoptr(JsonObject) indicator = NULL;
  GtkWidget *measurements_box;
  GtkWidget *measurements;

  if (w->chart != NULL || !adw_expander_row_get_expanded (row) || self->store == NULL)
    return;
  indicator = xarxa_store_get_live_record (self->store, "indicator", w->id);
  if (indicator == NULL)
    return;

  w->chart = xarxa_indicator_chart_new ();
  adw_expander_row_add_row (row, holder_row (w->chart));

  measurements_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_expander_row_add_row (row, holder_row (measurements_box));
  measurements = xarxa_records_group_new ("indicator_value", "indicator_id");
  w->measurements = XARXA_RECORDS_GROUP (measurements);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (measurements),
                                   xarxa_record_type_get_plural (xarxa_schema_lookup ("indicator_value")));
  xarxa_records_group_set_add_label (w->measurements, _("Add Measurement"));
  xarxa_records_group_set_subtitle_func (w->measurements, measurement_subtitle, NULL, NULL);
  xarxa_records_group_set_compare_func (w->measurements, compare_measurements, NULL, NULL);
  xarxa_records_group_set_add_func (w->measurements, add_measurement, self, NULL);
  setup_measurements (self, w->measurements, indicator);
  xarxa_records_group_set_store (w->measurements, self->store);
  xarxa_records_group_set_parent_id (w->measurements, w->id);
  gtk_box_append (GTK_BOX (measurements_box), measurements);

  refresh_indicator (w);
}

static void
indicator_row (XarxaRecordsGroup *group,
               AdwExpanderRow    *row,
               JsonObject        *indicator,
               gpointer           user_data)
{
  XarxaClusterObjectives *self = user_data;
  IndicatorWidgets *w = g_new0 (IndicatorWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  w->self = self;
  w->id = g_strdup (xarxa_value_string_of (indicator, "id"));
  w->row = row;
  g_object_set_data_full (G_OBJECT (row), INDICATOR_WIDGETS, w, indicator_widgets_free);

  /* The progress at the row's end: a bar and the figure. */
  w->progress_bar = gtk_level_bar_new_for_interval (0, 1);
  gtk_widget_set_size_request (w->progress_bar, 48, -1);
  gtk_widget_set_valign (w->progress_bar, GTK_ALIGN_CENTER);
  /* The figure beside it says it in words. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (w->progress_bar), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (w->progress_bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (w->progress_bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (w->progress_bar), GTK_LEVEL_BAR_OFFSET_FULL);
  w->progress_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (w->progress_label, "numeric");
  gtk_widget_set_name (w->progress_label, "indicator-progress");
  gtk_box_append (GTK_BOX (box), w->progress_bar);
  gtk_box_append (GTK_BOX (box), w->progress_label);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_expander_row_add_action (row, box);

  g_signal_connect_object (self->store, "changed::indicator_value", G_CALLBACK (indicator_changed_cb), row, 0);
  g_signal_connect_object (self->store, "changed::indicator", G_CALLBACK (indicator_changed_cb), row, 0);
  /* After the group's own handler, which makes the fields first. */
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (indicator_expanded_cb), NULL, G_CONNECT_AFTER);
  refresh_indicator (w);
}

/* The summary, set by refresh_indicator(), is the subtitle; this keeps it
 * when the group retitles the row after an edit of ours (the store told
 * the row of the edit first).  A row being made has none yet: the row
 * function computes it. */
static char *
indicator_subtitle (XarxaRecordsGroup *group,
                    JsonObject        *indicator,
                    gpointer           user_data)
{
  GtkWidget *row = xarxa_records_group_get_row (group, xarxa_value_string_of (indicator, "id"));
  IndicatorWidgets *w = row != NULL ? indicator_widgets (row) : NULL;

  return w != NULL ? g_strdup (w->summary) : NULL;
}

/* ---- adding an indicator ------------------------------------------------- */

static void
indicator_name_changed_cb (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", text[0] != '\0');
}

static void
indicator_name_activate_cb (GtkEntry         *entry,
                            AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    adw_message_dialog_response (dialog, "add");
}

static void
add_indicator_response_cb (AdwMessageDialog  *dialog,
                           const char        *response,
                           XarxaRecordsGroup *group)
{
  XarxaClusterObjectives *self = g_object_get_data (G_OBJECT (group), "xarxa-objectives");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "add") != 0 || name[0] == '\0')
    return;
  /* Under the objective (the group sets it) and in the cluster, so that
   * the cluster's progress counts it. */
  json_object_set_string_member (values, "name", name);
  if (self->cluster_id != NULL)
    json_object_set_string_member (values, "cluster_id", self->cluster_id);
  id = xarxa_records_group_create (group, values, &error);
  if (id == NULL)
    xarxa_toast_show (GTK_WIDGET (group), xarxa_toast_new ("%s", error->message));
}

static void
add_indicator (XarxaRecordsGroup *group,
               gpointer           user_data)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (group))),
                                   _("Add Indicator"), NULL);
  gtk_widget_set_name (dialog, "add-indicator-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);

  entry = gtk_entry_new ();
  /* TRANSLATORS: the placeholder of the new indicator's name */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name, such as “Women on governing boards”"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (indicator_name_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (indicator_name_activate_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_indicator_response_cb), group, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
setup_indicators (XarxaClusterObjectives *self,
                  XarxaRecordsGroup      *group)
{
  g_object_set_data (G_OBJECT (group), "xarxa-objectives", self);
  xarxa_records_group_set_fields (group, indicator_fields);
  xarxa_records_group_set_untitled_label (group, _("Unnamed indicator"));
  xarxa_records_group_set_subtitle_func (group, indicator_subtitle, self, NULL);
  xarxa_records_group_set_row_func (group, indicator_row, self, NULL);
}

/* ---- objectives ---------------------------------------------------------- */

/* An objective's indicators, made when its row is first opened (see
 * IndicatorWidgets). */
static void
objective_expanded_cb (AdwExpanderRow         *row,
                       GParamSpec             *pspec,
                       XarxaClusterObjectives *self)
{
  GtkWidget *indicators;

  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "xarxa-indicators") != NULL)
    return;

  indicators = xarxa_records_group_new ("indicator", "objective_id");
  g_object_set_data (G_OBJECT (row), "xarxa-indicators", indicators);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (indicators),
                                   xarxa_record_type_get_plural (xarxa_schema_lookup ("indicator")));
  xarxa_records_group_set_add_label (XARXA_RECORDS_GROUP (indicators), _("Add Indicator…"));
  xarxa_records_group_set_add_func (XARXA_RECORDS_GROUP (indicators), add_indicator, self, NULL);
  setup_indicators (self, XARXA_RECORDS_GROUP (indicators));
  xarxa_records_group_set_store (XARXA_RECORDS_GROUP (indicators), self->store);
  xarxa_records_group_set_parent_id (XARXA_RECORDS_GROUP (indicators),
                                     xarxa_records_group_row_record_id (GTK_WIDGET (row)));
  adw_expander_row_add_row (row, holder_row (indicators));
}

static void
objective_row (XarxaRecordsGroup *group,
               AdwExpanderRow    *row,
               JsonObject        *objective,
               gpointer           user_data)
{
  /* After the group's own handler, which makes the fields first. */
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (objective_expanded_cb), user_data, G_CONNECT_AFTER);
}

/* How many records of a type name @id in @field, without reading them. */
static guint
count_children (XarxaStore *store,
                const char *type_name,
                const char *field,
                const char *id)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new (type_name);
  g_autoptr(GArray) rowids = NULL;

  xarxa_query_set_filter (query, field, id);
  rowids = xarxa_store_query_rowids (store, query, NULL);
  return rowids != NULL ? rowids->len : 0;
}

static char *
objective_subtitle (XarxaRecordsGroup *group,
                    JsonObject        *objective,
                    gpointer           user_data)
{
  XarxaClusterObjectives *self = user_data;
  g_autofree char *count = NULL;
  guint n;

  if (self->store == NULL)
    return NULL;
  n = count_children (self->store, "indicator", "objective_id", xarxa_value_string_of (objective, "id"));
  if (n == 0)
    return g_strdup (_("No indicators yet"));
  count = g_strdup_printf ("%u", n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s indicator", "%s indicators", n), count);
}

/* Indicators of the cluster under no live objective. */
static gboolean
is_loose (XarxaClusterObjectives *self,
          JsonObject             *indicator)
{
  g_autoptr(JsonObject) objective = xarxa_store_get_live_record (self->store, "objective",
                                                                 xarxa_value_string_of (indicator, "objective_id"));

  return objective == NULL;
}

static gboolean
loose_filter (XarxaRecordsGroup *group,
              JsonObject        *indicator,
              gpointer           user_data)
{
  return is_loose (user_data, indicator);
}

static void
update_loose (XarxaClusterObjectives *self)
{
  g_autoptr(GPtrArray) indicators = NULL;
  gboolean any = FALSE;

  if (self->store != NULL && self->cluster_id != NULL)
    indicators = xarxa_cluster_children (self->store, "indicator", "cluster_id", self->cluster_id, NULL);
  for (guint i = 0; indicators != NULL && i < indicators->len && !any; i++)
    any = is_loose (self, indicators->pdata[i]);
  gtk_widget_set_visible (GTK_WIDGET (self->loose_group), any);
}

/* The objectives' rows count their indicators: counted again when an
 * indicator comes, goes or moves, without rebuilding the rows. */
static void
update_objective_subtitles (XarxaClusterObjectives *self)
{
  g_autoptr(GPtrArray) objectives = NULL;

  if (self->store != NULL && self->cluster_id != NULL)
    objectives = xarxa_cluster_children (self->store, "objective", "cluster_id", self->cluster_id, NULL);
  for (guint i = 0; objectives != NULL && i < objectives->len; i++)
    {
      GtkWidget *row = xarxa_records_group_get_row (self->objectives_group,
                                                    xarxa_value_string_of (objectives->pdata[i], "id"));
      g_autofree char *subtitle = NULL;

      if (row == NULL)
        continue;
      subtitle = objective_subtitle (self->objectives_group, objectives->pdata[i], self);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle != NULL ? subtitle : "");
    }
}

static gboolean
reload_loose_cb (gpointer user_data)
{
  XarxaClusterObjectives *self = user_data;

  self->loose_reload_id = 0;
  xarxa_records_group_reload (self->loose_group);
  return G_SOURCE_REMOVE;
}

static void
structure_changed_cb (XarxaStore             *store,
                      const char             *type_name,
                      const char             *id,
                      XarxaClusterObjectives *self)
{
  update_loose (self);
  if (g_strcmp0 (type_name, "indicator") == 0)
    update_objective_subtitles (self);
  /* An objective removed (or back with Undo) moves its indicators in or
   * out of the list of those without one, which reads its records again
   * only when indicators change. */
  else if (self->loose_reload_id == 0)
    self->loose_reload_id = g_idle_add (reload_loose_cb, self);
}

/* ---- public -------------------------------------------------------------- */

void
xarxa_cluster_objectives_set_store (XarxaClusterObjectives *self,
                                    XarxaStore             *store)
{
  g_return_if_fail (XARXA_IS_CLUSTER_OBJECTIVES (self));
  g_return_if_fail (store == NULL || XARXA_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed::indicator", G_CALLBACK (structure_changed_cb), self, 0);
      g_signal_connect_object (store, "changed::objective", G_CALLBACK (structure_changed_cb), self, 0);
    }
  xarxa_records_group_set_store (self->objectives_group, store);
  xarxa_records_group_set_store (self->loose_group, store);
  update_loose (self);
}

void
xarxa_cluster_objectives_set_cluster (XarxaClusterObjectives *self,
                                      const char             *id)
{
  g_return_if_fail (XARXA_IS_CLUSTER_OBJECTIVES (self));

  g_free (self->cluster_id);
  self->cluster_id = g_strdup (id);
  xarxa_records_group_set_parent_id (self->objectives_group, id);
  /* The group has just read which are loose: shown if it lists one. */
  xarxa_records_group_set_parent_id (self->loose_group, id);
  gtk_widget_set_visible (GTK_WIDGET (self->loose_group),
                          id != NULL && xarxa_records_group_get_n_records (self->loose_group) > 0);
}

/* ---- GObject ------------------------------------------------------------- */

static void
xarxa_cluster_objectives_dispose (GObject *object)
{
  XarxaClusterObjectives *self = XARXA_CLUSTER_OBJECTIVES (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_handle_id (&self->loose_reload_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_CLUSTER_OBJECTIVES);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_cluster_objectives_parent_class)->dispose (object);
}

static void
xarxa_cluster_objectives_finalize (GObject *object)
{
  XarxaClusterObjectives *self = XARXA_CLUSTER_OBJECTIVES (object);

  g_free (self->cluster_id);

  G_OBJECT_CLASS (xarxa_cluster_objectives_parent_class)->finalize (object);
}

static void
xarxa_cluster_objectives_class_init (XarxaClusterObjectivesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_cluster_objectives_dispose;
  object_class->finalize = xarxa_cluster_objectives_finalize;

  g_type_ensure (XARXA_TYPE_RECORDS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/transicions/Xarxa/clusters/xarxa-cluster-objectives.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterObjectives, objectives_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterObjectives, loose_group);
}

static void
xarxa_cluster_objectives_init (XarxaClusterObjectives *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Only a frame around the groups, which name themselves. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Objectives"), -1);

  xarxa_records_group_set_add_label (self->objectives_group, _("Add Objective"));
  xarxa_records_group_set_fields (self->objectives_group, objective_fields);
  xarxa_records_group_set_untitled_label (self->objectives_group, _("Untitled objective"));
  xarxa_records_group_set_subtitle_func (self->objectives_group, objective_subtitle, self, NULL);
  xarxa_records_group_set_row_func (self->objectives_group, objective_row, self, NULL);

  setup_indicators (self, self->loose_group);
  xarxa_records_group_set_filter_func (self->loose_group, loose_filter, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->loose_group), FALSE);
}
