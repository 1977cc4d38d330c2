-- Ticket delivery (issue 10): a durable outbox written with the change that causes each message,
-- links that show a ticket without an account, and the organiser's text for the mails.

CREATE TABLE outbox (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL,      -- template name: ticket_issued, registration_declined, …
  to_email           TEXT NOT NULL,
  to_name            TEXT,
  event_id           INTEGER,
  ticket_id          INTEGER,
  vars               TEXT NOT NULL DEFAULT '{}',  -- what the template needs, fixed at queue time
  status             TEXT NOT NULL CHECK (status IN ('queued','sending','sent','failed')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at    INTEGER NOT NULL,
  attempt_started_at INTEGER,              -- recorded (committed) before the SMTP conversation
  last_error         TEXT,
  created_at         INTEGER NOT NULL,
  sent_at            INTEGER
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

-- A holder's link to their ticket page: only the SHA-256 of the token is stored. A link shows the
-- ticket while it is not revoked and the ticket still has the code it was made for.
CREATE TABLE ticket_links (
  token_hash TEXT PRIMARY KEY,
  ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
  code_id    INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX ticket_links_ticket ON ticket_links(ticket_id);

ALTER TABLE events ADD COLUMN mail_text TEXT;
