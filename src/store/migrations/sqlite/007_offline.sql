-- Offline gates (issue 9, docs/offline-gates.md).
--
-- What an offline device must refuse changes rarely (a sale, a void, a refund, a transfer's new
-- code): those changes are logged here by triggers, so a device's pack delta lists exactly the
-- tickets changed since its cursor. Admissions (valid -> used, exits) are not logged: the pack
-- does not carry them, and the check-in hot path pays only the trigger's WHEN test.
CREATE TABLE offline_changes (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,  -- the cursor (SQLite commits one writer at a time)
  event_id  INTEGER NOT NULL,
  ticket_id INTEGER NOT NULL
);
CREATE INDEX offline_changes_event ON offline_changes(event_id, seq);

CREATE TRIGGER offline_changes_insert AFTER INSERT ON tickets
WHEN NEW.status IN ('created','refunded','void') OR NEW.code_id > 1
BEGIN
  INSERT INTO offline_changes (event_id, ticket_id) VALUES (NEW.event_id, NEW.id);
END;

CREATE TRIGGER offline_changes_update AFTER UPDATE OF status, code_id ON tickets
WHEN NEW.code_id <> OLD.code_id
  OR (NEW.status <> OLD.status AND NOT (OLD.status IN ('valid','used') AND NEW.status IN ('valid','used')))
BEGIN
  INSERT INTO offline_changes (event_id, ticket_id) VALUES (NEW.event_id, NEW.id);
END;

-- Every scan a device uploaded after admitting offline: idempotency by nonce, the outcome the
-- server gave it, and for conflicts what the server had decided (the admission it kept, or when
-- the ticket was refunded / voided).
CREATE TABLE offline_scans (
  id                INTEGER PRIMARY KEY,
  nonce             TEXT NOT NULL UNIQUE,
  device_id         TEXT NOT NULL,
  event_id          INTEGER,
  ticket_id         INTEGER REFERENCES tickets(id),
  scan_id           INTEGER,           -- this scan's row in scans
  code              TEXT,              -- only when the code named no ticket: escaped, bounded
  gate              TEXT,
  user_id           INTEGER,
  username          TEXT NOT NULL,
  device_scanned_at INTEGER NOT NULL,  -- the device's clock
  scanned_at        INTEGER NOT NULL,  -- corrected by the batch's skew estimate
  received_at       INTEGER NOT NULL,
  skew_ms           INTEGER,           -- server time - device time at upload; NULL if not sent
  outcome           TEXT NOT NULL CHECK (outcome IN ('admitted','conflict','invalid')),
  reason            TEXT,
  server_scan_id    INTEGER,           -- double admission: the admission the server kept
  server_at         INTEGER            -- refunded / void / not sold: when the ticket last changed
);
CREATE INDEX offline_scans_conflicts ON offline_scans(event_id, outcome, id);
CREATE INDEX offline_scans_device ON offline_scans(event_id, device_id, id);
