-- Gate operations (issue 8): every scan is a row; tickets know whether their holder is inside, so
-- events with re-entry can admit again after an exit and the inside count is exact.

ALTER TABLE events ADD COLUMN reentry INTEGER NOT NULL DEFAULT 0;

ALTER TABLE tickets ADD COLUMN inside INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN inside_gate TEXT;   -- the gate of the entry, while inside
-- Before this migration an admitted holder was never seen leaving.
UPDATE tickets SET inside = 1 WHERE status = 'used';
CREATE INDEX tickets_inside ON tickets(event_id, inside_gate) WHERE inside = 1;

CREATE TABLE scans (
  id         INTEGER PRIMARY KEY,
  event_id   INTEGER,            -- the ticket's event, or the gate's when the code named no ticket
  ticket_id  INTEGER REFERENCES tickets(id),
  code       TEXT,               -- only when no ticket was found: the raw code, escaped, bounded
  type       TEXT NOT NULL CHECK (type IN ('entry','exit','attendance','entry_check','sale_confirmation')),
  result     TEXT NOT NULL,
  gate       TEXT,
  device_id  TEXT,
  user_id    INTEGER,
  username   TEXT NOT NULL,
  scanned_at INTEGER NOT NULL,
  note       TEXT
);
CREATE INDEX scans_event ON scans(event_id, id);
CREATE INDEX scans_ticket ON scans(ticket_id, id);
