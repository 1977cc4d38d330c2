-- Search and counts at a million rows (issue 8, item 7).
--
-- Name/email/team search: an FTS5 index kept by triggers; unicode61 with remove_diacritics 2
-- folds case and accents beyond ASCII (Zoë = zoe, Łukasz = lukasz).
CREATE VIRTUAL TABLE registrations_fts USING fts5(
  name, email, team_name, content = 'registrations', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO registrations_fts (registrations_fts) VALUES ('rebuild');
CREATE TRIGGER registrations_fts_insert AFTER INSERT ON registrations BEGIN
  INSERT INTO registrations_fts (rowid, name, email, team_name) VALUES (NEW.id, NEW.name, NEW.email, NEW.team_name);
END;
CREATE TRIGGER registrations_fts_delete AFTER DELETE ON registrations BEGIN
  INSERT INTO registrations_fts (registrations_fts, rowid, name, email, team_name)
    VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.team_name);
END;
CREATE TRIGGER registrations_fts_update AFTER UPDATE OF name, email, team_name ON registrations BEGIN
  INSERT INTO registrations_fts (registrations_fts, rowid, name, email, team_name)
    VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.team_name);
  INSERT INTO registrations_fts (rowid, name, email, team_name) VALUES (NEW.id, NEW.name, NEW.email, NEW.team_name);
END;

-- Counts kept as the rows change, so the dashboard and the live stream read a few small rows
-- instead of counting a million. `shard` spreads PostgreSQL's concurrent writers over several
-- rows; SQLite has one writer and uses shard 0. A count is the SUM over shards.
CREATE TABLE registration_counts (
  event_id INTEGER NOT NULL, status TEXT NOT NULL, shard INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (event_id, status, shard));
INSERT INTO registration_counts SELECT event_id, status, 0, COUNT(*) FROM registrations GROUP BY event_id, status;
CREATE TRIGGER registration_counts_insert AFTER INSERT ON registrations BEGIN
  INSERT INTO registration_counts VALUES (NEW.event_id, NEW.status, 0, 1)
    ON CONFLICT (event_id, status, shard) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER registration_counts_delete AFTER DELETE ON registrations BEGIN
  UPDATE registration_counts SET n = n - 1 WHERE event_id = OLD.event_id AND status = OLD.status AND shard = 0;
END;
CREATE TRIGGER registration_counts_update AFTER UPDATE OF status ON registrations WHEN OLD.status <> NEW.status BEGIN
  UPDATE registration_counts SET n = n - 1 WHERE event_id = OLD.event_id AND status = OLD.status AND shard = 0;
  INSERT INTO registration_counts VALUES (NEW.event_id, NEW.status, 0, 1)
    ON CONFLICT (event_id, status, shard) DO UPDATE SET n = n + 1;
END;

CREATE TABLE ticket_counts (
  event_id INTEGER NOT NULL, status TEXT NOT NULL, inside INTEGER NOT NULL, shard INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (event_id, status, inside, shard));
INSERT INTO ticket_counts SELECT event_id, status, inside, 0, COUNT(*) FROM tickets GROUP BY event_id, status, inside;
CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO ticket_counts VALUES (NEW.event_id, NEW.status, NEW.inside, 0, 1)
    ON CONFLICT (event_id, status, inside, shard) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets BEGIN
  UPDATE ticket_counts SET n = n - 1
    WHERE event_id = OLD.event_id AND status = OLD.status AND inside = OLD.inside AND shard = 0;
END;
CREATE TRIGGER ticket_counts_update AFTER UPDATE OF status, inside ON tickets
  WHEN OLD.status <> NEW.status OR OLD.inside <> NEW.inside BEGIN
  UPDATE ticket_counts SET n = n - 1
    WHERE event_id = OLD.event_id AND status = OLD.status AND inside = OLD.inside AND shard = 0;
  INSERT INTO ticket_counts VALUES (NEW.event_id, NEW.status, NEW.inside, 0, 1)
    ON CONFLICT (event_id, status, inside, shard) DO UPDATE SET n = n + 1;
END;

-- Scans by gate and result (entries, exits, refusals by reason), for the live counts and report.
CREATE TABLE scan_counts (
  event_id INTEGER NOT NULL, gate TEXT NOT NULL, result TEXT NOT NULL, shard INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (event_id, gate, result, shard));
INSERT INTO scan_counts SELECT event_id, COALESCE(gate, ''), result, 0, COUNT(*) FROM scans
  WHERE event_id IS NOT NULL GROUP BY event_id, COALESCE(gate, ''), result;
CREATE TRIGGER scan_counts_insert AFTER INSERT ON scans WHEN NEW.event_id IS NOT NULL BEGIN
  INSERT INTO scan_counts VALUES (NEW.event_id, COALESCE(NEW.gate, ''), NEW.result, 0, 1)
    ON CONFLICT (event_id, gate, result, shard) DO UPDATE SET n = n + 1;
END;

-- An event's registrations newest first (the admin list), without sorting the event's rows:
-- with only (event_id, status, id) a million-row event was sorted for every page (0.5 s).
CREATE INDEX registrations_event_id ON registrations(event_id, id);
