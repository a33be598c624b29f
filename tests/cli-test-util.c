/* cli-test-util.c — running the built xarxa-cli from a test; see
 * cli-test-util.h.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cli-test-util"

#include "config.h"

#include "cli-test-util.h"

void
test_cli_result_clear (TestCliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

const char *
test_cli_path (void)
{
  const char *path = g_getenv ("XARXA_CLI");

  if (path == NULL)
    g_error ("XARXA_CLI is not set; run this test through meson test.");
  return path;
}

void
test_cli_run_valist (const TestCliOptions *options,
                     TestCliResult        *result,
                     const char           *first,
                     va_list               args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;

  g_return_if_fail (options != NULL);
  g_return_if_fail (result != NULL);

  test_cli_result_clear (result);

  g_ptr_array_add (argv, (gpointer) test_cli_path ());
  if (options->db != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, (gpointer) options->db);
    }
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (options->stdin_text != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  if (options->data_home != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", options->data_home, TRUE);
  if (options->tz != NULL)
    g_subprocess_launcher_setenv (launcher, "TZ", options->tz, TRUE);
  if (options->language != NULL)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", options->language, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, options->stdin_text, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  result->status = g_subprocess_get_exit_status (proc);
}
