/* xarxa-records-group.c — the records of one type under one parent record,
 * as a group of rows edited in place.
 *
 * Every view has lists of small records under a bigger one: a cluster's
 * objectives, actions and decisions, an indicator's measurements, a
 * mission's participants.  Each is the same thing: an expander row per
 * record, titled by the record's title (its type's description), opening
 * to one row per field — text through XarxaFieldRow, which parses and
 * checks by the field's description and saves itself; a closed list
 * through a drop-down; yes/no through a switch; a reference through a
 * drop-down of what the caller offers — and a Remove button with Undo.
 * Add asks for the title and opens the new record's row.
 *
 * What differs between those lists is given by functions: the subtitle,
 * more rows or badges on a row, a filter, the order, the choices of a
 * reference, and a different question for Add.
 *
 * The group hears the store's "changed::TYPE" and reads its records again
 * (once, at idle), keeping open rows open.  Its own saves do not rebuild
 * the rows (the focus would be lost in the middle of a form): the row
 * saved is retitled in place.
 *
 * It is over 1,000 lines in GNU style with one public function per hook;
 * the field rows (by format) are the part to move to a file of their own.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-records-group"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-choice-drop-down.h"
#include "xarxa-cluster.h"
#include "xarxa-field-row.h"
#include "xarxa-records-group.h"
#include "xarxa-schema.h"
#include "xarxa-toast.h"
#include "xarxa-value.h"
#include "xarxa-values.h"

typedef struct
{
  GCallback      func;
  gpointer       data;
  GDestroyNotify destroy;
} Hook;

enum
{
  HOOK_SUBTITLE,
  HOOK_ROW,
  HOOK_FILTER,
  HOOK_COMPARE,
  HOOK_CHOICES,
  HOOK_ADD,
  N_HOOKS
};

struct _XarxaRecordsGroup
{
  AdwPreferencesGroup parent_instance;

  char                  *type_name;
  const XarxaRecordType *type;
  char                  *parent_field;
  char                  *parent_id;
  char                 **fields;
  char                  *untitled_label;

  XarxaStore *store;
  gulong      changed_id;
  guint       reload_id;
  gboolean    saving;     /* a save of ours is under way: no rebuild */
  gboolean    loading;    /* rows being filled: their signals are not edits */

  GtkWidget  *add_button;
  GPtrArray  *rows;       /* the expander rows shown, in order */
  GtkWidget  *more_row;   /* "Show 470 More", after them, or NULL */
  guint       limit;      /* how many rows are made before it */
  GHashTable *expanded;   /* ids of the records whose rows are open */
  char       *focus_id;   /* the record whose row opens with its first field focused */

  Hook hooks[N_HOOKS];
};

G_DEFINE_FINAL_TYPE (XarxaRecordsGroup, xarxa_records_group, ADW_TYPE_PREFERENCES_GROUP)

/* How many rows a list shows before "Show N More": a page holds other
 * groups below, and an expander row costs a few milliseconds to make and
 * lay out (25 rows were most of the time a 500-member cluster's page took
 * to open). */
#define FIRST_ROWS 10
/* And how many more each "Show N More" makes. */
#define MORE_ROWS 50

enum
{
  PROP_0,
  PROP_TYPE_NAME,
  PROP_PARENT_FIELD,
  PROP_ADD_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void     rebuild   (XarxaRecordsGroup *self);
static gboolean reload_cb (gpointer           user_data);

/* Records and rows */

static JsonObject *
fetch_record (const char *type_name,
              const char *id,
              gpointer    user_data)
{
  XarxaRecordsGroup *self = user_data;

  return self->store != NULL ? xarxa_store_get_live_record (self->store, type_name, id) : NULL;
}

static char *
record_title (XarxaRecordsGroup *self,
              JsonObject        *record)
{
  char *title = xarxa_record_title (self->type, record, fetch_record, self);

  if (title == NULL)
    title = g_strdup (self->untitled_label != NULL ? self->untitled_label
                                                   : xarxa_record_type_get_singular (self->type));
  return title;
}

static JsonObject *
row_record (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "xarxa-record");
}

const char *
xarxa_records_group_row_record_id (GtkWidget *widget)
{
  GtkWidget *row;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  for (row = widget; row != NULL; row = gtk_widget_get_parent (row))
    if (ADW_IS_EXPANDER_ROW (row) && row_record (row) != NULL)
      return xarxa_value_string_of (row_record (row), "id");
  return NULL;
}

static GtkWidget *
owner_row (GtkWidget *widget)
{
  for (GtkWidget *row = widget; row != NULL; row = gtk_widget_get_parent (row))
    if (ADW_IS_EXPANDER_ROW (row) && row_record (row) != NULL)
      return row;
  return NULL;
}

static void
name_lists (GtkWidget  *widget,
            const char *name)
{
  if (GTK_IS_LIST_BOX (widget) || ADW_IS_EXPANDER_ROW (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (!ADW_IS_PREFERENCES_ROW (c) || ADW_IS_EXPANDER_ROW (c))
      name_lists (c, name);
}

static void
title_row (XarxaRecordsGroup *self,
           GtkWidget         *row,
           JsonObject        *record)
{
  g_autofree char *title = record_title (self, record);
  g_autofree char *subtitle = NULL;
  Hook *hook = &self->hooks[HOOK_SUBTITLE];

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (hook->func != NULL)
    subtitle = ((XarxaRecordsTextFunc) hook->func) (self, record, hook->data);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle != NULL ? subtitle : "");
  /* AdwExpanderRow 1.2 names neither itself nor its inner lists. */
  name_lists (row, title);
}

/* Saving */

/* Saves one field of the record whose row holds @widget, and retitles the
 * row in place; the rows are not rebuilt. */
static gboolean
save_value (XarxaRecordsGroup *self,
            GtkWidget         *widget,
            const char        *field,
            JsonNode          *value,
            GError           **error)
{
  GtkWidget *row = owner_row (widget);
  JsonObject *record = row != NULL ? row_record (row) : NULL;
  gboolean saved;

  if (self->store == NULL || record == NULL)
    return TRUE;

  self->saving = TRUE;
  saved = xarxa_field_row_save_to_record (self->store, self->type_name,
                                          xarxa_value_string_of (record, "id"),
                                          record, field, json_node_copy (value), error);
  self->saving = FALSE;
  if (saved)
    {
      title_row (self, row, record);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
  return saved;
}

static gboolean
save_field_cb (XarxaFieldRow *field_row,
               const char    *field,
               JsonNode      *value,
               gpointer       user_data,
               GError       **error)
{
  return save_value (user_data, GTK_WIDGET (field_row), field, value, error);
}

static void
save_or_tell (XarxaRecordsGroup *self,
              GtkWidget         *widget,
              const char        *field,
              JsonNode          *value)
{
  g_autoptr(GError) error = NULL;

  if (!save_value (self, widget, field, value, &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
      /* Show what is stored again; not from inside a signal of one of the
       * rows, which go. */
      if (self->reload_id == 0)
        self->reload_id = g_idle_add (reload_cb, self);
    }
}

static void
drop_down_changed_cb (XarxaChoiceDropDown *drop_down,
                      GParamSpec          *pspec,
                      XarxaRecordsGroup   *self)
{
  const char *id = xarxa_choice_drop_down_get_selected_id (drop_down);
  const char *field = g_object_get_data (G_OBJECT (drop_down), "xarxa-field");
  g_autoptr(JsonNode) value = NULL;

  if (self->loading)
    return;
  value = id != NULL ? json_node_init_string (json_node_alloc (), id) : json_node_new (JSON_NODE_NULL);
  save_or_tell (self, GTK_WIDGET (drop_down), field, value);
}

static void
switch_changed_cb (GtkSwitch         *toggle,
                   GParamSpec        *pspec,
                   XarxaRecordsGroup *self)
{
  const char *field = g_object_get_data (G_OBJECT (toggle), "xarxa-field");
  g_autoptr(JsonNode) value = NULL;

  if (self->loading)
    return;
  value = json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (toggle));
  save_or_tell (self, GTK_WIDGET (toggle), field, value);
}

/* Field rows */

static GtkWidget *
suffix_row (const char *label,
            GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  gtk_accessible_update_property (GTK_ACCESSIBLE (suffix), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return row;
}

static GtkWidget *
drop_down_row (XarxaRecordsGroup *self,
               const XarxaFieldInfo *info,
               JsonObject        *record,
               GPtrArray         *ids,
               GPtrArray         *labels)
{
  const char *label = xarxa_field_info_get_label (info);
  GtkWidget *drop_down = xarxa_choice_drop_down_new ();
  GtkWidget *row = suffix_row (label, drop_down);

  g_ptr_array_add (ids, NULL);
  xarxa_choice_drop_down_set_title (XARXA_CHOICE_DROP_DOWN (drop_down), label);
  xarxa_choice_drop_down_set_choices (XARXA_CHOICE_DROP_DOWN (drop_down),
                                      info->required ? NULL : C_("no value", "None"),
                                      (const char *const *) ids->pdata,
                                      (const char *const *) labels->pdata,
                                      labels->len);
  xarxa_choice_drop_down_set_selected_id (XARXA_CHOICE_DROP_DOWN (drop_down),
                                          xarxa_value_string_of (record, info->name));
  g_object_set_data_full (G_OBJECT (drop_down), "xarxa-field", g_strdup (info->name), g_free);
  g_signal_connect_object (drop_down, "notify::selected-id", G_CALLBACK (drop_down_changed_cb), self, 0);
  return row;
}

static GtkWidget *
field_row (XarxaRecordsGroup    *self,
           const XarxaFieldInfo *info,
           JsonObject           *record)
{
  const char *label = xarxa_field_info_get_label (info);
  GtkWidget *row;

  if (info->format == XARXA_FORMAT_CHOICE && info->choices != NULL)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      for (guint i = 0; i < info->choices->n_choices; i++)
        {
          const char *id = info->choices->choices[i].value;

          g_ptr_array_add (ids, (gpointer) id);
          g_ptr_array_add (labels, (gpointer) xarxa_choice_list_label (info->choices, id));
        }
      return drop_down_row (self, info, record, ids, labels);
    }

  if (info->format == XARXA_FORMAT_YES_NO)
    {
      GtkWidget *toggle = gtk_switch_new ();
      JsonNode *value = json_object_get_member (record, info->name);

      gtk_switch_set_active (GTK_SWITCH (toggle),
                             value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_int (value) != 0);
      row = suffix_row (label, toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_object_set_data_full (G_OBJECT (toggle), "xarxa-field", g_strdup (info->name), g_free);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (switch_changed_cb), self, 0);
      return row;
    }

  if (info->kind == XARXA_FIELD_REF)
    {
      Hook *hook = &self->hooks[HOOK_CHOICES];
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(JsonObject) target = NULL;
      g_autofree char *title = NULL;

      if (hook->func != NULL
          && ((XarxaRecordsChoicesFunc) hook->func) (self, info->name, ids, labels, hook->data))
        {
          /* The one chosen stays offered even when the caller no longer
           * offers it (an owner who left the cluster). */
          const char *current = xarxa_value_string_of (record, info->name);

          if (current != NULL && !g_ptr_array_find_with_equal_func (ids, current, g_str_equal, NULL))
            {
              g_autoptr(JsonObject) gone = fetch_record (info->ref_type, current, self);
              const XarxaRecordType *ref_type = xarxa_schema_lookup (info->ref_type);
              char *gone_title = gone != NULL ? xarxa_record_title (ref_type, gone, fetch_record, self) : NULL;

              g_ptr_array_add (ids, g_strdup (current));
              g_ptr_array_add (labels, gone_title != NULL ? gone_title : g_strdup (current));
            }
          return drop_down_row (self, info, record, ids, labels);
        }

      /* Shown, not edited here: the record it names. */
      if (info->ref_type != NULL)
        target = fetch_record (info->ref_type, xarxa_value_string_of (record, info->name), self);
      if (target != NULL)
        title = xarxa_record_title (xarxa_schema_lookup (info->ref_type), target, fetch_record, self);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title != NULL ? title : C_("no value", "None"));
      gtk_widget_add_css_class (row, "property");
      return row;
    }

  row = xarxa_field_row_new (self->type_name, info->name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  xarxa_field_row_set_value (XARXA_FIELD_ROW (row), json_object_get_member (record, info->name));
  xarxa_field_row_set_saver (XARXA_FIELD_ROW (row), save_field_cb, self);
  return row;
}

/* Removing */

static void
remove_cb (GtkButton         *button,
           XarxaRecordsGroup *self)
{
  GtkWidget *row = owner_row (GTK_WIDGET (button));
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->store == NULL || row == NULL)
    return;
  id = g_strdup (xarxa_value_string_of (row_record (row), "id"));
  title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  if (!xarxa_store_delete_record (self->store, self->type_name, id, &error))
    {
      xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new (_("Could not remove “%s”: %s"), title, error->message));
      return;
    }
  /* The button goes with its row: nothing of it is used after this. */
  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);

  /* TRANSLATORS: %s is the title of the record removed (an objective, a
   * participant…) */
  toast = xarxa_toast_new (_("“%s” removed"), title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undelete");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", self->type_name, id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  xarxa_toast_show (GTK_WIDGET (self), toast);
}

static gboolean
is_default_field (XarxaRecordsGroup    *self,
                  const XarxaFieldInfo *info)
{
  return g_strcmp0 (info->name, self->parent_field) != 0
         /* A reference whose type is named by another field (a link's
          * target) has nothing to show on its own. */
         && !(info->kind == XARXA_FIELD_REF && info->ref_type == NULL);
}

static gboolean
is_nested_list (GtkWidget *widget)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "nested");
}

static GtkWidget *
find_nested_list (GtkWidget *widget)
{
  if (is_nested_list (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_nested_list (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A record's field rows are made when its row is first opened: a list of
 * fifty participants with seven fields each would otherwise make 350 entry
 * rows nobody looks at, and take seconds to show.  What the row function
 * added stays after them. */
static void
build_fields (XarxaRecordsGroup *self,
              GtkWidget         *row)
{
  JsonObject *record = row_record (row);
  GtkWidget *list = find_nested_list (row);
  g_autoptr(GPtrArray) extras = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean was_loading = self->loading;

  if (g_object_get_data (G_OBJECT (row), "xarxa-fields-built") != NULL)
    return;
  g_object_set_data (G_OBJECT (row), "xarxa-fields-built", GINT_TO_POINTER (TRUE));

  for (GtkWidget *c = list != NULL ? gtk_widget_get_first_child (list) : NULL; c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_BOX_ROW (c))
      g_ptr_array_add (extras, g_object_ref (c));
  for (guint i = 0; i < extras->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (row), extras->pdata[i]);

  self->loading = TRUE;
  if (self->fields != NULL)
    {
      for (guint i = 0; self->fields[i] != NULL; i++)
        {
          const XarxaFieldInfo *info = xarxa_record_type_field (self->type, self->fields[i]);

          if (info != NULL)
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row), field_row (self, info, record));
          else
            g_warning ("%s has no field %s", self->type_name, self->fields[i]);
        }
    }
  else
    {
      for (guint i = 0; i < self->type->n_fields; i++)
        if (is_default_field (self, &self->type->fields[i]))
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), field_row (self, &self->type->fields[i], record));
    }
  for (guint i = 0; i < extras->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), extras->pdata[i]);
  self->loading = was_loading;

  name_lists (row, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static GtkWidget *
record_row (XarxaRecordsGroup *self,
            JsonObject        *record)
{
  const char *id = xarxa_value_string_of (record, "id");
  g_autofree char *remove_label = NULL;
  Hook *hook = &self->hooks[HOOK_ROW];
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "xarxa-record", json_object_ref (record),
                          (GDestroyNotify) json_object_unref);
  title_row (self, row, record);

  /* TRANSLATORS: %s is the title of a record in a list (an objective, a
   * participant…) */
  remove_label = g_strdup_printf (_("Remove %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* GTK 4.8 asks the display where the pointer is whenever the tooltip of
   * a shown widget is set (a round trip to the X server, per row): set it
   * before the button is shown. */
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_widget_set_visible (button, TRUE);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  if (hook->func != NULL)
    ((XarxaRecordsRowFunc) hook->func) (self, ADW_EXPANDER_ROW (row), record, hook->data);

  if (g_hash_table_contains (self->expanded, id))
    {
      build_fields (self, row);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
  return row;
}

static void
expanded_cb (AdwExpanderRow    *row,
             GParamSpec        *pspec,
             XarxaRecordsGroup *self)
{
  const char *id = xarxa_value_string_of (row_record (GTK_WIDGET (row)), "id");

  if (adw_expander_row_get_expanded (row))
    {
      build_fields (self, GTK_WIDGET (row));
      g_hash_table_add (self->expanded, g_strdup (id));
    }
  else
    g_hash_table_remove (self->expanded, id);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  XarxaRecordsGroup *self = user_data;
  Hook *hook = &self->hooks[HOOK_COMPARE];

  return ((XarxaRecordsCompareFunc) hook->func) (*(JsonObject **) a, *(JsonObject **) b, hook->data);
}

static void
more_activated_cb (XarxaRecordsGroup *self)
{
  /* The next ones, a batch at a time: all 490 others of a cluster's
   * members at once would take seconds to make. */
  self->limit = MIN (self->rows->len, G_MAXUINT - MORE_ROWS) + MORE_ROWS;
  /* Not from inside the row's own signal: it goes. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cb, self);
}

static GtkWidget *
make_more_row (XarxaRecordsGroup *self,
          guint              n_more)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "go-down-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);
  g_autofree char *title = NULL;

  /* TRANSLATORS: the last row of a long list (a cluster's 500 members),
   * which shows the next ones */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More", "Show %u More", MIN (n_more, MORE_ROWS)),
                           MIN (n_more, MORE_ROWS));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (n_more > MORE_ROWS)
    {
      /* TRANSLATORS: under "Show 50 More": how many the list holds beyond what is shown */
      g_autofree char *left = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not shown yet", "%u not shown yet",
                                                            n_more), n_more);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), left);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  g_signal_connect_object (row, "activated", G_CALLBACK (more_activated_cb), self, G_CONNECT_SWAPPED);
  return row;
}

/* The rowids of the records that are shown wherever they are in the list:
 * the one just made and those left open (NULL when there are none). */
static GHashTable *
wanted_rowids (XarxaRecordsGroup *self)
{
  GHashTable *wanted;
  GHashTableIter iter;
  gpointer id;

  if (self->focus_id == NULL && g_hash_table_size (self->expanded) == 0)
    return NULL;
  wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, self->expanded);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      gint64 rowid = xarxa_store_get_rowid (self->store, self->type_name, id);

      if (rowid >= 0)
        g_hash_table_add (wanted, g_memdup2 (&rowid, sizeof rowid));
    }
  if (self->focus_id != NULL)
    {
      gint64 rowid = xarxa_store_get_rowid (self->store, self->type_name, self->focus_id);

      if (rowid >= 0)
        g_hash_table_add (wanted, g_memdup2 (&rowid, sizeof rowid));
    }
  return wanted;
}

static void
rebuild (XarxaRecordsGroup *self)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GError) error = NULL;
  Hook *filter = &self->hooks[HOOK_FILTER];
  GtkWidget *focus_row = NULL;
  guint n_more = 0;
  guint n;

  g_clear_handle_id (&self->reload_id, g_source_remove);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  if (self->more_row != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_steal_pointer (&self->more_row));

  if (self->store == NULL || self->parent_id == NULL)
    return;

  /* With neither a filter nor an order of its own, the list is the
   * store's, and only the records shown are read: five hundred members
   * show twenty-five.  Otherwise every record is read, to filter and sort
   * them here. */
  if (filter->func == NULL && self->hooks[HOOK_COMPARE].func == NULL)
    {
      g_autoptr(XarxaQuery) query = xarxa_query_new (self->type_name);

      xarxa_query_set_filter (query, self->parent_field, self->parent_id);
      rowids = xarxa_store_query_rowids (self->store, query, &error);
      wanted = wanted_rowids (self);
    }
  else
    records = xarxa_cluster_children (self->store, self->type_name, self->parent_field, self->parent_id, &error);
  if (records == NULL && rowids == NULL)
    {
      g_warning ("Could not read the %s of %s: %s", self->type_name, self->parent_id, error->message);
      return;
    }
  if (records != NULL && self->hooks[HOOK_COMPARE].func != NULL)
    g_ptr_array_sort_with_data (records, compare_records, self);

  /* A long list shows its first rows and a row that shows the rest: five
   * hundred members would take seconds to make.  A record just made or
   * left open is shown wherever it is. */
  self->loading = TRUE;
  n = records != NULL ? records->len : rowids->len;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) record = NULL;
      const char *id;
      GtkWidget *row;

      if (records != NULL)
        {
          record = json_object_ref (records->pdata[i]);
          if (filter->func != NULL && !((XarxaRecordsFilterFunc) filter->func) (self, record, filter->data))
            continue;
          id = xarxa_value_string_of (record, "id");
          if (self->rows->len >= self->limit && g_strcmp0 (id, self->focus_id) != 0
              && !g_hash_table_contains (self->expanded, id))
            {
              n_more++;
              continue;
            }
        }
      else
        {
          gint64 rowid = g_array_index (rowids, gint64, i);

          if (self->rows->len >= self->limit && (wanted == NULL || !g_hash_table_contains (wanted, &rowid)))
            {
              n_more++;
              continue;
            }
          record = xarxa_store_get_record_by_rowid (self->store, self->type_name, rowid, &error);
          if (record == NULL)
            {
              g_warning ("Could not read a record of %s: %s", self->type_name, error->message);
              g_clear_error (&error);
              continue;
            }
          id = xarxa_value_string_of (record, "id");
        }
      row = record_row (self, record);
      g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
      if (g_strcmp0 (self->focus_id, id) == 0)
        focus_row = row;
    }
  self->loading = FALSE;
  if (n_more > 0)
    {
      self->more_row = make_more_row (self, n_more);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->more_row);
    }

  if (focus_row != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (focus_row), TRUE);
      gtk_widget_grab_focus (focus_row);
      g_clear_pointer (&self->focus_id, g_free);
    }
}

static gboolean
reload_cb (gpointer user_data)
{
  XarxaRecordsGroup *self = user_data;

  self->reload_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (XarxaStore        *store,
                  const char        *type_name,
                  const char        *id,
                  XarxaRecordsGroup *self)
{
  if (self->saving || self->parent_id == NULL)
    return;
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cb, self);
}

/* Adding */

static void
add_response_cb (AdwMessageDialog  *dialog,
                 const char        *response,
                 XarxaRecordsGroup *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "xarxa-entry");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "add") != 0 || text[0] == '\0')
    return;
  json_object_set_string_member (values, self->type->title_field, text);
  id = xarxa_records_group_create (self, values, &error);
  if (id == NULL)
    xarxa_toast_show (GTK_WIDGET (self), xarxa_toast_new ("%s", error->message));
}

static void
add_text_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", text[0] != '\0');
}

static void
add_activate_cb (GtkEntry         *entry,
                 AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    adw_message_dialog_response (dialog, "add");
}

static void
add_clicked_cb (XarxaRecordsGroup *self)
{
  Hook *hook = &self->hooks[HOOK_ADD];
  g_autoptr(GString) heading = NULL;
  const XarxaFieldInfo *info;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->store == NULL || self->parent_id == NULL)
    return;
  if (hook->func != NULL)
    {
      ((XarxaRecordsAddFunc) hook->func) (self, hook->data);
      return;
    }

  info = xarxa_record_type_field (self->type, self->type->title_field);
  /* The button's label without its mnemonic and ellipsis: "Add Objective". */
  heading = g_string_new (gtk_button_get_label (GTK_BUTTON (self->add_button)));
  g_string_replace (heading, "_", "", 0);
  g_string_replace (heading, "…", "", 0);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading->str, NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), xarxa_field_info_get_label (info));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  xarxa_field_info_get_label (info), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "xarxa-entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (add_text_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (add_activate_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Public */

GtkWidget *
xarxa_records_group_new (const char *type_name,
                         const char *parent_field)
{
  g_return_val_if_fail (xarxa_schema_lookup (type_name) != NULL, NULL);

  return g_object_new (XARXA_TYPE_RECORDS_GROUP,
                       "type-name", type_name,
                       "parent-field", parent_field,
                       NULL);
}

const char *
xarxa_records_group_get_type_name (XarxaRecordsGroup *self)
{
  g_return_val_if_fail (XARXA_IS_RECORDS_GROUP (self), NULL);

  return self->type_name;
}

void
xarxa_records_group_set_store (XarxaRecordsGroup *self,
                               XarxaStore        *store)
{
  g_autofree char *signal = NULL;

  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));
  g_return_if_fail (store == NULL || XARXA_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      signal = g_strconcat ("changed::", self->type_name, NULL);
      self->changed_id = g_signal_connect_object (store, signal, G_CALLBACK (store_changed_cb), self, 0);
    }
  rebuild (self);
}

void
xarxa_records_group_set_parent_id (XarxaRecordsGroup *self,
                                   const char        *parent_id)
{
  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));

  if (g_strcmp0 (self->parent_id, parent_id) != 0)
    {
      g_hash_table_remove_all (self->expanded);
      g_clear_pointer (&self->focus_id, g_free);
      self->limit = FIRST_ROWS;
    }
  g_free (self->parent_id);
  self->parent_id = g_strdup (parent_id);
  gtk_widget_set_sensitive (self->add_button, parent_id != NULL);
  rebuild (self);
}

const char *
xarxa_records_group_get_parent_id (XarxaRecordsGroup *self)
{
  g_return_val_if_fail (XARXA_IS_RECORDS_GROUP (self), NULL);

  return self->parent_id;
}

void
xarxa_records_group_set_fields (XarxaRecordsGroup *self,
                                const char *const *fields)
{
  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));

  g_strfreev (self->fields);
  self->fields = g_strdupv ((char **) fields);
  rebuild (self);
}

void
xarxa_records_group_set_add_label (XarxaRecordsGroup *self,
                                   const char        *label)
{
  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));

  gtk_button_set_label (GTK_BUTTON (self->add_button), label != NULL ? label : "");
  gtk_widget_set_visible (self->add_button, label != NULL && label[0] != '\0');
  /* GTK 4.8 names a button with a text both by its label and by the label
   * inside it, so that a screen reader would say it twice. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADD_LABEL]);
}

void
xarxa_records_group_set_untitled_label (XarxaRecordsGroup *self,
                                        const char        *label)
{
  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));

  g_free (self->untitled_label);
  self->untitled_label = g_strdup (label);
}

static void
set_hook (XarxaRecordsGroup *self,
          guint              which,
          GCallback          func,
          gpointer           user_data,
          GDestroyNotify     destroy)
{
  Hook *hook = &self->hooks[which];

  if (hook->destroy != NULL)
    hook->destroy (hook->data);
  hook->func = func;
  hook->data = user_data;
  hook->destroy = destroy;
}

void
xarxa_records_group_set_subtitle_func (XarxaRecordsGroup    *self,
                                       XarxaRecordsTextFunc  func,
                                       gpointer              user_data,
                                       GDestroyNotify        destroy)
{
  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));
  set_hook (self, HOOK_SUBTITLE, G_CALLBACK (func), user_data, destroy);
}

void
xarxa_records_group_set_row_func (XarxaRecordsGroup   *self,
                                  XarxaRecordsRowFunc  func,
                                  gpointer             user_data,
                                  GDestroyNotify       destroy)
{
  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));
  set_hook (self, HOOK_ROW, G_CALLBACK (func), user_data, destroy);
}

void
xarxa_records_group_set_filter_func (XarxaRecordsGroup      *self,
                                     XarxaRecordsFilterFunc  func,
                                     gpointer                user_data,
                                     GDestroyNotify          destroy)
{
  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));
  set_hook (self, HOOK_FILTER, G_CALLBACK (func), user_data, destroy);
}

void
xarxa_records_group_set_compare_func (XarxaRecordsGroup       *self,
                                      XarxaRecordsCompareFunc  func,
                                      gpointer                 user_data,
                                      GDestroyNotify           destroy)
{
  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));
  set_hook (self, HOOK_COMPARE, G_CALLBACK (func), user_data, destroy);
}

void
xarxa_records_group_set_choices_func (XarxaRecordsGroup       *self,
                                      XarxaRecordsChoicesFunc  func,
                                      gpointer                 user_data,
                                      GDestroyNotify           destroy)
{
  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));
  set_hook (self, HOOK_CHOICES, G_CALLBACK (func), user_data, destroy);
}

void
xarxa_records_group_set_add_func (XarxaRecordsGroup   *self,
                                  XarxaRecordsAddFunc  func,
                                  gpointer             user_data,
                                  GDestroyNotify       destroy)
{
  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));
  set_hook (self, HOOK_ADD, G_CALLBACK (func), user_data, destroy);
}

char *
xarxa_records_group_create (XarxaRecordsGroup *self,
                            JsonObject        *values,
                            GError           **error)
{
  g_autoptr(JsonObject) record = json_object_new ();
  char *id;

  g_return_val_if_fail (XARXA_IS_RECORDS_GROUP (self), NULL);
  g_return_val_if_fail (values != NULL, NULL);

  if (self->store == NULL || self->parent_id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("There is no record to add this to."));
      return NULL;
    }

  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *node;

    json_object_iter_init (&iter, values);
    while (json_object_iter_next (&iter, &name, &node))
      json_object_set_member (record, name, json_node_copy (node));
  }
  json_object_set_string_member (record, self->parent_field, self->parent_id);

  self->saving = TRUE;
  id = xarxa_store_create_record (self->store, self->type_name, record, error);
  self->saving = FALSE;
  if (id == NULL)
    return NULL;

  g_free (self->focus_id);
  self->focus_id = g_strdup (id);
  g_hash_table_add (self->expanded, g_strdup (id));
  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return id;
}

void
xarxa_records_group_reload (XarxaRecordsGroup *self)
{
  g_return_if_fail (XARXA_IS_RECORDS_GROUP (self));

  rebuild (self);
}

guint
xarxa_records_group_get_n_records (XarxaRecordsGroup *self)
{
  g_return_val_if_fail (XARXA_IS_RECORDS_GROUP (self), 0);

  return self->rows->len;
}

GtkWidget *
xarxa_records_group_get_row (XarxaRecordsGroup *self,
                             const char        *id)
{
  g_return_val_if_fail (XARXA_IS_RECORDS_GROUP (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (xarxa_value_string_of (row_record (self->rows->pdata[i]), "id"), id) == 0)
      return self->rows->pdata[i];
  return NULL;
}

/* GObject */

static void
title_changed_cb (XarxaRecordsGroup *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (self)), -1);
}

static void
xarxa_records_group_constructed (GObject *object)
{
  XarxaRecordsGroup *self = XARXA_RECORDS_GROUP (object);

  G_OBJECT_CLASS (xarxa_records_group_parent_class)->constructed (object);

  /* Read as its title, not its type's name. */
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  title_changed_cb (self);

  self->type = xarxa_schema_lookup (self->type_name);
  g_return_if_fail (self->type != NULL);
  g_return_if_fail (self->parent_field != NULL
                    && xarxa_record_type_field (self->type, self->parent_field) != NULL);
}

static void
xarxa_records_group_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  XarxaRecordsGroup *self = XARXA_RECORDS_GROUP (object);

  switch (prop_id)
    {
    case PROP_TYPE_NAME:
      g_value_set_string (value, self->type_name);
      break;
    case PROP_PARENT_FIELD:
      g_value_set_string (value, self->parent_field);
      break;
    case PROP_ADD_LABEL:
      g_value_set_string (value, gtk_button_get_label (GTK_BUTTON (self->add_button)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_records_group_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  XarxaRecordsGroup *self = XARXA_RECORDS_GROUP (object);

  switch (prop_id)
    {
    case PROP_TYPE_NAME:
      self->type_name = g_value_dup_string (value);
      break;
    case PROP_PARENT_FIELD:
      self->parent_field = g_value_dup_string (value);
      break;
    case PROP_ADD_LABEL:
      xarxa_records_group_set_add_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_records_group_dispose (GObject *object)
{
  XarxaRecordsGroup *self = XARXA_RECORDS_GROUP (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->add_button);
  for (guint i = 0; i < N_HOOKS; i++)
    set_hook (self, i, NULL, NULL, NULL);

  G_OBJECT_CLASS (xarxa_records_group_parent_class)->dispose (object);
}

static void
xarxa_records_group_finalize (GObject *object)
{
  XarxaRecordsGroup *self = XARXA_RECORDS_GROUP (object);

  g_free (self->type_name);
  g_free (self->parent_field);
  g_free (self->parent_id);
  g_strfreev (self->fields);
  g_free (self->untitled_label);
  g_free (self->focus_id);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->expanded);

  G_OBJECT_CLASS (xarxa_records_group_parent_class)->finalize (object);
}

static void
xarxa_records_group_class_init (XarxaRecordsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = xarxa_records_group_constructed;
  object_class->get_property = xarxa_records_group_get_property;
  object_class->set_property = xarxa_records_group_set_property;
  object_class->dispose = xarxa_records_group_dispose;
  object_class->finalize = xarxa_records_group_finalize;

  properties[PROP_TYPE_NAME] =
    g_param_spec_string ("type-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARENT_FIELD] =
    g_param_spec_string ("parent-field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADD_LABEL] =
    g_param_spec_string ("add-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After the group saved, made or removed one of its records. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
xarxa_records_group_init (XarxaRecordsGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->limit = FIRST_ROWS;
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Held: a template may put its own button in the header instead. */
  self->add_button = g_object_ref_sink (gtk_button_new ());
  gtk_button_set_use_underline (GTK_BUTTON (self->add_button), TRUE);
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->add_button, FALSE);
  gtk_widget_set_sensitive (self->add_button, FALSE);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->add_button);
}
