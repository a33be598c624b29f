/* xarxa-cluster-agenda.c — the shared social agenda (see xarxa-cluster.h):
 * agenda items ranked by the organisations that support them, grouped by
 * kind or transition, as JSON and as Markdown, and the Markdown kept in
 * the knowledge library.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-cluster"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "xarxa-cluster-private.h"
#include "xarxa-cluster-rules.h"
#include "xarxa-library.h"
#include "xarxa-store.h"

/* ---- the agenda --------------------------------------------------------- */

static int
choice_rank (const XarxaChoiceList *list,
             const char            *value)
{
  for (guint i = 0; i < list->n_choices; i++)
    if (g_strcmp0 (list->choices[i].value, value) == 0)
      return (int) i;
  return (int) list->n_choices;
}

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  JsonObject *x = *(JsonObject *const *) a;
  JsonObject *y = *(JsonObject *const *) b;
  gint64 nx = json_object_get_int_member (x, "support_count");
  gint64 ny = json_object_get_int_member (y, "support_count");
  int kx, ky;

  if (nx != ny)
    return nx > ny ? -1 : 1;
  kx = choice_rank (&xarxa_agenda_kind_list, xarxa_cluster_text_of (x, "kind"));
  ky = choice_rank (&xarxa_agenda_kind_list, xarxa_cluster_text_of (y, "kind"));
  if (kx != ky)
    return kx - ky;
  {
    /* Accents folded, as the directory sorts names, whatever the locale. */
    g_autofree char *fx = xarxa_fold_key (xarxa_cluster_text_of (x, "text"));
    g_autofree char *fy = xarxa_fold_key (xarxa_cluster_text_of (y, "text"));

    return g_strcmp0 (fx, fy);
  }
}

/* Adds the items of @field = @id not added yet. */
static gboolean
add_items (XarxaStore  *store,
           GPtrArray   *items,
           GHashTable  *seen,
           const char  *field,
           const char  *id,
           GError     **error)
{
  g_autoptr(GPtrArray) found = xarxa_cluster_children (store, "agenda_item", field, id, error);

  if (found == NULL)
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      JsonObject *item = g_ptr_array_index (found, i);

      if (g_hash_table_add (seen, g_strdup (xarxa_cluster_text_of (item, "id"))))
        g_ptr_array_add (items, json_object_ref (item));
    }
  return TRUE;
}

GPtrArray *
xarxa_agenda_ranked (XarxaStore  *store,
                     const char  *cluster_id,
                     const char  *meeting_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  if (meeting_id != NULL)
    {
      if (!add_items (store, items, seen, "meeting_id", meeting_id, error))
        return NULL;
    }
  else if (cluster_id != NULL)
    {
      g_autoptr(GPtrArray) meetings = NULL;

      if (!add_items (store, items, seen, "cluster_id", cluster_id, error))
        return NULL;
      meetings = xarxa_cluster_children (store, "meeting", "cluster_id", cluster_id, error);
      if (meetings == NULL)
        return NULL;
      for (guint i = 0; i < meetings->len; i++)
        if (!add_items (store, items, seen, "meeting_id", xarxa_cluster_text_of (g_ptr_array_index (meetings, i), "id"), error))
          return NULL;
    }
  else if (!add_items (store, items, seen, NULL, NULL, error))
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (items, i);
      g_autoptr(GPtrArray) supports = NULL;
      JsonObject *copy = xarxa_cluster_public_copy ("agenda_item", item);
      JsonArray *supporters = json_array_new ();

      g_ptr_array_add (out, copy);
      supports = xarxa_cluster_children (store, "agenda_support", "agenda_item_id", xarxa_cluster_text_of (item, "id"), error);
      if (supports == NULL)
        {
          json_array_unref (supporters);
          return NULL;
        }
      for (guint j = 0; j < supports->len; j++)
        {
          const char *entity_id = xarxa_cluster_text_of (g_ptr_array_index (supports, j), "entity_id");
          JsonObject *who = json_object_new ();

          json_object_set_string_member (who, "entity_id", entity_id);
          xarxa_cluster_set_title (who, "name", store, "entity", entity_id);
          json_array_add_object_element (supporters, who);
        }
      json_object_set_int_member (copy, "support_count", supports->len);
      json_object_set_array_member (copy, "supporters", supporters);
    }
  g_ptr_array_sort (out, compare_ranked);
  return g_steal_pointer (&out);
}

static char *
agenda_title (XarxaStore *store,
              const char *cluster_id,
              const char *meeting_id)
{
  if (meeting_id != NULL)
    {
      g_autofree char *name = xarxa_cluster_rules_title (store, "meeting", meeting_id);

      /* TRANSLATORS: a meeting's title */
      return g_strdup_printf (_("Shared social agenda of %s"), name);
    }
  if (cluster_id != NULL)
    {
      g_autofree char *name = xarxa_cluster_rules_title (store, "cluster", cluster_id);

      /* TRANSLATORS: a cluster's name */
      return g_strdup_printf (_("Shared social agenda of %s"), name);
    }
  return g_strdup (_("Shared social agenda of the network"));
}

JsonObject *
xarxa_agenda_to_json (XarxaStore          *store,
                      const char          *cluster_id,
                      const char          *meeting_id,
                      XarxaAgendaGrouping  grouping,
                      GError             **error)
{
  const XarxaChoiceList *list = grouping == XARXA_AGENDA_BY_KIND ? &xarxa_agenda_kind_list
                                                                 : &xarxa_transition_list;
  const char *field = grouping == XARXA_AGENDA_BY_KIND ? "kind" : "transition";
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonObject) out = NULL;
  JsonArray *groups;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  if (meeting_id != NULL && (out = xarxa_cluster_live_record (store, "meeting", meeting_id, error)) == NULL)
    return NULL;
  if (cluster_id != NULL && (out = xarxa_cluster_live_record (store, "cluster", cluster_id, error)) == NULL)
    return NULL;
  g_clear_pointer (&out, json_object_unref);
  items = xarxa_agenda_ranked (store, cluster_id, meeting_id, error);
  if (items == NULL)
    return NULL;

  out = json_object_new ();
  if (cluster_id != NULL)
    json_object_set_string_member (out, "cluster_id", cluster_id);
  else
    json_object_set_null_member (out, "cluster_id");
  if (meeting_id != NULL)
    json_object_set_string_member (out, "meeting_id", meeting_id);
  else
    json_object_set_null_member (out, "meeting_id");
  {
    g_autofree char *title = agenda_title (store, cluster_id, meeting_id);

    json_object_set_string_member (out, "title", title);
  }
  json_object_set_string_member (out, "grouped_by", field);
  groups = json_array_new ();
  json_object_set_array_member (out, "groups", groups);
  /* One group per value in the list's order, then the items without. */
  for (guint g = 0; g <= list->n_choices; g++)
    {
      const char *key = g < list->n_choices ? list->choices[g].value : NULL;
      JsonArray *group_items = json_array_new ();
      JsonObject *group;

      for (guint i = 0; i < items->len; i++)
        {
          JsonObject *item = g_ptr_array_index (items, i);
          const char *value = xarxa_cluster_text_of (item, field);
          gboolean known = xarxa_choice_list_find (list, value) != NULL;

          if ((key != NULL && g_strcmp0 (value, key) == 0) || (key == NULL && !known))
            json_array_add_object_element (group_items, json_object_ref (item));
        }
      if (json_array_get_length (group_items) == 0)
        {
          json_array_unref (group_items);
          continue;
        }
      group = json_object_new ();
      if (key != NULL)
        {
          json_object_set_string_member (group, "key", key);
          json_object_set_string_member (group, "label", xarxa_choice_list_label (list, key));
        }
      else
        {
          json_object_set_null_member (group, "key");
          json_object_set_string_member (group, "label",
                                         grouping == XARXA_AGENDA_BY_KIND ? _("Without a kind")
                                                                          : _("Without a transition"));
        }
      json_object_set_array_member (group, "items", group_items);
      json_array_add_object_element (groups, group);
    }
  return g_steal_pointer (&out);
}

char *
xarxa_agenda_to_markdown (XarxaStore          *store,
                          const char          *cluster_id,
                          const char          *meeting_id,
                          XarxaAgendaGrouping  grouping,
                          GError             **error)
{
  g_autoptr(JsonObject) agenda = NULL;
  g_autoptr(GString) md = g_string_new (NULL);
  JsonArray *groups;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  agenda = xarxa_agenda_to_json (store, cluster_id, meeting_id, grouping, error);
  if (agenda == NULL)
    return NULL;
  g_string_append_printf (md, "# %s\n", json_object_get_string_member (agenda, "title"));
  groups = json_object_get_array_member (agenda, "groups");
  if (json_array_get_length (groups) == 0)
    g_string_append_printf (md, "\n%s\n", _("The agenda has no items yet."));
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *items = json_object_get_array_member (group, "items");

      g_string_append_printf (md, "\n## %s\n\n", json_object_get_string_member (group, "label"));
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          JsonArray *supporters = json_object_get_array_member (item, "supporters");
          guint n = json_array_get_length (supporters);
          g_autofree char *text = g_strdup (xarxa_cluster_text_of (item, "text") ? xarxa_cluster_text_of (item, "text") : "");

          /* One line per item: a paragraph break would end the list. */
          g_strdelimit (text, "\r\n", ' ');
          g_string_append_printf (md, "%u. %s — ", i + 1, g_strstrip (text));
          if (n == 0)
            g_string_append (md, _("no organisation supports it yet"));
          else
            {
              g_string_append_printf (md, g_dngettext (GETTEXT_PACKAGE, "supported by %u organisation",
                                                       "supported by %u organisations", n), n);
              g_string_append (md, ": ");
              for (guint s = 0; s < n; s++)
                {
                  if (s > 0)
                    g_string_append (md, C_("list separator", ", "));
                  g_string_append (md, json_object_get_string_member (json_array_get_object_element (supporters, s),
                                                                      "name"));
                }
            }
          g_string_append (md, "\n");
        }
    }
  return g_string_free (g_steal_pointer (&md), FALSE);
}

/* ---- the agenda in the library ------------------------------------------ */

/* A file name from the agenda's title: its letters and digits (accents
 * kept), words joined by '-', ".md" after. */
static char *
markdown_file_name (const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (gap && name->len > 0)
            g_string_append_c (name, '-');
          g_string_append_unichar (name, g_unichar_tolower (c));
          gap = FALSE;
        }
      else
        gap = TRUE;
    }
  if (name->len == 0)
    g_string_append (name, "agenda");
  g_string_append (name, ".md");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static gboolean
remove_temp (const char  *dir,
             const char  *path)
{
  if (path != NULL)
    g_unlink (path);
  return dir == NULL || g_rmdir (dir) == 0;
}

char *
xarxa_agenda_save_to_library (XarxaStore          *store,
                              const char          *cluster_id,
                              const char          *meeting_id,
                              XarxaAgendaGrouping  grouping,
                              GCancellable        *cancellable,
                              GError             **error)
{
  g_autoptr(JsonObject) meeting = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GFile) file = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *title = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *today = NULL;
  g_autofree char *id = NULL;
  const char *link_cluster = cluster_id;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (meeting_id != NULL)
    {
      meeting = xarxa_cluster_live_record (store, "meeting", meeting_id, error);
      if (meeting == NULL)
        return NULL;
      if (link_cluster == NULL)
        link_cluster = xarxa_cluster_text_of (meeting, "cluster_id");
    }
  markdown = xarxa_agenda_to_markdown (store, cluster_id, meeting_id, grouping, error);
  if (markdown == NULL)
    return NULL;
  title = agenda_title (store, cluster_id, meeting_id);

  /* The attachment is stored from a file: one named after the agenda, in
   * a folder of its own, gone when it is stored. */
  dir = g_dir_make_tmp ("xarxa-agenda-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  {
    g_autofree char *name = markdown_file_name (title);

    path = g_build_filename (dir, name, NULL);
  }
  if (!g_file_set_contents (path, markdown, -1, error))
    {
      remove_temp (dir, NULL);
      return NULL;
    }
  file = g_file_new_for_path (path);

  today = g_date_time_format (now, "%Y-%m-%d");
  json_object_set_string_member (values, "title", title);
  json_object_set_string_member (values, "kind", "shared-agenda");
  json_object_set_string_member (values, "date", today);
  if (meeting != NULL)
    {
      const char *date = xarxa_cluster_text_of (meeting, "date");
      g_autofree char *summary = NULL;

      if (date != NULL)
        /* TRANSLATORS: a meeting's title, then its date */
        summary = g_strdup_printf (_("From the meeting “%s” of %s."),
                                   xarxa_cluster_text_of (meeting, "title"), date);
      else
        /* TRANSLATORS: a meeting's title */
        summary = g_strdup_printf (_("From the meeting “%s”."), xarxa_cluster_text_of (meeting, "title"));
      json_object_set_string_member (values, "summary", summary);
    }

  if (!xarxa_store_begin (store, error))
    {
      remove_temp (dir, path);
      return NULL;
    }
  id = xarxa_library_add_document (store, values, file, cancellable, NULL, error);
  if (id != NULL && link_cluster != NULL)
    {
      g_autofree char *link = xarxa_library_link (store, id, "cluster", link_cluster, error);

      if (link == NULL)
        g_clear_pointer (&id, g_free);
    }
  /* Linked to the meeting it came from too: the meeting lists it. */
  if (id != NULL && meeting_id != NULL)
    {
      g_autofree char *link = xarxa_library_link (store, id, "meeting", meeting_id, error);

      if (link == NULL)
        g_clear_pointer (&id, g_free);
    }
  if (id == NULL || !xarxa_store_commit (store, error))
    {
      if (id == NULL)
        xarxa_store_rollback (store);
      remove_temp (dir, path);
      return NULL;
    }
  remove_temp (dir, path);
  return g_steal_pointer (&id);
}
