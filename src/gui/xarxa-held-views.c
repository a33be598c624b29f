/* xarxa-held-views.c — the views of an AdwViewStack not shown yet, kept
 * out of its styling and layout until they are needed.  See
 * xarxa-held-views.h.
 *
 * The content is kept as data of the view itself, so that it goes with the
 * view whatever happens to the stack.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-held-views"

#include "config.h"

#include "xarxa-held-views.h"

#define HELD_CONTENT "xarxa-held-content"

static void
hold (GtkWidget *view)
{
  GtkWidget *content;

  if (!ADW_IS_BIN (view) || g_object_get_data (G_OBJECT (view), HELD_CONTENT) != NULL)
    return;
  content = adw_bin_get_child (ADW_BIN (view));
  if (content == NULL)
    return;
  g_object_set_data_full (G_OBJECT (view), HELD_CONTENT, g_object_ref (content), g_object_unref);
  adw_bin_set_child (ADW_BIN (view), NULL);
}

void
xarxa_held_views_hold (AdwViewStack *stack)
{
  g_autoptr(GListModel) pages = NULL;
  GtkWidget *shown;

  g_return_if_fail (ADW_IS_VIEW_STACK (stack));

  pages = G_LIST_MODEL (adw_view_stack_get_pages (stack));
  shown = adw_view_stack_get_visible_child (stack);
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      GtkWidget *view = adw_view_stack_page_get_child (page);

      if (view != shown)
        hold (view);
    }
}

void
xarxa_held_views_restore (GtkWidget *view)
{
  g_autoptr(GtkWidget) content = NULL;

  g_return_if_fail (view == NULL || GTK_IS_WIDGET (view));

  if (view == NULL)
    return;
  content = g_object_steal_data (G_OBJECT (view), HELD_CONTENT);
  if (content != NULL)
    adw_bin_set_child (ADW_BIN (view), content);
}

gboolean
xarxa_held_views_restore_one (AdwViewStack *stack)
{
  g_autoptr(GListModel) pages = NULL;

  g_return_val_if_fail (ADW_IS_VIEW_STACK (stack), FALSE);

  pages = G_LIST_MODEL (adw_view_stack_get_pages (stack));
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      GtkWidget *view = adw_view_stack_page_get_child (page);

      if (g_object_get_data (G_OBJECT (view), HELD_CONTENT) != NULL)
        {
          xarxa_held_views_restore (view);
          return TRUE;
        }
    }
  return FALSE;
}

void
xarxa_held_views_restore_all (AdwViewStack *stack)
{
  g_return_if_fail (ADW_IS_VIEW_STACK (stack));

  while (xarxa_held_views_restore_one (stack))
    ;
}
