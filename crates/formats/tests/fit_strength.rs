//! A FIT strength-training workout (encoded here with rustyfit: no sample file has one) becomes a
//! strength session with its exercises from the `set` messages.

use afterlift_core::session::Sport;
use afterlift_formats::{Content, ReadOptions, read};
use rustyfit::Encoder;
use rustyfit::profile::{mesgdef, typedef};
use rustyfit::proto::{FIT, Message};

/// 2024-01-01T10:00:00Z in FIT time.
const START: u32 = 1_704_103_200 - 631_065_600;

fn set(offset_s: u32, reps: u16, weight_kg: f64, active: bool, category: u16) -> Message {
    let mut s = mesgdef::Set::new();
    s.timestamp = typedef::DateTime(START + offset_s + 30);
    s.start_time = typedef::DateTime(START + offset_s);
    s.duration = 30_000;
    s.repetitions = reps;
    s.weight = (weight_kg * 16.0) as u16;
    s.set_type = typedef::SetType(u8::from(active));
    s.category = Box::new([typedef::ExerciseCategory(category)]);
    s.into()
}

fn session(sport: u8, sub_sport: u8, start: u32, seconds: u32) -> Message {
    let mut s = mesgdef::Session::new();
    s.timestamp = typedef::DateTime(start + seconds);
    s.start_time = typedef::DateTime(start);
    s.sport = typedef::Sport(sport);
    s.sub_sport = typedef::SubSport(sub_sport);
    s.total_elapsed_time = seconds * 1000;
    s.total_timer_time = seconds * 1000;
    s.avg_heart_rate = 110;
    s.into()
}

fn encode(messages: Vec<Message>) -> Vec<u8> {
    let mut file_id = mesgdef::FileId::new();
    file_id.r#type = typedef::File::ACTIVITY;
    file_id.manufacturer = typedef::Manufacturer::GARMIN;
    file_id.time_created = typedef::DateTime(START);
    let mut all = vec![Message::from(file_id)];
    all.extend(messages);
    let mut fit = FIT {
        messages: all,
        ..FIT::default()
    };
    let mut out = Cursor::default();
    Encoder::new().encode(&mut out, &mut fit).expect("encode");
    out.buf
}

/// An in-memory file for rustyfit's encoder (which writes, then seeks back to fix the header).
#[derive(Default)]
struct Cursor {
    buf: Vec<u8>,
    pos: usize,
}

impl embedded_io::ErrorType for Cursor {
    type Error = core::convert::Infallible;
}

impl embedded_io::Write for Cursor {
    fn write(&mut self, data: &[u8]) -> Result<usize, Self::Error> {
        let end = self.pos + data.len();
        if self.buf.len() < end {
            self.buf.resize(end, 0);
        }
        self.buf[self.pos..end].copy_from_slice(data);
        self.pos = end;
        Ok(data.len())
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

impl embedded_io::Seek for Cursor {
    fn seek(&mut self, pos: embedded_io::SeekFrom) -> Result<u64, Self::Error> {
        self.pos = match pos {
            embedded_io::SeekFrom::Start(n) => n as usize,
            embedded_io::SeekFrom::End(n) => (self.buf.len() as i64 + n) as usize,
            embedded_io::SeekFrom::Current(n) => (self.pos as i64 + n) as usize,
        };
        Ok(self.pos as u64)
    }
}

#[test]
fn strength_session_with_sets() {
    let bytes = encode(vec![
        set(0, 10, 40.0, true, 0),    // bench press, warm-up weight
        set(60, 0, 0.0, false, 0),    // rest
        set(120, 8, 80.0, true, 0),   // bench press
        set(240, 5, 100.0, true, 28), // squat
        session(10, 20, START, 1800),
    ]);
    let parsed = read(&bytes, "lift.fit", &ReadOptions::default()).unwrap();
    assert_eq!(parsed.len(), 1);
    let Content::Lifts(lifts) = &parsed[0].content else {
        panic!("{parsed:?}")
    };
    let s = &lifts[0];
    assert_eq!(s.started_at, "2024-01-01T10:00:00Z".parse().unwrap());
    assert_eq!(s.duration_s, Some(1800.0));
    assert_eq!(s.title.as_deref(), Some("Strength training"));
    let names: Vec<&str> = s.exercises.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Bench Press", "Squat"]);
    let bench: Vec<(Option<u32>, Option<f64>)> = s.exercises[0]
        .sets
        .iter()
        .map(|x| (x.reps, x.weight_kg))
        .collect();
    assert_eq!(bench, [(Some(10), Some(40.0)), (Some(8), Some(80.0))]);
    assert_eq!(s.exercises[1].sets[0].duration_s, Some(30.0));
}

#[test]
fn strength_without_sets_warns_and_cardio_beside_it_is_an_activity() {
    let bytes = encode(vec![
        session(10, 20, START, 1800),
        session(1, 0, START + 1800, 600), // a run right after
    ]);
    let parsed = read(&bytes, "both.fit", &ReadOptions::default()).unwrap();
    assert_eq!(
        parsed.len(),
        2,
        "one item of activities, one of lifts: {parsed:?}"
    );
    let Content::Activities(acts) = &parsed[0].content else {
        panic!()
    };
    assert_eq!(
        (acts[0].sport, acts[0].elapsed_s, acts[0].avg_hr_bpm),
        (Sport::Run, 600.0, Some(110.0))
    );
    let Content::Lifts(lifts) = &parsed[1].content else {
        panic!()
    };
    assert!(lifts[0].exercises.is_empty());
    assert!(
        parsed[0]
            .warnings
            .iter()
            .any(|w| w.contains("no set messages")),
        "{:?}",
        parsed[0].warnings
    );
}
