-- Issue 20 (as SQLite 027): every queued mail (a registration's receipt, an approval's ticket) wrote an entry into
-- outbox_recipient (kind, lower(to_email), created_at), at a place its address decides: a page of
-- its own in each batch of approvals. Only two kinds are ever counted per address (one transfer
-- offer per recipient an hour; one "account exists" notice an hour): each gets a partial index,
-- and the other mails none. store/outbox_repo.cpp names the kind as a literal so the index applies.
DROP INDEX outbox_recipient;
CREATE INDEX outbox_transfer_offered_to ON outbox(lower(to_email), created_at) WHERE kind = 'transfer_offered';
CREATE INDEX outbox_account_exists_to ON outbox(lower(to_email), created_at) WHERE kind = 'account_exists';
