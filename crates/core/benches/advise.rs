//! One advice in-process: validation, catalogue lookups, every rule, the fold, energy and refuel.
//! Target (issue 2): < 50 µs. Run: `cargo bench -p afterlift-core --bench advise`.

use afterlift_core::advice::advise;
use afterlift_core::contract::AdviceRequest;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn request(json: &str) -> AdviceRequest {
    serde_json::from_str(json).expect("valid request")
}

fn bench(c: &mut Criterion) {
    let now = "2026-11-24T18:00:00Z".parse().unwrap();
    let with_exercises = request(
        r#"{"athlete": {"age": 34, "sex": "female", "weight_kg": 62, "resting_hr": 55, "goal": "hypertrophy", "concurrent_weeks": 20},
            "lift": {"ended_at": "2026-11-24T18:00:00Z", "minutes": 70, "exercises": [
                {"name": "Squat (Barbell)", "sets": [{"reps": 5, "kg": 100, "rpe": 8}, {"reps": 5, "kg": 100, "rpe": 8.5}, {"reps": 5, "kg": 100, "rpe": 9}]},
                {"name": "Romanian Deadlift (Barbell)", "sets": [{"reps": 8, "kg": 80}, {"reps": 8, "kg": 80}, {"reps": 8, "kg": 80}]},
                {"name": "Leg Press", "sets": [{"reps": 12, "kg": 180}, {"reps": 12, "kg": 180}]},
                {"name": "Plank", "sets": [{"reps": 1}]}]},
            "planned": {"kind": "intervals", "minutes": 20},
            "readiness": {"sleep_hours": 7, "fatigue": 3, "soreness": 4, "resting_hr": 58}}"#,
    );
    let with_focus = request(
        r#"{"athlete": {"age": 41, "sex": "male", "weight_kg": 80, "goal": "general"},
            "lift": {"focus": "upper", "load": "heavy"}, "planned": {"kind": "easy", "minutes": 30}}"#,
    );
    c.bench_function("advise/exercises", |b| {
        b.iter(|| advise(black_box(&with_exercises), now))
    });
    c.bench_function("advise/focus", |b| {
        b.iter(|| advise(black_box(&with_focus), now))
    });
    let text = serde_json::to_string(&with_exercises).unwrap();
    c.bench_function("advise/json_roundtrip", |b| {
        b.iter(|| {
            let req: AdviceRequest = serde_json::from_str(black_box(&text)).unwrap();
            serde_json::to_string(&advise(&req, now).unwrap()).unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
