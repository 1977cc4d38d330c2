-- Holder accounts and ownership (issue 18, docs/accounts.md): separate username namespaces for
-- holders and staff, verified holder emails, one-time account tokens, the purchaser kept apart from
-- the holder, refund cut-off, and the indexes the offer limits read.
ALTER TABLE users DROP CONSTRAINT users_username_key;
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;  -- NULL: never verified
CREATE UNIQUE INDEX users_staff_name ON users(username) WHERE role <> 'attendee';
CREATE UNIQUE INDEX users_holder_name ON users(username) WHERE role = 'attendee';
DROP INDEX users_attendee_email;
CREATE UNIQUE INDEX users_attendee_email ON users(lower(email)) WHERE role = 'attendee' AND email_verified_at IS NOT NULL;
CREATE INDEX users_email ON users(lower(email));

CREATE TABLE account_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users(id),
  purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email','password_reset')),
  email      TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX account_tokens_user ON account_tokens(user_id, purpose, created_at);

ALTER TABLE tickets ADD COLUMN purchaser_name TEXT;
ALTER TABLE tickets ADD COLUMN purchaser_email TEXT;
ALTER TABLE tickets ADD COLUMN claimed_at BIGINT;
UPDATE tickets t SET
  purchaser_name = COALESCE(r.name, s.buyer_name, t.holder_name),
  purchaser_email = COALESCE(r.email, s.buyer_email, t.holder_email)
FROM tickets t2
  LEFT JOIN registrations r ON r.id = t2.registration_id
  LEFT JOIN sales s ON s.id = t2.sale_id
WHERE t2.id = t.id;
CREATE INDEX tickets_purchaser_unheld ON tickets(lower(purchaser_email)) WHERE holder_user_id IS NULL;

ALTER TABLE events ADD COLUMN refunds_until BIGINT;

CREATE INDEX outbox_recipient ON outbox(kind, lower(to_email), created_at);
CREATE INDEX transfers_ticket_created ON transfers(ticket_id, created_at);
CREATE INDEX transfers_from_created ON transfers(from_user_id, created_at);
