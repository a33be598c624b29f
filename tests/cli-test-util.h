/* cli-test-util.h — running the built xarxa-cli (its path in $XARXA_CLI)
 * from a test, as a user's script would, and keeping what it said.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What one run of xarxa-cli gave: its exit status and everything it wrote. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} TestCliResult;

void test_cli_result_clear (TestCliResult *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TestCliResult, test_cli_result_clear)

/* How to run it; NULL fields leave that out. */
typedef struct
{
  const char *db;          /* "--db DB" before the arguments */
  const char *data_home;   /* XDG_DATA_HOME, never the user's own */
  const char *stdin_text;  /* written to its standard input */
  const char *tz;          /* TZ, the time zone it runs in */
  const char *language;    /* LANGUAGE */
} TestCliOptions;

/* The path of the built xarxa-cli; fails the test when $XARXA_CLI is unset. */
const char *test_cli_path (void);

/* Runs xarxa-cli with @first and the rest of @args (NULL-terminated) and
 * waits for it; *@result is cleared first, then filled.  Fails the test
 * when the program cannot be started or does not exit by itself. */
void test_cli_run_valist (const TestCliOptions *options,
                          TestCliResult        *result,
                          const char           *first,
                          va_list               args);

G_END_DECLS
