/* test-import.c — CSV import and export of the directory, against a real store.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "xarxa-import.h"
#include "xarxa-store.h"
#include "test-util.h"

typedef TestStore Fixture;

static XarxaStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  XarxaStore *store = xarxa_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  if (len < 0)
    len = strlen (contents);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static XarxaImportReport *
import_text (Fixture     *fixture,
             const char  *contents,
             gssize       len,
             GError     **error)
{
  g_autoptr(GFile) file = write_file (fixture, "import.csv", contents, len);

  return xarxa_import_csv (fixture->store, file, NULL, NULL, NULL, NULL, error);
}

static XarxaImportReport *
import_ok (Fixture    *fixture,
           const char *contents)
{
  g_autoptr(GError) error = NULL;
  XarxaImportReport *report = import_text (fixture, contents, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->rejections->len, ==, report->rejected);
  return report;
}

static JsonObject *
entity_named (Fixture    *fixture,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = xarxa_store_find_entity_by_name (fixture->store, name, NULL);
  JsonObject *record;

  g_assert_nonnull (id);
  record = xarxa_store_get_record (fixture->store, "entity", id, &error);
  g_assert_no_error (error);
  return record;
}

static char *
set_text (JsonObject *record,
          const char *member)
{
  JsonNode *node = json_object_get_member (record, member);
  GString *out = g_string_new (NULL);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                                json_array_get_string_element (array, i));
    }
  return g_string_free (out, FALSE);
}

static const XarxaImportRejection *
rejection (XarxaImportReport *report,
           guint              i)
{
  g_assert_cmpuint (i, <, report->rejections->len);
  return g_ptr_array_index (report->rejections, i);
}

/* ---- header names ------------------------------------------------------ */

static void
test_header_names (void)
{
  static const struct { const char *header; const char *field; } cases[] = {
    { "Name", "name" }, { "Nom", "name" }, { "Nombre", "name" }, { "NOMBRE", "name" },
    { "Organització", "name" }, { "Organizacion", "name" }, { "  Organisation ", "name" },
    { "Short name", "short_name" }, { "short_name", "short_name" }, { "Sigles", "short_name" },
    { "Siglas", "short_name" }, { "Acronym", "short_name" },
    { "Kind", "kind" }, { "Tipus", "kind" }, { "Tipo", "kind" }, { "Type", "kind" },
    { "Descripció", "description" }, { "Descripcion", "description" },
    { "País", "country" }, { "PAIS", "country" }, { "Country", "country" },
    { "Regió", "region" }, { "Provincia", "region" },
    { "Ciutat", "city" }, { "Ciudad", "city" }, { "Municipi", "city" }, { "Town", "city" },
    { "Adreça", "address" }, { "Dirección", "address" },
    { "Lloc web", "website" }, { "Sitio web", "website" }, { "URL", "website" }, { "Web", "website" },
    { "Correu electrònic", "email" }, { "correu electronic", "email" },
    { "CORREO ELECTRÓNICO", "email" }, { "E-mail", "email" }, { "Email", "email" },
    { "Telèfon", "phone" }, { "Teléfono", "phone" }, { "Phone", "phone" },
    { "Llengües", "languages" }, { "Idiomes", "languages" }, { "Idiomas", "languages" },
    { "Transicions", "transitions" }, { "Transiciones", "transitions" },
    { "Etiquetes", "tags" }, { "Etiquetas", "tags" }, { "Tags", "tags" },
    { "Membre", "membership" }, { "Miembro", "membership" }, { "Membership", "membership" },
    { "Notes", "notes" }, { "Notas", "notes" },
    { "Id", "id" }, { "ID", "id" },
    { "Persona de contacte", "contact_name" }, { "Persona de contacto", "contact_name" },
    { "Contact", "contact_name" }, { "Contact name", "contact_name" },
    { "Contact email", "contact_email" }, { "Correu de contacte", "contact_email" },
    { "Correo de contacto", "contact_email" },
    { "Càrrec", "contact_role" }, { "Cargo", "contact_role" }, { "Contact role", "contact_role" },
    { "Telèfon de contacte", "contact_phone" }, { "Teléfono de contacto", "contact_phone" },
    { "Colour", NULL }, { "", NULL }, { "Favourite food", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *field = xarxa_csv_field_for_header (cases[i].header);
      g_autofree char *got = g_strdup_printf ("%s → %s", cases[i].header, field ? field : "(none)");
      g_autofree char *want = g_strdup_printf ("%s → %s", cases[i].header,
                                               cases[i].field ? cases[i].field : "(none)");

      g_assert_cmpstr (got, ==, want);
    }
}

/* ---- preview ----------------------------------------------------------- */

static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(XarxaCsvPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  GStrv row;

  file = write_file (fixture, "preview.csv",
                     "Nom;Ciutat;Color;Correu electr\xF2nic\r\n"
                     "Associaci\xF3 A;Vic;blau;a@example.org\r\n"
                     "B;Olot;verd;b@example.org\r\n"
                     "C;Reus;groc;\r\n", -1);
  preview = xarxa_csv_preview (file, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  g_assert_cmpint (preview->delimiter, ==, ';');
  g_assert_true (preview->latin1);
  g_assert_cmpuint (g_strv_length (preview->header), ==, 4);
  g_assert_cmpstr (preview->header[3], ==, "Correu electrònic");
  g_assert_cmpstr (preview->suggested_fields[0], ==, "name");
  g_assert_cmpstr (preview->suggested_fields[1], ==, "city");
  g_assert_null (preview->suggested_fields[2]);
  g_assert_cmpstr (preview->suggested_fields[3], ==, "email");
  g_assert_cmpuint (preview->preview_rows->len, ==, 2);
  row = g_ptr_array_index (preview->preview_rows, 0);
  g_assert_cmpstr (row[0], ==, "Associació A");
  row = g_ptr_array_index (preview->preview_rows, 1);
  g_assert_cmpstr (row[1], ==, "Olot");
}

static void
test_preview_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "empty.csv", "", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaCsvPreview) preview = xarxa_csv_preview (file, 10, NULL, &error);

  g_assert_null (preview);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "The file is empty"));
}

/* ---- import ------------------------------------------------------------ */

static void
test_comma_and_semicolon (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(XarxaImportReport) comma = NULL;
  g_autoptr(XarxaImportReport) semicolon = NULL;
  g_autoptr(JsonObject) abacus = NULL;
  g_autoptr(JsonObject) pere = NULL;
  g_autofree char *transitions = NULL;
  g_autofree char *tags = NULL;

  comma = import_ok (fixture,
                     "Name,Kind,City,Country,Transitions,Tags,Website\n"
                     "Abacus,cooperative,Barcelona,ES,\"social, ecological\",education|books,https://abacus.coop\n"
                     "Enda Tiers Monde,association,Dakar,Senegal,political,,\n");
  g_assert_cmpuint (comma->imported, ==, 2);
  g_assert_cmpuint (comma->rejected, ==, 0);
  g_assert_cmpint (comma->batch, >, 0);

  semicolon = import_ok (fixture,
                         "Name;City;Notes\r\n"
                         "\"Fundació Pere; Tarrés\";Barcelona;\"a, b; c\"\r\n");
  g_assert_cmpuint (semicolon->imported, ==, 1);
  g_assert_cmpint (semicolon->batch, !=, comma->batch);
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 3);

  abacus = entity_named (fixture, "Abacus");
  g_assert_cmpstr (json_object_get_string_member (abacus, "kind"), ==, "cooperative");
  g_assert_cmpstr (json_object_get_string_member (abacus, "country"), ==, "ES");
  transitions = set_text (abacus, "transitions");
  g_assert_cmpstr (transitions, ==, "ecological social");
  tags = set_text (abacus, "tags");
  g_assert_cmpstr (tags, ==, "books education");

  pere = entity_named (fixture, "Fundació Pere; Tarrés");
  g_assert_cmpstr (json_object_get_string_member (pere, "notes"), ==, "a, b; c");
}

static void
test_latin1 (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(JsonObject) record = NULL;

  /* "Associació Veïnal de Gràcia", kind "Associació", as Latin-1 bytes. */
  report = import_ok (fixture,
                      "Nom;Tipus;Ciutat\r\n"
                      "Associaci\xF3 Ve\xEFnal de Gr\xE0" "cia;Associaci\xF3;Barcelona\r\n");
  g_assert_cmpuint (report->imported, ==, 1);
  record = entity_named (fixture, "Associació Veïnal de Gràcia");
  g_assert_cmpstr (json_object_get_string_member (record, "kind"), ==, "association");
}

static void
test_bom (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(JsonObject) record = NULL;

  report = import_ok (fixture, "\xEF\xBB\xBFName,City\nCoopolis,Barcelona\n");
  g_assert_cmpuint (report->imported, ==, 1);
  record = entity_named (fixture, "Coopolis");
  g_assert_cmpstr (json_object_get_string_member (record, "city"), ==, "Barcelona");
}

static void
test_quoted_newlines (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(JsonObject) record = NULL;

  report = import_ok (fixture,
                      "Name,Description,City\r\n"
                      "Sodepau,\"Peace and development.\r\nSince 1988, in \"\"Barcelona\"\".\",Barcelona\r\n"
                      "Bad,,,,extra value\r\n"
                      "Alternativa3,Fair trade,Terrassa\r\n");
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 1);
  /* The row after the two-line value starts on line 4. */
  g_assert_cmpuint (rejection (report, 0)->line, ==, 4);
  g_assert_nonnull (strstr (rejection (report, 0)->reason, "quotes"));

  record = entity_named (fixture, "Sodepau");
  g_assert_cmpstr (json_object_get_string_member (record, "description"), ==,
                   "Peace and development.\nSince 1988, in \"Barcelona\".");
}

static void
test_broken_quotes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(XarxaImportReport) report = NULL;

  report = import_ok (fixture,
                      "Name,City\n"
                      "Abacus,Barcelona\n"
                      "Enda,\"Dakar\n"
                      "Coopera,Lleida\n");
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_cmpuint (rejection (report, 0)->line, ==, 3);
  g_assert_nonnull (strstr (rejection (report, 0)->reason, "never closed"));
  g_assert_null (xarxa_store_find_entity_by_name (fixture->store, "Enda", NULL));
}

static void
test_empty_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  gint64 outbox = xarxa_store_count_outbox (fixture->store);

  report = import_text (fixture, "", 0, &error);
  g_assert_null (report);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "The file is empty"));
  g_clear_error (&error);

  /* Only a byte order mark and blank lines: empty too. */
  report = import_text (fixture, "\xEF\xBB\xBF\r\n\r\n", -1, &error);
  g_assert_null (report);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "The file is empty"));
  g_assert_cmpint (xarxa_store_count_outbox (fixture->store), ==, outbox);
}

static void
test_header_only (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(XarxaImportReport) report = import_ok (fixture, "Name,City\n");

  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->rejected, ==, 0);
}

static void
test_huge_line (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  GString *contents = g_string_new ("Name,Notes\nBefore,ok\nHuge,");
  gsize size = 10 * 1024 * 1024;

  /* Made here, not kept in the source tree. */
  g_string_set_size (contents, contents->len + size);
  memset (contents->str + contents->len - size, 'n', size);
  g_string_append (contents, "\nAfter,ok\n");
  report = import_text (fixture, contents->str, contents->len, &error);
  g_string_free (contents, TRUE);

  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_cmpuint (rejection (report, 0)->line, ==, 3);
  g_assert_nonnull (strstr (rejection (report, 0)->reason, "longer than 1 MiB"));
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 2);
}

static void
test_no_name_column (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(XarxaImportReport) first = import_ok (fixture, "Name\nAbacus\n");
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = xarxa_store_count (fixture->store, "entity");
  gint64 outbox = xarxa_store_count_outbox (fixture->store);

  report = import_text (fixture, "City,Country\nBarcelona,ES\nDakar,SN\n", -1, &error);
  g_assert_null (report);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "organisation’s name"));
  g_assert_nonnull (strstr (error->message, "Name"));
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, before);
  g_assert_cmpint (xarxa_store_count_outbox (fixture->store), ==, outbox);
}

static void
test_duplicate_ids (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(XarxaImportReport) first = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *existing = xarxa_new_uuid ();
  g_autofree char *fresh = xarxa_new_uuid ();

  contents = g_strdup_printf ("Id,Name\n%s,Existing\n", existing);
  first = import_ok (fixture, contents);
  g_assert_cmpuint (first->imported, ==, 1);

  g_free (contents);
  contents = g_strdup_printf ("Name,Id\n"
                              "Again,%s\n"        /* in the database already */
                              "Fresh,%s\n"
                              "Fresh twin,%s\n"   /* earlier in this file */
                              "No id,\n",
                              existing, fresh, fresh);
  report = import_ok (fixture, contents);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 2);
  g_assert_cmpuint (rejection (report, 0)->line, ==, 2);
  g_assert_nonnull (strstr (rejection (report, 0)->reason, "duplicate id"));
  g_assert_cmpuint (rejection (report, 1)->line, ==, 4);
  g_assert_nonnull (strstr (rejection (report, 1)->reason, "duplicate id"));

  /* A new id given in the file is the record's id. */
  record = xarxa_store_get_record (fixture->store, "entity", fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, "Fresh");
}

/* A long file is read ahead in one thread and written in another: rows
 * rejected anywhere in it are reported in the file's order, a duplicate id
 * is found against a row written many rows before, and each organisation
 * keeps its own contact. */
static void
test_long_file_in_order (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GString) contents = g_string_new ("Name;Country;Id;Contact name\n");
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  guint expected_rejections = 0;

  for (guint i = 0; i < 3000; i++)
    {
      char *id = xarxa_new_uuid ();

      g_ptr_array_add (ids, id);
      if (i == 2900)   /* the id of row 7, 2,893 rows earlier */
        g_string_append_printf (contents, "Late twin;ES;%s;Person %u\n", (char *) ids->pdata[7], i);
      else if (i % 250 == 249)
        g_string_append_printf (contents, "Organisation %u;Atlantis;;Person %u\n", i, i);
      else
        g_string_append_printf (contents, "Organisation %u;ES;%s;Person %u\n", i, id, i);
      if (i == 2900 || i % 250 == 249)
        expected_rejections++;
    }
  report = import_ok (fixture, contents->str);
  g_assert_cmpuint (report->rejected, ==, expected_rejections);
  g_assert_cmpuint (report->imported, ==, 3000 - expected_rejections);
  for (guint r = 1; r < report->rejections->len; r++)
    g_assert_cmpuint (rejection (report, r - 1)->line, <, rejection (report, r)->line);
  /* Line 1 is the header: row i is on line i + 2. */
  g_assert_cmpuint (rejection (report, 0)->line, ==, 249 + 2);
  g_assert_nonnull (strstr (rejection (report, 0)->reason, "Atlantis"));
  g_assert_cmpuint (rejection (report, 11)->line, ==, 2900 + 2);
  g_assert_nonnull (strstr (rejection (report, 11)->reason, "duplicate id"));
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 3000 - expected_rejections);
  g_assert_cmpint (xarxa_store_count (fixture->store, "contact"), ==, 3000 - expected_rejections);

  /* Row 1234 is organisation 1234 with its id, and person 1234 is its contact. */
  contacts = xarxa_store_list_contacts (fixture->store, ids->pdata[1234], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (contacts, 0), "full_name"), ==, "Person 1234");
}

/* The report keeps, for each rejected row, its line, its name (when it had
 * one) and its cells as they were; the text to copy says all three. */
static void
test_rejected_rows_kept (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(XarxaImportReport) first = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *existing = xarxa_new_uuid ();
  const XarxaImportRejection *r;

  contents = g_strdup_printf ("Id;Name\n%s;Existing\n", existing);
  first = import_ok (fixture, contents);

  g_free (contents);
  contents = g_strdup_printf ("Nom;País;Ciutat;Id\n"
                              "Fundació Pere Tarrés;ES;Barcelona;\n"
                              " Casal del Barri ;Xyz;\"Sant Boi; Llobregat\";\n"
                              ";ES;Girona;\n"
                              "Again;ES;Reus;%s\n",
                              existing);
  report = import_ok (fixture, contents);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 3);
  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_cmpstrv (report->header, ((const char *[]) { "Nom", "País", "Ciutat", "Id", NULL }));

  /* A bad value: the name trimmed, the cells exactly as in the file. */
  r = rejection (report, 0);
  g_assert_cmpuint (r->line, ==, 3);
  g_assert_cmpstr (r->name, ==, "Casal del Barri");
  g_assert_cmpstrv (r->fields, ((const char *[]) { " Casal del Barri ", "Xyz", "Sant Boi; Llobregat", "", NULL }));
  /* No name: none made up. */
  r = rejection (report, 1);
  g_assert_cmpuint (r->line, ==, 4);
  g_assert_null (r->name);
  g_assert_cmpstrv (r->fields, ((const char *[]) { "", "ES", "Girona", "", NULL }));
  /* Rejected only when written (a duplicate id): kept all the same. */
  r = rejection (report, 2);
  g_assert_cmpuint (r->line, ==, 5);
  g_assert_cmpstr (r->name, ==, "Again");
  g_assert_cmpstr (r->fields[3], ==, existing);

  text = xarxa_import_report_to_text (report);
  g_assert_true (g_str_has_prefix (text, "Imported 1 organisation\n3 rows were not imported:\n"));
  g_assert_nonnull (strstr (text, "\nLine 3, “Casal del Barri”: Unknown country “Xyz”"));
  g_assert_nonnull (strstr (text, "\nLine 4: "));
  g_assert_nonnull (strstr (text, "\nLine 5, “Again”: "));
}

static char *
write_rejected_csv (const XarxaImportReport *report)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (xarxa_import_report_write_csv (report, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* The rejected rows saved as CSV are the rows as they were, with the
 * reason last; fixed in a spreadsheet, that file imports cleanly. */
static void
test_rejected_csv_round_trip (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(XarxaImportReport) again = NULL;
  g_autoptr(XarxaImportReport) fixed_report = NULL;
  g_autoptr(GString) fixed = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  g_auto(GStrv) lines = NULL;

  report = import_ok (fixture,
                      "Name;Country;City;Notes\r\n"
                      "Good;FR;Lyon;\r\n"
                      "Casal \"La Unió\";Xyz;\"Sant Boi; Llobregat\";\"two\r\nlines\"\r\n"
                      "Odd kind;ES;Reus;\r\n"
                      ";ES;Girona;nameless\r\n");
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 2);

  saved = write_rejected_csv (report);
  lines = g_strsplit (saved, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "Name;Country;City;Notes;Why it was not imported");
  /* The line break inside the quoted cell is kept as the reader gave it. */
  g_assert_cmpstr (lines[1], ==, "\"Casal \"\"La Unió\"\"\";Xyz;\"Sant Boi; Llobregat\";\"two\nlines\";"
                   "\"Unknown country “Xyz” on line 3: use a two-letter ISO code such as ES, FR or SN.\"");
  g_assert_true (g_str_has_prefix (lines[2], ";ES;Girona;nameless;"));
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_null (lines[4]);

  /* Imported as it stands, the same rows fail for the same reasons, and
   * saving them again replaces the reasons instead of adding a column. */
  again = import_ok (fixture, saved);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->rejected, ==, 2);
  saved_again = write_rejected_csv (again);
  g_assert_true (g_str_has_prefix (saved_again, "Name;Country;City;Notes;Why it was not imported\r\n"));
  g_assert_cmpuint (strlen (saved_again), ==, strlen (saved));

  /* Fixed as a person would in a spreadsheet: a country, a name; the
   * reason column left as it is. */
  fixed = g_string_new (saved);
  g_assert_cmpuint (g_string_replace (fixed, ";Xyz;", ";ES;", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (fixed, "\r\n;ES;Girona;", "\r\nCasal de Girona;ES;Girona;", 1), ==, 1);
  fixed_report = import_ok (fixture, fixed->str);
  g_assert_cmpuint (fixed_report->rejected, ==, 0);
  g_assert_cmpuint (fixed_report->imported, ==, 2);
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 4);

  record = entity_named (fixture, "Casal \"La Unió\"");
  g_assert_cmpstr (json_object_get_string_member (record, "city"), ==, "Sant Boi; Llobregat");
  g_assert_cmpstr (json_object_get_string_member (record, "notes"), ==, "two\nlines");
  g_assert_false (json_object_has_member (record, "Why it was not imported"));
}

static void
test_bad_values (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(XarxaImportReport) report = NULL;

  report = import_ok (fixture,
                      "Name,Country,Kind,Email,Transitions,Membership\n"
                      "Good,FR,foundation,info@example.org,digital,yes\n"
                      "Nowhere,Xyz,,,,\n"
                      "Odd kind,ES,guild,,,\n"
                      "Bad mail,ES,,not-an-address,,\n"
                      "Bad transition,ES,,,spiritual,\n"
                      "Bad member,ES,,,,perhaps\n"
                      ",ES,,,,\n");
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 6);

  g_assert_cmpuint (rejection (report, 0)->line, ==, 3);
  g_assert_cmpstr (rejection (report, 0)->reason, ==,
                   "Unknown country “Xyz” on line 3: use a two-letter ISO code such as ES, FR or SN.");
  g_assert_cmpuint (rejection (report, 1)->line, ==, 4);
  g_assert_nonnull (strstr (rejection (report, 1)->reason, "“guild”"));
  g_assert_nonnull (strstr (rejection (report, 1)->reason, "association"));
  g_assert_cmpuint (rejection (report, 2)->line, ==, 5);
  g_assert_nonnull (strstr (rejection (report, 2)->reason, "not-an-address"));
  g_assert_cmpuint (rejection (report, 3)->line, ==, 6);
  g_assert_nonnull (strstr (rejection (report, 3)->reason, "spiritual"));
  g_assert_cmpuint (rejection (report, 4)->line, ==, 7);
  g_assert_nonnull (strstr (rejection (report, 4)->reason, "perhaps"));
  g_assert_cmpuint (rejection (report, 5)->line, ==, 8);
  g_assert_nonnull (strstr (rejection (report, 5)->reason, "name"));
}

static void
test_three_languages (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(XarxaImportReport) catalan = NULL;
  g_autoptr(XarxaImportReport) spanish = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *transitions = NULL;
  g_autofree char *languages = NULL;
  JsonObject *contact;

  catalan = import_ok (fixture,
                       "Nom;Sigles;Tipus;País;Ciutat;Correu electrònic;Transicions;Llengües;Membre;"
                       "Persona de contacte;Càrrec;Correu de contacte\n"
                       "Fundació Catalana per la Cooperació;FCC;Fundació;ES;Girona;fcc@example.cat;"
                       "ecològica, tecnològica;Català, castellà;Sí;Marta Puig;Coordinadora;marta@example.cat\n");
  g_assert_cmpuint (catalan->imported, ==, 1);
  g_assert_cmpuint (catalan->rejected, ==, 0);

  spanish = import_ok (fixture,
                       "Nombre,Tipo,País,Ciudad,Correo electrónico,Transiciones,Miembro\n"
                       "Red de Economía Solidaria,Red,es,Madrid,info@reas.example,política|social,socio\n");
  g_assert_cmpuint (spanish->imported, ==, 1);

  record = entity_named (fixture, "Fundació Catalana per la Cooperació");
  g_assert_cmpstr (json_object_get_string_member (record, "short_name"), ==, "FCC");
  g_assert_cmpstr (json_object_get_string_member (record, "kind"), ==, "foundation");
  g_assert_cmpstr (json_object_get_string_member (record, "email"), ==, "fcc@example.cat");
  g_assert_cmpstr (json_object_get_string_member (record, "membership"), ==, "yes");
  transitions = set_text (record, "transitions");
  g_assert_cmpstr (transitions, ==, "ecological technological");
  languages = set_text (record, "languages");
  g_assert_cmpstr (languages, ==, "ca es");

  /* The contact columns made a contact of that organisation. */
  contacts = xarxa_store_list_contacts (fixture->store,
                                        json_object_get_string_member (record, "id"), NULL);
  g_assert_nonnull (contacts);
  g_assert_cmpuint (contacts->len, ==, 1);
  contact = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (json_object_get_string_member (contact, "full_name"), ==, "Marta Puig");
  g_assert_cmpstr (json_object_get_string_member (contact, "role"), ==, "Coordinadora");
  g_assert_cmpstr (json_object_get_string_member (contact, "email"), ==, "marta@example.cat");

  g_clear_pointer (&record, json_object_unref);
  g_clear_pointer (&transitions, g_free);
  record = entity_named (fixture, "Red de Economía Solidaria");
  g_assert_cmpstr (json_object_get_string_member (record, "kind"), ==, "network");
  g_assert_cmpstr (json_object_get_string_member (record, "country"), ==, "ES");
  g_assert_cmpstr (json_object_get_string_member (record, "membership"), ==, "partner");
  transitions = set_text (record, "transitions");
  g_assert_cmpstr (transitions, ==, "political social");
}

static void
test_data_file (Fixture       *fixture,
                gconstpointer  data)
{
  const char *srcdir = g_getenv ("XARXA_SRCDIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(JsonObject) record = NULL;

  if (srcdir == NULL)
    {
      g_test_skip ("XARXA_SRCDIR is not set");
      return;
    }
  /* A spreadsheet saved by a Catalan-locale office suite: semicolons,
   * Windows-1252, CRLF, a contact, a bad row. */
  path = g_build_filename (srcdir, "tests", "data", "csv", "entitats-latin1.csv", NULL);
  file = g_file_new_for_path (path);
  report = xarxa_import_csv (fixture->store, file, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 4);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_cmpuint (rejection (report, 0)->line, ==, 6);
  g_assert_nonnull (strstr (rejection (report, 0)->reason, "Unknown country “Catalunya”"));

  record = entity_named (fixture, "Associació per la Pau i el Desenvolupament");
  g_assert_cmpstr (json_object_get_string_member (record, "kind"), ==, "association");
  g_assert_cmpstr (json_object_get_string_member (record, "city"), ==, "L'Hospitalet de Llobregat");
}

static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(XarxaImportReport) before_report = import_ok (fixture, "Name\nKept\n");
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(JsonObject) tombstone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *kept = NULL;
  gint64 entities = xarxa_store_count (fixture->store, "entity");
  gint64 contacts = xarxa_store_count (fixture->store, "contact");
  gint64 outbox;

  report = import_ok (fixture,
                      "Name,Contact,Contact email\n"
                      "Abacus,Anna Soler,anna@example.org\n"
                      "Enda,,\n"
                      "Coopera,Joan Roig,\n");
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, entities + 3);
  g_assert_cmpint (xarxa_store_count (fixture->store, "contact"), ==, contacts + 2);
  id = xarxa_store_find_entity_by_name (fixture->store, "Abacus", NULL);
  g_assert_nonnull (id);
  outbox = xarxa_store_count_outbox (fixture->store);

  g_assert_cmpint (xarxa_store_import_batch_undo (fixture->store, report->batch, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, entities);
  g_assert_cmpint (xarxa_store_count (fixture->store, "contact"), ==, contacts);
  kept = xarxa_store_find_entity_by_name (fixture->store, "Kept", NULL);
  g_assert_nonnull (kept);

  /* What the import added stays as tombstones, with their deletes queued for sync. */
  tombstone = xarxa_store_get_record (fixture->store, "entity", id, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (tombstone, "deleted"));
  g_assert_cmpint (xarxa_store_count_outbox (fixture->store), >, outbox);
}

static void
compare_members (JsonObject *a,
                 JsonObject *b,
                 const char *member)
{
  JsonNode *x = json_object_get_member (a, member);
  JsonNode *y = json_object_get_member (b, member);
  g_autofree char *xs = x != NULL ? json_to_string (x, FALSE) : g_strdup ("null");
  g_autofree char *ys = y != NULL ? json_to_string (y, FALSE) : g_strdup ("null");
  g_autofree char *want = g_strdup_printf ("%s: %s", member, xs);
  g_autofree char *got = g_strdup_printf ("%s: %s", member, ys);

  g_assert_cmpstr (got, ==, want);
}

static char *
export_to_string (XarxaStore             *store,
                  const XarxaQuery       *query)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (xarxa_export_csv (store, query, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  const XarxaRecordType *type = xarxa_schema_lookup ("entity");
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(XarxaImportReport) again = NULL;
  g_autoptr(XarxaStore) other = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *filtered = NULL;
  g_autoptr(XarxaQuery) query = xarxa_query_new ("entity");

  report = import_ok (fixture,
                      "Name,Short name,Kind,Description,Country,Region,City,Address,Website,Email,Phone,"
                      "Languages,Transitions,Tags,Membership,Notes\n"
                      "\"Cooperativa \"\"Abacus\"\"\",Abacus,cooperative,\"Books, toys;\nand school things\","
                      "ES,Catalonia,Barcelona,\"Carrer de Balmes, 1\",https://abacus.coop,info@abacus.coop,"
                      "+34 933 123 456,ca; es,social; ecological,books|education,yes,\"Line one\r\nLine two\"\n"
                      "Enda Tiers Monde,ENDA,association,,SN,,Dakar,,,,,fr,political,,partner,\n"
                      "Minimal,,,,,,,,,,,,,,,\n");
  g_assert_cmpuint (report->imported, ==, 3);

  exported = export_to_string (fixture->store, NULL);
  g_assert_true (g_str_has_prefix (exported,
                                   "Name,Short name,Kind,Description,Country,Region,City,Address,Website,"
                                   "Email,Phone,Languages,Transitions,Tags,Membership,Notes,Id\r\n"));
  file = write_file (fixture, "export.csv", exported, -1);

  other = open_store (fixture->dir, "other.db");
  again = xarxa_import_csv (other, file, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->imported, ==, 3);
  g_assert_cmpuint (again->rejected, ==, 0);

  rows = xarxa_store_query_rowids (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(JsonObject) original = NULL;
      g_autoptr(JsonObject) copy = NULL;

      original = xarxa_store_get_record_by_rowid (fixture->store, "entity", g_array_index (rows, gint64, i), &error);
      g_assert_no_error (error);
      copy = xarxa_store_get_record (other, "entity",
                                     json_object_get_string_member (original, "id"), &error);
      g_assert_no_error (error);
      for (guint f = 0; f < type->n_fields; f++)
        compare_members (original, copy, type->fields[f].name);
    }

  /* The export follows the query it is given. */
  xarxa_query_set_filter (query, "country", "SN");
  filtered = export_to_string (fixture->store, query);
  g_assert_nonnull (strstr (filtered, "Enda Tiers Monde"));
  g_assert_null (strstr (filtered, "Abacus"));
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  guint64       last_done;
  guint64       total;
  guint         cancel_at;
} Progress;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >=, progress->last_done);
  g_assert_cmpuint (done, <=, total);
  progress->last_done = done;
  progress->total = total;
  if (++progress->calls == progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

static char *
many_rows (guint n)
{
  GString *out = g_string_new ("Name,City,Country\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "Organisation %u,City %u,ES\n", i, i % 97);
  return g_string_free (out, FALSE);
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *contents = many_rows (5000);
  g_autoptr(GFile) file = write_file (fixture, "many.csv", contents, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  Progress progress = { 0 };

  report = xarxa_import_csv (fixture->store, file, NULL, progress_cb, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 5000);
  /* At the start, every 1000 rows, at the end. */
  g_assert_cmpuint (progress.calls, >=, 5);
  g_assert_cmpuint (progress.calls, <=, 7);
  g_assert_cmpuint (progress.total, ==, strlen (contents));
  g_assert_cmpuint (progress.last_done, ==, progress.total);
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 5000);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(XarxaImportReport) first = import_ok (fixture, "Name\nAlready here\n");
  g_autofree char *contents = many_rows (5000);
  g_autoptr(GFile) file = write_file (fixture, "many.csv", contents, -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  gint64 entities = xarxa_store_count (fixture->store, "entity");
  gint64 outbox = xarxa_store_count_outbox (fixture->store);
  Progress progress = { cancellable, 0, 0, 0, 3 };

  /* Cancelled after 2000 rows were written in the transaction. */
  report = xarxa_import_csv (fixture->store, file, NULL, progress_cb, &progress, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, 3);
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, entities);
  g_assert_cmpint (xarxa_store_count_outbox (fixture->store), ==, outbox);
  g_assert_null (xarxa_store_find_entity_by_name (fixture->store, "Organisation 1", NULL));

  /* The store is usable afterwards. */
  g_clear_pointer (&first, xarxa_import_report_free);
  first = import_ok (fixture, "Name\nAfter the cancel\n");
  g_assert_cmpuint (first->imported, ==, 1);
}

static void
test_explicit_fields (Fixture       *fixture,
                      gconstpointer  data)
{
  /* The columns as mapped in the import window, not as the header says. */
  static const char *const fields[] = { NULL, "name", "city" };
  g_autoptr(GFile) file = write_file (fixture, "mapped.csv", "A,B,C\nignored,Mapped name,Vic\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(JsonObject) record = NULL;
  static const char *const no_name[] = { "city", NULL, NULL };

  report = xarxa_import_csv (fixture->store, file, fields, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);
  record = entity_named (fixture, "Mapped name");
  g_assert_cmpstr (json_object_get_string_member (record, "city"), ==, "Vic");

  g_clear_pointer (&report, xarxa_import_report_free);
  report = xarxa_import_csv (fixture->store, file, no_name, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_INVALID);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_store_set_up, func, test_store_tear_down)

/* The database refuses a write far into a long file (here a trigger set by
 * another connection, as a full disk or a damaged page would): the import
 * stops with that error while the reading thread is rows ahead, and
 * nothing of the file is kept. */
static void
test_write_fails_midway (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *contents = many_rows (5000);
  g_autoptr(GFile) file = write_file (fixture, "many.csv", contents, -1);
  g_autofree char *path = g_build_filename (fixture->dir, "xarxa.db", NULL);
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = xarxa_store_count_outbox (fixture->store);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER refuse BEFORE INSERT ON entity "
                                 "WHEN NEW.name = 'Organisation 3001' "
                                 "BEGIN SELECT RAISE (ABORT, 'disk full (test)'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  report = xarxa_import_csv (fixture->store, file, NULL, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 0);
  g_assert_cmpint (xarxa_store_count_outbox (fixture->store), ==, outbox);
}

typedef struct
{
  char  *path;
  gsize  cut_to;
  guint  calls;
} Cutter;

static void
cut_file_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Cutter *cutter = user_data;

  /* After the first 1,000 rows are written, with the reading thread
   * some rows ahead: another program cuts the file to half its size. */
  if (++cutter->calls == 2)
    g_assert_cmpint (truncate (cutter->path, (off_t) cutter->cut_to), ==, 0);
}

/* A file cut by another program while it is imported: without a check the
 * rows before the cut, the last one cut in the middle, would be imported
 * with no error.  The import stops, says why, and keeps nothing. */
static void
test_file_cut_while_read (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *contents = many_rows (40000);
  g_autoptr(GFile) file = write_file (fixture, "growing.csv", contents, -1);
  g_autoptr(XarxaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Cutter cutter = { g_file_get_path (file), strlen (contents) / 2, 0 };

  report = xarxa_import_csv (fixture->store, file, NULL, cut_file_cb, &cutter, NULL, &error);
  g_assert_cmpuint (cutter.calls, >=, 2);
  g_assert_null (report);
  g_assert_error (error, XARXA_ERROR, XARXA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "growing.csv"));
  g_assert_cmpint (xarxa_store_count (fixture->store, "entity"), ==, 0);
  g_free (cutter.path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/header-names", test_header_names);
  ADD ("/import/preview", test_preview);
  ADD ("/import/preview-empty", test_preview_empty);
  ADD ("/import/comma-and-semicolon", test_comma_and_semicolon);
  ADD ("/import/latin1", test_latin1);
  ADD ("/import/bom", test_bom);
  ADD ("/import/quoted-newlines", test_quoted_newlines);
  ADD ("/import/broken-quotes", test_broken_quotes);
  ADD ("/import/empty-file", test_empty_file);
  ADD ("/import/header-only", test_header_only);
  ADD ("/import/huge-line", test_huge_line);
  ADD ("/import/long-file-in-order", test_long_file_in_order);
  ADD ("/import/write-fails-midway", test_write_fails_midway);
  ADD ("/import/file-cut-while-read", test_file_cut_while_read);
  ADD ("/import/no-name-column", test_no_name_column);
  ADD ("/import/duplicate-ids", test_duplicate_ids);
  ADD ("/import/bad-values", test_bad_values);
  ADD ("/import/rejected-rows-kept", test_rejected_rows_kept);
  ADD ("/import/rejected-csv-round-trip", test_rejected_csv_round_trip);
  ADD ("/import/three-languages", test_three_languages);
  ADD ("/import/data-file", test_data_file);
  ADD ("/import/undo", test_undo);
  ADD ("/import/round-trip", test_round_trip);
  ADD ("/import/progress", test_progress);
  ADD ("/import/cancel", test_cancel);
  ADD ("/import/explicit-fields", test_explicit_fields);

  return g_test_run ();
}
