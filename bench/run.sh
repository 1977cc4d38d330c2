#!/usr/bin/env bash
# Load benchmark on 127.0.0.1: register, approve, verify (signed QR payloads), mark-used
# (distinct tickets, durable) and offline uploads (batches of admissions), with wrk. Prints one
# line per workload and the server's RSS.
#   bench/run.sh                       # SQLite, 64 connections, 10 s per workload
#   CONNECTIONS=64 DURATION=10 bench/run.sh
#   scripts/with-postgres.sh env BENCH_PG=1 bench/run.sh   # the same on a throw-away PostgreSQL
#   APPROVE_DURATION / MARK_DURATION / OFFLINE_DURATION override DURATION for those phases
#   (mark-used and offline need enough issued tickets: every admission is a different one);
#   OFFLINE_BATCH: admissions per offline upload (10).
#   INSTANCES=2 (PostgreSQL only): that many `gatepass serve` on one database behind haproxy
#   (round robin, keep-alive), which this script starts on PORT; the servers get PORT+1, PORT+2...
# The server and wrk share the machine's cores: numbers are for comparing runs on one machine.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export BENCH_DIR="$ROOT/bench"
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10}
export WRK_THREADS=${WRK_THREADS:-2}
PORT=${PORT:-18090}
BIN=${GATEPASS_BIN:-"$ROOT/build/release/src/gatepass"}   # GATEPASS_BIN: compare another build
[ -x "$BIN" ] || GATEPASS_TESTS=OFF GATEPASS_WITH_WEB=0 "$ROOT/scripts/build.sh" Release
command -v wrk >/dev/null || { echo "wrk missing: scripts/install-deps.sh --test" >&2; exit 1; }
INSTANCES=${INSTANCES:-1}
if [ "$INSTANCES" -gt 1 ]; then
  [ "${BENCH_PG:-0}" = 1 ] || { echo "INSTANCES>1 needs PostgreSQL (BENCH_PG=1): SQLite is one process's file" >&2; exit 1; }
  command -v haproxy >/dev/null || { echo "haproxy missing: scripts/install-deps.sh --test" >&2; exit 1; }
fi
command -v sqlite3 >/dev/null || { echo "sqlite3 missing: scripts/install-deps.sh --test" >&2; exit 1; }
[ "${BENCH_PG:-0}" = 1 ] && [ -z "${GATEPASS_TEST_PG_URL:-}" ] && { echo "BENCH_PG=1 needs scripts/with-postgres.sh" >&2; exit 1; }

WORK=$(mktemp -d /tmp/gatepass-bench.XXXXXX)
SERVERS=()
trap 'kill ${SERVERS[@]+"${SERVERS[@]}"} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
export GATEPASS_DATA_DIR="$WORK/data"
# Every request comes from 127.0.0.1: the per-address limit on anonymous writes would cap register.
export GATEPASS_PUBLIC_WRITES_PER_MINUTE=0
if [ "${BENCH_PG:-0}" = 1 ]; then
  # A fresh database each run: rounds of bench/ab.sh start alike (and the admin can be made again).
  psql "$GATEPASS_TEST_PG_URL" -qAt -c "DROP DATABASE IF EXISTS gatepass_bench" -c "CREATE DATABASE gatepass_bench" >/dev/null
  export DATABASE_URL=$(echo "$GATEPASS_TEST_PG_URL" | sed -E 's#/[^/?]+(\?|$)#/gatepass_bench\1#')
  export SECRET_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  export GATEPASS_DB_POOL=${GATEPASS_DB_POOL:-32}
  sql() { psql "$DATABASE_URL" -qAt -c "$1"; }
else
  sql() { sqlite3 "$GATEPASS_DATA_DIR/gatepass.db" "$1"; }
fi
echo "bench-admin-password" | "$BIN" user add --username admin --role admin --password-stdin >/dev/null
wait_healthy() { for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/api/health" >/dev/null && return; sleep 0.1; done; }
if [ "$INSTANCES" = 1 ]; then
  "$BIN" serve --port "$PORT" --web-root "$WORK/none" >"$WORK/server.log" 2>&1 &
  SERVERS+=($!)
  wait_healthy "$PORT"
else
  # Each instance gets half the database pool: the sum stays within PostgreSQL's connections.
  export GATEPASS_DB_POOL=$((GATEPASS_DB_POOL / INSTANCES))
  BACKENDS=""
  for i in $(seq "$INSTANCES"); do
    "$BIN" serve --port $((PORT + i)) --web-root "$WORK/none" >"$WORK/server-$i.log" 2>&1 &
    SERVERS+=($!)
    wait_healthy $((PORT + i))
    BACKENDS+="    server gp$i 127.0.0.1:$((PORT + i))"$'\n'
  done
  cat > "$WORK/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    option http-keep-alive
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend api
    bind 127.0.0.1:$PORT
    default_backend gatepass
backend gatepass
    balance roundrobin
    http-reuse always
$BACKENDS
CFG
  haproxy -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
  SERVERS+=($!)
  wait_healthy "$PORT"
fi

URL="http://127.0.0.1:$PORT"
export TOKEN=$(curl -sf -XPOST "$URL/api/auth/login" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"bench-admin-password"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
export EVENT_ID=$(curl -sf -XPOST "$URL/api/events" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"name":"Bench Fest","serial_prefix":"BENCH"}' | sed -E 's/.*"id":([0-9]+).*/\1/')

run() {  # name script [seconds]
  local line
  # BENCH_PHASE_HOOK (bench/pg-statements.sh): called with "start NAME" and "end NAME RESULT-JSON".
  [ -z "${BENCH_PHASE_HOOK:-}" ] || "$BENCH_PHASE_HOOK" start "$1"
  line=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${3:-$DURATION}s" --latency -s "$BENCH_DIR/wrk/$2" "$URL" | grep '^RESULT')
  printf '%-10s %s\n' "$1" "${line#RESULT }"
  [ -z "${BENCH_PHASE_HOOK:-}" ] || "$BENCH_PHASE_HOOK" end "$1" "${line#RESULT }"
}
[ "${BENCH_PG:-0}" = 1 ] && echo "database: PostgreSQL (same machine)" || echo "database: SQLite"
[ "$INSTANCES" -gt 1 ] && echo "servers: $INSTANCES gatepass instances behind haproxy $(haproxy -v | head -1 | awk '{print $3}') (round robin)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); connections=$CONNECTIONS, wrk threads=$WRK_THREADS, ${DURATION}s each"
run register register.lua
sql "SELECT id FROM registrations WHERE status='pending' ORDER BY id" > "$WORK/ids.txt"
export IDS_FILE="$WORK/ids.txt"
run approve approve.lua "${APPROVE_DURATION:-$DURATION}"
# Percent-encode ':' of the GP1: prefix; the rest of the payload is URL-safe base32.
sql "SELECT replace(qr_payload, ':', '%3A') FROM tickets ORDER BY random()" > "$WORK/codes.txt"
export CODES_FILE="$WORK/codes.txt"
echo "tickets issued: $(wc -l < "$WORK/codes.txt")"
run verify verify.lua
# Rejected scans: every code forged (its last character changed), 32 connections, while one
# connection samples the health check. Each rejection is audited; it must not slow the server.
sed -E 's/A$/B/;t;s/.$/A/' "$WORK/codes.txt" > "$WORK/forged.txt"
wrk -t1 -c1 -d"${DURATION}s" --latency "$URL/api/health" > "$WORK/health.txt" &
HEALTH=$!
line=$(CODES_FILE="$WORK/forged.txt" wrk -t"$WRK_THREADS" -c32 -d"${DURATION}s" --latency -s "$BENCH_DIR/wrk/verify.lua" "$URL" | grep '^RESULT')
wait $HEALTH
printf '%-10s %s health p50 during it: %s\n' "rejected" "${line#RESULT }" "$(awk '$1 == "50%" {print $2}' "$WORK/health.txt")"
run mark-used mark_used.lua "${MARK_DURATION:-$DURATION}"
echo "checked in (durable): $(sql "SELECT COUNT(*) FROM tickets WHERE used_at IS NOT NULL")"
# Offline gates syncing (a hot path too): batches of OFFLINE_BATCH admissions of tickets nobody
# admitted yet; ok/s counts uploads. The codes are raw (a JSON body, not a URL).
sql "SELECT qr_payload FROM tickets WHERE used_at IS NULL ORDER BY random()" > "$WORK/unused.txt"
export OFFLINE_BATCH=${OFFLINE_BATCH:-10} SCANNED_AT=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
CODES_FILE="$WORK/unused.txt" run offline offline_upload.lua "${OFFLINE_DURATION:-$DURATION}"
echo "admitted offline: $(sql "SELECT COUNT(*) FROM offline_scans WHERE outcome = 'admitted'") in batches of $OFFLINE_BATCH ($(wc -l < "$WORK/unused.txt") tickets were unused)"
for i in $(seq "$INSTANCES"); do
  echo "server $i RSS after run: $(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/${SERVERS[$((i - 1))]}/status")"
done
