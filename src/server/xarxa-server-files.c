/* xarxa-server-files.c — attachments kept by SHA-256, with resumable uploads.
 *
 * A complete file lives at FILES/ab/abcdef…; an upload in progress at
 * FILES/partial/abcdef….  A partial upload becomes a file only when its
 * SHA-256 matches its name, by an atomic rename.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-server"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "xarxa-error.h"
#include "xarxa-server-files.h"

gboolean
xarxa_server_hash_is_valid (const char *hash)
{
  if (hash == NULL || strlen (hash) != 64)
    return FALSE;
  for (const char *p = hash; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

gboolean
xarxa_server_files_init (const char  *files_dir,
                         GError     **error)
{
  g_autofree char *partial = g_build_filename (files_dir, "partial", NULL);

  if (g_mkdir_with_parents (partial, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                   _("Could not make the folder “%s”: %s. Check the permissions of the data folder."),
                   partial, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

char *
xarxa_server_files_path (const char *files_dir,
                         const char *hash)
{
  char prefix[3] = { hash[0], hash[1], '\0' };

  return g_build_filename (files_dir, prefix, hash, NULL);
}

static char *
partial_path (const char *files_dir,
              const char *hash)
{
  return g_build_filename (files_dir, "partial", hash, NULL);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return -1;
  return st.st_size;
}

gint64
xarxa_server_files_size (const char *files_dir,
                         const char *hash)
{
  g_autofree char *path = xarxa_server_files_path (files_dir, hash);

  return file_size (path);
}

gint64
xarxa_server_files_partial_size (const char *files_dir,
                                 const char *hash)
{
  g_autofree char *path = partial_path (files_dir, hash);

  return MAX (file_size (path), 0);
}

static gboolean
hash_of_file (const char  *path,
              char       **out,
              GError     **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (65536);
  FILE *f = g_fopen (path, "rb");
  size_t n;

  if (f == NULL)
    {
      int saved = errno;

      g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  while ((n = fread (buffer, 1, 65536, f)) > 0)
    g_checksum_update (checksum, buffer, n);
  fclose (f);
  *out = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

static guint
io_failure (XarxaServerFailure *failure,
            const char         *path,
            int                 saved_errno)
{
  g_warning ("%s: %s", path, g_strerror (saved_errno));
  xarxa_server_failure_set (failure, 500, "internal", NULL, 0,
                            _("The server could not write the file. Try again later, and tell its administrator if it goes on."));
  return 0;
}

guint
xarxa_server_files_put_chunk (const char              *files_dir,
                              const char              *hash,
                              guint64                  start,
                              guint64                  total,
                              const guint8            *data,
                              gsize                    len,
                              const XarxaServerLimits *limits,
                              guint64                 *held,
                              XarxaServerFailure      *failure)
{
  g_autofree char *partial = partial_path (files_dir, hash);
  g_autofree char *final = xarxa_server_files_path (files_dir, hash);
  g_autofree char *final_dir = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(GError) error = NULL;
  gint64 existing = file_size (final);
  gint64 have;
  FILE *f;

  if (existing >= 0)
    {
      *held = (guint64) existing;
      return 200;
    }
  if (total > limits->max_file)
    {
      xarxa_server_failure_set (failure, 413, "file-too-large", "limit", (gint64) limits->max_file,
                                _("Files may be at most %llu bytes. Store a smaller file, or link to it instead."),
                                (unsigned long long) limits->max_file);
      return 0;
    }

  have = MAX (file_size (partial), 0);
  if (start != (guint64) have || start + len > total)
    {
      xarxa_server_failure_set (failure, 409, "wrong-offset", "offset", have,
                                _("The server holds %lld bytes of this file. Resume the upload from there."),
                                (long long) have);
      return 0;
    }

  if (len > 0)
    {
      f = g_fopen (partial, "ab");
      if (f == NULL)
        return io_failure (failure, partial, errno);
      if (fwrite (data, 1, len, f) != len || fflush (f) != 0 || fsync (fileno (f)) != 0)
        {
          int saved = errno;

          fclose (f);
          return io_failure (failure, partial, saved);
        }
      fclose (f);
    }
  *held = start + len;
  if (*held < total)
    return 200;

  if (total == 0)
    {
      /* The empty file: make it so that it can be hashed. */
      f = g_fopen (partial, "ab");
      if (f == NULL)
        return io_failure (failure, partial, errno);
      fclose (f);
    }

  if (!hash_of_file (partial, &actual, &error))
    {
      xarxa_server_failure_internal (failure, error);
      return 0;
    }
  if (strcmp (actual, hash) != 0)
    {
      g_unlink (partial);
      *held = 0;
      xarxa_server_failure_set (failure, 422, "hash-mismatch", NULL, 0,
                                _("The uploaded file does not match its SHA-256 hash: it was damaged on the way. Upload it again from the start."));
      return 0;
    }
  final_dir = g_path_get_dirname (final);
  if (g_mkdir_with_parents (final_dir, 0700) != 0)
    return io_failure (failure, final_dir, errno);
  if (g_rename (partial, final) != 0)
    return io_failure (failure, final, errno);
  return 201;
}
