/* xarxa-new-record-dialog.h — asks for a new record's title, and offers the
 * record that already has it.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define XARXA_TYPE_NEW_RECORD_DIALOG (xarxa_new_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XarxaNewRecordDialog, xarxa_new_record_dialog, XARXA, NEW_RECORD_DIALOG, AdwMessageDialog)

/* What the dialogs say, translated by the caller: the first asks (heading,
 * body, the entry's placeholder and accessible name), the second warns of
 * a record that has the title already (duplicate_body has one %s: the
 * existing record's title). */
typedef struct
{
  const char *heading;
  const char *body;
  const char *placeholder;
  const char *entry_name;
  const char *duplicate_heading;
  const char *duplicate_body;
} XarxaNewRecordText;

/* The id of a record titled title (case and accents folded, as the type
 * compares titles) and in *out_title its title as stored; NULL if none. */
typedef char *(*XarxaFindRecordFunc)   (GObject    *owner,
                                        const char *title,
                                        char      **out_title);
typedef void  (*XarxaCreateRecordFunc) (GObject    *owner,
                                        const char *title);
typedef void  (*XarxaOpenRecordFunc)   (GObject    *owner,
                                        const char *id);

/* The functions are called on owner while it lives, even after the dialog
 * that asked is gone (the duplicate question outlives it). */
GtkWidget *xarxa_new_record_dialog_new (GtkWindow                *parent,
                                        GObject                  *owner,
                                        const XarxaNewRecordText *text,
                                        XarxaFindRecordFunc       find,
                                        XarxaCreateRecordFunc     create,
                                        XarxaOpenRecordFunc       open);

G_END_DECLS
