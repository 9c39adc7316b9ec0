//! Output.
pub mod plan;
pub mod write;

pub use plan::{OutputFile, OutputPlan, PlanError};
pub use write::{WriteError, WriteStats, check_output_dir, write_plan};
