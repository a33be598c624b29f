/* xarxa-sync-resolve.c — a person's choice on a conflict: Mine or Theirs.
 *
 * Choosing Mine keeps the local value and queues it for the server as a
 * change based on the server's version; choosing Theirs takes the server's
 * side locally.  Either way the conflict goes, in the same transaction.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-sync-engine-private.h"
#include "xarxa-values.h"

gboolean
xarxa_sync_resolve (XarxaStore       *store,
                    gint64            conflict_id,
                    const char       *field,
                    XarxaSyncChoice   choice,
                    GError          **error)
{
  g_autoptr(XarxaSyncConflict) conflict = NULL;
  const char *record_id, *cfield, *kind;
  JsonNode *mine, *theirs;
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autofree char *now = xarxa_now_iso8601 ();
  const XarxaRecordType *type;
  gint64 theirs_version;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);

  conflict = xarxa_sync_state_conflict_get (store, conflict_id, error);
  if (conflict == NULL)
    return FALSE;
  record_id = conflict->record_id;
  cfield = conflict->field;
  kind = conflict->kind;
  mine = conflict->mine;
  theirs = conflict->theirs;
  theirs_version = conflict->theirs_version;
  if (field != NULL && strcmp (field, cfield) != 0)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("Conflict %lld is about the field “%s”, not “%s”. List the conflicts and check the field."),
                   (long long) conflict_id, cfield, field);
      return FALSE;
    }
  type = xarxa_schema_lookup (conflict->type_name);
  if (type == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("“%s” is not a kind of record Xarxa knows."), conflict->type_name);
      return FALSE;
    }

  if (!xarxa_store_begin (store, error))
    return FALSE;
  /* Read twice: one to change, one that after_write sees as the values
   * before (json_node_copy of an object node shares the object). */
  local = xarxa_sync_get_local (store, type, record_id);
  old = xarxa_sync_get_local (store, type, record_id);

  if (strcmp (kind, "field") == 0 && local != NULL)
    {
      const XarxaFieldInfo *info = xarxa_record_type_field (type, cfield);
      g_autoptr(JsonNode) value = NULL;

      if (info == NULL)
        goto done;
      value = xarxa_sync_local_value (info, choice == XARXA_SYNC_CHOICE_MINE ? mine : theirs);
      json_object_set_member (local, cfield, json_node_copy (value));
      if (choice == XARXA_SYNC_CHOICE_MINE)
        {
          g_autoptr(JsonObject) fields = json_object_new ();
          g_autoptr(JsonObject) before = json_object_new ();

          json_object_set_member (fields, cfield, json_node_copy (value));
          json_object_set_member (before, cfield, xarxa_sync_local_value (info, theirs));
          json_object_set_string_member (local, "updated_at", now);
          if (!xarxa_store_append_outbox (store, type->name, record_id, "update", fields, before,
                                          theirs_version, now, error))
            goto fail;
        }
      if (!xarxa_sync_write_record (store, type, old, local, error))
        goto fail;
    }
  else if (strcmp (kind, "edit-delete") == 0 && local != NULL)
    {
      /* Edited here, deleted there. */
      if (choice == XARXA_SYNC_CHOICE_MINE)
        {
          g_autoptr(JsonObject) fields = xarxa_sync_all_fields (type, local);
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
      if (!xarxa_sync_write_record (store, type, old, local, error))
        goto fail;
    }
  else if (strcmp (kind, "delete-edit") == 0 && local != NULL)
    {
      /* Deleted here, edited there. */
      if (choice == XARXA_SYNC_CHOICE_MINE)
        {
          g_autoptr(JsonObject) fields = json_object_new ();
          g_autoptr(JsonObject) before = xarxa_sync_all_fields (type, local);

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
                                        xarxa_sync_local_value (&type->fields[i],
                                                                json_object_get_member (t, type->fields[i].name)));
              if (json_object_get_string_member_with_default (t, "updated_at", NULL) != NULL)
                json_object_set_string_member (local, "updated_at",
                                               json_object_get_string_member (t, "updated_at"));
            }
          json_object_set_boolean_member (local, "deleted", FALSE);
          json_object_set_int_member (local, "version", MAX (theirs_version, json_object_get_int_member (local, "version")));
        }
      if (!xarxa_sync_write_record (store, type, old, local, error))
        goto fail;
    }
  else if (strcmp (kind, "rejected") == 0 && local != NULL && choice == XARXA_SYNC_CHOICE_THEIRS)
    {
      /* Take back the refused change: the record as last synced. */
      g_autoptr(JsonObject) shadow = xarxa_sync_state_shadow_get (store, type->name, record_id, NULL);

      if (shadow != NULL)
        {
          for (guint i = 0; i < type->n_fields; i++)
            json_object_set_member (local, type->fields[i].name,
                                    xarxa_sync_local_value (&type->fields[i],
                                                            json_object_get_member (shadow, type->fields[i].name)));
          json_object_set_boolean_member (local, "deleted",
                                          json_object_get_boolean_member_with_default (shadow, "deleted", FALSE));
          if (!xarxa_sync_write_record (store, type, old, local, error))
            goto fail;
        }
    }

done:
  if (!xarxa_sync_state_conflict_remove (store, conflict_id, error))
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
