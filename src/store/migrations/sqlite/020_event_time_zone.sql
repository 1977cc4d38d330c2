-- The event's time zone (issue 24, docs/languages.md): an IANA name its times are shown in (mails,
-- the ticket PDF, the web app). Events made before it were shown in UTC, and stay so.
ALTER TABLE events ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
