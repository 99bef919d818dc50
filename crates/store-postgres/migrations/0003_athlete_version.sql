-- A change counter per athlete, moved by every writing transaction of that athlete (in the transaction,
-- so it is visible exactly when the change is): a process reads it to know, at once and from the
-- database itself, whether a log it has cached changed — without waiting for the NOTIFY to arrive.
ALTER TABLE athletes ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
