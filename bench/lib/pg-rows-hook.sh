#!/usr/bin/env bash
# bench/run.sh's phase hook for bench/pg-rows.sh: "start NAME" notes pg_stat_user_tables' counters,
# "end NAME RESULT-JSON" prints what the workload wrote per successful request. Needs DATABASE_URL
# (bench/run.sh) and PG_ROWS_DIR.
set -euo pipefail
snapshot() {
  psql "$DATABASE_URL" -qAt -F ' ' -c "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del,
      (SELECT COUNT(*) FROM pg_index i WHERE i.indrelid = s.relid) FROM pg_stat_user_tables s ORDER BY relname"
}
sleep 11  # the statistics of the requests before this point reach pg_stat_user_tables
if [ "$1" = start ]; then snapshot > "$PG_ROWS_DIR/before"; exit 0; fi
ok=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["ok"])' "$3")
[ "$ok" -gt 0 ] || exit 0
snapshot > "$PG_ROWS_DIR/after"
join "$PG_ROWS_DIR/before" "$PG_ROWS_DIR/after" | awk -v ok="$ok" '{
  ins = ($7 - $2) / ok; upd = ($8 - $3) / ok; hot = ($9 - $4) / ok; del = ($10 - $5) / ok
  if (ins + upd + del < 0.01) next
  entries = (ins + upd - hot) * $11; total += entries; rows += ins + upd + del
  printf "  %-22s insert %5.2f  update %5.2f (HOT %5.2f)  delete %5.2f  indexes %2d  index entries %6.2f\n", $1, ins, upd, hot, del, $11, entries }
  END { printf "  %-22s rows written %5.2f, index entries %6.2f per request\n", "total", rows, total }'
