//! "Now" for every command: the global `--now TIME`, else the clock. Read once per run, so that one
//! command sees one instant (today's check-in, this week's Monday and `--ended 3h` all agree).

use jiff::Timestamp;

use crate::advise::parse_time;
use crate::args::Global;
use crate::failure::Failure;

/// `--now` (RFC 3339, or how long before the clock's now), else the clock.
pub fn now(global: &Global) -> Result<Timestamp, Failure> {
    let clock = Timestamp::now();
    match &global.now {
        Some(text) => {
            parse_time(text, clock).map_err(|m| Failure::invalid("--now", m, global.json))
        }
        None => Ok(clock),
    }
}
