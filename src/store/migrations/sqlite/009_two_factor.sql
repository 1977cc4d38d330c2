-- Two-factor sign-in for staff (TOTP, RFC 6238; docs/accounts.md). The secrets are sealed with a key
-- derived from SECRET_KEY (libsodium secretbox, hex of nonce || box): a copy of the database alone
-- does not give anyone the codes.
ALTER TABLE users ADD COLUMN totp_secret TEXT;          -- on when totp_enabled_at is set
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT;  -- enrolled, not confirmed yet
-- The last TOTP time step accepted: a code is accepted only for a later step (one conditional
-- UPDATE), so a code seen once (shoulder, proxy log) cannot be used again.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
ALTER TABLE users ADD COLUMN totp_enabled_at INTEGER;

-- Recovery codes: only the SHA-256 is stored; used_at is set by one conditional write, so each
-- works once. A new confirmation replaces the set.
CREATE TABLE recovery_codes (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  code_hash  TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  used_at    INTEGER
);
CREATE UNIQUE INDEX recovery_codes_user_hash ON recovery_codes(user_id, code_hash);
