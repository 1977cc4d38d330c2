-- Cheaper hot writes on PostgreSQL (issue 20, docs/benchmarks.md "Where PostgreSQL's time goes").
--
-- 1. gp_fold in PL/pgSQL. As a SQL function it is never inlined (unaccent(regdictionary, text) is
--    only STABLE), so every statement that maintains a trigram index (a registration, its approval,
--    an issued ticket, a check-in's non-HOT ticket update) parsed and planned its body anew:
--    pg_stat_statements listed it once per such write. PL/pgSQL plans it once per connection. Same
--    result for every input, same function (its OID, so the indexes and the queries that match them
--    are unchanged).
CREATE OR REPLACE FUNCTION gp_fold(text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ BEGIN RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1) COLLATE "und-x-icu"); END $$;

-- 2. Counts kept in one row per writing connection (shard = the backend's pid) instead of 16
--    shards: a backend runs one transaction at a time, so no two transactions wait for one counter
--    row (with pid % 16, 32 pool connections shared each row by two, and an approval waited on
--    average 10 ms for its partner's commit while holding its own locks). Rows of connections that
--    ended are folded into shard 0 by housekeeping (store/count_shards.hpp); a count is still the
--    SUM over shards.
CREATE OR REPLACE FUNCTION gp_count_registrations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO registration_counts AS c (event_id, status, shard, n)
    SELECT event_id, status, pg_backend_pid(), COUNT(*) FROM new_rows GROUP BY 1, 2
    ON CONFLICT (event_id, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO registration_counts AS c (event_id, status, shard, n)
    SELECT event_id, status, pg_backend_pid(), -COUNT(*) FROM old_rows GROUP BY 1, 2
    ON CONFLICT (event_id, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSE
    INSERT INTO registration_counts AS c (event_id, status, shard, n)
    SELECT event_id, status, pg_backend_pid(), SUM(d) FROM (
      SELECT event_id, status, 1 AS d FROM new_rows UNION ALL SELECT event_id, status, -1 FROM old_rows) x
    GROUP BY 1, 2 HAVING SUM(d) <> 0
    ON CONFLICT (event_id, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION gp_count_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO ticket_counts AS c (event_id, status, inside, shard, n)
    SELECT event_id, status, inside, pg_backend_pid(), COUNT(*) FROM new_rows GROUP BY 1, 2, 3
    ON CONFLICT (event_id, status, inside, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO ticket_counts AS c (event_id, status, inside, shard, n)
    SELECT event_id, status, inside, pg_backend_pid(), -COUNT(*) FROM old_rows GROUP BY 1, 2, 3
    ON CONFLICT (event_id, status, inside, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSE
    -- Most updates (a holder's name, a new code) change no count: HAVING drops them, so they
    -- take no counter row lock.
    INSERT INTO ticket_counts AS c (event_id, status, inside, shard, n)
    SELECT event_id, status, inside, pg_backend_pid(), SUM(d) FROM (
      SELECT event_id, status, inside, 1 AS d FROM new_rows
      UNION ALL SELECT event_id, status, inside, -1 FROM old_rows) x
    GROUP BY 1, 2, 3 HAVING SUM(d) <> 0
    ON CONFLICT (event_id, status, inside, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION gp_count_scans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO scan_counts AS c (event_id, gate, result, shard, n)
  SELECT event_id, COALESCE(gate, ''), result, pg_backend_pid(), COUNT(*) FROM new_rows
  WHERE event_id IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (event_id, gate, result, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;
