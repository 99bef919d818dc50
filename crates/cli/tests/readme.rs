//! The README tells the truth: its advice example is the binary's real output, and its JSON response is what
//! its own JSON request gets. When the answer changes, a failure here prints the real output to paste.

use assert_cmd::Command;
use serde_json::Value;

const README: &str = include_str!("../../../README.md");

/// The fenced block that follows the line containing `marker`.
fn block_after(marker: &str) -> String {
    let start = README
        .find(marker)
        .unwrap_or_else(|| panic!("README has no '{marker}'"));
    let rest = &README[start..];
    let open = rest.find("```").expect("a fenced block follows");
    let body = &rest[open..];
    let body = &body[body.find('\n').unwrap() + 1..];
    let close = body.find("\n```").expect("the block is closed");
    body[..close].to_string()
}

fn afterlift(dir: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("afterlift").unwrap();
    // The README's times are UTC: the same on every machine, whatever its zone.
    cmd.env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env("AFTERLIFT_DB", dir.path().join("log.db"));
    cmd
}

/// Every field the README shows is the real one: strings ending in "…" are prefixes, arrays show their
/// first elements, numbers agree to 0.05.
fn shown_in(readme: &Value, real: &Value, path: &str) -> Result<(), String> {
    match (readme, real) {
        (Value::String(shown), Value::String(got)) => match shown.strip_suffix('…') {
            Some(prefix) if got.starts_with(prefix) => Ok(()),
            None if shown == got => Ok(()),
            _ => Err(format!("{path}: README {shown:?}, real {got:?}")),
        },
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            if (a - b).abs() <= 0.05 {
                Ok(())
            } else {
                Err(format!("{path}: README {a}, real {b}"))
            }
        }
        (Value::Object(shown), Value::Object(got)) => {
            for (k, v) in shown {
                let g = got
                    .get(k)
                    .ok_or_else(|| format!("{path}.{k}: not in the real answer"))?;
                shown_in(v, g, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(shown), Value::Array(got)) => {
            if shown.len() > got.len() {
                return Err(format!(
                    "{path}: README shows {} items, real {}",
                    shown.len(),
                    got.len()
                ));
            }
            for (i, (s, g)) in shown.iter().zip(got).enumerate() {
                shown_in(s, g, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (a, b) if a == b => Ok(()),
        (a, b) => Err(format!("{path}: README {a}, real {b}")),
    }
}

#[test]
fn the_json_example_is_what_its_request_gets() {
    let request: Value =
        serde_json::from_str(&block_after("Request:")).expect("the README request is JSON");
    let shown: Value =
        serde_json::from_str(&block_after("Response:")).expect("the README response is JSON");
    let dir = tempfile::tempdir().unwrap();
    let out = afterlift(&dir)
        .args(["advise", "--json", "--input", "-"])
        .write_stdin(request.to_string())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let real: Value = serde_json::from_slice(&out).unwrap();
    if let Err(e) = shown_in(&shown, &real, "response") {
        panic!(
            "the README's response is not what its request gets ({e}); real answer:\n{}",
            serde_json::to_string_pretty(&real).unwrap()
        );
    }
}

#[test]
fn the_advice_example_is_the_real_output() {
    let block = block_after("## What it says");
    let mut lines = block.lines();
    // The command: the first line after `$ `, continued with `\`.
    let mut command = String::new();
    for line in lines.by_ref() {
        let line = line.trim().trim_start_matches("$ ");
        match line.strip_suffix('\\') {
            Some(part) => command.push_str(part),
            None => {
                command.push_str(line);
                break;
            }
        }
    }
    let shown: Vec<&str> = lines.collect();
    let args = shell_words(&command);
    assert_eq!(args[0], "afterlift");
    let dir = tempfile::tempdir().unwrap();
    let out = afterlift(&dir)
        .args(&args[1..])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let real = String::from_utf8(out).unwrap();
    let real: Vec<&str> = real.lines().collect();
    assert_eq!(
        shown.join("\n").trim_end(),
        real.join("\n").trim_end(),
        "the README's advice example is not the real output of `{command}`"
    );
}

/// Splits a command line on spaces, keeping "double-quoted" words whole.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}
