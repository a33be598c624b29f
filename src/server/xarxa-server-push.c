/* xarxa-server-push.c — push: mutations applied, independent of HTTP and SQL.
 *
 * The push rules written down in PROTOCOL.md: per-device sequence numbers
 * (a replay is answered "duplicate", a gap refused), one dataset version
 * bumped per applied mutation inside the push transaction, values checked
 * against the schema, field-level compare-and-set, set merges, delete
 * against edit.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-server"

#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "xarxa-json.h"
#include "xarxa-schema.h"
#include "xarxa-server-record.h"
#include "xarxa-server-sync.h"
#include "xarxa-values.h"

typedef struct
{
  gint64      seq;
  const char *type;
  const char *id;
  const char *op;
  JsonObject *fields;        /* may be NULL */
  JsonObject *before;        /* may be NULL */
  gboolean    has_base;
  gint64      base_version;
} Mutation;

static gboolean
node_is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
invalid_member (XarxaServerFailure *failure,
                guint               index,
                const char         *member,
                const char         *what)
{
  xarxa_server_failure_set (failure, 400, "invalid-request", NULL, 0,
                            _("Mutation %u: “%s” must be %s. Fix the client, or report the problem to its developers."),
                            index, member, what);
  return FALSE;
}

static gboolean
parse_mutation (JsonNode           *node,
                guint               index,
                Mutation           *m,
                XarxaServerFailure *failure)
{
  JsonObject *o;
  JsonNode *n;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid_member (failure, index, "mutations[]", _("an object"));
  o = json_node_get_object (node);

  n = json_object_get_member (o, "seq");
  if (!node_is_int (n) || json_node_get_int (n) < 1)
    return invalid_member (failure, index, "seq", _("an integer of 1 or more"));
  m->seq = json_node_get_int (n);

  n = json_object_get_member (o, "op");
  if (!node_is_string (n) ||
      !g_strv_contains ((const char *const[]) { "create", "update", "delete", NULL },
                        json_node_get_string (n)))
    return invalid_member (failure, index, "op", _("“create”, “update” or “delete”"));
  m->op = json_node_get_string (n);

  n = json_object_get_member (o, "type");
  if (!node_is_string (n) || strlen (json_node_get_string (n)) > XARXA_MAX_ENVELOPE_STRING)
    return invalid_member (failure, index, "type", _("a record type name"));
  m->type = json_node_get_string (n);

  n = json_object_get_member (o, "id");
  if (!node_is_string (n) || strlen (json_node_get_string (n)) > XARXA_MAX_ENVELOPE_STRING)
    return invalid_member (failure, index, "id", _("a record id"));
  m->id = json_node_get_string (n);

  n = json_object_get_member (o, "fields");
  if (!node_is_null (n) && !JSON_NODE_HOLDS_OBJECT (n))
    return invalid_member (failure, index, "fields", _("an object"));
  m->fields = node_is_null (n) ? NULL : json_node_get_object (n);

  n = json_object_get_member (o, "before");
  if (!node_is_null (n) && !JSON_NODE_HOLDS_OBJECT (n))
    return invalid_member (failure, index, "before", _("an object"));
  m->before = node_is_null (n) ? NULL : json_node_get_object (n);

  n = json_object_get_member (o, "base_version");
  if (!node_is_null (n) && (!node_is_int (n) || json_node_get_int (n) < 0))
    return invalid_member (failure, index, "base_version", _("an integer of 0 or more"));
  m->has_base = !node_is_null (n);
  m->base_version = m->has_base ? json_node_get_int (n) : 0;
  return TRUE;
}

static gboolean
id_is_valid (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > XARXA_MAX_ID_LENGTH)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._:-", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* Why a mutation is rejected. */
typedef struct
{
  const char *reason;
  const char *field;
  char       *message;
} Reject;

static gboolean
reject (Reject     *r,
        const char *reason,
        const char *field,
        char       *message)
{
  r->reason = reason;
  r->field = field;
  g_free (r->message);
  r->message = message;
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* A sorted array node of distinct strings. */
static JsonNode *
set_node_from_strings (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();
  const char *previous = NULL;

  g_ptr_array_sort (strings, compare_strings);
  for (guint i = 0; i < strings->len; i++)
    {
      const char *s = g_ptr_array_index (strings, i);

      if (previous != NULL && strcmp (previous, s) == 0)
        continue;
      json_array_add_string_element (array, s);
      previous = s;
    }
  return json_node_init_array (json_node_alloc (), array);
}

/* Checks @value against the kind of @info and returns the value as stored
 * (sets sorted and deduplicated, reals as doubles, empty sets as []), or
 * NULL with @r set. */
static JsonNode *
normalize_value (const XarxaFieldInfo    *info,
                 JsonNode                *value,
                 const XarxaServerLimits *limits,
                 Reject                  *r)
{
  GType vt = G_TYPE_INVALID;

  if (info->kind == XARXA_FIELD_SET)
    {
      g_autoptr(GPtrArray) strings = g_ptr_array_new ();
      JsonArray *array;

      if (node_is_null (value))
        return set_node_from_strings (strings);
      if (!JSON_NODE_HOLDS_ARRAY (value))
        {
          reject (r, "invalid-value", info->name,
                  g_strdup_printf (_("“%s” must be a list of words. Fix the value and sync again."), info->name));
          return NULL;
        }
      array = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);

          if (!node_is_string (e))
            {
              reject (r, "invalid-value", info->name,
                      g_strdup_printf (_("“%s” must be a list of words. Fix the value and sync again."), info->name));
              return NULL;
            }
          if (strlen (json_node_get_string (e)) > XARXA_MAX_SET_MEMBER)
            {
              reject (r, "too-long", info->name,
                      g_strdup_printf (_("A word in “%s” is longer than %d bytes. Shorten it and sync again."),
                                       info->name, XARXA_MAX_SET_MEMBER));
              return NULL;
            }
          g_ptr_array_add (strings, (gpointer) json_node_get_string (e));
        }
      return set_node_from_strings (strings);
    }

  if (node_is_null (value))
    return json_node_new (JSON_NODE_NULL);
  if (JSON_NODE_HOLDS_VALUE (value))
    vt = json_node_get_value_type (value);

  switch (info->kind)
    {
    case XARXA_FIELD_TEXT:
    case XARXA_FIELD_REF:
      if (vt != G_TYPE_STRING)
        break;
      if (strlen (json_node_get_string (value)) > limits->max_string)
        {
          reject (r, "too-long", info->name,
                  g_strdup_printf (_("“%s” is longer than %zu bytes. Shorten it and sync again."),
                                   info->name, limits->max_string));
          return NULL;
        }
      if (info->kind == XARXA_FIELD_REF && !id_is_valid (json_node_get_string (value)))
        break;
      return json_node_copy (value);
    case XARXA_FIELD_INT:
      if (vt != G_TYPE_INT64)
        break;
      return json_node_copy (value);
    case XARXA_FIELD_REAL:
      if (vt != G_TYPE_INT64 && vt != G_TYPE_DOUBLE)
        break;
      return json_node_init_double (json_node_alloc (), json_node_get_double (value));
    case XARXA_FIELD_BOOL:
      if (vt != G_TYPE_BOOLEAN)
        break;
      return json_node_copy (value);
    case XARXA_FIELD_SET:
    default:
      break;
    }

  reject (r, "invalid-value", info->name,
          g_strdup_printf (_("“%s” has a value of the wrong kind. Fix the value and sync again."), info->name));
  return NULL;
}

static gboolean
is_meta_field (const char *name)
{
  return strcmp (name, "created_at") == 0 || strcmp (name, "updated_at") == 0;
}

static gboolean
is_ignored_field (const char *name)
{
  return strcmp (name, "id") == 0 || strcmp (name, "version") == 0 || strcmp (name, "deleted") == 0;
}

/* Validates and normalizes the members of @in into a new object. */
static JsonObject *
normalize_fields (const XarxaRecordType   *type,
                  JsonObject              *in,
                  const XarxaServerLimits *limits,
                  Reject                  *r)
{
  g_autoptr(JsonObject) out = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (in == NULL)
    return g_steal_pointer (&out);

  json_object_iter_init (&iter, in);
  while (json_object_iter_next (&iter, &name, &value))
    {
      const XarxaFieldInfo *info;
      JsonNode *normalized;

      if (is_ignored_field (name))
        continue;
      if (is_meta_field (name))
        {
          if (!node_is_null (value) &&
              (!node_is_string (value) || strlen (json_node_get_string (value)) > 64))
            {
              reject (r, "invalid-value", strcmp (name, "created_at") == 0 ? "created_at" : "updated_at",
                      g_strdup_printf (_("“%s” must be a date and time like 2026-03-01T10:00:00.000Z."), name));
              return NULL;
            }
          json_object_set_member (out, name, json_node_copy (value));
          continue;
        }
      info = xarxa_record_type_field (type, name);
      if (info == NULL)
        {
          reject (r, "unknown-field", NULL,
                  g_strdup_printf (_("A “%s” record has no field “%s”. Update the application, or remove the field."),
                                   type->name, name));
          return NULL;
        }
      normalized = normalize_value (info, value, limits, r);
      if (normalized == NULL)
        return NULL;
      json_object_set_member (out, info->name, normalized);
    }
  return g_steal_pointer (&out);
}

/* The stored value of a field, NULL meaning empty; sets empty as []. */
static JsonNode *
current_value (JsonObject           *data,
               const XarxaFieldInfo *info)
{
  JsonNode *n = json_object_get_member (data, info->name);

  if (info->kind == XARXA_FIELD_SET && node_is_null (n))
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();
      return set_node_from_strings (none);
    }
  if (node_is_null (n))
    return json_node_new (JSON_NODE_NULL);
  return json_node_copy (n);
}

/* The three-way merge of a set, stored as [] when it comes out empty (the
 * server keeps sets as arrays). */
static JsonNode *
merge_sets (JsonNode *server,
            JsonNode *before,
            JsonNode *wanted)
{
  JsonNode *merged = xarxa_value_merge_sets (before, wanted, server);

  if (JSON_NODE_HOLDS_NULL (merged))
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      json_node_unref (merged);
      return set_node_from_strings (none);
    }
  return merged;
}

typedef struct
{
  XarxaServerStore        *store;
  const XarxaServerLimits *limits;
  gint64                   version;   /* the dataset version, bumped per applied mutation */
} PushContext;

/* Stores @text (taken) as the record's fields. */
static gboolean
store_record (PushContext  *ctx,
              const char   *type,
              const char   *id,
              char         *text,
              gboolean      deleted,
              gint64       *out_version,
              GError      **error)
{
  g_autofree char *owned = text;
  XarxaServerRecord record = {
    (char *) type, (char *) id, owned, ctx->version + 1, deleted,
  };

  if (!xarxa_server_store_put_record (ctx->store, &record, error))
    return FALSE;
  ctx->version++;
  *out_version = ctx->version;
  return TRUE;
}

static JsonObject *
new_result (gint64      seq,
            const char *status)
{
  JsonObject *result = json_object_new ();

  json_object_set_int_member (result, "seq", seq);
  json_object_set_string_member (result, "status", status);
  return result;
}

/* Applies the fields of an update (or of a create over a live record) to
 * @data with compare-and-set; fills @conflicts; returns whether @data
 * changed. */
static gboolean
apply_fields (const XarxaRecordType *type,
              JsonObject            *data,
              JsonObject            *fields,
              JsonObject            *before,
              gboolean               version_ok,
              JsonArray             *conflicts)
{
  gboolean changed = FALSE;
  JsonObjectIter iter;
  const char *name;
  JsonNode *wanted;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &wanted))
    {
      const XarxaFieldInfo *info;
      g_autoptr(JsonNode) current = NULL;
      JsonNode *expected;

      if (is_meta_field (name))
        continue;
      info = xarxa_record_type_field (type, name);
      g_assert (info != NULL);
      current = current_value (data, info);
      if (xarxa_value_equal (current, wanted))
        continue;

      expected = before != NULL ? json_object_get_member (before, name) : NULL;
      if (info->kind == XARXA_FIELD_SET && expected != NULL)
        {
          JsonNode *merged = merge_sets (current, expected, wanted);

          if (!xarxa_value_equal (current, merged))
            {
              json_object_set_member (data, name, merged);
              changed = TRUE;
            }
          else
            json_node_unref (merged);
        }
      else if (expected != NULL ? xarxa_value_equal (current, expected) : version_ok)
        {
          json_object_set_member (data, name, json_node_copy (wanted));
          changed = TRUE;
        }
      else
        {
          JsonObject *c = json_object_new ();

          json_object_set_string_member (c, "field", name);
          json_object_set_member (c, "server_value", json_node_copy (current));
          json_object_set_member (c, "client_value", json_node_copy (wanted));
          json_array_add_object_element (conflicts, c);
        }
    }

  /* The bookkeeping dates follow any change that was made. */
  if (changed || json_array_get_length (conflicts) == 0)
    {
      json_object_iter_init (&iter, fields);
      while (json_object_iter_next (&iter, &name, &wanted))
        if (is_meta_field (name))
          {
            JsonNode *current = json_object_get_member (data, name);

            if (current == NULL || !xarxa_value_equal (current, wanted))
              {
                json_object_set_member (data, name, json_node_copy (wanted));
                changed = TRUE;
              }
          }
    }
  return changed;
}

/* The result of an applied mutation, the usual one, written directly. */
static char *
applied_text (gint64 seq,
              gint64 version)
{
  return g_strdup_printf ("{\"seq\":%" G_GINT64_FORMAT ",\"status\":\"applied\",\"version\":%" G_GINT64_FORMAT "}",
                          seq, version);
}

/* Applies one mutation; returns its result as JSON text, or NULL on a
 * database error. */
static char *
apply_mutation (PushContext     *ctx,
                const Mutation  *m,
                GError         **error)
{
  g_autoptr(XarxaServerRecord) record = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_auto(XarxaServerRecordData) data = { NULL, NULL, NULL };
  g_autoptr(JsonObject) result = NULL;
  const XarxaRecordType *type;
  Reject r = { NULL, NULL, NULL };
  gint64 version = 0;

  type = xarxa_schema_lookup (m->type);
  if (type == NULL)
    reject (&r, "unknown-type", NULL,
            g_strdup_printf (_("The server does not know records of type “%s”. Update the server, or drop this change."),
                             m->type));
  else if (!id_is_valid (m->id))
    reject (&r, "invalid-value", "id",
            g_strdup (_("A record id must be 1 to 128 letters, digits or “._:-”. Fix the client.")));
  else if ((fields = normalize_fields (type, m->fields, ctx->limits, &r)) != NULL)
    before = normalize_fields (type, m->before, ctx->limits, &r);

  if (r.reason != NULL)
    {
      result = new_result (m->seq, "rejected");
      json_object_set_string_member (result, "reason", r.reason);
      if (r.field != NULL)
        json_object_set_string_member (result, "field", r.field);
      json_object_set_string_member (result, "message", r.message);
      g_free (r.message);
      return xarxa_json_object_to_text (result);
    }

  if (!xarxa_server_store_get_record (ctx->store, type->name, m->id, &record, error))
    return NULL;

  if (strcmp (m->op, "delete") == 0)
    {
      if (record == NULL || record->deleted)
        {
          return applied_text (m->seq, record != NULL ? record->version : 0);
        }
      if (m->has_base && record->version > m->base_version)
        {
          result = new_result (m->seq, "conflict");
          json_object_set_string_member (result, "kind", "delete-edit");
          json_object_set_int_member (result, "version", record->version);
          return xarxa_json_object_to_text (result);
        }
      xarxa_server_record_data_open (&data, record->data, fields);
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *value;

        json_object_iter_init (&iter, fields);
        while (json_object_iter_next (&iter, &name, &value))
          if (is_meta_field (name))
            json_object_set_member (data.object, name, json_node_copy (value));
      }
      if (!store_record (ctx, type->name, m->id, xarxa_server_record_data_to_text (&data), TRUE, &version, error))
        return NULL;
      return applied_text (m->seq, version);
    }

  if (strcmp (m->op, "create") == 0 && (record == NULL || record->deleted))
    {
      /* New, or brought back by an explicit create. */
      if (record != NULL)
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *value;

          xarxa_server_record_data_open (&data, record->data, fields);
          json_object_iter_init (&iter, fields);
          while (json_object_iter_next (&iter, &name, &value))
            json_object_set_member (data.object, name, json_node_copy (value));
        }
      else
        data.object = json_object_ref (fields);
      if (!store_record (ctx, type->name, m->id, xarxa_server_record_data_to_text (&data), FALSE, &version, error))
        return NULL;
      return applied_text (m->seq, version);
    }

  if (record == NULL)
    {
      result = new_result (m->seq, "rejected");
      json_object_set_string_member (result, "reason", "not-found");
      json_object_set_string_member (result, "message",
                                     _("The server has no such record. Sync again from the start to bring this device up to date."));
      return xarxa_json_object_to_text (result);
    }
  if (record->deleted)
    {
      result = new_result (m->seq, "conflict");
      json_object_set_string_member (result, "kind", "edit-delete");
      json_object_set_int_member (result, "version", record->version);
      return xarxa_json_object_to_text (result);
    }

  /* An update, or a create of a record that is already there: for a create
   * every before-value is empty. */
  {
    g_autoptr(JsonArray) conflicts = json_array_new ();
    gboolean version_ok = !m->has_base || record->version <= m->base_version;

    if (strcmp (m->op, "create") == 0)
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *value;

        g_clear_pointer (&before, json_object_unref);
        before = json_object_new ();
        json_object_iter_init (&iter, fields);
        while (json_object_iter_next (&iter, &name, &value))
          if (!is_meta_field (name))
            json_object_set_member (before, name,
                                    current_value (before, xarxa_record_type_field (type, name)));
        version_ok = FALSE;
      }

    xarxa_server_record_data_open (&data, record->data, fields);
    version = record->version;
    if (apply_fields (type, data.object, fields, before, version_ok, conflicts) &&
        !store_record (ctx, type->name, m->id, xarxa_server_record_data_to_text (&data), FALSE, &version, error))
      return NULL;

    if (json_array_get_length (conflicts) == 0)
      return applied_text (m->seq, version);
    result = new_result (m->seq, "conflict");
    json_object_set_string_member (result, "kind", "field");
    json_object_set_int_member (result, "version", version);
    json_object_set_array_member (result, "conflicts", json_array_ref (conflicts));
    return xarxa_json_object_to_text (result);
  }
}

static JsonObject *
duplicate_result (XarxaServerStore  *store,
                  const char        *device_id,
                  gint64             seq,
                  GError           **error)
{
  g_autofree char *text = NULL;
  JsonObject *result;

  if (!xarxa_server_store_get_result (store, device_id, seq, &text, error))
    return NULL;
  result = text != NULL ? xarxa_server_record_parse (text) : json_object_new ();
  if (json_object_has_member (result, "status"))
    json_object_set_string_member (result, "original_status",
                                   json_object_get_string_member (result, "status"));
  json_object_set_int_member (result, "seq", seq);
  json_object_set_string_member (result, "status", "duplicate");
  return result;
}

/* For fault tests only: XARXA_SERVER_TEST_CRASH=before-commit|after-commit
 * makes the server kill itself (SIGKILL) at that point of a push, so that a
 * test can prove a push is applied whole or not at all. */
static void
test_crash_point (const char *point)
{
  const char *wanted = g_getenv ("XARXA_SERVER_TEST_CRASH");

  if (wanted != NULL && strcmp (wanted, point) == 0)
    kill (getpid (), SIGKILL);
}

GString *
xarxa_server_push (XarxaServerStore        *store,
                   const XarxaServerLimits *limits,
                   const XarxaServerDevice *device,
                   JsonNode                *request,
                   XarxaServerFailure      *failure)
{
  g_autoptr(GError) error = NULL;
  g_autofree Mutation *mutations = NULL;
  g_autoptr(GString) results = NULL;
  g_autoptr(GString) fresh = NULL;   /* the results to keep, as a JSON array of their texts */
  g_autofree char *epoch = NULL;
  PushContext ctx = { store, limits, 0 };
  JsonObject *o;
  GString *answer;
  JsonArray *list;
  JsonNode *n;
  gint64 last_seq, expected, min_cursor;
  guint count;

  if (request == NULL || !JSON_NODE_HOLDS_OBJECT (request))
    {
      xarxa_server_failure_set (failure, 400, "malformed-json", NULL, 0,
                                _("A push must be a JSON object. Fix the client, or report the problem to its developers."));
      return NULL;
    }
  o = json_node_get_object (request);

  n = json_object_get_member (o, "device_id");
  if (!node_is_null (n) &&
      (!node_is_string (n) || strcmp (json_node_get_string (n), device->device_id) != 0))
    {
      xarxa_server_failure_set (failure, 400, "device-mismatch", NULL, 0,
                                _("This push names another device than the one that logged in. Log in again on this device."));
      return NULL;
    }

  n = json_object_get_member (o, "mutations");
  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    {
      xarxa_server_failure_set (failure, 400, "invalid-request", NULL, 0,
                                _("A push needs a “mutations” list. Fix the client, or report the problem to its developers."));
      return NULL;
    }
  list = json_node_get_array (n);
  count = json_array_get_length (list);
  if (count > limits->max_batch)
    {
      xarxa_server_failure_set (failure, 422, "batch-too-large", "limit", limits->max_batch,
                                _("A push may hold at most %u changes. Send them in smaller batches."),
                                limits->max_batch);
      return NULL;
    }

  mutations = g_new0 (Mutation, MAX (count, 1));
  for (guint i = 0; i < count; i++)
    if (!parse_mutation (json_array_get_element (list, i), i, &mutations[i], failure))
      return NULL;

  if (!xarxa_server_store_begin (store, &error))
    {
      xarxa_server_failure_internal (failure, error);
      return NULL;
    }

  if (!xarxa_server_store_get_device_seq (store, device->device_id, &last_seq, &error) ||
      !xarxa_server_read_meta (store, &ctx.version, &min_cursor, &epoch, &error))
    goto db_failed;

  /* Check the sequence before applying anything. */
  expected = last_seq + 1;
  for (guint i = 0; i < count; i++)
    {
      if (mutations[i].seq <= last_seq)
        continue;
      if (mutations[i].seq != expected)
        {
          xarxa_server_store_rollback (store);
          xarxa_server_failure_set (failure, 409, "sequence-gap", "expected_seq", expected,
                                    _("Change number %lld came where the server expected number %lld. Send the changes in order, starting with that number."),
                                    (long long) mutations[i].seq, (long long) expected);
          return NULL;
        }
      expected++;
    }

  /* A client resends only the mutations whose answers it has not recorded,
   * oldest first: the answers kept for this device's sequence numbers below
   * the lowest one of this push will never be asked for again.  (The lowest
   * rather than the first, so that a client sending out of order loses no
   * answer it still repeats in this push.) */
  if (count > 0)
    {
      gint64 lowest = mutations[0].seq;

      for (guint i = 1; i < count; i++)
        lowest = MIN (lowest, mutations[i].seq);
      if (!xarxa_server_store_prune_results (store, device->device_id, lowest, &error))
        goto db_failed;
    }

  /* Each result is written as text once: it is kept as it is, and the
   * answer splices it in. */
  results = g_string_sized_new (64 + count * 64);
  fresh = g_string_sized_new (64 + count * 64);
  g_string_append_c (fresh, '[');
  for (guint i = 0; i < count; i++)
    {
      const Mutation *m = &mutations[i];
      g_autoptr(JsonObject) result = NULL;
      g_autofree char *text = NULL;

      if (m->seq <= last_seq)
        {
          result = duplicate_result (store, device->device_id, m->seq, &error);
          if (result == NULL)
            goto db_failed;
          text = xarxa_json_object_to_text (result);
        }
      else
        {
          text = apply_mutation (&ctx, m, &error);
          if (text == NULL)
            goto db_failed;
          if (fresh->len > 1)
            g_string_append_c (fresh, ',');
          xarxa_json_append_string (fresh, text);
        }
      if (i > 0)
        g_string_append_c (results, ',');
      g_string_append (results, text);
    }
  /* The new ones were checked above to follow on from last_seq + 1. */
  g_string_append_c (fresh, ']');
  if (fresh->len > 2 &&
      !xarxa_server_store_save_results (store, device->device_id, last_seq + 1, fresh->str, &error))
    goto db_failed;

  if (expected - 1 > last_seq &&
      !xarxa_server_store_set_device_seq (store, device->device_id, expected - 1, &error))
    goto db_failed;
  if (!xarxa_server_store_set_meta_int (store, XARXA_META_VERSION, ctx.version, &error))
    goto db_failed;
  if (limits->retention > 0 && ctx.version - limits->retention > min_cursor)
    {
      gint64 purged = xarxa_server_store_purge_tombstones (store, ctx.version - limits->retention, &error);

      if (purged < 0)
        goto db_failed;
      if (purged > min_cursor &&
          !xarxa_server_store_set_meta_int (store, XARXA_META_MIN_CURSOR, purged, &error))
        goto db_failed;
    }
  test_crash_point ("before-commit");
  if (!xarxa_server_store_commit (store, &error))
    {
      xarxa_server_failure_internal (failure, error);
      return NULL;
    }
  test_crash_point ("after-commit");

  answer = g_string_sized_new (results->len + 128);
  g_string_append (answer, "{\"epoch\":");
  xarxa_json_append_string (answer, epoch != NULL ? epoch : "");
  g_string_append_printf (answer, ",\"version\":%" G_GINT64_FORMAT ",\"last_seq\":%" G_GINT64_FORMAT
                          ",\"results\":[",
                          ctx.version, MAX (expected - 1, last_seq));
  g_string_append_len (answer, results->str, (gssize) results->len);
  g_string_append (answer, "]}");
  return answer;

db_failed:
  xarxa_server_store_rollback (store);
  xarxa_server_failure_internal (failure, error);
  return NULL;
}
