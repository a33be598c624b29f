/* test-test-util.c — the shared test helper removes what a test made and
 * nothing else, and hands out a store that is really new.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-test-util"

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "test-util.h"

static void
write_text (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

/* Nested folders go; what links inside the tree point to, outside it,
 * stays as it was. */
static void
test_remove_tree_keeps_outside (void)
{
  g_autofree char *tree = test_make_dir ("tree");
  g_autofree char *outside = test_make_dir ("outside");
  g_autofree char *deep = g_build_filename (tree, "a", "b", "c", NULL);
  g_autofree char *outside_file = g_build_filename (outside, "keep.txt", NULL);
  g_autofree char *link_to_dir = g_build_filename (tree, "a", "to-outside", NULL);
  g_autofree char *link_to_file = g_build_filename (tree, "a", "b", "keep.txt", NULL);
  g_autofree char *dangling = g_build_filename (tree, "gone", NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (deep, 0700), ==, 0);
  write_text (tree, "xarxa.db", "not empty");
  write_text (deep, "notes.txt", "field notes");
  write_text (outside, "keep.txt", "still here");
  g_assert_cmpint (symlink (outside, link_to_dir), ==, 0);
  g_assert_cmpint (symlink (outside_file, link_to_file), ==, 0);
  g_assert_cmpint (symlink ("/nonexistent/xarxa", dangling), ==, 0);

  test_remove_tree (tree);

  g_assert_false (g_file_test (tree, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (outside_file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "still here");

  test_remove_tree (outside);
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
  /* A path that is already gone is not an error. */
  test_remove_tree (outside);
}

/* A new store is empty, lives in its own folder, and closing it takes the
 * folder and everything SQLite wrote beside the database. */
static void
test_store_comes_and_goes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *kept_dir = NULL;
  char *dir = NULL, *path = NULL;
  char *other_dir = NULL, *other_path = NULL;
  XarxaStore *store, *other;

  store = test_open_store (&dir, &path);
  other = test_open_store (&other_dir, &other_path);
  g_assert_cmpstr (dir, !=, other_dir);
  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (xarxa_store_count (store, "entity"), ==, 0);

  json_object_set_string_member (values, "name", "Ateneu Popular");
  id = xarxa_store_create_record (store, "entity", values, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (store, "entity"), ==, 1);
  g_assert_cmpint (xarxa_store_count (other, "entity"), ==, 0);

  kept_dir = g_strdup (dir);
  test_close_store (&store, &dir, &path);
  g_assert_null (store);
  g_assert_null (dir);
  g_assert_null (path);
  g_assert_false (g_file_test (kept_dir, G_FILE_TEST_EXISTS));

  test_close_store (&other, &other_dir, &other_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/test-util/remove-tree-keeps-outside", test_remove_tree_keeps_outside);
  g_test_add_func ("/test-util/store-comes-and-goes", test_store_comes_and_goes);

  return g_test_run ();
}
