-- Two indexes that every write paid for and no query reads (issue 20):
-- - registrations_email (email): no statement looks registrations up by their exact email (the
--   one-per-address check reads registrations_email_key, search the full-text index, the privacy
--   look-up compares lower(email), which this index cannot serve). Each registration wrote an entry.
-- - ticket_links_ticket (ticket_id): ticket_links_ticket_created (ticket_id, created_at) begins
--   with the same column and serves every query it served (a ticket's links, their revocation, the
--   foreign-key check). Each approval's mailed link wrote an entry into both.
DROP INDEX registrations_email;
DROP INDEX ticket_links_ticket;
