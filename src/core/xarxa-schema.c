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

#include <string.h>

#include "xarxa-error.h"
#include "xarxa-schema.h"
#include "xarxa-store-hooks.h"

G_DEFINE_QUARK (xarxa-error-quark, xarxa_error)

/* F(name, KIND, ref_type) */
#define ENTITY_FIELDS(F) \
  F (name, TEXT, NULL) F (short_name, TEXT, NULL) F (kind, TEXT, NULL) \
  F (description, TEXT, NULL) F (country, TEXT, NULL) F (region, TEXT, NULL) \
  F (city, TEXT, NULL) F (address, TEXT, NULL) F (website, TEXT, NULL) \
  F (email, TEXT, NULL) F (phone, TEXT, NULL) F (languages, SET, NULL) \
  F (transitions, SET, NULL) F (tags, SET, NULL) F (membership, TEXT, NULL) \
  F (notes, TEXT, NULL)

#define CONTACT_FIELDS(F) \
  F (full_name, TEXT, NULL) F (entity_id, REF, "entity") F (role, TEXT, NULL) \
  F (email, TEXT, NULL) F (phone, TEXT, NULL) F (languages, SET, NULL) \
  F (notes, TEXT, NULL)

#define CLUSTER_FIELDS(F) \
  F (name, TEXT, NULL) F (objective, TEXT, NULL) F (description, TEXT, NULL) \
  F (field, TEXT, NULL) F (transitions, SET, NULL) F (rights, TEXT, NULL) \
  F (gender_perspective, TEXT, NULL) F (status, TEXT, NULL) \
  F (start_date, TEXT, NULL)

#define CLUSTER_MEMBER_FIELDS(F) \
  F (cluster_id, REF, "cluster") F (entity_id, REF, "entity") \
  F (role, TEXT, NULL) F (joined_on, TEXT, NULL) F (commitment, TEXT, NULL)

#define OBJECTIVE_FIELDS(F) \
  F (cluster_id, REF, "cluster") F (title, TEXT, NULL) F (description, TEXT, NULL)

#define INDICATOR_FIELDS(F) \
  F (cluster_id, REF, "cluster") F (objective_id, REF, "objective") \
  F (name, TEXT, NULL) F (unit, TEXT, NULL) F (baseline, REAL, NULL) \
  F (target, REAL, NULL) F (direction, TEXT, NULL) \
  F (gender_breakdown, BOOL, NULL)

#define INDICATOR_VALUE_FIELDS(F) \
  F (indicator_id, REF, "indicator") F (measured_on, TEXT, NULL) \
  F (value, REAL, NULL) F (value_women, REAL, NULL) F (value_men, REAL, NULL) \
  F (value_other, REAL, NULL) F (notes, TEXT, NULL)

#define ACTION_FIELDS(F) \
  F (cluster_id, REF, "cluster") F (title, TEXT, NULL) F (description, TEXT, NULL) \
  F (owner_entity_id, REF, "entity") F (due_date, TEXT, NULL) F (status, TEXT, NULL)

#define DECISION_FIELDS(F) \
  F (cluster_id, REF, "cluster") F (decided_on, TEXT, NULL) \
  F (summary, TEXT, NULL) F (consensus, BOOL, NULL)

#define AGENDA_ITEM_FIELDS(F) \
  F (cluster_id, REF, "cluster") F (meeting, TEXT, NULL) F (kind, TEXT, NULL) \
  F (text, TEXT, NULL) F (transition, TEXT, NULL) F (supporters, INT, NULL)

#define MISSION_FIELDS(F) \
  F (title, TEXT, NULL) F (purpose, TEXT, NULL) F (learning_goals, TEXT, NULL) \
  F (country, TEXT, NULL) F (city, TEXT, NULL) F (start_date, TEXT, NULL) \
  F (end_date, TEXT, NULL) F (status, TEXT, NULL) \
  F (organiser_entity_id, REF, "entity") F (budget, REAL, NULL) \
  F (currency, TEXT, NULL) F (outcomes, TEXT, NULL)

#define PARTICIPANT_FIELDS(F) \
  F (mission_id, REF, "mission") F (contact_id, REF, "contact") \
  F (name, TEXT, NULL) F (role, TEXT, NULL) F (arrival, TEXT, NULL) \
  F (departure, TEXT, NULL)

#define ITINERARY_STOP_FIELDS(F) \
  F (mission_id, REF, "mission") F (starts_at, TEXT, NULL) F (ends_at, TEXT, NULL) \
  F (time_zone, TEXT, NULL) F (kind, TEXT, NULL) F (title, TEXT, NULL) \
  F (place, TEXT, NULL) F (address, TEXT, NULL) \
  F (host_entity_id, REF, "entity") F (host_contact_id, REF, "contact") \
  F (notes, TEXT, NULL)

#define FIELD_NOTE_FIELDS(F) \
  F (mission_id, REF, "mission") F (stop_id, REF, "itinerary_stop") \
  F (author, TEXT, NULL) F (written_at, TEXT, NULL) F (text, TEXT, NULL)

#define DOCUMENT_FIELDS(F) \
  F (title, TEXT, NULL) F (kind, TEXT, NULL) F (authors, TEXT, NULL) \
  F (publisher_entity_id, REF, "entity") F (date, TEXT, NULL) \
  F (language, TEXT, NULL) F (transitions, SET, NULL) F (territories, SET, NULL) \
  F (summary, TEXT, NULL) F (full_text, TEXT, NULL) F (url, TEXT, NULL) \
  F (file_hash, TEXT, NULL) F (file_name, TEXT, NULL) F (file_type, TEXT, NULL) \
  F (file_size, INT, NULL) F (tags, SET, NULL)

#define DOCUMENT_LINK_FIELDS(F) \
  F (document_id, REF, "document") F (target_type, TEXT, NULL) \
  F (target_id, TEXT, NULL)

#define FIELD_INFO(n, k, r) { #n, XARXA_FIELD_##k, r },
#define COL(n, k, r) #n ", "
#define PARAM(n, k, r) ":" #n ", "
#define SET_PARAM(n, k, r) #n " = :" #n ", "

#define INSERT_TEXT(tname, LIST) \
  "INSERT INTO " #tname " (" LIST (COL) "id, created_at, updated_at, deleted, version) " \
  "VALUES (" LIST (PARAM) ":id, :created_at, :updated_at, :deleted, :version)"
#define ON_NEW_ID " ON CONFLICT (id) DO NOTHING"
#define RECORD_TYPE(tname, LIST) \
  RECORD_TYPE_KEYED (tname, LIST, NULL, INSERT_TEXT (tname, LIST) ON_NEW_ID)
#define RECORD_TYPE_KEYED(tname, LIST, keyed, insert_new) \
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
    &xarxa_##tname##_hooks, \
  };

/* An organisation is inserted with its folded name key in the same statement. */
#define ENTITY_INSERT_KEYED \
  "INSERT INTO entity (" ENTITY_FIELDS (COL) "name_key, id, created_at, updated_at, deleted, version) " \
  "VALUES (" ENTITY_FIELDS (PARAM) ":name_key, :id, :created_at, :updated_at, :deleted, :version)"
RECORD_TYPE_KEYED (entity, ENTITY_FIELDS, ENTITY_INSERT_KEYED, ENTITY_INSERT_KEYED ON_NEW_ID)
RECORD_TYPE (contact, CONTACT_FIELDS)
RECORD_TYPE (cluster, CLUSTER_FIELDS)
RECORD_TYPE (cluster_member, CLUSTER_MEMBER_FIELDS)
RECORD_TYPE (objective, OBJECTIVE_FIELDS)
RECORD_TYPE (indicator, INDICATOR_FIELDS)
RECORD_TYPE (indicator_value, INDICATOR_VALUE_FIELDS)
RECORD_TYPE (action, ACTION_FIELDS)
RECORD_TYPE (decision, DECISION_FIELDS)
RECORD_TYPE (agenda_item, AGENDA_ITEM_FIELDS)
RECORD_TYPE (mission, MISSION_FIELDS)
RECORD_TYPE (participant, PARTICIPANT_FIELDS)
RECORD_TYPE (itinerary_stop, ITINERARY_STOP_FIELDS)
RECORD_TYPE (field_note, FIELD_NOTE_FIELDS)
RECORD_TYPE (document, DOCUMENT_FIELDS)
RECORD_TYPE (document_link, DOCUMENT_LINK_FIELDS)

/* Parents before children: the order a full sync applies them in. */
static const XarxaRecordType *const all_types[] = {
  &entity_type, &contact_type, &cluster_type, &cluster_member_type,
  &objective_type, &indicator_type, &indicator_value_type, &action_type,
  &decision_type, &agenda_item_type, &mission_type, &participant_type,
  &itinerary_stop_type, &field_note_type, &document_type, &document_link_type,
  NULL,
};

const char *const xarxa_entity_kinds[] = {
  "association", "foundation", "cooperative", "network", "public-body",
  "university", "company", "other", NULL,
};
const char *const xarxa_transitions[] = {
  "social", "political", "ecological", "technological", NULL,
};
const char *const xarxa_membership_values[] = { "yes", "partner", "no", NULL };
const char *const xarxa_cluster_statuses[] = { "forming", "active", "paused", "closed", NULL };
const char *const xarxa_member_roles[] = { "coordinator", "member", "observer", "ally", NULL };
const char *const xarxa_mission_statuses[] = {
  "idea", "planning", "confirmed", "under-way", "completed", "cancelled", NULL,
};
const char *const xarxa_participant_roles[] = { "organiser", "participant", "interpreter", "host", NULL };
const char *const xarxa_stop_kinds[] = {
  "visit", "meeting", "workshop", "travel", "accommodation", "free-time", NULL,
};
const char *const xarxa_agenda_kinds[] = { "challenge", "need", "trend", "priority", NULL };
const char *const xarxa_document_kinds[] = {
  "report", "interview", "case-study", "shared-agenda", "article", "video", "dataset", NULL,
};
const char *const xarxa_action_statuses[] = { "planned", "in-progress", "done", "dropped", NULL };
const char *const xarxa_indicator_directions[] = { "increase", "decrease", "maintain", NULL };

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
