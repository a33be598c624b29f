/* xarxa-cli-sync.c — the "sync" and "conflicts" commands of xarxa-cli.
 *
 *   sync [--server URL] [--user NAME] [--device NAME]
 *       The first time (or for another server or user) the password is read
 *       from standard input, one line; the device token is then kept in the
 *       database's sync_state (the file is made private, mode 0600) and used
 *       the next times.  Prints "pulled N, pushed M, conflicts K".
 *   conflicts [--format text|json]
 *   conflicts resolve ID FIELD mine|theirs
 *       ID is the conflict's number or the id of the record it is on.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "xarxa-cli-sync.h"
#include "xarxa-cli-util.h"
#include "xarxa-json.h"
#include "xarxa-sync-engine.h"
#include "xarxa-sync-state.h"

/* "--opt VALUE" or "--opt=VALUE" at argv[*i]; NULL when absent or empty. */
static const char *
option_value (char      **argv,
              int         argc,
              int        *i,
              const char *name,
              gboolean   *matched)
{
  const char *arg = argv[*i];
  gsize len = strlen (name);

  *matched = FALSE;
  if (strncmp (arg, name, len) != 0)
    return NULL;
  if (arg[len] == '=')
    {
      *matched = TRUE;
      return arg[len + 1] != '\0' ? arg + len + 1 : NULL;
    }
  if (arg[len] != '\0')
    return NULL;
  *matched = TRUE;
  if (*i + 1 >= argc || argv[*i + 1][0] == '\0')
    return NULL;
  return argv[++*i];
}

static char *
read_password (const char *user,
               const char *server)
{
  char buf[1024];
  struct termios saved, quiet;
  gboolean on_terminal = isatty (fileno (stdin));
  gboolean echo_off = FALSE;
  char *line;

  if (on_terminal)
    {
      g_printerr (_("Password for %s at %s: "), user, server);
      fflush (stderr);
      /* Don't show the password as it is typed. */
      if (tcgetattr (fileno (stdin), &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          echo_off = tcsetattr (fileno (stdin), TCSAFLUSH, &quiet) == 0;
        }
    }
  line = fgets (buf, sizeof buf, stdin);
  if (echo_off)
    {
      tcsetattr (fileno (stdin), TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (line == NULL)
    return NULL;
  buf[strcspn (buf, "\r\n")] = '\0';
  if (buf[0] == '\0')
    return NULL;
  return g_strdup (buf);
}

static gboolean
save_login (XarxaStore  *store,
            const char  *server,
            const char  *user,
            const char  *token,
            GError     **error)
{
  if (!xarxa_store_begin (store, error))
    return FALSE;
  if (!xarxa_sync_state_set (store, "server_url", server, error) ||
      !xarxa_sync_state_set (store, "user", user, error) ||
      !xarxa_sync_state_set (store, "token", token, error))
    {
      xarxa_store_rollback (store);
      return FALSE;
    }
  if (!xarxa_store_commit (store, error))
    return FALSE;
  /* The token opens the account: keep the file to its owner. */
  g_chmod (xarxa_store_get_path (store), 0600);
  return TRUE;
}

int
xarxa_cli_sync (XarxaStore  *store,
                int          argc,
                char       **argv)
{
  g_autofree char *stored_server = xarxa_sync_state_get (store, "server_url");
  g_autofree char *stored_user = xarxa_sync_state_get (store, "user");
  g_autofree char *token = xarxa_sync_state_get (store, "token");
  g_autoptr(XarxaSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  const char *server = NULL, *user = NULL, *device = NULL;
  XarxaSyncStats stats = { 0 };

  for (int i = 1; i < argc; i++)
    {
      gboolean matched;
      const char *value;

      if ((value = option_value (argv, argc, &i, "--server", &matched)) != NULL || matched)
        {
          if (value == NULL)
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("--server needs the address of the sync server, like https://sync.example.org."));
          server = value;
        }
      else if ((value = option_value (argv, argc, &i, "--user", &matched)) != NULL || matched)
        {
          if (value == NULL)
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("--user needs your user name on the sync server."));
          user = value;
        }
      else if ((value = option_value (argv, argc, &i, "--device", &matched)) != NULL || matched)
        {
          if (value == NULL)
            return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("--device needs a name for this device, like “Anna's laptop”."));
          device = value;
        }
      else
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("Unexpected argument “%s”. sync takes --server URL and --user NAME."), argv[i]);
    }

  if (server == NULL)
    server = stored_server;
  if (user == NULL)
    user = stored_user;
  if (server == NULL || user == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("The first sync needs the server and your user name: sync --server URL --user NAME."));
  if (!g_str_has_prefix (server, "http://") && !g_str_has_prefix (server, "https://"))
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("“%s” is not a server address. Write it with http:// or https://, like https://sync.example.org."), server);

  engine = xarxa_sync_engine_new (store, server);
  if (token == NULL || g_strcmp0 (server, stored_server) != 0 || g_strcmp0 (user, stored_user) != 0)
    {
      g_autofree char *password = read_password (user, server);

      if (password == NULL)
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("No password was given. Write the password of %s on standard input, on one line."), user);
      if (!xarxa_sync_engine_login (engine, user, password, device, NULL, &error))
        return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);
      if (!save_login (store, server, user, xarxa_sync_engine_get_token (engine), &error))
        return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);
    }
  else
    xarxa_sync_engine_set_token (engine, token);

  if (!xarxa_sync_engine_sync (engine, &stats, NULL, &error))
    {
      if (g_error_matches (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_AUTH) ||
          g_error_matches (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_REVOKED))
        {
          /* Forget the token: the next sync asks for the password. */
          xarxa_sync_state_set (store, "token", NULL, NULL);
        }
      return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);
    }
  /* Parsed by scripts: stays in English. */
  printf ("pulled %u, pushed %u, conflicts %u\n", stats.pulled, stats.pushed, stats.conflicts);
  /* Then the attachments this device lacks (export-file needs them); the
   * records are synced whatever happens to the files. */
  if (!xarxa_sync_engine_fetch_files (engine, &stats, NULL, &error))
    {
      xarxa_cli_print_error (error->message);
      g_clear_error (&error);
    }
  if (stats.downloaded > 0 || stats.files_missing > 0)
    printf ("files fetched %u, not on the server yet %u\n", stats.downloaded, stats.files_missing);
  return XARXA_CLI_EXIT_OK;
}

static void
print_value (GString  *out,
             JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "(empty)");
      return;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_string_append (out, json_node_get_string (node));
      return;
    }
  text = xarxa_json_node_to_text (node);
  g_string_append (out, text);
}

static int
list_conflicts (XarxaStore *store,
                gboolean    as_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) list = xarxa_sync_state_list_conflicts (store, &error);

  if (list == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);
  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), list);
      g_autofree char *text = json_to_string (node, TRUE);

      printf ("%s\n", text);
      return XARXA_CLI_EXIT_OK;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *c = json_array_get_object_element (list, i);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\tmine: ",
                              json_object_get_int_member (c, "id"),
                              json_object_get_string_member (c, "type"),
                              json_object_get_string_member (c, "record_id"),
                              json_object_get_string_member (c, "field"),
                              json_object_get_string_member (c, "kind"));
      print_value (line, json_object_get_member (c, "mine"));
      g_string_append (line, "\ttheirs: ");
      print_value (line, json_object_get_member (c, "theirs"));
      g_strdelimit (line->str, "\r\n", ' ');
      printf ("%s\n", line->str);
    }
  return XARXA_CLI_EXIT_OK;
}

/* The conflict that ID and FIELD name: ID is the conflict's number as the
 * list shows it, or the id of its record (with the field, which tells the
 * record's conflicts apart).  Returns -1, or the exit status after
 * printing what is wrong. */
static int
find_conflict (XarxaStore *store,
               const char *id_text,
               const char *field,
               gint64     *conflict_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(GString) fields = NULL;
  char *end = NULL;

  if (!g_uuid_string_is_valid (id_text))
    {
      gint64 number = g_ascii_strtoll (id_text, &end, 10);

      if (end == id_text || *end != '\0' || number <= 0)
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("“%s” is neither a record id nor a conflict number. List the conflicts to see them."),
                               id_text);
      *conflict_id = number;
      return -1;
    }

  if ((list = xarxa_sync_state_list_conflicts (store, &error)) == NULL)
    return xarxa_cli_fail (XARXA_CLI_EXIT_FAILED, "%s", error->message);
  fields = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *c = json_array_get_object_element (list, i);
      const char *cfield = json_object_get_string_member (c, "field");

      if (g_strcmp0 (json_object_get_string_member (c, "record_id"), id_text) != 0)
        continue;
      if (g_strcmp0 (cfield, field) == 0)
        {
          *conflict_id = json_object_get_int_member (c, "id");
          return -1;
        }
      g_string_append_printf (fields, "%s%s", fields->len > 0 ? ", " : "", cfield);
    }
  if (fields->len > 0)
    return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("The record %s has no conflict on “%s”; its conflicts are on: %s."),
                           id_text, field, fields->str);
  return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("The record %s has no conflict. List the conflicts to see the records that have one."),
                         id_text);
}

int
xarxa_cli_conflicts (XarxaStore  *store,
                     int          argc,
                     char       **argv)
{
  gboolean as_json = FALSE;

  if (argc >= 2 && g_str_equal (argv[1], "resolve"))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *field = NULL;
      XarxaSyncChoice choice;
      gint64 id = 0;
      int status;

      if (argc != 5)
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("Write “conflicts resolve ID FIELD mine” or “… theirs”, with the record’s id or the conflict’s number. List the conflicts to see them."));
      if (g_str_equal (argv[4], "mine"))
        choice = XARXA_SYNC_CHOICE_MINE;
      else if (g_str_equal (argv[4], "theirs"))
        choice = XARXA_SYNC_CHOICE_THEIRS;
      else
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("“%s” is neither mine nor theirs. Write mine to keep this device's value, theirs to take the server's."), argv[4]);
      field = g_strdelimit (g_strdup (argv[3]), "-", '_');
      if ((status = find_conflict (store, argv[2], field, &id)) >= 0)
        return status;
      if (!xarxa_sync_resolve (store, id, field, choice, &error))
        return xarxa_cli_fail (g_error_matches (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND) ||
                               g_error_matches (error, XARXA_ERROR, XARXA_ERROR_INVALID) ? XARXA_CLI_EXIT_USAGE : XARXA_CLI_EXIT_FAILED,
                               "%s", error->message);
      return XARXA_CLI_EXIT_OK;
    }

  for (int i = 1; i < argc; i++)
    {
      gboolean matched;
      const char *value = option_value (argv, argc, &i, "--format", &matched);

      if (!matched)
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("Unexpected argument “%s”. conflicts takes --format text|json, or resolve ID FIELD mine|theirs."), argv[i]);
      if (g_strcmp0 (value, "json") == 0)
        as_json = TRUE;
      else if (g_strcmp0 (value, "text") == 0)
        as_json = FALSE;
      else
        return xarxa_cli_fail (XARXA_CLI_EXIT_USAGE, _("--format takes text or json."));
    }
  return list_conflicts (store, as_json);
}
