-- Holders stay signed in (docs/accounts.md, "Staying signed in"): refresh tokens join the account
-- tokens (same table, same rule: only the SHA-256 is stored). A refresh token belongs to a family
-- (one sign-in on one device) and carries the account's token_version; rotating it sets used_at,
-- and a rotated token presented again revokes the whole family. SQLite cannot change a CHECK or a
-- NOT NULL in place: the table is rebuilt (nothing references it).
CREATE TABLE account_tokens_new (
  token_hash    TEXT PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  purpose       TEXT NOT NULL CHECK (purpose IN ('verify_email','password_reset','refresh')),
  email         TEXT,     -- mailed tokens: the address it was sent to; NULL for refresh tokens
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  used_at       INTEGER,  -- mailed tokens: redeemed; refresh tokens: rotated (a successor exists)
  family        TEXT,     -- refresh tokens: the sign-in they descend from
  token_version INTEGER,  -- refresh tokens: users.token_version when issued (must still match)
  revoked_at    INTEGER,  -- refresh tokens: signed out, or the family was revoked
  CHECK ((purpose = 'refresh') = (family IS NOT NULL AND token_version IS NOT NULL)),
  CHECK (purpose = 'refresh' OR email IS NOT NULL)
);
INSERT INTO account_tokens_new (token_hash, user_id, purpose, email, created_at, expires_at, used_at)
  SELECT token_hash, user_id, purpose, email, created_at, expires_at, used_at FROM account_tokens;
DROP TABLE account_tokens;
ALTER TABLE account_tokens_new RENAME TO account_tokens;
CREATE INDEX account_tokens_user ON account_tokens(user_id, purpose, created_at);
CREATE INDEX account_tokens_family ON account_tokens(family) WHERE family IS NOT NULL;
