/* xarxa-file-adder.h — files on their way into the library, one after the
 * other: each stored (by its SHA-256) and its text read off the main
 * thread, with progress and Cancel.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-library.h"

G_BEGIN_DECLS

#define XARXA_TYPE_FILE_ADDER (xarxa_file_adder_get_type ())
G_DECLARE_FINAL_TYPE (XarxaFileAdder, xarxa_file_adder, XARXA, FILE_ADDER, GObject)

/* Signals:
 *  "started" (const char *file_name): a file is being read;
 *  "progress" (double fraction): how much of it;
 *  "stored" (GFile *file, const char *attach_to, XarxaStoredFile *stored):
 *      the file is in the files folder and its text read; the handler
 *      makes or changes the document (@attach_to: its id, or NULL);
 *  "failed" (GFile *file, GError *error): it could not be stored, or was
 *      cancelled (G_IO_ERROR_CANCELLED);
 *  "notify::busy". */
XarxaFileAdder *xarxa_file_adder_new          (XarxaStore     *store);
/* Queues @file: a new document (@attach_to NULL) or the file of the
 * document @attach_to. */
void            xarxa_file_adder_add          (XarxaFileAdder *self,
                                               GFile          *file,
                                               const char     *attach_to);
/* Stops the file being read and drops those waiting. */
void            xarxa_file_adder_cancel       (XarxaFileAdder *self);
gboolean        xarxa_file_adder_get_busy     (XarxaFileAdder *self);

G_END_DECLS
