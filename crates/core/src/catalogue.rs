//! The exercise catalogue (placeholder: being written).
