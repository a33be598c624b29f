/* xarxa-resizable-pane.c — a side pane whose width the user drags.
 *
 * libadwaita 1.2 has no split view: the directory is an AdwLeaflet that
 * folds on a narrow window.  Unfolded, the leaflet gives each child its
 * natural width and the rest to the one that expands.  This pane holds the
 * list and asks for the width the user chose as its natural width, while
 * its minimum stays its child's: the leaflet still folds where it did, and
 * between there and the chosen width the pane shrinks smoothly.
 *
 * The divider is the pane's trailing edge: a few pixels there show a
 * resize cursor and can be dragged (GtkPaned's handle, without the paned,
 * which a leaflet cannot hold across its pages).  "width" notifies when a
 * drag ends, so that it is stored once, not at every motion.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-resizable-pane"

#include "config.h"

#include "xarxa-resizable-pane.h"

#define HANDLE_SIZE 6   /* pixels at the trailing edge that take a drag */

struct _XarxaResizablePane
{
  GtkWidget parent_instance;

  GtkWidget *child;
  int        width;          /* -1: the child's natural width */
  int        drag_width;     /* while dragging, -1 otherwise */
  int        drag_start;
  gboolean   resizable;
};

static void buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XarxaResizablePane, xarxa_resizable_pane, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, buildable_init))

static GtkBuildableIface *parent_buildable_iface;

enum {
  PROP_0,
  PROP_CHILD,
  PROP_WIDTH,
  PROP_RESIZABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
shown_width (XarxaResizablePane *self)
{
  return self->drag_width >= 0 ? self->drag_width : self->width;
}

static void
xarxa_resizable_pane_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  XarxaResizablePane *self = XARXA_RESIZABLE_PANE (widget);
  int min = 0, nat = 0;

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_measure (self->child, orientation, for_size, &min, &nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->resizable && shown_width (self) >= 0)
    nat = MAX (min, shown_width (self));

  *minimum = min;
  *natural = nat;
}

static void
xarxa_resizable_pane_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  XarxaResizablePane *self = XARXA_RESIZABLE_PANE (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
xarxa_resizable_pane_compute_expand (GtkWidget *widget,
                                     gboolean  *hexpand,
                                     gboolean  *vexpand)
{
  XarxaResizablePane *self = XARXA_RESIZABLE_PANE (widget);

  *hexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

static gboolean
in_handle (XarxaResizablePane *self,
           double              x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (!self->resizable)
    return FALSE;
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return x >= 0 && x < HANDLE_SIZE;
  return x <= width && x > width - HANDLE_SIZE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           XarxaResizablePane       *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), in_handle (self, x) ? "col-resize" : NULL);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          XarxaResizablePane       *self)
{
  if (self->drag_width < 0)
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
drag_begin_cb (GtkGestureDrag     *gesture,
               double              x,
               double              y,
               XarxaResizablePane *self)
{
  if (!in_handle (self, x))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* Ours: the list under the handle does not see this press. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_start = gtk_widget_get_width (GTK_WIDGET (self));
  self->drag_width = self->drag_start;
}

static void
drag_update_cb (GtkGestureDrag     *gesture,
                double              offset_x,
                double              offset_y,
                XarxaResizablePane *self)
{
  int width;

  if (self->drag_width < 0)
    return;
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    offset_x = -offset_x;
  width = MAX (0, self->drag_start + (int) offset_x);
  if (width != self->drag_width)
    {
      self->drag_width = width;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

static void
drag_end_cb (GtkGestureDrag     *gesture,
             double              offset_x,
             double              offset_y,
             XarxaResizablePane *self)
{
  int min = 0;
  int width;

  if (self->drag_width < 0)
    return;

  /* Keep what can be shown: never less than the child needs. */
  if (self->child != NULL)
    gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  width = MAX (min, self->drag_width);
  self->drag_width = -1;
  xarxa_resizable_pane_set_width (self, width);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
xarxa_resizable_pane_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  XarxaResizablePane *self = XARXA_RESIZABLE_PANE (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;
    case PROP_RESIZABLE:
      g_value_set_boolean (value, self->resizable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_resizable_pane_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  XarxaResizablePane *self = XARXA_RESIZABLE_PANE (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      xarxa_resizable_pane_set_child (self, g_value_get_object (value));
      break;
    case PROP_WIDTH:
      xarxa_resizable_pane_set_width (self, g_value_get_int (value));
      break;
    case PROP_RESIZABLE:
      xarxa_resizable_pane_set_resizable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_resizable_pane_dispose (GObject *object)
{
  XarxaResizablePane *self = XARXA_RESIZABLE_PANE (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (xarxa_resizable_pane_parent_class)->dispose (object);
}

static void
xarxa_resizable_pane_class_init (XarxaResizablePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xarxa_resizable_pane_get_property;
  object_class->set_property = xarxa_resizable_pane_set_property;
  object_class->dispose = xarxa_resizable_pane_dispose;
  widget_class->measure = xarxa_resizable_pane_measure;
  widget_class->size_allocate = xarxa_resizable_pane_size_allocate;
  widget_class->compute_expand = xarxa_resizable_pane_compute_expand;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RESIZABLE] =
    g_param_spec_boolean ("resizable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A named group (the page that holds it names it), not a type name. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
xarxa_resizable_pane_init (XarxaResizablePane *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->width = -1;
  self->drag_width = -1;
  self->resizable = TRUE;

  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  /* In the capture phase, so that the handle wins over the list. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

static void
buildable_add_child (GtkBuildable *buildable,
                     GtkBuilder   *builder,
                     GObject      *child,
                     const char   *type)
{
  if (GTK_IS_WIDGET (child))
    xarxa_resizable_pane_set_child (XARXA_RESIZABLE_PANE (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = buildable_add_child;
}

GtkWidget *
xarxa_resizable_pane_new (void)
{
  return g_object_new (XARXA_TYPE_RESIZABLE_PANE, NULL);
}

GtkWidget *
xarxa_resizable_pane_get_child (XarxaResizablePane *self)
{
  g_return_val_if_fail (XARXA_IS_RESIZABLE_PANE (self), NULL);

  return self->child;
}

void
xarxa_resizable_pane_set_child (XarxaResizablePane *self,
                                GtkWidget          *child)
{
  g_return_if_fail (XARXA_IS_RESIZABLE_PANE (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

int
xarxa_resizable_pane_get_width (XarxaResizablePane *self)
{
  g_return_val_if_fail (XARXA_IS_RESIZABLE_PANE (self), -1);

  return self->width;
}

void
xarxa_resizable_pane_set_width (XarxaResizablePane *self,
                                int                 width)
{
  g_return_if_fail (XARXA_IS_RESIZABLE_PANE (self));
  g_return_if_fail (width >= -1);

  if (self->width == width)
    return;

  self->width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
}

gboolean
xarxa_resizable_pane_get_resizable (XarxaResizablePane *self)
{
  g_return_val_if_fail (XARXA_IS_RESIZABLE_PANE (self), FALSE);

  return self->resizable;
}

/* Not resizable (the leaflet folded: the pane is the whole width), it
 * takes its child's natural width and no drag. */
void
xarxa_resizable_pane_set_resizable (XarxaResizablePane *self,
                                    gboolean            resizable)
{
  g_return_if_fail (XARXA_IS_RESIZABLE_PANE (self));

  resizable = !!resizable;
  if (self->resizable == resizable)
    return;

  self->resizable = resizable;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESIZABLE]);
}
