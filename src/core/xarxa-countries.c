/* xarxa-countries.c — ISO 3166-1 country and ISO 4217 currency names,
 * translated by iso-codes.
 *
 * The lists come from the system's iso-codes package (its JSON files) and
 * the names are translated with its gettext domains, so Xarxa carries no
 * country or currency list of its own.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-countries"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "xarxa-countries.h"
#include "xarxa-store.h"

typedef struct
{
  char *alpha2;
  char *alpha3;
  char *name;          /* English */
  char *common_name;   /* English, may be NULL */
  const char *translated;
  char *sort_key;      /* collation key of the translated name */
} Country;

static GPtrArray *countries;   /* of Country*, sorted by alpha2 */
static GHashTable *by_code;    /* alpha2 → Country* */
static GHashTable *by_key;     /* folded name or code → Country* */
static const char **sorted_codes;

static void
add_key (const char *text,
         Country    *c)
{
  if (text != NULL)
    g_hash_table_insert (by_key, xarxa_fold_key (text), c);
}

static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  const Country *ca = *(const Country *const *) a;
  const Country *cb = *(const Country *const *) b;

  return strcmp (ca->sort_key, cb->sort_key);
}

static gpointer
load_countries (gpointer data)
{
  g_autofree char *path = g_build_filename (ISO_CODES_PREFIX, "share", "iso-codes", "json",
                                            "iso_3166-1.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array = NULL;
  JsonNode *root;

  countries = g_ptr_array_new ();
  by_code = g_hash_table_new (g_str_hash, g_str_equal);
  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  bind_textdomain_codeset ("iso_3166-1", "UTF-8");
  if (!json_parser_load_from_file (parser, path, &error))
    g_warning ("Country names are not available (%s); install the iso-codes package.", error->message);
  else if ((root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    array = json_object_get_array_member (json_node_get_object (root), "3166-1");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      Country *c = g_new0 (Country, 1);

      c->alpha2 = g_strdup (json_object_get_string_member_with_default (o, "alpha_2", ""));
      c->alpha3 = g_strdup (json_object_get_string_member_with_default (o, "alpha_3", ""));
      c->name = g_strdup (json_object_get_string_member_with_default (o, "name", c->alpha2));
      c->common_name = g_strdup (json_object_get_string_member_with_default (o, "common_name", NULL));
      c->translated = g_dgettext ("iso_3166-1", c->common_name ? c->common_name : c->name);
      g_ptr_array_add (countries, c);
      g_hash_table_insert (by_code, c->alpha2, c);
      add_key (c->alpha2, c);
      add_key (c->alpha3, c);
      add_key (c->name, c);
      add_key (c->common_name, c);
      add_key (c->translated, c);
      add_key (g_dgettext ("iso_3166-1", c->name), c);
    }

  {
    g_autoptr(GPtrArray) sorted = g_ptr_array_copy (countries, NULL, NULL);

    for (guint i = 0; i < sorted->len; i++)
      {
        Country *c = sorted->pdata[i];
        c->sort_key = g_utf8_collate_key (c->translated, -1);
      }
    g_ptr_array_sort (sorted, compare_countries);
    sorted_codes = g_new0 (const char *, sorted->len + 1);
    for (guint i = 0; i < sorted->len; i++)
      sorted_codes[i] = ((Country *) sorted->pdata[i])->alpha2;
  }
  return NULL;
}

static void
ensure_loaded (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_countries, NULL);
}

const char *
xarxa_country_name (const char *alpha2)
{
  Country *c;

  if (alpha2 == NULL)
    return NULL;
  ensure_loaded ();
  c = g_hash_table_lookup (by_code, alpha2);
  return c != NULL ? c->translated : NULL;
}

gboolean
xarxa_country_is_valid (const char *alpha2)
{
  if (alpha2 == NULL)
    return FALSE;
  ensure_loaded ();
  return g_hash_table_contains (by_code, alpha2);
}

char *
xarxa_country_parse (const char *text)
{
  g_autofree char *key = NULL;
  Country *c;

  if (text == NULL)
    return NULL;
  ensure_loaded ();
  key = xarxa_fold_key (text);
  if (*key == '\0')
    return NULL;
  c = g_hash_table_lookup (by_key, key);
  return c != NULL ? g_strdup (c->alpha2) : NULL;
}

const char *const *
xarxa_country_codes (void)
{
  ensure_loaded ();
  return sorted_codes;
}

/* ---- currencies --------------------------------------------------------- */

static GHashTable *currencies;   /* alpha3 → English name */
static const char **currency_codes;   /* its keys, sorted */

static int
compare_codes (gconstpointer  a,
               gconstpointer  b,
               gpointer       user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gpointer
load_currencies (gpointer data)
{
  g_autofree char *path = g_build_filename (ISO_CODES_PREFIX, "share", "iso-codes", "json",
                                            "iso_4217.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array = NULL;
  JsonNode *root;

  currencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bind_textdomain_codeset ("iso_4217", "UTF-8");
  if (!json_parser_load_from_file (parser, path, &error))
    g_warning ("Currency names are not available (%s); install the iso-codes package.", error->message);
  else if ((root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    array = json_object_get_array_member (json_node_get_object (root), "4217");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      const char *code = json_object_get_string_member_with_default (o, "alpha_3", NULL);
      const char *name = json_object_get_string_member_with_default (o, "name", code);

      /* XXX is "no currency", XTS the code reserved for tests: no budget is in either. */
      if (code == NULL || strcmp (code, "XXX") == 0 || strcmp (code, "XTS") == 0)
        continue;
      g_hash_table_insert (currencies, g_strdup (code), g_strdup (name));
    }
  currency_codes = (const char **) g_hash_table_get_keys_as_array (currencies, NULL);
  g_qsort_with_data (currency_codes, g_hash_table_size (currencies), sizeof (char *),
                     compare_codes, NULL);
  return NULL;
}

static void
ensure_currencies (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_currencies, NULL);
}

gboolean
xarxa_currency_is_valid (const char *alpha3)
{
  if (alpha3 == NULL)
    return FALSE;
  ensure_currencies ();
  return g_hash_table_contains (currencies, alpha3);
}

const char *const *
xarxa_currency_codes (void)
{
  ensure_currencies ();
  return currency_codes;
}

const char *
xarxa_currency_name (const char *alpha3)
{
  const char *name;

  if (alpha3 == NULL)
    return NULL;
  ensure_currencies ();
  name = g_hash_table_lookup (currencies, alpha3);
  return name != NULL ? g_dgettext ("iso_4217", name) : NULL;
}
