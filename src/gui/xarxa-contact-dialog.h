/* xarxa-contact-dialog.h — adds or edits one contact person of an organisation.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_CONTACT_DIALOG (xarxa_contact_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XarxaContactDialog, xarxa_contact_dialog, XARXA, CONTACT_DIALOG, AdwWindow)

/* contact_id NULL: a new contact of entity_id.  Emits "saved" (with the
 * contact's id) once it is stored, then closes. */
GtkWidget *xarxa_contact_dialog_new  (GtkWindow  *parent,
                                      XarxaStore *store,
                                      const char *entity_id,
                                      const char *contact_id);
/* Validates and stores; what the Save button does.  FALSE: something is
 * marked invalid and nothing was stored. */
gboolean   xarxa_contact_dialog_save (XarxaContactDialog *self);

G_END_DECLS
