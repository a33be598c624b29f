/* xarxa-mission-cluster.h — after a mission: the people and organisations
 * met on it, in one list, and a cluster started from it with its hosts.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store.h"

G_BEGIN_DECLS

/* Someone met: an organisation ("entity") or a person ("contact"). */
typedef struct
{
  char     *type_name;   /* "entity" or "contact" */
  char     *id;
  char     *title;       /* the name as a person reads it */
  char     *entity_id;   /* a person's organisation, or NULL */
  gboolean  host;        /* hosted one of the mission's stops */
} XarxaMissionMet;

void        xarxa_mission_met_free          (XarxaMissionMet *met);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaMissionMet, xarxa_mission_met_free)

/* The organisations and people met on the mission, each once: the host
 * organisations and host contacts of its stops, the people its field notes
 * name as met (field_note_person) and their organisations.  Organisations first, then people, each
 * by name as the user's language sorts.  NULL with an error when the
 * mission is not there. */
GPtrArray  *xarxa_mission_people_met        (XarxaStore   *store,
                                             const char   *mission_id,
                                             GError      **error);
/* The ids of the people a field note names as met (its
 * field_note_person records whose contact is live), in the order they
 * were named. */
GPtrArray  *xarxa_field_note_people         (XarxaStore   *store,
                                             const char   *note_id,
                                             GError      **error);
/* Names the contact @contact_id as met on the field note @note_id: one
 * field_note_person record, whose id derives from the pair (a person
 * named twice is refused with XARXA_ERROR_DUPLICATE). */
gboolean    xarxa_field_note_add_person     (XarxaStore   *store,
                                             const char   *note_id,
                                             const char   *contact_id,
                                             GError      **error);
/* The ids of the organisations that hosted a stop, each once, in the
 * order of the itinerary: the members a cluster from the mission is
 * offered. */
GPtrArray  *xarxa_mission_host_entity_ids   (XarxaStore   *store,
                                             const char   *mission_id,
                                             GError      **error);
/* Whether the mission is over: completed, or its end date (else its start
 * date) is before @today (YYYY-MM-DD; NULL: today here). */
gboolean    xarxa_mission_is_over           (JsonObject   *mission,
                                             const char   *today);
/* Creates, in one transaction, a cluster named after the mission (status
 * forming, starting @today or today here when NULL, its description
 * saying where it came from) with @entity_ids (NULL-terminated, may be
 * empty) as its members.  Returns the cluster's id; NULL with an error
 * and nothing written when the mission is not there or a member is
 * refused. */
char       *xarxa_mission_start_cluster     (XarxaStore         *store,
                                             const char         *mission_id,
                                             const char * const *entity_ids,
                                             const char         *today,
                                             GError            **error);

G_END_DECLS
