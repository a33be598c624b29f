/* xarxa-csv.h — a streaming CSV reader for the import (internal to core).
 *
 * Reads RFC 4180 CSV from a GInputStream in fixed-size chunks: comma or
 * semicolon (detected from the header line), quoted fields with delimiters,
 * doubled quotes and line breaks, CRLF or LF.  Each record is decoded on its
 * own: valid UTF-8 stays UTF-8, anything else is read as Windows-1252
 * (Latin-1).  A UTF-8 byte order mark is dropped.
 *
 * A file that is not text is refused as a whole, before its first record:
 * xarxa_csv_reader_next() fails with XARXA_ERROR_INVALID when the first
 * block (64 KiB) holds a NUL byte or is neither UTF-8 nor Windows-1252 text,
 * or when the file starts with a UTF-16 byte order mark.  NUL bytes met
 * later are dropped.
 *
 * Bad input never stops the reader: a record longer than
 * XARXA_CSV_MAX_RECORD bytes, or a quote that is never closed, comes back as
 * a record with an error (its line and a translated reason), and reading
 * goes on after it.  A quote left open is blamed on the line that opened it
 * and reading restarts on the next line, so one stray quote costs one row,
 * not the rest of the file.  Memory stays bounded by the record limit
 * whatever the size of a line.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define XARXA_CSV_MAX_RECORD (1024 * 1024)

typedef struct
{
  guint              line;      /* 1-based line where the record starts */
  guint              n_fields;
  const char *const *fields;    /* UTF-8, NUL-terminated; n_fields entries then NULL */
  const char        *error;     /* non-NULL: the record is broken, this says why */
  gboolean           latin1;    /* decoded from Windows-1252 */
} XarxaCsvRecord;

typedef struct _XarxaCsvReader XarxaCsvReader;

/* delimiter: ',' or ';', or 0 to detect it from the first line. */
XarxaCsvReader *xarxa_csv_reader_new        (GInputStream   *stream,
                                             char            delimiter);
void            xarxa_csv_reader_free       (XarxaCsvReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaCsvReader, xarxa_csv_reader_free)

/* Reads the next record, skipping blank lines.  Returns the record (owned by
 * the reader, valid until the next call) or NULL at the end of the input or
 * on an error (then error is set: XARXA_ERROR_IO, XARXA_ERROR_CANCELLED, or
 * XARXA_ERROR_INVALID for a file that is not text). */
const XarxaCsvRecord *xarxa_csv_reader_next (XarxaCsvReader *reader,
                                             GCancellable   *cancellable,
                                             GError        **error);
/* The delimiter in use; valid once the first record was read. */
char            xarxa_csv_reader_get_delimiter (XarxaCsvReader *reader);
/* Bytes of the stream consumed so far, for progress. */
guint64         xarxa_csv_reader_get_offset    (XarxaCsvReader *reader);

/* Appends one cell to a line being written: as it is, or quoted (quotes
 * doubled) when it holds a comma, semicolon, quote or line break, so that
 * the reader above reads it back whichever delimiter the line uses.  NULL
 * or "" appends nothing. */
void            xarxa_csv_append_cell          (GString        *out,
                                                const char     *text);

G_END_DECLS
