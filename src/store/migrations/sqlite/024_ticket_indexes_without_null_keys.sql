-- Two more of the tickets' indexes without the rows they can never find (issue 20; see 023): a
-- ticket issued by approving a registration has no holder account yet and no sale, and each such
-- approval wrote a NULL entry into both indexes (about 11,000 writer instructions per approval,
-- `WHAT_IF_SQL=... bench/instructions.sh`). Every query on them names a value (`holder_user_id = ?`,
-- `sale_id = ?`), which implies NOT NULL, so the partial indexes serve them as before.
DROP INDEX tickets_holder_user;
CREATE INDEX tickets_holder_user ON tickets(holder_user_id) WHERE holder_user_id IS NOT NULL;
DROP INDEX tickets_sale;
CREATE INDEX tickets_sale ON tickets(sale_id) WHERE sale_id IS NOT NULL;
