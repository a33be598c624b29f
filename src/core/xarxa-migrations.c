/* xarxa-migrations.c — the schema of the local database, version by version.
 *
 * Each entry takes the database one version up and runs inside the same
 * transaction as the user_version bump, so a migration either happens whole
 * or not at all.  Never edit a released entry: add the next one.
 *
 * Cross-record references (contact.entity_id and the like) carry no
 * FOREIGN KEY clause on purpose: a sync pull may deliver a child before its
 * parent, and records are never hard-deleted, only tombstoned.  The local
 * bookkeeping tables do use foreign keys.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include "xarxa-migrations.h"

#define BOOKKEEPING \
  "id TEXT NOT NULL UNIQUE, " \
  "created_at TEXT NOT NULL, " \
  "updated_at TEXT NOT NULL, " \
  "deleted INTEGER NOT NULL DEFAULT 0, " \
  "version INTEGER NOT NULL DEFAULT 0"

static const char migration_1[] =
  "CREATE TABLE entity ("
  " name TEXT NOT NULL, short_name TEXT, kind TEXT, description TEXT,"
  " country TEXT, region TEXT, city TEXT, address TEXT, website TEXT,"
  " email TEXT, phone TEXT, languages TEXT, transitions TEXT, tags TEXT,"
  " membership TEXT, notes TEXT, name_key TEXT NOT NULL DEFAULT '', " BOOKKEEPING ");"
  "CREATE INDEX entity_by_name ON entity (deleted, name_key);"
  "CREATE INDEX entity_by_updated ON entity (deleted, updated_at);"
  "CREATE INDEX entity_by_country ON entity (country);"

  "CREATE TABLE contact ("
  " full_name TEXT, entity_id TEXT, role TEXT, email TEXT, phone TEXT,"
  " languages TEXT, notes TEXT, " BOOKKEEPING ");"
  "CREATE INDEX contact_by_entity ON contact (entity_id);"

  "CREATE TABLE cluster ("
  " name TEXT, objective TEXT, description TEXT, field TEXT, transitions TEXT,"
  " rights TEXT, gender_perspective TEXT, status TEXT, start_date TEXT, " BOOKKEEPING ");"

  "CREATE TABLE cluster_member ("
  " cluster_id TEXT, entity_id TEXT, role TEXT, joined_on TEXT, commitment TEXT, " BOOKKEEPING ");"
  "CREATE INDEX cluster_member_by_cluster ON cluster_member (cluster_id);"
  "CREATE INDEX cluster_member_by_entity ON cluster_member (entity_id);"

  "CREATE TABLE objective (cluster_id TEXT, title TEXT, description TEXT, " BOOKKEEPING ");"
  "CREATE INDEX objective_by_cluster ON objective (cluster_id);"

  "CREATE TABLE indicator ("
  " cluster_id TEXT, objective_id TEXT, name TEXT, unit TEXT, baseline REAL,"
  " target REAL, direction TEXT, gender_breakdown INTEGER, " BOOKKEEPING ");"
  "CREATE INDEX indicator_by_cluster ON indicator (cluster_id);"

  "CREATE TABLE indicator_value ("
  " indicator_id TEXT, measured_on TEXT, value REAL, value_women REAL,"
  " value_men REAL, value_other REAL, notes TEXT, " BOOKKEEPING ");"
  "CREATE INDEX indicator_value_by_indicator ON indicator_value (indicator_id, measured_on);"

  "CREATE TABLE action ("
  " cluster_id TEXT, title TEXT, description TEXT, owner_entity_id TEXT,"
  " due_date TEXT, status TEXT, " BOOKKEEPING ");"
  "CREATE INDEX action_by_cluster ON action (cluster_id);"

  "CREATE TABLE decision ("
  " cluster_id TEXT, decided_on TEXT, summary TEXT, consensus INTEGER, " BOOKKEEPING ");"
  "CREATE INDEX decision_by_cluster ON decision (cluster_id);"

  "CREATE TABLE agenda_item ("
  " cluster_id TEXT, meeting TEXT, kind TEXT, text TEXT, transition TEXT,"
  " supporters INTEGER, " BOOKKEEPING ");"
  "CREATE INDEX agenda_item_by_cluster ON agenda_item (cluster_id);"

  "CREATE TABLE mission ("
  " title TEXT, purpose TEXT, learning_goals TEXT, country TEXT, city TEXT,"
  " start_date TEXT, end_date TEXT, status TEXT, organiser_entity_id TEXT,"
  " budget REAL, currency TEXT, outcomes TEXT, " BOOKKEEPING ");"

  "CREATE TABLE participant ("
  " mission_id TEXT, contact_id TEXT, name TEXT, role TEXT, arrival TEXT,"
  " departure TEXT, " BOOKKEEPING ");"
  "CREATE INDEX participant_by_mission ON participant (mission_id);"

  "CREATE TABLE itinerary_stop ("
  " mission_id TEXT, starts_at TEXT, ends_at TEXT, time_zone TEXT, kind TEXT,"
  " title TEXT, place TEXT, address TEXT, host_entity_id TEXT,"
  " host_contact_id TEXT, notes TEXT, " BOOKKEEPING ");"
  "CREATE INDEX itinerary_stop_by_mission ON itinerary_stop (mission_id, starts_at);"

  "CREATE TABLE field_note ("
  " mission_id TEXT, stop_id TEXT, author TEXT, written_at TEXT, text TEXT, " BOOKKEEPING ");"
  "CREATE INDEX field_note_by_mission ON field_note (mission_id);"

  "CREATE TABLE document ("
  " title TEXT, kind TEXT, authors TEXT, publisher_entity_id TEXT, date TEXT,"
  " language TEXT, transitions TEXT, territories TEXT, summary TEXT,"
  " full_text TEXT, url TEXT, file_hash TEXT, file_name TEXT, file_type TEXT,"
  " file_size INTEGER, tags TEXT, " BOOKKEEPING ");"

  "CREATE TABLE document_link ("
  " document_id TEXT, target_type TEXT, target_id TEXT, " BOOKKEEPING ");"
  "CREATE INDEX document_link_by_document ON document_link (document_id);"
  "CREATE INDEX document_link_by_target ON document_link (target_id);"

  /* Full-text search, kept in step by the store (rowid = entity rowid). */
  "CREATE VIRTUAL TABLE entity_fts USING fts5 ("
  " name, short_name, description, city, tags, notes, contacts,"
  " tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
  "CREATE VIRTUAL TABLE document_fts USING fts5 ("
  " title, authors, summary, full_text, tags,"
  " tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"

  /* Sync bookkeeping: every local change, in order, until the server has it. */
  "CREATE TABLE outbox ("
  " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  " record_type TEXT NOT NULL, record_id TEXT NOT NULL,"
  " op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'undelete')),"
  " fields TEXT NOT NULL, before TEXT NOT NULL,"
  " base_version INTEGER NOT NULL, created_at TEXT NOT NULL);"
  "CREATE INDEX outbox_by_record ON outbox (record_type, record_id);"
  /* How many changes wait: counting a large outbox reads all of it, and the
   * window asks after every change.  The store adds its appends once per
   * transaction (a trigger per row cost a third of an import); deletes,
   * made by sync one by one, are counted by a trigger. */
  "CREATE TABLE outbox_size (n INTEGER NOT NULL);"
  "INSERT INTO outbox_size (n) VALUES (0);"
  "CREATE TRIGGER outbox_size_delete AFTER DELETE ON outbox"
  " BEGIN UPDATE outbox_size SET n = n - 1; END;"
  /* The record as last agreed with the server: the base of three-way merges.
   * Data '' stands for the record as it stands, which has no change of
   * this device's own: a first sync writes them so, and the store writes
   * the shadow out before the record's first change (keep_shadow()). */
  /* A rowid table: rows are appended in pull order and only the narrow
   * (type, id) index takes random inserts; as WITHOUT ROWID every row of
   * ~500 bytes landed on a random page. */
  "CREATE TABLE shadow ("
  " record_type TEXT NOT NULL, record_id TEXT NOT NULL, data TEXT NOT NULL,"
  " version INTEGER NOT NULL, UNIQUE (record_type, record_id));"
  "CREATE TABLE conflict ("
  " id INTEGER PRIMARY KEY, record_type TEXT NOT NULL, record_id TEXT NOT NULL,"
  " field TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'field',"
  " mine TEXT, theirs TEXT, base TEXT, theirs_version INTEGER,"
  " created_at TEXT NOT NULL, UNIQUE (record_type, record_id, field));"
  "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"

  /* Import batches, so one import can be undone exactly. */
  "CREATE TABLE import_batch ("
  " id INTEGER PRIMARY KEY, source TEXT NOT NULL, imported_at TEXT NOT NULL,"
  " undone INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE import_item ("
  " batch_id INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,"
  " record_type TEXT NOT NULL, record_id TEXT NOT NULL);"
  "CREATE INDEX import_item_by_batch ON import_item (batch_id);";

/* Full-text tables without prefix indexes, with column-level detail, and
 * marks (accents typed apart, the vowel signs of Devanagari or Tamil) kept
 * inside words as they are in the text: with the tokenizer's default they
 * split "किसान" into three one-letter words.
 * FTS5 answers a prefix query from its main index in about the same time
 * at 100,000 organisations (the hits, not the lookup, cost), while every
 * prefix index made each indexed row cost once more to write: the three of
 * version 1 made writing the index 2.5 times as dear.  Positions are not
 * kept either: searches are sets of word prefixes, never phrases.  The
 * rows are copied over, so nothing has to be re-read from the records. */
static const char migration_2[] =
  "CREATE VIRTUAL TABLE entity_fts_2 USING fts5 ("
  " name, short_name, description, city, tags, notes, contacts,"
  " tokenize = 'unicode61 remove_diacritics 2 categories ''L* N* Co M*''', detail = column);"
  "INSERT INTO entity_fts_2 (rowid, name, short_name, description, city, tags, notes, contacts)"
  " SELECT rowid, name, short_name, description, city, tags, notes, contacts FROM entity_fts;"
  "DROP TABLE entity_fts;"
  "ALTER TABLE entity_fts_2 RENAME TO entity_fts;"
  "CREATE VIRTUAL TABLE document_fts_2 USING fts5 ("
  " title, authors, summary, full_text, tags,"
  " tokenize = 'unicode61 remove_diacritics 2 categories ''L* N* Co M*''', detail = column);"
  "INSERT INTO document_fts_2 (rowid, title, authors, summary, full_text, tags)"
  " SELECT rowid, title, authors, summary, full_text, tags FROM document_fts;"
  "DROP TABLE document_fts;"
  "ALTER TABLE document_fts_2 RENAME TO document_fts;"
  /* The outbox's CHECK (op IN (...)) built a temporary table for the list
   * on every append, a fifth of an import's time: the same rule, written
   * as comparisons.  Its sequence goes on from where it was, so no change
   * ever takes the number of an earlier one. */
  "CREATE TABLE outbox_2 ("
  " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  " record_type TEXT NOT NULL, record_id TEXT NOT NULL,"
  " op TEXT NOT NULL CHECK (op = 'create' OR op = 'update' OR op = 'delete' OR op = 'undelete'),"
  " fields TEXT NOT NULL, before TEXT NOT NULL,"
  " base_version INTEGER NOT NULL, created_at TEXT NOT NULL);"
  "INSERT INTO outbox_2 SELECT * FROM outbox;"
  "DELETE FROM sqlite_sequence WHERE name = 'outbox_2';"
  "INSERT INTO sqlite_sequence (name, seq)"
  " SELECT 'outbox_2', seq FROM sqlite_sequence WHERE name = 'outbox';"
  "DROP TABLE outbox;"
  "ALTER TABLE outbox_2 RENAME TO outbox;"
  "CREATE INDEX outbox_by_record ON outbox (record_type, record_id);"
  "CREATE TRIGGER outbox_size_delete AFTER DELETE ON outbox"
  " BEGIN UPDATE outbox_size SET n = n - 1; END;";

/* Decimal numbers written by json-glib before 2026-11-25 (2e+20.0) made
 * some stored texts unreadable: they are repaired in place, through the
 * xarxa_json_repair() SQL function the store registers (only the ".0"
 * after an exponent goes; strings are left alone). */
static const char migration_3[] =
  "UPDATE shadow SET data = xarxa_json_repair (data) WHERE NOT json_valid (data);"
  "UPDATE outbox SET fields = xarxa_json_repair (fields) WHERE NOT json_valid (fields);"
  "UPDATE outbox SET before = xarxa_json_repair (before) WHERE NOT json_valid (before);"
  "UPDATE conflict SET mine = xarxa_json_repair (mine) WHERE mine IS NOT NULL AND NOT json_valid (mine);"
  "UPDATE conflict SET theirs = xarxa_json_repair (theirs) WHERE theirs IS NOT NULL AND NOT json_valid (theirs);"
  "UPDATE conflict SET base = xarxa_json_repair (base) WHERE base IS NOT NULL AND NOT json_valid (base);"
  "UPDATE sync_state SET value = xarxa_json_repair (value)"
  " WHERE key = 'pending_body' AND value IS NOT NULL AND NOT json_valid (value);";

/* Shadows may now be '' (see the shadow table above): nothing to change
 * in the data, but a build that does not know that must not open it.
 * An import batch notes the rowids its transaction gave out, per kind of
 * record, instead of one import_item row per record (which was a sixth of
 * an import); batches made before keep their items. */
static const char migration_4[] =
  "CREATE TABLE import_range ("
  " batch_id INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,"
  " record_type TEXT NOT NULL, first_rowid INTEGER NOT NULL, last_rowid INTEGER,"
  " PRIMARY KEY (batch_id, record_type));";

/* Full-text search per type (see xarxa-store-hooks.c): clusters and
 * missions get an index made as the organisations' is since version 2,
 * and document_fts, made by version 1 but written by nothing until now,
 * is filled from the documents there are.  A set is indexed as its
 * members separated by spaces, as the store writes it. */
#define FTS_OPTIONS \
  "tokenize = 'unicode61 remove_diacritics 2 categories ''L* N* Co M*''', detail = column"

static const char migration_5[] =
  "CREATE VIRTUAL TABLE cluster_fts USING fts5 ("
  " name, objective, description, field, rights, " FTS_OPTIONS ");"
  "INSERT INTO cluster_fts (rowid, name, objective, description, field, rights)"
  " SELECT rowid, name, objective, description, field, rights FROM cluster"
  " WHERE deleted = 0 ORDER BY rowid;"
  "CREATE VIRTUAL TABLE mission_fts USING fts5 ("
  " title, purpose, learning_goals, city, outcomes, " FTS_OPTIONS ");"
  "INSERT INTO mission_fts (rowid, title, purpose, learning_goals, city, outcomes)"
  " SELECT rowid, title, purpose, learning_goals, city, outcomes FROM mission"
  " WHERE deleted = 0 ORDER BY rowid;"
  "DELETE FROM document_fts;"
  "INSERT INTO document_fts (rowid, title, authors, summary, full_text, tags)"
  " SELECT rowid, title, authors, summary, full_text,"
  " CASE WHEN json_valid (tags) THEN (SELECT group_concat (value, ' ') FROM json_each (tags)) END"
  " FROM document WHERE deleted = 0 ORDER BY rowid;";

/* The cluster builder (issue 12).  New types: an organisation's position
 * on a decision, reflection meetings and who supports an agenda item.
 * Moved over, each move also written to the outbox so the server and the
 * other devices learn it (the same move made on two devices is the same
 * change, which the server takes as already made):
 * - an agenda item's free-text meeting becomes a meeting record (one per
 *   cluster and text) that the item names by meeting_id;
 * - agenda kind "trend" becomes "innovation-trend";
 * - indicator directions "increase"/"decrease" become "up"/"down", and
 *   "maintain" is cleared: a value to keep is a target equal to its
 *   baseline, which has no progress either way;
 * - a decision's summary becomes its decision text.
 * The old columns (agenda_item.meeting and .supporters, decision.summary
 * and .consensus) stay in the tables, unread, so nothing stored is lost:
 * a bare count of supporters names no organisation to move it to, and
 * consensus is now computed from positions.  A shadow kept as '' ("the
 * record as it stands") is written out first from the values before the
 * move, which are what the server holds. */
#define NOW_ISO "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')"
#define SHADOW_DELETED "json (CASE WHEN a.deleted THEN 'true' ELSE 'false' END)"
static const char migration_6[] =
  "CREATE TABLE decision_position ("
  " decision_id TEXT, entity_id TEXT, position TEXT, note TEXT, " BOOKKEEPING ");"
  "CREATE INDEX decision_position_by_decision ON decision_position (decision_id);"
  "CREATE INDEX decision_position_by_entity ON decision_position (entity_id);"
  "CREATE TABLE meeting ("
  " title TEXT, date TEXT, place TEXT, online INTEGER, cluster_id TEXT, notes TEXT, " BOOKKEEPING ");"
  "CREATE INDEX meeting_by_cluster ON meeting (cluster_id);"
  "CREATE TABLE agenda_support (agenda_item_id TEXT, entity_id TEXT, " BOOKKEEPING ");"
  "CREATE INDEX agenda_support_by_item ON agenda_support (agenda_item_id);"
  "CREATE INDEX agenda_support_by_entity ON agenda_support (entity_id);"
  "ALTER TABLE agenda_item ADD COLUMN meeting_id TEXT;"
  "ALTER TABLE agenda_item ADD COLUMN field_note_id TEXT;"
  "CREATE INDEX agenda_item_by_meeting ON agenda_item (meeting_id);"
  "ALTER TABLE decision ADD COLUMN proposal TEXT;"
  "ALTER TABLE decision ADD COLUMN decision TEXT;"
  "ALTER TABLE indicator_value ADD COLUMN cluster_id TEXT;"

  /* Shadows as the server holds the records about to move. */
  "UPDATE shadow SET data = json_object ("
  " 'cluster_id', a.cluster_id, 'meeting', a.meeting, 'kind', a.kind, 'text', a.text,"
  " 'transition', a.transition, 'supporters', a.supporters,"
  " 'created_at', a.created_at, 'updated_at', a.updated_at, 'deleted', " SHADOW_DELETED ")"
  " FROM agenda_item a WHERE shadow.record_type = 'agenda_item' AND shadow.record_id = a.id"
  " AND shadow.data = '' AND (trim (coalesce (a.meeting, '')) <> '' OR a.kind = 'trend');"
  "UPDATE shadow SET data = json_object ("
  " 'cluster_id', a.cluster_id, 'objective_id', a.objective_id, 'name', a.name, 'unit', a.unit,"
  " 'baseline', a.baseline, 'target', a.target, 'direction', a.direction,"
  " 'gender_breakdown', json (CASE a.gender_breakdown WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'null' END),"
  " 'created_at', a.created_at, 'updated_at', a.updated_at, 'deleted', " SHADOW_DELETED ")"
  " FROM indicator a WHERE shadow.record_type = 'indicator' AND shadow.record_id = a.id"
  " AND shadow.data = '' AND a.direction IN ('increase', 'decrease', 'maintain');"
  "UPDATE shadow SET data = json_object ("
  " 'cluster_id', a.cluster_id, 'decided_on', a.decided_on, 'summary', a.summary,"
  " 'consensus', json (CASE a.consensus WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'null' END),"
  " 'created_at', a.created_at, 'updated_at', a.updated_at, 'deleted', " SHADOW_DELETED ")"
  " FROM decision a WHERE shadow.record_type = 'decision' AND shadow.record_id = a.id"
  " AND shadow.data = '' AND trim (coalesce (a.summary, '')) <> '';"

  /* Meetings from the free texts, with new random (version 4) ids. */
  "CREATE TEMP TABLE migration_6_meeting (cluster_id TEXT, title TEXT, id TEXT);"
  "INSERT INTO migration_6_meeting (cluster_id, title)"
  " SELECT DISTINCT cluster_id, trim (meeting) FROM agenda_item WHERE trim (coalesce (meeting, '')) <> '';"
  "UPDATE migration_6_meeting SET id = lower (hex (randomblob (16)));"
  "UPDATE migration_6_meeting SET id = substr (id, 1, 8) || '-' || substr (id, 9, 4) || '-4'"
  " || substr (id, 14, 3) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1)"
  " || substr (id, 18, 3) || '-' || substr (id, 21, 12);"
  "INSERT INTO meeting (title, cluster_id, id, created_at, updated_at, deleted, version)"
  " SELECT title, cluster_id, id, " NOW_ISO ", " NOW_ISO ", 0, 0 FROM migration_6_meeting;"
  "INSERT INTO outbox (record_type, record_id, op, fields, before, base_version, created_at)"
  " SELECT 'meeting', id, 'create',"
  " CASE WHEN cluster_id IS NULL THEN json_object ('title', title)"
  " ELSE json_object ('title', title, 'cluster_id', cluster_id) END, '{}', 0, " NOW_ISO
  " FROM migration_6_meeting;"
  "UPDATE agenda_item SET meeting_id = (SELECT m.id FROM migration_6_meeting m"
  " WHERE m.title = trim (agenda_item.meeting) AND m.cluster_id IS agenda_item.cluster_id)"
  " WHERE trim (coalesce (meeting, '')) <> '';"
  "INSERT INTO outbox (record_type, record_id, op, fields, before, base_version, created_at)"
  " SELECT 'agenda_item', id, 'update', json_object ('meeting_id', meeting_id),"
  " json_object ('meeting_id', NULL), version, " NOW_ISO
  " FROM agenda_item WHERE meeting_id IS NOT NULL AND deleted = 0;"
  "DROP TABLE migration_6_meeting;"

  /* Values renamed. */
  "INSERT INTO outbox (record_type, record_id, op, fields, before, base_version, created_at)"
  " SELECT 'agenda_item', id, 'update', json_object ('kind', 'innovation-trend'),"
  " json_object ('kind', 'trend'), version, " NOW_ISO
  " FROM agenda_item WHERE kind = 'trend' AND deleted = 0;"
  "UPDATE agenda_item SET kind = 'innovation-trend' WHERE kind = 'trend';"
  "INSERT INTO outbox (record_type, record_id, op, fields, before, base_version, created_at)"
  " SELECT 'indicator', id, 'update',"
  " json_object ('direction', CASE direction WHEN 'increase' THEN 'up' WHEN 'decrease' THEN 'down' END),"
  " json_object ('direction', direction), version, " NOW_ISO
  " FROM indicator WHERE direction IN ('increase', 'decrease', 'maintain') AND deleted = 0;"
  "UPDATE indicator SET direction = CASE direction WHEN 'increase' THEN 'up' WHEN 'decrease' THEN 'down' END"
  " WHERE direction IN ('increase', 'decrease', 'maintain');"
  "UPDATE decision SET decision = trim (summary) WHERE trim (coalesce (summary, '')) <> '';"
  "INSERT INTO outbox (record_type, record_id, op, fields, before, base_version, created_at)"
  " SELECT 'decision', id, 'update', json_object ('decision', decision),"
  " json_object ('decision', NULL), version, " NOW_ISO
  " FROM decision WHERE decision IS NOT NULL AND deleted = 0;"
  "UPDATE outbox_size SET n = (SELECT count(*) FROM outbox);";
/* Missions: the destination's time zone, which a stop's wall-clock times
 * are in unless the stop names its own; which of a repeated hour a stop's
 * times mean; a participant's private needs. */
static const char migration_7[] =
  "ALTER TABLE mission ADD COLUMN time_zone TEXT;"
  "ALTER TABLE itinerary_stop ADD COLUMN repeated_time TEXT;"
  "ALTER TABLE participant ADD COLUMN needs TEXT;";

/* The library: why an attachment's text could not be read, and who was
 * interviewed, when, and whether they consented to the interview's use. */
static const char migration_8[] =
  "ALTER TABLE document ADD COLUMN text_status TEXT;"
  "ALTER TABLE document ADD COLUMN text_error TEXT;"
  "ALTER TABLE document ADD COLUMN interviewee_id TEXT;"
  "ALTER TABLE document ADD COLUMN interviewed_on TEXT;"
  "ALTER TABLE document ADD COLUMN consent TEXT;"
  "CREATE INDEX document_by_file_hash ON document (file_hash);";

/* One search across the four views (issue 14): a mission's stops and its
 * field notes get an index of their own, and the documents' index is made
 * again with prefix indexes of two and three letters (not the
 * organisations': see migration 2, they would make an import dearer).  A word typed is a prefix ("sol" for "solar"), and in
 * thousands of documents of long text the words a short prefix starts are
 * many: without these, every search merged all their lists, for each
 * hit's snippet again. */
#define FTS_PREFIX_OPTIONS FTS_OPTIONS ", prefix = '2 3'"

static const char migration_9[] =
  "CREATE VIRTUAL TABLE itinerary_stop_fts USING fts5 ("
  " title, place, address, notes, " FTS_PREFIX_OPTIONS ");"
  "INSERT INTO itinerary_stop_fts (rowid, title, place, address, notes)"
  " SELECT rowid, title, place, address, notes FROM itinerary_stop"
  " WHERE deleted = 0 ORDER BY rowid;"
  "CREATE VIRTUAL TABLE field_note_fts USING fts5 ("
  " author, text, " FTS_PREFIX_OPTIONS ");"
  "INSERT INTO field_note_fts (rowid, author, text)"
  " SELECT rowid, author, text FROM field_note"
  " WHERE deleted = 0 ORDER BY rowid;"
  "DROP TABLE document_fts;"
  "CREATE VIRTUAL TABLE document_fts USING fts5 ("
  " title, authors, summary, full_text, tags, " FTS_PREFIX_OPTIONS ");"
  "INSERT INTO document_fts (rowid, title, authors, summary, full_text, tags)"
  " SELECT rowid, title, authors, summary, full_text,"
  " CASE WHEN json_valid (tags) THEN (SELECT group_concat (value, ' ') FROM json_each (tags)) END"
  " FROM document WHERE deleted = 0 ORDER BY rowid;"
  /* The Library lists live documents by title and offers their languages:
   * from these, without reading each document's long text to reach its
   * "deleted", which comes after it. */
  "CREATE INDEX document_live_by_title ON document (deleted, title COLLATE NOCASE);"
  "CREATE INDEX document_live_by_language ON document (deleted, language);";

/* The people a field note names as met, one record per note and person
 * (issue 13): the mission's list of the people met reads them.  Notes
 * written before name the people in their text only, and keep it. */
static const char migration_10[] =
  "CREATE TABLE field_note_person (field_note_id TEXT, contact_id TEXT, " BOOKKEEPING ");"
  "CREATE INDEX field_note_person_by_note ON field_note_person (field_note_id);"
  "CREATE INDEX field_note_person_by_contact ON field_note_person (contact_id);";

const char *const xarxa_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
};

const guint xarxa_n_migrations = G_N_ELEMENTS (xarxa_migrations);
