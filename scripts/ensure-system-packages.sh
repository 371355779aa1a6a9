#!/usr/bin/env bash
# Debian packages for printing (PDF export) and its tests: a CJK font with TrueType outlines
# (fonts-wqy-microhei, embedded as a subset in every PDF), Noto CJK as the fallback and for the
# browser, and poppler-utils (pdffonts/pdftotext/pdfinfo/pdftoppm, used by the tests).
# Installs only what is missing; needs root (as on CI) or passwordless sudo.
set -euo pipefail
missing=()
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
command -v pdffonts >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
