/* xarxa-validate.c — what makes a field value acceptable.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-validate"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xarxa-countries.h"
#include "xarxa-error.h"
#include "xarxa-validate.h"
#include "xarxa-value.h"

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

/* YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, a wall-clock time with no
 * offset.  Sets *has_offset when the text is such a time followed by Z or
 * an offset, so that the message can say what to drop. */
static gboolean
validate_date_time (const char *text,
                    gboolean   *has_offset)
{
  g_autofree char *date = NULL;
  const char *time;
  gsize len = strlen (text);
  gsize time_len;
  int h, m, sec = 0;

  *has_offset = FALSE;
  if (len < 16 || (text[10] != 'T' && text[10] != 't'))
    return FALSE;
  date = g_strndup (text, 10);
  if (!xarxa_validate_date (date))
    return FALSE;
  time = text + 11;
  time_len = len - 11;
  /* HH:MM or HH:MM:SS, digits where digits belong. */
  for (gsize i = 0; i < MIN (time_len, 8); i++)
    {
      gboolean colon = i == 2 || i == 5;

      if (colon ? time[i] != ':' : !g_ascii_isdigit (time[i]))
        {
          if (i == 5 || i == 8)
            break;
          return FALSE;
        }
    }
  h = g_ascii_digit_value (time[0]) * 10 + g_ascii_digit_value (time[1]);
  m = g_ascii_digit_value (time[3]) * 10 + g_ascii_digit_value (time[4]);
  if (time_len >= 8 && time[5] == ':')
    {
      sec = g_ascii_digit_value (time[6]) * 10 + g_ascii_digit_value (time[7]);
      time += 8;
    }
  else
    time += 5;
  if (h > 23 || m > 59 || sec > 59)
    return FALSE;
  if (*time == '\0')
    return TRUE;
  *has_offset = strcmp (time, "Z") == 0 || strcmp (time, "z") == 0 ||
                ((time[0] == '+' || time[0] == '-') && g_ascii_isdigit (time[1]));
  return FALSE;
}

/* An IANA time-zone id that this system knows: the names in its zone
 * database, not a POSIX TZ rule or an offset. */
static gboolean
validate_time_zone (const char *id)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *path = NULL;
  const char *dir;

  if (!g_ascii_isalpha (id[0]) || strstr (id, "..") != NULL)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("/_-+", *p))
      return FALSE;
  zone = g_time_zone_new_identifier (id);
  if (zone == NULL)
    return FALSE;
  dir = g_getenv ("TZDIR");
  path = g_build_filename (dir != NULL && *dir != '\0' ? dir : "/usr/share/zoneinfo", id, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

gboolean
xarxa_validate_date_time (const char *text)
{
  gboolean has_offset;

  g_return_val_if_fail (text != NULL, FALSE);

  return validate_date_time (text, &has_offset);
}

gboolean
xarxa_validate_time_zone (const char *id)
{
  g_return_val_if_fail (id != NULL, FALSE);

  return validate_time_zone (id);
}

/* Checks one text value, or one item of a set, by the field's format. */
static gboolean
validate_text (const XarxaFieldInfo  *info,
               const char            *text,
               GError               **error)
{
  gsize len = strlen (text);
  gboolean has_offset;

  if (!g_utf8_validate (text, len, NULL))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("The text is not valid UTF-8. Retype it or save the source file as UTF-8."));
      return FALSE;
    }
  if (len > MAX_TEXT_BYTES || (len > MAX_SHORT_BYTES && info->format != XARXA_FORMAT_LONG_TEXT))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("The text is too long (%zu bytes). Shorten it."), len);
      return FALSE;
    }

  switch (info->format)
    {
    case XARXA_FORMAT_TEXT:
    case XARXA_FORMAT_LONG_TEXT:
    case XARXA_FORMAT_TAGS:
    case XARXA_FORMAT_NUMBER:
    case XARXA_FORMAT_YES_NO:
      return TRUE;

    case XARXA_FORMAT_CHOICE:
    case XARXA_FORMAT_CHOICES:
      g_assert (info->choices != NULL);
      if (xarxa_choice_list_find (info->choices, text) == NULL)
        {
          g_autofree char *allowed = g_strjoinv (", ", (GStrv) info->choices->values);
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not one of the allowed values: %s."), text, allowed);
          return FALSE;
        }
      return TRUE;

    case XARXA_FORMAT_EMAIL:
      if (!xarxa_validate_email (text))
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not an email address. It needs a name, an @ and a domain, like name@example.org."),
                       text);
          return FALSE;
        }
      return TRUE;

    case XARXA_FORMAT_URL:
      if (!xarxa_validate_url (text))
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a web address. Write it whole, starting with https://, like https://example.org."),
                       text);
          return FALSE;
        }
      return TRUE;

    case XARXA_FORMAT_PHONE:
      if (!xarxa_validate_phone (text))
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a phone number. Use digits, spaces and an optional leading +, like +34 933 123 456."),
                       text);
          return FALSE;
        }
      return TRUE;

    case XARXA_FORMAT_COUNTRY:
      if (!xarxa_country_is_valid (text))
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a known country. Use a two-letter ISO code such as ES, FR or SN."),
                       text);
          return FALSE;
        }
      return TRUE;

    case XARXA_FORMAT_LANGUAGE:
      if (!validate_language (text))
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a language code. Use codes such as ca, es, en or pt-BR."), text);
          return FALSE;
        }
      return TRUE;

    case XARXA_FORMAT_CURRENCY:
      if (!xarxa_currency_is_valid (text))
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a known currency. Use a three-letter ISO code such as EUR, USD or XOF."),
                       text);
          return FALSE;
        }
      return TRUE;

    case XARXA_FORMAT_DATE:
      if (!xarxa_validate_date (text))
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a date. Write it as year-month-day, like 2026-03-21."), text);
          return FALSE;
        }
      return TRUE;

    case XARXA_FORMAT_DATE_TIME:
      if (!validate_date_time (text, &has_offset))
        {
          if (has_offset)
            g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                         _("“%s” has a time-zone offset. Write the local time at the place without one, like 2026-03-21T09:30; the time zone is kept apart."),
                         text);
          else
            g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                         _("“%s” is not a date and time. Write the local time at the place as year-month-day, T, hours and minutes, like 2026-03-21T09:30."),
                         text);
          return FALSE;
        }
      return TRUE;

    case XARXA_FORMAT_TIME_ZONE:
      if (!validate_time_zone (text))
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a known time zone. Use a zone name such as Europe/Madrid, America/Montreal or Africa/Dakar."),
                       text);
          return FALSE;
        }
      return TRUE;

    case XARXA_FORMAT_REFERENCE:
      if (!g_uuid_string_is_valid (text))
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a record id."), text);
          return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
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
        return validate_text (info, trimmed, error);
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
      if (json_node_get_value_type (value) == G_TYPE_DOUBLE && !isfinite (json_node_get_double (value)))
        {
          g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                               _("The number is too large. Write a smaller number."));
          return FALSE;
        }
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
            /* Each item by the field's format: a language code, one of
             * the transitions; a tag is any text. */
            if (*s != '\0' && !validate_text (info, s, error))
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

gboolean
xarxa_validate_record (const XarxaRecordType *type,
                       JsonObject            *record,
                       GError               **error)
{
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  for (guint i = 0; i < type->n_fields; i++)
    {
      const XarxaFieldInfo *info = &type->fields[i];
      JsonNode *node;
      g_autofree char *text = NULL;

      if (!info->required)
        continue;
      node = json_object_get_member (record, info->name);
      text = node != NULL ? xarxa_field_value_to_text (info, node) : NULL;
      if (text == NULL || *g_strstrip (text) == '\0')
        {
          g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                               g_dgettext (GETTEXT_PACKAGE, info->required_message));
          return FALSE;
        }
    }
  return TRUE;
}
