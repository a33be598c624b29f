/* xarxa-query.h — what a list of records shows: type, search, filters, sort.
 *
 * A XarxaQuery is an owned value (a boxed type): the directory page, the
 * export, the command line and every list model copy it, compare it and
 * free it, rather than each keeping its own set of strings.  It names the
 * record type it queries, the words the user typed, a few field filters
 * (field name → value, the field taken from the type's description in
 * xarxa-schema.h) and the order.  The store answers it in SQL
 * (xarxa_store_query_rowids()).
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "xarxa-schema.h"

G_BEGIN_DECLS

typedef enum
{
  XARXA_SORT_NAME,      /* by the record's title (an organisation's name) */
  XARXA_SORT_UPDATED,   /* most recently changed first */
  XARXA_SORT_DUE,       /* by what is due first, for types whose hooks say
                         * what that is (a cluster: its next open action);
                         * by title for the others */
} XarxaSort;

typedef struct _XarxaQuery XarxaQuery;

#define XARXA_TYPE_QUERY (xarxa_query_get_type ())
GType                  xarxa_query_get_type        (void) G_GNUC_CONST;

/* Every record of the type, by title.  NULL for a type the schema lacks. */
XarxaQuery            *xarxa_query_new             (const char       *type_name);
XarxaQuery            *xarxa_query_copy            (const XarxaQuery *self);
void                   xarxa_query_free            (XarxaQuery       *self);
/* Same type, search text, filters and sort. */
gboolean               xarxa_query_equal           (const XarxaQuery *a,
                                                    const XarxaQuery *b);

const char            *xarxa_query_get_type_name   (const XarxaQuery *self);
const XarxaRecordType *xarxa_query_get_record_type (const XarxaQuery *self);

/* The words typed by the user (prefix match, accents folded); NULL or ""
 * for none. */
void                   xarxa_query_set_search      (XarxaQuery       *self,
                                                    const char       *search);
const char            *xarxa_query_get_search      (const XarxaQuery *self);

/* Keeps the records whose field holds value: equal to it, or for a set
 * (transitions, tags) containing it.  A NULL or empty value removes the
 * filter.  Returns FALSE, changing nothing, when the type has no such
 * field. */
gboolean               xarxa_query_set_filter      (XarxaQuery       *self,
                                                    const char       *field_name,
                                                    const char       *value);
/* The value a field is filtered by, or NULL. */
const char            *xarxa_query_get_filter      (const XarxaQuery *self,
                                                    const char       *field_name);
/* The filters in the order of their field names: n, then each by index. */
guint                  xarxa_query_get_n_filters   (const XarxaQuery *self);
const XarxaFieldInfo  *xarxa_query_get_filter_at   (const XarxaQuery *self,
                                                    guint             index,
                                                    const char      **out_value);

void                   xarxa_query_set_sort        (XarxaQuery       *self,
                                                    XarxaSort         sort);
XarxaSort              xarxa_query_get_sort        (const XarxaQuery *self);

/* TRUE when the query has search words or a filter: it may leave records
 * out (the sort alone leaves none out). */
gboolean               xarxa_query_is_narrowed     (const XarxaQuery *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaQuery, xarxa_query_free)

G_END_DECLS
