#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end tests when it is missing (playwright-core drives it;
# Playwright's own browser download is not possible offline). A no-op when it is already there.
set -euo pipefail
CHROMIUM="${MWB_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null 2>&1; then
  echo "setup-browser: Chromium is missing at $CHROMIUM and this user cannot install it; run 'apt-get install -y chromium' as root (the end-to-end tests need it)." >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" != "0" ] && SUDO="sudo"
echo "setup-browser: installing Debian's chromium for the end-to-end tests (about a minute)..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
"$CHROMIUM" --version
