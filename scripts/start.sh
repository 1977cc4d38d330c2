#!/usr/bin/env bash
# The README's first command: install, build, create the first admin (asks for a password once),
# and run Gatepass on http://127.0.0.1:8080 with an embedded SQLite database in ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
GATEPASS_TESTS=OFF scripts/build.sh Release
BIN=build/release/src/gatepass
export GATEPASS_DATA_DIR=${GATEPASS_DATA_DIR:-data}
if [ "$($BIN user count)" = 0 ] && [ -z "${GATEPASS_ADMIN_PASSWORD:-}" ]; then
  if [ -t 0 ]; then
    echo "No users yet. Choose a password for the first admin (user 'admin', at least 10 characters):"
    until $BIN user add --username admin --role admin; do echo "try again"; done
  else
    echo "No users yet: run '$BIN user add --username admin --role admin' or set GATEPASS_ADMIN_PASSWORD." >&2
  fi
fi
exec $BIN serve --web-root web/dist "$@"
