/* xarxa-indicator-chart.h — an indicator's measurements over time against
 * its baseline and target, drawn with GtkSnapshot; an image to screen
 * readers, named by the indicator's summary.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-chart.h"

G_BEGIN_DECLS

#define XARXA_TYPE_INDICATOR_CHART (xarxa_indicator_chart_get_type ())
G_DECLARE_FINAL_TYPE (XarxaIndicatorChart, xarxa_indicator_chart, XARXA, INDICATOR_CHART, GtkWidget)

GtkWidget  *xarxa_indicator_chart_new       (void);
/* What to draw; NULL draws nothing. */
void        xarxa_indicator_chart_set_chart (XarxaIndicatorChart *self,
                                             XarxaChart          *chart);
XarxaChart *xarxa_indicator_chart_get_chart (XarxaIndicatorChart *self);

G_END_DECLS
