/* xarxa-cli-mission.h — xarxa-cli's mission commands: the itinerary as
 * JSON, as iCalendar, and whether the device is ready to travel.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "xarxa-cli-util.h"

G_BEGIN_DECLS

/* The mission commands' part of the usage text. */
void xarxa_cli_mission_print_usage (FILE *out);

/* export-ics mission ID FILE|- */
int xarxa_cli_export_ics         (XarxaCli    *cli,
                                  char       **argv,
                                  int          argc);
/* ready mission ID [--format json|text] */
int xarxa_cli_ready              (XarxaCli    *cli,
                                  char       **argv,
                                  int          argc);
/* promote field-note ID --cluster ID|--network --kind KIND */
int xarxa_cli_promote            (XarxaCli    *cli,
                                  char       **argv,
                                  int          argc);
/* For show mission ID --format json: adds to @shown "participants"
 * (without their private needs), "stops" in order with their "zone" and
 * "warnings", and "field_notes" by time.  -1, or the exit status after
 * printing what went wrong. */
int xarxa_cli_mission_add_itinerary (XarxaStore  *store,
                                     const char  *mission_id,
                                     JsonObject  *shown);

G_END_DECLS
