/* xarxa-cluster.c — what a cluster adds up to (see xarxa-cluster.h).
 *
 * Reads go through the store's public API (a query by parent, then the
 * records by rowid), but for three that the Clusters list and a
 * cluster's page ask for often: the members' names, read in one statement
 * rather than a record and an organisation per member; the members,
 * counted, not listed; and each indicator's latest measurement, found by
 * SQLite rather than by reading them all.  The shared agenda is in
 * xarxa-cluster-agenda.c.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xarxa-cluster-private.h"
#include "xarxa-cluster-rules.h"
#include "xarxa-query.h"
#include "xarxa-store-private.h"
#include "xarxa-value.h"
#include "xarxa-values.h"

/* ---- small helpers ------------------------------------------------------ */

const char *
xarxa_cluster_text_of (JsonObject *record,
                       const char *name)
{
  return xarxa_value_string_of (record, name);
}

static gboolean
number_of (JsonObject *record,
           const char *name,
           double     *out)
{
  JsonNode *node;
  GType type;

  if (record == NULL || (node = json_object_get_member (record, name)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else
    return FALSE;
  return isfinite (*out);
}

/* The record's fields and id, without the bookkeeping a reader does not
 * need (deleted is always false here; the version is sync's). */
JsonObject *
xarxa_cluster_public_copy (const char *type_name,
                           JsonObject *record)
{
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);
  JsonObject *out = json_object_new ();

  json_object_set_member (out, "id", json_node_copy (json_object_get_member (record, "id")));
  for (guint i = 0; i < type->n_fields; i++)
    {
      JsonNode *node = json_object_get_member (record, type->fields[i].name);

      json_object_set_member (out, type->fields[i].name,
                              node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL));
    }
  json_object_set_member (out, "created_at", json_node_copy (json_object_get_member (record, "created_at")));
  json_object_set_member (out, "updated_at", json_node_copy (json_object_get_member (record, "updated_at")));
  return out;
}

static void
set_number_or_null (JsonObject *object,
                    const char *name,
                    gboolean    has,
                    double      value)
{
  if (has)
    json_object_set_double_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

JsonObject *
xarxa_cluster_live_record (XarxaStore  *store,
                           const char  *type_name,
                           const char  *id,
                           GError     **error)
{
  g_autoptr(JsonObject) record = xarxa_store_get_record (store, type_name, id, error);

  if (record == NULL)
    return NULL;
  if (json_object_get_boolean_member_with_default (record, "deleted", FALSE))
    {
      g_autofree char *title = xarxa_cluster_rules_title (store, type_name, id);

      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   /* TRANSLATORS: a record's title */
                   _("“%s” was deleted. Undo its deletion to see it."), title);
      return NULL;
    }
  return g_steal_pointer (&record);
}

/* An ISO 8601 day, read by hand: g_date_set_parse() follows the locale's
 * order, and 2026-03-04 is never the 3rd of April. */
static GDate *
date_from_text (const char *text)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* Sets @member to the title of the record @id names. */
void
xarxa_cluster_set_title (JsonObject *object,
                         const char *member,
                         XarxaStore *store,
                         const char *type_name,
                         const char *id)
{
  g_autofree char *title = xarxa_cluster_rules_title (store, type_name, id);

  json_object_set_string_member (object, member, title);
}

/* ---- from records ------------------------------------------------------- */

gboolean
xarxa_indicator_progress (JsonObject *indicator,
                          JsonObject *measurement,
                          double     *progress)
{
  const char *direction;
  double baseline, target, value;

  g_return_val_if_fail (indicator != NULL, FALSE);
  g_return_val_if_fail (progress != NULL, FALSE);

  if (measurement == NULL || !number_of (measurement, "value", &value) ||
      !number_of (indicator, "baseline", &baseline) || !number_of (indicator, "target", &target) ||
      target == baseline)
    return FALSE;
  direction = xarxa_cluster_text_of (indicator, "direction");
  if ((g_strcmp0 (direction, "up") == 0 && target < baseline) ||
      (g_strcmp0 (direction, "down") == 0 && target > baseline))
    return FALSE;
  /* Dividing by (target - baseline) is direction-aware by itself: for an
   * indicator that should go down, both differences are negative. */
  *progress = (value - baseline) / (target - baseline);
  return TRUE;
}

JsonObject *
xarxa_indicator_latest (GPtrArray *measurements)
{
  JsonObject *latest = NULL;

  g_return_val_if_fail (measurements != NULL, NULL);

  for (guint i = 0; i < measurements->len; i++)
    {
      JsonObject *m = g_ptr_array_index (measurements, i);
      double value;
      int by_day;

      if (!number_of (m, "value", &value))
        continue;
      if (latest == NULL)
        {
          latest = m;
          continue;
        }
      /* A measurement without a day is older than any with one. */
      by_day = g_strcmp0 (xarxa_cluster_text_of (m, "measured_on"), xarxa_cluster_text_of (latest, "measured_on"));
      if (by_day > 0 ||
          (by_day == 0 && g_strcmp0 (xarxa_cluster_text_of (m, "updated_at"), xarxa_cluster_text_of (latest, "updated_at")) > 0))
        latest = m;
    }
  return latest;
}

/* "34 %", "1,250 litres": the number as the locale writes it, at most two
 * decimals, then the unit. */
static char *
format_amount (double      value,
               const char *unit)
{
  g_autofree char *number = NULL;

  if (fabs (value - round (value)) < 0.005)
    number = g_strdup_printf ("%'.0f", value);
  else if (fabs (value * 10 - round (value * 10)) < 0.05)
    number = g_strdup_printf ("%'.1f", value);
  else
    number = g_strdup_printf ("%'.2f", value);
  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  /* TRANSLATORS: a number, then its unit: "34 %", "120 litres" */
  return g_strdup_printf (C_("amount", "%s %s"), number, unit);
}

/* How far along, in words where a simple fraction says it. */
static char *
way_text (double progress)
{
  static const struct { double at; const char *words; } fractions[] = {
    { 0.25, N_("a quarter of the way") },
    { 1.0 / 3, N_("a third of the way") },
    { 0.5, N_("half way") },
    { 2.0 / 3, N_("two thirds of the way") },
    { 0.75, N_("three quarters of the way") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    if (fabs (progress - fractions[i].at) < 0.05)
      return g_strdup (_(fractions[i].words));
  /* TRANSLATORS: how far along from a baseline to a target, in percent */
  return g_strdup_printf (_("%d %% of the way"), (int) round (progress * 100));
}

static char *
summary_of_value (JsonObject *indicator,
                  JsonObject *latest)
{
  const char *name;
  const char *unit;
  double baseline = 0, target = 0, value = 0, progress = 0;
  gboolean has_ends, has_value;
  g_autofree char *baseline_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *value_text = NULL;

  name = xarxa_cluster_text_of (indicator, "name");
  if (name == NULL)
    name = _("Unnamed indicator");
  unit = xarxa_cluster_text_of (indicator, "unit");
  has_ends = number_of (indicator, "baseline", &baseline) && number_of (indicator, "target", &target);
  has_value = latest != NULL && number_of (latest, "value", &value);
  baseline_text = format_amount (baseline, unit);
  target_text = format_amount (target, unit);
  value_text = format_amount (value, unit);

  if (!has_value && !has_ends)
    /* TRANSLATORS: an indicator's name */
    return g_strdup_printf (_("%s: no measurement yet"), name);
  if (!has_value)
    /* TRANSLATORS: an indicator's name, its baseline, its target */
    return g_strdup_printf (_("%s: no measurement yet; from %s to the target of %s"),
                            name, baseline_text, target_text);
  if (!has_ends)
    /* TRANSLATORS: an indicator's name and its latest value */
    return g_strdup_printf (_("%s: %s"), name, value_text);
  if (!xarxa_indicator_progress (indicator, latest, &progress))
    /* TRANSLATORS: an indicator's name, its value, its baseline, its target */
    return g_strdup_printf (_("%s: %s; from %s, target %s"), name, value_text, baseline_text, target_text);
  if (progress < 0)
    /* TRANSLATORS: an indicator's name, its value, its baseline, its target */
    return g_strdup_printf (_("%s: %s, further from the target of %s than the baseline of %s"),
                            name, value_text, target_text, baseline_text);
  if (progress == 0)
    return g_strdup_printf (_("%s: %s, still at the baseline; the target is %s"),
                            name, value_text, target_text);
  if (progress >= 1)
    /* TRANSLATORS: an indicator's name, its value, its target, its baseline */
    return g_strdup_printf (progress == 1 ? _("%s: %s, the target of %s reached from %s")
                                          : _("%s: %s, past the target of %s set from %s"),
                            name, value_text, target_text, baseline_text);
  {
    g_autofree char *way = way_text (progress);

    /* TRANSLATORS: an indicator's name, its value, how far along ("half
     * way"), its baseline, its target */
    return g_strdup_printf (_("%s: %s, %s from %s to the target of %s"),
                            name, value_text, way, baseline_text, target_text);
  }
}

char *
xarxa_indicator_summary (JsonObject *indicator,
                         JsonObject *latest)
{
  g_autofree char *text = NULL;
  double women, men, other;
  JsonNode *breakdown;

  g_return_val_if_fail (indicator != NULL, NULL);

  text = summary_of_value (indicator, latest);
  breakdown = json_object_get_member (indicator, "gender_breakdown");
  /* What the chart draws as one line per gender. */
  if (breakdown != NULL && JSON_NODE_HOLDS_VALUE (breakdown) &&
      json_node_get_value_type (breakdown) == G_TYPE_BOOLEAN && json_node_get_boolean (breakdown) &&
      latest != NULL && number_of (latest, "value_women", &women) && number_of (latest, "value_men", &men))
    {
      const char *unit = xarxa_cluster_text_of (indicator, "unit");
      g_autofree char *w = format_amount (women, unit);
      g_autofree char *m = format_amount (men, unit);

      if (number_of (latest, "value_other", &other))
        {
          g_autofree char *o = format_amount (other, unit);

          /* TRANSLATORS: the summary of an indicator, then its latest values
           * for women, men and other genders */
          return g_strdup_printf (_("%s (women %s, men %s, other genders %s)"), text, w, m, o);
        }
      /* TRANSLATORS: the summary of an indicator, then its latest values
       * for women and men */
      return g_strdup_printf (_("%s (women %s, men %s)"), text, w, m);
    }
  return g_steal_pointer (&text);
}

gboolean
xarxa_action_is_overdue (JsonObject *action,
                         GDate      *today)
{
  const char *status;
  g_autoptr(GDate) due = NULL;
  g_autoptr(GDate) now = NULL;

  g_return_val_if_fail (action != NULL, FALSE);

  status = xarxa_cluster_text_of (action, "status");
  if (g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "dropped") == 0)
    return FALSE;
  if ((due = date_from_text (xarxa_cluster_text_of (action, "due_date"))) == NULL)
    return FALSE;
  if (today == NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_local ();

      now = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (dt),
                            (GDateMonth) g_date_time_get_month (dt),
                            (GDateYear) g_date_time_get_year (dt));
      today = now;
    }
  return g_date_compare (due, today) < 0;
}

void
xarxa_decision_outcome (GPtrArray            *positions,
                        XarxaDecisionOutcome *outcome)
{
  g_return_if_fail (positions != NULL);
  g_return_if_fail (outcome != NULL);

  memset (outcome, 0, sizeof *outcome);
  for (guint i = 0; i < positions->len; i++)
    {
      const char *position = xarxa_cluster_text_of (g_ptr_array_index (positions, i), "position");

      if (g_strcmp0 (position, "agree") == 0)
        outcome->n_agree++;
      else if (g_strcmp0 (position, "agree-with-reservations") == 0)
        outcome->n_reservations++;
      else if (g_strcmp0 (position, "stand-aside") == 0)
        outcome->n_stand_aside++;
      else if (g_strcmp0 (position, "block") == 0)
        outcome->n_block++;
    }
  outcome->consensus = outcome->n_block == 0 &&
                       outcome->n_agree + outcome->n_reservations + outcome->n_stand_aside > 0;
}

/* ---- from the store ----------------------------------------------------- */

GPtrArray *
xarxa_cluster_children (XarxaStore  *store,
                        const char  *type_name,
                        const char  *field,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(XarxaQuery) query = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);

  query = xarxa_query_new (type_name);
  g_return_val_if_fail (query != NULL, NULL);
  if (field != NULL && !xarxa_query_set_filter (query, field, id))
    g_return_val_if_reached (NULL);
  return xarxa_store_query_records (store, query, error);
}

static gboolean
indicator_progress (XarxaStore  *store,
                    JsonObject  *indicator,
                    double      *progress,
                    GPtrArray  **measurements_out,
                    GError     **error)
{
  g_autoptr(GPtrArray) measurements = NULL;
  gboolean has;

  measurements = xarxa_cluster_children (store, "indicator_value", "indicator_id",
                                         xarxa_cluster_text_of (indicator, "id"), error);
  if (measurements == NULL)
    return FALSE;
  has = xarxa_indicator_progress (indicator, xarxa_indicator_latest (measurements), progress);
  if (measurements_out != NULL)
    *measurements_out = g_steal_pointer (&measurements);
  return has;
}

gboolean
xarxa_cluster_progress (XarxaStore  *store,
                        const char  *cluster_id,
                        double      *progress,
                        GError     **error)
{
  /* Each live indicator of the cluster with its latest measurement that
   * has a value (xarxa_indicator_latest(): by day, a day before none,
   * then by last change), found by SQLite rather than by reading every
   * measurement of every indicator: the Clusters list asks for each row. */
  static const char sql[] =
    "SELECT i.rowid, (SELECT v.rowid FROM indicator_value v"
    "   WHERE v.indicator_id = i.id AND v.deleted = 0"
    "   AND typeof (v.value) IN ('integer', 'real') AND v.value BETWEEN -1.7e308 AND 1.7e308"
    "   ORDER BY v.measured_on IS NULL, v.measured_on DESC, v.updated_at DESC LIMIT 1)"
    " FROM indicator i WHERE i.cluster_id = ?1 AND i.deleted = 0";
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  double sum = 0;
  guint n = 0;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (cluster_id != NULL, FALSE);
  g_return_val_if_fail (progress != NULL, FALSE);

  stmt = xarxa_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, cluster_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0),
                         sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 1) };

      g_array_append_vals (pairs, pair, 2);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return xarxa_store_sqlite_error (store, rc, error);

  for (guint i = 0; i < pairs->len; i += 2)
    {
      g_autoptr(JsonObject) indicator = NULL;
      g_autoptr(JsonObject) latest = NULL;
      double p;

      if (g_array_index (pairs, gint64, i + 1) < 0)
        continue;
      indicator = xarxa_store_get_record_by_rowid (store, "indicator", g_array_index (pairs, gint64, i), error);
      latest = indicator != NULL
               ? xarxa_store_get_record_by_rowid (store, "indicator_value", g_array_index (pairs, gint64, i + 1), error)
               : NULL;
      if (latest == NULL)
        return FALSE;
      if (xarxa_indicator_progress (indicator, latest, &p))
        {
          sum += p;
          n++;
        }
    }
  if (n == 0)
    return FALSE;
  *progress = sum / n;
  return TRUE;
}

static gboolean
action_is_open (JsonObject *action)
{
  const char *status = xarxa_cluster_text_of (action, "status");

  return g_strcmp0 (status, "done") != 0 && g_strcmp0 (status, "dropped") != 0;
}

JsonObject *
xarxa_cluster_next_action (XarxaStore  *store,
                           const char  *cluster_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) actions = NULL;
  JsonObject *next = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (cluster_id != NULL, NULL);

  actions = xarxa_cluster_children (store, "action", "cluster_id", cluster_id, error);
  if (actions == NULL)
    return NULL;
  for (guint i = 0; i < actions->len; i++)
    {
      JsonObject *a = g_ptr_array_index (actions, i);

      if (!action_is_open (a) || xarxa_cluster_text_of (a, "due_date") == NULL)
        continue;
      if (next == NULL || strcmp (xarxa_cluster_text_of (a, "due_date"), xarxa_cluster_text_of (next, "due_date")) < 0)
        next = a;
    }
  return next != NULL ? json_object_ref (next) : NULL;
}

gint64
xarxa_cluster_member_count (XarxaStore  *store,
                            const char  *cluster_id,
                            GError     **error)
{
  /* Counted, not listed: the list's query would sort the members too. */
  static const char sql[] = "SELECT count(*) FROM cluster_member WHERE cluster_id = ?1 AND deleted = 0";
  sqlite3_stmt *stmt;
  gint64 n = -1;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (store), -1);
  g_return_val_if_fail (cluster_id != NULL, -1);

  stmt = xarxa_store_prepare (store, sql, error);
  if (stmt == NULL)
    return -1;
  xarxa_sqlite_bind_text (stmt, 1, cluster_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW)
    xarxa_store_sqlite_error (store, rc, error);
  return n;
}

gboolean
xarxa_cluster_member_names (XarxaStore  *store,
                            const char  *cluster_id,
                            GPtrArray   *ids,
                            GPtrArray   *names,
                            GError     **error)
{
  static const char sql[] =
    "SELECT e.id, e.name FROM cluster_member m JOIN entity e ON e.id = m.entity_id"
    " WHERE m.cluster_id = ?1 AND m.deleted = 0 AND e.deleted = 0 ORDER BY e.name_key, e.rowid";
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (cluster_id != NULL, FALSE);
  g_return_val_if_fail (ids != NULL && names != NULL, FALSE);

  stmt = xarxa_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, cluster_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return xarxa_store_sqlite_error (store, rc, error);
  return TRUE;
}

char *
xarxa_cluster_coordinator (XarxaStore  *store,
                           const char  *cluster_id,
                           gboolean    *has_coordinator,
                           GError     **error)
{
  g_autoptr(XarxaQuery) query = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (cluster_id != NULL, NULL);

  /* Only the coordinators are read: a cluster of 500 members has one or
   * two, and its row in the list asks each time it is drawn. */
  query = xarxa_query_new ("cluster_member");
  xarxa_query_set_filter (query, "cluster_id", cluster_id);
  xarxa_query_set_filter (query, "role", "coordinator");
  members = xarxa_store_query_records (store, query, error);
  if (members == NULL)
    return NULL;
  for (guint i = 0; i < members->len; i++)
    {
      JsonObject *m = g_ptr_array_index (members, i);
      g_autofree char *name = NULL;

      name = xarxa_cluster_rules_title (store, "entity", xarxa_cluster_text_of (m, "entity_id"));
      if (names->len > 0)
        /* TRANSLATORS: between the names of a list */
        g_string_append (names, C_("list separator", ", "));
      g_string_append (names, name);
    }
  if (has_coordinator != NULL)
    *has_coordinator = names->len > 0;
  if (names->len == 0)
    return g_strdup (_("No coordinator"));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* ---- records with what is under them ------------------------------------ */

static int
compare_measured (gconstpointer a,
                  gconstpointer b)
{
  JsonObject *x = *(JsonObject *const *) a;
  JsonObject *y = *(JsonObject *const *) b;
  int by_day = g_strcmp0 (xarxa_cluster_text_of (x, "measured_on"), xarxa_cluster_text_of (y, "measured_on"));

  return by_day != 0 ? by_day : g_strcmp0 (xarxa_cluster_text_of (x, "updated_at"), xarxa_cluster_text_of (y, "updated_at"));
}

static JsonObject *
indicator_json (XarxaStore  *store,
                JsonObject  *indicator,
                GError     **error)
{
  g_autoptr(GPtrArray) measurements = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *out = xarxa_cluster_public_copy ("indicator", indicator);
  JsonArray *values = json_array_new ();
  g_autofree char *summary = NULL;
  double progress = 0;
  gboolean has;

  has = indicator_progress (store, indicator, &progress, &measurements, &local_error);
  if (measurements == NULL)
    {
      json_array_unref (values);
      json_object_unref (out);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* Oldest first, as a chart draws them. */
  g_ptr_array_sort (measurements, compare_measured);
  for (guint i = 0; i < measurements->len; i++)
    json_array_add_object_element (values, xarxa_cluster_public_copy ("indicator_value", g_ptr_array_index (measurements, i)));
  json_object_set_array_member (out, "measurements", values);
  set_number_or_null (out, "progress", has, progress);
  summary = xarxa_indicator_summary (indicator, xarxa_indicator_latest (measurements));
  json_object_set_string_member (out, "summary", summary);
  return out;
}

JsonObject *
xarxa_indicator_to_json (XarxaStore  *store,
                         const char  *indicator_id,
                         GError     **error)
{
  g_autoptr(JsonObject) indicator = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (indicator_id != NULL, NULL);

  indicator = xarxa_cluster_live_record (store, "indicator", indicator_id, error);
  if (indicator == NULL)
    return NULL;
  return indicator_json (store, indicator, error);
}

static JsonObject *
named_entity (XarxaStore *store,
              const char *entity_id,
              const char *note)
{
  JsonObject *who = json_object_new ();

  json_object_set_string_member (who, "entity_id", entity_id);
  xarxa_cluster_set_title (who, "name", store, "entity", entity_id);
  if (note != NULL)
    json_object_set_string_member (who, "note", note);
  else
    json_object_set_null_member (who, "note");
  return who;
}

static JsonObject *
decision_json (XarxaStore  *store,
               JsonObject  *decision,
               GError     **error)
{
  g_autoptr(GPtrArray) positions = NULL;
  XarxaDecisionOutcome outcome;
  JsonObject *out;
  JsonArray *list, *aside, *blocked;

  positions = xarxa_cluster_children (store, "decision_position", "decision_id", xarxa_cluster_text_of (decision, "id"), error);
  if (positions == NULL)
    return NULL;
  xarxa_decision_outcome (positions, &outcome);
  out = xarxa_cluster_public_copy ("decision", decision);
  list = json_array_new ();
  aside = json_array_new ();
  blocked = json_array_new ();
  for (guint i = 0; i < positions->len; i++)
    {
      JsonObject *p = g_ptr_array_index (positions, i);
      JsonObject *copy = xarxa_cluster_public_copy ("decision_position", p);
      const char *entity_id = xarxa_cluster_text_of (p, "entity_id");

      xarxa_cluster_set_title (copy, "entity_name", store, "entity", entity_id);
      json_array_add_object_element (list, copy);
      if (g_strcmp0 (xarxa_cluster_text_of (p, "position"), "stand-aside") == 0)
        json_array_add_object_element (aside, named_entity (store, entity_id, xarxa_cluster_text_of (p, "note")));
      else if (g_strcmp0 (xarxa_cluster_text_of (p, "position"), "block") == 0)
        json_array_add_object_element (blocked, named_entity (store, entity_id, xarxa_cluster_text_of (p, "note")));
    }
  json_object_set_array_member (out, "positions", list);
  json_object_set_boolean_member (out, "consensus", outcome.consensus);
  json_object_set_array_member (out, "stood_aside", aside);
  json_object_set_array_member (out, "blocked_by", blocked);
  return out;
}

JsonObject *
xarxa_decision_to_json (XarxaStore  *store,
                        const char  *decision_id,
                        GError     **error)
{
  g_autoptr(JsonObject) decision = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (decision_id != NULL, NULL);

  decision = xarxa_cluster_live_record (store, "decision", decision_id, error);
  if (decision == NULL)
    return NULL;
  return decision_json (store, decision, error);
}

/* Each child of the cluster as JSON, made by @each (NULL: the record's
 * own fields). */
static gboolean
add_children (XarxaStore  *store,
              JsonObject  *out,
              const char  *member,
              const char  *type_name,
              const char  *cluster_id,
              JsonObject *(*each) (XarxaStore *, JsonObject *, GError **),
              GError     **error)
{
  g_autoptr(GPtrArray) records = xarxa_cluster_children (store, type_name, "cluster_id", cluster_id, error);
  JsonArray *array;

  if (records == NULL)
    return FALSE;
  array = json_array_new ();
  json_object_set_array_member (out, member, array);
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);
      JsonObject *item = each != NULL ? each (store, record, error) : xarxa_cluster_public_copy (type_name, record);

      if (item == NULL)
        return FALSE;
      json_array_add_object_element (array, item);
    }
  return TRUE;
}

static JsonObject *
member_json (XarxaStore  *store,
             JsonObject  *member,
             GError     **error)
{
  JsonObject *out = xarxa_cluster_public_copy ("cluster_member", member);

  xarxa_cluster_set_title (out, "entity_name", store, "entity", xarxa_cluster_text_of (member, "entity_id"));
  return out;
}

static JsonObject *
meeting_json (XarxaStore  *store,
              JsonObject  *meeting,
              GError     **error)
{
  g_autoptr(GPtrArray) agenda = xarxa_agenda_ranked (store, NULL, xarxa_cluster_text_of (meeting, "id"), error);
  JsonObject *out;
  JsonArray *items;

  if (agenda == NULL)
    return NULL;
  out = xarxa_cluster_public_copy ("meeting", meeting);
  items = json_array_new ();
  for (guint i = 0; i < agenda->len; i++)
    json_array_add_object_element (items, json_object_ref (g_ptr_array_index (agenda, i)));
  json_object_set_array_member (out, "agenda", items);
  return out;
}

JsonObject *
xarxa_cluster_to_json (XarxaStore  *store,
                       const char  *cluster_id,
                       GDate       *today,
                       GError     **error)
{
  g_autoptr(JsonObject) cluster = NULL;
  g_autoptr(JsonObject) out = NULL;
  g_autoptr(JsonObject) next = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *coordinators = NULL;
  JsonArray *array;
  gboolean has_coordinator = FALSE;
  double progress = 0;
  gboolean has_progress;
  gint64 n_members;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (cluster_id != NULL, NULL);

  cluster = xarxa_cluster_live_record (store, "cluster", cluster_id, error);
  if (cluster == NULL)
    return NULL;
  out = xarxa_cluster_public_copy ("cluster", cluster);

  if ((n_members = xarxa_cluster_member_count (store, cluster_id, error)) < 0 ||
      (coordinators = xarxa_cluster_coordinator (store, cluster_id, &has_coordinator, error)) == NULL)
    return NULL;
  json_object_set_int_member (out, "member_count", n_members);
  json_object_set_boolean_member (out, "has_coordinator", has_coordinator);
  json_object_set_string_member (out, "coordinators", coordinators);
  has_progress = xarxa_cluster_progress (store, cluster_id, &progress, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  set_number_or_null (out, "progress", has_progress, progress);

  if (!add_children (store, out, "members", "cluster_member", cluster_id, member_json, error) ||
      !add_children (store, out, "objectives", "objective", cluster_id, NULL, error) ||
      !add_children (store, out, "indicators", "indicator", cluster_id, indicator_json, error))
    return NULL;

  actions = xarxa_cluster_children (store, "action", "cluster_id", cluster_id, error);
  if (actions == NULL)
    return NULL;
  array = json_array_new ();
  json_object_set_array_member (out, "actions", array);
  for (guint i = 0; i < actions->len; i++)
    {
      JsonObject *a = g_ptr_array_index (actions, i);
      JsonObject *copy = xarxa_cluster_public_copy ("action", a);

      json_object_set_boolean_member (copy, "overdue", xarxa_action_is_overdue (a, today));
      json_array_add_object_element (array, copy);
    }
  next = xarxa_cluster_next_action (store, cluster_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (next != NULL)
    json_object_set_string_member (out, "next_action_id", xarxa_cluster_text_of (next, "id"));
  else
    json_object_set_null_member (out, "next_action_id");

  if (!add_children (store, out, "decisions", "decision", cluster_id, decision_json, error) ||
      !add_children (store, out, "meetings", "meeting", cluster_id, meeting_json, error))
    return NULL;
  agenda = xarxa_agenda_ranked (store, cluster_id, NULL, error);
  if (agenda == NULL)
    return NULL;
  array = json_array_new ();
  for (guint i = 0; i < agenda->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (agenda, i)));
  json_object_set_array_member (out, "agenda", array);
  return g_steal_pointer (&out);
}
