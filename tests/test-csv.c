/* test-csv.c — the streaming CSV reader on good and bad input.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-csv.h"
#include "xarxa-error.h"
#include "xarxa-import.h"

/* A memory stream that hands out at most a few bytes per read, so that every
 * chunk boundary (inside CRLF, inside "", inside a UTF-8 sequence) is met. */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GMemoryInputStream)

struct _TestTrickleStream
{
  GMemoryInputStream parent_instance;
  gsize              step;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_MEMORY_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);

  return G_INPUT_STREAM_CLASS (test_trickle_stream_parent_class)->read_fn (stream, buffer,
                                                                          MIN (count, self->step),
                                                                          cancellable, error);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
  self->step = 1;
}

static GInputStream *
trickle_stream_new (const char *data,
                    gssize      len,
                    gsize       step)
{
  TestTrickleStream *self = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  if (len < 0)
    len = strlen (data);
  self->step = step;
  g_memory_input_stream_add_data (G_MEMORY_INPUT_STREAM (self), g_memdup2 (data, len), len, g_free);
  return G_INPUT_STREAM (self);
}

/* Reads the whole input into a readable dump: one line per record,
 * "line:field|field|…" or "line:ERROR:reason". */
static char *
dump_csv_full (const char *data,
               gssize      len,
               gsize       step,
               char       *delimiter_out,
               gboolean   *latin1_out)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(XarxaCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const XarxaCsvRecord *record;
  GString *out = g_string_new (NULL);
  gboolean latin1 = FALSE;

  if (len < 0)
    len = strlen (data);
  if (step > 0)
    stream = trickle_stream_new (data, len, step);
  else
    stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  reader = xarxa_csv_reader_new (stream, 0);
  while ((record = xarxa_csv_reader_next (reader, NULL, &error)) != NULL)
    {
      g_string_append_printf (out, "%u:", record->line);
      if (record->error != NULL)
        {
          g_assert_cmpuint (record->n_fields, ==, 0);
          g_string_append_printf (out, "ERROR:%s\n", record->error);
          continue;
        }
      g_assert_null (record->fields[record->n_fields]);
      for (guint i = 0; i < record->n_fields; i++)
        {
          g_assert_true (g_utf8_validate (record->fields[i], -1, NULL));
          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", record->fields[i]);
        }
      g_string_append_c (out, '\n');
      latin1 |= record->latin1;
    }
  g_assert_no_error (error);
  /* Reading past the end stays at the end. */
  g_assert_null (xarxa_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (xarxa_csv_reader_get_offset (reader), ==, (guint64) len);

  if (delimiter_out != NULL)
    *delimiter_out = xarxa_csv_reader_get_delimiter (reader);
  if (latin1_out != NULL)
    *latin1_out = latin1;
  return g_string_free (out, FALSE);
}

/* Same result whether the stream gives everything at once or byte by byte. */
static char *
dump_csv (const char *data,
          gssize      len)
{
  char *whole = dump_csv_full (data, len, 0, NULL, NULL);
  g_autofree char *bytes = dump_csv_full (data, len, 1, NULL, NULL);
  g_autofree char *sevens = dump_csv_full (data, len, 7, NULL, NULL);

  g_assert_cmpstr (bytes, ==, whole);
  g_assert_cmpstr (sevens, ==, whole);
  return whole;
}

static void
test_comma (void)
{
  g_autofree char *dump = NULL;
  char delimiter = 0;

  dump = dump_csv_full ("Name,City,Country\nCooperativa Abacus,Barcelona,ES\nEnda,Dakar,SN\n",
                        -1, 0, &delimiter, NULL);
  g_assert_cmpint (delimiter, ==, ',');
  g_assert_cmpstr (dump, ==,
                   "1:Name|City|Country\n"
                   "2:Cooperativa Abacus|Barcelona|ES\n"
                   "3:Enda|Dakar|SN\n");
}

static void
test_semicolon (void)
{
  g_autofree char *dump = NULL;
  char delimiter = 0;

  /* A semicolon file whose values hold commas: the header decides. */
  dump = dump_csv_full ("Nom;Ciutat;Notes\n\"Fundació Pere, SL\";Girona;a, b, c\n;;\n",
                        -1, 0, &delimiter, NULL);
  g_assert_cmpint (delimiter, ==, ';');
  g_assert_cmpstr (dump, ==,
                   "1:Nom|Ciutat|Notes\n"
                   "2:Fundació Pere, SL|Girona|a, b, c\n"
                   "3:||\n");
  g_free (g_steal_pointer (&dump));

  /* A comma inside a quoted header name does not count. */
  dump = dump_csv_full ("\"Name, official\";City\nA;B\n", -1, 0, &delimiter, NULL);
  g_assert_cmpint (delimiter, ==, ';');
  g_assert_cmpstr (dump, ==, "1:Name, official|City\n2:A|B\n");
}

static void
test_quotes (void)
{
  g_autofree char *dump = NULL;

  dump = dump_csv ("Name,Description,City\r\n"
                   "\"Xarxa \"\"Transicions\"\"\",\"First line\r\nsecond line\nthird\",Vic\r\n"
                   "\"\",\"a,b\",\"\"\r\n"
                   "\"abc\"def,x\"y,z\r\n"
                   "Last,one,here", -1);
  g_assert_cmpstr (dump, ==,
                   "1:Name|Description|City\n"
                   "2:Xarxa \"Transicions\"|First line\nsecond line\nthird|Vic\n"
                   "5:|a,b|\n"
                   "6:abcdef|x\"y|z\n"
                   "7:Last|one|here\n");
}

static void
test_line_endings (void)
{
  g_autofree char *lf = dump_csv ("a,b\n\nc,d\n\n\ne,f\n", -1);
  g_autofree char *crlf = dump_csv ("a,b\r\n\r\nc,d\r\n\r\n\r\ne,f\r\n", -1);
  g_autofree char *cr = dump_csv ("a,b\r\rc,d\r\r\re,f\r", -1);
  g_autofree char *mixed = dump_csv ("a,b\r\n\nc,d\n\r\n\re,f", -1);

  /* Blank lines are skipped but still counted. */
  g_assert_cmpstr (lf, ==, "1:a|b\n3:c|d\n6:e|f\n");
  g_assert_cmpstr (crlf, ==, lf);
  g_assert_cmpstr (cr, ==, lf);
  g_assert_cmpstr (mixed, ==, lf);
}

static void
test_bom (void)
{
  g_autofree char *dump = NULL;
  char delimiter = 0;

  dump = dump_csv_full ("\xEF\xBB\xBFNom;País\nAbacus;ES\n", -1, 0, &delimiter, NULL);
  g_assert_cmpint (delimiter, ==, ';');
  g_assert_cmpstr (dump, ==, "1:Nom|País\n2:Abacus|ES\n");
  g_free (g_steal_pointer (&dump));

  /* A BOM and nothing else is an empty file. */
  dump = dump_csv ("\xEF\xBB\xBF", -1);
  g_assert_cmpstr (dump, ==, "");
}

static void
test_latin1 (void)
{
  g_autofree char *dump = NULL;
  g_autofree char *utf8_dump = NULL;
  gboolean latin1 = FALSE;

  /* "Associació", "Fundación", "€" as Latin-1 / Windows-1252 bytes. */
  dump = dump_csv_full ("Nom;Tipus\nAssociaci\xF3 Ve\xEFnal;Associaci\xF3\n"
                        "Fundaci\xF3n;\x80 \x93quoted\x94\n",
                        -1, 0, NULL, &latin1);
  g_assert_true (latin1);
  g_assert_cmpstr (dump, ==,
                   "1:Nom|Tipus\n"
                   "2:Associació Veïnal|Associació\n"
                   "3:Fundación|€ “quoted”\n");

  utf8_dump = dump_csv_full ("Nom;Tipus\nAssociació;Fundació\n", -1, 0, NULL, &latin1);
  g_assert_false (latin1);
  g_assert_cmpstr (utf8_dump, ==, "1:Nom|Tipus\n2:Associació|Fundació\n");
}

/* The error the reader gives for the first record of data. */
static char *
first_error (const char *data,
             gsize       len,
             gsize       step)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(XarxaCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  if (step > 0)
    stream = trickle_stream_new (data, (gssize) len, step);
  else
    stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), (gssize) len, g_free);
  reader = xarxa_csv_reader_new (stream, 0);
  g_assert_null (xarxa_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  return g_strdup (error->message);
}

/* NUL bytes in the first block mean a binary file; after it, they are
 * dropped. */
static void
test_nul_bytes (void)
{
  static const char data[] = "a,b\n\0c,d\0\n";
  g_autofree char *message = first_error (data, sizeof data - 1, 0);
  g_autoptr(GString) late = g_string_new ("a,b\n");
  g_autofree char *dump = NULL;
  g_autoptr(GString) expected = g_string_new ("1:a|b\n");

  g_assert_nonnull (strstr (message, "not a CSV or text file"));

  for (guint i = 0; i < 70000 / 4; i++)
    g_string_append (late, "c,d\n");
  g_string_append_len (late, "e,\0f\n", 6);
  for (guint i = 0; i < 70000 / 4; i++)
    g_string_append_printf (expected, "%u:c|d\n", i + 2);
  g_string_append_printf (expected, "%u:e|f\n", 70000 / 4 + 2);
  dump = dump_csv (late->str, (gssize) late->len);
  g_assert_cmpstr (dump, ==, expected->str);
}

/* What people pick by mistake: a program, a spreadsheet in its own format,
 * UTF-16 text.  Latin-1 text with line breaks of every kind still reads. */
static void
test_not_text (void)
{
  static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
  static const char zip[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh";
  static const char controls[] = "Nom;Ciutat\n\xe9\x01\x02\x03\x04\x05;\x90\x06\n";
  static const char utf16[] = "\xff\xfeN\0a\0m\0e\0\n\0";
  g_autofree char *from_elf = first_error (elf, sizeof elf - 1, 0);
  g_autofree char *from_zip = first_error (zip, sizeof zip - 1, 3);
  g_autofree char *from_controls = first_error (controls, sizeof controls - 1, 1);
  g_autofree char *from_utf16 = first_error (utf16, sizeof utf16 - 1, 0);
  g_autofree char *latin1 = dump_csv ("Nom;Ciutat\r\nAssociaci\xf3;Matar\xf3\r\f\n", -1);

  g_assert_nonnull (strstr (from_elf, "not a CSV or text file"));
  g_assert_nonnull (strstr (from_zip, "not a CSV or text file"));
  g_assert_nonnull (strstr (from_controls, "not a CSV or text file"));
  g_assert_nonnull (strstr (from_utf16, "UTF-16"));
  g_assert_cmpstr (latin1, ==, "1:Nom|Ciutat\n2:Associació|Mataró\n3:\f\n");
}

/* The import window's preview reads through the same reader: it shows the
 * same message for a file that is not text. */
static void
test_preview_not_text (void)
{
  static const char zip[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh";
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("xarxa-test-csv-XXXXXX.xlsx", &io, &error);
  g_autoptr(XarxaCsvPreview) preview = NULL;

  g_assert_no_error (error);
  g_file_replace_contents (file, zip, sizeof zip - 1, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  preview = xarxa_csv_preview (file, 5, NULL, &error);
  g_assert_null (preview);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a CSV or text file"));
  g_file_delete (file, NULL, NULL);
}

static void
test_empty (void)
{
  g_autofree char *empty = dump_csv ("", 0);
  g_autofree char *blank = dump_csv ("\n\r\n\n", -1);

  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (blank, ==, "");
}

static void
test_broken_quote (void)
{
  g_autofree char *dump = NULL;
  g_autofree char *last = NULL;
  g_autofree char *expected = NULL;

  /* The stray quote on line 3 costs line 3 only. */
  dump = dump_csv ("Name,City\n"
                   "Abacus,Barcelona\n"
                   "Enda,\"Dakar\n"
                   "Coopera,Lleida\n"
                   "Sodepau,Vic\n", -1);
  g_assert_cmpstr (dump, ==,
                   "1:Name|City\n"
                   "2:Abacus|Barcelona\n"
                   "3:ERROR:The quote (\") that opens a value on line 3 is never closed: "
                   "add the closing quote, or remove the stray one.\n"
                   "4:Coopera|Lleida\n"
                   "5:Sodepau|Vic\n");

  /* On the last line, without a final line break. */
  last = dump_csv ("Name,City\nAbacus,\"Barcelona", -1);
  g_assert_cmpstr (last, ==,
                   "1:Name|City\n"
                   "2:ERROR:The quote (\") that opens a value on line 2 is never closed: "
                   "add the closing quote, or remove the stray one.\n");

  /* A record that starts on line 2 and opens a stray quote on line 4 after
   * a good multi-line value: the error names line 4, reading restarts on 5. */
  g_free (g_steal_pointer (&dump));
  dump = dump_csv ("Name,Notes,City\n"
                   "Abacus,\"two\nlines\",\"Bar\n"
                   "celona\n"
                   "Enda,x,Dakar\n", -1);
  expected = g_strdup ("1:Name|Notes|City\n"
                       "2:ERROR:The quote (\") that opens a value on line 3 is never closed: "
                       "add the closing quote, or remove the stray one.\n"
                       "4:celona\n"
                       "5:Enda|x|Dakar\n");
  g_assert_cmpstr (dump, ==, expected);
}

static char *
make_long_line (gsize  size,
                char   fill,
                gsize *len_out)
{
  GString *data = g_string_sized_new (size + 256);

  g_string_append (data, "Name,Notes\nBefore,ok\nHuge,");
  for (gsize i = 0; i < size; i++)
    g_string_append_c (data, fill);
  g_string_append (data, "\nAfter,ok\n");
  *len_out = data->len;
  return g_string_free (data, FALSE);
}

static void
test_huge_line (void)
{
  gsize len;
  g_autofree char *data = make_long_line (10 * 1024 * 1024, 'x', &len);
  g_autofree char *dump = dump_csv_full (data, len, 0, NULL, NULL);

  g_assert_cmpstr (dump, ==,
                   "1:Name|Notes\n"
                   "2:Before|ok\n"
                   "3:ERROR:Line 3 is longer than 1 MiB and was skipped: "
                   "check that its quotes are balanced, or shorten its values.\n"
                   "4:After|ok\n");
}

static void
test_huge_quoted_line (void)
{
  gsize len;
  g_autofree char *data = make_long_line (10 * 1024 * 1024, 'x', &len);
  g_autofree char *dump = NULL;
  char *huge = strstr (data, "Huge,") + strlen ("Huge,");

  /* A quote that opens the 10 MB value and never closes on that line. */
  huge[0] = '"';
  dump = dump_csv_full (data, len, 0, NULL, NULL);
  g_assert_cmpstr (dump, ==,
                   "1:Name|Notes\n"
                   "2:Before|ok\n"
                   "3:ERROR:Line 3 is longer than 1 MiB and was skipped: "
                   "check that its quotes are balanced, or shorten its values.\n"
                   "4:After|ok\n");
}

static void
test_runaway_quote_recovers (void)
{
  g_autoptr(GString) data = g_string_new ("Name,City\nStray,\"Girona\n");
  g_autofree char *dump = NULL;
  g_auto(GStrv) lines = NULL;
  const guint n = 40000;   /* ~1.5 MB after the stray quote: past the limit */
  g_autofree char *last = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (data, "Organisation number %u,City %u\n", i, i);
  dump = dump_csv_full (data->str, data->len, 0, NULL, NULL);
  lines = g_strsplit (dump, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, n + 3);
  g_assert_cmpstr (lines[0], ==, "1:Name|City");
  g_assert_true (g_str_has_prefix (lines[1], "2:ERROR:The quote (\") that opens a value on line 2"));
  g_assert_cmpstr (lines[2], ==, "3:Organisation number 0|City 0");
  last = g_strdup_printf ("%u:Organisation number %u|City %u", n + 2, n - 1, n - 1);
  g_assert_cmpstr (lines[n + 1], ==, last);
}

static void
test_cancelled (void)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("a,b\n", 4, NULL);
  g_autoptr(XarxaCsvReader) reader = xarxa_csv_reader_new (stream, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (xarxa_csv_reader_next (reader, cancellable, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/comma", test_comma);
  g_test_add_func ("/csv/semicolon", test_semicolon);
  g_test_add_func ("/csv/quotes", test_quotes);
  g_test_add_func ("/csv/line-endings", test_line_endings);
  g_test_add_func ("/csv/bom", test_bom);
  g_test_add_func ("/csv/latin1", test_latin1);
  g_test_add_func ("/csv/nul-bytes", test_nul_bytes);
  g_test_add_func ("/csv/not-text", test_not_text);
  g_test_add_func ("/csv/preview-not-text", test_preview_not_text);
  g_test_add_func ("/csv/empty", test_empty);
  g_test_add_func ("/csv/broken-quote", test_broken_quote);
  g_test_add_func ("/csv/huge-line", test_huge_line);
  g_test_add_func ("/csv/huge-quoted-line", test_huge_quoted_line);
  g_test_add_func ("/csv/runaway-quote-recovers", test_runaway_quote_recovers);
  g_test_add_func ("/csv/cancelled", test_cancelled);

  return g_test_run ();
}
