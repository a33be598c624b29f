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
 * The same reader also scans without building anything (a NULL node to
 * fill): xarxa_json_scan_object() checks a text and cuts an object into
 * its members' texts, which the server uses to change a few members of a
 * stored record without parsing and printing the whole of it.  One reader
 * for both, so what is accepted is the same.
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
  gboolean    escaped;   /* the last string read held an escape */
} Reader;

static gboolean read_value (Reader    *r,
                            JsonNode **out);

/* Bytes a string is read up to: the quote, the backslash, the control
 * characters and the first byte of every non-ASCII character.  Outside
 * strings JSON is ASCII, so checking the UTF-8 of each string that holds
 * non-ASCII bytes checks the whole text's, in the same pass. */
static const guint8 string_stop[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* " */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,   /* \ */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static gboolean
fail (Reader     *r,
      const char *what)
{
  guint line = 1, column = 1;

  if (r->error == NULL)
    return FALSE;   /* a scan that only asks whether */
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

/* Fails at the first byte of @from … r->end that is not UTF-8, if any.
 * Kept out of line: most strings are ASCII, and the string loop stays
 * small. */
G_NO_INLINE static gboolean
check_utf8 (Reader     *r,
            const char *from,
            const char *to)
{
  const char *bad;

  if (g_utf8_validate_len (from, (gsize) (to - from), &bad))
    return TRUE;
  r->p = bad;
  return fail (r, _("the text is not valid UTF-8"));
}

static inline void
skip_space (Reader *r)
{
  const char *p = r->p;   /* a local: r->p may alias the text */

  while (p < r->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  r->p = p;
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

/* The four hexadecimal digits at @p (which has at least four bytes), or
 * -1. */
static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (p[i]);

      if (d < 0)
        return -1;
      v = (v << 4) | d;
    }
  return v;
}

/* Reads past a string (r->p just after its opening quote, then just after
 * its closing one), checking it; r->escaped tells whether it holds
 * escapes.  This is the one check of strings, building or not. */
static gboolean
skip_string (Reader *r)
{
  const char *start = r->p;
  const char *end = r->end;
  const char *p = start;
  gboolean ascii = TRUE;

  r->escaped = FALSE;
  for (;;)
    {
      guchar c;
      int u;

      while (p < end && !string_stop[(guchar) *p])
        p++;
      if (p >= end)
        break;
      c = (guchar) *p;
      if (c == '"')
        {
          if (!ascii && !check_utf8 (r, start, p))
            return FALSE;
          r->p = p + 1;
          return TRUE;
        }
      if (c >= 0x80)
        {
          ascii = FALSE;
          p++;
          continue;
        }
      r->p = p;
      if (c < 0x20)
        return fail (r, _("a string holds a control character"));
      /* A backslash. */
      r->escaped = TRUE;
      if (++p >= end)
        break;
      switch (*p++)
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          continue;
        case 'u':
          r->p = p;
          if (end - p < 4 || (u = hex4 (p)) < 0)
            return fail (r, _("a \\u escape needs four hexadecimal digits"));
          p += 4;
          /* Refused also as the would-be low half of a pair. */
          if (u == 0)
            {
              r->p = p;
              return fail (r, _("a string holds a NUL character"));
            }
          continue;
        default:
          r->p = p - 1;
          return fail (r, _("a string has an unknown escape"));
        }
    }
  r->p = end;
  return fail (r, _("a string is not closed"));
}

/* Decodes the escapes of a checked string's text into @out. */
static void
unescape (const char *p,
          const char *end,
          GString    *out)
{
  while (p < end)
    {
      const char *run = p;
      gunichar u;

      while (p < end && *p != '\\')
        p++;
      g_string_append_len (out, run, p - run);
      if (p >= end)
        break;
      p++;
      switch (*p++)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          u = (gunichar) hex4 (p);
          p += 4;
          if (u >= 0xd800 && u < 0xdc00)
            {
              gunichar low = end - p >= 6 && p[0] == '\\' && p[1] == 'u' ? (gunichar) hex4 (p + 2) : 0;

              /* A high half without its low one cannot be UTF-8: the
               * replacement character, and what follows is read alone. */
              if (low >= 0xdc00 && low < 0xe000)
                {
                  u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
                  p += 6;
                }
              else
                u = 0xfffd;
            }
          else if (u >= 0xdc00 && u < 0xe000)
            u = 0xfffd;
          g_string_append_unichar (out, u);
          break;
        default:   /* " \ / */
          g_string_append_c (out, p[-1]);
          break;
        }
    }
}

/* Reads a string (r->p just after its opening quote) into r->scratch, or
 * only checks it when @keep is FALSE. */
static inline gboolean
read_string (Reader   *r,
             gboolean  keep)
{
  const char *start = r->p;

  if (!skip_string (r))
    return FALSE;
  if (!keep)
    return TRUE;
  g_string_truncate (r->scratch, 0);
  if (r->escaped)
    unescape (start, r->p - 1, r->scratch);
  else
    g_string_append_len (r->scratch, start, r->p - 1 - start);
  return TRUE;
}

/* Reads a number into *@out, or only checks it when @out is NULL. */
static gboolean
read_number (Reader    *r,
             JsonNode **out)
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
      return fail (r, _("a number is malformed"));
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
          return fail (r, _("a number is malformed"));
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
          return fail (r, _("a number is malformed"));
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  len = (gsize) (r->p - s);
  /* Any integer this short is a finite double, if not a 64-bit int. */
  if (out == NULL && integer && len < sizeof buf)
    return TRUE;
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
            {
              *out = json_node_init_int (json_node_alloc (), v);
              return TRUE;
            }
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
      return fail (r, _("a number is too large"));
    }
  if (out != NULL)
    *out = json_node_init_double (json_node_alloc (), d);
  return TRUE;
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

/* Reads an object (r->p at its brace) into *@out, or only checks it when
 * @out is NULL; @members, when not NULL, gets each member's texts. */
static gboolean
read_object (Reader     *r,
             JsonNode  **out,
             GArray     *members)
{
  g_autoptr(JsonObject) object = out != NULL ? json_object_new () : NULL;

  r->p++;   /* { */
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      if (out != NULL)
        *out = json_node_init_object (json_node_alloc (), object);
      return TRUE;
    }
  for (;;)
    {
      XarxaJsonMember m;
      JsonNode *value = NULL;

      skip_space (r);
      if (r->p >= r->end || *r->p != '"')
        return fail (r, _("a member name was expected"));
      m.name = ++r->p;
      if (!read_string (r, out != NULL))
        return FALSE;
      m.name_len = (gsize) (r->p - 1 - m.name);
      m.name_escaped = r->escaped;
      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        return fail (r, _("a colon was expected after a member name"));
      r->p++;
      if (out != NULL)
        {
          g_autofree char *name = g_strndup (r->scratch->str, r->scratch->len);

          if (!read_value (r, &value))
            return FALSE;
          json_object_set_member (object, name, value);
        }
      else
        {
          skip_space (r);
          m.value = r->p;
          if (!read_value (r, NULL))
            return FALSE;
          m.value_len = (gsize) (r->p - m.value);
          if (members != NULL)
            g_array_append_val (members, m);
        }
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          if (out != NULL)
            *out = json_node_init_object (json_node_alloc (), object);
          return TRUE;
        }
      return fail (r, _("a comma or a closing brace was expected"));
    }
}

static gboolean
read_array (Reader    *r,
            JsonNode **out)
{
  g_autoptr(JsonArray) array = out != NULL ? json_array_new () : NULL;

  r->p++;   /* [ */
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      if (out != NULL)
        *out = json_node_init_array (json_node_alloc (), array);
      return TRUE;
    }
  for (;;)
    {
      JsonNode *value = NULL;

      if (!read_value (r, out != NULL ? &value : NULL))
        return FALSE;
      if (out != NULL)
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
          if (out != NULL)
            *out = json_node_init_array (json_node_alloc (), array);
          return TRUE;
        }
      return fail (r, _("a comma or a closing bracket was expected"));
    }
}

/* Reads a value into *@out, or only checks it when @out is NULL. */
static gboolean
read_value (Reader    *r,
            JsonNode **out)
{
  gboolean ok;

  skip_space (r);
  if (r->p >= r->end)
    return fail (r, _("the text ends where a value was expected"));
  switch (*r->p)
    {
    case '{':
    case '[':
      if (r->depth >= XARXA_JSON_MAX_DEPTH)
        return fail (r, _("values are nested too deeply"));
      r->depth++;
      ok = *r->p == '{' ? read_object (r, out, NULL) : read_array (r, out);
      r->depth--;
      return ok;
    case '"':
      r->p++;
      if (!read_string (r, out != NULL))
        return FALSE;
      if (out != NULL)
        *out = json_node_init_string (json_node_alloc (), r->scratch->str);
      return TRUE;
    case 't':
      if (!read_word (r, "true", 4))
        return FALSE;
      if (out != NULL)
        *out = json_node_init_boolean (json_node_alloc (), TRUE);
      return TRUE;
    case 'f':
      if (!read_word (r, "false", 5))
        return FALSE;
      if (out != NULL)
        *out = json_node_init_boolean (json_node_alloc (), FALSE);
      return TRUE;
    case 'n':
      if (!read_word (r, "null", 4))
        return FALSE;
      if (out != NULL)
        *out = json_node_init_null (json_node_alloc ());
      return TRUE;
    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return read_number (r, out);
      if ((guchar) *r->p >= 0x80 && !check_utf8 (r, r->p, r->end))
        return FALSE;
      return fail (r, _("there is an unexpected character"));
    }
}

/* Sets up @r over @data. */
static gboolean
reader_init (Reader      *r,
             const char  *data,
             gsize        length,
             GString     *scratch,
             GError     **error)
{
  r->start = r->p = data;
  r->end = data + length;
  r->scratch = scratch;
  r->error = error;
  r->depth = 0;
  r->escaped = FALSE;
  return TRUE;
}

/* After the value: nothing but white space. */
static gboolean
reader_finish (Reader *r)
{
  skip_space (r);
  if (r->p != r->end)
    return fail (r, _("there is more text after the value"));
  return TRUE;
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
  g_autoptr(JsonNode) node = NULL;
  Reader r;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  scratch = g_string_sized_new (64);
  if (!reader_init (&r, data, (gsize) length, scratch, error) ||
      !read_value (&r, &node) || !reader_finish (&r))
    return NULL;
  return g_steal_pointer (&node);
}

/**
 * xarxa_json_scan_object:
 * @data: JSON text
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @members: (element-type XarxaJsonMember): where the members go
 *
 * Checks that @data is one JSON object that xarxa_json_parse() accepts,
 * without building it, and appends its members to @members in the order
 * written, pointing into @data.  Faster than parsing when only a few
 * members are wanted.  On failure @members may hold some members.
 *
 * Returns: whether @data is such an object; %FALSE with @error set if not.
 */
gboolean
xarxa_json_scan_object (const char  *data,
                        gssize       length,
                        GArray      *members,
                        GError     **error)
{
  Reader r;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (members != NULL, FALSE);

  if (length < 0)
    length = (gssize) strlen (data);
  if (!reader_init (&r, data, (gsize) length, NULL, error))
    return FALSE;
  skip_space (&r);
  if (r.p >= r.end || *r.p != '{')
    {
      /* Why not: the reader's own message, or not an object at all. */
      if (read_value (&r, NULL) && reader_finish (&r))
        g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                     _("This JSON text holds a single value where an object was expected."));
      return FALSE;
    }
  r.depth = 1;
  return read_object (&r, NULL, members) && reader_finish (&r);
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
