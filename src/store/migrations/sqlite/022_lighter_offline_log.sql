-- The offline change log, cheaper on the hot paths (issue 20). Measured with
-- `WHAT_IF_SQL=... bench/instructions.sh` (callgrind, instructions on the writer thread):
--
-- 1. The insert trigger's WHEN had an IN list of three values, which SQLite compiles into an
--    ephemeral index built anew on every execution (see 021): every approval paid about 30,000
--    instructions for a test that is false for a valid ticket. The same test as a chain of
--    comparisons (same result for every value, NULL included) costs almost nothing.
-- 2. `seq` was AUTOINCREMENT, so every logged change also read and rewrote its row in
--    sqlite_sequence: about 11,000 instructions per check-in. AUTOINCREMENT only differs from a
--    plain INTEGER PRIMARY KEY once the newest row has been deleted (a plain one may then hand out
--    that number again). No row of this log is ever deleted, so a new row's seq is always one past
--    the newest and a device's cursor can never be passed by an older number. Whoever adds a
--    pruning of this log must keep its newest row. The change is to the stored CREATE TABLE text
--    only (the b-tree is the same: a rowid table), SQLite's documented way of changing a table in
--    place, as 021 did for the CHECKs.
DROP TRIGGER offline_changes_insert;
CREATE TRIGGER offline_changes_insert AFTER INSERT ON tickets
WHEN NEW.status = 'created' OR NEW.status = 'refunded' OR NEW.status = 'void' OR NEW.code_id > 1
BEGIN
  INSERT INTO offline_changes (event_id, ticket_id) VALUES (NEW.event_id, NEW.id);
END;

PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'seq       INTEGER PRIMARY KEY AUTOINCREMENT,  -- the cursor (SQLite commits one writer at a time)',
                          'seq       INTEGER PRIMARY KEY,  -- the cursor: rows are never deleted, so a new one is always past the newest')
 WHERE type = 'table' AND name = 'offline_changes';
PRAGMA writable_schema = RESET;
DELETE FROM sqlite_sequence WHERE name = 'offline_changes';
-- Any DDL moves the schema cookie: every other open connection re-reads the schema too.
CREATE TABLE schema_reload_022 (x INTEGER);
DROP TABLE schema_reload_022;
