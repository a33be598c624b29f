/* xarxa-page.c — what the window asks of each view it hosts.
 *
 * The window holds its views in an AdwViewStack; its actions (win.new,
 * win.search, win.back, win.undelete, win.export) and its header ("New …",
 * Back) go to the view shown through this interface, so that a new view is
 * added by implementing it, not by teaching the window about it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-page"

#include "config.h"

#include "xarxa-page.h"

G_DEFINE_INTERFACE (XarxaPage, xarxa_page, GTK_TYPE_WIDGET)

static void
xarxa_page_default_init (XarxaPageInterface *iface)
{
  g_object_interface_install_property (iface,
                                       g_param_spec_boolean ("showing-detail", NULL, NULL, FALSE,
                                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                             G_PARAM_EXPLICIT_NOTIFY));
}

void
xarxa_page_set_store (XarxaPage  *self,
                      XarxaStore *store,
                      GSettings  *settings)
{
  g_return_if_fail (XARXA_IS_PAGE (self));
  g_return_if_fail (XARXA_IS_STORE (store));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  XARXA_PAGE_GET_IFACE (self)->set_store (self, store, settings);
}

const char *
xarxa_page_get_new_label (XarxaPage *self)
{
  XarxaPageInterface *iface;

  g_return_val_if_fail (XARXA_IS_PAGE (self), NULL);

  iface = XARXA_PAGE_GET_IFACE (self);
  return iface->get_new_label != NULL ? iface->get_new_label (self) : NULL;
}

void
xarxa_page_new_record (XarxaPage *self)
{
  XarxaPageInterface *iface;

  g_return_if_fail (XARXA_IS_PAGE (self));

  iface = XARXA_PAGE_GET_IFACE (self);
  if (iface->new_record != NULL)
    iface->new_record (self);
}

void
xarxa_page_focus_search (XarxaPage *self)
{
  XarxaPageInterface *iface;

  g_return_if_fail (XARXA_IS_PAGE (self));

  iface = XARXA_PAGE_GET_IFACE (self);
  if (iface->focus_search != NULL)
    iface->focus_search (self);
}

void
xarxa_page_go_back (XarxaPage *self)
{
  XarxaPageInterface *iface;

  g_return_if_fail (XARXA_IS_PAGE (self));

  iface = XARXA_PAGE_GET_IFACE (self);
  if (iface->go_back != NULL)
    iface->go_back (self);
}

gboolean
xarxa_page_get_showing_detail (XarxaPage *self)
{
  gboolean detail = FALSE;

  g_return_val_if_fail (XARXA_IS_PAGE (self), FALSE);

  g_object_get (self, "showing-detail", &detail, NULL);
  return detail;
}

void
xarxa_page_undelete (XarxaPage  *self,
                     const char *type_name,
                     const char *id)
{
  XarxaPageInterface *iface;

  g_return_if_fail (XARXA_IS_PAGE (self));
  g_return_if_fail (type_name != NULL && id != NULL);

  iface = XARXA_PAGE_GET_IFACE (self);
  if (iface->undelete != NULL)
    iface->undelete (self, type_name, id);
}

gboolean
xarxa_page_can_export (XarxaPage *self)
{
  g_return_val_if_fail (XARXA_IS_PAGE (self), FALSE);

  return XARXA_PAGE_GET_IFACE (self)->export != NULL;
}

void
xarxa_page_export (XarxaPage *self)
{
  XarxaPageInterface *iface;

  g_return_if_fail (XARXA_IS_PAGE (self));

  iface = XARXA_PAGE_GET_IFACE (self);
  if (iface->export != NULL)
    iface->export (self);
}
