/* xarxa-cluster-decisions.c — a cluster's decisions by consensus, in its
 * page: date, proposal and decision edited in place (a XarxaRecordsGroup),
 * and under each decision its outcome and every member organisation's
 * position (agree, agree with reservations, stand aside, block) with a
 * note.  The outcome is computed (xarxa-cluster.h): consensus when nobody
 * blocks; who blocks and who stood aside, with their reasons, stay in
 * sight.  A position the store refuses (an organisation that is no longer
 * a member) is told with the store's message, and nothing changes.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster-decisions"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-cluster.h"
#include "xarxa-cluster-decisions.h"
#include "xarxa-cluster-groups.h"
#include "xarxa-due-date.h"
#include "xarxa-member-choices.h"
#include "xarxa-toast.h"
#include "xarxa-values.h"

struct _XarxaClusterDecisions
{
  AdwPreferencesGroup parent_instance;

  XarxaStore        *store;
  char              *cluster_id;
  gboolean           saving;     /* a position of ours is being written */
  guint              reload_id;

  XarxaRecordsGroup *records;
};

G_DEFINE_FINAL_TYPE (XarxaClusterDecisions, xarxa_cluster_decisions, ADW_TYPE_PREFERENCES_GROUP)

static const char *const decision_fields[] = { "decided_on", "proposal", "decision", NULL };

#define OUTCOME_ROW "xarxa-outcome-row"
#define POSITION_DROP_DOWNS "xarxa-position-drop-downs"
#define ENTITY_ID "xarxa-entity-id"

/* Outcome */

static void
append_names (GString   *text,
              JsonArray *who)
{
  for (guint i = 0; i < json_array_get_length (who); i++)
    {
      if (i > 0)
        g_string_append (text, C_("list separator", ", "));
      g_string_append (text, xarxa_value_string_of (json_array_get_object_element (who, i), "name"));
    }
}

/* "Consensus", "Blocked by Ateneu X", "No positions yet". */
static char *
outcome_text (JsonObject *decision)
{
  JsonArray *blocked = json_object_get_array_member (decision, "blocked_by");
  JsonArray *positions = json_object_get_array_member (decision, "positions");
  g_autoptr(GString) names = g_string_new (NULL);

  if (json_array_get_length (positions) == 0)
    return g_strdup (_("No positions yet"));
  if (json_array_get_length (blocked) == 0)
    return g_strdup (C_("decision outcome", "Consensus"));
  append_names (names, blocked);
  /* TRANSLATORS: the names of the organisations that block a decision */
  return g_strdup_printf (_("Blocked by %s"), names->str);
}

/* Who blocks and who stood aside, each with the reason given, one a line. */
static char *
outcome_details (JsonObject *decision)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const struct {
    const char *member;
    gboolean    blocks;
  } kinds[] = { { "blocked_by", TRUE }, { "stood_aside", FALSE } };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      JsonArray *who = json_object_get_array_member (decision, kinds[k].member);

      for (guint i = 0; i < json_array_get_length (who); i++)
        {
          JsonObject *one = json_array_get_object_element (who, i);
          const char *name = xarxa_value_string_of (one, "name");
          const char *note = xarxa_value_string_of (one, "note");

          if (text->len > 0)
            g_string_append_c (text, '\n');
          if (kinds[k].blocks && note != NULL)
            /* TRANSLATORS: an organisation's name, then its reason */
            g_string_append_printf (text, _("%s blocks: %s"), name, note);
          else if (kinds[k].blocks)
            g_string_append_printf (text, _("%s blocks"), name);
          else if (note != NULL)
            /* TRANSLATORS: an organisation's name, then its reason */
            g_string_append_printf (text, _("%s stands aside: %s"), name, note);
          else
            g_string_append_printf (text, _("%s stands aside"), name);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
decision_subtitle (XarxaRecordsGroup *group,
                   JsonObject        *decision,
                   gpointer           user_data)
{
  XarxaClusterDecisions *self = user_data;
  g_autoptr(JsonObject) computed = NULL;
  g_autofree char *date = xarxa_due_date_text (xarxa_value_string_of (decision, "decided_on"), NULL);
  g_autofree char *outcome = NULL;

  if (self->store == NULL)
    return NULL;
  computed = xarxa_decision_to_json (self->store, xarxa_value_string_of (decision, "id"), NULL);
  if (computed == NULL)
    return NULL;
  outcome = outcome_text (computed);
  if (date == NULL)
    return g_steal_pointer (&outcome);
  /* TRANSLATORS: the day a decision was taken, then its outcome */
  return g_strdup_printf (C_("decision subtitle", "%s · %s"), date, outcome);
}

static void
show_outcome (XarxaClusterDecisions *self,
              AdwExpanderRow        *row,
              JsonObject            *computed)
{
  GtkWidget *outcome_row = g_object_get_data (G_OBJECT (row), OUTCOME_ROW);
  g_autofree char *title = outcome_text (computed);
  g_autofree char *details = outcome_details (computed);
  gboolean blocked = json_array_get_length (json_object_get_array_member (computed, "blocked_by")) > 0;
  GtkWidget *icon = g_object_get_data (G_OBJECT (outcome_row), "xarxa-icon");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (outcome_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (outcome_row), details);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), blocked ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  if (blocked)
    gtk_widget_add_css_class (icon, "warning");
  else
    gtk_widget_remove_css_class (icon, "warning");
  gtk_widget_set_visible (icon, json_array_get_length (json_object_get_array_member (computed, "positions")) > 0);
}

/* The outcome again, in place, after a position changed: the rows stay,
 * and so does the focus. */
static void
update_outcome (XarxaClusterDecisions *self,
                AdwExpanderRow        *row,
                const char            *decision_id)
{
  g_autoptr(JsonObject) computed = xarxa_decision_to_json (self->store, decision_id, NULL);
  g_autoptr(JsonObject) decision = xarxa_store_get_live_record (self->store, "decision", decision_id);
  g_autofree char *subtitle = NULL;

  if (computed == NULL || decision == NULL)
    return;
  show_outcome (self, row, computed);
  subtitle = decision_subtitle (self->records, decision, self);
  adw_expander_row_set_subtitle (row, subtitle != NULL ? subtitle : "");
}

/* Positions */

static gboolean
reload_cb (gpointer user_data)
{
  XarxaClusterDecisions *self = user_data;

  self->reload_id = 0;
  xarxa_records_group_reload (self->records);
  return G_SOURCE_REMOVE;
}

static void
reload_later (XarxaClusterDecisions *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cb, self);
}

static char *
position_id (const char *decision_id,
             const char *entity_id)
{
  return xarxa_record_type_pair_id (xarxa_schema_lookup ("decision_position"), decision_id, entity_id);
}

/* Writes @entity_id's position on @decision_id: NULL removes it. */
static gboolean
save_position (XarxaClusterDecisions  *self,
               const char             *decision_id,
               const char             *entity_id,
               const char             *position,
               GError                **error)
{
  g_autofree char *id = position_id (decision_id, entity_id);
  g_autoptr(JsonObject) existing = xarxa_store_get_live_record (self->store, "decision_position", id);
  g_autoptr(JsonObject) values = json_object_new ();
  gboolean ok;

  self->saving = TRUE;
  if (position == NULL)
    ok = existing == NULL || xarxa_store_delete_record (self->store, "decision_position", id, error);
  else if (existing != NULL)
    {
      json_object_set_string_member (values, "position", position);
      ok = xarxa_store_update_record (self->store, "decision_position", id, values, error);
    }
  else
    {
      g_autofree char *made = NULL;

      json_object_set_string_member (values, "decision_id", decision_id);
      json_object_set_string_member (values, "entity_id", entity_id);
      json_object_set_string_member (values, "position", position);
      made = xarxa_store_create_record (self->store, "decision_position", values, error);
      ok = made != NULL;
    }
  self->saving = FALSE;
  return ok;
}

static void
position_changed_cb (XarxaChoiceDropDown   *drop_down,
                     GParamSpec            *pspec,
                     XarxaClusterDecisions *self)
{
  const char *decision_id = xarxa_records_group_row_record_id (GTK_WIDGET (drop_down));
  const char *entity_id = g_object_get_data (G_OBJECT (drop_down), ENTITY_ID);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (drop_down), ADW_TYPE_EXPANDER_ROW);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || decision_id == NULL || row == NULL)
    return;
  if (!save_position (self, decision_id, entity_id, xarxa_choice_drop_down_get_selected_id (drop_down), &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
      /* Back to what is stored; not from inside the drop-down's signal. */
      reload_later (self);
      return;
    }
  update_outcome (self, ADW_EXPANDER_ROW (row), decision_id);
}

static void
note_apply_cb (AdwEntryRow           *entry,
               XarxaClusterDecisions *self)
{
  const char *decision_id = xarxa_records_group_row_record_id (GTK_WIDGET (entry));
  const char *entity_id = g_object_get_data (G_OBJECT (entry), ENTITY_ID);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (entry), ADW_TYPE_EXPANDER_ROW);
  g_autofree char *id = NULL;
  g_autofree char *note = NULL;
  g_autoptr(JsonObject) existing = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->store == NULL || decision_id == NULL || row == NULL)
    return;
  id = position_id (decision_id, entity_id);
  existing = xarxa_store_get_live_record (self->store, "decision_position", id);
  if (existing == NULL)
    {
      xarxa_toast_show (GTK_WIDGET (self),
                        /* TRANSLATORS: an organisation's name */
                        xarxa_toast_new (_("Choose the position of %s first, then its note."),
                                         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entry))));
      return;
    }
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (note[0] != '\0')
    json_object_set_string_member (values, "note", note);
  else
    json_object_set_null_member (values, "note");
  self->saving = TRUE;
  ok = xarxa_store_update_record (self->store, "decision_position", id, values, &error);
  self->saving = FALSE;
  if (!ok)
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
      return;
    }
  update_outcome (self, ADW_EXPANDER_ROW (row), decision_id);
}

static const char *
position_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_decision_position_list, id);
}

/* One organisation's position: its name over its note (an entry row that
 * saves on Apply), the position in a drop-down beside. */
static GtkWidget *
position_row (XarxaClusterDecisions *self,
              AdwExpanderRow        *row,
              const char            *entity_id,
              const char            *name,
              JsonObject            *position)
{
  GtkWidget *entry = adw_entry_row_new ();
  GtkWidget *drop_down = xarxa_choice_drop_down_new ();
  GHashTable *drop_downs = g_object_get_data (G_OBJECT (row), POSITION_DROP_DOWNS);
  g_autofree char *drop_down_name = NULL;
  g_autofree char *note_name = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), name);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (entry), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), position != NULL && xarxa_value_string_of (position, "note") != NULL
                                               ? xarxa_value_string_of (position, "note") : "");
  /* TRANSLATORS: an organisation's name */
  note_name = g_strdup_printf (_("Note of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, note_name, -1);
  g_object_set_data_full (G_OBJECT (entry), ENTITY_ID, g_strdup (entity_id), g_free);
  g_signal_connect_object (entry, "apply", G_CALLBACK (note_apply_cb), self, 0);

  xarxa_choice_drop_down_set_choices_func (XARXA_CHOICE_DROP_DOWN (drop_down),
                                           C_("decision position", "No position"),
                                           xarxa_decision_positions, position_label);
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (drop_down),
                                          xarxa_value_string_of (position, "position"));
  /* TRANSLATORS: an organisation's name */
  drop_down_name = g_strdup_printf (_("Position of %s"), name);
  xarxa_choice_drop_down_set_title (XARXA_CHOICE_DROP_DOWN (drop_down), drop_down_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, drop_down_name, -1);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (drop_down), ENTITY_ID, g_strdup (entity_id), g_free);
  g_signal_connect_object (drop_down, "notify::selected-id", G_CALLBACK (position_changed_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), drop_down);
  g_hash_table_insert (drop_downs, g_strdup (entity_id), drop_down);
  return entry;
}

/* The outcome and a position per member, under the decision's fields. */
static void
build_positions (XarxaClusterDecisions *self,
                 AdwExpanderRow        *row,
                 const char            *decision_id)
{
  g_autoptr(JsonObject) computed = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) by_entity = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *outcome_row;
  GtkWidget *icon;
  JsonArray *positions;

  if (self->store == NULL || (computed = xarxa_decision_to_json (self->store, decision_id, NULL)) == NULL)
    return;

  g_object_set_data_full (G_OBJECT (row), POSITION_DROP_DOWNS,
                          g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                          (GDestroyNotify) g_hash_table_unref);
  outcome_row = adw_action_row_new ();
  icon = gtk_image_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (outcome_row), icon);
  g_object_set_data (G_OBJECT (outcome_row), "xarxa-icon", icon);
  gtk_widget_add_css_class (outcome_row, "property");
  adw_expander_row_add_row (row, outcome_row);
  g_object_set_data (G_OBJECT (row), OUTCOME_ROW, outcome_row);
  show_outcome (self, row, computed);

  positions = json_object_get_array_member (computed, "positions");
  for (guint i = 0; i < json_array_get_length (positions); i++)
    {
      JsonObject *p = json_array_get_object_element (positions, i);

      g_hash_table_insert (by_entity, (gpointer) xarxa_value_string_of (p, "entity_id"), p);
    }

  /* Every member, then those that took a position and left. */
  xarxa_member_choices_append (self->store, self->cluster_id, ids, names);
  for (guint i = 0; i < ids->len; i++)
    {
      adw_expander_row_add_row (row, position_row (self, row, ids->pdata[i], names->pdata[i],
                                                   g_hash_table_lookup (by_entity, ids->pdata[i])));
      g_hash_table_remove (by_entity, ids->pdata[i]);
    }
  for (guint i = 0; i < json_array_get_length (positions); i++)
    {
      JsonObject *p = json_array_get_object_element (positions, i);
      const char *entity_id = xarxa_value_string_of (p, "entity_id");
      g_autofree char *name = NULL;

      if (!g_hash_table_contains (by_entity, entity_id))
        continue;
      /* TRANSLATORS: the name of an organisation that is no longer a member */
      name = g_strdup_printf (_("%s (no longer a member)"),
                              xarxa_value_string_of (p, "entity_name") != NULL
                              ? xarxa_value_string_of (p, "entity_name") : entity_id);
      adw_expander_row_add_row (row, position_row (self, row, entity_id, name, p));
    }
}

/* Made when the decision's row is first opened, after its fields: five
 * hundred members would otherwise make five hundred rows under every
 * decision, closed, and the page would take seconds to appear. */
static void
decision_expanded_cb (AdwExpanderRow        *row,
                      GParamSpec            *pspec,
                      XarxaClusterDecisions *self)
{
  const char *decision_id = xarxa_records_group_row_record_id (GTK_WIDGET (row));

  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), OUTCOME_ROW) != NULL ||
      decision_id == NULL)
    return;
  build_positions (self, row, decision_id);
}

static void
decision_row (XarxaRecordsGroup *group,
              AdwExpanderRow    *row,
              JsonObject        *decision,
              gpointer           user_data)
{
  /* After the group's own handler, which makes the fields. */
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (decision_expanded_cb), user_data, G_CONNECT_AFTER);
}

/* The latest first. */
static int
compare_decisions (JsonObject *a,
                   JsonObject *b,
                   gpointer    user_data)
{
  int c = g_strcmp0 (xarxa_value_string_of (b, "decided_on"), xarxa_value_string_of (a, "decided_on"));

  if (c != 0)
    return c;
  return g_strcmp0 (xarxa_value_string_of (a, "created_at"), xarxa_value_string_of (b, "created_at"));
}

/* Positions changed elsewhere (a sync, the command line), or members. */
static void
related_changed_cb (XarxaClusterDecisions *self)
{
  if (!self->saving && self->cluster_id != NULL)
    reload_later (self);
}

/* Public */

void
xarxa_cluster_decisions_set_store (XarxaClusterDecisions *self,
                                   XarxaStore            *store)
{
  g_return_if_fail (XARXA_IS_CLUSTER_DECISIONS (self));
  g_return_if_fail (XARXA_IS_STORE (store));

  if (self->store == store)
    return;
  g_return_if_fail (self->store == NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed::decision_position", G_CALLBACK (related_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::cluster_member", G_CALLBACK (related_changed_cb), self, G_CONNECT_SWAPPED);
  xarxa_records_group_set_store (self->records, store);
}

void
xarxa_cluster_decisions_set_cluster_id (XarxaClusterDecisions *self,
                                        const char            *cluster_id)
{
  g_return_if_fail (XARXA_IS_CLUSTER_DECISIONS (self));

  g_free (self->cluster_id);
  self->cluster_id = g_strdup (cluster_id);
  xarxa_records_group_set_parent_id (self->records, cluster_id);
}

XarxaRecordsGroup *
xarxa_cluster_decisions_get_records (XarxaClusterDecisions *self)
{
  g_return_val_if_fail (XARXA_IS_CLUSTER_DECISIONS (self), NULL);

  return self->records;
}

const char *
xarxa_cluster_decisions_get_outcome (XarxaClusterDecisions *self,
                                     const char            *decision_id)
{
  GtkWidget *row;
  GtkWidget *outcome_row;

  g_return_val_if_fail (XARXA_IS_CLUSTER_DECISIONS (self), NULL);
  g_return_val_if_fail (decision_id != NULL, NULL);

  row = xarxa_records_group_get_row (self->records, decision_id);
  outcome_row = row != NULL ? g_object_get_data (G_OBJECT (row), OUTCOME_ROW) : NULL;
  return outcome_row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (outcome_row)) : NULL;
}

GtkWidget *
xarxa_cluster_decisions_get_position_drop_down (XarxaClusterDecisions *self,
                                                const char            *decision_id,
                                                const char            *entity_id)
{
  GtkWidget *row;
  GHashTable *drop_downs;

  g_return_val_if_fail (XARXA_IS_CLUSTER_DECISIONS (self), NULL);
  g_return_val_if_fail (decision_id != NULL && entity_id != NULL, NULL);

  row = xarxa_records_group_get_row (self->records, decision_id);
  drop_downs = row != NULL ? g_object_get_data (G_OBJECT (row), POSITION_DROP_DOWNS) : NULL;
  return drop_downs != NULL ? g_hash_table_lookup (drop_downs, entity_id) : NULL;
}

/* GObject */

static void
xarxa_cluster_decisions_dispose (GObject *object)
{
  XarxaClusterDecisions *self = XARXA_CLUSTER_DECISIONS (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_CLUSTER_DECISIONS);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_cluster_decisions_parent_class)->dispose (object);
}

static void
xarxa_cluster_decisions_finalize (GObject *object)
{
  XarxaClusterDecisions *self = XARXA_CLUSTER_DECISIONS (object);

  g_free (self->cluster_id);

  G_OBJECT_CLASS (xarxa_cluster_decisions_parent_class)->finalize (object);
}

static void
xarxa_cluster_decisions_class_init (XarxaClusterDecisionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_cluster_decisions_dispose;
  object_class->finalize = xarxa_cluster_decisions_finalize;

  g_type_ensure (XARXA_TYPE_RECORDS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/clusters/xarxa-cluster-decisions.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaClusterDecisions, records);
}

static void
xarxa_cluster_decisions_init (XarxaClusterDecisions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  xarxa_records_group_set_fields (self->records, decision_fields);
  xarxa_records_group_set_untitled_label (self->records, _("Decision to be taken"));
  xarxa_records_group_set_subtitle_func (self->records, decision_subtitle, self, NULL);
  xarxa_records_group_set_row_func (self->records, decision_row, self, NULL);
  xarxa_records_group_set_compare_func (self->records, compare_decisions, self, NULL);

  xarxa_cluster_groups_icon_add (self->records, gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6), _("Add Decision"));
  /* This group only holds the records group, which is named by its title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Decisions"), -1);
}
