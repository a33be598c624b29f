/* xarxa-cluster-groups.h — what the groups of a cluster's page that wrap a
 * XarxaRecordsGroup (actions, decisions, meetings) share: an Add button
 * that takes little room in the group's header.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-records-group.h"

G_BEGIN_DECLS

/* Puts @header (a box, may hold more, such as a filter) in @records'
 * header with an icon button named @label at its end that asks for a new
 * record as the records group's own Add button does (which stays, held
 * by the group, out of sight).  Returns the icon button. */
GtkWidget *xarxa_cluster_groups_icon_add (XarxaRecordsGroup *records,
                                          GtkWidget         *header,
                                          const char        *label);

G_END_DECLS
