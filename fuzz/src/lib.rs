//! Shared by the fuzz targets: read the input under a name that selects one format (its extension
//! breaks the tie when the content is not recognised), then under a name without an extension
//! (content detection alone), and hold what comes back to the readers' contract — the same check the
//! stable robustness test applies (`crates/formats/tests/common/sanity.rs`).

#[path = "../../crates/formats/tests/common/sanity.rs"]
pub mod sanity;

use afterlift_formats::{ReadOptions, read};

/// Reads `data` as `name` and as `input`; panics (a fuzz finding) when a result breaks the contract:
/// sessions outside `sanity`'s bounds, or an error that does not name the file or say what was wrong.
pub fn read_both(data: &[u8], name: &str) {
    for n in [name, "input"] {
        match read(data, n, &ReadOptions::default()) {
            Ok(parsed) => {
                if let Err(broken) = sanity::check_parsed(&parsed) {
                    panic!("{n}: {broken}");
                }
            }
            Err(e) => assert!(
                e.file == n && !e.message.is_empty(),
                "{n}: an error must name the file and say what was expected: {e:?}"
            ),
        }
    }
}
