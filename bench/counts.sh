#!/usr/bin/env bash
# Per-request counts of the verify workload that a busy machine does not move (issue 20): system
# calls by name, context switches and page faults of the server (perf, counted exactly), answer
# bytes, and with INSTRUCTIONS=1 the server's instructions and SQL statements per request
# (callgrind); also its CPU time per request, which a busy machine does move. Set-up as bench/run.sh (fresh SQLite data dir, admin, one event, TICKETS registrations
# approved), then exactly REQUESTS verify requests over CONNECTIONS keep-alive connections.
#   bench/counts.sh                                     # this checkout's build
#   GATEPASS_BIN=/tmp/gatepass-ab/<sha>/build/release/src/gatepass bench/counts.sh
#   TICKETS=100000 REQUESTS=16000 GATEPASS_ACCESS_LOG=text INSTRUCTIONS=1 bench/counts.sh
# Compare two builds with the same settings; epoll_wait, futex and context switches still depend a
# little on timing (how often an I/O thread finds work waiting), the other calls do not.
# Needs perf (linux-perf), g++, sqlite3, curl, python3; valgrind for INSTRUCTIONS=1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${GATEPASS_BIN:-"$ROOT/build/release/src/gatepass"}
TICKETS=${TICKETS:-56000}
REQUESTS=${REQUESTS:-16000}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-18190}
export GATEPASS_ACCESS_LOG=${GATEPASS_ACCESS_LOG:-off}
for tool in perf g++ sqlite3 curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool missing (apt-get install linux-perf g++ sqlite3 curl python3)" >&2; exit 1; }
done
[ "${INSTRUCTIONS:-0}" = 1 ] && { command -v valgrind >/dev/null || { echo "valgrind missing" >&2; exit 1; }; }
[ -x "$BIN" ] || { echo "no server at $BIN (scripts/build.sh Release)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/gatepass-counts.XXXXXX)
SERVER=""
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
CLIENT="$WORK/fixed_requests"
g++ -O2 -std=c++20 -pthread -o "$CLIENT" "$ROOT/bench/tools/fixed_requests.cpp"
export GATEPASS_DATA_DIR="$WORK/data" GATEPASS_PUBLIC_WRITES_PER_MINUTE=0
URL="http://127.0.0.1:$PORT"
serve() {  # [wrapper...]: starts the server (under the wrapper, e.g. valgrind) and waits for it
  "$@" "$BIN" serve --port "$PORT" --web-root "$WORK/none" >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 600); do curl -sf "$URL/api/health" >/dev/null && return; sleep 0.1; done
  echo "server did not start: $WORK/server.log" >&2; exit 1
}
echo "bench-admin-password" | "$BIN" user add --username admin --role admin --password-stdin >/dev/null 2>&1
serve
TOKEN=$(curl -sf -XPOST "$URL/api/auth/login" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"bench-admin-password"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
EVENT_ID=$(curl -sf -XPOST "$URL/api/events" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"name":"Bench Fest","serial_prefix":"BENCH"}' | sed -E 's/.*"id":([0-9]+).*/\1/')
sql() { sqlite3 "$GATEPASS_DATA_DIR/gatepass.db" "$1"; }
seq "$TICKETS" > "$WORK/numbers.txt"
"$CLIENT" "$PORT" 8 $(((TICKETS + 7) / 8)) "$WORK/numbers.txt" - POST /api/register \
  "{\"event_id\":$EVENT_ID,\"name\":\"Bench Person {}\",\"email\":\"p{}@example.com\",\"team_name\":\"Team {}\"}" | sed 's/^/register: /'
sql "SELECT id FROM registrations WHERE status='pending' ORDER BY id" > "$WORK/ids.txt"
"$CLIENT" "$PORT" 8 $((($(wc -l < "$WORK/ids.txt") + 7) / 8)) "$WORK/ids.txt" "$TOKEN" POST /api/admin/approve/ | sed 's/^/approve: /'
sql "SELECT replace(qr_payload, ':', '%3A') FROM tickets ORDER BY random()" > "$WORK/codes.txt"
PER=$((REQUESTS / CONNECTIONS))
N=$((PER * CONNECTIONS))
verify() { "$CLIENT" "$PORT" "$CONNECTIONS" "$1" "$WORK/codes.txt" "$TOKEN" GET /api/verify-ticket/; }
echo "build: $BIN"
echo "tickets: $(wc -l < "$WORK/codes.txt"), access log: $GATEPASS_ACCESS_LOG, $N verify requests over $CONNECTIONS connections"
verify 50 >/dev/null  # warm-up: connections, statement caches
perf record -q -c 1 -e raw_syscalls:sys_enter -e context-switches -e minor-faults -p "$SERVER" -o "$WORK/perf.data" 2>/dev/null &
PERF=$!
sleep 1  # perf attaches to every thread
verify "$PER"
sleep 0.3
kill -INT $PERF
wait $PERF || true
perf script -i "$WORK/perf.data" -F event,trace 2>/dev/null | python3 -c '
import collections, re, sys
n = int(sys.argv[1])
names = {}
for line in open("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"):
    m = re.match(r"#define __NR_(\w+) (\d+)", line)
    if m: names[int(m.group(2))] = m.group(1)
total, calls = collections.Counter(), collections.Counter()
for line in sys.stdin:
    if "raw_syscalls:sys_enter" in line:
        total["system calls"] += 1
        nr = int(re.search(r"NR (\d+)", line).group(1))
        calls[names.get(nr, str(nr))] += 1
    elif "context-switches" in line: total["context switches"] += 1
    elif "minor-faults" in line: total["page faults"] += 1
for k in ("system calls", "context switches", "page faults"): print((k + " per request:").ljust(30) + f"{total[k] / n:8.3f}")
for name, v in calls.most_common():
    if v / n >= 0.01: print(f"  {name:<28}{v / n:8.3f}")
' "$N"
# Then the same requests again, without perf (its recording costs system time per system call),
# for the server's CPU time: that one moves with the machine's load (caches, frequency, other
# processes), the counts above do not.
cpu() { awk '{print $14 + $15, $15}' "/proc/$SERVER/stat"; }  # user+system and system ticks
read -r cpu0 sys0 < <(cpu)
verify "$PER" >/dev/null
read -r cpu1 sys1 < <(cpu)
echo "server CPU per request: $(python3 -c "print(f'{($cpu1 - $cpu0) * 1e6 / $(getconf CLK_TCK) / $N:.1f} µs, system share {($sys1 - $sys0) / max(1, $cpu1 - $cpu0):.2f}')")"
[ "${INSTRUCTIONS:-0}" = 1 ] || exit 0
# Instructions: the same data under callgrind (restarted: the WAL is checkpointed and empty, which
# adds an fstat per read; the same for every build), counted only while the requests run.
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
serve valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$WORK/callgrind.out"
verify 50 >/dev/null
callgrind_control -i on "$SERVER" >/dev/null
verify "$PER" >/dev/null
callgrind_control -i off "$SERVER" >/dev/null
callgrind_control -d "$SERVER" >/dev/null
python3 - "$WORK"/callgrind.out.* "$N" <<'PY'
import re, sys
n = int(sys.argv[-1])
instructions = statements = 0
for path in sys.argv[1:-1]:
    ids, current = {}, None
    for line in open(path, errors="replace"):
        if line.startswith("totals:"): instructions += int(line.split()[1])
        m = re.match(r"(c?)fn=\((\d+)\)(?: (.*))?", line)
        if m:
            if m.group(3): ids[m.group(2)] = m.group(3).strip()
            current = ids.get(m.group(2)) if m.group(1) else None
            continue
        m = re.match(r"calls=(\d+)", line)
        if m and current and current.startswith("sqlite3_step"): statements += int(m.group(1))
        if m: current = None
print(f"{'instructions per request:':<30}{instructions / n:8.0f}")
print(f"{'SQL statements per request:':<30}{statements / n:8.2f}  (sqlite3_step calls)")
PY
