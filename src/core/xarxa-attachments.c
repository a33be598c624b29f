/* xarxa-attachments.c — the library's files, stored once by their SHA-256
 * (see xarxa-attachments.h).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-library"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "xarxa-attachments.h"
#include "xarxa-error.h"

#define CHUNK (256 * 1024)

void
xarxa_attachment_free (XarxaAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->hash);
  g_free (attachment->file_name);
  g_free (attachment->content_type);
  g_free (attachment);
}

char *
xarxa_attachments_dir (const char *db_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, "files", NULL);
}

static gboolean
is_hash (const char *hash)
{
  if (hash == NULL || strlen (hash) != 64)
    return FALSE;
  for (const char *p = hash; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

char *
xarxa_attachments_path (const char *files_dir,
                        const char *hash)
{
  char shard[3];

  g_return_val_if_fail (files_dir != NULL, NULL);

  if (!is_hash (hash))
    return NULL;
  shard[0] = hash[0];
  shard[1] = hash[1];
  shard[2] = '\0';
  return g_build_filename (files_dir, shard, hash, NULL);
}

gboolean
xarxa_attachments_has (const char *files_dir,
                       const char *hash)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (files_dir != NULL, FALSE);

  path = xarxa_attachments_path (files_dir, hash);
  return path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* Copies @in to @out (when not NULL) in chunks, hashing what passes. */
static char *
copy_hashing (GInputStream   *in,
              GOutputStream  *out,
              goffset        *size,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (CHUNK);
  goffset total = 0;

  for (;;)
    {
      gssize n = g_input_stream_read (in, buffer, CHUNK, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_checksum_update (sum, buffer, n);
      total += n;
      if (out != NULL && !g_output_stream_write_all (out, buffer, n, NULL, cancellable, error))
        return NULL;
    }
  if (size != NULL)
    *size = total;
  return g_strdup (g_checksum_get_string (sum));
}

char *
xarxa_file_sha256 (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  return copy_hashing (G_INPUT_STREAM (in), NULL, NULL, cancellable, error);
}

/* The MIME type by the name and the first bytes, as GIO guesses a local
 * file's. */
static char *
guess_content_type (const char *file_name,
                    const char *tmp_path)
{
  g_autofree char *guessed = NULL;
  guchar head[4096];
  gsize n = 0;
  FILE *f;

  f = g_fopen (tmp_path, "rb");
  if (f != NULL)
    {
      n = fread (head, 1, sizeof head, f);
      fclose (f);
    }
  guessed = g_content_type_guess (file_name, head, n, NULL);
  return g_content_type_get_mime_type (guessed);
}

XarxaAttachment *
xarxa_attachments_add_stream (const char    *files_dir,
                              GInputStream  *in,
                              const char    *file_name,
                              const char    *expected_hash,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(XarxaAttachment) att = g_new0 (XarxaAttachment, 1);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFile) tmp_file = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *final_path = NULL;
  g_autofree char *shard_dir = NULL;

  g_return_val_if_fail (files_dir != NULL, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (in), NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (files_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                   _("The folder for attachments “%s” cannot be made: %s"),
                   files_dir, g_strerror (saved));
      return NULL;
    }
  /* Beside the final place, so that the rename is atomic. */
  uuid = g_uuid_string_random ();
  tmp_name = g_strconcat (".incoming-", uuid, NULL);
  tmp_path = g_build_filename (files_dir, tmp_name, NULL);
  tmp_file = g_file_new_for_path (tmp_path);
  out = g_file_create (tmp_file, G_FILE_CREATE_PRIVATE, cancellable, error);
  if (out == NULL)
    return NULL;
  att->hash = copy_hashing (in, G_OUTPUT_STREAM (out), &att->size, cancellable, error);
  if (att->hash == NULL || !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    {
      g_unlink (tmp_path);
      return NULL;
    }
  if (expected_hash != NULL && g_ascii_strcasecmp (expected_hash, att->hash) != 0)
    {
      g_unlink (tmp_path);
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("The file received is not the one expected (its SHA-256 is %s, not %s): "
                     "it was changed or cut short on the way; try again."),
                   att->hash, expected_hash);
      return NULL;
    }

  att->file_name = g_strdup (file_name);
  att->content_type = guess_content_type (file_name, tmp_path);
  final_path = xarxa_attachments_path (files_dir, att->hash);
  shard_dir = g_path_get_dirname (final_path);
  if (g_file_test (final_path, G_FILE_TEST_IS_REGULAR))
    {
      /* Stored already: the same bytes, one file. */
      g_unlink (tmp_path);
      return g_steal_pointer (&att);
    }
  if (g_mkdir_with_parents (shard_dir, 0700) != 0 || g_rename (tmp_path, final_path) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                   _("The attachment cannot be stored as “%s”: %s"),
                   final_path, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&att);
}

XarxaAttachment *
xarxa_attachments_add (const char    *files_dir,
                       GFile         *source,
                       const char    *expected_hash,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (files_dir != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (source, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *name = g_file_get_parse_name (source);

      g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                   _("“%s” is not a file: choose a file to attach."), name);
      return NULL;
    }
  in = g_file_read (source, cancellable, error);
  if (in == NULL)
    return NULL;
  return xarxa_attachments_add_stream (files_dir, G_INPUT_STREAM (in), g_file_info_get_display_name (info),
                                       expected_hash, cancellable, error);
}

gboolean
xarxa_attachments_export (const char    *files_dir,
                          const char    *hash,
                          GFile         *dest,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) stored = NULL;

  g_return_val_if_fail (files_dir != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = xarxa_attachments_path (files_dir, hash);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("The attachment is not on this device yet: sync to fetch it, then try again."));
      return FALSE;
    }
  stored = g_file_new_for_path (path);
  /* g_file_copy streams, and writes to a temporary name it renames. */
  return g_file_copy (stored, dest, G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                      cancellable, NULL, NULL, error);
}
