#!/usr/bin/env bash
# The PostGIS tests (-m postgis) start a throwaway PostgreSQL 15 cluster with PostGIS 3 from
# Debian's packages. Installs them when missing; needs root (as on CI) or passwordless sudo.
# Skipped when QILING_TEST_PG points at an existing server.
set -euo pipefail
if [ -n "${QILING_TEST_PG:-}" ]; then
  exit 0
fi
BIN=/usr/lib/postgresql/15/bin
EXT=/usr/share/postgresql/15/extension/postgis.control
if [ -x "$BIN/initdb" ] && [ -x "$BIN/pg_ctl" ] && [ -f "$EXT" ]; then
  exit 0
fi
echo "PostgreSQL 15 / PostGIS 3 not found: installing Debian's postgresql-15 and postgresql-15-postgis-3…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  postgresql-15 postgresql-15-postgis-3 >/dev/null
"$BIN/postgres" --version
test -f "$EXT"
