# Shared by the shell test suites: expectations that count, a free port, a server to start and
# stop, and a report in the shape scripts/summarize-tests.mjs reads (like GoogleTest's JSON).
# Usage: source lib.sh NAME BINARY [REPORT_DIR]  (default REPORT_DIR: $GATEPASS_TEST_RESULTS)
SUITE=$1
BIN=$2
REPORT_DIR=${3:-${GATEPASS_TEST_RESULTS:-}}   # where the JSON report goes (none: no report)
# The settings under test come from each check, not from whoever runs the suite.
unset DATABASE_URL SECRET_KEY ACCESS_TOKEN_EXPIRE_MINUTES GATEPASS_DATA_DIR GATEPASS_HOST GATEPASS_PORT \
  GATEPASS_WEB_ROOT GATEPASS_TRUSTED_PROXIES GATEPASS_PUBLIC_WRITES_PER_MINUTE GATEPASS_MAX_CONNECTIONS \
  GATEPASS_HEADER_TIMEOUT_SECONDS GATEPASS_ADMIN_PASSWORD GATEPASS_ADMIN_USERNAME GATEPASS_REQUIRE_2FA
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac   # the suites cd into their work directory
PASSED=0
FAILED=0
WORK=$(mktemp -d "/tmp/gatepass-$SUITE.XXXXXX")
SERVERS=()
# is_running PID: alive and not yet a zombie (a child we have not waited for still answers kill -0).
is_running() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}
forget_server() {
  local kept=() pid
  for pid in "${SERVERS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  SERVERS=("${kept[@]}")
}
cleanup() {
  local pid
  for pid in "${SERVERS[@]}"; do kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); echo "  ok   $1"; }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/       /'; return 0; }
# expect_exit CODE "description" command… : runs the command (stdin empty, at most 60 s), checks
# its exit code; LAST_OUTPUT is its stdout and stderr, LAST_STDERR its stderr alone.
expect_exit() {
  local want=$1 what=$2; shift 2
  local rc=0
  timeout -k 5 60 "$@" </dev/null >"$WORK/.out" 2>"$WORK/.err" || rc=$?
  LAST_STDERR=$(cat "$WORK/.err")
  LAST_OUTPUT=$(cat "$WORK/.out" "$WORK/.err")
  if [ "$rc" = "$want" ]; then pass "$what"; else fail "$what (exit $rc, wanted $want)" "$LAST_OUTPUT"; fi
}
# expect_contains "haystack" "needle" "description"
expect_contains() {
  if grep -qF -- "$2" <<<"$1"; then pass "$3"; else fail "$3 (missing: $2)" "$1"; fi
}
# A port nothing listens on now (bash's /dev/tcp: no other tool needed), below the kernel's
# ephemeral range so that no client connection of another test can be holding it.
free_port() {
  local p low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  while :; do
    p=$((10000 + RANDOM % (low - 10000)))
    (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
# start_server LOG ERRLOG command… : runs the command in the background; SERVER_PID is its pid.
start_server() {
  local log=$1 errlog=$2; shift 2
  "$@" </dev/null >"$log" 2>"$errlog" &
  SERVER_PID=$!
  SERVERS+=("$SERVER_PID")
}
# wait_healthy PORT [PID]: polls /api/health for up to 20 s; gives up as soon as PID has exited
# (and so never mistakes another process on that port for ours).
wait_healthy() {
  local deadline=$((SECONDS + 20))
  while [ $SECONDS -lt $deadline ]; do
    if [ -n "${2:-}" ] && ! is_running "$2"; then return 1; fi
    curl -sf --max-time 2 "http://127.0.0.1:$1/api/health" >/dev/null 2>&1 && { [ -z "${2:-}" ] || is_running "$2"; } && return 0
    sleep 0.1
  done
  return 1
}
# stop_server PID: SIGTERM, at most 15 s to exit (then SIGKILL), and returns the server's exit
# code (a graceful stop is 0).
stop_server() {
  local deadline=$((SECONDS + 15)) rc=0
  kill -TERM "$1" 2>/dev/null
  while is_running "$1" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  if is_running "$1"; then
    kill -KILL "$1" 2>/dev/null
    echo "       (pid $1 ignored SIGTERM for 15 s: killed)"
  fi
  wait "$1" 2>/dev/null || rc=$?
  forget_server "$1"
  return $rc
}
finish() {
  echo "$SUITE: $PASSED passed, $FAILED failed"
  if [ -n "$REPORT_DIR" ]; then
    mkdir -p "$REPORT_DIR"
    printf '{"tests": %d, "failures": %d, "errors": 0, "disabled": 0}\n' $((PASSED + FAILED)) "$FAILED" > "$REPORT_DIR/$SUITE.json"
  fi
  [ "$FAILED" = 0 ] && [ "$PASSED" -gt 0 ]
}
if [ ! -x "$BIN" ]; then fail "the binary under test is missing: $BIN"; finish; exit 1; fi
