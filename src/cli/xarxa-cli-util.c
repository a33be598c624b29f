/* xarxa-cli-util.c — what every command of xarxa-cli shares.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "xarxa-cli-util.h"

void
xarxa_cli_print_error (const char *message)
{
  g_autofree char *line = NULL;

  g_return_if_fail (message != NULL);

  line = g_strdup (message);
  g_strstrip (g_strdelimit (line, "\r\n", ' '));
  g_printerr ("xarxa-cli: %s\n", line);
}

int
xarxa_cli_fail (int         status,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  xarxa_cli_print_error (message);
  return status;
}

int
xarxa_cli_report_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, XARXA_CLI_EXIT_FAILED);

  xarxa_cli_print_error (error->message);
  if (g_error_matches (error, XARXA_ERROR, XARXA_ERROR_INVALID) ||
      g_error_matches (error, XARXA_ERROR, XARXA_ERROR_DUPLICATE))
    return XARXA_CLI_EXIT_USAGE;
  return XARXA_CLI_EXIT_FAILED;
}

XarxaStore *
xarxa_cli_get_store (XarxaCli       *cli,
                     XarxaCliAccess  access,
                     int            *status)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (cli != NULL && cli->db_path != NULL, NULL);
  g_return_val_if_fail (status != NULL, NULL);

  if (cli->store != NULL)
    return cli->store;

  if (!g_file_test (cli->db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (cli->db_path);

      /* A mistyped path must not turn into an empty network that reads as
       * "nothing here". */
      if (access == XARXA_CLI_READS)
        {
          *status = xarxa_cli_fail (XARXA_CLI_EXIT_FAILED,
                                    _("There is no database at “%s”. Check the path given with --db; "
                                      "add, import-csv, load-example and sync create one."),
                                    cli->db_path);
          return NULL;
        }
      /* The default place is made as the app makes it; a folder typed
       * with --db must exist. */
      if (cli->db_given && !g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          *status = xarxa_cli_fail (XARXA_CLI_EXIT_FAILED,
                                    _("The folder “%s” does not exist. Check the path given with --db, "
                                      "or create the folder first."),
                                    dir);
          return NULL;
        }
      cli->store = xarxa_store_open (cli->db_path, &error);
    }
  else
    cli->store = xarxa_store_open_existing (cli->db_path, &error);

  if (cli->store == NULL)
    *status = xarxa_cli_report_error (error);
  return cli->store;
}

gboolean
xarxa_cli_option_is (const char *arg,
                     const char *name)
{
  gsize len;

  g_return_val_if_fail (arg != NULL && name != NULL, FALSE);

  len = strlen (name);
  return strncmp (arg, name, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

const char *
xarxa_cli_option_value (char      **argv,
                        int         argc,
                        int        *i,
                        const char *name)
{
  const char *arg;
  gsize len;

  g_return_val_if_fail (argv != NULL && i != NULL && name != NULL, NULL);

  arg = argv[*i];
  len = strlen (name);
  if (arg[len] == '=')
    return arg + len + 1;
  if (*i + 1 >= argc)
    {
      xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("%s needs a value."), name);
      return NULL;
    }
  *i += 1;
  return argv[*i];
}

int
xarxa_cli_parse_format (const char     *value,
                        gboolean        allow_csv,
                        XarxaCliFormat *format)
{
  g_return_val_if_fail (value != NULL && format != NULL, XARXA_CLI_EXIT_USAGE);

  if (g_str_equal (value, "json"))
    *format = XARXA_CLI_FORMAT_JSON;
  else if (g_str_equal (value, "text"))
    *format = XARXA_CLI_FORMAT_TEXT;
  else if (allow_csv && g_str_equal (value, "csv"))
    *format = XARXA_CLI_FORMAT_CSV;
  else if (allow_csv)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("“%s” is not an output format. Use json, csv or text."), value);
  else
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                           _("“%s” is not an output format. Use json or text."), value);
  return -1;
}

int
xarxa_cli_parse_format_only (char          **argv,
                             int             argc,
                             int             start,
                             XarxaCliFormat *format,
                             int            *unexpected)
{
  int status;

  g_return_val_if_fail (argv != NULL && format != NULL && unexpected != NULL, XARXA_CLI_EXIT_FAILED);

  *unexpected = -1;
  for (int i = start; i < argc; i++)
    {
      const char *value;

      if (!xarxa_cli_option_is (argv[i], "--format"))
        {
          *unexpected = i;
          return -1;
        }
      if ((value = xarxa_cli_option_value (argv, argc, &i, "--format")) == NULL)
        return XARXA_CLI_EXIT_USAGE;
      if ((status = xarxa_cli_parse_format (value, FALSE, format)) >= 0)
        return status;
    }
  return -1;
}

gboolean
xarxa_cli_write_stdout (const char *text,
                        gsize       len)
{
  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  return fwrite (text, 1, len, stdout) == len;
}

int
xarxa_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize len = 0;

  g_return_val_if_fail (root != NULL, XARXA_CLI_EXIT_FAILED);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &len);
  if (!xarxa_cli_write_stdout (text, len) || !xarxa_cli_write_stdout ("\n", 1))
    return XARXA_CLI_EXIT_FAILED;
  return XARXA_CLI_EXIT_OK;
}
