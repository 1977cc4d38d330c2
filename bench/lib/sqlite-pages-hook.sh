#!/usr/bin/env bash
# bench/run.sh's phase hook for bench/sqlite-pages.sh: "start NAME" notes the server's bytes
# written and, WAL_AFTER seconds later, copies its write-ahead log; "end NAME RESULT-JSON" maps
# the copy's pages to b-trees (dbstat) and prints them. Needs SQLITE_PAGES_DIR.
set -euo pipefail
case "$2" in register | approve | mark-used) ;; *) exit 0 ;; esac
D=$SQLITE_PAGES_DIR
PID=$(pgrep -f "serve --port ${PORT:-18090}" | head -1)
DB="$(tr '\0' '\n' </proc/"$PID"/environ | sed -n 's/^GATEPASS_DATA_DIR=//p')/gatepass.db"
written() { awk '/^wchar/ {print $2}' /proc/"$PID"/io; }
if [ "$1" = start ]; then
  written >"$D/written.$2"
  (sleep "${WAL_AFTER:-3}"; cp "$DB-wal" "$D/wal.$2") &
  exit 0
fi
ok=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["ok"])' "$3")
[ "$ok" -gt 0 ] || exit 0
echo "  bytes written per request: $(( ($(written) - $(cat "$D/written.$2")) / ok ))"
sqlite3 "$DB" "SELECT name, pageno FROM dbstat" >"$D/pages.$2"
python3 "$(dirname "$0")/../tools/wal_pages.py" "$D/wal.$2" "$D/pages.$2"
