/* xarxa-document-row.c — one document in the Library view's list: its
 * title, kind, authors, year and language, a mark on an interview that
 * may not be used, and while searching the words that matched in their
 * context.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-document-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-document-row.h"
#include "xarxa-library.h"
#include "xarxa-values.h"

struct _XarxaDocumentRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel  *title_label;
  GtkLabel  *summary_label;
  GtkWidget *consent_box;
  GtkLabel  *consent_label;
  GtkLabel  *snippet_label;
};

G_DEFINE_FINAL_TYPE (XarxaDocumentRow, xarxa_document_row, GTK_TYPE_WIDGET)

static void
append_escaped (GString    *markup,
                const char *text,
                gssize      length)
{
  g_autofree char *escaped = g_markup_escape_text (text, length);

  /* A snippet may cross lines and a PDF's page breaks: one line of text. */
  for (char *p = escaped; *p != '\0'; p++)
    if (*p == '\n' || *p == '\f' || *p == '\r' || *p == '\t')
      *p = ' ';
  g_string_append (markup, escaped);
}

char *
xarxa_snippet_to_markup (const char *snippet)
{
  GString *markup;
  const char *p;

  g_return_val_if_fail (snippet != NULL, NULL);

  /* Escaped piece by piece: escaping would turn the marks themselves,
   * control characters, into character references. */
  markup = g_string_new (NULL);
  p = snippet;
  while (*p != '\0')
    {
      const char *start = strstr (p, XARXA_SNIPPET_MARK_START);
      const char *end;

      if (start == NULL)
        {
          append_escaped (markup, p, -1);
          break;
        }
      append_escaped (markup, p, start - p);
      start += strlen (XARXA_SNIPPET_MARK_START);
      end = strstr (start, XARXA_SNIPPET_MARK_END);
      g_string_append (markup, "<b>");
      append_escaped (markup, start, end != NULL ? end - start : -1);
      g_string_append (markup, "</b>");
      if (end == NULL)
        break;
      p = end + strlen (XARXA_SNIPPET_MARK_END);
    }
  return g_string_free (markup, FALSE);
}

const char *
xarxa_document_consent_warning (JsonObject *document)
{
  const char *consent;

  g_return_val_if_fail (document != NULL, NULL);

  if (xarxa_document_may_export (document))
    return NULL;
  consent = xarxa_value_string_of (document, "consent");
  if (g_strcmp0 (consent, "refused") == 0)
    return _("Consent refused: not to be used");
  if (g_strcmp0 (consent, "pending") == 0)
    return _("Consent pending: not to be used yet");
  return _("No consent given: not to be used yet");
}

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || part[0] == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append (text, part);
}

char *
xarxa_document_summary_text (JsonObject *document)
{
  GString *text = g_string_new (NULL);
  const char *kind = xarxa_value_string_of (document, "kind");
  const char *date = xarxa_value_string_of (document, "date");

  g_return_val_if_fail (document != NULL, NULL);

  if (kind != NULL)
    append_part (text, xarxa_choice_list_label (&xarxa_document_kind_list, kind));
  append_part (text, xarxa_value_string_of (document, "authors"));
  if (date != NULL && strlen (date) >= 4)
    {
      g_autofree char *year = g_strndup (date, 4);

      append_part (text, year);
    }
  append_part (text, xarxa_value_string_of (document, "language"));
  return g_string_free (text, FALSE);
}

void
xarxa_document_row_set_document (XarxaDocumentRow *self,
                                 XarxaStore       *store,
                                 XarxaRecord      *document,
                                 const char       *search)
{
  JsonObject *values;
  g_autofree char *summary = NULL;
  g_autofree char *snippet = NULL;
  g_autofree char *markup = NULL;
  const char *warning;

  g_return_if_fail (XARXA_IS_DOCUMENT_ROW (self));

  values = document != NULL ? xarxa_record_get_values (document) : NULL;
  if (values == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->summary_label, "");
      gtk_widget_set_visible (self->consent_box, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), FALSE);
      return;
    }

  gtk_label_set_label (self->title_label, xarxa_record_get_title (document));
  summary = xarxa_document_summary_text (values);
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary[0] != '\0');

  warning = xarxa_document_consent_warning (values);
  gtk_label_set_label (self->consent_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (self->consent_box, warning != NULL);

  if (store != NULL && search != NULL)
    snippet = xarxa_library_snippet (store, xarxa_record_get_rowid (document), search,
                                     XARXA_SNIPPET_MARK_START, XARXA_SNIPPET_MARK_END);
  if (snippet != NULL)
    markup = xarxa_snippet_to_markup (snippet);
  gtk_label_set_markup (self->snippet_label, markup != NULL ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), markup != NULL);

  /* The list item is what a screen reader lands on: it reads the title,
   * and the consent warning first when there is one. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    {
      GtkAccessible *item = GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self)));

      gtk_accessible_update_property (item, GTK_ACCESSIBLE_PROPERTY_LABEL, xarxa_record_get_title (document), -1);
      gtk_accessible_update_property (item, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      warning != NULL ? warning : summary, -1);
    }
}

const char *
xarxa_document_row_get_snippet_markup (XarxaDocumentRow *self)
{
  g_return_val_if_fail (XARXA_IS_DOCUMENT_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->snippet_label)))
    return NULL;
  return gtk_label_get_label (self->snippet_label);
}

GtkWidget *
xarxa_document_row_new (void)
{
  return g_object_new (XARXA_TYPE_DOCUMENT_ROW, NULL);
}

static void
xarxa_document_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XARXA_TYPE_DOCUMENT_ROW);

  G_OBJECT_CLASS (xarxa_document_row_parent_class)->dispose (object);
}

static void
xarxa_document_row_class_init (XarxaDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xarxa_document_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/transicions/Xarxa/library/xarxa-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentRow, box);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentRow, consent_box);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentRow, consent_label);
  gtk_widget_class_bind_template_child (widget_class, XarxaDocumentRow, snippet_label);
}

static void
xarxa_document_row_init (XarxaDocumentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
