//! Shared by the fuzz targets: read the input under a name that selects one format (its extension
//! breaks the tie when the content is not recognised), then under a name without an extension
//! (content detection alone), and hold what comes back to the readers' contract — the same check the
//! stable robustness test applies (`crates/formats/tests/common/sanity.rs`).

#[path = "../../crates/formats/tests/common/sanity.rs"]
pub mod sanity;

use afterlift_formats::{ReadOptions, read};

/// Reads `data` as `name` and as `input`; panics (a fuzz finding) when a result breaks the contract.
pub fn read_both(data: &[u8], name: &str) {
    for n in [name, "input"] {
        if let Ok(parsed) = read(data, n, &ReadOptions::default())
            && let Err(broken) = sanity::check_parsed(&parsed)
        {
            panic!("{n}: {broken}");
        }
    }
}
