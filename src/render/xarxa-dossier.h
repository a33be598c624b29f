/* xarxa-dossier.h — a cluster's dossier on paper: its objective, the
 * rights it addresses and its gender perspective, its members and their
 * roles, its indicators with their progress and charts, its actions (the
 * overdue ones marked), its decisions with each member's position and the
 * outcome, and its ranked shared agenda.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-paper.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

/* The dossier in the current language.  @today (NULL: the local date
 * now) decides which actions are overdue.  NULL with an error when the
 * cluster is not there or is deleted. */
XarxaPaper *xarxa_dossier_new (XarxaStore  *store,
                               const char  *cluster_id,
                               GDate       *today,
                               GError     **error);

G_END_DECLS
