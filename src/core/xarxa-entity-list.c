/* xarxa-entity-list.c — the directory as a GListModel of XarxaEntity.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-entity-list"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "xarxa-entity-list.h"
#include "xarxa-store-private.h"

#define CACHE_LIMIT 2048
/* Up to this many organisations a deferred list reads its rows at once:
 * a millisecond or two, and the window never shows a list that fills. */
#define LOAD_NOW_LIMIT 1000

typedef struct _LoadData LoadData;

struct _XarxaEntityList
{
  GObject     parent_instance;

  XarxaStore *store;
  gulong      changed_id[2];   /* the store's changed::TYPE, its contacts' */
  GArray     *rows;        /* gint64 rowids, in display order */
  GHashTable *cache;       /* rowid (gint64*) → XarxaEntity */
  gboolean    loaded;
  guint       generation;  /* bumped each time the rows are read */
  LoadData   *load;        /* the thread reading the rows, if any */
  GCancellable *load_cancellable;

  XarxaQuery *query;
};

static void xarxa_entity_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XarxaEntityList, xarxa_entity_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, xarxa_entity_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
xarxa_entity_list_get_item_type (GListModel *model)
{
  return XARXA_TYPE_ENTITY;
}

static guint
xarxa_entity_list_get_n_items (GListModel *model)
{
  return XARXA_ENTITY_LIST (model)->rows->len;
}

static gpointer
xarxa_entity_list_get_item (GListModel *model,
                            guint       position)
{
  XarxaEntityList *self = XARXA_ENTITY_LIST (model);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  XarxaEntity *entity;
  gint64 rowid;

  if (position >= self->rows->len)
    return NULL;

  rowid = g_array_index (self->rows, gint64, position);
  entity = g_hash_table_lookup (self->cache, &rowid);
  if (entity != NULL)
    return g_object_ref (entity);

  record = xarxa_store_get_record_by_rowid (self->store, "entity", rowid, &error);
  if (record == NULL)
    {
      /* Removed by another connection since the last query: show the row
       * empty until the refresh that follows such a change. */
      g_debug ("Entity row %" G_GINT64_FORMAT " is gone: %s", rowid, error->message);
      record = json_object_new ();
      json_object_set_string_member (record, "name", "");
    }
  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);
  entity = xarxa_entity_new (record);
  g_hash_table_insert (self->cache, g_memdup2 (&rowid, sizeof rowid), g_object_ref (entity));
  return entity;
}

static void
xarxa_entity_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = xarxa_entity_list_get_item_type;
  iface->get_n_items = xarxa_entity_list_get_n_items;
  iface->get_item = xarxa_entity_list_get_item;
}

static gint64
rowid_of (XarxaEntityList *self,
          const char      *id)
{
  return xarxa_store_get_rowid (self->store, xarxa_query_get_type_name (self->query), id);
}

/* Takes rows as the list's and tells the views the smallest range that
 * differs; changed_rowid (or -1) is a row whose content changed in place. */
static void
set_rows (XarxaEntityList *self,
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
reload (XarxaEntityList *self,
        gint64           changed_rowid)
{
  g_autoptr(GError) error = NULL;
  GArray *rows;

  rows = xarxa_store_query_rowids (self->store, self->query, &error);
  if (rows == NULL)
    {
      g_warning ("The directory could not be read: %s", error->message);
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
  XarxaEntityList  *list;
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
  XarxaEntityList *self = data->list;
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
      g_debug ("The directory could not be read in a thread: %s", error->message);
      reload (self, -1);
    }
}

static void
store_changed_cb (XarxaStore      *store,
                  const char      *type_name,
                  const char      *id,
                  XarxaEntityList *self)
{
  gint64 changed_rowid = -1;

  /* Not read yet: the load, still to come, reads the rows as they are. */
  if (!self->loaded && self->load == NULL)
    return;
  if (id != NULL && g_strcmp0 (type_name, "entity") == 0)
    changed_rowid = rowid_of (self, id);
  reload (self, changed_rowid);
}

static void
xarxa_entity_list_dispose (GObject *object)
{
  XarxaEntityList *self = XARXA_ENTITY_LIST (object);

  if (self->load != NULL)
    {
      self->load->list = NULL;
      self->load = NULL;
      g_cancellable_cancel (self->load_cancellable);
    }
  g_clear_object (&self->load_cancellable);
  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->changed_id[0], self->store);
      g_clear_signal_handler (&self->changed_id[1], self->store);
    }
  g_clear_object (&self->store);
  if (self->cache != NULL)
    g_hash_table_remove_all (self->cache);
  G_OBJECT_CLASS (xarxa_entity_list_parent_class)->dispose (object);
}

static void
xarxa_entity_list_finalize (GObject *object)
{
  XarxaEntityList *self = XARXA_ENTITY_LIST (object);

  g_clear_pointer (&self->query, xarxa_query_free);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  G_OBJECT_CLASS (xarxa_entity_list_parent_class)->finalize (object);
}

static void
xarxa_entity_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, XARXA_ENTITY_LIST (object)->rows->len);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, XARXA_ENTITY_LIST (object)->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_entity_list_class_init (XarxaEntityListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xarxa_entity_list_dispose;
  object_class->finalize = xarxa_entity_list_finalize;
  object_class->get_property = xarxa_entity_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xarxa_entity_list_init (XarxaEntityList *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->query = xarxa_query_new ("entity");
}

/* An organisation's search row holds its contact people's text, so a
 * change to a contact may change which organisations a search finds. */
static void
connect_store (XarxaEntityList *self)
{
  self->changed_id[0] = g_signal_connect (self->store, "changed::entity",
                                          G_CALLBACK (store_changed_cb), self);
  self->changed_id[1] = g_signal_connect (self->store, "changed::contact",
                                          G_CALLBACK (store_changed_cb), self);
}

XarxaEntityList *
xarxa_entity_list_new (XarxaStore *store)
{
  XarxaEntityList *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  self = g_object_new (XARXA_TYPE_ENTITY_LIST, NULL);
  self->store = g_object_ref (store);
  connect_store (self);
  reload (self, -1);
  return self;
}

/* Whether the store holds so few organisations that reading them is no
 * work at all. */
static gboolean
few_entities (XarxaStore *store)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store,
                                            "SELECT count(*) FROM (SELECT 1 FROM entity WHERE deleted = 0 LIMIT ?1)",
                                            NULL);
  gint64 n = G_MAXINT64;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int (stmt, 1, LOAD_NOW_LIMIT + 1);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n <= LOAD_NOW_LIMIT;
}

XarxaEntityList *
xarxa_entity_list_new_deferred (XarxaStore *store)
{
  XarxaEntityList *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  self = g_object_new (XARXA_TYPE_ENTITY_LIST, NULL);
  self->store = g_object_ref (store);
  connect_store (self);
  if (few_entities (store))
    reload (self, -1);
  return self;
}

gboolean
xarxa_entity_list_get_loaded (XarxaEntityList *self)
{
  g_return_val_if_fail (XARXA_IS_ENTITY_LIST (self), FALSE);

  return self->loaded;
}

gboolean
xarxa_entity_list_get_loading (XarxaEntityList *self)
{
  g_return_val_if_fail (XARXA_IS_ENTITY_LIST (self), FALSE);

  return self->load != NULL;
}

void
xarxa_entity_list_load (XarxaEntityList *self)
{
  g_autoptr(GTask) task = NULL;
  const char *path;
  LoadData *data;

  g_return_if_fail (XARXA_IS_ENTITY_LIST (self));

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
  g_task_set_source_tag (task, xarxa_entity_list_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

void
xarxa_entity_list_set_query (XarxaEntityList  *self,
                             const XarxaQuery *query)
{
  g_return_if_fail (XARXA_IS_ENTITY_LIST (self));
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
xarxa_entity_list_get_query (XarxaEntityList *self)
{
  g_return_val_if_fail (XARXA_IS_ENTITY_LIST (self), NULL);
  return self->query;
}

void
xarxa_entity_list_refresh (XarxaEntityList *self)
{
  g_return_if_fail (XARXA_IS_ENTITY_LIST (self));
  reload (self, -1);
}

guint
xarxa_entity_list_find (XarxaEntityList *self,
                        const char      *id)
{
  gint64 rowid;

  g_return_val_if_fail (XARXA_IS_ENTITY_LIST (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  rowid = rowid_of (self, id);
  for (guint i = 0; rowid >= 0 && i < self->rows->len; i++)
    if (g_array_index (self->rows, gint64, i) == rowid)
      return i;
  return G_MAXUINT;
}
