-- Tickets issued by approving a registration have no ticket type (ticket_type_id NULL), yet every
-- one had an entry in tickets_type_status, written with the ticket and again with every change of
-- its status (a check-in's ticket update is never HOT: status is indexed). Nothing looks tickets up
-- by a NULL type: every query that uses the index names a type (`ticket_type_id = $1`, or a join on
-- it), which implies NOT NULL, so the partial index still serves them (the box office's pick of
-- unsold tickets, the per-type counts, the ticket list's type filter, the foreign-key check when a
-- ticket type is deleted). Same change as SQLite's migration 023 (issue 20).
DROP INDEX tickets_type_status;
CREATE INDEX tickets_type_status ON tickets(ticket_type_id, status) WHERE ticket_type_id IS NOT NULL;
