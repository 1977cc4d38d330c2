#!/usr/bin/env bash
# bench/run.sh's phase hook for bench/pg-statements.sh: "start NAME" resets pg_stat_statements and
# notes the CPU ticks so far; "end NAME RESULT-JSON" prints the workload's CPU shares and its
# costliest statements per request. Needs DATABASE_URL (bench/run.sh) and PG_STATEMENTS_DIR.
set -euo pipefail
phase=$1  # $2: the workload's name (printed by bench/run.sh just above)
sql() { psql "$DATABASE_URL" -qAt "$@"; }
ticks() {  # CPU ticks of the gatepass servers and of PostgreSQL's processes so far
  local g=0 p=0 pid
  for pid in $(pgrep -f 'gatepass serve' || true); do g=$((g + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  for pid in $(pgrep -x postgres || true); do p=$((p + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$g $p $(date +%s%N)"
}
if [ "$phase" = start ]; then
  sql -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
  ticks > "$PG_STATEMENTS_DIR/ticks"
  exit 0
fi
read -r g0 p0 t0 < "$PG_STATEMENTS_DIR/ticks"
read -r g1 p1 t1 < <(ticks)
ok=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["ok"])' "$3")
hz=$(getconf CLK_TCK)
awk -v g=$((g1 - g0)) -v p=$((p1 - p0)) -v t=$(((t1 - t0) / 1000000)) -v hz="$hz" -v n="$(nproc)" 'BEGIN {
  printf "  cpu: PostgreSQL %.0f %%, gatepass %.0f %% of %d cores (ended connections not counted)\n", 100 * p / hz / (t / 1000) / n, 100 * g / hz / (t / 1000) / n, n }'
[ "$ok" -gt 0 ] || exit 0
printf '  %8s %10s %9s  %s\n' "per req" "exec ms/req" "mean us" "statement (nested: in a trigger, check or function)"
sql -F $'\t' -c "SELECT calls, total_exec_time, mean_exec_time, toplevel, regexp_replace(query, '\s+', ' ', 'g')
                 FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT ${TOP:-12}" |
  awk -F'\t' -v ok="$ok" '{ printf "  %8.2f %10.3f %9.0f  %s%s\n", $1 / ok, $2 / ok, $3 * 1000, ($4 == "t" ? "" : "(nested) "), substr($5, 1, 110) }'
exit 0
