/* test-schema.c — the one description of record types and fields, the
 * validation that reads it, and values to and from text.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "xarxa-error.h"
#include "xarxa-schema.h"
#include "xarxa-value.h"

static const XarxaFieldInfo *
field (const char *type_name,
       const char *field_name)
{
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);
  const XarxaFieldInfo *info;

  g_assert_nonnull (type);
  info = xarxa_record_type_field (type, field_name);
  g_assert_nonnull (info);
  return info;
}

/* The value text gives, as JSON, to compare in one line. */
static char *
value_json (const char *type_name,
            const char *field_name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = xarxa_field_value_from_text (field (type_name, field_name), text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return json_to_string (node, FALSE);
}

static void
assert_value (const char *type_name,
              const char *field_name,
              const char *text,
              const char *expected_json)
{
  g_autofree char *json = value_json (type_name, field_name, text);

  g_assert_cmpstr (json, ==, expected_json);
}

static void
assert_value_refused (const char *type_name,
                      const char *field_name,
                      const char *text,
                      const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = xarxa_field_value_from_text (field (type_name, field_name), text, &error);

  g_assert_null (node);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, message_part));
}

/* Text → value → text → the same value, for the field. */
static void
assert_round_trip (const char *type_name,
                   const char *field_name,
                   const char *text,
                   const char *expected_text)
{
  const XarxaFieldInfo *info = field (type_name, field_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = xarxa_field_value_from_text (info, text, &error);
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *back = NULL;

  g_assert_no_error (error);
  back = xarxa_field_value_to_text (info, value);
  g_assert_cmpstr (back, ==, expected_text);
  again = xarxa_field_value_from_text (info, back, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (value, again));
}

static void
test_value_empty (void)
{
  const XarxaRecordType *mission = xarxa_schema_lookup ("mission");

  /* Empty text is null for every field of every kind. */
  for (guint i = 0; i < mission->n_fields; i++)
    {
      g_autoptr(JsonNode) a = xarxa_field_value_from_text (&mission->fields[i], "", NULL);
      g_autoptr(JsonNode) b = xarxa_field_value_from_text (&mission->fields[i], "  \t ", NULL);

      g_assert_true (JSON_NODE_HOLDS_NULL (a));
      g_assert_true (JSON_NODE_HOLDS_NULL (b));
      g_assert_null (xarxa_field_value_to_text (&mission->fields[i], a));
    }
  assert_value ("entity", "tags", " , ;  ", "null");
}

static void
test_value_sets (void)
{
  /* Split on both separators, trimmed, empties and duplicates dropped,
   * sorted by bytes as the store keeps them. */
  assert_value ("entity", "tags", " migració; habitatge,, aigua ;habitatge ",
                "[\"aigua\",\"habitatge\",\"migració\"]");
  assert_value ("entity", "languages", "es, ca;en", "[\"ca\",\"en\",\"es\"]");
  /* Choices are taken by id or by label, in English or the current language. */
  assert_value ("entity", "transitions", "Ecological; social, SOCIAL",
                "[\"ecological\",\"social\"]");
  assert_round_trip ("entity", "tags", "zeta;alfa , beta", "alfa, beta, zeta");
  assert_round_trip ("document", "territories", "Senegal, Catalunya", "Catalunya, Senegal");
  assert_round_trip ("cluster", "transitions", "technological,political", "political, technological");
}

static void
test_value_yes_no (void)
{
  static const char *const yes[] = { "yes", "Yes", "TRUE", "1", "sí", "Sí", "si", NULL };
  static const char *const no[] = { "no", "No", "false", "0", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    assert_value ("indicator", "gender_breakdown", yes[i], "true");
  for (guint i = 0; no[i] != NULL; i++)
    assert_value ("decision", "consensus", no[i], "false");
  assert_value_refused ("decision", "consensus", "maybe", "is not yes or no");
  assert_value_refused ("decision", "consensus", "2", "is not yes or no");
  assert_round_trip ("decision", "consensus", "Sí", "yes");
  assert_round_trip ("decision", "consensus", "0", "no");
}

static void
test_value_numbers (void)
{
  assert_value ("mission", "budget", "1250.5", "1250.5");
  assert_value ("mission", "budget", "2,5", "2.5");
  assert_value ("mission", "budget", "-3", "-3.0");
  assert_value ("indicator", "target", "12,75", "12.75");
  /* 2,500 may be two and a half or two thousand five hundred: asked. */
  assert_value_refused ("mission", "budget", "2,500", "could be read two ways");
  assert_value_refused ("mission", "budget", "1.000,5", "is not a number");
  assert_value_refused ("mission", "budget", "12 EUR", "is not a number");
  assert_value_refused ("mission", "budget", "nan", "is not a number");
  assert_value_refused ("mission", "budget", "1e999", "is not a number");
  assert_value ("document", "file_size", "2048", "2048");
  assert_value_refused ("document", "file_size", "2.5", "is not a whole number");
  assert_value_refused ("document", "file_size", "many", "is not a whole number");

  assert_round_trip ("mission", "budget", "0,1", "0.1");
  assert_round_trip ("mission", "budget", "1250.50", "1250.5");
  assert_round_trip ("mission", "budget", "0.30000000000000004", "0.30000000000000004");
  assert_round_trip ("agenda_item", "supporters", "42", "42");
}

static void
test_value_text (void)
{
  /* Text is trimmed and otherwise kept as written. */
  assert_value ("entity", "name", "  Cooperativa  Arrel ", "\"Cooperativa  Arrel\"");
  assert_round_trip ("entity", "city", " Dakar ", "Dakar");
  /* A choice by its label, in any case and without accents. */
  assert_value ("entity", "kind", "Public body", "\"public-body\"");
  assert_value ("entity", "kind", "foundation", "\"foundation\"");
  assert_value ("mission", "status", "under way", "\"under-way\"");
  /* A value no list holds is kept for validation to refuse with a message. */
  assert_value ("entity", "kind", "guild", "\"guild\"");
  assert_round_trip ("itinerary_stop", "kind", "Free time", "free-time");
  /* Codes. */
  assert_value ("entity", "country", "Spain", "\"ES\"");
  assert_value ("entity", "country", "sn", "\"SN\"");
  assert_value ("mission", "currency", "eur", "\"EUR\"");
  assert_round_trip ("itinerary_stop", "time_zone", "America/Montreal", "America/Montreal");
  assert_round_trip ("itinerary_stop", "starts_at", "2026-05-04T10:00", "2026-05-04T10:00");
}

static void
test_value_display (void)
{
  g_autoptr(JsonNode) kind = xarxa_field_value_from_text (field ("entity", "kind"), "public-body", NULL);
  g_autoptr(JsonNode) transitions = xarxa_field_value_from_text (field ("entity", "transitions"), "social,ecological", NULL);
  g_autoptr(JsonNode) yes = xarxa_field_value_from_text (field ("decision", "consensus"), "yes", NULL);
  g_autoptr(JsonNode) country = xarxa_field_value_from_text (field ("entity", "country"), "SN", NULL);
  g_autofree char *kind_text = xarxa_field_value_to_display (field ("entity", "kind"), kind);
  g_autofree char *transitions_text = xarxa_field_value_to_display (field ("entity", "transitions"), transitions);
  g_autofree char *yes_text = xarxa_field_value_to_display (field ("decision", "consensus"), yes);
  g_autofree char *country_text = xarxa_field_value_to_display (field ("entity", "country"), country);

  g_assert_cmpstr (kind_text, ==, "Public body");
  g_assert_cmpstr (transitions_text, ==, "Ecological, Social");
  g_assert_cmpstr (yes_text, ==, "Yes");
  g_assert_cmpstr (country_text, ==, "Senegal");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/empty", test_value_empty);
  g_test_add_func ("/value/sets", test_value_sets);
  g_test_add_func ("/value/yes-no", test_value_yes_no);
  g_test_add_func ("/value/numbers", test_value_numbers);
  g_test_add_func ("/value/text", test_value_text);
  g_test_add_func ("/value/display", test_value_display);

  return g_test_run ();
}
