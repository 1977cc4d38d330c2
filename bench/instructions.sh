#!/usr/bin/env bash
# Instructions per request (callgrind), the yardstick that machine noise does not move (issue 20):
# runs one server under valgrind's callgrind on an empty SQLite database and, for each of register,
# approve, verify and mark-used, sends N requests (8 at a time) between zeroing and dumping the
# counters; prints the instructions per request of the whole server and of its database writer
# thread (the one thread every write queues for). Background work a phase causes (search indexing,
# audit sealing) is counted where it runs. Kernel time (system calls, fsync) is not counted: this
# complements bench/run.sh, it does not replace it.
#   bench/instructions.sh                 # the current build (build/release)
#   bench/instructions.sh REV_A REV_B     # both revisions, and B/A
#   N=2000 bench/instructions.sh          # requests per phase (default 1000)
#   KEEP=/tmp/prof bench/instructions.sh  # keep the callgrind files (callgrind_annotate --inclusive=yes ...)
#   WHAT_IF_SQL='DROP TRIGGER scan_counts_insert' bench/instructions.sh
#                                         # a what-if: this SQL runs on the migrated database before the
#                                         # server starts (what would a check-in cost without that trigger?)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-1000}
PORT=${PORT:-18177}
for tool in valgrind callgrind_annotate callgrind_control sqlite3 curl g++; do
  command -v $tool >/dev/null || { echo "$tool missing: scripts/install-deps.sh --test" >&2; exit 1; }
done
N=$(((N + 7) / 8 * 8))  # 8 connections, the same number of requests each
CLIENT=$(mktemp /tmp/gatepass-fixed-requests.XXXXXX)
trap 'rm -f "$CLIENT"' EXIT
g++ -O2 -std=c++20 -pthread -o "$CLIENT" "$ROOT/bench/tools/fixed_requests.cpp"

measure() {  # binary -> "phase total writer" lines
  local bin=$1 work vg url token ev
  work=$(mktemp -d /tmp/gatepass-instr.XXXXXX)
  mkdir -p "$work/data"
  export GATEPASS_DATA_DIR="$work/data" GATEPASS_PUBLIC_WRITES_PER_MINUTE=0
  url=http://127.0.0.1:$PORT
  ! curl -sf "$url/api/health" >/dev/null || { echo "port $PORT is in use (PORT=... to choose another)" >&2; exit 1; }
  echo "instructions-bench-pw" | "$bin" user add --username admin --role admin --password-stdin >/dev/null
  [ -z "${WHAT_IF_SQL:-}" ] || sqlite3 "$work/data/gatepass.db" "$WHAT_IF_SQL"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.%p" --dump-instr=no \
    "$bin" serve --port "$PORT" --web-root "$work/none" >"$work/server.log" 2>&1 &
  vg=$!
  trap 'kill $vg 2>/dev/null || true; wait $vg 2>/dev/null || true; rm -rf "$work"' RETURN
  for _ in $(seq 600); do curl -sf "$url/api/health" >/dev/null && break; sleep 0.2; done
  token=$(curl -sf -XPOST "$url/api/auth/login" -H 'content-type: application/json' \
    -d '{"username":"admin","password":"instructions-bench-pw"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  ev=$(curl -sf -XPOST "$url/api/events" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d '{"name":"Instr Fest","serial_prefix":"INSTR"}' | sed -E 's/.*"id":([0-9]+).*/\1/')
  phase() {  # name lines-file token method path [body]: N requests while callgrind counts
    local name=$1
    shift
    callgrind_control -z "$vg" >/dev/null
    "$CLIENT" "$PORT" 8 $((N / 8)) "$@" >/dev/null
    sleep 2  # the indexer and the sealer (every 250 ms) finish what the phase gave them
    callgrind_control -d "$name" "$vg" >/dev/null
  }
  seq "$N" >"$work/numbers"
  phase register "$work/numbers" - POST /api/register \
    "{\"event_id\":$ev,\"name\":\"Person {}\",\"email\":\"p{}@example.org\",\"team_name\":\"Team {}\"}"
  sqlite3 "$work/data/gatepass.db" "SELECT id FROM registrations WHERE status='pending'" >"$work/ids"
  phase approve "$work/ids" "$token" POST /api/admin/approve/
  sqlite3 "$work/data/gatepass.db" "SELECT replace(qr_payload, ':', '%3A') FROM tickets" >"$work/codes"
  phase verify "$work/codes" "$token" GET /api/verify-ticket/
  phase mark-used "$work/codes" "$token" POST /api/mark-used/
  local used
  used=$(sqlite3 "$work/data/gatepass.db" "SELECT COUNT(*) FROM tickets WHERE used_at IS NOT NULL")
  [ "$used" = "$(wc -l <"$work/codes")" ] || { echo "only $used of $(wc -l <"$work/codes") tickets checked in" >&2; exit 1; }
  [ -z "${KEEP:-}" ] || { mkdir -p "$KEEP"; cp "$work"/cg.*.[0-9]* "$KEEP"/; }
  for f in "$work"/cg.*.[0-9]*; do
    local name total writer
    name=$(grep -m1 '^desc: Trigger: dump ' "$f" | sed 's/^desc: Trigger: dump //')
    total=$(callgrind_annotate "$f" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
    writer=$(callgrind_annotate --inclusive=yes --threshold=100 "$f" 2>/dev/null |
      awk '/SqliteDatabase::writer_loop\(\)/ && !seen {gsub(",", "", $1); print $1; seen = 1}')
    echo "$name $total ${writer:-0}"
  done
}

report() {  # lines "phase total writer" -> per request
  awk -v n="$N" '{printf "%-10s %12.0f %12.0f\n", $1, $2 / n, $3 / n}'
}

echo "callgrind, $N requests per phase, 8 at a time; instructions per request (server total, writer thread)"
if [ $# -eq 0 ]; then
  measure "${GATEPASS_BIN:-$ROOT/build/release/src/gatepass}" | report
elif [ $# -eq 2 ]; then
  . "$ROOT/bench/lib/build_rev.sh"
  BIN_A=$(build_rev "$1")
  BIN_B=$(build_rev "$2")
  measure "$BIN_A" | report >/tmp/gatepass-instr-a.$$
  measure "$BIN_B" | report >/tmp/gatepass-instr-b.$$
  echo "A = $1 ($(git -C "$ROOT" rev-parse --short "$1")), B = $2 ($(git -C "$ROOT" rev-parse --short "$2"))"
  printf '%-10s %12s %12s %6s %12s %12s %6s\n' workload "A total" "B total" B/A "A writer" "B writer" B/A
  join /tmp/gatepass-instr-a.$$ /tmp/gatepass-instr-b.$$ |
    awk '{printf "%-10s %12d %12d %6.2f %12d %12d %6.2f\n", $1, $2, $4, $4 / $2, $3, $5, ($3 ? $5 / $3 : 0)}'
  rm -f /tmp/gatepass-instr-a.$$ /tmp/gatepass-instr-b.$$
else
  echo "usage: bench/instructions.sh [REV_A REV_B]" >&2
  exit 2
fi
