#!/usr/bin/env bash
# Runs every command of the README's "Running it" section, as written there, against a temporary
# data directory and a free port, so the documented commands cannot rot. The commands are read
# from README.md, not copied here: the README's binary path becomes the binary under test,
# /var/lib/gatepass a temporary directory, port 8080 a free port, and the commands that use the
# default `data` directory run in a temporary working directory.
# Usage: readme_commands_test.sh path/to/gatepass [report-dir]
set -u
source "$(dirname "$0")/lib.sh" readme_commands "$1" "${2:-}"
README="$(cd "$(dirname "$0")/../.." && pwd)/README.md"
README_BIN=build/release/src/gatepass   # how the README names the binary (relative to the repo root)

# The first ```sh block after "## Running it" (and before the next section); a line ending in a
# backslash continues on the next one.
mapfile -t COMMANDS < <(awk '
  /^## /{s=($0 ~ /^## Running it/)} s&&/^```sh/{b=1;next} b&&/^```/{exit}
  b{ if (sub(/\\$/, "")) { acc = acc $0; next } print acc $0; acc = "" }' "$README")
RUNNABLE=()
for line in "${COMMANDS[@]}"; do
  trimmed=${line#"${line%%[![:space:]]*}"}
  case "$trimmed" in ''|'#'*) ;; *) RUNNABLE+=("$line") ;; esac
done
[ "${#RUNNABLE[@]}" -ge 1 ] && pass "found ${#RUNNABLE[@]} commands in the README's Running it section" \
  || fail "no commands found in the Running it section of $README"

PORT=$(free_port)
export PW="readme-password-123"
cd "$WORK"
for line in "${RUNNABLE[@]}"; do
  cmd=${line%%#*}                          # drop the comment
  cmd=${cmd//"$README_BIN"/$BIN}           # the binary under test
  cmd=${cmd//\/var\/lib\/gatepass/$WORK/var-lib-gatepass}
  cmd=${cmd//8080/$PORT}
  case "$cmd" in
    *"$BIN"*) ;;
    *) fail "README: $line (does not run $README_BIN)"; continue ;;
  esac
  case "$cmd" in
    *" serve "*|*" serve")
      start_server "$WORK/serve.log" "$WORK/serve.err" bash -c "$cmd"
      if wait_healthy "$PORT" "$SERVER_PID"; then pass "README: $line"
      else fail "README: $line (no answer from /api/health)" "$(cat "$WORK/serve.log" "$WORK/serve.err")"; fi
      stop_server "$SERVER_PID" && pass "... stops cleanly on SIGTERM" || fail "... did not stop cleanly" "$(cat "$WORK/serve.err")" ;;
    *" user add "*"--password-stdin"*)
      expect_exit 0 "README: $line" bash -c "$cmd" ;;
    *" user add "*)   # prompts for the password: type one
      expect_exit 0 "README: $line" bash -c "echo 'typed-password-123' | $cmd" ;;
    *)
      expect_exit 0 "README: $line" bash -c "$cmd" ;;
  esac
done
finish
