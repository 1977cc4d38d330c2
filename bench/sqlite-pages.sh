#!/usr/bin/env bash
# Where a write's pages go on SQLite (issue 20): bench/run.sh with a phase hook that, during
# register, approve and mark-used, copies the write-ahead log once (WAL_AFTER seconds into the
# phase) and prints, per b-tree (table or index), the pages the commits in that copy wrote, per
# commit; and per request the bytes the server wrote (/proc/<pid>/io). An index whose key is
# random (a hash, an address) costs about a page per request; one whose key grows with time costs
# a page per batch. The log restarts after each checkpoint, so a copy holds a few commits only:
# run it twice before believing a small difference.
#   bench/sqlite-pages.sh
#   WAL_AFTER=4 DURATION=6 bench/sqlite-pages.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export SQLITE_PAGES_DIR=$(mktemp -d /tmp/gatepass-sqlite-pages.XXXXXX)
trap 'rm -rf "$SQLITE_PAGES_DIR"' EXIT
export BENCH_PHASE_HOOK="$ROOT/bench/lib/sqlite-pages-hook.sh"
DURATION=${DURATION:-5} OFFLINE_DURATION=${OFFLINE_DURATION:-1} "$ROOT/bench/run.sh"
