//! FIT decoding: `afterlift_formats::read` against the bare rustyfit streaming decoder iterating the
//! same messages, on the largest FIT file in `testdata/` (a 57-minute run, 148 kB, 3,424 records)
//! and on every readable FIT file there.
//!
//! `cargo bench -p afterlift-formats --bench read`

use std::hint::black_box;

use afterlift_formats::{ReadOptions, read};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rustyfit::{Decoder, DecoderEvent, StreamingIterator};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/fit");

/// The bare decoder: iterate every message, touching its fields.
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

/// The FIT files that read without error, largest first.
fn files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(DATA).expect("testdata/fit").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let (true, Ok(bytes)) = (name.ends_with(".fit"), std::fs::read(entry.path()))
            && read(&bytes, &name, &ReadOptions::default()).is_ok()
        {
            files.push((name, bytes));
        }
    }
    files.sort_by_key(|(_, b)| std::cmp::Reverse(b.len()));
    files
}

fn bench(c: &mut Criterion) {
    let files = files();
    let opts = ReadOptions::default();
    let (largest_name, largest) = &files[0];

    let mut group = c.benchmark_group(format!("largest ({largest_name})"));
    group.throughput(Throughput::Bytes(largest.len() as u64));
    group.bench_function("afterlift read", |b| {
        b.iter(|| read(black_box(largest), largest_name, &opts))
    });
    let mut defaults = Decoder::new();
    group.bench_function("rustyfit stream, defaults", |b| {
        b.iter(|| bare(black_box(largest), &mut defaults))
    });
    let mut lean = Decoder::builder()
        .expand_components(false)
        .checksum(false)
        .build();
    group.bench_function("rustyfit stream, no expansion/CRC", |b| {
        b.iter(|| bare(black_box(largest), &mut lean))
    });
    group.finish();

    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group(format!("all {} FIT files", files.len()));
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("afterlift read", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(n, f)| read(black_box(f), n, &opts).map_or(0, |p| p.len()))
                .sum::<usize>()
        })
    });
    let mut defaults = Decoder::new();
    group.bench_function("rustyfit stream, defaults", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(_, f)| bare(black_box(f), &mut defaults))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
