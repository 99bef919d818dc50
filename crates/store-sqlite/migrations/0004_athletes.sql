-- Every row of an athlete's log carries its athlete, so one database can hold several athletes' logs
-- (coaches and teams), each private to its athlete. A log written before this migration is one
-- athlete's: athlete 1, the local athlete of a personal log.
--
-- The profile, the check-ins and the aliases were keyed for one athlete (profile id = 1, wellness by date,
-- aliases by name): they are rebuilt with the athlete in their key. The other tables gain an athlete_id
-- column (SQLite cannot add a column without a default to a table with rows; the store names the athlete
-- in every insert, and the conformance suite checks that nothing crosses between athletes).

CREATE TABLE athletes (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at_ms       BIGINT NOT NULL
);
INSERT INTO athletes (id, created_at_ms) VALUES (1, 0);

CREATE TABLE profile_by_athlete (
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
    wake_time           TEXT,
    sleep_time          TEXT,
    race_distance_m     DOUBLE PRECISION,
    race_time_s         DOUBLE PRECISION,
    race_date           TEXT                        -- YYYY-MM-DD
);
INSERT INTO profile_by_athlete (athlete_id, age_years, sex, weight_kg, resting_hr_bpm, max_hr_bpm, goal,
    concurrent_weeks, injury_prone, time_zone, usual_hrv_rmssd_ms, updated_at_ms, wake_time, sleep_time,
    race_distance_m, race_time_s, race_date)
SELECT 1, age_years, sex, weight_kg, resting_hr_bpm, max_hr_bpm, goal, concurrent_weeks, injury_prone,
    time_zone, usual_hrv_rmssd_ms, updated_at_ms, wake_time, sleep_time, race_distance_m, race_time_s,
    race_date
FROM profile;
DROP TABLE profile;
ALTER TABLE profile_by_athlete RENAME TO profile;

CREATE TABLE wellness_by_athlete (
    athlete_id          BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    local_date          TEXT NOT NULL,
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
INSERT INTO wellness_by_athlete (athlete_id, local_date, sleep_hours, sleep_quality, fatigue, soreness,
    stress, mood, resting_hr_bpm, hrv_rmssd_ms, pain, illness, updated_at_ms)
SELECT 1, local_date, sleep_hours, sleep_quality, fatigue, soreness, stress, mood, resting_hr_bpm,
    hrv_rmssd_ms, pain, illness, updated_at_ms
FROM wellness;
DROP TABLE wellness;
ALTER TABLE wellness_by_athlete RENAME TO wellness;

CREATE TABLE exercise_aliases_by_athlete (
    athlete_id          BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    name_key            TEXT NOT NULL,
    name                TEXT NOT NULL,              -- as the athlete writes it
    exercise            TEXT NOT NULL,              -- the catalogue's name of the exercise it means
    updated_at_ms       BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, name_key)
);
INSERT INTO exercise_aliases_by_athlete (athlete_id, name_key, name, exercise, updated_at_ms)
SELECT 1, name_key, name, exercise, updated_at_ms FROM exercise_aliases;
DROP TABLE exercise_aliases;
ALTER TABLE exercise_aliases_by_athlete RENAME TO exercise_aliases;

ALTER TABLE activities ADD COLUMN athlete_id BIGINT NOT NULL DEFAULT 1;
DROP INDEX activities_by_start;
DROP INDEX activities_by_sport_start;
CREATE INDEX activities_by_athlete_start ON activities (athlete_id, started_at_ms);

ALTER TABLE lifts ADD COLUMN athlete_id BIGINT NOT NULL DEFAULT 1;
DROP INDEX lifts_by_start;
CREATE INDEX lifts_by_athlete_start ON lifts (athlete_id, started_at_ms);

ALTER TABLE imports ADD COLUMN athlete_id BIGINT NOT NULL DEFAULT 1;
DROP INDEX imports_by_hash;
CREATE INDEX imports_by_athlete_hash ON imports (athlete_id, content_hash);

ALTER TABLE advice_log ADD COLUMN athlete_id BIGINT NOT NULL DEFAULT 1;
DROP INDEX advice_log_by_time;
CREATE INDEX advice_log_by_athlete_time ON advice_log (athlete_id, at_ms);
