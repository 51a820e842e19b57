#!/usr/bin/env bash
# Checks that po/POTFILES.in lists every file with translatable strings,
# and only files that exist.  Prints TAP.
#
#   build-aux/check-potfiles.sh [SOURCE_ROOT]
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

listed=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' po/POTFILES.in | grep -v '^$' | sort -u)

# C sources that mark strings: _("…"), N_("…"), C_(…), g_dngettext/ngettext
c_files=$(grep -lE '(^|[^A-Za-z0-9_])(N?_|C_|g_dn?gettext|ngettext)[[:space:]]*\(' \
            $(find src -name '*.c' | sort) 2>/dev/null || true)
ui_files=$(grep -l 'translatable="yes"' $(find ui src -name '*.ui' | sort) 2>/dev/null || true)
data_files=$(ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null || true)

wanted=$(printf '%s\n' $c_files $ui_files $data_files | grep -v '^$' | sort -u)

echo "1..2"

missing=$(comm -23 <(printf '%s\n' "$wanted") <(printf '%s\n' "$listed") || true)
if [ -n "$missing" ]; then
  echo "not ok 1 - files with translatable strings missing from po/POTFILES.in:"
  printf '#   %s\n' $missing
  status=1
else
  echo "ok 1 - po/POTFILES.in lists every file with translatable strings"
  status=0
fi

gone=""
for f in $listed; do
  [ -f "$f" ] || gone="$gone $f"
done
if [ -n "$gone" ]; then
  echo "not ok 2 - po/POTFILES.in lists files that do not exist:"
  printf '#   %s\n' $gone
  status=1
else
  echo "ok 2 - every file in po/POTFILES.in exists"
fi

exit $status
