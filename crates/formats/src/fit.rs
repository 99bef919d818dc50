//! FIT activity files (Garmin, Coros, Wahoo, Suunto…) with rustyfit's streaming decoder.
//!
//! Messages are matched by number and only the fields afterlift uses are kept: no per-record struct
//! of a hundred fields, one `Sample` per `record` message into a vector sized from the file length.
//! Component expansion is off (it is most of rustyfit's per-field cost); the one component the
//! readers need, `record.compressed_speed_distance`, is expanded here.
//!
//! What the reader does with the file's structure:
//! - Chained files (several FIT headers in one file) are read as one: extra sequences without a
//!   `file_id` (e.g. the HRM-Swim heart-rate data Garmin appends) add their messages; a chained
//!   sequence whose `file_id` is not an activity is ignored.
//! - Every header CRC and file CRC is checked. At the first damage (a CRC mismatch, a truncated
//!   message, a bad chained header, a data message of an undefined local type) reading stops: what
//!   was decoded before it is kept and marked partial ([`crate::Partial`]: the byte offset and what
//!   was wrong), with a warning saying how much was kept. When the damage is a message of an undefined
//!   type, the record just before it is dropped (the decoder lost the boundaries in it). A file with
//!   nothing usable before the damage still fails. Trailing zero bytes after the last complete
//!   sequence are tolerated (with a warning).
//! - A file whose `file_id.type` is not `activity` (monitoring, settings, …) is skipped with a reason.
//! - One item per `session` message: cardio sessions become an [`Activity`]; transition sessions of
//!   multisport files are dropped; a strength-training session (`sub_sport = strength_training`)
//!   becomes a [`StrengthSession`] whose exercises come from the `set` messages, named after their
//!   FIT exercise category ("Bench Press", "Squat"); without `set` messages it has no exercises (and
//!   a warning says so). Its heart-rate samples are not kept: `StrengthSession` has no field for them.
//! - Records belong to the session whose [start, start + elapsed time] holds them (60 s of slack
//!   after its end, cut at the next session's start), whatever the message order and whatever the
//!   session's `timestamp` says (some apps write the start there, or nothing). Records outside every
//!   session are not imported, and a warning counts them.
//! - Plausibility: records dated before 1998 in a file whose clock is absolute are dropped (a clock
//!   not set); a session start before 1998, or one whose start + elapsed runs into the next session,
//!   is placed by its timestamp less its elapsed time; a lone session that holds less than half of
//!   the records (broken dates, a broken elapsed time) is dated and timed from its records; records
//!   covering much less than the session's elapsed time are noted. Each says what was done.
//! - Laps: each `lap` message belongs, like the records, to the session whose span holds its start
//!   (`start_time`, else its `timestamp` less its elapsed time); a lap outside every session, or one
//!   that gives no time at all, is dropped with a warning naming it (`lap message 4`). Its values are
//!   checked as every reader's laps are (`activity::check_laps`). A field at FIT's "invalid" value is
//!   one the device did not record, as everywhere in FIT: absent, not an error.
//! - Sport: the session's; a lone session that does not name one (or says generic) takes the
//!   `sport` message's, else the first lap's.
//! - Summary fields come from the session; a field the session lacks, or a missing session, is
//!   recomputed from the session's records (see `activity::summarize`).
//! - `utc_offset_s` is `activity.local_timestamp − activity.timestamp`.
//! - Timestamps below 0x10000000 count from device power-on (old Garmin devices without GPS time):
//!   they are anchored on the activity message's local time, read in [`ReadOptions::time_zone`].
//! - Developer fields are decoded by rustyfit and ignored here. The `hr` messages of HRM-Swim data
//!   are not merged into swim samples.

use std::cell::Cell;
use std::ops::Range;

use afterlift_core::limits;
use afterlift_core::session::{
    Activity, ExerciseLog, Lap, LapTrigger, Sample, SetKind, SetLog, Sport, StrengthSession,
};
use rustyfit::profile::mesgdef;
use rustyfit::profile::typedef::{self, MesgNum};
use rustyfit::proto::{Message, Value};
use rustyfit::{Decoder, DecoderError, DecoderEvent, StreamingIterator};

use crate::activity::{self, check_laps, check_summary, clean_samples, label, summarize};
use crate::error::{ErrorKind, Place, ReadError};
use crate::registry::{Confidence, FileFormat, Signature};
use crate::{Format, Output, Partial, ReadOptions};

/// The FIT format in the registry: recognised by `.FIT` at bytes 8–11 of its header.
pub(crate) struct Fit;

impl FileFormat for Fit {
    fn name(&self) -> &'static str {
        "fit"
    }
    fn label(&self) -> &'static str {
        "FIT"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["fit"]
    }
    fn signature(&self) -> Signature {
        Signature::Binary
    }
    fn sniff(&self, bytes: &[u8]) -> Confidence {
        if bytes.get(8..12) == Some(b".FIT") {
            Confidence::Certain
        } else {
            Confidence::No
        }
    }
    fn read(&self, bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<Output, ReadError> {
        read(bytes, file, opts)
    }
}

#[allow(non_upper_case_globals)]
impl Format {
    /// FIT, from the registry.
    pub const Fit: Format = Format::of(&Fit);
}

/// Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
const FIT_EPOCH_UNIX_S: i64 = 631_065_600;
/// FIT `date_time` values below this count from device power-on, not from the FIT epoch.
const MIN_ABSOLUTE_DATE_TIME: u32 = 0x1000_0000;
/// Degrees per semicircle (2^31 semicircles = 180°).
const DEG_PER_SEMICIRCLE: f64 = 180.0 / 2_147_483_648.0;
/// FIT `file` type of an activity file.
const FILE_ACTIVITY: u8 = 4;
/// FIT `sport` values: generic (says nothing) and a multisport transition.
const SPORT_GENERIC: u8 = 0;
const SPORT_TRANSITION: u8 = 3;
/// Records up to this long after a session's start + elapsed time (and before the next session) are
/// still its own: devices round, and some stop the elapsed clock a little before the last record.
const SESSION_END_SLACK_S: u32 = 60;
/// Records this long before a session's start are its own (a start derived from an end and a
/// fractional elapsed time is rounded).
const SESSION_START_SLACK_S: u32 = 2;

fn read(bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<Output, ReadError> {
    let pos = Cell::new(0usize);
    // rustyfit's own CRC check resets after a 14-byte header even when that header's CRC is 0, in
    // which case the file CRC covers the header too: the CRCs are checked here instead.
    let mut decoder = Decoder::builder()
        .expand_components(false)
        .checksum(false)
        .build();
    let mut stream = decoder.stream(SliceReader {
        data: bytes,
        pos: &pos,
    });
    let mut track = Tracker::default();
    let mut c = Collector::with_capacity(bytes.len() / 40 + 16);
    // The first damage met: everything decoded before it is kept when it holds activity data.
    let mut damage: Option<(usize, ReadError)> = None;
    loop {
        let start = pos.get();
        let Some(event) = stream.next() else { break };
        match event {
            Ok(DecoderEvent::FileHeader(header)) => {
                track.on_header(start, header.size, header.data_size);
                if header.size == 14 && header.crc != 0 {
                    let computed = bytes.get(start..start + 12).map_or(0, crc16);
                    if computed != header.crc {
                        damage = Some((
                            start,
                            ReadError::new(
                                file,
                                ErrorKind::Checksum,
                                Place::Byte(start as u64 + 12),
                                format!(
                                    "the file header's CRC is 0x{:04X} but its bytes give 0x{computed:04X}: the file is damaged",
                                    header.crc
                                ),
                            ),
                        ));
                        break;
                    }
                }
                c.on_sequence();
            }
            Ok(DecoderEvent::MessageDefinition(def)) => {
                let header = bytes.get(start).copied().unwrap_or(0);
                let size: u32 = def
                    .field_definitions
                    .iter()
                    .map(|f| u32::from(f.size))
                    .sum::<u32>()
                    + def
                        .developer_field_definitions
                        .iter()
                        .map(|f| u32::from(f.size))
                        .sum::<u32>();
                if let Some(slot) = track.local_defs.get_mut(usize::from(header & 0x0F)) {
                    *slot = Some((def.mesg_num, size));
                }
            }
            Ok(DecoderEvent::Message(mesg)) => c.on_message(mesg, start),
            Ok(DecoderEvent::Crc(stored)) => {
                // The file CRC covers the sequence from its header to the end of its data.
                let computed = bytes.get(track.sequence_start..start).map_or(0, crc16);
                if computed != stored {
                    damage = Some((
                        start,
                        ReadError::new(
                            file,
                            ErrorKind::Checksum,
                            Place::Byte(start as u64),
                            format!(
                                "the file CRC is 0x{stored:04X} but bytes {}–{} give 0x{computed:04X}: the file is damaged",
                                track.sequence_start,
                                start.saturating_sub(1)
                            ),
                        ),
                    ));
                    break;
                }
                track.expect_header = true;
            }
            Err(err) => {
                let rest = bytes.get(start..).unwrap_or_default();
                if track.expect_header && track.sequences > 0 && rest.iter().all(|&b| b == 0) {
                    c.warnings.push(format!(
                        "byte {start}: {} trailing zero bytes after the FIT data ignored",
                        rest.len()
                    ));
                    break;
                }
                let misaligned = matches!(err, DecoderError::MissingMessageDefinition { .. });
                damage = Some((start, track.error(err, bytes, start, file)));
                if misaligned {
                    // A data message of an undefined type means the decoder lost the message boundaries
                    // somewhere in the message before: that one is not trusted.
                    c.drop_last_record();
                }
                break;
            }
        }
    }
    if track.sequences == 0 {
        return Err(ReadError::new(
            file,
            ErrorKind::BadHeader,
            Place::Byte(0),
            "expected a FIT file header, found none",
        ));
    }
    let partial = match damage {
        None => None,
        // Nothing usable before the damage: the file is unreadable.
        Some((_, error)) if !c.has_activity_data() => return Err(error),
        Some((offset, error)) => Some(c.salvage(offset, bytes.len(), error, file)),
    };
    let mut output = c.finish(file, opts)?;
    output.partial = partial;
    Ok(output)
}

/// A byte slice as rustyfit's reader, publishing how far it has read (for error positions).
struct SliceReader<'a> {
    data: &'a [u8],
    pos: &'a Cell<usize>,
}

impl embedded_io::ErrorType for SliceReader<'_> {
    type Error = core::convert::Infallible;
}

impl embedded_io::Read for SliceReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        let pos = self.pos.get();
        let rest = self.data.get(pos..).unwrap_or_default();
        let n = rest.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), rest.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.pos.set(pos + n);
        Ok(n)
    }
}

/// Where the decoder is in the file's structure, to say what was expected when it fails.
#[derive(Default)]
struct Tracker {
    sequences: usize,
    expect_header: bool,
    sequence_start: usize,
    /// Where the current sequence's data ends and its CRC starts.
    data_end: usize,
    /// Per local message type: the global message and the size of its data.
    local_defs: [Option<(MesgNum, u32)>; 16],
}

impl Tracker {
    fn on_header(&mut self, start: usize, header_size: u8, data_size: u32) {
        self.sequences += 1;
        self.expect_header = false;
        self.sequence_start = start;
        self.data_end = start
            .saturating_add(usize::from(header_size))
            .saturating_add(usize::try_from(data_size).unwrap_or(usize::MAX));
        self.local_defs = [None; 16];
    }

    fn error(
        &self,
        err: DecoderError<core::convert::Infallible>,
        bytes: &[u8],
        start: usize,
        file: &str,
    ) -> ReadError {
        let len = bytes.len();
        let have = len.saturating_sub(start);
        let after = match self.sequences {
            0 => String::new(),
            n => format!(" (after {n} complete FIT sequence{})", plural(n)),
        };
        match err {
            DecoderError::UnexpectedEof => {
                let message = if self.expect_header {
                    let size = bytes.get(start).copied().unwrap_or(14);
                    format!("expected a {size}-byte FIT file header, found {have} bytes")
                } else if start >= self.data_end {
                    format!("expected the 2-byte file CRC, found {have} bytes")
                } else {
                    let header = bytes.get(start).copied().unwrap_or(0);
                    if header & 0xC0 == 0x40 {
                        format!(
                            "expected the rest of a message definition (local message type {})",
                            header & 0x0F
                        )
                    } else {
                        let local = if header & 0x80 != 0 {
                            (header >> 5) & 0x03
                        } else {
                            header & 0x0F
                        };
                        match self.local_defs.get(usize::from(local)).copied().flatten() {
                            Some((num, size)) => {
                                let missing = (size as usize + 1).saturating_sub(have).max(1);
                                let name = num.to_string();
                                let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
                                    "an"
                                } else {
                                    "a"
                                };
                                format!(
                                    "expected {missing} more byte{} of {article} {name} message",
                                    plural(missing)
                                )
                            }
                            None => format!(
                                "expected the rest of a data message (local message type {local})"
                            ),
                        }
                    }
                };
                ReadError::new(
                    file,
                    ErrorKind::UnexpectedEof,
                    Place::Byte(len as u64),
                    message,
                )
            }
            DecoderError::NotFITFile => {
                let size = bytes.get(start).copied().unwrap_or(0);
                let data_type = bytes
                    .get(start + 8..(start + 12).min(len))
                    .map(|b| b.escape_ascii().to_string())
                    .unwrap_or_default();
                ReadError::new(
                    file,
                    ErrorKind::BadHeader,
                    Place::Byte(start as u64),
                    format!(
                        "expected a FIT file header (size 12 or 14, data type \".FIT\"), found size {size} and data type \"{data_type}\"{after}"
                    ),
                )
            }
            DecoderError::ChecksumMismatch { found, calculated } => ReadError::new(
                file,
                ErrorKind::Checksum,
                Place::Byte(start as u64),
                format!(
                    "the stored CRC is 0x{found:04X} but the bytes give 0x{calculated:04X}: the file is damaged"
                ),
            ),
            DecoderError::MissingMessageDefinition { local_mesg_num } => ReadError::new(
                file,
                ErrorKind::Malformed,
                Place::Byte(start as u64),
                format!(
                    "expected a definition of local message type {local_mesg_num} before its data message"
                ),
            ),
            DecoderError::Io { .. } => ReadError::new(
                file,
                ErrorKind::Malformed,
                Place::Byte(start as u64),
                "read error",
            ),
        }
    }
}

/// CRC-16 of the FIT protocol (CRC-16/ARC: polynomial 0x8005 reflected, initial value 0), eight bytes at
/// a time ("slicing-by-8": `CRC_TABLES[k][b]` is the CRC of byte `b` followed by `k` zero bytes), several
/// times faster than a byte at a time on a multi-megabyte recording.
pub(crate) fn crc16(bytes: &[u8]) -> u16 {
    let t = &CRC_TABLES;
    let mut crc = 0u16;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let lo = crc ^ u16::from_le_bytes([c[0], c[1]]);
        crc = t[7][usize::from(lo as u8)]
            ^ t[6][usize::from(lo >> 8)]
            ^ t[5][usize::from(c[2])]
            ^ t[4][usize::from(c[3])]
            ^ t[3][usize::from(c[4])]
            ^ t[2][usize::from(c[5])]
            ^ t[1][usize::from(c[6])]
            ^ t[0][usize::from(c[7])];
    }
    chunks.remainder().iter().fold(crc, |crc, &b| {
        (crc >> 8) ^ t[0][usize::from((crc ^ u16::from(b)) as u8)]
    })
}

const CRC_TABLES: [[u16; 256]; 8] = {
    let mut t = [[0u16; 256]; 8];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u16;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
            bit += 1;
        }
        t[0][i] = crc;
        i += 1;
    }
    let mut k = 1;
    while k < 8 {
        let mut i = 0;
        while i < 256 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            i += 1;
        }
        k += 1;
    }
    t
};

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

// ---- raw values: FIT "invalid" markers become None ----

fn uint(v: &Value) -> Option<u32> {
    match v {
        Value::Uint8(x) if *x != u8::MAX => Some(u32::from(*x)),
        Value::Uint16(x) if *x != u16::MAX => Some(u32::from(*x)),
        Value::Uint32(x) if *x != u32::MAX => Some(*x),
        // Some writers define a field with another base type or size than the profile's (a signed
        // timestamp, a two-byte enum read as an array): read the value they mean.
        Value::Int8(_) | Value::Int16(_) | Value::Int32(_) => {
            sint(v).and_then(|x| u32::try_from(x).ok())
        }
        Value::Uint64(x) if *x != u64::MAX => u32::try_from(*x).ok(),
        Value::ArrayUint8(xs) => xs.first().and_then(|&x| uint(&Value::Uint8(x))),
        Value::ArrayUint16(xs) => xs.first().and_then(|&x| uint(&Value::Uint16(x))),
        Value::ArrayUint32(xs) => xs.first().and_then(|&x| uint(&Value::Uint32(x))),
        _ => None,
    }
}

fn sint(v: &Value) -> Option<i32> {
    match *v {
        Value::Int8(x) if x != i8::MAX => Some(i32::from(x)),
        Value::Int16(x) if x != i16::MAX => Some(i32::from(x)),
        Value::Int32(x) if x != i32::MAX => Some(x),
        _ => None,
    }
}

fn uint8(v: &Value) -> Option<u8> {
    uint(v).and_then(|x| u8::try_from(x).ok())
}

fn uint16(v: &Value) -> Option<u16> {
    uint(v).and_then(|x| u16::try_from(x).ok())
}

/// A FIT `uint` scaled value: raw / scale.
fn scaled(v: &Value, scale: f64) -> Option<f64> {
    uint(v).map(|x| f64::from(x) / scale)
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.to_string()),
        _ => None,
    }
}

/// The first element of a (possibly array) `uint16` value.
fn first_u16(v: &Value) -> Option<u16> {
    match v {
        Value::ArrayUint16(xs) => xs.first().copied().filter(|&x| x != u16::MAX),
        other => uint16(other),
    }
}

// ---- collected messages ----

#[derive(Debug, Default, Clone, PartialEq)]
struct SessionMsg {
    start: Option<u32>,
    /// The message's timestamp: usually the session's end, but some apps write the start (or nothing).
    timestamp: Option<u32>,
    sport: Option<u8>,
    sub_sport: Option<u8>,
    elapsed_s: Option<f64>,
    timer_s: Option<f64>,
    distance_m: Option<f64>,
    calories_kcal: Option<f64>,
    avg_hr: Option<u8>,
    max_hr: Option<u8>,
    name: Option<String>,
    /// Recomputed from records (the file had no session message).
    synthetic: bool,
}

/// A `lap` message's fields that afterlift keeps (raw FIT times; values scaled, `None` when invalid).
#[derive(Debug, Default, Clone, PartialEq)]
struct LapMsg {
    start: Option<u32>,
    timestamp: Option<u32>,
    elapsed_s: Option<f64>,
    timer_s: Option<f64>,
    distance_m: Option<f64>,
    avg_hr: Option<u8>,
    max_hr: Option<u8>,
    avg_speed: Option<f64>,
    enhanced_avg_speed: Option<f64>,
    ascent_m: Option<u16>,
    avg_cadence: Option<u8>,
    /// 1/128 of a revolution a minute, added to `avg_cadence`.
    avg_fractional_cadence: Option<u8>,
    trigger: Option<u8>,
}

impl LapMsg {
    /// The lap's start: its `start_time`, else its timestamp (the lap's end) less its length.
    fn start(&self, plausible: impl Fn(u32) -> bool) -> Option<u32> {
        self.start.filter(|&t| plausible(t)).or_else(|| {
            let length = self
                .elapsed_s
                .or(self.timer_s)
                .filter(|l| l.is_finite() && *l >= 0.0)?;
            self.timestamp
                .filter(|&t| plausible(t))?
                .checked_sub(length.ceil().min(f64::from(u32::MAX)) as u32)
        })
    }

    fn to_lap(&self, start: jiff::Timestamp) -> Lap {
        Lap {
            start,
            elapsed_s: self.elapsed_s,
            timer_s: self.timer_s,
            distance_m: self.distance_m,
            avg_hr_bpm: self.avg_hr.map(f64::from),
            max_hr_bpm: self.max_hr.map(f64::from),
            avg_speed_mps: self.enhanced_avg_speed.or(self.avg_speed),
            ascent_m: self.ascent_m.map(f64::from),
            avg_cadence_rpm: self.avg_cadence.map(|c| {
                f64::from(c) + f64::from(self.avg_fractional_cadence.unwrap_or(0)) / 128.0
            }),
            trigger: self.trigger.and_then(lap_trigger),
        }
    }
}

/// FIT `lap_trigger` to afterlift's: the four position triggers are one.
fn lap_trigger(raw: u8) -> Option<LapTrigger> {
    Some(match raw {
        0 => LapTrigger::Manual,
        1 => LapTrigger::Time,
        2 => LapTrigger::Distance,
        3..=6 => LapTrigger::Position,
        7 => LapTrigger::SessionEnd,
        8 => LapTrigger::FitnessEquipment,
        _ => return None,
    })
}

#[derive(Debug, Clone)]
struct SetMsg {
    time: Option<u32>,
    duration_s: Option<f64>,
    reps: Option<u16>,
    weight_kg: Option<f64>,
    active: bool,
    category: Option<u16>,
}

/// A session message placed in time: `[start, end]` (raw FIT times) and the records it holds.
struct Placed {
    msg: SessionMsg,
    start: u32,
    /// start + elapsed time (`u32::MAX`: open until the next session).
    end: u32,
    records: Range<usize>,
}

/// A lap message placed in time: its number among the file's lap messages (from 1) and its start as a
/// raw FIT time.
struct PlacedLap {
    msg: LapMsg,
    number: usize,
    start_raw: u32,
}

impl std::ops::Deref for PlacedLap {
    type Target = LapMsg;
    fn deref(&self) -> &LapMsg {
        &self.msg
    }
}

/// A session's length in whole seconds: its elapsed time, else its timer time.
fn length_s(msg: &SessionMsg) -> Option<u32> {
    msg.elapsed_s
        .or(msg.timer_s)
        .filter(|l| l.is_finite() && *l >= 0.0)
        .map(|l| l.ceil().min(f64::from(u32::MAX)) as u32)
}

/// "42 min", "3 h 05 min", "45 s".
fn duration(s: f64) -> String {
    let s = s.max(0.0).round() as u64;
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        _ => format!("{} h {:02} min", s / 3600, s % 3600 / 60),
    }
}

/// Warns when a session's records cover much less than its elapsed time (a file cut short, a sensor
/// that stopped): its summary comes from the session, its samples from what there is.
fn note_record_coverage(
    s: &SessionMsg,
    samples: &[Sample],
    label: &str,
    warnings: &mut Vec<String>,
) {
    let Some(elapsed) = s.elapsed_s.filter(|e| e.is_finite()) else {
        return;
    };
    let span = match (samples.first(), samples.last()) {
        (Some(a), Some(b)) => f64::from(b.offset_s.saturating_sub(a.offset_s)),
        _ => 0.0,
    };
    if elapsed - span > (0.2 * elapsed).max(300.0) {
        warnings.push(format!(
            "{label}: its {} record{} cover {} of its elapsed time of {}",
            samples.len(),
            plural(samples.len()),
            duration(span),
            duration(elapsed)
        ));
    }
}

struct Collector {
    /// The `file_id.type` of the first sequence.
    file_type: Option<u8>,
    activity_sequences: usize,
    /// The current sequence is a non-activity file chained after the activity: ignore its data.
    ignore_sequence: bool,
    manufacturer: Option<u16>,
    product: Option<u16>,
    /// One sample per record; `offset_s` holds the raw FIT timestamp until sessions are known.
    records: Vec<Sample>,
    records_without_time: usize,
    sessions: Vec<SessionMsg>,
    /// Whether any `file_id` message was read (its type may still be missing).
    file_id_seen: bool,
    /// Where the last message, if it was a record, started (dropped when the next one is garbage).
    last_record_at: Option<usize>,
    garbled_record_dropped: bool,
    /// The first `sport` message (sport, sub_sport, name), and the first lap's sport.
    sport: Option<(Option<u8>, Option<u8>, Option<String>)>,
    lap_sport: Option<(Option<u8>, Option<u8>)>,
    /// Every `lap` message, in file order.
    laps: Vec<LapMsg>,
    activity_time: Option<u32>,
    activity_local_time: Option<u32>,
    sets: Vec<SetMsg>,
    /// `compressed_speed_distance` accumulator: (total, last raw) in 1/16 m.
    compressed_distance: Option<(u32, u32)>,
    warnings: Vec<String>,
}

impl Collector {
    fn with_capacity(records: usize) -> Self {
        Collector {
            file_type: None,
            activity_sequences: 0,
            ignore_sequence: false,
            manufacturer: None,
            product: None,
            records: Vec::with_capacity(records),
            records_without_time: 0,
            sessions: Vec::new(),
            file_id_seen: false,
            last_record_at: None,
            garbled_record_dropped: false,
            sport: None,
            lap_sport: None,
            laps: Vec::new(),
            activity_time: None,
            activity_local_time: None,
            sets: Vec::new(),
            compressed_distance: None,
            warnings: Vec::new(),
        }
    }

    fn on_sequence(&mut self) {
        self.ignore_sequence = false;
        self.compressed_distance = None;
    }

    fn on_message(&mut self, m: &Message, at: usize) {
        self.last_record_at = None;
        match m.num {
            MesgNum::FILE_ID => self.on_file_id(m, at),
            _ if self.ignore_sequence => {}
            MesgNum::RECORD => self.on_record(m, at),
            MesgNum::SESSION => self.on_session(m),
            MesgNum::ACTIVITY => {
                for f in &m.fields {
                    match f.num {
                        mesgdef::Activity::TIMESTAMP => self.activity_time = uint(&f.value),
                        mesgdef::Activity::LOCAL_TIMESTAMP => {
                            self.activity_local_time = uint(&f.value)
                        }
                        _ => {}
                    }
                }
            }
            MesgNum::SPORT if self.sport.is_none() => {
                let (mut sport, mut sub, mut name) = (None, None, None);
                for f in &m.fields {
                    match f.num {
                        mesgdef::Sport::SPORT => sport = uint8(&f.value),
                        mesgdef::Sport::SUB_SPORT => sub = uint8(&f.value),
                        mesgdef::Sport::NAME => name = text(&f.value),
                        _ => {}
                    }
                }
                self.sport = Some((sport, sub, name));
            }
            MesgNum::LAP => self.on_lap(m),
            MesgNum::SET => self.on_set(m),
            _ => {}
        }
    }

    fn on_file_id(&mut self, m: &Message, at: usize) {
        self.file_id_seen = true;
        let mut file_type = None;
        for f in &m.fields {
            match f.num {
                mesgdef::FileId::TYPE => file_type = uint8(&f.value),
                mesgdef::FileId::MANUFACTURER if self.manufacturer.is_none() => {
                    self.manufacturer = uint16(&f.value)
                }
                mesgdef::FileId::PRODUCT if self.product.is_none() => {
                    self.product = uint16(&f.value)
                }
                _ => {}
            }
        }
        if self.file_type.is_none() {
            self.file_type = file_type;
        }
        match file_type {
            Some(FILE_ACTIVITY) | None => {
                self.ignore_sequence = false;
                self.activity_sequences += 1;
            }
            Some(other) => {
                self.ignore_sequence = true;
                if self.activity_sequences > 0 {
                    self.warnings.push(format!(
                        "byte {at}: a chained {} file inside the activity file was ignored",
                        typedef::File(other)
                    ));
                }
            }
        }
    }

    fn on_record(&mut self, m: &Message, at: usize) {
        let mut time = None;
        let mut s = Sample::default();
        let (mut speed, mut enhanced_speed) = (None, None);
        let (mut altitude, mut enhanced_altitude) = (None, None);
        let (mut lat, mut lon) = (None, None);
        for f in &m.fields {
            let v = &f.value;
            match f.num {
                mesgdef::Record::TIMESTAMP => time = uint(v),
                mesgdef::Record::POSITION_LAT => lat = sint(v),
                mesgdef::Record::POSITION_LONG => lon = sint(v),
                mesgdef::Record::ALTITUDE => altitude = scaled(v, 5.0),
                mesgdef::Record::HEART_RATE => s.hr_bpm = uint8(v),
                mesgdef::Record::CADENCE => s.cadence_rpm = uint8(v),
                mesgdef::Record::DISTANCE => s.distance_m = scaled(v, 100.0),
                mesgdef::Record::SPEED => speed = scaled(v, 1000.0),
                mesgdef::Record::POWER => s.power_w = uint16(v),
                mesgdef::Record::COMPRESSED_SPEED_DISTANCE => {
                    if let Value::ArrayUint8(b) = v
                        && let [b0, b1, b2, ..] = **b
                        && !(b0 == 0xFF && b1 == 0xFF && b2 == 0xFF)
                    {
                        // 12 bits of speed (1/100 m/s), then 12 bits of accumulating distance (1/16 m).
                        let raw_speed = u32::from(b0) | (u32::from(b1 & 0x0F) << 8);
                        let raw_distance = u32::from(b1 >> 4) | (u32::from(b2) << 4);
                        let total = match self.compressed_distance {
                            Some((total, last)) => {
                                total.wrapping_add(raw_distance.wrapping_sub(last) & 0x0FFF)
                            }
                            None => raw_distance,
                        };
                        self.compressed_distance = Some((total, raw_distance));
                        speed = speed.or(Some(f64::from(raw_speed) / 100.0));
                        s.distance_m = s.distance_m.or(Some(f64::from(total) / 16.0));
                    }
                }
                mesgdef::Record::ENHANCED_SPEED => enhanced_speed = scaled(v, 1000.0),
                mesgdef::Record::ENHANCED_ALTITUDE => enhanced_altitude = scaled(v, 5.0),
                _ => {}
            }
        }
        let Some(time) = time else {
            self.records_without_time += 1;
            return;
        };
        s.offset_s = time;
        s.speed_mps = enhanced_speed.or(speed).map(|v| v as f32);
        s.altitude_m = enhanced_altitude.or(altitude).map(|v| (v - 500.0) as f32);
        if let (Some(lat), Some(lon)) = (lat, lon) {
            s.lat_deg = Some(f64::from(lat) * DEG_PER_SEMICIRCLE);
            s.lon_deg = Some(f64::from(lon) * DEG_PER_SEMICIRCLE);
        }
        self.records.push(s);
        self.last_record_at = Some(at);
    }

    fn on_lap(&mut self, m: &Message) {
        let mut lap = LapMsg::default();
        let (mut sport, mut sub) = (None, None);
        for f in &m.fields {
            let v = &f.value;
            match f.num {
                mesgdef::Lap::TIMESTAMP => lap.timestamp = uint(v),
                mesgdef::Lap::START_TIME => lap.start = uint(v),
                mesgdef::Lap::TOTAL_ELAPSED_TIME => lap.elapsed_s = scaled(v, 1000.0),
                mesgdef::Lap::TOTAL_TIMER_TIME => lap.timer_s = scaled(v, 1000.0),
                mesgdef::Lap::TOTAL_DISTANCE => lap.distance_m = scaled(v, 100.0),
                mesgdef::Lap::AVG_HEART_RATE => lap.avg_hr = uint8(v),
                mesgdef::Lap::MAX_HEART_RATE => lap.max_hr = uint8(v),
                mesgdef::Lap::AVG_SPEED => lap.avg_speed = scaled(v, 1000.0),
                mesgdef::Lap::ENHANCED_AVG_SPEED => lap.enhanced_avg_speed = scaled(v, 1000.0),
                mesgdef::Lap::TOTAL_ASCENT => lap.ascent_m = uint16(v),
                mesgdef::Lap::AVG_CADENCE => lap.avg_cadence = uint8(v),
                mesgdef::Lap::AVG_FRACTIONAL_CADENCE => lap.avg_fractional_cadence = uint8(v),
                mesgdef::Lap::LAP_TRIGGER => lap.trigger = uint8(v),
                mesgdef::Lap::SPORT => sport = uint8(v),
                mesgdef::Lap::SUB_SPORT => sub = uint8(v),
                _ => {}
            }
        }
        if self.lap_sport.is_none() {
            self.lap_sport = Some((sport, sub));
        }
        self.laps.push(lap);
    }

    fn on_session(&mut self, m: &Message) {
        let mut s = SessionMsg::default();
        for f in &m.fields {
            let v = &f.value;
            match f.num {
                mesgdef::Session::TIMESTAMP => s.timestamp = uint(v),
                mesgdef::Session::START_TIME => s.start = uint(v),
                mesgdef::Session::SPORT => s.sport = uint8(v),
                mesgdef::Session::SUB_SPORT => s.sub_sport = uint8(v),
                mesgdef::Session::TOTAL_ELAPSED_TIME => s.elapsed_s = scaled(v, 1000.0),
                mesgdef::Session::TOTAL_TIMER_TIME => s.timer_s = scaled(v, 1000.0),
                mesgdef::Session::TOTAL_DISTANCE => s.distance_m = scaled(v, 100.0),
                mesgdef::Session::TOTAL_CALORIES => s.calories_kcal = scaled(v, 1.0),
                mesgdef::Session::AVG_HEART_RATE => s.avg_hr = uint8(v),
                mesgdef::Session::MAX_HEART_RATE => s.max_hr = uint8(v),
                mesgdef::Session::SPORT_PROFILE_NAME => s.name = text(v),
                _ => {}
            }
        }
        self.sessions.push(s);
    }

    fn on_set(&mut self, m: &Message) {
        let mut set = SetMsg {
            time: None,
            duration_s: None,
            reps: None,
            weight_kg: None,
            active: true,
            category: None,
        };
        let mut start = None;
        for f in &m.fields {
            let v = &f.value;
            match f.num {
                mesgdef::Set::TIMESTAMP => set.time = set.time.or(uint(v)),
                mesgdef::Set::START_TIME => start = uint(v),
                mesgdef::Set::DURATION => set.duration_s = scaled(v, 1000.0),
                mesgdef::Set::REPETITIONS => set.reps = uint16(v),
                mesgdef::Set::WEIGHT => set.weight_kg = scaled(v, 16.0),
                mesgdef::Set::SET_TYPE => set.active = uint8(v) != Some(0),
                mesgdef::Set::CATEGORY => set.category = first_u16(v),
                _ => {}
            }
        }
        set.time = start.or(set.time);
        self.sets.push(set);
    }

    fn finish(mut self, file: &str, opts: &ReadOptions) -> Result<Output, ReadError> {
        if self.activity_sequences == 0
            && let Some(file_type) = self.file_type
        {
            return Ok(Output {
                skipped: Some(format!(
                    "a FIT {} file (file_id.type {file_type}), not an activity: nothing to import",
                    typedef::File(file_type)
                )),
                warnings: self.warnings,
                ..Output::default()
            });
        }
        if self.file_type.is_none() {
            self.warnings.push(if self.file_id_seen {
                "the file_id message does not give the file type; read as an activity file"
                    .to_owned()
            } else {
                "the file has no file_id message; read as an activity file".to_owned()
            });
        }
        if self.records_without_time > 0 {
            self.warnings.push(format!(
                "{} record messages without a timestamp ignored",
                self.records_without_time
            ));
        }
        let clock = self.clock(file, opts)?;
        let utc_offset_s = self.utc_offset_s();
        let source = self.source();

        if !self.records.is_sorted_by_key(|s| s.offset_s) {
            self.records.sort_by_key(|s| s.offset_s);
            self.warnings
                .push("record messages were out of time order; sorted".to_owned());
            // A chained copy of the same recording repeats every record.
            let before = self.records.len();
            self.records.dedup();
            if self.records.len() < before {
                self.warnings.push(format!(
                    "{} repeated record messages ignored",
                    before - self.records.len()
                ));
            }
        }
        if clock.absolute {
            self.drop_unset_clock_records(&clock);
        }
        let had_sessions = !self.sessions.is_empty();
        let mut sessions = self.place_sessions(&clock);
        if sessions.is_empty()
            && let (Some(first), Some(last)) = (self.records.first(), self.records.last())
        {
            let (sport, sub_sport, name) = self.file_sport();
            self.warnings.push(if had_sessions {
                format!(
                    "no session message gives a start time: summary recomputed from {} records",
                    self.records.len()
                )
            } else {
                format!(
                    "no session message: summary recomputed from {} records",
                    self.records.len()
                )
            });
            sessions.push(Placed {
                msg: SessionMsg {
                    sport,
                    sub_sport,
                    name,
                    synthetic: true,
                    ..SessionMsg::default()
                },
                start: first.offset_s,
                end: last.offset_s,
                records: 0..self.records.len(),
            });
        }
        // The file's sport or first lap's names the sport of a lone session that does not say it.
        let cardio_sessions = sessions
            .iter()
            .filter(|p| p.msg.sport != Some(SPORT_TRANSITION))
            .count();
        if cardio_sessions == 1
            && let Some(p) = sessions
                .iter_mut()
                .find(|p| p.msg.sport != Some(SPORT_TRANSITION))
            && p.msg.sport.is_none_or(|s| s == SPORT_GENERIC)
        {
            let (sport, sub_sport, name) = self.file_sport();
            if sport.is_some_and(|s| s != SPORT_GENERIC) {
                p.msg.sport = sport;
                p.msg.sub_sport = sub_sport.or(p.msg.sub_sport);
                p.msg.name = p.msg.name.take().or(name);
            }
        }

        let claimed: usize = sessions.iter().map(|p| p.records.len()).sum();
        let unclaimed = self.records.len() - claimed;
        if unclaimed > 0 {
            let first_outside = self
                .records
                .iter()
                .enumerate()
                .find(|(i, _)| !sessions.iter().any(|p| p.records.contains(i)))
                .map(|(_, r)| clock.timestamp(r.offset_s));
            self.warnings.push(format!(
                "{unclaimed} of {} records lie outside every session's time span (start + elapsed time){}; not imported",
                self.records.len(),
                first_outside.map_or(String::new(), |t| format!(", the first at {t}"))
            ));
        }
        let laps_of = self.assign_laps(&sessions, &clock);
        // Drained from the back, so that the ranges stay valid.
        let ranges: Vec<Range<usize>> = sessions.iter().map(|p| p.records.clone()).collect();

        let file_has_records = !self.records.is_empty();
        let mut activities = Vec::with_capacity(sessions.len());
        let mut lifts = Vec::new();
        let mut transitions = 0;
        for (index, (p, range)) in sessions.iter().zip(ranges).enumerate().rev() {
            let s = &p.msg;
            let start_raw = p.start;
            let started_at = clock.timestamp(start_raw);
            let sport_pair = (s.sport.unwrap_or(0), s.sub_sport.unwrap_or(0));
            // Distances count from this session's start, not from the multisport file's.
            let base_m = self
                .records
                .get(..range.start)
                .and_then(|before| before.iter().rev().find_map(|r| r.distance_m))
                .unwrap_or(0.0);
            let mut samples = if range.start == 0 && range.end == self.records.len() {
                std::mem::take(&mut self.records)
            } else {
                self.records.drain(range).collect()
            };
            match map_sport(sport_pair.0, sport_pair.1) {
                Kind::Transition => transitions += 1,
                Kind::Strength => {
                    let sets = self.sets_between(p);
                    lifts.push(strength_session(
                        s,
                        started_at,
                        sets,
                        &source,
                        &mut self.warnings,
                    ));
                }
                Kind::Cardio(sport) => {
                    for sample in &mut samples {
                        sample.offset_s = sample.offset_s.saturating_sub(start_raw);
                        if let Some(d) = sample.distance_m.as_mut() {
                            *d -= base_m;
                        }
                    }
                    let name = label(sport, started_at);
                    if !s.synthetic && file_has_records {
                        note_record_coverage(s, &samples, &name, &mut self.warnings);
                    }
                    clean_samples(&mut samples, sport, &name, &mut self.warnings);
                    let positions_distance = activity::fill_distance_from_positions(&mut samples);
                    let needs_summary = s.timer_s.is_none()
                        || s.elapsed_s.is_none()
                        || s.distance_m.is_none()
                        || s.avg_hr.is_none()
                        || s.max_hr.is_none();
                    let sum = if needs_summary {
                        summarize(&samples)
                    } else {
                        activity::SampleSummary::default()
                    };
                    let elapsed_s = s
                        .elapsed_s
                        .or_else(|| {
                            (!s.synthetic && p.end != u32::MAX)
                                .then(|| f64::from(p.end.saturating_sub(start_raw)))
                        })
                        .unwrap_or(sum.elapsed_s);
                    let mut a = Activity {
                        sport,
                        started_at,
                        utc_offset_s,
                        timer_s: s.timer_s.unwrap_or(if s.synthetic {
                            sum.timer_s
                        } else {
                            elapsed_s
                        }),
                        elapsed_s,
                        distance_m: s.distance_m.or(sum.distance_m).or(positions_distance),
                        avg_hr_bpm: s.avg_hr.map(f64::from).or(sum.avg_hr_bpm),
                        max_hr_bpm: s.max_hr.map(f64::from).or(sum.max_hr_bpm),
                        calories_kcal: s.calories_kcal,
                        rpe: None,
                        source: source.clone(),
                        samples,
                        laps: Vec::new(),
                    };
                    check_summary(&mut a, &name, &mut self.warnings);
                    let laps = laps_of
                        .get(index)
                        .into_iter()
                        .flatten()
                        .map(|l| (l.number, l.to_lap(clock.timestamp(l.start_raw))))
                        .collect();
                    let span = (a.started_at, a.ended_at());
                    a.laps = check_laps(laps, sport, span, &name, &mut self.warnings);
                    activities.push(a);
                }
            }
        }
        activities.reverse();
        lifts.reverse();
        if transitions > 0 {
            self.warnings.push(format!(
                "{transitions} multisport transition session{} not imported",
                plural(transitions)
            ));
        }
        Ok(Output {
            activities,
            lifts,
            skipped: None,
            warnings: self.warnings,
            partial: None,
        })
    }

    /// The lap messages of each placed session (in time order), as records are placed: a lap belongs to
    /// the session whose window holds its start. Laps that give no time, or lie outside every session,
    /// are dropped with a warning naming them by their place among the file's lap messages.
    fn assign_laps(&mut self, placed: &[Placed], clock: &Clock) -> Vec<Vec<PlacedLap>> {
        let mut messages = std::mem::take(&mut self.laps);
        // A chained copy of the same recording repeats its lap messages.
        let mut seen: Vec<LapMsg> = Vec::with_capacity(messages.len());
        messages.retain(|m| {
            let repeated = seen.contains(m);
            if !repeated {
                seen.push(m.clone());
            }
            !repeated
        });
        let plausible = |t: u32| !clock.absolute || t >= MIN_ABSOLUTE_DATE_TIME;
        let windows: Vec<(u32, u32)> = placed
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut last = p.end.saturating_add(SESSION_END_SLACK_S);
                if let Some(next) = placed.get(i + 1) {
                    last = last.min(next.start.saturating_sub(1));
                }
                (p.start.saturating_sub(SESSION_START_SLACK_S), last)
            })
            .collect();
        let mut out: Vec<Vec<PlacedLap>> = placed.iter().map(|_| Vec::new()).collect();
        for (i, msg) in messages.into_iter().enumerate() {
            let n = i + 1;
            let Some(start) = msg.start(plausible) else {
                self.warnings.push(format!(
                    "lap message {n} gives no start time (nor an end and a length); dropped"
                ));
                continue;
            };
            match windows.iter().position(|&(a, b)| (a..=b).contains(&start)) {
                Some(j) => out[j].push(PlacedLap {
                    msg,
                    number: n,
                    start_raw: start,
                }),
                None => self.warnings.push(format!(
                    "lap message {n} starts at {}, outside every session's time span (start + elapsed time); dropped",
                    clock.timestamp(start)
                )),
            }
        }
        out
    }

    fn sets_between(&self, p: &Placed) -> Vec<SetMsg> {
        let (start, end) = (p.start, p.end);
        self.sets
            .iter()
            .filter(|set| set.time.is_none_or(|t| (start..=end).contains(&t)))
            .cloned()
            .collect()
    }

    /// The sessions in time order, each with the records it holds. A session's window is
    /// [start, start + elapsed time] whatever the message order and whatever its `timestamp` says (some
    /// apps write the start there, or nothing); a session without a usable start time is placed from
    /// its `timestamp` less its elapsed time. A lone session that holds fewer than half of the file's
    /// records (a broken start time) is dated from its records instead, with a warning.
    fn place_sessions(&mut self, clock: &Clock) -> Vec<Placed> {
        let mut messages = std::mem::take(&mut self.sessions);
        // A chained copy of the same recording repeats its session message.
        let before = messages.len();
        let mut seen: Vec<SessionMsg> = Vec::with_capacity(before);
        messages.retain(|m| {
            let repeated = seen.contains(m);
            if !repeated {
                seen.push(m.clone());
            }
            !repeated
        });
        if messages.len() < before {
            self.warnings.push(format!(
                "{} repeated session message{} ignored",
                before - messages.len(),
                plural(before - messages.len())
            ));
        }
        let count = messages.len();
        let plausible = |t: u32| !clock.absolute || t >= MIN_ABSOLUTE_DATE_TIME;
        let mut placed = Vec::with_capacity(count);
        let mut undated = Vec::new();
        for msg in messages {
            let length_s = length_s(&msg);
            let from_end = match (msg.timestamp.filter(|&t| plausible(t)), length_s) {
                (Some(t), Some(l)) => t.checked_sub(l),
                _ => None,
            };
            let start = match msg.start {
                Some(t) if plausible(t) => Some(t),
                Some(t) => {
                    self.warnings.push(format!(
                        "a session's start time {} is implausible (before {}){}",
                        clock.timestamp(t),
                        clock.timestamp(MIN_ABSOLUTE_DATE_TIME),
                        if from_end.is_some() {
                            "; placed by its end less its elapsed time"
                        } else {
                            ""
                        }
                    ));
                    from_end
                }
                None => from_end,
            };
            let Some(start) = start else {
                undated.push(msg);
                continue;
            };
            let end = match (length_s, msg.timestamp) {
                (Some(l), _) => start.saturating_add(l),
                (None, Some(t)) if t > start => t,
                _ => u32::MAX,
            };
            placed.push(Placed {
                msg,
                start,
                end,
                records: 0..0,
            });
        }
        placed.sort_by_key(|p| p.start);

        // A window reaching well into the next session's means a wrong start time when the session's
        // timestamp less its elapsed time fits between its neighbours (a Fenix 2 multisport file).
        for i in 0..placed.len() {
            let next = placed.get(i + 1).map(|n| n.start);
            let previous_end = if i == 0 { 0 } else { placed[i - 1].end };
            let p = &mut placed[i];
            if let Some(next) = next
                && p.end > next.saturating_add(SESSION_END_SLACK_S)
                && let Some(t) = p.msg.timestamp
                && t <= next.saturating_add(1)
                && let Some(start) = t.checked_sub(p.end - p.start)
                && start.saturating_add(1) >= previous_end
            {
                self.warnings.push(format!(
                    "a session's start time {} plus its elapsed time overlaps the next session; placed by its end {} less its elapsed time, from {}",
                    clock.timestamp(p.start),
                    clock.timestamp(t),
                    clock.timestamp(start)
                ));
                p.start = start;
                p.end = t;
            }
        }

        self.assign_records(&mut placed);
        let total = self.records.len();
        if count == 1 && total > 0 {
            // Holding less than half of the records, its dates (or its elapsed time) are broken: a
            // device writes records only while its timer runs, all within the session.
            let misdated = placed.first().is_none_or(|p| p.records.len() * 2 < total);
            let claimed = placed.first().map_or(0, |p| p.records.len());
            if misdated && let Some(msg) = placed.pop().map(|p| p.msg).or_else(|| undated.pop()) {
                placed.push(self.dated_from_records(msg, claimed, clock));
            }
        }
        if !undated.is_empty() {
            self.warnings.push(format!(
                "{} session message{} without a start time or an end and elapsed time ignored",
                undated.len(),
                plural(undated.len())
            ));
        }
        placed
    }

    /// Gives each placed session (in time order) the sorted records in its window, stopping where the
    /// next session starts.
    fn assign_records(&self, placed: &mut [Placed]) {
        let mut previous_hi = 0;
        for i in 0..placed.len() {
            let next = placed.get(i + 1).map(|n| n.start);
            let p = &mut placed[i];
            let mut last = p.end.saturating_add(SESSION_END_SLACK_S);
            if let Some(next) = next {
                last = last.min(next.saturating_sub(1));
            }
            let first = p.start.saturating_sub(SESSION_START_SLACK_S);
            let lo = self
                .records
                .partition_point(|r| r.offset_s < first)
                .max(previous_hi);
            let hi = self.records.partition_point(|r| r.offset_s <= last).max(lo);
            p.records = lo..hi;
            previous_hi = hi;
        }
    }

    /// A lone session whose own times do not hold its records, dated from them (with a warning).
    fn dated_from_records(&mut self, mut msg: SessionMsg, claimed: usize, clock: &Clock) -> Placed {
        let total = self.records.len();
        let (first, last) = (
            self.records.first().map_or(0, |r| r.offset_s),
            self.records.last().map_or(0, |r| r.offset_s),
        );
        let said = match msg.start.or(msg.timestamp) {
            Some(t) => format!(
                "the session's own time ({}) holds {claimed} of the file's {total} records",
                clock.timestamp(t)
            ),
            None => "the session message gives no start time".to_owned(),
        };
        self.warnings.push(format!(
            "{said}; the session is dated from its records instead, {} to {}",
            clock.timestamp(first),
            clock.timestamp(last)
        ));
        let span_s = f64::from(last - first);
        if let Some(elapsed) = msg.elapsed_s
            && (elapsed - span_s).abs() > (0.1 * span_s).max(60.0)
        {
            self.warnings.push(format!(
                "the session's elapsed time ({}) does not match its records ({}); the records' is used",
                duration(elapsed),
                duration(span_s)
            ));
            msg.elapsed_s = Some(span_s);
            msg.timer_s = msg.timer_s.filter(|&t| t <= span_s);
        }
        Placed {
            msg,
            start: first,
            end: last,
            records: 0..total,
        }
    }

    /// In a file whose clock is absolute, records dated before 1998 come from a device whose clock was
    /// not set yet (or are garbage): they would date the activity to 1990.
    fn drop_unset_clock_records(&mut self, clock: &Clock) {
        let below = self
            .records
            .partition_point(|r| r.offset_s < MIN_ABSOLUTE_DATE_TIME);
        if below > 0 {
            self.records.drain(..below);
            self.warnings.push(format!(
                "{below} record{} dated before {} (a device clock not set yet) dropped",
                plural(below),
                clock.timestamp(MIN_ABSOLUTE_DATE_TIME)
            ));
        }
    }

    /// The sport that the file's `sport` message, else its first lap, names.
    fn file_sport(&self) -> (Option<u8>, Option<u8>, Option<String>) {
        let name = self.sport.as_ref().and_then(|s| s.2.clone());
        match (&self.sport, self.lap_sport) {
            (Some((Some(sport), sub, _)), _) => (Some(*sport), *sub, name),
            (_, Some((Some(sport), sub))) => (Some(sport), sub, name),
            _ => (None, None, name),
        }
    }

    /// Whether anything an import could use was read (from an activity file).
    fn has_activity_data(&self) -> bool {
        (self.activity_sequences > 0 || self.file_type.is_none())
            && (!self.records.is_empty() || !self.sessions.is_empty() || !self.sets.is_empty())
    }

    /// Drops the last record when it was the last message read (it is garbled).
    fn drop_last_record(&mut self) {
        if self.last_record_at.take().is_some() {
            self.records.pop();
            self.garbled_record_dropped = true;
        }
    }

    /// Keeps what was read before the damage at `offset`: the warning says where and how much.
    fn salvage(&mut self, offset: usize, len: usize, error: ReadError, file: &str) -> Partial {
        let full = error.to_string();
        let reason = full
            .strip_prefix(file)
            .and_then(|rest| rest.strip_prefix(": "))
            .unwrap_or(&full)
            .to_owned();
        let (records, sessions) = (self.records.len(), self.sessions.len());
        self.warnings.push(format!(
            "the file is damaged ({reason}): kept what was read before byte {offset} of {len} ({:.0} %): {records} record{}, {sessions} session message{}{}",
            offset as f64 * 100.0 / len.max(1) as f64,
            plural(records),
            plural(sessions),
            if self.garbled_record_dropped {
                "; the record just before the damage was garbled and is dropped"
            } else {
                ""
            }
        ));
        Partial {
            offset: offset as u64,
            reason,
        }
    }

    /// How raw timestamps become instants: directly, or anchored for power-on-relative clocks.
    fn clock(&mut self, file: &str, opts: &ReadOptions) -> Result<Clock, ReadError> {
        // The records decide (most of them, so that a few garbage timestamps do not); without records,
        // the sessions.
        let relative = if self.records.is_empty() {
            self.sessions
                .iter()
                .filter_map(|s| s.start)
                .any(|t| t < MIN_ABSOLUTE_DATE_TIME)
        } else {
            let below = self
                .records
                .iter()
                .filter(|r| r.offset_s < MIN_ABSOLUTE_DATE_TIME)
                .count();
            below * 2 > self.records.len()
        };
        if !relative {
            return Ok(Clock {
                shift_s: FIT_EPOCH_UNIX_S,
                absolute: true,
            });
        }
        let (Some(time), Some(local)) = (self.activity_time, self.activity_local_time) else {
            return Err(ReadError::new(
                file,
                ErrorKind::NoData,
                Place::File,
                "the timestamps count from device power-on and no activity message gives the local time to anchor them",
            ));
        };
        // The local wall-clock reading at `time`, as a civil date-time, placed in the athlete's zone.
        let local_civil = jiff::Timestamp::from_second(FIT_EPOCH_UNIX_S + i64::from(local))
            .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).datetime());
        let anchored = local_civil
            .ok()
            .and_then(|civil| civil.to_zoned(opts.time_zone.clone()).ok());
        let Some(anchored) = anchored else {
            return Err(ReadError::new(
                file,
                ErrorKind::InvalidValue,
                Place::File,
                format!("expected a valid activity local_timestamp, found {local}"),
            ));
        };
        self.warnings.push(format!(
            "the device clock counts from power-on; times anchored on the activity's local time {} read in zone {}",
            anchored.datetime(),
            opts.time_zone.iana_name().unwrap_or("(fixed offset)")
        ));
        self.activity_local_time = None; // the offset is not known: it came from the options
        Ok(Clock {
            shift_s: anchored.timestamp().as_second() - i64::from(time),
            absolute: false,
        })
    }

    fn utc_offset_s(&self) -> Option<i32> {
        let (time, local) = (self.activity_time?, self.activity_local_time?);
        if time < MIN_ABSOLUTE_DATE_TIME || local < MIN_ABSOLUTE_DATE_TIME {
            return None;
        }
        let offset = i64::from(local) - i64::from(time);
        (offset.abs() <= 14 * 3600).then_some(offset as i32)
    }

    fn source(&self) -> String {
        let Some(manufacturer) = self.manufacturer else {
            return "fit".to_owned();
        };
        let maker = named(typedef::Manufacturer(manufacturer).to_string());
        let garmin_family = [1, 13, 15].contains(&manufacturer);
        let product = match self.product {
            Some(p) if garmin_family => named(typedef::GarminProduct(p).to_string()),
            Some(p) => Some(p.to_string()),
            None => None,
        };
        match (maker, product) {
            (Some(m), Some(p)) => format!("fit ({m} {p})"),
            (Some(m), None) => format!("fit ({m})"),
            _ => "fit".to_owned(),
        }
    }
}

/// A profile name, or None for rustyfit's `Type(123)` rendering of unknown values.
fn named(s: String) -> Option<String> {
    (!s.contains('(')).then_some(s)
}

struct Clock {
    /// Unix seconds = raw + shift.
    shift_s: i64,
    /// Raw times count from the FIT epoch (not from device power-on).
    absolute: bool,
}

impl Clock {
    fn timestamp(&self, raw: u32) -> jiff::Timestamp {
        jiff::Timestamp::from_second(i64::from(raw) + self.shift_s)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }
}

enum Kind {
    Cardio(Sport),
    Strength,
    Transition,
}

/// FIT `sport`/`sub_sport` to afterlift's sport.
fn map_sport(sport: u8, sub_sport: u8) -> Kind {
    use typedef::{Sport as S, SubSport as U};
    let (sport, sub) = (S(sport), U(sub_sport));
    if sport == S::TRANSITION {
        return Kind::Transition;
    }
    if sub == U::STRENGTH_TRAINING
        && [S::TRAINING, S::FITNESS_EQUIPMENT, S::GENERIC].contains(&sport)
    {
        return Kind::Strength;
    }
    let mapped = match sport {
        S::RUNNING => Sport::Run,
        S::CYCLING | S::E_BIKING => Sport::Cycle,
        S::SWIMMING => Sport::Swim,
        S::ROWING => Sport::Row,
        S::WALKING => Sport::Walk,
        S::HIKING => Sport::Hike,
        S::FITNESS_EQUIPMENT => match sub {
            U::ELLIPTICAL => Sport::Elliptical,
            U::INDOOR_ROWING => Sport::Row,
            U::INDOOR_CYCLING | U::SPIN => Sport::Cycle,
            U::TREADMILL => Sport::Run,
            U::INDOOR_WALKING => Sport::Walk,
            _ => Sport::Other,
        },
        _ => Sport::Other,
    };
    Kind::Cardio(mapped)
}

fn strength_session(
    s: &SessionMsg,
    started_at: jiff::Timestamp,
    sets: Vec<SetMsg>,
    source: &str,
    warnings: &mut Vec<String>,
) -> StrengthSession {
    let mut duration_s = s.elapsed_s.or(s.timer_s);
    if let Some(d) = duration_s
        && !limits::LOGGED_LIFT_SECONDS.contains(d)
    {
        warnings.push(format!(
            "strength session at {started_at}: duration {:.1} h is implausible; dropped",
            d / 3600.0
        ));
        duration_s = None;
    }
    let mut exercises: Vec<ExerciseLog> = Vec::new();
    // Values no set could have are dropped, as the CSV readers drop them (`limits::LOGGED_*`).
    let mut plausible = |value: Option<f64>, range: &limits::Range, what: &str| {
        value.filter(|&v| {
            let fine = range.contains(v);
            if !fine {
                warnings.push(format!(
                    "strength session at {started_at}: set {what} {v} is implausible; dropped"
                ));
            }
            fine
        })
    };
    for set in sets.iter().filter(|set| set.active) {
        let name = exercise_name(set.category);
        let log = SetLog {
            reps: plausible(set.reps.map(f64::from), &limits::LOGGED_SET_REPS, "reps")
                .map(|r| r as u32),
            weight_kg: plausible(set.weight_kg, &limits::LOGGED_SET_WEIGHT, "weight (kg)"),
            rpe: None,
            kind: SetKind::Normal,
            duration_s: plausible(set.duration_s, &limits::LOGGED_LIFT_SECONDS, "time (s)"),
            distance_m: None,
        };
        match exercises.iter_mut().find(|e| e.name == name) {
            Some(e) => e.sets.push(log),
            None => exercises.push(ExerciseLog {
                name,
                sets: vec![log],
            }),
        }
    }
    if sets.is_empty() {
        warnings.push(format!(
            "strength session at {started_at}: the file has no set messages, so its exercises are unknown"
        ));
    }
    StrengthSession {
        started_at,
        duration_s,
        title: s
            .name
            .clone()
            .or_else(|| Some("Strength training".to_owned())),
        rpe: None,
        source: source.to_owned(),
        exercises,
    }
}

/// "bench_press" → "Bench Press", from the FIT exercise category.
fn exercise_name(category: Option<u16>) -> String {
    let Some(name) = category.and_then(|c| named(typedef::ExerciseCategory(c).to_string())) else {
        return "Unknown exercise".to_owned();
    };
    name.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A set no one lifted (a reps or weight field the store would refuse) is dropped with a warning, as
    /// the CSV readers drop it, instead of failing the whole file in the store.
    #[test]
    fn absurd_strength_sets_are_dropped_not_stored() {
        let set = |reps: u16, weight_kg: f64| SetMsg {
            time: None,
            duration_s: Some(30.0),
            reps: Some(reps),
            weight_kg: Some(weight_kg),
            active: true,
            category: Some(28),
        };
        let mut warnings = Vec::new();
        let session = SessionMsg {
            elapsed_s: Some(13.0 * 3600.0),
            ..SessionMsg::default()
        };
        let lift = strength_session(
            &session,
            jiff::Timestamp::UNIX_EPOCH,
            vec![set(5, 100.0), set(60_000, 4000.0)],
            "test",
            &mut warnings,
        );
        let sets = &lift.exercises[0].sets;
        assert_eq!((sets[0].reps, sets[0].weight_kg), (Some(5), Some(100.0)));
        assert_eq!((sets[1].reps, sets[1].weight_kg), (None, None));
        assert_eq!(lift.duration_s, None, "{warnings:?}");
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[1].contains("set reps 60000 is implausible"));
    }

    #[test]
    fn sports_map_like_the_profile_says() {
        let cardio = |s, u| match map_sport(s, u) {
            Kind::Cardio(sport) => Some(sport),
            _ => None,
        };
        assert_eq!(cardio(1, 3), Some(Sport::Run)); // trail
        assert_eq!(cardio(4, 15), Some(Sport::Elliptical));
        assert_eq!(cardio(4, 14), Some(Sport::Row));
        assert_eq!(cardio(4, 6), Some(Sport::Cycle));
        assert_eq!(cardio(10, 26), Some(Sport::Other)); // cardio training
        assert!(matches!(map_sport(10, 20), Kind::Strength));
        assert!(matches!(map_sport(3, 0), Kind::Transition));
    }

    #[test]
    fn crc16_matches_the_fit_sdk_check_value() {
        // CRC-16/ARC check value for "123456789".
        assert_eq!(crc16(b"123456789"), 0xBB3D);
        assert_eq!(crc16(&[]), 0);
        // Eight at a time agrees with one at a time for every length and alignment.
        let data: Vec<u8> = (0..1000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for len in 0..data.len() {
            let bytewise = data[..len].iter().fold(0u16, |crc, &b| {
                (crc >> 8) ^ CRC_TABLES[0][usize::from((crc ^ u16::from(b)) as u8)]
            });
            assert_eq!(crc16(&data[..len]), bytewise, "length {len}");
        }
    }

    #[test]
    fn values_of_another_base_type_or_size_are_read() {
        assert_eq!(uint(&Value::Uint8(4)), Some(4));
        assert_eq!(uint(&Value::Uint8(0xFF)), None);
        assert_eq!(uint(&Value::ArrayUint8(Box::new([4, 0xFF]))), Some(4));
        assert_eq!(uint(&Value::ArrayUint32(Box::new([0xFFFF_FFFF]))), None);
        assert_eq!(uint(&Value::Int32(1_000_000_000)), Some(1_000_000_000));
        assert_eq!(uint(&Value::Int32(-5)), None);
        assert_eq!(uint(&Value::Uint64(7)), Some(7));
        assert_eq!(uint8(&Value::Uint16(4)), Some(4));
    }

    #[test]
    fn exercise_names_are_title_case() {
        assert_eq!(exercise_name(Some(0)), "Bench Press");
        assert_eq!(exercise_name(Some(28)), "Squat");
        assert_eq!(exercise_name(None), "Unknown exercise");
    }
}
