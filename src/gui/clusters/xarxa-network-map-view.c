/* xarxa-network-map-view.c — draws a network map with GtkSnapshot (see
 * xarxa-network-map-view.h).
 *
 * The map's positions lie in 0..1; the view shows them at `unit` pixels
 * per map unit, the map's origin at (tx, ty).  Positions times the unit
 * are cached and made again only when the zoom changes, so that panning
 * (which moves tx, ty) redraws without any arithmetic per node beyond an
 * addition, and only what is inside the view is drawn.  GTK 4.8 has no
 * paths: a link is a thin rotated rectangle, a disc a rounded border as
 * wide as its radius.
 *
 * Organisations are small discs; clusters are rounded squares with an
 * outline; the bridging organisations are larger discs in the accent
 * colour with a ring, so that they differ by size and shape, not colour
 * alone.  Clusters and bridges are named; the others on hover.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-network-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xarxa-network-map-view.h"

#define MARGIN 24.0            /* around the fitted map, in pixels */
#define MIN_ZOOM 0.5
#define MAX_ZOOM 60.0
#define ZOOM_STEP 1.5
#define ENTITY_RADIUS 4.0
#define BRIDGE_RADIUS 7.5
#define CLUSTER_HALF 7.0
#define HIT_SLACK 4.0
/* Above this many named nodes in view, names wait for a closer zoom. */
#define MAX_LABELS 120

struct _XarxaNetworkMapView
{
  GtkWidget        parent_instance;

  XarxaNetworkMap *map;
  double           unit;         /* pixels per map unit */
  double           fit_unit;
  double           tx;
  double           ty;
  gboolean         fitted;       /* follows the view's size until moved */

  graphene_point_t *cache;       /* positions times cache_unit */
  double           cache_unit;
  PangoLayout    **labels;       /* per node, made when first drawn */

  int              hover;
  double           pointer_x;
  double           pointer_y;
  double           drag_tx;
  double           drag_ty;
  double           pinch_unit;
  double           pinch_x;
  double           pinch_y;
};

G_DEFINE_FINAL_TYPE (XarxaNetworkMapView, xarxa_network_map_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_MAP,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  NODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_nodes (XarxaNetworkMapView *self)
{
  return self->map != NULL ? xarxa_network_map_get_n_nodes (self->map) : 0;
}

static void
clear_labels (XarxaNetworkMapView *self)
{
  if (self->labels == NULL)
    return;
  for (guint i = 0; i < n_nodes (self); i++)
    g_clear_object (&self->labels[i]);
  g_clear_pointer (&self->labels, g_free);
}

static void
ensure_cache (XarxaNetworkMapView *self)
{
  guint n = n_nodes (self);

  if (self->cache != NULL && self->cache_unit == self->unit)
    return;
  if (self->cache == NULL)
    self->cache = g_new (graphene_point_t, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const XarxaMapNode *node = xarxa_network_map_get_node (self->map, i);

      self->cache[i].x = (float) (node->x * self->unit);
      self->cache[i].y = (float) (node->y * self->unit);
    }
  self->cache_unit = self->unit;
}

static double
node_radius (const XarxaMapNode *node)
{
  if (node->kind == XARXA_MAP_NODE_CLUSTER)
    return CLUSTER_HALF;
  return node->bridge ? BRIDGE_RADIUS : ENTITY_RADIUS;
}

static void
notify_zoom (XarxaNetworkMapView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
apply_fit (XarxaNetworkMapView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double old = self->unit;

  self->unit = self->fit_unit;
  self->tx = (width - self->unit) / 2;
  self->ty = (height - self->unit) / 2;
  self->fitted = TRUE;
  if (old != self->unit)
    notify_zoom (self);
}

/* Zooms to @unit keeping the map point under (@x, @y) where it is. */
static void
zoom_to (XarxaNetworkMapView *self,
         double               unit,
         double               x,
         double               y)
{
  double wx, wy;

  unit = CLAMP (unit, self->fit_unit * MIN_ZOOM, self->fit_unit * MAX_ZOOM);
  if (unit == self->unit || self->unit <= 0)
    return;
  wx = (x - self->tx) / self->unit;
  wy = (y - self->ty) / self->unit;
  self->unit = unit;
  self->tx = x - wx * unit;
  self->ty = y - wy * unit;
  self->fitted = FALSE;
  notify_zoom (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- drawing ----------------------------------------------------------- */

static void
append_line (GtkSnapshot   *snapshot,
             float          x1,
             float          y1,
             float          x2,
             float          y2,
             float          width,
             const GdkRGBA *color)
{
  float dx = x2 - x1, dy = y2 - y1;
  float length = sqrtf (dx * dx + dy * dy);

  if (length < 0.5f)
    return;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x1, y1));
  gtk_snapshot_rotate (snapshot, atan2f (dy, dx) * 180.f / (float) G_PI);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (0, -width / 2, length, width));
  gtk_snapshot_restore (snapshot);
}

/* A rounded shape: filled (a border as wide as half its side), with a
 * ring of @ring_width in @ring around it when that is not NULL. */
static void
append_shape (GtkSnapshot   *snapshot,
              float          x,
              float          y,
              float          half,
              float          corner,
              const GdkRGBA *fill,
              float          ring_width,
              const GdkRGBA *ring)
{
  GskRoundedRect shape;
  const float fill_widths[4] = { half, half, half, half };
  const GdkRGBA fills[4] = { *fill, *fill, *fill, *fill };

  gsk_rounded_rect_init_from_rect (&shape, &GRAPHENE_RECT_INIT (x - half, y - half, 2 * half, 2 * half), corner);
  gtk_snapshot_append_border (snapshot, &shape, fill_widths, fills);
  if (ring != NULL)
    {
      const float ring_widths[4] = { ring_width, ring_width, ring_width, ring_width };
      const GdkRGBA rings[4] = { *ring, *ring, *ring, *ring };

      gtk_snapshot_append_border (snapshot, &shape, ring_widths, rings);
    }
}

typedef struct
{
  GdkRGBA fg;
  GdkRGBA bg;
  GdkRGBA accent;
  GdkRGBA line;
  GdkRGBA entity;
} Palette;

static void
get_palette (XarxaNetworkMapView *self,
             Palette             *p)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &p->fg);
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &p->bg))
    gdk_rgba_parse (&p->bg, "#ffffff");
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &p->accent))
    gdk_rgba_parse (&p->accent, "#3584e4");
  p->line = p->fg;
  p->line.alpha *= 0.22f;
  p->entity = p->fg;
  p->entity.alpha *= 0.55f;
}

static gboolean
shows_name (XarxaNetworkMapView *self,
            const XarxaMapNode  *node,
            guint                index)
{
  return node->kind == XARXA_MAP_NODE_CLUSTER || node->bridge || (int) index == self->hover;
}

static void
append_label (XarxaNetworkMapView *self,
              GtkSnapshot         *snapshot,
              guint                index,
              float                x,
              float                y,
              const GdkRGBA       *color)
{
  const XarxaMapNode *node = xarxa_network_map_get_node (self->map, index);
  int width, height;

  if (self->labels == NULL)
    self->labels = g_new0 (PangoLayout *, MAX (n_nodes (self), 1));
  if (self->labels[index] == NULL)
    self->labels[index] = gtk_widget_create_pango_layout (GTK_WIDGET (self), node->name);
  pango_layout_get_pixel_size (self->labels[index], &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + (float) node_radius (node) + 4, y - height / 2.f));
  gtk_snapshot_append_layout (snapshot, self->labels[index], color);
  gtk_snapshot_restore (snapshot);
}

static void
xarxa_network_map_view_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  XarxaNetworkMapView *self = XARXA_NETWORK_MAP_VIEW (widget);
  float width = (float) gtk_widget_get_width (widget);
  float height = (float) gtk_widget_get_height (widget);
  float tx = (float) self->tx, ty = (float) self->ty;
  /* What is in view, in cached coordinates, with room for a shape. */
  float x0 = -tx - 20, y0 = -ty - 20, x1 = width - tx + 20, y1 = height - ty + 20;
  guint n = n_nodes (self);
  guint n_named = 0;
  Palette p;

  if (n == 0)
    return;
  ensure_cache (self);
  get_palette (self, &p);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint i = 0; i < xarxa_network_map_get_n_edges (self->map); i++)
    {
      const XarxaMapEdge *e = xarxa_network_map_get_edge (self->map, i);
      const graphene_point_t *a = &self->cache[e->entity];
      const graphene_point_t *b = &self->cache[e->cluster];
      gboolean lit;

      /* Both ends beyond the same side: the link is out of view. */
      if ((a->x < x0 && b->x < x0) || (a->x > x1 && b->x > x1) ||
          (a->y < y0 && b->y < y0) || (a->y > y1 && b->y > y1))
        continue;
      /* The links of the node under the pointer stand out. */
      lit = self->hover == (int) e->entity || self->hover == (int) e->cluster;
      append_line (snapshot, a->x + tx, a->y + ty, b->x + tx, b->y + ty,
                   lit ? 2.f : 1.f, lit ? &p.accent : &p.line);
    }

  /* Organisations under clusters, bridges on top. */
  for (int pass = 0; pass < 3; pass++)
    for (guint i = 0; i < n; i++)
      {
        const XarxaMapNode *node = xarxa_network_map_get_node (self->map, i);
        const graphene_point_t *c = &self->cache[i];
        float x = c->x + tx, y = c->y + ty;
        int node_pass = node->kind == XARXA_MAP_NODE_CLUSTER ? 1 : node->bridge ? 2 : 0;

        if (node_pass != pass || c->x < x0 || c->x > x1 || c->y < y0 || c->y > y1)
          continue;
        if (pass == 0)
          append_shape (snapshot, x, y, ENTITY_RADIUS, ENTITY_RADIUS, &p.entity, 0, NULL);
        else if (pass == 1)
          append_shape (snapshot, x, y, CLUSTER_HALF, 3, &p.bg, 2.5f, &p.fg);
        else
          append_shape (snapshot, x, y, BRIDGE_RADIUS, BRIDGE_RADIUS, &p.accent, 2, &p.fg);
        if ((int) i == self->hover)
          {
            GskRoundedRect ring;
            float r = (float) node_radius (node) + 3;
            const float widths[4] = { 2, 2, 2, 2 };
            const GdkRGBA colors[4] = { p.accent, p.accent, p.accent, p.accent };

            gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r),
                                             node->kind == XARXA_MAP_NODE_CLUSTER ? 5 : r);
            gtk_snapshot_append_border (snapshot, &ring, widths, colors);
          }
        if (shows_name (self, node, i))
          n_named++;
      }

  for (guint i = 0; i < n; i++)
    {
      const XarxaMapNode *node = xarxa_network_map_get_node (self->map, i);
      const graphene_point_t *c = &self->cache[i];

      if (!shows_name (self, node, i) || c->x < x0 || c->x > x1 || c->y < y0 || c->y > y1)
        continue;
      if (n_named > MAX_LABELS && (int) i != self->hover)
        continue;
      append_label (self, snapshot, i, c->x + tx, c->y + ty, &p.fg);
    }
  gtk_snapshot_pop (snapshot);
}

/* ---- size ------------------------------------------------------------- */

static void
xarxa_network_map_view_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  *minimum = 120;
  *natural = 480;
}

static void
xarxa_network_map_view_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  XarxaNetworkMapView *self = XARXA_NETWORK_MAP_VIEW (widget);
  double old_fit = self->fit_unit;

  self->fit_unit = MAX (MIN (width, height) - 2 * MARGIN, 1.0);
  if (self->fitted || self->unit <= 0)
    apply_fit (self);
  else if (old_fit > 0)
    notify_zoom (self);
}

/* ---- input ------------------------------------------------------------- */

int
xarxa_network_map_view_node_at (XarxaNetworkMapView *self,
                                double               x,
                                double               y)
{
  double best = G_MAXDOUBLE;
  int found = -1;

  g_return_val_if_fail (XARXA_IS_NETWORK_MAP_VIEW (self), -1);

  if (n_nodes (self) == 0)
    return -1;
  ensure_cache (self);
  x -= self->tx;
  y -= self->ty;
  for (guint i = 0; i < n_nodes (self); i++)
    {
      const XarxaMapNode *node = xarxa_network_map_get_node (self->map, i);
      double dx = self->cache[i].x - x, dy = self->cache[i].y - y;
      double d = dx * dx + dy * dy;
      double reach = node_radius (node) + HIT_SLACK;

      /* Bridges and clusters are drawn on top: they win a tie. */
      if (d <= reach * reach && (d < best || (d == best && node->kind != XARXA_MAP_NODE_ENTITY)))
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

static void
set_hover (XarxaNetworkMapView *self,
           int                  hover)
{
  if (hover == self->hover)
    return;
  self->hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (XarxaNetworkMapView *self,
           double               x,
           double               y)
{
  self->pointer_x = x;
  self->pointer_y = y;
  set_hover (self, xarxa_network_map_view_node_at (self, x, y));
}

static void
leave_cb (XarxaNetworkMapView *self)
{
  set_hover (self, -1);
}

static void
released_cb (GtkGestureClick     *gesture,
             int                  n_press,
             double               x,
             double               y,
             XarxaNetworkMapView *self)
{
  int index = xarxa_network_map_view_node_at (self, x, y);

  if (n_press == 1 && index >= 0)
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, (guint) index);
}

void
xarxa_network_map_view_pan (XarxaNetworkMapView *self,
                            double               dx,
                            double               dy)
{
  g_return_if_fail (XARXA_IS_NETWORK_MAP_VIEW (self));

  if (n_nodes (self) == 0)
    return;
  self->tx += dx;
  self->ty += dy;
  self->fitted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The arrow keys move the map a tenth of the view; "dx,dy" in tenths. */
static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  xarxa_network_map_view_pan (XARXA_NETWORK_MAP_VIEW (widget),
                              dx * gtk_widget_get_width (widget) / 10.0,
                              dy * gtk_widget_get_height (widget) / 10.0);
}

static void
drag_begin_cb (XarxaNetworkMapView *self)
{
  /* Clicked or dragged, the map has the keyboard: the arrows pan it. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_tx = self->tx;
  self->drag_ty = self->ty;
}

static void
drag_update_cb (XarxaNetworkMapView *self,
                double               offset_x,
                double               offset_y)
{
  if (n_nodes (self) == 0)
    return;
  xarxa_network_map_view_pan (self, self->drag_tx + offset_x - self->tx, self->drag_ty + offset_y - self->ty);
}

static gboolean
scroll_cb (XarxaNetworkMapView *self,
           double               dx,
           double               dy)
{
  if (n_nodes (self) == 0 || dy == 0)
    return FALSE;
  /* A wheel's notch is 1; a touchpad's smooth deltas can be large. */
  zoom_to (self, self->unit * pow (1.2, -CLAMP (dy, -2.0, 2.0)), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture          *gesture,
                GdkEventSequence    *sequence,
                XarxaNetworkMapView *self)
{
  self->pinch_unit = self->unit;
  if (!gtk_gesture_get_bounding_box_center (gesture, &self->pinch_x, &self->pinch_y))
    {
      self->pinch_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      self->pinch_y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
}

static void
pinch_cb (XarxaNetworkMapView *self,
          double               scale)
{
  zoom_to (self, self->pinch_unit * scale, self->pinch_x, self->pinch_y);
}

/* ---- public ------------------------------------------------------------ */

GtkWidget *
xarxa_network_map_view_new (void)
{
  return g_object_new (XARXA_TYPE_NETWORK_MAP_VIEW, NULL);
}

void
xarxa_network_map_view_set_map (XarxaNetworkMapView *self,
                                XarxaNetworkMap     *map)
{
  g_autofree char *description = NULL;
  g_autofree char *organisations = NULL;
  g_autofree char *clusters = NULL;
  guint n_clusters = 0;
  gboolean keep_view;

  g_return_if_fail (XARXA_IS_NETWORK_MAP_VIEW (self));

  if (map == self->map)
    return;
  /* The same map drawn again after a change (a member added elsewhere, a
   * sync) keeps the zoom and the part in view that the person chose; a
   * map of another scope opens whole. */
  keep_view = self->map != NULL && map != NULL && !self->fitted &&
              g_strcmp0 (xarxa_network_map_get_cluster_id (self->map), xarxa_network_map_get_cluster_id (map)) == 0;
  clear_labels (self);
  g_clear_pointer (&self->cache, g_free);
  g_clear_pointer (&self->map, xarxa_network_map_unref);
  if (map != NULL)
    self->map = xarxa_network_map_ref (map);
  self->hover = -1;
  if (!keep_view)
    {
      self->fitted = TRUE;
      if (self->fit_unit > 0)
        apply_fit (self);
    }

  for (guint i = 0; i < n_nodes (self); i++)
    if (xarxa_network_map_get_node (self->map, i)->kind == XARXA_MAP_NODE_CLUSTER)
      n_clusters++;
  organisations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u organisation", "%u organisations", n_nodes (self) - n_clusters),
                                   n_nodes (self) - n_clusters);
  clusters = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cluster", "%u clusters", n_clusters), n_clusters);
  /* Translators: what a screen reader says of the map's drawing: "12
   * organisations and 3 clusters, …"; the list of bridging organisations
   * beside it is the way in. */
  description = g_strdup_printf (_("%s and %s, linked by their memberships. "
                                   "The bridging organisations are listed beside the map."),
                                 organisations, clusters);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

XarxaNetworkMap *
xarxa_network_map_view_get_map (XarxaNetworkMapView *self)
{
  g_return_val_if_fail (XARXA_IS_NETWORK_MAP_VIEW (self), NULL);

  return self->map;
}

double
xarxa_network_map_view_get_zoom (XarxaNetworkMapView *self)
{
  g_return_val_if_fail (XARXA_IS_NETWORK_MAP_VIEW (self), 1.0);

  return self->fit_unit > 0 ? self->unit / self->fit_unit : 1.0;
}

gboolean
xarxa_network_map_view_can_zoom_in (XarxaNetworkMapView *self)
{
  g_return_val_if_fail (XARXA_IS_NETWORK_MAP_VIEW (self), FALSE);

  return n_nodes (self) > 0 && self->unit < self->fit_unit * MAX_ZOOM * 0.999;
}

gboolean
xarxa_network_map_view_can_zoom_out (XarxaNetworkMapView *self)
{
  g_return_val_if_fail (XARXA_IS_NETWORK_MAP_VIEW (self), FALSE);

  return n_nodes (self) > 0 && self->unit > self->fit_unit * MIN_ZOOM * 1.001;
}

void
xarxa_network_map_view_zoom_in (XarxaNetworkMapView *self)
{
  g_return_if_fail (XARXA_IS_NETWORK_MAP_VIEW (self));

  zoom_to (self, self->unit * ZOOM_STEP,
           gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
xarxa_network_map_view_zoom_out (XarxaNetworkMapView *self)
{
  g_return_if_fail (XARXA_IS_NETWORK_MAP_VIEW (self));

  zoom_to (self, self->unit / ZOOM_STEP,
           gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
xarxa_network_map_view_zoom_fit (XarxaNetworkMapView *self)
{
  g_return_if_fail (XARXA_IS_NETWORK_MAP_VIEW (self));

  apply_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- class ------------------------------------------------------------- */

static void
xarxa_network_map_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  XarxaNetworkMapView *self = XARXA_NETWORK_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_boxed (value, self->map);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, xarxa_network_map_view_get_zoom (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_network_map_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  XarxaNetworkMapView *self = XARXA_NETWORK_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      xarxa_network_map_view_set_map (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_network_map_view_finalize (GObject *object)
{
  XarxaNetworkMapView *self = XARXA_NETWORK_MAP_VIEW (object);

  clear_labels (self);
  g_clear_pointer (&self->cache, g_free);
  g_clear_pointer (&self->map, xarxa_network_map_unref);

  G_OBJECT_CLASS (xarxa_network_map_view_parent_class)->finalize (object);
}

static void
xarxa_network_map_view_class_init (XarxaNetworkMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xarxa_network_map_view_get_property;
  object_class->set_property = xarxa_network_map_view_set_property;
  object_class->finalize = xarxa_network_map_view_finalize;
  widget_class->snapshot = xarxa_network_map_view_snapshot;
  widget_class->measure = xarxa_network_map_view_measure;
  widget_class->size_allocate = xarxa_network_map_view_size_allocate;

  properties[PROP_MAP] =
    g_param_spec_boxed ("map", NULL, NULL, XARXA_TYPE_NETWORK_MAP,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, G_MAXDOUBLE, 1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A node was clicked: its index in the map. */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /* The map's own content moves the other way: an arrow shows more of
   * what lies in its direction. */
  gtk_widget_class_install_action (widget_class, "map-view.pan", "(ii)", pan_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map-view.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map-view.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map-view.pan", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map-view.pan", "(ii)", 0, -1);

  gtk_widget_class_set_css_name (widget_class, "xarxa-network-map");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
xarxa_network_map_view_init (XarxaNetworkMapView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();

  self->hover = -1;
  self->fitted = TRUE;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Network map"),
                                  -1);

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (pinch, "scale-changed", G_CALLBACK (pinch_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
}
