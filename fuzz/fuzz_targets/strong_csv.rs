//! Fuzz target: any bytes named `strong.csv` (and unnamed) through `afterlift_formats::read`.
//! CSV has no magic bytes, so detection goes by the header line; seeds are Strong exports.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| afterlift_fuzz::read_both(data, "strong.csv"));
