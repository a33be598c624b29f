/* xarxa-list-page.c — the logic the list views (Directory, Clusters) share:
 * selection, leaflet, search, the new-record dialog and the toasts of
 * adding and deleting.  See xarxa-list-page.h.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-list-page.h"
#include "xarxa-toast.h"

GtkSingleSelection *
xarxa_list_page_new_selection (XarxaRecordList *list)
{
  GtkSingleSelection *selection;

  g_return_val_if_fail (XARXA_IS_RECORD_LIST (list), NULL);

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (list)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  return selection;
}

void
xarxa_list_page_select (GtkSingleSelection *selection,
                        XarxaRecordList    *list,
                        const char         *id,
                        gboolean           *selecting)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (selecting != NULL);

  /* Before the page has a store. */
  if (selection == NULL || list == NULL)
    return;

  if (id != NULL)
    {
      position = xarxa_record_list_find (list, id);
      if (position == G_MAXUINT)
        position = GTK_INVALID_LIST_POSITION;
    }
  if (gtk_single_selection_get_selected (selection) == position)
    return;

  *selecting = TRUE;
  gtk_single_selection_set_selected (selection, position);
  *selecting = FALSE;
}

void
xarxa_list_page_unselect (GtkSingleSelection *selection,
                          gboolean           *selecting)
{
  g_return_if_fail (selecting != NULL);

  if (selection == NULL)
    return;
  *selecting = TRUE;
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  *selecting = FALSE;
}

/* A leaflet not laid out yet (its view shown this very moment, a record
 * opened into it from elsewhere) does not know yet whether it folds: asked
 * again at each frame until it has been given its size. */
static gboolean
reveal_when_laid_out_cb (GtkWidget     *leaflet,
                         GdkFrameClock *clock,
                         gpointer       user_data)
{
  if (gtk_widget_get_width (leaflet) == 0)
    return G_SOURCE_CONTINUE;
  g_object_set_data (G_OBJECT (leaflet), "xarxa-reveal-tick", NULL);
  if (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)))
    adw_leaflet_set_visible_child_name (ADW_LEAFLET (leaflet), "content");
  return G_SOURCE_REMOVE;
}

void
xarxa_list_page_reveal_editor (AdwLeaflet *leaflet,
                               GtkWidget  *editor,
                               gboolean    focus)
{
  g_return_if_fail (ADW_IS_LEAFLET (leaflet));
  g_return_if_fail (GTK_IS_WIDGET (editor));

  if (gtk_widget_get_width (GTK_WIDGET (leaflet)) == 0)
    {
      if (g_object_get_data (G_OBJECT (leaflet), "xarxa-reveal-tick") == NULL)
        {
          guint id = gtk_widget_add_tick_callback (GTK_WIDGET (leaflet), reveal_when_laid_out_cb, NULL, NULL);

          g_object_set_data (G_OBJECT (leaflet), "xarxa-reveal-tick", GUINT_TO_POINTER (id));
        }
      return;
    }
  if (adw_leaflet_get_folded (leaflet))
    adw_leaflet_set_visible_child_name (leaflet, "content");
  else if (focus)
    gtk_widget_child_focus (editor, GTK_DIR_TAB_FORWARD);
}

gboolean
xarxa_list_page_showing_detail (AdwLeaflet *leaflet)
{
  g_return_val_if_fail (ADW_IS_LEAFLET (leaflet), FALSE);

  return adw_leaflet_get_folded (leaflet) &&
         g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), "content") == 0;
}

gboolean
xarxa_list_page_take_search (GtkSearchEntry  *entry,
                             char           **search)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (GTK_IS_SEARCH_ENTRY (entry), FALSE);
  g_return_val_if_fail (search != NULL, FALSE);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (g_strcmp0 (text, *search != NULL ? *search : "") == 0)
    return FALSE;

  g_free (*search);
  *search = text[0] != '\0' ? g_steal_pointer (&text) : NULL;
  return TRUE;
}

void
xarxa_list_page_show_filters_active (GtkWidget *filter_button,
                                     gboolean   active)
{
  g_return_if_fail (GTK_IS_WIDGET (filter_button));

  if (active)
    gtk_widget_add_css_class (filter_button, "filter-active");
  else
    gtk_widget_remove_css_class (filter_button, "filter-active");
}

void
xarxa_list_page_ask_new_record (GtkWidget                *page,
                                const char               *name,
                                const XarxaNewRecordText *text,
                                XarxaFindRecordFunc       find,
                                XarxaCreateRecordFunc     create,
                                XarxaOpenRecordFunc       open)
{
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (name != NULL);
  g_return_if_fail (text != NULL);

  dialog = xarxa_new_record_dialog_new (GTK_WINDOW (gtk_widget_get_root (page)), G_OBJECT (page),
                                        text, find, create, open);
  gtk_widget_set_name (dialog, name);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
}

void
xarxa_list_page_show_add_error (GtkWidget  *page,
                                const char *title,
                                const char *message)
{
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (message != NULL);

  toast = xarxa_toast_new (_("Could not add “%s”: %s"), title, message);
  adw_toast_set_timeout (toast, 0);
  xarxa_toast_show (page, toast);
}

void
xarxa_list_page_show_delete_error (GtkWidget  *page,
                                   const char *title,
                                   const char *message)
{
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (message != NULL);

  toast = xarxa_toast_new (_("Could not delete “%s”: %s"), title, message);
  adw_toast_set_timeout (toast, 0);
  xarxa_toast_show (page, toast);
}

void
xarxa_list_page_show_deleted (GtkWidget  *page,
                              const char *type_name,
                              const char *id,
                              const char *title)
{
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (type_name != NULL);
  g_return_if_fail (id != NULL);

  toast = xarxa_toast_new (_("“%s” deleted"), title != NULL ? title : "");
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undelete");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", type_name, id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  xarxa_toast_show (page, toast);
}
