#!/usr/bin/env bash
# Fuzzes the parsers that see raw input (multipart, JSON bodies, QR payloads, serials, request
# targets) with libFuzzer under ASan + UBSan. Usage: scripts/fuzz.sh [seconds per target]
# (default 10; CI runs the default, run `scripts/fuzz.sh 600` or more before a release).
# Exits non-zero on any crash, leak, sanitizer report or broken invariant, naming the target and
# the input that did it. The committed corpus (tests/fuzz/corpus) is only read, never grown.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-10}
scripts/install-deps.sh --fuzz
export CCACHE_BASEDIR=$PWD
cmake -S tests/fuzz -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build/fuzz -j "${JOBS:-2}" >/dev/null
OUT=build/fuzz/findings
rm -rf "$OUT" && mkdir -p "$OUT"
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1
targets=(multipart json_request ticket_token serial request_target)
findings=0
runs=0
for t in "${targets[@]}"; do
  corpus=$(mktemp -d)
  cp tests/fuzz/corpus/"$t"/* "$corpus"/
  log="$OUT/$t.log"
  if build/fuzz/fuzz_"$t" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$OUT/$t-" "$corpus" >"$log" 2>&1; then
    n=$(grep -m1 '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    runs=$((runs + ${n:-0}))
    echo "fuzz $t: ${n:-?} runs, no finding"
  else
    findings=$((findings + 1))
    echo "fuzz $t: FINDING (log $log); input: $(ls "$OUT"/"$t"-* 2>/dev/null | head -n1)"
    grep -m5 -E 'ERROR|runtime error|invariant failed|SUMMARY' "$log" || tail -n 20 "$log"
  fi
  rm -rf "$corpus"
done
echo "fuzz: ${#targets[@]} targets, $runs runs, $findings findings"
[ "$findings" = 0 ]
