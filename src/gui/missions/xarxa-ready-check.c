/* xarxa-ready-check.c — "Ready to Travel" over xarxa_mission_ready().
 *
 * Each missing item is a row with the core's sentence (what is missing
 * and what to do) and, where the fix is a record to edit or a sync to
 * run, a button that goes there.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-ready-check"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-contact-dialog.h"
#include "xarxa-mission-ready.h"
#include "xarxa-ready-check.h"
#include "xarxa-stop-dialog.h"
#include "xarxa-values.h"

struct _XarxaReadyCheck
{
  GtkBox parent_instance;

  XarxaStore *store;
  char       *mission_id;
  guint       refresh_id;
  guint       n_missing;

  GtkImage   *status_icon;
  GtkLabel   *status_label;
  GtkLabel   *sync_label;
  GtkListBox *items_list;
};

G_DEFINE_FINAL_TYPE (XarxaReadyCheck, xarxa_ready_check, GTK_TYPE_BOX)

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWindow *
parent_window (XarxaReadyCheck *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
fix_clicked_cb (GtkButton       *button,
                XarxaReadyCheck *self)
{
  const char *type_name = g_object_get_data (G_OBJECT (button), "record-type");
  const char *id = g_object_get_data (G_OBJECT (button), "record-id");
  GtkWidget *dialog = NULL;

  if (g_str_equal (type_name, "itinerary_stop"))
    dialog = xarxa_stop_dialog_new (parent_window (self), self->store, self->mission_id, id, NULL);
  else if (g_str_equal (type_name, "contact"))
    {
      /* The contact dialog edits a person of an organisation. */
      g_autoptr(JsonObject) contact = xarxa_store_get_live_record (self->store, "contact", id);
      const char *entity_id = contact != NULL ? xarxa_value_string_of (contact, "entity_id") : NULL;

      if (entity_id != NULL)
        dialog = xarxa_contact_dialog_new (parent_window (self), self->store, entity_id, id);
    }
  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
  /* In the window, the record's own view; elsewhere, whoever listens. */
  else if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ss)", type_name, id))
    g_signal_emit (self, signals[OPEN_RECORD], 0, type_name, id);
}

static GtkWidget *
item_row (XarxaReadyCheck *self,
          XarxaReadyItem  *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  /* The sentence says it all; the icon is for the eye. */
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             g_object_new (GTK_TYPE_IMAGE, "icon-name", "dialog-warning-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL));
  gtk_widget_set_name (row, item->code);
  g_object_set_data_full (G_OBJECT (row), "record-id", g_strdup (item->record_id), g_free);

  if (item->record_type != NULL)
    {
      button = gtk_button_new_with_mnemonic (_("_Fix…"));
      g_object_set_data_full (G_OBJECT (button), "record-type", g_strdup (item->record_type), g_free);
      g_object_set_data_full (G_OBJECT (button), "record-id", g_strdup (item->record_id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (fix_clicked_cb), self);
    }
  else if (g_str_equal (item->code, "unsent-changes") || g_str_equal (item->code, "never-synced"))
    {
      button = gtk_button_new_with_mnemonic (_("_Sync Now"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.sync");
    }
  if (button != NULL)
    {
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_name (button, "fix-button");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, row, NULL, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

void
xarxa_ready_check_refresh (XarxaReadyCheck *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *last_sync = NULL;
  GtkWidget *child;

  g_return_if_fail (XARXA_IS_READY_CHECK (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_list))) != NULL)
    gtk_list_box_remove (self->items_list, child);

  items = xarxa_mission_ready (self->store, self->mission_id, &error);
  if (items == NULL)
    {
      self->n_missing = 0;
      gtk_image_set_from_icon_name (self->status_icon, "dialog-error-symbolic");
      gtk_label_set_label (self->status_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->items_list), FALSE);
      return;
    }
  self->n_missing = items->len;
  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (self->items_list, item_row (self, g_ptr_array_index (items, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->items_list), items->len > 0);
  if (items->len == 0)
    {
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      gtk_label_set_label (self->status_label, _("Everything is on this device: the mission can go offline."));
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "One thing to see to before you go:",
                                                            "%u things to see to before you go:", items->len),
                                               items->len);

      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      gtk_label_set_label (self->status_label, text);
    }

  last_sync = xarxa_mission_ready_last_sync (self->store);
  if (last_sync == NULL)
    gtk_label_set_label (self->sync_label, _("This device has never synced with the server."));
  else
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (last_sync, NULL);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      /* xgettext:no-c-format */
      g_autofree char *when = local != NULL ? g_date_time_format (local, C_("last sync, a g_date_time_format() format",
                                                                            "%-d %B %Y, %H:%M"))
                                            : g_strdup (last_sync);
      /* TRANSLATORS: a date and time */
      g_autofree char *text = g_strdup_printf (_("Last synced %s."), when);

      gtk_label_set_label (self->sync_label, text);
    }
}

guint
xarxa_ready_check_get_n_missing (XarxaReadyCheck *self)
{
  g_return_val_if_fail (XARXA_IS_READY_CHECK (self), 0);

  return self->n_missing;
}

static gboolean
refresh_idle_cb (gpointer data)
{
  XarxaReadyCheck *self = data;

  self->refresh_id = 0;
  xarxa_ready_check_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (XarxaReadyCheck *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
xarxa_ready_check_dispose (GObject *object)
{
  XarxaReadyCheck *self = XARXA_READY_CHECK (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_READY_CHECK);
  G_OBJECT_CLASS (xarxa_ready_check_parent_class)->dispose (object);
}

static void
xarxa_ready_check_finalize (GObject *object)
{
  XarxaReadyCheck *self = XARXA_READY_CHECK (object);

  g_free (self->mission_id);
  G_OBJECT_CLASS (xarxa_ready_check_parent_class)->finalize (object);
}

static void
xarxa_ready_check_class_init (XarxaReadyCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_ready_check_dispose;
  object_class->finalize = xarxa_ready_check_finalize;

  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/transicions/Xarxa/missions/xarxa-ready-check.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaReadyCheck, status_icon);
  gtk_widget_class_bind_template_child (widget_class, XarxaReadyCheck, status_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaReadyCheck, sync_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaReadyCheck, items_list);
}

static void
xarxa_ready_check_init (XarxaReadyCheck *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
xarxa_ready_check_new (XarxaStore *store,
                       const char *mission_id)
{
  XarxaReadyCheck *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (mission_id != NULL, NULL);

  self = g_object_new (XARXA_TYPE_READY_CHECK, NULL);
  self->store = g_object_ref (store);
  self->mission_id = g_strdup (mission_id);
  /* Any record can change the answer: a stop's address, a host's phone,
   * a document's file, an edit waiting to be sent. */
  g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  xarxa_ready_check_refresh (self);
  return GTK_WIDGET (self);
}

void
xarxa_ready_check_set_mission_id (XarxaReadyCheck *self,
                                  const char      *mission_id)
{
  g_return_if_fail (XARXA_IS_READY_CHECK (self));
  g_return_if_fail (mission_id != NULL);

  if (g_strcmp0 (self->mission_id, mission_id) == 0)
    return;
  g_free (self->mission_id);
  self->mission_id = g_strdup (mission_id);
  xarxa_ready_check_refresh (self);
}
