-- Tickets issued by approving a registration have no ticket type (ticket_type_id NULL), yet every
-- one had an entry in tickets_type_status, and every change of its status (each check-in) moved
-- that entry: about 11,000 writer instructions per check-in and 5,000 per approval on SQLite
-- (`WHAT_IF_SQL=... bench/instructions.sh`, issue 20). Nothing looks tickets up by a NULL type:
-- every query that uses the index names a type (`ticket_type_id = ?`, or a join on it), which
-- implies NOT NULL, so the partial index still serves them (the box office's pick of unsold tickets,
-- the per-type counts, the ticket list's type filter, a ticket type's foreign-key check).
DROP INDEX tickets_type_status;
CREATE INDEX tickets_type_status ON tickets(ticket_type_id, status) WHERE ticket_type_id IS NOT NULL;
