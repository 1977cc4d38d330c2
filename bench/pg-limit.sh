#!/usr/bin/env bash
# This machine's own PostgreSQL limit, and Gatepass measured against it (issue 20): on one
# throw-away PostgreSQL, pgbench with the same client count as bench/run.sh
#   -N            (three updates and a select per transaction: the write limit)
#   -S            (one primary-key select: the read limit)
#   one-row insert per transaction (the commit limit)
# then bench/run.sh on the same server, and prints each workload as a fraction of its limit:
# register and approve and mark-used against -N and the insert, verify against -S.
#   scripts/with-postgres.sh bench/pg-limit.sh
#   CONNECTIONS=64 DURATION=10 scripts/with-postgres.sh bench/pg-limit.sh
# Goals of issue 20: register >= 0.7 of -N, approve >= 0.5, mark-used >= 0.5, verify >= 0.6 of -S.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -n "${GATEPASS_TEST_PG_URL:-}" ] || { echo "run it as: scripts/with-postgres.sh bench/pg-limit.sh" >&2; exit 2; }
command -v pgbench >/dev/null || { echo "pgbench missing: scripts/install-deps.sh --test (package postgresql)" >&2; exit 1; }
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10}
THREADS=${PGBENCH_THREADS:-2}
WORK=$(mktemp -d /tmp/gatepass-pglimit.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# pgbench gets its own database on the same server, so Gatepass's run starts from an empty one.
psql "$GATEPASS_TEST_PG_URL" -qAt -c "DROP DATABASE IF EXISTS pgbench_limit" -c "CREATE DATABASE pgbench_limit" >/dev/null
BENCH_URL=$(echo "$GATEPASS_TEST_PG_URL" | sed -E 's#/[^/?]+(\?|$)#/pgbench_limit\1#')
pgbench -q -i -s 10 "$BENCH_URL" >/dev/null 2>&1
psql "$BENCH_URL" -qAt -c "CREATE TABLE one_row_inserts (id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, note TEXT)" >/dev/null
echo "INSERT INTO one_row_inserts (at, note) VALUES (1, 'x');" > "$WORK/insert.sql"

tps() {  # pgbench args... -> transactions per second (excluding connection set-up)
  pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" "$@" "$BENCH_URL" 2>/dev/null |
    awk -F'= ' '/^tps = / {split($2, a, " "); print int(a[1]); exit}'
}
N=$(tps -N)
S=$(tps -S)
I=$(tps -f "$WORK/insert.sql")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $CONNECTIONS clients, ${DURATION}s each"
echo "pgbench -N: $N tps, -S: $S tps, one-row insert: $I tps"

# Approvals run twice as long as the rest: every check-in needs a ticket of its own, and on
# PostgreSQL check-ins outpace approvals, so with equal phases mark-used ran out of tickets and
# its rate was only a lower bound.
CONNECTIONS=$CONNECTIONS DURATION=$DURATION APPROVE_DURATION=${APPROVE_DURATION:-$((DURATION * 2))} BENCH_PG=1 \
  "$ROOT/bench/run.sh" | tee "$WORK/run.txt"
python3 - "$WORK/run.txt" "$N" "$S" "$I" <<'PY'
import json, re, sys
path, n, s, i = sys.argv[1], *map(int, sys.argv[2:])
limits = {"register": ("-N", n, 0.7), "approve": ("-N", n, 0.5), "mark-used": ("-N", n, 0.5), "verify": ("-S", s, 0.6)}
print(f"{'workload':<10} {'ok/s':>8} {'limit':>14} {'fraction':>8} {'goal':>5} {'vs insert':>9}")
for line in open(path):
    m = re.match(r'^(\S+)\s+(\{.*\})', line)
    if not m or m.group(1) not in limits: continue
    ok = json.loads(m.group(2))["ok_rps"]
    name, limit, goal = limits[m.group(1)]
    frac = ok / limit if limit else float("nan")
    print(f"{m.group(1):<10} {ok:>8.0f} {name + ' ' + str(limit):>14} {frac:>8.2f} {goal:>5.1f} {ok / i if i else float('nan'):>9.2f}")
PY
