-- Accounts, for a log shared by several people: users (an athlete owns one athlete's log, a coach owns
-- none), their tokens (API tokens and dashboard sessions, kept as hashes only), the invitations an
-- athlete gives a coach (hashed codes, used once) and the grants they become.

CREATE TABLE users (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT NOT NULL,
    name_key        TEXT NOT NULL UNIQUE,           -- lower-case name: names are unique ignoring case
    role            TEXT NOT NULL CHECK (role IN ('athlete', 'coach')),
    athlete_id      BIGINT UNIQUE REFERENCES athletes (id) ON DELETE CASCADE,
    password_hash   TEXT,
    created_at_ms   BIGINT NOT NULL,
    CHECK ((role = 'athlete') = (athlete_id IS NOT NULL))
);

CREATE TABLE tokens (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('api', 'session')),
    label           TEXT NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,
    created_at_ms   BIGINT NOT NULL,
    expires_at_ms   BIGINT
);
CREATE INDEX tokens_by_user ON tokens (user_id);

CREATE TABLE invitations (
    code_hash       TEXT PRIMARY KEY,
    athlete_id      BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    created_at_ms   BIGINT NOT NULL,
    expires_at_ms   BIGINT NOT NULL
);

CREATE TABLE grants (
    coach_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    athlete_id      BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    granted_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (coach_id, athlete_id)
);
CREATE INDEX grants_by_athlete ON grants (athlete_id);
