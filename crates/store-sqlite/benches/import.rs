//! How long storing activities takes: a 1-hour run with 3,600 samples (target: well under 10 ms), the
//! sample codec alone, and opening an existing log (the CLI's startup cost).
//!
//! `cargo bench -p afterlift-store --bench import`

use std::hint::black_box;
use std::time::{Duration, Instant};

use afterlift_store::testdata::one_hour_run;
use afterlift_store::{ImportBatch, content_hash, samples};
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};

fn runtime() -> tokio::runtime::Runtime {
    // What the CLI uses.
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn bench_insert(c: &mut Criterion) {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let store = rt
        .block_on(afterlift_store_sqlite::open(dir.path().join("bench.db")))
        .unwrap();
    let start: Timestamp = "2020-01-01T07:00:00Z".parse().unwrap();
    let run = one_hour_run(start);
    assert_eq!(run.samples.len(), 3600);

    let mut group = c.benchmark_group("store");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("insert_activity 1h run (3600 samples)", |b| {
        b.iter(|| rt.block_on(store.insert_activity(black_box(&run))).unwrap())
    });
    // The full import path: validation, ledger check, duplicate query, insert, ledger row, commit.
    // Each iteration is a new file with a new run (2 h later), so nothing is a duplicate.
    let mut i = 0i64;
    group.bench_function("import 1h run file (3600 samples)", |b| {
        b.iter(|| {
            i += 1;
            let batch = ImportBatch {
                content_hash: content_hash(&i.to_le_bytes()),
                path: "bench.fit".into(),
                format: "fit".into(),
                activities: vec![one_hour_run_at(
                    &run,
                    start + SignedDuration::from_hours(2 * i),
                )],
                ..ImportBatch::default()
            };
            rt.block_on(store.import(batch)).unwrap()
        })
    });
    group.finish();
}

fn one_hour_run_at(
    template: &afterlift_core::session::Activity,
    at: Timestamp,
) -> afterlift_core::session::Activity {
    afterlift_core::session::Activity {
        started_at: at,
        laps: afterlift_store::testdata::one_hour_run_laps(at, &template.samples),
        ..template.clone()
    }
}

fn bench_codec(c: &mut Criterion) {
    let run = one_hour_run("2020-01-01T07:00:00Z".parse().unwrap());
    let blob = samples::encode(&run.samples).unwrap();
    println!(
        "samples BLOB for a 1-hour run: {} bytes ({} samples)",
        blob.len(),
        run.samples.len()
    );
    let mut group = c.benchmark_group("samples");
    group.bench_function("encode 1h (3600)", |b| {
        b.iter(|| samples::encode(black_box(&run.samples)).unwrap())
    });
    group.bench_function("decode 1h (3600)", |b| {
        b.iter(|| samples::decode(black_box(&blob)).unwrap())
    });
    group.finish();
}

fn bench_open(c: &mut Criterion) {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("open.db");
    rt.block_on(async {
        let store = afterlift_store_sqlite::open(&path).await.unwrap();
        store
            .insert_activity(&one_hour_run("2020-01-01T07:00:00Z".parse().unwrap()))
            .await
            .unwrap();
        store.close().await;
    });
    let mut group = c.benchmark_group("store");
    // Only the open (connect, pragmas, migrations check) is timed, not the close.
    group.bench_function("open existing log + migrations check", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                let store = rt.block_on(afterlift_store_sqlite::open(&path)).unwrap();
                total += t.elapsed();
                rt.block_on(store.close());
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, bench_insert, bench_codec, bench_open);
criterion_main!(benches);
