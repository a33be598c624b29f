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
  return g_test_run ();
}
