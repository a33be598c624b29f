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

gboolean
xarxa_running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = g_canonicalize_filename (BUILD_ROOT, "/");

  return exe != NULL && g_str_has_prefix (exe, root) && exe[strlen (root)] == G_DIR_SEPARATOR;
}

const char *
xarxa_i18n_locale_dir (void)
{
  static gsize once;
  static const char *dir;

  if (g_once_init_enter (&once))
    {
      dir = xarxa_running_from_build_tree () ? BUILD_LOCALEDIR : LOCALEDIR;
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
