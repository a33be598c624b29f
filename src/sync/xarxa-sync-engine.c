/* xarxa-sync-engine.c — the sync client: push the outbox, pull changes, merge.
 *
 * Push: outbox rows go in seq order, in batches, each with the device's next
 * sequence number.  The request body is saved in sync_state before it is
 * sent and resent unchanged until the server answers, so a retry after a
 * crash carries the same numbers and the server answers "duplicate" instead
 * of applying a change twice.  The answers are handled, and the batch
 * forgotten, in one transaction.
 *
 * Pull: each page is applied and the cursor stored in one transaction.  A
 * remote record replaces the local one unless the local one has changes not
 * yet acknowledged (outbox rows) or open conflicts; then fields merge: those
 * changed here stay (the server decides when they are pushed), tag sets
 * merge additions and removals, the others take the remote value.
 *
 * Conflict kinds follow the server's naming, "mine-theirs": "field" (the same
 * field changed on both sides), "delete-edit" (deleted here, edited there),
 * "edit-delete" (edited here, deleted there), and "rejected" (the server
 * refused a change; a note for a person, with the reason).  Record-level
 * conflicts use the field name "*".
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "xarxa-json.h"
#include "xarxa-store-private.h"
#include "xarxa-sync-engine.h"

#define RECORD_FIELD "*"
#define MAX_CHUNK (4 * 1024 * 1024)

struct _XarxaSyncEngine
{
  GObject            parent_instance;

  XarxaStore        *store;
  char              *server_url;
  char              *token;
  char              *files_dir;
  guint              max_retries;
  guint              base_ms;
  guint              max_ms;
  guint              page_size;
  guint              batch_size;
  guint              pull_group;
  XarxaSyncTestHook  hook;
  gpointer           hook_data;
  GMainContext      *progress_context;  /* for progress from a worker */
  XarxaSyncEngine   *progress_target;
};

G_DEFINE_FINAL_TYPE (XarxaSyncEngine, xarxa_sync_engine, G_TYPE_OBJECT)

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What one sync run talks to. */
typedef struct
{
  XarxaSyncEngine *engine;
  XarxaStore      *store;
  XarxaSyncClient *client;
  XarxaSyncStats  *stats;
  GCancellable    *cancellable;
  guint            max_batch;
  guint            max_page;
  gsize            max_chunk;
  char            *epoch;         /* the server's, from info */
  gint64           server_version;
  guint            push_count;
  guint            pull_count;
  gboolean         outbox_empty;     /* at the start of the page being applied */
  gboolean         conflicts_empty;
} Run;

/* ---- small helpers -------------------------------------------------------- */

static char *
node_to_text (JsonNode *node)
{
  return xarxa_json_node_to_text (node);
}

static JsonNode *
text_to_node (const char *text)
{
  if (text == NULL)
    return NULL;
  return xarxa_json_parse (text, -1, NULL);
}

static JsonObject *
text_to_object (const char *text)
{
  g_autoptr(JsonNode) node = text_to_node (text);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();
  return json_object_ref (json_node_get_object (node));
}

static gboolean
node_empty (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return *json_node_get_string (node) == '\0';
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  return FALSE;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType t;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

/* Equal as field values: empty is empty whatever its form, numbers by value. */
static gboolean
values_same (JsonNode *a,
             JsonNode *b)
{
  gboolean ae = node_empty (a), be = node_empty (b);

  if (ae || be)
    return ae == be;
  if (node_is_number (a) && node_is_number (b))
    return json_node_get_double (a) == json_node_get_double (b);
  return json_node_equal (a, b);
}

/* A remote value in the form the local store keeps. */
static JsonNode *
local_value (const XarxaFieldInfo *field,
             JsonNode             *node)
{
  if (!xarxa_field_accepts_remote (field, node))
    return json_node_new (JSON_NODE_NULL);
  switch (field->kind)
    {
    case XARXA_FIELD_REAL:
      return json_node_init_double (json_node_alloc (), json_node_get_double (node));
    case XARXA_FIELD_INT:
      if (json_node_get_value_type (node) != G_TYPE_INT64)
        return json_node_init_int (json_node_alloc (), (gint64) json_node_get_double (node));
      return json_node_copy (node);
    default:
      return json_node_copy (node);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_strings (GHashTable *set,
             JsonNode   *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);

      if (s != NULL)
        g_hash_table_add (set, (gpointer) s);
    }
}

/* (remote ∪ (local − base)) − (base − local) */
static JsonNode *
merge_sets (JsonNode *base,
            JsonNode *local,
            JsonNode *remote)
{
  g_autoptr(GHashTable) b = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) l = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) r = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) out = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = NULL;
  GHashTableIter iter;
  gpointer key;
  JsonArray *array;

  add_strings (b, base);
  add_strings (l, local);
  add_strings (r, remote);
  g_hash_table_iter_init (&iter, r);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!(g_hash_table_contains (b, key) && !g_hash_table_contains (l, key)))
      g_hash_table_add (out, key);
  g_hash_table_iter_init (&iter, l);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      g_hash_table_add (out, key);
  if (g_hash_table_size (out) == 0)
    return json_node_new (JSON_NODE_NULL);
  items = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, out);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (items, key);
  g_ptr_array_sort (items, compare_strings);
  array = json_array_new ();
  for (guint i = 0; i < items->len; i++)
    json_array_add_string_element (array, items->pdata[i]);
  return json_node_init_array (json_node_alloc (), array);
}

/* ---- sync_state ----------------------------------------------------------- */

char *
xarxa_sync_state_get (XarxaStore *store,
                      const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  stmt = xarxa_store_prepare (store, "SELECT value FROM sync_state WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
xarxa_sync_state_set (XarxaStore  *store,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);

  if (value == NULL)
    {
      stmt = xarxa_store_prepare (store, "DELETE FROM sync_state WHERE key = ?1", error);
      if (stmt == NULL)
        return FALSE;
      xarxa_sqlite_bind_text (stmt, 1, key);
      return xarxa_store_step_done (store, stmt, error);
    }
  stmt = xarxa_store_prepare (store,
                              "INSERT INTO sync_state (key, value) VALUES (?1, ?2) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, key);
  xarxa_sqlite_bind_text (stmt, 2, value);
  return xarxa_store_step_done (store, stmt, error);
}

static gint64
state_get_int (XarxaStore *store,
               const char *key)
{
  g_autofree char *text = xarxa_sync_state_get (store, key);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static gboolean
state_set_int (XarxaStore  *store,
               const char  *key,
               gint64       value,
               GError     **error)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  return xarxa_sync_state_set (store, key, buf, error);
}

/* Whether a "SELECT EXISTS (…)" answers false. */
static gboolean
exists_is_false (XarxaStore *store,
                 const char *sql)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store, sql, NULL);
  gboolean none = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    none = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return none;
}

/* ---- records, shadow, conflicts ------------------------------------------- */

/* The local record, or NULL when this device has none (no error is made:
 * on a first sync that is every record). */
static JsonObject *
get_local (XarxaStore            *store,
           const XarxaRecordType *type,
           const char            *id)
{
  return xarxa_store_get_record (store, type->name, id, NULL);
}

static JsonObject *
shadow_get (XarxaStore *store,
            const char *type_name,
            const char *id,
            gint64     *version)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store,
                                            "SELECT data, version FROM shadow WHERE record_type = ?1 AND record_id = ?2",
                                            NULL);
  JsonObject *data = NULL;

  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, type_name);
  xarxa_sqlite_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (text != NULL && *text == '\0')
        {
          /* Kept as the record stands (see shadow_put_text()). */
          const XarxaRecordType *type = xarxa_schema_lookup (type_name);
          g_autoptr(JsonObject) local = type != NULL ? get_local (store, type, id) : NULL;

          data = local != NULL ? xarxa_store_record_as_shadow (type, local) : json_object_new ();
        }
      else
        data = text_to_object (text);
      if (version != NULL)
        *version = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return data;
}

/* The shadow's version alone (0 when there is none): no JSON to read. */
static gint64
shadow_get_version (XarxaStore *store,
                    const char *type_name,
                    const char *id)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store,
                                            "SELECT version FROM shadow WHERE record_type = ?1 AND record_id = ?2",
                                            NULL);
  gint64 version = 0;

  if (stmt == NULL)
    return 0;
  xarxa_sqlite_bind_text (stmt, 1, type_name);
  xarxa_sqlite_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

/* @data as JSON text: the store's writer, which handles the usual members
 * directly (shadows are written for every pulled record). */
static char *
shadow_to_text (JsonObject *data)
{
  return xarxa_json_object_to_text (data);
}

/* @text: the shadow as JSON, or '' for the record as it stands: a record
 * just inserted as the server sent it, until this device changes it (the
 * store then writes the shadow out first).  A first sync so writes no
 * copy of every record, which was a fifth of its time. */
static gboolean
shadow_put_text (XarxaStore  *store,
                 const char  *type_name,
                 const char  *id,
                 const char  *text,
                 gint64       version,
                 GError     **error)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store,
                                            "INSERT INTO shadow (record_type, record_id, data, version) VALUES (?1, ?2, ?3, ?4) "
                                            "ON CONFLICT (record_type, record_id) DO UPDATE SET data = excluded.data, version = excluded.version",
                                            error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, type_name);
  xarxa_sqlite_bind_text (stmt, 2, id);
  xarxa_sqlite_bind_text (stmt, 3, text);
  sqlite3_bind_int64 (stmt, 4, version);
  return xarxa_store_step_done (store, stmt, error);
}

static gboolean
shadow_put (XarxaStore  *store,
            const char  *type_name,
            const char  *id,
            JsonObject  *data,
            gint64       version,
            GError     **error)
{
  g_autofree char *text = shadow_to_text (data);

  return shadow_put_text (store, type_name, id, text, version, error);
}

static gboolean
field_conflicted (JsonArray  *field_conflicts,
                  const char *name)
{
  for (guint i = 0; field_conflicts != NULL && i < json_array_get_length (field_conflicts); i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (field_conflicts, i),
                                                               "field", ""), name) == 0)
      return TRUE;
  return FALSE;
}

/* After a pushed change is applied: sets the pushed fields (but those in
 * conflict) and the deleted flag in the record's shadow inside SQLite,
 * without reading the shadow into objects: one merge patch (RFC 7396) for
 * the fields with a value, and json_set for the fields emptied (a null in
 * a merge patch would remove the member, not set it null).  Sets
 * *@shadow_version to 0 when it did not patch (the caller then writes a
 * whole shadow), else to a positive number. */
static gboolean
shadow_patch (XarxaStore  *store,
              const char  *type_name,
              const char  *id,
              JsonObject  *fields,
              JsonArray   *field_conflicts,
              gboolean     deleted,
              gint64       version,
              gint64      *shadow_version,
              GError     **error)
{
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(GPtrArray) emptied = g_ptr_array_new ();
  g_autofree char *patch_text = NULL;
  sqlite3_stmt *stmt;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  *shadow_version = 0;
  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (field_conflicted (field_conflicts, name))
        continue;
      if (JSON_NODE_HOLDS_NULL (value))
        g_ptr_array_add (emptied, (gpointer) name);
      else
        json_object_set_member (patch, name, json_node_ref (value));
    }
  json_object_set_boolean_member (patch, "deleted", deleted);
  patch_text = xarxa_json_object_to_text (patch);

  stmt = xarxa_store_prepare (store,
                              "UPDATE shadow SET data = json_patch (data, ?3), version = max (version, ?4) "
                              "WHERE record_type = ?1 AND record_id = ?2 AND version > 0 AND json_valid (data)",
                              error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, type_name);
  xarxa_sqlite_bind_text (stmt, 2, id);
  xarxa_sqlite_bind_text (stmt, 3, patch_text);
  sqlite3_bind_int64 (stmt, 4, version);
  if (!xarxa_store_step_done (store, stmt, error))
    return FALSE;
  /* No shadow, one being reconciled (version 0 or less), or one that is
   * not JSON (damaged): the caller writes a whole one from what the server
   * now holds. */
  if (sqlite3_changes (xarxa_store_get_db (store)) == 0)
    return TRUE;
  *shadow_version = 1;   /* patched */

  for (guint i = 0; i < emptied->len; i++)
    {
      g_autofree char *path = NULL;
      const char *field = emptied->pdata[i];

      /* Only field names (letters, digits, underscores) become paths. */
      if (field[0] == '\0' || field[strspn (field, "abcdefghijklmnopqrstuvwxyz0123456789_")] != '\0')
        continue;
      stmt = xarxa_store_prepare (store,
                                  "UPDATE shadow SET data = json_set (data, ?3, NULL) "
                                  "WHERE record_type = ?1 AND record_id = ?2",
                                  error);
      if (stmt == NULL)
        return FALSE;
      path = g_strconcat ("$.", field, NULL);
      xarxa_sqlite_bind_text (stmt, 1, type_name);
      xarxa_sqlite_bind_text (stmt, 2, id);
      xarxa_sqlite_bind_text (stmt, 3, path);
      if (!xarxa_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
conflict_put (XarxaStore  *store,
              const char  *type_name,
              const char  *id,
              const char  *field,
              const char  *kind,
              JsonNode    *mine,
              JsonNode    *theirs,
              JsonNode    *base,
              gint64       theirs_version,
              GError     **error)
{
  g_autofree char *mine_text = node_to_text (mine);
  g_autofree char *theirs_text = node_to_text (theirs);
  g_autofree char *base_text = node_to_text (base);
  g_autofree char *now = xarxa_now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = xarxa_store_prepare (store,
                              "INSERT INTO conflict (record_type, record_id, field, kind, mine, theirs, base, theirs_version, created_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                              "ON CONFLICT (record_type, record_id, field) DO UPDATE SET kind = excluded.kind, "
                              "mine = excluded.mine, theirs = excluded.theirs, base = excluded.base, "
                              "theirs_version = excluded.theirs_version",
                              error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, type_name);
  xarxa_sqlite_bind_text (stmt, 2, id);
  xarxa_sqlite_bind_text (stmt, 3, field);
  xarxa_sqlite_bind_text (stmt, 4, kind);
  xarxa_sqlite_bind_text (stmt, 5, mine_text);
  xarxa_sqlite_bind_text (stmt, 6, theirs_text);
  xarxa_sqlite_bind_text (stmt, 7, base_text);
  sqlite3_bind_int64 (stmt, 8, theirs_version);
  xarxa_sqlite_bind_text (stmt, 9, now);
  return xarxa_store_step_done (store, stmt, error);
}

static gboolean
conflict_set_theirs (XarxaStore  *store,
                     const char  *type_name,
                     const char  *id,
                     const char  *field,
                     JsonNode    *theirs,
                     gint64       theirs_version,
                     GError     **error)
{
  g_autofree char *text = node_to_text (theirs);
  sqlite3_stmt *stmt = xarxa_store_prepare (store,
                                            "UPDATE conflict SET theirs = ?4, theirs_version = ?5 "
                                            "WHERE record_type = ?1 AND record_id = ?2 AND field = ?3",
                                            error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, type_name);
  xarxa_sqlite_bind_text (stmt, 2, id);
  xarxa_sqlite_bind_text (stmt, 3, field);
  xarxa_sqlite_bind_text (stmt, 4, text);
  sqlite3_bind_int64 (stmt, 5, theirs_version);
  return xarxa_store_step_done (store, stmt, error);
}

static gboolean
conflict_drop_field (XarxaStore  *store,
                     const char  *type_name,
                     const char  *id,
                     const char  *field,
                     GError     **error)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store,
                                            "DELETE FROM conflict WHERE record_type = ?1 AND record_id = ?2 AND field = ?3",
                                            error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, type_name);
  xarxa_sqlite_bind_text (stmt, 2, id);
  xarxa_sqlite_bind_text (stmt, 3, field);
  return xarxa_store_step_done (store, stmt, error);
}

static gboolean
outbox_drop (XarxaStore  *store,
             gint64       seq,
             GError     **error)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store, "DELETE FROM outbox WHERE seq = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  return xarxa_store_step_done (store, stmt, error);
}

static gboolean
outbox_drop_record (XarxaStore  *store,
                    const char  *type_name,
                    const char  *id,
                    GError     **error)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store,
                                            "DELETE FROM outbox WHERE record_type = ?1 AND record_id = ?2",
                                            error);
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, type_name);
  xarxa_sqlite_bind_text (stmt, 2, id);
  return xarxa_store_step_done (store, stmt, error);
}

/* What the outbox holds for one record: the fields it changes, whether it
 * deletes it.  Returns FALSE when it holds nothing. */
static gboolean
outbox_for_record (XarxaStore  *store,
                   const char  *type_name,
                   const char  *id,
                   GHashTable  *fields,
                   gboolean    *deletes)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store,
                                            "SELECT op, fields FROM outbox WHERE record_type = ?1 AND record_id = ?2 ORDER BY seq",
                                            NULL);
  gboolean any = FALSE;

  *deletes = FALSE;
  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, type_name);
  xarxa_sqlite_bind_text (stmt, 2, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *op = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(JsonObject) f = text_to_object ((const char *) sqlite3_column_text (stmt, 1));
      g_autoptr(GList) names = json_object_get_members (f);

      any = TRUE;
      *deletes = strcmp (op, "delete") == 0;
      for (GList *l = names; l != NULL; l = l->next)
        g_hash_table_add (fields, g_strdup (l->data));
    }
  sqlite3_reset (stmt);
  return any;
}

/* field → its conflict's "mine" text, for one record. */
static GHashTable *
conflicts_for_record (XarxaStore *store,
                      const char *type_name,
                      const char *id)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = xarxa_store_prepare (store,
                                            "SELECT field, mine, kind FROM conflict WHERE record_type = ?1 AND record_id = ?2",
                                            NULL);
  if (stmt == NULL)
    return out;
  xarxa_sqlite_bind_text (stmt, 1, type_name);
  xarxa_sqlite_bind_text (stmt, 2, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      /* A rejected change is a note, not a hold on the record. */
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "rejected") == 0)
        continue;
      g_hash_table_insert (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  return out;
}

/* Writes @record (every field and bookkeeping member) over @local (NULL:
 * insert), keeping name keys and the search index in step. */
static gboolean
write_record (XarxaStore            *store,
              const XarxaRecordType *type,
              JsonObject            *local,
              JsonObject            *record,
              GError               **error)
{
  xarxa_store_fill_required (type, record);
  return xarxa_store_write_row (store, type, record, local == NULL, error) &&
         xarxa_store_after_write (store, type, local, record, error);
}

static JsonObject *
all_fields (const XarxaRecordType *type,
            JsonObject            *record)
{
  JsonObject *fields = json_object_new ();

  for (guint i = 0; i < type->n_fields; i++)
    json_object_set_member (fields, type->fields[i].name,
                            json_node_copy (json_object_get_member (record, type->fields[i].name)));
  return fields;
}

/* ---- pull ------------------------------------------------------------------- */

static gboolean
apply_remote (Run         *run,
              JsonObject  *change,
              GError     **error)
{
  XarxaStore *store = run->store;
  const char *type_name = json_object_get_string_member_with_default (change, "type", NULL);
  const char *id = json_object_get_string_member_with_default (change, "id", NULL);
  gint64 version = json_object_get_int_member_with_default (change, "version", 0);
  gboolean deleted = json_object_get_boolean_member_with_default (change, "deleted", FALSE);
  JsonObject *fields;
  const XarxaRecordType *type;
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) shadow = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) new_shadow = NULL;
  g_autoptr(GHashTable) changed_here = NULL;
  g_autoptr(GHashTable) conflicts = NULL;
  gboolean has_outbox, deletes_here;
  gint64 shadow_version = 0;
  g_autofree char *now = NULL;
  const char *created_at, *updated_at;

  type = type_name != NULL ? xarxa_schema_lookup (type_name) : NULL;
  if (type == NULL || id == NULL || !json_object_has_member (change, "fields") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (change, "fields")))
    {
      /* A newer server may know more types: skip what this build cannot hold. */
      g_debug ("Skipping a change of unknown type %s", type_name != NULL ? type_name : "(none)");
      return TRUE;
    }
  fields = json_object_get_object_member (change, "fields");

  new_shadow = json_object_ref (fields);
  created_at = json_object_get_string_member_with_default (fields, "created_at", NULL);
  updated_at = json_object_get_string_member_with_default (fields, "updated_at", NULL);
  if (created_at == NULL || updated_at == NULL)
    now = xarxa_now_iso8601 ();

  /* New here (the common case of a first sync): inserted as it is, nothing
   * to merge.  The insert does nothing if this device holds the record. */
  {
    gboolean inserted = FALSE;

    if (!xarxa_store_insert_remote (store, type, id, fields,
                                    created_at != NULL ? created_at : now,
                                    updated_at != NULL ? updated_at : now,
                                    deleted, version, &inserted, error))
      return FALSE;
    if (inserted)
      {
        if (!shadow_put_text (store, type->name, id, "", version, error))
          return FALSE;
        run->stats->pulled++;
        return TRUE;
      }
  }

  local = get_local (store, type, id);
  /* What only matters for a record this device already holds: its last
   * synced version, its changes waiting and its conflicts (when there are
   * any at all).  The shadow's fields are read when they are merged. */
  if (local != NULL)
    shadow_version = shadow_get_version (store, type->name, id);
  /* Not needed for a record new here (most of a first sync). */
  changed_here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  has_outbox = !run->outbox_empty &&
               outbox_for_record (store, type->name, id, changed_here, &deletes_here);
  if (!has_outbox)
    deletes_here = FALSE;
  conflicts = run->conflicts_empty ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free)
                                   : conflicts_for_record (store, type->name, id);

  if (local == NULL)
    {
      /* The insert above found the id taken, yet it cannot be read. */
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_FAILED,
                   _("The record %s could not be read back from the database. Check the disk, then sync again."), id);
      return FALSE;
    }
  if (created_at == NULL)
    created_at = json_object_get_string_member (local, "created_at");

  /* The remote record in local form. */
  record = json_object_new ();
  for (guint i = 0; i < type->n_fields; i++)
    json_object_set_member (record, type->fields[i].name,
                            local_value (&type->fields[i], json_object_get_member (fields, type->fields[i].name)));
  json_object_set_string_member (record, "id", id);
  json_object_set_string_member (record, "created_at", created_at != NULL ? created_at : now);
  json_object_set_string_member (record, "updated_at", updated_at != NULL ? updated_at : now);
  json_object_set_boolean_member (record, "deleted", deleted);
  json_object_set_int_member (record, "version", version);

  if (!has_outbox && g_hash_table_size (conflicts) == 0 &&
           shadow_version < 0 && -shadow_version - 1 > version &&
           !deleted && !json_object_get_boolean_member (local, "deleted"))
    {
      /* A server restored from a backup holds an older state than this
       * device saw: send again what it lost. */
      g_autoptr(JsonObject) lost = json_object_new ();
      g_autoptr(JsonObject) before = json_object_new ();
      g_autoptr(JsonObject) old = json_object_ref (local);
      g_autoptr(JsonObject) kept = all_fields (type, local);

      for (guint i = 0; i < type->n_fields; i++)
        {
          const char *name = type->fields[i].name;

          if (!values_same (json_object_get_member (local, name), json_object_get_member (record, name)))
            {
              json_object_set_member (lost, name, json_node_copy (json_object_get_member (local, name)));
              json_object_set_member (before, name, json_node_copy (json_object_get_member (record, name)));
            }
        }
      json_object_set_string_member (kept, "id", id);
      json_object_set_string_member (kept, "created_at", json_object_get_string_member (local, "created_at"));
      json_object_set_string_member (kept, "updated_at", json_object_get_string_member (local, "updated_at"));
      json_object_set_boolean_member (kept, "deleted", FALSE);
      json_object_set_int_member (kept, "version", version);
      if (!write_record (store, type, old, kept, error))
        return FALSE;
      if (json_object_get_size (lost) > 0)
        run->outbox_empty = FALSE;
      if (json_object_get_size (lost) > 0 &&
          !xarxa_store_append_outbox (store, type->name, id, "update", lost, before, version,
                                      json_object_get_string_member (local, "updated_at"), error))
        return FALSE;
    }
  else if (!has_outbox && g_hash_table_size (conflicts) == 0)
    {
      if (!write_record (store, type, local, record, error))
        return FALSE;
    }
  else if (g_hash_table_contains (conflicts, RECORD_FIELD))
    {
      /* A person has to choose; keep what is here, show them the latest. */
      g_autoptr(JsonNode) theirs = json_node_init_object (json_node_alloc (), fields);
      JsonObject *o = json_node_get_object (theirs);

      json_object_set_boolean_member (o, "deleted", deleted);
      if (!conflict_set_theirs (store, type->name, id, RECORD_FIELD, theirs, version, error))
        return FALSE;
    }
  else if (deleted && !json_object_get_boolean_member (local, "deleted"))
    {
      /* Deleted there, edited here: keep the record and ask. */
      g_autoptr(JsonNode) mine = json_node_init_object (json_node_alloc (), local);
      g_autoptr(JsonNode) theirs = json_node_init_object (json_node_alloc (), fields);

      json_object_set_boolean_member (json_node_get_object (theirs), "deleted", TRUE);
      run->conflicts_empty = FALSE;
      if (!conflict_put (store, type->name, id, RECORD_FIELD, "edit-delete", mine, theirs, NULL, version, error) ||
          !outbox_drop_record (store, type->name, id, error))
        return FALSE;
    }
  else if (!deleted && json_object_get_boolean_member (local, "deleted") && deletes_here)
    {
      /* Deleted here, not yet pushed: the push decides against the server's
       * version.  Nothing to apply. */
    }
  else
    {
      g_autoptr(JsonObject) merged = json_object_new ();

      shadow = shadow_get (store, type->name, id, NULL);
      for (guint i = 0; i < type->n_fields; i++)
        {
          const XarxaFieldInfo *f = &type->fields[i];
          JsonNode *r = json_object_get_member (record, f->name);
          JsonNode *l = json_object_get_member (local, f->name);
          JsonNode *b = shadow != NULL ? json_object_get_member (shadow, f->name) : r;
          const char *mine_text;

          if (g_hash_table_lookup_extended (conflicts, f->name, NULL, (gpointer *) &mine_text))
            {
              g_autoptr(JsonNode) mine = text_to_node (mine_text);

              if (values_same (mine, r))
                {
                  /* Both sides now agree: nothing left to choose. */
                  if (!conflict_drop_field (store, type->name, id, f->name, error))
                    return FALSE;
                  json_object_set_member (merged, f->name, json_node_copy (r));
                }
              else
                {
                  if (!conflict_set_theirs (store, type->name, id, f->name, r, version, error))
                    return FALSE;
                  json_object_set_member (merged, f->name, json_node_copy (l));
                }
            }
          else if (g_hash_table_contains (changed_here, f->name))
            {
              if (f->kind == XARXA_FIELD_SET && shadow != NULL)
                json_object_set_member (merged, f->name, merge_sets (b, l, r));
              else
                json_object_set_member (merged, f->name, json_node_copy (l));
            }
          else
            json_object_set_member (merged, f->name, json_node_copy (r));
        }
      json_object_set_string_member (merged, "id", id);
      json_object_set_string_member (merged, "created_at", json_object_get_string_member (local, "created_at"));
      json_object_set_string_member (merged, "updated_at",
                                     has_outbox ? json_object_get_string_member (local, "updated_at")
                                                : json_object_get_string_member (record, "updated_at"));
      json_object_set_boolean_member (merged, "deleted",
                                      deletes_here ? json_object_get_boolean_member (local, "deleted") : deleted);
      json_object_set_int_member (merged, "version", version);
      if (!write_record (store, type, local, merged, error))
        return FALSE;
    }

  json_object_set_boolean_member (new_shadow, "deleted", deleted);
  if (!shadow_put (store, type->name, id, new_shadow, version, error))
    return FALSE;
  run->stats->pulled++;
  return TRUE;
}

/* @mode: "restored" (the server lost changes: send again what it lacks) or
 * "expired" (this device was away too long: what the server no longer lists
 * was deleted and purged). */
static gboolean
begin_reconcile (Run         *run,
                 const char  *mode,
                 GError     **error)
{
  XarxaStore *store = run->store;
  sqlite3_stmt *stmt;

  g_debug ("Full reconcile (%s)", mode);
  if (!xarxa_store_begin (store, error))
    return FALSE;
  /* Shadows become "not seen since" (a negative version that keeps the old
   * one): what the server no longer has is dealt with at the end, what it
   * has in an older state than we saw is sent again. */
  stmt = xarxa_store_prepare (store, "UPDATE shadow SET version = -version - 1 WHERE version >= 0", error);
  if (stmt == NULL || !xarxa_store_step_done (store, stmt, error) ||
      !state_set_int (store, "cursor", 0, error) ||
      !xarxa_sync_state_set (store, "reconcile", mode, error) ||
      (run->epoch != NULL && !xarxa_sync_state_set (store, "epoch", run->epoch, error)))
    {
      xarxa_store_rollback (store);
      return FALSE;
    }
  run->stats->reconciled = TRUE;
  return xarxa_store_commit (store, error);
}

typedef struct
{
  char   *type;
  char   *id;
} Key;

static void
key_free (Key *key)
{
  g_free (key->type);
  g_free (key->id);
  g_free (key);
}

/* After a full pull: records this device synced before but that the server
 * does not list are sent again whole if the server lost them (restored from
 * an older backup), or deleted here if their tombstones were purged. */
static gboolean
finish_reconcile (Run         *run,
                  GError     **error)
{
  XarxaStore *store = run->store;
  g_autofree char *mode = xarxa_sync_state_get (store, "reconcile");
  gboolean restored = g_strcmp0 (mode, "restored") == 0;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func ((GDestroyNotify) key_free);
  sqlite3_stmt *stmt;

  if (!xarxa_store_begin (store, error))
    return FALSE;
  stmt = xarxa_store_prepare (store, "SELECT record_type, record_id FROM shadow WHERE version < 0", error);
  if (stmt == NULL)
    goto fail;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Key *key = g_new0 (Key, 1);

      key->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      key->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (missing, key);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < missing->len; i++)
    {
      Key *key = missing->pdata[i];
      const XarxaRecordType *type = xarxa_schema_lookup (key->type);
      g_autoptr(JsonObject) local = type != NULL ? get_local (store, type, key->id) : NULL;

      if (local != NULL && !json_object_get_boolean_member (local, "deleted") && !restored)
        {
          g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_autoptr(JsonObject) old = json_object_ref (local);
          g_autoptr(JsonObject) gone = NULL;
          gboolean deletes;

          /* Changes still waiting here go to the server, which decides. */
          if (outbox_for_record (store, key->type, key->id, changed, &deletes))
            continue;
          gone = all_fields (type, local);
          json_object_set_string_member (gone, "id", key->id);
          json_object_set_string_member (gone, "created_at", json_object_get_string_member (local, "created_at"));
          json_object_set_string_member (gone, "updated_at", json_object_get_string_member (local, "updated_at"));
          json_object_set_int_member (gone, "version", json_object_get_int_member (local, "version"));
          json_object_set_boolean_member (gone, "deleted", TRUE);
          if (!write_record (store, type, old, gone, error))
            goto fail;
        }
      else if (local != NULL && !json_object_get_boolean_member (local, "deleted"))
        {
          g_autoptr(JsonObject) fields = json_object_new ();
          g_autoptr(JsonObject) before = json_object_new ();
          g_autofree char *now = xarxa_now_iso8601 ();

          for (guint f = 0; f < type->n_fields; f++)
            json_object_set_member (fields, type->fields[f].name,
                                    json_node_copy (json_object_get_member (local, type->fields[f].name)));
          if (!outbox_drop_record (store, key->type, key->id, error) ||
              !xarxa_store_append_outbox (store, key->type, key->id, "undelete", fields, before,
                                          0, now, error))
            goto fail;
        }
    }
  stmt = xarxa_store_prepare (store, "DELETE FROM shadow WHERE version < 0", error);
  if (stmt == NULL || !xarxa_store_step_done (store, stmt, error) ||
      !xarxa_sync_state_set (store, "reconcile", NULL, error))
    goto fail;
  return xarxa_store_commit (store, error);

fail:
  xarxa_store_rollback (store);
  return FALSE;
}

static gboolean
call_hook (Run                *run,
           XarxaSyncHookPoint  point,
           guint               count,
           GError            **error)
{
  XarxaSyncEngine *engine = run->engine;

  if (engine->hook != NULL && !engine->hook (engine, point, count, engine->hook_data))
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_INTERRUPTED,
                   "Stopped by a test hook");
      return FALSE;
    }
  return TRUE;
}

static void
emit_progress (Run        *run,
               const char *phase,
               guint       done);

/* Pages are fetched (and parsed, and freed) in a thread of their own, one
 * page ahead: while page k is applied and committed here, page k+1 is on
 * its way.  The next page's cursor is known as soon as page k is read, and
 * is exactly the cursor stored with page k, so nothing changes in what is
 * asked for or in what is kept. */
typedef struct
{
  GThread         *thread;
  GAsyncQueue     *requests;   /* PageRequest */
  GAsyncQueue     *answers;    /* PageRequest, filled in */
  XarxaSyncClient *client;     /* used in the thread only */
  GCancellable    *cancellable;
  gboolean         pending;    /* a request is out */
  gint64           pending_cursor;
  guint            pending_limit;
} Prefetch;

typedef struct
{
  gboolean    stop;
  gint64      cursor;
  guint       limit;
  JsonObject *garbage;    /* a page done with: freed in the thread */
  JsonObject *page;
  GError     *error;
} PageRequest;

static gpointer
prefetch_thread (gpointer data)
{
  Prefetch *pf = data;

  for (;;)
    {
      PageRequest *req = g_async_queue_pop (pf->requests);
      g_autofree char *path = NULL;

      g_clear_pointer (&req->garbage, json_object_unref);
      if (req->stop)
        {
          g_free (req);
          return NULL;
        }
      if (req->limit == 0)
        {
          g_free (req);   /* only garbage to drop */
          continue;
        }
      path = g_strdup_printf ("/api/v1/changes?cursor=%" G_GINT64_FORMAT "&limit=%u", req->cursor, req->limit);
      req->page = xarxa_sync_client_call (pf->client, "GET", path, NULL, NULL, pf->cancellable, &req->error);
      g_async_queue_push (pf->answers, req);
    }
}

static void
prefetch_init (Prefetch *pf,
               Run      *run)
{
  XarxaSyncEngine *engine = run->engine;

  memset (pf, 0, sizeof *pf);
  pf->requests = g_async_queue_new ();
  pf->answers = g_async_queue_new ();
  pf->client = xarxa_sync_client_new (engine->server_url);
  xarxa_sync_client_set_token (pf->client, engine->token);
  xarxa_sync_client_set_retries (pf->client, engine->max_retries, engine->base_ms, engine->max_ms);
  pf->cancellable = run->cancellable;
  pf->thread = g_thread_new ("xarxa-sync-pull", prefetch_thread, pf);
}

static void
prefetch_send (Prefetch *pf,
               gint64    cursor,
               guint     limit)
{
  PageRequest *req = g_new0 (PageRequest, 1);

  g_assert (!pf->pending);
  req->cursor = cursor;
  req->limit = limit;
  pf->pending = TRUE;
  pf->pending_cursor = cursor;
  pf->pending_limit = limit;
  g_async_queue_push (pf->requests, req);
}

static JsonObject *
prefetch_wait (Prefetch  *pf,
               GError   **error)
{
  PageRequest *req = g_async_queue_pop (pf->answers);
  JsonObject *page = req->page;

  pf->pending = FALSE;
  if (req->error != NULL)
    g_propagate_error (error, req->error);
  g_free (req);
  return page;
}

/* The page at @cursor: the one fetched ahead if it is that one, else a new
 * request (a fetched-ahead page for another cursor is dropped). */
static JsonObject *
prefetch_take (Prefetch  *pf,
               gint64     cursor,
               guint      limit,
               GError   **error)
{
  if (pf->pending && (pf->pending_cursor != cursor || pf->pending_limit != limit))
    {
      g_autoptr(JsonObject) stale = prefetch_wait (pf, NULL);
    }
  if (!pf->pending)
    prefetch_send (pf, cursor, limit);
  return prefetch_wait (pf, error);
}

/* Lets the thread free @page (a large tree) while this one goes on. */
static void
prefetch_drop (Prefetch   *pf,
               JsonObject *page)
{
  PageRequest *req;

  if (page == NULL)
    return;
  req = g_new0 (PageRequest, 1);
  req->garbage = page;
  g_async_queue_push (pf->requests, req);
}

static void
prefetch_clear (Prefetch *pf,
                Run      *run)
{
  PageRequest *req;

  if (pf->pending)
    {
      g_autoptr(JsonObject) unused = prefetch_wait (pf, NULL);
    }
  req = g_new0 (PageRequest, 1);
  req->stop = TRUE;
  g_async_queue_push (pf->requests, req);
  g_thread_join (pf->thread);
  run->stats->retries += xarxa_sync_client_get_retries (pf->client);
  run->stats->rate_limited += xarxa_sync_client_get_rate_limited (pf->client);
  g_clear_pointer (&pf->client, xarxa_sync_client_free);
  g_async_queue_unref (pf->requests);
  g_async_queue_unref (pf->answers);
}

/* Whether the page for @cursor arrives (or fails) within @timeout_us, so
 * that taking it will not wait on the network. */
static gboolean
prefetch_ready (Prefetch *pf,
                gint64    cursor,
                guint     limit,
                guint64   timeout_us)
{
  PageRequest *req;

  if (!pf->pending || pf->pending_cursor != cursor || pf->pending_limit != limit)
    return FALSE;
  req = g_async_queue_timeout_pop (pf->answers, timeout_us);
  if (req == NULL)
    return FALSE;
  g_async_queue_push_front (pf->answers, req);
  return TRUE;
}

/* A page that can be applied: its changes and its cursor are there. */
static gboolean
page_is_whole (JsonObject *page)
{
  JsonNode *changes = json_object_get_member (page, "changes");
  JsonNode *cursor = json_object_get_member (page, "cursor");

  return changes != NULL && JSON_NODE_HOLDS_ARRAY (changes) &&
         cursor != NULL && JSON_NODE_HOLDS_VALUE (cursor) &&
         json_node_get_value_type (cursor) == G_TYPE_INT64;
}

typedef struct
{
  guint    changes;     /* applied in the open transaction (+1 a page); 0: none open */
  gint64   opened_at;
  gboolean changed;
} Group;

/* Commits the open group of pages, if any: each was applied whole, with
 * its cursor, so what it holds stands. */
static gboolean
group_close (Run     *run,
             Group   *group,
             GError **error)
{
  gboolean changed = group->changed;

  if (group->changes == 0)
    return TRUE;
  group->changes = 0;
  group->changed = FALSE;
  if (!xarxa_store_commit (run->store, error))
    return FALSE;
  if (changed)
    xarxa_store_emit_changed (run->store, NULL, NULL);
  return TRUE;
}

/* Pulled pages are committed in groups, each with the cursor of its last
 * page: a first sync inserts at random places of the id indexes, and
 * committing every page wrote most of the database to the log again and
 * again.  A group waits for the network a fifth of a second at most and
 * stays open a second at most, since the window's own saves wait for it;
 * a stop loses at most the open group, which the next sync pulls again. */
static gboolean
pull_pages (Run       *run,
            Prefetch  *pf,
            GError   **error)
{
  XarxaStore *store = run->store;
  gboolean restarted = FALSE;
  guint page_no = 0;
  Group group = { 0, 0, FALSE };

  for (;;)
    {
      JsonObject *page = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *stored_epoch = xarxa_sync_state_get (store, "epoch");
      gint64 cursor = state_get_int (store, "cursor");
      const char *epoch;
      JsonArray *changes;
      gboolean has_more;
      guint limit = run->engine->page_size > 0 ? MIN (run->engine->page_size, run->max_page) : run->max_page;

      if (group.changes > 0 && !prefetch_ready (pf, cursor, limit, XARXA_SYNC_PULL_GROUP_WAIT_US) &&
          !group_close (run, &group, error))
        return FALSE;
      page = prefetch_take (pf, cursor, limit, &local_error);
      /* Anything but the next page of this epoch closes the group first. */
      if (page == NULL || !page_is_whole (page) ||
          g_strcmp0 (stored_epoch, json_object_get_string_member_with_default (page, "epoch", "")) != 0)
        {
          if (!group_close (run, &group, error))
            {
              prefetch_drop (pf, page);
              return FALSE;
            }
        }
      if (page == NULL)
        {
          if (g_error_matches (local_error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_CURSOR_EXPIRED) &&
              !restarted && cursor > 0)
            {
              restarted = TRUE;
              if (!begin_reconcile (run, cursor > run->server_version ? "restored" : "expired", error))
                return FALSE;
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!page_is_whole (page))
        {
          prefetch_drop (pf, page);
          g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                       _("The server sent a page of changes Xarxa cannot read. Update Xarxa, or tell the server's administrator."));
          return FALSE;
        }
      epoch = json_object_get_string_member_with_default (page, "epoch", "");
      if (stored_epoch != NULL && strcmp (stored_epoch, epoch) != 0 && !restarted)
        {
          /* Restored from a backup while we were pulling. */
          restarted = TRUE;
          g_free (run->epoch);
          run->epoch = g_strdup (epoch);
          prefetch_drop (pf, page);
          if (!begin_reconcile (run, "restored", error))
            return FALSE;
          continue;
        }
      if (!call_hook (run, XARXA_SYNC_HOOK_AFTER_PULL_FETCH, page_no++, error))
        goto fail;   /* as if the program stopped here: the open group is lost */

      changes = json_object_get_array_member (page, "changes");
      has_more = json_object_get_boolean_member_with_default (page, "has_more", FALSE);
      /* The next page is asked for with the cursor this one stores. */
      if (has_more)
        prefetch_send (pf, json_object_get_int_member (page, "cursor"), limit);

      if (group.changes == 0)
        {
          if (!xarxa_store_begin (store, error))
            {
              prefetch_drop (pf, page);
              return FALSE;
            }
          group.opened_at = g_get_monotonic_time ();
          run->outbox_empty = exists_is_false (store, "SELECT EXISTS (SELECT 1 FROM outbox)");
          run->conflicts_empty = exists_is_false (store, "SELECT EXISTS (SELECT 1 FROM conflict)");
        }
      group.changes += json_array_get_length (changes) + 1;
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonNode *n = json_array_get_element (changes, i);

          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          if (!apply_remote (run, json_node_get_object (n), error))
            goto fail;
        }
      if (!state_set_int (store, "cursor", json_object_get_int_member (page, "cursor"), error) ||
          !xarxa_sync_state_set (store, "epoch", epoch, error))
        goto fail;
      group.changed |= json_array_get_length (changes) > 0;
      if ((!has_more || group.changes >= run->engine->pull_group ||
           g_get_monotonic_time () - group.opened_at >= XARXA_SYNC_PULL_GROUP_US) &&
          !group_close (run, &group, error))
        {
          prefetch_drop (pf, page);
          return FALSE;
        }
      prefetch_drop (pf, page);
      emit_progress (run, "pull", run->stats->pulled);

      if (!has_more)
        break;
      continue;

    fail:
      if (group.changes > 0)
        xarxa_store_rollback (store);
      prefetch_drop (pf, page);
      return FALSE;
    }
  return TRUE;
}

static gboolean
pull (Run     *run,
      GError **error)
{
  Prefetch pf;
  gboolean ok;

  prefetch_init (&pf, run);
  ok = pull_pages (run, &pf, error);
  prefetch_clear (&pf, run);
  if (!ok)
    return FALSE;

  {
    g_autofree char *mode = xarxa_sync_state_get (run->store, "reconcile");

    if (mode != NULL && !finish_reconcile (run, error))
      return FALSE;
  }
  return TRUE;
}

/* ---- push ------------------------------------------------------------------- */

/* Builds the next batch from the outbox and saves it as the batch in flight
 * (*@batch: the same, as a tree).  Returns FALSE with no error when the
 * outbox is empty. */
static gboolean
prepare_batch (Run         *run,
               const char  *device_id,
               JsonNode   **batch,
               GError     **error)
{
  XarxaStore *store = run->store;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonArray) seqs = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) seqs_node = NULL;
  g_autofree char *body = NULL;
  g_autofree char *seqs_text = NULL;
  sqlite3_stmt *stmt;
  gint64 next_seq = state_get_int (store, "last_seq") + 1;
  guint limit = run->engine->batch_size > 0 ? MIN (run->engine->batch_size, run->max_batch) : run->max_batch;
  guint n = 0;

  stmt = xarxa_store_prepare (store,
                              "SELECT seq, record_type, record_id, op, fields, before, base_version, created_at "
                              "FROM outbox ORDER BY seq LIMIT ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) limit);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, device_id);
  json_builder_set_member_name (builder, "mutations");
  json_builder_begin_array (builder);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *op = (const char *) sqlite3_column_text (stmt, 3);
      const char *created_at = (const char *) sqlite3_column_text (stmt, 7);
      g_autoptr(JsonObject) fields = text_to_object ((const char *) sqlite3_column_text (stmt, 4));
      g_autoptr(JsonObject) before = text_to_object ((const char *) sqlite3_column_text (stmt, 5));
      gboolean create = strcmp (op, "create") == 0 || strcmp (op, "undelete") == 0;

      json_array_add_int_element (seqs, sqlite3_column_int64 (stmt, 0));
      if (strcmp (op, "create") == 0)
        json_object_set_string_member (fields, "created_at", created_at);
      else if (create)
        {
          /* Brought back whole: with its first creation date. */
          const XarxaRecordType *type = xarxa_schema_lookup ((const char *) sqlite3_column_text (stmt, 1));
          g_autoptr(JsonObject) local = type != NULL ? get_local (store, type, (const char *) sqlite3_column_text (stmt, 2)) : NULL;

          if (local != NULL)
            json_object_set_string_member (fields, "created_at", json_object_get_string_member (local, "created_at"));
        }
      json_object_set_string_member (fields, "updated_at", created_at);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, next_seq + n);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 2));
      json_builder_set_member_name (builder, "op");
      json_builder_add_string_value (builder, create ? "create" : op);
      json_builder_set_member_name (builder, "fields");
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (), fields));
      if (strcmp (op, "update") == 0 || strcmp (op, "delete") == 0)
        {
          json_builder_set_member_name (builder, "before");
          json_builder_add_value (builder, json_node_init_object (json_node_alloc (), before));
          json_builder_set_member_name (builder, "base_version");
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 6));
        }
      json_builder_end_object (builder);
      n++;
    }
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (n == 0)
    return FALSE;

  root = json_builder_get_root (builder);
  body = xarxa_json_node_to_text (root);
  seqs_node = json_node_init_array (json_node_alloc (), seqs);
  seqs_text = xarxa_json_node_to_text (seqs_node);

  if (!xarxa_store_begin (store, error))
    return FALSE;
  if (!xarxa_sync_state_set (store, "pending_body", body, error) ||
      !xarxa_sync_state_set (store, "pending_outbox", seqs_text, error))
    {
      xarxa_store_rollback (store);
      return FALSE;
    }
  if (!xarxa_store_commit (store, error))
    return FALSE;
  *batch = g_steal_pointer (&root);
  return TRUE;
}

static gboolean
upload_file (Run         *run,
             const char  *hash,
             gint64       offset,
             GError     **error)
{
  g_autofree char *file_path = g_build_filename (run->engine->files_dir, hash, NULL);
  g_autofree char *path = g_strconcat ("/api/v1/files/", hash, NULL);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize total;
  guint tries = 0;

  mapped = g_mapped_file_new (file_path, FALSE, &local_error);
  if (mapped == NULL)
    {
      /* Not here: maybe another device has it; the record can still go. */
      g_warning ("Attachment %s is not in %s, not uploaded", hash, run->engine->files_dir);
      return TRUE;
    }
  data = g_mapped_file_get_contents (mapped);
  total = g_mapped_file_get_length (mapped);

  while ((gsize) offset < total || total == 0)
    {
      gsize len = MIN (total - (gsize) offset, run->max_chunk);
      g_autoptr(GBytes) chunk = g_bytes_new (data != NULL ? data + offset : "", len);
      g_autofree char *range = NULL;
      g_autoptr(JsonObject) answer = NULL;
      g_autoptr(JsonObject) error_body = NULL;
      g_clear_error (&local_error);

      if (total > 0)
        range = g_strdup_printf ("bytes %" G_GINT64_FORMAT "-%" G_GSIZE_FORMAT "/%" G_GSIZE_FORMAT,
                                 offset, (gsize) offset + len - 1, total);
      answer = xarxa_sync_client_call_bytes (run->client, "PUT", path, chunk, "application/octet-stream",
                                             range, NULL, &error_body, run->cancellable, &local_error);
      if (answer == NULL)
        {
          if (error_body != NULL && json_object_has_member (error_body, "offset") && tries++ < 3)
            {
              offset = json_object_get_int_member (error_body, "offset");
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (json_object_get_boolean_member_with_default (answer, "complete", FALSE))
        break;
      offset = json_object_get_int_member_with_default (answer, "offset", offset + (gint64) len);
    }
  run->stats->uploaded++;
  return TRUE;
}

/* Uploads the attachments the batch names and the server lacks. */
static gboolean
upload_attachments (Run         *run,
                    JsonArray   *mutations,
                    GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *missing;
  JsonObject *partial;
  guint n = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "hashes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (mutations); i++)
    {
      JsonObject *m = json_array_get_object_element (mutations, i);
      JsonObject *fields = json_object_get_object_member (m, "fields");
      const char *hash;

      if (fields == NULL || g_strcmp0 (json_object_get_string_member_with_default (m, "type", NULL), "document") != 0)
        continue;
      hash = json_object_get_string_member_with_default (fields, "file_hash", NULL);
      if (hash == NULL || strlen (hash) != 64)
        continue;
      json_builder_add_string_value (builder, hash);
      n++;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (n == 0)
    return TRUE;

  request = json_builder_get_root (builder);
  answer = xarxa_sync_client_call (run->client, "POST", "/api/v1/files/missing", request, NULL,
                                   run->cancellable, error);
  if (answer == NULL)
    return FALSE;
  missing = json_object_get_array_member (answer, "missing");
  partial = json_object_get_object_member (answer, "partial");
  for (guint i = 0; missing != NULL && i < json_array_get_length (missing); i++)
    {
      const char *hash = json_array_get_string_element (missing, i);
      gint64 offset = partial != NULL ? json_object_get_int_member_with_default (partial, hash, 0) : 0;

      if (!upload_file (run, hash, offset, error))
        return FALSE;
    }
  return TRUE;
}

/* Records what the server did with one mutation. */
static gboolean
handle_result (Run         *run,
               JsonObject  *mutation,
               gint64       outbox_seq,
               JsonObject  *result,
               GError     **error)
{
  XarxaStore *store = run->store;
  const char *type_name = json_object_get_string_member (mutation, "type");
  const char *id = json_object_get_string_member (mutation, "id");
  const char *op = json_object_get_string_member (mutation, "op");
  JsonObject *fields = json_object_get_object_member (mutation, "fields");
  JsonObject *before = json_object_has_member (mutation, "before") ? json_object_get_object_member (mutation, "before") : NULL;
  const char *status = json_object_get_string_member_with_default (result, "status", "");
  gint64 version = json_object_get_int_member_with_default (result, "version", 0);
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);
  g_autoptr(JsonObject) shadow = NULL;
  JsonArray *field_conflicts = NULL;
  gint64 shadow_version = 0;
  sqlite3_stmt *stmt;

  if (strcmp (status, "duplicate") == 0)
    status = json_object_get_string_member_with_default (result, "original_status", "applied");
  if (!outbox_drop (store, outbox_seq, error))
    return FALSE;
  if (type == NULL)
    return TRUE;

  if (strcmp (status, "rejected") == 0)
    {
      const char *field = json_object_get_string_member_with_default (result, "field", NULL);
      g_autoptr(JsonNode) mine = json_node_init_object (json_node_alloc (), fields);
      g_autoptr(JsonNode) theirs = json_node_new (JSON_NODE_VALUE);
      g_autoptr(JsonNode) reason = json_node_new (JSON_NODE_VALUE);

      json_node_set_string (theirs, json_object_get_string_member_with_default (result, "message", ""));
      json_node_set_string (reason, json_object_get_string_member_with_default (result, "reason", ""));
      run->stats->rejected++;
      return conflict_put (store, type_name, id, field != NULL ? field : RECORD_FIELD, "rejected",
                           mine, theirs, reason, version, error);
    }

  if (strcmp (status, "conflict") == 0)
    {
      const char *kind = json_object_get_string_member_with_default (result, "kind", "field");

      if (strcmp (kind, "field") != 0)
        {
          g_autoptr(JsonObject) local = get_local (store, type, id);
          g_autoptr(JsonNode) mine = local != NULL ? json_node_init_object (json_node_alloc (), local) : NULL;

          return conflict_put (store, type_name, id, RECORD_FIELD, kind, mine, NULL, NULL, version, error) &&
                 outbox_drop_record (store, type_name, id, error);
        }
      field_conflicts = json_object_get_array_member (result, "conflicts");
      for (guint i = 0; field_conflicts != NULL && i < json_array_get_length (field_conflicts); i++)
        {
          JsonObject *c = json_array_get_object_element (field_conflicts, i);
          const char *field = json_object_get_string_member_with_default (c, "field", "");

          if (!conflict_put (store, type_name, id, field, "field",
                             json_object_get_member (c, "client_value"),
                             json_object_get_member (c, "server_value"),
                             before != NULL ? json_object_get_member (before, field) : NULL,
                             version, error))
            return FALSE;
        }
    }

  /* Applied (wholly, or but for the conflicting fields): the shadow learns
   * what the server now holds, the record its version. */
  if (version > 0 && strcmp (op, "create") != 0 &&
      !shadow_patch (store, type_name, id, fields, field_conflicts, strcmp (op, "delete") == 0,
                     version, &shadow_version, error))
    return FALSE;
  if (shadow_version <= 0)
    {
      shadow = shadow_get (store, type_name, id, &shadow_version);
      if (shadow == NULL || strcmp (op, "create") == 0)
        {
          g_clear_pointer (&shadow, json_object_unref);
          shadow = json_object_new ();
        }
    }
  if (shadow != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, fields);
      while (json_object_iter_next (&iter, &name, &value))
        if (!field_conflicted (field_conflicts, name))
          json_object_set_member (shadow, name, json_node_copy (value));
      json_object_set_boolean_member (shadow, "deleted", strcmp (op, "delete") == 0);
    }
  if (shadow != NULL && version > 0 &&
      !shadow_put (store, type_name, id, shadow, MAX (version, shadow_version), error))
    return FALSE;

  /* The record learns its version (only ever forwards). */
  if (version <= 0)
    return TRUE;
  stmt = xarxa_store_prepare (store, type->sql_set_version, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version);
  xarxa_sqlite_bind_text (stmt, 2, id);
  return xarxa_store_step_done (store, stmt, error);
}

static gboolean
handle_answer (Run         *run,
               JsonNode    *body_node,
               const char  *seqs_text,
               JsonObject  *answer,
               GError     **error)
{
  XarxaStore *store = run->store;
  g_autoptr(JsonNode) seqs_node = text_to_node (seqs_text);
  JsonArray *mutations = json_object_get_array_member (json_node_get_object (body_node), "mutations");
  JsonArray *seqs = json_node_get_array (seqs_node);
  JsonArray *results = json_object_get_array_member (answer, "results");
  gint64 last_seq = 0;

  if (results == NULL)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                   _("The server's answer to a push cannot be read. Update Xarxa, or tell the server's administrator."));
      return FALSE;
    }

  if (!xarxa_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (mutations); i++)
    {
      JsonObject *m = json_array_get_object_element (mutations, i);
      gint64 seq = json_object_get_int_member (m, "seq");
      JsonObject *r = NULL;

      for (guint j = 0; j < json_array_get_length (results) && r == NULL; j++)
        {
          JsonObject *cand = json_array_get_object_element (results, (i + j) % json_array_get_length (results));

          if (cand != NULL && json_object_get_int_member_with_default (cand, "seq", -1) == seq)
            r = cand;
        }
      if (r == NULL)
        continue;   /* not answered: stays in the outbox, goes again */
      if (!handle_result (run, m, json_array_get_int_element (seqs, i), r, error))
        goto fail;
      last_seq = MAX (last_seq, seq);
      run->stats->pushed++;
    }
  last_seq = MAX (last_seq, json_object_get_int_member_with_default (answer, "last_seq", 0));
  if (!state_set_int (store, "last_seq", last_seq, error) ||
      !xarxa_sync_state_set (store, "pending_body", NULL, error) ||
      !xarxa_sync_state_set (store, "pending_outbox", NULL, error))
    goto fail;
  if (!xarxa_store_commit (store, error))
    return FALSE;
  xarxa_store_emit_changed (store, NULL, NULL);
  return TRUE;

fail:
  xarxa_store_rollback (store);
  return FALSE;
}

static gboolean
push (Run     *run,
      GError **error)
{
  XarxaStore *store = run->store;
  g_autofree char *device_id = xarxa_sync_state_get (store, "device_id");
  guint realigned = 0;

  if (device_id == NULL)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NOT_LOGGED_IN,
                   _("This device has not logged in to a sync server. Log in with your user name and password first."));
      return FALSE;
    }

  for (;;)
    {
      g_autofree char *body = xarxa_sync_state_get (store, "pending_body");
      g_autofree char *seqs = NULL;
      g_autoptr(JsonNode) body_node = NULL;
      g_autoptr(JsonObject) answer = NULL;
      g_autoptr(JsonObject) error_body = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonArray *mutations;

      if (body == NULL)
        {
          if (!prepare_batch (run, device_id, &body_node, &local_error))
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              return TRUE;   /* nothing left */
            }
          body = xarxa_sync_state_get (store, "pending_body");
        }
      seqs = xarxa_sync_state_get (store, "pending_outbox");
      /* A batch saved by an earlier run is read back from its text. */
      if (body_node == NULL)
        body_node = text_to_node (body);
      if (body_node == NULL || !JSON_NODE_HOLDS_OBJECT (body_node) || seqs == NULL)
        {
          /* Unreadable: forget it, the outbox still holds the changes. */
          if (!xarxa_sync_state_set (store, "pending_body", NULL, error))
            return FALSE;
          continue;
        }
      mutations = json_object_get_array_member (json_node_get_object (body_node), "mutations");
      if (mutations == NULL || !upload_attachments (run, mutations, error))
        return FALSE;
      if (!call_hook (run, XARXA_SYNC_HOOK_BEFORE_PUSH_SEND, run->push_count, error))
        return FALSE;

      answer = xarxa_sync_client_call (run->client, "POST", "/api/v1/push", body_node, &error_body,
                                       run->cancellable, &local_error);
      if (answer == NULL)
        {
          if (g_error_matches (local_error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_SEQUENCE_GAP) &&
              error_body != NULL && json_object_has_member (error_body, "expected_seq") &&
              realigned++ < 2)
            {
              /* The server lost or gained changes (a restore): number the
               * outbox again from where it stands. */
              gint64 expected = json_object_get_int_member (error_body, "expected_seq");

              g_debug ("Sequence gap: the server expects %" G_GINT64_FORMAT, expected);
              if (!xarxa_store_begin (store, error))
                return FALSE;
              if (!state_set_int (store, "last_seq", MAX (expected - 1, 0), error) ||
                  !xarxa_sync_state_set (store, "pending_body", NULL, error) ||
                  !xarxa_sync_state_set (store, "pending_outbox", NULL, error))
                {
                  xarxa_store_rollback (store);
                  return FALSE;
                }
              if (!xarxa_store_commit (store, error))
                return FALSE;
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!call_hook (run, XARXA_SYNC_HOOK_AFTER_PUSH_SEND, run->push_count++, error))
        return FALSE;
      if (!handle_answer (run, body_node, seqs, answer, error))
        return FALSE;
      emit_progress (run, "push", run->stats->pushed);
    }
}

/* ---- the engine ------------------------------------------------------------- */

static void
xarxa_sync_engine_dispose (GObject *object)
{
  XarxaSyncEngine *self = XARXA_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (xarxa_sync_engine_parent_class)->dispose (object);
}

static void
xarxa_sync_engine_finalize (GObject *object)
{
  XarxaSyncEngine *self = XARXA_SYNC_ENGINE (object);

  g_free (self->server_url);
  g_free (self->token);
  g_free (self->files_dir);
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  G_OBJECT_CLASS (xarxa_sync_engine_parent_class)->finalize (object);
}

static void
xarxa_sync_engine_class_init (XarxaSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xarxa_sync_engine_dispose;
  object_class->finalize = xarxa_sync_engine_finalize;

  /**
   * XarxaSyncEngine::progress:
   * @phase: "push" or "pull"
   * @done: records pushed or pulled so far in this sync
   *
   * Emitted after each batch or page, in the main context of the caller.
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}

static void
xarxa_sync_engine_init (XarxaSyncEngine *self)
{
  self->files_dir = g_build_filename (g_get_user_data_dir (), "xarxa", "files", NULL);
  self->max_retries = 5;
  self->base_ms = 500;
  self->max_ms = 30000;
  self->pull_group = XARXA_SYNC_PULL_GROUP;
}

XarxaSyncEngine *
xarxa_sync_engine_new (XarxaStore *store,
                       const char *server_url)
{
  XarxaSyncEngine *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  self = g_object_new (XARXA_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->server_url = g_strdup (server_url);
  return self;
}

XarxaStore *
xarxa_sync_engine_get_store (XarxaSyncEngine *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), NULL);
  return self->store;
}

const char *
xarxa_sync_engine_get_server_url (XarxaSyncEngine *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), NULL);
  return self->server_url;
}

const char *
xarxa_sync_engine_get_token (XarxaSyncEngine *self)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), NULL);
  return self->token;
}

void
xarxa_sync_engine_set_token (XarxaSyncEngine *self,
                             const char      *token)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  g_free (self->token);
  self->token = g_strdup (token);
}

void
xarxa_sync_engine_set_files_dir (XarxaSyncEngine *self,
                                 const char      *dir)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  g_return_if_fail (dir != NULL);
  g_free (self->files_dir);
  self->files_dir = g_strdup (dir);
}

void
xarxa_sync_engine_set_retries (XarxaSyncEngine *self,
                               guint            max_retries,
                               guint            base_ms,
                               guint            max_ms)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  self->max_retries = max_retries;
  self->base_ms = base_ms;
  self->max_ms = max_ms;
}

void
xarxa_sync_engine_set_page_size (XarxaSyncEngine *self,
                                 guint            page_size)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  self->page_size = page_size;
}

void
xarxa_sync_engine_set_pull_group (XarxaSyncEngine *self,
                                  guint            n_changes)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  self->pull_group = MAX (n_changes, 1);
}

void
xarxa_sync_engine_set_batch_size (XarxaSyncEngine *self,
                                  guint            batch_size)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  self->batch_size = batch_size;
}

void
xarxa_sync_engine_set_test_hook (XarxaSyncEngine   *self,
                                 XarxaSyncTestHook  hook,
                                 gpointer           user_data)
{
  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));
  self->hook = hook;
  self->hook_data = user_data;
}

typedef struct
{
  XarxaSyncEngine *engine;
  char            *phase;
  guint            done;
} Progress;

static gboolean
emit_progress_cb (gpointer data)
{
  Progress *p = data;

  g_signal_emit (p->engine, signals[SIGNAL_PROGRESS], 0, p->phase, p->done);
  g_object_unref (p->engine);
  g_free (p->phase);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
emit_progress (Run        *run,
               const char *phase,
               guint       done)
{
  XarxaSyncEngine *engine = run->engine;

  if (engine->progress_target != NULL)
    {
      Progress *p = g_new0 (Progress, 1);

      p->engine = g_object_ref (engine->progress_target);
      p->phase = g_strdup (phase);
      p->done = done;
      g_main_context_invoke (engine->progress_context, emit_progress_cb, p);
    }
  else
    g_signal_emit (engine, signals[SIGNAL_PROGRESS], 0, phase, done);
}

static void
run_init (Run             *run,
          XarxaSyncEngine *self,
          XarxaSyncStats  *stats,
          GCancellable    *cancellable)
{
  memset (run, 0, sizeof *run);
  run->engine = self;
  run->store = self->store;
  run->client = xarxa_sync_client_new (self->server_url);
  xarxa_sync_client_set_token (run->client, self->token);
  xarxa_sync_client_set_retries (run->client, self->max_retries, self->base_ms, self->max_ms);
  run->stats = stats;
  run->cancellable = cancellable;
  run->max_batch = 1000;
  run->max_page = 500;
  run->max_chunk = MAX_CHUNK;
}

static void
run_clear (Run *run)
{
  run->stats->retries += xarxa_sync_client_get_retries (run->client);
  run->stats->rate_limited += xarxa_sync_client_get_rate_limited (run->client);
  g_clear_pointer (&run->client, xarxa_sync_client_free);
  g_clear_pointer (&run->epoch, g_free);
}

/* GET /info: limits and epoch; a new epoch starts a full reconcile. */
static gboolean
fetch_info (Run     *run,
            GError **error)
{
  g_autoptr(JsonObject) info = NULL;
  g_autofree char *stored_epoch = NULL;
  JsonObject *limits;
  const char *epoch;

  info = xarxa_sync_client_call (run->client, "GET", "/api/v1/info", NULL, NULL, run->cancellable, error);
  if (info == NULL)
    return FALSE;
  if (json_object_get_int_member_with_default (info, "protocol_version", 0) != 1)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                   _("The server at %s speaks another version of the sync protocol. Update Xarxa or the server."),
                   run->engine->server_url);
      return FALSE;
    }
  limits = json_object_get_object_member (info, "limits");
  if (limits != NULL)
    {
      run->max_batch = (guint) CLAMP (json_object_get_int_member_with_default (limits, "max_batch", 100), 1, 100000);
      run->max_page = (guint) CLAMP (json_object_get_int_member_with_default (limits, "max_page", 500), 1, 100000);
      run->max_chunk = (gsize) CLAMP (json_object_get_int_member_with_default (limits, "max_chunk", MAX_CHUNK), 1024, MAX_CHUNK);
    }
  epoch = json_object_get_string_member_with_default (info, "epoch", "");
  run->epoch = g_strdup (epoch);
  stored_epoch = xarxa_sync_state_get (run->store, "epoch");
  run->server_version = json_object_get_int_member_with_default (info, "version", 0);
  if (stored_epoch != NULL && strcmp (stored_epoch, epoch) != 0)
    return begin_reconcile (run, "restored", error);
  return TRUE;
}

static gboolean
check_login (XarxaSyncEngine  *self,
             GError          **error)
{
  if (self->token == NULL)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_NOT_LOGGED_IN,
                   _("This device has not logged in to a sync server. Log in with your user name and password first."));
      return FALSE;
    }
  return TRUE;
}

gboolean
xarxa_sync_engine_login (XarxaSyncEngine  *self,
                         const char       *user,
                         const char       *password,
                         const char       *device_name,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(XarxaSyncClient) client = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *device_id = NULL;
  const char *token, *new_device;

  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (user != NULL && password != NULL, FALSE);

  device_id = xarxa_sync_state_get (self->store, "device_id");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, device_name != NULL ? device_name : g_get_host_name ());
  if (device_id != NULL)
    {
      json_builder_set_member_name (builder, "device_id");
      json_builder_add_string_value (builder, device_id);
    }
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);

  client = xarxa_sync_client_new (self->server_url);
  xarxa_sync_client_set_retries (client, self->max_retries, self->base_ms, self->max_ms);
  answer = xarxa_sync_client_call (client, "POST", "/api/v1/session", request, NULL, cancellable, error);
  if (answer == NULL)
    return FALSE;
  token = json_object_get_string_member_with_default (answer, "token", NULL);
  new_device = json_object_get_string_member_with_default (answer, "device_id", NULL);
  if (token == NULL || new_device == NULL)
    {
      g_set_error (error, XARXA_SYNC_ERROR, XARXA_SYNC_ERROR_PROTOCOL,
                   _("The server's answer to the log-in cannot be read. Check the server address."));
      return FALSE;
    }

  if (!xarxa_store_begin (self->store, error))
    return FALSE;
  if (g_strcmp0 (device_id, new_device) != 0)
    {
      /* A new device starts its numbers where the server says; a batch
       * numbered for another device cannot be sent. */
      if (!xarxa_sync_state_set (self->store, "device_id", new_device, error) ||
          !state_set_int (self->store, "last_seq",
                          json_object_get_int_member_with_default (answer, "last_seq", 0), error) ||
          !xarxa_sync_state_set (self->store, "pending_body", NULL, error) ||
          !xarxa_sync_state_set (self->store, "pending_outbox", NULL, error))
        goto fail;
    }
  if (!xarxa_sync_state_set (self->store, "role",
                             json_object_get_string_member_with_default (answer, "role", NULL), error))
    goto fail;
  if (!xarxa_store_commit (self->store, error))
    return FALSE;
  xarxa_sync_engine_set_token (self, token);
  return TRUE;

fail:
  xarxa_store_rollback (self->store);
  return FALSE;
}

static gboolean
push_steps (Run     *run,
            GError **error)
{
  return push (run, error);
}

static gboolean
pull_steps (Run     *run,
            GError **error)
{
  return pull (run, error);
}

static gboolean
sync_steps (Run     *run,
            GError **error)
{
  g_autofree char *mode = xarxa_sync_state_get (run->engine->store, "reconcile");

  /* After a restore, learn what the server still has before pushing, so
   * that records it lost go back whole. */
  if (mode != NULL && !pull (run, error))
    return FALSE;
  return push (run, error) && pull (run, error);
}

/* One run against the server: log-in check, limits and epoch from info,
 * then the steps, then the conflicts left. */
static gboolean
run_steps (XarxaSyncEngine  *self,
           XarxaSyncStats   *stats,
           GCancellable     *cancellable,
           gboolean        (*steps) (Run *run, GError **error),
           GError          **error)
{
  XarxaSyncStats local_stats = { 0 };
  Run run;
  gboolean ok;

  if (!check_login (self, error))
    return FALSE;
  xarxa_store_set_bulk_cache (self->store);
  run_init (&run, self, stats != NULL ? stats : &local_stats, cancellable);
  ok = fetch_info (&run, error) && steps (&run, error);
  run_clear (&run);
  if (stats != NULL)
    stats->conflicts = (guint) xarxa_sync_count_conflicts (self->store);
  return ok;
}

gboolean
xarxa_sync_engine_push (XarxaSyncEngine  *self,
                        XarxaSyncStats   *stats,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  return run_steps (self, stats, cancellable, push_steps, error);
}

gboolean
xarxa_sync_engine_pull (XarxaSyncEngine  *self,
                        XarxaSyncStats   *stats,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  return run_steps (self, stats, cancellable, pull_steps, error);
}

gboolean
xarxa_sync_engine_sync (XarxaSyncEngine  *self,
                        XarxaSyncStats   *stats,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  return run_steps (self, stats, cancellable, sync_steps, error);
}

/* ---- async ------------------------------------------------------------------ */

/* What the worker thread needs, copied on the main thread so that the
 * thread never reads the caller's engine while it may change. */
typedef struct
{
  char           *path;
  char           *server_url;
  char           *token;
  char           *files_dir;
  guint           max_retries;
  guint           base_ms;
  guint           max_ms;
  guint           page_size;
  guint           batch_size;
  guint           pull_group;
  XarxaSyncTestHook hook;
  gpointer        hook_data;
  XarxaSyncStats  stats;
} AsyncData;

static void
async_data_free (AsyncData *data)
{
  g_free (data->path);
  g_free (data->server_url);
  g_free (data->token);
  g_free (data->files_dir);
  g_free (data);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  XarxaSyncEngine *self = source_object;
  AsyncData *data = task_data;
  g_autoptr(XarxaStore) store = NULL;
  g_autoptr(XarxaSyncEngine) worker = NULL;
  GError *error = NULL;

  store = xarxa_store_open_existing (data->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  worker = xarxa_sync_engine_new (store, data->server_url);
  xarxa_sync_engine_set_token (worker, data->token);
  xarxa_sync_engine_set_files_dir (worker, data->files_dir);
  xarxa_sync_engine_set_retries (worker, data->max_retries, data->base_ms, data->max_ms);
  worker->page_size = data->page_size;
  worker->batch_size = data->batch_size;
  worker->pull_group = data->pull_group;
  worker->hook = data->hook;
  worker->hook_data = data->hook_data;
  worker->progress_target = self;
  worker->progress_context = g_main_context_ref (g_task_get_context (task));
  if (!xarxa_sync_engine_sync (worker, &data->stats, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
xarxa_sync_engine_sync_async (XarxaSyncEngine     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (XARXA_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, xarxa_sync_engine_sync_async);
  data = g_new0 (AsyncData, 1);
  data->path = g_strdup (xarxa_store_get_path (self->store));
  data->server_url = g_strdup (self->server_url);
  data->token = g_strdup (self->token);
  data->files_dir = g_strdup (self->files_dir);
  data->max_retries = self->max_retries;
  data->base_ms = self->base_ms;
  data->max_ms = self->max_ms;
  data->page_size = self->page_size;
  data->batch_size = self->batch_size;
  data->pull_group = self->pull_group;
  data->hook = self->hook;
  data->hook_data = self->hook_data;
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, sync_thread);
}

gboolean
xarxa_sync_engine_sync_finish (XarxaSyncEngine  *self,
                               GAsyncResult     *result,
                               XarxaSyncStats   *stats,
                               GError          **error)
{
  AsyncData *data;

  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    *stats = data->stats;
  /* The worker wrote through its own connection: views reload. */
  xarxa_store_emit_changed (self->store, NULL, NULL);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- conflicts ---------------------------------------------------------------- */

gint64
xarxa_sync_count_conflicts (XarxaStore *store)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (XARXA_IS_STORE (store), 0);
  stmt = xarxa_store_prepare (store, "SELECT count(*) FROM conflict", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
set_json_member (JsonObject *o,
                 const char *name,
                 const char *text)
{
  JsonNode *node = text_to_node (text);

  json_object_set_member (o, name, node != NULL ? node : json_node_new (JSON_NODE_NULL));
}

JsonArray *
xarxa_sync_list_conflicts (XarxaStore  *store,
                           GError     **error)
{
  g_autoptr(JsonArray) out = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  stmt = xarxa_store_prepare (store,
                              "SELECT id, record_type, record_id, field, kind, mine, theirs, base, theirs_version, created_at "
                              "FROM conflict ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "id", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (o, "type", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (o, "record_id", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (o, "field", (const char *) sqlite3_column_text (stmt, 3));
      json_object_set_string_member (o, "kind", (const char *) sqlite3_column_text (stmt, 4));
      set_json_member (o, "mine", (const char *) sqlite3_column_text (stmt, 5));
      set_json_member (o, "theirs", (const char *) sqlite3_column_text (stmt, 6));
      set_json_member (o, "base", (const char *) sqlite3_column_text (stmt, 7));
      json_object_set_int_member (o, "theirs_version", sqlite3_column_int64 (stmt, 8));
      json_object_set_string_member (o, "created_at", (const char *) sqlite3_column_text (stmt, 9));
      json_array_add_object_element (out, o);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      xarxa_store_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
xarxa_sync_resolve (XarxaStore       *store,
                    gint64            conflict_id,
                    const char       *field,
                    XarxaSyncChoice   choice,
                    GError          **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *type_name = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *cfield = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(JsonNode) mine = NULL;
  g_autoptr(JsonNode) theirs = NULL;
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autofree char *now = xarxa_now_iso8601 ();
  const XarxaRecordType *type;
  gint64 theirs_version = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);

  stmt = xarxa_store_prepare (store,
                              "SELECT record_type, record_id, field, kind, mine, theirs, theirs_version "
                              "FROM conflict WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      type_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      cfield = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      mine = text_to_node ((const char *) sqlite3_column_text (stmt, 4));
      theirs = text_to_node ((const char *) sqlite3_column_text (stmt, 5));
      theirs_version = sqlite3_column_int64 (stmt, 6);
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("There is no conflict number %lld. List the conflicts to see their numbers."),
                   (long long) conflict_id);
      return FALSE;
    }
  if (field != NULL && strcmp (field, cfield) != 0)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("Conflict %lld is about the field “%s”, not “%s”. List the conflicts and check the field."),
                   (long long) conflict_id, cfield, field);
      return FALSE;
    }
  type = xarxa_schema_lookup (type_name);
  if (type == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a kind of record Xarxa knows."), type_name);
      return FALSE;
    }

  if (!xarxa_store_begin (store, error))
    return FALSE;
  /* Read twice: one to change, one that after_write sees as the values
   * before (json_node_copy of an object node shares the object). */
  local = get_local (store, type, record_id);
  old = get_local (store, type, record_id);

  if (strcmp (kind, "field") == 0 && local != NULL)
    {
      const XarxaFieldInfo *info = xarxa_record_type_field (type, cfield);
      g_autoptr(JsonNode) value = NULL;

      if (info == NULL)
        goto done;
      value = local_value (info, choice == XARXA_SYNC_CHOICE_MINE ? mine : theirs);
      json_object_set_member (local, cfield, json_node_copy (value));
      if (choice == XARXA_SYNC_CHOICE_MINE)
        {
          g_autoptr(JsonObject) fields = json_object_new ();
          g_autoptr(JsonObject) before = json_object_new ();

          json_object_set_member (fields, cfield, json_node_copy (value));
          json_object_set_member (before, cfield, local_value (info, theirs));
          json_object_set_string_member (local, "updated_at", now);
          if (!xarxa_store_append_outbox (store, type->name, record_id, "update", fields, before,
                                          theirs_version, now, error))
            goto fail;
        }
      if (!write_record (store, type, old, local, error))
        goto fail;
    }
  else if (strcmp (kind, "edit-delete") == 0 && local != NULL)
    {
      /* Edited here, deleted there. */
      if (choice == XARXA_SYNC_CHOICE_MINE)
        {
          g_autoptr(JsonObject) fields = all_fields (type, local);
          g_autoptr(JsonObject) before = json_object_new ();

          json_object_set_boolean_member (local, "deleted", FALSE);
          if (!xarxa_store_append_outbox (store, type->name, record_id, "undelete", fields, before,
                                          theirs_version, now, error))
            goto fail;
        }
      else
        {
          json_object_set_boolean_member (local, "deleted", TRUE);
          json_object_set_int_member (local, "version", MAX (theirs_version, json_object_get_int_member (local, "version")));
        }
      if (!write_record (store, type, old, local, error))
        goto fail;
    }
  else if (strcmp (kind, "delete-edit") == 0 && local != NULL)
    {
      /* Deleted here, edited there. */
      if (choice == XARXA_SYNC_CHOICE_MINE)
        {
          g_autoptr(JsonObject) fields = json_object_new ();
          g_autoptr(JsonObject) before = all_fields (type, local);

          json_object_set_boolean_member (local, "deleted", TRUE);
          if (!xarxa_store_append_outbox (store, type->name, record_id, "delete", fields, before,
                                          theirs_version, now, error))
            goto fail;
        }
      else
        {
          if (theirs != NULL && JSON_NODE_HOLDS_OBJECT (theirs))
            {
              JsonObject *t = json_node_get_object (theirs);

              for (guint i = 0; i < type->n_fields; i++)
                json_object_set_member (local, type->fields[i].name,
                                        local_value (&type->fields[i],
                                                     json_object_get_member (t, type->fields[i].name)));
              if (json_object_get_string_member_with_default (t, "updated_at", NULL) != NULL)
                json_object_set_string_member (local, "updated_at",
                                               json_object_get_string_member (t, "updated_at"));
            }
          json_object_set_boolean_member (local, "deleted", FALSE);
          json_object_set_int_member (local, "version", MAX (theirs_version, json_object_get_int_member (local, "version")));
        }
      if (!write_record (store, type, old, local, error))
        goto fail;
    }
  else if (strcmp (kind, "rejected") == 0 && local != NULL && choice == XARXA_SYNC_CHOICE_THEIRS)
    {
      /* Take back the refused change: the record as last synced. */
      g_autoptr(JsonObject) shadow = shadow_get (store, type->name, record_id, NULL);

      if (shadow != NULL)
        {
          for (guint i = 0; i < type->n_fields; i++)
            json_object_set_member (local, type->fields[i].name,
                                    local_value (&type->fields[i],
                                                 json_object_get_member (shadow, type->fields[i].name)));
          json_object_set_boolean_member (local, "deleted",
                                          json_object_get_boolean_member_with_default (shadow, "deleted", FALSE));
          if (!write_record (store, type, old, local, error))
            goto fail;
        }
    }

done:
  stmt = xarxa_store_prepare (store, "DELETE FROM conflict WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  if (!xarxa_store_step_done (store, stmt, error))
    goto fail;
  if (!xarxa_store_commit (store, error))
    return FALSE;
  xarxa_store_emit_changed (store, type->name, record_id);
  return TRUE;

fail:
  xarxa_store_rollback (store);
  return FALSE;
}

gboolean
xarxa_sync_engine_resolve (XarxaSyncEngine  *self,
                           gint64            conflict_id,
                           const char       *field,
                           XarxaSyncChoice   choice,
                           GError          **error)
{
  g_return_val_if_fail (XARXA_IS_SYNC_ENGINE (self), FALSE);
  return xarxa_sync_resolve (self->store, conflict_id, field, choice, error);
}
