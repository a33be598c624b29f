/* test-schema.c — the one description of record types and fields, the
 * validation that reads it, and values to and from text.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "xarxa-countries.h"
#include "xarxa-error.h"
#include "xarxa-schema.h"
#include "xarxa-validate.h"
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

/* ---- validation through the description -------------------------------- */

static void
assert_valid (const char *type_name,
              const char *field_name,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);

  if (!xarxa_validate_field (xarxa_schema_lookup (type_name), field_name, value, &error))
    g_error ("%s.%s = “%s” refused: %s", type_name, field_name, text, error->message);
}

static void
assert_invalid (const char *type_name,
                const char *field_name,
                const char *text,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);

  if (xarxa_validate_field (xarxa_schema_lookup (type_name), field_name, value, &error))
    g_error ("%s.%s = “%s” accepted", type_name, field_name, text);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  if (strstr (error->message, message_part) == NULL)
    g_error ("%s.%s = “%s”: “%s” lacks “%s”", type_name, field_name, text, error->message, message_part);
}

static void
test_validate_dates (void)
{
  static const char *const date_fields[][2] = {
    { "cluster", "start_date" }, { "cluster_member", "joined_on" },
    { "indicator_value", "measured_on" }, { "action", "due_date" },
    { "decision", "decided_on" }, { "mission", "start_date" },
    { "mission", "end_date" }, { "document", "date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (date_fields); i++)
    {
      assert_valid (date_fields[i][0], date_fields[i][1], "2026-03-21");
      assert_valid (date_fields[i][0], date_fields[i][1], "2028-02-29");
      assert_invalid (date_fields[i][0], date_fields[i][1], "2026-02-29", "is not a date");
      assert_invalid (date_fields[i][0], date_fields[i][1], "21/03/2026", "like 2026-03-21");
      assert_invalid (date_fields[i][0], date_fields[i][1], "2026-3-21", "is not a date");
    }
  /* A field whose name ends in _on but is no date is not taken for one. */
  assert_valid ("entity", "region", "Catalunya_on");
}

static void
test_validate_date_times (void)
{
  static const char *const fields[][2] = {
    { "itinerary_stop", "starts_at" }, { "itinerary_stop", "ends_at" },
    { "participant", "arrival" }, { "participant", "departure" },
    { "field_note", "written_at" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *t = fields[i][0], *f = fields[i][1];

      assert_valid (t, f, "2026-05-04T10:00");
      assert_valid (t, f, "2026-05-04T23:59:59");
      assert_valid (t, f, "2028-02-29T00:00");
      assert_invalid (t, f, "2026-05-04", "is not a date and time");
      assert_invalid (t, f, "2026-05-04T24:00", "is not a date and time");
      assert_invalid (t, f, "2026-05-04T10:60", "is not a date and time");
      assert_invalid (t, f, "2026-02-30T10:00", "is not a date and time");
      assert_invalid (t, f, "2026-05-04T10:00:3", "like 2026-03-21T09:30");
      assert_invalid (t, f, "2026-05-04 at ten", "is not a date and time");
      assert_invalid (t, f, "2026-05-04T10:00Z", "has a time-zone offset");
      assert_invalid (t, f, "2026-05-04T10:00+02:00", "has a time-zone offset");
      assert_invalid (t, f, "2026-05-04T10:00:00-05:00", "has a time-zone offset");
    }
  /* Each says which zone its wall-clock time is in. */
  g_assert_cmpstr (field ("itinerary_stop", "starts_at")->zone_field, ==, "time_zone");
  g_assert_cmpstr (field ("participant", "arrival")->zone_field, ==, "mission_id");
}

static void
test_validate_time_zones (void)
{
  static const char *const good[] = {
    "Europe/Madrid", "America/Montreal", "Africa/Dakar", "America/Argentina/Buenos_Aires", "UTC", NULL,
  };
  static const char *const bad[] = {
    "Mars/Olympus", "Europe/Barcelona", "europe/madrid ", "+01:00", "CET-1CEST", "../../etc/passwd",
    "/usr/share/zoneinfo/Europe/Madrid", "Europe", NULL,
  };

  for (guint i = 0; good[i] != NULL; i++)
    assert_valid ("itinerary_stop", "time_zone", good[i]);
  for (guint i = 0; bad[i] != NULL; i++)
    assert_invalid ("itinerary_stop", "time_zone", bad[i], "is not a known time zone. Use a zone name such as Europe/Madrid");
}

static void
test_validate_currencies (void)
{
  assert_valid ("mission", "currency", "EUR");
  assert_valid ("mission", "currency", "XOF");
  assert_valid ("mission", "currency", "MAD");
  assert_invalid ("mission", "currency", "XYZ", "is not a known currency");
  assert_invalid ("mission", "currency", "XXX", "three-letter ISO code");
  assert_invalid ("mission", "currency", "eur", "is not a known currency");
  assert_invalid ("mission", "currency", "Euro", "is not a known currency");
  g_assert_true (xarxa_currency_is_valid ("USD"));
  g_assert_cmpstr (xarxa_currency_name ("EUR"), ==, "Euro");
}

static void
test_validate_formats (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) languages = xarxa_field_value_from_text (field ("contact", "languages"), "ca, pt-BR", NULL);
  g_autoptr(JsonNode) bad_languages = xarxa_field_value_from_text (field ("contact", "languages"), "ca, Catalan!", NULL);
  g_autoptr(JsonNode) transitions = xarxa_field_value_from_text (field ("document", "transitions"), "social, digital", NULL);
  g_autoptr(JsonNode) budget = json_node_init_double (json_node_alloc (), 1250.5);
  g_autoptr(JsonNode) yes = json_node_init_boolean (json_node_alloc (), TRUE);
  g_autoptr(JsonNode) text_yes = json_node_init_string (json_node_alloc (), "yes");

  /* Formats by the description, wherever the field is. */
  assert_valid ("contact", "email", "anna@example.org");
  assert_invalid ("contact", "email", "anna.example.org", "is not an email address");
  assert_invalid ("document", "url", "example.org", "is not a web address");
  assert_invalid ("contact", "phone", "call me", "is not a phone number");
  assert_invalid ("mission", "country", "XX", "is not a known country");
  assert_invalid ("document", "language", "Catalan!", "is not a language code");
  assert_valid ("document_link", "target_id", "6d3f4f62-3c2e-4a8e-9a43-5f1f2a6b7c80");
  assert_invalid ("document_link", "target_id", "an organisation", "is not a record id");
  assert_invalid ("participant", "mission_id", "42", "is not a record id");

  /* Closed lists, single and sets, and every one of the twelve. */
  assert_valid ("mission", "status", "under-way");
  assert_invalid ("mission", "status", "ongoing", "is not one of the allowed values: idea, planning");
  assert_invalid ("cluster_member", "role", "boss", "coordinator, member, observer, ally");
  assert_invalid ("itinerary_stop", "kind", "party", "visit, meeting");
  assert_invalid ("agenda_item", "transition", "cultural", "social, political");
  assert_invalid ("document_link", "target_type", "contact", "entity, cluster, mission");
  g_assert_false (xarxa_validate_field (xarxa_schema_lookup ("document"), "transitions", transitions, &error));
  g_assert_nonnull (strstr (error->message, "“digital” is not one of the allowed values"));
  g_clear_error (&error);

  g_assert_true (xarxa_validate_field (xarxa_schema_lookup ("contact"), "languages", languages, &error));
  g_assert_no_error (error);
  g_assert_false (xarxa_validate_field (xarxa_schema_lookup ("contact"), "languages", bad_languages, &error));
  g_assert_nonnull (strstr (error->message, "is not a language code"));
  g_clear_error (&error);

  /* Numbers and yes/no by their kind. */
  g_assert_true (xarxa_validate_field (xarxa_schema_lookup ("mission"), "budget", budget, NULL));
  g_assert_true (xarxa_validate_field (xarxa_schema_lookup ("decision"), "consensus", yes, NULL));
  g_assert_false (xarxa_validate_field (xarxa_schema_lookup ("decision"), "consensus", text_yes, &error));
  g_assert_nonnull (strstr (error->message, "has the wrong type"));
}

static void
test_validate_required (void)
{
  static const struct { const char *type, *field, *message; } required[] = {
    { "entity", "name", "The organisation needs a name." },
    { "contact", "full_name", "The contact person needs a name." },
    { "cluster", "name", "The cluster needs a name." },
    { "mission", "title", "The mission needs a title." },
    { "document", "title", "The document needs a title." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const XarxaRecordType *type = xarxa_schema_lookup (required[i].type);
      g_autoptr(JsonObject) record = json_object_new ();
      g_autoptr(GError) error = NULL;

      g_assert_true (field (required[i].type, required[i].field)->required);
      /* Missing, empty and blank are all missing. */
      g_assert_false (xarxa_validate_record (type, record, &error));
      g_assert_cmpstr (error->message, ==, required[i].message);
      g_clear_error (&error);
      json_object_set_string_member (record, required[i].field, "   ");
      g_assert_false (xarxa_validate_record (type, record, &error));
      g_assert_cmpstr (error->message, ==, required[i].message);
      g_clear_error (&error);
      json_object_set_string_member (record, required[i].field, "Arrel");
      g_assert_true (xarxa_validate_record (type, record, &error));
      g_assert_no_error (error);
    }

  /* A type with no required field takes an empty record. */
  {
    g_autoptr(JsonObject) record = json_object_new ();

    g_assert_true (xarxa_validate_record (xarxa_schema_lookup ("field_note"), record, NULL));
  }
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
  g_test_add_func ("/validate/dates", test_validate_dates);
  g_test_add_func ("/validate/date-times", test_validate_date_times);
  g_test_add_func ("/validate/time-zones", test_validate_time_zones);
  g_test_add_func ("/validate/currencies", test_validate_currencies);
  g_test_add_func ("/validate/formats", test_validate_formats);
  g_test_add_func ("/validate/required", test_validate_required);

  return g_test_run ();
}
