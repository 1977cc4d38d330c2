-- Holder accounts and ownership (issue 18, docs/accounts.md).
-- Holder and staff usernames become separate namespaces, and a holder's email counts only once it
-- is verified. SQLite cannot drop the column's UNIQUE in place: users is rebuilt (the migration runs
-- with foreign keys off and checks them before committing).
CREATE TABLE users_new (
  id                INTEGER PRIMARY KEY,
  username          TEXT NOT NULL,
  password_hash     TEXT NOT NULL,
  role              TEXT NOT NULL CHECK (role IN ('admin','scanner','viewer','attendee')),
  email             TEXT,
  active            INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  token_version     INTEGER NOT NULL DEFAULT 0,
  display_name      TEXT,
  email_verified_at INTEGER  -- NULL: never verified (every account made before this migration too)
);
INSERT INTO users_new (id, username, password_hash, role, email, active, created_at, updated_at, token_version, display_name)
  SELECT id, username, password_hash, role, email, active, created_at, updated_at, token_version, display_name FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE UNIQUE INDEX users_staff_name ON users(username) WHERE role <> 'attendee';
CREATE UNIQUE INDEX users_holder_name ON users(username) WHERE role = 'attendee';
-- Several unverified sign-ups may give one address; only one account can have it verified.
CREATE UNIQUE INDEX users_attendee_email ON users(lower(email)) WHERE role = 'attendee' AND email_verified_at IS NOT NULL;
CREATE INDEX users_email ON users(lower(email));

-- One-time tokens mailed to an account (email verification, password reset): only the SHA-256 is
-- stored; `used_at` is set by one conditional write, so a token works once.
CREATE TABLE account_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email','password_reset')),
  email      TEXT NOT NULL,  -- the address it was sent to: verification verifies exactly this one
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);
CREATE INDEX account_tokens_user ON account_tokens(user_id, purpose, created_at);

-- The purchaser (registrant or buyer) is kept apart from the holder: a claim or transfer changes the
-- holder only. claimed_at starts the cooling-off before a claimed ticket may be transferred.
ALTER TABLE tickets ADD COLUMN purchaser_name TEXT;
ALTER TABLE tickets ADD COLUMN purchaser_email TEXT;
ALTER TABLE tickets ADD COLUMN claimed_at INTEGER;
UPDATE tickets SET
  purchaser_name = COALESCE((SELECT r.name FROM registrations r WHERE r.id = tickets.registration_id),
                            (SELECT s.buyer_name FROM sales s WHERE s.id = tickets.sale_id), holder_name),
  purchaser_email = COALESCE((SELECT r.email FROM registrations r WHERE r.id = tickets.registration_id),
                             (SELECT s.buyer_email FROM sales s WHERE s.id = tickets.sale_id), holder_email);
-- "My tickets" of a verified account: the unheld tickets bought with its address.
CREATE INDEX tickets_purchaser_unheld ON tickets(lower(purchaser_email)) WHERE holder_user_id IS NULL;

ALTER TABLE events ADD COLUMN refunds_until INTEGER;

-- One transfer-offer mail per recipient address per hour; offers per ticket and per sender per day.
CREATE INDEX outbox_recipient ON outbox(kind, lower(to_email), created_at);
CREATE INDEX transfers_ticket_created ON transfers(ticket_id, created_at);
CREATE INDEX transfers_from_created ON transfers(from_user_id, created_at);
