/* xarxa-chart-cairo.h — an indicator's chart (xarxa-chart.h) drawn with
 * cairo for paper: black and greys on white, lines told apart by dashes
 * and markers, labels with Pango.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "xarxa-chart.h"

G_BEGIN_DECLS

/* Draws @chart into the rectangle (0, 0, @width, @height) of @cr's user
 * space (points on a PDF page), legend and axes included.  @cr's state
 * is left as it was. */
void xarxa_chart_draw_cairo (cairo_t          *cr,
                             const XarxaChart *chart,
                             double            width,
                             double            height);

G_END_DECLS
