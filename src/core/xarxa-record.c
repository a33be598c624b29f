/* xarxa-record.c — one record of any type as a list shows it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-record"

#include "config.h"

#include "xarxa-record.h"
#include "xarxa-store-hooks.h"
#include "xarxa-value.h"

typedef struct
{
  const XarxaRecordType *type;
  gint64                 rowid;
  JsonObject            *values;
  char                  *title;
} XarxaRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (XarxaRecord, xarxa_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TYPE_NAME,
  PROP_ID,
  PROP_ROWID,
  PROP_VALUES,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
xarxa_record_finalize (GObject *object)
{
  XarxaRecordPrivate *priv = xarxa_record_get_instance_private (XARXA_RECORD (object));

  g_clear_pointer (&priv->values, json_object_unref);
  g_clear_pointer (&priv->title, g_free);
  G_OBJECT_CLASS (xarxa_record_parent_class)->finalize (object);
}

static void
xarxa_record_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  XarxaRecord *self = XARXA_RECORD (object);
  XarxaRecordPrivate *priv = xarxa_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TYPE_NAME:
      g_value_set_string (value, priv->type != NULL ? priv->type->name : NULL);
      break;
    case PROP_ID:
      g_value_set_string (value, xarxa_record_get_id (self));
      break;
    case PROP_ROWID:
      g_value_set_int64 (value, priv->rowid);
      break;
    case PROP_VALUES:
      g_value_set_boxed (value, priv->values);
      break;
    case PROP_TITLE:
      g_value_set_string (value, xarxa_record_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_record_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  XarxaRecordPrivate *priv = xarxa_record_get_instance_private (XARXA_RECORD (object));

  switch (prop_id)
    {
    case PROP_TYPE_NAME:
      priv->type = xarxa_schema_lookup (g_value_get_string (value));
      break;
    case PROP_ROWID:
      priv->rowid = g_value_get_int64 (value);
      break;
    case PROP_VALUES:
      priv->values = g_value_dup_boxed (value);
      break;
    case PROP_TITLE:
      priv->title = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_record_constructed (GObject *object)
{
  XarxaRecordPrivate *priv = xarxa_record_get_instance_private (XARXA_RECORD (object));

  G_OBJECT_CLASS (xarxa_record_parent_class)->constructed (object);
  g_assert (priv->type != NULL);
  if (priv->values == NULL)
    priv->values = json_object_new ();
  if (priv->title == NULL)
    priv->title = xarxa_record_title (priv->type, priv->values, NULL, NULL);
  if (priv->title == NULL)
    priv->title = g_strdup ("");
}

static void
xarxa_record_class_init (XarxaRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xarxa_record_finalize;
  object_class->get_property = xarxa_record_get_property;
  object_class->set_property = xarxa_record_set_property;
  object_class->constructed = xarxa_record_constructed;

  properties[PROP_TYPE_NAME] =
    g_param_spec_string ("type-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROWID] =
    g_param_spec_int64 ("rowid", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUES] =
    g_param_spec_boxed ("values", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xarxa_record_init (XarxaRecord *self)
{
  XarxaRecordPrivate *priv = xarxa_record_get_instance_private (self);

  priv->rowid = -1;
}

GType
xarxa_record_item_type_for (const char *type_name)
{
  const XarxaRecordType *type;

  g_return_val_if_fail (type_name != NULL, G_TYPE_INVALID);
  g_return_val_if_fail ((type = xarxa_schema_lookup (type_name)) != NULL, G_TYPE_INVALID);

  if (type->hooks->item_type != NULL)
    return type->hooks->item_type ();
  return XARXA_TYPE_RECORD;
}

XarxaRecord *
xarxa_record_new (const char *type_name,
                  gint64      rowid,
                  JsonObject *values,
                  const char *title)
{
  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (xarxa_schema_lookup (type_name) != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  return g_object_new (xarxa_record_item_type_for (type_name),
                       "type-name", type_name,
                       "rowid", rowid,
                       "values", values,
                       "title", title,
                       NULL);
}

const char *
xarxa_record_get_type_name (XarxaRecord *self)
{
  XarxaRecordPrivate *priv;

  g_return_val_if_fail (XARXA_IS_RECORD (self), NULL);
  priv = xarxa_record_get_instance_private (self);
  return priv->type->name;
}

const char *
xarxa_record_get_id (XarxaRecord *self)
{
  g_return_val_if_fail (XARXA_IS_RECORD (self), NULL);
  return xarxa_record_get_string (self, "id");
}

gint64
xarxa_record_get_rowid (XarxaRecord *self)
{
  XarxaRecordPrivate *priv;

  g_return_val_if_fail (XARXA_IS_RECORD (self), -1);
  priv = xarxa_record_get_instance_private (self);
  return priv->rowid;
}

JsonObject *
xarxa_record_get_values (XarxaRecord *self)
{
  XarxaRecordPrivate *priv;

  g_return_val_if_fail (XARXA_IS_RECORD (self), NULL);
  priv = xarxa_record_get_instance_private (self);
  return priv->values;
}

const char *
xarxa_record_get_title (XarxaRecord *self)
{
  XarxaRecordPrivate *priv;

  g_return_val_if_fail (XARXA_IS_RECORD (self), NULL);
  priv = xarxa_record_get_instance_private (self);
  return priv->title;
}

const char *
xarxa_record_get_string (XarxaRecord *self,
                         const char  *field_name)
{
  XarxaRecordPrivate *priv;
  JsonNode *node;

  g_return_val_if_fail (XARXA_IS_RECORD (self), NULL);
  g_return_val_if_fail (field_name != NULL, NULL);
  priv = xarxa_record_get_instance_private (self);

  node = json_object_get_member (priv->values, field_name);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}
