#!/usr/bin/env bash
# Every source file that marks strings for translation is in po/POTFILES.in,
# every file listed there exists, and the list is sorted.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$')
marked=$( { grep -lE '\b(_|N_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' src/*/*.c src/*/*/*.c;
            grep -l 'translatable="yes"' src/*/*.ui src/*/*/*.ui 2>/dev/null || true; } | LC_ALL=C sort -u)
status=0
for f in $marked; do
  grep -qx "$f" <<<"$listed" || { echo "not in po/POTFILES.in: $f"; status=1; }
done
for f in $listed; do
  [ -f "$f" ] || { echo "listed in po/POTFILES.in but missing: $f"; status=1; }
done
if [ "$listed" != "$(LC_ALL=C sort <<<"$listed")" ]; then
  echo "po/POTFILES.in is not sorted"; status=1
fi
exit $status
