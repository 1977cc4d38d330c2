-- Holders stay signed in (docs/accounts.md, "Staying signed in"): refresh tokens join the account
-- tokens (only the SHA-256 is stored). A refresh token belongs to a family (one sign-in on one
-- device) and carries the account's token_version; rotating it sets used_at, and a rotated token
-- presented again revokes the whole family.
ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check
  CHECK (purpose IN ('verify_email','password_reset','refresh'));
ALTER TABLE account_tokens ALTER COLUMN email DROP NOT NULL;  -- NULL for refresh tokens
ALTER TABLE account_tokens ADD COLUMN family TEXT;
ALTER TABLE account_tokens ADD COLUMN token_version BIGINT;
ALTER TABLE account_tokens ADD COLUMN revoked_at BIGINT;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_refresh_fields
  CHECK ((purpose = 'refresh') = (family IS NOT NULL AND token_version IS NOT NULL));
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_mailed_email CHECK (purpose = 'refresh' OR email IS NOT NULL);
CREATE INDEX account_tokens_family ON account_tokens(family) WHERE family IS NOT NULL;
