//! The advisor (placeholder: being written).
