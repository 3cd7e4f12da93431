#!/usr/bin/env bash
# Vendors into web/ what the app uses from Bootstrap Italia 2.18.3 (BSD-3-Clause): the CSS and
# the Titillium Web fonts (SIL OFL 1.1), with their licences. Applicants work offline and the
# app must make no request to another host, so nothing is loaded from a CDN or Google Fonts.
# Run it again only to change version; the files are committed. Needs npm and network.
set -euo pipefail
VERSION=2.18.3
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "bootstrap-italia@$VERSION" >/dev/null && tar xzf "bootstrap-italia-$VERSION.tgz")
pkg=$tmp/package

mkdir -p web/bootstrap-italia/css web/fonts/titillium-web
cp "$pkg/dist/css/bootstrap-italia.min.css" web/bootstrap-italia/css/
cp "$pkg/LICENSE" web/bootstrap-italia/LICENSE
# The weights the pages use (400, 400 italic, 600 — which serves 700 too; no light 300, see
# web/fonts/titillium-web.css), woff2 only: every browser that runs WebAssembly reads woff2.
for w in regular italic 600; do
  cp "$pkg/dist/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-$w.woff2" web/fonts/titillium-web/
done
cp "$pkg/dist/fonts/Titillium_Web/OFL.txt" web/fonts/titillium-web/OFL.txt
bash scripts/subset-fonts.sh # each face split in latin and latin-ext halves
chmod 644 web/bootstrap-italia/css/* web/bootstrap-italia/LICENSE web/fonts/titillium-web/*

# The stylesheet must not load anything from another host (its url()s are data: URIs).
if grep -Eo "url\([\"']?(https?:)?//[^)]*" web/bootstrap-italia/css/bootstrap-italia.min.css; then
  echo "bootstrap-italia.min.css refers to another host" >&2
  exit 1
fi
go run ./scripts/purgecss # the part of it the pages link
echo "vendored bootstrap-italia@$VERSION into web/"
