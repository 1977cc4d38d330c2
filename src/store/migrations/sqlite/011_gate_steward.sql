-- The steward's screen (issue 19, docs/devices.md §5): an admission can be undone (a scan row of
-- type `undo`, result `undone`), a device's last scans are read by (event, device), and an event
-- may allow name search at the gate (`gate_lookup`: none | name).
--
-- SQLite cannot change a CHECK constraint in place: scans is rebuilt (the migration runs with
-- foreign keys off), with its indexes and the count trigger of migration 006.
CREATE TABLE scans_new (
  id         INTEGER PRIMARY KEY,
  event_id   INTEGER,            -- the ticket's event, or the gate's when the code named no ticket
  ticket_id  INTEGER REFERENCES tickets(id),
  code       TEXT,               -- only when no ticket was found: the raw code, escaped, bounded
  type       TEXT NOT NULL CHECK (type IN ('entry','exit','attendance','entry_check','sale_confirmation','undo')),
  result     TEXT NOT NULL,
  gate       TEXT,
  device_id  TEXT,
  user_id    INTEGER,
  username   TEXT NOT NULL,
  scanned_at INTEGER NOT NULL,
  note       TEXT
);
INSERT INTO scans_new (id, event_id, ticket_id, code, type, result, gate, device_id, user_id, username, scanned_at, note)
  SELECT id, event_id, ticket_id, code, type, result, gate, device_id, user_id, username, scanned_at, note FROM scans;
DROP TABLE scans;
ALTER TABLE scans_new RENAME TO scans;
CREATE INDEX scans_event ON scans(event_id, id);
CREATE INDEX scans_ticket ON scans(ticket_id, id);
-- A device's last scans at an event (the steward's screen).
CREATE INDEX scans_device ON scans(event_id, device_id, id);
CREATE TRIGGER scan_counts_insert AFTER INSERT ON scans WHEN NEW.event_id IS NOT NULL BEGIN
  INSERT INTO scan_counts VALUES (NEW.event_id, COALESCE(NEW.gate, ''), NEW.result, 0, 1)
    ON CONFLICT (event_id, gate, result, shard) DO UPDATE SET n = n + 1;
END;

ALTER TABLE events ADD COLUMN gate_lookup TEXT NOT NULL DEFAULT 'none' CHECK (gate_lookup IN ('none','name'));
