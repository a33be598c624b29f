/* xarxa-due-date.h — a due date as a person reads it ("3 March", with the
 * year when it is not this one), and the line that says an action is
 * overdue, for the Clusters list and a cluster's actions.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @iso is an ISO 8601 date (YYYY-MM-DD); NULL when it is not one.
 * @today NULL: the local date now. */
char *xarxa_due_date_text     (const char *iso,
                               GDate      *today);
/* "Overdue since 3 March" for an overdue action (xarxa_action_is_overdue),
 * "Due 3 March" for an open one with a due date, NULL otherwise. */
char *xarxa_action_due_text   (JsonObject *action,
                               GDate      *today);

G_END_DECLS
