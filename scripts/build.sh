#!/usr/bin/env bash
# Builds the server (and, if present, the web app). Usage: scripts/build.sh [Release|Debug]
set -euo pipefail
cd "$(dirname "$0")/.."
TYPE=${1:-Release}
# Relative paths in the ccache key: a fresh clone elsewhere (CI) reuses earlier compilations.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
BUILD_DIR=build/$(echo "$TYPE" | tr 'A-Z' 'a-z')
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$TYPE" -DGATEPASS_TESTS="${GATEPASS_TESTS:-ON}" >/dev/null
# Two jobs: each Beast translation unit needs ~800 MB and the machine has 2 cores.
cmake --build "$BUILD_DIR" -j "${JOBS:-2}"
if [ -f web/package.json ] && [ "${GATEPASS_WITH_WEB:-1}" = 1 ]; then
  # `npm install` (not `npm ci`): npm 11 writes lockfiles that lack other platforms' optional
  # packages (tailwind's oxide builds), which `npm ci` then rejects. The lockfile is still honoured.
  (cd web && { [ -d node_modules ] && [ node_modules -nt package-lock.json ] ||
               npm install --no-audit --no-fund --loglevel=error; } && npm run --silent build)
fi
