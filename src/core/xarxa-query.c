/* xarxa-query.c — what a list of records shows, as an owned value.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-query"

#include "config.h"

#include <string.h>

#include "xarxa-query.h"

typedef struct
{
  const XarxaFieldInfo *field;   /* from the static schema, never freed */
  char                 *value;
} Filter;

struct _XarxaQuery
{
  const XarxaRecordType *type;
  char                  *search;
  GArray                *filters;   /* Filter, sorted by field name */
  XarxaSort              sort;
};

G_DEFINE_BOXED_TYPE (XarxaQuery, xarxa_query, xarxa_query_copy, xarxa_query_free)

static void
filter_clear (gpointer data)
{
  Filter *filter = data;

  g_free (filter->value);
}

static XarxaQuery *
query_new_for_type (const XarxaRecordType *type)
{
  XarxaQuery *self = g_new0 (XarxaQuery, 1);

  self->type = type;
  self->filters = g_array_new (FALSE, FALSE, sizeof (Filter));
  g_array_set_clear_func (self->filters, filter_clear);
  self->sort = XARXA_SORT_NAME;
  return self;
}

XarxaQuery *
xarxa_query_new (const char *type_name)
{
  const XarxaRecordType *type;

  g_return_val_if_fail (type_name != NULL, NULL);
  type = xarxa_schema_lookup (type_name);
  g_return_val_if_fail (type != NULL, NULL);

  return query_new_for_type (type);
}

XarxaQuery *
xarxa_query_copy (const XarxaQuery *self)
{
  XarxaQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = query_new_for_type (self->type);
  copy->search = g_strdup (self->search);
  copy->sort = self->sort;
  for (guint i = 0; i < self->filters->len; i++)
    {
      Filter filter = g_array_index (self->filters, Filter, i);

      filter.value = g_strdup (filter.value);
      g_array_append_val (copy->filters, filter);
    }
  return copy;
}

void
xarxa_query_free (XarxaQuery *self)
{
  if (self == NULL)
    return;
  g_free (self->search);
  g_array_unref (self->filters);
  g_free (self);
}

gboolean
xarxa_query_equal (const XarxaQuery *a,
                   const XarxaQuery *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->type != b->type || a->sort != b->sort ||
      g_strcmp0 (a->search, b->search) != 0 ||
      a->filters->len != b->filters->len)
    return FALSE;
  /* Both sorted by field name: equal sets compare pairwise. */
  for (guint i = 0; i < a->filters->len; i++)
    {
      const Filter *x = &g_array_index (a->filters, Filter, i);
      const Filter *y = &g_array_index (b->filters, Filter, i);

      if (x->field != y->field || strcmp (x->value, y->value) != 0)
        return FALSE;
    }
  return TRUE;
}

const char *
xarxa_query_get_type_name (const XarxaQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->type->name;
}

const XarxaRecordType *
xarxa_query_get_record_type (const XarxaQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->type;
}

void
xarxa_query_set_search (XarxaQuery *self,
                        const char *search)
{
  g_return_if_fail (self != NULL);

  g_free (self->search);
  self->search = search != NULL && search[0] != '\0' ? g_strdup (search) : NULL;
}

const char *
xarxa_query_get_search (const XarxaQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->search;
}

/* The index where the field's filter is, or where it would go. */
static guint
filter_position (const XarxaQuery     *self,
                 const XarxaFieldInfo *field,
                 gboolean             *found)
{
  guint i;

  *found = FALSE;
  for (i = 0; i < self->filters->len; i++)
    {
      int cmp = strcmp (g_array_index (self->filters, Filter, i).field->name, field->name);

      if (cmp == 0)
        *found = TRUE;
      if (cmp >= 0)
        break;
    }
  return i;
}

gboolean
xarxa_query_set_filter (XarxaQuery *self,
                        const char *field_name,
                        const char *value)
{
  const XarxaFieldInfo *field;
  gboolean found;
  guint i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (field_name != NULL, FALSE);

  field = xarxa_record_type_field (self->type, field_name);
  if (field == NULL)
    return FALSE;

  i = filter_position (self, field, &found);
  if (value == NULL || value[0] == '\0')
    {
      if (found)
        g_array_remove_index (self->filters, i);
    }
  else if (found)
    {
      Filter *filter = &g_array_index (self->filters, Filter, i);

      g_free (filter->value);
      filter->value = g_strdup (value);
    }
  else
    {
      Filter filter = { field, g_strdup (value) };

      g_array_insert_val (self->filters, i, filter);
    }
  return TRUE;
}

const char *
xarxa_query_get_filter (const XarxaQuery *self,
                        const char       *field_name)
{
  const XarxaFieldInfo *field;
  gboolean found;
  guint i;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field_name != NULL, NULL);

  field = xarxa_record_type_field (self->type, field_name);
  if (field == NULL)
    return NULL;
  i = filter_position (self, field, &found);
  return found ? g_array_index (self->filters, Filter, i).value : NULL;
}

guint
xarxa_query_get_n_filters (const XarxaQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->filters->len;
}

const XarxaFieldInfo *
xarxa_query_get_filter_at (const XarxaQuery  *self,
                           guint              index,
                           const char       **out_value)
{
  const Filter *filter;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->filters->len, NULL);

  filter = &g_array_index (self->filters, Filter, index);
  if (out_value != NULL)
    *out_value = filter->value;
  return filter->field;
}

void
xarxa_query_set_sort (XarxaQuery *self,
                      XarxaSort   sort)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (sort == XARXA_SORT_NAME || sort == XARXA_SORT_UPDATED || sort == XARXA_SORT_DUE);
  self->sort = sort;
}

XarxaSort
xarxa_query_get_sort (const XarxaQuery *self)
{
  g_return_val_if_fail (self != NULL, XARXA_SORT_NAME);
  return self->sort;
}

gboolean
xarxa_query_is_narrowed (const XarxaQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->search != NULL || self->filters->len > 0;
}
