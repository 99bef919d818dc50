//! Fuzz target: bytes → `serde_json` → `AdviceRequest` → `afterlift_core::advice::advise`.
//! Validation must turn every bad value into an `InvalidRequest`; nothing may panic (NaN and
//! infinities cannot come from JSON, but huge numbers, far dates and odd combinations can).
#![no_main]

use afterlift_core::contract::AdviceRequest;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(request) = serde_json::from_slice::<AdviceRequest>(data) else {
        return;
    };
    let now = jiff::Timestamp::from_second(1_767_225_600).unwrap(); // 2026-01-01T00:00:00Z
    if let Ok(response) = afterlift_core::advice::advise(&request, now) {
        // The response is the public contract: it must serialise.
        serde_json::to_vec(&response).unwrap();
    }
});
