-- The folded search text of registrations and tickets in tables of their own (issue 20).
--
-- An approval changes the registration's status and a check-in the ticket's status and `inside`;
-- both columns are indexed, so neither update is HOT and PostgreSQL writes an entry for the new
-- row version into every index of the table: into the trigram indexes too (migrations 006 and
-- 019), folding the unchanged name and address again and adding their forty-odd trigrams. Here the
-- text lives beside the row, written by triggers only when a row is inserted or its text changes
-- (an erasure, a ticket's new holder or buyer), so approvals and check-ins no longer touch a
-- trigram index. The text is stored folded (gp_fold once per write, not per index entry); searches
-- match `folded` against gp_fold(pattern) as before (store/text_search.cpp). A deleted
-- registration or ticket takes its text with it (a trigger, not a foreign key: the key's check
-- would cost every registration and issued ticket a look-up and a row lock).

CREATE TABLE registration_search (
  registration_id BIGINT PRIMARY KEY,
  folded          TEXT NOT NULL);

CREATE FUNCTION registration_search_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO registration_search (registration_id, folded)
      VALUES (NEW.id, gp_fold(NEW.name || ' ' || NEW.email || ' ' || COALESCE(NEW.team_name, '')));
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM registration_search WHERE registration_id = OLD.id;
  ELSE
    UPDATE registration_search SET folded = gp_fold(NEW.name || ' ' || NEW.email || ' ' || COALESCE(NEW.team_name, ''))
      WHERE registration_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER registration_search_insert AFTER INSERT ON registrations
  FOR EACH ROW EXECUTE FUNCTION registration_search_write();
CREATE TRIGGER registration_search_update AFTER UPDATE OF name, email, team_name ON registrations
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email
                     OR OLD.team_name IS DISTINCT FROM NEW.team_name)
  EXECUTE FUNCTION registration_search_write();
CREATE TRIGGER registration_search_delete AFTER DELETE ON registrations
  FOR EACH ROW EXECUTE FUNCTION registration_search_write();

INSERT INTO registration_search (registration_id, folded)
  SELECT id, gp_fold(name || ' ' || email || ' ' || COALESCE(team_name, '')) FROM registrations;
DROP INDEX registrations_search;
CREATE INDEX registration_search_folded ON registration_search USING gin (folded gin_trgm_ops);

-- Tickets: only those with a holder's or buyer's name or address (generated tickets nobody has
-- bought carry none, as in the partial index this replaces).
CREATE TABLE ticket_search (
  ticket_id BIGINT PRIMARY KEY,
  folded    TEXT NOT NULL);

CREATE FUNCTION ticket_search_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM ticket_search WHERE ticket_id = OLD.id;
    IF TG_OP = 'DELETE' THEN RETURN NULL; END IF;
  END IF;
  IF COALESCE(NEW.holder_name, NEW.holder_email, NEW.purchaser_name, NEW.purchaser_email) IS NOT NULL THEN
    INSERT INTO ticket_search (ticket_id, folded)
      VALUES (NEW.id, gp_fold(COALESCE(NEW.holder_name, '') || ' ' || COALESCE(NEW.holder_email, '') || ' ' ||
                              COALESCE(NEW.purchaser_name, '') || ' ' || COALESCE(NEW.purchaser_email, '')));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER ticket_search_insert AFTER INSERT ON tickets
  FOR EACH ROW WHEN (COALESCE(NEW.holder_name, NEW.holder_email, NEW.purchaser_name, NEW.purchaser_email) IS NOT NULL)
  EXECUTE FUNCTION ticket_search_write();
CREATE TRIGGER ticket_search_update AFTER UPDATE OF holder_name, holder_email, purchaser_name, purchaser_email ON tickets
  FOR EACH ROW WHEN (OLD.holder_name IS DISTINCT FROM NEW.holder_name OR OLD.holder_email IS DISTINCT FROM NEW.holder_email
                     OR OLD.purchaser_name IS DISTINCT FROM NEW.purchaser_name
                     OR OLD.purchaser_email IS DISTINCT FROM NEW.purchaser_email)
  EXECUTE FUNCTION ticket_search_write();
CREATE TRIGGER ticket_search_delete AFTER DELETE ON tickets
  FOR EACH ROW EXECUTE FUNCTION ticket_search_write();

INSERT INTO ticket_search (ticket_id, folded)
  SELECT id, gp_fold(COALESCE(holder_name, '') || ' ' || COALESCE(holder_email, '') || ' ' ||
                     COALESCE(purchaser_name, '') || ' ' || COALESCE(purchaser_email, ''))
  FROM tickets WHERE COALESCE(holder_name, holder_email, purchaser_name, purchaser_email) IS NOT NULL;
DROP INDEX tickets_search;
CREATE INDEX ticket_search_folded ON ticket_search USING gin (folded gin_trgm_ops);
