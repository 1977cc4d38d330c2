-- Registration intake (issue 21 item 9, docs/registration.md).

-- The event's own words on the form and the holder's ticket; where its tickets are offered; how
-- many registrations one email address may make (0: no limit).
ALTER TABLE events ADD COLUMN description TEXT;
ALTER TABLE events ADD COLUMN sales_channel TEXT NOT NULL DEFAULT 'both'
  CHECK (sales_channel IN ('registration', 'box_office', 'both'));
ALTER TABLE events ADD COLUMN registrations_per_email INTEGER NOT NULL DEFAULT 1 CHECK (registrations_per_email >= 0);
-- Events without approval already had their per-email rule (max_tickets_per_email; NULL: none):
-- they keep it, so nothing changes for them. Events with approval start refusing a second one.
UPDATE events SET registrations_per_email = COALESCE(max_tickets_per_email, 0) WHERE requires_approval = 0;

-- The address as compared (trimmed when stored, ASCII letters folded: SQLite's lower() folds
-- ASCII only, as the server does), and the earlier registration a duplicate was accepted beside.
ALTER TABLE registrations ADD COLUMN email_key TEXT;
ALTER TABLE registrations ADD COLUMN duplicate_of INTEGER REFERENCES registrations(id);
UPDATE registrations SET email_key = lower(email) WHERE email <> '';
CREATE INDEX registrations_email_key ON registrations(event_id, email_key, id);

-- Registrations per (event, address) that are not declined: one conditional upsert per
-- registration decides, so two racing registrations of one address cannot both pass the limit.
-- A decline gives the place back (the person may register again, e.g. with a better proof).
CREATE TABLE registration_emails (
  event_id      INTEGER NOT NULL REFERENCES events(id),
  email_key     TEXT NOT NULL,
  registrations INTEGER NOT NULL,
  PRIMARY KEY (event_id, email_key)
);
INSERT INTO registration_emails (event_id, email_key, registrations)
  SELECT event_id, email_key, COUNT(*) FROM registrations
  WHERE email_key IS NOT NULL AND status <> 'declined' GROUP BY event_id, email_key;
