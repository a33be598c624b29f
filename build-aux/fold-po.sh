#!/usr/bin/env bash
# Folds the translation fragments in po/pending/*.LANG.po into po/LANG.po,
# and those in help/pending/*.LANG.po into help/LANG/LANG.po.
#
# Work that adds or changes strings on a branch writes its Catalan and
# Spanish translations as small fragments (po/pending/TOPIC.ca.po and
# TOPIC.es.po: header plus the new msgids) instead of editing the large
# catalogues, so that branches merge without conflicts in po/.  This folds
# them in: a fragment's translation wins over the catalogue's, messages the
# sources no longer mark are dropped, and the fragments are removed.
#
#   build-aux/fold-po.sh          fold and remove the fragments
#   build-aux/fold-po.sh --check  fold into a temporary copy and run
#                                 tests/check-po.sh on it; changes nothing
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
[ "${1:-}" = "--check" ] && check=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext -f po/POTFILES.in -D . -o "$tmp/xarxa.pot" --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  --package-name=xarxa
if [ $check -eq 1 ]; then
  mkdir -p "$tmp/tree/po" "$tmp/tree/tests"
  cp po/*.po "$tmp/tree/po/"
  dest="$tmp/tree/po"
else
  dest=po
fi
for lang in ca es; do
  shopt -s nullglob
  frags=(po/pending/*."$lang".po)
  shopt -u nullglob
  if [ ${#frags[@]} -gt 0 ]; then
    msgcat --use-first "${frags[@]}" "$dest/$lang.po" -o "$tmp/$lang.frag.po"
    # The catalogue keeps its own header: msgcat took the fragments' first.
    { sed -n '1,/^$/p' "$dest/$lang.po"; sed '1,/^$/d' "$tmp/$lang.frag.po"; } >"$tmp/$lang.cat.po"
  else
    cp "$dest/$lang.po" "$tmp/$lang.cat.po"
  fi
  msgmerge --quiet --no-fuzzy-matching "$tmp/$lang.cat.po" "$tmp/xarxa.pot" -o "$tmp/$lang.merged.po"
  msgattrib --no-obsolete "$tmp/$lang.merged.po" -o "$dest/$lang.po"
done
# The help: messages as itstool extracts them from the English pages.
pages=$(sed -n "/^help_pages = \[/,/^\]/p" help/meson.build | grep -o "'[^']*\.page'" | tr -d "'")
(cd help/C && itstool -o "$tmp/help.pot" $pages)
for lang in ca es; do
  shopt -s nullglob
  frags=(help/pending/*."$lang".po)
  shopt -u nullglob
  target=help/$lang/$lang.po
  out=$target
  [ $check -eq 1 ] && out=$tmp/help.$lang.po
  if [ ${#frags[@]} -gt 0 ]; then
    msgcat --use-first "${frags[@]}" "$target" -o "$tmp/h.$lang.frag.po"
    { sed -n '1,/^$/p' "$target"; sed '1,/^$/d' "$tmp/h.$lang.frag.po"; } >"$tmp/h.$lang.cat.po"
  else
    cp "$target" "$tmp/h.$lang.cat.po"
  fi
  msgmerge --quiet --no-fuzzy-matching "$tmp/h.$lang.cat.po" "$tmp/help.pot" -o "$tmp/h.$lang.merged.po"
  msgattrib --no-obsolete "$tmp/h.$lang.merged.po" -o "$out"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$out" 2>&1)
  echo "$target: $stats"
  if grep -qE 'untranslated|fuzzy' <<<"$stats"; then
    echo "$target is incomplete:"; msgattrib --untranslated --only-fuzzy "$out" 2>/dev/null | grep '^msgid' | head -5
    msgattrib --untranslated "$out" | grep -A1 '^msgid' | head -10
    [ $check -eq 1 ] && help_incomplete=1
  fi
done

if [ $check -eq 1 ]; then
  cp po/POTFILES.in "$tmp/tree/po/"
  ln -s "$PWD/src" "$tmp/tree/src"; ln -s "$PWD/data" "$tmp/tree/data"
  status=0
  bash tests/check-po.sh "$tmp/tree" || status=1
  [ "${help_incomplete:-0}" = 1 ] && status=1
  exit $status
else
  rm -f po/pending/*.po help/pending/*.po
fi
