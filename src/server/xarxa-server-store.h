/* xarxa-server-store.h — the one storage interface of xarxa-server.
 *
 * Everything the server keeps (users, devices and their tokens, records,
 * push results, the dataset version and epoch) goes through this interface,
 * so that the HTTP and sync layers never see SQL.  xarxa-server-sqlite.c is
 * the SQLite implementation; another database (PostgreSQL) would implement
 * the same virtual functions.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  XARXA_ROLE_READER,
  XARXA_ROLE_EDITOR,
  XARXA_ROLE_ADMIN,
} XarxaRole;

const char *xarxa_role_to_string   (XarxaRole   role);
gboolean    xarxa_role_from_string (const char *text,
                                    XarxaRole  *role);

typedef struct
{
  gint64     id;
  char      *name;
  XarxaRole  role;
  char      *password_hash;   /* libsodium crypto_pwhash_str() text */
} XarxaServerUser;

typedef struct
{
  char      *device_id;
  char      *user;
  XarxaRole  role;
  gboolean   revoked;
  gint64     last_seq;
} XarxaServerDevice;

typedef struct
{
  char     *type;
  char     *id;
  char     *data;      /* the fields, as a JSON object text */
  gint64    version;
  gboolean  deleted;
} XarxaServerRecord;

void xarxa_server_user_free   (XarxaServerUser   *user);
void xarxa_server_device_free (XarxaServerDevice *device);
void xarxa_server_record_free (XarxaServerRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaServerUser, xarxa_server_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaServerDevice, xarxa_server_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XarxaServerRecord, xarxa_server_record_free)

/* Keys of get_meta/set_meta. */
#define XARXA_META_EPOCH      "epoch"
#define XARXA_META_VERSION    "version"     /* the dataset version */
#define XARXA_META_MIN_CURSOR "min_cursor"  /* the highest purged tombstone version */

#define XARXA_TYPE_SERVER_STORE (xarxa_server_store_get_type ())
G_DECLARE_INTERFACE (XarxaServerStore, xarxa_server_store, XARXA, SERVER_STORE, GObject)

struct _XarxaServerStoreInterface
{
  GTypeInterface parent_iface;

  /* A write transaction; nothing nests. */
  gboolean (*begin)            (XarxaServerStore   *self,
                                GError            **error);
  gboolean (*commit)           (XarxaServerStore   *self,
                                GError            **error);
  void     (*rollback)         (XarxaServerStore   *self);

  /* Returns NULL without error when the key is not set. */
  char    *(*get_meta)         (XarxaServerStore   *self,
                                const char         *key,
                                GError            **error);
  gboolean (*set_meta)         (XarxaServerStore   *self,
                                const char         *key,
                                const char         *value,
                                GError            **error);

  gboolean (*add_user)         (XarxaServerStore   *self,
                                const char         *name,
                                XarxaRole           role,
                                const char         *password_hash,
                                GError            **error);
  gboolean (*set_password)     (XarxaServerStore   *self,
                                const char         *name,
                                const char         *password_hash,
                                GError            **error);
  /* *out is NULL when there is no such user. */
  gboolean (*get_user)         (XarxaServerStore   *self,
                                const char         *name,
                                XarxaServerUser   **out,
                                GError            **error);
  /* Returns how many devices were revoked, -1 on error. */
  gint64   (*revoke_user)      (XarxaServerStore   *self,
                                const char         *name,
                                GError            **error);

  /* Makes device @device_id of user @user_id with @token_hash, or, when it
   * exists and belongs to that user, gives it the new token and lifts its
   * revocation.  *out_last_seq gets the device's last sequence number; returns
   * FALSE without error (and *created FALSE) when the id belongs to another
   * user. */
  gboolean (*open_device)      (XarxaServerStore   *self,
                                gint64              user_id,
                                const char         *device_id,
                                const char         *device_name,
                                const guint8       *token_hash,
                                gsize               token_hash_len,
                                gboolean           *opened,
                                gint64             *out_last_seq,
                                GError            **error);
  /* *out is NULL when no device has this token. */
  gboolean (*lookup_token)     (XarxaServerStore   *self,
                                const guint8       *token_hash,
                                gsize               token_hash_len,
                                XarxaServerDevice **out,
                                GError            **error);
  gboolean (*revoke_device)    (XarxaServerStore   *self,
                                const char         *device_id,
                                GError            **error);
  /* Reads the device's last_seq inside the current transaction. */
  gboolean (*get_device_seq)   (XarxaServerStore   *self,
                                const char         *device_id,
                                gint64             *out_last_seq,
                                GError            **error);
  gboolean (*set_device_seq)   (XarxaServerStore   *self,
                                const char         *device_id,
                                gint64              last_seq,
                                GError            **error);

  /* The answers the new mutations of a push got, kept so that a duplicate
   * can repeat them: @results_json is a JSON array of strings, the texts of
   * the answers to sequence numbers @first_seq, @first_seq + 1, and so on,
   * each kept as it is. */
  gboolean (*save_results)     (XarxaServerStore   *self,
                                const char         *device_id,
                                gint64              first_seq,
                                const char         *results_json,
                                GError            **error);
  /* *out is NULL when none was kept. */
  gboolean (*get_result)       (XarxaServerStore   *self,
                                const char         *device_id,
                                gint64              seq,
                                char              **out,
                                GError            **error);
  /* Drops the kept answers of @device_id with seq < @before_seq: a client
   * never resends those (see "Duplicates" in PROTOCOL.md). */
  gboolean (*prune_results)    (XarxaServerStore   *self,
                                const char         *device_id,
                                gint64              before_seq,
                                GError            **error);

  /* *out is NULL when there is no such record (live or tombstone). */
  gboolean (*get_record)       (XarxaServerStore   *self,
                                const char         *type,
                                const char         *id,
                                XarxaServerRecord **out,
                                GError            **error);
  gboolean (*put_record)       (XarxaServerStore   *self,
                                const XarxaServerRecord *record,
                                GError            **error);
  /* Records with version > @after, oldest first, at most @limit of them, as
   * a GPtrArray of XarxaServerRecord. */
  GPtrArray *(*list_changes)   (XarxaServerStore   *self,
                                gint64              after,
                                guint               limit,
                                GError            **error);
  /* Drops tombstones with version ≤ @up_to; returns the highest version
   * dropped (0 if none), -1 on error. */
  gint64   (*purge_tombstones) (XarxaServerStore   *self,
                                gint64              up_to,
                                GError            **error);
};

gboolean   xarxa_server_store_begin            (XarxaServerStore *self, GError **error);
gboolean   xarxa_server_store_commit           (XarxaServerStore *self, GError **error);
void       xarxa_server_store_rollback         (XarxaServerStore *self);
char      *xarxa_server_store_get_meta         (XarxaServerStore *self, const char *key, GError **error);
gboolean   xarxa_server_store_set_meta         (XarxaServerStore *self, const char *key,
                                                const char *value, GError **error);
gint64     xarxa_server_store_get_meta_int     (XarxaServerStore *self, const char *key, GError **error);
gboolean   xarxa_server_store_set_meta_int     (XarxaServerStore *self, const char *key,
                                                gint64 value, GError **error);
gboolean   xarxa_server_store_add_user         (XarxaServerStore *self, const char *name, XarxaRole role,
                                                const char *password_hash, GError **error);
gboolean   xarxa_server_store_set_password     (XarxaServerStore *self, const char *name,
                                                const char *password_hash, GError **error);
gboolean   xarxa_server_store_get_user         (XarxaServerStore *self, const char *name,
                                                XarxaServerUser **out, GError **error);
gint64     xarxa_server_store_revoke_user      (XarxaServerStore *self, const char *name, GError **error);
gboolean   xarxa_server_store_open_device      (XarxaServerStore *self, gint64 user_id,
                                                const char *device_id, const char *device_name,
                                                const guint8 *token_hash, gsize token_hash_len,
                                                gboolean *opened, gint64 *out_last_seq, GError **error);
gboolean   xarxa_server_store_lookup_token     (XarxaServerStore *self, const guint8 *token_hash,
                                                gsize token_hash_len, XarxaServerDevice **out,
                                                GError **error);
gboolean   xarxa_server_store_revoke_device    (XarxaServerStore *self, const char *device_id, GError **error);
gboolean   xarxa_server_store_get_device_seq   (XarxaServerStore *self, const char *device_id,
                                                gint64 *out_last_seq, GError **error);
gboolean   xarxa_server_store_set_device_seq   (XarxaServerStore *self, const char *device_id,
                                                gint64 last_seq, GError **error);
gboolean   xarxa_server_store_save_results     (XarxaServerStore *self, const char *device_id,
                                                gint64 first_seq, const char *results_json,
                                                GError **error);
gboolean   xarxa_server_store_get_result       (XarxaServerStore *self, const char *device_id, gint64 seq,
                                                char **out, GError **error);
gboolean   xarxa_server_store_prune_results    (XarxaServerStore *self, const char *device_id,
                                                gint64 before_seq, GError **error);
gboolean   xarxa_server_store_get_record       (XarxaServerStore *self, const char *type, const char *id,
                                                XarxaServerRecord **out, GError **error);
gboolean   xarxa_server_store_put_record       (XarxaServerStore *self, const XarxaServerRecord *record,
                                                GError **error);
GPtrArray *xarxa_server_store_list_changes     (XarxaServerStore *self, gint64 after, guint limit,
                                                GError **error);
gint64     xarxa_server_store_purge_tombstones (XarxaServerStore *self, gint64 up_to, GError **error);

G_END_DECLS
