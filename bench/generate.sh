#!/usr/bin/env bash
# Bulk generation benchmark (issue 7): COUNT tickets (default 1,000,000) of one type with
# `gatepass tickets generate`, timed, with the process's peak memory (GNU time's max RSS).
#   bench/generate.sh                                        # SQLite, 1,000,000 tickets
#   COUNT=200000 bench/generate.sh
#   scripts/with-postgres.sh env BENCH_PG=1 bench/generate.sh  # the same on a throw-away PostgreSQL
# Prints one line: database, count, seconds, tickets/s, peak RSS; then checks the row count.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
COUNT=${COUNT:-1000000}
PORT=${PORT:-18091}
BIN=${GATEPASS_BIN:-"$ROOT/build/release/src/gatepass"}
[ -x "$BIN" ] || GATEPASS_TESTS=OFF GATEPASS_WITH_WEB=0 "$ROOT/scripts/build.sh" Release
[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install time" >&2; exit 1; }
[ "${BENCH_PG:-0}" = 1 ] && [ -z "${GATEPASS_TEST_PG_URL:-}" ] && { echo "BENCH_PG=1 needs scripts/with-postgres.sh" >&2; exit 1; }

WORK=$(mktemp -d /tmp/gatepass-genbench.XXXXXX)
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
export GATEPASS_DATA_DIR="$WORK/data"
if [ "${BENCH_PG:-0}" = 1 ]; then
  export DATABASE_URL="$GATEPASS_TEST_PG_URL" SECRET_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  count_rows() { psql "$DATABASE_URL" -qAt -c "SELECT count(*) FROM tickets WHERE status = 'created'"; }
  DB=PostgreSQL
else
  count_rows() { sqlite3 "$GATEPASS_DATA_DIR/gatepass.db" "SELECT count(*) FROM tickets WHERE status = 'created'"; }
  DB=SQLite
fi

# An event and a ticket type, made through the API like an organiser would.
echo "bench-admin-password" | "$BIN" user add --username admin --role admin --password-stdin >/dev/null
"$BIN" serve --port "$PORT" --web-root "$WORK/none" >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT"
TOKEN=$(curl -sf -XPOST "$URL/api/auth/login" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"bench-admin-password"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
EVENT=$(curl -sf -XPOST "$URL/api/events" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"name":"Stadium","serial_prefix":"STAD"}' | sed -E 's/.*"id":([0-9]+).*/\1/')
TYPE=$(curl -sf -XPOST "$URL/api/events/$EVENT/ticket-types" -H "authorization: Bearer $TOKEN" \
  -H 'content-type: application/json' -d '{"name":"Standing","price":"59.00"}' | sed -E 's/.*"id":([0-9]+).*/\1/')
kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=

/usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$BIN" tickets generate --event "$EVENT" --type "$TYPE" --count "$COUNT" \
  >"$WORK/out.txt" 2>"$WORK/progress.txt"
read -r SECONDS_TAKEN RSS_KB < "$WORK/time.txt"
ROWS=$(count_rows)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
awk -v db="$DB" -v n="$COUNT" -v s="$SECONDS_TAKEN" -v kb="$RSS_KB" \
  'BEGIN { printf "generate   %s: %d tickets in %.1f s = %.0f tickets/s, peak RSS %.0f MB\n", db, n, s, n / s, kb / 1024 }'
[ "$ROWS" = "$COUNT" ] || { echo "expected $COUNT unsold tickets, found $ROWS" >&2; exit 1; }
