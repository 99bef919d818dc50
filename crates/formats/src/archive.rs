//! stub
use crate::error::ReadError;
use crate::{Parsed, ReadOptions};
pub(crate) fn read_gzip(
    _bytes: &[u8],
    _source: &str,
    _detect: &str,
    _opts: &ReadOptions,
    _depth: u8,
) -> Result<Vec<Parsed>, ReadError> {
    Ok(vec![])
}
pub(crate) fn read_zip(
    _bytes: &[u8],
    _source: &str,
    _opts: &ReadOptions,
    _depth: u8,
) -> Result<Vec<Parsed>, ReadError> {
    Ok(vec![])
}
