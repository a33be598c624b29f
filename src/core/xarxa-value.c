/* xarxa-value.c — a field's value from the text a person writes, and back.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-value"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "xarxa-countries.h"
#include "xarxa-error.h"
#include "xarxa-store.h"
#include "xarxa-value.h"

/* The stable id of a choice written as its id or its label (in the current
 * language or in English), case and accents ignored; NULL if none. */
static const char *
choice_from_text (const XarxaChoiceList *list,
                  const char            *text)
{
  g_autofree char *key = xarxa_fold_key (text);

  for (guint i = 0; i < list->n_choices; i++)
    {
      const XarxaChoice *c = &list->choices[i];
      g_autofree char *value_key = xarxa_fold_key (c->value);
      g_autofree char *label_key = xarxa_fold_key (c->label);
      g_autofree char *translated_key =
        xarxa_fold_key (g_dpgettext2 (GETTEXT_PACKAGE, list->context, c->label));

      if (strcmp (key, value_key) == 0 || strcmp (key, label_key) == 0 ||
          strcmp (key, translated_key) == 0)
        return c->value;
    }
  return NULL;
}

/* One item of text as the field stores it: a choice's id, a country's
 * code, a currency's code in capitals; other text as written. */
static char *
item_from_text (const XarxaFieldInfo *field,
                const char           *text)
{
  switch (field->format)
    {
    case XARXA_FORMAT_CHOICE:
    case XARXA_FORMAT_CHOICES:
      {
        const char *value = field->choices != NULL ? choice_from_text (field->choices, text) : NULL;

        return g_strdup (value != NULL ? value : text);
      }
    case XARXA_FORMAT_COUNTRY:
      {
        char *code = xarxa_country_parse (text);

        return code != NULL ? code : g_strdup (text);
      }
    case XARXA_FORMAT_CURRENCY:
      return g_ascii_strup (text, -1);
    case XARXA_FORMAT_DATE_TIME:
      {
        char *copy = g_strdup (text);

        /* "2026-03-21 09:30", as people and spreadsheets write it. */
        if (strlen (copy) > 10 && copy[10] == ' ')
          copy[10] = 'T';
        return copy;
      }
    default:
      return g_strdup (text);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static JsonNode *
set_from_text (const XarxaFieldInfo *field,
               const char           *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ",;", -1);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonArray) array = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *item = NULL;
      gboolean seen = FALSE;

      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        continue;
      item = item_from_text (field, parts[i]);
      for (guint j = 0; j < items->len && !seen; j++)
        seen = strcmp (items->pdata[j], item) == 0;
      if (!seen)
        g_ptr_array_add (items, g_steal_pointer (&item));
    }
  if (items->len == 0)
    return json_node_new (JSON_NODE_NULL);

  /* Sorted by bytes, as the store keeps sets. */
  g_ptr_array_sort (items, compare_strings);
  array = json_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    json_array_add_string_element (array, items->pdata[i]);
  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
boolean_from_text (const char  *text,
                   GError     **error)
{
  static const char *const yes[] = { "yes", "true", "1", "si", NULL };
  static const char *const no[] = { "no", "false", "0", NULL };
  /* Folded: "Sí" and "SI" are "si". */
  g_autofree char *key = xarxa_fold_key (text);

  if (g_strv_contains (yes, key))
    return json_node_init_boolean (json_node_alloc (), TRUE);
  if (g_strv_contains (no, key))
    return json_node_init_boolean (json_node_alloc (), FALSE);
  g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
               _("“%s” is not yes or no. Write yes or no."), text);
  return NULL;
}

static JsonNode *
integer_from_text (const char  *text,
                   GError     **error)
{
  gint64 n;

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &n, NULL))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a whole number. Write it with digits only, like 250."), text);
      return NULL;
    }
  return json_node_init_int (json_node_alloc (), n);
}

static JsonNode *
real_from_text (const char  *text,
                GError     **error)
{
  g_autofree char *copy = g_strdup (text);
  const char *comma = strchr (copy, ',');
  char *end = NULL;
  double d;

  if (comma != NULL)
    {
      gsize after = strspn (comma + 1, "0123456789");

      /* "2,5" is two and a half; "2,500" could be two and a half or two
       * thousand five hundred, and "1,234,5" is nothing. */
      if (strchr (copy, '.') != NULL || strchr (comma + 1, ',') != NULL ||
          comma[1 + after] != '\0' || after == 0)
        goto not_a_number;
      if (after == 3)
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” could be read two ways. Write the number without a thousands separator and with a point for decimals, like 2500 or 2.5."),
                       text);
          return NULL;
        }
      copy[comma - copy] = '.';
    }
  for (const char *p = copy; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !strchr ("+-.eE", *p))
      goto not_a_number;
  d = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (d))
    goto not_a_number;
  return json_node_init_double (json_node_alloc (), d);

not_a_number:
  g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
               _("“%s” is not a number. Write it with digits and a point for decimals, like 1250.5."),
               text);
  return NULL;
}

JsonNode *
xarxa_field_value_from_text (const XarxaFieldInfo *field,
                             const char           *text,
                             GError              **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    return json_node_new (JSON_NODE_NULL);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                           _("The text is not valid UTF-8. Retype it or save the source file as UTF-8."));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return json_node_new (JSON_NODE_NULL);

  switch (field->kind)
    {
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_REF:
      {
        g_autofree char *item = item_from_text (field, trimmed);

        return json_node_init_string (json_node_alloc (), item);
      }
    case XARXA_FIELD_SET:
      return set_from_text (field, trimmed);
    case XARXA_FIELD_BOOL:
      return boolean_from_text (trimmed, error);
    case XARXA_FIELD_INT:
      return integer_from_text (trimmed, error);
    case XARXA_FIELD_REAL:
      return real_from_text (trimmed, error);
    default:
      g_assert_not_reached ();
    }
}

/* The shortest text that reads back as the same double. */
static char *
real_to_text (double d)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 15; precision <= 17; precision++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", precision);

      g_ascii_formatd (buffer, sizeof buffer, format, d);
      if (g_ascii_strtod (buffer, NULL) == d)
        break;
    }
  return g_strdup (buffer);
}

/* A scalar as text, whatever kind of JSON value holds it. */
static char *
scalar_to_text (JsonNode *value)
{
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return NULL;
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (value);

        return s != NULL && *s != '\0' ? g_strdup (s) : NULL;
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (value) ? "yes" : "no");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    case G_TYPE_DOUBLE:
      return real_to_text (json_node_get_double (value));
    default:
      return NULL;
    }
}

/* The items of a set, or of a value that holds one item, each turned into
 * text by item_text (NULL items skipped), joined with ", ". */
static char *
join_items (const XarxaFieldInfo *field,
            JsonNode             *value,
            char               *(*item_text) (const XarxaFieldInfo *, JsonNode *))
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    return item_text (field, value);
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item = item_text (field, json_array_get_element (array, i));

      if (item == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, item);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static char *
item_to_text (const XarxaFieldInfo *field,
              JsonNode             *value)
{
  return scalar_to_text (value);
}

char *
xarxa_field_value_to_text (const XarxaFieldInfo *field,
                           JsonNode             *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;
  return join_items (field, value, item_to_text);
}

static char *
item_to_display (const XarxaFieldInfo *field,
                 JsonNode             *value)
{
  g_autofree char *text = scalar_to_text (value);

  if (text == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));
  if (field->choices != NULL)
    return g_strdup (xarxa_choice_list_label (field->choices, text));
  if (field->format == XARXA_FORMAT_COUNTRY && xarxa_country_name (text) != NULL)
    return g_strdup (xarxa_country_name (text));
  return g_steal_pointer (&text);
}

char *
xarxa_field_value_to_display (const XarxaFieldInfo *field,
                              JsonNode             *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;
  return join_items (field, value, item_to_display);
}

#define TITLE_CHARS 80

/* The first line of text, cut at a word near TITLE_CHARS with an ellipsis. */
static char *
one_line (const char *text)
{
  const char *end = strchr (text, '\n');
  g_autofree char *line = g_strstrip (end != NULL ? g_strndup (text, end - text) : g_strdup (text));
  g_autofree char *cut = NULL;
  char *space;

  if (g_utf8_strlen (line, -1) <= TITLE_CHARS && end == NULL)
    return g_steal_pointer (&line);
  if (g_utf8_strlen (line, -1) <= TITLE_CHARS)
    return g_strconcat (line, "…", NULL);
  cut = g_utf8_substring (line, 0, TITLE_CHARS);
  space = strrchr (cut, ' ');
  if (space != NULL && space > cut + TITLE_CHARS / 2)
    *space = '\0';
  return g_strconcat (g_strchomp (cut), "…", NULL);
}

static char *
record_title (const XarxaRecordType *type,
              JsonObject            *record,
              XarxaRecordFetchFunc   fetch,
              gpointer               user_data,
              guint                  depth)
{
  const char *fields[] = { type->title_field, type->title_fallback };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const XarxaFieldInfo *info = fields[i] != NULL ? xarxa_record_type_field (type, fields[i]) : NULL;
      JsonNode *node = info != NULL ? json_object_get_member (record, info->name) : NULL;
      g_autofree char *title = NULL;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (info->kind == XARXA_FIELD_REF)
        {
          const XarxaRecordType *target = xarxa_schema_lookup (info->ref_type);
          g_autoptr(JsonObject) named = NULL;

          /* A reference names a record that may itself be titled by one:
           * two steps are as deep as the description goes. */
          if (fetch == NULL || target == NULL || depth >= 2 ||
              !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            continue;
          named = fetch (target->name, json_node_get_string (node), user_data);
          if (named != NULL)
            title = record_title (target, named, fetch, user_data, depth + 1);
        }
      else
        {
          g_autofree char *text = xarxa_field_value_to_display (info, node);

          if (text != NULL && *g_strstrip (text) != '\0')
            title = one_line (text);
        }
      if (title != NULL)
        return g_steal_pointer (&title);
    }
  return NULL;
}

char *
xarxa_record_title (const XarxaRecordType *type,
                    JsonObject            *record,
                    XarxaRecordFetchFunc   fetch,
                    gpointer               user_data)
{
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  return record_title (type, record, fetch, user_data, 0);
}

char *
xarxa_record_title_in_parent (const XarxaRecordType *type,
                              JsonObject            *record,
                              XarxaRecordFetchFunc   fetch,
                              gpointer               user_data)
{
  g_autofree char *title = NULL;
  g_autofree char *parent_title = NULL;
  const XarxaFieldInfo *parent = NULL;
  const XarxaRecordType *parent_type = NULL;
  const char *parent_id = NULL;
  g_autoptr(JsonObject) parent_record = NULL;

  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  title = record_title (type, record, fetch, user_data, 0);
  if (title == NULL)
    return NULL;
  if (type->parent_field != NULL)
    parent = xarxa_record_type_field (type, type->parent_field);
  if (parent != NULL && parent->kind == XARXA_FIELD_REF && parent->ref_type != NULL)
    parent_type = xarxa_schema_lookup (parent->ref_type);
  parent_id = json_object_get_string_member_with_default (record, type->parent_field != NULL ? type->parent_field : "", NULL);
  if (fetch != NULL && parent_type != NULL && parent_id != NULL && *parent_id != '\0')
    parent_record = fetch (parent_type->name, parent_id, user_data);
  if (parent_record != NULL)
    parent_title = record_title (parent_type, parent_record, fetch, user_data, 0);
  if (parent_title == NULL)
    return g_steal_pointer (&title);
  /* TRANSLATORS: a record's kind, its title and the title of the record it
   * belongs to, e.g. "Cluster member Fundació Exemple in Clúster Aigua",
   * "Itinerary stop Visit to the cooperative in Dakar 2026". */
  return g_strdup_printf (C_("record in its parent", "%s %s in %s"),
                          xarxa_record_type_get_singular (type), title, parent_title);
}
