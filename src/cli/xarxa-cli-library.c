/* xarxa-cli-library.c — the knowledge library's commands (see
 * xarxa-cli-library.h).
 *
 * What scripts read stays in English and on standard output: the new
 * document's id, "imported N, rejected M", the search's JSON.  Notes for
 * people (why a file's text could not be read, how many interviews were
 * left out of an export) go to standard error, translated.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-cli-library.h"
#include "xarxa-cli-records.h"
#include "xarxa-csl.h"
#include "xarxa-library.h"
#include "xarxa-search.h"

void
xarxa_cli_library_print_usage (FILE *out)
{
  g_return_if_fail (out != NULL);

  fprintf (out, "%s\n\n", _("Library:\n"
                            "  add document --file PATH [--FIELD VALUE…]\n"
                            "                                    Store the file, read its text and print the new\n"
                            "                                    document’s id (the title may come from a PDF)\n"
                            "  export-file document ID PATH      Write the document’s attachment as it was stored\n"
                            "  search TEXT [--type TYPE…] [--limit N] [--format json|text]\n"
                            "                                    Search organisations, people, clusters, missions and\n"
                            "                                    documents at once; matched words are in [brackets]\n"
                            "  export-csl FILE|- [--format csl|csv] [--search TEXT] [--FIELD VALUE…]\n"
                            "                                    Export documents as CSL-JSON (for Zotero) or CSV;\n"
                            "                                    interviews without consent are left out\n"
                            "  import-csl FILE                   Import documents from a CSL-JSON file (a Zotero export)"));
}

/* ---- add document --file ------------------------------------------------ */

static gboolean
has_option (char      **argv,
            int         argc,
            const char *name)
{
  for (int i = 2; i < argc; i++)
    if (xarxa_cli_option_is (argv[i], name))
      return TRUE;
  return FALSE;
}

static void
add_arg (GPtrArray  *args,
         const char *option,
         const char *value)
{
  g_ptr_array_add (args, g_strdup (option));
  g_ptr_array_add (args, g_strdup (value));
}

/* add document-link: through xarxa_library_link(), so that the link's id
 * is its pair's and its target is checked to be there. */
static int
add_link (XarxaCli  *cli,
          char     **argv,
          int        argc)
{
  const char *values[3] = { NULL, NULL, NULL };
  static const char *const options[3] = { "--document-id", "--target-type", "--target-id" };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  XarxaStore *store;
  int status;

  for (int i = 2; i < argc; i++)
    {
      guint o;

      for (o = 0; o < G_N_ELEMENTS (options); o++)
        if (xarxa_cli_option_is (argv[i], options[o]))
          break;
      if (o == G_N_ELEMENTS (options))
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                               _("Unexpected argument “%s”. Write add document-link --document-id ID "
                                 "--target-type entity|cluster|mission --target-id ID."), argv[i]);
      if ((values[o] = xarxa_cli_option_value (argv, argc, &i, options[o])) == NULL)
        return XARXA_CLI_EXIT_USAGE;
    }
  for (guint o = 0; o < G_N_ELEMENTS (options); o++)
    if (values[o] == NULL)
      return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("add document-link needs %s."), options[o]);
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_WRITES, &status)) == NULL)
    return status;
  id = xarxa_library_link (store, values[0], values[1], values[2], &error);
  if (id == NULL)
    return xarxa_cli_report_error (error);
  return xarxa_cli_print_text_line (id) ? XARXA_CLI_EXIT_OK : XARXA_CLI_EXIT_FAILED;
}

int
xarxa_cli_library_add (XarxaCli  *cli,
                       char     **argv,
                       int        argc)
{
  const XarxaRecordType *type;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XarxaAttachment) att = NULL;
  g_autoptr(XarxaExtractedText) text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *files_dir = NULL;
  g_autofree char *size = NULL;
  const char *path = NULL;
  XarxaStore *store;
  int status;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  type = argc >= 2 ? xarxa_cli_lookup_type (argv[1]) : NULL;
  if (type != NULL && strcmp (type->name, "document_link") == 0)
    return add_link (cli, argv, argc);
  if (type == NULL || strcmp (type->name, "document") != 0 || !has_option (argv, argc, "--file"))
    return xarxa_cli_add (cli, argv, argc);

  /* The generic add gets every other argument, and the file's fields. */
  g_ptr_array_add (args, g_strdup (argv[0]));
  g_ptr_array_add (args, g_strdup (argv[1]));
  for (int i = 2; i < argc; i++)
    {
      if (xarxa_cli_option_is (argv[i], "--file"))
        {
          if ((path = xarxa_cli_option_value (argv, argc, &i, "--file")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
          continue;
        }
      g_ptr_array_add (args, g_strdup (argv[i]));
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("The file “%s” does not exist or is not a regular file."), path);

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_WRITES, &status)) == NULL)
    return status;
  file = g_file_new_for_commandline_arg (path);
  files_dir = xarxa_library_files_dir (store);
  att = xarxa_attachments_add (files_dir, file, NULL, NULL, &error);
  if (att == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);
  text = xarxa_text_extract (file, att->content_type, NULL, NULL, NULL, &error);
  if (text == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);

  size = g_strdup_printf ("%" G_GOFFSET_FORMAT, att->size);
  add_arg (args, "--file-hash", att->hash);
  add_arg (args, "--file-name", att->file_name);
  add_arg (args, "--file-type", att->content_type);
  add_arg (args, "--file-size", size);
  add_arg (args, "--text-status", text->status);
  if (text->error != NULL)
    add_arg (args, "--text-error", text->error);
  if (text->text != NULL)
    add_arg (args, "--full-text", text->text);
  /* What the file says of itself, where the command line said nothing. */
  if (text->title != NULL && !has_option (argv, argc, "--title"))
    add_arg (args, "--title", text->title);
  if (text->author != NULL && !has_option (argv, argc, "--authors"))
    add_arg (args, "--authors", text->author);
  if (text->date != NULL && !has_option (argv, argc, "--date"))
    add_arg (args, "--date", text->date);
  g_ptr_array_add (args, NULL);

  status = xarxa_cli_add (cli, (char **) args->pdata, (int) args->len - 1);
  if (status == XARXA_CLI_EXIT_OK && text->error != NULL)
    g_printerr ("%s\n", text->error);
  return status;
}

/* ---- export-file -------------------------------------------------------- */

int
xarxa_cli_export_file (XarxaCli  *cli,
                       char     **argv,
                       int        argc)
{
  const XarxaRecordType *type;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  XarxaStore *store;
  int status = XARXA_CLI_EXIT_USAGE;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if ((type = xarxa_cli_expect_type (argv, argc, &status)) == NULL)
    return status;
  if (strcmp (type->name, "document") != 0)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("Only documents have files: write “export-file document ID PATH”."));
  if (argc != 4)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("export-file document needs the document’s id and the path to write to."));
  if ((status = xarxa_cli_check_id_argument (type, argv[2])) >= 0)
    return status;
  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  if ((record = xarxa_cli_get_live_record (store, type, argv[2], &status)) == NULL)
    return status;
  dest = g_file_new_for_commandline_arg (argv[3]);
  if (!xarxa_library_export_file (store, argv[2], dest, NULL, &error))
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);
  return XARXA_CLI_EXIT_OK;
}

/* ---- search ------------------------------------------------------------- */

static int
print_hits_text (GPtrArray *hits)
{
  const char *group = NULL;

  for (guint i = 0; i < hits->len; i++)
    {
      XarxaSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *snippet = g_strdelimit (g_strdup (hit->snippet != NULL ? hit->snippet : ""), "\r\n\t\f", ' ');

      if (g_strcmp0 (group, hit->type) != 0)
        {
          group = hit->type;
          printf ("%s%s\n", i > 0 ? "\n" : "", xarxa_record_type_get_plural (xarxa_schema_lookup (hit->type)));
        }
      printf ("  %s  %s\n      %s\n", hit->id, hit->title != NULL ? hit->title : "", snippet);
    }
  return fflush (stdout) == 0 ? XARXA_CLI_EXIT_OK : XARXA_CLI_EXIT_FAILED;
}

static int
print_hits_json (GPtrArray *hits)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < hits->len; i++)
    {
      XarxaSearchHit *hit = g_ptr_array_index (hits, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "type", hit->type);
      json_object_set_string_member (object, "id", hit->id);
      json_object_set_string_member (object, "title", hit->title);
      json_object_set_string_member (object, "snippet", hit->snippet);
      json_object_set_double_member (object, "rank", hit->rank);
      json_array_add_object_element (array, object);
    }
  json_node_take_array (root, array);
  return xarxa_cli_print_json (root);
}

int
xarxa_cli_search (XarxaCli  *cli,
                  char     **argv,
                  int        argc)
{
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  XarxaCliFormat format = XARXA_CLI_FORMAT_TEXT;
  const char *text = NULL;
  guint64 limit = 20;
  XarxaStore *store;
  int status;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  for (int i = 1; i < argc; i++)
    {
      const char *value;

      if (xarxa_cli_option_is (argv[i], "--type"))
        {
          const XarxaRecordType *type;

          if ((value = xarxa_cli_option_value (argv, argc, &i, "--type")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
          if ((type = xarxa_cli_lookup_type (value)) == NULL)
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                   _("“%s” is not a type of record xarxa-cli knows. Run “xarxa-cli --help” to see the types."),
                                   value);
          g_ptr_array_add (types, (gpointer) type->name);
        }
      else if (xarxa_cli_option_is (argv[i], "--format"))
        {
          if ((value = xarxa_cli_option_value (argv, argc, &i, "--format")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
          if ((status = xarxa_cli_parse_format (value, FALSE, &format)) >= 0)
            return status;
        }
      else if (xarxa_cli_option_is (argv[i], "--limit"))
        {
          if ((value = xarxa_cli_option_value (argv, argc, &i, "--limit")) == NULL)
            return XARXA_CLI_EXIT_USAGE;
          if (!g_ascii_string_to_unsigned (value, 10, 1, 10000, &limit, NULL))
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                   _("--limit takes a number of hits per kind of record, from 1 to 10000."));
        }
      else if (text == NULL && !g_str_has_prefix (argv[i], "--"))
        text = argv[i];
      else
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                               _("Unexpected argument “%s”. Write search TEXT [--type TYPE…] [--format json|text]."),
                               argv[i]);
    }
  if (text == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("search needs the words to look for."));
  g_ptr_array_add (types, NULL);

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  hits = xarxa_search (store, text, types->len > 1 ? (const char *const *) types->pdata : NULL,
                       (guint) limit, "[", "]", &error);
  if (hits == NULL)
    return xarxa_cli_report_error (error);
  return format == XARXA_CLI_FORMAT_JSON ? print_hits_json (hits) : print_hits_text (hits);
}

/* ---- CSL-JSON ----------------------------------------------------------- */

int
xarxa_cli_export_csl (XarxaCli  *cli,
                      char     **argv,
                      int        argc)
{
  g_autoptr(XarxaQuery) query = xarxa_query_new ("document");
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gboolean csv = FALSE;
  const char *target = NULL;
  guint left_out = 0;
  XarxaStore *store;
  int status;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  for (int i = 1; i < argc; i++)
    {
      const char *value;
      g_autofree char *name = NULL;
      const char *eq;

      if (target == NULL && (!g_str_has_prefix (argv[i], "--") || strcmp (argv[i], "-") == 0))
        {
          target = argv[i];
          continue;
        }
      if (!g_str_has_prefix (argv[i], "--") || argv[i][2] == '\0')
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                               _("Unexpected argument “%s”. export-csl writes one file; filter with --FIELD VALUE."),
                               argv[i]);
      eq = strchr (argv[i], '=');
      name = eq != NULL ? g_strndup (argv[i], (gsize) (eq - argv[i])) : g_strdup (argv[i]);
      if ((value = xarxa_cli_option_value (argv, argc, &i, name)) == NULL)
        return XARXA_CLI_EXIT_USAGE;
      if (strcmp (name, "--format") == 0)
        {
          if (strcmp (value, "csv") != 0 && strcmp (value, "csl") != 0)
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("export-csl writes --format csl (CSL-JSON) or csv."));
          csv = strcmp (value, "csv") == 0;
        }
      else if (strcmp (name, "--search") == 0)
        xarxa_query_set_search (query, value);
      else
        {
          g_autofree char *field = g_strdelimit (g_strdup (name + 2), "-", '_');

          if (!xarxa_query_set_filter (query, field, value))
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE,
                                   _("Documents cannot be filtered by “%s”. Run “xarxa-cli help document” to see the fields."),
                                   name);
        }
    }
  if (target == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("export-csl needs the file to write, or - for standard output."));

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_READS, &status)) == NULL)
    return status;
  docs = xarxa_library_documents_to_export (store, query, &left_out, &error);
  if (docs == NULL)
    return xarxa_cli_report_error (error);
  out = csv ? xarxa_csv_from_documents (docs) : xarxa_csl_from_documents (store, docs);
  if (strcmp (target, "-") == 0)
    {
      if (!xarxa_cli_write_stdout (out, strlen (out)))
        return XARXA_CLI_EXIT_FAILED;
    }
  else if (!g_file_set_contents (target, out, -1, &error))
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);
  if (left_out > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%u interview was left out: its interviewee has not given consent.\n",
                             "%u interviews were left out: their interviewees have not given consent.\n",
                             left_out),
                left_out);
  return XARXA_CLI_EXIT_OK;
}

int
xarxa_cli_import_csl (XarxaCli  *cli,
                      char     **argv,
                      int        argc)
{
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  XarxaStore *store;
  int status;

  g_return_val_if_fail (cli != NULL && argv != NULL, XARXA_CLI_EXIT_FAILED);

  if (argc < 2)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("import-csl needs the CSL-JSON file to read."));
  if (argc > 2)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("Unexpected argument “%s”. import-csl reads one file."), argv[2]);
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("The file “%s” does not exist or is not a regular file."), argv[1]);
  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);

  if ((store = xarxa_cli_get_store (cli, XARXA_CLI_WRITES, &status)) == NULL)
    return status;
  report = xarxa_csl_import (store, contents, (gssize) length, &error);
  if (report == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);

  printf ("imported %u, rejected %u\n", report->imported, report->rejected);
  fflush (stdout);
  for (guint i = 0; i < report->rejections->len; i++)
    {
      const XarxaImportRejection *r = g_ptr_array_index (report->rejections, i);
      g_autofree char *reason = g_strdelimit (g_strdup (r->reason), "\r\n", ' ');

      if (r->name != NULL)
        g_printerr ("item %u, “%s”: %s\n", r->line, r->name, reason);
      else
        g_printerr ("item %u: %s\n", r->line, reason);
    }
  return XARXA_CLI_EXIT_OK;
}
