-- The visitor's language (issue 24, docs/languages.md).

-- The event's language when a visitor's is not offered, and the organiser's texts per language:
-- JSON objects {"<locale>": "<text>"} ('{}': none given; name/description/mail_text hold the
-- default locale's text).
ALTER TABLE events ADD COLUMN default_locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE events ADD COLUMN name_i18n TEXT NOT NULL DEFAULT '{}';
ALTER TABLE events ADD COLUMN description_i18n TEXT NOT NULL DEFAULT '{}';
ALTER TABLE events ADD COLUMN mail_text_i18n TEXT NOT NULL DEFAULT '{}';
ALTER TABLE ticket_types ADD COLUMN name_i18n TEXT NOT NULL DEFAULT '{}';

-- The language each person used: every mail to them is in it. Registrations always have one
-- (older rows were English); a sale or an account without one uses the event's default.
ALTER TABLE registrations ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE sales ADD COLUMN locale TEXT;
ALTER TABLE users ADD COLUMN locale TEXT;
