/* xarxa-entity.c — one organisation as the directory shows it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-entity"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-countries.h"
#include "xarxa-entity.h"
#include "xarxa-labels.h"

struct _XarxaEntity
{
  XarxaRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (XarxaEntity, xarxa_entity, XARXA_TYPE_RECORD)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SUMMARY,
  PROP_TRANSITIONS_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
xarxa_entity_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  XarxaEntity *self = XARXA_ENTITY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, xarxa_entity_get_name (self));
      break;
    case PROP_SUMMARY:
      g_value_take_string (value, xarxa_entity_dup_summary (self));
      break;
    case PROP_TRANSITIONS_LABEL:
      g_value_take_string (value, xarxa_entity_dup_transitions_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_entity_class_init (XarxaEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = xarxa_entity_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRANSITIONS_LABEL] =
    g_param_spec_string ("transitions-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xarxa_entity_init (XarxaEntity *self)
{
}

static const char *
get_text (XarxaEntity *self,
          const char  *member)
{
  return xarxa_record_get_string (XARXA_RECORD (self), member);
}

const char *
xarxa_entity_get_id (XarxaEntity *self)
{
  g_return_val_if_fail (XARXA_IS_ENTITY (self), NULL);
  return get_text (self, "id");
}

const char *
xarxa_entity_get_name (XarxaEntity *self)
{
  g_return_val_if_fail (XARXA_IS_ENTITY (self), NULL);
  return get_text (self, "name");
}

const char *
xarxa_entity_get_kind (XarxaEntity *self)
{
  g_return_val_if_fail (XARXA_IS_ENTITY (self), NULL);
  return get_text (self, "kind");
}

const char *
xarxa_entity_get_city (XarxaEntity *self)
{
  g_return_val_if_fail (XARXA_IS_ENTITY (self), NULL);
  return get_text (self, "city");
}

const char *
xarxa_entity_get_country (XarxaEntity *self)
{
  g_return_val_if_fail (XARXA_IS_ENTITY (self), NULL);
  return get_text (self, "country");
}

char *
xarxa_entity_dup_summary (XarxaEntity *self)
{
  const char *kind, *city, *country;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *place = NULL;

  g_return_val_if_fail (XARXA_IS_ENTITY (self), NULL);

  kind = xarxa_kind_label (xarxa_entity_get_kind (self));
  city = xarxa_entity_get_city (self);
  country = xarxa_country_name (xarxa_entity_get_country (self));
  if (country == NULL)
    country = xarxa_entity_get_country (self);

  if (city != NULL && country != NULL)
    /* Translators: a place in the directory list: "City, Country" */
    place = g_strdup_printf (C_("place", "%s, %s"), city, country);
  else
    place = g_strdup (city != NULL ? city : country);

  if (kind != NULL)
    g_string_append (out, kind);
  if (kind != NULL && place != NULL)
    g_string_append (out, " · ");
  if (place != NULL)
    g_string_append (out, place);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
xarxa_entity_dup_transitions_label (XarxaEntity *self)
{
  JsonNode *node;
  JsonArray *array;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (XARXA_IS_ENTITY (self), NULL);

  node = json_object_get_member (xarxa_record_get_values (XARXA_RECORD (self)), "transitions");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (out->len > 0)
        /* Translators: separates items of a list, as in "Social, Ecological" */
        g_string_append (out, C_("list separator", ", "));
      g_string_append (out, xarxa_transition_label (json_array_get_string_element (array, i)));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
