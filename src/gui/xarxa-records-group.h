/* xarxa-records-group.h — the records of one type under one parent record
 * (a cluster's objectives, a mission's participants), as a group of rows
 * edited in place, with Add and Remove (Undo).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_RECORDS_GROUP (xarxa_records_group_get_type ())
G_DECLARE_FINAL_TYPE (XarxaRecordsGroup, xarxa_records_group, XARXA, RECORDS_GROUP, AdwPreferencesGroup)

/* The row's subtitle (a new string, or NULL for none). */
typedef char    *(*XarxaRecordsTextFunc)    (XarxaRecordsGroup *self,
                                             JsonObject        *record,
                                             gpointer           user_data);
/* Called when a record's row is built, its field rows added: add badges
 * (adw_expander_row_add_action / add_prefix), more rows (a chart, the
 * positions under a decision) with adw_expander_row_add_row. */
typedef void     (*XarxaRecordsRowFunc)     (XarxaRecordsGroup *self,
                                             AdwExpanderRow    *row,
                                             JsonObject        *record,
                                             gpointer           user_data);
/* TRUE to show @record. */
typedef gboolean (*XarxaRecordsFilterFunc)  (XarxaRecordsGroup *self,
                                             JsonObject        *record,
                                             gpointer           user_data);
/* The order of the rows (by title when none is set). */
typedef int      (*XarxaRecordsCompareFunc) (JsonObject        *a,
                                             JsonObject        *b,
                                             gpointer           user_data);
/* The values a reference field may take, for its drop-down: append ids
 * and their labels (strings, taken) to @ids and @labels, and return TRUE;
 * FALSE shows the field as its referenced record's title, read-only. */
typedef gboolean (*XarxaRecordsChoicesFunc) (XarxaRecordsGroup *self,
                                             const char        *field,
                                             GPtrArray         *ids,
                                             GPtrArray         *labels,
                                             gpointer           user_data);
/* Replaces the question Add asks (for a record titled by a reference,
 * such as an organisation's position): create the record with
 * xarxa_records_group_create(). */
typedef void     (*XarxaRecordsAddFunc)     (XarxaRecordsGroup *self,
                                             gpointer           user_data);

/* @parent_field: the reference to the parent ("cluster_id"). */
GtkWidget  *xarxa_records_group_new          (const char        *type_name,
                                              const char        *parent_field);
const char *xarxa_records_group_get_type_name (XarxaRecordsGroup *self);

void        xarxa_records_group_set_store    (XarxaRecordsGroup *self,
                                              XarxaStore        *store);
/* Shows the records under @parent_id (NULL: none). */
void        xarxa_records_group_set_parent_id (XarxaRecordsGroup *self,
                                              const char        *parent_id);
const char *xarxa_records_group_get_parent_id (XarxaRecordsGroup *self);
/* The fields each row edits, in order (NULL-terminated).  By default every
 * field of the type but the parent reference. */
void        xarxa_records_group_set_fields   (XarxaRecordsGroup *self,
                                              const char *const *fields);
/* The Add button's label ("Add Objective"); NULL: no Add button. */
void        xarxa_records_group_set_add_label (XarxaRecordsGroup *self,
                                              const char        *label);
/* What a record's row says when it has no title ("Untitled objective"). */
void        xarxa_records_group_set_untitled_label (XarxaRecordsGroup *self,
                                              const char        *label);

void        xarxa_records_group_set_subtitle_func (XarxaRecordsGroup      *self,
                                                   XarxaRecordsTextFunc    func,
                                                   gpointer                user_data,
                                                   GDestroyNotify          destroy);
void        xarxa_records_group_set_row_func      (XarxaRecordsGroup      *self,
                                                   XarxaRecordsRowFunc     func,
                                                   gpointer                user_data,
                                                   GDestroyNotify          destroy);
void        xarxa_records_group_set_filter_func   (XarxaRecordsGroup      *self,
                                                   XarxaRecordsFilterFunc  func,
                                                   gpointer                user_data,
                                                   GDestroyNotify          destroy);
void        xarxa_records_group_set_compare_func  (XarxaRecordsGroup      *self,
                                                   XarxaRecordsCompareFunc func,
                                                   gpointer                user_data,
                                                   GDestroyNotify          destroy);
void        xarxa_records_group_set_choices_func  (XarxaRecordsGroup      *self,
                                                   XarxaRecordsChoicesFunc func,
                                                   gpointer                user_data,
                                                   GDestroyNotify          destroy);
void        xarxa_records_group_set_add_func      (XarxaRecordsGroup      *self,
                                                   XarxaRecordsAddFunc     func,
                                                   gpointer                user_data,
                                                   GDestroyNotify          destroy);

/* Creates a record of the group's type under its parent from @values (not
 * taken; the parent reference is set here), shows it and opens its row.
 * The new id, or NULL with the store's message. */
char       *xarxa_records_group_create       (XarxaRecordsGroup *self,
                                              JsonObject        *values,
                                              GError           **error);
/* Reads the records again now (after a change the store has not told of
 * yet, or a filter that changed).  Not from a signal of one of its rows. */
void        xarxa_records_group_reload       (XarxaRecordsGroup *self);
/* The records shown. */
guint       xarxa_records_group_get_n_records (XarxaRecordsGroup *self);
/* The row of record @id (an AdwExpanderRow), or NULL when not shown. */
GtkWidget  *xarxa_records_group_get_row      (XarxaRecordsGroup *self,
                                              const char        *id);
/* The record a widget inside one of the group's rows belongs to. */
const char *xarxa_records_group_row_record_id (GtkWidget        *widget);

G_END_DECLS
