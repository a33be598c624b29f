/* xarxa-i18n.h — the translations of the programs.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether this program runs from the build tree, not installed, and
 * that tree's folder (NULL when installed). */
gboolean     xarxa_running_from_build_tree (void);
const char  *xarxa_build_root      (void);
void         xarxa_i18n_init       (void);
const char  *xarxa_i18n_locale_dir (void);

G_END_DECLS
