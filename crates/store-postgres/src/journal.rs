//! The athlete's own entries: the profile and daily wellness check-ins (the advice log is in `advice`).

use afterlift_core::session::Wellness;
use afterlift_store::decode::{ProfileDb, WellnessDb, sex_str, time_text};
use jiff::civil::Date;

use crate::{AthleteId, Profile, StoreError, WellnessEntry, validate};
use crate::{Conn, PgLog, activities, now_ms, zone_max_hr};
use afterlift_store::WellnessChange;

pub(super) async fn profile(
    conn: &mut Conn,
    athlete: AthleteId,
) -> Result<Option<Profile>, StoreError> {
    let row: Option<ProfileDb> = sqlx::query_as(
        "SELECT age_years, sex, weight_kg, resting_hr_bpm, max_hr_bpm, goal, concurrent_weeks, injury_prone, \
         time_zone, usual_hrv_rmssd_ms, to_char(wake_time, 'HH24:MI') AS wake_time, \
         to_char(sleep_time, 'HH24:MI') AS sleep_time, race_distance_m, race_time_s, \
         to_char(race_date, 'YYYY-MM-DD') AS race_date FROM profile WHERE athlete_id = $1",
    )
    .bind(athlete.0)
    .fetch_optional(conn)
    .await?;
    row.map(ProfileDb::into_profile).transpose()
}

const WELLNESS_COLUMNS: &str = "to_char(local_date, 'YYYY-MM-DD') AS local_date, sleep_hours, sleep_quality, fatigue, soreness, stress, mood, \
    resting_hr_bpm, hrv_rmssd_ms, pain, illness";

pub(super) async fn upsert_wellness(
    conn: &mut Conn,
    athlete: AthleteId,
    date: Date,
    w: &Wellness,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO wellness (local_date, sleep_hours, sleep_quality, fatigue, soreness, stress, mood, \
         resting_hr_bpm, hrv_rmssd_ms, pain, illness, updated_at_ms, athlete_id) \
         VALUES ($1::date, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (athlete_id, local_date) DO UPDATE SET sleep_hours = excluded.sleep_hours, \
         sleep_quality = excluded.sleep_quality, fatigue = excluded.fatigue, soreness = excluded.soreness, \
         stress = excluded.stress, mood = excluded.mood, resting_hr_bpm = excluded.resting_hr_bpm, \
         hrv_rmssd_ms = excluded.hrv_rmssd_ms, pain = excluded.pain, illness = excluded.illness, \
         updated_at_ms = excluded.updated_at_ms"
    )
    .bind(date.to_string())
    .bind(w.sleep_hours)
    .bind(w.sleep_quality.map(i64::from))
    .bind(w.fatigue.map(i64::from))
    .bind(w.soreness.map(i64::from))
    .bind(w.stress.map(i64::from))
    .bind(w.mood.map(i64::from))
    .bind(w.resting_hr_bpm)
    .bind(w.hrv_rmssd_ms)
    .bind(w.pain)
    .bind(w.illness)
    .bind(now_ms())
    .bind(athlete.0)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn all_wellness(
    conn: &mut Conn,
    athlete: AthleteId,
) -> Result<Vec<WellnessEntry>, StoreError> {
    let rows: Vec<WellnessDb> = sqlx::query_as(&format!(
        "SELECT {WELLNESS_COLUMNS} FROM wellness WHERE athlete_id = $1 ORDER BY wellness.local_date"
    ))
    .bind(athlete.0)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(WellnessDb::into_entry).collect()
}

/// Writes a validated profile (replacing the athlete's), without recomputing zones.
pub(super) async fn write_profile(
    conn: &mut Conn,
    athlete: AthleteId,
    profile: &Profile,
) -> Result<(), StoreError> {
    let a = &profile.athlete;
    sqlx::query(
        "INSERT INTO profile (athlete_id, age_years, sex, weight_kg, resting_hr_bpm, max_hr_bpm, goal, concurrent_weeks, \
         injury_prone, time_zone, usual_hrv_rmssd_ms, updated_at_ms, wake_time, sleep_time, race_distance_m, \
         race_time_s, race_date) \
         VALUES ($17, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::time, $13::time, $14, $15, $16::date) \
         ON CONFLICT (athlete_id) DO UPDATE SET age_years = excluded.age_years, sex = excluded.sex, \
         weight_kg = excluded.weight_kg, resting_hr_bpm = excluded.resting_hr_bpm, \
         max_hr_bpm = excluded.max_hr_bpm, goal = excluded.goal, concurrent_weeks = excluded.concurrent_weeks, \
         injury_prone = excluded.injury_prone, time_zone = excluded.time_zone, \
         usual_hrv_rmssd_ms = excluded.usual_hrv_rmssd_ms, updated_at_ms = excluded.updated_at_ms, \
         wake_time = excluded.wake_time, sleep_time = excluded.sleep_time, \
         race_distance_m = excluded.race_distance_m, race_time_s = excluded.race_time_s, \
         race_date = excluded.race_date",
    )
    .bind(a.age_years)
    .bind(sex_str(a.sex))
    .bind(a.weight_kg)
    .bind(a.resting_hr_bpm)
    .bind(a.max_hr_bpm)
    .bind(a.goal.as_str())
    .bind(a.concurrent_weeks.map(i64::from))
    .bind(a.injury_prone)
    .bind(&profile.time_zone)
    .bind(a.hrv_rmssd_ms)
    .bind(now_ms())
    .bind(profile.wake_time.map(time_text))
    .bind(profile.sleep_time.map(time_text))
    .bind(profile.race.map(|r| r.distance_m))
    .bind(profile.race.map(|r| r.time_s))
    .bind(profile.race.and_then(|r| r.date).map(|d| d.to_string()))
    .bind(athlete.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl PgLog {
    /// Sets the athlete profile (replacing any previous one). When the maximum heart rate changes, every
    /// activity's time in zones is recomputed in the same transaction.
    pub async fn set_profile(
        &self,
        athlete: AthleteId,
        profile: &Profile,
    ) -> Result<(), StoreError> {
        validate::profile(profile)?;
        let mut tx = self.begin_write(athlete).await?;
        let old_max = zone_max_hr(tx.conn(), athlete).await?;
        write_profile(tx.conn(), athlete, profile).await?;
        let a = &profile.athlete;
        if old_max != a.max_hr_bpm {
            activities::recompute_zones(tx.conn(), athlete, a.max_hr_bpm).await?;
        }
        tx.commit(self).await
    }

    /// The athlete profile, if one was set.
    pub async fn profile(&self, athlete: AthleteId) -> Result<Option<Profile>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        profile(&mut conn, athlete).await
    }

    /// Sets the wellness check-in of the athlete's local `date` (replacing any earlier one that day).
    pub async fn upsert_wellness(
        &self,
        athlete: AthleteId,
        date: Date,
        wellness: &Wellness,
    ) -> Result<(), StoreError> {
        validate::wellness(date, wellness)?;
        let mut tx = self.begin_write(athlete).await?;
        upsert_wellness(tx.conn(), athlete, date, wellness).await?;
        tx.commit(self).await
    }

    /// Changes the check-in of `date`: `change` is given the stored one (`None` when there is none) and
    /// returns the check-in to keep, which is also returned. Read and write are one transaction, so two
    /// updates of the same day (another process logging too) cannot lose each other's answers; an invalid
    /// result writes nothing.
    pub async fn update_wellness(
        &self,
        athlete: AthleteId,
        date: Date,
        change: WellnessChange<'_>,
    ) -> Result<Wellness, StoreError> {
        let mut tx = self.begin_write(athlete).await?;
        let row: Option<WellnessDb> = sqlx::query_as(&format!(
            "SELECT {WELLNESS_COLUMNS} FROM wellness WHERE athlete_id = $1 AND local_date = $2::date"
        ))
        .bind(athlete.0)
        .bind(date.to_string())
        .fetch_optional(tx.conn())
        .await?;
        let stored = row.map(WellnessDb::into_entry).transpose()?;
        let updated = change(stored.map(|e| e.wellness));
        validate::wellness(date, &updated)?;
        upsert_wellness(tx.conn(), athlete, date, &updated).await?;
        tx.commit(self).await?;
        Ok(updated)
    }

    /// Wellness check-ins from `from` to `to`, both included, oldest first.
    pub async fn wellness(
        &self,
        athlete: AthleteId,
        from: Date,
        to: Date,
    ) -> Result<Vec<WellnessEntry>, StoreError> {
        let rows: Vec<WellnessDb> = sqlx::query_as(&format!(
            "SELECT {WELLNESS_COLUMNS} FROM wellness \
             WHERE athlete_id = $3 AND local_date >= $1::date AND local_date <= $2::date \
             ORDER BY local_date"
        ))
        .bind(from.to_string())
        .bind(to.to_string())
        .bind(athlete.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(WellnessDb::into_entry).collect()
    }
}
