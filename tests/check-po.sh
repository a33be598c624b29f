#!/usr/bin/env bash
# Each translation is complete: every message the sources mark (extracted
# afresh from po/POTFILES.in, as the build's template is) has a translation,
# none is fuzzy, and formats and accelerators agree with the source.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext -f po/POTFILES.in -D . -o "$tmp/xarxa.pot" --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
status=0
for po in po/*.po; do
  if ! stats=$(LC_ALL=C msgfmt --check --check-accelerators=_ --statistics -o /dev/null "$po" 2>&1); then
    echo "$po: $stats"; status=1; continue
  fi
  echo "$po: $stats"
  grep -qE 'untranslated|fuzzy' <<<"$stats" && status=1
  if ! missing=$(LC_ALL=C msgcmp "$po" "$tmp/xarxa.pot" 2>&1 | grep -v 'warning: this message is not used'); then
    :
  fi
  if grep -q 'fatal error' <<<"$missing"; then
    echo "$po lacks messages the sources mark:"; grep -v '^msgcmp:' <<<"$missing" | head -20
    status=1
  fi
done
exit $status
