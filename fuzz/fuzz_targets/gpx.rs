//! Fuzz target: any bytes named `x.gpx` (and unnamed) through `afterlift_formats::read`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| afterlift_fuzz::read_both(data, "x.gpx"));
