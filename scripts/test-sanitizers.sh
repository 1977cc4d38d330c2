#!/usr/bin/env bash
# The C++ suites built with AddressSanitizer + UndefinedBehaviorSanitizer (leak checks on), on
# SQLite and a throw-away PostgreSQL. Slower to build than scripts/test.sh; run before merging
# changes to the store, the server or anything that shares memory between threads.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
export CCACHE_BASEDIR=$PWD
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGATEPASS_SANITIZE=ON -DCMAKE_CXX_FLAGS=-O1 >/dev/null
cmake --build build/asan -j "${JOBS:-2}"
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp:print_suppressions=0
export GATEPASS_REQUIRE_PG=1
scripts/with-postgres.sh ctest --test-dir build/asan --output-on-failure --timeout 1800
