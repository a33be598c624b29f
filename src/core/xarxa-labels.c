/* xarxa-labels.c — translated names for the stable values of enumerations.
 *
 * The labels live in the one description of the record types
 * (xarxa-schema.c); these are shorthands for the organisation's lists that
 * the directory shows, and for a field's label by its name alone.
 *
 * Copyright 2026 The Xarxa developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "xarxa-labels"

#include "config.h"

#include "xarxa-labels.h"
#include "xarxa-schema.h"

const char *
xarxa_kind_label (const char *kind)
{
  return kind != NULL ? xarxa_choice_list_label (&xarxa_entity_kind_list, kind) : NULL;
}

const char *
xarxa_transition_label (const char *transition)
{
  return transition != NULL ? xarxa_choice_list_label (&xarxa_transition_list, transition) : NULL;
}

const char *
xarxa_membership_label (const char *membership)
{
  return membership != NULL ? xarxa_choice_list_label (&xarxa_membership_list, membership) : NULL;
}

const char *
xarxa_field_label (const char *field)
{
  guint n_types;
  const XarxaRecordType *const *types = xarxa_schema_types (&n_types);

  g_return_val_if_fail (field != NULL, NULL);

  /* Types in their order: an organisation's field first, then a contact's. */
  for (guint i = 0; i < n_types; i++)
    {
      const XarxaFieldInfo *info = xarxa_record_type_field (types[i], field);

      if (info != NULL)
        return xarxa_field_info_get_label (info);
    }
  return field;
}
