-- Every advice is kept with its request and response as JSON text (a few kilobytes: TOASTed). PostgreSQL's
-- default compression (pglz) cost a tenth of the database's CPU under an advice load; lz4 compresses
-- about as well at a fraction of the cost (PostgreSQL 14+, when built with lz4 — Debian's and the official
-- images are). A server without it keeps pglz: nothing else changes. New values only: rows written before
-- stay as they are.
DO $$
BEGIN
    ALTER TABLE advice_log
        ALTER COLUMN request_json SET COMPRESSION lz4,
        ALTER COLUMN response_json SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR syntax_error OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available: the advice log keeps pglz';
END
$$;
