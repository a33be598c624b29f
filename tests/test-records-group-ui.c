/* test-records-group-ui.c — the records of one type under one parent,
 * edited in place (XarxaRecordsGroup), as a person uses them: a cluster's
 * actions added through Add, a field typed and saved, a bad date refused
 * on its row with nothing saved, an owner chosen among the choices the
 * caller offers, a filter, and Remove with Undo.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-records-group-ui"

#include "config.h"

#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-cluster.h"
#include "xarxa-field-row.h"
#include "xarxa-records-group.h"
#include "test-util.h"
#include "ui-test-util.h"

typedef struct
{
  TestStore  base;
  GtkWindow *window;
  XarxaRecordsGroup *group;
  char      *cluster;
  char      *ateneu;
  char      *terra;
  gboolean   only_ateneu;
} Fixture;

static gboolean
owner_choices (XarxaRecordsGroup *group,
               const char        *field,
               GPtrArray         *ids,
               GPtrArray         *labels,
               gpointer           user_data)
{
  Fixture *f = user_data;

  if (g_strcmp0 (field, "owner_entity_id") != 0)
    return FALSE;
  g_ptr_array_add (ids, g_strdup (f->ateneu));
  g_ptr_array_add (labels, g_strdup ("Ateneu Popular"));
  g_ptr_array_add (ids, g_strdup (f->terra));
  g_ptr_array_add (labels, g_strdup ("Fundació Terra Viva"));
  return TRUE;
}

static gboolean
filter_owner (XarxaRecordsGroup *group,
              JsonObject        *record,
              gpointer           user_data)
{
  Fixture *f = user_data;

  return !f->only_ateneu || g_strcmp0 (json_object_get_string_member_with_default (record, "owner_entity_id", NULL),
                                       f->ateneu) == 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *page = adw_preferences_page_new ();

  test_store_set_up (&f->base, data);
  json_object_set_string_member (values, "name", "Clúster Aigua");
  f->cluster = xarxa_store_create_record (f->base.store, "cluster", values, &error);
  g_assert_no_error (error);
  f->ateneu = test_add_entity (f->base.store, "Ateneu Popular", NULL);
  f->terra = test_add_entity (f->base.store, "Fundació Terra Viva", NULL);

  f->window = GTK_WINDOW (adw_window_new ());
  f->group = XARXA_RECORDS_GROUP (xarxa_records_group_new ("action", "cluster_id"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (f->group), "Common Actions");
  xarxa_records_group_set_add_label (f->group, "_Add Action…");
  xarxa_records_group_set_choices_func (f->group, owner_choices, f, NULL);
  xarxa_records_group_set_filter_func (f->group, filter_owner, f, NULL);
  xarxa_records_group_set_store (f->group, f->base.store);
  xarxa_records_group_set_parent_id (f->group, f->cluster);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (f->group));
  adw_window_set_content (ADW_WINDOW (f->window), page);
  gtk_window_present (f->window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  drain ();
  g_free (f->cluster);
  g_free (f->ateneu);
  g_free (f->terra);
  test_store_tear_down (&f->base, data);
}

static gboolean
is_field_row_of (GtkWidget     *widget,
                 gconstpointer  field)
{
  return XARXA_IS_FIELD_ROW (widget) && g_strcmp0 (xarxa_field_row_get_field (XARXA_FIELD_ROW (widget)), field) == 0;
}

static gboolean
is_drop_down (GtkWidget     *widget,
              gconstpointer  data)
{
  return XARXA_IS_CHOICE_DROP_DOWN (widget)
         && g_strcmp0 (xarxa_choice_drop_down_get_title (XARXA_CHOICE_DROP_DOWN (widget)), data) == 0;
}

static gboolean
is_remove_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Remove") == 0;
}

static GtkWindow *
add_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
is_add_button (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Add Action…") == 0;
}

static char *
add_through_dialog (Fixture    *f,
                    const char *title)
{
  GtkWindow *dialog;
  GtkWidget *entry;
  g_autoptr(GPtrArray) before = xarxa_cluster_children (f->base.store, "action", "cluster_id", f->cluster, NULL);
  g_autoptr(GPtrArray) after = NULL;

  g_signal_emit_by_name (find_descendant (GTK_WIDGET (f->group), is_add_button, NULL), "clicked");
  WAIT_FOR ((dialog = add_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Add Action");
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  gtk_editable_set_text (GTK_EDITABLE (entry), title);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  /* A response given by code does not close the dialog as a click does. */
  gtk_window_destroy (dialog);
  drain ();

  after = xarxa_cluster_children (f->base.store, "action", "cluster_id", f->cluster, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < after->len; i++)
    if (g_strcmp0 (json_object_get_string_member (after->pdata[i], "title"), title) == 0)
      return g_strdup (json_object_get_string_member (after->pdata[i], "id"));
  g_assert_not_reached ();
}

static void
test_edit_in_place (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;
  g_autofree char *stored = NULL;
  GtkWidget *row, *due, *owner, *remove;

  g_assert_cmpuint (xarxa_records_group_get_n_records (f->group), ==, 0);

  /* Added under the cluster, its row open on its fields. */
  id = add_through_dialog (f, "Mapa de fonts");
  g_assert_cmpuint (xarxa_records_group_get_n_records (f->group), ==, 1);
  stored = stored_string (f->base.store, "action", id, "cluster_id");
  g_assert_cmpstr (stored, ==, f->cluster);
  g_clear_pointer (&stored, g_free);
  row = xarxa_records_group_get_row (f->group, id);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Mapa de fonts");

  /* A bad date stays typed and marked, with the reason; nothing saved. */
  due = find_descendant (row, is_field_row_of, "due_date");
  g_assert_nonnull (due);
  set_and_apply (due, "31/02/2027");
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "31/02/2027");
  g_assert_null (stored_string (f->base.store, "action", id, "due_date"));
  set_and_apply (due, "2027-03-01");
  g_assert_false (gtk_widget_has_css_class (due, "error"));
  stored = stored_string (f->base.store, "action", id, "due_date");
  g_assert_cmpstr (stored, ==, "2027-03-01");
  g_clear_pointer (&stored, g_free);
  /* Saving did not rebuild the rows: the one typed in is still there. */
  g_assert_true (find_descendant (xarxa_records_group_get_row (f->group, id), is_field_row_of, "due_date") == due);

  /* The owner among the choices the caller offers, saved when chosen. */
  owner = find_descendant (row, is_drop_down, "Responsible organisation");
  g_assert_nonnull (owner);
  g_assert_cmpuint (xarxa_choice_drop_down_get_n_choices (XARXA_CHOICE_DROP_DOWN (owner)), ==, 3);
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (owner), f->terra);
  drain ();
  stored = stored_string (f->base.store, "action", id, "owner_entity_id");
  g_assert_cmpstr (stored, ==, f->terra);
  g_clear_pointer (&stored, g_free);

  /* A second one, and a filter that leaves it out; a row's fields are
   * made when it is opened. */
  other = add_through_dialog (f, "Taller d’estiu");
  g_assert_cmpuint (xarxa_records_group_get_n_records (f->group), ==, 2);
  f->only_ateneu = TRUE;
  xarxa_records_group_reload (f->group);
  g_assert_cmpuint (xarxa_records_group_get_n_records (f->group), ==, 0);
  f->only_ateneu = FALSE;
  xarxa_records_group_reload (f->group);
  g_assert_cmpuint (xarxa_records_group_get_n_records (f->group), ==, 2);
  row = xarxa_records_group_get_row (f->group, id);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
  xarxa_records_group_reload (f->group);
  row = xarxa_records_group_get_row (f->group, id);
  g_assert_null (find_descendant (row, is_field_row_of, "due_date"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  due = find_descendant (row, is_field_row_of, "due_date");
  g_assert_nonnull (due);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "2027-03-01");

  /* A change made elsewhere (another view, a sync) shows. */
  {
    g_autoptr(JsonObject) changes = json_object_new ();
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (changes, "title", "Mapa de fonts i pous");
    g_assert_true (xarxa_store_update_record (f->base.store, "action", id, changes, &error));
    g_assert_no_error (error);
    WAIT_FOR (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (xarxa_records_group_get_row (f->group, id))),
                         "Mapa de fonts i pous") == 0);
  }

  /* Removed: gone from the store and the group; the row's record is a
   * tombstone that Undo (win.undelete, with this type and id) brings back. */
  remove = find_descendant (xarxa_records_group_get_row (f->group, other), is_remove_button, NULL);
  g_assert_cmpstr (xarxa_records_group_row_record_id (remove), ==, other);
  g_signal_emit_by_name (remove, "clicked");
  drain ();
  g_assert_cmpuint (xarxa_records_group_get_n_records (f->group), ==, 1);
  g_assert_cmpint (xarxa_store_count (f->base.store, "action"), ==, 1);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (xarxa_store_undelete_record (f->base.store, "action", other, &error));
    WAIT_FOR (xarxa_records_group_get_n_records (f->group) == 2);
  }
}

static gboolean
is_more_row (GtkWidget     *widget,
             gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Show ");
}

/* @n actions of the cluster, "Acció 00" onwards, in one transaction. */
static void
add_actions (Fixture *f,
             guint    n)
{
  g_assert_true (xarxa_store_begin (f->base.store, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) values = json_object_new ();
      g_autofree char *title = g_strdup_printf ("Acció %02u", i);
      g_autoptr(GError) error = NULL;

      json_object_set_string_member (values, "cluster_id", f->cluster);
      json_object_set_string_member (values, "title", title);
      g_free (xarxa_store_create_record (f->base.store, "action", values, &error));
      g_assert_no_error (error);
    }
  g_assert_true (xarxa_store_commit (f->base.store, NULL));
}

/* A long list shows its first rows and one that shows the rest. */
static void
test_long_list (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *more;

  add_actions (f, 30);
  WAIT_FOR (find_descendant (GTK_WIDGET (f->group), is_more_row, NULL) != NULL);
  g_assert_cmpuint (xarxa_records_group_get_n_records (f->group), ==, 10);
  more = find_descendant (GTK_WIDGET (f->group), is_more_row, NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (more)), ==, "Show 20 More");

  g_signal_emit_by_name (more, "activate");
  WAIT_FOR (xarxa_records_group_get_n_records (f->group) == 30);
  g_assert_null (find_descendant (GTK_WIDGET (f->group), is_more_row, NULL));
}

/* A very long list shows the next ones a batch at a time, and says how
 * many are left. */
static void
test_very_long_list (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *more;

  add_actions (f, 70);
  WAIT_FOR (find_descendant (GTK_WIDGET (f->group), is_more_row, NULL) != NULL);
  g_assert_cmpuint (xarxa_records_group_get_n_records (f->group), ==, 10);
  more = find_descendant (GTK_WIDGET (f->group), is_more_row, NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (more)), ==, "Show 50 More");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (more)), ==, "60 not shown yet");

  g_signal_emit_by_name (more, "activate");
  WAIT_FOR (xarxa_records_group_get_n_records (f->group) == 60);
  more = find_descendant (GTK_WIDGET (f->group), is_more_row, NULL);
  g_assert_nonnull (more);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (more)), ==, "Show 10 More");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (more)) != NULL
                   ? adw_action_row_get_subtitle (ADW_ACTION_ROW (more)) : "", ==, "");
  g_signal_emit_by_name (more, "activate");
  WAIT_FOR (xarxa_records_group_get_n_records (f->group) == 70);
  g_assert_null (find_descendant (GTK_WIDGET (f->group), is_more_row, NULL));
}

/* Without a filter or an order of its own, the group lists the store's
 * order and makes the first rows only; a record made through it, or left
 * open, is shown wherever it falls, and stays when the list is read
 * again. */
static void
test_long_list_store_order (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  g_autofree char *eleventh = NULL;
  GtkWidget *more;

  xarxa_records_group_set_filter_func (f->group, NULL, NULL, NULL);
  g_assert_true (xarxa_store_begin (f->base.store, NULL));
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(JsonObject) action = json_object_new ();
      g_autofree char *title = g_strdup_printf ("Acció %02u", i);
      char *id;

      json_object_set_string_member (action, "cluster_id", f->cluster);
      json_object_set_string_member (action, "title", title);
      id = xarxa_store_create_record (f->base.store, "action", action, &error);
      g_assert_no_error (error);
      if (i == 10)
        eleventh = id;
      else
        g_free (id);
    }
  g_assert_true (xarxa_store_commit (f->base.store, NULL));
  WAIT_FOR (find_descendant (GTK_WIDGET (f->group), is_more_row, NULL) != NULL);
  g_assert_cmpuint (xarxa_records_group_get_n_records (f->group), ==, 10);
  /* The 11th is not made until asked for. */
  g_assert_null (xarxa_records_group_get_row (f->group, eleventh));
  more = find_descendant (GTK_WIDGET (f->group), is_more_row, NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (more)), ==, "Show 20 More");

  /* Made through the group, last by title: shown and open all the same. */
  json_object_set_string_member (values, "title", "Zeta");
  last = xarxa_records_group_create (f->group, values, &error);
  g_assert_no_error (error);
  g_assert_nonnull (xarxa_records_group_get_row (f->group, last));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (xarxa_records_group_get_row (f->group, last))));
  g_assert_cmpuint (xarxa_records_group_get_n_records (f->group), ==, 11);
  /* Read again (another change): the open one stays, the rest wait. */
  xarxa_records_group_reload (f->group);
  g_assert_nonnull (xarxa_records_group_get_row (f->group, last));
  g_assert_null (xarxa_records_group_get_row (f->group, eleventh));
  g_assert_cmpuint (xarxa_records_group_get_n_records (f->group), ==, 11);
  more = find_descendant (GTK_WIDGET (f->group), is_more_row, NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (more)), ==, "Show 20 More");

  g_signal_emit_by_name (more, "activate");
  WAIT_FOR (xarxa_records_group_get_n_records (f->group) == 31);
  g_assert_nonnull (xarxa_records_group_get_row (f->group, eleventh));
  g_assert_null (find_descendant (GTK_WIDGET (f->group), is_more_row, NULL));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/records-group-ui/edit-in-place", Fixture, NULL, fixture_set_up, test_edit_in_place, fixture_tear_down);
  g_test_add ("/records-group-ui/long-list", Fixture, NULL, fixture_set_up, test_long_list, fixture_tear_down);
  g_test_add ("/records-group-ui/very-long-list", Fixture, NULL, fixture_set_up, test_very_long_list, fixture_tear_down);
  g_test_add ("/records-group-ui/long-list-store-order", Fixture, NULL, fixture_set_up, test_long_list_store_order,
              fixture_tear_down);
  return g_test_run ();
}
