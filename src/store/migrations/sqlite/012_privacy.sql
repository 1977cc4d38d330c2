-- A person's data (docs/privacy.md): per-event retention of personal data, and holders' requests
-- to be erased, which an admin confirms.

-- NULL: kept until erased by hand. Otherwise housekeeping erases the personal data of the event's
-- registrations, tickets and scans this many days after the event ends, and records when.
ALTER TABLE events ADD COLUMN personal_data_retention_days INTEGER;
ALTER TABLE events ADD COLUMN personal_data_erased_at INTEGER;

-- A holder's request from /my. It names the account only (no address of its own to erase), and
-- one request per account is open at a time (the index decides, not a read-then-insert).
CREATE TABLE privacy_requests (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  status       TEXT NOT NULL CHECK (status IN ('pending','done')),
  requested_at INTEGER NOT NULL,
  decided_at   INTEGER,
  decided_by   INTEGER REFERENCES users(id)
);
CREATE UNIQUE INDEX privacy_requests_one_pending ON privacy_requests(user_id) WHERE status = 'pending';
CREATE INDEX privacy_requests_status ON privacy_requests(status, id);
