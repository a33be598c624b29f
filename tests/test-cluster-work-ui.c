/* test-cluster-work-ui.c — a cluster's work in its page, driven as a
 * person would under Xvfb: common actions (an owner among the members, a
 * past due date marked overdue in the page and in the list, the filter
 * by owner, the list sorted by the next due action), decisions by
 * consensus (positions chosen member by member, "Blocked by …" until the
 * block is lifted, who stood aside and why, a position the store refuses),
 * the shared agenda (support ranks an item first, grouped by kind or
 * transition, an item added, the agenda saved to the library as a linked
 * document) and the network's agenda with its meetings.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cluster-work-ui"

#include "config.h"

#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-cluster.h"
#include "xarxa-cluster-actions.h"
#include "xarxa-cluster-agenda.h"
#include "xarxa-cluster-decisions.h"
#include "xarxa-cluster-editor.h"
#include "xarxa-cluster-row.h"
#include "xarxa-clusters-page.h"
#include "xarxa-field-row.h"
#include "xarxa-library.h"
#include "xarxa-network-agenda.h"
#include "xarxa-query.h"
#include "xarxa-record.h"
#include "xarxa-records-group.h"
#include "xarxa-values.h"
#include "xarxa-window.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  char              *dir;
  char              *db;
  XarxaStore        *store;
  XarxaWindow       *window;
  XarxaClustersPage *page;
} Fixture;

static gpointer
page_child (Fixture    *f,
            const char *name)
{
  return child (f->page, XARXA_TYPE_CLUSTERS_PAGE, name);
}

static gpointer
editor_child (Fixture    *f,
              const char *name)
{
  return child (page_child (f, "editor"), XARXA_TYPE_CLUSTER_EDITOR, name);
}

static char *
add_record (Fixture    *f,
            const char *type_name,
            ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;
  char *id;

  va_start (args, type_name);
  while ((field = va_arg (args, const char *)) != NULL)
    json_object_set_string_member (values, field, va_arg (args, const char *));
  va_end (args);
  id = xarxa_store_create_record (f->store, type_name, values, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = test_open_store (&f->dir, &f->db);
  f->window = ui_test_open_window (f->store);
  f->page = child (f->window, XARXA_TYPE_WINDOW, "clusters_page");
  adw_view_stack_set_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack"), "clusters");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_message_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (f->window);
  test_close_store (&f->store, &f->dir, &f->db);
}

/* Finders */

static gboolean
is_button_for (GtkWidget     *widget,
               gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_field_row (GtkWidget     *widget,
              gconstpointer  field)
{
  return XARXA_IS_FIELD_ROW (widget) && g_strcmp0 (xarxa_field_row_get_field (XARXA_FIELD_ROW (widget)), field) == 0;
}

static gboolean
is_drop_down_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return XARXA_IS_CHOICE_DROP_DOWN (widget) &&
         g_strcmp0 (xarxa_choice_drop_down_get_title (XARXA_CHOICE_DROP_DOWN (widget)), title) == 0;
}

static gboolean
is_expander_titled (GtkWidget     *widget,
                    gconstpointer  title)
{
  return ADW_IS_EXPANDER_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
label_shows (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_toast_label (GtkWidget     *widget,
                gconstpointer  text)
{
  return label_shows (widget, text) && gtk_widget_get_ancestor (widget, g_type_from_name ("AdwToastWidget")) != NULL;
}

static gboolean
is_cluster_row (GtkWidget     *widget,
                gconstpointer  data)
{
  return XARXA_IS_CLUSTER_ROW (widget);
}

static gboolean
is_list_box (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget);
}

/* The titles of a records group's rows, in order, joined by " | ". */
static char *
row_titles (XarxaRecordsGroup *group)
{
  GString *titles = g_string_new (NULL);
  /* The group's own list comes first; the rows' inner lists are in it. */
  GtkWidget *list = find_descendant (GTK_WIDGET (group), is_list_box, NULL);

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row) && gtk_widget_get_visible (row))
      g_string_append_printf (titles, "%s%s", titles->len > 0 ? " | " : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (titles, FALSE);
}

/* What the Clusters list's row of the cluster named @name says of its
 * next action. */
static const char *
list_next_action (Fixture    *f,
                  const char *name)
{
  GtkWidget *view = page_child (f, "list_view");

  for (GtkWidget *item = gtk_widget_get_first_child (view); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = find_descendant (item, is_cluster_row, NULL);
      GtkWidget *name_label;
      GtkWidget *next_label;

      if (row == NULL)
        continue;
      name_label = child (row, XARXA_TYPE_CLUSTER_ROW, "name_label");
      next_label = child (row, XARXA_TYPE_CLUSTER_ROW, "next_label");
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (name_label)), name) == 0)
        return gtk_widget_get_visible (child (row, XARXA_TYPE_CLUSTER_ROW, "next_box"))
               ? gtk_label_get_text (GTK_LABEL (next_label)) : "";
    }
  return NULL;
}

static gboolean
list_overdue_icon_shown (Fixture    *f,
                         const char *name)
{
  GtkWidget *view = page_child (f, "list_view");

  for (GtkWidget *item = gtk_widget_get_first_child (view); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = find_descendant (item, is_cluster_row, NULL);

      if (row != NULL && g_strcmp0 (gtk_label_get_text (child (row, XARXA_TYPE_CLUSTER_ROW, "name_label")), name) == 0)
        return gtk_widget_get_visible (child (row, XARXA_TYPE_CLUSTER_ROW, "next_icon"));
    }
  return FALSE;
}

static char *
first_id_of (Fixture    *f,
             const char *type_name,
             const char *field,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = xarxa_cluster_children (f->store, type_name, field, value, &error);

  g_assert_no_error (error);

  return records->len > 0 ? g_strdup (xarxa_value_string_of (records->pdata[0], "id")) : NULL;
}

/* The Add button (by its tooltip), a title, Add: what a person does. */
static void
add_through_dialog (Fixture           *f,
                    GtkWidget         *group,
                    const char        *button_label,
                    const char        *type_name,
                    const char        *text)
{
  GtkWidget *button = find_descendant (group, is_button_for, button_label);
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  gint64 before = xarxa_store_count (f->store, type_name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add Action");
  entry = g_object_get_data (G_OBJECT (dialog), "xarxa-entry");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (entry, text);
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
  g_assert_cmpint (xarxa_store_count (f->store, type_name), ==, before + 1);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *terra = add_record (f, "entity", "name", "Fundació Terra Viva", NULL);
  g_autofree char *ateneu = add_record (f, "entity", "name", "Ateneu Popular", NULL);
  g_autofree char *aigua = add_record (f, "cluster", "name", "Clúster Aigua", NULL);
  g_autofree char *first = add_record (f, "cluster", "name", "Abans de tot", NULL);
  g_autofree char *action = NULL;
  g_autofree char *later = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *owner = NULL;
  XarxaClusterActions *actions;
  XarxaRecordsGroup *records;
  GtkWidget *row;
  GtkWidget *owner_drop_down;
  GtkWidget *filter;

  g_free (add_record (f, "cluster_member", "cluster_id", aigua, "entity_id", terra, "role", "coordinator", NULL));
  g_free (add_record (f, "cluster_member", "cluster_id", aigua, "entity_id", ateneu, "role", "member", NULL));
  xarxa_clusters_page_open_cluster (f->page, aigua);
  actions = editor_child (f, "actions_group");
  records = xarxa_cluster_actions_get_records (actions);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (records)));
  g_assert_cmpuint (xarxa_records_group_get_n_records (records), ==, 0);
  /* The filter offers the organisations responsible for an action: none
   * yet, whoever the members are. */
  filter = find_descendant (GTK_WIDGET (actions), is_named, "owner_filter");
  g_assert_nonnull (filter);
  g_assert_cmpuint (xarxa_choice_drop_down_get_n_choices (XARXA_CHOICE_DROP_DOWN (filter)), ==, 1);

  add_through_dialog (f, GTK_WIDGET (actions), "Add Action", "action", "Mapa de fonts");
  action = first_id_of (f, "action", "cluster_id", aigua);
  g_assert_nonnull (action);
  row = xarxa_records_group_get_row (records, action);
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  /* The owner is chosen among the members, by name. */
  owner_drop_down = find_descendant (row, is_drop_down_titled, "Responsible organisation");
  g_assert_nonnull (owner_drop_down);
  g_assert_cmpuint (xarxa_choice_drop_down_get_n_choices (XARXA_CHOICE_DROP_DOWN (owner_drop_down)), ==, 3);
  g_assert_cmpstr (xarxa_choice_drop_down_get_label (XARXA_CHOICE_DROP_DOWN (owner_drop_down), 1), ==, "Ateneu Popular");
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (owner_drop_down), ateneu);
  drain ();
  owner = stored_string (f->store, "action", action, "owner_entity_id");
  g_assert_cmpstr (owner, ==, ateneu);

  /* A due date in the past: overdue, in words and with an icon. */
  row = xarxa_records_group_get_row (records, action);
  set_and_apply (find_descendant (row, is_field_row, "due_date"), "2020-03-03");
  row = xarxa_records_group_get_row (records, action);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "Overdue since 3 March 2020 · Ateneu Popular");
  g_assert_true (gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), "xarxa-overdue-icon")));
  g_assert_true (gtk_widget_has_css_class (g_object_get_data (G_OBJECT (row), "xarxa-overdue-icon"), "warning"));

  /* And in the list, on the cluster's row. */
  WAIT_FOR (g_strcmp0 (list_next_action (f, "Clúster Aigua"), "Overdue since 3 March 2020 · Mapa de fonts") == 0);
  g_assert_true (list_overdue_icon_shown (f, "Clúster Aigua"));
  g_assert_cmpstr (list_next_action (f, "Abans de tot"), ==, "");

  /* Another action, of the other member, due later: the overdue one
   * stays first. */
  later = add_record (f, "action", "cluster_id", aigua, "title", "Assemblea oberta", "owner_entity_id", terra,
                      "due_date", "2099-01-10", "status", "planned", NULL);
  WAIT_FOR (xarxa_records_group_get_n_records (records) == 2);
  titles = row_titles (records);
  g_assert_cmpstr (titles, ==, "Mapa de fonts | Assemblea oberta");
  g_assert_false (gtk_widget_get_visible (g_object_get_data (G_OBJECT (xarxa_records_group_get_row (records, later)),
                                                             "xarxa-overdue-icon")));

  /* The filter by owner: all, and the two responsible, by name. */
  WAIT_FOR (xarxa_choice_drop_down_get_n_choices (XARXA_CHOICE_DROP_DOWN (filter)) == 3);
  g_assert_cmpstr (xarxa_choice_drop_down_get_label (XARXA_CHOICE_DROP_DOWN (filter), 1), ==, "Ateneu Popular");
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (filter), terra);
  drain ();
  g_assert_cmpuint (xarxa_records_group_get_n_records (records), ==, 1);
  g_assert_nonnull (xarxa_records_group_get_row (records, later));
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (filter), ateneu);
  drain ();
  g_assert_cmpuint (xarxa_records_group_get_n_records (records), ==, 1);
  g_assert_nonnull (xarxa_records_group_get_row (records, action));
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (filter), NULL);
  drain ();
  g_assert_cmpuint (xarxa_records_group_get_n_records (records), ==, 2);

  /* The list sorted by the next due action: the cluster with one first. */
  {
    GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (page_child (f, "list_view")));
    g_autoptr(XarxaRecord) top = NULL;

    top = g_list_model_get_item (model, 0);
    g_assert_cmpstr (xarxa_record_get_id (top), ==, first);
    g_clear_object (&top);
    xarxa_choice_drop_down_set_selected_id (page_child (f, "sort_choice"), "due");
    WAIT_FOR ((top = g_list_model_get_item (model, 0)) != NULL &&
              g_strcmp0 (xarxa_record_get_id (top), aigua) == 0);
  }
}

static void
test_decisions (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *ateneu = add_record (f, "entity", "name", "Ateneu Popular", NULL);
  g_autofree char *coop = add_record (f, "entity", "name", "Cooperativa Terra", NULL);
  g_autofree char *leaving = add_record (f, "entity", "name", "Fundació que marxa", NULL);
  g_autofree char *aigua = add_record (f, "cluster", "name", "Clúster Aigua", NULL);
  g_autofree char *decision = add_record (f, "decision", "cluster_id", aigua, "decided_on", "2025-02-12",
                                          "proposal", "Compartir un tècnic", "decision", "Es contracta a mitges", NULL);
  g_autofree char *membership = NULL;
  g_autofree char *coop_position = NULL;
  XarxaClusterDecisions *decisions;
  XarxaRecordsGroup *records;
  GtkWidget *row;
  GtkWidget *outcome_row;
  GtkWidget *note;
  GtkWidget *window_root;

  g_free (add_record (f, "cluster_member", "cluster_id", aigua, "entity_id", ateneu, "role", "coordinator", NULL));
  g_free (add_record (f, "cluster_member", "cluster_id", aigua, "entity_id", coop, "role", "member", NULL));
  membership = add_record (f, "cluster_member", "cluster_id", aigua, "entity_id", leaving, "role", "member", NULL);
  xarxa_clusters_page_open_cluster (f->page, aigua);
  decisions = editor_child (f, "decisions_group");
  records = xarxa_cluster_decisions_get_records (decisions);
  WAIT_FOR (xarxa_records_group_get_n_records (records) == 1);
  drain ();
  row = xarxa_records_group_get_row (records, decision);
  /* Closed, the row says its outcome; the positions are made when it is
   * opened. */
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "No positions yet"));
  g_assert_null (xarxa_cluster_decisions_get_position_drop_down (decisions, decision, ateneu));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_cmpstr (xarxa_cluster_decisions_get_outcome (decisions, decision), ==, "No positions yet");

  /* One agrees, one blocks: blocked, by name. */
  xarxa_choice_drop_down_set_selected_id (
    XARXA_CHOICE_DROP_DOWN (xarxa_cluster_decisions_get_position_drop_down (decisions, decision, ateneu)), "agree");
  xarxa_choice_drop_down_set_selected_id (
    XARXA_CHOICE_DROP_DOWN (xarxa_cluster_decisions_get_position_drop_down (decisions, decision, coop)), "block");
  drain ();
  /* Changed in place: the row stays, and with it the focus. */
  g_assert_true (xarxa_records_group_get_row (records, decision) == row);
  g_assert_cmpstr (xarxa_cluster_decisions_get_outcome (decisions, decision), ==, "Blocked by Cooperativa Terra");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "12 February 2025 · Blocked by Cooperativa Terra");
  coop_position = xarxa_record_type_pair_id (xarxa_schema_lookup ("decision_position"), decision, coop);
  {
    g_autofree char *stored = stored_string (f->store, "decision_position", coop_position, "position");

    g_assert_cmpstr (stored, ==, "block");
  }

  /* The block lifted, standing aside with a reason: consensus, and who
   * stood aside and why stays in sight. */
  xarxa_choice_drop_down_set_selected_id (
    XARXA_CHOICE_DROP_DOWN (xarxa_cluster_decisions_get_position_drop_down (decisions, decision, coop)), "stand-aside");
  note = gtk_widget_get_ancestor (xarxa_cluster_decisions_get_position_drop_down (decisions, decision, coop),
                                  ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (note), "Ho decidirà la nostra assemblea");
  g_signal_emit_by_name (note, "apply");
  drain ();
  g_assert_cmpstr (xarxa_cluster_decisions_get_outcome (decisions, decision), ==, "Consensus");
  outcome_row = g_object_get_data (G_OBJECT (xarxa_records_group_get_row (records, decision)), "xarxa-outcome-row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (outcome_row)), ==,
                   "Cooperativa Terra stands aside: Ho decidirà la nostra assemblea");
  {
    g_autofree char *stored = stored_string (f->store, "decision_position", coop_position, "note");

    g_assert_cmpstr (stored, ==, "Ho decidirà la nostra assemblea");
  }

  /* An organisation that left while its row was on screen: the store
   * refuses its position, the window says why, nothing is written. */
  {
    g_autoptr(GError) error = NULL;
    GtkWidget *drop_down = xarxa_cluster_decisions_get_position_drop_down (decisions, decision, leaving);

    g_assert_nonnull (drop_down);
    g_assert_true (xarxa_store_delete_record (f->store, "cluster_member", membership, &error));
    g_assert_no_error (error);
    /* Before the page hears of it. */
    xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (drop_down), "agree");
    window_root = GTK_WIDGET (f->window);
    WAIT_FOR (find_descendant (window_root, is_toast_label, "is not a member of Clúster Aigua") != NULL);
    g_assert_cmpint (xarxa_store_count (f->store, "decision_position"), ==, 2);
    /* The page then shows what is stored: the organisation is gone. */
    WAIT_FOR (xarxa_cluster_decisions_get_position_drop_down (decisions, decision, leaving) == NULL);
    g_assert_cmpstr (xarxa_cluster_decisions_get_outcome (decisions, decision), ==, "Consensus");
  }
}

static char *
ids_joined (XarxaClusterAgenda *agenda)
{
  g_autoptr(GPtrArray) ids = xarxa_cluster_agenda_dup_item_ids (agenda);

  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_EXPANDER_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static void
test_agenda (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *ateneu = add_record (f, "entity", "name", "Ateneu Popular", NULL);
  g_autofree char *coop = add_record (f, "entity", "name", "Cooperativa Terra", NULL);
  g_autofree char *aigua = add_record (f, "cluster", "name", "Clúster Aigua", NULL);
  g_autofree char *zeta = add_record (f, "agenda_item", "cluster_id", aigua, "kind", "need",
                                      "text", "Zeta: dades obertes", "transition", "technological", NULL);
  g_autofree char *publica = add_record (f, "agenda_item", "cluster_id", aigua, "kind", "need",
                                         "text", "Aigua pública", "transition", "ecological", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *order = NULL;
  g_autofree char *titles = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(GError) error = NULL;
  XarxaClusterAgenda *agenda;
  XarxaNetworkAgenda *network;
  GtkWindow *dialog;

  g_free (add_record (f, "cluster_member", "cluster_id", aigua, "entity_id", ateneu, "role", "coordinator", NULL));
  g_free (add_record (f, "cluster_member", "cluster_id", aigua, "entity_id", coop, "role", "member", NULL));
  xarxa_clusters_page_open_cluster (f->page, aigua);
  agenda = editor_child (f, "agenda_group");
  drain ();

  /* Nobody supports either yet: by text. */
  expected = g_strjoin (",", publica, zeta, NULL);
  order = ids_joined (agenda);
  g_assert_cmpstr (order, ==, expected);
  g_clear_pointer (&order, g_free);
  titles = xarxa_cluster_agenda_dup_group_titles (agenda);
  g_assert_cmpstr (titles, ==, "Need");
  g_clear_pointer (&titles, g_free);

  /* Who supports an item is listed when its row is opened. */
  g_assert_null (xarxa_cluster_agenda_get_support_switch (agenda, zeta, ateneu));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_descendant (GTK_WIDGET (agenda), is_row_titled,
                                                                   "Zeta: dades obertes")), TRUE);
  g_assert_nonnull (xarxa_cluster_agenda_get_support_switch (agenda, zeta, coop));
  g_assert_null (xarxa_cluster_agenda_get_support_switch (agenda, publica, ateneu));

  /* Both members support Zeta: it ranks first. */
  gtk_switch_set_active (GTK_SWITCH (xarxa_cluster_agenda_get_support_switch (agenda, zeta, ateneu)), TRUE);
  drain ();
  gtk_switch_set_active (GTK_SWITCH (xarxa_cluster_agenda_get_support_switch (agenda, zeta, coop)), TRUE);
  drain ();
  g_assert_cmpint (xarxa_store_count (f->store, "agenda_support"), ==, 2);
  g_clear_pointer (&expected, g_free);
  expected = g_strjoin (",", zeta, publica, NULL);
  order = ids_joined (agenda);
  g_assert_cmpstr (order, ==, expected);
  g_clear_pointer (&order, g_free);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (xarxa_cluster_agenda_get_support_switch (agenda, zeta, coop))));

  /* Grouped by transition, in the transitions' order. */
  gtk_widget_activate_action (GTK_WIDGET (agenda), "agenda.group-by", "s", "transition");
  drain ();
  g_assert_cmpint (xarxa_cluster_agenda_get_grouping (agenda), ==, XARXA_AGENDA_BY_TRANSITION);
  titles = xarxa_cluster_agenda_dup_group_titles (agenda);
  g_assert_cmpstr (titles, ==, "Ecological | Technological");
  g_clear_pointer (&titles, g_free);

  /* An item added through Add Item…, to this cluster. */
  gtk_widget_activate_action (GTK_WIDGET (agenda), "agenda.add", NULL);
  WAIT_FOR ((dialog = find_toplevel ("add-agenda-item-dialog")) != NULL);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "xarxa-entry"), "Habitatge per a joves");
  xarxa_choice_drop_down_set_selected_id (g_object_get_data (G_OBJECT (dialog), "xarxa-kind"), "challenge");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  gtk_window_destroy (dialog);
  drain ();
  g_assert_cmpint (xarxa_store_count (f->store, "agenda_item"), ==, 3);
  {
    g_autoptr(GPtrArray) ids = xarxa_cluster_agenda_dup_item_ids (agenda);

    g_assert_cmpuint (ids->len, ==, 3);
  }
  titles = xarxa_cluster_agenda_dup_group_titles (agenda);
  g_assert_cmpstr (titles, ==, "Ecological | Technological | Without a transition");
  g_clear_pointer (&titles, g_free);

  /* Save to Library: a shared agenda, linked to the cluster, whose text is
   * the agenda's. */
  gtk_widget_activate_action (GTK_WIDGET (agenda), "agenda.save", NULL);
  drain ();
  g_assert_cmpint (xarxa_store_count (f->store, "document"), ==, 1);
  documents = xarxa_library_documents_of (f->store, "cluster", aigua, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  document = xarxa_store_get_record (f->store, "document", documents->pdata[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (xarxa_value_string_of (document, "kind"), ==, "shared-agenda");
  g_assert_cmpstr (xarxa_value_string_of (document, "title"), ==, "Shared social agenda of Clúster Aigua");
  g_assert_nonnull (strstr (xarxa_value_string_of (document, "full_text"),
                            "Zeta: dades obertes — supported by 2 organisations: Ateneu Popular, Cooperativa Terra"));
  WAIT_FOR (find_descendant (GTK_WIDGET (f->window), is_toast_label, "saved to the library") != NULL);

  /* The network's agenda, from the list's Network Agenda: every item, and
   * the meetings of no cluster. */
  g_free (add_record (f, "meeting", "title", "Trobada de la xarxa", "date", "2025-05-09", NULL));
  g_free (add_record (f, "meeting", "title", "Jornada del clúster", "cluster_id", aigua, NULL));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "clusters.network-agenda", NULL);
  drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "detail_stack")), ==, "network-agenda");
  g_assert_null (xarxa_clusters_page_get_shown_id (f->page));
  network = page_child (f, "network_agenda");
  g_assert_cmpuint (xarxa_network_agenda_get_n_meetings (network), ==, 1);
  {
    g_autoptr(GPtrArray) ids = xarxa_cluster_agenda_dup_item_ids (xarxa_network_agenda_get_agenda (network));

    guint at_zeta = G_MAXUINT, at_publica = G_MAXUINT;

    /* By kind: the challenge added, then the two needs, Zeta first. */
    g_assert_cmpuint (ids->len, ==, 3);
    g_assert_true (g_ptr_array_find_with_equal_func (ids, zeta, g_str_equal, &at_zeta));
    g_assert_true (g_ptr_array_find_with_equal_func (ids, publica, g_str_equal, &at_publica));
    g_assert_cmpuint (at_zeta, <, at_publica);
  }
  /* A network meeting's own agenda, saved from its row: the document
   * names the meeting. */
  {
    g_autofree char *meeting = first_id_of (f, "meeting", "title", "Trobada de la xarxa");
    GtkWidget *save;
    g_autoptr(GPtrArray) all = NULL;
    g_autoptr(XarxaQuery) documents_query = xarxa_query_new ("document");
    gboolean found = FALSE;
    g_autofree char *saved = NULL;
    GtkWidget *document_row;

    g_assert_nonnull (meeting);
    g_free (add_record (f, "agenda_item", "meeting_id", meeting, "kind", "priority", "text", "Xarxa de cures", NULL));
    drain ();
    /* Its row opens to its fields, edited in place, and its agenda. */
    {
      GtkWidget *row = find_descendant (GTK_WIDGET (network), is_expander_titled, "Trobada de la xarxa");
      g_autofree char *place = NULL;

      g_assert_nonnull (row);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      set_and_apply (find_descendant (row, is_field_row, "place"), "Casal de Sants");
      place = stored_string (f->store, "meeting", meeting, "place");
      g_assert_cmpstr (place, ==, "Casal de Sants");
      g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "9 May 2025 · Casal de Sants");
      drain ();
      /* Saved in place: the row stays. */
      g_assert_true (find_descendant (GTK_WIDGET (network), is_expander_titled, "Trobada de la xarxa") == row);
    }
    WAIT_FOR ((save = find_descendant (GTK_WIDGET (network), is_button_for,
                                       "Save the agenda of Trobada de la xarxa to the library")) != NULL);
    g_assert_true (gtk_widget_get_sensitive (save));
    gtk_widget_activate (save);
    WAIT_FOR (xarxa_store_count (f->store, "document") == 2);
    all = xarxa_store_query_records (f->store, documents_query, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < all->len; i++)
      if (g_strcmp0 (xarxa_value_string_of (all->pdata[i], "summary"),
                     "From the meeting “Trobada de la xarxa” of 2025-05-09.") == 0)
        {
          found = TRUE;
          g_free (saved);
          saved = g_strdup (xarxa_value_string_of (all->pdata[i], "id"));
        }
    g_assert_true (found);

    /* The meeting's row lists the agenda saved from it, which opens in
     * the Library view; and the document's link to the meeting brings
     * the meeting back. */
    WAIT_FOR ((document_row = find_descendant (GTK_WIDGET (network), is_named, "meeting-document")) != NULL);
    {
      g_autoptr(JsonObject) saved_document = xarxa_store_get_live_record (f->store, "document", saved);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (document_row)), ==,
                       xarxa_value_string_of (saved_document, "title"));
    }
    g_assert_true (gtk_widget_activate (document_row));
    drain ();
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack")), ==,
                     "library");
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-record", "(ss)", "meeting", meeting);
    drain ();
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (child (f->window, XARXA_TYPE_WINDOW, "view_stack")), ==,
                     "clusters");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "detail_stack")), ==, "network-agenda");
  }

  /* A network-wide meeting added here: a date that does not exist is
   * refused before anything is written; then an item of the network's
   * agenda comes from one of its meetings. */
  {
    GtkWidget *title;
    GtkWidget *date;
    g_autofree char *added = NULL;
    g_autofree char *item = NULL;
    g_autofree char *item_meeting = NULL;
    XarxaClusterAgenda *network_agenda = xarxa_network_agenda_get_agenda (network);

    gtk_widget_activate_action (GTK_WIDGET (network), "network.add-meeting", NULL);
    WAIT_FOR ((dialog = find_toplevel ("add-network-meeting-dialog")) != NULL);
    title = g_object_get_data (G_OBJECT (dialog), "xarxa-title");
    date = g_object_get_data (G_OBJECT (dialog), "xarxa-date");
    gtk_editable_set_text (GTK_EDITABLE (title), "Assemblea de la xarxa");
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
    gtk_editable_set_text (GTK_EDITABLE (date), "2026-02-30");
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
    g_assert_true (gtk_widget_has_css_class (date, "error"));
    gtk_editable_set_text (GTK_EDITABLE (date), "2026-06-01");
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
    gtk_window_destroy (dialog);
    drain ();
    added = first_id_of (f, "meeting", "title", "Assemblea de la xarxa");
    g_assert_nonnull (added);
    {
      g_autofree char *stored_date = stored_string (f->store, "meeting", added, "date");
      g_autofree char *stored_cluster = stored_string (f->store, "meeting", added, "cluster_id");

      g_assert_cmpstr (stored_date, ==, "2026-06-01");
      g_assert_null (stored_cluster);
    }
    WAIT_FOR (xarxa_network_agenda_get_n_meetings (network) == 2);

    gtk_widget_activate_action (GTK_WIDGET (network_agenda), "agenda.add", NULL);
    WAIT_FOR ((dialog = find_toplevel ("add-agenda-item-dialog")) != NULL);
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "xarxa-entry"), "Finançament estable");
    xarxa_choice_drop_down_set_selected_id (g_object_get_data (G_OBJECT (dialog), "xarxa-meeting"), added);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
    gtk_window_destroy (dialog);
    drain ();
    item = first_id_of (f, "agenda_item", "meeting_id", added);
    g_assert_nonnull (item);
    item_meeting = stored_string (f->store, "agenda_item", item, "meeting_id");
    g_assert_cmpstr (item_meeting, ==, added);
  }

  /* Choosing the cluster again shows its page. */
  xarxa_clusters_page_open_cluster (f->page, aigua);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (f, "detail_stack")), ==, "editor");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/cluster-work-ui/actions", Fixture, NULL, fixture_set_up, test_actions, fixture_tear_down);
  g_test_add ("/cluster-work-ui/decisions", Fixture, NULL, fixture_set_up, test_decisions, fixture_tear_down);
  g_test_add ("/cluster-work-ui/agenda", Fixture, NULL, fixture_set_up, test_agenda, fixture_tear_down);

  return g_test_run ();
}
