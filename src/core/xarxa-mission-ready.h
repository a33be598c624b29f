/* xarxa-mission-ready.h — whether this device holds everything a mission
 * needs on the road, with no connection.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store.h"

G_BEGIN_DECLS

/* One thing missing for travel. */
typedef struct
{
  char *code;         /* stable: "stop-address", "host-contact", "participant-contact",
                       * "unsent-changes", "never-synced", "document-attachment" */
  char *record_type;  /* the record to fix, or NULL */
  char *record_id;
  char *message;      /* translated: what is missing and what to do */
} XarxaReadyItem;

void       xarxa_ready_item_free (XarxaReadyItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaReadyItem, xarxa_ready_item_free)

/* What is missing (XarxaReadyItems), in the itinerary's order: every
 * stop's address, a phone number or email address for every host,
 * participants' contacts, the attachments of documents linked to the
 * mission, changes not sent yet, a sync never made.  Empty when the
 * device is ready.  NULL with an error when the mission is not there. */
GPtrArray *xarxa_mission_ready   (XarxaStore  *store,
                                  const char  *mission_id,
                                  GError     **error);
/* When this device last synced (UTC ISO 8601), or NULL: never. */
char      *xarxa_mission_ready_last_sync (XarxaStore *store);

G_END_DECLS
