/* xarxa-i18n.c — the translations of the programs.
 *
 * An installed program reads its translations from the system's locale
 * directory.  One started from the build tree (build/src/xarxa, as the
 * README's quick start and the tests do) reads the ones built beside it in
 * build/po, so that it speaks Catalan or Spanish before it is installed.
 * (The app also takes its settings schema from the build tree then.)
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "xarxa-i18n.h"

/* The build tree holding this program, when it runs from one: the nearest
 * folder above the executable with meson's private folder and build.ninja
 * in it.  Found at run time, so that no build path is written into the
 * program (builds stay reproducible). */
static char *
find_build_root (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  if (exe == NULL)
    return NULL;
  dir = g_path_get_dirname (exe);
  for (guint up = 0; up < 4; up++)
    {
      g_autofree char *private = g_build_filename (dir, "meson-private", NULL);
      g_autofree char *ninja = g_build_filename (dir, "build.ninja", NULL);
      char *parent;

      if (g_file_test (private, G_FILE_TEST_IS_DIR) && g_file_test (ninja, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&dir);
      parent = g_path_get_dirname (dir);
      if (strcmp (parent, dir) == 0)
        {
          g_free (parent);
          break;
        }
      g_free (dir);
      dir = parent;
    }
  return NULL;
}

const char *
xarxa_build_root (void)
{
  static gsize once;
  static char *root;

  if (g_once_init_enter (&once))
    {
      root = find_build_root ();
      g_once_init_leave (&once, 1);
    }
  return root;
}

gboolean
xarxa_running_from_build_tree (void)
{
  return xarxa_build_root () != NULL;
}

const char *
xarxa_i18n_locale_dir (void)
{
  static gsize once;
  static char *dir;

  if (g_once_init_enter (&once))
    {
      dir = xarxa_build_root () != NULL ? g_build_filename (xarxa_build_root (), "po", NULL)
                                        : g_strdup (LOCALEDIR);
      g_once_init_leave (&once, 1);
    }
  return dir;
}

void
xarxa_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, xarxa_i18n_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
