/* test-json.c — the fast JSON reader reads what json-glib reads, and refuses
 * what it must.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "xarxa-error.h"
#include "xarxa-json.h"

/* Texts both readers accept; the trees must be equal. */
static const char *const valid[] = {
  "{}",
  "[]",
  "0",
  "-0",
  "12345678901234",
  "-9223372036854775808",
  "3.25",
  "-1.5e3",
  "2E-2",
  "true",
  "false",
  "null",
  "\"\"",
  "  \t\r\n {\"a\" : 1 , \"b\":[true,false,null]}\n",
  "{\"name\":\"Fundació Verda\",\"tags\":[\"clima\",\"aigua\"],\"n\":3}",
  "\"quote \\\" backslash \\\\ slash \\/ \\b\\f\\n\\r\\t\"",
  "\"\\u00e0 \\u20AC \\ud83c\\udf31\"",   /* à, €, a seedling (a surrogate pair) */
  "\"Associació · ñ · 中文 · عربي\"",
  "{\"a\":{\"b\":{\"c\":[[[1],[2,[3]]]]}}}",
  "[1,2.5,\"x\",{\"k\":null},[]]",
  "{\"changes\":[{\"type\":\"entity\",\"id\":\"e1\",\"version\":7,\"deleted\":false,"
  "\"fields\":{\"name\":\"Xarxa\",\"budget\":1200.5,\"tags\":[]}}],\"cursor\":\"42\",\"more\":true}",
};

/* Texts that are not JSON. */
static const char *const invalid[] = {
  "",
  "   ",
  "{",
  "[",
  "}",
  "[1,]",
  "{\"a\":1,}",
  "{\"a\" 1}",
  "{a:1}",
  "{'a':1}",
  "[1 2]",
  "01",
  "-",
  "1.",
  ".5",
  "1e",
  "+1",
  "NaN",
  "tru",
  "nul",
  "\"unterminated",
  "\"bad escape \\x\"",
  "\"short \\u12\"",
  "\"nul \\u0000 inside\"",
  "\"tab\tinside\"",
  "\"line\nbreak\"",
  "[1] [2]",
  "{} x",
  "// comment\n{}",
  "\xff\xfe{}",
  "\"\xc3\x28\"",     /* invalid UTF-8 inside a string */
  "1e999",              /* no double holds it */
  "[-1e400]",
};

static void
test_valid_same_as_json_glib (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) ours = xarxa_json_parse (valid[i], -1, &error);
      g_autoptr(JsonNode) theirs = json_from_string (valid[i], NULL);

      g_autofree char *shown = g_strescape (valid[i], NULL);

      g_test_message ("%s", shown);
      g_assert_no_error (error);
      g_assert_nonnull (ours);
      g_assert_nonnull (theirs);
      g_assert_cmpint (JSON_NODE_TYPE (ours), ==, JSON_NODE_TYPE (theirs));
      g_assert_true (json_node_equal (ours, theirs));
      if (JSON_NODE_HOLDS_VALUE (ours))
        g_assert_true (json_node_get_value_type (ours) == json_node_get_value_type (theirs));
    }
}

static void
test_invalid_refused (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = xarxa_json_parse (invalid[i], -1, &error);

      g_autofree char *shown = g_strescape (invalid[i], NULL);

      g_test_message ("%s", shown);
      g_assert_null (node);
      g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
      /* The message says where the problem is. */
      g_assert_nonnull (strstr (error->message, "line 1, column"));
    }
}

static void
test_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o =
    xarxa_json_parse_object ("{\"s\":\"a\\u00e9\\ud83c\\udf31\",\"i\":-42,\"d\":0.5,\"big\":9223372036854775808,"
                             "\"lone\":\"x\\ud800y\",\"dup\":1,\"dup\":2}", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (o, "s"), ==, "a\xc3\xa9\xf0\x9f\x8c\xb1");
  g_assert_cmpint (json_object_get_int_member (o, "i"), ==, -42);
  g_assert_cmpfloat (json_object_get_double_member (o, "d"), ==, 0.5);
  /* Too big for 64 bits: a double, not a wrapped integer. */
  g_assert_true (json_node_get_value_type (json_object_get_member (o, "big")) == G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (o, "big"), ==, 9223372036854775808.0);
  /* A lone surrogate cannot be UTF-8: it becomes the replacement character. */
  g_assert_cmpstr (json_object_get_string_member (o, "lone"), ==, "x\xef\xbf\xbdy");
  /* The last of two equal names wins, as in json-glib. */
  g_assert_cmpint (json_object_get_int_member (o, "dup"), ==, 2);
  /* The tree can be changed: callers add members to what they read. */
  json_object_set_boolean_member (o, "deleted", TRUE);
  g_assert_true (json_object_get_boolean_member (o, "deleted"));
}

static void
test_length_and_position (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char text[] = "[1,2]garbage";

  /* Only the given length is read. */
  node = xarxa_json_parse (text, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_array_get_length (json_node_get_array (node)), ==, 2);
  g_clear_pointer (&node, json_node_unref);

  node = xarxa_json_parse ("{\n  \"a\": 1,\n  \"b\": ?\n}", -1, &error);
  g_assert_null (node);
  g_assert_nonnull (strstr (error->message, "line 3, column 8"));
  g_clear_error (&error);

  g_assert_null (xarxa_json_parse_object ("[1]", -1, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
}

static void
test_depth_bounded (void)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (int i = 0; i < XARXA_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, '[');
  for (int i = 0; i < XARXA_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, ']');
  node = xarxa_json_parse (ok->str, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  /* A hostile text nested a million deep is refused, not a stack overflow. */
  for (int i = 0; i < 1000000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (xarxa_json_parse (deep->str, -1, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
}

/* What the writer writes, the reader reads back the same. */
static void
test_round_trip (void)
{
  g_autoptr(JsonObject) o = xarxa_json_parse_object (
    "{\"s\":\"quote \\\" back \\\\ nl \\n tab \\t bell \\u0007 à € \\ud83c\\udf31\","
    "\"i\":-42,\"big\":9007199254740993,\"d\":0.25,\"t\":true,\"f\":false,\"n\":null,"
    "\"tags\":[\"a\",\"b \\\"c\\\"\"],\"mixed\":[1,\"x\",null],\"obj\":{\"k\":[{}]},\"\":\"empty name\"}",
    -1, NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(JsonNode) orig = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (o);
  text = xarxa_json_object_to_text (o);
  back = xarxa_json_parse (text, -1, &error);
  g_assert_no_error (error);
  orig = json_node_init_object (json_node_alloc (), o);
  g_assert_true (json_node_equal (orig, back));
  /* UTF-8 is kept as it is, not escaped. */
  g_assert_nonnull (strstr (text, "à €"));
}

/* Decimal numbers are written so that any JSON reader takes them and they
 * read back as the same doubles, also with an exponent (json-glib 1.6
 * writes 1e30 as 1e+30.0, which is not JSON) and inside lists. */
static void
test_doubles_written (void)
{
  static const double values[] = { 1e30, 2e20, 5e-324, 1e-7, 0.1, 3.0, -2.5, 1.7976931348623157e308, 0.0 };
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonArray) list = json_array_new ();
  g_autoptr(JsonObject) inner = json_object_new ();
  g_autoptr(JsonObject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonArray *list_back;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *name = g_strdup_printf ("d%u", i);

      json_object_set_double_member (o, name, values[i]);
      json_array_add_double_element (list, values[i]);
    }
  json_object_set_double_member (inner, "deep", 1e30);
  json_array_add_object_element (list, g_steal_pointer (&inner));
  json_object_set_array_member (o, "list", g_steal_pointer (&list));

  text = xarxa_json_object_to_text (o);
  back = xarxa_json_parse_object (text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  list_back = json_object_get_array_member (back, "list");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *name = g_strdup_printf ("d%u", i);
      JsonNode *member = json_object_get_member (back, name);

      /* Still a decimal number, and the same one. */
      g_assert_cmpint (json_node_get_value_type (member), ==, G_TYPE_DOUBLE);
      g_assert_cmpfloat (json_node_get_double (member), ==, values[i]);
      g_assert_cmpfloat (json_array_get_double_element (list_back, i), ==, values[i]);
    }
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (list_back, G_N_ELEMENTS (values)),
                                                    "deep"), ==, 1e30);
  /* json-glib's own parser takes it too. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
    g_assert_no_error (error);
  }
}

/* Texts written before the writer was fixed (json-glib's 2e+20.0) are
 * repaired: the ".0" after an exponent goes, strings are left alone. */
static void
test_repair_numbers (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "{\"a\":2e+20.0}", "{\"a\":2e+20}" },
    { "{\"a\":-1E-300.0,\"b\":[3e5.0, 1.5, 2.0, 7]}", "{\"a\":-1E-300,\"b\":[3e5, 1.5, 2.0, 7]}" },
    { "{\"s\":\"2e+20.0 \\\" 1e5.0\",\"n\":1e5.0}", "{\"s\":\"2e+20.0 \\\" 1e5.0\",\"n\":1e5}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fixed = xarxa_json_repair_numbers (cases[i].in);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (fixed, ==, cases[i].out);
      node = xarxa_json_parse (fixed, -1, &error);
      g_assert_no_error (error);
    }
  /* Nothing to repair: NULL, the text is left as it is. */
  g_assert_null (xarxa_json_repair_numbers ("{\"a\":2.0,\"b\":\"1e5.0\",\"c\":1e5}"));
}

/* The scan without building: it accepts exactly the objects the reader
 * accepts, and cuts them into members whose texts read back as the same
 * values. */
static void
test_scan_same_as_parse (void)
{
  static const char *const more[] = {
    "{\"big\":123456789012345678901234567890,\"e\":1e308,\"x\":[1e999]}",
    "{\"a\":1} {}",
    "{\"a\":\"\\u0000\"}",
    "{\"\\u00e9\":1,\"k\\\"q\":2}",
    "[{\"a\":1}]",
    "\"{}\"",
  };
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_ptr_array_add (texts, (gpointer) valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_ptr_array_add (texts, (gpointer) invalid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    g_ptr_array_add (texts, (gpointer) more[i]);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = texts->pdata[i];
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(GError) scan_error = NULL;
      g_autoptr(JsonNode) node = xarxa_json_parse (text, -1, &parse_error);
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (XarxaJsonMember));
      gboolean is_object = node != NULL && JSON_NODE_HOLDS_OBJECT (node);
      gboolean scanned = xarxa_json_scan_object (text, -1, members, &scan_error);
      g_autofree char *shown = g_strescape (text, NULL);

      g_test_message ("%s", shown);
      g_assert_cmpint (scanned, ==, is_object);
      if (!scanned)
        {
          g_assert_error (scan_error, XARXA_ERROR, XARXA_ERROR_INVALID);
          /* Not JSON: the same message, at the same place. */
          if (node == NULL)
            g_assert_cmpstr (scan_error->message, ==, parse_error->message);
          continue;
        }
      g_assert_no_error (scan_error);
      /* Each member's text reads back as the reader's value for it. */
      g_assert_cmpuint (members->len, ==, json_object_get_size (json_node_get_object (node)));
      for (guint m = 0; m < members->len; m++)
        {
          XarxaJsonMember *member = &g_array_index (members, XarxaJsonMember, m);
          g_autofree char *quoted = g_strdup_printf ("\"%.*s\"", (int) member->name_len, member->name);
          g_autoptr(JsonNode) name = xarxa_json_parse (quoted, -1, NULL);
          g_autoptr(JsonNode) value = xarxa_json_parse (member->value, (gssize) member->value_len, NULL);
          JsonNode *expected;

          g_assert_nonnull (name);
          g_assert_nonnull (value);
          g_assert_cmpint (member->name_escaped, ==, memchr (member->name, '\\', member->name_len) != NULL);
          expected = json_object_get_member (json_node_get_object (node), json_node_get_string (name));
          g_assert_nonnull (expected);
          g_assert_true (json_node_equal (value, expected));
        }
    }
}

static void
test_scan_members (void)
{
  const char text[] = " { \"name\" : \"Fundació \\\"Verda\\\"\", \"tags\":[\"a\",\"b\"],"
                      "\"n\":{\"deep\":[1,{}]}, \"e\\u0301\":null }  ";
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (XarxaJsonMember));
  XarxaJsonMember *m;

  g_assert_true (xarxa_json_scan_object (text, -1, members, NULL));
  g_assert_cmpuint (members->len, ==, 4);
  m = &g_array_index (members, XarxaJsonMember, 0);
  g_assert_cmpmem (m->name, m->name_len, "name", 4);
  g_assert_false (m->name_escaped);
  g_assert_cmpmem (m->value, m->value_len, "\"Fundació \\\"Verda\\\"\"", strlen ("\"Fundació \\\"Verda\\\"\""));
  m = &g_array_index (members, XarxaJsonMember, 1);
  g_assert_cmpmem (m->value, m->value_len, "[\"a\",\"b\"]", 9);
  /* A nested object is one member, whole. */
  m = &g_array_index (members, XarxaJsonMember, 2);
  g_assert_cmpmem (m->value, m->value_len, "{\"deep\":[1,{}]}", 15);
  /* A name with an escape is given as written, and says so. */
  m = &g_array_index (members, XarxaJsonMember, 3);
  g_assert_cmpmem (m->name, m->name_len, "e\\u0301", 7);
  g_assert_true (m->name_escaped);
  g_assert_cmpmem (m->value, m->value_len, "null", 4);

  /* Only the given length is read. */
  g_array_set_size (members, 0);
  g_assert_true (xarxa_json_scan_object ("{\"a\":1}xyz", 7, members, NULL));
  g_assert_cmpuint (members->len, ==, 1);
}

/* Nested as deep as the reader allows, and no deeper. */
static void
test_scan_depth (void)
{
  g_autoptr(GString) ok = g_string_new ("{\"a\":");
  g_autoptr(GString) deep = NULL;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (XarxaJsonMember));
  g_autoptr(GError) error = NULL;

  for (int i = 1; i < XARXA_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, '[');
  for (int i = 1; i < XARXA_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, ']');
  g_string_append_c (ok, '}');
  deep = g_string_new (ok->str);
  g_string_insert (deep, 5, "[");
  g_string_insert (deep, deep->len - 1, "]");

  g_assert_nonnull (xarxa_json_parse (ok->str, -1, NULL));
  g_assert_true (xarxa_json_scan_object (ok->str, -1, members, NULL));
  g_assert_null (xarxa_json_parse (deep->str, -1, NULL));
  g_assert_false (xarxa_json_scan_object (deep->str, -1, members, &error));
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/valid", test_valid_same_as_json_glib);
  g_test_add_func ("/json/invalid", test_invalid_refused);
  g_test_add_func ("/json/values", test_values);
  g_test_add_func ("/json/length-and-position", test_length_and_position);
  g_test_add_func ("/json/depth", test_depth_bounded);
  g_test_add_func ("/json/round-trip", test_round_trip);
  g_test_add_func ("/json/doubles-written", test_doubles_written);
  g_test_add_func ("/json/repair-numbers", test_repair_numbers);
  g_test_add_func ("/json/scan-same-as-parse", test_scan_same_as_parse);
  g_test_add_func ("/json/scan-members", test_scan_members);
  g_test_add_func ("/json/scan-depth", test_scan_depth);
  return g_test_run ();
}
