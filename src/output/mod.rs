//! Output: bytes and paths only, no domain types. [`plan`] holds everything a build will
//! write, in memory and sorted; [`write`] decides whether a folder is a safe place to write
//! and swaps a staged copy into it ([`staged`]); a build emits its files through [`Emit`] into
//! either.
pub mod plan;
pub mod staged;
pub mod write;

pub use plan::{OutputFile, OutputPlan, PlanError};
pub use staged::StagedOutput;
pub use write::{
    Emit, PathCollector, PlanCollector, WriteError, WriteStats, check_output_dir,
    check_replaceable, write_plan,
};
