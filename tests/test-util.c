/* test-util.c — temporary folders and stores for the tests and benchmarks.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-util"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "test-util.h"

char *
test_make_dir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  g_autofree char *template = NULL;
  char *dir;

  /* GTest names the program by the path it was started with. */
  if (name == NULL)
    name = program = g_path_get_basename (g_get_prgname () != NULL ? g_get_prgname () : "test");
  template = g_strdup_printf ("xarxa-%s-XXXXXX", name);
  dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

/* Something else (SQLite closing a connection in another thread, a
 * server shutting down) may remove a file first: gone is what we want. */
static void
assert_removed (int         result,
                const char *what,
                const char *path)
{
  int saved_errno = errno;

  if (result != 0 && saved_errno != ENOENT)
    g_error ("Could not remove %s “%s”: %s", what, path, g_strerror (saved_errno));
}

void
test_remove_tree (const char *path)
{
  GStatBuf st;

  g_return_if_fail (path != NULL);

  if (g_lstat (path, &st) != 0)
    {
      assert_removed (-1, "what is at", path);
      return;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
        }
      assert_removed (g_rmdir (path), "the folder", path);
    }
  else
    assert_removed (g_unlink (path), "the file", path);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK));
}

XarxaStore *
test_open_store (char **out_dir,
                 char **out_path)
{
  g_autoptr(GError) error = NULL;
  XarxaStore *store;

  g_return_val_if_fail (out_dir != NULL, NULL);
  g_return_val_if_fail (out_path != NULL, NULL);

  *out_dir = test_make_dir (NULL);
  *out_path = g_build_filename (*out_dir, "xarxa.db", NULL);
  store = xarxa_store_open (*out_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

void
test_close_store (XarxaStore **store,
                  char       **dir,
                  char       **path)
{
  g_return_if_fail (store != NULL);
  g_return_if_fail (dir != NULL);
  g_return_if_fail (path != NULL);

  if (*store != NULL)
    {
      XarxaStore *last = g_steal_pointer (store);

      g_assert_finalize_object (last);
    }
  if (*dir != NULL)
    test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
  g_clear_pointer (path, g_free);
}

void
test_store_set_up (TestStore     *fixture,
                   gconstpointer  data)
{
  fixture->store = test_open_store (&fixture->dir, &fixture->path);
}

void
test_store_tear_down (TestStore     *fixture,
                      gconstpointer  data)
{
  test_close_store (&fixture->store, &fixture->dir, &fixture->path);
}

char *
test_add_entity (XarxaStore *store,
                 const char *name,
                 const char *city)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (values, "name", name);
  if (city != NULL)
    json_object_set_string_member (values, "city", city);
  id = xarxa_store_create_record (store, "entity", values, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

char *
test_add_record (XarxaStore *store,
                 const char *type,
                 const char *first_field,
                 ...)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *field = first_field;
  char *id;
  va_list args;

  va_start (args, first_field);
  for (; field != NULL; field = va_arg (args, const char *))
    json_object_set_string_member (values, field, va_arg (args, const char *));
  va_end (args);
  id = xarxa_store_create_record (store, type, values, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}
