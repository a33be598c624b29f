/* xarxa-store-hooks.c — what the store does for each record type beyond
 * the generic path (see xarxa-store-hooks.h).
 *
 * Organisations keep a folded name key, must have a name, are ordered by
 * the directory's rank cache and have a search row that also holds their
 * people; a contact's change rewrites its organisation's search row.
 * Clusters, missions and documents have search rows of their own words
 * (the tables are made by xarxa-migrations.c).  A cluster's members,
 * positions, measurements and supports are checked against the records
 * they name.  Every other type takes the generic path.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include "xarxa-mission.h"
#include "xarxa-cluster-rules.h"
#include "xarxa-entity.h"
#include "xarxa-store-private.h"

/* ---- organisations ------------------------------------------------------ */

/* An organisation's search row ends with its people: their names, email
 * addresses and roles, so that a search for a person finds where they work. */
static gboolean
entity_bind_people (XarxaStore    *store,
                    const char    *id,
                    sqlite3_stmt  *insert,
                    int            first,
                    GError       **error)
{
  g_autoptr(GString) people = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xarxa_store_prepare (store,
                              "SELECT full_name, email, role FROM contact "
                              "WHERE entity_id = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < 3; c++)
      if (sqlite3_column_type (stmt, c) != SQLITE_NULL)
        {
          if (people->len > 0)
            g_string_append_c (people, ' ');
          g_string_append (people, (const char *) sqlite3_column_text (stmt, c));
        }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xarxa_store_sqlite_error (store, rc, error);
  sqlite3_bind_text (insert, first, g_string_free (g_steal_pointer (&people), FALSE), -1, g_free);
  return TRUE;
}

static const XarxaSearchIndex entity_search = {
  "SELECT deleted, name, short_name, description, city, tags, notes FROM entity WHERE rowid = ?1",
  "INSERT INTO entity_fts (rowid, name, short_name, description, city, tags, notes, contacts) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  "DELETE FROM entity_fts WHERE rowid = ?1",
  "SELECT rowid FROM entity WHERE id = ?1",
  "SELECT e.id FROM entity_fts f CROSS JOIN entity e ON e.rowid = f.rowid "
  "WHERE entity_fts MATCH ?1 AND e.deleted = 0 ORDER BY e.rowid",
  "SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?1",
  entity_bind_people,
  (const char *const[]) { "contact", NULL },
};

const XarxaTypeHooks xarxa_entity_hooks = {
  .search = &entity_search,
  .key_field = "name",
  .sql_update_key = "UPDATE entity SET name_key = ?1 WHERE id = ?2",
  .required_field = "name",
  .row_written = xarxa_store_forget_ranks,
  .item_type = xarxa_entity_get_type,
};

/* ---- contact people ----------------------------------------------------- */

/* The organisation @record belongs to, when it names one. */
static const char *
entity_of (JsonObject *record)
{
  JsonNode *node = record != NULL ? json_object_get_member (record, "entity_id") : NULL;

  if (xarxa_value_is_empty (node) || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A person's words are in the rows of the organisations they belonged to
 * and belong to. */
static void
contact_mark_related (XarxaStore *store,
                      JsonObject *before,
                      JsonObject *after)
{
  const XarxaRecordType *entity = xarxa_schema_lookup ("entity");

  xarxa_store_mark_search_row (store, entity, entity_of (before), FALSE);
  xarxa_store_mark_search_row (store, entity, entity_of (after), FALSE);
}

const XarxaTypeHooks xarxa_contact_hooks = {
  .mark_related = contact_mark_related,
};

/* ---- clusters, missions, documents -------------------------------------- */

static const XarxaSearchIndex cluster_search = {
  "SELECT deleted, name, objective, description, field, rights FROM cluster WHERE rowid = ?1",
  "INSERT INTO cluster_fts (rowid, name, objective, description, field, rights) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  "DELETE FROM cluster_fts WHERE rowid = ?1",
  "SELECT rowid FROM cluster WHERE id = ?1",
  "SELECT c.id FROM cluster_fts f CROSS JOIN cluster c ON c.rowid = f.rowid "
  "WHERE cluster_fts MATCH ?1 AND c.deleted = 0 ORDER BY c.rowid",
  "SELECT rowid FROM cluster_fts WHERE cluster_fts MATCH ?1",
  NULL,
  NULL,
};

/* A cluster's next due action is its open action due first (overdue ones
 * included), as xarxa_cluster_next_action() tells; clusters without one
 * come last, by name.  One probe of action_by_cluster per cluster. */
#define CLUSTER_NEXT_DUE \
  "(SELECT min (a.due_date) FROM action a WHERE a.cluster_id = t.id AND a.deleted = 0" \
  " AND a.due_date IS NOT NULL AND a.due_date <> ''" \
  " AND coalesce (a.status, '') NOT IN ('done', 'dropped'))"

const XarxaTypeHooks xarxa_cluster_hooks = {
  .search = &cluster_search,
  .sql_order_due = CLUSTER_NEXT_DUE " NULLS LAST, t.name COLLATE NOCASE, t.rowid",
};

static const XarxaSearchIndex mission_search = {
  "SELECT deleted, title, purpose, learning_goals, city, outcomes FROM mission WHERE rowid = ?1",
  "INSERT INTO mission_fts (rowid, title, purpose, learning_goals, city, outcomes) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  "DELETE FROM mission_fts WHERE rowid = ?1",
  "SELECT rowid FROM mission WHERE id = ?1",
  "SELECT m.id FROM mission_fts f CROSS JOIN mission m ON m.rowid = f.rowid "
  "WHERE mission_fts MATCH ?1 AND m.deleted = 0 ORDER BY m.rowid",
  "SELECT rowid FROM mission_fts WHERE mission_fts MATCH ?1",
  NULL,
  NULL,
};

const XarxaTypeHooks xarxa_mission_hooks = {
  .search = &mission_search,
};

/* A document is found by any word of its title, authors, summary, text
 * or tags. */
static const XarxaSearchIndex document_search = {
  "SELECT deleted, title, authors, summary, full_text, tags FROM document WHERE rowid = ?1",
  "INSERT INTO document_fts (rowid, title, authors, summary, full_text, tags) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  "DELETE FROM document_fts WHERE rowid = ?1",
  "SELECT rowid FROM document WHERE id = ?1",
  "SELECT d.id FROM document_fts f CROSS JOIN document d ON d.rowid = f.rowid "
  "WHERE document_fts MATCH ?1 AND d.deleted = 0 ORDER BY d.rowid",
  "SELECT rowid FROM document_fts WHERE document_fts MATCH ?1",
  NULL,
  NULL,
};

const XarxaTypeHooks xarxa_document_hooks = {
  .search = &document_search,
};

/* ---- a mission's stops, participants and notes --------------------------- */

static const XarxaSearchIndex itinerary_stop_search = {
  "SELECT deleted, title, place, address, notes FROM itinerary_stop WHERE rowid = ?1",
  "INSERT INTO itinerary_stop_fts (rowid, title, place, address, notes) "
  "VALUES (?1, ?2, ?3, ?4, ?5)",
  "DELETE FROM itinerary_stop_fts WHERE rowid = ?1",
  "SELECT rowid FROM itinerary_stop WHERE id = ?1",
  "SELECT s.id FROM itinerary_stop_fts f CROSS JOIN itinerary_stop s ON s.rowid = f.rowid "
  "WHERE itinerary_stop_fts MATCH ?1 AND s.deleted = 0 ORDER BY s.rowid",
  "SELECT rowid FROM itinerary_stop_fts WHERE itinerary_stop_fts MATCH ?1",
  NULL,
  NULL,
};

static const XarxaSearchIndex field_note_search = {
  "SELECT deleted, author, text FROM field_note WHERE rowid = ?1",
  "INSERT INTO field_note_fts (rowid, author, text) VALUES (?1, ?2, ?3)",
  "DELETE FROM field_note_fts WHERE rowid = ?1",
  "SELECT rowid FROM field_note WHERE id = ?1",
  "SELECT n.id FROM field_note_fts f CROSS JOIN field_note n ON n.rowid = f.rowid "
  "WHERE field_note_fts MATCH ?1 AND n.deleted = 0 ORDER BY n.rowid",
  "SELECT rowid FROM field_note_fts WHERE field_note_fts MATCH ?1",
  NULL,
  NULL,
};

/* Their times must exist in the mission's zone and end after they start;
 * a note's stop must be of the note's mission (xarxa-mission.c). */
const XarxaTypeHooks xarxa_itinerary_stop_hooks = {
  .search = &itinerary_stop_search,
  .check = xarxa_mission_check_stop,
};

const XarxaTypeHooks xarxa_participant_hooks = {
  .check = xarxa_mission_check_participant,
};

const XarxaTypeHooks xarxa_field_note_hooks = {
  .search = &field_note_search,
  .check = xarxa_mission_check_field_note,
};

/* ---- the cluster's rules ------------------------------------------------ */

/* Members, positions, measurements and supports name other records that
 * must be there, and a pair is made once (xarxa-cluster-rules.h). */
const XarxaTypeHooks xarxa_cluster_member_hooks = {
  .check = xarxa_cluster_rules_check_member,
};

const XarxaTypeHooks xarxa_decision_position_hooks = {
  .check = xarxa_cluster_rules_check_position,
};

const XarxaTypeHooks xarxa_indicator_value_hooks = {
  .check = xarxa_cluster_rules_check_measurement,
};

const XarxaTypeHooks xarxa_agenda_support_hooks = {
  .check = xarxa_cluster_rules_check_support,
};

const XarxaTypeHooks xarxa_field_note_person_hooks = {
  .check = xarxa_cluster_rules_check_note_person,
};

/* ---- the generic path --------------------------------------------------- */

#define GENERIC_TYPE_HOOKS(tname) \
  const XarxaTypeHooks xarxa_##tname##_hooks = { 0 };

GENERIC_TYPE_HOOKS (objective)
GENERIC_TYPE_HOOKS (indicator)
GENERIC_TYPE_HOOKS (action)
GENERIC_TYPE_HOOKS (decision)
GENERIC_TYPE_HOOKS (meeting)
GENERIC_TYPE_HOOKS (agenda_item)
GENERIC_TYPE_HOOKS (document_link)
