//! Civil dates and times without a time-zone database: the generator's calendar (days since the
//! Unix epoch ↔ year/month/day, weekdays) and the athlete's clock (Central European Time, +1 h,
//! +2 h from April to October — close enough to the real DST rule for synthetic data).

/// A local date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    /// Seconds since local midnight.
    pub secs: u32,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Civil {
    /// The date of `days` since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_days(days: i64, secs: u32) -> Civil {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Civil {
            year,
            month,
            day,
            secs,
        }
    }

    /// Days since 1970-01-01 of `year-01-01`.
    pub fn days_of_new_year(year: i64) -> i64 {
        let y = year - 1;
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + 306; // March 1st-based day of era of Jan 1st
        era * 146_097 + doe - 719_468
    }

    /// UTC offset of the athlete's clock on this date.
    pub fn utc_offset_s(&self) -> i32 {
        if (4..=10).contains(&self.month) {
            7200
        } else {
            3600
        }
    }

    /// `2024-05-06 18:02:11` (Strong).
    pub fn datetime(&self) -> String {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year,
            self.month,
            self.day,
            self.secs / 3600,
            self.secs / 60 % 60,
            self.secs % 60
        )
    }

    /// `2 Mar 2026, 19:59` (Hevy).
    pub fn hevy(&self) -> String {
        format!(
            "{} {} {}, {:02}:{:02}",
            self.day,
            MONTHS[(self.month - 1) as usize],
            self.year,
            self.secs / 3600,
            self.secs / 60 % 60
        )
    }

    /// The same day, `minutes` later (sessions never cross midnight here).
    pub fn plus_minutes(&self, minutes: u32) -> Civil {
        Civil {
            secs: (self.secs + minutes * 60).min(86_399),
            ..*self
        }
    }

    /// `20240506-180211` for file names.
    pub fn stamp(&self) -> String {
        format!(
            "{:04}{:02}{:02}-{:02}{:02}{:02}",
            self.year,
            self.month,
            self.day,
            self.secs / 3600,
            self.secs / 60 % 60,
            self.secs % 60
        )
    }
}

/// Monday = 0 … Sunday = 6 for `days` since 1970-01-01 (a Thursday).
pub fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Civil::days_of_new_year(1970), 0);
        assert_eq!(Civil::days_of_new_year(2024), 19_723);
        let d = Civil::from_days(19_723 + 59, 0);
        assert_eq!((d.year, d.month, d.day), (2024, 2, 29));
        assert_eq!(weekday(19_723), 0); // 2024-01-01 was a Monday
    }
}
