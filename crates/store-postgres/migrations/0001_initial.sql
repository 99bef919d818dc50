-- The afterlift training log on PostgreSQL: the SQLite backend's final schema (its migrations 0001–0004)
-- in one step, with PostgreSQL's types, every athlete's row keyed by its athlete.
--
-- Never edit this file once committed: add a new migration instead (sqlx checks the checksum).
-- Instants are Unix milliseconds (UTC) in BIGINT columns named *_at_ms, as in SQLite: sortable, and plain
-- arithmetic for the duplicate (overlap) queries.
--
-- Entry ids are numbered per athlete (`athletes.next_*_id`, bumped inside the write transaction), so no
-- athlete can infer another's volume from gaps in their own ids; an entry's key is (athlete_id, id).

-- Athletes are named by the caller (AthleteId); a write for an unknown athlete adds its row.
CREATE TABLE athletes (
    id                  BIGINT PRIMARY KEY,
    created_at_ms       BIGINT NOT NULL,
    next_activity_id    BIGINT NOT NULL DEFAULT 1,
    next_lift_id        BIGINT NOT NULL DEFAULT 1,
    next_import_id      BIGINT NOT NULL DEFAULT 1
);
-- The local athlete of the single-athlete path (AthleteId::LOCAL).
INSERT INTO athletes (id, created_at_ms) VALUES (1, 0);

CREATE TABLE profile (
    athlete_id          BIGINT PRIMARY KEY REFERENCES athletes (id) ON DELETE CASCADE,
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
    updated_at_ms       BIGINT NOT NULL,
    wake_time           TIME,                       -- the athlete's day, local, whole minutes
    sleep_time          TIME,
    race_distance_m     DOUBLE PRECISION,           -- a recent race: distance and time both or neither
    race_time_s         DOUBLE PRECISION,
    race_date           DATE,
    CHECK ((race_distance_m IS NULL) = (race_time_s IS NULL))
);

-- Cardio activities: the summary. Samples live in activity_samples so that browsing never reads them.
CREATE TABLE activities (
    athlete_id          BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id                  BIGINT NOT NULL,            -- public ids (a<N>), per athlete, never reused
    sport               TEXT NOT NULL,
    started_at_ms       BIGINT NOT NULL,
    ended_at_ms         BIGINT NOT NULL,            -- started_at + elapsed: for duplicate (overlap) queries
    utc_offset_s        BIGINT,
    timer_s             DOUBLE PRECISION NOT NULL,
    elapsed_s           DOUBLE PRECISION NOT NULL,
    distance_m          DOUBLE PRECISION,
    avg_hr_bpm          DOUBLE PRECISION,
    max_hr_bpm          DOUBLE PRECISION,
    calories_kcal       DOUBLE PRECISION,
    rpe                 DOUBLE PRECISION,
    source              TEXT NOT NULL,
    sample_count        BIGINT NOT NULL,
    -- Seconds in HR zones 1–5 and the maximum heart rate they were computed with; NULL = not computed.
    hr_zones_max_hr_bpm DOUBLE PRECISION,
    hr_zone1_s          BIGINT,
    hr_zone2_s          BIGINT,
    hr_zone3_s          BIGINT,
    hr_zone4_s          BIGINT,
    hr_zone5_s          BIGINT,
    -- From a damaged file: the same session from a whole file replaces its recording.
    partial             BOOLEAN NOT NULL DEFAULT FALSE,
    created_at_ms       BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE INDEX activities_by_athlete_start ON activities (athlete_id, started_at_ms);

-- Per-second samples, one compact blob per activity (layout: afterlift_store::samples, versioned).
CREATE TABLE activity_samples (
    athlete_id          BIGINT NOT NULL,
    activity_id         BIGINT NOT NULL,
    format_version      BIGINT NOT NULL,
    data                BYTEA NOT NULL,
    PRIMARY KEY (athlete_id, activity_id),
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);

-- Strength sessions, their exercises (in order) and sets (in order).
CREATE TABLE lifts (
    athlete_id          BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id                  BIGINT NOT NULL,            -- public ids (l<N>), per athlete, never reused
    started_at_ms       BIGINT NOT NULL,
    ended_at_ms         BIGINT NOT NULL,            -- started_at + duration (= started_at when unknown)
    duration_s          DOUBLE PRECISION,
    title               TEXT,
    rpe                 DOUBLE PRECISION,
    source              TEXT NOT NULL,
    created_at_ms       BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE INDEX lifts_by_athlete_start ON lifts (athlete_id, started_at_ms);

-- Exercise and set ids are internal (never shown), so one sequence serves every athlete.
CREATE TABLE lift_exercises (
    id                  BIGSERIAL PRIMARY KEY,
    athlete_id          BIGINT NOT NULL,
    lift_id             BIGINT NOT NULL,
    position            BIGINT NOT NULL,
    name                TEXT NOT NULL,
    UNIQUE (athlete_id, lift_id, position),
    FOREIGN KEY (athlete_id, lift_id) REFERENCES lifts (athlete_id, id) ON DELETE CASCADE
);

CREATE TABLE lift_sets (
    id                  BIGSERIAL PRIMARY KEY,
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

-- Daily wellness check-ins: one per athlete and local date.
CREATE TABLE wellness (
    athlete_id          BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    local_date          DATE NOT NULL,
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
    updated_at_ms       BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, local_date)
);

-- The athlete's own names for catalogue exercises, by normalised name.
CREATE TABLE exercise_aliases (
    athlete_id          BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    name_key            TEXT NOT NULL,
    name                TEXT NOT NULL,              -- as the athlete writes it
    exercise            TEXT NOT NULL,              -- the catalogue's name of the exercise it means
    updated_at_ms       BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, name_key)
);

-- The import ledger: one row per import attempt of a file, by content hash (SHA-256, hex).
CREATE TABLE imports (
    athlete_id          BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id                  BIGINT NOT NULL,            -- per athlete, like the entries
    content_hash        TEXT NOT NULL,
    path                TEXT NOT NULL,
    format              TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('imported', 'duplicate', 'skipped', 'error')),
    message             TEXT,
    partial             TEXT,                       -- where the file was damaged; NULL for a whole file
    imported_at_ms      BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE INDEX imports_by_athlete_hash ON imports (athlete_id, content_hash);

-- The entries an import created, or found already in the log (duplicates). Deleting an entry deletes its
-- links, and a file whose links are all gone may be imported again.
CREATE TABLE import_entries (
    athlete_id          BIGINT NOT NULL,
    import_id           BIGINT NOT NULL,
    position            BIGINT NOT NULL,
    role                TEXT NOT NULL CHECK (role IN ('created', 'duplicate')),
    activity_id         BIGINT,
    lift_id             BIGINT,
    CHECK ((activity_id IS NULL) <> (lift_id IS NULL)),
    PRIMARY KEY (athlete_id, import_id, position),
    FOREIGN KEY (athlete_id, import_id) REFERENCES imports (athlete_id, id) ON DELETE CASCADE,
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE,
    FOREIGN KEY (athlete_id, lift_id) REFERENCES lifts (athlete_id, id) ON DELETE CASCADE
);
CREATE INDEX import_entries_by_activity ON import_entries (athlete_id, activity_id);
CREATE INDEX import_entries_by_lift ON import_entries (athlete_id, lift_id);

-- Every piece of advice given, with its inputs. Its ids are per athlete too, counted in a row of their
-- own (advice_ids) so that recording advice never waits for an import holding the athlete's row.
CREATE TABLE advice_ids (
    athlete_id          BIGINT PRIMARY KEY REFERENCES athletes (id) ON DELETE CASCADE,
    next_id             BIGINT NOT NULL
);

CREATE TABLE advice_log (
    athlete_id          BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id                  BIGINT NOT NULL,
    at_ms               BIGINT NOT NULL,
    request_json        TEXT NOT NULL,
    response_json       TEXT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE INDEX advice_log_by_athlete_time ON advice_log (athlete_id, at_ms);
