/* xarxa-schema.h — the record types of the data model and their fields.
 *
 * One static table describes every record type: its name (also its SQLite
 * table), its fields and their kinds.  The store, the sync engine, the
 * server and the command line all read it, so a field is declared once.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  XARXA_FIELD_TEXT,   /* UTF-8 text, NULL when empty */
  XARXA_FIELD_INT,    /* 64-bit integer */
  XARXA_FIELD_REAL,   /* double */
  XARXA_FIELD_BOOL,   /* 0 / 1 */
  XARXA_FIELD_SET,    /* a set of short strings, stored as a sorted JSON array */
  XARXA_FIELD_REF,    /* the id of another record, see ref_type */
} XarxaFieldKind;

typedef struct
{
  const char     *name;
  XarxaFieldKind  kind;
  const char     *ref_type;   /* for XARXA_FIELD_REF: the record type it names */
} XarxaFieldInfo;

typedef struct
{
  const char           *name;        /* "entity": also the table name */
  const XarxaFieldInfo *fields;
  guint                 n_fields;
  /* Prepared-statement texts, fixed at compile time from the field list. */
  const char           *sql_insert;  /* named parameters :field, :id, :created_at, :updated_at, :deleted, :version */
  const char           *sql_update;  /* every field, :updated_at, :deleted, :version, WHERE id = :id */
  const char           *sql_select;  /* columns in field order, then id, created_at, updated_at, deleted, version; WHERE id = ?1 */
  const char           *sql_select_rowid; /* the same columns, WHERE rowid = ?1 */
  const char           *sql_set_version;  /* version = ?1 WHERE id = ?2, when that is newer */
  const char           *sql_insert_keyed; /* entity only: sql_insert that also sets :name_key */
  const char           *sql_insert_new;   /* sql_insert (keyed if any) that does nothing if the id is taken */
  const struct _XarxaTypeHooks *hooks;    /* what the store does beyond the generic path (xarxa-store-hooks.h); never NULL */
} XarxaRecordType;

/* Column indexes of the bookkeeping columns after the fields in sql_select. */
#define XARXA_COL_ID(t)         ((t)->n_fields + 0)
#define XARXA_COL_CREATED_AT(t) ((t)->n_fields + 1)
#define XARXA_COL_UPDATED_AT(t) ((t)->n_fields + 2)
#define XARXA_COL_DELETED(t)    ((t)->n_fields + 3)
#define XARXA_COL_VERSION(t)    ((t)->n_fields + 4)

const XarxaRecordType  *xarxa_schema_lookup      (const char *type_name);
const XarxaRecordType *const *xarxa_schema_types (guint      *n_types);
const XarxaFieldInfo   *xarxa_record_type_field  (const XarxaRecordType *type,
                                                  const char            *field_name);
int                     xarxa_record_type_field_index (const XarxaRecordType *type,
                                                       const char            *field_name);

/* The enumerations a field may hold.  Values are stable identifiers in
 * English; the UI translates them. */
extern const char *const xarxa_entity_kinds[];      /* NULL-terminated */
extern const char *const xarxa_transitions[];
extern const char *const xarxa_membership_values[];
extern const char *const xarxa_cluster_statuses[];
extern const char *const xarxa_member_roles[];
extern const char *const xarxa_mission_statuses[];
extern const char *const xarxa_participant_roles[];
extern const char *const xarxa_stop_kinds[];
extern const char *const xarxa_agenda_kinds[];
extern const char *const xarxa_document_kinds[];
extern const char *const xarxa_action_statuses[];
extern const char *const xarxa_indicator_directions[];

gboolean xarxa_strv_contains_value (const char *const *values,
                                    const char        *value);

G_END_DECLS
