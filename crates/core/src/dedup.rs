//! When two recordings are the same session: the cross-source duplicate rule.
//!
//! The same run arrives as the watch's FIT and as a GPX export; the same leg day as a Hevy CSV row and as
//! the watch's strength recording. Two entries are **the same session** when they are of the same kind
//! (cardio of the same [`Sport`](crate::session::Sport), or both strength) and their time spans
//! overlap by at least half of the shorter one:
//!
//! ```text
//! overlap = min(end_a, end_b) − max(start_a, start_b)
//! same    ⇔ overlap > 0  ∧  overlap ≥ 50 % × min(len_a, len_b)
//! ```
//!
//! A span is `[started_at, started_at + elapsed)` for cardio and `[started_at, started_at + duration)` for
//! strength, and is at least [`MIN_SPAN_MS`] long, so an entry without a duration is a one-second point:
//! it matches a session it falls inside of, or one starting at the same second. Devices disagree on start
//! and end by a few seconds; 50 % of the shorter session absorbs that while keeping back-to-back sessions
//! (a warm-up jog, then the run) and a run and a ride at the same time apart.

/// The shortest span an entry is given, so that entries without a duration can still overlap.
pub const MIN_SPAN_MS: i64 = 1000;

/// A time span in Unix milliseconds, `[start_ms, end_ms)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start_ms: i64,
    pub end_ms: i64,
}

impl Span {
    /// The span of an entry from its start and end as stored; stretched to [`MIN_SPAN_MS`].
    pub fn new(start_ms: i64, end_ms: i64) -> Span {
        Span {
            start_ms,
            end_ms: end_ms.max(start_ms.saturating_add(MIN_SPAN_MS)),
        }
    }

    fn len_ms(self) -> i64 {
        self.end_ms - self.start_ms
    }

    pub fn overlap_ms(self, other: Span) -> i64 {
        (self.end_ms.min(other.end_ms) - self.start_ms.max(other.start_ms)).max(0)
    }

    /// The rule of this module.
    pub fn is_same_session(self, other: Span) -> bool {
        let overlap = self.overlap_ms(other);
        overlap > 0 && overlap.saturating_mul(2) >= self.len_ms().min(other.len_ms())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    fn span(start_min: i64, len_min: i64) -> Span {
        Span::new(start_min * MIN, (start_min + len_min) * MIN)
    }

    #[test]
    fn check_rule() {
        // (a, b, same?)
        let cases = [
            (span(0, 60), span(0, 60), true),                   // identical
            (span(0, 60), span(1, 58), true),                   // GPX trimmed at both ends
            (span(0, 60), span(30, 60), true),                  // overlap 30 = 50 % of 60
            (span(0, 60), span(31, 60), false),                 // overlap 29 < 30
            (span(0, 60), span(50, 10), true),                  // short one fully inside
            (span(0, 60), span(60, 30), false),                 // back to back
            (span(0, 10), span(5, 120), true),                  // 5 of the shorter 10
            (span(0, 60), Span::new(10 * MIN, 10 * MIN), true), // a point inside
            (Span::new(0, 0), Span::new(0, 0), true),           // two points at the same second
            (Span::new(0, 0), Span::new(MIN, MIN), false),
        ];
        for (a, b, same) in cases {
            assert_eq!(a.is_same_session(b), same, "{a:?} {b:?}");
            assert_eq!(b.is_same_session(a), same, "symmetric: {a:?} {b:?}");
        }
    }
}
