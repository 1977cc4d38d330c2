-- A tamper-evident audit log (docs/security.md, "The audit chain"). Rows are still written as
-- before, by whichever transaction causes them; a sealer links them after they commit, into
-- one global order: chain_seq is the row's position, details_digest the SHA-256 of its details
-- when sealed, chain_hash = SHA-256(previous hash, row) (domain/audit_chain.hpp). Rows written
-- before this migration are unsealed: the first seal links them in id order after the genesis
-- (position 0, hash of 32 zero bytes), so an upgraded database verifies.
ALTER TABLE audit_logs ADD COLUMN chain_seq INTEGER;
ALTER TABLE audit_logs ADD COLUMN details_digest TEXT;
ALTER TABLE audit_logs ADD COLUMN chain_hash TEXT;
-- One row per position: even a sealer that skipped the head lock could not fork the chain.
CREATE UNIQUE INDEX audit_logs_chain_seq ON audit_logs(chain_seq) WHERE chain_seq IS NOT NULL;
-- What the sealer picks up: only rows written since its last pass are in it.
CREATE INDEX audit_logs_unsealed ON audit_logs(id) WHERE chain_seq IS NULL;

-- The chain's end, and its lock: the one row a sealer locks before extending the chain.
CREATE TABLE audit_chain_head (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  seq       INTEGER NOT NULL,
  hash      TEXT NOT NULL,
  audit_id  INTEGER,
  sealed_at INTEGER NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash, audit_id, sealed_at)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', NULL, 0);
