//! A simulated recording as a FIT activity file, written with rustyfit's streaming encoder in the
//! order a Garmin watch writes it: `file_id`, two `device_info` (the watch, a chest strap), a timer
//! start `event`, per-second `record`s with `lap`s and timer stop/start events where they happen,
//! a final stop event, the last lap, the `session` and the `activity`.
//!
//! Records carry what a current running watch logs: position, distance, enhanced speed and
//! altitude, heart rate, cadence (+ fractional), temperature, power and accumulated power,
//! running dynamics (vertical oscillation, ground contact time and balance, vertical ratio, step
//! length), respiration rate, plus two fields the public profile does not define (Garmin writes
//! several; decoders must skip them) — about 65 bytes a record, as in real files.

use rustyfit::profile::mesgdef;
use rustyfit::profile::typedef::{self, FitBaseType, MesgNum};
use rustyfit::proto::{Field, Message, Value};
use rustyfit::{Encoder, HeaderOption};

use crate::physiology::{Point, Recording, Sport};

/// Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
pub const FIT_EPOCH_UNIX_S: i64 = 631_065_600;
const SEMICIRCLES_PER_DEG: f64 = 2_147_483_648.0 / 180.0;

/// Encodes `rec` started at `start_unix` (UTC seconds) with the local clock `utc_offset_s` ahead.
pub fn encode(
    rec: &Recording,
    sport: Sport,
    start_unix: i64,
    utc_offset_s: i32,
    serial: u32,
) -> anyhow::Result<Vec<u8>> {
    let start = fit_time(start_unix);
    let mut out = VecCursor::with_capacity(rec.points.len() * 66 + 4096);
    let mut encoder = Encoder::builder()
        .header_option(HeaderOption::Normal(7))
        .build();
    let mut stream = encoder.stream(&mut out);
    let mut put = |m: Message| -> anyhow::Result<()> {
        let mut m = m;
        stream
            .write_message(&mut m)
            .map_err(|e| anyhow::anyhow!("encoding {}: {e}", m.num))
    };

    let mut file_id = mesgdef::FileId::new();
    file_id.r#type = typedef::File::ACTIVITY;
    file_id.manufacturer = typedef::Manufacturer::GARMIN;
    file_id.product = 3113; // a Forerunner-class watch
    file_id.serial_number = serial;
    file_id.time_created = typedef::DateTime(start);
    put(file_id.into())?;

    let mut watch = mesgdef::DeviceInfo::new();
    watch.timestamp = typedef::DateTime(start);
    watch.device_index = typedef::DeviceIndex(0);
    watch.manufacturer = typedef::Manufacturer::GARMIN;
    watch.product = 3113;
    watch.serial_number = serial;
    watch.software_version = 1830;
    put(watch.into())?;
    let mut strap = mesgdef::DeviceInfo::new();
    strap.timestamp = typedef::DateTime(start);
    strap.device_index = typedef::DeviceIndex(1);
    strap.manufacturer = typedef::Manufacturer::GARMIN;
    strap.product = 2327;
    strap.serial_number = serial ^ 0x5A5A;
    strap.battery_status = typedef::BatteryStatus::GOOD;
    put(strap.into())?;

    put(timer_event(start, typedef::EventType::START))?;

    let mut stops = rec.stops.iter().peekable();
    let mut lap_ends = rec.lap_ends.iter().peekable();
    let mut lap_from = 0usize;
    let mut accumulated_power = 0u32;
    let mut laps: Vec<LapStats> = Vec::new();
    for (i, p) in rec.points.iter().enumerate() {
        if let Some(&&(from, to)) = stops.peek()
            && p.t >= to
        {
            stops.next();
            put(timer_event(start + from, typedef::EventType::STOP_ALL))?;
            put(timer_event(start + to, typedef::EventType::START))?;
        }
        accumulated_power = accumulated_power.wrapping_add(p.power_w as u32);
        put(record(start, p, sport, accumulated_power))?;
        if lap_ends.peek() == Some(&&i) {
            lap_ends.next();
            let stats = LapStats::of(&rec.points[lap_from..=i], rec, start);
            if i + 1 == rec.points.len() {
                put(timer_event(start + p.t, typedef::EventType::STOP_ALL))?;
            }
            put(stats.lap(sport))?;
            laps.push(stats);
            lap_from = i + 1;
        }
    }

    let all = LapStats::of(&rec.points, rec, start);
    let end = start + rec.points.last().map_or(0, |p| p.t);
    let mut session = all.session(sport);
    session.num_laps = laps.len() as u16;
    put(session.into())?;

    let mut activity = mesgdef::Activity::new();
    activity.timestamp = typedef::DateTime(end);
    activity.total_timer_time = all.timer_s * 1000;
    activity.num_sessions = 1;
    activity.r#type = typedef::Activity::MANUAL;
    activity.event = typedef::Event::ACTIVITY;
    activity.event_type = typedef::EventType::STOP;
    activity.local_timestamp = typedef::LocalDateTime(end.wrapping_add_signed(utc_offset_s));
    put(activity.into())?;

    stream
        .finish()
        .map_err(|e| anyhow::anyhow!("finishing the FIT file: {e}"))?;
    Ok(out.buf)
}

fn fit_time(unix: i64) -> u32 {
    u32::try_from(unix - FIT_EPOCH_UNIX_S).unwrap_or(0)
}

fn timer_event(t: u32, kind: typedef::EventType) -> Message {
    let mut e = mesgdef::Event::new();
    e.timestamp = typedef::DateTime(t);
    e.event = typedef::Event::TIMER;
    e.event_type = kind;
    e.event_group = 0;
    e.into()
}

fn field(num: u8, base_type: FitBaseType, value: Value) -> Field {
    Field {
        num,
        base_type,
        value,
        is_expanded: false,
    }
}

fn u8v(x: f64) -> Value {
    Value::Uint8(x.round().clamp(0.0, 254.0) as u8)
}

fn u16v(x: f64) -> Value {
    Value::Uint16(x.round().clamp(0.0, 65_534.0) as u16)
}

fn u32v(x: f64) -> Value {
    Value::Uint32(x.round().clamp(0.0, 4_294_967_294.0) as u32)
}

/// One `record` message, built field by field (numbers and scales from the FIT profile).
fn record(start: u32, p: &Point, sport: Sport, accumulated_power: u32) -> Message {
    use FitBaseType as B;
    let mut fields = Vec::with_capacity(24);
    fields.push(field(253, B::UINT32, Value::Uint32(start + p.t)));
    fields.push(field(
        0,
        B::SINT32,
        Value::Int32((p.lat_deg * SEMICIRCLES_PER_DEG) as i32),
    ));
    fields.push(field(
        1,
        B::SINT32,
        Value::Int32((p.lon_deg * SEMICIRCLES_PER_DEG) as i32),
    ));
    fields.push(field(5, B::UINT32, u32v(p.distance_m * 100.0)));
    fields.push(field(73, B::UINT32, u32v(p.speed_mps * 1000.0)));
    fields.push(field(78, B::UINT32, u32v((p.alt_m + 500.0) * 5.0)));
    fields.push(field(3, B::UINT8, u8v(f64::from(p.hr))));
    fields.push(field(4, B::UINT8, u8v(p.cadence.floor())));
    fields.push(field(13, B::SINT8, Value::Int8(p.temp_c.round() as i8)));
    fields.push(field(7, B::UINT16, u16v(p.power_w)));
    fields.push(field(29, B::UINT32, Value::Uint32(accumulated_power)));
    match sport {
        Sport::Run => {
            fields.push(field(53, B::UINT8, u8v(p.cadence.fract() * 128.0)));
            if p.stance_ms > 0.0 {
                let steps_per_s = (p.cadence * 2.0 / 60.0).max(0.1);
                let step_mm = p.speed_mps / steps_per_s * 1000.0;
                fields.push(field(39, B::UINT16, u16v(p.vertical_osc_mm * 10.0)));
                fields.push(field(41, B::UINT16, u16v(p.stance_ms * 10.0)));
                fields.push(field(
                    40,
                    B::UINT16,
                    u16v(p.stance_ms / (60_000.0 / (p.cadence * 2.0).max(1.0)) * 100.0 * 100.0),
                ));
                fields.push(field(
                    83,
                    B::UINT16,
                    u16v(p.vertical_osc_mm / step_mm * 100.0 * 100.0),
                ));
                fields.push(field(84, B::UINT16, u16v(4_980.0 + (p.t % 7) as f64 * 6.0)));
                fields.push(field(85, B::UINT16, u16v(step_mm * 10.0)));
            }
        }
        Sport::Ride => {
            // Pedalling: balance (right share, bit 7 = "right"), torque effectiveness, smoothness.
            fields.push(field(
                30,
                B::UINT8,
                Value::Uint8(0x80 | (49 + (p.t % 3) as u8)),
            ));
            fields.push(field(43, B::UINT8, u8v(2.0 * (74.0 + (p.t % 5) as f64))));
            fields.push(field(44, B::UINT8, u8v(2.0 * (76.0 + (p.t % 4) as f64))));
            fields.push(field(45, B::UINT8, u8v(2.0 * (21.0 + (p.t % 3) as f64))));
            fields.push(field(46, B::UINT8, u8v(2.0 * (22.0 + (p.t % 3) as f64))));
        }
    }
    fields.push(field(108, B::UINT16, u16v(p.respiration * 100.0)));
    fields.push(field(31, B::UINT8, Value::Uint8(3 + (p.t % 3) as u8))); // gps_accuracy, m
    let activity_type = match sport {
        Sport::Run => 1,
        Sport::Ride => 2,
    };
    fields.push(field(42, B::ENUM, Value::Uint8(activity_type)));
    // Not in the public profile, as current Garmin watches write them (performance condition,
    // stamina and the like): decoders must carry them through or skip them.
    fields.push(field(
        90,
        B::SINT8,
        Value::Int8(((p.effort - 0.8) * 10.0) as i8),
    ));
    fields.push(field(107, B::UINT8, Value::Uint8(0)));
    fields.push(field(134, B::UINT16, u16v(f64::from(p.hr) * 10.0)));
    fields.push(field(135, B::UINT8, Value::Uint8(100)));
    fields.push(field(136, B::UINT8, u8v(f64::from(p.hr))));
    let stamina = (100.0 - f64::from(p.t) / 600.0).max(0.0);
    fields.push(field(137, B::UINT8, u8v(stamina)));
    fields.push(field(138, B::UINT8, u8v(stamina)));
    fields.push(field(143, B::UINT8, Value::Uint8(0)));
    fields.push(field(144, B::UINT16, u16v(p.power_w)));
    Message {
        num: MesgNum::RECORD,
        fields,
        ..Message::default()
    }
}

/// Summary of a run of points (a lap or the whole session).
struct LapStats {
    start: u32,
    end: u32,
    elapsed_s: u32,
    timer_s: u32,
    distance_m: f64,
    avg_hr: f64,
    max_hr: u8,
    avg_speed: f64,
    max_speed: f64,
    ascent_m: f64,
    descent_m: f64,
    avg_power: f64,
    avg_cadence: f64,
    kcal: f64,
}

impl LapStats {
    fn of(points: &[Point], rec: &Recording, fit_start: u32) -> LapStats {
        let (Some(first), Some(last)) = (points.first(), points.last()) else {
            return LapStats {
                start: fit_start,
                end: fit_start,
                elapsed_s: 0,
                timer_s: 0,
                distance_m: 0.0,
                avg_hr: 0.0,
                max_hr: 0,
                avg_speed: 0.0,
                max_speed: 0.0,
                ascent_m: 0.0,
                descent_m: 0.0,
                avg_power: 0.0,
                avg_cadence: 0.0,
                kcal: 0.0,
            };
        };
        let elapsed = last.t - first.t + 1;
        let paused: u32 = rec
            .stops
            .iter()
            .filter(|(from, to)| *from >= first.t && *to <= last.t)
            .map(|(from, to)| to - from)
            .sum();
        let timer = elapsed - paused;
        let n = points.len() as f64;
        let before = rec
            .points
            .iter()
            .take_while(|p| p.t < first.t)
            .last()
            .map_or(0.0, |p| p.distance_m);
        let distance = last.distance_m - before;
        let (mut up, mut down) = (0.0, 0.0);
        for w in points.windows(2) {
            let d = w[1].alt_m - w[0].alt_m;
            if d > 0.0 { up += d } else { down -= d }
        }
        let avg_power = points.iter().map(|p| p.power_w).sum::<f64>() / n;
        LapStats {
            start: fit_start + first.t,
            end: fit_start + last.t,
            elapsed_s: elapsed,
            timer_s: timer,
            distance_m: distance,
            avg_hr: points.iter().map(|p| f64::from(p.hr)).sum::<f64>() / n,
            max_hr: points.iter().map(|p| p.hr).max().unwrap_or(0),
            avg_speed: distance / f64::from(timer.max(1)),
            max_speed: points.iter().map(|p| p.speed_mps).fold(0.0, f64::max),
            ascent_m: up,
            descent_m: down,
            avg_power,
            avg_cadence: points.iter().map(|p| p.cadence).sum::<f64>() / n,
            // Mechanical work at ~24 % (riding) / running's ~1 kcal per kg per km via power.
            kcal: avg_power * f64::from(timer) / 4184.0 / 0.24,
        }
    }

    fn lap(&self, sport: Sport) -> Message {
        let mut l = mesgdef::Lap::new();
        l.timestamp = typedef::DateTime(self.end);
        l.start_time = typedef::DateTime(self.start);
        l.event = typedef::Event::LAP;
        l.event_type = typedef::EventType::STOP;
        l.total_elapsed_time = self.elapsed_s * 1000;
        l.total_timer_time = self.timer_s * 1000;
        l.total_distance = (self.distance_m * 100.0) as u32;
        l.avg_heart_rate = self.avg_hr.round() as u8;
        l.max_heart_rate = self.max_hr;
        l.enhanced_avg_speed = (self.avg_speed * 1000.0) as u32;
        l.enhanced_max_speed = (self.max_speed * 1000.0) as u32;
        l.total_ascent = self.ascent_m as u16;
        l.total_descent = self.descent_m as u16;
        l.avg_power = self.avg_power as u16;
        l.avg_cadence = self.avg_cadence as u8;
        l.total_calories = self.kcal as u16;
        l.sport = sport_of(sport);
        l.into()
    }

    fn session(&self, sport: Sport) -> mesgdef::Session {
        let mut s = mesgdef::Session::new();
        s.timestamp = typedef::DateTime(self.end);
        s.start_time = typedef::DateTime(self.start);
        s.event = typedef::Event::SESSION;
        s.event_type = typedef::EventType::STOP;
        s.sport = sport_of(sport);
        s.sub_sport = typedef::SubSport::GENERIC;
        s.total_elapsed_time = self.elapsed_s * 1000;
        s.total_timer_time = self.timer_s * 1000;
        s.total_distance = (self.distance_m * 100.0) as u32;
        s.avg_heart_rate = self.avg_hr.round() as u8;
        s.max_heart_rate = self.max_hr;
        s.enhanced_avg_speed = (self.avg_speed * 1000.0) as u32;
        s.enhanced_max_speed = (self.max_speed * 1000.0) as u32;
        s.total_ascent = self.ascent_m as u16;
        s.total_descent = self.descent_m as u16;
        s.avg_power = self.avg_power as u16;
        s.avg_cadence = self.avg_cadence as u8;
        s.total_calories = self.kcal as u16;
        s.first_lap_index = 0;
        s.trigger = typedef::SessionTrigger::ACTIVITY_END;
        s
    }
}

fn sport_of(sport: Sport) -> typedef::Sport {
    match sport {
        Sport::Run => typedef::Sport::RUNNING,
        Sport::Ride => typedef::Sport::CYCLING,
    }
}

/// An in-memory file for rustyfit's encoder (which writes, then seeks back to fix the header).
pub struct VecCursor {
    pub buf: Vec<u8>,
    pos: usize,
}

impl VecCursor {
    pub fn with_capacity(n: usize) -> Self {
        VecCursor {
            buf: Vec::with_capacity(n),
            pos: 0,
        }
    }
}

impl embedded_io::ErrorType for VecCursor {
    type Error = core::convert::Infallible;
}

impl embedded_io::Write for VecCursor {
    fn write(&mut self, data: &[u8]) -> Result<usize, Self::Error> {
        let end = self.pos + data.len();
        if self.pos == self.buf.len() {
            self.buf.extend_from_slice(data);
        } else {
            if self.buf.len() < end {
                self.buf.resize(end, 0);
            }
            self.buf[self.pos..end].copy_from_slice(data);
        }
        self.pos = end;
        Ok(data.len())
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

impl embedded_io::Seek for VecCursor {
    fn seek(&mut self, pos: embedded_io::SeekFrom) -> Result<u64, Self::Error> {
        self.pos = match pos {
            embedded_io::SeekFrom::Start(n) => n as usize,
            embedded_io::SeekFrom::End(n) => (self.buf.len() as i64 + n) as usize,
            embedded_io::SeekFrom::Current(n) => (self.pos as i64 + n) as usize,
        };
        Ok(self.pos as u64)
    }
}
