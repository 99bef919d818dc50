//! stub
use crate::error::ReadError;
use crate::{Output, ReadOptions};
pub(crate) fn read(_bytes: &[u8], _file: &str, _opts: &ReadOptions) -> Result<Output, ReadError> {
    Ok(Output::default())
}
