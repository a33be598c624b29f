/* xarxa-document-list.c — the documents the Library view lists, as a
 * GListModel of XarxaRecords.
 *
 * SQLite answers the search (ranked by bm25) and the filters with row ids
 * only (xarxa_library_query_rowids()); a document's record is read when a
 * row asks for it, so that 20,000 documents cost 20,000 integers.  The
 * list runs its filter again when documents or their links change.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-document-list"

#include "config.h"

#include "xarxa-document-list.h"

struct _XarxaDocumentList
{
  GObject parent_instance;

  XarxaStore         *store;
  GArray             *rowids;    /* gint64 */
  XarxaLibraryFilter  filter;    /* its strings owned */
  guint64             last_serial;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XarxaDocumentList, xarxa_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
filter_clear (XarxaLibraryFilter *filter)
{
  g_free ((char *) filter->search);
  g_free ((char *) filter->kind);
  g_free ((char *) filter->transition);
  g_free ((char *) filter->territory);
  g_free ((char *) filter->language);
  g_free ((char *) filter->target_type);
  g_free ((char *) filter->target_id);
  *filter = (XarxaLibraryFilter) { 0 };
}

static void
filter_copy (XarxaLibraryFilter       *dest,
             const XarxaLibraryFilter *src)
{
  filter_clear (dest);
  dest->search = g_strdup (src->search);
  dest->kind = g_strdup (src->kind);
  dest->transition = g_strdup (src->transition);
  dest->territory = g_strdup (src->territory);
  dest->language = g_strdup (src->language);
  dest->year_from = src->year_from;
  dest->year_to = src->year_to;
  dest->target_type = g_strdup (src->target_type);
  dest->target_id = g_strdup (src->target_id);
}

static GType
get_item_type (GListModel *model)
{
  return XARXA_TYPE_RECORD;
}

static guint
get_n_items (GListModel *model)
{
  XarxaDocumentList *self = XARXA_DOCUMENT_LIST (model);

  return self->rowids->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  XarxaDocumentList *self = XARXA_DOCUMENT_LIST (model);
  g_autoptr(JsonObject) values = NULL;
  gint64 rowid;

  if (position >= self->rowids->len)
    return NULL;
  rowid = g_array_index (self->rowids, gint64, position);
  values = xarxa_store_get_record_by_rowid (self->store, "document", rowid, NULL);
  if (values == NULL)
    return NULL;
  return xarxa_record_new ("document", rowid, values, NULL);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

void
xarxa_document_list_refresh (XarxaDocumentList *self)
{
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) error = NULL;
  guint removed;

  g_return_if_fail (XARXA_IS_DOCUMENT_LIST (self));

  rowids = xarxa_library_query_rowids (self->store, &self->filter, &error);
  if (rowids == NULL)
    {
      g_warning ("Could not list the documents: %s", error->message);
      rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  removed = self->rowids->len;
  g_array_unref (self->rowids);
  self->rowids = g_steal_pointer (&rowids);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->rowids->len);
}

static void
store_changed_cb (XarxaDocumentList *self)
{
  guint64 serial = xarxa_store_get_change_serial (self->store);

  /* A document and its links changed in one transaction: one read. */
  if (serial != 0 && serial == self->last_serial)
    return;
  self->last_serial = serial;
  xarxa_document_list_refresh (self);
}

void
xarxa_document_list_set_filter (XarxaDocumentList        *self,
                                const XarxaLibraryFilter *filter)
{
  g_return_if_fail (XARXA_IS_DOCUMENT_LIST (self));
  g_return_if_fail (filter != NULL);

  filter_copy (&self->filter, filter);
  xarxa_document_list_refresh (self);
}

const XarxaLibraryFilter *
xarxa_document_list_get_filter (XarxaDocumentList *self)
{
  g_return_val_if_fail (XARXA_IS_DOCUMENT_LIST (self), NULL);

  return &self->filter;
}

guint
xarxa_document_list_find (XarxaDocumentList *self,
                          const char        *id)
{
  gint64 rowid;

  g_return_val_if_fail (XARXA_IS_DOCUMENT_LIST (self), G_MAXUINT);

  if (id == NULL)
    return G_MAXUINT;
  rowid = xarxa_store_get_rowid (self->store, "document", id);
  for (guint i = 0; rowid >= 0 && i < self->rowids->len; i++)
    if (g_array_index (self->rowids, gint64, i) == rowid)
      return i;
  return G_MAXUINT;
}

static void
xarxa_document_list_dispose (GObject *object)
{
  XarxaDocumentList *self = XARXA_DOCUMENT_LIST (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_document_list_parent_class)->dispose (object);
}

static void
xarxa_document_list_finalize (GObject *object)
{
  XarxaDocumentList *self = XARXA_DOCUMENT_LIST (object);

  filter_clear (&self->filter);
  g_array_unref (self->rowids);

  G_OBJECT_CLASS (xarxa_document_list_parent_class)->finalize (object);
}

static void
xarxa_document_list_class_init (XarxaDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xarxa_document_list_dispose;
  object_class->finalize = xarxa_document_list_finalize;
}

static void
xarxa_document_list_init (XarxaDocumentList *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

XarxaDocumentList *
xarxa_document_list_new (XarxaStore *store)
{
  XarxaDocumentList *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  self = g_object_new (XARXA_TYPE_DOCUMENT_LIST, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed::document", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::document_link", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  /* Empty until the first xarxa_document_list_refresh(): the Library view
   * reads its documents when it is first shown, not at start-up. */
  return self;
}
