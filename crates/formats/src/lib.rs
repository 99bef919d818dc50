//! File readers (placeholder).
