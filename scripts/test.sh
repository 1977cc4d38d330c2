#!/usr/bin/env bash
# The README's second command (and what CI runs): install, build, then every test suite:
# C++ unit/store/api on SQLite AND on a throw-away PostgreSQL (GATEPASS_REQUIRE_PG=1 makes a
# missing PostgreSQL a failure), the shell suites (command line, README commands), a short fuzzing
# run, the Debian package (built, installed, served, removed), the web app's Vitest tests, and the browser end-to-end suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh Release
rm -rf build/release/test-results test-output/vitest.json test-output/e2e/results.json
export GATEPASS_REQUIRE_PG=1
scripts/with-postgres.sh ctest --test-dir build/release --output-on-failure --timeout 900
# libFuzzer targets for the input parsers, 10 s each (scripts/fuzz.sh 600 for a longer run).
scripts/fuzz.sh 10
# The Debian package: built from this build, installed with apt-get, its unit's command run by
# hand (no systemd in CI), then removed (tests/package/package_test.sh; needs root or sudo).
scripts/package.sh build/release
bash tests/package/package_test.sh build/release/gatepass_*_amd64.deb build/release/test-results
WITH_WEB=0
if [ -f web/package.json ] && [ "${GATEPASS_WITH_WEB:-1}" = 1 ]; then
  WITH_WEB=1
  (cd web && npm test --silent)
fi
node scripts/summarize-tests.mjs build/release test-output "$WITH_WEB"
