//! Rendering.
pub mod markdown;
