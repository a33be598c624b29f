/* xarxa-choice-drop-down.h — a drop-down of values shown by translated
 * labels, sorted as the user's language sorts, that finds as you type.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define XARXA_TYPE_CHOICE_DROP_DOWN (xarxa_choice_drop_down_get_type ())
G_DECLARE_FINAL_TYPE (XarxaChoiceDropDown, xarxa_choice_drop_down, XARXA, CHOICE_DROP_DOWN, GtkWidget)

GtkWidget  *xarxa_choice_drop_down_new             (void);
/* ids[i] is shown as labels[i] (labels may be NULL: the ids are shown);
 * any_label, if not NULL, comes first and stands for no value (NULL).  The
 * choice made stays if its id is still there. */
void        xarxa_choice_drop_down_set_choices     (XarxaChoiceDropDown *self,
                                                    const char          *any_label,
                                                    const char *const   *ids,
                                                    const char *const   *labels,
                                                    guint                n_choices);
/* The same, labels from a function (xarxa_kind_label…), ids NULL-terminated. */
void        xarxa_choice_drop_down_set_choices_func (XarxaChoiceDropDown *self,
                                                    const char          *any_label,
                                                    const char *const   *ids,
                                                    const char         *(*label) (const char *id));
guint       xarxa_choice_drop_down_get_n_choices   (XarxaChoiceDropDown *self);
/* The label shown at position, "any" included; for tests and lookups. */
const char *xarxa_choice_drop_down_get_label       (XarxaChoiceDropDown *self,
                                                    guint                position);
const char *xarxa_choice_drop_down_get_selected_id (XarxaChoiceDropDown *self);
void        xarxa_choice_drop_down_set_selected_id (XarxaChoiceDropDown *self,
                                                    const char          *id);
const char *xarxa_choice_drop_down_get_title       (XarxaChoiceDropDown *self);
void        xarxa_choice_drop_down_set_title       (XarxaChoiceDropDown *self,
                                                    const char          *title);

G_END_DECLS
