//! Published formulas (placeholder: being written).
