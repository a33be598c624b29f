/* test-util.h — what every test and benchmark needs around its work: a
 * temporary folder, a store opened in it, and the folder removed after.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

/* A store in a temporary folder of its own: the fixture of most tests.
 * A test file whose fixture is just this says `typedef TestStore Fixture;`
 * and adds its tests with test_store_set_up and test_store_tear_down. */
typedef struct
{
  char       *dir;    /* the temporary folder */
  char       *path;   /* the database in it, "xarxa.db" */
  XarxaStore *store;  /* open on path */
} TestStore;

/* A new empty folder under the system's temporary folder, named
 * "xarxa-NAME-XXXXXX" (NULL: the program's name); fails the test when it
 * cannot be made. */
char       *test_make_dir       (const char  *name);

/* Removes @path and, for a folder, everything under it without following
 * links.  Fails the test when anything stays. */
void        test_remove_tree    (const char  *path);

/* A new temporary folder with a new store, "xarxa.db", open in it; the
 * folder and the database's path are returned in @out_dir and @out_path. */
XarxaStore *test_open_store     (char       **out_dir,
                                 char       **out_path);

/* Undoes test_open_store: *@store (if any) must go with this last
 * reference, the folder goes with everything in it, and all three are
 * cleared. */
void        test_close_store    (XarxaStore **store,
                                 char       **dir,
                                 char       **path);

/* GTest fixture functions over TestStore. */
void        test_store_set_up   (TestStore    *fixture,
                                 gconstpointer data);
void        test_store_tear_down (TestStore    *fixture,
                                  gconstpointer data);

/* Adds an organisation named @name, in @city (NULL: none), as a person
 * would, failing the test on any error; returns its id. */
char       *test_add_entity     (XarxaStore   *store,
                                 const char   *name,
                                 const char   *city);
/* A record of @type with the text fields given as name, value pairs up
 * to a NULL name, made as a person would; its id. */
char       *test_add_record     (XarxaStore   *store,
                                 const char   *type,
                                 const char   *first_field,
                                 ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
