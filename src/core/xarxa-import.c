/* xarxa-import.c — CSV import of the entity directory.
 *
 * A spreadsheet of partner organisations comes in with its own header names
 * and its own words for values, in English, Catalan or Spanish.  This file
 * maps both onto the data model (case and accents ignored), turns each row
 * into an entity (and a contact when the row names one) and writes them all
 * in one transaction of the store, recorded as one import batch so that the
 * whole import can be undone exactly.  Rows that cannot be imported are
 * reported with their line, their name, the reason and their cells as they
 * were (see xarxa-import-report.c); the rest go in.
 *
 * About 1,200 lines for one job: the header and value tables, the reading
 * thread that parses and prepares rows, and the writing side that takes
 * them in the file's order share the row and chunk structures and are
 * tuned together for 100,000 rows; split apart they would need a private
 * header for those structures and nothing would read more simply.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-countries.h"
#include "xarxa-csv.h"
#include "xarxa-import.h"
#include "xarxa-schema.h"
#include "xarxa-validate.h"


/* ---- names of columns and values --------------------------------------- */

typedef struct
{
  const char *alias;
  const char *value;
} Alias;

/* Header names, in English, Catalan and Spanish, as people write them. */
static const Alias header_aliases[] = {
  { "name", "name" }, { "nom", "name" }, { "nombre", "name" },
  { "organisation", "name" }, { "organization", "name" },
  { "organització", "name" }, { "organización", "name" },
  { "organisation name", "name" }, { "organization name", "name" },
  { "nom de l'organització", "name" }, { "nombre de la organización", "name" },
  { "entity", "name" }, { "entitat", "name" }, { "entidad", "name" },
  { "nom de l'entitat", "name" }, { "nombre de la entidad", "name" },
  { "raó social", "name" }, { "razón social", "name" },

  { "short name", "short_name" }, { "acronym", "short_name" },
  { "abbreviation", "short_name" }, { "sigles", "short_name" },
  { "siglas", "short_name" }, { "acrònim", "short_name" },
  { "acrónimo", "short_name" }, { "nom curt", "short_name" },
  { "nombre corto", "short_name" },

  { "kind", "kind" }, { "type", "kind" }, { "tipus", "kind" }, { "tipo", "kind" },
  { "organisation type", "kind" }, { "organization type", "kind" },
  { "tipus d'entitat", "kind" }, { "tipo de entidad", "kind" },
  { "legal form", "kind" }, { "forma jurídica", "kind" },

  { "description", "description" }, { "descripció", "description" },
  { "descripción", "description" },

  { "country", "country" }, { "país", "country" }, { "country code", "country" },

  { "region", "region" }, { "regió", "region" }, { "región", "region" },
  { "province", "region" }, { "província", "region" }, { "provincia", "region" },
  { "state", "region" }, { "comunitat autònoma", "region" },
  { "comunidad autónoma", "region" },

  { "city", "city" }, { "ciutat", "city" }, { "ciudad", "city" },
  { "municipi", "city" }, { "municipio", "city" }, { "town", "city" },
  { "localitat", "city" }, { "localidad", "city" }, { "població", "city" },
  { "población", "city" },

  { "address", "address" }, { "adreça", "address" }, { "dirección", "address" },
  { "domicili", "address" }, { "domicilio", "address" },
  { "street address", "address" }, { "adreça postal", "address" },
  { "dirección postal", "address" },

  { "website", "website" }, { "web", "website" }, { "web site", "website" },
  { "lloc web", "website" }, { "sitio web", "website" }, { "url", "website" },
  { "pàgina web", "website" }, { "página web", "website" },
  { "homepage", "website" },

  { "email", "email" }, { "e-mail", "email" }, { "mail", "email" },
  { "email address", "email" }, { "correu", "email" },
  { "correu electrònic", "email" }, { "correo", "email" },
  { "correo electrónico", "email" },

  { "phone", "phone" }, { "telephone", "phone" }, { "phone number", "phone" },
  { "tel", "phone" }, { "telèfon", "phone" }, { "teléfono", "phone" },

  { "languages", "languages" }, { "language", "languages" },
  { "llengües", "languages" }, { "llengua", "languages" },
  { "idiomes", "languages" }, { "idioma", "languages" },
  { "idiomas", "languages" }, { "lenguas", "languages" },

  { "transitions", "transitions" }, { "transition", "transitions" },
  { "transicions", "transitions" }, { "transició", "transitions" },
  { "transiciones", "transitions" }, { "transición", "transitions" },

  { "tags", "tags" }, { "tag", "tags" }, { "etiquetes", "tags" },
  { "etiqueta", "tags" }, { "etiquetas", "tags" }, { "keywords", "tags" },
  { "paraules clau", "tags" }, { "palabras clave", "tags" },

  { "member", "membership" }, { "membership", "membership" },
  { "member of our network", "membership" }, { "membre", "membership" },
  { "miembro", "membership" }, { "membresia", "membership" },
  { "pertinença", "membership" }, { "pertenencia", "membership" },

  { "notes", "notes" }, { "note", "notes" }, { "notas", "notes" },
  { "nota", "notes" }, { "comments", "notes" }, { "comentaris", "notes" },
  { "comentarios", "notes" }, { "observacions", "notes" },
  { "observaciones", "notes" },

  { "id", "id" }, { "uuid", "id" },

  { "contact", "contact_name" }, { "contact name", "contact_name" },
  { "contact person", "contact_name" }, { "contacte", "contact_name" },
  { "contacto", "contact_name" }, { "persona de contacte", "contact_name" },
  { "persona de contacto", "contact_name" }, { "nom del contacte", "contact_name" },
  { "nombre del contacto", "contact_name" },

  { "contact email", "contact_email" }, { "contact e-mail", "contact_email" },
  { "correu de contacte", "contact_email" },
  { "correu electrònic de contacte", "contact_email" },
  { "correo de contacto", "contact_email" },
  { "correo electrónico de contacto", "contact_email" },
  { "email de contacte", "contact_email" }, { "email de contacto", "contact_email" },

  { "contact role", "contact_role" }, { "role", "contact_role" },
  { "position", "contact_role" }, { "job title", "contact_role" },
  { "càrrec", "contact_role" }, { "cargo", "contact_role" },
  { "rol", "contact_role" }, { "càrrec del contacte", "contact_role" },
  { "cargo del contacto", "contact_role" },

  { "contact phone", "contact_phone" }, { "telèfon de contacte", "contact_phone" },
  { "teléfono de contacto", "contact_phone" },
};

static const Alias kind_aliases[] = {
  { "association", "association" }, { "associació", "association" },
  { "asociación", "association" },
  { "foundation", "foundation" }, { "fundació", "foundation" },
  { "fundación", "foundation" },
  { "cooperative", "cooperative" }, { "cooperativa", "cooperative" },
  { "co-op", "cooperative" }, { "coop", "cooperative" },
  { "network", "network" }, { "federation", "network" },
  { "federation or network", "network" }, { "xarxa", "network" },
  { "red", "network" }, { "federació", "network" }, { "federación", "network" },
  { "public body", "public-body" }, { "public administration", "public-body" },
  { "government", "public-body" }, { "local authority", "public-body" },
  { "administració", "public-body" }, { "administració pública", "public-body" },
  { "administración", "public-body" }, { "administración pública", "public-body" },
  { "organisme públic", "public-body" }, { "organismo público", "public-body" },
  { "ajuntament", "public-body" }, { "ayuntamiento", "public-body" },
  { "university", "university" }, { "universitat", "university" },
  { "universidad", "university" }, { "research centre", "university" },
  { "research center", "university" }, { "university or research centre", "university" },
  { "centre de recerca", "university" }, { "centro de investigación", "university" },
  { "company", "company" }, { "business", "company" }, { "empresa", "company" },
  { "other", "other" }, { "altres", "other" }, { "altre", "other" },
  { "altra", "other" }, { "otros", "other" }, { "otro", "other" }, { "otra", "other" },
};

static const Alias transition_aliases[] = {
  { "social", "social" }, { "socials", "social" }, { "sociales", "social" },
  { "political", "political" }, { "politics", "political" },
  { "democracy", "political" }, { "política", "political" },
  { "polítiques", "political" }, { "político", "political" },
  { "políticas", "political" }, { "democràcia", "political" },
  { "democracia", "political" },
  { "ecological", "ecological" }, { "ecology", "ecological" },
  { "climate", "ecological" }, { "ecològica", "ecological" },
  { "ecològiques", "ecological" }, { "ecològic", "ecological" },
  { "ecológica", "ecological" }, { "ecológico", "ecological" },
  { "ecológicas", "ecological" }, { "clima", "ecological" },
  { "technological", "technological" }, { "technology", "technological" },
  { "digital", "technological" }, { "digitalisation", "technological" },
  { "digitalization", "technological" }, { "tecnològica", "technological" },
  { "tecnològiques", "technological" }, { "tecnològic", "technological" },
  { "tecnológica", "technological" }, { "tecnológico", "technological" },
  { "tecnológicas", "technological" }, { "digitalització", "technological" },
  { "digitalización", "technological" },
};

static const Alias membership_aliases[] = {
  { "yes", "yes" }, { "y", "yes" }, { "sí", "yes" }, { "true", "yes" },
  { "1", "yes" }, { "x", "yes" }, { "member", "yes" }, { "membre", "yes" },
  { "miembro", "yes" },
  { "partner", "partner" }, { "soci", "partner" }, { "sòcia", "partner" },
  { "socia", "partner" }, { "socio", "partner" }, { "aliat", "partner" },
  { "aliada", "partner" }, { "aliado", "partner" },
  { "no", "no" }, { "n", "no" }, { "false", "no" }, { "0", "no" },
  { "not a member", "no" },
};

/* Language names people write instead of BCP 47 codes. */
static const Alias language_aliases[] = {
  { "catalan", "ca" }, { "català", "ca" }, { "catalán", "ca" },
  { "spanish", "es" }, { "castellano", "es" }, { "castellà", "es" },
  { "español", "es" }, { "espanyol", "es" },
  { "english", "en" }, { "anglès", "en" }, { "inglés", "en" },
  { "french", "fr" }, { "francès", "fr" }, { "francés", "fr" }, { "français", "fr" },
  { "portuguese", "pt" }, { "portuguès", "pt" }, { "portugués", "pt" },
  { "português", "pt" },
  { "italian", "it" }, { "italià", "it" }, { "italiano", "it" },
  { "german", "de" }, { "alemany", "de" }, { "alemán", "de" },
  { "arabic", "ar" }, { "àrab", "ar" }, { "árabe", "ar" },
  { "basque", "eu" }, { "basc", "eu" }, { "euskera", "eu" }, { "euskara", "eu" },
  { "galician", "gl" }, { "gallec", "gl" }, { "gallego", "gl" },
  { "wolof", "wo" },
};

/* "Correu electrònic", "CORREU-ELECTRONIC" and "correu_electronic" all give
 * "correu electronic": accents and case folded, anything that is not a
 * letter or a digit taken as one space. */
static char *
normalize_key (const char *text)
{
  g_autofree char *folded = xarxa_fold_key (text);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static GHashTable *header_table;
static GHashTable *kind_table;
static GHashTable *transition_table;
static GHashTable *membership_table;
static GHashTable *language_table;

static void
add_aliases (GHashTable  *table,
             const Alias *aliases,
             gsize        n)
{
  for (gsize i = 0; i < n; i++)
    g_hash_table_insert (table, normalize_key (aliases[i].alias), (gpointer) aliases[i].value);
}

/* A list's stable values, their English labels and their labels in the
 * current language map to the values; an alias already there wins. */
static void
add_choices (GHashTable            *table,
             const XarxaChoiceList *list)
{
  for (guint i = 0; i < list->n_choices; i++)
    {
      const XarxaChoice *c = &list->choices[i];
      const char *names[] = {
        c->value, c->label, g_dpgettext2 (GETTEXT_PACKAGE, list->context, c->label),
      };

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          g_autofree char *key = normalize_key (names[j]);

          if (!g_hash_table_contains (table, key))
            g_hash_table_insert (table, g_steal_pointer (&key), (gpointer) c->value);
        }
    }
}

/* An organisation's fields by their names and labels, in English and the
 * current language, from the description: "Short name", "Nom curt",
 * "short_name".  The aliases above, added first, win. */
static void
add_field_labels (GHashTable            *table,
                  const XarxaRecordType *type)
{
  for (guint i = 0; i < type->n_fields; i++)
    {
      const XarxaFieldInfo *info = &type->fields[i];
      const char *names[] = { info->name, info->label, xarxa_field_info_get_label (info) };

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          g_autofree char *key = normalize_key (names[j]);

          if (!g_hash_table_contains (table, key))
            g_hash_table_insert (table, g_steal_pointer (&key), (gpointer) info->name);
        }
    }
}

static void
ensure_tables (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      header_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      add_aliases (header_table, header_aliases, G_N_ELEMENTS (header_aliases));
      add_field_labels (header_table, xarxa_schema_lookup ("entity"));

      kind_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      add_aliases (kind_table, kind_aliases, G_N_ELEMENTS (kind_aliases));
      add_choices (kind_table, &xarxa_entity_kind_list);

      transition_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      add_aliases (transition_table, transition_aliases, G_N_ELEMENTS (transition_aliases));
      add_choices (transition_table, &xarxa_transition_list);

      membership_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      add_aliases (membership_table, membership_aliases, G_N_ELEMENTS (membership_aliases));
      add_choices (membership_table, &xarxa_membership_list);

      language_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      add_aliases (language_table, language_aliases, G_N_ELEMENTS (language_aliases));

      g_once_init_leave (&initialized, 1);
    }
}

static const char *
lookup (GHashTable *table,
        const char *text)
{
  g_autofree char *key = normalize_key (text);

  return g_hash_table_lookup (table, key);
}

const char *
xarxa_csv_field_for_header (const char *header)
{
  g_return_val_if_fail (header != NULL, NULL);

  ensure_tables ();
  return lookup (header_table, header);
}

/* ---- preview ----------------------------------------------------------- */

void
xarxa_csv_preview_free (XarxaCsvPreview *preview)
{
  if (preview == NULL)
    return;
  /* suggested_fields has one entry per column, some NULL: free by count. */
  if (preview->suggested_fields != NULL)
    {
      guint n = preview->header != NULL ? g_strv_length (preview->header) : 0;

      for (guint i = 0; i < n; i++)
        g_free (preview->suggested_fields[i]);
      g_free (preview->suggested_fields);
    }
  g_strfreev (preview->header);
  g_clear_pointer (&preview->preview_rows, g_ptr_array_unref);
  g_free (preview);
}

static GStrv
record_to_strv (const XarxaCsvRecord *record)
{
  return g_strdupv ((GStrv) record->fields);
}

static GFileInputStream *
open_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GFileInputStream *stream = g_file_read (file, cancellable, &local_error);

  if (stream == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_CANCELLED,
                             _("The import was cancelled; nothing was changed."));
      else
        g_set_error (error, XARXA_ERROR, XARXA_ERROR_IO,
                     _("Could not open “%s”: %s. Check that the file exists and that you may read it."),
                     name, local_error->message);
    }
  return stream;
}

/* Reads the header line; the file fails as a whole if there is none. */
static const XarxaCsvRecord *
read_header (XarxaCsvReader  *reader,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  const XarxaCsvRecord *header = xarxa_csv_reader_next (reader, cancellable, &local_error);

  if (header == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                             _("The file is empty. Choose a CSV file whose first line names the columns, "
                               "followed by one line per organisation."));
      return NULL;
    }
  if (header->error != NULL)
    {
      g_set_error (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                   _("The header line cannot be read: %s"), header->error);
      return NULL;
    }
  return header;
}

XarxaCsvPreview *
xarxa_csv_preview (GFile         *file,
                   guint          n_preview,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(XarxaCsvReader) reader = NULL;
  g_autoptr(XarxaCsvPreview) preview = NULL;
  const XarxaCsvRecord *record;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stream = open_file (file, cancellable, error)) == NULL)
    return NULL;
  reader = xarxa_csv_reader_new (G_INPUT_STREAM (stream), 0);
  if ((record = read_header (reader, cancellable, error)) == NULL)
    return NULL;

  preview = g_new0 (XarxaCsvPreview, 1);
  preview->delimiter = xarxa_csv_reader_get_delimiter (reader);
  preview->latin1 = record->latin1;
  preview->header = record_to_strv (record);
  preview->suggested_fields = g_new0 (char *, record->n_fields + 1);
  for (guint i = 0; i < record->n_fields; i++)
    preview->suggested_fields[i] = g_strdup (xarxa_csv_field_for_header (record->fields[i]));
  preview->preview_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  while (preview->preview_rows->len < n_preview &&
         (record = xarxa_csv_reader_next (reader, cancellable, &local_error)) != NULL)
    {
      if (record->error != NULL)
        continue;
      preview->latin1 |= record->latin1;
      g_ptr_array_add (preview->preview_rows, record_to_strv (record));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&preview);
}

/* ---- import ------------------------------------------------------------ */

typedef enum
{
  COL_IGNORE,
  COL_TEXT,          /* an entity text field, kept as written */
  COL_KIND,
  COL_COUNTRY,
  COL_MEMBERSHIP,
  COL_LANGUAGES,
  COL_TRANSITIONS,
  COL_TAGS,
  COL_ID,
  COL_CONTACT,       /* a contact field */
} ColumnKind;

typedef struct
{
  ColumnKind  kind;
  const char *field; /* in the entity, or in the contact for COL_CONTACT */
} Column;

/* An import runs in two threads: the reading thread turns the file's rows
 * into records ready to insert (parsing, checks, normal forms, ids), the
 * calling thread writes them, in the file's order, in one transaction.
 * Rows travel in chunks; at most CHUNKS_AHEAD are read ahead. */
#define CHUNK_ROWS 256
#define CHUNKS_AHEAD 8
#define PROGRESS_EVERY 1000   /* rows */

typedef struct
{
  guint           line;
  char           *reason;    /* set: the row is rejected, for this reason */
  XarxaNewRecord *entity;
  XarxaNewRecord *contact;   /* or NULL */
  /* Kept for a row that is or may yet be rejected, for the report: */
  GStrv           fields;    /* the cells as they were in the file */
  char           *name;      /* its organisation's name, or NULL */
} Row;

typedef struct
{
  GArray   *rows;            /* of Row */
  guint64   offset;          /* bytes read when the chunk was done */
  GError   *error;           /* reading failed: no more chunks follow */
  gboolean  last;
} Chunk;

typedef struct
{
  XarxaStore *store;
  gint64      batch;
  Column     *columns;
  guint       n_columns;
  char        delimiter;
  GString    *scratch;       /* the reading thread's */
  gboolean    has_id;        /* a column holds ids: any row may be a duplicate */
  XarxaImportReport *report; /* the writing thread's */

  XarxaCsvReader *reader;
  GCancellable   *cancellable;
  GAsyncQueue    *ready;     /* chunks read, to write */
  GAsyncQueue    *room;      /* one per chunk that may be read ahead: a chunk
                              * written, for the reading thread to free, or
                              * &no_chunk */
  gint            stop;      /* atomic: the writer gave up */
} Import;

static Column
column_for_field (const char *field)
{
  static const struct { const char *field; Column column; } map[] = {
    { "name", { COL_TEXT, "name" } },
    { "short_name", { COL_TEXT, "short_name" } },
    { "description", { COL_TEXT, "description" } },
    { "region", { COL_TEXT, "region" } },
    { "city", { COL_TEXT, "city" } },
    { "address", { COL_TEXT, "address" } },
    { "website", { COL_TEXT, "website" } },
    { "email", { COL_TEXT, "email" } },
    { "phone", { COL_TEXT, "phone" } },
    { "notes", { COL_TEXT, "notes" } },
    { "kind", { COL_KIND, "kind" } },
    { "country", { COL_COUNTRY, "country" } },
    { "membership", { COL_MEMBERSHIP, "membership" } },
    { "languages", { COL_LANGUAGES, "languages" } },
    { "transitions", { COL_TRANSITIONS, "transitions" } },
    { "tags", { COL_TAGS, "tags" } },
    { "id", { COL_ID, "id" } },
    { "contact_name", { COL_CONTACT, "full_name" } },
    { "contact_email", { COL_CONTACT, "email" } },
    { "contact_role", { COL_CONTACT, "role" } },
    { "contact_phone", { COL_CONTACT, "phone" } },
  };

  if (field != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (map); i++)
      if (strcmp (map[i].field, field) == 0)
        return map[i].column;
  return (Column) { COL_IGNORE, NULL };
}

/* Takes the row's cells and name into the report, with reason. */
static void
reject (Import *import,
        Row    *row,
        char   *reason)
{
  XarxaImportRejection *rejection = g_new0 (XarxaImportRejection, 1);

  rejection->line = row->line;
  rejection->reason = reason;
  rejection->name = g_steal_pointer (&row->name);
  rejection->fields = g_steal_pointer (&row->fields);
  if (rejection->fields == NULL)
    rejection->fields = g_new0 (char *, 1);
  g_ptr_array_add (import->report->rejections, rejection);
  import->report->rejected++;
}

/* The cell without the white space around it, in import->scratch. */
static const char *
trimmed (Import     *import,
         const char *cell)
{
  const char *end;

  while (g_ascii_isspace (*cell))
    cell++;
  end = cell + strlen (cell);
  while (end > cell && g_ascii_isspace (end[-1]))
    end--;
  g_string_truncate (import->scratch, 0);
  g_string_append_len (import->scratch, cell, end - cell);
  return import->scratch->str;
}

/* The row's organisation name as the file gives it (the first name
 * column with a value), for the report; NULL when it has none. */
static char *
row_name (Import               *import,
          const XarxaCsvRecord *record)
{
  for (guint i = 0; i < import->n_columns && i < record->n_fields; i++)
    if (import->columns[i].kind == COL_TEXT && strcmp (import->columns[i].field, "name") == 0)
      {
        const char *text = trimmed (import, record->fields[i]);

        if (*text != '\0')
          return g_strdup (text);
      }
  return NULL;
}

static gboolean
row_has_id (Import               *import,
            const XarxaCsvRecord *record)
{
  for (guint i = 0; i < import->n_columns && i < record->n_fields; i++)
    if (import->columns[i].kind == COL_ID && *trimmed (import, record->fields[i]) != '\0')
      return TRUE;
  return FALSE;
}

static JsonArray *
ensure_array (JsonObject *object,
              const char *member)
{
  if (!json_object_has_member (object, member))
    json_object_set_array_member (object, member, json_array_new ());
  return json_object_get_array_member (object, member);
}

/* Adds the items of a set cell ("social; ecològica | digital") to the
 * array.  Returns the first item that the table does not know, if a table
 * is given and must know every item. */
static char *
add_set_items (Import     *import,
               JsonArray  *array,
               const char *text,
               GHashTable *table,
               gboolean    must_know)
{
  const char *p = text;

  while (*p != '\0')
    {
      gsize len = strcspn (p, ",;|");
      g_autofree char *item = g_strstrip (g_strndup (p, len));

      p += len;
      if (*p != '\0')
        p++;
      if (*item == '\0')
        continue;
      if (table != NULL)
        {
          const char *known = lookup (table, item);

          if (known != NULL)
            {
              json_array_add_string_element (array, known);
              continue;
            }
          if (must_know)
            return g_steal_pointer (&item);
        }
      json_array_add_string_element (array, item);
    }
  return NULL;
}

/* Builds the entity (and contact) of one row.  Returns NULL with *reason set
 * when the row cannot be imported. */
static JsonObject *
row_values (Import               *import,
            const XarxaCsvRecord *record,
            JsonObject          **contact_out,
            char                **reason)
{
  g_autoptr(JsonObject) entity = json_object_new ();
  g_autoptr(JsonObject) contact = NULL;
  guint line = record->line;

  for (guint i = import->n_columns; i < record->n_fields; i++)
    if (*trimmed (import, record->fields[i]) != '\0')
      {
        *reason = g_strdup_printf (_("Line %u has more values than the header has columns: "
                                     "put quotes around any value that contains a “%c”."),
                                   line, import->delimiter);
        return NULL;
      }

  for (guint i = 0; i < import->n_columns && i < record->n_fields; i++)
    {
      const Column *column = &import->columns[i];
      const char *text;

      if (column->kind == COL_IGNORE)
        continue;
      text = trimmed (import, record->fields[i]);
      if (*text == '\0')
        continue;

      switch (column->kind)
        {
        case COL_TEXT:
          /* Two columns for one field: the first one with a value wins. */
          if (!json_object_has_member (entity, column->field))
            json_object_set_string_member (entity, column->field, text);
          break;

        case COL_KIND:
          {
            const char *kind = lookup (kind_table, text);

            if (kind == NULL)
              {
                *reason = g_strdup_printf (_("Unknown kind “%s” on line %u: use association, foundation, "
                                             "cooperative, network, public-body, university, company or other."),
                                           text, line);
                return NULL;
              }
            json_object_set_string_member (entity, "kind", kind);
          }
          break;

        case COL_COUNTRY:
          {
            g_autofree char *code = xarxa_country_parse (text);

            if (code == NULL)
              {
                *reason = g_strdup_printf (_("Unknown country “%s” on line %u: use a two-letter ISO code "
                                             "such as ES, FR or SN."),
                                           text, line);
                return NULL;
              }
            json_object_set_string_member (entity, "country", code);
          }
          break;

        case COL_MEMBERSHIP:
          {
            const char *membership = lookup (membership_table, text);

            if (membership == NULL)
              {
                *reason = g_strdup_printf (_("Unknown membership “%s” on line %u: use yes, partner or no."),
                                           text, line);
                return NULL;
              }
            json_object_set_string_member (entity, "membership", membership);
          }
          break;

        case COL_LANGUAGES:
          add_set_items (import, ensure_array (entity, "languages"), text, language_table, FALSE);
          break;

        case COL_TAGS:
          add_set_items (import, ensure_array (entity, "tags"), text, NULL, FALSE);
          break;

        case COL_TRANSITIONS:
          {
            g_autofree char *unknown = NULL;

            unknown = add_set_items (import, ensure_array (entity, "transitions"),
                                     text, transition_table, TRUE);
            if (unknown != NULL)
              {
                *reason = g_strdup_printf (_("Unknown transition “%s” on line %u: use social, political, "
                                             "ecological or technological."),
                                           unknown, line);
                return NULL;
              }
          }
          break;

        case COL_ID:
          json_object_set_string_member (entity, "id", text);
          break;

        case COL_CONTACT:
          if (contact == NULL)
            contact = json_object_new ();
          if (!json_object_has_member (contact, column->field))
            json_object_set_string_member (contact, column->field, text);
          break;

        case COL_IGNORE:
        default:
          g_assert_not_reached ();
        }
    }

  if (contact != NULL)
    {
      const XarxaRecordType *type = xarxa_schema_lookup ("contact");
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      if (!json_object_has_member (contact, "full_name"))
        {
          *reason = g_strdup_printf (_("Line %u has contact details but no contact name: "
                                       "add the person's name in the contact column, or remove the details."),
                                     line);
          return NULL;
        }
      /* Checked now, so that a bad contact email rejects the row before
       * its organisation is written. */
      json_object_iter_init (&iter, contact);
      while (json_object_iter_next (&iter, &member, &node))
        {
          g_autoptr(GError) error = NULL;

          if (!xarxa_validate_field (type, member, node, &error))
            {
              *reason = g_strdup (error->message);
              return NULL;
            }
        }
    }

  *contact_out = g_steal_pointer (&contact);
  return g_steal_pointer (&entity);
}

/* In the reading thread: makes one row ready to write, or says why not. */
static void
prepare_row (Import               *import,
             const XarxaCsvRecord *record,
             Row                  *row)
{
  g_autoptr(JsonObject) entity = NULL;
  g_autoptr(JsonObject) contact = NULL;
  g_autoptr(GError) error = NULL;

  row->line = record->line;
  if (record->error != NULL)
    row->reason = g_strdup (record->error);
  else if ((entity = row_values (import, record, &contact, &row->reason)) == NULL)
    ;
  else if ((row->entity = xarxa_new_record_prepare ("entity", entity, &error)) == NULL)
    row->reason = g_strdup (error->message);
  else if (contact != NULL)
    {
      json_object_set_string_member (contact, "entity_id", xarxa_new_record_get_id (row->entity));
      row->contact = xarxa_new_record_prepare ("contact", contact, &error);
      if (row->contact == NULL)
        {
          g_clear_pointer (&row->entity, xarxa_new_record_free);
          row->reason = g_strdup (error->message);
        }
    }

  /* Only rows that are rejected, or may be when written (a duplicate id),
   * keep their cells: the rest go into the database as they are. */
  if (row->reason != NULL || (import->has_id && row_has_id (import, record)))
    {
      row->fields = record_to_strv (record);
      row->name = row_name (import, record);
    }
}

static void
row_clear (Row *row)
{
  g_free (row->reason);
  xarxa_new_record_free (row->entity);
  xarxa_new_record_free (row->contact);
  g_strfreev (row->fields);
  g_free (row->name);
}

static void
chunk_free (Chunk *chunk)
{
  g_array_unref (chunk->rows);
  g_clear_error (&chunk->error);
  g_free (chunk);
}

/* Room to read one more chunk, with no written chunk to free. */
static Chunk no_chunk;

/* Written chunks go back to the reading thread, which made them, to be
 * freed there: freed in the writing thread, each of their strings took
 * the lock of the reading thread's malloc arena, and the two threads
 * waited on each other. */
static void
give_room (Import *import,
           Chunk  *written)
{
  g_async_queue_push (import->room, written != NULL ? written : &no_chunk);
}

static void
take_room (Import *import)
{
  Chunk *written = g_async_queue_pop (import->room);

  if (written != &no_chunk)
    chunk_free (written);
}

/* Once the reading thread has ended: frees what it did not take back. */
static void
drain_room (Import *import)
{
  Chunk *written;

  while ((written = g_async_queue_try_pop (import->room)) != NULL)
    if (written != &no_chunk)
      chunk_free (written);
}

static gpointer
read_thread (gpointer data)
{
  Import *import = data;
  gboolean last = FALSE;

  while (!last)
    {
      Chunk *chunk;

      take_room (import);
      chunk = g_new0 (Chunk, 1);
      chunk->rows = g_array_sized_new (FALSE, TRUE, sizeof (Row), CHUNK_ROWS);
      g_array_set_clear_func (chunk->rows, (GDestroyNotify) row_clear);
      while (chunk->rows->len < CHUNK_ROWS && !g_atomic_int_get (&import->stop))
        {
          const XarxaCsvRecord *record = xarxa_csv_reader_next (import->reader, import->cancellable,
                                                                &chunk->error);
          Row row = { 0 };

          if (record == NULL)
            break;
          prepare_row (import, record, &row);
          g_array_append_val (chunk->rows, row);
        }
      last = chunk->rows->len < CHUNK_ROWS;
      chunk->last = last;
      chunk->offset = xarxa_csv_reader_get_offset (import->reader);
      g_async_queue_push (import->ready, chunk);
    }
  return NULL;
}

/* The writer gives up: lets the reading thread see it and end. */
static void
stop_reading (Import  *import,
              GThread *thread)
{
  gboolean last = FALSE;

  g_atomic_int_set (&import->stop, 1);
  while (!last)
    {
      Chunk *chunk;

      give_room (import, NULL);
      chunk = g_async_queue_pop (import->ready);
      last = chunk->last;
      chunk_free (chunk);
    }
  g_thread_join (thread);
  drain_room (import);
}

/* In the writing thread: writes one row.  Returns FALSE only when the whole
 * import must stop. */
static gboolean
write_import_row (Import  *import,
                  Row     *row,
                  GError **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *entity_id;

  if (row->reason != NULL)
    {
      reject (import, row, g_steal_pointer (&row->reason));
      return TRUE;
    }

  entity_id = xarxa_new_record_get_id (row->entity);
  if (!xarxa_store_insert_new_record (import->store, row->entity, &local_error))
    {
      if (!g_error_matches (local_error, XARXA_ERROR, XARXA_ERROR_DUPLICATE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      reject (import, row,
              g_strdup_printf (_("The id %s on line %u is already used by another organisation "
                                 "(a duplicate id): clear that cell to import the row as a new organisation."),
                               entity_id, row->line));
      return TRUE;
    }
  if (row->contact != NULL &&
      !xarxa_store_insert_new_record (import->store, row->contact, error))
    return FALSE;

  import->report->imported++;
  return TRUE;
}

static gboolean
set_up_columns (Import               *import,
                const XarxaCsvRecord *header,
                const char *const    *fields,
                GError              **error)
{
  gboolean has_name = FALSE;

  import->n_columns = header->n_fields;
  import->columns = g_new0 (Column, header->n_fields);
  for (guint i = 0; i < header->n_fields; i++)
    {
      const char *field = fields != NULL ? fields[i] : xarxa_csv_field_for_header (header->fields[i]);

      import->columns[i] = column_for_field (field);
      has_name |= import->columns[i].kind == COL_TEXT && strcmp (import->columns[i].field, "name") == 0;
      import->has_id |= import->columns[i].kind == COL_ID;
    }
  if (!has_name)
    {
      g_set_error_literal (error, XARXA_ERROR, XARXA_ERROR_INVALID,
                           _("No column holds the organisation’s name. Add a column named Name "
                             "(or Nom, Nombre) to the first line of the file, then import it again."));
      return FALSE;
    }
  return TRUE;
}

static void
import_clear (Import *import)
{
  g_free (import->columns);
  if (import->scratch != NULL)
    g_string_free (import->scratch, TRUE);
  xarxa_import_report_free (import->report);
  g_clear_pointer (&import->ready, g_async_queue_unref);
  g_clear_pointer (&import->room, g_async_queue_unref);
}

XarxaImportReport *
xarxa_import_csv (XarxaStore           *store,
                  GFile                *file,
                  const char *const    *fields,
                  XarxaImportProgress   progress,
                  gpointer              progress_data,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(XarxaCsvReader) reader = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *source = NULL;
  const XarxaCsvRecord *record;
  Import import = { 0 };
  guint64 total = 0;
  GThread *thread;
  gboolean last = FALSE;
  guint rows_done = 0, next_progress = PROGRESS_EVERY;

  g_return_val_if_fail (XARXA_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_tables ();

  if ((stream = open_file (file, cancellable, error)) == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    total = (guint64) g_file_info_get_size (info);

  reader = xarxa_csv_reader_new (G_INPUT_STREAM (stream), 0);
  if ((record = read_header (reader, cancellable, error)) == NULL)
    return NULL;

  import.store = store;
  import.delimiter = xarxa_csv_reader_get_delimiter (reader);
  import.scratch = g_string_sized_new (256);
  import.report = g_new0 (XarxaImportReport, 1);
  import.report->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) xarxa_import_rejection_free);
  import.report->header = record_to_strv (record);
  import.report->delimiter = import.delimiter;
  if (!set_up_columns (&import, record, fields, error))
    {
      import_clear (&import);
      return NULL;
    }

  xarxa_store_set_bulk_cache (store);
  if (!xarxa_store_begin (store, error))
    {
      import_clear (&import);
      return NULL;
    }
  source = g_file_get_basename (file);
  import.batch = xarxa_store_import_batch_new (store, source, &local_error);
  if (import.batch < 0)
    goto fail;

  if (progress != NULL)
    progress (xarxa_csv_reader_get_offset (reader), total, progress_data);

  import.reader = reader;
  import.cancellable = cancellable;
  import.ready = g_async_queue_new ();
  import.room = g_async_queue_new ();
  for (guint i = 0; i < CHUNKS_AHEAD; i++)
    give_room (&import, NULL);
  thread = g_thread_new ("xarxa-import-read", read_thread, &import);

  while (!last && local_error == NULL)
    {
      Chunk *chunk = g_async_queue_pop (import.ready);

      last = chunk->last;
      for (guint i = 0; i < chunk->rows->len && local_error == NULL; i++)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          if (!write_import_row (&import, &g_array_index (chunk->rows, Row, i), &local_error))
            break;
        }
      if (local_error == NULL && g_cancellable_is_cancelled (cancellable))
        g_set_error_literal (&local_error, XARXA_ERROR, XARXA_ERROR_CANCELLED,
                             _("The import was cancelled; nothing was changed."));
      if (local_error == NULL && chunk->error != NULL)
        local_error = g_steal_pointer (&chunk->error);
      rows_done += chunk->rows->len;
      if (local_error == NULL && progress != NULL && rows_done >= next_progress)
        {
          progress (chunk->offset, total, progress_data);
          next_progress = (rows_done / PROGRESS_EVERY + 1) * PROGRESS_EVERY;
        }
      if (last)
        chunk_free (chunk);
      else
        give_room (&import, chunk);
    }
  if (last)
    {
      g_thread_join (thread);
      drain_room (&import);
    }
  else
    stop_reading (&import, thread);
  /* Another program cutting the file while it was read would leave rows
   * missing, or the last one cut in the middle, without any error. */
  if (local_error == NULL && total > 0 && xarxa_csv_reader_get_offset (reader) < total)
    g_set_error (&local_error, XARXA_ERROR, XARXA_ERROR_IO,
                 _("“%s” got shorter while it was being read, so its last rows may be missing or cut. "
                   "Nothing was imported. Import it again once the program writing it has finished."),
                 source);
  if (local_error == NULL)
    xarxa_store_import_batch_end (store, import.batch, &local_error);
  if (local_error != NULL)
    goto fail;

  if (!xarxa_store_commit (store, error))
    {
      import_clear (&import);
      return NULL;
    }
  if (progress != NULL)
    progress (xarxa_csv_reader_get_offset (reader), MAX (total, xarxa_csv_reader_get_offset (reader)),
              progress_data);

  import.report->batch = import.batch;
  {
    XarxaImportReport *report = g_steal_pointer (&import.report);

    import_clear (&import);
    return report;
  }

fail:
  xarxa_store_rollback (store);
  import_clear (&import);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}
