//! Output: bytes and paths only, no domain types. [`plan`] holds files in memory, sorted;
//! [`write`](mod@write) decides whether a folder is a safe place to write; [`staged`] writes a
//! staging copy as files arrive and swaps it into place. A build hands its files, one at a
//! time, to an [`Emit`]: a plan, a staged folder, or only their paths (`check`).
pub mod plan;
pub mod staged;
pub mod write;

pub use plan::{OutputFile, OutputPlan, PlanError};
pub use staged::StagedOutput;
pub use write::{
    Emit, PathCollector, PlanCollector, WriteError, WriteStats, check_output_dir,
    check_replaceable, write_plan,
};
