/* xarxa-page.h — what the window asks of each view it hosts.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xarxa-store.h"

G_BEGIN_DECLS

#define XARXA_TYPE_PAGE (xarxa_page_get_type ())
G_DECLARE_INTERFACE (XarxaPage, xarxa_page, XARXA, PAGE, GtkWidget)

struct _XarxaPageInterface
{
  GTypeInterface parent_iface;

  /* settings may be NULL (schema not installed). */
  void        (*set_store)     (XarxaPage  *self,
                                XarxaStore *store,
                                GSettings  *settings);
  /* The header's "New …" button: its label, "New Organisation". */
  const char *(*get_new_label) (XarxaPage  *self);
  void        (*new_record)    (XarxaPage  *self);
  void        (*focus_search)  (XarxaPage  *self);
  /* From the detail back to the list, on a narrow window. */
  void        (*go_back)       (XarxaPage  *self);
  /* Undoes the delete of a record of this view (or of one of its parts). */
  void        (*undelete)      (XarxaPage  *self,
                                const char *type_name,
                                const char *id);
  /* Exports what the view shows, asking where. */
  void        (*export)        (XarxaPage  *self);
};

void        xarxa_page_set_store          (XarxaPage  *self,
                                           XarxaStore *store,
                                           GSettings  *settings);
const char *xarxa_page_get_new_label      (XarxaPage  *self);
void        xarxa_page_new_record         (XarxaPage  *self);
void        xarxa_page_focus_search       (XarxaPage  *self);
void        xarxa_page_go_back            (XarxaPage  *self);
/* The "showing-detail" property: TRUE when the window is narrow and the
 * view shows a record's detail in place of its list. */
gboolean    xarxa_page_get_showing_detail (XarxaPage  *self);
void        xarxa_page_undelete           (XarxaPage  *self,
                                           const char *type_name,
                                           const char *id);
/* FALSE when the view has nothing to export (no export, win.export off). */
gboolean    xarxa_page_can_export         (XarxaPage  *self);
void        xarxa_page_export             (XarxaPage  *self);

G_END_DECLS
