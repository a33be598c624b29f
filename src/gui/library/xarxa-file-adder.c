/* xarxa-file-adder.c — files on their way into the library (see
 * xarxa-file-adder.h).  No GTK here: the Library view listens and shows.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-file-adder"

#include "config.h"

#include "xarxa-file-adder.h"

typedef struct
{
  GFile *file;
  char  *attach_to;   /* a document's id, or NULL for a new document */
} PendingFile;

static void
pending_file_free (PendingFile *pending)
{
  g_object_unref (pending->file);
  g_free (pending->attach_to);
  g_free (pending);
}

struct _XarxaFileAdder
{
  GObject parent_instance;

  XarxaStore   *store;
  GQueue        pending;    /* PendingFile* */
  PendingFile  *current;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (XarxaFileAdder, xarxa_file_adder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_STARTED,
  SIGNAL_PROGRESS,
  SIGNAL_STORED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void next_file (XarxaFileAdder *self);

gboolean
xarxa_file_adder_get_busy (XarxaFileAdder *self)
{
  g_return_val_if_fail (XARXA_IS_FILE_ADDER (self), FALSE);

  return self->current != NULL;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  XarxaFileAdder *self = user_data;

  if (total > 0)
    g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, (double) done / total);
}

static void
store_file_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(XarxaFileAdder) self = user_data;
  g_autoptr(XarxaStoredFile) stored = NULL;
  g_autoptr(GError) error = NULL;
  PendingFile *pending = self->current;

  stored = xarxa_library_store_file_finish (result, &error);
  self->current = NULL;
  g_clear_object (&self->cancellable);

  if (stored == NULL)
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, pending->file, error);
  else
    g_signal_emit (self, signals[SIGNAL_STORED], 0, pending->file, pending->attach_to, stored);
  pending_file_free (pending);

  next_file (self);
  if (self->current == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
next_file (XarxaFileAdder *self)
{
  g_autofree char *files_dir = NULL;
  g_autofree char *name = NULL;
  gboolean was_busy = self->current != NULL;

  if (self->current != NULL || self->store == NULL)
    return;
  self->current = g_queue_pop_head (&self->pending);
  if (self->current == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  name = g_file_get_basename (self->current->file);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_signal_emit (self, signals[SIGNAL_STARTED], 0, name);

  files_dir = xarxa_library_files_dir (self->store);
  xarxa_library_store_file_async (files_dir, self->current->file, self->cancellable,
                                  progress_cb, self, store_file_cb, g_object_ref (self));
}

void
xarxa_file_adder_add (XarxaFileAdder *self,
                      GFile          *file,
                      const char     *attach_to)
{
  PendingFile *pending;

  g_return_if_fail (XARXA_IS_FILE_ADDER (self));
  g_return_if_fail (G_IS_FILE (file));

  pending = g_new0 (PendingFile, 1);
  pending->file = g_object_ref (file);
  pending->attach_to = g_strdup (attach_to);
  g_queue_push_tail (&self->pending, pending);
  next_file (self);
}

void
xarxa_file_adder_cancel (XarxaFileAdder *self)
{
  g_return_if_fail (XARXA_IS_FILE_ADDER (self));

  g_queue_clear_full (&self->pending, (GDestroyNotify) pending_file_free);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
xarxa_file_adder_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  XarxaFileAdder *self = XARXA_FILE_ADDER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, xarxa_file_adder_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xarxa_file_adder_dispose (GObject *object)
{
  XarxaFileAdder *self = XARXA_FILE_ADDER (object);

  xarxa_file_adder_cancel (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xarxa_file_adder_parent_class)->dispose (object);
}

static void
xarxa_file_adder_class_init (XarxaFileAdderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = xarxa_file_adder_get_property;
  object_class->dispose = xarxa_file_adder_dispose;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_STARTED] = g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[SIGNAL_STORED] = g_signal_new ("stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                         G_TYPE_FILE, G_TYPE_STRING, G_TYPE_POINTER);
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                         G_TYPE_FILE, G_TYPE_ERROR);
}

static void
xarxa_file_adder_init (XarxaFileAdder *self)
{
  g_queue_init (&self->pending);
}

XarxaFileAdder *
xarxa_file_adder_new (XarxaStore *store)
{
  XarxaFileAdder *self;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);

  self = g_object_new (XARXA_TYPE_FILE_ADDER, NULL);
  self->store = g_object_ref (store);
  return self;
}
