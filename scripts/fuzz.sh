#!/usr/bin/env bash
# Fuzzes the parsers that see raw input (multipart, JSON bodies, QR payloads, serials, request
# targets) with libFuzzer under ASan + UBSan. Usage: scripts/fuzz.sh [seconds per target]
# (default 10; CI runs the default, run `scripts/fuzz.sh 600` or more before a release).
# Exits non-zero on any crash, leak, timeout, sanitizer report or broken invariant, naming the
# target and the input that did it (saved under build/fuzz/findings/). The committed corpus
# (tests/fuzz/corpus) is only read, never grown: each target runs on a copy in a temp dir.
# JOBS=n sets the build's parallelism (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-10}
[[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] && [ "$SECONDS_PER_TARGET" -gt 0 ] || {
  echo "usage: scripts/fuzz.sh [seconds per target, default 10]" >&2
  exit 2
}
scripts/install-deps.sh --fuzz
export CCACHE_BASEDIR=$PWD
mkdir -p build/fuzz
if ! { cmake -S tests/fuzz -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ &&
       cmake --build build/fuzz -j "${JOBS:-2}"; } >build/fuzz/build.log 2>&1; then
  tail -n 40 build/fuzz/build.log
  echo "fuzz: build failed (build/fuzz/build.log)" >&2
  exit 1
fi
OUT=build/fuzz/findings
rm -rf "$OUT" && mkdir -p "$OUT"
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
targets=(multipart json_request ticket_token serial request_target accept_language)
findings=0
runs=0
corpus=""
trap 'rm -rf "$corpus"' EXIT
for t in "${targets[@]}"; do
  corpus=$(mktemp -d)
  cp tests/fuzz/corpus/"$t"/* "$corpus"/
  log="$OUT/$t.log"
  status=0
  build/fuzz/fuzz_"$t" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$OUT/$t-" "$corpus" >"$log" 2>&1 || status=$?
  n=$(grep -m1 '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
  runs=$((runs + ${n:-0}))
  if [ "$status" = 0 ]; then
    echo "fuzz $t: ${n:-?} runs, no finding"
  else
    findings=$((findings + 1))
    input=$(ls "$OUT"/"$t"-* 2>/dev/null | head -n1 || true)
    echo "fuzz $t: FINDING (exit $status), input: ${input:-none saved}, log: $log"
    grep -m5 -E 'ERROR|runtime error|invariant failed|SUMMARY' "$log" || tail -n 20 "$log"
    if [ -n "$input" ]; then echo "  reproduce: build/fuzz/fuzz_$t $input"; fi
  fi
  rm -rf "$corpus"
done
echo "fuzz: ${#targets[@]} targets, $runs runs, $findings findings"
[ "$findings" = 0 ]
