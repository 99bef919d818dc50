//! The compact BLOB format for an activity's per-second samples.
//!
//! A 1-hour run has 3,600 samples; stored as one row each it would dwarf everything else in the log, so
//! each activity keeps its samples in a single BLOB: a small, versioned, columnar encoding in which every
//! channel is quantised to an integer and stored as zig-zag varint deltas. Consecutive samples differ by
//! little, so most values take one byte (positions two or three).
//!
//! # Layout, version 1
//!
//! ```text
//! u8         version = 1
//! varint     n, the number of samples
//! n × zvar   offset_s deltas (from 0, then from the previous sample's offset)
//! 8 ×        channel, in this order: hr, cadence, power, speed, distance, altitude, lat, lon
//!   u8         mode: 0 = no sample has a value, 1 = every sample has one, 2 = a presence bitmap follows
//!   [bitmap]   mode 2 only: ceil(n / 8) bytes; bit (i % 8) of byte (i / 8) is set when sample i has a value
//!   k × zvar   the k present values as deltas (from 0, then from the previous present value)
//! ```
//!
//! `varint` is unsigned LEB128; `zvar` is a zig-zag-encoded signed LEB128 (0, -1, 1, -2 … → 0, 1, 2, 3 …).
//! Nothing may follow the last channel.
//!
//! # Quantisation
//!
//! | channel  | stored as                  | round-trip error      | accepted range            |
//! |----------|----------------------------|-----------------------|---------------------------|
//! | offset_s | whole seconds              | exact                 | u32                       |
//! | hr       | bpm                        | exact                 | u8                        |
//! | cadence  | rpm                        | exact                 | u8                        |
//! | power    | watts                      | exact                 | u16                       |
//! | speed    | cm/s (u16)                 | ≤ 0.005 m/s           | 0 – 655.35 m/s            |
//! | distance | decimetres (u32)           | ≤ 0.05 m              | 0 – 429,496,729.5 m       |
//! | altitude | decimetres (i32)           | ≤ 0.05 m              | ±1,000,000 m              |
//! | lat, lon | semicircles (2³¹ = 180°)   | ≤ 4.2 × 10⁻⁸ ° (5 mm) | ±90°, ±180°               |
//!
//! Quantisation is idempotent: decoding and re-encoding gives the same bytes, so an export re-imports
//! to exactly what was stored. Semicircles are FIT's own unit, so FIT positions round-trip exactly.
//!
//! A new layout gets a new version byte; [`decode`] keeps reading every version ever written.

use afterlift_core::session::Sample;

/// The version byte written by [`encode`].
pub const FORMAT_VERSION: u8 = 1;

/// Why a sample could not be encoded: which sample, which field, what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("samples[{index}].{field}: {message}")]
pub struct SampleError {
    pub index: usize,
    pub field: &'static str,
    pub message: String,
}

/// Why a BLOB could not be decoded (it is damaged or from an unknown future version).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DecodeError(pub String);

const SPEED_PER_MPS: f64 = 100.0; // cm/s
const DISTANCE_PER_M: f64 = 10.0; // dm
const ALTITUDE_PER_M: f64 = 10.0; // dm
const SEMICIRCLES_PER_DEG: f64 = 2_147_483_648.0 / 180.0; // 2^31 / 180

/// The channels in their stored order, each with how it is quantised.
#[derive(Clone, Copy)]
enum Channel {
    Hr,
    Cadence,
    Power,
    Speed,
    Distance,
    Altitude,
    Lat,
    Lon,
}

const CHANNELS: [Channel; 8] = [
    Channel::Hr,
    Channel::Cadence,
    Channel::Power,
    Channel::Speed,
    Channel::Distance,
    Channel::Altitude,
    Channel::Lat,
    Channel::Lon,
];

impl Channel {
    fn field(self) -> &'static str {
        match self {
            Channel::Hr => "hr_bpm",
            Channel::Cadence => "cadence_rpm",
            Channel::Power => "power_w",
            Channel::Speed => "speed_mps",
            Channel::Distance => "distance_m",
            Channel::Altitude => "altitude_m",
            Channel::Lat => "lat_deg",
            Channel::Lon => "lon_deg",
        }
    }

    /// The inclusive range of the quantised integer.
    fn int_range(self) -> (i64, i64) {
        match self {
            Channel::Hr | Channel::Cadence => (0, i64::from(u8::MAX)),
            Channel::Power | Channel::Speed => (0, i64::from(u16::MAX)),
            Channel::Distance => (0, i64::from(u32::MAX)),
            // ±1,000 km keeps the f32 → dm → f32 trip idempotent (f32 spacing stays below 1 dm).
            Channel::Altitude => (-10_000_000, 10_000_000),
            Channel::Lat => (-(1 << 30), 1 << 30),
            Channel::Lon => (-(1 << 31), 1 << 31),
        }
    }

    /// Units of the quantised integer per unit of the field.
    fn per_unit(self) -> f64 {
        match self {
            Channel::Hr | Channel::Cadence | Channel::Power => 1.0,
            Channel::Speed => SPEED_PER_MPS,
            Channel::Distance => DISTANCE_PER_M,
            Channel::Altitude => ALTITUDE_PER_M,
            Channel::Lat | Channel::Lon => SEMICIRCLES_PER_DEG,
        }
    }

    fn range_message(self) -> String {
        match self {
            Channel::Hr | Channel::Cadence => "must be 0–255".into(),
            Channel::Power => "must be 0–65535 W".into(),
            Channel::Speed => "must be between 0 and 655.35 m/s".into(),
            Channel::Distance => "must be between 0 and 429,496,729 m".into(),
            Channel::Altitude => "must be between -1,000,000 and 1,000,000 m".into(),
            Channel::Lat => "must be between -90 and 90 degrees".into(),
            Channel::Lon => "must be between -180 and 180 degrees".into(),
        }
    }

    /// Writes the decoded value `q` of this channel into `s`.
    fn store(self, s: &mut Sample, q: i64) {
        // `q` was range-checked by the caller, so the narrowing casts below are exact.
        match self {
            Channel::Hr => s.hr_bpm = Some(q as u8),
            Channel::Cadence => s.cadence_rpm = Some(q as u8),
            Channel::Power => s.power_w = Some(q as u16),
            Channel::Speed => s.speed_mps = Some((q as f64 / SPEED_PER_MPS) as f32),
            Channel::Distance => s.distance_m = Some(q as f64 / DISTANCE_PER_M),
            Channel::Altitude => s.altitude_m = Some((q as f64 / ALTITUDE_PER_M) as f32),
            Channel::Lat => s.lat_deg = Some(q as f64 / SEMICIRCLES_PER_DEG),
            Channel::Lon => s.lon_deg = Some(q as f64 / SEMICIRCLES_PER_DEG),
        }
    }
}

const MODE_NONE: u8 = 0;
const MODE_ALL: u8 = 1;
const MODE_BITMAP: u8 = 2;

/// Encodes `samples` in the current layout. Fails, naming the sample and field, on a value that is
/// not a number or outside its channel's range (see the module docs).
pub fn encode(samples: &[Sample]) -> Result<Vec<u8>, SampleError> {
    // ~11 bytes per sample for a typical GPS run with HR; reserve to avoid regrowth.
    let mut out = Vec::with_capacity(16 + samples.len() * 12);
    out.push(FORMAT_VERSION);
    put_varint(&mut out, samples.len() as u64);

    let mut prev = 0i64;
    for s in samples {
        let v = i64::from(s.offset_s);
        put_zvar(&mut out, v - prev);
        prev = v;
    }

    let mut values = Vec::with_capacity(samples.len());
    for channel in CHANNELS {
        // One loop per channel, each reading its field directly: this runs for every sample of every
        // imported activity.
        let (out, values) = (&mut out, &mut values);
        match channel {
            Channel::Hr => put_channel(out, values, samples, channel, |s| s.hr_bpm.map(f64::from)),
            Channel::Cadence => put_channel(out, values, samples, channel, |s| {
                s.cadence_rpm.map(f64::from)
            }),
            Channel::Power => {
                put_channel(out, values, samples, channel, |s| s.power_w.map(f64::from))
            }
            Channel::Speed => put_channel(out, values, samples, channel, |s| {
                s.speed_mps.map(f64::from)
            }),
            Channel::Distance => put_channel(out, values, samples, channel, |s| s.distance_m),
            Channel::Altitude => put_channel(out, values, samples, channel, |s| {
                s.altitude_m.map(f64::from)
            }),
            Channel::Lat => put_channel(out, values, samples, channel, |s| s.lat_deg),
            Channel::Lon => put_channel(out, values, samples, channel, |s| s.lon_deg),
        }?;
    }
    Ok(out)
}

/// Writes one channel of [`encode`]: its mode, the presence bitmap if needed, and the present values' deltas.
/// `get` is the channel's value in its field's unit; it is quantised here (scaled, rounded, range-checked).
#[inline(always)]
fn put_channel(
    out: &mut Vec<u8>,
    values: &mut Vec<i64>,
    samples: &[Sample],
    channel: Channel,
    get: impl Fn(&Sample) -> Option<f64>,
) -> Result<(), SampleError> {
    let per_unit = channel.per_unit();
    let (lo, hi) = channel.int_range();
    let (lo, hi) = (lo as f64, hi as f64);
    let mode_at = out.len();
    out.push(MODE_BITMAP);
    let bitmap_at = out.len();
    out.resize(bitmap_at + samples.len().div_ceil(8), 0);
    values.clear();
    for (index, s) in samples.iter().enumerate() {
        let Some(v) = get(s) else { continue };
        let fail = |message| SampleError {
            index,
            field: channel.field(),
            message,
        };
        if !v.is_finite() {
            return Err(fail(format!("{v} is not a number")));
        }
        let q = (v * per_unit).round();
        // The range check is on the float so that huge values cannot saturate into range.
        if q < lo || q > hi {
            return Err(fail(channel.range_message()));
        }
        values.push(q as i64);
        out[bitmap_at + index / 8] |= 1 << (index % 8);
    }
    if values.is_empty() {
        out.truncate(mode_at);
        out.push(MODE_NONE);
        return Ok(());
    }
    if values.len() == samples.len() {
        out.truncate(bitmap_at);
        out[mode_at] = MODE_ALL;
    }
    let mut prev = 0i64;
    for &v in values.iter() {
        put_zvar(out, v - prev);
        prev = v;
    }
    Ok(())
}

/// Decodes a BLOB written by any version of [`encode`]. Never panics: damaged input is an error.
pub fn decode(bytes: &[u8]) -> Result<Vec<Sample>, DecodeError> {
    let mut r = Reader { bytes, pos: 0 };
    let version = r.byte()?;
    if version != FORMAT_VERSION {
        return Err(DecodeError(format!(
            "unknown samples format version {version} (this build reads version {FORMAT_VERSION})"
        )));
    }
    let n = r.varint()?;
    // Every sample takes at least one byte of offsets, so a larger count is damage, not a big activity;
    // checking first keeps a damaged count from allocating gigabytes.
    if n > (bytes.len() - r.pos) as u64 {
        return Err(DecodeError(format!(
            "sample count {n} exceeds the {} bytes that follow",
            bytes.len() - r.pos
        )));
    }
    let n = n as usize;
    let mut samples = vec![Sample::default(); n];

    let mut prev = 0i64;
    for s in samples.iter_mut() {
        let v = prev
            .checked_add(r.zvar()?)
            .ok_or_else(|| DecodeError("offset overflows".into()))?;
        s.offset_s =
            u32::try_from(v).map_err(|_| DecodeError(format!("offset {v} s is out of range")))?;
        prev = v;
    }

    for channel in CHANNELS {
        let mode = r.byte()?;
        let bitmap = match mode {
            MODE_NONE => continue,
            MODE_ALL => None,
            MODE_BITMAP => Some(r.take(n.div_ceil(8))?),
            other => {
                return Err(DecodeError(format!(
                    "unknown mode {other} for channel {}",
                    channel.field()
                )));
            }
        };
        let (lo, hi) = channel.int_range();
        let mut prev = 0i64;
        for (i, s) in samples.iter_mut().enumerate() {
            if let Some(bits) = bitmap
                && bits[i / 8] & (1 << (i % 8)) == 0
            {
                continue;
            }
            let v = prev
                .checked_add(r.zvar()?)
                .ok_or_else(|| DecodeError(format!("{} overflows", channel.field())))?;
            if v < lo || v > hi {
                return Err(DecodeError(format!(
                    "{} value {v} at sample {i} is out of range",
                    channel.field()
                )));
            }
            channel.store(s, v);
            prev = v;
        }
    }
    if r.pos != bytes.len() {
        return Err(DecodeError(format!(
            "{} unexpected bytes after the last channel",
            bytes.len() - r.pos
        )));
    }
    Ok(samples)
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_zvar(out: &mut Vec<u8>, v: i64) {
    put_varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or_else(|| DecodeError(format!("truncated at byte {}", self.pos)))?;
        self.pos += 1;
        Ok(b)
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| DecodeError(format!("truncated at byte {}", self.pos)))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(DecodeError(format!("varint too long at byte {}", self.pos)))
    }

    fn zvar(&mut self) -> Result<i64, DecodeError> {
        let u = self.varint()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A deterministic, realistic 1-hour run: 1 Hz, HR, speed, distance, cadence, altitude and GPS.
    pub(crate) fn one_hour_run() -> Vec<Sample> {
        crate::testdata::one_hour_run_samples()
    }

    #[test]
    fn empty_round_trips() {
        let bytes = encode(&[]).unwrap();
        assert_eq!(bytes, vec![FORMAT_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(decode(&bytes).unwrap(), vec![]);
    }

    #[test]
    fn mixed_presence_round_trips_exactly_on_quantised_values() {
        // Positions as FIT records them, in semicircles.
        let deg = |semicircles: i32| f64::from(semicircles) * 180.0 / 2_147_483_648.0;
        let samples = vec![
            Sample {
                offset_s: 0,
                hr_bpm: Some(120),
                speed_mps: Some(3.25),
                distance_m: Some(0.0),
                cadence_rpm: None,
                altitude_m: Some(-12.5),
                power_w: Some(250),
                lat_deg: Some(deg(626_349_397)),
                lon_deg: Some(deg(-158_073_265)),
            },
            Sample {
                offset_s: 1,
                ..Sample::default()
            },
            Sample {
                offset_s: 5,
                hr_bpm: Some(121),
                distance_m: Some(12.3),
                cadence_rpm: Some(88),
                ..Sample::default()
            },
        ];
        let decoded = decode(&encode(&samples).unwrap()).unwrap();
        assert_eq!(decoded, samples);
    }

    #[test]
    fn one_hour_run_is_compact() {
        let samples = one_hour_run();
        let bytes = encode(&samples).unwrap();
        // A naive fixed-width row (u32 + u8 + f32 + f64 + u8 + f32 + u16 + 2 × f64) is 40 bytes/sample.
        let naive = samples.len() * 40;
        println!(
            "1-hour run: {} samples, {} bytes ({:.1} B/sample; naive fixed-width {} bytes)",
            samples.len(),
            bytes.len(),
            bytes.len() as f64 / samples.len() as f64,
            naive
        );
        assert!(bytes.len() < 48_000, "{} bytes", bytes.len());
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.len(), samples.len());
        assert_eq!(
            encode(&decoded).unwrap(),
            bytes,
            "quantisation is idempotent"
        );
    }

    #[test]
    fn rejects_values_outside_their_channel() {
        let bad = |s: Sample| encode(&[Sample::default(), s]).unwrap_err();
        let e = bad(Sample {
            speed_mps: Some(-1.0),
            ..Sample::default()
        });
        assert_eq!((e.index, e.field), (1, "speed_mps"));
        let e = bad(Sample {
            distance_m: Some(f64::NAN),
            ..Sample::default()
        });
        assert_eq!(e.field, "distance_m");
        let e = bad(Sample {
            lat_deg: Some(90.5),
            ..Sample::default()
        });
        assert_eq!(e.field, "lat_deg");
        let e = bad(Sample {
            lon_deg: Some(1e300),
            ..Sample::default()
        });
        assert_eq!(e.field, "lon_deg");
        assert!(
            encode(&[Sample {
                lon_deg: Some(180.0),
                lat_deg: Some(-90.0),
                ..Sample::default()
            }])
            .is_ok()
        );
    }

    #[test]
    fn rejects_damage() {
        let bytes = encode(&one_hour_run()[..100]).unwrap();
        assert!(decode(&[]).is_err());
        assert!(decode(&[9]).unwrap_err().0.contains("version 9"));
        for cut in [1, 2, 50, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
        // A huge sample count must not allocate.
        assert!(decode(&[1, 0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
    }

    fn arb_sample() -> impl Strategy<Value = Sample> {
        (
            any::<u32>(),
            proptest::option::of(any::<u8>()),
            proptest::option::of(0.0f32..655.35),
            proptest::option::of(0.0f64..429_496_729.0),
            proptest::option::of(any::<u8>()),
            proptest::option::of(-1_000_000.0f32..1_000_000.0),
            proptest::option::of(any::<u16>()),
            proptest::option::of(-90.0f64..=90.0),
            proptest::option::of(-180.0f64..=180.0),
        )
            .prop_map(
                |(
                    offset_s,
                    hr_bpm,
                    speed_mps,
                    distance_m,
                    cadence_rpm,
                    altitude_m,
                    power_w,
                    lat_deg,
                    lon_deg,
                )| {
                    Sample {
                        offset_s,
                        hr_bpm,
                        speed_mps,
                        distance_m,
                        cadence_rpm,
                        altitude_m,
                        power_w,
                        lat_deg,
                        lon_deg,
                    }
                },
            )
    }

    fn close(a: Option<f64>, b: Option<f64>, tolerance: f64) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => (a - b).abs() <= tolerance,
            _ => false,
        }
    }

    proptest! {
        #[test]
        fn arbitrary_samples_round_trip_within_quantisation(samples in proptest::collection::vec(arb_sample(), 0..300)) {
            let bytes = encode(&samples).unwrap();
            let decoded = decode(&bytes).unwrap();
            prop_assert_eq!(decoded.len(), samples.len());
            for (a, b) in samples.iter().zip(&decoded) {
                prop_assert_eq!(a.offset_s, b.offset_s);
                prop_assert_eq!(a.hr_bpm, b.hr_bpm);
                prop_assert_eq!(a.cadence_rpm, b.cadence_rpm);
                prop_assert_eq!(a.power_w, b.power_w);
                prop_assert!(close(a.speed_mps.map(f64::from), b.speed_mps.map(f64::from), 0.005 + 1e-4), "speed {:?} {:?}", a.speed_mps, b.speed_mps);
                prop_assert!(close(a.distance_m, b.distance_m, 0.05 + 1e-6), "distance {:?} {:?}", a.distance_m, b.distance_m);
                // f32 itself carries ~0.06 m of precision at 1e6 m; the quantum adds 0.05 m.
                let alt_tol = a.altitude_m.map_or(0.0, |v| f64::from(v).abs() * 1.2e-7) + 0.05 + 1e-4;
                prop_assert!(close(a.altitude_m.map(f64::from), b.altitude_m.map(f64::from), alt_tol), "altitude {:?} {:?}", a.altitude_m, b.altitude_m);
                prop_assert!(close(a.lat_deg, b.lat_deg, 4.2e-8 + 1e-12));
                prop_assert!(close(a.lon_deg, b.lon_deg, 4.2e-8 + 1e-12));
            }
            // Idempotent: what was stored re-encodes to the same bytes (lossless export → re-import).
            prop_assert_eq!(encode(&decoded).unwrap(), bytes);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut bytes = bytes;
            if let Some(b) = bytes.first_mut() { *b = FORMAT_VERSION; }
            let _ = decode(&bytes);
        }
    }
}
