#!/usr/bin/env bash
# A/B benchmark of two revisions on this machine, in one sitting (issue 20): builds each revision's
# server (git worktree, Release, no tests; ccache makes a rebuild cheap), then runs bench/run.sh
# alternately A, B, A, B, ... ROUNDS times and prints, per workload, the median requests/s and p99
# of each side, the ratio B/A and each round's own B/A. The machines are noisy: compare the ratio,
# not single numbers, and trust it as far as the rounds agree.
#   bench/ab.sh REV_A REV_B                       # SQLite
#   ROUNDS=5 DURATION=10 bench/ab.sh c1a87d1 main
#   scripts/with-postgres.sh env BENCH_PG=1 bench/ab.sh c1a87d1 main   # on a throw-away PostgreSQL
# Extra settings (CONNECTIONS, DURATION, APPROVE_DURATION, MARK_DURATION, ...) go to bench/run.sh.
# Results: bench/results/ab-<A>-<B>-<time>.txt (every run's raw lines and the table).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 2 ] || { echo "usage: bench/ab.sh REV_A REV_B" >&2; exit 2; }
ROUNDS=${ROUNDS:-3}
. "$ROOT/bench/lib/build_rev.sh"

BIN_A=$(build_rev "$1")
BIN_B=$(build_rev "$2")
mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/ab-$(echo "$1" | tr '/' '_')-$(echo "$2" | tr '/' '_')-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "A = $1 ($(git -C "$ROOT" rev-parse --short "$1")), B = $2 ($(git -C "$ROOT" rev-parse --short "$2")), $ROUNDS rounds"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
} | tee "$OUT"
for round in $(seq 1 "$ROUNDS"); do
  for side in A B; do
    bin=$BIN_A
    [ "$side" = B ] && bin=$BIN_B
    echo "--- round $round, $side" >> "$OUT"
    GATEPASS_BIN=$bin "$ROOT/bench/run.sh" 2>&1 | sed "s/^/$side /" >> "$OUT"
  done
done

# "A register   {"requests":...,"ok_rps":9860,...,"p99_ms":12.3}" -> medians per side and workload.
python3 - "$OUT" <<'PY' | tee -a "$OUT"
import json, re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    m = re.match(r'^([AB]) (\w[\w-]*)\s+(\{.*\})', line)
    if not m: continue
    side, workload, data = m.group(1), m.group(2), json.loads(m.group(3))
    runs.setdefault(workload, {}).setdefault(side, []).append(data)
print(f"{'workload':<10} {'A ok/s':>9} {'B ok/s':>9} {'B/A':>6} {'A p99':>8} {'B p99':>8}  B/A per round")
for workload, sides in runs.items():
    if 'A' not in sides or 'B' not in sides: continue
    a = statistics.median(r['ok_rps'] for r in sides['A'])
    b = statistics.median(r['ok_rps'] for r in sides['B'])
    pa = statistics.median(r['p99_ms'] for r in sides['A'])
    pb = statistics.median(r['p99_ms'] for r in sides['B'])
    # Round i's B against round i's A: how far the rounds agree says how much the median can be trusted.
    rounds = ", ".join(f"{rb['ok_rps'] / ra['ok_rps']:.2f}" if ra['ok_rps'] else "nan" for ra, rb in zip(sides['A'], sides['B']))
    print(f"{workload:<10} {a:>9.0f} {b:>9.0f} {b / a if a else float('nan'):>6.2f} {pa:>7.1f}ms {pb:>7.1f}ms  {rounds}")
PY
echo "raw runs and table: $OUT"
