/* xarxa-render-util.c — what the printed documents share.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-render"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xarxa-render-util.h"
#include "xarxa-schema.h"
#include "xarxa-value.h"
#include "xarxa-values.h"

static char *
format_day (GDateTime *when,
            gboolean   with_weekday)
{
  /* Translators: a date on paper, as strftime() writes it: %A the
   * weekday, %-e the day, %B the month, %Y the year.  Catalan's %B is
   * already "de març": "%A, %-e %B de %Y". */
  const char *format = with_weekday ? C_("printed date", "%A %-e %B %Y")
                                    /* Translators: a date on paper without its weekday. */
                                    : C_("printed date", "%-e %B %Y");
  char *text = g_date_time_format (when, format);

  return text != NULL ? text : g_date_time_format (when, "%Y-%m-%d");
}

char *
xarxa_render_date (const char *iso,
                   gboolean    with_weekday)
{
  g_autoptr(GDateTime) when = NULL;
  int y, m, d;

  if (iso == NULL)
    return NULL;
  if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      (when = g_date_time_new_utc (y, m, d, 0, 0, 0)) == NULL)
    return g_strdup (iso);
  return format_day (when, with_weekday);
}

char *
xarxa_render_date_time_day (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);
  return format_day (when, TRUE);
}

char *
xarxa_render_field (const char *type_name,
                    JsonObject *record,
                    const char *field_name)
{
  const XarxaRecordType *type;
  const XarxaFieldInfo *field;

  g_return_val_if_fail (type_name != NULL && field_name != NULL, NULL);

  if (record == NULL || !json_object_has_member (record, field_name))
    return NULL;
  type = xarxa_schema_lookup (type_name);
  g_return_val_if_fail (type != NULL, NULL);
  field = xarxa_record_type_field (type, field_name);
  g_return_val_if_fail (field != NULL, NULL);
  return xarxa_field_value_to_display (field, json_object_get_member (record, field_name));
}

char *
xarxa_render_title_of (XarxaStore *store,
                       const char *type_name,
                       const char *id)
{
  const XarxaRecordType *type;
  g_autoptr(JsonObject) record = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);

  type = xarxa_schema_lookup (type_name);
  g_return_val_if_fail (type != NULL, NULL);
  if (id == NULL || (record = xarxa_store_get_live_record (store, type_name, id)) == NULL)
    return NULL;
  return xarxa_record_title (type, record, NULL, NULL);
}

char *
xarxa_render_field_of (XarxaStore *store,
                       const char *type_name,
                       const char *id,
                       const char *field_name)
{
  g_autoptr(JsonObject) record = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (type_name != NULL && field_name != NULL, NULL);

  if (id == NULL || (record = xarxa_store_get_live_record (store, type_name, id)) == NULL)
    return NULL;
  return xarxa_render_field (type_name, record, field_name);
}

char *
xarxa_render_escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

char *
xarxa_render_labelled (const char *label,
                       const char *text)
{
  g_return_val_if_fail (label != NULL, NULL);

  if (text == NULL || *text == '\0')
    return NULL;
  /* Translators: a label and its value on paper, "Field of work: water". */
  return g_markup_printf_escaped (C_("printed label", "<b>%s:</b> %s"), label, text);
}
