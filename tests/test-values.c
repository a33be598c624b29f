/* test-values.c — the rules field values follow (xarxa-values.h).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "xarxa-json.h"
#include "xarxa-values.h"

static JsonNode *
parse (const char *text)
{
  JsonNode *node = xarxa_json_parse (text, -1, NULL);

  g_assert_nonnull (node);
  return node;
}

static char *
to_text (JsonNode *node)
{
  return xarxa_json_node_to_text (node);
}

static void
test_empty_and_equal (void)
{
  g_autoptr(JsonNode) null = parse ("null");
  g_autoptr(JsonNode) blank = parse ("\"\"");
  g_autoptr(JsonNode) none = parse ("[]");
  g_autoptr(JsonNode) three = parse ("3");
  g_autoptr(JsonNode) three_real = parse ("3.0");
  g_autoptr(JsonNode) four = parse ("4");
  g_autoptr(JsonNode) word = parse ("\"3\"");

  g_assert_true (xarxa_value_is_empty (NULL));
  g_assert_true (xarxa_value_is_empty (null));
  g_assert_true (xarxa_value_is_empty (blank));
  g_assert_true (xarxa_value_is_empty (none));
  g_assert_false (xarxa_value_is_empty (three));

  /* Empty is empty whatever its form; numbers compare by value. */
  g_assert_true (xarxa_value_equal (null, blank));
  g_assert_true (xarxa_value_equal (none, NULL));
  g_assert_false (xarxa_value_equal (null, three));
  g_assert_true (xarxa_value_equal (three, three_real));
  g_assert_false (xarxa_value_equal (three, four));
  g_assert_false (xarxa_value_equal (three, word));
}

static void
test_normalize (void)
{
  static const XarxaFieldInfo text_field = { "name", XARXA_FIELD_TEXT, NULL };
  static const XarxaFieldInfo set_field = { "tags", XARXA_FIELD_SET, NULL };
  g_autoptr(JsonNode) padded = parse ("\"  Casal  \"");
  g_autoptr(JsonNode) spaces = parse ("\"   \"");
  g_autoptr(JsonNode) tags = parse ("[\"water\", \"\", \"energy\", \"water\"]");
  g_autoptr(JsonNode) a = xarxa_value_normalize (&text_field, padded);
  g_autoptr(JsonNode) b = xarxa_value_normalize (&text_field, spaces);
  g_autoptr(JsonNode) c = xarxa_value_normalize (&set_field, tags);
  g_autofree char *c_text = to_text (c);
  g_autofree char *stored = xarxa_value_set_to_text (tags);
  g_autoptr(JsonNode) back = xarxa_value_set_from_text (stored);
  g_autoptr(JsonNode) garbage = xarxa_value_set_from_text ("not json");

  g_assert_cmpstr (json_node_get_string (a), ==, "Casal");
  g_assert_true (JSON_NODE_HOLDS_NULL (b));
  g_assert_cmpstr (c_text, ==, "[\"energy\",\"water\"]");
  g_assert_cmpstr (stored, ==, "[\"energy\",\"water\"]");
  g_assert_true (xarxa_value_equal (back, c));
  g_assert_true (JSON_NODE_HOLDS_NULL (garbage));
  g_assert_null (xarxa_value_set_to_text (NULL));
}

/* Tags added on one side and removed on the other both survive a merge. */
static void
test_merge_sets (void)
{
  g_autoptr(JsonNode) base = parse ("[\"a\", \"b\", \"c\"]");
  g_autoptr(JsonNode) mine = parse ("[\"a\", \"c\", \"d\"]");     /* -b +d */
  g_autoptr(JsonNode) theirs = parse ("[\"a\", \"b\", \"e\"]");   /* -c +e */
  g_autoptr(JsonNode) merged = xarxa_value_merge_sets (base, mine, theirs);
  g_autofree char *text = to_text (merged);
  g_autoptr(JsonNode) all_gone = parse ("[\"a\"]");
  g_autoptr(JsonNode) nothing = xarxa_value_merge_sets (all_gone, NULL, all_gone);

  g_assert_cmpstr (text, ==, "[\"a\",\"d\",\"e\"]");
  g_assert_true (JSON_NODE_HOLDS_NULL (nothing));
}

static void
test_fits_field (void)
{
  static const XarxaFieldInfo int_field = { "file_size", XARXA_FIELD_INT, NULL };
  static const XarxaFieldInfo bool_field = { "consensus", XARXA_FIELD_BOOL, NULL };
  static const XarxaFieldInfo set_field = { "tags", XARXA_FIELD_SET, NULL };
  g_autoptr(JsonNode) whole = parse ("3.0");
  g_autoptr(JsonNode) huge = parse ("1e30");
  g_autoptr(JsonNode) yes = parse ("true");
  g_autoptr(JsonNode) word = parse ("\"yes\"");
  g_autoptr(JsonNode) list = parse ("[\"x\"]");

  g_assert_true (xarxa_value_fits_field (&int_field, whole));
  g_assert_false (xarxa_value_fits_field (&int_field, huge));
  g_assert_true (xarxa_value_fits_field (&bool_field, yes));
  g_assert_false (xarxa_value_fits_field (&bool_field, word));
  g_assert_true (xarxa_value_fits_field (&set_field, list));
  g_assert_false (xarxa_value_fits_field (&set_field, word));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/values/empty-and-equal", test_empty_and_equal);
  g_test_add_func ("/values/normalize", test_normalize);
  g_test_add_func ("/values/merge-sets", test_merge_sets);
  g_test_add_func ("/values/fits-field", test_fits_field);
  return g_test_run ();
}
