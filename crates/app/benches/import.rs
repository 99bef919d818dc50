//! Importing a folder of FIT files into a fresh log, against decoding them alone (issue 3 target: importing
//! adds no more than 50 % over decoding; a 1-hour run imports in under 10 ms). In the same run:
//! - `bare decode`: rustyfit's streaming decoder iterating every message (the floor for any FIT reader);
//! - `read`: `afterlift_formats::read` (decode + session types);
//! - `import`: `afterlift_app::import::import_bytes` into a fresh SQLite log (hash, ledger check, read,
//!   validate, duplicate check, insert with compact samples, ledger row, commit).
//!
//! `cargo bench -p afterlift-app --bench import`

use std::hint::black_box;

use afterlift_app::import::import_bytes;
use afterlift_formats::{ReadOptions, read};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use rustyfit::{Decoder, DecoderEvent, StreamingIterator};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/fit");

fn bare(bytes: &[u8], decoder: &mut Decoder) -> usize {
    let mut fields = 0;
    let mut stream = decoder.stream(bytes);
    while let Some(event) = stream.next() {
        match event {
            Ok(DecoderEvent::Message(m)) => fields += m.fields.len(),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    fields
}

/// The activity FIT files that import cleanly, largest first.
fn files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(DATA)
        .expect("testdata/fit")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(e.path()).ok()?;
            let ok = name.ends_with(".fit")
                && read(&bytes, &name, &ReadOptions::default()).is_ok_and(|p| {
                    p.iter()
                        .all(|x| matches!(x.content, afterlift_formats::Content::Activities(_)))
                });
            ok.then_some((name, bytes))
        })
        .collect();
    files.sort_by_key(|(_, b)| std::cmp::Reverse(b.len()));
    files
}

fn bench(c: &mut Criterion) {
    let files = files();
    let total: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
    let opts = ReadOptions::default();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0u32;
    let mut fresh_store = || {
        n += 1;
        rt.block_on(afterlift_store_sqlite::open(
            dir.path().join(format!("log-{n}.db")),
        ))
        .unwrap()
    };

    let mut group = c.benchmark_group(format!("folder ({} FIT files)", files.len()));
    group.throughput(Throughput::Bytes(total));
    let mut decoder = Decoder::new();
    group.bench_function("bare decode", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(_, f)| bare(black_box(f), &mut decoder))
                .sum::<usize>()
        })
    });
    group.bench_function("read", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(n, f)| read(black_box(f), n, &opts).map(|p| p.len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    group.bench_function("import into a fresh log", |b| {
        b.iter_batched(
            &mut fresh_store,
            |store| {
                rt.block_on(async {
                    for (n, f) in &files {
                        black_box(import_bytes(&store, n, f, &opts).await);
                    }
                });
                // Returned, so closing the log (a WAL checkpoint) happens outside the timing.
                store
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let (name, largest) = &files[0];
    let mut group = c.benchmark_group(format!("one run ({name})"));
    group.throughput(Throughput::Bytes(largest.len() as u64));
    group.bench_function("bare decode", |b| {
        b.iter(|| bare(black_box(largest), &mut decoder))
    });
    group.bench_function("import into a fresh log", |b| {
        b.iter_batched(
            &mut fresh_store,
            |store| {
                black_box(rt.block_on(import_bytes(&store, name, largest, &opts)));
                store
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
