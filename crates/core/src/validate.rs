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
                format!("{value} is out of range: expected {lo}–{hi} {unit}"),
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
