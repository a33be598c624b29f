/* xarxa-checkpointer.c — copies a database's write-ahead log back into it,
 * in a thread of its own.
 *
 * In WAL mode SQLite appends each commit to the -wal file.  By default,
 * once the log holds 1,000 pages, the connection that just committed
 * copies it back into the database and waits twice for the disk before it
 * goes on.  A first sync commits all the time: its applying thread spent
 * a fifth of its time there, and the window's own saves waited the same.
 *
 * Watching a connection replaces that: after a commit that leaves 4 MB
 * or more in the log it only asks, and a thread with its own
 * connection copies them (a passive checkpoint: it never waits for the
 * writer nor for readers, and copies what they no longer need).  The log
 * starts over only when a checkpoint has caught up with it before the next
 * write, which never happens while a writer keeps committing: when the log
 * still holds XARXA_CHECKPOINT_CAP bytes at a second commit in a row, the
 * committing connection copies the rest itself, as SQLite would have,
 * once the thread has ended the checkpoint it is at, so the log stays
 * bounded.  One big transaction (an import) is left to the thread.
 * SQLite calls a connection's WAL hook after each commit, with the write
 * lock released; setting it turns the automatic checkpoints off.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-store"

#include "config.h"

#include "xarxa-checkpointer.h"

/* SQLite's own threshold (1,000 pages of 4 KB), and 64 times it, in bytes
 * of log: a database's pages may be larger. */
#define XARXA_CHECKPOINT_BYTES (1000 * 4096)
#define XARXA_CHECKPOINT_CAP   (64 * XARXA_CHECKPOINT_BYTES)

struct _XarxaCheckpointer
{
  char     *path;
  sqlite3  *db;         /* the thread's connection */
  GThread  *thread;
  GMutex    lock;
  GCond     asked;      /* requested or stopping */
  gboolean  requested;
  gboolean  running;    /* a checkpoint is being run */
  gboolean  stopping;
  int       min_pages;  /* XARXA_CHECKPOINT_BYTES, in this database's pages */
  int       cap_pages;  /* XARXA_CHECKPOINT_CAP, in pages */
  gboolean  long_log;   /* the log had cap_pages at the last commit; only
                         * the committing thread uses it */
};

XarxaCheckpointer *
xarxa_checkpointer_new (const char *path)
{
  XarxaCheckpointer *self = g_new0 (XarxaCheckpointer, 1);

  self->path = g_strdup (path);
  g_mutex_init (&self->lock);
  g_cond_init (&self->asked);
  return self;
}

static gpointer
checkpoint_thread (gpointer data)
{
  XarxaCheckpointer *self = data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      int rc;

      while (!self->requested && !self->stopping)
        g_cond_wait (&self->asked, &self->lock);
      if (self->stopping)
        break;
      self->requested = FALSE;
      self->running = TRUE;
      g_mutex_unlock (&self->lock);

      rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      /* Busy: another checkpoint runs; the next commit asks again. */
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_debug ("Background checkpoint of %s: %s", self->path, sqlite3_errstr (rc));

      g_mutex_lock (&self->lock);
      self->running = FALSE;
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

static int
wal_committed (void       *data,
               sqlite3    *db,
               const char *name,
               int         n_pages)
{
  XarxaCheckpointer *self = data;

  if (n_pages < self->min_pages)
    {
      self->long_log = FALSE;
      return SQLITE_OK;
    }

  g_mutex_lock (&self->lock);
  /* The log was long at the last commit already: this writer does not
   * pause, and the log starts over only once a checkpoint has caught up
   * with it before the next write.  The thread is asked for no more; once
   * it has ended the checkpoint it is at (a second one at the same time
   * would find the log busy and do nothing), the writer copies the rest
   * itself, which is then little. */
  if (n_pages >= self->cap_pages && self->long_log)
    {
      gboolean thread_busy = self->running || self->requested;

      g_mutex_unlock (&self->lock);
      if (!thread_busy)
        sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      return SQLITE_OK;
    }
  self->long_log = n_pages >= self->cap_pages;
  if (self->thread == NULL)
    self->thread = g_thread_new ("xarxa-checkpoint", checkpoint_thread, self);
  self->requested = TRUE;
  g_cond_signal (&self->asked);
  g_mutex_unlock (&self->lock);
  return SQLITE_OK;
}

/* Takes over the checkpoints of @db, a connection to this database in WAL
 * mode; @db must be closed after this is freed.  The thread's connection
 * is opened now, while the path surely names the database: when it cannot
 * be, SQLite's own checkpoints stay in place. */
void
xarxa_checkpointer_watch (XarxaCheckpointer *self,
                          sqlite3           *db)
{
  sqlite3_stmt *stmt = NULL;
  int page_size = 4096;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->db == NULL);

  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      /* Reads the header, so that this connection knows the log is there. */
      sqlite3_exec (self->db, "PRAGMA schema_version", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("The log of %s is copied by the writer: %s", self->path, sqlite3_errmsg (self->db));
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      return;
    }
  if (sqlite3_prepare_v2 (db, "PRAGMA page_size", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0)
    page_size = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  self->min_pages = XARXA_CHECKPOINT_BYTES / page_size;
  self->cap_pages = XARXA_CHECKPOINT_CAP / page_size;
  sqlite3_wal_hook (db, wal_committed, self);
}

void
xarxa_checkpointer_free (XarxaCheckpointer *self)
{
  GThread *thread;

  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  thread = g_steal_pointer (&self->thread);
  g_cond_signal (&self->asked);
  g_mutex_unlock (&self->lock);
  if (thread != NULL)
    g_thread_join (thread);
  sqlite3_close_v2 (self->db);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->asked);
  g_free (self->path);
  g_free (self);
}
