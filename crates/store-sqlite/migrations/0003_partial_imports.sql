-- Partial imports: a file damaged after valid data is imported up to the damage.
--
-- Never edit this file once committed: add a new migration instead. Portable like 0001 (plain types; one
-- column per ALTER TABLE, which both SQLite and PostgreSQL accept).

-- Where the file was damaged and what was wrong (`byte 7471: …`); NULL for a file read whole.
ALTER TABLE imports ADD COLUMN partial TEXT;
-- The activity came from a damaged file: the same session from a whole file replaces it (samples,
-- distance, times) instead of being merged away as a duplicate.
ALTER TABLE activities ADD COLUMN partial BOOLEAN NOT NULL DEFAULT FALSE;
