/* ui-test-util.h — what the in-process UI tests share: starting GTK,
 * template children, toplevel windows, and running the main loop until
 * something a person would see holds.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "xarxa-window.h"

/* What every UI test's main() does first: GTK as gtk_test_init() sets it
 * up (in en_US.UTF-8 where the machine has that locale, as most users'
 * machines do; else in C), libadwaita, the app's resources, settings kept
 * in memory, English messages. */
static inline void
ui_test_init (int    *argc,
              char ***argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);

  gtk_test_init (argc, argv, NULL);
  /* In the log, so that CI shows which case it ran. */
  g_test_message ("Locale: %s", setlocale (LC_ALL, NULL));
  adw_init ();
  /* Registers the GUI's resources, where the window templates live. */
  xarxa_gui_init ();
  /* Under Xvfb with no window manager focus moves abruptly; a blinking
   * cursor then warns that it missed a focus-out.  No blinking in tests. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  /* The window buttons GNOME shows by default (its button-layout setting
   * is "appmenu:close"), not GTK's fallback with minimise and maximise
   * that a bare X server gets: the narrow tests measure the window a
   * GNOME user has. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
}

static inline gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

typedef gboolean (*WidgetMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

/* The first widget under @root (itself included), depth first, that
 * @match takes; NULL when there is none. */
static inline GtkWidget *
find_descendant (GtkWidget     *root,
                 WidgetMatch    match,
                 gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The visible toplevel window called @name (gtk_widget_set_name), if any:
 * a dialog the code under test opened. */
static inline GtkWindow *
find_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* Toplevels stay alive while GTK lists them. */
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static inline gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until cond holds; fails after a generous bound so a
 * broken build does not hang (this is not a timing assertion).  The wake-up
 * source is held by pointer, not by id: a full run once reported its id
 * "not found" at removal, and destroying what we hold cannot. */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    GSource *wake_ = g_timeout_source_new (20); \
    g_source_set_callback (wake_, wake_up_cb, NULL, NULL); \
    g_source_attach (wake_, NULL); \
    for (guint i_ = 0; !(cond); i_++) \
      { \
        if (i_ > 3000) \
          g_error ("Gave up waiting for: %s", #cond); \
        g_main_context_iteration (NULL, TRUE); \
      } \
    g_source_destroy (wake_); \
    g_source_unref (wake_); \
  } G_STMT_END

static inline void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A new main window on @store, shown, once it is on screen. */
static inline XarxaWindow *
ui_test_open_window (XarxaStore *store)
{
  XarxaWindow *window = xarxa_window_new (NULL, store, NULL);

  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

/* Types @text into the field row @row and applies it, as Enter does. */
static inline void
set_and_apply (GtkWidget  *row,
               const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  drain ();
}

/* The string @field of the record @id as stored, NULL when unset or null. */
static inline char *
stored_string (XarxaStore *store,
               const char *type_name,
               const char *id,
               const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = xarxa_store_get_record (store, type_name, id, &error);
  JsonNode *node;

  g_assert_no_error (error);
  g_assert_nonnull (record);
  if (!json_object_has_member (record, field))
    return NULL;
  node = json_object_get_member (record, field);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* Closes @window as a person would and fails if anything still holds it
 * once the main loop has run. */
static inline void
destroy_window (gpointer window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_assert_finalize_object (window);
}

/* New record the way a person does it: win.new on @window, then in the
 * dialog called @dialog_name (XarxaNewRecordDialog) type @name — Create is
 * offered only once there is a name — and Create. */
static inline void
ui_test_create_through_dialog (gpointer    window,
                               const char *dialog_name,
                               const char *name)
{
  GtkWindow *dialog;
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL);
  WAIT_FOR ((dialog = find_toplevel (dialog_name)) != NULL);

  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_true (GTK_IS_EDITABLE (entry));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  gtk_window_destroy (dialog);
  drain ();
}
