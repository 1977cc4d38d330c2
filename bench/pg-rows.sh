#!/usr/bin/env bash
# What each request writes on PostgreSQL (issue 20): bench/run.sh on a throw-away PostgreSQL, and
# after each workload the rows it inserted, updated (of them HOT: no index touched) and deleted
# per successful request, per table, with the index entries those writes cost (an insert or a
# non-HOT update writes one entry into every index of its table; partial indexes are counted as
# if the row were in them, so this is an upper bound). Compare it with pgbench -N's transaction
# (bench/pg-limit.sh): one update, one select and one insert into a table without indexes.
#   bench/pg-rows.sh                           # starts its own PostgreSQL (scripts/with-postgres.sh)
#   DURATION=5 bench/pg-rows.sh
# Waits 11 s before and after each workload: backends report their table statistics within 10 s
# of going idle (PostgreSQL 15), so the rates of this run are not bench/run.sh's.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -n "${GATEPASS_TEST_PG_URL:-}" ] || exec "$ROOT/scripts/with-postgres.sh" "$0" "$@"
export PG_ROWS_DIR=$(mktemp -d /tmp/gatepass-pgrows.XXXXXX)
trap 'rm -rf "$PG_ROWS_DIR"' EXIT
export BENCH_PHASE_HOOK="$ROOT/bench/lib/pg-rows-hook.sh"
BENCH_PG=1 DURATION=${DURATION:-6} "$ROOT/bench/run.sh"
