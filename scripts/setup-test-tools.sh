#!/usr/bin/env bash
# Installs what the test suite drives for real and a fresh machine may lack, from Debian's packages:
# Chromium (browser tests, through playwright-core), zsh and fish (the `mwb completion` scripts are
# loaded by the real shells) and pre-commit (`.pre-commit-hooks.yaml` is validated by pre-commit
# itself), and PostgreSQL's server (test/helpers/pg-server.ts). A no-op when everything is there. One apt-get run for all of them.
set -euo pipefail
CHROMIUM="${MWB_CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
command -v fish >/dev/null 2>&1 || missing+=(fish)
command -v pre-commit >/dev/null 2>&1 || missing+=(pre-commit)
# PostgreSQL's server binaries (initdb, pg_ctl): the migrate tests start a throwaway server of their own.
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || [ -n "${MWB_PG_BIN:-}" ] || missing+=(postgresql)
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null 2>&1; then
  echo "setup-test-tools: missing ${missing[*]} and this user cannot install them; run 'apt-get install -y ${missing[*]}' as root (the tests need them)." >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" != "0" ] && SUDO="sudo"
echo "setup-test-tools: installing Debian's ${missing[*]} for the tests (about a minute)..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
