/* xarxa-move-aside.c — moving a damaged database out of the way, never deleting it.
 *
 * The window offers this when a database cannot be opened: a new, empty
 * database then takes the usual name, and the damaged one stays beside it
 * for someone to repair or for a backup to replace.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-move-aside"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-error.h"
#include "xarxa-move-aside.h"

/* What SQLite keeps beside a database in WAL mode. */
static const char *const companions[] = { "-wal", "-shm" };

/* "dir/xarxa.db" with stamp "2026-12-06-190722" and n 2 gives
 * "dir/xarxa.damaged-2026-12-06-190722-2.db". */
static char *
dated_path (const char *path,
            const char *stamp,
            guint       n)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;
  g_autofree char *suffix = n > 1 ? g_strdup_printf ("-%u", n) : g_strdup ("");
  const char *dot = strrchr (base, '.');

  /* A name such as ".xarxa" is all stem. */
  if (dot != NULL && dot != base)
    name = g_strdup_printf ("%.*s.damaged-%s%s%s", (int) (dot - base), base, stamp, suffix, dot);
  else
    name = g_strdup_printf ("%s.damaged-%s%s", base, stamp, suffix);
  return g_build_filename (dir, name, NULL);
}

static gboolean
any_taken (const char *target)
{
  if (g_file_test (target, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (target, companions[i], NULL);

      if (g_file_test (companion, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        return TRUE;
    }
  return FALSE;
}

/* A rename that refuses to replace a file (g_rename() would). */
static gboolean
move_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);

  return g_file_move (source, target, G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                      NULL, NULL, NULL, error);
}

char *
xarxa_move_aside (const char  *path,
                  GDateTime   *when,
                  GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *target = NULL;
  g_autofree char *basename = NULL;
  const char *moved[G_N_ELEMENTS (companions)] = { NULL };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  basename = g_path_get_basename (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_NOT_FOUND,
                   _("“%s” is no longer there, so there is nothing to move aside."), path);
      return NULL;
    }

  if (when == NULL)
    when = now = g_date_time_new_now_local ();
  stamp = g_date_time_format (when, "%Y-%m-%d-%H%M%S");
  for (guint n = 1; target == NULL || any_taken (target); n++)
    {
      g_free (target);
      target = dated_path (path, stamp, n);
    }

  if (!move_file (path, target, &local_error))
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                   _("“%s” could not be moved aside: %s. Nothing was changed."),
                   basename, local_error->message);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (target, companions[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        continue;
      if (!move_file (from, to, &local_error))
        {
          /* The database without its log would lose what the log holds:
           * put back what moved, so that everything is as it was. */
          for (guint j = 0; j < i; j++)
            if (moved[j] != NULL)
              {
                g_autofree char *back_from = g_strconcat (target, moved[j], NULL);
                g_autofree char *back_to = g_strconcat (path, moved[j], NULL);

                move_file (back_from, back_to, NULL);
              }
          move_file (target, path, NULL);
          g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                       _("“%s” could not be moved aside: %s. Nothing was changed."),
                       basename, local_error->message);
          return NULL;
        }
      moved[i] = companions[i];
    }

  return g_steal_pointer (&target);
}
