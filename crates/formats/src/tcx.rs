//! stub
use crate::Output;
use crate::error::ReadError;
pub(crate) fn read(_bytes: &[u8], _file: &str) -> Result<Output, ReadError> {
    Ok(Output::default())
}
