-- The device's laps (a FIT file's lap messages, a TCX file's <Lap>s): one row per lap, in time order.
--
-- A table, not a BLOB like the samples (activity_samples): an activity has a handful to a few hundred laps,
-- not thousands of samples, so rows cost little; each value keeps its own typed column (NULL when the device
-- did not record it), which SQL can read and check; and the laps go with their activity by the foreign key
-- (ON DELETE CASCADE), written in the import's own transaction.
-- activities.lap_count says how many an activity has, so that merging a duplicate knows whether the stored
-- entry lacks laps without reading them (as sample_count does for samples).
ALTER TABLE activities ADD COLUMN lap_count BIGINT NOT NULL DEFAULT 0;

CREATE TABLE activity_laps (
    activity_id         BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    position            BIGINT NOT NULL,            -- 0, 1, … in time order
    started_at_ms       BIGINT NOT NULL,
    elapsed_s           DOUBLE PRECISION,           -- wall-clock time (a TCX lap has none)
    timer_s             DOUBLE PRECISION,           -- pauses excluded
    distance_m          DOUBLE PRECISION,
    avg_hr_bpm          DOUBLE PRECISION,
    max_hr_bpm          DOUBLE PRECISION,
    avg_speed_mps       DOUBLE PRECISION,
    ascent_m            DOUBLE PRECISION,
    avg_cadence_rpm     DOUBLE PRECISION,           -- as recorded: for running, one foot's strides a minute
    lap_trigger         TEXT CHECK (lap_trigger IN ('manual', 'time', 'distance', 'position', 'heart_rate',
                                                    'session_end', 'fitness_equipment')),
    PRIMARY KEY (activity_id, position)
);
