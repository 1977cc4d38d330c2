-- The audit rows the sealer has still to link are found by id on SQLite (issue 20): its one writer
-- gives a row committed later a higher id than every row committed before it, and the sealer links
-- rows in id order, so the unsealed rows are exactly those past the chain head's row
-- (store/audit_chain_repo.hpp). The partial index that found them cost an entry on every audit
-- row's insert and its removal at the seal: two index writes per audit row on the writer thread,
-- which every approval (two audit rows) and check-in (one) queues for. PostgreSQL keeps it: there,
-- transactions commit out of id order.
DROP INDEX audit_logs_unsealed;
