#!/usr/bin/env bash
# The command line as an operator meets it: every bad setting is a clear message and exit code 2,
# global options work after the subcommand, and data files are for the owner only.
# Usage: cli_test.sh path/to/gatepass [report-dir]
set -u
source "$(dirname "$0")/lib.sh" cli "$1" "${2:-}"
cd "$WORK"

expect_exit 2 "GATEPASS_PORT=abc is refused" env GATEPASS_PORT=abc "$BIN" serve --data-dir "$WORK/a"
expect_contains "$LAST_OUTPUT" "GATEPASS_PORT" "... naming GATEPASS_PORT"
expect_exit 2 "GATEPASS_PORT=70000 is refused (it used to wrap to 4464)" env GATEPASS_PORT=70000 "$BIN" serve --data-dir "$WORK/a"
expect_exit 2 "--port 65536 is refused" "$BIN" serve --port 65536 --data-dir "$WORK/a"
expect_exit 2 "--port -1 is refused" "$BIN" serve --port -1 --data-dir "$WORK/a"
expect_exit 2 "--host that is not an address is refused" "$BIN" serve --host example --data-dir "$WORK/a"
expect_exit 2 "ACCESS_TOKEN_EXPIRE_MINUTES=12abc is refused" env ACCESS_TOKEN_EXPIRE_MINUTES=12abc "$BIN" user count --data-dir "$WORK/a"
expect_exit 2 "GATEPASS_PUBLIC_WRITES_PER_MINUTE=-1 is refused" env GATEPASS_PUBLIC_WRITES_PER_MINUTE=-1 "$BIN" user count --data-dir "$WORK/a"
expect_exit 2 "GATEPASS_MAX_CONNECTIONS=lots is refused" env GATEPASS_MAX_CONNECTIONS=lots "$BIN" serve --data-dir "$WORK/a"
expect_exit 2 "GATEPASS_TRUSTED_PROXIES with a name is refused" env GATEPASS_TRUSTED_PROXIES=10.0.0.1,proxy "$BIN" serve --data-dir "$WORK/a"
expect_exit 2 "an unknown database scheme is refused" env DATABASE_URL=mysql://db/x "$BIN" migrate
expect_exit 2 "an unknown option is exit 2" "$BIN" serve --bogus
expect_exit 0 "--help is exit 0" "$BIN" --help
[ ! -e "$WORK/a" ] && pass "a refused start leaves no data directory behind" || fail "a refused start left $WORK/a"

# Global options after the subcommand (the README's own `serve … --data-dir …` line).
PORT=$(free_port)
"$BIN" serve --port "$PORT" --data-dir "$WORK/data" >"$WORK/serve.log" 2>&1 &
PID=$!; SERVERS+=("$PID")
if wait_healthy "$PORT"; then pass "serve --port P --data-dir D starts and answers /api/health"; else fail "serve did not come up" "$(cat "$WORK/serve.log")"; fi
stop_server "$PID" && pass "SIGTERM stops it with exit 0" || fail "serve did not stop cleanly"
[ "$(stat -c %a "$WORK/data")" = 700 ] && pass "a new data directory is 0700" || fail "data dir is $(stat -c %a "$WORK/data")"
for f in gatepass.db secret.key; do
  [ "$(stat -c %a "$WORK/data/$f")" = 600 ] && pass "$f is 0600" || fail "$f is $(stat -c %a "$WORK/data/$f")"
done
expect_exit 0 "user count --data-dir after the subcommand" "$BIN" user count --data-dir "$WORK/data"
expect_contains "$LAST_OUTPUT" "0" "... and reads that directory's database"

# secret.key is checked when it already exists.
mkdir -m 700 "$WORK/weak" && echo "tooshort" > "$WORK/weak/secret.key"
expect_exit 2 "a weak secret.key is refused" "$BIN" user count --data-dir "$WORK/weak"
expect_contains "$LAST_OUTPUT" "too weak" "... saying why"
mkdir -m 700 "$WORK/loose" && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$WORK/loose/secret.key" && chmod 644 "$WORK/loose/secret.key"
expect_exit 0 "a strong secret.key readable by others still works" "$BIN" user count --data-dir "$WORK/loose"
expect_contains "$LAST_OUTPUT" "chmod 600" "... with a warning"
finish
