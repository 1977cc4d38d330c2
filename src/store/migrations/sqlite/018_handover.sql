-- The box office hands a sale's tickets over from the Sales screen: the tickets of one sale are
-- listed by sale (GET /api/events/{id}/tickets?sale_id=), which without this index reads every
-- ticket of the event.
CREATE INDEX tickets_sale ON tickets(sale_id);
-- Fresh ticket links on demand (POST /api/tickets/{serial}/links) are counted per ticket and hour.
CREATE INDEX ticket_links_ticket_created ON ticket_links(ticket_id, created_at);
