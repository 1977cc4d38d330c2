-- Hardening (issue 6): sessions end on credential changes, tickets can be voided, idempotent
-- replays are bound to the gate's event, and events without approval limit tickets per email.

-- Bumped on password change, role change, deactivation and "log out everywhere"; a token that
-- carries an older version is refused.
ALTER TABLE users ADD COLUMN token_version BIGINT NOT NULL DEFAULT 0;

ALTER TABLE tickets ADD COLUMN voided_at BIGINT;
ALTER TABLE tickets ADD COLUMN voided_by BIGINT REFERENCES users(id);
ALTER TABLE tickets ADD COLUMN void_reason TEXT;

-- The gate's event the key was first used with (NULL: no ?event_id=).
ALTER TABLE idempotency_keys ADD COLUMN event_id BIGINT;

-- NULL: any number of tickets per email address.
ALTER TABLE events ADD COLUMN max_tickets_per_email BIGINT DEFAULT 1;

-- Tickets issued per (event, normalised email) for events without approval: one conditional
-- upsert per registration, so two racing registrations cannot both take the last allowance.
CREATE TABLE email_allowances (
  event_id  BIGINT NOT NULL REFERENCES events(id),
  email_key TEXT NOT NULL,
  tickets   BIGINT NOT NULL,
  PRIMARY KEY (event_id, email_key)
);
