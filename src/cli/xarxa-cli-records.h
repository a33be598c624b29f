/* xarxa-cli-records.h — add, set, delete, list, show and export-csv over
 * every record type of the schema (xarxa-cli-records.c, xarxa-cli-list.c),
 * and the helpers those two files share.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-cli-util.h"

G_BEGIN_DECLS

/* "cluster-members", "cluster_member", "entities"… → its type, or NULL. */
const XarxaRecordType *xarxa_cli_lookup_type (const char *word);
/* "entity, contact, cluster, …": every type as the command line writes it. */
char                  *xarxa_cli_type_words  (void);

/* ---- shared by the record commands ---- */

/* "cluster_member" → "cluster-member": as the command line writes it. */
char                  *xarxa_cli_type_word      (const XarxaRecordType *type);
char                  *xarxa_cli_field_word     (const XarxaFieldInfo  *field);
/* "entity" → "entities", "cluster" → "clusters". */
char                  *xarxa_cli_plural_of      (const char            *name);
/* argv[1] as a type, or NULL after printing what is wrong (*status). */
const XarxaRecordType *xarxa_cli_expect_type    (char                 **argv,
                                                 int                    argc,
                                                 int                   *status);
/* "short-name" → short_name if the type has it, else NULL after printing
 * what is wrong with as_typed. */
const XarxaFieldInfo  *xarxa_cli_expect_field   (const XarxaRecordType *type,
                                                 const char            *name,
                                                 const char            *as_typed);
/* Converts and checks the text of one field into values[field]; -1, or
 * the exit status after printing one line that starts with name. */
int                    xarxa_cli_add_value      (const XarxaRecordType *type,
                                                 JsonObject            *values,
                                                 const char            *name,
                                                 const char            *as_typed,
                                                 const char            *text);
/* A value as text that reads back into it ("" when empty): for CSV
 * cells and comparisons. */
char                  *xarxa_cli_field_value_to_text (const XarxaFieldInfo *field,
                                                      JsonNode             *node);
/* -1 when id is a record id, else the exit status after saying so. */
int                    xarxa_cli_check_id_argument (const XarxaRecordType *type,
                                                    const char            *id);
/* The record if it is there and not deleted, else NULL after saying so. */
JsonObject            *xarxa_cli_get_live_record (XarxaStore            *store,
                                                  const XarxaRecordType *type,
                                                  const char            *id,
                                                  int                   *status);
/* The records that point at this one, by type name: {"contact": […]}; every
 * type that can point here has its (maybe empty) array. */
JsonObject            *xarxa_cli_children_of (XarxaStore            *store,
                                              const XarxaRecordType *type,
                                              const char            *id,
                                              GError               **error);
/* One line on standard output, line breaks inside it made spaces. */
gboolean               xarxa_cli_print_text_line (const char           *line);

/* ---- the commands ---- */

/* Each takes argv[0] = the command's name, argv[1] = the type, and returns
 * the exit status after printing what it did or what is wrong. */
int xarxa_cli_add    (XarxaCli  *cli,
                      char     **argv,
                      int        argc);
int xarxa_cli_set    (XarxaCli  *cli,
                      char     **argv,
                      int        argc);
int xarxa_cli_delete (XarxaCli  *cli,
                      char     **argv,
                      int        argc);
int xarxa_cli_list   (XarxaCli  *cli,
                      char     **argv,
                      int        argc);
int xarxa_cli_show   (XarxaCli  *cli,
                      char     **argv,
                      int        argc);
/* export-csv FILE|- [FILTERS…]: the directory's CSV. */
int xarxa_cli_export_csv (XarxaCli  *cli,
                          char     **argv,
                          int        argc);

G_END_DECLS
