#!/usr/bin/env bash
# Search and counts at scale (issue 8, item 7): 1,000,000 registrations and 1,000,000 tickets in
# one event, then the latency of what the desk does all day, measured with curl against a real
# `gatepass serve` (median and 95th percentile of RUNS requests each, one at a time).
#   bench/scale.sh                                         # SQLite
#   scripts/with-postgres.sh env BENCH_PG=1 bench/scale.sh  # PostgreSQL
#   ROWS=200000 RUNS=20 bench/scale.sh                     # smaller / quicker
# Registrations are inserted with one SQL statement (names from a list with accents and Cyrillic);
# tickets with `gatepass tickets generate`. Both go through the same triggers as the server's
# own writes (search index, kept counts).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-50}
PORT=${PORT:-18092}
BIN=${GATEPASS_BIN:-"$ROOT/build/release/src/gatepass"}
[ -x "$BIN" ] || GATEPASS_TESTS=OFF GATEPASS_WITH_WEB=0 "$ROOT/scripts/build.sh" Release
[ "${BENCH_PG:-0}" = 1 ] && [ -z "${GATEPASS_TEST_PG_URL:-}" ] && { echo "BENCH_PG=1 needs scripts/with-postgres.sh" >&2; exit 1; }

WORK=$(mktemp -d /tmp/gatepass-scalebench.XXXXXX)
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
export GATEPASS_DATA_DIR="$WORK/data" GATEPASS_PUBLIC_WRITES_PER_MINUTE=0
FIRST='Anna,Zoë,Jürgen,Łukasz,Дмитрий,Sofía,Noah,Émile,Mia,Ólafur,Lena,Kenji,Amara,Björn,Chloé,Mateo,Ingrid,Yusuf,Aoife,Luca'
LAST='Müller,Ünal,Nowak,Петров,García,Smith,Dubois,Rossi,Jónsson,Tanaka,Okafor,Lindqvist,Moreau,Silva,Kowalski,Novák,Murphy,Bianchi,Schmidt,Yılmaz'
if [ "${BENCH_PG:-0}" = 1 ]; then
  export DATABASE_URL="$GATEPASS_TEST_PG_URL" SECRET_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  DB=PostgreSQL
  sql() { psql "$DATABASE_URL" -qAt -v ON_ERROR_STOP=1 -c "$1"; }
  insert_registrations() {
    sql "INSERT INTO registrations (event_id, name, email, status, created_at)
         SELECT $1, f[1 + i % 20] || ' ' || l[1 + (i / 20) % 20] || ' ' || i,
                'guest' || i || '@example' || (i % 97) || '.com', 'pending', 1764547200000 + i
         FROM generate_series(1, $ROWS) i,
              string_to_array('$FIRST', ',') f, string_to_array('$LAST', ',') l"
  }
else
  DB=SQLite
  sql() { sqlite3 "$GATEPASS_DATA_DIR/gatepass.db" "$1"; }
  insert_registrations() {
    sql "PRAGMA journal_mode=WAL; WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $ROWS)
         INSERT INTO registrations (event_id, name, email, status, created_at)
         SELECT $1, json_extract('[\"' || replace('$FIRST', ',', '\",\"') || '\"]', '\$[' || (i % 20) || ']') || ' ' ||
                    json_extract('[\"' || replace('$LAST', ',', '\",\"') || '\"]', '\$[' || ((i / 20) % 20) || ']') || ' ' || i,
                'guest' || i || '@example' || (i % 97) || '.com', 'pending', 1764547200000 + i FROM s" >/dev/null
  }
fi

echo "bench-admin-password" | "$BIN" user add --username admin --role admin --password-stdin >/dev/null
start_server() {
  "$BIN" serve --port "$PORT" --web-root "$WORK/none" >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.1; done
}
stop_server() { kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=; }
URL="http://127.0.0.1:$PORT"
start_server
TOKEN=$(curl -sf -XPOST "$URL/api/auth/login" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"bench-admin-password"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
api() { curl -sf -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' "$@"; }
EVENT=$(api -XPOST "$URL/api/events" -d '{"name":"Stadium","serial_prefix":"STAD","reentry":true}' | sed -E 's/.*"id":([0-9]+).*/\1/')
TYPE=$(api -XPOST "$URL/api/events/$EVENT/ticket-types" -d '{"name":"Standing","price":"59.00"}' | sed -E 's/.*"id":([0-9]+).*/\1/')
stop_server

t0=$(date +%s.%N)
insert_registrations "$EVENT"
t1=$(date +%s.%N)
"$BIN" tickets generate --event "$EVENT" --type "$TYPE" --count "$ROWS" >/dev/null 2>&1
t2=$(date +%s.%N)
# The generated tickets sold, as a box office leaves them: a holder and a buyer on every one
# (names from the same list, numbered like the registrations), so the ticket search has a
# million names to look through. On SQLite this goes into the index when the server catches up.
if [ "${BENCH_PG:-0}" = 1 ]; then
  sql "UPDATE tickets SET holder_name = f[1 + number % 20] || ' ' || l[1 + (number / 20) % 20] || ' ' || number,
         purchaser_name = f[1 + number % 20] || ' ' || l[1 + (number / 20) % 20] || ' ' || number,
         purchaser_email = 'buyer' || number || '@example' || (number % 97) || '.com'
       FROM string_to_array('$FIRST', ',') f, string_to_array('$LAST', ',') l WHERE event_id = $EVENT"
else
  sql "UPDATE tickets SET holder_name = json_extract('[\"' || replace('$FIRST', ',', '\",\"') || '\"]', '\$[' || (number % 20) || ']') || ' ' ||
         json_extract('[\"' || replace('$LAST', ',', '\",\"') || '\"]', '\$[' || ((number / 20) % 20) || ']') || ' ' || number,
         purchaser_email = 'buyer' || number || '@example' || (number % 97) || '.com' WHERE event_id = $EVENT;
       UPDATE tickets SET purchaser_name = holder_name WHERE event_id = $EVENT" >/dev/null
fi
t3=$(date +%s.%N)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $DB"
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v n="$ROWS" 'BEGIN { printf "load: %d registrations in %.1f s (counts by trigger), %d tickets generated in %.1f s, holders and buyers given in %.1f s\n", n, b - a, n, c - b, d - c }'

# PostgreSQL: fresh planner statistics after the bulk load, as autovacuum's analyze would make
# within a minute or so (without them the planner takes the table for empty and scans it).
[ "${BENCH_PG:-0}" = 1 ] && sql "ANALYZE"
start_server
# SQLite indexes the bulk-loaded rows after the fact (store/search_index.hpp): the first search
# does what is left, once; the latencies below are of searches after it.
t4=$(date +%s.%N)
api "$URL/api/events/$EVENT/tickets?q=warm-up&limit=1" >/dev/null
t5=$(date +%s.%N)
awk -v a="$t4" -v b="$t5" 'BEGIN { printf "first search after the load (SQLite: indexes what the indexer has not yet): %.1f s\n", b - a }'
# Some scans so the live counts and the report have something to count.
for _ in 1 2 3 4; do  # 200 sold (at most 50 per sale)
  api -XPOST "$URL/api/events/$EVENT/sell" -d "{\"ticket_type_id\":$TYPE,\"buyer_name\":\"B\",\"buyer_email\":\"b@example.com\",\"quantity\":50}" >/dev/null
done
for s in $(api "$URL/api/events/$EVENT/tickets?status=valid&limit=200" | grep -o '"serial":"[^"]*"' | cut -d'"' -f4); do
  api -XPOST "$URL/api/mark-used/$s?event_id=$EVENT&gate=North" >/dev/null || true
done
MID=$((ROWS / 2))
IFS=, read -ra FIRSTS <<< "$FIRST"; IFS=, read -ra LASTS <<< "$LAST"
MID_NAME="${FIRSTS[$((MID % 20))]} ${LASTS[$(((MID / 20) % 20))]} $MID"   # registration number MID's name
urlencode() { /usr/bin/python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
found() { api "$URL/api/admin/registrations?q=$(urlencode "$1")&limit=1" | grep -o '"total":[0-9]*' | cut -d: -f2; }
SERIAL=$(api -XPOST "$URL/api/admin/approve/$MID" | grep -o '"serial":"[^"]*"' | head -1 | cut -d'"' -f4)
echo "matches: \"$MID_NAME\" $(found "$MID_NAME"), \"jurgen nowak\" $(found "jurgen nowak"), serial $SERIAL $(found "$SERIAL")"

# name, path: prints median and p95 in milliseconds of RUNS sequential requests.
measure() {
  local name=$1 path=$2
  for _ in $(seq "$RUNS"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "authorization: Bearer $TOKEN" "$URL$path"
  done | sort -n | awk -v name="$name" '{ t[NR] = $1 * 1000 } END {
      printf "  %-44s median %7.1f ms   p95 %7.1f ms\n", name, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)] }'
}
echo "latency over $RUNS requests each ($ROWS registrations, $ROWS tickets):"
measure "search full name (\"$MID_NAME\")" "/api/admin/registrations?q=$(urlencode "$MID_NAME")"
measure "search accent-free (\"jurgen nowak\")" "/api/admin/registrations?q=jurgen%20nowak&limit=50"
measure "search email (\"guest$MID@\")" "/api/admin/registrations?q=guest$MID%40"
measure "search serial" "/api/admin/registrations?q=$SERIAL"
MID_NUMBER=$((MID + 0))
MID_TICKET_NAME="${FIRSTS[$((MID_NUMBER % 20))]} ${LASTS[$(((MID_NUMBER / 20) % 20))]} $MID_NUMBER"
tickets() { echo "/api/events/$EVENT/tickets?limit=50&q=$(urlencode "$1")"; }
tfound() { api "$URL$(tickets "$1")" | grep -o '"total":[0-9]*' | cut -d: -f2; }
echo "ticket matches: \"$MID_TICKET_NAME\" $(tfound "$MID_TICKET_NAME"), \"buyer$MID@\" $(tfound "buyer$MID@"), \"$MID\" $(tfound "$MID"), serial $SERIAL $(tfound "$SERIAL")"
measure "tickets: serial ($SERIAL)" "$(tickets "$SERIAL")"
measure "tickets: typed number (\"$MID\")" "$(tickets "$MID")"
measure "tickets: holder (\"$MID_TICKET_NAME\")" "$(tickets "$MID_TICKET_NAME")"
measure "tickets: accent-free (\"jurgen nowak\")" "$(tickets "jurgen nowak")"
measure "tickets: buyer email (\"buyer$MID@\")" "$(tickets "buyer$MID@")"
measure "list page 1" "/api/admin/registrations?event_id=$EVENT&limit=50"
measure "list deep page, keyset (after=$MID)" "/api/admin/registrations?event_id=$EVENT&limit=50&after=$MID"
measure "list deep page, offset=$MID (old way)" "/api/admin/registrations?event_id=$EVENT&limit=50&offset=$MID"
measure "dashboard counts (/api/admin/stats)" "/api/admin/stats"
measure "attendance report" "/api/events/$EVENT/attendance"
measure "scans page 1" "/api/scans?event_id=$EVENT&limit=50"
