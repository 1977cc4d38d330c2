#!/usr/bin/env bash
# Offline pack size and speed (issue 9) for a COUNT-ticket event (default 100,000) on SQLite:
# tickets generated with `gatepass tickets generate`, then given a realistic mix straight in the
# database (the triggers log it as the API would): 80% sold, 2% of the sold refunded at random,
# 0.2% void, 1% transferred (a replaced code), and (issue 19) half of all tickets admitted at
# random (62.5% of the sold). Then:
#   - the full pack: bytes as sent, gzip-compressed bytes, median time of 5 downloads;
#   - a delta after 100 more refunds: bytes and median time of 5;
#   - a delta after 1,000 more admissions: bytes (and gzip) and median time of 5.
#   bench/offline-pack.sh
#   COUNT=20000 bench/offline-pack.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
COUNT=${COUNT:-100000}
PORT=${PORT:-18092}
BIN=${GATEPASS_BIN:-"$ROOT/build/release/src/gatepass"}
[ -x "$BIN" ] || GATEPASS_TESTS=OFF GATEPASS_WITH_WEB=0 "$ROOT/scripts/build.sh" Release
command -v sqlite3 >/dev/null || { echo "sqlite3 missing: apt-get install sqlite3" >&2; exit 1; }

WORK=$(mktemp -d /tmp/gatepass-packbench.XXXXXX)
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
export GATEPASS_DATA_DIR="$WORK/data"
DBFILE="$GATEPASS_DATA_DIR/gatepass.db"
URL="http://127.0.0.1:$PORT"

start_server() {
  "$BIN" serve --port "$PORT" --web-root "$WORK/none" >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -sf "$URL/api/health" >/dev/null && break; sleep 0.1; done
}
stop_server() { kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=; }
json_field() { sed -E "s/.*\"$1\":\"?([^\",}]+)\"?.*/\1/"; }

echo "bench-admin-password" | "$BIN" user add --username admin --role admin --password-stdin >/dev/null 2>&1
start_server
TOKEN=$(curl -sf -XPOST "$URL/api/auth/login" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"bench-admin-password"}' | json_field access_token)
EVENT=$(curl -sf -XPOST "$URL/api/events" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"name":"Stadium","serial_prefix":"STAD"}' | json_field id)
TYPE=$(curl -sf -XPOST "$URL/api/events/$EVENT/ticket-types" -H "authorization: Bearer $TOKEN" \
  -H 'content-type: application/json' -d '{"name":"Standing","price":"59.00"}' | json_field id)
stop_server
"$BIN" tickets generate --event "$EVENT" --type "$TYPE" --count "$COUNT" >/dev/null 2>&1

SOLD=$((COUNT * 8 / 10))
sqlite3 "$DBFILE" <<SQL
UPDATE tickets SET status = 'valid' WHERE event_id = $EVENT AND number <= $SOLD;
UPDATE tickets SET status = 'refunded' WHERE event_id = $EVENT AND status = 'valid' AND abs(random()) % 50 = 0;
UPDATE tickets SET status = 'void' WHERE event_id = $EVENT AND status = 'valid' AND abs(random()) % 500 = 0;
UPDATE tickets SET code_id = 2 WHERE event_id = $EVENT AND status = 'valid' AND abs(random()) % 100 = 0;
UPDATE tickets SET status = 'used', used_at = 1764580000000, inside = 1
  WHERE event_id = $EVENT AND status = 'valid' AND abs(random()) % 1000 < 625;
SQL

start_server
PACK="$URL/api/events/$EVENT/offline-pack"
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
fetch_times() {  # url -> median seconds of 5 downloads
  for _ in 1 2 3 4 5; do curl -sf -o /dev/null -w '%{time_total}\n' -H "authorization: Bearer $TOKEN" "$1"; done | median
}
curl -sf -H "authorization: Bearer $TOKEN" "$PACK" >"$WORK/full.json"
FULL_BYTES=$(wc -c <"$WORK/full.json")
FULL_GZIP=$(gzip -9 -c "$WORK/full.json" | wc -c)
FULL_TIME=$(fetch_times "$PACK")
CURSOR=$(json_field cursor <"$WORK/full.json")
COUNTS=$(sed -E 's/.*"counts":(\{[^}]*\}).*/\1/' "$WORK/full.json")

sqlite3 "$DBFILE" "UPDATE tickets SET status = 'refunded' WHERE id IN (SELECT id FROM tickets WHERE event_id = $EVENT AND status = 'valid' LIMIT 100);"
curl -sf -H "authorization: Bearer $TOKEN" "$PACK?since=$CURSOR" >"$WORK/delta.json"
DELTA_BYTES=$(wc -c <"$WORK/delta.json")
DELTA_CHANGES=$(grep -o '"number"' "$WORK/delta.json" | wc -l)
DELTA_TIME=$(fetch_times "$PACK?since=$CURSOR")

CURSOR=$(json_field cursor <"$WORK/delta.json")
sqlite3 "$DBFILE" "UPDATE tickets SET status = 'used', used_at = 1764580000000, inside = 1 WHERE id IN (SELECT id FROM tickets WHERE event_id = $EVENT AND status = 'valid' LIMIT 1000);"
curl -sf -H "authorization: Bearer $TOKEN" "$PACK?since=$CURSOR" >"$WORK/admissions.json"
ADM_BYTES=$(wc -c <"$WORK/admissions.json")
ADM_GZIP=$(gzip -9 -c "$WORK/admissions.json" | wc -c)
ADM_CHANGES=$(grep -o '"number"' "$WORK/admissions.json" | wc -l)
ADM_TIME=$(fetch_times "$PACK?since=$CURSOR")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "event: $COUNT tickets, counts $COUNTS"
awk -v b="$FULL_BYTES" -v g="$FULL_GZIP" -v t="$FULL_TIME" \
  'BEGIN { printf "full pack:  %.1f KB as sent, %.1f KB gzip-compressed, median %.1f ms to download\n", b / 1024, g / 1024, t * 1000 }'
awk -v b="$DELTA_BYTES" -v n="$DELTA_CHANGES" -v t="$DELTA_TIME" \
  'BEGIN { printf "delta:      %d changes, %.1f KB, median %.1f ms to download\n", n, b / 1024, t * 1000 }'
awk -v b="$ADM_BYTES" -v g="$ADM_GZIP" -v n="$ADM_CHANGES" -v t="$ADM_TIME" \
  'BEGIN { printf "admissions: %d changes, %.1f KB (%.1f KB gzip), median %.1f ms to download\n", n, b / 1024, g / 1024, t * 1000 }'
[ "$DELTA_CHANGES" = 100 ] || { echo "expected 100 changes in the delta, got $DELTA_CHANGES" >&2; exit 1; }
[ "$ADM_CHANGES" = 1000 ] || { echo "expected 1000 changes in the admissions delta, got $ADM_CHANGES" >&2; exit 1; }
