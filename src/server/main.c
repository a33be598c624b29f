/* main.c — the xarxa-server command line: init, users, tokens, serve.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-server"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "xarxa-error.h"
#include "xarxa-i18n.h"
#include "xarxa-server-files.h"
#include "xarxa-server-http.h"
#include "xarxa-server-sqlite.h"

#define MIN_PASSWORD 8

typedef struct
{
  char              *data;
  char              *role;
  char              *listen;
  char              *tls_cert;
  char              *tls_key;
  char              *device;
  XarxaServerLimits  limits;
  GPtrArray         *args;    /* command and its positional arguments */
} Options;

static void
print_help (void)
{
  /* TRANSLATORS: the --help text of xarxa-server; keep the command and option names. */
  g_print ("%s", _("Usage: xarxa-server --data DIR COMMAND [OPTIONS]\n"
                   "\n"
                   "The Xarxa partner server: devices sync their records through it.\n"
                   "\n"
                   "Commands:\n"
                   "  init                       Make a new server database in DIR\n"
                   "  adduser NAME --role ROLE   Add a user (reader, editor or admin);\n"
                   "                             the password is read from standard input\n"
                   "  passwd NAME                Change a password (read from standard input)\n"
                   "  token NAME [--device D]    Make a device token for NAME and print it\n"
                   "  revoke NAME                Revoke every device token of NAME\n"
                   "  new-epoch                  Give the server a new epoch, after restoring\n"
                   "                             a backup: devices then sync again in full\n"
                   "  serve --listen ADDR:PORT   Answer devices (port 0 picks a free port)\n"
                   "\n"
                   "Options of serve:\n"
                   "  --tls-cert FILE --tls-key FILE   Serve HTTPS with this certificate and key\n"
                   "  --retention N                    Keep deleted records for N versions (0: always)\n"
                   "  --max-requests-per-minute N      Answer 429 past N requests per client\n"
                   "  --rate-window SECONDS            Length of the rate window (default 60)\n"
                   "  --max-file-size BYTES            Refuse attachments larger than this\n"
                   "                                   (default 1073741824, 1 GiB)\n"
                   "\n"
                   "  -h, --help                 Show this help\n"
                   "  --version                  Show the version\n"
                   "\n"
                   "The protocol is described in PROTOCOL.md, next to the server's source.\n"));
}

static int
usage_error (const char *message)
{
  g_printerr ("xarxa-server: %s\n", message);
  g_printerr ("%s\n", _("Run “xarxa-server --help” to see the commands."));
  return 2;
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  return g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

/* Returns -1 to go on, or an exit status. */
static int
parse_options (int      argc,
               char   **argv,
               Options *o)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *value = NULL;
      guint64 n;

      if (strcmp (arg, "-h") == 0 || strcmp (arg, "--help") == 0)
        {
          print_help ();
          return 0;
        }
      if (strcmp (arg, "--version") == 0)
        {
          g_print ("xarxa-server %s\n", PACKAGE_VERSION);
          return 0;
        }
      if (!g_str_has_prefix (arg, "--"))
        {
          g_ptr_array_add (o->args, g_strdup (arg));
          continue;
        }

      if (strchr (arg, '=') != NULL)
        {
          name = g_strndup (arg, strchr (arg, '=') - arg);
          value = strchr (arg, '=') + 1;
        }
      else
        {
          name = g_strdup (arg);
          if (i + 1 >= argc)
            {
              g_autofree char *m = g_strdup_printf (_("The option %s needs a value."), name);
              return usage_error (m);
            }
          value = argv[++i];
        }

#define TAKE(opt, field) \
      if (strcmp (name, opt) == 0) { g_free (o->field); o->field = g_strdup (value); continue; }
      TAKE ("--data", data)
      TAKE ("--role", role)
      TAKE ("--listen", listen)
      TAKE ("--tls-cert", tls_cert)
      TAKE ("--tls-key", tls_key)
      TAKE ("--device", device)
#undef TAKE

      if (strcmp (name, "--retention") == 0 && parse_uint (value, G_MAXINT64, &n))
        {
          o->limits.retention = (gint64) n;
          continue;
        }
      if (strcmp (name, "--max-requests-per-minute") == 0 && parse_uint (value, G_MAXUINT, &n))
        {
          o->limits.max_requests_per_minute = (guint) n;
          continue;
        }
      if (strcmp (name, "--rate-window") == 0 && parse_uint (value, 86400, &n) && n > 0)
        {
          o->limits.rate_window = (guint) n;
          continue;
        }
      if (strcmp (name, "--max-file-size") == 0 && parse_uint (value, G_MAXINT64, &n) && n > 0)
        {
          o->limits.max_file = n;
          continue;
        }
      if (strcmp (name, "--retention") == 0 || strcmp (name, "--max-requests-per-minute") == 0 ||
          strcmp (name, "--rate-window") == 0 || strcmp (name, "--max-file-size") == 0)
        {
          g_autofree char *m = g_strdup_printf (_("The option %s needs a whole number, not “%s”."), name, value);
          return usage_error (m);
        }
      {
        g_autofree char *m = g_strdup_printf (_("Unknown option %s."), name);
        return usage_error (m);
      }
    }
  return -1;
}

static char *
db_path (const Options *o)
{
  return g_build_filename (o->data, "xarxa-server.db", NULL);
}

static char *
files_dir (const Options *o)
{
  return g_build_filename (o->data, "files", NULL);
}

static int
report (const GError *error)
{
  g_printerr ("xarxa-server: %s\n", error->message);
  return 1;
}

static char *
new_epoch (void)
{
  guint8 raw[16];
  char hex[33];

  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (hex, sizeof hex, raw, sizeof raw);
  return g_strdup (hex);
}

static gboolean
valid_name (const char *name)
{
  gsize len = strlen (name);

  if (len == 0 || len > 64 || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

/* One line of standard input, without echo on a terminal. */
static char *
read_password (void)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char buffer[4096];
  char *line;

  if (tty)
    {
      g_printerr ("%s", _("Password: "));
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      g_printerr ("\n");
    }
  if (line == NULL)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_strdup (buffer);
  sodium_memzero (buffer, sizeof buffer);
  return line;
}

static char *
hash_password (GError **error)
{
  g_autofree char *password = read_password ();
  char hash[crypto_pwhash_STRBYTES];

  if (password == NULL || g_utf8_strlen (password, -1) < MIN_PASSWORD)
    {
      if (password != NULL)
        sodium_memzero (password, strlen (password));
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("The password must have at least %d characters. Give it on standard input, on one line."),
                   MIN_PASSWORD);
      return NULL;
    }
  if (crypto_pwhash_str_alg (hash, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      sodium_memzero (password, strlen (password));
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
                   _("There was not enough memory to hash the password. Free some memory and try again."));
      return NULL;
    }
  sodium_memzero (password, strlen (password));
  return g_strdup (hash);
}

static int
cmd_init (Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaServerStore) store = NULL;
  g_autofree char *path = db_path (o);
  g_autofree char *files = files_dir (o);
  g_autofree char *epoch = new_epoch ();

  if (g_mkdir_with_parents (o->data, 0700) != 0)
    {
      g_printerr (_("xarxa-server: could not make the folder “%s”: %s\n"), o->data, g_strerror (errno));
      return 1;
    }
  store = xarxa_server_sqlite_open (path, TRUE, &error);
  if (store == NULL || !xarxa_server_files_init (files, &error))
    return report (error);
  if (!xarxa_server_store_begin (store, &error) ||
      !xarxa_server_store_set_meta (store, XARXA_META_EPOCH, epoch, &error) ||
      !xarxa_server_store_set_meta_int (store, XARXA_META_VERSION, 0, &error) ||
      !xarxa_server_store_set_meta_int (store, XARXA_META_MIN_CURSOR, 0, &error) ||
      !xarxa_server_store_commit (store, &error))
    {
      xarxa_server_store_rollback (store);
      return report (error);
    }
  g_print (_("Made a server database in %s (epoch %s).\n"), o->data, epoch);
  return 0;
}

static XarxaServerStore *
open_store (Options *o,
            GError **error)
{
  g_autofree char *path = db_path (o);

  return xarxa_server_sqlite_open (path, FALSE, error);
}

static int
cmd_adduser (Options    *o,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaServerStore) store = NULL;
  g_autofree char *hash = NULL;
  XarxaRole role;

  if (o->role == NULL || !xarxa_role_from_string (o->role, &role))
    return usage_error (_("adduser needs --role reader, --role editor or --role admin."));
  store = open_store (o, &error);
  if (store == NULL)
    return report (error);
  hash = hash_password (&error);
  if (hash == NULL || !xarxa_server_store_add_user (store, name, role, hash, &error))
    return report (error);
  g_print (_("Added %s (%s).\n"), name, xarxa_role_to_string (role));
  return 0;
}

static int
cmd_passwd (Options    *o,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaServerStore) store = open_store (o, &error);
  g_autofree char *hash = NULL;

  if (store == NULL)
    return report (error);
  hash = hash_password (&error);
  if (hash == NULL || !xarxa_server_store_set_password (store, name, hash, &error))
    return report (error);
  g_print (_("Changed the password of %s.\n"), name);
  return 0;
}

static int
cmd_token (Options    *o,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaServerStore) store = open_store (o, &error);
  g_autoptr(XarxaServerUser) user = NULL;
  g_autofree char *token = NULL;
  g_autofree char *device_id = g_uuid_string_random ();
  gboolean opened = FALSE;
  gint64 last_seq;
  guint8 hash[32];

  if (store == NULL || !xarxa_server_store_get_user (store, name, &user, &error))
    return report (error);
  if (user == NULL)
    {
      g_printerr (_("xarxa-server: there is no user called “%s”. Add the user with “adduser” first.\n"), name);
      return 1;
    }
  token = xarxa_server_new_token (hash);
  if (!xarxa_server_store_open_device (store, user->id, device_id, o->device, hash, sizeof hash,
                                       &opened, &last_seq, &error))
    return report (error);
  /* The token alone on standard output, the device on standard error. */
  g_print ("%s\n", token);
  g_printerr (_("Device %s of %s.\n"), device_id, name);
  return 0;
}

static int
cmd_revoke (Options    *o,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaServerStore) store = open_store (o, &error);
  gint64 n;

  if (store == NULL)
    return report (error);
  n = xarxa_server_store_revoke_user (store, name, &error);
  if (n < 0)
    return report (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Revoked %lld device of %s.\n",
                        "Revoked %lld devices of %s.\n", (gulong) n),
           (long long) n, name);
  return 0;
}

static int
cmd_new_epoch (Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaServerStore) store = open_store (o, &error);
  g_autofree char *epoch = new_epoch ();

  if (store == NULL || !xarxa_server_store_set_meta (store, XARXA_META_EPOCH, epoch, &error))
    return report (error);
  g_print (_("The server's epoch is now %s: devices will sync again in full.\n"), epoch);
  return 0;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
cmd_serve (Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaServerStore) store = NULL;
  g_autoptr(XarxaServerHttp) http = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *files = files_dir (o);
  g_autofree char *url = NULL;
  guint term_id, int_id;

  if (o->listen == NULL)
    return usage_error (_("serve needs --listen ADDR:PORT, like --listen 127.0.0.1:8080."));
  store = open_store (o, &error);
  if (store == NULL || !xarxa_server_files_init (files, &error))
    return report (error);

  http = xarxa_server_http_new (store, files, &o->limits);
  url = xarxa_server_http_listen (http, o->listen, o->tls_cert, o->tls_key, &error);
  if (url == NULL)
    return report (error);

  loop = g_main_loop_new (NULL, FALSE);
  term_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  int_id = g_unix_signal_add (SIGINT, quit_cb, loop);

  /* Not translated: tests and scripts read this line. */
  g_print ("listening on %s\n", url);
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (term_id);
  g_source_remove (int_id);
  g_printerr ("%s\n", _("Stopped."));
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  Options o = { NULL, };
  const char *command, *name;
  int status;
  guint n_args;

  xarxa_i18n_init ();

  if (sodium_init () < 0)
    {
      g_printerr ("xarxa-server: %s\n", _("libsodium could not start."));
      return 1;
    }

  xarxa_server_limits_init_defaults (&o.limits);
  o.args = g_ptr_array_new_with_free_func (g_free);
  status = parse_options (argc, argv, &o);
  if (status >= 0)
    goto out;

  n_args = o.args->len;
  command = n_args > 0 ? g_ptr_array_index (o.args, 0) : NULL;
  name = n_args > 1 ? g_ptr_array_index (o.args, 1) : NULL;

  if (command == NULL)
    {
      status = usage_error (_("Give a command."));
      goto out;
    }
  if (o.data == NULL)
    {
      status = usage_error (_("Give the data folder with --data DIR."));
      goto out;
    }

  if (strcmp (command, "init") == 0 && n_args == 1)
    status = cmd_init (&o);
  else if (strcmp (command, "serve") == 0 && n_args == 1)
    status = cmd_serve (&o);
  else if (strcmp (command, "new-epoch") == 0 && n_args == 1)
    status = cmd_new_epoch (&o);
  else if (g_strv_contains ((const char *const[]) { "adduser", "passwd", "token", "revoke", NULL }, command))
    {
      if (n_args != 2 || !valid_name (name))
        status = usage_error (_("Give one user name of 1 to 64 characters after the command."));
      else if (strcmp (command, "adduser") == 0)
        status = cmd_adduser (&o, name);
      else if (strcmp (command, "passwd") == 0)
        status = cmd_passwd (&o, name);
      else if (strcmp (command, "token") == 0)
        status = cmd_token (&o, name);
      else
        status = cmd_revoke (&o, name);
    }
  else
    {
      g_autofree char *m = g_strdup_printf (_("Unknown command or extra arguments: “%s”."), command);
      status = usage_error (m);
    }

out:
  g_ptr_array_unref (o.args);
  g_free (o.data);
  g_free (o.role);
  g_free (o.listen);
  g_free (o.tls_cert);
  g_free (o.tls_key);
  g_free (o.device);
  return status;
}
