/* xarxa-sync-indicator.c — the sync state in the header bar, with a popover.
 *
 * A button whose icon, tooltip and accessible name say the state of sync
 * (offline, syncing, up to date, changes waiting, conflicts, error); its
 * popover says more, with what to do, and offers Sync Now, the conflicts
 * or the preferences.  Everything it shows is bound to the controller's
 * properties.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-sync-indicator.h"

struct _XarxaSyncIndicator
{
  AdwBin parent_instance;

  XarxaSyncController *controller;
  GBinding            *title_binding;
  GBinding            *tooltip_binding;
  GBinding            *description_binding;

  GtkMenuButton *menu_button;
  GtkStack      *icon_stack;
  GtkImage      *icon;
  GtkSpinner    *spinner;
  GtkLabel      *title_label;
  GtkLabel      *description_label;
  GtkWidget     *conflicts_button;
  GtkWidget     *preferences_button;
  GtkWidget     *sync_button;
};

G_DEFINE_FINAL_TYPE (XarxaSyncIndicator, xarxa_sync_indicator, ADW_TYPE_BIN)

static const char *
state_icon (XarxaSyncState state)
{
  switch (state)
    {
    case XARXA_SYNC_STATE_NOT_SET_UP:
      return "emblem-synchronizing-symbolic";
    case XARXA_SYNC_STATE_OFFLINE:
      return "network-offline-symbolic";
    case XARXA_SYNC_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case XARXA_SYNC_STATE_UP_TO_DATE:
      return "emblem-ok-symbolic";
    case XARXA_SYNC_STATE_WAITING:
      return "emblem-synchronizing-symbolic";
    case XARXA_SYNC_STATE_CONFLICTS:
      return "dialog-warning-symbolic";
    case XARXA_SYNC_STATE_ERROR:
      return "dialog-error-symbolic";
    default:
      g_assert_not_reached ();
    }
}

/* What a binding cannot set: the icon, the buttons, the frame, and the
 * name and description screen readers get. */
static void
update (XarxaSyncIndicator *self)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  XarxaSyncState state;
  gboolean attention;

  if (self->controller == NULL)
    return;

  g_object_get (self->controller,
                "state", &state,
                "title", &title,
                "description", &description,
                NULL);

  gtk_image_set_from_icon_name (self->icon, state_icon (state));
  gtk_stack_set_visible_child_name (self->icon_stack, state == XARXA_SYNC_STATE_SYNCING ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->spinner, state == XARXA_SYNC_STATE_SYNCING);

  gtk_widget_set_visible (self->conflicts_button, state == XARXA_SYNC_STATE_CONFLICTS);
  gtk_widget_set_visible (self->preferences_button,
                          state == XARXA_SYNC_STATE_NOT_SET_UP || state == XARXA_SYNC_STATE_ERROR);
  gtk_widget_set_visible (self->sync_button, state != XARXA_SYNC_STATE_NOT_SET_UP);
  gtk_widget_set_sensitive (self->sync_button, state != XARXA_SYNC_STATE_SYNCING);

  /* The state's title is the button's name, the same words in its
   * tooltip (bound) and for screen readers; the popover says the rest. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  /* Flat like the buttons beside it, unless it needs attention. */
  attention = state == XARXA_SYNC_STATE_ERROR || state == XARXA_SYNC_STATE_CONFLICTS;
  gtk_menu_button_set_has_frame (self->menu_button, attention);
  gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "warning");
  if (state == XARXA_SYNC_STATE_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "error");
  else if (state == XARXA_SYNC_STATE_CONFLICTS)
    gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "warning");
}

static void
unbind (XarxaSyncIndicator *self)
{
  if (self->controller == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->controller, update, self);
  g_clear_pointer (&self->title_binding, g_binding_unbind);
  g_clear_pointer (&self->tooltip_binding, g_binding_unbind);
  g_clear_pointer (&self->description_binding, g_binding_unbind);
}

static void
button_clicked_cb (XarxaSyncIndicator *self)
{
  gtk_menu_button_popdown (self->menu_button);
}

void
xarxa_sync_indicator_set_controller (XarxaSyncIndicator  *self,
                                     XarxaSyncController *controller)
{
  g_return_if_fail (XARXA_IS_SYNC_INDICATOR (self));
  g_return_if_fail (controller == NULL || XARXA_IS_SYNC_CONTROLLER (controller));

  if (self->controller == controller)
    return;
  unbind (self);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    {
      self->title_binding = g_object_bind_property (controller, "title", self->title_label, "label",
                                                    G_BINDING_SYNC_CREATE);
      self->tooltip_binding = g_object_bind_property (controller, "title", self->menu_button, "tooltip-text",
                                                      G_BINDING_SYNC_CREATE);
      self->description_binding = g_object_bind_property (controller, "description",
                                                          self->description_label, "label",
                                                          G_BINDING_SYNC_CREATE);
      g_signal_connect_swapped (controller, "notify::state", G_CALLBACK (update), self);
      g_signal_connect_swapped (controller, "notify::title", G_CALLBACK (update), self);
      g_signal_connect_swapped (controller, "notify::description", G_CALLBACK (update), self);
      update (self);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), controller != NULL);
}

XarxaSyncController *
xarxa_sync_indicator_get_controller (XarxaSyncIndicator *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_INDICATOR (self), NULL);
  return self->controller;
}

static void
xarxa_sync_indicator_dispose (GObject *object)
{
  XarxaSyncIndicator *self = XARXA_SYNC_INDICATOR (object);

  unbind (self);
  g_clear_object (&self->controller);
  /* AdwBin unparents its child itself. */

  G_OBJECT_CLASS (xarxa_sync_indicator_parent_class)->dispose (object);
}

static void
xarxa_sync_indicator_class_init (XarxaSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_sync_indicator_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/xarxa-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaSyncIndicator, menu_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaSyncIndicator, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, XarxaSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, XarxaSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, XarxaSyncIndicator, title_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaSyncIndicator, description_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaSyncIndicator, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaSyncIndicator, preferences_button);
  gtk_widget_class_bind_template_child (widget_class, XarxaSyncIndicator, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, button_clicked_cb);
}

static void
xarxa_sync_indicator_init (XarxaSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
