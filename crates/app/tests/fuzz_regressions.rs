//! Inputs the `advice_json` fuzz target (`fuzz/`) found, kept so they stay fixed. Each names the
//! finding and what the fix guarantees.

use afterlift_app::fields::{JsonError, from_json_slice};
use afterlift_core::contract::AdviceRequest;

/// Found by `advice_json` (2026-11-25): an unknown key that is the empty string, at the top level,
/// gave a field error whose field was "" — an error that names no field. Now it is named `""`.
#[test]
fn an_empty_unknown_key_is_named() {
    let after_athlete =
        br#"{"athlete": {"age": 30, "sex": "male", "weight_kg": 70, "goal": "general"}, "": 1}"#;
    for input in [&b"{\"\""[..], b"{\"\": 1}", after_athlete] {
        let Err(JsonError::Field(e)) = from_json_slice::<AdviceRequest>(input) else {
            panic!("{}: expected a field error", String::from_utf8_lossy(input));
        };
        assert_eq!(e.field, "\"\"", "{}", String::from_utf8_lossy(input));
        assert!(e.message.starts_with("unknown field"), "{}", e.message);
    }
}
