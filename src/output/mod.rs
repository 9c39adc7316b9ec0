//! Output: bytes and paths only, no domain types. [`plan`] holds everything a build will
//! write, in memory and sorted; [`write`] decides whether a folder is a safe place to write
//! and swaps a staged copy into it.
pub mod plan;
pub mod write;

pub use plan::{OutputFile, OutputPlan, PlanError};
pub use write::{WriteError, WriteStats, check_output_dir, check_replaceable, write_plan};
