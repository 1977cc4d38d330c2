# Shared by the shell test suites: expectations that count, a free port, a server to start and
# stop, and a report in the shape scripts/summarize-tests.mjs reads (like GoogleTest's JSON).
# Usage: source lib.sh NAME BINARY REPORT_DIR
SUITE=$1
BIN=$2
REPORT_DIR=${3:-}
PASSED=0
FAILED=0
WORK=$(mktemp -d "/tmp/gatepass-$SUITE.XXXXXX")
SERVERS=()
cleanup() {
  for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); echo "  ok   $1"; }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/       /'; return 0; }
# expect_exit CODE "description" command… : runs the command, checks its exit code.
expect_exit() {
  local want=$1 what=$2; shift 2
  local out rc
  out=$("$@" 2>&1 </dev/null); rc=$?
  if [ "$rc" = "$want" ]; then pass "$what"; else fail "$what (exit $rc, wanted $want)" "$out"; fi
  LAST_OUTPUT=$out
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
# wait_healthy PORT: polls /api/health for up to 20 s.
wait_healthy() {
  local deadline=$((SECONDS + 20))
  while [ $SECONDS -lt $deadline ]; do
    curl -sf "http://127.0.0.1:$1/api/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}
# stop_server PID: SIGTERM, then the exit code of the server (graceful stop is exit 0).
stop_server() {
  kill -TERM "$1" 2>/dev/null
  local rc=0
  wait "$1" || rc=$?
  SERVERS=("${SERVERS[@]/$1}")
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
