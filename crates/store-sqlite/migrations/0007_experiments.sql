-- Personal experiments (n-of-1 trials, issue 15): what the athlete declared at the start — the comparison,
-- the seed of the randomised order and the whole protocol as JSON (kept as given, like the advice log) —,
-- the schedule's first and last days (to find the open experiment: at most one is neither stopped nor
-- ended), and the day it was stopped. Ids are numbered per athlete, from 1; experiments are never deleted
-- (removing an athlete removes theirs).

CREATE TABLE experiments (
    athlete_id          BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id                  BIGINT NOT NULL,
    created_at_ms       BIGINT NOT NULL,
    comparison          TEXT NOT NULL,
    seed                BIGINT NOT NULL,                -- the u64 seed's bits
    protocol_json       TEXT NOT NULL,
    starts_on           TEXT NOT NULL,                  -- YYYY-MM-DD, the athlete's local dates
    ends_on             TEXT NOT NULL,
    stopped_on          TEXT,
    PRIMARY KEY (athlete_id, id)
);
