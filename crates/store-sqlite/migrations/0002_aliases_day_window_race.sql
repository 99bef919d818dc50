-- The athlete's exercise aliases, and the profile's day window and race result.
--
-- Never edit this file once committed: add a new migration instead. Portable like 0001 (plain types; one
-- column per ALTER TABLE, which both SQLite and PostgreSQL accept).

-- The athlete's own names for catalogue exercises (`Leg Press Technogym` → `Leg Press`), used wherever a
-- logged name is resolved. One row per name, by its normalised form (as the catalogue normalises names:
-- case, punctuation, spacing, plurals), so `leg press technogym` is the same alias.
CREATE TABLE exercise_aliases (
    name_key            TEXT PRIMARY KEY,
    name                TEXT NOT NULL,              -- as the athlete writes it
    exercise            TEXT NOT NULL,              -- the catalogue's name of the exercise it means
    updated_at_ms       BIGINT NOT NULL
);

-- The athlete's day, local time in the profile's time zone, `HH:MM`: nothing is rebooked outside it.
ALTER TABLE profile ADD COLUMN wake_time TEXT;
ALTER TABLE profile ADD COLUMN sleep_time TEXT;
-- A recent race result, for training paces (Daniels' VDOT): both or neither; the date is optional.
ALTER TABLE profile ADD COLUMN race_distance_m DOUBLE PRECISION;
ALTER TABLE profile ADD COLUMN race_time_s DOUBLE PRECISION;
ALTER TABLE profile ADD COLUMN race_date TEXT;     -- YYYY-MM-DD
