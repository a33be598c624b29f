#!/usr/bin/env bash
# Each translation is complete: no untranslated or fuzzy message, formats
# and accelerators consistent with the source.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
status=0
for po in po/*.po; do
  stats=$(LC_ALL=C msgfmt --check --check-accelerators=_ --statistics -o /dev/null "$po" 2>&1) || { echo "$po: $stats"; status=1; continue; }
  echo "$po: $stats"
  if grep -qE 'untranslated|fuzzy' <<<"$stats"; then
    status=1
  fi
done
exit $status
