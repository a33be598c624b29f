/* xarxa-sync-indicator.h — the sync state in the header bar, with a popover.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-sync-controller.h"

G_BEGIN_DECLS

#define XARXA_TYPE_SYNC_INDICATOR (xarxa_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (XarxaSyncIndicator, xarxa_sync_indicator, XARXA, SYNC_INDICATOR, AdwBin)

void xarxa_sync_indicator_set_controller (XarxaSyncIndicator  *self,
                                          XarxaSyncController *controller);
XarxaSyncController *xarxa_sync_indicator_get_controller (XarxaSyncIndicator *self);

G_END_DECLS
