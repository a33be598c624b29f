/* xarxa-schema.h — the record types of the data model and their fields.
 *
 * One static table describes every record type: its name (also its SQLite
 * table), its names for people, its fields with their kinds, labels,
 * formats and allowed values, which field titles a record, its parent and
 * what search covers.  The store, validation, the import, the conflicts
 * window, the sync engine, the server and the command line all read it, so
 * a type or a field is declared once.
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

/* What a field's text means, beyond how it is stored.  For a set
 * (XARXA_FIELD_SET) the format is that of each item, or CHOICES / TAGS. */
typedef enum
{
  XARXA_FORMAT_TEXT,        /* one line of text */
  XARXA_FORMAT_LONG_TEXT,   /* paragraphs */
  XARXA_FORMAT_EMAIL,       /* name@example.org */
  XARXA_FORMAT_URL,         /* http:// or https:// address */
  XARXA_FORMAT_PHONE,       /* digits, spaces, an optional leading + */
  XARXA_FORMAT_DATE,        /* ISO 8601 YYYY-MM-DD */
  XARXA_FORMAT_DATE_TIME,   /* local wall-clock YYYY-MM-DDTHH:MM[:SS], no offset,
                             * in the zone that zone_field gives */
  XARXA_FORMAT_TIME_ZONE,   /* IANA time-zone id, "Europe/Madrid" */
  XARXA_FORMAT_COUNTRY,     /* ISO 3166-1 alpha-2 code */
  XARXA_FORMAT_LANGUAGE,    /* BCP 47 tag, "ca", "pt-BR" */
  XARXA_FORMAT_CURRENCY,    /* ISO 4217 code, "EUR" */
  XARXA_FORMAT_NUMBER,      /* XARXA_FIELD_INT or XARXA_FIELD_REAL */
  XARXA_FORMAT_YES_NO,      /* XARXA_FIELD_BOOL */
  XARXA_FORMAT_REFERENCE,   /* a record id: of ref_type, or of the type a sibling
                             * field names when ref_type is NULL */
  XARXA_FORMAT_CHOICE,      /* one value of choices */
  XARXA_FORMAT_CHOICES,     /* a set of values of choices */
  XARXA_FORMAT_TAGS,        /* a set of free words */
} XarxaFieldFormat;

/* One allowed value of a closed list: the stable id stored and synced, and
 * its label, marked with the list's context (translate it with
 * xarxa_choice_list_label()). */
typedef struct
{
  const char *value;
  const char *label;
} XarxaChoice;

typedef struct
{
  const char        *context;   /* gettext context of the labels */
  const XarxaChoice *choices;
  guint              n_choices;
  const char *const *values;    /* the same ids, NULL-terminated */
} XarxaChoiceList;

typedef struct
{
  const char     *name;
  XarxaFieldKind  kind;
  const char     *ref_type;   /* for XARXA_FIELD_REF: the record type it names */
  /* The description of the field for people and for validation. */
  const char             *label;      /* N_() marked; xarxa_field_info_get_label() */
  XarxaFieldFormat        format;
  const XarxaChoiceList  *choices;    /* for CHOICE and CHOICES, else NULL */
  /* For DATE_TIME: the field of the same record whose value gives the zone,
   * either a TIME_ZONE field ("time_zone") or a reference to the record
   * that has one ("mission_id": the mission's destination).  Else NULL. */
  const char             *zone_field;
  gboolean                required;
  const char             *required_message; /* N_() marked, when required */
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
  /* The description of the type for people and for the generic code. */
  const char           *singular;    /* NC_("record type", …) marked: xarxa_record_type_get_singular() */
  const char           *plural;      /* NC_("record type", …) marked */
  /* "%s organisations" in the current language, for a count formatted as
   * %s; see xarxa_record_type_count_text(). */
  const char         *(*count_format) (gulong n);
  /* The field that titles a record.  When it is a reference (a cluster's
   * member is titled by its organisation), the record is titled by the
   * title of the record it names. */
  const char           *title_field;
  /* Used when title_field is empty (a participant without a free name is
   * titled by their contact), or NULL. */
  const char           *title_fallback;
  /* The reference to the record this one belongs to (a contact's
   * organisation, a stop's mission), NULL for a top-level type. */
  const char           *parent_field;
  const char *const    *search_fields; /* what full-text search covers, NULL-terminated */
  const char           *sql_count;     /* count(*) of the records not deleted */
  /* For a type whose identity is a pair of references (a cluster's member:
   * its cluster and its organisation), the two field names, parent first,
   * NULL-terminated; else NULL.  Such a record's id is derived from the
   * pair (xarxa_pair_id()), so two devices that make the same one make one
   * record; the same pair twice is refused with duplicate_message. */
  const char *const    *pair_fields;
  /* N_() marked, c-format: the second field's record's title, then the
   * parent's ("%s is already a member of %s."). */
  const char           *duplicate_message;
  const struct _XarxaTypeHooks *hooks;    /* what the store does beyond the generic path (xarxa-store-hooks.h); never NULL */
  /* More statement texts fixed at compile time, for lists of any type. */
  const char           *sql_rowid_of_id;  /* rowid WHERE id = ?1 */
  const char           *sql_count_up_to;  /* count(*) of the records not deleted, up to ?1 */
  const char           *sql_list_rowids;  /* rowids of the records not deleted: the start of a list's query (alias t) */
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

/* The field's label in the current language ("Short name" → "Nom curt"). */
const char *xarxa_field_info_get_label       (const XarxaFieldInfo  *field);
/* The type's names in the current language ("Organisation", "Organisations"). */
const char *xarxa_record_type_get_singular   (const XarxaRecordType *type);
const char *xarxa_record_type_get_plural     (const XarxaRecordType *type);
gboolean    xarxa_record_type_sorts_by_due  (const XarxaRecordType *type);
/* "1,200 organisations" in the current language, the number grouped as
 * the locale does. */
char       *xarxa_record_type_count_text     (const XarxaRecordType *type,
                                              guint64                n);
/* The allowed value of a list ("public-body"), or NULL. */
const XarxaChoice *xarxa_choice_list_find    (const XarxaChoiceList *list,
                                              const char            *value);
/* A value's label in the current language, or the value itself when the
 * list does not hold it. */
const char *xarxa_choice_list_label          (const XarxaChoiceList *list,
                                              const char            *value);

/* The closed lists of values.  Values are stable identifiers in English;
 * their labels are in the lists. */
extern const XarxaChoiceList xarxa_entity_kind_list;
extern const XarxaChoiceList xarxa_transition_list;
extern const XarxaChoiceList xarxa_membership_list;
extern const XarxaChoiceList xarxa_cluster_status_list;
extern const XarxaChoiceList xarxa_member_role_list;
extern const XarxaChoiceList xarxa_mission_status_list;
extern const XarxaChoiceList xarxa_participant_role_list;
extern const XarxaChoiceList xarxa_stop_kind_list;
extern const XarxaChoiceList xarxa_agenda_kind_list;
extern const XarxaChoiceList xarxa_document_kind_list;
extern const XarxaChoiceList xarxa_action_status_list;
extern const XarxaChoiceList xarxa_indicator_direction_list;
extern const XarxaChoiceList xarxa_link_target_list;
extern const XarxaChoiceList xarxa_repeated_time_list;
extern const XarxaChoiceList xarxa_text_status_list;
extern const XarxaChoiceList xarxa_consent_list;
extern const XarxaChoiceList xarxa_decision_position_list;

/* The same values as NULL-terminated arrays, as older code reads them. */
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
extern const char *const xarxa_link_targets[];
extern const char *const xarxa_repeated_times[];
extern const char *const xarxa_text_statuses[];
extern const char *const xarxa_consents[];
extern const char *const xarxa_decision_positions[];

/* The id of a record of a pair type (see pair_fields) for its pair: a
 * name-based UUID, the same on every device. */
char    *xarxa_record_type_pair_id (const XarxaRecordType *type,
                                    const char            *first_id,
                                    const char            *second_id);

gboolean xarxa_strv_contains_value (const char *const *values,
                                    const char        *value);

G_END_DECLS
