#!/usr/bin/env bash
# Debian/Ubuntu packages the build (fonts, PDF libraries) and the tests (browser, web server) use.
# Installs them with apt-get when run as root (or with sudo available); otherwise says what to install.
set -uo pipefail
purpose="${1:-build}"
build_packages=(fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
# Tests: read PDFs back and scan QR codes (poppler, zbar); the browser tests (Playwright drives
# Debian's chromium, never `playwright install`; nginx serves the site under a sub-path); Java for
# the W3C Nu HTML Checker (vnu.jar, from npm).
test_packages=(poppler-utils zbar-tools chromium nginx default-jre-headless)
packages=("${build_packages[@]}")
[ "$purpose" = test ] && packages+=("${test_packages[@]}")
[ ${#packages[@]} -eq 0 ] && exit 0
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "note: install these system packages for full output: ${missing[*]}" >&2
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
if [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; then
  echo "note: run as root to install: ${missing[*]}" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || true
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || echo "note: could not install all of: ${missing[*]}" >&2
