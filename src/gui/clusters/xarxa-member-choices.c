/* xarxa-member-choices.c — a cluster's member organisations as choices.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-member-choices"

#include "config.h"

#include "xarxa-cluster.h"
#include "xarxa-member-choices.h"
#include "xarxa-values.h"

typedef struct
{
  char *id;
  char *name;
  char *key;
} Choice;

static void
choice_free (gpointer data)
{
  Choice *c = data;

  g_free (c->id);
  g_free (c->name);
  g_free (c->key);
  g_free (c);
}

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  const Choice *x = *(Choice *const *) a;
  const Choice *y = *(Choice *const *) b;

  return g_strcmp0 (x->key, y->key);
}

char *
xarxa_member_choices_name (XarxaStore *store,
                           const char *entity_id)
{
  g_autoptr(JsonObject) entity = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  if (entity_id == NULL)
    return NULL;
  entity = xarxa_store_get_live_record (store, "entity", entity_id);
  return g_strdup (xarxa_value_string_of (entity, "name"));
}

guint
xarxa_member_choices_append (XarxaStore *store,
                             const char *cluster_id,
                             GPtrArray  *ids,
                             GPtrArray  *labels)
{
  g_autoptr(GPtrArray) member_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (choice_free);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (XARXA_IS_STORE (store), 0);
  g_return_val_if_fail (ids != NULL && labels != NULL, 0);

  if (cluster_id == NULL)
    return 0;
  /* One read for all of them: a cluster may have hundreds. */
  if (!xarxa_cluster_member_names (store, cluster_id, member_ids, names, &error))
    {
      g_warning ("Could not read the members of %s: %s", cluster_id, error->message);
      return 0;
    }
  for (guint i = 0; i < member_ids->len; i++)
    {
      Choice *c = g_new0 (Choice, 1);

      c->id = g_steal_pointer (&member_ids->pdata[i]);
      c->name = g_steal_pointer (&names->pdata[i]);
      c->key = xarxa_fold_key (c->name);
      g_ptr_array_add (choices, c);
    }
  g_ptr_array_sort (choices, compare_choices);
  for (guint i = 0; i < choices->len; i++)
    {
      Choice *c = choices->pdata[i];

      g_ptr_array_add (ids, g_steal_pointer (&c->id));
      g_ptr_array_add (labels, g_steal_pointer (&c->name));
    }
  return choices->len;
}
