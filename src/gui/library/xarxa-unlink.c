/* xarxa-unlink.c — a document unlinked from a record, with Undo.
 *
 * The document's page and the "Documents" group of an organisation, a
 * cluster or a mission both unlink; the Undo in the toast links the same
 * pair again.  Nothing here reloads a view: each follows the store.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-unlink"

#include "config.h"

#include <glib/gi18n.h>

#include "xarxa-library.h"
#include "xarxa-toast.h"
#include "xarxa-unlink.h"

typedef struct
{
  GWeakRef    widget;
  XarxaStore *store;
  char       *document_id;
  char       *target_type;
  char       *target_id;
} Relink;

static void
relink_free (gpointer  data,
             GClosure *closure)
{
  Relink *relink = data;

  g_weak_ref_clear (&relink->widget);
  g_object_unref (relink->store);
  g_free (relink->document_id);
  g_free (relink->target_type);
  g_free (relink->target_id);
  g_free (relink);
}

static void
relink_cb (AdwToast *toast,
           Relink   *relink)
{
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&relink->widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *link = xarxa_library_link (relink->store, relink->document_id, relink->target_type,
                                              relink->target_id, &error);

  if (link == NULL && widget != NULL)
    xarxa_toast_show (widget, xarxa_toast_new (_("Could not undo: %s"), error->message));
}

gboolean
xarxa_unlink_with_undo (GtkWidget   *widget,
                        XarxaStore  *store,
                        const char  *document_id,
                        const char  *target_type,
                        const char  *target_id,
                        const char  *done,
                        GError     **error)
{
  Relink *relink;
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (XARXA_IS_STORE (store), FALSE);

  if (!xarxa_library_unlink (store, document_id, target_type, target_id, error))
    return FALSE;

  relink = g_new0 (Relink, 1);
  g_weak_ref_init (&relink->widget, widget);
  relink->store = g_object_ref (store);
  relink->document_id = g_strdup (document_id);
  relink->target_type = g_strdup (target_type);
  relink->target_id = g_strdup (target_id);

  toast = xarxa_toast_new ("%s", done);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (relink_cb), relink, relink_free, 0);
  xarxa_toast_show (widget, toast);
  return TRUE;
}
