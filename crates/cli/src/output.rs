//! Writing to stdout without panicking: a closed pipe (`afterlift … | head`) ends the output quietly.

use std::io::{ErrorKind, Write};

use serde::Serialize;

/// Pretty JSON and a newline on stdout.
pub fn json<T: Serialize>(value: &T) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let result = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out));
    quiet_pipe(result)
}

/// Human output through anstream (colour only on a terminal, NO_COLOR honoured).
pub fn human(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut out = anstream::stdout().lock();
    quiet_pipe(write(&mut out))
}

fn quiet_pipe(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The largest `--input` request read: a request is a few kilobytes; the HTTP API allows 256 KiB.
pub const MAX_INPUT_BYTES: u64 = 1024 * 1024;

/// An `--input` file (or standard input with `-`) as text, with the name it goes by in messages;
/// at most [`MAX_INPUT_BYTES`], so `--input /dev/zero` ends with an error instead of filling memory.
pub fn read_input(path: &std::path::Path) -> Result<(String, String), String> {
    use std::io::Read;
    let (name, reader): (String, Box<dyn Read>) = if path.as_os_str() == "-" {
        ("standard input".into(), Box::new(std::io::stdin()))
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        (path.display().to_string(), Box::new(file))
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "{name}: expected a JSON request of at most {} KiB, found more",
            MAX_INPUT_BYTES / 1024
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: expected UTF-8 text, found a byte that is not at byte {}",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((name, text))
}
