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
