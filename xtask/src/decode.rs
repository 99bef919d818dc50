//! The baselines `afterlift import` is measured against, as small processes: the bare rustyfit
//! streaming decoder (`bare-decode`) and the floor (`crc`: read each file and check its FIT CRC-16).
//!
//! `bare-decode` is configured as afterlift's reader configures rustyfit (component expansion
//! off) but with rustyfit's own CRC check on, and extracts the values afterlift keeps from each
//! `record` (timestamp, position, heart rate, distance, speed, altitude), matched by field number.

use std::path::PathBuf;

use rustyfit::profile::typedef::MesgNum;
use rustyfit::proto::Value;
use rustyfit::{Decoder, DecoderEvent, StreamingIterator};

/// What the decoders saw, printed so that nothing is optimised away and runs can be compared.
#[derive(Debug, Default)]
pub struct Tally {
    pub files: usize,
    pub bytes: u64,
    pub messages: u64,
    pub records: u64,
    /// A sum over the extracted values.
    pub check: u64,
    pub errors: usize,
}

fn raw(v: &Value) -> u64 {
    match *v {
        Value::Uint8(x) => u64::from(x),
        Value::Uint16(x) => u64::from(x),
        Value::Uint32(x) => u64::from(x),
        Value::Int32(x) => x as u64,
        _ => 0,
    }
}

/// Decodes every file with rustyfit's streaming decoder; `defaults` keeps rustyfit's defaults
/// (component expansion on) instead of afterlift's configuration.
pub fn bare(files: &[PathBuf], defaults: bool) -> anyhow::Result<Tally> {
    let mut decoder = if defaults {
        Decoder::new()
    } else {
        Decoder::builder()
            .expand_components(false)
            .checksum(true)
            .build()
    };
    let mut t = Tally::default();
    for path in files {
        let bytes = std::fs::read(path)?;
        t.files += 1;
        t.bytes += bytes.len() as u64;
        let mut stream = decoder.stream(bytes.as_slice());
        while let Some(event) = stream.next() {
            match event {
                Ok(DecoderEvent::Message(m)) => {
                    t.messages += 1;
                    if m.num == MesgNum::RECORD {
                        t.records += 1;
                        for f in &m.fields {
                            if matches!(f.num, 253 | 0 | 1 | 3 | 5 | 73 | 78) {
                                t.check = t.check.wrapping_add(raw(&f.value));
                            }
                        }
                    }
                }
                Ok(_) => {}
                Err(_) => {
                    t.errors += 1;
                    break;
                }
            }
        }
    }
    Ok(t)
}

/// CRC-16 of the FIT protocol (CRC-16/ARC), table-driven, one byte at a time.
pub fn crc16(bytes: &[u8]) -> u16 {
    const TABLE: [u16; 256] = {
        let mut table = [0u16; 256];
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
            table[i] = crc;
            i += 1;
        }
        table
    };
    bytes.iter().fold(0u16, |crc, &b| {
        (crc >> 8) ^ TABLE[usize::from((crc ^ u16::from(b)) as u8)]
    })
}

/// The floor: read each file and check the CRC over all its bytes (header and data, then the
/// stored CRC: a whole intact FIT file sums to 0).
pub fn crc(files: &[PathBuf]) -> anyhow::Result<Tally> {
    let mut t = Tally::default();
    for path in files {
        let bytes = std::fs::read(path)?;
        t.files += 1;
        t.bytes += bytes.len() as u64;
        if crc16(&bytes) != 0 {
            t.errors += 1;
        }
    }
    Ok(t)
}
