#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server: initdb in a temp dir, loopback port, no
# systemd. Exports GATEPASS_TEST_PG_URL for the command; the server and its files are removed after.
# Usage: scripts/with-postgres.sh <command> [args…]
# PG_OPTS: more server settings, e.g. "-c shared_preload_libraries=pg_stat_statements" (bench/pg-statements.sh).
set -euo pipefail

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
PORT=${PG_TEST_PORT:-55432}
DIR=$(mktemp -d /tmp/gatepass-pg.XXXXXX)
chmod 755 "$DIR"

# initdb refuses to run as root: use the postgres system user then.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$DIR" postgres
  chown postgres "$DIR"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

as_pg "$PG_BIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
# fsync stays ON: the tests check durability semantics, not a RAM disk.
as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB ${PG_OPTS:-}" start >/dev/null \
  || { cat "$DIR/server.log" >&2; exit 1; }

export GATEPASS_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
"$@"
