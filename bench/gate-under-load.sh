#!/usr/bin/env bash
# The gate while phones download big offline packs (issue 19, availability): check-ins (distinct
# tickets, durable, 16 connections) with no other load, then again while 4 clients fetch the full
# pack of a PACK_TICKETS-ticket event (default 1,000,000, half admitted) in a loop. Prints both
# p99s and their ratio, and how many packs were served or told to come back (503). Goal: check-in
# p99 under 50 ms during the pack downloads. SQLite; the server, curl and wrk share the machine.
#   bench/gate-under-load.sh
#   PACK_TICKETS=200000 DURATION=10 bench/gate-under-load.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export BENCH_DIR="$ROOT/bench"
PACK_TICKETS=${PACK_TICKETS:-1000000}
CHECKIN_TICKETS=${CHECKIN_TICKETS:-150000}
DURATION=${DURATION:-10}
PORT=${PORT:-18093}
BIN=${GATEPASS_BIN:-"$ROOT/build/release/src/gatepass"}
[ -x "$BIN" ] || GATEPASS_TESTS=OFF GATEPASS_WITH_WEB=0 "$ROOT/scripts/build.sh" Release
for tool in wrk sqlite3 curl; do command -v $tool >/dev/null || { echo "$tool missing: scripts/install-deps.sh --test" >&2; exit 1; }; done

WORK=$(mktemp -d /tmp/gatepass-gateload.XXXXXX)
SERVER=
LOADERS=()
trap 'kill ${LOADERS[@]+"${LOADERS[@]}"} $SERVER 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
export GATEPASS_DATA_DIR="$WORK/data"
DB="$GATEPASS_DATA_DIR/gatepass.db"
URL="http://127.0.0.1:$PORT"
json_field() { sed -E "s/.*\"$1\":\"?([^\",}]+)\"?.*/\1/"; }
start_server() {
  "$BIN" serve --port "$PORT" --web-root "$WORK/none" >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -sf "$URL/api/health" >/dev/null && break; sleep 0.1; done
}
stop_server() { kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=; }

echo "bench-admin-password" | "$BIN" user add --username admin --role admin --password-stdin >/dev/null 2>&1
start_server
TOKEN=$(curl -sf -XPOST "$URL/api/auth/login" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"bench-admin-password"}' | json_field access_token)
new_event() {  # name prefix -> "event type"
  local ev type
  ev=$(curl -sf -XPOST "$URL/api/events" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"name\":\"$1\",\"serial_prefix\":\"$2\"}" | json_field id)
  type=$(curl -sf -XPOST "$URL/api/events/$ev/ticket-types" -H "authorization: Bearer $TOKEN" \
    -H 'content-type: application/json' -d '{"name":"Standing","price":"59.00"}' | json_field id)
  echo "$ev $type"
}
read -r BIG BIG_TYPE < <(new_event Stadium STAD)
read -r GATE GATE_TYPE < <(new_event Club CLUB)
stop_server
"$BIN" tickets generate --event "$BIG" --type "$BIG_TYPE" --count "$PACK_TICKETS" >/dev/null 2>&1
"$BIN" tickets generate --event "$GATE" --type "$GATE_TYPE" --count "$CHECKIN_TICKETS" >/dev/null 2>&1
sqlite3 "$DB" <<SQL
UPDATE tickets SET status = 'valid' WHERE event_id = $BIG AND number <= $((PACK_TICKETS * 8 / 10));
UPDATE tickets SET status = 'refunded' WHERE event_id = $BIG AND status = 'valid' AND abs(random()) % 50 = 0;
UPDATE tickets SET status = 'used', used_at = 1764580000000, inside = 1
  WHERE event_id = $BIG AND status = 'valid' AND abs(random()) % 1000 < 625;
UPDATE tickets SET status = 'valid' WHERE event_id = $GATE;
SQL
sqlite3 "$DB" "SELECT replace(qr_payload, ':', '%3A') FROM tickets WHERE event_id = $GATE ORDER BY random()" > "$WORK/codes.txt"
head -n $((CHECKIN_TICKETS / 2)) "$WORK/codes.txt" > "$WORK/quiet.txt"
tail -n +$((CHECKIN_TICKETS / 2 + 1)) "$WORK/codes.txt" > "$WORK/loaded.txt"
start_server
export TOKEN

checkins() {  # codes file -> RESULT json
  CODES_FILE="$1" WRK_THREADS=1 wrk -t1 -c16 -d"${DURATION}s" --latency -s "$BENCH_DIR/wrk/mark_used.lua" "$URL" | grep '^RESULT' | sed 's/^RESULT //'
}
p99() { sed -E 's/.*"p99_ms":([0-9.]+).*/\1/'; }

QUIET=$(checkins "$WORK/quiet.txt")
PACK="$URL/api/events/$BIG/offline-pack"
curl -sf -o "$WORK/pack.json" -w '%{time_total}' -H "authorization: Bearer $TOKEN" "$PACK" > "$WORK/pack-time.txt"
for i in 1 2 3 4; do
  ( while :; do curl -s -o /dev/null -w '%{http_code}\n' -H "authorization: Bearer $TOKEN" "$PACK"; done >> "$WORK/packs-$i.txt" ) &
  LOADERS+=($!)
done
LOADED=$(checkins "$WORK/loaded.txt")
kill "${LOADERS[@]}" 2>/dev/null || true
wait "${LOADERS[@]}" 2>/dev/null || true
LOADERS=()
SERVED=$(cat "$WORK"/packs-*.txt | grep -c '^200$' || true)
BUSY=$(cat "$WORK"/packs-*.txt | grep -c '^503$' || true)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); SQLite; ${DURATION}s each"
echo "pack event: $PACK_TICKETS tickets; full pack $(( $(wc -c < "$WORK/pack.json") / 1024 )) KB, $(awk '{printf "%.0f", $1 * 1000}' "$WORK/pack-time.txt") ms alone"
echo "check-ins alone:            $QUIET"
echo "check-ins during 4 packs:   $LOADED"
echo "packs served during it: $SERVED, told to retry (503): $BUSY"
awk -v a="$(echo "$QUIET" | p99)" -v b="$(echo "$LOADED" | p99)" \
  'BEGIN { printf "check-in p99: %.1f ms alone, %.1f ms during the pack downloads (x%.2f); goal < 50 ms\n", a, b, b / a }'
