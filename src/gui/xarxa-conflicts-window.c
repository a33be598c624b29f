/* xarxa-conflicts-window.c — the open sync conflicts, side by side, to resolve.
 *
 * One group per conflict: the record, the field, the value on this device
 * and the one on the server, and Keep Mine / Keep Theirs.  A deleted record
 * against an edited one is said in words.  The list follows the store, so
 * a sync that brings or settles conflicts shows at once.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-conflicts"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-conflicts-window.h"
#include "xarxa-labels.h"
#include "xarxa-schema.h"
#include "xarxa-value.h"
#include "xarxa-sync-engine.h"
#include "xarxa-toast.h"

struct _XarxaConflictsWindow
{
  AdwWindow parent_instance;

  XarxaStore *store;
  guint       n_items;
  guint       reload_id;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkBox          *list_box;
};

G_DEFINE_FINAL_TYPE (XarxaConflictsWindow, xarxa_conflicts_window, ADW_TYPE_WINDOW)

/* A value as a person reads it: by its field's description when the field
 * is known (labels of choices, country names, Yes/No), a whole record as
 * "Label: value" lines. */
static char *
value_text (const XarxaRecordType *type,
            const XarxaFieldInfo  *info,
            JsonNode              *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          const XarxaFieldInfo *member = type != NULL ? xarxa_record_type_field (type, name) : NULL;
          g_autofree char *part = NULL;

          if (g_str_equal (name, "id") || g_str_equal (name, "created_at") || g_str_equal (name, "updated_at") ||
              g_str_equal (name, "deleted") || g_str_equal (name, "version"))
            continue;
          part = value_text (type, member, json_object_get_member (object, name));
          if (part == NULL)
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, "%s: %s",
                                  member != NULL ? xarxa_field_info_get_label (member) : xarxa_field_label (name),
                                  part);
        }
      return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
    }
  if (info != NULL)
    return xarxa_field_value_to_display (info, node);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *part = value_text (NULL, NULL, json_array_get_element (array, i));

          if (part != NULL)
            g_strv_builder_add (builder, part);
        }
      parts = g_strv_builder_end (builder);
      return parts[0] != NULL ? g_strjoinv (", ", parts) : NULL;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%g", json_node_get_double (node));
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        return s != NULL && s[0] != '\0' ? g_strdup (s) : NULL;
      }
    default:
      return NULL;
    }
}

static JsonObject *
fetch_record (const char *type_name,
              const char *id,
              gpointer    user_data)
{
  XarxaConflictsWindow *self = user_data;

  return xarxa_store_get_record (self->store, type_name, id, NULL);
}

static char *
record_name (XarxaConflictsWindow *self,
             JsonObject           *conflict)
{
  const char *type_name = json_object_get_string_member (conflict, "type");
  const char *id = json_object_get_string_member (conflict, "record_id");
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);
  g_autoptr(JsonObject) record = NULL;
  JsonNode *theirs = json_object_get_member (conflict, "theirs");
  g_autofree char *name = NULL;

  if (type == NULL)
    return g_strdup (_("A record without a name"));
  record = xarxa_store_get_record (self->store, type_name, id, NULL);
  if (record != NULL)
    name = xarxa_record_title_in_parent (type, record, fetch_record, self);
  if (name == NULL && theirs != NULL && JSON_NODE_HOLDS_OBJECT (theirs))
    name = xarxa_record_title_in_parent (type, json_node_get_object (theirs), fetch_record, self);
  return name != NULL ? g_steal_pointer (&name) : g_strdup (_("A record without a name"));
}

static void resolve_clicked_cb (GtkButton            *button,
                                XarxaConflictsWindow *self);

static GtkWidget *
side_box (XarxaConflictsWindow *self,
          JsonObject           *conflict,
          gboolean              mine)
{
  const char *kind = json_object_get_string_member (conflict, "kind");
  JsonNode *node = json_object_get_member (conflict, mine ? "mine" : "theirs");
  const XarxaRecordType *type = xarxa_schema_lookup (json_object_get_string_member (conflict, "type"));
  const char *field = json_object_get_string_member_with_default (conflict, "field", NULL);
  const XarxaFieldInfo *info = type != NULL && field != NULL ? xarxa_record_type_field (type, field) : NULL;
  g_autofree char *value = NULL;
  GtkWidget *box, *box_inner, *heading, *label, *button;
  gint64 *id;

  if (g_str_equal (kind, "delete-edit"))
    value = g_strdup (mine ? _("Deleted") : _("Changed"));
  else if (g_str_equal (kind, "edit-delete"))
    value = g_strdup (mine ? _("Changed") : _("Deleted"));
  else if (g_str_equal (kind, "rejected"))
    value = mine ? value_text (type, info, node) : g_strdup (_("As it was last synced"));
  else
    value = value_text (type, info, node);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_add_css_class (box, "card");
  /* The card's padding. */
  {
    GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    gtk_widget_set_margin_start (inner, 12);
    gtk_widget_set_margin_end (inner, 12);
    gtk_widget_set_margin_top (inner, 12);
    gtk_widget_set_margin_bottom (inner, 12);
    gtk_widget_set_vexpand (inner, TRUE);
    gtk_box_append (GTK_BOX (box), inner);
    box_inner = inner;
  }

  heading = gtk_label_new (mine ? _("On This Device") : _("On the Server"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_box_append (GTK_BOX (box_inner), heading);

  label = gtk_label_new (value != NULL ? value : _("(empty)"));
  gtk_widget_set_name (label, mine ? "mine-value" : "theirs-value");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_vexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (value == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box_inner), label);

  button = gtk_button_new_with_mnemonic (mine ? _("Keep _Mine") : _("Keep _Theirs"));
  gtk_widget_set_name (button, mine ? "keep-mine" : "keep-theirs");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  id = g_new (gint64, 1);
  *id = json_object_get_int_member (conflict, "id");
  g_object_set_data_full (G_OBJECT (button), "conflict-id", id, g_free);
  g_object_set_data_full (G_OBJECT (button), "conflict-field",
                          g_strdup (json_object_get_string_member (conflict, "field")), g_free);
  g_object_set_data (G_OBJECT (button), "choice",
                     GINT_TO_POINTER (mine ? XARXA_SYNC_CHOICE_MINE : XARXA_SYNC_CHOICE_THEIRS));
  g_signal_connect (button, "clicked", G_CALLBACK (resolve_clicked_cb), self);
  gtk_box_append (GTK_BOX (box_inner), button);

  return box;
}

static GtkWidget *
conflict_widget (XarxaConflictsWindow *self,
                 JsonObject           *conflict)
{
  const char *kind = json_object_get_string_member (conflict, "kind");
  const char *field = json_object_get_string_member (conflict, "field");
  g_autofree char *name = record_name (self, conflict);
  g_autofree char *description = NULL;
  g_autofree char *mine_name = NULL;
  g_autofree char *theirs_name = NULL;
  GtkWidget *group, *sides, *mine, *theirs;

  if (g_str_equal (kind, "delete-edit"))
    description = g_strdup (_("Deleted on this device, changed on the server."));
  else if (g_str_equal (kind, "edit-delete"))
    description = g_strdup (_("Changed on this device, deleted on the server."));
  else if (g_str_equal (kind, "rejected"))
    {
      g_autofree char *reason = value_text (NULL, NULL, json_object_get_member (conflict, "theirs"));

      description = g_strdup_printf (_("The server refused this change: %s"),
                                     reason != NULL ? reason : _("no reason given"));
    }
  else
    {
      const XarxaRecordType *type = xarxa_schema_lookup (json_object_get_string_member (conflict, "type"));
      const XarxaFieldInfo *info = type != NULL ? xarxa_record_type_field (type, field) : NULL;

      description = g_strdup (info != NULL ? xarxa_field_info_get_label (info) : xarxa_field_label (field));
    }

  group = adw_preferences_group_new ();
  gtk_widget_set_name (group, "conflict");
  /* A group reads its title and description as markup: names and the
   * server's reasons are shown as written. */
  {
    g_autofree char *title_text = g_markup_escape_text (name != NULL ? name : "", -1);
    g_autofree char *description_text = g_markup_escape_text (description, -1);

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title_text);
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description_text);
  }

  sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  mine = side_box (self, conflict, TRUE);
  theirs = side_box (self, conflict, FALSE);
  gtk_box_append (GTK_BOX (sides), mine);
  gtk_box_append (GTK_BOX (sides), theirs);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), sides);

  /* A screen reader hears what each button keeps. */
  /* Translators: what Keep Mine does, for a screen reader; %s are the
   * record and the field, e.g. "Keep the version on this device: Cooperativa Arrel, City". */
  mine_name = g_strdup_printf (_("Keep the version on this device: %s, %s"), name, description);
  theirs_name = g_strdup_printf (_("Keep the version on the server: %s, %s"), name, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_last_child (gtk_widget_get_first_child (mine))),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, mine_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_last_child (gtk_widget_get_first_child (theirs))),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, theirs_name, -1);
  return group;
}

static void
reload (XarxaConflictsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) conflicts = NULL;
  GtkWidget *child;
  g_autofree char *subtitle = NULL;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_box_remove (self->list_box, child);

  conflicts = xarxa_sync_state_list_conflicts (self->store, &error);
  if (conflicts == NULL)
    {
      AdwToast *toast = xarxa_toast_new (_("Could not read the conflicts: %s"), error->message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      self->n_items = 0;
    }
  else
    {
      self->n_items = json_array_get_length (conflicts);
      for (guint i = 0; i < self->n_items; i++)
        gtk_box_append (self->list_box, conflict_widget (self, json_array_get_object_element (conflicts, i)));
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_items > 0 ? "list" : "empty");
  if (self->n_items > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to resolve", "%u to resolve", self->n_items),
                                self->n_items);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  XarxaConflictsWindow *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (XarxaConflictsWindow *self)
{
  /* A sync emits several changes in a row: rebuild once. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
resolve_clicked_cb (GtkButton            *button,
                    XarxaConflictsWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "conflict-id");
  const char *field = g_object_get_data (G_OBJECT (button), "conflict-field");
  XarxaSyncChoice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "choice"));

  if (!xarxa_sync_resolve (self->store, id, field, choice, &error))
    {
      AdwToast *toast = xarxa_toast_new (_("Could not resolve the conflict: %s"), error->message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  /* The button is about to go: rebuild after this handler returns. */
  store_changed_cb (self);
}

static void
xarxa_conflicts_window_dispose (GObject *object)
{
  XarxaConflictsWindow *self = XARXA_CONFLICTS_WINDOW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), XARXA_TYPE_CONFLICTS_WINDOW);

  G_OBJECT_CLASS (xarxa_conflicts_window_parent_class)->dispose (object);
}

static void
xarxa_conflicts_window_class_init (XarxaConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_conflicts_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaConflictsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, XarxaConflictsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, XarxaConflictsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaConflictsWindow, list_box);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xarxa_conflicts_window_init (XarxaConflictsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_name (GTK_WIDGET (self), "conflicts-window");
}

XarxaConflictsWindow *
xarxa_conflicts_window_new (GtkWindow  *parent,
                            XarxaStore *store)
{
  XarxaConflictsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  self = g_object_new (XARXA_TYPE_CONFLICTS_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  reload (self);
  return self;
}

guint
xarxa_conflicts_window_get_n_items (XarxaConflictsWindow *self)
{
  g_return_val_if_fail (XARXA_IS_CONFLICTS_WINDOW (self), 0);
  return self->n_items;
}
