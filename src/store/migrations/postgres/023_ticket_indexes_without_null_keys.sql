-- Two more of the tickets' indexes without the rows they can never find (issue 20; see 022): a
-- ticket issued by approving a registration has no holder account yet and no sale, and each such
-- approval wrote a NULL entry into both indexes. Every query on them names a value
-- (`holder_user_id = $1`, `sale_id = $1`, the foreign-key check when a user is deleted), which
-- implies NOT NULL, so the partial indexes serve them as before. Same change as SQLite's 024.
DROP INDEX tickets_holder_user;
CREATE INDEX tickets_holder_user ON tickets(holder_user_id) WHERE holder_user_id IS NOT NULL;
DROP INDEX tickets_sale;
CREATE INDEX tickets_sale ON tickets(sale_id) WHERE sale_id IS NOT NULL;
