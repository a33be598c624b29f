/* xarxa-search.h — one search across the four views.
 *
 * A text is looked up in the full-text index of every type that has one
 * (xarxa-store-hooks.c): organisations, contact people (through their
 * organisation's row, which holds its people's names, addresses and
 * roles), clusters, missions and documents.  Hits come grouped by type in
 * that order, ranked within a type by the columns the words are in (a
 * name weighs more than a long text, a short text more than a long one;
 * of two as good, the newer first), each with its title and a snippet of
 * the words that matched.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xarxa-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   *type;      /* a record type name: "entity", "document", … */
  char   *id;
  char   *title;
  char   *snippet;   /* the matching words in their context, marked */
  double  rank;      /* lower is better (a negative BM25 score) */
} XarxaSearchHit;

void        xarxa_search_hit_free (XarxaSearchHit *hit);

/* The types a global search covers, in the order hits are grouped. */
const char *const *xarxa_search_types (void);

/* Every word of @text must match (as a prefix, accents folded).  @types:
 * the types to search (NULL-terminated), or NULL for all; a type that
 * cannot be searched fails with XARXA_ERROR_INVALID.  At most
 * @limit_per_type hits per type.  @mark_start and @mark_end surround the
 * matched words in snippets ("" for none).  Returns XarxaSearchHit*. */
GPtrArray  *xarxa_search          (XarxaStore         *store,
                                   const char         *text,
                                   const char *const  *types,
                                   guint               limit_per_type,
                                   const char         *mark_start,
                                   const char         *mark_end,
                                   GError            **error);

G_END_DECLS
