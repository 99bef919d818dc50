//! stub
use crate::Format;
pub(crate) const STRONG_HEADER_HINT: &str = "Date,Workout Name,…";
pub(crate) const HEVY_HEADER_HINT: &str = "title,start_time,…";
pub(crate) fn detect_header(_text: &[u8]) -> Option<Format> {
    None
}
pub(crate) fn first_line(_text: &[u8]) -> Option<String> {
    None
}
