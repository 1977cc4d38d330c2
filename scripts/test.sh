#!/usr/bin/env bash
# The README's second command (and what CI runs): install, build, then every test suite on SQLite
# AND on a throw-away PostgreSQL (GATEPASS_REQUIRE_PG=1 makes a missing PostgreSQL a failure).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh Release
export GATEPASS_REQUIRE_PG=1
scripts/with-postgres.sh ctest --test-dir build/release --output-on-failure --timeout 900
if [ -f web/package.json ] && [ "${GATEPASS_WITH_WEB:-1}" = 1 ]; then
  (cd web && npm test --silent)
fi
