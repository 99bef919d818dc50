//! Fuzz target: bytes → JSON → `AdviceRequest` → `afterlift_core::advice::advise`, the way the CLI's
//! `--input` and the HTTP API read a request (`afterlift_app::fields::from_json_slice`, which names the
//! failing field or the line and column), checked against plain `serde_json`. Validation must turn every
//! bad value into an `InvalidRequest`; nothing may panic (NaN and infinities cannot come from JSON, but
//! huge numbers, far dates and odd combinations can), and the response must serialise.
#![no_main]

use afterlift_app::fields::{JsonError, from_json_slice};
use afterlift_core::contract::AdviceRequest;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let plain = serde_json::from_slice::<AdviceRequest>(data);
    let request = match from_json_slice::<AdviceRequest>(data) {
        Ok(request) => request,
        Err(e) => {
            assert!(
                plain.is_err(),
                "from_json_slice refused what serde_json reads: {e}"
            );
            match &e {
                JsonError::Malformed { line, column, .. } => {
                    assert!(*line >= 1 && *column <= data.len() + 1, "{e}")
                }
                JsonError::Field(f) => {
                    assert!(!f.field.is_empty() && !f.message.is_empty(), "{e:?}")
                }
            }
            return;
        }
    };
    assert_eq!(
        plain.as_ref().ok(),
        Some(&request),
        "the two JSON paths disagree"
    );
    let now = jiff::Timestamp::from_second(1_767_225_600).unwrap(); // 2026-01-01T00:00:00Z
    match afterlift_core::advice::advise(&request, now) {
        Ok(response) => {
            serde_json::to_vec(&response).unwrap();
        }
        Err(invalid) => assert!(
            !invalid.errors.is_empty(),
            "an invalid request names its fields"
        ),
    }
});
