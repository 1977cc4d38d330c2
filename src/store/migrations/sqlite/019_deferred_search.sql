-- Search indexes brought up to date after the write, not inside it (issue 20; store/search_index.hpp).
-- An FTS5 insert in a small transaction costs several times the row it indexes; rows are now
-- indexed in id order by the background indexer and by a search before it reads. Rows up to
-- `indexed_to` are in their index, and the triggers below keep exactly those current.
CREATE TABLE search_index_progress (name TEXT PRIMARY KEY, indexed_to INTEGER NOT NULL);
INSERT INTO search_index_progress VALUES ('registrations', (SELECT COALESCE(MAX(id), 0) FROM registrations));

DROP TRIGGER registrations_fts_insert;
DROP TRIGGER registrations_fts_delete;
DROP TRIGGER registrations_fts_update;
-- A rowid SQLite hands out again (the newest row deleted) is at or below indexed_to: indexed now.
CREATE TRIGGER registrations_fts_insert_reused AFTER INSERT ON registrations
  WHEN NEW.id <= (SELECT indexed_to FROM search_index_progress WHERE name = 'registrations') BEGIN
  INSERT INTO registrations_fts (rowid, name, email, team_name) VALUES (NEW.id, NEW.name, NEW.email, NEW.team_name);
END;
CREATE TRIGGER registrations_fts_delete AFTER DELETE ON registrations
  WHEN OLD.id <= (SELECT indexed_to FROM search_index_progress WHERE name = 'registrations') BEGIN
  INSERT INTO registrations_fts (registrations_fts, rowid, name, email, team_name)
    VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.team_name);
END;
CREATE TRIGGER registrations_fts_update AFTER UPDATE OF name, email, team_name ON registrations
  WHEN OLD.id <= (SELECT indexed_to FROM search_index_progress WHERE name = 'registrations') BEGIN
  INSERT INTO registrations_fts (registrations_fts, rowid, name, email, team_name)
    VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.team_name);
  INSERT INTO registrations_fts (rowid, name, email, team_name) VALUES (NEW.id, NEW.name, NEW.email, NEW.team_name);
END;

-- Tickets by holder and buyer, folded like registrations (Zoë = zoe). Generated tickets nobody
-- has bought carry no text and are not in the index (a sale's update puts them in). No column
-- sizes: nothing ranks the matches.
CREATE VIRTUAL TABLE tickets_fts USING fts5(
  holder_name, holder_email, purchaser_name, purchaser_email, content = 'tickets', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', columnsize = 0);
INSERT INTO tickets_fts (rowid, holder_name, holder_email, purchaser_name, purchaser_email)
  SELECT id, holder_name, holder_email, purchaser_name, purchaser_email FROM tickets
  WHERE COALESCE(holder_name, holder_email, purchaser_name, purchaser_email) IS NOT NULL;
INSERT INTO search_index_progress VALUES ('tickets', (SELECT COALESCE(MAX(id), 0) FROM tickets));

CREATE TRIGGER tickets_fts_insert_reused AFTER INSERT ON tickets
  WHEN NEW.id <= (SELECT indexed_to FROM search_index_progress WHERE name = 'tickets')
   AND COALESCE(NEW.holder_name, NEW.holder_email, NEW.purchaser_name, NEW.purchaser_email) IS NOT NULL BEGIN
  INSERT INTO tickets_fts (rowid, holder_name, holder_email, purchaser_name, purchaser_email)
    VALUES (NEW.id, NEW.holder_name, NEW.holder_email, NEW.purchaser_name, NEW.purchaser_email);
END;
CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets
  WHEN OLD.id <= (SELECT indexed_to FROM search_index_progress WHERE name = 'tickets')
   AND COALESCE(OLD.holder_name, OLD.holder_email, OLD.purchaser_name, OLD.purchaser_email) IS NOT NULL BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, holder_name, holder_email, purchaser_name, purchaser_email)
    VALUES ('delete', OLD.id, OLD.holder_name, OLD.holder_email, OLD.purchaser_name, OLD.purchaser_email);
END;
-- Both halves are conditional: a ticket with no text before (or after) is not (or no longer) in it.
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF holder_name, holder_email, purchaser_name, purchaser_email ON tickets
  WHEN OLD.id <= (SELECT indexed_to FROM search_index_progress WHERE name = 'tickets') BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, holder_name, holder_email, purchaser_name, purchaser_email)
    SELECT 'delete', OLD.id, OLD.holder_name, OLD.holder_email, OLD.purchaser_name, OLD.purchaser_email
    WHERE COALESCE(OLD.holder_name, OLD.holder_email, OLD.purchaser_name, OLD.purchaser_email) IS NOT NULL;
  INSERT INTO tickets_fts (rowid, holder_name, holder_email, purchaser_name, purchaser_email)
    SELECT NEW.id, NEW.holder_name, NEW.holder_email, NEW.purchaser_name, NEW.purchaser_email
    WHERE COALESCE(NEW.holder_name, NEW.holder_email, NEW.purchaser_name, NEW.purchaser_email) IS NOT NULL;
END;
