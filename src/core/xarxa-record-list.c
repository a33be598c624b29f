/* xarxa-record-list.c — the records a query matches, as a GListModel.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-record-list"

#include "config.h"

#include <string.h>

#include "xarxa-record-list.h"
#include "xarxa-store-hooks.h"
#include "xarxa-value.h"

#define CACHE_LIMIT 2048
/* Up to this many records a deferred list reads its rows at once: a
 * millisecond or two, and the window never shows a list that fills. */
#define LOAD_NOW_LIMIT 1000

typedef struct _LoadData LoadData;

struct _XarxaRecordList
{
  GObject     parent_instance;

  XarxaStore *store;
  GArray     *changed_ids; /* gulong: the store's changed::TYPE handlers */
  guint64     heard_serial; /* the store's change notice last read for */
  GArray     *rows;        /* gint64 rowids, in display order */
  GHashTable *cache;       /* rowid (gint64*) → XarxaRecord */
  gboolean    loaded;
  guint       generation;  /* bumped each time the rows are read */
  LoadData   *load;        /* the thread reading the rows, if any */
  GCancellable *load_cancellable;

  XarxaQuery *query;
};

static void xarxa_record_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XarxaRecordList, xarxa_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, xarxa_record_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
xarxa_record_list_get_item_type (GListModel *model)
{
  XarxaRecordList *self = XARXA_RECORD_LIST (model);

  return xarxa_record_item_type_for (xarxa_query_get_type_name (self->query));
}

static guint
xarxa_record_list_get_n_items (GListModel *model)
{
  return XARXA_RECORD_LIST (model)->rows->len;
}

/* For titles taken from the record a field names: a cluster's member is
 * read as its organisation's name. */
static JsonObject *
fetch_record (const char *type_name,
              const char *id,
              gpointer    user_data)
{
  return xarxa_store_get_record (XARXA_STORE (user_data), type_name, id, NULL);
}

static gpointer
xarxa_record_list_get_item (GListModel *model,
                            guint       position)
{
  XarxaRecordList *self = XARXA_RECORD_LIST (model);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autofree char *title = NULL;
  const char *type_name = xarxa_query_get_type_name (self->query);
  XarxaRecord *record;
  gint64 rowid;

  if (position >= self->rows->len)
    return NULL;

  rowid = g_array_index (self->rows, gint64, position);
  record = g_hash_table_lookup (self->cache, &rowid);
  if (record != NULL)
    return g_object_ref (record);

  values = xarxa_store_get_record_by_rowid (self->store, type_name, rowid, &error);
  if (values == NULL)
    {
      /* Removed by another connection since the last query: show the row
       * empty until the refresh that follows such a change. */
      g_debug ("Row %" G_GINT64_FORMAT " of %s is gone: %s", rowid, type_name, error->message);
      values = json_object_new ();
    }
  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);
  title = xarxa_record_title (xarxa_query_get_record_type (self->query), values, fetch_record, self->store);
  record = xarxa_record_new (type_name, rowid, values, title);
  g_hash_table_insert (self->cache, g_memdup2 (&rowid, sizeof rowid), g_object_ref (record));
  return record;
}

static void
xarxa_record_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = xarxa_record_list_get_item_type;
  iface->get_n_items = xarxa_record_list_get_n_items;
  iface->get_item = xarxa_record_list_get_item;
}

static gint64
rowid_of (XarxaRecordList *self,
          const char      *id)
{
  return xarxa_store_get_rowid (self->store, xarxa_query_get_type_name (self->query), id);
}

/* Takes rows as the list's and tells the views the smallest range that
 * differs; changed_rowid (or -1) is a row whose content changed in place. */
static void
set_rows (XarxaRecordList *self,
          GArray          *rows,
          gint64           changed_rowid)
{
  g_autoptr(GArray) old = NULL;
  guint prefix = 0, suffix = 0, old_n, new_n;
  gboolean was_loaded = self->loaded;

  g_hash_table_remove_all (self->cache);
  self->generation++;
  self->loaded = TRUE;

  old = self->rows;
  self->rows = rows;
  old_n = old->len;
  new_n = rows->len;

  while (prefix < old_n && prefix < new_n &&
         g_array_index (old, gint64, prefix) == g_array_index (rows, gint64, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         g_array_index (old, gint64, old_n - 1 - suffix) == g_array_index (rows, gint64, new_n - 1 - suffix))
    suffix++;

  if (old_n - prefix - suffix > 0 || new_n - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_n - prefix - suffix, new_n - prefix - suffix);

  if (changed_rowid >= 0)
    {
      /* The row did not move, but its content changed: rebind it. */
      for (guint i = 0; i < new_n; i++)
        if (g_array_index (rows, gint64, i) == changed_rowid)
          {
            if (i < prefix || i >= new_n - suffix)
              g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
            break;
          }
    }
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (!was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/* Re-runs the query on the store's own connection. */
static void
reload (XarxaRecordList *self,
        gint64           changed_rowid)
{
  g_autoptr(GError) error = NULL;
  GArray *rows;

  rows = xarxa_store_query_rowids (self->store, self->query, &error);
  if (rows == NULL)
    {
      g_warning ("The list of %s could not be read: %s",
                 xarxa_query_get_type_name (self->query), error->message);
      rows = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  set_rows (self, rows, changed_rowid);
}

/* Loading in a thread.  The task holds no reference to the list: a worker
 * thread may drop the task's last reference, and the list (with the store
 * it holds) must only ever be finalized on the main thread.  Until its
 * callback has run, the task, and so this data, is alive; the list clears
 * data->list when it goes first. */
struct _LoadData
{
  XarxaRecordList  *list;
  guint             generation;
  char             *path;
  XarxaQuery       *query;
};

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  xarxa_query_free (data->query);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(XarxaStore) store = NULL;
  GError *error = NULL;
  GArray *rows = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  /* Never makes a database where there is none. */
  store = xarxa_store_open_existing (data->path, &error);
  if (store != NULL)
    rows = xarxa_store_query_rowids (store, data->query, &error);
  if (store == NULL || rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, rows, (GDestroyNotify) g_array_unref);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadData *data = g_task_get_task_data (G_TASK (result));
  XarxaRecordList *self = data->list;
  g_autoptr(GError) error = NULL;
  GArray *rows;

  rows = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL)
    {
      g_clear_pointer (&rows, g_array_unref);
      return;   /* the list is gone */
    }
  self->load = NULL;
  g_clear_object (&self->load_cancellable);

  if (data->generation != self->generation)
    g_clear_pointer (&rows, g_array_unref);   /* read again meanwhile: these are older */
  else if (rows != NULL)
    set_rows (self, rows, -1);
  else
    {
      /* Read them here then, on the store's own connection. */
      g_debug ("The list of %s could not be read in a thread: %s",
               xarxa_query_get_type_name (self->query), error->message);
      reload (self, -1);
    }
}

static void
store_changed_cb (XarxaStore      *store,
                  const char      *type_name,
                  const char      *id,
                  XarxaRecordList *self)
{
  guint64 serial = xarxa_store_get_change_serial (store);
  gint64 changed_rowid = -1;

  /* Not read yet: the load, still to come, reads the rows as they are. */
  if (!self->loaded && self->load == NULL)
    return;
  if (id != NULL && g_strcmp0 (type_name, xarxa_query_get_type_name (self->query)) == 0)
    changed_rowid = rowid_of (self, id);
  if (serial == 0 || serial != self->heard_serial)
    {
      /* One read for all the types one transaction wrote. */
      self->heard_serial = serial;
      reload (self, changed_rowid);
      return;
    }
  /* The rows were read for this notice already: only a record of the
   * list's own type, changed in place, is still to be shown anew. */
  for (guint i = 0; changed_rowid >= 0 && i < self->rows->len; i++)
    if (g_array_index (self->rows, gint64, i) == changed_rowid)
      {
        g_hash_table_remove (self->cache, &changed_rowid);
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
        break;
      }
}

static void
xarxa_record_list_dispose (GObject *object)
{
  XarxaRecordList *self = XARXA_RECORD_LIST (object);

  if (self->load != NULL)
    {
      self->load->list = NULL;
      self->load = NULL;
      g_cancellable_cancel (self->load_cancellable);
    }
  g_clear_object (&self->load_cancellable);
  for (guint i = 0; self->store != NULL && i < self->changed_ids->len; i++)
    g_clear_signal_handler (&g_array_index (self->changed_ids, gulong, i), self->store);
  g_clear_object (&self->store);
  if (self->cache != NULL)
    g_hash_table_remove_all (self->cache);
  G_OBJECT_CLASS (xarxa_record_list_parent_class)->dispose (object);
}

static void
xarxa_record_list_finalize (GObject *object)
{
  XarxaRecordList *self = XARXA_RECORD_LIST (object);

  g_clear_pointer (&self->query, xarxa_query_free);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->changed_ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  G_OBJECT_CLASS (xarxa_record_list_parent_class)->finalize (object);
}

static void
xarxa_record_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, XARXA_RECORD_LIST (object)->rows->len);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, XARXA_RECORD_LIST (object)->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_record_list_class_init (XarxaRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xarxa_record_list_dispose;
  object_class->finalize = xarxa_record_list_finalize;
  object_class->get_property = xarxa_record_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xarxa_record_list_init (XarxaRecordList *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->changed_ids = g_array_new (FALSE, TRUE, sizeof (gulong));
}

static void
connect_changed (XarxaRecordList *self,
                 const char      *type_name)
{
  g_autofree char *signal = g_strconcat ("changed::", type_name, NULL);
  gulong id = g_signal_connect (self->store, signal, G_CALLBACK (store_changed_cb), self);

  g_array_append_val (self->changed_ids, id);
}

/* A list that hears of the changes to its type, and to the types its
 * search reads, and of no others. */
static XarxaRecordList *
record_list_new (XarxaStore       *store,
                 const XarxaQuery *query)
{
  XarxaRecordList *self = g_object_new (XARXA_TYPE_RECORD_LIST, NULL);
  const char *type_name = xarxa_query_get_type_name (query);
  /* A search may also find records by what other types hold (an
   * organisation by its people): their changes are heard too. */
  const XarxaSearchIndex *search = xarxa_schema_lookup (type_name)->hooks->search;

  self->store = g_object_ref (store);
  self->query = xarxa_query_copy (query);
  connect_changed (self, type_name);
  if (search != NULL && search->also_reads != NULL)
    for (guint i = 0; search->also_reads[i] != NULL; i++)
      connect_changed (self, search->also_reads[i]);
  return self;
}

XarxaRecordList *
xarxa_record_list_new (XarxaStore       *store,
                       const XarxaQuery *query)
{
  XarxaRecordList *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = record_list_new (store, query);
  reload (self, -1);
  return self;
}

XarxaRecordList *
xarxa_record_list_new_deferred (XarxaStore       *store,
                                const XarxaQuery *query)
{
  XarxaRecordList *self;
  gint64 n;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = record_list_new (store, query);
  /* So few records that reading them is no work at all. */
  n = xarxa_store_count_up_to (store, xarxa_query_get_type_name (query), LOAD_NOW_LIMIT + 1);
  if (n <= LOAD_NOW_LIMIT)
    reload (self, -1);
  return self;
}

gboolean
xarxa_record_list_get_loaded (XarxaRecordList *self)
{
  g_return_val_if_fail (XARXA_IS_RECORD_LIST (self), FALSE);

  return self->loaded;
}

gboolean
xarxa_record_list_get_loading (XarxaRecordList *self)
{
  g_return_val_if_fail (XARXA_IS_RECORD_LIST (self), FALSE);

  return self->load != NULL;
}

void
xarxa_record_list_load (XarxaRecordList *self)
{
  g_autoptr(GTask) task = NULL;
  const char *path;
  LoadData *data;

  g_return_if_fail (XARXA_IS_RECORD_LIST (self));

  if (self->loaded || self->load != NULL)
    return;

  /* A database only this connection sees is read here. */
  path = xarxa_store_get_path (self->store);
  if (path == NULL || path[0] == '\0' || g_str_equal (path, ":memory:"))
    {
      reload (self, -1);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->list = self;
  data->generation = self->generation;
  data->path = g_strdup (path);
  data->query = xarxa_query_copy (self->query);
  self->load = data;
  self->load_cancellable = g_cancellable_new ();

  task = g_task_new (NULL, self->load_cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, xarxa_record_list_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

void
xarxa_record_list_set_query (XarxaRecordList  *self,
                             const XarxaQuery *query)
{
  g_return_if_fail (XARXA_IS_RECORD_LIST (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (xarxa_query_get_record_type (query) == xarxa_query_get_record_type (self->query));

  /* The same query gives the same rows: the store's "changed" signal, not
   * a repeated query, is what refreshes them. */
  if (xarxa_query_equal (self->query, query))
    return;
  xarxa_query_free (self->query);
  self->query = xarxa_query_copy (query);
  /* Not read yet: the load, still to come, reads this query. */
  if (!self->loaded && self->load == NULL)
    return;
  reload (self, -1);
}

const XarxaQuery *
xarxa_record_list_get_query (XarxaRecordList *self)
{
  g_return_val_if_fail (XARXA_IS_RECORD_LIST (self), NULL);
  return self->query;
}

void
xarxa_record_list_refresh (XarxaRecordList *self)
{
  g_return_if_fail (XARXA_IS_RECORD_LIST (self));
  reload (self, -1);
}

guint
xarxa_record_list_find (XarxaRecordList *self,
                        const char      *id)
{
  gint64 rowid;

  g_return_val_if_fail (XARXA_IS_RECORD_LIST (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  rowid = rowid_of (self, id);
  for (guint i = 0; rowid >= 0 && i < self->rows->len; i++)
    if (g_array_index (self->rows, gint64, i) == rowid)
      return i;
  return G_MAXUINT;
}
