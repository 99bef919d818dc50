//! The weekly planner in-process: request → plan (search, rendering, unmet analysis), re-planning, and
//! the iCalendar export. Target (issue 5): < 50 ms per plan.
//! Run: `cargo bench -p afterlift-core --bench plan`.

use afterlift_core::contract::{AdaptRequest, WeekRequest};
use afterlift_core::plan::{adapt_week, ics, plan_week};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn request(json: &str) -> WeekRequest {
    serde_json::from_str(json).expect("valid request")
}

fn bench(c: &mut Criterion) {
    // A typical hybrid week: four heavy lifts, three runs, one non-impact session, every slot free.
    let typical = request(
        r#"{"goal": "strength", "start": "2026-03-02",
            "lifts": [{"focus": "lower", "load": "heavy", "count": 2}, {"focus": "upper", "load": "heavy", "count": 2}],
            "runs": [{"kind": "easy", "count": 2}, {"kind": "intervals"}], "cross": 1}"#,
    );
    // An endurance week around a race.
    let race_week = request(
        r#"{"goal": "endurance", "start": "2026-03-02",
            "lifts": [{"focus": "lower", "load": "heavy"}, {"focus": "full", "load": "moderate"}],
            "runs": [{"kind": "easy", "count": 3}, {"kind": "intervals"}, {"kind": "tempo"}, {"kind": "long"}],
            "events": [{"date": "2026-03-08", "slot": "morning", "kind": "race", "name": "10K"}]}"#,
    );
    // The most the planner searches: seven of each category, heavy, for a beginner (much is unplaceable).
    let overloaded = request(
        r#"{"goal": "general", "start": "2026-03-02", "beginner": true,
            "lifts": [{"focus": "lower", "load": "heavy", "count": 4}, {"focus": "upper", "load": "heavy", "count": 3}],
            "runs": [{"kind": "intervals", "count": 3}, {"kind": "tempo", "count": 2}, {"kind": "long", "count": 2}],
            "cross": 7}"#,
    );
    c.bench_function("plan_week/typical", |b| {
        b.iter(|| plan_week(black_box(&typical)))
    });
    c.bench_function("plan_week/race_week", |b| {
        b.iter(|| plan_week(black_box(&race_week)))
    });
    c.bench_function("plan_week/overloaded", |b| {
        b.iter(|| plan_week(black_box(&overloaded)))
    });

    let previous = plan_week(&typical);
    let adapt: AdaptRequest = serde_json::from_value(serde_json::json!({
        "week": typical,
        "today": "2026-03-05",
        "readiness": "amber",
        "done": [
            {"date": "2026-03-02", "slot": "morning", "kind": "lift", "focus": "lower", "load": "heavy"},
            {"date": "2026-03-03", "slot": "evening", "kind": "intervals"}
        ],
        "previous": previous,
    }))
    .expect("valid adapt request");
    c.bench_function("adapt_week/typical", |b| {
        b.iter(|| adapt_week(black_box(&adapt)))
    });

    let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap_or(jiff::tz::TimeZone::UTC);
    let stamp: jiff::Timestamp = "2026-03-01T12:00:00Z".parse().expect("timestamp");
    let athlete = afterlift_core::Athlete::example();
    c.bench_function("ics/typical", |b| {
        b.iter(|| {
            ics::to_ics(black_box(&previous), &tz, stamp, |s| {
                ics::prescription(&athlete, s)
            })
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
