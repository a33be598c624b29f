/* xarxa-schema.c — the static description of every record type.
 *
 * Each type's fields are listed once, in an X-macro; the field table and the
 * three prepared-statement texts are expanded from that list by the
 * preprocessor, so the SQL is a compile-time constant (no SQL is ever built
 * at run time) and cannot drift from the field table.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-schema"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-schema.h"
#include "xarxa-store-hooks.h"

G_DEFINE_QUARK (xarxa-error-quark, xarxa_error)

/* ---- closed lists of values ------------------------------------------- */

/* V(value, label): the stable id and its label, marked with the list's
 * context.  Each list gives a NULL-terminated array of its ids (older code
 * reads those) and an XarxaChoiceList with the labels. */
#define CHOICE_VALUE(v, l) v,
#define CHOICE_ENTRY(v, l) { v, l },
#define CHOICE_LIST(ctx, list_name, array_name, LIST) \
  const char *const array_name[] = { LIST (CHOICE_VALUE) NULL }; \
  static const XarxaChoice list_name##_choices[] = { LIST (CHOICE_ENTRY) }; \
  const XarxaChoiceList list_name = { \
    ctx, list_name##_choices, G_N_ELEMENTS (list_name##_choices), array_name, \
  };

#define ENTITY_KINDS(V) \
  V ("association", NC_("organisation kind", "Association")) \
  V ("foundation", NC_("organisation kind", "Foundation")) \
  V ("cooperative", NC_("organisation kind", "Cooperative")) \
  V ("network", NC_("organisation kind", "Federation or network")) \
  V ("public-body", NC_("organisation kind", "Public body")) \
  V ("university", NC_("organisation kind", "University or research centre")) \
  V ("company", NC_("organisation kind", "Company")) \
  V ("other", NC_("organisation kind", "Other"))
CHOICE_LIST ("organisation kind", xarxa_entity_kind_list, xarxa_entity_kinds, ENTITY_KINDS)

#define TRANSITIONS(V) \
  V ("social", NC_("transition", "Social")) \
  V ("political", NC_("transition", "Political")) \
  V ("ecological", NC_("transition", "Ecological")) \
  V ("technological", NC_("transition", "Technological"))
CHOICE_LIST ("transition", xarxa_transition_list, xarxa_transitions, TRANSITIONS)

#define MEMBERSHIPS(V) \
  V ("yes", NC_("membership", "Member")) \
  V ("partner", NC_("membership", "Partner")) \
  V ("no", NC_("membership", "Not a member"))
CHOICE_LIST ("membership", xarxa_membership_list, xarxa_membership_values, MEMBERSHIPS)

#define CLUSTER_STATUSES(V) \
  V ("forming", NC_("cluster status", "Forming")) \
  V ("active", NC_("cluster status", "Active")) \
  V ("paused", NC_("cluster status", "Paused")) \
  V ("closed", NC_("cluster status", "Closed"))
CHOICE_LIST ("cluster status", xarxa_cluster_status_list, xarxa_cluster_statuses, CLUSTER_STATUSES)

#define MEMBER_ROLES(V) \
  V ("coordinator", NC_("cluster member role", "Coordinator")) \
  V ("member", NC_("cluster member role", "Member")) \
  V ("observer", NC_("cluster member role", "Observer")) \
  V ("ally", NC_("cluster member role", "Ally"))
CHOICE_LIST ("cluster member role", xarxa_member_role_list, xarxa_member_roles, MEMBER_ROLES)

#define MISSION_STATUSES(V) \
  V ("idea", NC_("mission status", "Idea")) \
  V ("planning", NC_("mission status", "Planning")) \
  V ("confirmed", NC_("mission status", "Confirmed")) \
  V ("under-way", NC_("mission status", "Under way")) \
  V ("completed", NC_("mission status", "Completed")) \
  V ("cancelled", NC_("mission status", "Cancelled"))
CHOICE_LIST ("mission status", xarxa_mission_status_list, xarxa_mission_statuses, MISSION_STATUSES)

#define PARTICIPANT_ROLES(V) \
  V ("organiser", NC_("participant role", "Organiser")) \
  V ("participant", NC_("participant role", "Participant")) \
  V ("interpreter", NC_("participant role", "Interpreter")) \
  V ("host", NC_("participant role", "Host"))
CHOICE_LIST ("participant role", xarxa_participant_role_list, xarxa_participant_roles, PARTICIPANT_ROLES)

#define STOP_KINDS(V) \
  V ("visit", NC_("itinerary stop kind", "Visit")) \
  V ("meeting", NC_("itinerary stop kind", "Meeting")) \
  V ("workshop", NC_("itinerary stop kind", "Workshop")) \
  V ("travel", NC_("itinerary stop kind", "Travel")) \
  V ("accommodation", NC_("itinerary stop kind", "Accommodation")) \
  V ("free-time", NC_("itinerary stop kind", "Free time"))
CHOICE_LIST ("itinerary stop kind", xarxa_stop_kind_list, xarxa_stop_kinds, STOP_KINDS)

#define AGENDA_KINDS(V) \
  V ("challenge", NC_("agenda item kind", "Challenge")) \
  V ("need", NC_("agenda item kind", "Need")) \
  V ("innovation-trend", NC_("agenda item kind", "Innovation trend")) \
  V ("priority", NC_("agenda item kind", "Priority"))
CHOICE_LIST ("agenda item kind", xarxa_agenda_kind_list, xarxa_agenda_kinds, AGENDA_KINDS)

#define DOCUMENT_KINDS(V) \
  V ("report", NC_("document kind", "Report")) \
  V ("interview", NC_("document kind", "Interview")) \
  V ("case-study", NC_("document kind", "Case study")) \
  V ("shared-agenda", NC_("document kind", "Shared agenda")) \
  V ("article", NC_("document kind", "Article")) \
  V ("video", NC_("document kind", "Video")) \
  V ("dataset", NC_("document kind", "Dataset")) \
  V ("other", NC_("document kind", "Other"))
CHOICE_LIST ("document kind", xarxa_document_kind_list, xarxa_document_kinds, DOCUMENT_KINDS)

/* Why an attachment's text is, or is not, in the document's full text. */
#define TEXT_STATUSES(V) \
  V ("extracted", NC_("text status", "Text extracted")) \
  V ("damaged", NC_("text status", "File damaged")) \
  V ("protected", NC_("text status", "Protected by a password")) \
  V ("unsupported", NC_("text status", "No text in this kind of file"))
CHOICE_LIST ("text status", xarxa_text_status_list, xarxa_text_statuses, TEXT_STATUSES)

#define CONSENTS(V) \
  V ("given", NC_("consent", "Given")) \
  V ("pending", NC_("consent", "Pending")) \
  V ("refused", NC_("consent", "Refused"))
CHOICE_LIST ("consent", xarxa_consent_list, xarxa_consents, CONSENTS)

#define ACTION_STATUSES(V) \
  V ("planned", NC_("action status", "Planned")) \
  V ("in-progress", NC_("action status", "In progress")) \
  V ("done", NC_("action status", "Done")) \
  V ("dropped", NC_("action status", "Dropped"))
CHOICE_LIST ("action status", xarxa_action_status_list, xarxa_action_statuses, ACTION_STATUSES)

/* Which way is progress.  The "maintain" of schema versions before 5 is
 * gone: keeping a value is a target equal to its baseline, which has no
 * progress to show (migration 5 clears it). */
#define INDICATOR_DIRECTIONS(V) \
  V ("up", NC_("indicator direction", "Should go up")) \
  V ("down", NC_("indicator direction", "Should go down"))
CHOICE_LIST ("indicator direction", xarxa_indicator_direction_list, xarxa_indicator_directions, INDICATOR_DIRECTIONS)

#define DECISION_POSITIONS(V) \
  V ("agree", NC_("decision position", "Agree")) \
  V ("agree-with-reservations", NC_("decision position", "Agree with reservations")) \
  V ("stand-aside", NC_("decision position", "Stand aside")) \
  V ("block", NC_("decision position", "Block"))
CHOICE_LIST ("decision position", xarxa_decision_position_list, xarxa_decision_positions, DECISION_POSITIONS)

#define LINK_TARGETS(V) \
  V ("entity", NC_("linked record type", "Organisation")) \
  V ("cluster", NC_("linked record type", "Cluster")) \
  V ("mission", NC_("linked record type", "Mission")) \
  V ("meeting", NC_("linked record type", "Meeting"))
CHOICE_LIST ("linked record type", xarxa_link_target_list, xarxa_link_targets, LINK_TARGETS)

/* Which of the two times a wall-clock time means when the clocks going
 * back repeat it (01:30 happens twice on the night summer time ends). */
#define REPEATED_TIMES(V) \
  V ("earlier", NC_("repeated time", "The first time, before the clocks go back")) \
  V ("later", NC_("repeated time", "The second time, after the clocks go back"))
CHOICE_LIST ("repeated time", xarxa_repeated_time_list, xarxa_repeated_times, REPEATED_TIMES)

/* ---- fields ------------------------------------------------------------- */

/* F(name, KIND, ref_type, FORMAT, label, REQUIREMENT)
 *
 * FORMAT expands to the format, its list of values and its zone field;
 * REQUIREMENT to the required flag and the message for a missing value,
 * which names the type and the field as a person says them. */
#define FMT(f)           XARXA_FORMAT_##f, NULL, NULL
#define CHOICE(list)     XARXA_FORMAT_CHOICE, &xarxa_##list##_list, NULL
#define CHOICES(list)    XARXA_FORMAT_CHOICES, &xarxa_##list##_list, NULL
#define DATE_TIME(zone)  XARXA_FORMAT_DATE_TIME, NULL, zone
#define OPTIONAL         FALSE, NULL
#define REQUIRED(msg)    TRUE, msg

#define ENTITY_FIELDS(F) \
  F (name, TEXT, NULL, FMT (TEXT), N_("Name"), REQUIRED (N_("The organisation needs a name."))) \
  F (short_name, TEXT, NULL, FMT (TEXT), N_("Short name"), OPTIONAL) \
  F (kind, TEXT, NULL, CHOICE (entity_kind), N_("Kind"), OPTIONAL) \
  F (description, TEXT, NULL, FMT (LONG_TEXT), N_("Description"), OPTIONAL) \
  F (country, TEXT, NULL, FMT (COUNTRY), N_("Country"), OPTIONAL) \
  F (region, TEXT, NULL, FMT (TEXT), N_("Region"), OPTIONAL) \
  F (city, TEXT, NULL, FMT (TEXT), N_("City"), OPTIONAL) \
  F (address, TEXT, NULL, FMT (TEXT), N_("Address"), OPTIONAL) \
  F (website, TEXT, NULL, FMT (URL), N_("Website"), OPTIONAL) \
  F (email, TEXT, NULL, FMT (EMAIL), N_("Email"), OPTIONAL) \
  F (phone, TEXT, NULL, FMT (PHONE), N_("Phone"), OPTIONAL) \
  F (languages, SET, NULL, FMT (LANGUAGE), N_("Languages"), OPTIONAL) \
  F (transitions, SET, NULL, CHOICES (transition), N_("Transitions"), OPTIONAL) \
  F (tags, SET, NULL, FMT (TAGS), N_("Tags"), OPTIONAL) \
  F (membership, TEXT, NULL, CHOICE (membership), N_("Member of our network"), OPTIONAL) \
  F (notes, TEXT, NULL, FMT (LONG_TEXT), N_("Notes"), OPTIONAL)

#define CONTACT_FIELDS(F) \
  F (full_name, TEXT, NULL, FMT (TEXT), N_("Full name"), REQUIRED (N_("The contact person needs a name."))) \
  F (entity_id, REF, "entity", FMT (REFERENCE), N_("Organisation"), OPTIONAL) \
  F (role, TEXT, NULL, FMT (TEXT), N_("Role"), OPTIONAL) \
  F (email, TEXT, NULL, FMT (EMAIL), N_("Email"), OPTIONAL) \
  F (phone, TEXT, NULL, FMT (PHONE), N_("Phone"), OPTIONAL) \
  F (languages, SET, NULL, FMT (LANGUAGE), N_("Languages"), OPTIONAL) \
  F (notes, TEXT, NULL, FMT (LONG_TEXT), N_("Notes"), OPTIONAL)

#define CLUSTER_FIELDS(F) \
  F (name, TEXT, NULL, FMT (TEXT), N_("Name"), REQUIRED (N_("The cluster needs a name."))) \
  F (objective, TEXT, NULL, FMT (LONG_TEXT), N_("Common objective"), OPTIONAL) \
  F (description, TEXT, NULL, FMT (LONG_TEXT), N_("Description"), OPTIONAL) \
  F (field, TEXT, NULL, FMT (TEXT), N_("Field of work"), OPTIONAL) \
  F (transitions, SET, NULL, CHOICES (transition), N_("Transitions"), OPTIONAL) \
  F (rights, TEXT, NULL, FMT (LONG_TEXT), N_("Rights addressed"), OPTIONAL) \
  F (gender_perspective, TEXT, NULL, FMT (LONG_TEXT), N_("Gender perspective"), OPTIONAL) \
  F (status, TEXT, NULL, CHOICE (cluster_status), N_("Status"), OPTIONAL) \
  F (start_date, TEXT, NULL, FMT (DATE), N_("Start date"), OPTIONAL)

/* A member is one organisation in one cluster: its id is derived from the
 * pair (see pair_fields). */
#define CLUSTER_MEMBER_FIELDS(F) \
  F (cluster_id, REF, "cluster", FMT (REFERENCE), N_("Cluster"), REQUIRED (N_("A cluster member needs its cluster."))) \
  F (entity_id, REF, "entity", FMT (REFERENCE), N_("Organisation"), REQUIRED (N_("A cluster member needs its organisation."))) \
  F (role, TEXT, NULL, CHOICE (member_role), N_("Role in the cluster"), OPTIONAL) \
  F (joined_on, TEXT, NULL, FMT (DATE), N_("Joined on"), OPTIONAL) \
  F (commitment, TEXT, NULL, FMT (LONG_TEXT), N_("Commitment"), OPTIONAL)

#define OBJECTIVE_FIELDS(F) \
  F (cluster_id, REF, "cluster", FMT (REFERENCE), N_("Cluster"), OPTIONAL) \
  F (title, TEXT, NULL, FMT (TEXT), N_("Title"), OPTIONAL) \
  F (description, TEXT, NULL, FMT (LONG_TEXT), N_("Description"), OPTIONAL)

#define INDICATOR_FIELDS(F) \
  F (cluster_id, REF, "cluster", FMT (REFERENCE), N_("Cluster"), OPTIONAL) \
  F (objective_id, REF, "objective", FMT (REFERENCE), N_("Objective"), OPTIONAL) \
  F (name, TEXT, NULL, FMT (TEXT), N_("Name"), OPTIONAL) \
  F (unit, TEXT, NULL, FMT (TEXT), N_("Unit"), OPTIONAL) \
  F (baseline, REAL, NULL, FMT (NUMBER), N_("Baseline"), OPTIONAL) \
  F (target, REAL, NULL, FMT (NUMBER), N_("Target"), OPTIONAL) \
  F (direction, TEXT, NULL, CHOICE (indicator_direction), N_("Direction"), OPTIONAL) \
  F (gender_breakdown, BOOL, NULL, FMT (YES_NO), N_("Broken down by gender"), OPTIONAL)

/* A measurement may name its cluster too (so a list of a cluster's
 * measurements needs no join); it must be its indicator's. */
#define INDICATOR_VALUE_FIELDS(F) \
  F (indicator_id, REF, "indicator", FMT (REFERENCE), N_("Indicator"), OPTIONAL) \
  F (measured_on, TEXT, NULL, FMT (DATE), N_("Measured on"), OPTIONAL) \
  F (value, REAL, NULL, FMT (NUMBER), N_("Value"), OPTIONAL) \
  F (value_women, REAL, NULL, FMT (NUMBER), N_("Value for women"), OPTIONAL) \
  F (value_men, REAL, NULL, FMT (NUMBER), N_("Value for men"), OPTIONAL) \
  F (value_other, REAL, NULL, FMT (NUMBER), N_("Value for other genders"), OPTIONAL) \
  F (notes, TEXT, NULL, FMT (LONG_TEXT), N_("Notes"), OPTIONAL) \
  F (cluster_id, REF, "cluster", FMT (REFERENCE), N_("Cluster"), OPTIONAL)

#define ACTION_FIELDS(F) \
  F (cluster_id, REF, "cluster", FMT (REFERENCE), N_("Cluster"), OPTIONAL) \
  F (title, TEXT, NULL, FMT (TEXT), N_("Title"), OPTIONAL) \
  F (description, TEXT, NULL, FMT (LONG_TEXT), N_("Description"), OPTIONAL) \
  F (owner_entity_id, REF, "entity", FMT (REFERENCE), N_("Responsible organisation"), OPTIONAL) \
  F (due_date, TEXT, NULL, FMT (DATE), N_("Due date"), OPTIONAL) \
  F (status, TEXT, NULL, CHOICE (action_status), N_("Status"), OPTIONAL)

/* Whether a decision was taken by consensus is not stored: it is computed
 * from the members' positions (xarxa-cluster.h). */
#define DECISION_FIELDS(F) \
  F (cluster_id, REF, "cluster", FMT (REFERENCE), N_("Cluster"), OPTIONAL) \
  F (decided_on, TEXT, NULL, FMT (DATE), N_("Decided on"), OPTIONAL) \
  F (proposal, TEXT, NULL, FMT (LONG_TEXT), N_("Proposal"), OPTIONAL) \
  F (decision, TEXT, NULL, FMT (LONG_TEXT), N_("Decision"), OPTIONAL)

/* One organisation's position on one decision: its id is derived from the
 * pair. */
#define DECISION_POSITION_FIELDS(F) \
  F (decision_id, REF, "decision", FMT (REFERENCE), N_("Decision"), REQUIRED (N_("A position needs its decision."))) \
  F (entity_id, REF, "entity", FMT (REFERENCE), N_("Organisation"), REQUIRED (N_("A position needs the organisation that takes it."))) \
  F (position, TEXT, NULL, CHOICE (decision_position), N_("Position"), REQUIRED (N_("Choose a position: agree, agree with reservations, stand aside or block."))) \
  F (note, TEXT, NULL, FMT (LONG_TEXT), N_("Note"), OPTIONAL)

/* A reflection meeting; a network-wide one has no cluster. */
#define MEETING_FIELDS(F) \
  F (title, TEXT, NULL, FMT (TEXT), N_("Title"), REQUIRED (N_("The meeting needs a title."))) \
  F (date, TEXT, NULL, FMT (DATE), N_("Date"), OPTIONAL) \
  F (place, TEXT, NULL, FMT (TEXT), N_("Place"), OPTIONAL) \
  F (online, BOOL, NULL, FMT (YES_NO), N_("Online"), OPTIONAL) \
  F (cluster_id, REF, "cluster", FMT (REFERENCE), N_("Cluster"), OPTIONAL) \
  F (notes, TEXT, NULL, FMT (LONG_TEXT), N_("Notes"), OPTIONAL)

/* Who supports an item is told by agenda_support records, not a count. */
#define AGENDA_ITEM_FIELDS(F) \
  F (cluster_id, REF, "cluster", FMT (REFERENCE), N_("Cluster"), OPTIONAL) \
  F (meeting_id, REF, "meeting", FMT (REFERENCE), N_("Meeting"), OPTIONAL) \
  F (field_note_id, REF, "field_note", FMT (REFERENCE), N_("Promoted from field note"), OPTIONAL) \
  F (kind, TEXT, NULL, CHOICE (agenda_kind), N_("Kind"), OPTIONAL) \
  F (text, TEXT, NULL, FMT (LONG_TEXT), N_("Text"), OPTIONAL) \
  F (transition, TEXT, NULL, CHOICE (transition), N_("Transition"), OPTIONAL)

/* One organisation's support of one agenda item: its id is derived from
 * the pair. */
#define AGENDA_SUPPORT_FIELDS(F) \
  F (agenda_item_id, REF, "agenda_item", FMT (REFERENCE), N_("Agenda item"), REQUIRED (N_("A support needs its agenda item."))) \
  F (entity_id, REF, "entity", FMT (REFERENCE), N_("Organisation"), REQUIRED (N_("A support needs the organisation that gives it.")))

#define MISSION_FIELDS(F) \
  F (title, TEXT, NULL, FMT (TEXT), N_("Title"), REQUIRED (N_("The mission needs a title."))) \
  F (purpose, TEXT, NULL, FMT (LONG_TEXT), N_("Purpose"), OPTIONAL) \
  F (learning_goals, TEXT, NULL, FMT (LONG_TEXT), N_("Learning goals"), OPTIONAL) \
  F (country, TEXT, NULL, FMT (COUNTRY), N_("Country"), OPTIONAL) \
  F (city, TEXT, NULL, FMT (TEXT), N_("City"), OPTIONAL) \
  F (start_date, TEXT, NULL, FMT (DATE), N_("Start date"), OPTIONAL) \
  F (end_date, TEXT, NULL, FMT (DATE), N_("End date"), OPTIONAL) \
  F (status, TEXT, NULL, CHOICE (mission_status), N_("Status"), OPTIONAL) \
  F (organiser_entity_id, REF, "entity", FMT (REFERENCE), N_("Organiser"), OPTIONAL) \
  F (budget, REAL, NULL, FMT (NUMBER), N_("Budget"), OPTIONAL) \
  F (currency, TEXT, NULL, FMT (CURRENCY), N_("Currency"), OPTIONAL) \
  F (outcomes, TEXT, NULL, FMT (LONG_TEXT), N_("Outcomes"), OPTIONAL) \
  F (time_zone, TEXT, NULL, FMT (TIME_ZONE), N_("Destination’s time zone"), OPTIONAL)

/* Arrival and departure are wall-clock times in the mission's zone; needs
 * are private (diet, access, health) and stay out of what is exported. */
#define PARTICIPANT_FIELDS(F) \
  F (mission_id, REF, "mission", FMT (REFERENCE), N_("Mission"), OPTIONAL) \
  F (contact_id, REF, "contact", FMT (REFERENCE), N_("Contact person"), OPTIONAL) \
  F (name, TEXT, NULL, FMT (TEXT), N_("Name"), OPTIONAL) \
  F (role, TEXT, NULL, CHOICE (participant_role), N_("Role in the mission"), OPTIONAL) \
  F (arrival, TEXT, NULL, DATE_TIME ("mission_id"), N_("Arrival"), OPTIONAL) \
  F (departure, TEXT, NULL, DATE_TIME ("mission_id"), N_("Departure"), OPTIONAL) \
  F (needs, TEXT, NULL, FMT (LONG_TEXT), N_("Needs (private)"), OPTIONAL)

/* A stop's times are wall-clock times in its own time_zone, or in its
 * mission's when it has none (xarxa-mission.c). */
#define ITINERARY_STOP_FIELDS(F) \
  F (mission_id, REF, "mission", FMT (REFERENCE), N_("Mission"), OPTIONAL) \
  F (starts_at, TEXT, NULL, DATE_TIME ("time_zone"), N_("Starts at"), OPTIONAL) \
  F (ends_at, TEXT, NULL, DATE_TIME ("time_zone"), N_("Ends at"), OPTIONAL) \
  F (time_zone, TEXT, NULL, FMT (TIME_ZONE), N_("Time zone"), OPTIONAL) \
  F (kind, TEXT, NULL, CHOICE (stop_kind), N_("Kind"), OPTIONAL) \
  F (title, TEXT, NULL, FMT (TEXT), N_("Title"), OPTIONAL) \
  F (place, TEXT, NULL, FMT (TEXT), N_("Place"), OPTIONAL) \
  F (address, TEXT, NULL, FMT (TEXT), N_("Address"), OPTIONAL) \
  F (host_entity_id, REF, "entity", FMT (REFERENCE), N_("Host organisation"), OPTIONAL) \
  F (host_contact_id, REF, "contact", FMT (REFERENCE), N_("Host contact person"), OPTIONAL) \
  F (notes, TEXT, NULL, FMT (LONG_TEXT), N_("Notes"), OPTIONAL) \
  F (repeated_time, TEXT, NULL, CHOICE (repeated_time), N_("When a time is repeated"), OPTIONAL)

#define FIELD_NOTE_FIELDS(F) \
  F (mission_id, REF, "mission", FMT (REFERENCE), N_("Mission"), OPTIONAL) \
  F (stop_id, REF, "itinerary_stop", FMT (REFERENCE), N_("Itinerary stop"), OPTIONAL) \
  F (author, TEXT, NULL, FMT (TEXT), N_("Author"), OPTIONAL) \
  F (written_at, TEXT, NULL, DATE_TIME ("mission_id"), N_("Written at"), OPTIONAL) \
  F (text, TEXT, NULL, FMT (LONG_TEXT), N_("Text"), OPTIONAL)

/* One person met, named by one field note: its id is derived from the
 * pair, so the same person named on the same note on two devices is one
 * record.  The mission's list of the people met reads these. */
#define FIELD_NOTE_PERSON_FIELDS(F) \
  F (field_note_id, REF, "field_note", FMT (REFERENCE), N_("Field note"), REQUIRED (N_("A person met needs the field note that names them."))) \
  F (contact_id, REF, "contact", FMT (REFERENCE), N_("Person"), REQUIRED (N_("A person met needs their contact in the directory.")))

#define DOCUMENT_FIELDS(F) \
  F (title, TEXT, NULL, FMT (TEXT), N_("Title"), REQUIRED (N_("The document needs a title."))) \
  F (kind, TEXT, NULL, CHOICE (document_kind), N_("Kind"), OPTIONAL) \
  F (authors, TEXT, NULL, FMT (TEXT), N_("Authors"), OPTIONAL) \
  F (publisher_entity_id, REF, "entity", FMT (REFERENCE), N_("Publisher"), OPTIONAL) \
  F (date, TEXT, NULL, FMT (DATE), N_("Date"), OPTIONAL) \
  F (language, TEXT, NULL, FMT (LANGUAGE), N_("Language"), OPTIONAL) \
  F (transitions, SET, NULL, CHOICES (transition), N_("Transitions"), OPTIONAL) \
  F (territories, SET, NULL, FMT (TAGS), N_("Territories"), OPTIONAL) \
  F (summary, TEXT, NULL, FMT (LONG_TEXT), N_("Summary"), OPTIONAL) \
  F (full_text, TEXT, NULL, FMT (LONG_TEXT), N_("Full text"), OPTIONAL) \
  F (url, TEXT, NULL, FMT (URL), N_("Web address"), OPTIONAL) \
  F (file_hash, TEXT, NULL, FMT (TEXT), N_("Attachment’s SHA-256 hash"), OPTIONAL) \
  F (file_name, TEXT, NULL, FMT (TEXT), N_("Attachment’s file name"), OPTIONAL) \
  F (file_type, TEXT, NULL, FMT (TEXT), N_("Attachment’s file type"), OPTIONAL) \
  F (file_size, INT, NULL, FMT (NUMBER), N_("Attachment’s size in bytes"), OPTIONAL) \
  F (tags, SET, NULL, FMT (TAGS), N_("Tags"), OPTIONAL) \
  F (text_status, TEXT, NULL, CHOICE (text_status), N_("Attachment’s text"), OPTIONAL) \
  F (text_error, TEXT, NULL, FMT (LONG_TEXT), N_("Why the attachment’s text could not be read"), OPTIONAL) \
  F (interviewee_id, REF, "contact", FMT (REFERENCE), N_("Person interviewed"), OPTIONAL) \
  F (interviewed_on, TEXT, NULL, FMT (DATE), N_("Interview date"), OPTIONAL) \
  F (consent, TEXT, NULL, CHOICE (consent), N_("Consent to use the interview"), OPTIONAL)

/* target_id names a record of the type target_type gives. */
#define DOCUMENT_LINK_FIELDS(F) \
  F (document_id, REF, "document", FMT (REFERENCE), N_("Document"), OPTIONAL) \
  F (target_type, TEXT, NULL, CHOICE (link_target), N_("Kind of linked record"), OPTIONAL) \
  F (target_id, TEXT, NULL, FMT (REFERENCE), N_("Linked record"), OPTIONAL)

/* ---- what full-text search covers, and counts --------------------------- */

static const char *const entity_search[] = { "name", "short_name", "description", "city", "tags", "notes", NULL };
static const char *const contact_search[] = { "full_name", "role", "notes", NULL };
static const char *const cluster_search[] = { "name", "objective", "description", "field", "rights", NULL };
static const char *const cluster_member_search[] = { "commitment", NULL };
static const char *const objective_search[] = { "title", "description", NULL };
static const char *const indicator_search[] = { "name", "unit", NULL };
static const char *const indicator_value_search[] = { "notes", NULL };
static const char *const action_search[] = { "title", "description", NULL };
static const char *const decision_search[] = { "proposal", "decision", NULL };
static const char *const decision_position_search[] = { "note", NULL };
static const char *const meeting_search[] = { "title", "place", "notes", NULL };
static const char *const agenda_item_search[] = { "text", NULL };
static const char *const agenda_support_search[] = { NULL };
static const char *const field_note_person_search[] = { NULL };
static const char *const mission_search[] = { "title", "purpose", "learning_goals", "city", "outcomes", NULL };
static const char *const participant_search[] = { "name", NULL };
static const char *const itinerary_stop_search[] = { "title", "place", "address", "notes", NULL };
static const char *const field_note_search[] = { "author", "text", NULL };
static const char *const document_search[] = { "title", "authors", "summary", "full_text", "tags", NULL };
static const char *const document_link_search[] = { NULL };

/* One function per type so that gettext sees each plural pair. */
static const char *
entity_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s organisation", "%s organisations", n);
}

static const char *
contact_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s contact person", "%s contact people", n);
}

static const char *
cluster_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s cluster", "%s clusters", n);
}

static const char *
cluster_member_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s cluster member", "%s cluster members", n);
}

static const char *
objective_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s objective", "%s objectives", n);
}

static const char *
indicator_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s indicator", "%s indicators", n);
}

static const char *
indicator_value_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s measurement", "%s measurements", n);
}

static const char *
action_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s action", "%s actions", n);
}

static const char *
decision_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s decision", "%s decisions", n);
}

static const char *
decision_position_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s position", "%s positions", n);
}

static const char *
meeting_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s meeting", "%s meetings", n);
}

static const char *
agenda_support_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s support", "%s supports", n);
}

static const char *
field_note_person_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s person met", "%s people met", n);
}

static const char *
agenda_item_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s agenda item", "%s agenda items", n);
}

static const char *
mission_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s mission", "%s missions", n);
}

static const char *
participant_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s participant", "%s participants", n);
}

static const char *
itinerary_stop_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s itinerary stop", "%s itinerary stops", n);
}

static const char *
field_note_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s field note", "%s field notes", n);
}

static const char *
document_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s document", "%s documents", n);
}

static const char *
document_link_count (gulong n)
{
  return g_dngettext (GETTEXT_PACKAGE, "%s document link", "%s document links", n);
}

/* ---- the types ---------------------------------------------------------- */

#define FIELD_INFO(n, k, r, fmt, label, req) { #n, XARXA_FIELD_##k, r, label, fmt, req },
#define COL(n, k, r, fmt, label, req) #n ", "
#define PARAM(n, k, r, fmt, label, req) ":" #n ", "
#define SET_PARAM(n, k, r, fmt, label, req) #n " = :" #n ", "

#define INSERT_TEXT(tname, LIST) \
  "INSERT INTO " #tname " (" LIST (COL) "id, created_at, updated_at, deleted, version) " \
  "VALUES (" LIST (PARAM) ":id, :created_at, :updated_at, :deleted, :version)"
#define ON_NEW_ID " ON CONFLICT (id) DO NOTHING"
#define RECORD_TYPE(tname, LIST, singular, plural, title, fallback, parent) \
  RECORD_TYPE_KEYED (tname, LIST, NULL, INSERT_TEXT (tname, LIST) ON_NEW_ID, \
                     singular, plural, title, fallback, parent, NULL, NULL)
/* A type whose identity is a pair of references: parent first. */
#define RECORD_TYPE_PAIR(tname, LIST, singular, plural, title, fallback, parent, other, duplicate) \
  static const char *const tname##_pair[] = { parent, other, NULL }; \
  RECORD_TYPE_KEYED (tname, LIST, NULL, INSERT_TEXT (tname, LIST) ON_NEW_ID, \
                     singular, plural, title, fallback, parent, tname##_pair, duplicate)
#define RECORD_TYPE_KEYED(tname, LIST, keyed, insert_new, singular, plural, title, fallback, parent, pair, duplicate) \
  static const XarxaFieldInfo tname##_fields[] = { LIST (FIELD_INFO) }; \
  static const XarxaRecordType tname##_type = { \
    #tname, tname##_fields, G_N_ELEMENTS (tname##_fields), \
    INSERT_TEXT (tname, LIST), \
    "UPDATE " #tname " SET " LIST (SET_PARAM) \
    "updated_at = :updated_at, deleted = :deleted, version = :version WHERE id = :id", \
    "SELECT " LIST (COL) "id, created_at, updated_at, deleted, version FROM " #tname " WHERE id = ?1", \
    "SELECT " LIST (COL) "id, created_at, updated_at, deleted, version FROM " #tname " WHERE rowid = ?1", \
    "UPDATE " #tname " SET version = ?1 WHERE id = ?2 AND version < ?1", \
    keyed, \
    insert_new, \
    singular, plural, tname##_count, title, fallback, parent, \
    tname##_search, \
    "SELECT count(*) FROM " #tname " WHERE deleted = 0", \
    pair, duplicate, \
    &xarxa_##tname##_hooks, \
    "SELECT rowid FROM " #tname " WHERE id = ?1", \
    "SELECT count(*) FROM (SELECT 1 FROM " #tname " WHERE deleted = 0 LIMIT ?1)", \
    "SELECT t.rowid FROM " #tname " t WHERE t.deleted = 0", \
  };

/* An organisation is inserted with its folded name key in the same statement. */
#define ENTITY_INSERT_KEYED \
  "INSERT INTO entity (" ENTITY_FIELDS (COL) "name_key, id, created_at, updated_at, deleted, version) " \
  "VALUES (" ENTITY_FIELDS (PARAM) ":name_key, :id, :created_at, :updated_at, :deleted, :version)"
RECORD_TYPE_KEYED (entity, ENTITY_FIELDS, ENTITY_INSERT_KEYED, ENTITY_INSERT_KEYED ON_NEW_ID,
                   NC_("record type", "Organisation"), NC_("record type", "Organisations"),
                   "name", NULL, NULL, NULL, NULL)
RECORD_TYPE (contact, CONTACT_FIELDS,
             NC_("record type", "Contact person"), NC_("record type", "Contact people"),
             "full_name", NULL, "entity_id")
RECORD_TYPE (cluster, CLUSTER_FIELDS,
             NC_("record type", "Cluster"), NC_("record type", "Clusters"),
             "name", NULL, NULL)
/* A member is titled by its organisation's name. */
RECORD_TYPE_PAIR (cluster_member, CLUSTER_MEMBER_FIELDS,
                  NC_("record type", "Cluster member"), NC_("record type", "Cluster members"),
                  "entity_id", NULL, "cluster_id", "entity_id",
                  /* TRANSLATORS: an organisation's name, then a cluster's */
                  N_("%s is already a member of %s."))
RECORD_TYPE (objective, OBJECTIVE_FIELDS,
             NC_("record type", "Objective"), NC_("record type", "Objectives"),
             "title", NULL, "cluster_id")
RECORD_TYPE (indicator, INDICATOR_FIELDS,
             NC_("record type", "Indicator"), NC_("record type", "Indicators"),
             "name", NULL, "cluster_id")
/* A measurement is titled by the day it was taken. */
RECORD_TYPE (indicator_value, INDICATOR_VALUE_FIELDS,
             NC_("record type", "Measurement"), NC_("record type", "Measurements"),
             "measured_on", "indicator_id", "indicator_id")
RECORD_TYPE (action, ACTION_FIELDS,
             NC_("record type", "Action"), NC_("record type", "Actions"),
             "title", NULL, "cluster_id")
RECORD_TYPE (decision, DECISION_FIELDS,
             NC_("record type", "Decision"), NC_("record type", "Decisions"),
             "decision", "decided_on", "cluster_id")
/* A position is titled by its organisation's name. */
RECORD_TYPE_PAIR (decision_position, DECISION_POSITION_FIELDS,
                  NC_("record type", "Position"), NC_("record type", "Positions"),
                  "entity_id", NULL, "decision_id", "entity_id",
                  /* TRANSLATORS: an organisation's name, then a decision's text */
                  N_("%s has already taken a position on “%s”."))
RECORD_TYPE (meeting, MEETING_FIELDS,
             NC_("record type", "Meeting"), NC_("record type", "Meetings"),
             "title", NULL, "cluster_id")
RECORD_TYPE (agenda_item, AGENDA_ITEM_FIELDS,
             NC_("record type", "Agenda item"), NC_("record type", "Agenda items"),
             "text", NULL, "cluster_id")
/* A support is titled by its organisation's name. */
RECORD_TYPE_PAIR (agenda_support, AGENDA_SUPPORT_FIELDS,
                  NC_("record type", "Support"), NC_("record type", "Supports"),
                  "entity_id", NULL, "agenda_item_id", "entity_id",
                  /* TRANSLATORS: an organisation's name, then an agenda item's text */
                  N_("%s already supports “%s”."))
RECORD_TYPE (mission, MISSION_FIELDS,
             NC_("record type", "Mission"), NC_("record type", "Missions"),
             "title", NULL, NULL)
/* A participant has a free name or is titled by their contact's. */
RECORD_TYPE (participant, PARTICIPANT_FIELDS,
             NC_("record type", "Participant"), NC_("record type", "Participants"),
             "name", "contact_id", "mission_id")
RECORD_TYPE (itinerary_stop, ITINERARY_STOP_FIELDS,
             NC_("record type", "Itinerary stop"), NC_("record type", "Itinerary stops"),
             "title", "starts_at", "mission_id")
RECORD_TYPE (field_note, FIELD_NOTE_FIELDS,
             NC_("record type", "Field note"), NC_("record type", "Field notes"),
             "text", "written_at", "mission_id")
/* A person met is titled by their contact's name. */
RECORD_TYPE_PAIR (field_note_person, FIELD_NOTE_PERSON_FIELDS,
                  NC_("record type", "Person met"), NC_("record type", "People met"),
                  "contact_id", NULL, "field_note_id", "contact_id",
                  /* TRANSLATORS: a person's name, then a field note's text */
                  N_("%s is already among the people met of the note “%s”."))
RECORD_TYPE (document, DOCUMENT_FIELDS,
             NC_("record type", "Document"), NC_("record type", "Documents"),
             "title", NULL, NULL)
/* A link is titled by its document's title. */
RECORD_TYPE (document_link, DOCUMENT_LINK_FIELDS,
             NC_("record type", "Document link"), NC_("record type", "Document links"),
             "document_id", NULL, "document_id")

/* Parents before children: the order a full sync applies them in. */
static const XarxaRecordType *const all_types[] = {
  &entity_type, &contact_type, &cluster_type, &cluster_member_type,
  &objective_type, &indicator_type, &indicator_value_type, &action_type,
  &decision_type, &decision_position_type, &mission_type, &participant_type,
  &itinerary_stop_type, &field_note_type, &field_note_person_type, &meeting_type, &agenda_item_type,
  &agenda_support_type, &document_type, &document_link_type,
  NULL,
};

const XarxaRecordType *const *
xarxa_schema_types (guint *n_types)
{
  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (all_types) - 1;
  return all_types;
}

const XarxaRecordType *
xarxa_schema_lookup (const char *type_name)
{
  g_return_val_if_fail (type_name != NULL, NULL);

  for (guint i = 0; all_types[i] != NULL; i++)
    if (strcmp (all_types[i]->name, type_name) == 0)
      return all_types[i];
  return NULL;
}

int
xarxa_record_type_field_index (const XarxaRecordType *type,
                               const char            *field_name)
{
  g_return_val_if_fail (type != NULL, -1);
  g_return_val_if_fail (field_name != NULL, -1);

  for (guint i = 0; i < type->n_fields; i++)
    if (strcmp (type->fields[i].name, field_name) == 0)
      return (int) i;
  return -1;
}

const XarxaFieldInfo *
xarxa_record_type_field (const XarxaRecordType *type,
                         const char            *field_name)
{
  int i = xarxa_record_type_field_index (type, field_name);
  return i < 0 ? NULL : &type->fields[i];
}

gboolean
xarxa_strv_contains_value (const char *const *values,
                           const char        *value)
{
  if (value == NULL)
    return FALSE;
  return g_strv_contains (values, value);
}

const char *
xarxa_field_info_get_label (const XarxaFieldInfo *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return g_dgettext (GETTEXT_PACKAGE, field->label);
}

const char *
xarxa_record_type_get_singular (const XarxaRecordType *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "record type", type->singular);
}

const char *
xarxa_record_type_get_plural (const XarxaRecordType *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "record type", type->plural);
}

/* Whether a list of @type sorts by what is due (XARXA_SORT_DUE): a cluster
 * by its next open action.  The others would fall back to their title. */
gboolean
xarxa_record_type_sorts_by_due (const XarxaRecordType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  return type->hooks->sql_order_due != NULL;
}

char *
xarxa_record_type_count_text (const XarxaRecordType *type,
                              guint64                n)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (type != NULL, NULL);

  /* The ' flag groups thousands as the locale does: 1,200 or 1.200. */
  number = g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
  /* The format comes from the type's count function, which passes it
   * through gettext from a literal there. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (type->count_format ((gulong) MIN (n, G_MAXULONG)), number);
#pragma GCC diagnostic pop
}

const XarxaChoice *
xarxa_choice_list_find (const XarxaChoiceList *list,
                        const char            *value)
{
  g_return_val_if_fail (list != NULL, NULL);

  if (value == NULL)
    return NULL;
  for (guint i = 0; i < list->n_choices; i++)
    if (strcmp (list->choices[i].value, value) == 0)
      return &list->choices[i];
  return NULL;
}

const char *
xarxa_choice_list_label (const XarxaChoiceList *list,
                         const char            *value)
{
  const XarxaChoice *choice;

  g_return_val_if_fail (list != NULL, NULL);

  choice = xarxa_choice_list_find (list, value);
  if (choice == NULL)
    return value;
  return g_dpgettext2 (GETTEXT_PACKAGE, list->context, choice->label);
}

/* The namespace of derived ids: a fixed random UUID, so that a derived id
 * cannot meet one made from another namespace. */
static const guint8 pair_namespace[16] = {
  0x6b, 0x0e, 0x3f, 0x52, 0x1d, 0x84, 0x4c, 0x29,
  0x9a, 0x71, 0xe3, 0x05, 0xb8, 0x4d, 0x2f, 0xc6,
};

char *
xarxa_record_type_pair_id (const XarxaRecordType *type,
                           const char            *first_id,
                           const char            *second_id)
{
  g_autoptr(GChecksum) sha1 = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint8 digest[20];
  gsize len = sizeof digest;

  g_return_val_if_fail (type != NULL && type->pair_fields != NULL, NULL);
  g_return_val_if_fail (first_id != NULL && second_id != NULL, NULL);

  /* Ids are compared in lower case everywhere. */
  a = g_ascii_strdown (first_id, -1);
  b = g_ascii_strdown (second_id, -1);
  /* A name-based (version 5) UUID, RFC 4122 §4.3: SHA-1 over the
   * namespace and the name, the type's name with the pair. */
  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, pair_namespace, sizeof pair_namespace);
  g_checksum_update (sha1, (const guchar *) type->name, (gssize) strlen (type->name));
  g_checksum_update (sha1, (const guchar *) "\n", 1);
  g_checksum_update (sha1, (const guchar *) a, (gssize) strlen (a));
  g_checksum_update (sha1, (const guchar *) "\n", 1);
  g_checksum_update (sha1, (const guchar *) b, (gssize) strlen (b));
  g_checksum_get_digest (sha1, digest, &len);
  digest[6] = (guint8) ((digest[6] & 0x0f) | 0x50);   /* version 5 */
  digest[8] = (guint8) ((digest[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}
