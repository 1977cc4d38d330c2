-- Box office (issue 7): ticket types, generated and sold tickets, holder accounts (role
-- attendee), refunds, transfers, per-ticket history and background jobs.
-- SQLite cannot change a CHECK or NOT NULL in place: users and tickets are rebuilt (the
-- migration runs with foreign keys off and checks them before committing).

CREATE TABLE users_new (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin','scanner','viewer','attendee')),
  email         TEXT,
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  token_version INTEGER NOT NULL DEFAULT 0,
  display_name  TEXT
);
INSERT INTO users_new (id, username, password_hash, role, email, active, created_at, updated_at, token_version)
  SELECT id, username, password_hash, role, email, active, created_at, updated_at, token_version FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

CREATE TABLE tickets_new (
  id              INTEGER PRIMARY KEY,
  event_id        INTEGER NOT NULL REFERENCES events(id),
  registration_id INTEGER UNIQUE REFERENCES registrations(id),  -- NULL for generated tickets
  number          INTEGER NOT NULL,  -- per-event sequence, signed into the QR
  serial          TEXT NOT NULL UNIQUE,
  qr_payload      TEXT NOT NULL,     -- unique by construction: it signs (event, number)
  key_id          INTEGER NOT NULL REFERENCES event_keys(id),
  status          TEXT NOT NULL DEFAULT 'valid'
                  CHECK (status IN ('created','valid','used','refunded','void')),
  issued_at       INTEGER NOT NULL,
  issued_by       INTEGER REFERENCES users(id),
  used_at         INTEGER,
  used_by         INTEGER REFERENCES users(id),
  voided_at       INTEGER,
  voided_by       INTEGER REFERENCES users(id),
  void_reason     TEXT,
  ticket_type_id  INTEGER REFERENCES ticket_types(id),
  batch_id        INTEGER,
  code_id         INTEGER NOT NULL DEFAULT 1,
  holder_name     TEXT,
  holder_email    TEXT,
  holder_user_id  INTEGER REFERENCES users(id),
  sale_id         INTEGER,
  price           TEXT
);
INSERT INTO tickets_new (id, event_id, registration_id, number, serial, qr_payload, key_id, status, issued_at,
                         issued_by, used_at, used_by, voided_at, voided_by, void_reason, holder_name, holder_email)
  SELECT t.id, t.event_id, t.registration_id, t.number, t.serial, t.qr_payload, t.key_id, t.status, t.issued_at,
         t.issued_by, t.used_at, t.used_by, t.voided_at, t.voided_by, t.void_reason, r.name, r.email
  FROM tickets t JOIN registrations r ON r.id = t.registration_id;
DROP TABLE tickets;
ALTER TABLE tickets_new RENAME TO tickets;
CREATE UNIQUE INDEX tickets_event_number ON tickets(event_id, number);
CREATE INDEX tickets_event_status ON tickets(event_id, status);

ALTER TABLE events ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';

-- Ticket types of an event: a name, a price in the event's currency and an optional quota.
-- `generated` and `sold` are counters moved by the same conditional writes that create and sell
-- tickets, so a quota holds under concurrency.
CREATE TABLE ticket_types (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES events(id),
  name        TEXT NOT NULL,
  price       TEXT NOT NULL,  -- decimal text: money is never a float
  quota       INTEGER,           -- NULL: bounded only by the event's capacity
  generated   INTEGER NOT NULL DEFAULT 0,
  sold        INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (event_id, name)
);

-- Background work with progress (bulk generation, bulk decisions). The instance that created a
-- job runs it; heartbeat_at tells a dead instance's job from a running one.
CREATE TABLE jobs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('queued','running','done','failed')),
  total        INTEGER NOT NULL,
  done         INTEGER NOT NULL DEFAULT 0,
  params       TEXT NOT NULL DEFAULT '{}',
  result       TEXT NOT NULL DEFAULT '{}',
  error        TEXT,
  event_id     INTEGER,
  created_by   INTEGER REFERENCES users(id),
  created_at   INTEGER NOT NULL,
  started_at   INTEGER,
  finished_at  INTEGER,
  heartbeat_at INTEGER
);
CREATE INDEX jobs_status ON jobs(status, id);

-- One generation run: its tickets carry its id, for the CSV export and the printable sheet.
CREATE TABLE ticket_batches (
  id             INTEGER PRIMARY KEY,
  event_id       INTEGER NOT NULL REFERENCES events(id),
  ticket_type_id INTEGER NOT NULL REFERENCES ticket_types(id),
  job_id         INTEGER REFERENCES jobs(id),
  count          INTEGER NOT NULL,
  first_number   INTEGER NOT NULL,
  created_by     INTEGER REFERENCES users(id),
  created_at     INTEGER NOT NULL
);

CREATE TABLE sales (
  id             INTEGER PRIMARY KEY,
  event_id       INTEGER NOT NULL REFERENCES events(id),
  ticket_type_id INTEGER REFERENCES ticket_types(id),
  buyer_name     TEXT NOT NULL,
  buyer_email    TEXT NOT NULL,
  quantity       INTEGER NOT NULL,
  unit_price     TEXT NOT NULL,
  total          TEXT NOT NULL,
  currency       TEXT NOT NULL,
  holder_user_id INTEGER REFERENCES users(id),
  seller_id      INTEGER REFERENCES users(id),
  sold_at        INTEGER NOT NULL
);
CREATE INDEX sales_event ON sales(event_id, id);

-- Every change of a ticket, in order: what, who, when, from/to holder, old/new code.
CREATE TABLE ticket_events (
  id          INTEGER PRIMARY KEY,
  ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
  event_id    INTEGER NOT NULL,
  action      TEXT NOT NULL,
  actor_id    INTEGER,
  actor       TEXT NOT NULL,
  at          INTEGER NOT NULL,
  from_holder TEXT,
  to_holder   TEXT,
  old_code_id INTEGER,
  new_code_id INTEGER,
  details     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, id);

-- Codes replaced by a transfer: the gate answers `superseded`, offline scanners get the list.
CREATE TABLE revoked_codes (
  ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
  code_id    INTEGER NOT NULL,
  event_id   INTEGER NOT NULL,
  payload    TEXT NOT NULL,
  reason     TEXT NOT NULL,
  revoked_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, code_id)
);
CREATE INDEX revoked_codes_event ON revoked_codes(event_id, revoked_at);

CREATE TABLE refunds (
  id              INTEGER PRIMARY KEY,
  ticket_id       INTEGER NOT NULL REFERENCES tickets(id),
  event_id        INTEGER NOT NULL,
  sale_id         INTEGER REFERENCES sales(id),
  status          TEXT NOT NULL CHECK (status IN ('pending','approved','rejected','completed','cancelled')),
  reason          TEXT NOT NULL,
  amount          TEXT,
  requested_by    INTEGER NOT NULL REFERENCES users(id),
  requested_at    INTEGER NOT NULL,
  decided_by      INTEGER REFERENCES users(id),
  decided_at      INTEGER,
  notes           TEXT,
  completed_at    INTEGER,
  refunded_amount TEXT
);
-- One open request per ticket, decided by the index rather than a read-then-insert.
CREATE UNIQUE INDEX refunds_one_pending ON refunds(ticket_id) WHERE status = 'pending';
CREATE INDEX refunds_status ON refunds(status, id);
CREATE INDEX refunds_requester ON refunds(requested_by, id);

CREATE TABLE transfers (
  id           INTEGER PRIMARY KEY,
  ticket_id    INTEGER NOT NULL REFERENCES tickets(id),
  event_id     INTEGER NOT NULL,
  from_user_id INTEGER NOT NULL REFERENCES users(id),
  to_user_id   INTEGER REFERENCES users(id),
  to_email     TEXT,  -- lower-cased; matched to an attendee account with that email
  status       TEXT NOT NULL CHECK (status IN ('pending','accepted','rejected','cancelled')),
  notes        TEXT,
  created_at   INTEGER NOT NULL,
  decided_at   INTEGER,
  old_code_id  INTEGER,
  new_code_id  INTEGER
);
CREATE UNIQUE INDEX transfers_one_pending ON transfers(ticket_id) WHERE status = 'pending';
CREATE INDEX transfers_to_user ON transfers(to_user_id, status);
CREATE INDEX transfers_to_email ON transfers(to_email, status);
CREATE INDEX transfers_from_user ON transfers(from_user_id, id);
CREATE INDEX transfers_status ON transfers(status, id);

CREATE INDEX tickets_type_status ON tickets(ticket_type_id, status);
CREATE INDEX tickets_holder_user ON tickets(holder_user_id);
CREATE UNIQUE INDEX users_attendee_email ON users(lower(email)) WHERE role = 'attendee';
