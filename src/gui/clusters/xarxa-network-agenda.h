/* xarxa-network-agenda.h — the shared social agenda of the whole network
 * and its network-wide meetings, shown from the Clusters view.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-cluster-agenda.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_NETWORK_AGENDA (xarxa_network_agenda_get_type ())
G_DECLARE_FINAL_TYPE (XarxaNetworkAgenda, xarxa_network_agenda, XARXA, NETWORK_AGENDA, AdwBin)

void                xarxa_network_agenda_set_store  (XarxaNetworkAgenda *self,
                                                     XarxaStore         *store);
XarxaClusterAgenda *xarxa_network_agenda_get_agenda (XarxaNetworkAgenda *self);
/* The meetings with no cluster, as listed. */
guint               xarxa_network_agenda_get_n_meetings (XarxaNetworkAgenda *self);

G_END_DECLS
