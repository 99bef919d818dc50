//! Thousands of damaged copies of the real files in `testdata/` (and the Hevy/Strong fixtures),
//! through every reader, plain and inside `.gz`/`.zip`: bit flips, truncations, inserted and deleted
//! bytes, zeroed and 0xFF-filled ranges, repeated chunks and splices of two files. For every one:
//! - no panic;
//! - a typed error naming the file, or results that keep the readers' promises (`common::sanity`:
//!   finite numbers, heart rates 1–250 bpm, no negative distance or time);
//! - bounded memory: the peak allocated while reading stays under 64× the (decompressed) input plus
//!   1 MiB, measured by a counting global allocator (`peakmem_alloc`), so a length field read from a
//!   damaged file can never size an allocation.
//!
//! Deterministic: the seed is fixed (`AFTERLIFT_MUTATION_SEED` replays another one, and
//! `AFTERLIFT_MUTATIONS` sets how many inputs; default 4000, about 10 s in a debug build). One test
//! function, so the allocation counter sees nothing but the read under test. A failing input is
//! written to `$CARGO_TARGET_TMPDIR/mutations/` for a regression test (`fuzz_regressions.rs`).

mod common;

use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use afterlift_formats::{ReadOptions, read};
use common::sanity::check_parsed;
use peakmem_alloc::{INSTRUMENTED_SYSTEM, PeakMemAlloc, PeakMemAllocTrait};

#[global_allocator]
static ALLOC: &PeakMemAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// Memory a read may use: 64× its (decompressed) input plus this.
const ALLOWANCE_BYTES: usize = 1 << 20;
const ALLOWANCE_FACTOR: usize = 64;

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// A position in `0..=len`, biased to the start where headers and definitions live.
    fn position(&mut self, len: usize) -> usize {
        if self.below(3) == 0 {
            self.below(len.min(64) + 1)
        } else {
            self.below(len + 1)
        }
    }
}

/// A real file: its name (which selects the reader by extension when content does not) and bytes.
struct Sample {
    name: String,
    bytes: Vec<u8>,
}

fn samples() -> Vec<Sample> {
    let mut out = Vec::new();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    for dir in [
        format!("{}/fit", common::DATA),
        format!("{}/gpx", common::DATA),
        format!("{}/tcx", common::DATA),
        format!("{}/strong", common::DATA),
        fixtures.to_owned(),
    ] {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.unwrap().path())
            .filter(|p| {
                !p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("LICENSE")
            })
            .collect();
        files.sort();
        for path in files {
            out.push(Sample {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                bytes: std::fs::read(&path).unwrap(),
            });
        }
    }
    out
}

/// Cuts a large file down to about `max` bytes so mutating it stays cheap in a debug build, keeping it
/// valid: a GPX or TCX file after its last whole track point within `max` (with the elements around it
/// closed again), a CSV file at a line end. FIT files are kept whole (their largest is 148 KB).
fn shrink(name: &str, bytes: &[u8], max: usize) -> Vec<u8> {
    if bytes.len() <= max {
        return bytes.to_vec();
    }
    let cut_after = |marker: &[u8]| {
        bytes[..max]
            .windows(marker.len())
            .rposition(|w| w == marker)
            .map(|i| i + marker.len())
    };
    let (end, closing): (Option<usize>, &[u8]) = if name.ends_with(".gpx") {
        (cut_after(b"</trkpt>"), b"\n</trkseg></trk></gpx>\n")
    } else if name.ends_with(".tcx") {
        (
            cut_after(b"</Trackpoint>"),
            b"\n</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n",
        )
    } else if name.ends_with(".csv") {
        (cut_after(b"\n"), b"")
    } else {
        return bytes.to_vec();
    };
    let end = end.unwrap_or_else(|| panic!("{name}: nothing to cut at"));
    let mut out = bytes[..end].to_vec();
    out.extend_from_slice(closing);
    out
}

/// One damaged copy of `a` (`b` is the other file for splices). Returns the bytes and what was done.
fn mutate(rng: &mut Rng, a: &[u8], b: &[u8]) -> (Vec<u8>, String) {
    let mut bytes = a.to_vec();
    let mut what = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let len = bytes.len();
        match rng.below(9) {
            0 => {
                let n = 1 + rng.below(8);
                for _ in 0..n {
                    if !bytes.is_empty() {
                        let i = rng.position(len - 1).min(len - 1);
                        bytes[i] ^= 1 << rng.below(8);
                    }
                }
                what.push(format!("flip {n} bits"));
            }
            1 => {
                let at = rng.position(len);
                bytes.truncate(at);
                what.push(format!("truncate at {at}"));
            }
            2 => {
                let at = rng.position(len);
                let n = 1 + rng.below(16);
                let inserted: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, inserted);
                what.push(format!("insert {n} bytes at {at}"));
            }
            3 => {
                let at = rng.position(len);
                let n = (1 + rng.below(64)).min(len - at);
                bytes.drain(at..at + n);
                what.push(format!("delete {n} bytes at {at}"));
            }
            4 | 5 => {
                let at = rng.position(len);
                let n = (1 + rng.below(32)).min(len - at);
                let fill = if rng.below(2) == 0 { 0 } else { 0xFF };
                bytes[at..at + n].fill(fill);
                what.push(format!("fill {n} bytes at {at} with {fill:#x}"));
            }
            6 => {
                let at = rng.position(len);
                let n = (1 + rng.below(256)).min(len - at);
                let chunk = bytes[at..at + n].to_vec();
                let to = rng.position(len);
                bytes.splice(to..to, chunk);
                what.push(format!("repeat {n} bytes from {at} at {to}"));
            }
            7 => {
                let cut_a = rng.position(len);
                let cut_b = rng.below(b.len() + 1);
                bytes.truncate(cut_a);
                bytes.extend_from_slice(&b[cut_b..]);
                what.push(format!(
                    "splice at {cut_a} with the other file from {cut_b}"
                ));
            }
            _ => {
                // A little-endian 16/32-bit field set to an extreme (FIT sizes and counts).
                let at = rng.position(len);
                let value: u32 = [0, 1, 0x7FFF, 0xFFFF, 0x7FFF_FFFF, u32::MAX][rng.below(6)];
                let width = if rng.below(2) == 0 { 2 } else { 4 };
                for (k, byte) in value.to_le_bytes()[..width].iter().enumerate() {
                    if let Some(slot) = bytes.get_mut(at + k) {
                        *slot = *byte;
                    }
                }
                what.push(format!("set {width} bytes at {at} to {value:#x}"));
            }
        }
    }
    (bytes, what.join(", "))
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn zip_of(name: &str, data: &[u8]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file(name, opts).unwrap();
    w.write_all(data).unwrap();
    w.finish().unwrap().into_inner()
}

/// The highest peak-to-input ratio seen (inputs of 4 KB or more), in percent, for the summary line.
static WORST_RATIO_PERCENT: AtomicUsize = AtomicUsize::new(0);

/// Runs `f`, catching a panic, and returns its result with the peak bytes allocated meanwhile.
fn measured<T>(f: impl FnOnce() -> T) -> (std::thread::Result<T>, usize) {
    ALLOC.reset_peak_memory();
    let result = catch_unwind(AssertUnwindSafe(f));
    (result, ALLOC.get_peak_memory())
}

/// Whether one input read (`Ok(true)`) or failed cleanly (`Ok(false)`), or what went wrong.
fn check_one(bytes: &[u8], name: &str, inner_len: usize) -> Result<bool, String> {
    let opts = ReadOptions::default();
    let (result, peak) = measured(|| read(bytes, name, &opts));
    let size = inner_len.max(bytes.len());
    let limit = ALLOWANCE_FACTOR * size + ALLOWANCE_BYTES;
    if size >= 4096 {
        WORST_RATIO_PERCENT.fetch_max(peak * 100 / size, Ordering::Relaxed);
    }
    if peak > limit {
        return Err(format!("allocated {peak} bytes at peak (limit {limit})"));
    }
    match result {
        Err(panic) => Err(format!(
            "panicked: {}",
            panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("?")
        )),
        Ok(Err(e)) if e.file != name => Err(format!("error names {:?}, not {name:?}: {e}", e.file)),
        Ok(Err(e)) if e.message.is_empty() => Err(format!("error without a message: {e:?}")),
        Ok(Err(_)) => Ok(false),
        Ok(Ok(parsed)) => check_parsed(&parsed).map(|()| true),
    }
}

#[test]
fn thousands_of_damaged_files_never_panic_nor_overallocate() {
    let seed: u64 = std::env::var("AFTERLIFT_MUTATION_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0xAF7E_511F7);
    let cases: usize = std::env::var("AFTERLIFT_MUTATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4000);
    let samples: Vec<Sample> = samples()
        .into_iter()
        .map(|s| Sample {
            bytes: shrink(&s.name, &s.bytes, 24 * 1024),
            ..s
        })
        .collect();
    // Every reader is represented.
    for ext in [".fit", ".gpx", ".tcx", "strong.csv", "hevy.csv"] {
        assert!(
            samples.iter().any(|s| s.name.ends_with(ext)),
            "no sample for {ext}"
        );
    }
    // The counter sees what a read allocates (so the bound below can fail).
    let (_, peak) = measured(|| std::hint::black_box(vec![1u8; 8 << 20]));
    assert!(peak >= 8 << 20, "peak {peak}");

    // The originals first: the bound must hold for intact files too, and the shrunk ones still read.
    for s in &samples {
        let read_ok = check_one(&s.bytes, &s.name, s.bytes.len())
            .unwrap_or_else(|e| panic!("{}: {e}", s.name));
        // The damaged FIT files (bad CRC, corrupt chained header, truncated) read what precedes the
        // damage; the records CSVs are no format afterlift reads.
        let unreadable = s.name.ends_with("-records.csv");
        assert_eq!(read_ok, !unreadable, "{}", s.name);
    }

    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut by_outcome = [0usize; 2];
    for case in 0..cases {
        let a = &samples[case % samples.len()];
        let b = &samples[rng.below(samples.len())];
        let (inner, what) = mutate(&mut rng, &a.bytes, &b.bytes);
        let plain_name = if rng.below(8) == 0 {
            "input"
        } else {
            a.name.as_str()
        };
        let (bytes, name) = match rng.below(10) {
            0 => (gzip(&inner), format!("{}.gz", a.name)),
            1 => (zip_of(&a.name, &inner), "export.zip".to_owned()),
            _ => (inner.clone(), plain_name.to_owned()),
        };
        let outcome = check_one(&bytes, &name, inner.len());
        if let Ok(read_ok) = outcome {
            by_outcome[usize::from(read_ok)] += 1;
        }
        if let Err(problem) = outcome {
            let dir = format!("{}/mutations", env!("CARGO_TARGET_TMPDIR"));
            std::fs::create_dir_all(&dir).unwrap();
            let path = format!("{dir}/case-{case}-{name}");
            std::fs::write(&path, &bytes).unwrap();
            failures.push(format!(
                "case {case} ({name} from {}: {what}): {problem}; input saved as {path}",
                a.name
            ));
        }
    }
    eprintln!(
        "{cases} damaged inputs from {} files (seed {seed:#x}): {} read, {} typed errors, \
         worst peak allocation {:.1}× the input, in {:.1?}",
        samples.len(),
        by_outcome[1],
        by_outcome[0],
        WORST_RATIO_PERCENT.load(Ordering::Relaxed) as f64 / 100.0,
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The damage is real: most inputs fail, but some still read (damage in a tolerated place).
    assert!(
        by_outcome[0] > cases / 10 && by_outcome[1] > cases / 20,
        "{by_outcome:?}"
    );
}
