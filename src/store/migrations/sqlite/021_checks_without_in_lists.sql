-- The hot tables' CHECK constraints without IN lists (issue 20). SQLite compiles `x IN ('a','b','c')`
-- (more than two values) into an ephemeral index that every statement execution builds anew: a
-- new b-tree, a zeroed page and one insert per value, before the row is checked. callgrind put it
-- at two b-trees per check-in (the ticket's status, the scan's type) and more per approval. The
-- same test as a chain of comparisons is evaluated in place, with the same result for every value,
-- NULL included (NULL IN (...) and NULL = 'a' OR ... are both NULL, which a CHECK lets through).
--
-- SQLite cannot alter a CHECK; its documented way to change one without rebuilding the table (here:
-- a million tickets) is to edit the stored CREATE TABLE text (https://sqlite.org/lang_altertable.html,
-- "the following simpler procedure"). Each replacement is of the exact text the earlier migrations
-- wrote; a table whose text differs is left as it is (and keeps working, only slower).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (status IN (''pending'',''approved'',''declined''))', 'CHECK (status = ''pending'' OR status = ''approved'' OR status = ''declined'')')
  WHERE type = 'table' AND name = 'registrations';
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (status IN (''created'',''valid'',''used'',''refunded'',''void''))', 'CHECK (status = ''created'' OR status = ''valid'' OR status = ''used'' OR status = ''refunded'' OR status = ''void'')')
  WHERE type = 'table' AND name = 'tickets';
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (status IN (''queued'',''sending'',''sent'',''failed''))', 'CHECK (status = ''queued'' OR status = ''sending'' OR status = ''sent'' OR status = ''failed'')')
  WHERE type = 'table' AND name = 'outbox';
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (type IN (''entry'',''exit'',''attendance'',''entry_check'',''sale_confirmation'',''undo''))', 'CHECK (type = ''entry'' OR type = ''exit'' OR type = ''attendance'' OR type = ''entry_check'' OR type = ''sale_confirmation'' OR type = ''undo'')')
  WHERE type = 'table' AND name = 'scans';
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (outcome IN (''admitted'',''conflict'',''invalid'',''exited''))', 'CHECK (outcome = ''admitted'' OR outcome = ''conflict'' OR outcome = ''invalid'' OR outcome = ''exited'')')
  WHERE type = 'table' AND name = 'offline_scans';
-- Schema writing off, and this connection reads the schema again (it is the writer's).
PRAGMA writable_schema = RESET;
-- Any DDL moves the schema cookie: every other open connection re-reads the schema too.
CREATE TABLE schema_reload_021 (x INTEGER);
DROP TABLE schema_reload_021;
