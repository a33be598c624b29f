/* xarxa-cli-util.h — what every command of xarxa-cli shares: exit statuses,
 * one-line errors, option parsing, output and opening the database.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

enum
{
  XARXA_CLI_EXIT_OK = 0,
  XARXA_CLI_EXIT_FAILED = 1,   /* the work itself failed */
  XARXA_CLI_EXIT_USAGE = 2,    /* bad arguments, unknown type or field, refused value */
};

typedef enum
{
  XARXA_CLI_FORMAT_TEXT,
  XARXA_CLI_FORMAT_JSON,
  XARXA_CLI_FORMAT_CSV,
} XarxaCliFormat;

/* How a command uses the database: a reader never creates one; a writer
 * creates it, but with --db only in a folder that exists. */
typedef enum
{
  XARXA_CLI_READS,
  XARXA_CLI_WRITES,
} XarxaCliAccess;

typedef struct
{
  const char *db_path;
  gboolean    db_given;   /* --db was on the command line */
  XarxaStore *store;
} XarxaCli;

/* Opens the database once for the command.  NULL after printing why, with
 * *status set to the exit status. */
XarxaStore *xarxa_cli_get_store      (XarxaCli       *cli,
                                      XarxaCliAccess  access,
                                      int            *status);

/* "xarxa-cli: message" as exactly one line on stderr. */
void        xarxa_cli_print_error    (const char *message);
int         xarxa_cli_fail           (int         status,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (2, 3);
/* A store error: refused values are the caller's fault (status 2), the
 * rest is a failure of the work (status 1). */
int         xarxa_cli_report_error   (const GError *error);

/* Whether arg is "--name" or "--name=…". */
gboolean    xarxa_cli_option_is      (const char *arg,
                                      const char *name);
/* The value of "--name VALUE" or "--name=VALUE" at argv[*i], moving *i past
 * it; NULL after printing that it is missing. */
const char *xarxa_cli_option_value   (char      **argv,
                                      int         argc,
                                      int        *i,
                                      const char *name);
/* -1 when value names a format (allow_csv: csv too), else the exit status
 * after printing what is wrong. */
int         xarxa_cli_parse_format   (const char     *value,
                                      gboolean        allow_csv,
                                      XarxaCliFormat *format);
/* Reads the arguments from argv[@start] on, which may only be --format
 * json|text.  Returns -1, or the exit status after printing what is
 * wrong with a --format.  *@unexpected is the index of the first other
 * argument, which is left to the caller (-1: none); reading stops there. */
int         xarxa_cli_parse_format_only (char          **argv,
                                         int             argc,
                                         int             start,
                                         XarxaCliFormat *format,
                                         int            *unexpected);

gboolean    xarxa_cli_write_stdout   (const char *text,
                                      gsize       len);
/* Pretty JSON and a line break on standard output. */
int         xarxa_cli_print_json     (JsonNode   *root);

G_END_DECLS
