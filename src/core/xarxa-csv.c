/* xarxa-csv.c — a streaming CSV reader for the import.
 *
 * The reader keeps the raw bytes of the record it is reading in its buffer
 * (up to XARXA_CSV_MAX_RECORD), so that a quote that turns out never to be
 * closed can be blamed on its line and reading can restart just after that
 * line, without seeking in the stream.  Beyond the limit it keeps nothing
 * and only looks for the end of the record.
 *
 * The delimiter, quotes and line breaks are ASCII, and ASCII bytes mean the
 * same in UTF-8 and Windows-1252, so records are split on raw bytes and only
 * then decoded.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-csv.h"
#include "xarxa-error.h"

#define READ_SIZE  (64 * 1024)
#define MAX_READ   (256 * 1024)

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED, /* a quote inside quotes: the closing one or the first of "" */
  STATE_SKIP_LINE,       /* record too long: skip to the next line break */
} State;

struct _XarxaCsvReader
{
  GInputStream   *stream;
  char            delimiter;
  gboolean        started;

  guint8         *buf;
  gsize           buf_size;
  gsize           buf_len;
  gsize           pos;
  guint64         buf_offset;  /* offset in the stream of buf[0] */
  gboolean        eof;

  guint           line;        /* line of the byte at pos */
  gboolean        prev_cr;     /* the byte before pos was a CR */

  /* The current record: its fields one after the other, each NUL-terminated. */
  char           *data;
  gsize           data_size;
  gsize           data_len;
  GArray         *starts;      /* of gsize: where each field starts in data */
  GArray         *decoded_at;  /* of gssize: where a field re-decoded lives in decoded, or -1 */
  GString        *decoded;
  GPtrArray      *fields;
  char           *error;
  XarxaCsvRecord  record;
};

/* Windows-1252 for 0x80–0x9F; the five holes keep their Latin-1 (C1) value. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

XarxaCsvReader *
xarxa_csv_reader_new (GInputStream *stream,
                      char          delimiter)
{
  XarxaCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (delimiter == 0 || delimiter == ',' || delimiter == ';', NULL);

  self = g_new0 (XarxaCsvReader, 1);
  self->stream = g_object_ref (stream);
  self->delimiter = delimiter;
  self->line = 1;
  self->buf_size = 2 * READ_SIZE;
  self->buf = g_malloc (self->buf_size);
  self->data_size = 4096;
  self->data = g_malloc (self->data_size);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->decoded_at = g_array_new (FALSE, FALSE, sizeof (gssize));
  self->decoded = g_string_new (NULL);
  self->fields = g_ptr_array_new ();
  return self;
}

void
xarxa_csv_reader_free (XarxaCsvReader *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->stream);
  g_free (self->buf);
  g_free (self->data);
  g_array_unref (self->starts);
  g_array_unref (self->decoded_at);
  g_string_free (self->decoded, TRUE);
  g_ptr_array_unref (self->fields);
  g_free (self->error);
  g_free (self);
}

char
xarxa_csv_reader_get_delimiter (XarxaCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->delimiter != 0 ? self->delimiter : ',';
}

guint64
xarxa_csv_reader_get_offset (XarxaCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->buf_offset + self->pos;
}

/* Drops the bytes before keep_from, then reads more.  *shift says how far
 * the kept bytes moved, for the caller's indexes. */
static gboolean
fill (XarxaCsvReader *self,
      gsize           keep_from,
      gsize          *shift,
      GCancellable   *cancellable,
      GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  g_assert (keep_from <= self->pos);

  if (keep_from > 0)
    {
      memmove (self->buf, self->buf + keep_from, self->buf_len - keep_from);
      self->buf_len -= keep_from;
      self->pos -= keep_from;
      self->buf_offset += keep_from;
    }
  if (shift != NULL)
    *shift = keep_from;

  if (self->buf_size - self->buf_len < READ_SIZE)
    {
      self->buf_size = MAX (self->buf_size * 2, self->buf_len + READ_SIZE);
      self->buf = g_realloc (self->buf, self->buf_size);
    }

  /* Not every stream looks at the cancellable itself. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    n = -1;
  else
    n = g_input_stream_read (self->stream, self->buf + self->buf_len,
                             MIN (self->buf_size - self->buf_len, MAX_READ),
                             cancellable, &local_error);
  if (n < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_CANCELLED,
                             _("The import was cancelled; nothing was changed."));
      else
        g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                     _("Could not read the file: %s. Check that it is still there and readable, then try again."),
                     local_error->message);
      return FALSE;
    }
  if (n == 0)
    self->eof = TRUE;
  self->buf_len += (gsize) n;
  return TRUE;
}

/* Bytes that no text holds in Windows-1252: C0 controls other than tab,
 * line breaks, form feed and the old end-of-file mark, DEL, and the five
 * code points that Windows-1252 leaves undefined. */
static gboolean
is_latin1_text_byte (guint8 c)
{
  if (c < 0x20)
    return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x1A;
  return c != 0x7F && c != 0x81 && c != 0x8D && c != 0x8F && c != 0x90 && c != 0x9D;
}

/* Whether the bytes can be the start of a text file: no NUL byte, and valid
 * UTF-8 (a sequence cut by the end of a block that is not the end of the
 * file counts as valid) or else text in Windows-1252.  A spreadsheet
 * (.xlsx, .ods), a PDF or a program fails on its first block. */
static gboolean
looks_like_text (const guint8 *data,
                 gsize         len,
                 gboolean      complete)
{
  const char *end = NULL;

  if (memchr (data, '\0', len) != NULL)
    return FALSE;
  if (g_utf8_validate_len ((const char *) data, len, &end) ||
      (!complete && (gsize) ((const guint8 *) end - data) + 4 > len))
    return TRUE;
  for (gsize i = 0; i < len; i++)
    if (!is_latin1_text_byte (data[i]))
      return FALSE;
  return TRUE;
}

/* Refuses a file that is not text before anything is made of it: else a
 * program or a spreadsheet in its own format would be read as a CSV with
 * strange column names. */
static gboolean
check_text (XarxaCsvReader  *self,
            GError         **error)
{
  if (self->buf_len >= 2 &&
      ((self->buf[0] == 0xFF && self->buf[1] == 0xFE) ||
       (self->buf[0] == 0xFE && self->buf[1] == 0xFF)))
    {
      g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                           _("The file is text in UTF-16, which the import does not read. "
                             "Save it again as “CSV UTF-8” (or plain CSV) and import that file."));
      return FALSE;
    }
  if (!looks_like_text (self->buf, MIN (self->buf_len, READ_SIZE),
                        self->eof && self->buf_len <= READ_SIZE))
    {
      g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                           _("The file is not a CSV or text file. Choose a CSV file, or save your "
                             "spreadsheet as CSV first (in most programs: Save As, then CSV)."));
      return FALSE;
    }
  return TRUE;
}

/* Reads the first block, refuses a file that is not text, drops a UTF-8
 * byte order mark and picks the delimiter that the first line uses most,
 * outside quotes (a comma when neither or as many). */
static gboolean
start (XarxaCsvReader *self,
       GCancellable   *cancellable,
       GError        **error)
{
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  while (!self->eof && self->buf_len < READ_SIZE)
    if (!fill (self, 0, NULL, cancellable, error))
      return FALSE;

  if (!check_text (self, error))
    return FALSE;

  if (self->buf_len >= 3 && memcmp (self->buf, "\xEF\xBB\xBF", 3) == 0)
    self->pos = 3;

  if (self->delimiter == 0)
    {
      for (gsize i = self->pos; i < self->buf_len; i++)
        {
          guint8 c = self->buf[i];

          if (c == '"')
            quoted = !quoted;
          else if (quoted)
            continue;
          else if (c == ',')
            commas++;
          else if (c == ';')
            semicolons++;
          else if ((c == '\n' || c == '\r') && i > self->pos)
            break;
        }
      self->delimiter = semicolons > commas ? ';' : ',';
    }

  self->started = TRUE;
  return TRUE;
}

static inline void
data_append (XarxaCsvReader *self,
             char            c)
{
  if (G_UNLIKELY (self->data_len == self->data_size))
    {
      self->data_size *= 2;
      self->data = g_realloc (self->data, self->data_size);
    }
  self->data[self->data_len++] = c;
}

static inline void
end_field (XarxaCsvReader *self)
{
  data_append (self, '\0');
  g_array_append_val (self->starts, self->data_len);
}

static void
append_cp1252 (GString      *out,
               const guint8 *text,
               gsize         len)
{
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = text[i];

      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0xA0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        g_string_append_unichar (out, c);
    }
}

/* Turns CRLF and lone CR inside a field into LF, in place. */
static gsize
normalize_newlines (char  *text,
                    gsize  len)
{
  gsize r, w;

  for (r = 0, w = 0; r < len; r++)
    {
      if (text[r] == '\r')
        {
          if (r + 1 < len && text[r + 1] == '\n')
            continue;
          text[w++] = '\n';
        }
      else
        text[w++] = text[r];
    }
  text[w] = '\0';
  return w;
}

static const XarxaCsvRecord *
emit_fields (XarxaCsvReader *self,
             guint           line)
{
  guint n_fields = self->starts->len - 1;
  gboolean latin1 = FALSE;

  g_string_truncate (self->decoded, 0);
  g_array_set_size (self->decoded_at, n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      char *text = self->data + g_array_index (self->starts, gsize, i);
      gsize len = g_array_index (self->starts, gsize, i + 1)
                  - g_array_index (self->starts, gsize, i) - 1;

      g_array_index (self->decoded_at, gssize, i) = -1;
      if (memchr (text, '\r', len) != NULL)
        len = normalize_newlines (text, len);
      if (!g_utf8_validate (text, (gssize) len, NULL))
        {
          g_array_index (self->decoded_at, gssize, i) = (gssize) self->decoded->len;
          append_cp1252 (self->decoded, (const guint8 *) text, len);
          g_string_append_c (self->decoded, '\0');
          latin1 = TRUE;
        }
    }

  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < n_fields; i++)
    {
      gssize at = g_array_index (self->decoded_at, gssize, i);

      if (at >= 0)
        g_ptr_array_add (self->fields, self->decoded->str + at);
      else
        g_ptr_array_add (self->fields, self->data + g_array_index (self->starts, gsize, i));
    }
  g_ptr_array_add (self->fields, NULL);

  self->record.line = line;
  self->record.n_fields = n_fields;
  self->record.fields = (const char *const *) self->fields->pdata;
  self->record.error = NULL;
  self->record.latin1 = latin1;
  return &self->record;
}

static const XarxaCsvRecord *
emit_error (XarxaCsvReader *self,
            guint           line,
            char           *reason)
{
  g_free (self->error);
  self->error = reason;
  g_ptr_array_set_size (self->fields, 0);
  g_ptr_array_add (self->fields, NULL);
  self->record.line = line;
  self->record.n_fields = 0;
  self->record.fields = (const char *const *) self->fields->pdata;
  self->record.error = self->error;
  self->record.latin1 = FALSE;
  return &self->record;
}

static char *
too_long_reason (guint line)
{
  return g_strdup_printf (_("Line %u is longer than 1 MiB and was skipped: "
                            "check that its quotes are balanced, or shorten its values."),
                          line);
}

static char *
unclosed_quote_reason (guint line)
{
  return g_strdup_printf (_("The quote (\") that opens a value on line %u is never closed: "
                            "add the closing quote, or remove the stray one."),
                          line);
}

const XarxaCsvRecord *
xarxa_csv_reader_next (XarxaCsvReader *self,
                       GCancellable   *cancellable,
                       GError        **error)
{
  State state = STATE_FIELD_START;
  gboolean in_record = FALSE;
  gboolean over = FALSE;        /* too long: nothing kept, skipping to the line's end */
  gsize rec_start = 0;
  guint rec_line = 0;
  guint quote_line = 0;
  gssize nl_pos = -1;           /* just after the first line break in the open quoted value */
  guint nl_line = 0;
  gboolean nl_prev_cr = FALSE;
  char delimiter;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!self->started && !start (self, cancellable, error))
    return NULL;
  delimiter = self->delimiter;

  self->data_len = 0;
  g_array_set_size (self->starts, 0);

  for (;;)
    {
      guint8 c;

      if (self->pos == self->buf_len)
        {
          gsize shift = 0;
          gboolean keep = in_record && !over;

          if (self->eof)
            break;

          if (keep && self->pos - rec_start > XARXA_CSV_MAX_RECORD)
            {
              if (state == STATE_QUOTED && nl_pos >= 0)
                {
                  /* Most likely a stray quote: blame its line, go on after it. */
                  self->pos = (gsize) nl_pos;
                  self->line = nl_line;
                  self->prev_cr = nl_prev_cr;
                  return emit_error (self, rec_line, unclosed_quote_reason (quote_line));
                }
              /* Past the limit a record is taken as one physical line. */
              over = TRUE;
              keep = FALSE;
              state = STATE_SKIP_LINE;
            }

          if (!fill (self, keep ? rec_start : self->pos, &shift, cancellable, error))
            return NULL;
          if (keep)
            {
              rec_start -= shift;
              if (nl_pos >= 0)
                nl_pos -= (gssize) shift;
            }
          continue;
        }

      c = self->buf[self->pos++];

      if (c == '\n')
        {
          if (!self->prev_cr)
            self->line++;
          self->prev_cr = FALSE;
        }
      else if (c == '\r')
        {
          self->line++;
          self->prev_cr = TRUE;
        }
      else
        {
          self->prev_cr = FALSE;
          if (G_UNLIKELY (c == '\0'))
            continue;
        }

      if (!in_record)
        {
          if (c == '\n' || c == '\r')
            continue;           /* a blank line */
          in_record = TRUE;
          rec_start = self->pos - 1;
          rec_line = self->line;
          g_array_append_val (self->starts, self->data_len); /* 0 */
        }

      switch (state)
        {
        case STATE_FIELD_START:
          if (c == '"')
            {
              state = STATE_QUOTED;
              quote_line = self->line;
              nl_pos = -1;
              break;
            }
          state = STATE_UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case STATE_UNQUOTED:
          if (c == (guint8) delimiter)
            {
              end_field (self);
              state = STATE_FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            goto end_of_record;
          else
            data_append (self, (char) c);
          break;

        case STATE_QUOTED:
          if (c == '"')
            state = STATE_QUOTE_IN_QUOTED;
          else
            {
              if ((c == '\n' || c == '\r') && nl_pos < 0)
                {
                  nl_pos = (gssize) self->pos;
                  nl_line = self->line;
                  nl_prev_cr = self->prev_cr;
                }
              data_append (self, (char) c);
            }
          break;

        case STATE_QUOTE_IN_QUOTED:
          if (c == '"')
            {
              data_append (self, '"');
              state = STATE_QUOTED;
            }
          else if (c == (guint8) delimiter)
            {
              end_field (self);
              state = STATE_FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            goto end_of_record;
          else
            {
              /* "abc"def: keep going as spreadsheets do. */
              data_append (self, (char) c);
              state = STATE_UNQUOTED;
            }
          break;

        case STATE_SKIP_LINE:
          if (c == '\n' || c == '\r')
            goto end_of_record;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* End of the input. */
  if (!in_record)
    return NULL;
  if (state == STATE_QUOTED && !over)
    {
      if (nl_pos >= 0)
        {
          self->pos = (gsize) nl_pos;
          self->line = nl_line;
          self->prev_cr = nl_prev_cr;
          self->eof = FALSE;    /* the bytes after nl_pos are still to read */
        }
      return emit_error (self, rec_line, unclosed_quote_reason (quote_line));
    }

end_of_record:
  if (over)
    return emit_error (self, rec_line, too_long_reason (rec_line));
  end_field (self);
  return emit_fields (self, rec_line);
}

void
xarxa_csv_append_cell (GString    *out,
                       const char *text)
{
  g_return_if_fail (out != NULL);

  if (text == NULL || *text == '\0')
    return;
  if (strpbrk (text, ",;\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
