#!/usr/bin/env bash
# Runs every command of the README's "Running it" section, as written there, against a temporary
# data directory and a free port, so the documented commands cannot rot. The commands are read
# from README.md, not copied here.
# Usage: readme_commands_test.sh path/to/gatepass [report-dir]
set -u
source "$(dirname "$0")/lib.sh" readme_commands "$1" "${2:-}"
README="$(cd "$(dirname "$0")/../.." && pwd)/README.md"

# The first ```sh block after "## Running it".
mapfile -t COMMANDS < <(awk '/^## Running it/{s=1} s&&/^```sh/{b=1;next} b&&/^```/{exit} b&&NF{print}' "$README")
[ "${#COMMANDS[@]}" -ge 3 ] && pass "found ${#COMMANDS[@]} commands in the README" || fail "no commands found in $README"

PORT=$(free_port)
export PW="readme-password-123"
cd "$WORK"
for line in "${COMMANDS[@]}"; do
  cmd=${line%%#*}                                   # drop the comment
  cmd=${cmd//build\/release\/src\/gatepass/$BIN}    # the binary under test
  cmd=${cmd//\/var\/lib\/gatepass/$WORK/var-lib}    # a temporary data directory
  cmd=${cmd//8080/$PORT}
  case "$cmd" in
    *" serve "*|*" serve")
      bash -c "$cmd" >"$WORK/serve.log" 2>&1 &
      pid=$!; SERVERS+=("$pid")
      if wait_healthy "$PORT"; then pass "README: $line"; else fail "README: $line (no health answer)" "$(cat "$WORK/serve.log")"; fi
      stop_server "$pid" && pass "... stops cleanly on SIGTERM" || fail "... did not stop cleanly" "$(cat "$WORK/serve.log")" ;;
    *" user add "*"--password-stdin"*)
      expect_exit 0 "README: $line" bash -c "$cmd" ;;
    *" user add "*)   # prompts for the password: type one
      expect_exit 0 "README: $line" bash -c "echo 'typed-password-123' | $cmd" ;;
    *)
      expect_exit 0 "README: $line" bash -c "$cmd" ;;
  esac
done
finish
