/* xarxa-cluster-editor.h — the form that edits one cluster in place, with
 * its members.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_CLUSTER_EDITOR (xarxa_cluster_editor_get_type ())
G_DECLARE_FINAL_TYPE (XarxaClusterEditor, xarxa_cluster_editor, XARXA, CLUSTER_EDITOR, AdwBin)

void        xarxa_cluster_editor_set_store      (XarxaClusterEditor *self,
                                                 XarxaStore         *store);
/* Saves what is being typed in the cluster shown, then shows @id (NULL:
 * none). */
void        xarxa_cluster_editor_set_cluster    (XarxaClusterEditor *self,
                                                 const char         *id);
const char *xarxa_cluster_editor_get_cluster_id (XarxaClusterEditor *self);
/* The cluster's name as stored, or NULL. */
const char *xarxa_cluster_editor_get_name       (XarxaClusterEditor *self);
/* Saves the field being typed, if it changed and can be saved. */
void        xarxa_cluster_editor_flush          (XarxaClusterEditor *self);
void        xarxa_cluster_editor_focus_first    (XarxaClusterEditor *self);
/* Reads the members again (after one was added, removed or restored). */
void        xarxa_cluster_editor_reload_members (XarxaClusterEditor *self);

G_END_DECLS
