-- Ticket search by holder and buyer (issue 20), folded like registrations' (migration 006): a
-- trigram index over the ticket's names and addresses. Partial: generated tickets nobody has
-- bought carry no text and cost the index nothing. (SQLite's 019 also moves its full-text
-- indexing out of the writing transaction; PostgreSQL's GIN indexes batch their own inserts.)
CREATE INDEX tickets_search ON tickets USING gin (
  gp_fold(COALESCE(holder_name, '') || ' ' || COALESCE(holder_email, '') || ' ' ||
          COALESCE(purchaser_name, '') || ' ' || COALESCE(purchaser_email, '')) gin_trgm_ops)
  WHERE COALESCE(holder_name, holder_email, purchaser_name, purchaser_email) IS NOT NULL;
