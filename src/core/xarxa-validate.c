/* xarxa-validate.c — what makes a field value acceptable.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-validate"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "xarxa-countries.h"
#include "xarxa-error.h"
#include "xarxa-validate.h"

#define MAX_TEXT_BYTES (1024 * 1024)   /* one field; a document's full text may be long */
#define MAX_SHORT_BYTES 1000           /* names, emails and the like */

gboolean
xarxa_validate_email (const char *text)
{
  const char *at;
  const char *dot;

  if (text == NULL || *text == '\0' || strlen (text) > 254)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>' || *p == '"')
      return FALSE;
  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0' || strlen (dot + 1) < 2)
    return FALSE;
  if (strstr (text, "..") != NULL || at[-1] == '.' || text[0] == '.')
    return FALSE;
  return TRUE;
}

gboolean
xarxa_validate_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p))
      return FALSE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;
  return host != NULL && strchr (host, '.') != NULL && host[0] != '.' &&
         host[strlen (host) - 1] != '.';
}

gboolean
xarxa_validate_phone (const char *text)
{
  guint digits = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+' && p != text)
        return FALSE;
      else if (!strchr ("+ -().", *p))
        return FALSE;
    }
  return digits >= 6 && digits <= 20;
}

gboolean
xarxa_validate_date (const char *text)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (text[4] != '-' || text[7] != '-')
    return FALSE;
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static gboolean
validate_language (const char *tag)
{
  /* A BCP 47 tag, loosely: a 2–3 letter language, then subtags. */
  g_auto(GStrv) parts = g_strsplit (tag, "-", -1);
  gsize n = strlen (parts[0]);

  if (n < 2 || n > 3)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize len = strlen (parts[i]);

      if (len == 0 || len > 8)
        return FALSE;
      for (const char *p = parts[i]; *p; p++)
        if (!g_ascii_isalnum (*p) || (i == 0 && !g_ascii_isalpha (*p)))
          return FALSE;
    }
  return TRUE;
}

/* Fields whose values come from a fixed list. */
static const struct
{
  const char        *type;
  const char        *field;
  const char *const *values;
} enums[] = {
  { "entity", "kind", xarxa_entity_kinds },
  { "entity", "membership", xarxa_membership_values },
  { "entity", "transitions", xarxa_transitions },
  { "cluster", "transitions", xarxa_transitions },
  { "cluster", "status", xarxa_cluster_statuses },
  { "cluster_member", "role", xarxa_member_roles },
  { "indicator", "direction", xarxa_indicator_directions },
  { "action", "status", xarxa_action_statuses },
  { "agenda_item", "kind", xarxa_agenda_kinds },
  { "agenda_item", "transition", xarxa_transitions },
  { "mission", "status", xarxa_mission_statuses },
  { "participant", "role", xarxa_participant_roles },
  { "itinerary_stop", "kind", xarxa_stop_kinds },
  { "document", "kind", xarxa_document_kinds },
  { "document", "transitions", xarxa_transitions },
};

static const char *const *
enum_values (const XarxaRecordType *type,
             const char            *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    if (strcmp (enums[i].type, type->name) == 0 && strcmp (enums[i].field, field) == 0)
      return enums[i].values;
  return NULL;
}

static gboolean
field_ends_with (const char *field,
                 const char *suffix)
{
  return g_str_has_suffix (field, suffix);
}

static gboolean
validate_text (const XarxaRecordType *type,
               const char            *field,
               const char            *text,
               GError               **error)
{
  const char *const *values = enum_values (type, field);
  gsize len = strlen (text);

  if (!g_utf8_validate (text, len, NULL))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("The text is not valid UTF-8. Retype it or save the source file as UTF-8."));
      return FALSE;
    }
  if (len > MAX_TEXT_BYTES ||
      (len > MAX_SHORT_BYTES && (strcmp (field, "name") == 0 || strcmp (field, "full_name") == 0 ||
                                 strcmp (field, "email") == 0 || strcmp (field, "phone") == 0 ||
                                 strcmp (field, "short_name") == 0 || strcmp (field, "title") == 0)))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("The text is too long (%zu bytes). Shorten it."), len);
      return FALSE;
    }
  if (values != NULL && !g_strv_contains (values, text))
    {
      g_autofree char *allowed = g_strjoinv (", ", (GStrv) values);
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not one of the allowed values: %s."), text, allowed);
      return FALSE;
    }
  if (strcmp (field, "email") == 0 && !xarxa_validate_email (text))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not an email address. It needs a name, an @ and a domain, like name@example.org."),
                   text);
      return FALSE;
    }
  if ((strcmp (field, "website") == 0 || strcmp (field, "url") == 0) && !xarxa_validate_url (text))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a web address. Write it whole, starting with https://, like https://example.org."),
                   text);
      return FALSE;
    }
  if (strcmp (field, "phone") == 0 && !xarxa_validate_phone (text))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a phone number. Use digits, spaces and an optional leading +, like +34 933 123 456."),
                   text);
      return FALSE;
    }
  if (strcmp (field, "country") == 0 && !xarxa_country_is_valid (text))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a known country. Use a two-letter ISO code such as ES, FR or SN."),
                   text);
      return FALSE;
    }
  if ((field_ends_with (field, "_date") || field_ends_with (field, "_on") ||
       strcmp (field, "date") == 0) && !xarxa_validate_date (text))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a date. Write it as year-month-day, like 2026-03-21."), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
xarxa_validate_field (const XarxaRecordType *type,
                      const char            *field,
                      JsonNode              *value,
                      GError               **error)
{
  const XarxaFieldInfo *info;

  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  info = xarxa_record_type_field (type, field);
  if (info == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a field of this kind of record."), field);
      return FALSE;
    }
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;

  switch (info->kind)
    {
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_REF:
      {
        const char *text;
        g_autofree char *trimmed = NULL;

        if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
          goto wrong_type;
        text = json_node_get_string (value);
        trimmed = g_strstrip (g_strdup (text));
        if (*trimmed == '\0')
          return TRUE;
        if (info->kind == XARXA_FIELD_REF && !g_uuid_string_is_valid (trimmed))
          {
            g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                         _("“%s” is not a record id."), trimmed);
            return FALSE;
          }
        return validate_text (type, field, trimmed, error);
      }
    case XARXA_FIELD_INT:
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
        goto wrong_type;
      if (json_node_get_int (value) < 0)
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("The number cannot be negative."));
          return FALSE;
        }
      return TRUE;
    case XARXA_FIELD_REAL:
      if (!JSON_NODE_HOLDS_VALUE (value) ||
          (json_node_get_value_type (value) != G_TYPE_DOUBLE &&
           json_node_get_value_type (value) != G_TYPE_INT64))
        goto wrong_type;
      return TRUE;
    case XARXA_FIELD_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        goto wrong_type;
      return TRUE;
    case XARXA_FIELD_SET:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (value))
          goto wrong_type;
        array = json_node_get_array (value);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *item = json_array_get_element (array, i);
            const char *s;

            if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
              goto wrong_type;
            s = json_node_get_string (item);
            if (!g_utf8_validate (s, -1, NULL))
              {
                g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                                     _("A tag or code is not valid text. Type it again."));
                return FALSE;
              }
            /* Counted in characters, as the message says: a tag of accented
             * letters takes more bytes than letters. */
            if (g_utf8_strlen (s, -1) > XARXA_MAX_SET_ITEM_CHARS)
              {
                g_autofree char *start = g_utf8_substring (s, 0, 40);

                g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                             _("“%s…” is too long for a tag or code. Keep each to %d characters or fewer."),
                             start, XARXA_MAX_SET_ITEM_CHARS);
                return FALSE;
              }
            if (strcmp (field, "languages") == 0 && *s != '\0' && !validate_language (s))
              {
                g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                             _("“%s” is not a language code. Use codes such as ca, es, en or pt-BR."), s);
                return FALSE;
              }
            if (*s != '\0' && enum_values (type, field) != NULL &&
                !validate_text (type, field, s, error))
              return FALSE;
          }
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }

wrong_type:
  g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
               _("The value of “%s” has the wrong type."), field);
  return FALSE;
}

static gboolean
require_text (JsonObject  *record,
              const char  *field,
              const char  *message,
              GError     **error)
{
  const char *text = json_object_get_string_member_with_default (record, field, NULL);

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_INVALID, message);
      return FALSE;
    }
  return TRUE;
}

gboolean
xarxa_validate_record (const XarxaRecordType *type,
                       JsonObject            *record,
                       GError               **error)
{
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (strcmp (type->name, "entity") == 0)
    return require_text (record, "name", _("The organisation needs a name."), error);
  if (strcmp (type->name, "contact") == 0)
    return require_text (record, "full_name", _("The contact person needs a name."), error);
  if (strcmp (type->name, "cluster") == 0)
    return require_text (record, "name", _("The cluster needs a name."), error);
  if (strcmp (type->name, "mission") == 0)
    return require_text (record, "title", _("The mission needs a title."), error);
  if (strcmp (type->name, "document") == 0)
    return require_text (record, "title", _("The document needs a title."), error);
  return TRUE;
}
