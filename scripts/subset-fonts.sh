#!/usr/bin/env bash
# Splits each vendored Titillium Web face (web/fonts/titillium-web/*-latin-ext_latin-*.woff2, as
# Bootstrap Italia ships them) in two files by Unicode range, as Google Fonts serves it: "latin"
# (Italian, and every Western European language) and "latin-ext" (Central European names: ł, ő,
# ș…). web/fonts/titillium-web.css declares both with unicode-range, so a browser fetches the
# second only for a page that shows such a letter: 13 KB less of an applicant's first visit
# (budget: 2.0 MB until the form takes input). The service worker caches both for offline use.
#
# Run by scripts/vendor-bootstrap-italia.sh after it copies the fonts; the results are committed,
# so neither make nor CI runs it. Needs fontTools with brotli (Debian: python3-fonttools
# python3-brotli; installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's packages go to the system's Python, which may not be the first python3 on PATH.
py=python3
if ! $py -c 'import fontTools, brotli' 2>/dev/null; then
  py=/usr/bin/python3
  if ! $py -c 'import fontTools, brotli' 2>/dev/null; then
    apt-get update && apt-get install -y python3-fonttools python3-brotli
  fi
fi
dir=web/fonts/titillium-web
# The ranges of Google Fonts' latin and latin-ext subsets.
latin="U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"
latinext="U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF"
for w in regular italic 600; do
  src="$dir/titillium-web-v10-latin-ext_latin-$w.woff2"
  $py -m fontTools.subset "$src" --unicodes="$latin" --flavor=woff2 --output-file="$dir/titillium-web-v10-latin-$w.woff2"
  $py -m fontTools.subset "$src" --unicodes="$latinext" --flavor=woff2 --output-file="$dir/titillium-web-v10-latin-ext-$w.woff2"
  rm "$src"
done
ls -l "$dir"
