/* xarxa-error.h — the error domain every core function reports in.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define XARXA_ERROR (xarxa_error_quark ())

typedef enum
{
  XARXA_ERROR_FAILED,
  XARXA_ERROR_NOT_XARXA,   /* the file is a database, but not ours, or not a database */
  XARXA_ERROR_CORRUPT,     /* SQLite reports the file damaged */
  XARXA_ERROR_TOO_NEW,     /* written by a newer Xarxa */
  XARXA_ERROR_INVALID,     /* a field value failed validation */
  XARXA_ERROR_NOT_FOUND,
  XARXA_ERROR_DUPLICATE,
  XARXA_ERROR_IO,
  XARXA_ERROR_CANCELLED,
} XarxaError;

GQuark xarxa_error_quark (void);

G_END_DECLS
