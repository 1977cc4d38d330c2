-- Gate devices (issue 19, docs/devices.md): enrolled scanners with their own revocable tokens,
-- assigned to events; scanner users assigned to events too; admissions in the offline pack.
CREATE TABLE devices (
  id                  INTEGER PRIMARY KEY,
  device_id           TEXT NOT NULL UNIQUE,   -- server-made name its scans carry (dev-XXXXXXXX)
  name                TEXT NOT NULL,
  gate                TEXT,                   -- set: the device scans only at this gate
  token_hash          TEXT UNIQUE,            -- SHA-256 of the device token; NULL until enrolled / when revoked
  pairing_hash        TEXT UNIQUE,            -- SHA-256 of the one-time pairing code, until used
  pairing_expires_at  INTEGER,
  created_by          INTEGER REFERENCES users(id),
  created_at          INTEGER NOT NULL,
  enrolled_at         INTEGER,
  revoked_at          INTEGER,
  last_seen_at        INTEGER,
  app_version         TEXT,
  pack_generated_at   INTEGER,
  queued_at_last_sync INTEGER,
  clock_skew_ms       INTEGER,
  last_sync_at        INTEGER,
  sync_floor          INTEGER   -- scans of its next upload are not dated before this (its last complete sync)
);
CREATE TABLE device_events (
  device_ref INTEGER NOT NULL REFERENCES devices(id),
  event_id   INTEGER NOT NULL REFERENCES events(id),
  PRIMARY KEY (device_ref, event_id)
);
CREATE TABLE user_events (
  user_id  INTEGER NOT NULL REFERENCES users(id),
  event_id INTEGER NOT NULL REFERENCES events(id),
  PRIMARY KEY (user_id, event_id)
);
-- Running gates keep working after the upgrade: today's scanners may scan today's events.
INSERT INTO user_events (user_id, event_id) SELECT u.id, e.id FROM users u, events e WHERE u.role = 'scanner';

-- The offline pack carries admissions now: an admission, an exit and an undo are changes too.
DROP TRIGGER offline_changes_update;
CREATE TRIGGER offline_changes_update AFTER UPDATE OF status, code_id, inside ON tickets
WHEN NEW.code_id <> OLD.code_id OR NEW.status <> OLD.status OR NEW.inside <> OLD.inside
BEGIN
  INSERT INTO offline_changes (event_id, ticket_id) VALUES (NEW.event_id, NEW.id);
END;

-- Offline exits (re-entry events) are uploaded too: outcome 'exited'. SQLite cannot change a
-- CHECK in place: the table is rebuilt.
CREATE TABLE offline_scans_new (
  id                INTEGER PRIMARY KEY,
  nonce             TEXT NOT NULL UNIQUE,
  device_id         TEXT NOT NULL,
  event_id          INTEGER,
  ticket_id         INTEGER REFERENCES tickets(id),
  scan_id           INTEGER,
  code              TEXT,
  gate              TEXT,
  user_id           INTEGER,
  username          TEXT NOT NULL,
  device_scanned_at INTEGER NOT NULL,
  scanned_at        INTEGER NOT NULL,
  received_at       INTEGER NOT NULL,
  skew_ms           INTEGER,
  outcome           TEXT NOT NULL CHECK (outcome IN ('admitted','conflict','invalid','exited')),
  reason            TEXT,
  server_scan_id    INTEGER,
  server_at         INTEGER
);
INSERT INTO offline_scans_new SELECT id, nonce, device_id, event_id, ticket_id, scan_id, code, gate, user_id, username,
  device_scanned_at, scanned_at, received_at, skew_ms, outcome, reason, server_scan_id, server_at FROM offline_scans;
DROP TABLE offline_scans;
ALTER TABLE offline_scans_new RENAME TO offline_scans;
CREATE INDEX offline_scans_conflicts ON offline_scans(event_id, outcome, id);
CREATE INDEX offline_scans_device ON offline_scans(event_id, device_id, id);
