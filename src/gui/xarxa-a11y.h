/* xarxa-a11y.h — names that screen readers read once and plainly.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void xarxa_a11y_name_toast_buttons  (AdwToastOverlay  *overlay);
void xarxa_a11y_name_dialog_buttons (AdwMessageDialog *dialog);

G_END_DECLS
