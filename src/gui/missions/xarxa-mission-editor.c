/* xarxa-mission-editor.c — a mission's page, edited in place.
 *
 * As in the cluster's page, each field saves itself through the store when
 * applied or left (XarxaFieldRow: a bad date or an unknown time zone stays
 * typed, marked, with the store's message under it, and nothing is saved);
 * the closed lists (country, status, currency) are XarxaChoiceDropDowns
 * that find as you type.  The destination's zone is offered from its city
 * (xarxa-city-zone.h): it follows the city and the country while it is
 * empty or still the one they gave, and the user can type or choose any
 * IANA id instead.  Once the mission is over, the people and organisations
 * met are listed, and a cluster can be started with its hosts.
 *
 * The page is a plain AdwPreferencesPage of groups, so the itinerary, the
 * field notes and the documents are one group each in the template.  The
 * top of the page is shown first; the participants, Ready to Travel and
 * the people met, below the fold and the costliest to make, just after
 * that frame (queue_fill).
 *
 * Over 1,000 lines: the destination's zone (offered from the city, a
 * searchable list of IANA ids) is about a fifth of it and is the part to
 * move to a class of its own.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-mission-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-city-zone.h"
#include "xarxa-countries.h"
#include "xarxa-field-notes.h"
#include "xarxa-field-row.h"
#include "xarxa-documents-group.h"
#include "xarxa-itinerary.h"
#include "xarxa-print.h"
#include "xarxa-mission-cluster.h"
#include "xarxa-ready-check.h"
#include "xarxa-mission-editor.h"
#include "xarxa-mission-ics.h"
#include "xarxa-record-picker.h"
#include "xarxa-records-group.h"
#include "xarxa-toast.h"
#include "xarxa-values.h"

/* The text fields, by the names of their rows in the template. */
static const char *const entry_rows[] = {
  "title_row", "purpose_row", "learning_goals_row", "city_row", "time_zone_row",
  "start_date_row", "end_date_row", "budget_row", "outcomes_row",
};

#define N_ENTRY_FIELDS G_N_ELEMENTS (entry_rows)
#define TIME_ZONE_ROW 4

struct _XarxaMissionEditor
{
  AdwBin parent_instance;

  XarxaStore *store;
  char       *id;
  JsonObject *record;
  gboolean    loading;

  XarxaFieldRow       *entries[N_ENTRY_FIELDS];
  XarxaChoiceDropDown *status_drop_down;
  XarxaChoiceDropDown *country_drop_down;
  XarxaChoiceDropDown *currency_drop_down;
  AdwActionRow        *organiser_row;
  GtkWidget           *organiser_clear_button;
  GtkPopover          *zone_popover;
  GtkSearchEntry      *zone_search;
  GtkListView         *zone_list;
  AdwPreferencesGroup *after_group;
  XarxaRecordsGroup   *participants_group;
  AdwPreferencesGroup *itinerary_group;
  AdwPreferencesGroup *notes_group;
  AdwPreferencesGroup *ready_group;
  /* Made with the first mission shown (they need its id), then moved
   * from mission to mission. */
  XarxaDocumentsGroup *documents_group;
  XarxaItinerary      *itinerary;
  XarxaFieldNotes     *field_notes;
  XarxaReadyCheck     *ready_check;

  /* What is below the fold (the participants, Ready to Travel, the people
   * met) is filled after the frame that shows the rest of the page: see
   * queue_fill(). */
  gboolean       fill_pending;
  GdkFrameClock *fill_clock;
  gulong         fill_paint_id;
  guint          fill_idle_id;

  GtkStringFilter    *zone_filter;
  GtkSingleSelection *zone_selection;
  GPtrArray          *met_rows;   /* the rows added to after_group */
  GtkFileChooserNative *export_chooser;
};

G_DEFINE_FINAL_TYPE (XarxaMissionEditor, xarxa_mission_editor, ADW_TYPE_BIN)

static void fill_now (XarxaMissionEditor *self);

static JsonNode *
record_member (JsonObject *record,
               const char *field)
{
  if (record == NULL || !json_object_has_member (record, field))
    return NULL;
  return json_object_get_member (record, field);
}

static JsonNode *
string_or_null (const char *text)
{
  return text != NULL ? json_node_init_string (json_node_alloc (), text) : json_node_new (JSON_NODE_NULL);
}

/* Saves one field of the mission (value taken) if it changed. */
static gboolean
save_value (XarxaMissionEditor *self,
            const char         *field,
            JsonNode           *value,
            GError            **error)
{
  return xarxa_field_row_save_to_record (self->store, "mission", self->id, self->record, field, value, error);
}

static void
save_or_toast (XarxaMissionEditor *self,
               const char         *field,
               JsonNode           *value)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || self->id == NULL)
    {
      json_node_unref (value);
      return;
    }
  if (!save_value (self, field, value, &error))
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
}

/* The destination's zone */

/* The zone the country and city give, or NULL. */
static char *
destination_zone (const char *country,
                  const char *city)
{
  if (country == NULL)
    return NULL;
  return xarxa_city_zone_lookup (country, city, NULL);
}

/* After the destination changed from (@old_country, @old_city): the zone
 * follows it while the user has not set another. */
static void
follow_destination (XarxaMissionEditor *self,
                    const char         *old_country,
                    const char         *old_city)
{
  g_autofree char *old_zone = destination_zone (old_country, old_city);
  g_autofree char *new_zone = destination_zone (xarxa_value_string_of (self->record, "country"),
                                                xarxa_value_string_of (self->record, "city"));
  const char *current = xarxa_value_string_of (self->record, "time_zone");
  g_autoptr(GError) error = NULL;

  if (new_zone == NULL || g_strcmp0 (new_zone, current) == 0)
    return;
  if (current != NULL && g_strcmp0 (current, old_zone) != 0)
    return;

  if (!save_value (self, "time_zone", string_or_null (new_zone), &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
      return;
    }
  xarxa_field_row_set_value (self->entries[TIME_ZONE_ROW], record_member (self->record, "time_zone"));
  /* TRANSLATORS: %s is an IANA time-zone id, "America/Toronto" */
  xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Time zone set to %s, from the destination"), new_zone));
}

static gboolean
save_field_cb (XarxaFieldRow *row,
               const char    *field,
               JsonNode      *value,
               gpointer       user_data,
               GError       **error)
{
  XarxaMissionEditor *self = user_data;
  g_autofree char *old_country = g_strdup (xarxa_value_string_of (self->record, "country"));
  g_autofree char *old_city = g_strdup (xarxa_value_string_of (self->record, "city"));

  if (!save_value (self, field, json_node_copy (value), error))
    return FALSE;
  if (g_str_equal (field, "city"))
    follow_destination (self, old_country, old_city);
  return TRUE;
}

static void
status_changed_cb (XarxaMissionEditor *self)
{
  save_or_toast (self, "status", string_or_null (xarxa_choice_drop_down_get_selected_id (self->status_drop_down)));
}

static void
country_changed_cb (XarxaMissionEditor *self)
{
  g_autofree char *old_country = g_strdup (xarxa_value_string_of (self->record, "country"));
  g_autofree char *old_city = g_strdup (xarxa_value_string_of (self->record, "city"));

  if (self->loading || self->id == NULL)
    return;
  save_or_toast (self, "country", string_or_null (xarxa_choice_drop_down_get_selected_id (self->country_drop_down)));
  follow_destination (self, old_country, old_city);
}

static void
currency_changed_cb (XarxaMissionEditor *self)
{
  save_or_toast (self, "currency", string_or_null (xarxa_choice_drop_down_get_selected_id (self->currency_drop_down)));
}

/* The list of zones: the tz database's own table of its zones. */
static GtkStringList *
load_zone_ids (void)
{
  const char *dir = g_getenv ("TZDIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : "/usr/share/zoneinfo", "zone1970.tab", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    g_debug ("No list of time zones at %s: only typing one works", path);
  lines = g_strsplit (contents != NULL ? contents : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      columns = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (columns) >= 3)
        g_ptr_array_add (ids, g_strdup (columns[2]));
    }
  g_ptr_array_add (ids, g_strdup ("UTC"));
  g_ptr_array_sort (ids, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (ids, NULL);
  return gtk_string_list_new ((const char * const *) ids->pdata);
}

static void
zone_popover_show_cb (XarxaMissionEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->zone_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->zone_search));
}

static void
zone_search_changed_cb (XarxaMissionEditor *self)
{
  gtk_string_filter_set_search (self->zone_filter, gtk_editable_get_text (GTK_EDITABLE (self->zone_search)));
}

static void
choose_zone (XarxaMissionEditor *self,
             const char         *zone_id)
{
  XarxaFieldRow *row = self->entries[TIME_ZONE_ROW];

  gtk_popover_popdown (self->zone_popover);
  gtk_editable_set_text (GTK_EDITABLE (row), zone_id);
  xarxa_field_row_commit (row);
}

static void
zone_activate_cb (XarxaMissionEditor *self,
                  guint               position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->zone_selection), position);

  if (item != NULL)
    choose_zone (self, gtk_string_object_get_string (item));
}

static void
zone_search_activate_cb (XarxaMissionEditor *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->zone_selection)) > 0)
    zone_activate_cb (self, 0);
}

static void
setup_zone_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_zone_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* The organiser */

static void
show_organiser (XarxaMissionEditor *self)
{
  const char *entity_id = xarxa_value_string_of (self->record, "organiser_entity_id");
  g_autoptr(JsonObject) entity = NULL;

  if (entity_id != NULL && self->store != NULL)
    entity = xarxa_store_get_live_record (self->store, "entity", entity_id);
  adw_action_row_set_subtitle (self->organiser_row,
                               entity != NULL ? xarxa_value_string_of (entity, "name")
                                              : C_("organiser", "None chosen"));
  gtk_widget_set_visible (self->organiser_clear_button, entity_id != NULL);
}

static void
organiser_picked_cb (XarxaMissionEditor *self,
                     const char         *entity_id)
{
  save_or_toast (self, "organiser_entity_id", string_or_null (entity_id));
  show_organiser (self);
}

static void
choose_organiser_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  XarxaMissionEditor *self = XARXA_MISSION_EDITOR (widget);
  GtkWidget *picker;

  if (self->store == NULL || self->id == NULL)
    return;
  picker = xarxa_record_picker_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, "entity",
                                    _("Choose the Organiser"));
  g_signal_connect_object (picker, "picked", G_CALLBACK (organiser_picked_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (picker));
}

static void
clear_organiser_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  organiser_picked_cb (XARXA_MISSION_EDITOR (widget), NULL);
}

/* Participants: the group lists them; the editor says how a row reads,
 * adds them from the directory or by name, and turns a name into a
 * contact. */

static const char *const participant_fields[] = { "role", "arrival", "departure", "needs", NULL };

static char *
participant_subtitle (XarxaRecordsGroup *group,
                      JsonObject        *participant,
                      gpointer           user_data)
{
  const char *role = xarxa_value_string_of (participant, "role");
  const char *arrival = xarxa_value_string_of (participant, "arrival");
  GString *subtitle = g_string_new (role != NULL ? xarxa_choice_list_label (&xarxa_participant_role_list, role)
                                                 : C_("participant role", "No role"));

  if (xarxa_value_string_of (participant, "contact_id") == NULL)
    g_string_append_printf (subtitle, " · %s", _("not in the directory"));
  if (arrival != NULL)
    {
      /* "2026-10-05 13:20": the wall-clock time as typed, easier to read. */
      g_autofree char *when = g_strdelimit (g_strdup (arrival), "T", ' ');

      /* TRANSLATORS: after a participant's role, when they arrive (destination's time) */
      g_string_append_printf (subtitle, _(" · arrives %s"), when);
    }
  return g_string_free (subtitle, FALSE);
}

static GtkWidget *
find_field_row (GtkWidget  *widget,
                const char *field)
{
  if (XARXA_IS_FIELD_ROW (widget) && g_strcmp0 (xarxa_field_row_get_field (XARXA_FIELD_ROW (widget)), field) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_field_row (c, field);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
add_to_directory_cb (GtkButton          *button,
                     XarxaMissionEditor *self)
{
  g_autofree char *participant_id = g_strdup (xarxa_records_group_row_record_id (GTK_WIDGET (button)));
  g_autoptr(JsonObject) participant = NULL;
  g_autoptr(JsonObject) contact = json_object_new ();
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contact_id = NULL;
  const char *name;

  if (self->store == NULL || participant_id == NULL)
    return;
  participant = xarxa_store_get_live_record (self->store, "participant", participant_id);
  name = xarxa_value_string_of (participant, "name");
  if (name == NULL)
    return;

  /* The contact and the link to it in one transaction: both or neither. */
  json_object_set_string_member (contact, "full_name", name);
  if (!xarxa_store_begin (self->store, &error))
    goto fail;
  contact_id = xarxa_store_create_record (self->store, "contact", contact, &error);
  if (contact_id == NULL)
    {
      xarxa_store_rollback (self->store);
      goto fail;
    }
  json_object_set_string_member (changes, "contact_id", contact_id);
  json_object_set_null_member (changes, "name");
  if (!xarxa_store_update_record (self->store, "participant", participant_id, changes, &error) ||
      !xarxa_store_commit (self->store, &error))
    {
      xarxa_store_rollback (self->store);
      goto fail;
    }
  /* TRANSLATORS: %s is a person's name */
  xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("“%s” added to the directory"), name));
  return;

fail:
  xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not add “%s” to the directory: %s"),
                                                        name, error->message));
}

static void
participant_row (XarxaRecordsGroup *group,
                 AdwExpanderRow    *row,
                 JsonObject        *participant,
                 gpointer           user_data)
{
  XarxaMissionEditor *self = user_data;
  const char *zone = xarxa_value_string_of (self->record, "time_zone");
  const char *fields[] = { "arrival", "departure" };
  GtkWidget *needs = find_field_row (GTK_WIDGET (row), "needs");

  /* Times are the destination's: say which zone. */
  for (guint i = 0; zone != NULL && i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *field_row = find_field_row (GTK_WIDGET (row), fields[i]);
      g_autofree char *title = NULL;

      if (field_row == NULL)
        continue;
      /* TRANSLATORS: a field's label ("Arrival"), then a time-zone id ("America/Toronto") */
      title = g_strdup_printf (_("%s, %s time"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field_row)), zone);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field_row), title);
    }
  if (needs != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (needs), _("Needs (private: not printed or exported)"));

  if (xarxa_value_string_of (participant, "contact_id") == NULL &&
      xarxa_value_string_of (participant, "name") != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Add to _Directory"));
      g_autofree char *label = NULL;

      /* TRANSLATORS: %s is a person's name */
      label = g_strdup_printf (_("Add %s to the directory"), xarxa_value_string_of (participant, "name"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_name (button, "add-to-directory");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect_object (button, "clicked", G_CALLBACK (add_to_directory_cb), self, 0);
      adw_expander_row_add_action (row, button);
    }
}

static void
add_participant (XarxaMissionEditor *self,
                 const char         *field,
                 const char         *value)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  json_object_set_string_member (values, field, value);
  json_object_set_string_member (values, "role", "participant");
  id = xarxa_records_group_create (self->participants_group, values, &error);
  if (id == NULL)
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not add the participant: %s"), error->message));
}

static void
participant_picked_cb (XarxaMissionEditor *self,
                       const char         *contact_id)
{
  add_participant (self, "contact_id", contact_id);
}

static void
participant_typed_cb (XarxaMissionEditor *self,
                      const char         *name)
{
  add_participant (self, "name", name);
}

static void
add_participant_cb (XarxaRecordsGroup *group,
                    gpointer           user_data)
{
  XarxaMissionEditor *self = user_data;
  GtkWidget *picker;

  if (self->store == NULL || self->id == NULL)
    return;
  /* The group adds to the mission it shows: the one shown now. */
  fill_now (self);
  picker = xarxa_record_picker_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store, "contact",
                                    _("Add Participant"));
  xarxa_record_picker_offer_typed (XARXA_RECORD_PICKER (picker));
  g_signal_connect_object (picker, "picked", G_CALLBACK (participant_picked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (picker, "typed", G_CALLBACK (participant_typed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (picker));
}

/* After the mission */

static void
reload_after (XarxaMissionEditor *self)
{
  g_autoptr(GPtrArray) met = NULL;
  gboolean over;

  for (guint i = 0; i < self->met_rows->len; i++)
    adw_preferences_group_remove (self->after_group, self->met_rows->pdata[i]);
  g_ptr_array_set_size (self->met_rows, 0);

  over = self->record != NULL && xarxa_mission_is_over (self->record, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->after_group), over);
  if (!over)
    return;

  met = xarxa_mission_people_met (self->store, self->id, NULL);
  for (guint i = 0; met != NULL && i < met->len; i++)
    {
      XarxaMissionMet *m = met->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autoptr(JsonObject) entity = NULL;

      if (g_str_equal (m->type_name, "entity"))
        g_string_append (subtitle, C_("met", "Organisation"));
      else
        {
          g_string_append (subtitle, C_("met", "Person"));
          entity = xarxa_store_get_live_record (self->store, "entity", m->entity_id);
          if (entity != NULL)
            g_string_append_printf (subtitle, " · %s", xarxa_value_string_of (entity, "name"));
        }
      if (m->host)
        g_string_append_printf (subtitle, " · %s", C_("met", "Host"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m->title);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (g_str_equal (m->type_name, "entity")
                                                               ? "system-users-symbolic"
                                                               : "avatar-default-symbolic"));
      adw_preferences_group_add (self->after_group, row);
      g_ptr_array_add (self->met_rows, row);
    }
  if (met != NULL && met->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No one yet: hosts of the itinerary and people named in field notes appear here."));
      adw_preferences_group_add (self->after_group, row);
      g_ptr_array_add (self->met_rows, row);
    }
}

static void
related_changed_cb (XarxaMissionEditor *self)
{
  /* Not yet filled: the fill reads it as it is then. */
  if (self->id != NULL && !self->fill_pending)
    reload_after (self);
}

static void
mission_changed_cb (XarxaMissionEditor *self)
{
  g_autoptr(JsonObject) record = NULL;

  if (self->id == NULL)
    return;
  /* The record as stored (sync may have changed it), into the same object:
   * a row's saver may be holding it while the store tells of its change. */
  record = xarxa_store_get_live_record (self->store, "mission", self->id);
  if (record == NULL)
    return;
  {
    g_autoptr(GList) names = json_object_get_members (record);

    for (GList *l = names; l != NULL; l = l->next)
      json_object_set_member (self->record, l->data, json_object_dup_member (record, l->data));
  }
  if (!self->fill_pending)
    reload_after (self);
}

char *
xarxa_mission_editor_start_cluster (XarxaMissionEditor *self,
                                    const char * const *entity_ids)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cluster_id = NULL;

  g_return_val_if_fail (XARXA_IS_MISSION_EDITOR (self), NULL);

  if (self->store == NULL || self->id == NULL)
    return NULL;
  cluster_id = xarxa_mission_start_cluster (self->store, self->id, entity_ids, NULL, &error);
  if (cluster_id == NULL)
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not start the cluster: %s"), error->message));
      return NULL;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-cluster", "s", cluster_id);
  return g_steal_pointer (&cluster_id);
}

static void
start_cluster_response_cb (AdwMessageDialog   *dialog,
                           const char         *response,
                           XarxaMissionEditor *self)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "checks");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  if (!g_str_equal (response, "start"))
    return;
  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (checks->pdata[i]))
      g_ptr_array_add (ids, g_object_get_data (G_OBJECT (checks->pdata[i]), "entity-id"));
  g_ptr_array_add (ids, NULL);
  g_free (xarxa_mission_editor_start_cluster (self, (const char * const *) ids->pdata));
}

static void
start_cluster_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XarxaMissionEditor *self = XARXA_MISSION_EDITOR (widget);
  g_autoptr(GPtrArray) hosts = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *checks;
  GtkWidget *dialog;
  GtkWidget *list = NULL;

  if (self->store == NULL || self->id == NULL)
    return;
  hosts = xarxa_mission_host_entity_ids (self->store, self->id, &error);
  if (hosts == NULL)
    {
      xarxa_toast_show (widget, xarxa_toast_new ("%s", error->message));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Start a Cluster from This Mission"),
                                   hosts->len > 0
                                   ? _("The cluster is named after the mission. The organisations that hosted it are proposed as its first members: untick those that should not be.")
                                   : _("The cluster is named after the mission. No organisation hosted a stop of its itinerary: add members to the cluster next."));
  gtk_widget_set_name (dialog, "start-cluster-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start Cluster"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "start", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "start");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  checks = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (dialog), "checks", checks, (GDestroyNotify) g_ptr_array_unref);
  if (hosts->len > 0)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Proposed members"), -1);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
    }
  for (guint i = 0; i < hosts->len; i++)
    {
      g_autoptr(JsonObject) entity = xarxa_store_get_live_record (self->store, "entity", hosts->pdata[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_object_set_data_full (G_OBJECT (check), "entity-id", g_strdup (hosts->pdata[i]), g_free);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), xarxa_value_string_of (entity, "name"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (checks, check);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (start_cluster_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export */

gboolean
xarxa_mission_editor_export_ics (XarxaMissionEditor *self,
                                 GFile              *file,
                                 GError            **error)
{
  g_autofree char *ics = NULL;

  g_return_val_if_fail (XARXA_IS_MISSION_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->store == NULL || self->id == NULL)
    return TRUE;
  ics = xarxa_mission_to_ics (self->store, self->id, error);
  if (ics == NULL)
    return FALSE;
  return g_file_replace_contents (file, ics, strlen (ics), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

static void
export_response_cb (GtkNativeDialog    *chooser,
                    int                 response,
                    XarxaMissionEditor *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      name = g_file_get_basename (file);
      if (xarxa_mission_editor_export_ics (self, file, &error))
        /* TRANSLATORS: %s is a file name */
        xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Itinerary exported to “%s”"), name));
      else
        xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not export the itinerary: %s"), error->message));
    }
  g_clear_object (&self->export_chooser);
}

/* On paper, or as a PDF through the print dialog (xarxa-print.h). */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  XarxaMissionEditor *self = XARXA_MISSION_EDITOR (widget);

  if (self->store == NULL || self->id == NULL)
    return;
  xarxa_mission_editor_flush (self);
  xarxa_print_mission (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, self->id);
}

static void
export_ics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  XarxaMissionEditor *self = XARXA_MISSION_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->id == NULL || self->export_chooser != NULL)
    return;
  self->export_chooser = gtk_file_chooser_native_new (_("Export to Calendar"),
                                                      GTK_WINDOW (gtk_widget_get_root (widget)),
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), filter);
  /* TRANSLATORS: the file name offered for a mission's calendar; %s is its title */
  name = g_strdup_printf (_("%s.ics"), xarxa_value_string_of (self->record, "title"));
  g_strdelimit (name, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* The itinerary and the field notes (xarxa-itinerary.h,
 * xarxa-field-notes.h) of the mission shown. */
static void
show_itinerary (XarxaMissionEditor *self)
{
  gboolean shown = self->id != NULL && self->store != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->itinerary_group), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), shown);
  if (!shown)
    return;
  if (self->itinerary == NULL)
    {
      self->itinerary = XARXA_ITINERARY (xarxa_itinerary_new (self->store, self->id));
      adw_preferences_group_add (self->itinerary_group, GTK_WIDGET (self->itinerary));
      self->field_notes = XARXA_FIELD_NOTES (xarxa_field_notes_new (self->store, self->id));
      adw_preferences_group_add (self->notes_group, GTK_WIDGET (self->field_notes));
      return;
    }
  xarxa_itinerary_set_mission_id (self->itinerary, self->id);
  xarxa_field_notes_set_mission_id (self->field_notes, self->id);
}

gboolean
xarxa_mission_editor_show_stop (XarxaMissionEditor *self,
                                const char         *stop_id)
{
  g_return_val_if_fail (XARXA_IS_MISSION_EDITOR (self), FALSE);
  g_return_val_if_fail (stop_id != NULL, FALSE);

  return self->itinerary != NULL && self->id != NULL && xarxa_itinerary_show_stop (self->itinerary, stop_id);
}

/* Below the fold: the participants, Ready to Travel (which reads every
 * stop, host and participant) and, after the mission, the people met.  They are the larger part of opening a
 * mission of fifty participants, and nobody sees them in the first frame,
 * so they are filled just after it, hidden until then (never showing the
 * mission shown before).  Whatever acts on them first fills them at once
 * (fill_now). */

static void
cancel_fill (XarxaMissionEditor *self)
{
  if (self->fill_clock != NULL)
    g_clear_signal_handler (&self->fill_paint_id, self->fill_clock);
  g_clear_object (&self->fill_clock);
  g_clear_handle_id (&self->fill_idle_id, g_source_remove);
}

static void
fill (XarxaMissionEditor *self)
{
  cancel_fill (self);
  self->fill_pending = FALSE;

  xarxa_records_group_set_parent_id (self->participants_group, self->id);
  gtk_widget_set_visible (GTK_WIDGET (self->participants_group), TRUE);
  reload_after (self);
  if (self->id == NULL || self->store == NULL)
    return;
  if (self->ready_check == NULL)
    {
      self->ready_check = XARXA_READY_CHECK (xarxa_ready_check_new (self->store, self->id));
      adw_preferences_group_add (self->ready_group, GTK_WIDGET (self->ready_check));
    }
  else
    xarxa_ready_check_set_mission_id (self->ready_check, self->id);
  gtk_widget_set_visible (GTK_WIDGET (self->ready_group), TRUE);
}

static void
fill_now (XarxaMissionEditor *self)
{
  if (self->fill_pending)
    fill (self);
}

static gboolean
fill_idle_cb (gpointer user_data)
{
  XarxaMissionEditor *self = user_data;

  self->fill_idle_id = 0;
  fill_now (self);
  return G_SOURCE_REMOVE;
}

/* The frame that shows the top of the page is painted: fill the rest as
 * soon as the main loop is free. */
static void
fill_after_paint_cb (XarxaMissionEditor *self)
{
  cancel_fill (self);
  self->fill_idle_id = g_idle_add (fill_idle_cb, self);
}

static void
queue_fill (XarxaMissionEditor *self)
{
  GdkFrameClock *clock = gtk_widget_get_mapped (GTK_WIDGET (self)) ? gtk_widget_get_frame_clock (GTK_WIDGET (self))
                                                                    : NULL;

  cancel_fill (self);
  self->fill_pending = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->participants_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->ready_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->after_group), FALSE);
  if (clock == NULL)
    {
      /* Not on screen: no frame to wait for. */
      self->fill_idle_id = g_idle_add (fill_idle_cb, self);
      return;
    }
  self->fill_clock = g_object_ref (clock);
  self->fill_paint_id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (fill_after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Ctrl+Shift+N, anywhere in the mission's page. */
static void
new_field_note_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  XarxaMissionEditor *self = XARXA_MISSION_EDITOR (widget);

  if (self->field_notes != NULL && self->id != NULL)
    xarxa_field_notes_capture (self->field_notes);
}

/* Public */

void
xarxa_mission_editor_set_store (XarxaMissionEditor *self,
                                XarxaStore         *store)
{
  const char *related[] = { "itinerary_stop", "field_note", "field_note_person", "entity", "contact" };

  g_return_if_fail (XARXA_IS_MISSION_EDITOR (self));
  g_return_if_fail (XARXA_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  xarxa_records_group_set_store (self->participants_group, store);
  xarxa_documents_group_set_store (self->documents_group, store);
  for (guint i = 0; i < G_N_ELEMENTS (related); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", related[i], NULL);

      g_signal_connect_object (store, signal, G_CALLBACK (related_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (store, "changed::mission", G_CALLBACK (mission_changed_cb), self, G_CONNECT_SWAPPED);
}

void
xarxa_mission_editor_flush (XarxaMissionEditor *self)
{
  g_return_if_fail (XARXA_IS_MISSION_EDITOR (self));

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    if (xarxa_field_row_get_changed (self->entries[i]))
      xarxa_field_row_commit (self->entries[i]);
}

void
xarxa_mission_editor_set_mission (XarxaMissionEditor *self,
                                  const char         *id)
{
  g_return_if_fail (XARXA_IS_MISSION_EDITOR (self));

  if (self->id != NULL)
    xarxa_mission_editor_flush (self);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->record, json_object_unref);
  if (id != NULL && self->store != NULL)
    self->record = xarxa_store_get_live_record (self->store, "mission", id);
  if (self->record != NULL)
    self->id = g_strdup (id);

  self->loading = TRUE;
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    xarxa_field_row_set_value (self->entries[i],
                               record_member (self->record, xarxa_field_row_get_field (self->entries[i])));
  xarxa_choice_drop_down_set_selected_id (self->status_drop_down, xarxa_value_string_of (self->record, "status"));
  xarxa_choice_drop_down_set_selected_id (self->country_drop_down, xarxa_value_string_of (self->record, "country"));
  xarxa_choice_drop_down_set_selected_id (self->currency_drop_down, xarxa_value_string_of (self->record, "currency"));
  self->loading = FALSE;

  show_organiser (self);
  xarxa_documents_group_set_target (self->documents_group, "mission", self->id);
  show_itinerary (self);
  if (self->id != NULL)
    queue_fill (self);
  else
    fill (self);
}

const char *
xarxa_mission_editor_get_mission_id (XarxaMissionEditor *self)
{
  g_return_val_if_fail (XARXA_IS_MISSION_EDITOR (self), NULL);

  return self->id;
}

const char *
xarxa_mission_editor_get_title (XarxaMissionEditor *self)
{
  g_return_val_if_fail (XARXA_IS_MISSION_EDITOR (self), NULL);

  return xarxa_value_string_of (self->record, "title");
}

void
xarxa_mission_editor_focus_first (XarxaMissionEditor *self)
{
  g_return_if_fail (XARXA_IS_MISSION_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entries[0]));
}

static void
xarxa_mission_editor_dispose (GObject *object)
{
  XarxaMissionEditor *self = XARXA_MISSION_EDITOR (object);

  cancel_fill (self);
  self->fill_pending = FALSE;
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_MISSION_EDITOR);
  g_clear_object (&self->zone_selection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_mission_editor_parent_class)->dispose (object);
}

static void
xarxa_mission_editor_finalize (GObject *object)
{
  XarxaMissionEditor *self = XARXA_MISSION_EDITOR (object);

  g_free (self->id);
  g_clear_pointer (&self->record, json_object_unref);
  g_ptr_array_unref (self->met_rows);

  G_OBJECT_CLASS (xarxa_mission_editor_parent_class)->finalize (object);
}

/* Off screen before its frame was painted: no frame will come. */
static void
xarxa_mission_editor_unmap (GtkWidget *widget)
{
  XarxaMissionEditor *self = XARXA_MISSION_EDITOR (widget);

  if (self->fill_paint_id != 0)
    fill_after_paint_cb (self);
  GTK_WIDGET_CLASS (xarxa_mission_editor_parent_class)->unmap (widget);
}

static const char *
status_label (const char *id)
{
  return xarxa_choice_list_label (&xarxa_mission_status_list, id);
}

static void
xarxa_mission_editor_class_init (XarxaMissionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_mission_editor_dispose;
  object_class->finalize = xarxa_mission_editor_finalize;
  widget_class->unmap = xarxa_mission_editor_unmap;

  g_type_ensure (XARXA_TYPE_FIELD_ROW);
  g_type_ensure (XARXA_TYPE_CHOICE_DROP_DOWN);
  g_type_ensure (XARXA_TYPE_RECORDS_GROUP);
  g_type_ensure (XARXA_TYPE_DOCUMENTS_GROUP);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/missions/xarxa-mission-editor.ui");
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, entry_rows[i], FALSE,
                                               G_STRUCT_OFFSET (XarxaMissionEditor, entries) + i * sizeof (XarxaFieldRow *));
  /* The error labels, for tests that look for them. */
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    {
      g_autofree char *field = g_strndup (entry_rows[i], strlen (entry_rows[i]) - strlen ("_row"));
      g_autofree char *label = g_strconcat (field, "_error_label", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, label, FALSE, 0);
    }
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, status_drop_down);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, country_drop_down);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, currency_drop_down);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, organiser_row);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, organiser_clear_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, zone_popover);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, zone_search);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, zone_list);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, after_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, participants_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, documents_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, itinerary_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, notes_group);
  gtk_widget_class_bind_template_child (widget_class, XarxaMissionEditor, ready_group);
  gtk_widget_class_bind_template_child_full (widget_class, "preferences_page", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, zone_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, zone_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, zone_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, zone_activate_cb);

  gtk_widget_class_install_action (widget_class, "mission.choose-organiser", NULL, choose_organiser_action);
  gtk_widget_class_install_action (widget_class, "mission.clear-organiser", NULL, clear_organiser_action);
  gtk_widget_class_install_action (widget_class, "mission.start-cluster", NULL, start_cluster_action);
  gtk_widget_class_install_action (widget_class, "mission.export-ics", NULL, export_ics_action);
  gtk_widget_class_install_action (widget_class, "mission.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "mission.new-field-note", NULL, new_field_note_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "mission.new-field-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "mission.new-field-note", NULL);
}

static void
set_currency_choices (XarxaMissionEditor *self)
{
  const char *const *codes = xarxa_currency_codes ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint n = codes != NULL ? g_strv_length ((char **) codes) : 0;

  for (guint i = 0; i < n; i++)
    /* TRANSLATORS: a currency's name, then its ISO 4217 code: "Euro (EUR)" */
    g_ptr_array_add (labels, g_strdup_printf (_("%s (%s)"), xarxa_currency_name (codes[i]), codes[i]));
  xarxa_choice_drop_down_set_choices (self->currency_drop_down, C_("currency", "Not set"), codes,
                                      (const char * const *) labels->pdata, n);
}

static void
xarxa_mission_editor_init (XarxaMissionEditor *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->met_rows = g_ptr_array_new ();
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    xarxa_field_row_set_saver (self->entries[i], save_field_cb, self);
  xarxa_choice_drop_down_set_choices_func (self->status_drop_down, C_("mission status", "Not set"),
                                           xarxa_mission_statuses, status_label);
  xarxa_choice_drop_down_set_choices_func (self->country_drop_down, C_("country", "Not set"),
                                           xarxa_country_codes (), xarxa_country_name);
  set_currency_choices (self);
  xarxa_records_group_set_fields (self->participants_group, participant_fields);
  xarxa_records_group_set_subtitle_func (self->participants_group, participant_subtitle, NULL, NULL);
  xarxa_records_group_set_row_func (self->participants_group, participant_row, self, NULL);
  xarxa_records_group_set_add_func (self->participants_group, add_participant_cb, self, NULL);

  self->zone_filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_match_mode (self->zone_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (load_zone_ids ()), GTK_FILTER (self->zone_filter));
  self->zone_selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_zone_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_zone_cb), NULL);
  gtk_list_view_set_factory (self->zone_list, factory);
  gtk_list_view_set_model (self->zone_list, GTK_SELECTION_MODEL (self->zone_selection));
}
