/* xarxa-attachments.h — the library's files, stored once by their SHA-256.
 *
 * Attachments live in a "files" folder beside the database, each under
 * files/AB/ABCDEF… (the first two hex digits of its hash shard the
 * folder).  A file is copied in streaming, to a temporary name, and
 * renamed to its hash only once the hash is known (and, when the caller
 * expects one, checked): the same file added twice is one file, and a copy
 * cut short never takes a hash's name.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char    *hash;          /* lowercase hex SHA-256 */
  char    *file_name;     /* the name the file had, UTF-8 */
  char    *content_type;  /* a MIME type, "application/pdf" */
  goffset  size;
} XarxaAttachment;

void        xarxa_attachment_free        (XarxaAttachment *attachment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaAttachment, xarxa_attachment_free)

/* The folder of the attachments of the database at @db_path. */
char       *xarxa_attachments_dir        (const char     *db_path);
/* Where the file of @hash is (or would be) stored; NULL if @hash is not
 * 64 hex digits. */
char       *xarxa_attachments_path       (const char     *files_dir,
                                          const char     *hash);
gboolean    xarxa_attachments_has        (const char     *files_dir,
                                          const char     *hash);
/* Stores @source.  @expected_hash, when not NULL, is what its hash must be
 * (a download from the server): a different one fails with
 * XARXA_ERROR_INVALID and stores nothing. */
XarxaAttachment *xarxa_attachments_add   (const char     *files_dir,
                                          GFile          *source,
                                          const char     *expected_hash,
                                          GCancellable   *cancellable,
                                          GError        **error);
/* The same from a stream (a download from the server, read as it comes),
 * with the name the file had. */
XarxaAttachment *xarxa_attachments_add_stream (const char     *files_dir,
                                               GInputStream   *in,
                                               const char     *file_name,
                                               const char     *expected_hash,
                                               GCancellable   *cancellable,
                                               GError        **error);
/* Writes the stored file of @hash to @dest (replacing it), as stored. */
gboolean    xarxa_attachments_export     (const char     *files_dir,
                                          const char     *hash,
                                          GFile          *dest,
                                          GCancellable   *cancellable,
                                          GError        **error);
/* The SHA-256 of a file, read in streaming. */
char       *xarxa_file_sha256            (GFile          *file,
                                          GCancellable   *cancellable,
                                          GError        **error);

G_END_DECLS
