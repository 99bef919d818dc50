//! Shared request validation: collects every wrong field with its path and the valid range.

use crate::contract::{FieldError, InvalidRequest};

#[derive(Default)]
pub(crate) struct Checker {
    pub(crate) errors: Vec<FieldError>,
}

impl Checker {
    pub(crate) fn fail(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    pub(crate) fn range(
        &mut self,
        field: &str,
        value: f64,
        (lo, hi): (f64, f64),
        unit: &str,
    ) -> f64 {
        if !value.is_finite() || value < lo || value > hi {
            self.fail(
                field,
                format!(
                    "{} is out of range: expected {lo}–{hi} {unit}",
                    shown(value)
                ),
            );
        }
        value
    }

    pub(crate) fn opt_range(&mut self, field: &str, value: Option<f64>, r: (f64, f64), unit: &str) {
        if let Some(v) = value {
            self.range(field, v, r, unit);
        }
    }

    pub(crate) fn hooper(&mut self, field: &str, value: Option<u8>) {
        let (lo, hi) = crate::advice::context::limits::HOOPER;
        if let Some(v) = value
            && !(lo..=hi).contains(&v)
        {
            self.fail(
                field,
                format!("{v} is out of range: expected {lo} (very good) … {hi} (very bad)"),
            );
        }
    }

    pub(crate) fn finish(self) -> Result<(), InvalidRequest> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(InvalidRequest {
                errors: self.errors,
            })
        }
    }
}

/// A number as an error message shows it: as typed for everyday values, in scientific notation when it
/// is huge or tiny (`1e300`, not three hundred digits).
pub fn shown(value: f64) -> String {
    let size = value.abs();
    if size != 0.0 && !(1e-4..1e9).contains(&size) {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod shown_tests {
    #[test]
    fn numbers_are_shown_compactly() {
        assert_eq!(super::shown(72.5), "72.5");
        assert_eq!(super::shown(1e300), "1e300");
        assert_eq!(super::shown(-2.5e-7), "-2.5e-7");
        assert_eq!(super::shown(f64::NAN), "NaN");
        assert_eq!(super::shown(0.0), "0");
    }
}
