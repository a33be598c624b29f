/* xarxa-labels.c — translated names for the stable values of enumerations.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-labels"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xarxa-labels.h"

typedef struct
{
  const char *value;
  const char *label;
} Label;

static const Label kinds[] = {
  { "association", NC_("organisation kind", "Association") },
  { "foundation", NC_("organisation kind", "Foundation") },
  { "cooperative", NC_("organisation kind", "Cooperative") },
  { "network", NC_("organisation kind", "Federation or network") },
  { "public-body", NC_("organisation kind", "Public body") },
  { "university", NC_("organisation kind", "University or research centre") },
  { "company", NC_("organisation kind", "Company") },
  { "other", NC_("organisation kind", "Other") },
};

static const Label transitions[] = {
  { "social", NC_("transition", "Social") },
  { "political", NC_("transition", "Political") },
  { "ecological", NC_("transition", "Ecological") },
  { "technological", NC_("transition", "Technological") },
};

static const Label memberships[] = {
  { "yes", NC_("membership", "Member") },
  { "partner", NC_("membership", "Partner") },
  { "no", NC_("membership", "Not a member") },
};

static const char *
find_label (const Label *labels,
            gsize        n,
            const char  *context,
            const char  *value)
{
  if (value == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (strcmp (labels[i].value, value) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, context, labels[i].label);
  return value;
}

const char *
xarxa_kind_label (const char *kind)
{
  return find_label (kinds, G_N_ELEMENTS (kinds), "organisation kind", kind);
}

const char *
xarxa_transition_label (const char *transition)
{
  return find_label (transitions, G_N_ELEMENTS (transitions), "transition", transition);
}

const char *
xarxa_membership_label (const char *membership)
{
  return find_label (memberships, G_N_ELEMENTS (memberships), "membership", membership);
}

/* Labels of record fields, as forms, the import and the conflicts list
 * show them. */
static const struct
{
  const char *field;
  const char *label;
} field_labels[] = {
  { "name", N_("Name") },
  { "short_name", N_("Short name") },
  { "kind", N_("Kind") },
  { "description", N_("Description") },
  { "country", N_("Country") },
  { "region", N_("Region") },
  { "city", N_("City") },
  { "address", N_("Address") },
  { "website", N_("Website") },
  { "email", N_("Email") },
  { "phone", N_("Phone") },
  { "languages", N_("Languages") },
  { "transitions", N_("Transitions") },
  { "tags", N_("Tags") },
  { "membership", N_("Member of our network") },
  { "notes", N_("Notes") },
  { "full_name", N_("Full name") },
  { "entity_id", N_("Organisation") },
  { "role", N_("Role") },
  { "title", N_("Title") },
  { "objective", N_("Objective") },
  { "status", N_("Status") },
  { "start_date", N_("Start date") },
};

const char *
xarxa_field_label (const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].field, field) == 0)
      return _(field_labels[i].label);
  return field;
}
