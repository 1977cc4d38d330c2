-- Search and counts at a million rows (issue 8, item 7).
--
-- Name/email/team search: a trigram index (pg_trgm) over case- and accent-folded text
-- (unaccent), so a substring of three or more characters is found through the index.
-- Both extensions are "trusted": a database owner may create them without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
-- unaccent() is only STABLE (its dictionary could change); naming the dictionary makes the
-- wrapper safe to declare IMMUTABLE, which an index expression needs.
CREATE FUNCTION gp_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1) COLLATE "und-x-icu") $$;
CREATE INDEX registrations_search ON registrations
  USING gin (gp_fold(name || ' ' || email || ' ' || COALESCE(team_name, '')) gin_trgm_ops);

-- Counts kept as the rows change (see the SQLite migration). Statement triggers with transition
-- tables add one grouped upsert per statement (a bulk insert of 5,000 tickets is one), into the
-- shard of the writing backend so concurrent check-ins do not queue on one counter row.
CREATE TABLE registration_counts (
  event_id BIGINT NOT NULL, status TEXT NOT NULL, shard BIGINT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (event_id, status, shard));
INSERT INTO registration_counts SELECT event_id, status, 0, COUNT(*) FROM registrations GROUP BY event_id, status;

CREATE TABLE ticket_counts (
  event_id BIGINT NOT NULL, status TEXT NOT NULL, inside BIGINT NOT NULL, shard BIGINT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (event_id, status, inside, shard));
INSERT INTO ticket_counts SELECT event_id, status, inside, 0, COUNT(*) FROM tickets GROUP BY event_id, status, inside;

CREATE TABLE scan_counts (
  event_id BIGINT NOT NULL, gate TEXT NOT NULL, result TEXT NOT NULL, shard BIGINT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (event_id, gate, result, shard));
INSERT INTO scan_counts SELECT event_id, COALESCE(gate, ''), result, 0, COUNT(*) FROM scans
  WHERE event_id IS NOT NULL GROUP BY event_id, COALESCE(gate, ''), result;

-- plpgsql plans a statement when it first runs it, so each branch names only the transition
-- tables its trigger has (an INSERT trigger has no old_rows).
CREATE FUNCTION gp_count_registrations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO registration_counts AS c (event_id, status, shard, n)
    SELECT event_id, status, pg_backend_pid() % 16, COUNT(*) FROM new_rows GROUP BY 1, 2
    ON CONFLICT (event_id, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO registration_counts AS c (event_id, status, shard, n)
    SELECT event_id, status, pg_backend_pid() % 16, -COUNT(*) FROM old_rows GROUP BY 1, 2
    ON CONFLICT (event_id, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSE
    INSERT INTO registration_counts AS c (event_id, status, shard, n)
    SELECT event_id, status, pg_backend_pid() % 16, SUM(d) FROM (
      SELECT event_id, status, 1 AS d FROM new_rows UNION ALL SELECT event_id, status, -1 FROM old_rows) x
    GROUP BY 1, 2 HAVING SUM(d) <> 0
    ON CONFLICT (event_id, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER registration_counts_insert AFTER INSERT ON registrations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION gp_count_registrations();
CREATE TRIGGER registration_counts_delete AFTER DELETE ON registrations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION gp_count_registrations();
CREATE TRIGGER registration_counts_update AFTER UPDATE ON registrations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gp_count_registrations();

CREATE FUNCTION gp_count_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO ticket_counts AS c (event_id, status, inside, shard, n)
    SELECT event_id, status, inside, pg_backend_pid() % 16, COUNT(*) FROM new_rows GROUP BY 1, 2, 3
    ON CONFLICT (event_id, status, inside, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO ticket_counts AS c (event_id, status, inside, shard, n)
    SELECT event_id, status, inside, pg_backend_pid() % 16, -COUNT(*) FROM old_rows GROUP BY 1, 2, 3
    ON CONFLICT (event_id, status, inside, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSE
    -- Most updates (a holder's name, a new code) change no count: HAVING drops them, so they
    -- take no counter row lock.
    INSERT INTO ticket_counts AS c (event_id, status, inside, shard, n)
    SELECT event_id, status, inside, pg_backend_pid() % 16, SUM(d) FROM (
      SELECT event_id, status, inside, 1 AS d FROM new_rows
      UNION ALL SELECT event_id, status, inside, -1 FROM old_rows) x
    GROUP BY 1, 2, 3 HAVING SUM(d) <> 0
    ON CONFLICT (event_id, status, inside, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION gp_count_tickets();
CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION gp_count_tickets();
CREATE TRIGGER ticket_counts_update AFTER UPDATE ON tickets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gp_count_tickets();

CREATE FUNCTION gp_count_scans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO scan_counts AS c (event_id, gate, result, shard, n)
  SELECT event_id, COALESCE(gate, ''), result, pg_backend_pid() % 16, COUNT(*) FROM new_rows
  WHERE event_id IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (event_id, gate, result, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;
CREATE TRIGGER scan_counts_insert AFTER INSERT ON scans REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION gp_count_scans();

-- An event's registrations newest first (the admin list), without sorting the event's rows:
-- with only (event_id, status, id) a million-row event was sorted for every page (0.5 s).
CREATE INDEX registrations_event_id ON registrations(event_id, id);
