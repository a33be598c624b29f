/* xarxa-cluster.h — what a cluster adds up to: figures computed from its
 * records, never stored (progress of its indicators, overdue actions, the
 * outcome of a decision, its members and coordinator, the ranked shared
 * agenda), and the cluster with everything under it as JSON and Markdown
 * for the command line, the views and exports.
 *
 * Records travel as the store hands them out (xarxa-store.h).  Functions
 * that take records compute without a store; those that take a store read
 * through its public API.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

/* ---- from records ------------------------------------------------------ */

/* The fraction of the way from the indicator's baseline to its target
 * that @measurement's value has come, whichever way the indicator should
 * go: 0 at the baseline, 1 at the target, above 1 past it, below 0 the
 * wrong way.  FALSE (and *@progress untouched) without a measurement or a
 * value, without baseline and target, when target equals baseline, or
 * when the direction contradicts them (up, but the target is lower). */
gboolean    xarxa_indicator_progress   (JsonObject  *indicator,
                                        JsonObject  *measurement,
                                        double      *progress);
/* The latest of @measurements (JsonObjects) with a value: by measured_on,
 * then by last change.  NULL when none has a value.  Not a new reference. */
JsonObject *xarxa_indicator_latest     (GPtrArray   *measurements);
/* What a screen reader says of an indicator, in the current language:
 * "Women on governing boards: 34 %, half way from 20 % to the target of
 * 50 %".  @latest may be NULL. */
char       *xarxa_indicator_summary    (JsonObject  *indicator,
                                        JsonObject  *latest);
/* Due before @today (NULL: the local date now) and neither done nor
 * dropped. */
gboolean    xarxa_action_is_overdue    (JsonObject  *action,
                                        GDate       *today);

typedef struct
{
  guint    n_agree;
  guint    n_reservations;
  guint    n_stand_aside;
  guint    n_block;
  /* Taken by consensus: at least one position, and nobody blocks. */
  gboolean consensus;
} XarxaDecisionOutcome;

/* The outcome of a decision from its positions (JsonObjects). */
void        xarxa_decision_outcome     (GPtrArray            *positions,
                                        XarxaDecisionOutcome *outcome);

/* ---- from the store ---------------------------------------------------- */

/* The live records of @type_name whose @field is @id, as JsonObjects, by
 * title. */
GPtrArray  *xarxa_cluster_children     (XarxaStore  *store,
                                        const char  *type_name,
                                        const char  *field,
                                        const char  *id,
                                        GError     **error);
/* The mean progress of the cluster's indicators that have one.  FALSE
 * (no error) when none has. */
gboolean    xarxa_cluster_progress     (XarxaStore  *store,
                                        const char  *cluster_id,
                                        double      *progress,
                                        GError     **error);
/* The action, neither done nor dropped, due first (overdue ones
 * included); NULL (no error) when none has a due date. */
JsonObject *xarxa_cluster_next_action  (XarxaStore  *store,
                                        const char  *cluster_id,
                                        GError     **error);
/* The live members; -1 on error. */
gint64      xarxa_cluster_member_count (XarxaStore  *store,
                                        const char  *cluster_id,
                                        GError     **error);
/* The live member organisations, by name: their ids and names (new
 * strings) appended to @ids and @names, read at once. */
gboolean    xarxa_cluster_member_names (XarxaStore  *store,
                                        const char  *cluster_id,
                                        GPtrArray   *ids,
                                        GPtrArray   *names,
                                        GError     **error);
/* The coordinators' names, joined: "Fundació X" or "Fundació X, Ateneu
 * Y", or "No coordinator" in the current language when it has none. */
char       *xarxa_cluster_coordinator  (XarxaStore  *store,
                                        const char  *cluster_id,
                                        gboolean    *has_coordinator,
                                        GError     **error);

typedef enum
{
  XARXA_AGENDA_BY_KIND,
  XARXA_AGENDA_BY_TRANSITION,
} XarxaAgendaGrouping;

/* The shared social agenda of a cluster (its items and those of its
 * meetings), of a meeting, or, with both NULL, of the whole network:
 * agenda items (JsonObjects, with "supporters", an array of
 * {"entity_id", "name"}, and "support_count"), ranked by the number of
 * organisations that support them, ties by kind then text. */
GPtrArray  *xarxa_agenda_ranked        (XarxaStore  *store,
                                        const char  *cluster_id,
                                        const char  *meeting_id,
                                        GError     **error);
/* The ranked agenda in groups: {"cluster_id", "meeting_id", "title",
 * "grouped_by", "groups": [{"key", "label", "items": [...]}]}. */
JsonObject *xarxa_agenda_to_json       (XarxaStore          *store,
                                        const char          *cluster_id,
                                        const char          *meeting_id,
                                        XarxaAgendaGrouping  grouping,
                                        GError             **error);
/* The same as a Markdown document, in the current language. */
char       *xarxa_agenda_to_markdown   (XarxaStore          *store,
                                        const char          *cluster_id,
                                        const char          *meeting_id,
                                        XarxaAgendaGrouping  grouping,
                                        GError             **error);

/* Keeps the agenda in the knowledge library: a document of kind shared
 * agenda, titled as the agenda, dated today, whose attachment is the
 * Markdown (xarxa_agenda_to_markdown(), saved as a .md file named after
 * the agenda), linked to the cluster (a meeting's agenda: to the
 * meeting's cluster, and the summary names the meeting).  All or
 * nothing: on an error no document is left.  Returns the document's id. */
char       *xarxa_agenda_save_to_library (XarxaStore          *store,
                                          const char          *cluster_id,
                                          const char          *meeting_id,
                                          XarxaAgendaGrouping  grouping,
                                          GCancellable        *cancellable,
                                          GError             **error);

/* A record with what is computed from it and what is under it: an
 * indicator with "measurements", "progress" (null when none) and
 * "summary"; a decision with "positions" (each with "entity_name"),
 * "consensus", "stood_aside" and "blocked_by"; a cluster with
 * "member_count", "coordinators", "progress", "members" (each with
 * "entity_name"), "objectives", "indicators", "actions" (each with
 * "overdue"), "next_action", "decisions", "meetings" and "agenda".
 * @today NULL: the local date now.  NULL with an error when the record
 * is not there or is deleted. */
JsonObject *xarxa_indicator_to_json    (XarxaStore  *store,
                                        const char  *indicator_id,
                                        GError     **error);
JsonObject *xarxa_decision_to_json     (XarxaStore  *store,
                                        const char  *decision_id,
                                        GError     **error);
JsonObject *xarxa_cluster_to_json      (XarxaStore  *store,
                                        const char  *cluster_id,
                                        GDate       *today,
                                        GError     **error);

G_END_DECLS
