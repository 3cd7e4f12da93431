#!/usr/bin/env bash
# Installs what `make test` needs beyond Go: headless Chromium for the browser tests,
# poppler/qpdf/openssl for the PDF and signature checks, and a headless JRE with Apache PDFBox
# Preflight (Debian's libpdfbox2-java; JAXB and javax.activation, which Java 11+ no longer
# ships) for the PDF/A validation in app/pdf/preflight_test.go. CI runs on a fresh machine as
# root with no stdin, so this must work unattended; on a developer's machine without root it
# only says what is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
[ -f /usr/share/java/preflight.jar ] || need+=(libpdfbox2-java)
[ -f /usr/share/java/javax.activation.jar ] || need+=(libactivation-java)
[ -f /usr/share/java/jaxb-api.jar ] || need+=(libjaxb-api-java)
[ ${#need[@]} -eq 0 ] && exit 0
echo "deps: installing ${need[*]}" >&2
if [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # The JRE's postinst links its man pages; slim images drop /usr/share/man and it then fails.
  mkdir -p /usr/share/man/man1
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo mkdir -p /usr/share/man/man1
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "deps: cannot install ${need[*]} (not root): browser/PDF/PDF-A tests will be SKIPPED (and fail with CI=true)" >&2
fi
