/* xarxa-member-picker.h — adds an organisation to a cluster: finds it in
 * the whole directory as you type, or creates it on the spot.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_MEMBER_PICKER (xarxa_member_picker_get_type ())
G_DECLARE_FINAL_TYPE (XarxaMemberPicker, xarxa_member_picker, XARXA, MEMBER_PICKER, AdwWindow)

/* A modal window over @parent; it emits "added" (the new member's id)
 * each time it adds one, and closes. */
GtkWidget *xarxa_member_picker_new (GtkWindow  *parent,
                                    XarxaStore *store,
                                    const char *cluster_id);

G_END_DECLS
