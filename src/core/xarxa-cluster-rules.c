/* xarxa-cluster-rules.c — the rules across the records of a cluster (see
 * xarxa-cluster-rules.h).  Reads go through the store's own connection,
 * so that a rule sees the records of the transaction it is part of.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-cluster-rules.h"
#include "xarxa-store-private.h"
#include "xarxa-value.h"

static JsonObject *
fetch_record (const char *type_name,
              const char *id,
              gpointer    user_data)
{
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);

  if (type == NULL || id == NULL)
    return NULL;
  return xarxa_store_read_record (user_data, type, id, NULL);
}

char *
xarxa_cluster_rules_title (XarxaStore *store,
                           const char *type_name,
                           const char *id)
{
  const XarxaRecordType *type;
  g_autoptr(JsonObject) record = NULL;
  char *title = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (type_name != NULL, NULL);

  type = xarxa_schema_lookup (type_name);
  if (type != NULL && id != NULL)
    record = xarxa_store_read_record (store, type, id, NULL);
  if (record != NULL)
    title = xarxa_record_title (type, record, fetch_record, store);
  return title != NULL ? title : g_strdup (id != NULL ? id : "");
}

static const char *
field_text (JsonObject *record,
            const char *name)
{
  if (record == NULL || !json_object_has_member (record, name) ||
      json_object_get_null_member (record, name))
    return NULL;
  return json_object_get_string_member_with_default (record, name, NULL);
}

/* The live record that @id names, or NULL with the message @missing
 * (which takes the id) or, for a tombstone, @deleted (which takes its
 * title). */
static JsonObject *
live_record (XarxaStore  *store,
             const char  *type_name,
             const char  *id,
             const char  *missing,
             const char  *deleted,
             GError     **error)
{
  g_autoptr(JsonObject) record = NULL;

  if (id != NULL)
    record = xarxa_store_read_record (store, xarxa_schema_lookup (type_name), id, NULL);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  if (record == NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID, missing, id != NULL ? id : "");
      return NULL;
    }
  if (json_object_get_boolean_member_with_default (record, "deleted", FALSE))
    {
      g_autofree char *title = xarxa_cluster_rules_title (store, type_name, id);

      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID, deleted, title);
      return NULL;
    }
#pragma GCC diagnostic pop
  return g_steal_pointer (&record);
}

static JsonObject *
live_entity (XarxaStore  *store,
             const char  *id,
             GError     **error)
{
  return live_record (store, "entity", id,
                      _("There is no organisation with the id “%s”. Add the organisation to the directory first."),
                      _("The organisation “%s” was deleted. Undo its deletion first, or choose another organisation."),
                      error);
}

void
xarxa_cluster_rules_set_duplicate (XarxaStore            *store,
                                   const XarxaRecordType *type,
                                   JsonObject            *record,
                                   GError               **error)
{
  const XarxaRecordType *parent_type;
  const XarxaRecordType *other_type;
  g_autofree char *parent = NULL;
  g_autofree char *other = NULL;

  g_return_if_fail (XARXA_IS_STORE (store));
  g_return_if_fail (type != NULL && type->pair_fields != NULL);
  g_return_if_fail (record != NULL);

  parent_type = xarxa_schema_lookup (xarxa_record_type_field (type, type->pair_fields[0])->ref_type);
  other_type = xarxa_schema_lookup (xarxa_record_type_field (type, type->pair_fields[1])->ref_type);
  parent = xarxa_cluster_rules_title (store, parent_type->name, field_text (record, type->pair_fields[0]));
  other = xarxa_cluster_rules_title (store, other_type->name, field_text (record, type->pair_fields[1]));
  /* The message is the type's, a literal marked N_() in xarxa-schema.c. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, XARXA_ERROR, XARXA_ERROR_DUPLICATE,
               g_dgettext (GETTEXT_PACKAGE, type->duplicate_message), other, parent);
#pragma GCC diagnostic pop
}

/* Whether a live record of the pair's type other than @self_id holds the
 * pair; @sql is literal and takes ?1, ?2 (the pair) and ?3 (@self_id). */
static gboolean
pair_taken (XarxaStore  *store,
            const char  *sql,
            const char  *first,
            const char  *second,
            const char  *self_id,
            gboolean    *taken,
            GError     **error)
{
  sqlite3_stmt *stmt = xarxa_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  xarxa_sqlite_bind_text (stmt, 1, first);
  xarxa_sqlite_bind_text (stmt, 2, second);
  xarxa_sqlite_bind_text (stmt, 3, self_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return xarxa_store_sqlite_error (store, rc, error);
  *taken = rc == SQLITE_ROW;
  return TRUE;
}

/* Whether an update changes any of @fields (NULL-terminated); a new
 * record changes them all.  A record is checked against the records it
 * names only when it names them anew: a member whose organisation was
 * deleted since can still have its role changed. */
static gboolean
names_anew (JsonObject        *before,
            JsonObject        *after,
            const char *const *fields)
{
  if (before == NULL)
    return TRUE;
  for (guint i = 0; fields[i] != NULL; i++)
    if (g_strcmp0 (field_text (before, fields[i]), field_text (after, fields[i])) != 0)
      return TRUE;
  return FALSE;
}

/* On an update, the record itself holds its pair; on an insert any live
 * record with the pair counts, whatever its id. */
static const char *
self_id (JsonObject *before,
         JsonObject *after)
{
  return before != NULL ? field_text (after, "id") : NULL;
}

static gboolean
check_pair (XarxaStore            *store,
            const char            *type_name,
            const char            *sql,
            JsonObject            *before,
            JsonObject            *after,
            GError               **error)
{
  const XarxaRecordType *type = xarxa_schema_lookup (type_name);
  gboolean taken = FALSE;

  if (!pair_taken (store, sql, field_text (after, type->pair_fields[0]),
                   field_text (after, type->pair_fields[1]), self_id (before, after), &taken, error))
    return FALSE;
  if (taken)
    {
      xarxa_cluster_rules_set_duplicate (store, type, after, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
xarxa_cluster_rules_check_member (XarxaStore  *store,
                                  JsonObject  *before,
                                  JsonObject  *after,
                                  GError     **error)
{
  g_autoptr(JsonObject) cluster = NULL;
  g_autoptr(JsonObject) entity = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (after != NULL, FALSE);

  if (!names_anew (before, after, (const char *const[]) { "cluster_id", "entity_id", NULL }))
    return TRUE;
  cluster = live_record (store, "cluster", field_text (after, "cluster_id"),
                         _("There is no cluster with the id “%s”."),
                         _("The cluster “%s” was deleted. Undo its deletion first."), error);
  if (cluster == NULL || (entity = live_entity (store, field_text (after, "entity_id"), error)) == NULL)
    return FALSE;
  return check_pair (store, "cluster_member",
                     "SELECT 1 FROM cluster_member WHERE cluster_id = ?1 AND entity_id = ?2"
                     " AND deleted = 0 AND id IS NOT ?3",
                     before, after, error);
}

gboolean
xarxa_cluster_rules_check_position (XarxaStore  *store,
                                    JsonObject  *before,
                                    JsonObject  *after,
                                    GError     **error)
{
  g_autoptr(JsonObject) decision = NULL;
  g_autoptr(JsonObject) entity = NULL;
  const char *cluster_id;
  const char *entity_id = field_text (after, "entity_id");

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (after != NULL, FALSE);

  if (!names_anew (before, after, (const char *const[]) { "decision_id", "entity_id", NULL }))
    return TRUE;
  decision = live_record (store, "decision", field_text (after, "decision_id"),
                          _("There is no decision with the id “%s”."),
                          _("The decision “%s” was deleted. Undo its deletion first."), error);
  if (decision == NULL || (entity = live_entity (store, entity_id, error)) == NULL)
    return FALSE;
  cluster_id = field_text (decision, "cluster_id");
  if (cluster_id != NULL)
    {
      gboolean member = FALSE;

      if (!pair_taken (store,
                       "SELECT 1 FROM cluster_member WHERE cluster_id = ?1 AND entity_id = ?2"
                       " AND deleted = 0 AND ?3 IS NULL",
                       cluster_id, entity_id, NULL, &member, error))
        return FALSE;
      if (!member)
        {
          g_autofree char *entity_title = xarxa_cluster_rules_title (store, "entity", entity_id);
          g_autofree char *cluster_title = xarxa_cluster_rules_title (store, "cluster", cluster_id);

          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       /* TRANSLATORS: an organisation's name, then a cluster's */
                       _("%s is not a member of %s, so it takes no position on its decisions. Add it to the cluster first."),
                       entity_title, cluster_title);
          return FALSE;
        }
    }
  return check_pair (store, "decision_position",
                     "SELECT 1 FROM decision_position WHERE decision_id = ?1 AND entity_id = ?2"
                     " AND deleted = 0 AND id IS NOT ?3",
                     before, after, error);
}

gboolean
xarxa_cluster_rules_check_measurement (XarxaStore  *store,
                                       JsonObject  *before,
                                       JsonObject  *after,
                                       GError     **error)
{
  g_autoptr(JsonObject) indicator = NULL;
  const char *named;
  const char *own;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (after != NULL, FALSE);

  if (!names_anew (before, after, (const char *const[]) { "indicator_id", "cluster_id", NULL }))
    return TRUE;
  indicator = live_record (store, "indicator", field_text (after, "indicator_id"),
                           _("There is no indicator with the id “%s”."),
                           _("The indicator “%s” was deleted. Undo its deletion first."), error);
  if (indicator == NULL)
    return FALSE;
  named = field_text (after, "cluster_id");
  own = field_text (indicator, "cluster_id");
  if (named != NULL && g_strcmp0 (named, own) != 0)
    {
      g_autofree char *indicator_title = xarxa_cluster_rules_title (store, "indicator",
                                                                    field_text (after, "indicator_id"));
      g_autofree char *named_title = xarxa_cluster_rules_title (store, "cluster", named);

      if (own == NULL)
        g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                     _("The indicator “%s” belongs to no cluster, not to %s. Leave the measurement’s cluster empty."),
                     indicator_title, named_title);
      else
        {
          g_autofree char *own_title = xarxa_cluster_rules_title (store, "cluster", own);

          g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                       /* TRANSLATORS: an indicator's name, then two clusters' */
                       _("The indicator “%s” belongs to %s, not to %s. Record the measurement in its own cluster."),
                       indicator_title, own_title, named_title);
        }
      return FALSE;
    }
  return TRUE;
}

gboolean
xarxa_cluster_rules_check_support (XarxaStore  *store,
                                   JsonObject  *before,
                                   JsonObject  *after,
                                   GError     **error)
{
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(JsonObject) entity = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (after != NULL, FALSE);

  if (!names_anew (before, after, (const char *const[]) { "agenda_item_id", "entity_id", NULL }))
    return TRUE;
  item = live_record (store, "agenda_item", field_text (after, "agenda_item_id"),
                      _("There is no agenda item with the id “%s”."),
                      _("The agenda item “%s” was deleted. Undo its deletion first."), error);
  if (item == NULL || (entity = live_entity (store, field_text (after, "entity_id"), error)) == NULL)
    return FALSE;
  return check_pair (store, "agenda_support",
                     "SELECT 1 FROM agenda_support WHERE agenda_item_id = ?1 AND entity_id = ?2"
                     " AND deleted = 0 AND id IS NOT ?3",
                     before, after, error);
}

gboolean
xarxa_cluster_rules_check_note_person (XarxaStore  *store,
                                       JsonObject  *before,
                                       JsonObject  *after,
                                       GError     **error)
{
  g_autoptr(JsonObject) note = NULL;
  g_autoptr(JsonObject) contact = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);
  g_return_val_if_fail (after != NULL, FALSE);

  if (!names_anew (before, after, (const char *const[]) { "field_note_id", "contact_id", NULL }))
    return TRUE;
  note = live_record (store, "field_note", field_text (after, "field_note_id"),
                      _("There is no field note with the id “%s”."),
                      _("The field note “%s” was deleted. Undo its deletion first."), error);
  if (note == NULL)
    return FALSE;
  contact = live_record (store, "contact", field_text (after, "contact_id"),
                         _("There is no person with the id “%s”. Add them to the directory first."),
                         _("“%s” was deleted from the directory. Undo the deletion first, or choose another person."),
                         error);
  if (contact == NULL)
    return FALSE;
  return check_pair (store, "field_note_person",
                     "SELECT 1 FROM field_note_person WHERE field_note_id = ?1 AND contact_id = ?2"
                     " AND deleted = 0 AND id IS NOT ?3",
                     before, after, error);
}
