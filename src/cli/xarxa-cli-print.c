/* xarxa-cli-print.c — xarxa-cli's export-pdf.
 *
 * The documents are drawn with cairo and Pango (src/render), the same
 * drawing the application prints, so this needs no display.  An id that
 * names nothing is the caller's mistake (status 2) and writes no file; a
 * file that cannot be written is a failure (status 1) and leaves what was
 * there.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-agenda-paper.h"
#include "xarxa-cli-print.h"
#include "xarxa-cli-records.h"
#include "xarxa-dossier.h"
#include "xarxa-error.h"
#include "xarxa-mission-paper.h"

void
xarxa_cli_print_usage (FILE *out)
{
  g_return_if_fail (out != NULL);

  fprintf (out, "%s\n\n", _("Paper (PDF, A4, in your language):\n"
                            "  export-pdf cluster ID FILE        The cluster’s dossier\n"
                            "  export-pdf mission ID FILE        The mission’s itinerary (without participants’ needs)\n"
                            "  export-pdf agenda --cluster ID|--meeting ID|--network FILE\n"
                            "                                    The ranked shared agenda"));
}

static int
usage_error (void)
{
  return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                         _("Write “export-pdf cluster ID FILE”, “export-pdf mission ID FILE” or "
                           "“export-pdf agenda --cluster ID|--meeting ID|--network FILE”."));
}

/* The error of a document that could not be made: a record that is not
 * there is the caller's mistake. */
static int
report (const GError *error)
{
  if (g_error_matches (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND))
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, "%s", error->message);
  return xarxa_cli_report_error (error);
}

/* Checks that @id is a record id of @type_name, and that it is live. */
static int
expect_record (XarxaStore *store,
               const char *type_name,
               const char *id)
{
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);
  g_autoptr(JsonObject) record = NULL;
  int status;

  if ((status = xarxa_cli_check_id_argument (type, id)) >= 0)
    return status;
  if ((record = xarxa_store_get_live_record (store, type_name, id)) == NULL)
    {
      g_autofree char *word = xarxa_cli_type_word (type);
      g_autofree char *plural = xarxa_cli_plural_of (word);

      /* Translators: "No record of the type cluster has the id 0192…. Run …" */
      return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                             _("No record of the type %s has the id %s. Run “xarxa-cli list %s” to see the ids."),
                             word, id, plural);
    }
  return -1;
}

int
xarxa_cli_export_pdf (XarxaCli  *cli,
                      char     **argv,
                      int        argc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaPaper) paper = NULL;
  const char *what;
  const char *type_name = NULL;
  const char *id = NULL;
  const char *file;
  XarxaStore *store;
  int status;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if (argc < 2)
    return usage_error ();
  what = argv[1];
  if (g_str_equal (what, "cluster") || g_str_equal (what, "mission"))
    {
      if (argc != 4)
        return usage_error ();
      type_name = what;
      id = argv[2];
    }
  else if (g_str_equal (what, "agenda"))
    {
      if (argc == 4 && g_str_equal (argv[2], "--network"))
        ;
      else if (argc == 5 && g_str_equal (argv[2], "--cluster"))
        type_name = "cluster", id = argv[3];
      else if (argc == 5 && g_str_equal (argv[2], "--meeting"))
        type_name = "meeting", id = argv[3];
      else
        return usage_error ();
    }
  else
    return usage_error ();
  file = argv[argc - 1];
  if (*file == '\0' || g_str_has_prefix (file, "--"))
    return usage_error ();

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if (id != NULL && (status = expect_record (store, type_name, id)) >= 0)
    return status;

  if (g_str_equal (what, "cluster"))
    paper = xarxa_dossier_new (store, id, NULL, &error);
  else if (g_str_equal (what, "mission"))
    paper = xarxa_mission_paper_new (store, id, &error);
  else
    paper = xarxa_agenda_paper_new (store,
                                    g_strcmp0 (type_name, "cluster") == 0 ? id : NULL,
                                    g_strcmp0 (type_name, "meeting") == 0 ? id : NULL,
                                    &error);
  if (paper == NULL)
    return report (error);
  if (!xarxa_paper_write_pdf (paper, file, &error))
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED,
                           _("Could not write “%s”: %s. Check the folder exists and can be written to."),
                           file, error->message);
  return XARXA_CLI_EXIT_OK;
}
