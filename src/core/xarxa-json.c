/* xarxa-json.c — a fast reader of JSON text into json-glib nodes.
 *
 * json-glib's JsonParser reads through a GScanner and costs some 100,000
 * instructions for a 500-byte record, and about 20,000 for a three-word
 * tag list: with every pulled page, every shadow and every set field
 * read through it, parsing was a third of a first sync.  This reader builds
 * the same JsonNode trees (mutable, so callers may add members) straight
 * from the bytes.  It follows RFC 8259 strictly: one value, no trailing
 * text, no comments, no control characters inside strings, valid UTF-8,
 * \u escapes with surrogate pairs (a lone surrogate becomes U+FFFD), and
 * nesting bounded by XARXA_JSON_MAX_DEPTH so hostile input cannot exhaust
 * the stack.  Integers that fit in 64 bits are read as ints, every other
 * number as a double, as json-glib does.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-json"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-json.h"

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  GString    *scratch;
  GError    **error;
  guint       depth;
} Reader;

static JsonNode *read_value (Reader *r);

static gboolean
fail (Reader     *r,
      const char *what)
{
  guint line = 1, column = 1;

  for (const char *c = r->start; c < r->p && c < r->end; c++)
    {
      if (*c == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar) *c & 0xc0) != 0x80)
        column++;
    }
  g_set_error (r->error, XARXA_ERROR, XARXA_ERROR_INVALID,
               /* Translators: the last %s says what is wrong, e.g. "a string is not closed". */
               _("This is not valid JSON: at line %u, column %u, %s."), line, column, what);
  return FALSE;
}

static inline void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Reader   *r,
           gunichar *out)
{
  gunichar v = 0;

  if (r->end - r->p < 4)
    return fail (r, _("a \\u escape needs four hexadecimal digits"));
  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (r->p[i]);

      if (d < 0)
        return fail (r, _("a \\u escape needs four hexadecimal digits"));
      v = (v << 4) | (gunichar) d;
    }
  r->p += 4;
  *out = v;
  return TRUE;
}

/* Reads a string (r->p just after its opening quote) into r->scratch. */
static gboolean
read_string (Reader *r)
{
  const char *run = r->p;

  g_string_truncate (r->scratch, 0);
  while (r->p < r->end)
    {
      guchar c = (guchar) *r->p;

      if (c == '"')
        {
          g_string_append_len (r->scratch, run, r->p - run);
          r->p++;
          return TRUE;
        }
      if (c < 0x20)
        return fail (r, _("a string holds a control character"));
      if (c != '\\')
        {
          r->p++;
          continue;
        }
      g_string_append_len (r->scratch, run, r->p - run);
      r->p++;
      if (r->p >= r->end)
        break;
      switch (*r->p++)
        {
        case '"': g_string_append_c (r->scratch, '"'); break;
        case '\\': g_string_append_c (r->scratch, '\\'); break;
        case '/': g_string_append_c (r->scratch, '/'); break;
        case 'b': g_string_append_c (r->scratch, '\b'); break;
        case 'f': g_string_append_c (r->scratch, '\f'); break;
        case 'n': g_string_append_c (r->scratch, '\n'); break;
        case 'r': g_string_append_c (r->scratch, '\r'); break;
        case 't': g_string_append_c (r->scratch, '\t'); break;
        case 'u':
          {
            gunichar u;

            if (!read_hex4 (r, &u))
              return FALSE;
            if (u >= 0xd800 && u < 0xdc00)
              {
                gunichar low;

                if (r->end - r->p >= 6 && r->p[0] == '\\' && r->p[1] == 'u')
                  {
                    const char *back = r->p;

                    r->p += 2;
                    if (!read_hex4 (r, &low))
                      return FALSE;
                    if (low >= 0xdc00 && low < 0xe000)
                      u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
                    else
                      {
                        u = 0xfffd;
                        r->p = back;   /* read the next escape on its own */
                      }
                  }
                else
                  u = 0xfffd;
              }
            else if (u >= 0xdc00 && u < 0xe000)
              u = 0xfffd;
            if (u == 0)
              return fail (r, _("a string holds a NUL character"));
            g_string_append_unichar (r->scratch, u);
          }
          break;
        default:
          r->p--;
          return fail (r, _("a string has an unknown escape"));
        }
      run = r->p;
    }
  return fail (r, _("a string is not closed"));
}

static JsonNode *
read_number (Reader *r)
{
  const char *s = r->p;
  gboolean integer = TRUE;
  char buf[64];
  gsize len;
  double d;

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    {
      fail (r, _("a number is malformed"));
      return NULL;
    }
  if (*r->p == '0')
    r->p++;
  else
    while (r->p < r->end && g_ascii_isdigit (*r->p))
      r->p++;
  if (r->p < r->end && *r->p == '.')
    {
      integer = FALSE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        {
          fail (r, _("a number is malformed"));
          return NULL;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      integer = FALSE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        {
          fail (r, _("a number is malformed"));
          return NULL;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  len = (gsize) (r->p - s);
  if (len < sizeof buf)
    {
      memcpy (buf, s, len);
      buf[len] = '\0';
      if (integer)
        {
          gint64 v;

          errno = 0;
          v = g_ascii_strtoll (buf, NULL, 10);
          if (errno == 0)
            return json_node_init_int (json_node_alloc (), v);
        }
      d = g_ascii_strtod (buf, NULL);
    }
  else
    {
      /* Longer than any 64-bit integer or double needs: read it from a copy. */
      g_autofree char *copy = g_strndup (s, len);

      d = g_ascii_strtod (copy, NULL);
    }
  /* Beyond a double (1e999): no JSON writer could write it back. */
  if (!isfinite (d))
    {
      r->p = s;
      fail (r, _("a number is too large"));
      return NULL;
    }
  return json_node_init_double (json_node_alloc (), d);
}

static gboolean
read_word (Reader     *r,
           const char *word,
           gsize       len)
{
  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return fail (r, _("there is an unexpected character"));
  r->p += len;
  return TRUE;
}

static JsonNode *
read_object (Reader *r)
{
  g_autoptr(JsonObject) object = json_object_new ();

  r->p++;   /* { */
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return json_node_init_object (json_node_alloc (), object);
    }
  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *value;

      skip_space (r);
      if (r->p >= r->end || *r->p != '"')
        {
          fail (r, _("a member name was expected"));
          return NULL;
        }
      r->p++;
      if (!read_string (r))
        return NULL;
      name = g_strndup (r->scratch->str, r->scratch->len);
      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        {
          fail (r, _("a colon was expected after a member name"));
          return NULL;
        }
      r->p++;
      if ((value = read_value (r)) == NULL)
        return NULL;
      json_object_set_member (object, name, value);
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          return json_node_init_object (json_node_alloc (), object);
        }
      fail (r, _("a comma or a closing brace was expected"));
      return NULL;
    }
}

static JsonNode *
read_array (Reader *r)
{
  g_autoptr(JsonArray) array = json_array_new ();

  r->p++;   /* [ */
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return json_node_init_array (json_node_alloc (), array);
    }
  for (;;)
    {
      JsonNode *value = read_value (r);

      if (value == NULL)
        return NULL;
      json_array_add_element (array, value);
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          return json_node_init_array (json_node_alloc (), array);
        }
      fail (r, _("a comma or a closing bracket was expected"));
      return NULL;
    }
}

static JsonNode *
read_value (Reader *r)
{
  JsonNode *node = NULL;

  skip_space (r);
  if (r->p >= r->end)
    {
      fail (r, _("the text ends where a value was expected"));
      return NULL;
    }
  switch (*r->p)
    {
    case '{':
    case '[':
      if (r->depth >= XARXA_JSON_MAX_DEPTH)
        {
          fail (r, _("values are nested too deeply"));
          return NULL;
        }
      r->depth++;
      node = *r->p == '{' ? read_object (r) : read_array (r);
      r->depth--;
      return node;
    case '"':
      r->p++;
      if (!read_string (r))
        return NULL;
      node = json_node_alloc ();
      json_node_init_string (node, r->scratch->str);
      return node;
    case 't':
      return read_word (r, "true", 4) ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return read_word (r, "false", 5) ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
    case 'n':
      return read_word (r, "null", 4) ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return read_number (r);
      fail (r, _("there is an unexpected character"));
      return NULL;
    }
}

/**
 * xarxa_json_parse:
 * @data: JSON text
 * @length: its length in bytes, or -1 when it ends with a NUL
 *
 * Returns: (transfer full): the value @data holds, or %NULL with @error set
 *   (in the XARXA_ERROR_INVALID code) saying where and what is wrong.
 */
JsonNode *
xarxa_json_parse (const char  *data,
                  gssize       length,
                  GError     **error)
{
  g_autoptr(GString) scratch = NULL;
  const char *bad;
  JsonNode *node;
  Reader r;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  r.start = r.p = data;
  r.end = data + length;
  r.error = error;
  r.depth = 0;
  if (!g_utf8_validate_len (data, (gsize) length, &bad))
    {
      r.p = bad;
      fail (&r, _("the text is not valid UTF-8"));
      return NULL;
    }
  scratch = g_string_sized_new (64);
  r.scratch = scratch;
  if ((node = read_value (&r)) == NULL)
    return NULL;
  skip_space (&r);
  if (r.p != r.end)
    {
      fail (&r, _("there is more text after the value"));
      json_node_unref (node);
      return NULL;
    }
  return node;
}

/**
 * xarxa_json_parse_object:
 *
 * As xarxa_json_parse(), for text that must hold an object.
 *
 * Returns: (transfer full): the object, or %NULL with @error set
 */
JsonObject *
xarxa_json_parse_object (const char  *data,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(JsonNode) node = xarxa_json_parse (data, length, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("This JSON text holds a single value where an object was expected."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

/* ---- writing -------------------------------------------------------------- */

/**
 * xarxa_json_append_string:
 *
 * Appends @s to @out as a JSON string: quoted, with quotes, backslashes and
 * control characters escaped (UTF-8 is kept as it is).
 */
void
xarxa_json_append_string (GString    *out,
                          const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void append_node (GString  *out,
                         JsonNode *node);

/* A double as JSON: 17 significant digits, as json-glib writes it, so that
 * it reads back as the same double, with ".0" when it would otherwise read
 * back as an integer.  (json-glib 1.6 adds ".0" after an exponent too,
 * writing 1e+30.0, which no JSON reader takes.)  JSON has no infinity or
 * NaN: those are written null. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
append_object (GString    *out,
               JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      xarxa_json_append_string (out, name);
      g_string_append_c (out, ':');
      append_node (out, value);
    }
  g_string_append_c (out, '}');
}

static void
append_node (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node));
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          xarxa_json_append_string (out, json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* Until 2026-11-25 decimal numbers went through json-glib 1.6's writer,
 * which puts ".0" after an exponent (2e+20.0): not JSON.  Returns @text
 * with that ".0" dropped from every number outside strings, or NULL when
 * there is none.  Stored texts are repaired with it when a database is
 * opened (see the migrations of the store and the server). */
char *
xarxa_json_repair_numbers (const char *text)
{
  GString *out = NULL;
  const char *p = text, *copied = text;
  gboolean in_string = FALSE;

  if (text == NULL)
    return NULL;
  while (*p != '\0')
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
          p++;
          continue;
        }
      if (*p == '"')
        {
          in_string = TRUE;
          p++;
          continue;
        }
      if (*p == '-' || g_ascii_isdigit (*p))
        {
          gboolean exponent = FALSE;

          p++;
          while (g_ascii_isdigit (*p) || *p == '.')
            p++;
          if (*p == 'e' || *p == 'E')
            {
              exponent = TRUE;
              p++;
              if (*p == '+' || *p == '-')
                p++;
              while (g_ascii_isdigit (*p))
                p++;
            }
          if (exponent && p[0] == '.' && p[1] == '0' && !g_ascii_isdigit (p[2]))
            {
              if (out == NULL)
                out = g_string_sized_new (strlen (text));
              g_string_append_len (out, copied, p - copied);
              p += 2;
              copied = p;
            }
          continue;
        }
      p++;
    }
  if (out == NULL)
    return NULL;
  g_string_append (out, copied);
  return g_string_free (out, FALSE);
}

static void
json_repair_sql (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  char *fixed = xarxa_json_repair_numbers ((const char *) sqlite3_value_text (argv[0]));

  (void) argc;
  if (fixed != NULL)
    sqlite3_result_text (context, fixed, -1, g_free);
  else
    sqlite3_result_value (context, argv[0]);
}

/* Gives @db the SQL function xarxa_json_repair (TEXT), which is
 * xarxa_json_repair_numbers() (the text as it was when there is nothing to
 * repair): the migrations of the store and the server use it. */
void
xarxa_json_add_sql_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "xarxa_json_repair", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           NULL, json_repair_sql, NULL, NULL);
}

/* @node as compact JSON text; NULL for NULL. */
char *
xarxa_json_node_to_text (JsonNode *node)
{
  GString *out;

  if (node == NULL)
    return NULL;
  out = g_string_sized_new (256);
  append_node (out, node);
  return g_string_free (out, FALSE);
}

/* @data as JSON text.  Records are written as text for every outbox row
 * and every pulled record's shadow, so this writes the whole tree itself,
 * several times faster than JsonGenerator. */
char *
xarxa_json_object_to_text (JsonObject *data)
{
  GString *out = g_string_sized_new (512);

  append_object (out, data);
  return g_string_free (out, FALSE);
}
