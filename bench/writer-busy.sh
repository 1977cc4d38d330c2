#!/usr/bin/env bash
# Is the SQLite writer the bottleneck? Runs bench/run.sh and, during approve and mark-used, samples
# the writer thread (named gp-sqlite-write) for 3 s: its share of wall time on a CPU and waiting for
# one (/proc/.../schedstat), and in which state it was seen (R running or runnable, D in fsync or
# other I/O, S idle: waiting for work). Little S means every write queues for this one thread.
#   bench/writer-busy.sh
#   GATEPASS_BIN=/tmp/gatepass-ab/<sha>/build/release/src/gatepass bench/writer-busy.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mktemp -d /tmp/gatepass-writer-busy.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
DURATION=${DURATION:-6} "$ROOT/bench/run.sh" >"$OUT/run.txt" 2>&1 &
RUN=$!
phase_started() { until grep -q "^$1" "$OUT/run.txt" 2>/dev/null; do sleep 0.05; done; sleep 0.5; }
phase_started machine
PID=$(pgrep -f "serve --port ${PORT:-18090}" | head -1)
WRITER=$(grep -l '^gp-sqlite-write$' /proc/"$PID"/task/*/comm | head -1 | cut -d/ -f5)
[ -n "$WRITER" ] || { echo "no gp-sqlite-write thread in $PID (a build from before it was named?)" >&2; exit 1; }
sample() {  # phase name
  python3 - "$PID" "$WRITER" "$1" <<'PY'
import collections, sys, time
pid, tid, phase = sys.argv[1:]
path = f"/proc/{pid}/task/{tid}"
states, start = collections.Counter(), time.time()
before = [int(x) for x in open(f"{path}/schedstat").read().split()]
while time.time() < start + 3:
    states[open(f"{path}/stat").read().rsplit(")", 1)[1].split()[0]] += 1
    time.sleep(0.0005)
after = [int(x) for x in open(f"{path}/schedstat").read().split()]
wall = (time.time() - start) * 1e9
n = sum(states.values())
print(f"{phase:<10} on a CPU {(after[0] - before[0]) / wall:.2f}, waiting for one {(after[1] - before[1]) / wall:.2f};"
      " seen " + ", ".join(f"{k} {v / n:.2f}" for k, v in sorted(states.items())))
PY
}
phase_started register
sample approve
phase_started rejected
sample mark-used
wait $RUN
grep -E '^(approve|mark-used)' "$OUT/run.txt"
