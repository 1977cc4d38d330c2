#!/usr/bin/env bash
# The command line as an operator meets it: every bad setting is a clear message naming it and
# exit code 2, global options work after the subcommand, the new limits reach the server, and
# data files are for the owner only.
# Usage: cli_test.sh path/to/gatepass [report-dir]
set -u
source "$(dirname "$0")/lib.sh" cli "$1" "${2:-}"
cd "$WORK"
STRONG=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')   # 64 hex characters

# --- Bad settings: exit 2, and the message names the setting. ------------------------------
# refused "NAME in the message" command…   (every one of them points at $WORK/a, which must not appear)
refused() {
  local name=$1; shift
  local shown="$*"
  shown=${shown//"$BIN"/gatepass}; shown=${shown//"$WORK"/\$WORK}
  expect_exit 2 "refused: $shown" "$@"
  expect_contains "$LAST_STDERR" "$name" "... the message names $name"
}
refused GATEPASS_PORT env GATEPASS_PORT=abc "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_PORT env GATEPASS_PORT=70000 "$BIN" serve --data-dir "$WORK/a"   # used to wrap to 4464
refused GATEPASS_PORT env GATEPASS_PORT=8080x "$BIN" serve --data-dir "$WORK/a"
refused --port "$BIN" serve --port 65536 --data-dir "$WORK/a"
refused --port "$BIN" serve --port -1 --data-dir "$WORK/a"
refused GATEPASS_HOST env GATEPASS_HOST=localhost "$BIN" serve --data-dir "$WORK/a"
refused --host "$BIN" serve --host example --data-dir "$WORK/a"
refused --threads "$BIN" serve --threads abc --data-dir "$WORK/a"
refused --threads "$BIN" serve --threads 100000 --data-dir "$WORK/a"
refused ACCESS_TOKEN_EXPIRE_MINUTES env ACCESS_TOKEN_EXPIRE_MINUTES=12abc "$BIN" user count --data-dir "$WORK/a"
refused ACCESS_TOKEN_EXPIRE_MINUTES env ACCESS_TOKEN_EXPIRE_MINUTES=0 "$BIN" serve --data-dir "$WORK/a"
refused ACCESS_TOKEN_EXPIRE_MINUTES env ACCESS_TOKEN_EXPIRE_MINUTES=10081 "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_PUBLIC_WRITES_PER_MINUTE env GATEPASS_PUBLIC_WRITES_PER_MINUTE=-1 "$BIN" user count --data-dir "$WORK/a"
refused GATEPASS_PUBLIC_WRITES_PER_MINUTE env GATEPASS_PUBLIC_WRITES_PER_MINUTE=100001 "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_MAX_CONNECTIONS env GATEPASS_MAX_CONNECTIONS=lots "$BIN" serve --data-dir "$WORK/a"
refused --max-connections "$BIN" serve --max-connections 0 --data-dir "$WORK/a"
refused --max-connections "$BIN" serve --max-connections 1000001 --data-dir "$WORK/a"
refused GATEPASS_HEADER_TIMEOUT_SECONDS env GATEPASS_HEADER_TIMEOUT_SECONDS=0 "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_HEADER_TIMEOUT_SECONDS env GATEPASS_HEADER_TIMEOUT_SECONDS=301 "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_HEADER_TIMEOUT_SECONDS env GATEPASS_HEADER_TIMEOUT_SECONDS=1.5 "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_TRUSTED_PROXIES env GATEPASS_TRUSTED_PROXIES=10.0.0.1,proxy "$BIN" serve --data-dir "$WORK/a"
refused DATABASE_URL env DATABASE_URL=mysql://db/x "$BIN" migrate --data-dir "$WORK/a"
refused --database-url "$BIN" user count --database-url mysql://db/x --data-dir "$WORK/a"
refused SECRET_KEY env SECRET_KEY=short "$BIN" user count --data-dir "$WORK/a"
refused SECRET_KEY env SECRET_KEY=replace_with_a_strong_secret_0123456789 "$BIN" user count --data-dir "$WORK/a"
refused SMTP_URL env SMTP_URL=mail.example.org "$BIN" user count --data-dir "$WORK/a"
refused MAIL_FROM env MAIL_FROM=nobody "$BIN" user count --data-dir "$WORK/a"
refused MAIL_ENABLED env MAIL_ENABLED=yes "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_PUBLIC_URL env GATEPASS_PUBLIC_URL=tickets.example.org "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_TEMPLATE_DIR env GATEPASS_TEMPLATE_DIR=/nonexistent "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_REQUIRE_2FA env GATEPASS_REQUIRE_2FA=admin,owner "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_REQUIRE_2FA env GATEPASS_REQUIRE_2FA=attendee "$BIN" user count --data-dir "$WORK/a"
refused GATEPASS_CLAIM_COOLING_OFF_HOURS env GATEPASS_CLAIM_COOLING_OFF_HOURS=-1 "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_CLAIM_COOLING_OFF_HOURS env GATEPASS_CLAIM_COOLING_OFF_HOURS=1day "$BIN" user count --data-dir "$WORK/a"
refused GATEPASS_TRANSFER_OFFERS_PER_DAY env GATEPASS_TRANSFER_OFFERS_PER_DAY=0 "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_LINK_MISSES_PER_MINUTE env GATEPASS_LINK_MISSES_PER_MINUTE=many "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_READY_MIN_FREE_MB env GATEPASS_READY_MIN_FREE_MB=-5 "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_READY_MAX_OUTBOX_AGE_MINUTES env GATEPASS_READY_MAX_OUTBOX_AGE_MINUTES=0 "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_ACCESS_LOG env GATEPASS_ACCESS_LOG=verbose "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_DEFAULT_TIME_ZONE env GATEPASS_DEFAULT_TIME_ZONE=Europe/Atlantis "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_DEFAULT_TIME_ZONE env GATEPASS_DEFAULT_TIME_ZONE=CEST "$BIN" serve --data-dir "$WORK/a"
refused GATEPASS_METRICS_TOKEN env GATEPASS_METRICS_TOKEN=short "$BIN" serve --data-dir "$WORK/a"
refused --metrics-listen "$BIN" serve --metrics-listen 9464 --data-dir "$WORK/a"
refused --metrics-listen "$BIN" serve --metrics-listen localhost:9464 --data-dir "$WORK/a"
refused GATEPASS_METRICS_LISTEN env GATEPASS_METRICS_LISTEN=127.0.0.1:99999 "$BIN" serve --data-dir "$WORK/a"
refused --tls-key "$BIN" serve --tls-cert /etc/hostname --data-dir "$WORK/a"   # one without the other
refused --tls-cert "$BIN" serve --tls-cert /nonexistent.crt --tls-key /nonexistent.key --data-dir "$WORK/a"
refused --http-redirect-port "$BIN" serve --http-redirect-port 8081 --data-dir "$WORK/a"   # nothing to redirect to
refused host "$BIN" tls init --host 'gate venue' --data-dir "$WORK/a"
refused ip "$BIN" tls init --host gate --ip 10.0.0 --data-dir "$WORK/a"
mkdir "$WORK/dotenv" && printf 'GATEPASS_PORT=abc\n' > "$WORK/dotenv/.env"
refused GATEPASS_PORT bash -c "cd '$WORK/dotenv' && exec '$BIN' serve --data-dir '$WORK/a'"   # .env is checked too
[ ! -e "$WORK/a" ] && pass "a refused start leaves no data directory behind" || fail "a refused start left $WORK/a"

# CLI11's own errors are exit 2 as well; help is not an error.
refused bogus "$BIN" serve --bogus
refused bogus "$BIN" --bogus version
expect_exit 2 "no subcommand is exit 2" "$BIN"
expect_exit 2 "'user' without add/count is exit 2" "$BIN" user
expect_exit 0 "--help is exit 0" "$BIN" --help
expect_exit 0 "serve --help is exit 0" "$BIN" serve --help

# --- Global options after the subcommand, for every subcommand. ----------------------------
expect_exit 0 "migrate --data-dir D" "$BIN" migrate --data-dir "$WORK/m"
[ -f "$WORK/m/gatepass.db" ] && pass "... migrates D/gatepass.db" || fail "migrate did not use $WORK/m"
expect_exit 0 "user add … --data-dir D" bash -c "echo 'a-long-password-1' | '$BIN' user add --username alice --role viewer --password-stdin --data-dir '$WORK/m'"
expect_exit 0 "user count --data-dir D" "$BIN" user count --data-dir "$WORK/m"
expect_contains "$(head -1 "$WORK/.out")" 1 "... counts the user added there"
expect_exit 0 "user count --database-url URL" "$BIN" user count --data-dir "$WORK/m" --database-url "sqlite://$WORK/m/gatepass.db"
expect_contains "$(head -1 "$WORK/.out")" 1 "... reads that database"

# serve with its options and the global one after it; the permissions of what it creates.
PORT=$(free_port)
start_server "$WORK/serve.log" "$WORK/serve.err" env GATEPASS_PUBLIC_WRITES_PER_MINUTE=0 \
  GATEPASS_TRUSTED_PROXIES="10.0.0.1, ::1" "$BIN" serve --port "$PORT" --threads 1 --data-dir "$WORK/data"
PID=$SERVER_PID
if wait_healthy "$PORT" "$PID"; then pass "serve --port P --threads 1 --data-dir D starts and answers /api/health"
else fail "serve did not come up" "$(cat "$WORK/serve.log" "$WORK/serve.err")"; fi
[ "$(stat -c %a "$WORK/data" 2>&1)" = 700 ] && pass "a new data directory is 0700" || fail "data dir is $(stat -c %a "$WORK/data" 2>&1)"
for f in gatepass.db secret.key; do
  [ "$(stat -c %a "$WORK/data/$f" 2>&1)" = 600 ] && pass "$f is 0600" || fail "$f is $(stat -c %a "$WORK/data/$f" 2>&1)"
done
# Everything in it while the server runs (-wal, -shm…) is for the owner only.
open=$(find "$WORK/data" -perm /077 2>&1)
[ -z "$open" ] && pass "nothing in the data directory is open to group or others ($(ls "$WORK/data" | tr '\n' ' '))" \
  || fail "open to others in the data directory" "$open"
stop_server "$PID" && pass "SIGTERM stops it with exit 0" || fail "serve did not stop cleanly" "$(cat "$WORK/serve.err")"
expect_contains "$(cat "$WORK/serve.err")" " GET /api/health 200 " "the default access log has a text line per request"

# Metrics on their own listener (no token), the access log as JSON.
PORT=$(free_port); MPORT=$(free_port)
start_server "$WORK/metrics.log" "$WORK/metrics.err" env GATEPASS_ACCESS_LOG=json \
  "$BIN" serve --port "$PORT" --metrics-listen "127.0.0.1:$MPORT" --data-dir "$WORK/metrics-data"
PID=$SERVER_PID
if wait_healthy "$PORT" "$PID"; then
  scrape=$(curl -s "http://127.0.0.1:$MPORT/metrics")
  expect_contains "$scrape" 'gatepass_build_info{version=' "--metrics-listen serves /metrics without a token"
  expect_contains "$scrape" 'gatepass_http_requests_total{route="/api/health",method="GET",status="200"}' "... counting requests by route template"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/metrics")" = 404 ] \
    && pass "without GATEPASS_METRICS_TOKEN the main port has no /metrics" || fail "the main port answered /metrics"
else fail "serve --metrics-listen did not come up" "$(cat "$WORK/metrics.err")"; fi
stop_server "$PID" || fail "serve --metrics-listen did not stop cleanly" "$(cat "$WORK/metrics.err")"
expect_contains "$(cat "$WORK/metrics.err")" '"route":"/api/health","status":200' "GATEPASS_ACCESS_LOG=json writes JSON lines"

# SECRET_KEY given: the data directory is still created (the SQLite file lives there), 0700.
expect_exit 0 "SECRET_KEY set and a new data directory" env SECRET_KEY="$STRONG" "$BIN" user count --data-dir "$WORK/k/sub"
[ "$(stat -c %a "$WORK/k/sub" 2>&1)" = 700 ] && pass "... created 0700" || fail "data dir is $(stat -c %a "$WORK/k/sub" 2>&1)"
[ ! -e "$WORK/k/sub/secret.key" ] && pass "... without a secret.key" || fail "secret.key written although SECRET_KEY is set"

# An existing data directory open to others: a warning.
mkdir -m 755 "$WORK/shared"
expect_exit 0 "an existing data directory open to others still works" "$BIN" user count --data-dir "$WORK/shared"
expect_contains "$LAST_STDERR" "chmod 700" "... with a warning on stderr"

# --- secret.key is checked when it already exists. ------------------------------------------
mkdir -m 700 "$WORK/weak" && echo "0123456789" > "$WORK/weak/secret.key"
refused secret.key "$BIN" user count --data-dir "$WORK/weak"
expect_contains "$LAST_STDERR" "too weak" "... a 10-character secret.key is too weak"
mkdir -m 700 "$WORK/placeholder" && echo "replace_with_a_strong_secret_0123456789" > "$WORK/placeholder/secret.key"
refused secret.key "$BIN" serve --data-dir "$WORK/placeholder" --port "$(free_port)"
mkdir -m 700 "$WORK/loose" && echo "  $STRONG  " > "$WORK/loose/secret.key" && chmod 644 "$WORK/loose/secret.key"
PORT=$(free_port)
start_server "$WORK/loose.log" "$WORK/loose.err" "$BIN" serve --data-dir "$WORK/loose" --port "$PORT"
PID=$SERVER_PID
if wait_healthy "$PORT" "$PID"; then pass "a strong secret.key readable by others: serve starts"
else fail "serve did not start with a strong 0644 secret.key" "$(cat "$WORK/loose.err")"; fi
stop_server "$PID" || fail "... and did not stop cleanly" "$(cat "$WORK/loose.err")"
expect_contains "$(cat "$WORK/loose.err")" "secret.key can be read by other users; \`chmod 600" "... with a warning on stderr"

# --- serve raises the open-files soft limit to the hard one, and warns when it is too low. -----
PORT=$(free_port)
start_server "$WORK/nofile.log" "$WORK/nofile.err" bash -c 'ulimit -Sn 256 && ulimit -Hn 4096 && exec "$@"' - \
  "$BIN" serve --data-dir "$WORK/data" --port "$PORT" --max-connections 4050
PID=$SERVER_PID
if wait_healthy "$PORT" "$PID"; then
  soft=$(awk '/^Max open files/{print $4}' "/proc/$PID/limits")
  [ "$soft" = 4096 ] && pass "serve raised the open-files soft limit from 256 to the hard limit" || fail "soft limit is '$soft', wanted 4096"
else
  fail "serve under ulimit -n 256/4096 did not come up" "$(cat "$WORK/nofile.err")"
fi
stop_server "$PID" || fail "... did not stop cleanly" "$(cat "$WORK/nofile.err")"
expect_contains "$(cat "$WORK/nofile.err")" "GATEPASS_MAX_CONNECTIONS=4050 is above what the open-files limit (4096)" \
  "... and warns that 4050 connections (+64) do not fit in 4096"

# --- Box office from the shell: tickets generate (progress bar) and tickets export. ------------
BO="$WORK/boxoffice"
expect_exit 0 "user add for the box office" bash -c "echo 'box-office-password' | '$BIN' user add --username boss --role admin --password-stdin --data-dir '$BO'"
PORT=$(free_port)
start_server "$WORK/bo.log" "$WORK/bo.err" "$BIN" serve --data-dir "$BO" --port "$PORT"
PID=$SERVER_PID
if wait_healthy "$PORT" "$PID"; then
  api() { curl -sf -H 'content-type: application/json' ${TOKEN:+-H "authorization: Bearer $TOKEN"} "$@"; }
  TOKEN=
  TOKEN=$(api -XPOST "http://127.0.0.1:$PORT/api/auth/login" -d '{"username":"boss","password":"box-office-password"}' |
          sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  EV=$(api -XPOST "http://127.0.0.1:$PORT/api/events" -d '{"name":"Arena","serial_prefix":"ARENA"}' | sed -E 's/.*"id":([0-9]+).*/\1/')
  api -XPOST "http://127.0.0.1:$PORT/api/events/$EV/ticket-types" -d '{"name":"Floor","price":"40"}' >/dev/null
  TOKEN= api -XPOST "http://127.0.0.1:$PORT/api/register" \
    -d "{\"event_id\":$EV,\"name\":\"Cli Person\",\"email\":\"cli.person@example.com\",\"phone\":\"+41 79 555 00 00\"}" >/dev/null
  stop_server "$PID" || fail "the box-office server did not stop cleanly" "$(cat "$WORK/bo.err")"
  expect_exit 0 "tickets generate --event E --count 2500 (the event's only type)" "$BIN" tickets generate --event "$EV" --count 2500 --data-dir "$BO"
  expect_contains "$LAST_STDERR" "100% 2500/2500" "... draws a progress bar on stderr up to 100%"
  expect_contains "$(cat "$WORK/.out")" "generated 2500 tickets" "... and says what it made on stdout"
  expect_exit 0 "tickets export --batch 1" "$BIN" tickets export --batch 1 --data-dir "$BO"
  [ "$(wc -l < "$WORK/.out")" = 2501 ] && pass "... writes a header and 2500 rows" || fail "export wrote $(wc -l < "$WORK/.out") lines"
  expect_contains "$(sed -n 2p "$WORK/.out")" "ARENA-000001,GP1:" "... serial,payload per line"
  refused --count "$BIN" tickets generate --event "$EV" --count 1000001 --data-dir "$BO"
  refused "No event" "$BIN" tickets generate --event 999 --type 1 --count 1 --data-dir "$BO"
  refused "batch" "$BIN" tickets export --batch 99 --data-dir "$BO"
  # gatepass export: the same streamed CSV as GET /api/admin/export/{kind}.csv.
  expect_exit 0 "export tickets --event E > tickets.csv" "$BIN" export tickets --event "$EV" --data-dir "$BO"
  [ "$(head -c 3 "$WORK/.out" | od -An -tx1 | tr -d ' ')" = efbbbf ] && pass "... starts with the UTF-8 BOM" ||
    fail "no BOM: $(head -c 16 "$WORK/.out" | od -An -c)"
  [ "$(wc -l < "$WORK/.out")" = 2501 ] && pass "... a header and 2500 rows" || fail "export wrote $(wc -l < "$WORK/.out") lines"
  expect_contains "$(sed -n 1p "$WORK/.out")" "serial,event_id,status,holder_name" "... with named columns"
  expect_exit 0 "export audit (every event)" "$BIN" export audit --data-dir "$BO"
  expect_contains "$(cat "$WORK/.out")" "tickets.generate" "... holds the generation"
  refused "kind" "$BIN" export passwords --data-dir "$BO"
  refused "No event" "$BIN" export scans --event 999 --data-dir "$BO"
  # gatepass privacy export|erase (docs/privacy.md): the admin routes' documents, from a shell.
  expect_exit 0 "privacy export --email (any case)" "$BIN" privacy export --email CLI.Person@example.com --data-dir "$BO"
  expect_contains "$(cat "$WORK/.out")" '"name":"Cli Person"' "... prints the person's registration as JSON"
  refused "reason" "$BIN" privacy erase --email cli.person@example.com --data-dir "$BO"
  refused "email" "$BIN" privacy erase --email not-an-address --reason x --data-dir "$BO"
  expect_exit 0 "privacy erase --dry-run" "$BIN" privacy erase --email cli.person@example.com --dry-run --data-dir "$BO"
  expect_contains "$(cat "$WORK/.out")" '"dry_run":true' "... changes nothing and says so"
  expect_exit 0 "privacy erase --reason" "$BIN" privacy erase --email cli.person@example.com --reason "asked by mail" --data-dir "$BO"
  expect_contains "$(cat "$WORK/.out")" '"registrations":1' "... erases the registration"
  expect_exit 0 "export registrations after the erasure" "$BIN" export registrations --data-dir "$BO"
  if grep -qiF -e "cli.person" -e "Cli Person" -e "555 00 00" "$WORK/.out"; then fail "the erased person is still exported" "$(cat "$WORK/.out")"
  else pass "... holds neither the name, the address nor the phone"; fi
  refused "Nothing is held" "$BIN" privacy erase --email cli.person@example.com --reason again --data-dir "$BO"
else
  fail "the box-office server did not come up" "$(cat "$WORK/bo.err")"
fi

# --- gatepass user reset-2fa NAME: a locked-out account's two-factor off, its sessions ended. ---
# The code is made by oathtool (liboath's command line), as an authenticator app would.
TF="$WORK/twofactor"
if ! command -v oathtool >/dev/null; then
  fail "oathtool is needed for the two-factor checks (scripts/install-deps.sh --test installs it)"
else
  expect_exit 0 "user add for two-factor" bash -c "echo 'two-factor-password' | '$BIN' user add --username lockedout --role admin --password-stdin --data-dir '$TF'"
  tf_api() { curl -s -H 'content-type: application/json' ${TOKEN:+-H "authorization: Bearer $TOKEN"} "$@"; }
  token_of() { sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
  PORT=$(free_port)
  start_server "$WORK/tf.log" "$WORK/tf.err" "$BIN" serve --data-dir "$TF" --port "$PORT"
  PID=$SERVER_PID
  if wait_healthy "$PORT" "$PID"; then
    TOKEN=
    TOKEN=$(tf_api -XPOST "http://127.0.0.1:$PORT/api/auth/login" -d '{"username":"lockedout","password":"two-factor-password"}' | token_of)
    SECRET=$(tf_api -XPOST "http://127.0.0.1:$PORT/api/auth/2fa/enroll" | sed -E 's/.*"secret":"([A-Z2-7]+)".*/\1/')
    CONFIRMED=$(tf_api -XPOST "http://127.0.0.1:$PORT/api/auth/2fa/confirm" -d "{\"code\":\"$(oathtool --totp -b "$SECRET")\"}")
    expect_contains "$CONFIRMED" '"recovery_codes":[' "two-factor turned on through the API with an oathtool code"
    TOKEN=$(echo "$CONFIRMED" | token_of)
    TOKEN_WITH_2FA=$TOKEN
    TOKEN=
    expect_contains "$(tf_api -XPOST "http://127.0.0.1:$PORT/api/auth/login" -d '{"username":"lockedout","password":"two-factor-password"}')" \
      second_factor_required "... the password alone no longer signs in"
    stop_server "$PID" || fail "the two-factor server did not stop cleanly" "$(cat "$WORK/tf.err")"

    expect_exit 0 "user reset-2fa lockedout" "$BIN" user reset-2fa lockedout --data-dir "$TF"
    expect_contains "$(cat "$WORK/.out")" "two-factor sign-in turned off for lockedout" "... says it turned two-factor off"
    refused "No staff account" "$BIN" user reset-2fa nobody --data-dir "$TF"
    expect_exit 0 "export audit after the reset" "$BIN" export audit --data-dir "$TF"
    expect_contains "$(grep user.reset_2fa "$WORK/.out")" ",system,user.reset_2fa," "... audited as system"

    PORT=$(free_port)
    start_server "$WORK/tf2.log" "$WORK/tf2.err" "$BIN" serve --data-dir "$TF" --port "$PORT"
    PID=$SERVER_PID
    if wait_healthy "$PORT" "$PID"; then
      status=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $TOKEN_WITH_2FA" "http://127.0.0.1:$PORT/api/auth/me")
      [ "$status" = 401 ] && pass "... the account's sessions have ended" || fail "a session from before the reset got $status"
      TOKEN=$(tf_api -XPOST "http://127.0.0.1:$PORT/api/auth/login" -d '{"username":"lockedout","password":"two-factor-password"}' | token_of)
      expect_contains "$(tf_api "http://127.0.0.1:$PORT/api/auth/me")" '"two_factor":false' "... and the password alone signs in again"
      TOKEN=
    else
      fail "the two-factor server did not come up again" "$(cat "$WORK/tf2.err")"
    fi
    stop_server "$PID" || fail "the two-factor server did not stop cleanly" "$(cat "$WORK/tf2.err")"
  else
    fail "the two-factor server did not come up" "$(cat "$WORK/tf.err")"
  fi
fi

# --- gatepass audit verify / head: the tamper-evident audit log (docs/security.md). -------------
# A serving instance links new audit rows within a second; `audit head` prints the chain's end to
# keep elsewhere; rows edited, deleted or swapped with sqlite3 are found (exit 3, naming the row),
# and cutting the end off is found against a kept head. Verify reads only: it never creates a database.
AU="$WORK/audit"
if ! command -v sqlite3 >/dev/null; then
  fail "sqlite3 is needed for the audit chain checks (scripts/install-deps.sh --test installs it)"
else
  expect_exit 0 "user add for the audit chain" bash -c "echo 'audit-password-123' | '$BIN' user add --username auditor --role admin --password-stdin --data-dir '$AU'"
  PORT=$(free_port)
  start_server "$WORK/au.log" "$WORK/au.err" "$BIN" serve --data-dir "$AU" --port "$PORT"
  PID=$SERVER_PID
  if wait_healthy "$PORT" "$PID"; then
    au_api() { curl -s -H 'content-type: application/json' ${TOKEN:+-H "authorization: Bearer $TOKEN"} "$@"; }
    TOKEN=
    TOKEN=$(au_api -XPOST "http://127.0.0.1:$PORT/api/auth/login" -d '{"username":"auditor","password":"audit-password-123"}' |
            sed -E 's/.*"access_token":"([^"]+)".*/\1/')
    for name in One Two Three; do au_api -XPOST "http://127.0.0.1:$PORT/api/events" -d "{\"name\":\"$name\"}" >/dev/null; done
    TOKEN=
    sealed=no
    deadline=$((SECONDS + 5))
    while [ $SECONDS -lt $deadline ]; do
      out=$("$BIN" audit verify --data-dir "$AU" 2>/dev/null)
      if grep -q '^ok: ' <<<"$out" && ! grep -q 'not chained yet' <<<"$out"; then sealed=yes; break; fi
      sleep 0.2
    done
    [ $sealed = yes ] && pass "while serving, new audit rows are chained within seconds ($(head -1 <<<"$out"))" \
      || fail "the serving instance did not chain its audit rows" "$out"
  else
    fail "the audit server did not come up" "$(cat "$WORK/au.err")"
  fi
  stop_server "$PID" || fail "the audit server did not stop cleanly" "$(cat "$WORK/au.err")"
  db="$AU/gatepass.db"
  rows=$(sqlite3 "$db" "SELECT COUNT(*) FROM audit_logs")
  expect_exit 0 "audit verify after the server stopped" "$BIN" audit verify --data-dir "$AU"
  expect_contains "$(cat "$WORK/.out")" "ok: $rows audit rows verified" "... every one of the $rows rows is in the chain"
  expect_exit 0 "audit head" "$BIN" audit head --data-dir "$AU"
  HEAD=$(cat "$WORK/.out")
  grep -qE '^[0-9]+:[0-9a-f]{64}$' <<<"$HEAD" && pass "... prints SEQ:HASH alone on stdout ($HEAD)" || fail "audit head printed '$HEAD'"
  [ "${HEAD%%:*}" = "$rows" ] && pass "... at the last row's position" || fail "head $HEAD for $rows rows"
  expect_exit 0 "audit verify --head HEAD" "$BIN" audit verify --head "$HEAD" --data-dir "$AU"
  expect_contains "$(cat "$WORK/.out")" "passes through the kept head" "... the chain passes through it"
  refused --head "$BIN" audit verify --head 3:abc --data-dir "$AU"
  refused "no database" "$BIN" audit verify --data-dir "$WORK/no-such-dir"
  [ ! -e "$WORK/no-such-dir" ] && pass "... and creates none" || fail "audit verify created $WORK/no-such-dir"

  # Tampering, each on a copy of the database: exit 3, the first bad row named.
  tampered() {  # tampered "what" SQL ROW-ID
    cp -r "$AU" "$WORK/au-copy" && sqlite3 "$WORK/au-copy/gatepass.db" "$2"
    expect_exit 3 "audit verify finds $1" "$BIN" audit verify --data-dir "$WORK/au-copy"
    expect_contains "$(cat "$WORK/.out")" "audit chain broken at row $3" "... and names row $3"
    rm -rf "$WORK/au-copy"
  }
  id_at() { sqlite3 "$db" "SELECT id FROM audit_logs WHERE chain_seq = $1"; }
  tampered "an edited actor" "UPDATE audit_logs SET actor = 'mallory' WHERE chain_seq = 2" "$(id_at 2)"
  tampered "edited details" "UPDATE audit_logs SET details = '{}' WHERE chain_seq = 3" "$(id_at 3)"
  tampered "a deleted row" "DELETE FROM audit_logs WHERE chain_seq = 2" "$(id_at 3)"
  cols="actor_id, actor, action, entity_type, entity_id, event_id, details, created_at"
  tampered "two rows swapped" "CREATE TEMP TABLE pair AS SELECT chain_seq, $cols FROM audit_logs WHERE chain_seq IN (2, 3);
    UPDATE audit_logs SET ($cols) = (SELECT $cols FROM pair WHERE pair.chain_seq = 5 - audit_logs.chain_seq)
    WHERE chain_seq IN (2, 3)" "$(id_at 2)"
  # Cutting off the last row and moving the head back: consistent in itself, not with the kept head.
  cp -r "$AU" "$WORK/au-cut"
  sqlite3 "$WORK/au-cut/gatepass.db" "DELETE FROM audit_logs WHERE chain_seq = $rows;
    UPDATE audit_chain_head SET seq = seq - 1, hash = (SELECT chain_hash FROM audit_logs WHERE chain_seq = $rows - 1)"
  expect_exit 0 "a chain cut at its end verifies on its own" "$BIN" audit verify --data-dir "$WORK/au-cut"
  expect_exit 3 "... but not against the kept head" "$BIN" audit verify --head "$HEAD" --data-dir "$WORK/au-cut"
  expect_contains "$(cat "$WORK/.out")" "beyond the chain's end" "... which lies beyond its end"
fi

# --- The new limits reach the server. --------------------------------------------------------
# GATEPASS_HEADER_TIMEOUT_SECONDS=1: half a request line gets 408 within the 4 s we wait (the
# default, 10 s, would not). --max-connections 1: while one connection is open, the next is 503.
PORT=$(free_port)
start_server "$WORK/limits.log" "$WORK/limits.err" env GATEPASS_HEADER_TIMEOUT_SECONDS=1 \
  "$BIN" serve --data-dir "$WORK/data" --port "$PORT" --max-connections 1
PID=$SERVER_PID
if wait_healthy "$PORT" "$PID"; then
  pass "serve --max-connections 1 with GATEPASS_HEADER_TIMEOUT_SECONDS=1 starts"
  exec 3<>"/dev/tcp/127.0.0.1/$PORT"
  printf 'GET /api/health HTTP/1.1\r\nHost: x\r\n' >&3
  answer=$(timeout 4 head -c 12 <&3 2>/dev/null)
  exec 3<&- 3>&-
  expect_contains "$answer" "HTTP/1.1 408" "GATEPASS_HEADER_TIMEOUT_SECONDS: slow headers get 408"
  exec 4<>"/dev/tcp/127.0.0.1/$PORT"     # held open, silent
  status=""
  deadline=$((SECONDS + 10))
  while [ $SECONDS -lt $deadline ]; do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$PORT/api/health")
    [ "$status" = 503 ] && break
    sleep 0.1
  done
  [ "$status" = 503 ] && pass "--max-connections 1: a second connection gets 503" || fail "second connection got '$status', wanted 503"
  exec 4<&- 4>&-
  wait_healthy "$PORT" "$PID" && pass "... and 200 again once the first closes" || fail "health did not come back after closing"
else
  fail "serve with the limits did not come up" "$(cat "$WORK/limits.err")"
fi
stop_server "$PID" || fail "the limits server did not stop cleanly" "$(cat "$WORK/limits.err")"

# --- backup / restore as an operator runs them. ----------------------------------------------
# Taken from a running server; the archive is checked completely before anything is written:
# a flipped byte, a member changed behind the manifest's back, names reaching outside the data
# directory and links are refused; a non-empty directory needs --force; the result serves.
BK="$WORK/bk"
PORT=$(free_port)
start_server "$WORK/bk.log" "$WORK/bk.err" env GATEPASS_ADMIN_PASSWORD=backup-admin-password \
  "$BIN" serve --data-dir "$BK/data" --port "$PORT"
PID=$SERVER_PID
if wait_healthy "$PORT" "$PID"; then
  mkdir -p "$BK/data/attachments" && printf 'proof' >"$BK/data/attachments/proof.png"
  expect_exit 0 "backup --to while the server runs" "$BIN" backup --to "$BK/backup.tar.gz" --data-dir "$BK/data"
  expect_contains "$LAST_OUTPUT" "1 attachment(s), secret.key" "... with the attachment and the key"
  listing=$(tar -tzf "$BK/backup.tar.gz" | sort | tr '\n' ' ')
  expect_contains "$listing" "attachments/proof.png gatepass.db manifest.json secret.key" "... one tar.gz: database, attachment, key, manifest"
  expect_contains "$(tar -xzOf "$BK/backup.tar.gz" manifest.json)" '"sha256":' "... the manifest has checksums"
else
  fail "the server to back up did not come up" "$(cat "$WORK/bk.err")"
fi
stop_server "$PID" || fail "the server backed up did not stop cleanly" "$(cat "$WORK/bk.err")"

# One byte flipped in the middle of the archive.
python3 - "$BK/backup.tar.gz" "$BK/flipped.tar.gz" <<'PY'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
data[len(data) // 2] ^= 0xFF
open(sys.argv[2], 'wb').write(bytes(data))
PY
expect_exit 1 "restore refuses an archive with one byte flipped" "$BIN" restore --from "$BK/flipped.tar.gz" --data-dir "$BK/r1"
expect_contains "$LAST_STDERR" "flipped.tar.gz is damaged" "... the message names the archive"
[ ! -e "$BK/r1" ] && pass "... and writes nothing" || fail "a damaged archive left $BK/r1 behind"

# A well-formed archive whose gatepass.db no longer matches the manifest; others with names
# outside the data directory, or a link.
python3 - "$BK/backup.tar.gz" "$BK" <<'PY'
import io, sys, tarfile
src, out = sys.argv[1], sys.argv[2]
members = {}
with tarfile.open(src, 'r:gz') as t:
    for m in t.getmembers():
        members[m.name] = (m, t.extractfile(m).read())
def write(path, changes, extra=()):
    with tarfile.open(path, 'w:gz') as t:
        for name, (m, data) in members.items():
            data = changes.get(name, data)
            m.size = len(data)
            t.addfile(m, io.BytesIO(data))
        for info, data in extra:
            t.addfile(info, io.BytesIO(data) if data is not None else None)
db = bytearray(members['gatepass.db'][1]); db[5000] ^= 1
write(out + '/changed-db.tar.gz', {'gatepass.db': bytes(db)})
def file(name, data=b'x'):
    i = tarfile.TarInfo(name); i.size = len(data); return (i, data)
write(out + '/dotdot.tar.gz', {}, [file('attachments/../../escaped')])
write(out + '/absolute.tar.gz', {}, [file(out + '/absolute-escaped')])
link = tarfile.TarInfo('attachments/link.png'); link.type = tarfile.SYMTYPE; link.linkname = '/etc/passwd'
write(out + '/symlink.tar.gz', {}, [(link, None)])
PY
expect_exit 1 "restore refuses an archive whose gatepass.db does not match the manifest" \
  "$BIN" restore --from "$BK/changed-db.tar.gz" --data-dir "$BK/r2"
expect_contains "$LAST_STDERR" "gatepass.db does not match its checksum" "... the message names gatepass.db"
[ ! -e "$BK/r2" ] && pass "... and writes nothing" || fail "a mismatching archive left $BK/r2 behind"
for bad in dotdot absolute symlink; do
  expect_exit 1 "restore refuses an archive with a $bad entry" "$BIN" restore --from "$BK/$bad.tar.gz" --data-dir "$BK/r-$bad"
  [ ! -e "$BK/r-$bad" ] && [ ! -e "$BK/escaped" ] && [ ! -e "$WORK/escaped" ] && [ ! -e "$BK/absolute-escaped" ] &&
    pass "... nothing written, inside or outside" || fail "the $bad archive wrote something"
done

# A non-empty directory is refused without --force, replaced with it.
mkdir -p "$BK/busy" && echo keep >"$BK/busy/notes.txt"
expect_exit 1 "restore refuses a non-empty --data-dir" "$BIN" restore --from "$BK/backup.tar.gz" --data-dir "$BK/busy"
expect_contains "$LAST_STDERR" "is not empty" "... and says why"
[ ! -e "$BK/busy/gatepass.db" ] && pass "... leaving it as it was" || fail "the refused restore wrote into $BK/busy"
expect_exit 0 "restore --force into it" "$BIN" restore --from "$BK/backup.tar.gz" --data-dir "$BK/busy" --force
cmp -s "$BK/busy/secret.key" "$BK/data/secret.key" && pass "... the same secret.key" || fail "the restored key differs"
expect_exit 0 "restore into a new directory" "$BIN" restore --from "$BK/backup.tar.gz" --data-dir "$BK/restored"
[ "$(cat "$BK/restored/attachments/proof.png")" = proof ] && pass "... the attachment is back" || fail "the attachment was not restored"
PORT=$(free_port)
start_server "$WORK/rs.log" "$WORK/rs.err" "$BIN" serve --data-dir "$BK/restored" --port "$PORT"
PID=$SERVER_PID
if wait_healthy "$PORT" "$PID"; then
  login=$(curl -s -H 'content-type: application/json' -d '{"username":"admin","password":"backup-admin-password"}' \
    "http://127.0.0.1:$PORT/api/auth/login")
  expect_contains "$login" access_token "the restored directory serves, and its admin signs in"
else
  fail "serve --data-dir on the restored directory did not come up" "$(cat "$WORK/rs.err")"
fi
stop_server "$PID" || fail "the restored server did not stop cleanly" "$(cat "$WORK/rs.err")"
# --- HTTPS for venue phones: tls init, then serve, verified against the venue CA by curl. ----
TLS="$WORK/tls-data"
expect_exit 0 "tls init --host gate.venue.test --ip 127.0.0.1" "$BIN" tls init --host gate.venue.test --ip 127.0.0.1 --data-dir "$TLS"
expect_contains "$LAST_OUTPUT" "SHA-256 fingerprint" "... prints the CA's fingerprint for stewards to compare"
for f in ca.key server.key; do
  [ "$(stat -c %a "$TLS/tls/$f" 2>&1)" = 600 ] && pass "tls/$f is 0600" || fail "tls/$f is $(stat -c %a "$TLS/tls/$f" 2>&1)"
done
mismatched=$(mktemp -d "$WORK/keys.XXXX")
expect_exit 0 "tls init into another data directory (its own CA)" "$BIN" tls init --host other.test --data-dir "$mismatched"
refused --tls-key "$BIN" serve --tls-cert "$TLS/tls/server.crt" --tls-key "$mismatched/tls/server.key" --data-dir "$WORK/a"
PORT=$(free_port); RPORT=$(free_port)
start_server "$WORK/tls.log" "$WORK/tls.err" "$BIN" serve --port "$PORT" --data-dir "$TLS" \
  --tls-cert "$TLS/tls/server.crt" --tls-key "$TLS/tls/server.key" --http-redirect-port "$RPORT"
PID=$SERVER_PID
up=0
for _ in $(seq 200); do
  curl -sf --max-time 2 --cacert "$TLS/tls/ca.crt" "https://127.0.0.1:$PORT/api/health/live" >/dev/null 2>&1 && { up=1; break; }
  is_running "$PID" || break
  sleep 0.1
done
if [ $up = 1 ]; then
  pass "serve --tls-cert --tls-key answers HTTPS, verified against the venue CA (curl --cacert)"
  ready=$(curl -s --cacert "$TLS/tls/ca.crt" --resolve "gate.venue.test:$PORT:127.0.0.1" "https://gate.venue.test:$PORT/api/health/ready")
  expect_contains "$ready" '"ready"' "... by its host name too (curl --resolve)"
  if curl -s --cacert "$TLS/tls/ca.crt" --tls-max 1.1 "https://127.0.0.1:$PORT/api/health/live" >/dev/null 2>&1; then
    fail "TLS 1.1 was accepted"; else pass "TLS 1.1 is refused"; fi
  if curl -s "https://127.0.0.1:$PORT/api/health/live" >/dev/null 2>&1; then
    fail "curl without the venue CA trusted the server"; else pass "without the venue CA curl refuses the certificate"; fi
  loc=$(curl -s -o /dev/null -w '%{redirect_url}' -H "Host: gate.venue.test" "http://127.0.0.1:$RPORT/scan")
  [ "$loc" = "https://gate.venue.test:$PORT/scan" ] && pass "--http-redirect-port redirects to HTTPS" || fail "redirect went to '$loc'"
  cmp -s <(curl -s "http://127.0.0.1:$RPORT/ca.crt") "$TLS/tls/ca.crt" && pass "/ca.crt is offered on the plain port" \
    || fail "/ca.crt on the plain port differs from tls/ca.crt"
  expect_contains "$(cat "$WORK/tls.err")" "listening on https://" "... and the log says https"
else
  fail "serve with TLS did not come up" "$(cat "$WORK/tls.log" "$WORK/tls.err")"
fi
stop_server "$PID" && pass "the HTTPS server stops with exit 0" || fail "the HTTPS server did not stop cleanly" "$(cat "$WORK/tls.err")"
# The venue CA travels with the backup: a restored server keeps the phones' trust.
expect_exit 0 "backup of a data directory with tls/" "$BIN" backup --data-dir "$TLS" --to "$WORK/tls-backup.tar.gz"
expect_contains "$(tar -tzf "$WORK/tls-backup.tar.gz")" "tls/ca.key" "... holds the venue CA's key"
expect_exit 0 "restore it" "$BIN" restore --from "$WORK/tls-backup.tar.gz" --data-dir "$WORK/tls-restored"
for f in ca.crt ca.key server.crt server.key; do
  cmp -s "$TLS/tls/$f" "$WORK/tls-restored/tls/$f" && [ "$(stat -c %a "$WORK/tls-restored/tls/$f")" = 600 ] \
    && pass "... tls/$f restored, 0600" || fail "tls/$f was not restored as it was"
done
finish
