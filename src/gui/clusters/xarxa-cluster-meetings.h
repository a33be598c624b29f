/* xarxa-cluster-meetings.h — a cluster's reflection meetings, in its page.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xarxa-records-group.h"
#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_CLUSTER_MEETINGS (xarxa_cluster_meetings_get_type ())
G_DECLARE_FINAL_TYPE (XarxaClusterMeetings, xarxa_cluster_meetings, XARXA, CLUSTER_MEETINGS, AdwPreferencesGroup)

void               xarxa_cluster_meetings_set_store      (XarxaClusterMeetings *self,
                                                          XarxaStore           *store);
void               xarxa_cluster_meetings_set_cluster_id (XarxaClusterMeetings *self,
                                                          const char           *cluster_id);
XarxaRecordsGroup *xarxa_cluster_meetings_get_records    (XarxaClusterMeetings *self);
/* A button that saves the agenda of meeting @meeting_id to the library
 * (xarxa_agenda_save_to_library()) and says so in a toast; insensitive
 * while the meeting gave no agenda item.  Named for screen readers after
 * the meeting's title. */
GtkWidget         *xarxa_cluster_meetings_save_button    (XarxaStore           *store,
                                                          JsonObject           *meeting);
/* Adds to a meeting's @row one row per document of the library linked to
 * it (the agendas saved from it), each opening the document. */
void               xarxa_cluster_meetings_add_documents  (XarxaStore           *store,
                                                          AdwExpanderRow       *row,
                                                          const char           *meeting_id);
/* The subtitle of a meeting's row: "3 March · Casal de Barri" or
 * "3 March · Online". */
char              *xarxa_cluster_meetings_subtitle       (JsonObject           *meeting);

G_END_DECLS
