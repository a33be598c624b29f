/* main.c — starts the Xarxa application.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-i18n.h"
#include "xarxa-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(XarxaApplication) app = NULL;

  xarxa_i18n_init ();
  /* Started from the build tree: the settings schema compiled there, so
   * that the window size is remembered before Xarxa is installed. */
  if (xarxa_running_from_build_tree ())
    {
      g_autofree char *schemas = g_build_filename (xarxa_build_root (), "data", NULL);

      g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, FALSE);
    }

  app = xarxa_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
