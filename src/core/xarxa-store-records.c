/* xarxa-store-records.c — reading and writing records.
 *
 * Create, update, delete and undelete of one record, each validated and,
 * in the same transaction, appended to the sync outbox (with the record's
 * shadow written out before its first change); reads by id; the rows the
 * sync engine writes from the server's state; a new record prepared
 * without the database, for imports; counts of records and of changes
 * waiting to be sent.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-cluster-rules.h"
#include "xarxa-json.h"
#include "xarxa-store-private.h"
#include "xarxa-validate.h"

/* The statements of xarxa-schema.c name their parameters in one order:
 * the fields, then for an insert the name key (when the type keeps one),
 * id, created_at, updated_at, deleted, version; for an update updated_at,
 * deleted, version, id.  Binding by that position spares SQLite's search
 * by name, which compares every parameter's name in turn. */
static int
param_at (sqlite3_stmt *stmt,
          int           index,
          const char   *name)
{
  g_assert (g_strcmp0 (sqlite3_bind_parameter_name (stmt, index), name) == 0);
  return index;
}

/* Binds text that outlives the statement's step: no copy is made, so the
 * caller clears the bindings (step_and_clear) before the text goes. */
static void
bind_static (sqlite3_stmt *stmt,
             int           index,
             const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static gboolean
step_and_clear (XarxaStore    *self,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  gboolean ok = xarxa_store_step_done (self, stmt, error);

  sqlite3_clear_bindings (stmt);
  return ok;
}

JsonObject *
xarxa_store_row_to_object (const XarxaRecordType *type,
                           sqlite3_stmt          *stmt)
{
  JsonObject *obj = json_object_new ();

  for (guint i = 0; i < type->n_fields; i++)
    json_object_set_member (obj, type->fields[i].name,
                            xarxa_value_from_column (stmt, (int) i, &type->fields[i]));
  json_object_set_string_member (obj, "id",
                                 (const char *) sqlite3_column_text (stmt, XARXA_COL_ID (type)));
  json_object_set_string_member (obj, "created_at",
                                 (const char *) sqlite3_column_text (stmt, XARXA_COL_CREATED_AT (type)));
  json_object_set_string_member (obj, "updated_at",
                                 (const char *) sqlite3_column_text (stmt, XARXA_COL_UPDATED_AT (type)));
  json_object_set_boolean_member (obj, "deleted",
                                  sqlite3_column_int (stmt, XARXA_COL_DELETED (type)) != 0);
  json_object_set_int_member (obj, "version",
                              sqlite3_column_int64 (stmt, XARXA_COL_VERSION (type)));
  return obj;
}

const XarxaRecordType *
xarxa_store_lookup_type (const char  *type_name,
                         GError     **error)
{
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);

  if (type == NULL)
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                 _("“%s” is not a kind of record Xarxa knows."), type_name);
  return type;
}

/* The members a shadow holds: the fields, the times and the deleted flag,
 * as the server sends them. */
JsonObject *
xarxa_store_record_as_shadow (const XarxaRecordType *type,
                              JsonObject            *record)
{
  static const char *const bookkeeping[] = { "created_at", "updated_at", "deleted" };
  JsonObject *shadow = json_object_new ();

  for (guint i = 0; i < type->n_fields; i++)
    if (json_object_has_member (record, type->fields[i].name))
      json_object_set_member (shadow, type->fields[i].name,
                              json_node_copy (json_object_get_member (record, type->fields[i].name)));
  for (guint i = 0; i < G_N_ELEMENTS (bookkeeping); i++)
    if (json_object_has_member (record, bookkeeping[i]))
      json_object_set_member (shadow, bookkeeping[i],
                              json_node_copy (json_object_get_member (record, bookkeeping[i])));
  return shadow;
}

/* Before a change of this device's own: a shadow kept as '' ("as the
 * record stands") is written out from @record, the record as it is before
 * the change, which is what the server holds. */
static gboolean
keep_shadow (XarxaStore            *self,
             const XarxaRecordType *type,
             JsonObject            *record,
             GError               **error)
{
  const char *id = json_object_get_string_member (record, "id");
  g_autoptr(JsonObject) shadow = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = xarxa_store_prepare (self,
                              "SELECT 1 FROM shadow WHERE record_type = ?1 AND record_id = ?2 AND data = ''",
                              error);
  if (stmt == NULL)
    return FALSE;
  bind_static (stmt, 1, type->name);
  bind_static (stmt, 2, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return xarxa_store_sqlite_error (self, rc, error);

  shadow = xarxa_store_record_as_shadow (type, record);
  text = xarxa_json_object_to_text (shadow);
  stmt = xarxa_store_prepare (self,
                              "UPDATE shadow SET data = ?3 WHERE record_type = ?1 AND record_id = ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  bind_static (stmt, 1, type->name);
  bind_static (stmt, 2, id);
  bind_static (stmt, 3, text);
  return step_and_clear (self, stmt, error);
}

static gboolean
append_outbox_text (XarxaStore  *self,
                    const char  *type_name,
                    const char  *id,
                    const char  *op,
                    const char  *fields_text,
                    const char  *before_text,
                    gint64       base_version,
                    const char  *now,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = xarxa_store_prepare (self,
                              "INSERT INTO outbox (record_type, record_id, op, fields, before, base_version, created_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  bind_static (stmt, 1, type_name);
  bind_static (stmt, 2, id);
  bind_static (stmt, 3, op);
  bind_static (stmt, 4, fields_text);
  bind_static (stmt, 5, before_text);
  sqlite3_bind_int64 (stmt, 6, base_version);
  bind_static (stmt, 7, now);
  if (!step_and_clear (self, stmt, error))
    return FALSE;
  return xarxa_store_outbox_appended (self, error);
}

gboolean
xarxa_store_append_outbox (XarxaStore  *self,
                           const char  *type_name,
                           const char  *id,
                           const char  *op,
                           JsonObject  *fields,
                           JsonObject  *before,
                           gint64       base_version,
                           const char  *now,
                           GError     **error)
{
  g_autofree char *fields_text = xarxa_json_object_to_text (fields);
  g_autofree char *before_text = xarxa_json_object_to_text (before);

  return append_outbox_text (self, type_name, id, op, fields_text, before_text, base_version, now, error);
}

JsonObject *
xarxa_store_read_record (XarxaStore             *self,
                         const XarxaRecordType  *type,
                         const char             *id,
                         GError                **error)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (self, type->sql_select, error);
  JsonObject *obj = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  xarxa_sqlite_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    obj = xarxa_store_row_to_object (type, stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                 _("The record %s was not found. It may have been removed on another device."), id);
  else
    xarxa_store_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return obj;
}

JsonObject *
xarxa_store_get_record (XarxaStore  *self,
                        const char  *type_name,
                        const char  *id,
                        GError     **error)
{
  const XarxaRecordType *type;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if ((type = xarxa_store_lookup_type (type_name, error)) == NULL)
    return NULL;
  return xarxa_store_read_record (self, type, id, error);
}

JsonObject *
xarxa_store_get_live_record (XarxaStore *self,
                             const char *type_name,
                             const char *id)
{
  JsonObject *record;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);

  if (id == NULL)
    return NULL;
  record = xarxa_store_get_record (self, type_name, id, NULL);
  if (record != NULL && json_object_get_boolean_member_with_default (record, "deleted", FALSE))
    g_clear_pointer (&record, json_object_unref);
  return record;
}

/* The bookkeeping columns of a row written by write_row(). */
typedef struct
{
  const char *id;
  const char *created_at;   /* inserts only */
  const char *updated_at;
  gboolean    deleted;
  gint64      version;
} RowMeta;

static gboolean
write_row (XarxaStore            *self,
           const XarxaRecordType *type,
           JsonObject            *record,
           const RowMeta         *meta,
           gboolean               insert,
           const char            *name_key,
           GError               **error)
{
  gboolean keyed = insert && type->sql_insert_keyed != NULL;
  sqlite3_stmt *stmt = xarxa_store_prepare (self,
                                            keyed ? type->sql_insert_keyed : insert ? type->sql_insert : type->sql_update,
                                            error);
  int n = (int) type->n_fields;

  if (stmt == NULL)
    return FALSE;
  if (keyed)
    {
      char *key = name_key != NULL ? NULL
                  : xarxa_fold_key (json_object_get_string_member_with_default (record, type->hooks->key_field, NULL));

      n++;
      if (key != NULL)
        sqlite3_bind_text (stmt, param_at (stmt, n, ":name_key"), key, -1, g_free);
      else
        bind_static (stmt, param_at (stmt, n, ":name_key"), name_key);
    }
  if (type->hooks->row_written != NULL)
    type->hooks->row_written (self);
  /* The statements name the fields first, in field order (xarxa-schema.c),
   * so field i is parameter i + 1.  A field the record lacks is empty. */
  g_assert (g_str_equal (sqlite3_bind_parameter_name (stmt, 1) + 1, type->fields[0].name));
  g_assert (g_str_equal (sqlite3_bind_parameter_name (stmt, (int) type->n_fields) + 1,
                         type->fields[type->n_fields - 1].name));
  for (guint i = 0; i < type->n_fields; i++)
    xarxa_value_bind (stmt, (int) i + 1, &type->fields[i],
                      json_object_get_member (record, type->fields[i].name));
  if (insert)
    {
      bind_static (stmt, param_at (stmt, n + 1, ":id"), meta->id);
      bind_static (stmt, param_at (stmt, n + 2, ":created_at"), meta->created_at);
      n += 2;
    }
  bind_static (stmt, param_at (stmt, n + 1, ":updated_at"), meta->updated_at);
  sqlite3_bind_int (stmt, param_at (stmt, n + 2, ":deleted"), meta->deleted ? 1 : 0);
  sqlite3_bind_int64 (stmt, param_at (stmt, n + 3, ":version"), meta->version);
  if (!insert)
    bind_static (stmt, param_at (stmt, n + 4, ":id"), meta->id);
  return step_and_clear (self, stmt, error);
}

/* Writes a whole row (insert or update) from a record object that has every
 * field plus the bookkeeping members. */
gboolean
xarxa_store_write_row (XarxaStore            *self,
                       const XarxaRecordType *type,
                       JsonObject            *record,
                       gboolean               insert,
                       GError               **error)
{
  RowMeta meta = {
    json_object_get_string_member (record, "id"),
    insert ? json_object_get_string_member (record, "created_at") : NULL,
    json_object_get_string_member (record, "updated_at"),
    json_object_get_boolean_member_with_default (record, "deleted", FALSE),
    json_object_get_int_member_with_default (record, "version", 0),
  };

  return write_row (self, type, record, &meta, insert, NULL, error);
}

/* A first sync inserts nearly every record it pulls: this binds the
 * server's fields directly instead of building a local record object, and
 * does nothing (*@inserted FALSE) when this device holds the id already,
 * so that a first sync needs no lookup before each insert. */
gboolean
xarxa_store_insert_remote (XarxaStore            *self,
                           const XarxaRecordType *type,
                           const char            *id,
                           JsonObject            *fields,
                           const char            *created_at,
                           const char            *updated_at,
                           gboolean               deleted,
                           gint64                 version,
                           gboolean              *inserted,
                           GError               **error)
{
  const XarxaTypeHooks *hooks = type->hooks;
  sqlite3_stmt *stmt = xarxa_store_prepare (self, type->sql_insert_new, error);
  const char *required = NULL;
  int n;

  *inserted = FALSE;
  if (stmt == NULL)
    return FALSE;
  if (hooks->row_written != NULL)
    hooks->row_written (self);
  for (guint i = 0; i < type->n_fields; i++)
    {
      const XarxaFieldInfo *field = &type->fields[i];
      JsonNode *node = json_object_get_member (fields, field->name);

      if (g_strcmp0 (field->name, hooks->required_field) == 0)
        {
          /* The local table needs it; show the id rather than lose the row. */
          required = xarxa_value_fits_field (field, node) ? json_node_get_string (node) : id;
          bind_static (stmt, (int) i + 1, required);
        }
      else
        xarxa_value_bind_remote (stmt, (int) i + 1, field, node);
    }
  n = (int) type->n_fields;
  if (type->sql_insert_keyed != NULL)
    {
      const XarxaFieldInfo *field = xarxa_record_type_field (type, hooks->key_field);
      JsonNode *node = json_object_get_member (fields, hooks->key_field);
      const char *text = NULL;

      if (g_strcmp0 (hooks->key_field, hooks->required_field) == 0)
        text = required;
      else if (xarxa_value_fits_field (field, node))
        text = json_node_get_string (node);
      n++;
      sqlite3_bind_text (stmt, param_at (stmt, n, ":name_key"), xarxa_fold_key (text), -1, g_free);
    }
  bind_static (stmt, param_at (stmt, n + 1, ":id"), id);
  bind_static (stmt, param_at (stmt, n + 2, ":created_at"), created_at);
  bind_static (stmt, param_at (stmt, n + 3, ":updated_at"), updated_at);
  sqlite3_bind_int (stmt, param_at (stmt, n + 4, ":deleted"), deleted);
  sqlite3_bind_int64 (stmt, param_at (stmt, n + 5, ":version"), version);
  if (!step_and_clear (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (xarxa_store_get_db (self)) == 0)
    return TRUE;   /* held already */
  *inserted = TRUE;
  xarxa_store_mark_search_rows (self, type, id, NULL, fields, TRUE);
  return TRUE;
}

static gboolean
id_in_use (XarxaStore            *self,
           const XarxaRecordType *type,
           const char            *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) existing = xarxa_store_read_record (self, type, id, &error);

  return existing != NULL;
}

struct _XarxaNewRecord
{
  const XarxaRecordType *type;
  JsonObject            *record;        /* the fields with a value, and the id */
  char                  *id;
  char                  *now;
  char                  *fields_text;   /* the outbox's fields */
  char                  *name_key;      /* for a type that keeps one */
  gboolean               given_id;
};

void
xarxa_new_record_free (XarxaNewRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->record, json_object_unref);
  g_free (record->id);
  g_free (record->now);
  g_free (record->fields_text);
  g_free (record->name_key);
  g_free (record);
}

const char *
xarxa_new_record_get_id (XarxaNewRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  return record->id;
}

/* Everything of a create that needs no database: checks, normal forms, the
 * id, the time, the outbox text and the folded name. */
XarxaNewRecord *
xarxa_new_record_prepare (const char  *type_name,
                          JsonObject  *values,
                          GError     **error)
{
  g_autoptr(XarxaNewRecord) out = NULL;
  const XarxaRecordType *type;
  const char *given_id;

  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  if ((type = xarxa_store_lookup_type (type_name, error)) == NULL)
    return NULL;

  out = g_new0 (XarxaNewRecord, 1);
  out->type = type;
  out->record = json_object_new ();
  /* Only the fields with a value: the outbox keeps those, and the row
   * writer binds a missing one as empty. */
  for (guint i = 0; i < type->n_fields; i++)
    {
      const XarxaFieldInfo *field = &type->fields[i];
      JsonNode *given = json_object_get_member (values, field->name);
      JsonNode *value;

      if (!xarxa_validate_field (type, field->name, given, error))
        return NULL;
      if (xarxa_value_is_empty (given))
        continue;
      value = xarxa_value_normalize (field, given);
      if (JSON_NODE_HOLDS_NULL (value))
        json_node_unref (value);
      else
        json_object_set_member (out->record, field->name, value);
    }
  if (!xarxa_validate_record (type, out->record, error))
    return NULL;
  out->fields_text = xarxa_json_object_to_text (out->record);

  given_id = json_object_get_string_member_with_default (values, "id", NULL);
  if (given_id != NULL && *given_id != '\0')
    {
      if (!g_uuid_string_is_valid (given_id))
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a valid record id. Leave the id empty to have one made."), given_id);
          return NULL;
        }
      out->id = g_ascii_strdown (given_id, -1);
      out->given_id = TRUE;
    }
  else if (type->pair_fields != NULL)
    /* Validation made sure both are there: the pair's own id, the same
     * on every device that makes it. */
    out->id = xarxa_record_type_pair_id (type,
                                         json_object_get_string_member (out->record, type->pair_fields[0]),
                                         json_object_get_string_member (out->record, type->pair_fields[1]));
  else
    out->id = xarxa_new_uuid ();
  out->now = xarxa_now_iso8601 ();
  /* The search index learns the record's id from it (after_write). */
  json_object_set_string_member (out->record, "id", out->id);
  if (type->sql_insert_keyed != NULL)
    {
      const char *key_text = json_object_get_string_member_with_default (out->record,
                                                                         type->hooks->key_field, NULL);

      out->name_key = xarxa_fold_key (key_text);
    }
  return g_steal_pointer (&out);
}

/* Inside the insert's transaction, which this ends. */
static gboolean
revive_pair (XarxaStore     *self,
             XarxaNewRecord *record,
             JsonObject     *existing,
             GError        **error)
{
  const XarxaRecordType *type = record->type;
  g_autoptr(JsonObject) changes = json_object_new ();

  if (!json_object_get_boolean_member_with_default (existing, "deleted", FALSE))
    {
      /* The rule saw no live pair: another connection made it since. */
      xarxa_cluster_rules_set_duplicate (self, type, record->record, error);
      xarxa_store_rollback (self);
      return FALSE;
    }
  for (guint i = 0; i < type->n_fields; i++)
    {
      JsonNode *value = json_object_get_member (record->record, type->fields[i].name);

      json_object_set_member (changes, type->fields[i].name,
                              value != NULL ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));
    }
  if (!xarxa_store_set_deleted (self, type->name, record->id, FALSE, NULL, error) ||
      !xarxa_store_update_record (self, type->name, record->id, changes, error))
    {
      xarxa_store_rollback (self);
      return FALSE;
    }
  return xarxa_store_commit (self, error);
}

gboolean
xarxa_store_insert_new_record (XarxaStore      *self,
                               XarxaNewRecord  *record,
                               GError         **error)
{
  const XarxaRecordType *type;
  RowMeta meta = { 0 };

  g_return_val_if_fail (XARXA_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  type = record->type;
  if (record->given_id && id_in_use (self, type, record->id))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_DUPLICATE,
                   _("A record with the id %s already exists."), record->id);
      return FALSE;
    }
  if (!xarxa_store_begin (self, error))
    return FALSE;
  if (type->hooks->check != NULL && !type->hooks->check (self, NULL, record->record, error))
    {
      xarxa_store_rollback (self);
      return FALSE;
    }
  if (type->pair_fields != NULL && !record->given_id)
    {
      g_autoptr(JsonObject) existing = xarxa_store_read_record (self, type, record->id, NULL);

      /* The pair made before and deleted comes back with the new values. */
      if (existing != NULL)
        return revive_pair (self, record, existing, error);
    }
  meta.id = record->id;
  meta.created_at = meta.updated_at = record->now;
  if (!write_row (self, type, record->record, &meta, TRUE, record->name_key, error) ||
      !xarxa_store_after_write (self, type, NULL, record->record, error) ||
      !append_outbox_text (self, type->name, record->id, "create", record->fields_text, "{}", 0,
                           record->now, error))
    {
      xarxa_store_rollback (self);
      return FALSE;
    }
  xarxa_store_note_changed (self, type->name, record->id);
  return xarxa_store_commit (self, error);
}

char *
xarxa_store_create_record (XarxaStore  *self,
                           const char  *type_name,
                           JsonObject  *values,
                           GError     **error)
{
  g_autoptr(XarxaNewRecord) record = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (self), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  record = xarxa_new_record_prepare (type_name, values, error);
  if (record == NULL || !xarxa_store_insert_new_record (self, record, error))
    return NULL;
  return g_steal_pointer (&record->id);
}

gboolean
xarxa_store_update_record (XarxaStore  *self,
                           const char  *type_name,
                           const char  *id,
                           JsonObject  *changes,
                           GError     **error)
{
  const XarxaRecordType *type;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (self), FALSE);
  g_return_val_if_fail (type_name != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if ((type = xarxa_store_lookup_type (type_name, error)) == NULL)
    return FALSE;
  if (!xarxa_store_begin (self, error))
    return FALSE;
  current = xarxa_store_read_record (self, type, id, error);
  if (current == NULL)
    goto fail;
  if (json_object_get_boolean_member (current, "deleted"))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("This record was deleted, so it cannot be changed. Undo the deletion first."));
      goto fail;
    }

  record = g_steal_pointer (&current);
  fields = json_object_new ();
  before = json_object_new ();
  members = json_object_get_members (changes);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const XarxaFieldInfo *field = xarxa_record_type_field (type, name);
      g_autoptr(JsonNode) value = NULL;
      JsonNode *old;

      if (field == NULL)
        {
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” is not a field of this kind of record."), name);
          goto fail;
        }
      if (!xarxa_validate_field (type, name, json_object_get_member (changes, name), error))
        goto fail;
      value = xarxa_value_normalize (field, json_object_get_member (changes, name));
      old = json_object_get_member (record, name);
      if (xarxa_value_equal (old, value))
        continue;
      if (type->pair_fields != NULL && g_strv_contains ((const char *const *) type->pair_fields, name))
        {
          /* The record's id was made from it. */
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       _("“%s” cannot be changed: the record is made of it. Delete the record and add another."),
                       xarxa_field_info_get_label (field));
          goto fail;
        }
      json_object_set_member (before, name, json_node_copy (old));
      json_object_set_member (fields, name, json_node_copy (value));
    }
  if (json_object_get_size (fields) == 0)
    return xarxa_store_commit (self, error);   /* nothing changed */
  if (!keep_shadow (self, type, record, error))
    goto fail;

  {
    g_autoptr(JsonObject) old_copy = json_object_new ();
    g_autoptr(GList) changed = json_object_get_members (fields);

    /* Keep what after_write needs to compare (a name, a contact's organisation). */
    json_object_set_member (old_copy, "id", json_node_copy (json_object_get_member (record, "id")));
    xarxa_store_copy_fields (type, record, old_copy);
    for (GList *l = changed; l != NULL; l = l->next)
      json_object_set_member (record, l->data, json_node_copy (json_object_get_member (fields, l->data)));
    if (!xarxa_validate_record (type, record, error))
      goto fail;
    if (type->hooks->check != NULL && !type->hooks->check (self, old_copy, record, error))
      goto fail;

    now = xarxa_now_iso8601 ();
    json_object_set_string_member (record, "updated_at", now);
    if (!xarxa_store_write_row (self, type, record, FALSE, error) ||
        !xarxa_store_after_write (self, type, old_copy, record, error) ||
        !xarxa_store_append_outbox (self, type->name, id, "update", fields, before,
                                    json_object_get_int_member (record, "version"), now, error))
      goto fail;
  }
  xarxa_store_note_changed (self, type->name, id);
  return xarxa_store_commit (self, error);

fail:
  xarxa_store_rollback (self);
  return FALSE;
}

void
xarxa_store_copy_fields (const XarxaRecordType *type,
                         JsonObject            *from,
                         JsonObject            *to)
{
  g_return_if_fail (type != NULL && from != NULL && to != NULL);

  for (guint i = 0; i < type->n_fields; i++)
    json_object_set_member (to, type->fields[i].name,
                            json_node_copy (json_object_get_member (from, type->fields[i].name)));
}

gboolean
xarxa_store_set_deleted (XarxaStore  *self,
                         const char  *type_name,
                         const char  *id,
                         gboolean     deleted,
                         gboolean    *changed,
                         GError     **error)
{
  const XarxaRecordType *type;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) before = json_object_new ();
  g_autofree char *now = NULL;
  gboolean outer;

  if ((type = xarxa_store_lookup_type (type_name, error)) == NULL)
    return FALSE;
  /* On its own, the record is read inside this change's transaction:
   * another connection (a sync) may write it until then, and writing back
   * what was read before would undo that.  Inside a caller's transaction
   * it is read before joining it, so that a missing record does not doom
   * the caller's. */
  outer = xarxa_store_in_transaction (self);
  if (!outer && !xarxa_store_begin (self, error))
    return FALSE;
  record = xarxa_store_read_record (self, type, id, error);
  if (record == NULL || json_object_get_boolean_member (record, "deleted") == deleted)
    {
      if (!outer && record == NULL)
        xarxa_store_rollback (self);
      else if (!outer)
        return xarxa_store_commit (self, error);
      return record != NULL;
    }
  if (outer && !xarxa_store_begin (self, error))
    return FALSE;
  if (changed != NULL)
    *changed = TRUE;

  if (!keep_shadow (self, type, record, error))
    goto fail;
  now = xarxa_now_iso8601 ();
  json_object_set_boolean_member (record, "deleted", deleted);
  json_object_set_string_member (record, "updated_at", now);
  if (!xarxa_store_write_row (self, type, record, FALSE, error) ||
      !xarxa_store_after_write (self, type, record, record, error))
    goto fail;

  if (deleted)
    {
      /* The values at deletion, so the server can tell delete from edit. */
      xarxa_store_copy_fields (type, record, before);
      if (!xarxa_store_append_outbox (self, type->name, id, "delete", fields, before,
                                      json_object_get_int_member (record, "version"), now, error))
        goto fail;
    }
  else
    {
      sqlite3_stmt *stmt;
      gboolean dropped = FALSE;

      /* An undo before the delete left for the server just takes it back;
       * once it is in a batch being sent, the undo is a change of its own. */
      stmt = xarxa_store_prepare (self,
                                  "DELETE FROM outbox WHERE seq = (SELECT max(seq) FROM outbox "
                                  "WHERE record_type = ?1 AND record_id = ?2) AND op = 'delete' "
                                  /* …unless a sync is sending it right now. */
                                  "AND NOT EXISTS (SELECT 1 FROM sync_state s, json_each (s.value) j "
                                  "WHERE s.key = 'pending_outbox' AND j.value = outbox.seq)",
                                  error);
      if (stmt == NULL)
        goto fail;
      xarxa_sqlite_bind_text (stmt, 1, type->name);
      xarxa_sqlite_bind_text (stmt, 2, id);
      if (!xarxa_store_step_done (self, stmt, error))
        goto fail;
      dropped = sqlite3_changes (xarxa_store_get_db (self)) > 0;
      if (!dropped)
        {
          xarxa_store_copy_fields (type, record, fields);
          if (!xarxa_store_append_outbox (self, type->name, id, "undelete", fields, before,
                                          json_object_get_int_member (record, "version"), now, error))
            goto fail;
        }
    }
  xarxa_store_note_changed (self, type->name, id);
  return xarxa_store_commit (self, error);

fail:
  xarxa_store_rollback (self);
  return FALSE;
}

gboolean
xarxa_store_delete_record (XarxaStore  *self,
                           const char  *type_name,
                           const char  *id,
                           GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (self), FALSE);
  g_return_val_if_fail (type_name != NULL && id != NULL, FALSE);
  return xarxa_store_set_deleted (self, type_name, id, TRUE, NULL, error);
}

gboolean
xarxa_store_undelete_record (XarxaStore  *self,
                             const char  *type_name,
                             const char  *id,
                             GError     **error)
{
  g_return_val_if_fail (XARXA_IS_STORE (self), FALSE);
  g_return_val_if_fail (type_name != NULL && id != NULL, FALSE);
  return xarxa_store_set_deleted (self, type_name, id, FALSE, NULL, error);
}

gboolean
xarxa_store_after_write (XarxaStore            *self,
                         const XarxaRecordType *type,
                         JsonObject            *before,
                         JsonObject            *after,
                         GError               **error)
{
  const XarxaTypeHooks *hooks = type->hooks;
  const char *id = json_object_get_string_member (after, "id");

  /* A new row got its key when it was inserted (write_row). */
  if (hooks->key_field != NULL && before != NULL)
    {
      const char *old_text = json_object_get_string_member_with_default (before, hooks->key_field, NULL);
      const char *new_text = json_object_get_string_member_with_default (after, hooks->key_field, NULL);

      if (g_strcmp0 (old_text, new_text) != 0)
        {
          g_autofree char *key = xarxa_fold_key (new_text);
          sqlite3_stmt *stmt = xarxa_store_prepare (self, hooks->sql_update_key, error);

          if (stmt == NULL)
            return FALSE;
          xarxa_sqlite_bind_text (stmt, 1, key);
          xarxa_sqlite_bind_text (stmt, 2, id);
          if (!xarxa_store_step_done (self, stmt, error))
            return FALSE;
        }
    }
  xarxa_store_mark_search_rows (self, type, id, before, after, before == NULL);
  return TRUE;
}

void
xarxa_store_fill_required (const XarxaRecordType *type,
                           JsonObject            *record)
{
  const char *field = type->hooks->required_field;

  if (field != NULL && xarxa_value_is_empty (json_object_get_member (record, field)))
    json_object_set_string_member (record, field, json_object_get_string_member (record, "id"));
}

/* ---- counts ------------------------------------------------------------- */

gint64
xarxa_store_count (XarxaStore *self,
                   const char *type_name)
{
  const XarxaRecordType *type;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (XARXA_IS_STORE (self), -1);

  if (type_name == NULL || (type = xarxa_schema_lookup (type_name)) == NULL)
    return -1;
  stmt = xarxa_store_prepare (self, type->sql_count, NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

gint64
xarxa_store_count_outbox (XarxaStore *self)
{
  gint64 n = -1;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (XARXA_IS_STORE (self), -1);

  stmt = xarxa_store_prepare (self, "SELECT n FROM outbox_size", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}
