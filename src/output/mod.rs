//! Output: bytes and paths only, no domain types. A build hands its files, one at a time,
//! to an [`Emit`] ([`emit`]): a plan in memory ([`plan`]), a staged folder ([`staged`]:
//! written as files arrive, then swapped into place), or only their paths (`check`).
//! [`target`] decides which folders may be written at all; [`error`] says why a check or a
//! write failed.
//!
//! Dependencies run one way: `staged` uses `emit` and `target`; those two use `error`; all of
//! them may use `plan`, which uses none.
pub mod emit;
pub mod error;
pub mod plan;
pub mod staged;
pub mod target;

pub use emit::{Emit, FileWriter, PathCollector, PlanCollector};
pub use error::WriteError;
pub use plan::{OutputPlan, PlanError};
pub use staged::StagedOutput;
pub use target::{check_output_dir, check_replaceable};
