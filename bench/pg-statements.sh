#!/usr/bin/env bash
# Where PostgreSQL's time goes, per workload (issue 20): bench/run.sh on a throw-away PostgreSQL
# with pg_stat_statements (nested statements too: triggers, foreign-key checks, SQL functions),
# and after each workload the statements that took the most time, with calls per request and the
# mean time per call. "exec ms per request" includes time spent waiting for row locks; "cpu"
# below a workload is PostgreSQL's and the server's share of the machine during it (every
# `gatepass serve` and `postgres` process on the machine is counted: run nothing else beside it).
#   bench/pg-statements.sh                     # starts its own PostgreSQL (scripts/with-postgres.sh)
#   DURATION=5 TOP=15 bench/pg-statements.sh
# The extension adds its own cost to every statement: compare workloads and builds with this
# script, not its rates with bench/run.sh's.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${GATEPASS_TEST_PG_URL:-}" ]; then
  export PG_OPTS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
  exec "$ROOT/scripts/with-postgres.sh" "$0" "$@"
fi
# A PostgreSQL started without the library (e.g. scripts/with-postgres.sh bench/pg-statements.sh)
# has no statistics to read: say so instead of failing in the first workload's hook.
psql "$GATEPASS_TEST_PG_URL" -qAt -c "SHOW shared_preload_libraries" | grep -q pg_stat_statements ||
  { echo "this PostgreSQL does not preload pg_stat_statements: run bench/pg-statements.sh on its own" >&2; exit 2; }
export PG_STATEMENTS_DIR=$(mktemp -d /tmp/gatepass-pgstat.XXXXXX)
trap 'rm -rf "$PG_STATEMENTS_DIR"' EXIT
export BENCH_PHASE_HOOK="$ROOT/bench/lib/pg-statements-hook.sh"
BENCH_PG=1 DURATION=${DURATION:-6} "$ROOT/bench/run.sh"
