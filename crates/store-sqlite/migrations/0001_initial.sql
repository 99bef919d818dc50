-- The afterlift training log, initial schema (SQLite).
--
-- Never edit this file once committed: add a new migration instead (sqlx checks the checksum).
-- Portable by design, for the PostgreSQL backend's own copy: plain types only (BIGINT, DOUBLE PRECISION,
-- TEXT, BOOLEAN; BLOB becomes BYTEA and `INTEGER PRIMARY KEY [AUTOINCREMENT]` an identity column there). Instants are Unix
-- milliseconds (UTC) in BIGINT columns named *_at_ms: sortable, and plain arithmetic for overlap queries.

-- The athlete: at most one row, id = 1.
CREATE TABLE profile (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    age_years           DOUBLE PRECISION NOT NULL,
    sex                 TEXT NOT NULL,              -- male | female
    weight_kg           DOUBLE PRECISION NOT NULL,
    resting_hr_bpm      DOUBLE PRECISION,
    max_hr_bpm          DOUBLE PRECISION,
    goal                TEXT NOT NULL,              -- strength | hypertrophy | endurance | general | fat_loss
    concurrent_weeks    BIGINT,
    injury_prone        BOOLEAN NOT NULL,
    time_zone           TEXT,                       -- IANA name, e.g. Europe/Berlin
    usual_hrv_rmssd_ms  DOUBLE PRECISION,
    updated_at_ms       BIGINT NOT NULL
);

-- Cardio activities: the summary. Samples live in activity_samples so that browsing never reads them.
CREATE TABLE activities (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT, -- public ids (a<N>) are never reused
    sport               TEXT NOT NULL,              -- run | cycle | swim | row | walk | hike | elliptical | other
    started_at_ms       BIGINT NOT NULL,
    ended_at_ms         BIGINT NOT NULL,            -- started_at + elapsed: for duplicate (overlap) queries
    utc_offset_s        BIGINT,                     -- the device's local offset at the start
    timer_s             DOUBLE PRECISION NOT NULL,
    elapsed_s           DOUBLE PRECISION NOT NULL,
    distance_m          DOUBLE PRECISION,
    avg_hr_bpm          DOUBLE PRECISION,
    max_hr_bpm          DOUBLE PRECISION,
    calories_kcal       DOUBLE PRECISION,
    rpe                 DOUBLE PRECISION,
    source              TEXT NOT NULL,
    sample_count        BIGINT NOT NULL,
    -- Seconds in HR zones 1–5 and the maximum heart rate they were computed with; NULL = not computed
    -- (no samples with heart rate, or no maximum heart rate in the profile).
    hr_zones_max_hr_bpm DOUBLE PRECISION,
    hr_zone1_s          BIGINT,
    hr_zone2_s          BIGINT,
    hr_zone3_s          BIGINT,
    hr_zone4_s          BIGINT,
    hr_zone5_s          BIGINT,
    created_at_ms       BIGINT NOT NULL
);
CREATE INDEX activities_by_start ON activities (started_at_ms);
CREATE INDEX activities_by_sport_start ON activities (sport, started_at_ms);

-- Per-second samples, one compact BLOB per activity (layout: src/samples.rs, versioned).
CREATE TABLE activity_samples (
    activity_id         BIGINT PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    format_version      BIGINT NOT NULL,
    data                BLOB NOT NULL
);

-- Strength sessions, their exercises (in order) and sets (in order).
CREATE TABLE lifts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT, -- public ids (l<N>) are never reused
    started_at_ms       BIGINT NOT NULL,
    ended_at_ms         BIGINT NOT NULL,            -- started_at + duration (= started_at when unknown)
    duration_s          DOUBLE PRECISION,
    title               TEXT,
    rpe                 DOUBLE PRECISION,
    source              TEXT NOT NULL,
    created_at_ms       BIGINT NOT NULL
);
CREATE INDEX lifts_by_start ON lifts (started_at_ms);

CREATE TABLE lift_exercises (
    id                  INTEGER PRIMARY KEY,
    lift_id             BIGINT NOT NULL REFERENCES lifts (id) ON DELETE CASCADE,
    position            BIGINT NOT NULL,
    name                TEXT NOT NULL,
    UNIQUE (lift_id, position)
);

CREATE TABLE lift_sets (
    id                  INTEGER PRIMARY KEY,
    exercise_id         BIGINT NOT NULL REFERENCES lift_exercises (id) ON DELETE CASCADE,
    position            BIGINT NOT NULL,
    reps                BIGINT,
    weight_kg           DOUBLE PRECISION,
    rpe                 DOUBLE PRECISION,
    kind                TEXT NOT NULL,              -- normal | warmup | drop | failure
    duration_s          DOUBLE PRECISION,
    distance_m          DOUBLE PRECISION,
    UNIQUE (exercise_id, position)
);

-- Daily wellness check-ins: one per local date (YYYY-MM-DD).
CREATE TABLE wellness (
    local_date          TEXT PRIMARY KEY,
    sleep_hours         DOUBLE PRECISION,
    sleep_quality       BIGINT,                     -- Hooper items: 1 very good … 7 very bad
    fatigue             BIGINT,
    soreness            BIGINT,
    stress              BIGINT,
    mood                BIGINT,
    resting_hr_bpm      DOUBLE PRECISION,
    hrv_rmssd_ms        DOUBLE PRECISION,
    pain                BOOLEAN NOT NULL,
    illness             BOOLEAN NOT NULL,
    updated_at_ms       BIGINT NOT NULL
);

-- The import ledger: one row per import attempt of a file, by content hash (SHA-256, hex).
CREATE TABLE imports (
    id                  INTEGER PRIMARY KEY,
    content_hash        TEXT NOT NULL,
    path                TEXT NOT NULL,
    format              TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('imported', 'duplicate', 'skipped', 'error')),
    message             TEXT,
    imported_at_ms      BIGINT NOT NULL
);
CREATE INDEX imports_by_hash ON imports (content_hash);

-- The entries an import created, or found already in the log (duplicates). Deleting an entry deletes its
-- links, and a file whose links are all gone may be imported again.
CREATE TABLE import_entries (
    import_id           BIGINT NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    position            BIGINT NOT NULL,
    role                TEXT NOT NULL CHECK (role IN ('created', 'duplicate')),
    activity_id         BIGINT REFERENCES activities (id) ON DELETE CASCADE,
    lift_id             BIGINT REFERENCES lifts (id) ON DELETE CASCADE,
    CHECK ((activity_id IS NULL) <> (lift_id IS NULL)),
    PRIMARY KEY (import_id, position)
);
CREATE INDEX import_entries_by_activity ON import_entries (activity_id);
CREATE INDEX import_entries_by_lift ON import_entries (lift_id);

-- Every piece of advice given, with its inputs, for later analysis. The store keeps the JSON as text.
CREATE TABLE advice_log (
    id                  INTEGER PRIMARY KEY,
    at_ms               BIGINT NOT NULL,
    request_json        TEXT NOT NULL,
    response_json       TEXT NOT NULL
);
CREATE INDEX advice_log_by_time ON advice_log (at_ms);
