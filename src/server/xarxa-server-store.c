/* xarxa-server-store.c — the storage interface of xarxa-server.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-server"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-server-store.h"

G_DEFINE_INTERFACE (XarxaServerStore, xarxa_server_store, G_TYPE_OBJECT)

static void
xarxa_server_store_default_init (XarxaServerStoreInterface *iface)
{
}

static const char *const role_names[] = { "reader", "editor", "admin" };

const char *
xarxa_role_to_string (XarxaRole role)
{
  g_return_val_if_fail (role <= XARXA_ROLE_ADMIN, "reader");
  return role_names[role];
}

gboolean
xarxa_role_from_string (const char *text,
                        XarxaRole  *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (strcmp (text, role_names[i]) == 0)
      {
        *role = (XarxaRole) i;
        return TRUE;
      }
  return FALSE;
}

void
xarxa_server_user_free (XarxaServerUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  if (user->password_hash != NULL)
    memset (user->password_hash, 0, strlen (user->password_hash));
  g_free (user->password_hash);
  g_free (user);
}

void
xarxa_server_device_free (XarxaServerDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->device_id);
  g_free (device->user);
  g_free (device);
}

void
xarxa_server_record_free (XarxaServerRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->type);
  g_free (record->id);
  g_free (record->data);
  g_free (record);
}

#define IFACE(self) XARXA_SERVER_STORE_GET_IFACE (self)

gboolean
xarxa_server_store_begin (XarxaServerStore *self, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  return IFACE (self)->begin (self, error);
}

gboolean
xarxa_server_store_commit (XarxaServerStore *self, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  return IFACE (self)->commit (self, error);
}

void
xarxa_server_store_rollback (XarxaServerStore *self)
{
  g_return_if_fail (XARXA_IS_SERVER_STORE (self));
  IFACE (self)->rollback (self);
}

char *
xarxa_server_store_get_meta (XarxaServerStore *self, const char *key, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return IFACE (self)->get_meta (self, key, error);
}

gboolean
xarxa_server_store_set_meta (XarxaServerStore *self, const char *key,
                             const char *value, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);
  return IFACE (self)->set_meta (self, key, value, error);
}

/* Returns -1 on error; an unset key reads as 0. */
gint64
xarxa_server_store_get_meta_int (XarxaServerStore *self, const char *key, GError **error)
{
  GError *local_error = NULL;
  g_autofree char *text = xarxa_server_store_get_meta (self, key, &local_error);
  gint64 value = 0;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  if (text == NULL)
    return 0;
  if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_CORRUPT,
                   _("The server database holds a bad value for “%s”. Restore the database from a backup."),
                   key);
      return -1;
    }
  return value;
}

gboolean
xarxa_server_store_set_meta_int (XarxaServerStore *self, const char *key,
                                 gint64 value, GError **error)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  return xarxa_server_store_set_meta (self, key, text, error);
}

gboolean
xarxa_server_store_add_user (XarxaServerStore *self, const char *name, XarxaRole role,
                             const char *password_hash, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && password_hash != NULL, FALSE);
  return IFACE (self)->add_user (self, name, role, password_hash, error);
}

gboolean
xarxa_server_store_set_password (XarxaServerStore *self, const char *name,
                                 const char *password_hash, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && password_hash != NULL, FALSE);
  return IFACE (self)->set_password (self, name, password_hash, error);
}

gboolean
xarxa_server_store_get_user (XarxaServerStore *self, const char *name,
                             XarxaServerUser **out, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && out != NULL, FALSE);
  return IFACE (self)->get_user (self, name, out, error);
}

gint64
xarxa_server_store_revoke_user (XarxaServerStore *self, const char *name, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), -1);
  g_return_val_if_fail (name != NULL, -1);
  return IFACE (self)->revoke_user (self, name, error);
}

gboolean
xarxa_server_store_open_device (XarxaServerStore *self, gint64 user_id,
                                const char *device_id, const char *device_name,
                                const guint8 *token_hash, gsize token_hash_len,
                                gboolean *opened, gint64 *out_last_seq, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (device_id != NULL && token_hash != NULL, FALSE);
  g_return_val_if_fail (opened != NULL && out_last_seq != NULL, FALSE);
  return IFACE (self)->open_device (self, user_id, device_id, device_name, token_hash,
                                    token_hash_len, opened, out_last_seq, error);
}

gboolean
xarxa_server_store_lookup_token (XarxaServerStore *self, const guint8 *token_hash,
                                 gsize token_hash_len, XarxaServerDevice **out,
                                 GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (token_hash != NULL && out != NULL, FALSE);
  return IFACE (self)->lookup_token (self, token_hash, token_hash_len, out, error);
}

gboolean
xarxa_server_store_revoke_device (XarxaServerStore *self, const char *device_id, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (device_id != NULL, FALSE);
  return IFACE (self)->revoke_device (self, device_id, error);
}

gboolean
xarxa_server_store_get_device_seq (XarxaServerStore *self, const char *device_id,
                                   gint64 *out_last_seq, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (device_id != NULL && out_last_seq != NULL, FALSE);
  return IFACE (self)->get_device_seq (self, device_id, out_last_seq, error);
}

gboolean
xarxa_server_store_set_device_seq (XarxaServerStore *self, const char *device_id,
                                   gint64 last_seq, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (device_id != NULL, FALSE);
  return IFACE (self)->set_device_seq (self, device_id, last_seq, error);
}

gboolean
xarxa_server_store_save_results (XarxaServerStore *self, const char *device_id,
                                 gint64 first_seq, const char *results_json, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (device_id != NULL && results_json != NULL, FALSE);
  return IFACE (self)->save_results (self, device_id, first_seq, results_json, error);
}

gboolean
xarxa_server_store_get_result (XarxaServerStore *self, const char *device_id, gint64 seq,
                               char **out, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (device_id != NULL && out != NULL, FALSE);
  return IFACE (self)->get_result (self, device_id, seq, out, error);
}

gboolean
xarxa_server_store_prune_results (XarxaServerStore *self, const char *device_id,
                                  gint64 before_seq, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (device_id != NULL, FALSE);
  return IFACE (self)->prune_results (self, device_id, before_seq, error);
}

gboolean
xarxa_server_store_get_record (XarxaServerStore *self, const char *type, const char *id,
                               XarxaServerRecord **out, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (type != NULL && id != NULL && out != NULL, FALSE);
  return IFACE (self)->get_record (self, type, id, out, error);
}

gboolean
xarxa_server_store_put_record (XarxaServerStore *self, const XarxaServerRecord *record,
                               GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  return IFACE (self)->put_record (self, record, error);
}

GPtrArray *
xarxa_server_store_list_changes (XarxaServerStore *self, gint64 after, guint limit,
                                 GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), NULL);
  return IFACE (self)->list_changes (self, after, limit, error);
}

gint64
xarxa_server_store_purge_tombstones (XarxaServerStore *self, gint64 up_to, GError **error)
{
  g_return_val_if_fail (XARXA_IS_SERVER_STORE (self), -1);
  return IFACE (self)->purge_tombstones (self, up_to, error);
}
