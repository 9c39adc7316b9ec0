//! Output.
pub mod plan;
pub mod write;
