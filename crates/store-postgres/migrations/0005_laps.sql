-- The device's laps (a FIT file's lap messages, a TCX file's <Lap>s): one row per lap, in time order, keyed
-- by the athlete like every row of an athlete's log. SQLite's 0006_laps says why a table (not a BLOB like
-- the samples). activities.lap_count says how many an activity has (for merging duplicates).
ALTER TABLE activities ADD COLUMN lap_count BIGINT NOT NULL DEFAULT 0;

CREATE TABLE activity_laps (
    athlete_id          BIGINT NOT NULL,
    activity_id         BIGINT NOT NULL,
    position            BIGINT NOT NULL,            -- 0, 1, … in time order
    started_at_ms       BIGINT NOT NULL,
    elapsed_s           DOUBLE PRECISION,
    timer_s             DOUBLE PRECISION,
    distance_m          DOUBLE PRECISION,
    avg_hr_bpm          DOUBLE PRECISION,
    max_hr_bpm          DOUBLE PRECISION,
    avg_speed_mps       DOUBLE PRECISION,
    ascent_m            DOUBLE PRECISION,
    avg_cadence_rpm     DOUBLE PRECISION,
    lap_trigger         TEXT CHECK (lap_trigger IN ('manual', 'time', 'distance', 'position', 'heart_rate',
                                                    'session_end', 'fitness_equipment')),
    PRIMARY KEY (athlete_id, activity_id, position),
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);
