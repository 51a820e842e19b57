#!/usr/bin/env bash
# Checks that every translation in po/LINGUAS is complete and valid, and
# complete for the sources as they are now (not only for the last
# po/codeboom.pot someone generated).  Prints TAP; three tests a language:
#   1. msgfmt -c accepts po/LANG.po (formats, plural forms, header);
#   2. po/LANG.po has no untranslated or fuzzy message;
#   3. merged with strings extracted afresh from po/POTFILES.in (the same
#      xgettext arguments as meson's i18n preset 'glib'), it still has none:
#      a string added to the sources without a translation fails here.
#
#   build-aux/check-po.sh [SOURCE_ROOT]
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

langs=$(sed -e 's/#.*//' po/LINGUAS | tr -s '[:space:]' '\n' | grep -v '^$' || true)
n=$(printf '%s\n' $langs | grep -c . || true)
echo "1..$((n * 3 + 1))"

status=0
i=0

# Strings as the sources have them now.
i=$((i + 1))
if xgettext --package-name=codeboom -f po/POTFILES.in -D . -k_ -o "$tmp/codeboom.pot" \
     --from-code=UTF-8 --add-comments \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
     --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
     --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
     --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
     --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
     --flag=g_markup_printf_escaped:1:c-format --flag=g_printerr:1:c-format \
     --flag=g_print:1:c-format 2> "$tmp/xgettext.log"; then
  if grep -q 'warning' "$tmp/xgettext.log"; then
    # A cut-off string (a G_GINT64_FORMAT inside _()) can never be matched
    # at run time, so its translation would never show.
    echo "not ok $i - xgettext warns about the sources"
    sed 's/^/#   /' "$tmp/xgettext.log"
    status=1
  else
    echo "ok $i - strings extracted from po/POTFILES.in without warnings"
  fi
else
  echo "not ok $i - xgettext failed"
  sed 's/^/#   /' "$tmp/xgettext.log"
  exit 1
fi

# Prints the statistics line of msgfmt; returns 1 when anything is
# untranslated or fuzzy.
complete () {
  local stats
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$1" 2>&1) || { echo "$stats"; return 1; }
  echo "$stats"
  case "$stats" in
    *untranslated*|*fuzzy*) return 1 ;;
  esac
}

# The first few messages still to translate, as TAP comments.
show_missing () {
  { msgattrib --untranslated --no-location --no-wrap "$1"; msgattrib --only-fuzzy --no-location --no-wrap "$1"; } 2>/dev/null \
    | grep '^msgid "..*"' | head -n 12 | sed 's/^/#   /'
}

for lang in $langs; do
  po="po/$lang.po"

  i=$((i + 1))
  if out=$(LC_ALL=C msgfmt -c -o /dev/null "$po" 2>&1); then
    echo "ok $i - $po passes msgfmt -c"
  else
    echo "not ok $i - $po fails msgfmt -c"
    printf '%s\n' "$out" | sed 's/^/#   /'
    status=1
  fi

  i=$((i + 1))
  if stats=$(complete "$po"); then
    echo "ok $i - $po is complete ($stats)"
  else
    echo "not ok $i - $po is not complete ($stats)"
    show_missing "$po"
    status=1
  fi

  i=$((i + 1))
  msgmerge -q --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/codeboom.pot"
  if stats=$(complete "$tmp/$lang.po"); then
    echo "ok $i - $po covers the current sources ($stats)"
  else
    echo "not ok $i - $po does not cover the current sources ($stats); run 'meson compile codeboom-update-po' and translate"
    show_missing "$tmp/$lang.po"
    status=1
  fi
done

exit $status
