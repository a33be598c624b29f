/* main.c — starts the Xarxa application.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "xarxa-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(XarxaApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = xarxa_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
